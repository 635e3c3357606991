"""Mandate responsibilities: the departments whose standard mandate matches a commitment, and
the fallbacks when nothing does.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from plankg.catalog import (
    DepartmentType,
    department_by_iri,
    load_departments,
)
from plankg.model import Commitment, Responsibility
from plankg.responsibility.context import (
    DocContext,
    sentence_weights,
)
from plankg.responsibility.jurisdiction import (
    KIND_BODY_TYPE,
    Jurisdictions,
    department_body,
    own_institution,
)
from plankg.responsibility.ranking import (
    CONF_DEFAULT,
    CONF_FALLBACK_MAX,
    COOPERATING_MIN_CONF,
    COOPERATING_MIN_SHARE,
    MAX_COOPERATING,
    MAX_CUES,
    TARGET_SYSTEM_DENSITY,
    TARGET_SYSTEM_MIN_DEPARTMENTS,
    TARGET_SYSTEM_MIN_TARGETS,
    TIER_MANDATE,
)
from plankg.responsibility.scoring import (
    RankedDepartment,
    aggregate_rankings,
    rank_text,
)

# Economic-planning words: a commitment without a department cue that speaks of them is the
# development and reform commission's by default.
PLANNING_RE = re.compile(
    "经济社会发展|国民经济|经济工作|经济发展|高质量发展|稳中求进|发展目标|目标任务|预期目标|"
    "规划|计划|增长|总体要求|宏观|发展"
)


def mandate_for(ctx: DocContext, commitment: Commitment,
                 parent: list[Responsibility] | None,
                 elsewhere: frozenset[str] = frozenset()) -> list[tuple[Responsibility, int]]:
    if commitment.level == "sentence" or len(commitment.sentences) == 1:
        ranked = ctx.rank(commitment.sentences[0]) if len(commitment.sentences) == 1 else \
            rank_text(commitment.text, ctx.juris)
    else:
        weighted = [(w, ctx.rank(i)) for i, w in sentence_weights(ctx, commitment)]
        ranked = aggregate_rankings(weighted)
    ranked = [r for r in ranked if r.dept.iri not in elsewhere]
    if ranked and _is_target_system(ctx, commitment, ranked):
        ranked = _coordinator_first(ranked, ctx.juris)
    if ranked:
        return _mandate_responsibilities(ctx, commitment, ranked)
    return [_fallback(ctx, commitment, parent)]


def _is_target_system(
    ctx: DocContext, commitment: Commitment, ranked: list[RankedDepartment]
) -> bool:
    """Many targets owned by several departments: the plan's target system (主要预期目标)."""
    inside = set(commitment.sentences)
    targets = sum(ctx.targets_in.get(index, 0) for index in inside)
    if targets < TARGET_SYSTEM_MIN_TARGETS or targets < TARGET_SYSTEM_DENSITY * len(inside):
        return False  # a concrete item with a few output targets per sentence is not one
    real = [r for r in ranked if r.score >= COOPERATING_MIN_SHARE * ranked[0].score]
    return len(real) >= TARGET_SYSTEM_MIN_DEPARTMENTS


def _coordinator_first(ranked: list[RankedDepartment],
                       juris: Jurisdictions) -> list[RankedDepartment]:
    planning, _ = default_departments()
    if own_institution(planning, juris) is None:
        return ranked
    found = next((r for r in ranked if r.dept.iri == planning.iri), None)
    rest = [r for r in ranked if r.dept.iri != planning.iri]
    if found is None:
        found = RankedDepartment(planning, 0.0, 0.0, [])
    top = rest[0] if rest else found
    lead = RankedDepartment(planning, max(found.confidence, top.confidence), top.score,
                   found.cues, coordinating=True)
    return [lead, *rest]


def _body_for_dept(ctx: DocContext, dept: DepartmentType) -> tuple[str, str | None]:
    found = own_institution(dept, ctx.juris)
    if found is not None:
        return found.zh, found.en
    return department_body(dept, ctx.juris.own, ctx.juris.own_en, ctx.juris.year)


def _mandate_responsibilities(ctx: DocContext, commitment: Commitment,
                              ranked: list[RankedDepartment]) -> list[tuple[Responsibility, int]]:
    lead = ranked[0]
    chosen = [lead] + [
        r for r in ranked[1:]
        if r.score >= COOPERATING_MIN_SHARE * lead.score
        and r.confidence >= COOPERATING_MIN_CONF
    ][:MAX_COOPERATING]
    out = []
    for position, entry in enumerate(chosen):
        role = "lead" if position == 0 else "cooperating"
        name, en = _body_for_dept(ctx, entry.dept)
        sentence, start, end, cue = _strongest_cue(ctx, commitment, entry.dept)
        cues = tuple(entry.cues[:MAX_CUES])
        rationale = (f"its mandate matches the wording ({'、'.join(cues[:3])})" if role == "lead"
                     else f"its mandate matches part of the wording ({'、'.join(cues[:3])})")
        if entry.coordinating:
            rationale = ("targets of several departments: the plan's target system is "
                         "coordinated by the development and reform commission")
        out.append((Responsibility(
            commitment=commitment.id, body=name, body_type=KIND_BODY_TYPE.get(
                entry.dept.kind, "government-body"),
            role=role, basis="mandate", confidence=entry.confidence, rationale=rationale,
            body_en=en, department=entry.dept.iri, sentence=sentence, start=start, end=end,
            cues=cues, topics=entry.dept.cap_topics), TIER_MANDATE))
    return out


