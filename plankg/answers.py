"""``plankg who``: rank the bodies accountable for X, with evidence.

X is a body when it names one (区生态环境局, 洛碛镇人民政府): then the answer is what
that body is accountable for (``bodies_labelled``/``bodies_of_department``, then
``body_responsibilities``). Otherwise X is a phrase, place, company, project, slogan or
indicator: the answer is who is accountable for the commitments about X (``who.rq``,
the same query researchers read in the library). Both start from index lookups of what
X binds, so the cost follows the size of the answer, not of the corpus.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import asdict, dataclass, field
from typing import Any

import pyoxigraph as ox

from plankg.store import Store
from plankg.tables import run_library_query

_BODY_SUFFIX_RE = re.compile(
    r"(局|委|委员会|办|办公室|厅|部|署|政府|人民政府|办事处|管委会|公司|集团|中心|院|所|"
    r"大学|学院|银行|区长|县长|市长|镇长)$"
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


@dataclass
class Answer:
    body: str
    role: str
    basis: str
    stated: bool
    confidence: float
    commitments: list[AnswerCommitment] = field(default_factory=list)
    body_iri: str = ""
    _priority: tuple[int, int] = (9, 9)


@dataclass
class WhoResult:
    query: str
    mode: str  # "body" or "subject"
    answers: list[Answer]
    suggestions: list[str]

    def as_json(self) -> dict[str, Any]:
        answers = []
        for answer in self.answers:
            record = asdict(answer)
            record.pop("_priority")
            answers.append(record)
        return {
            "query": self.query,
            "mode": self.mode,
            "answers": answers,
            "suggestions": self.suggestions,
        }


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
                _priority=(row["basis_priority"], row["role_priority"]),
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
                )
            )
    # Each body's commitments in document order, whatever order the rows came in.
    for answer in answers.values():
        answer.commitments.sort(key=lambda c: (c.document, c.path))
    # Stated before inferred, then by role, then by how much of X the body carries.
    return sorted(
        answers.values(),
        key=lambda a: (a._priority[0], a._priority[1], -len(a.commitments), -a.confidence, a.body),
    )


def suggestions(store: ox.Store, query: str, limit: int = 5) -> list[str]:
    # Candidates share a bigram with the query (the bigram index); difflib ranks them.
    labels = [row["label"] for row in run_library_query(store, "labels", {"q": query})]
    scored = sorted(
        ((difflib.SequenceMatcher(None, query, label).ratio(), label) for label in set(labels)),
        key=lambda item: (-item[0], item[1]),
    )
    return [label for score, label in scored[:limit] if score > 0.3]


def _subject_rows(store: ox.Store, query: str, params: dict[str, str]) -> list[dict[str, Any]]:
    """who.rq's rows: the sentence-level commitments about X, each with every body
    responsible for it."""
    return run_library_query(store, "who", {"q": query, **params})


def _bodies_called(store: ox.Store, query: str, core: str) -> list[dict[str, Any]]:
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
        bodies = [
            b
            for b in run_library_query(
                store, "bodies_of_department", {"department": department.iri}
            )
            if b["body_label"].endswith(core)
        ]
        if bodies:
            return bodies
    return [
        b
        for b in run_library_query(store, "bodies_named", {"body_name": core})
        if b["body_label"].endswith(core)
    ]


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
    if not rows:
        rows = _subject_rows(store, query, params)
    answers = _group(rows)
    return WhoResult(
        query=query,
        mode=mode,
        answers=answers,
        suggestions=[] if answers else suggestions(store, query),
    )
