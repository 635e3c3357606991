"""``plankg who``: rank the bodies accountable for X, with evidence.

X is a body when it names one (区生态环境局, 洛碛镇人民政府): then the answer is what
that body is accountable for (``bodies_labelled``/``bodies_of_department``, then
``body_responsibilities``). Otherwise X is a phrase, place, company, project, slogan or
indicator: ``who.rq`` (the same query researchers read in the library) finds the
sentences that state X with every responsibility the graph records for them, and
``responsibility.question`` re-reads each sentence from X's point of view (X's own words,
then X's clause, the place X names). Both start from index lookups of what X binds, so the
cost follows the size of the answer, not of the corpus.

Ranking: answers are grouped by role (leads and implementers, then cooperating bodies,
then partners, beneficiaries and supervisors, then the ultimately accountable issuer) and
ordered by confidence within a group, so the rank agrees with the confidence shown. A
sentence's evidence weighs by its timeframe: this year's task fully, an outlook less, a
review of past years or a glossary note least (``TIMEFRAME_WEIGHT``). Without a document,
answers are grouped by document.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import asdict, dataclass, field
from typing import Any

import pyoxigraph as ox

from plankg.model import Metadata
from plankg.rdf import body_iri
from plankg.responsibility.institutions import PlaceBody
from plankg.responsibility.jurisdiction import Jurisdictions, jurisdictions_of
from plankg.responsibility.question import StoredRow, place_bodies, sentence_candidates
from plankg.store import Store
from plankg.tables import run_library_query

# Names of government bodies and posts: asked about one, who answers what it is accountable
# for. A university, hospital or company is asked about as a subject (who is accountable for
# building it), like any other name.
_BODY_SUFFIX_RE = re.compile(
    r"(局|委|委员会|办|办公室|厅|部|署|政府|人民政府|办事处|管委会|管理委员会|区长|县长|市长|镇长)$"
)


@dataclass
class AnswerCommitment:
    id: str
    document: str
    path: str
    text: str
    evidence_path: str | None
    quote: str | None
    rationale: str
    timeframe: str | None = None


@dataclass
class Answer:
    body: str
    role: str
    basis: str
    stated: bool
    confidence: float
    commitments: list[AnswerCommitment] = field(default_factory=list)
    body_iri: str = ""
    body_en: str | None = None
    document: str | None = None  # set when answers are grouped by document
    group: str = ""  # lead | cooperating | involved | accountable


@dataclass
class DocumentAnswers:
    document: str
    answers: list[Answer]


@dataclass
class WhoResult:
    query: str
    mode: str  # "body" or "subject"
    answers: list[Answer]
    suggestions: list[str]
    groups: list[DocumentAnswers] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "mode": self.mode,
            "answers": [asdict(a) for a in self.answers],
            "groups": [{"document": g.document, "answers": [asdict(a) for a in g.answers]}
                       for g in self.groups],
            "suggestions": self.suggestions,
        }


# How much a sentence counts as evidence, by the time its part of the document speaks of.
TIMEFRAME_WEIGHT = {"task": 1.0, "outlook": 0.8, "review": 0.45, "glossary": 0.3}
ROLE_GROUP = {"lead": (0, "lead"), "implementing": (0, "lead"),
              "cooperating": (1, "cooperating"), "partner": (2, "involved"),
              "supervising": (2, "involved"), "beneficiary": (2, "involved"),
              "accountable": (3, "accountable")}


def _group(rows: list[dict[str, Any]]) -> list[Answer]:
    answers: dict[tuple[str, str, str], Answer] = {}
    for row in rows:
        key = (row["body"], row["role"], row["basis"])
        answer = answers.get(key)
        if answer is None:
            answer = answers[key] = Answer(
                body=row["body_label"],
                role=row["role"],
                basis=row["basis"],
                stated=bool(row["stated"]),
                confidence=float(row["confidence"]),
                body_iri=row["body"],
                group=ROLE_GROUP.get(row["role"], (2, "involved"))[1],
            )
        answer.confidence = max(answer.confidence, float(row["confidence"]))
        commitment_id = f"{row['document']}:{row['path']}"
        if all(c.id != commitment_id for c in answer.commitments):
            answer.commitments.append(
                AnswerCommitment(
                    id=commitment_id,
                    document=row["document"],
                    path=row["path"],
                    text=row["text"],
                    evidence_path=row.get("evidence_path"),
                    quote=row.get("quote"),
                    rationale=row["rationale"],
                    timeframe=row.get("timeframe"),
                )
            )
    # Each body's commitments in document order, whatever order the rows came in.
    for answer in answers.values():
        answer.commitments.sort(key=lambda c: (c.document, c.path))
    return _ranked(list(answers.values()))


def _ranked(answers: list[Answer]) -> list[Answer]:
    """By role group, then confidence (what the answer shows), then support, then name."""
    return sorted(answers, key=lambda a: (ROLE_GROUP.get(a.role, (2, ""))[0],
                                          -round(a.confidence, 3), -len(a.commitments),
                                          a.body, a.role, a.basis))


def suggestions(store: Store | ox.Store, query: str, limit: int = 5) -> list[str]:
    # Candidates share a bigram with the query (the bigram index); difflib ranks them.
    labels = [row["label"] for row in run_library_query(store, "labels", {"q": query})]
    scored = sorted(
        ((difflib.SequenceMatcher(None, query, label).ratio(), label) for label in set(labels)),
        key=lambda item: (-item[0], item[1]),
    )
    return [label for score, label in scored[:limit] if score > 0.3]


def _subject_rows(store: Store | ox.Store, query: str,
                  params: dict[str, str]) -> list[dict[str, Any]]:
    """who.rq's rows: the sentence-level commitments about X, each with every body
    responsible for it."""
    return run_library_query(store, "who", {"q": query, **params})


def _bodies_called(store: Store | ox.Store, query: str, core: str) -> list[dict[str, Any]]:
    """Bodies a name denotes, by index lookups first; a label scan only as the last resort.

    The full name (渝北区生态环境局, 洛碛镇人民政府) is looked up as it is. A name with only a
    level prefix (区生态环境局) or none (生态环境局) means that department in every
    jurisdiction: the catalog's department type finds them.
    """
    from plankg.catalog import match_department

    bodies = run_library_query(store, "bodies_labelled", {"label": query})
    if bodies:
        return bodies
    department = match_department(query)
    if department is not None and (query == core or len(query) - len(core) == 1):
        of_department = run_library_query(
            store, "bodies_of_department", {"department": department.iri})
        bodies = [b for b in of_department if b["body_label"].endswith(core)]
        # An abbreviation (发改委) names the department in no body's full name: every body
        # of that department type is meant.
        return bodies or of_department
    return [
        b
        for b in run_library_query(store, "bodies_named", {"body_name": core})
        if b["body_label"].endswith(core)
    ]


def _document_metadata(store: Store | ox.Store, document: str) -> Metadata:
    from plankg.identity import document_iri

    rows = run_library_query(store, "documents", {"doc": str(document_iri(document))})
    row = rows[0] if rows else {}
    return Metadata(title=row.get("title"), issuer=row.get("issuer"),
                    jurisdiction=row.get("jurisdiction"), level=row.get("level"),
                    year=row.get("year"))


def _stored(row: dict[str, Any]) -> StoredRow:
    return StoredRow(body=row["body"], label=row["body_label"], role=row["role"],
                     basis=row["basis"], stated=bool(row["stated"]),
                     confidence=float(row["confidence"]), rationale=row["rationale"],
                     evidence_path=row.get("evidence_path"), quote=row.get("quote"))


def _subject_answers(store: Store | ox.Store, query: str,
                     rows: list[dict[str, Any]]) -> list[DocumentAnswers]:
    """who.rq's sentences about X, each re-read from X's point of view, as answers per
    document (see the module docstring for the ranking)."""
    by_commitment: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_commitment.setdefault(f"{row['document']}:{row['path']}", []).append(row)
    context: dict[str, tuple[Metadata, Jurisdictions, list[PlaceBody]]] = {}
    answers: dict[tuple[str, str, str, str], Answer] = {}
    for commitment_id in sorted(by_commitment):
        group = by_commitment[commitment_id]
        first = group[0]
        document = first["document"]
        if document not in context:
            metadata = _document_metadata(store, document)
            juris = jurisdictions_of(metadata)
            context[document] = (metadata, juris, place_bodies(query, juris))
        metadata, juris, places = context[document]
        timeframe = first.get("timeframe")
        weight = TIMEFRAME_WEIGHT.get(timeframe or "task", 1.0)
        stored = [_stored(row) for row in group]
        for candidate in sentence_candidates(query, first["text"], juris, stored, places):
            key = (document, candidate.label, candidate.role, candidate.basis)
            confidence = round(candidate.confidence * weight, 3)
            answer = answers.get(key)
            if answer is None:
                answer = answers[key] = Answer(
                    body=candidate.label, role=candidate.role, basis=candidate.basis,
                    stated=candidate.stated, confidence=confidence,
                    body_iri=candidate.body or body_iri(candidate.label, candidate.body_type,
                                                        metadata),
                    body_en=candidate.body_en, document=document,
                    group=ROLE_GROUP.get(candidate.role, (2, "involved"))[1])
            answer.confidence = max(answer.confidence, confidence)
            # The graph's evidence for the graph's own rows; a reading of X's sentence is
            # evidenced by that sentence.
            evidence = next((r.get("evidence_path") for r in group
                             if candidate.body is not None and r["body"] == candidate.body
                             and r["role"] == candidate.role
                             and r["basis"] == candidate.basis), None)
            answer.commitments.append(AnswerCommitment(
                id=commitment_id, document=document, path=first["path"], text=first["text"],
                evidence_path=evidence or first["path"], quote=candidate.quote,
                rationale=candidate.rationale if timeframe in (None, "task") else
                f"{candidate.rationale}; the sentence is in a {timeframe} part",
                timeframe=timeframe))
    grouped: dict[str, list[Answer]] = {}
    for answer in answers.values():
        # The best evidence first: this year's tasks before reviews, then document order.
        answer.commitments.sort(key=lambda c: (-TIMEFRAME_WEIGHT.get(c.timeframe or "task",
                                                                     1.0), c.path))
        grouped.setdefault(answer.document or "", []).append(answer)
    out = [DocumentAnswers(document, _ranked(found)) for document, found in grouped.items()]
    # Documents whose best lead is surest first; then by id, for a stable order.
    return sorted(out, key=lambda g: (-max((a.confidence for a in g.answers
                                            if a.group == "lead"), default=0.0), g.document))


def who(store: Store | ox.Store, query: str, doc_iri: str | None = None) -> WhoResult:
    query = query.strip()
    params = {"doc": doc_iri} if doc_iri else {}
    rows: list[dict[str, Any]] = []
    mode = "subject"
    if _BODY_SUFFIX_RE.search(query):
        # 区生态环境局 → bodies whose name ends with 生态环境局 in any jurisdiction.
        core = re.sub(r"^(区|县|市|省|镇|街道)(?=.{2,})", "", query)
        bodies = _bodies_called(store, query, core)
        for body in bodies:
            rows.extend(
                row
                for row in run_library_query(
                    store, "body_responsibilities", {"body": body["body"], **params}
                )
                if row["level"] != "sentence"
            )
        iri_of = {b["body_label"]: b["body"] for b in bodies}
        for row in rows:
            row["body"] = iri_of.get(row["body_label"], row.get("body", ""))
        mode = "body" if rows else mode
    groups: list[DocumentAnswers] = []
    if mode == "body":
        answers = _group(rows)
    else:
        groups = _subject_answers(store, query, _subject_rows(store, query, params))
        answers = [answer for group in groups for answer in group.answers]
    return WhoResult(
        query=query,
        mode=mode,
        answers=answers,
        suggestions=[] if answers else suggestions(store, query),
        groups=groups,
    )
