"""Responsibility for a question: who is accountable for X in the sentences that state X.

Responsibilities in the graph belong to whole sentences, items and paragraphs: a long
sentence's lead follows most of its words. A question is about X, so this module re-reads
each sentence that states X from X's point of view:

1. **X's own words** pick the mandate first (细颗粒物年均浓度 → ecology and environment,
   whatever else the sentence lists);
2. else the **clause** that holds X (the stretch between ，；： marks), not the sentence;
3. a **place** X is answered by the place's own government or zone body (塔城 → 塔城地区
   行政公署, 天府新区 → 天府新区管理委员会, 龙川新城 → 龙川县人民政府), beside the department of
   the task;
4. **stated** roles keep their confidence where their wording lies in X's clause or names
   the lead of the whole (由X牵头); a body stated for another clause, or a company listed
   beside X, counts less; the stored sentence-level mandate counts less when X's words or
   clause decided.

Everything here is inferred from the sentence and says so (basis, rationale, cue); the
stated roles are the graph's own. The answers module weighs each sentence by its timeframe
(this year's task first, a review or glossary note last).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plankg.catalog import facility_department
from plankg.datafiles import ordered_words
from plankg.responsibility.institutions import (
    PlaceBody,
    development_suffixes,
    government_body,
    level_class,
    zone_body,
)
from plankg.responsibility.jurisdiction import KIND_BODY_TYPE, Jurisdictions, own_institution
from plankg.responsibility.ranking import COOPERATING_MIN_SHARE
from plankg.responsibility.scoring import RankedDepartment, rank_text

CLAUSE_MARKS = "，；：。！？,;:!?"
# Confidence of a lead picked by X's own words or by X's clause: a floor plus the catalog's
# confidence, so a clear cue in X outranks a sentence-level guess.
OWN_WORDS_BASE, OWN_WORDS_SPAN = 0.55, 0.4
CLAUSE_BASE, CLAUSE_SPAN = 0.45, 0.4
NEIGHBOUR_SHARE = 0.85  # a cue in the clauses next to X's
PLACE_CONFIDENCE = 0.9  # the place's own body, asked about the place by name
PLACE_NEXT_STEP = 0.05  # each further body of the place (the county a zone lies in)
PLACE_TASK_SHARE = 0.8  # the department of the task, on a place question
OTHER_CLAUSE_SHARE = 0.5  # a stated role whose wording lies outside X's clause
SIBLING_SHARE = 0.5  # a company or site listed beside X: about itself, not X
STORED_MANDATE_SHARE = 0.5  # the sentence-level mandate when X's words or clause decided
STORED_MANDATE_ALONE = 0.8  # … when they did not
_EXPLICIT_LEAD = re.compile(r"牵头|负责|责任单位|责任部门|主责")
_SUBJECT_ROLES = ("implementing", "beneficiary", "partner")


@dataclass(frozen=True)
class StoredRow:
    """One responsibility of a sentence as the graph records it (who.rq's row)."""

    body: str  # IRI
    label: str
    role: str
    basis: str
    stated: bool
    confidence: float
    rationale: str
    evidence_path: str | None
    quote: str | None


@dataclass(frozen=True)
class Candidate:
    """A body's responsibility for X in one sentence."""

    label: str
    role: str
    basis: str
    stated: bool
    confidence: float
    rationale: str
    quote: str | None
    body: str | None = None  # IRI, when the graph has the body
    body_en: str | None = None
    body_type: str = "government-body"


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``text[start:end]``: from the mark before it to the mark after."""
    left = max((text.rfind(mark, 0, start) for mark in CLAUSE_MARKS), default=-1) + 1
    rights = [i for mark in CLAUSE_MARKS if (i := text.find(mark, end)) >= 0]
    return left, min(rights) if rights else len(text)


def question_clause(question: str, text: str, widen: int = 0) -> str:
    """The clause of ``text`` that holds X, with ``widen`` clauses on each side (the whole
    sentence when X is not written out, as for an alias)."""
    at = text.find(question)
    if at < 0:
        return text
    start, end = clause_span(text, at, at + len(question))
    for _ in range(widen):
        if start > 0:
            start, _ = clause_span(text, start - 1, start - 1)
        if end < len(text):
            _, end = clause_span(text, end + 1, end + 1)
    return text[start:end]


def _mandate(ranked: list[RankedDepartment], juris: Jurisdictions, base: float, span: float,
             why: str, cue_of: str) -> list[Candidate]:
    """Lead and (up to two) cooperating departments from a ranking."""
    out: list[Candidate] = []
    if not ranked:
        return out
    top = ranked[0]
    for position, entry in enumerate(ranked[:3]):
        if position and entry.score < COOPERATING_MIN_SHARE * top.score:
            break
        role = "lead" if position == 0 else "cooperating"
        confidence = base + span * entry.confidence if position == 0 else \
            base * 0.6 + span * 0.5 * entry.confidence
        found = own_institution(entry.dept, juris)
        if found is None:
            continue
        cues = "、".join(entry.cues[:3])
        out.append(Candidate(
            label=found.zh, role=role, basis="mandate", stated=False,
            confidence=round(min(confidence, 0.97), 3),
            rationale=f"{why} ({cues}) match its mandate",
            quote=entry.cues[0] if entry.cues else cue_of, body_en=found.en,
            body_type=KIND_BODY_TYPE.get(entry.dept.kind, "government-body")))
    return out


def sentence_candidates(question: str, text: str, juris: Jurisdictions,
                        stored: list[StoredRow], place: list[PlaceBody]) -> list[Candidate]:
    """Every body's responsibility for X in one sentence that states X."""
    decided = _decided_mandate(question, text, juris)
    # A town or village the question names: the graph's place row is its government.
    place_rows = [row for row in stored if row.basis == "place" and row.quote == question]
    if place_rows and not place:
        place = [PlaceBody(row.label, None, "government") for row in place_rows]
        stored = [row for row in stored if row not in place_rows]
    if place:
        decided = [_replace_confidence(c, c.confidence * PLACE_TASK_SHARE,
                                       " (the department of the task there)")
                   for c in decided]
    # The first of a place's bodies is the one that runs it (a zone's committee before
    # the county it lies in); the order is also the confidence's.
    out = [_place_candidate(body, question, position) for position, body in enumerate(place)]
    out += decided
    decided_labels = {c.label for c in out}
    clause = question_clause(question, text)
    for row in stored:
        candidate = _reweighed(row, question, clause, bool(decided), bool(place),
                               decided_labels)
        if candidate is not None:
            out.append(candidate)
    # A body the text states in a role at full weight needs no inferred twin in that role.
    stated = {(c.label, c.role) for c in out
              if c.stated and c.rationale == _row_rationale(stored, c)}
    return [c for c in out if c.stated or (c.label, c.role) not in stated]


def _row_rationale(stored: list[StoredRow], candidate: Candidate) -> str | None:
    """The graph's own rationale of a stated candidate (it is unchanged when the candidate
    kept its full weight)."""
    return next((row.rationale for row in stored if row.label == candidate.label
                 and row.role == candidate.role and row.basis == candidate.basis), None)


def _decided_mandate(question: str, text: str, juris: Jurisdictions) -> list[Candidate]:
    """The department X's own words name; else the nearest words of its clause."""
    own = _head_first(_field_before_kind(rank_text(question, juris)), question, juris)
    if own:
        return _mandate(own, juris, OWN_WORDS_BASE, OWN_WORDS_SPAN,
                        "the question's own words", question)
    written = question in text
    for widen, why in ((0, "the words of the clause that states it" if written else
                        "the words of the sentence that names it"),
                       (1, "the words next to it")):
        if widen and not written:
            break  # the whole sentence was read already
        words = question_clause(question, text, widen)
        in_clause = rank_text(words, juris)
        if in_clause:
            share = 1.0 if widen == 0 else NEIGHBOUR_SHARE
            return _mandate(in_clause, juris, CLAUSE_BASE * share, CLAUSE_SPAN * share, why,
                            words)
    return []


def _place_candidate(body: PlaceBody, question: str, position: int) -> Candidate:
    return Candidate(
        label=body.zh, role="implementing", basis="place", stated=False,
        confidence=round(PLACE_CONFIDENCE - PLACE_NEXT_STEP * position, 3),
        rationale=("the question names this zone; its management body carries the work out"
                   if body.kind == "zone" else
                   "the question names this place; its government carries the work out"),
        quote=question, body_en=body.en, body_type="government-body")


def _reweighed(row: StoredRow, question: str, clause: str, decided: bool, place: bool,
               decided_labels: set[str]) -> Candidate | None:
    """A responsibility the graph records for the sentence, weighed for X (None: the
    question's own reading already names that body)."""
    confidence, note, role = row.confidence, "", row.role
    if row.basis == "stated":
        inside = bool(row.quote) and row.quote in clause
        if not inside and not (row.quote and _EXPLICIT_LEAD.search(row.quote)):
            confidence, note = confidence * OTHER_CLAUSE_SHARE, " (for another clause)"
        if row.role in _SUBJECT_ROLES and question not in row.label \
                and row.label not in question:
            confidence, note = confidence * SIBLING_SHARE, " (named beside X, about itself)"
    elif row.basis == "mandate":
        if row.label in decided_labels:
            return None
        share = STORED_MANDATE_SHARE if decided else STORED_MANDATE_ALONE
        confidence, note = confidence * share, " (for the whole sentence)"
        if decided and role == "lead":
            # X has its lead; the sentence's lead works with it.
            role, note = "cooperating", " (it leads the sentence as a whole)"
    elif row.basis == "place":
        if row.label in decided_labels:
            return None
        if place:  # another place of the sentence, asked about this one
            confidence, note = confidence * SIBLING_SHARE, " (named beside X, about itself)"
    # An assignment table assigns the whole item: it holds for every clause, as it is.
    return Candidate(
        label=row.label, role=role, basis=row.basis, stated=row.stated,
        confidence=round(confidence, 3), rationale=row.rationale + note, quote=row.quote,
        body=row.body)


def _field_before_kind(ranked: list[RankedDepartment]) -> list[RankedDepartment]:
    """Of departments X's words name equally, one named only by a word for a kind of
    undertaking (重大项目) goes after one named by a field: 科技创新2030—重大项目 is
    science's work (catalog/data/kind_keywords.txt)."""
    if len(ranked) < 2 or ranked[0].confidence != ranked[1].confidence:
        return ranked
    top = ranked[0].confidence
    kinds = set(ordered_words("plankg.catalog", "kind_keywords.txt"))

    def only_kind(entry: RankedDepartment) -> bool:
        return bool(entry.cues) and all(c in kinds for c in entry.cues)

    tied = [r for r in ranked if r.confidence == top]
    return sorted(tied, key=only_kind) + [r for r in ranked if r.confidence != top]


def _head_first(ranked: list[RankedDepartment], question: str,
                juris: Jurisdictions) -> list[RankedDepartment]:
    """A Chinese name ends in its head noun: 新疆中医药大学 is a university (education) that
    teaches medicine (health). When X names a facility by its head noun (the catalog's
    facility nouns), that department leads X's ranking."""
    owner = facility_department(question)
    found = own_institution(owner, juris) if owner is not None else None
    if found is None:
        return ranked
    head = [r for r in ranked if r.dept.iri == found.department.iri]
    if not head:
        head = [RankedDepartment(found.department, 0.7, 0.7, [question])]
    return head + [r for r in ranked if r.dept.iri != found.department.iri]


def _replace_confidence(candidate: Candidate, confidence: float, note: str) -> Candidate:
    return Candidate(**{**candidate.__dict__, "confidence": round(confidence, 3),
                        "rationale": candidate.rationale + note})


def place_bodies(question: str, juris: Jurisdictions) -> list[PlaceBody]:
    """The bodies of a place the question names, within the document's jurisdiction: a
    zone's management body, the government of an administrative area, or of the area a
    zone or new town is named after (龙川新城 → 龙川县; 海南自由贸易港 → 海南省, first:
    a province-wide zone is the province's)."""
    area = _area(question, juris)
    # 浦东新区 is a district with a people's government, whatever its suffix suggests.
    zone = zone_body(question) if area is None else None
    named_after = zone is not None or question.endswith(development_suffixes())
    # (A zone's own suffix may look like a level: 自贸试验区 ends in 区.)
    if area is None and named_after and (zone is not None or not level_class(question)):
        area = next((found for cut in range(len(question) - 1, 1, -1)
                     if (found := _area(question[:cut], juris)) is not None), None)
    government = government_body(area) if area is not None else None
    if zone is None:
        return [government] if government else []
    if government is None:
        return [zone]
    if level_class(area or "") == "province":
        return [government, zone]
    return [zone, government]


def _area(name: str, juris: Jurisdictions) -> str | None:
    """The full name of the administrative area ``name`` denotes, when it lies within the
    document's jurisdiction (a national document: anywhere). Of the areas a name may
    denote (朝阳 in 北京 or 辽宁), the one inside the jurisdiction."""
    from plankg.extract.lexicon import best_division, divisions_named, lookup_admin

    divisions = divisions_named(name)
    if not divisions:
        return None
    if juris.level == "national" or not juris.own:
        found = best_division(divisions)
        return found.name if found.name != juris.own else None
    above = juris.city if juris.level == "district" else juris.province
    own = next((d for d in divisions_named(juris.own)
                if above is None or d.parent in (above, None) or d.name == above), None)
    own = own or lookup_admin(juris.own)
    if own is None:
        return None
    digits = {"province": 2, "city": 4, "district": 6}.get(own.level, 2)
    inside = tuple(d for d in divisions
                   if d.adcode[:digits] == own.adcode[:digits] and d.name != juris.own)
    return best_division(inside).name if inside else None
