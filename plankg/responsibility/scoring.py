"""Mandate ranking of a text: the catalog's keyword evidence, enumerations counting less, and
an item's ranking from its sentences.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from plankg.catalog import (
    DepartmentType,
    rank_departments,
)
from plankg.responsibility.jurisdiction import (
    Jurisdictions,
    keyword_institution,
    own_institution,
)
from plankg.responsibility.ranking import (
    RUNNER_UP_SHARE,
    SATURATION,
)


@dataclass
class RankedDepartment:
    dept: DepartmentType
    confidence: float
    score: float
    cues: list[str] = field(default_factory=list)
    coordinating: bool = False  # put first as the coordinator of a target system




# An enumeration of three or more items closed by 等 (在教育、医疗、养老、育幼等领域):
# it gives the scope of the work; the words around it say what the work is.
_ENUMERATION_RE = re.compile(r"(?:[^，。；：、\s]{1,14}、){2,}[^，。；：、\s]{1,14}?等")
ENUMERATION_SHARE = 0.5  # what cues inside enumerations still count


def _mask_enumerations(text: str) -> str:
    return _ENUMERATION_RE.sub(lambda m: "　" * len(m.group(0)), text)


def _local(ranked: list[tuple[DepartmentType, float, list[str]]],
           juris: Jurisdictions) -> dict[str, tuple[DepartmentType, float, list[str]]]:
    """The catalog ranking as the jurisdiction's bodies: types its level folds into another
    (城市管理 → a province's 住房和城乡建设厅) merge there, best first; types it lacks go;
    work the jurisdiction gives another body, by its strongest cue, goes to that body
    (污水处理厂 to 北京's 水务局)."""
    out: dict[str, tuple[DepartmentType, float, list[str]]] = {}
    for dept, confidence, cues in ranked:
        found = (keyword_institution(cues[0], dept, juris) if cues else None) \
            or own_institution(dept, juris)
        if found is None:
            continue
        iri = found.department.iri
        if iri in out:
            known = out[iri][2]
            known.extend(c for c in cues if c not in known)
        else:
            out[iri] = (found.department, confidence, list(cues))
    return out


def rank_text(text: str, juris: Jurisdictions) -> list[RankedDepartment]:
    """The catalog ranking, with cues inside enumerations (A、B、C等) counting less."""
    full = _local(rank_departments(text), juris)
    masked_text = _mask_enumerations(text)
    if masked_text == text:
        return [RankedDepartment(d, c, c, list(cues)) for d, c, cues in full.values()]
    masked = {iri: c for iri, (_, c, _) in _local(rank_departments(masked_text), juris).items()}
    scores = {iri: (masked.get(iri, 0.0) + ENUMERATION_SHARE * c) / (1 + ENUMERATION_SHARE)
              for iri, (_, c, _) in full.items()}
    order = list(full)
    ranked = sorted(full, key=lambda iri: (-scores[iri], order.index(iri)))
    return [RankedDepartment(full[iri][0], round(scores[iri], 3), scores[iri],
                             list(full[iri][2]))
            for iri in ranked]


def aggregate_rankings(
    per_sentence: Sequence[tuple[float, list[RankedDepartment]]],
) -> list[RankedDepartment]:
    """An item's ranking from its sentences' rankings: weighted confidence votes.

    Each sentence contributes its departments' confidences times its weight, so the
    department that leads most of the item's content (and its heading) wins, not the
    one with the most keywords in one long sentence.
    """
    votes: dict[str, float] = {}
    depts: dict[str, DepartmentType] = {}
    cues: dict[str, list[str]] = {}
    order: dict[str, int] = {}
    for weight, ranked in per_sentence:
        for position, entry in enumerate(ranked):
            iri = entry.dept.iri
            share = 1.0 if position == 0 else RUNNER_UP_SHARE
            votes[iri] = votes.get(iri, 0.0) + weight * share * entry.confidence
            depts[iri] = entry.dept
            order.setdefault(iri, len(order))
            known = cues.setdefault(iri, [])
            known.extend(c for c in entry.cues if c not in known)
    if not votes:
        return []
    ordered = sorted(votes, key=lambda iri: (-votes[iri], order[iri]))
    best = votes[ordered[0]]
    second = votes[ordered[1]] if len(ordered) > 1 else 0.0
    out = []
    for iri in ordered:
        score = votes[iri]
        rival = second if iri == ordered[0] else best
        confidence = (1.0 - math.exp(-score / SATURATION)) * math.sqrt(score / (score + rival))
        out.append(RankedDepartment(depts[iri], round(confidence, 3), score, cues[iri]))
    return out
