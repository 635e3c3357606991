"""``infer_responsibilities``: every commitment's stated, assignment, mandate, place and issuer
responsibilities, ranked.
"""

from __future__ import annotations

from collections.abc import Iterable

from plankg.model import Commitment, Document, Responsibility
from plankg.responsibility.context import (
    DocContext,
    document_context,
)
from plankg.responsibility.jurisdiction import (
    issuing_government,
)
from plankg.responsibility.mandate import (
    mandate_for,
)
from plankg.responsibility.place import (
    place_for,
)
from plankg.responsibility.ranking import (
    CONF_ISSUER,
    TIER_ASSIGNMENT,
    TIER_ISSUER,
    TIER_STATED_PART,
    TIER_STATED_WHOLE,
    ranking_key,
)


def infer_responsibilities(
    doc: Document, assignments: Iterable[Responsibility] = ()
) -> list[Responsibility]:
    """Ranked responsibilities of every commitment of ``doc`` (see the module docstring).

    ``assignments`` (from ``plankg.assignments.read_assignment_table``) are merged in:
    they rank after stated leads and before mandate leads, and suppress inferred
    duplicates.
    """
    ctx = document_context(doc)
    assigned: dict[str, list[Responsibility]] = {}
    for resp in assignments:
        assigned.setdefault(resp.commitment, []).append(resp)
    issuer = issuing_government(doc.metadata)
    final: dict[str, list[Responsibility]] = {}
    out: list[Responsibility] = []
    for commitment in doc.commitments:
        candidates: list[tuple[Responsibility, int]] = []
        candidates += stated_for(ctx, commitment)
        candidates += [(r, TIER_ASSIGNMENT) for r in assigned.get(commitment.id, ())]
        # A department the text (or table) casts in another role (配合, 发挥…作用) is not
        # the mandate lead: its name alone must not win the ranking.
        elsewhere = {r.department for r, tier in candidates if r.department
                     and r.role != "lead" and tier <= TIER_ASSIGNMENT}
        candidates += mandate_for(ctx, commitment, final.get(commitment.parent or ""),
                                   frozenset(elsewhere))
        candidates += place_for(ctx, commitment)
        if issuer is not None:
            candidates.append((Responsibility(
                commitment=commitment.id, body=issuer[0], body_type="government-body",
                role="accountable", basis="issuer", confidence=CONF_ISSUER,
                rationale="issuing government of the document", body_en=issuer[1]),
                TIER_ISSUER))
        ranked = _rank(candidates)
        final[commitment.id] = ranked
        out.extend(ranked)
    return out


_STATED_BASES = ("stated", "assignment")
_SHARED_ROLES = ("lead", "cooperating")


def _rank(candidates: list[tuple[Responsibility, int]]) -> list[Responsibility]:
    """Drop inferred duplicates of stated bodies, keep one entry per body, role and basis,
    then sort by ``ranking_key``.

    An inferred responsibility goes when a stated one names the same body in the same
    role (the stated one takes its place in the ranking), or names the body as lead or
    cooperating for the whole commitment (由X牵头，Y配合 overrules the mandate ranking of
    X and Y). A commitment always keeps a lead.
    """
    stated_tier: dict[tuple[str, str], int] = {}
    whole: set[str] = set()
    for resp, tier in candidates:
        if resp.basis in _STATED_BASES:
            key = (resp.body, resp.role)
            stated_tier[key] = min(stated_tier.get(key, tier), tier)
            if resp.role in _SHARED_ROLES and tier <= TIER_ASSIGNMENT:
                whole.add(resp.body)
    best: dict[tuple[str, str, str], tuple[Responsibility, int]] = {}
    dropped_leads: list[tuple[Responsibility, int]] = []
    for resp, tier in candidates:
        key = (resp.body, resp.role)
        if resp.basis not in _STATED_BASES:
            if key in stated_tier:
                stated_tier[key] = min(stated_tier[key], tier)  # takes the inferred place
                continue
            if resp.role in _SHARED_ROLES and resp.body in whole:
                if resp.role == "lead":
                    dropped_leads.append((resp, tier))
                continue
        full = (resp.body, resp.role, resp.basis)
        if full not in best or ranking_key(resp, tier) < ranking_key(*best[full]):
            best[full] = (resp, tier)
    kept = list(best.values())
    if dropped_leads and not any(resp.role == "lead" for resp, _ in kept):
        kept.append(dropped_leads[0])
    ranked = []
    for resp, tier in kept:
        if resp.basis in _STATED_BASES:
            tier = min(tier, stated_tier[(resp.body, resp.role)])
        ranked.append((ranking_key(resp, tier), resp))
    ranked.sort(key=lambda pair: pair[0])
    return [resp for _, resp in ranked]


def stated_for(ctx: DocContext, commitment: Commitment) -> list[tuple[Responsibility, int]]:
    heading = ctx.heading_sentence.get(commitment.path)
    single = len(commitment.sentences) == 1
    out = []
    for index in commitment.sentences:
        for item in ctx.stated(index):
            whole = single or item.whole or index == heading or commitment.level == "sentence"
            body = item.body
            out.append((Responsibility(
                commitment=commitment.id, body=body.name, body_type=body.type, role=item.role,
                basis="stated", confidence=item.confidence,
                rationale=item.rationale if whole else
                item.rationale + " (in one sentence of this commitment)",
                body_en=body.en, department=body.department, sentence=index, start=item.start,
                end=item.end, cues=(item.cue,)), TIER_STATED_WHOLE if whole else
                TIER_STATED_PART))
    return out