def _strongest_cue(ctx: DocContext, commitment: Commitment, dept: DepartmentType
                   ) -> tuple[int | None, int | None, int | None, str | None]:
    """The sentence and span of the department's strongest cue in the commitment
    (heavier cue first, then a heavier sentence such as the heading, then the earliest)."""
    best: tuple[float, float, int, int, int, str] | None = None
    for index, weight in sentence_weights(ctx, commitment):
        for iri, value, start, end, word in ctx.cues(index):
            if iri == dept.iri:
                key = (-value, -weight, index, start, end, word)
                if best is None or key < best:
                    best = key
    if best is None:
        return None, None, None, None
    return best[2], best[3], best[4], best[5]


def _fallback(ctx: DocContext, commitment: Commitment,
              parent: list[Responsibility] | None) -> tuple[Responsibility, int]:
    """A lead for a commitment with no cue: headings, then the parent, then a default."""
    for division_path in _enclosing(ctx, commitment):
        index = ctx.heading_sentence.get(division_path)
        if index is None or index in commitment.sentences:
            continue
        ranked = ctx.rank(index)
        if ranked:
            top = ranked[0]
            name, en = _body_for_dept(ctx, top.dept)
            sentence, start, end, _ = _strongest_cue_in(ctx, index, top.dept)
            return Responsibility(
                commitment=commitment.id, body=name,
                body_type=KIND_BODY_TYPE.get(top.dept.kind, "government-body"), role="lead",
                basis="mandate", confidence=round(min(CONF_FALLBACK_MAX, top.confidence * 0.5),
                                                  3),
                rationale="no cue in the commitment; the enclosing heading's wording decides",
                body_en=en, department=top.dept.iri, sentence=sentence, start=start, end=end,
                cues=tuple(top.cues[:MAX_CUES]), topics=top.dept.cap_topics), TIER_MANDATE
    if parent:
        # The parent's final lead department (a stated 牵头 unit included).
        lead = next((r for r in parent if r.role == "lead" and r.department), None)
        if lead is not None:
            dept = department_by_iri(lead.department)
            return replace(
                lead, commitment=commitment.id, basis="mandate",
                topics=dept.cap_topics if dept else lead.topics,
                confidence=round(min(CONF_FALLBACK_MAX, lead.confidence * 0.5), 3),
                rationale="no cue in the sentence; the lead of the enclosing item is taken",
            ), TIER_MANDATE
    return _default_lead(ctx, commitment), TIER_MANDATE


def _enclosing(ctx: DocContext, commitment: Commitment) -> list[str]:
    """Division paths from the commitment's own division outwards."""
    first = ctx.doc.sentences[commitment.sentences[0]] if commitment.sentences else None
    path = first.division if first else None
    out = []
    while path is not None:
        out.append(path)
        division = ctx.divisions.get(path)
        path = division.parent if division else None
    return out


def _strongest_cue_in(ctx: DocContext, index: int, dept: DepartmentType
                      ) -> tuple[int | None, int | None, int | None, str | None]:
    probe = Commitment(id="", path="", level="sentence", start=0, end=0, text="",
                       sentences=[index])
    return _strongest_cue(ctx, probe, dept)


@cache
def default_departments() -> tuple[DepartmentType, DepartmentType]:
    by_zh = {d.zh: d for d in load_departments()}
    return by_zh["发展和改革委员会"], by_zh["政府办公室"]


def _default_lead(ctx: DocContext, commitment: Commitment) -> Responsibility:
    planning, office = default_departments()
    sentence = start = end = None
    cue: tuple[str, ...] = ()
    for index in commitment.sentences:
        match = PLANNING_RE.search(ctx.doc.sentences[index].text)
        if match:
            sentence, start, end, cue = index, match.start(), match.end(), (match.group(0),)
            break
    dept = planning if sentence is not None else office
    if sentence is None and commitment.sentences:
        sentence = commitment.sentences[0]
        start, end = 0, len(ctx.doc.sentences[sentence].text)
    name, en = _body_for_dept(ctx, dept)
    why = ("no department cue; general economic-planning language is the development and "
           "reform commission's by default" if dept is planning else
           "no department cue; the government's general office coordinates by default")
    return Responsibility(
        commitment=commitment.id, body=name,
        body_type=KIND_BODY_TYPE.get(dept.kind, "government-body"), role="lead",
        basis="mandate", confidence=CONF_DEFAULT if dept is planning else CONF_DEFAULT * 0.75,
        rationale=why, body_en=en, department=dept.iri, sentence=sentence, start=start, end=end,
        cues=cue, topics=dept.cap_topics)
