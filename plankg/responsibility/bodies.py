"""Bodies named in a sentence: departments the catalog recognizes and extracted mentions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from plankg.catalog import (
    DepartmentMention,
    find_departments,
    jurisdiction_english,
)
from plankg.identity import scoped_body_name
from plankg.model import Mention, Metadata
from plankg.responsibility.jurisdiction import (
    KIND_BODY_TYPE,
    LEVEL_RANK,
    LOCAL_SUFFIX_RE,
    Jurisdictions,
    department_body,
    government_name,
    higher_government,
    jurisdictions_of,
    local_government,
    place_for_level,
)


@dataclass(frozen=True)
class Body:
    """A body named in a sentence; ``start``/``end`` is its span there."""

    start: int
    end: int
    name: str
    type: str  # body_type of the Responsibility
    en: str | None = None
    department: str | None = None  # catalog IRI
    level: str | None = None  # township | district | city | province | national
    doer: bool = False  # a company or institute that carries out projects
    is_department: bool = False



PREFIX_LEVEL = {"区": "district", "县": "district", "旗": "district", "市": "city",
                 "州": "city", "盟": "city", "省": "province"}
_ADMIN_PLACE_TYPES = {"province", "city", "district", "country"}
LOCAL_TYPES = {"town": "town-government", "subdistrict": "town-government",
                "village": "village-committee"}
_SITE_TYPES = {"zone", "airport", "port", "area", "industrial-park", "building"}
_NOT_BENEFICIARY_TYPES = {"building"}  # a site being built, not a body that benefits
_DOER_TYPES = {"company", "research-institute"}
GOV_MENTION_RE = re.compile(r"^(?:(区|县|市|省|州)(?:人民)?政府|市里|省里|区里|县里)$")



def _department_bodies(text: str, juris: Jurisdictions,
                       mentions: Sequence[Mention]) -> list[Body]:
    bodies = []
    place_ends = {m.end: m for m in mentions if m.category == "place"
                  and m.type in _ADMIN_PLACE_TYPES}
    for found in find_departments(text):
        bodies.append(_department_body(text, found, juris, place_ends))
    return bodies


def _department_body(text: str, found: DepartmentMention, juris: Jurisdictions,
                     place_ends: dict[int, Mention]) -> Body:
    dept = found.department
    start = found.start
    place = place_ends.get(start)
    level = found.level
    if found.national_body is not None:
        name, en = found.national_body.zh, found.national_body.en
        level = "national"
    elif place is not None and place.name != juris.own:
        # 江北区生态环境局 in a 渝北区 document: another jurisdiction's bureau.
        name, en = department_body(dept, place.name)
        start = place.start
        level = place.type if place.type in LEVEL_RANK else level
    else:
        if place is not None:
            start = place.start
        elif start > 0 and text[start - 1] in PREFIX_LEVEL:
            start -= 1
        scope, scope_en = place_for_level(juris, level)
        if scope is None:
            name, en = text[start:found.end], None  # 市生态环境局 with the city unknown
        else:
            name, en = department_body(dept, scope, scope_en)
    return Body(start, found.end, name, KIND_BODY_TYPE.get(dept.kind, "government-body"),
                 en, dept.iri, level, is_department=True)


_ADMIN_SUFFIX_RE = re.compile(r"(?:特别行政区|自治区|自治州|自治县|地区|省|市|区|县|旗|州|盟)$")
_LEVEL_WORDS = {"区", "县", "旗", "市", "州", "盟", "省", "国家", "中央", "全国", "国务院", ""}


def resolve_body(unit: str, metadata: Metadata) -> tuple[str, str, str | None, str | None]:
    """A unit as written (in a table or a sentence) → (canonical name, body_type, English
    name, catalog department IRI): 区发改委 → 渝北区发展和改革委员会 in a 渝北区 document,
    洛碛镇 → 洛碛镇人民政府, 区政府 → 渝北区人民政府; anything else is kept, scoped with
    ``identity.scoped_body_name``."""
    text = unit.strip()
    juris = jurisdictions_of(metadata)
    found = find_departments(text)
    if len(found) == 1 and found[0].end == len(text):
        mention = found[0]
        dept = mention.department
        prefix = text[: mention.start]
        body_type = KIND_BODY_TYPE.get(dept.kind, "government-body")
        if mention.national_body is not None:
            return mention.national_body.zh, body_type, mention.national_body.en, dept.iri
        if prefix and prefix not in _LEVEL_WORDS and prefix != juris.own and (
                _ADMIN_SUFFIX_RE.search(prefix)):
            name, en = department_body(dept, prefix)
            return name, body_type, en, dept.iri
        scope, scope_en = place_for_level(juris, mention.level)
        if scope is not None:
            name, en = department_body(dept, scope, scope_en)
            return name, body_type, en, dept.iri
    gov = GOV_MENTION_RE.match(text)
    if gov:
        level = PREFIX_LEVEL.get(gov.group(1) or text[0])
        if level and level != juris.level and level in ("city", "province"):
            name, en = higher_government(juris, level)
            return name, "government-body", en, None
        own = government_name(juris.own)
        if own:
            return own[0], "government-body", own[1], None
    if LOCAL_SUFFIX_RE.search(text) and len(text) >= 3 and not text.startswith("各"):
        kind = ("subdistrict" if text.endswith("街道") else
                "village" if text.endswith(("村", "社区")) else "town")
        name, body_type, en = local_government(text, kind)
        return name, body_type, en, None
    return scoped_body_name(text, metadata), "organization", None, None


def _mention_body(mention: Mention, juris: Jurisdictions,
                  metadata: Metadata) -> Body | None:
    """The body an extracted mention names, or None for places that are not bodies."""
    if mention.category == "organization":
        if mention.type == "government-body":
            gov = GOV_MENTION_RE.match(mention.text)
            if mention.name in ("国务院", "中央政府", "国家") or mention.text in ("中央", "国家"):
                # The central people's government is the State Council.
                return Body(mention.start, mention.end, "国务院", "government-body",
                             "State Council", level="national")
            if gov:
                char = (gov.group(1) or mention.text[0])
                level = PREFIX_LEVEL.get(char)
                if level and level != juris.level and level in ("city", "province"):
                    name, en = higher_government(juris, level)
                else:
                    found = government_name(juris.own)
                    name, en = found if found else (mention.name, None)
                    level = juris.level
                return Body(mention.start, mention.end, name, "government-body", en, level=level)
            return Body(mention.start, mention.end, scoped_body_name(mention.name, metadata),
                         "government-body")
        if mention.type in ("party-organ", "legislature"):
            return Body(mention.start, mention.end, scoped_body_name(mention.name, metadata),
                         mention.type)
        return Body(mention.start, mention.end, mention.name, mention.type,
                     doer=mention.type in _DOER_TYPES)
    if mention.category == "place":
        if mention.type in LOCAL_TYPES:
            name, body_type, en = local_government(mention.name, mention.type)
            return Body(mention.start, mention.end, name, body_type, en, level="township")
        if mention.type in _ADMIN_PLACE_TYPES:
            return Body(mention.start, mention.end, mention.name, "jurisdiction",
                         jurisdiction_english(mention.name), level=mention.type)
        if mention.type in _SITE_TYPES:
            return Body(mention.start, mention.end, mention.name, mention.type)
        return None
    if mention.category == "project" and mention.company:
        return Body(mention.start, mention.end, mention.company, "company", doer=True)
    return None


def sentence_bodies(text: str, mentions: Sequence[Mention], juris: Jurisdictions,
                     metadata: Metadata) -> list[Body]:
    """Named bodies of a sentence, left to right, without overlaps (longest first)."""
    departments = _department_bodies(text, juris, mentions)
    others = []
    for mention in mentions:
        body = _mention_body(mention, juris, metadata)
        # A department the catalog recognizes wins over an overlapping mention
        # (会同区水务局 read as one organization still holds 区水务局).
        if body is not None and not any(body.start < d.end and d.start < body.end
                                        for d in departments):
            others.append(body)
    # Longer spans first at a position; a company mention and its project collapse to one.
    others.sort(key=lambda b: (b.start, -(b.end - b.start)))
    kept: list[Body] = []
    for body in others:
        if not kept or body.start >= kept[-1].end:
            kept.append(body)
    return sorted([*departments, *kept], key=lambda b: b.start)
