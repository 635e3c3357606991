"""``/who?q=…``: the bodies accountable for X, in the order ``plankg.answers.who`` ranks
them, grouped by the document their commitments come from, with evidence."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from plankg.errors import PlankgError
from plankg.identity import document_iri, fact_iri
from plankg.store import AnyStore
from plankg.web import graphs
from plankg.web.common import documents, param, store_of
from plankg.web.links import body_url, commitment_url, document_url, entity_url, url
from plankg.web.render import failure, missing, respond


def term_pages(store: AnyStore, q: str) -> list[dict[str, str]]:
    """The pages of the thing X names itself (a place, organization, slogan, indicator)."""
    from plankg.tables import run_library_query

    labels = {row["label"] for row in run_library_query(store, "labels", {"q": q})}
    pages = []
    if q in labels:
        if run_library_query(store, "place", {"name": q}):
            pages.append({"kind": "place", "label": q, "url": entity_url("place", q)})
        for row in run_library_query(store, "organization", {"name": q})[:1]:
            kind = "company" if row.get("type") == "company" else "body"
            pages.append({"kind": kind, "label": q, "url": entity_url(kind, q)})
        if run_library_query(store, "slogan_occurrences", {"name": q, "page": "1"}):
            pages.append({"kind": "slogan", "label": q, "url": entity_url("slogan", q)})
    if len(q) >= 2 and run_library_query(store, "indicator_across_documents",
                                         {"q": q, "page": "1"}):
        pages.append({"kind": "indicator", "label": q, "url": entity_url("indicator", q)})
    return pages


def group_by_document(
    answers: list[dict[str, Any]], docs: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """Answers under the documents their commitments are in, documents in order of their
    best answer; within a document the answers keep their overall rank."""
    groups: dict[str, dict[str, Any]] = {}
    for rank, answer in enumerate(answers, 1):
        by_doc: dict[str, list[dict[str, Any]]] = {}
        if answer.get("document"):
            # who() answered per document already (a subject question).
            by_doc[answer["document"]] = answer["commitments"]
        else:
            for item in answer["commitments"]:
                by_doc.setdefault(item["document"], []).append(item)
        for document, items in by_doc.items():
            meta = docs.get(document, {})
            group = groups.setdefault(document, {
                "document": document,
                "title": meta.get("title") or document,
                "jurisdiction": meta.get("jurisdiction"),
                "year": meta.get("year"),
                "url": document_url(document),
                "answers": [],
            })
            group["answers"].append({"rank": rank, **answer, "commitments": items,
                                     "count": len(items)})
    return list(groups.values())


def who_data(store: AnyStore, q: str, doc: str | None) -> dict[str, Any]:
    from plankg.answers import who as ask

    result = ask(store, q, str(document_iri(doc)) if doc else None)
    data = result.as_json()
    network = graphs.PageNetwork()
    rows = []
    for answer in data["answers"]:
        answer["url"] = body_url(answer["body"])
        for item in answer["commitments"]:
            item["url"] = commitment_url(item["document"], item["path"])
            item["iri"] = str(fact_iri(item["document"], "commitment", item["path"]))
            rows.append((answer, item))
    chosen = set(graphs.first_commitments([{"commitment": i["iri"]} for _, i in rows]))
    network.commitments_total = len({i["iri"] for _, i in rows})
    for answer, item in rows:
        if item["iri"] not in chosen or answer["basis"] == "issuer":
            continue
        network.commitment(item["iri"], item["document"], item["path"], item["text"])
        network.responsibility(item["iri"], {**answer, "body": answer["body_iri"],
                                             "body_label": answer["body"]})
    docs = {d["id"]: d for d in documents(store)}
    data.update(
        title=f"谁负责 {q}",
        doc=doc,
        groups=group_by_document(data["answers"], docs),
        documents=sorted(docs),
        term_pages=term_pages(store, q),
        suggestions=[{"label": s, "url": url("/who", q=s)} for s in data["suggestions"]
                     if s != q],
        network=network.as_json(),
    )
    return data


def who(request: Request) -> Response:
    q = param(request, "q")
    if not q:
        return missing(request, "/who", "q", "谁负责 Who is accountable")
    try:
        data = who_data(store_of(request), q, param(request, "doc") or None)
    except PlankgError as problem:
        return failure(request, problem)
    return respond(request, "who.html", data)


def routes() -> list[BaseRoute]:
    return [Route("/who", who), Route("/who.json", who)]

