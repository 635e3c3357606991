"""Place responsibilities: a commitment located in a town, subdistrict or village involves that
level's government.
"""

from __future__ import annotations

from plankg.model import Commitment, Responsibility
from plankg.responsibility.bodies import LOCAL_TYPES
from plankg.responsibility.context import (
    DocContext,
)
from plankg.responsibility.jurisdiction import (
    LOCAL_SUFFIX_RE,
    local_government,
)
from plankg.responsibility.ranking import (
    CONF_PLACE,
    TIER_PLACE,
)


def place_for(ctx: DocContext, commitment: Commitment) -> list[tuple[Responsibility, int]]:
    out: list[tuple[Responsibility, int]] = []
    seen: set[str] = set()
    for index in commitment.sentences:
        for mention in ctx.mentions.get(index, ()):
            place_type = None
            if mention.category == "place" and mention.type in LOCAL_TYPES:
                place_type, name = mention.type, mention.name
            elif mention.category == "project" and mention.located_in and (
                    LOCAL_SUFFIX_RE.search(mention.located_in)):
                name = mention.located_in
                place_type = ("subdistrict" if name.endswith("街道") else
                              "village" if name.endswith(("村", "社区")) else "town")
            if place_type is None or name in seen:
                continue
            seen.add(name)
            body, body_type, en = local_government(name, place_type)
            where = "project located in" if mention.category == "project" else "work in"
            out.append((Responsibility(
                commitment=commitment.id, body=body, body_type=body_type, role="implementing",
                basis="place", confidence=CONF_PLACE,
                rationale=f"the commitment names {where} {name}; its government carries the "
                "work out locally", body_en=en, sentence=index, start=mention.start,
                end=mention.end, cues=(mention.text,)), TIER_PLACE))
    return out
