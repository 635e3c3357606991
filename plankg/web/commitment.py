"""``/commitment/<doc>/<path>``: one commitment in its section, what it involves, who is
responsible; ``/document/<doc>``: a document's metadata and outline."""

from __future__ import annotations

import re
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from plankg.identity import document_iri, fact_iri, iri_segment
from plankg.store import AnyStore
from plankg.tables import run_library_query
from plankg.web import graphs
from plankg.web.common import documents, store_of
from plankg.web.links import body_url, commitment_url, entity_url, url
from plankg.web.remotewatch import UpstreamError
from plankg.web.render import respond

SECTION_WINDOW = 12  # sentences shown around the commitment when its section is long
_SENTENCE_PATH_RE = re.compile(r"\.s\d+$")
INVOLVES = ("place", "organization", "project", "slogan", "topic")


def _optional(
    store: AnyStore, name: str, params: dict[str, str], unavailable: list[dict[str, str]]
) -> list[dict[str, Any]]:
    """Rows a page can do without. A remote store that cannot answer the query (Virtuoso
    cannot compile the zero-or-one paths of the context queries: queries/README.md) leaves
    that part of the page out, and the page says which query and why."""
    try:
        return run_library_query(store, name, params)
    except UpstreamError as problem:
        unavailable.append({"query": name, "reason": str(problem)})
        return []


def _context_sentences(
    store: AnyStore, iri: str, containers: list[dict[str, Any]],
    unavailable: list[dict[str, str]],
) -> tuple[dict[str, Any] | None, list[dict[str, Any]], dict[str, int]]:
    evidence = run_library_query(store, "commitment_evidence", {"commitment": iri})
    marked_paths = {e["path"] for e in evidence}
    context = None
    for kind in ("section", "part", "item", "paragraph"):
        matches = [c for c in containers if c["kind"] == kind]
        if matches:
            context = matches[-1]
            break
    sentences = (
        _optional(store, "division_sentences", {"division": context["division"]}, unavailable)
        if context else []
    ) or evidence
    marked = [i for i, s in enumerate(sentences) if s["path"] in marked_paths]
    before = after = 0
    if marked and len(sentences) > 2 * SECTION_WINDOW + len(marked):
        low = max(0, marked[0] - SECTION_WINDOW)
        high = min(len(sentences), marked[-1] + SECTION_WINDOW + 1)
        before, after = low, len(sentences) - high
        sentences = sentences[low:high]
    paragraphs: list[dict[str, Any]] = []
    for s in sentences:  # one paragraph per division (a sentence path is its division's + .sN)
        division = _SENTENCE_PATH_RE.sub("", s["path"])
        if not paragraphs or paragraphs[-1]["division"] != division:
            paragraphs.append({"division": division, "sentences": []})
        paragraphs[-1]["sentences"].append(
            {"path": s["path"], "text": s["text"], "highlighted": s["path"] in marked_paths})
    return context, paragraphs, {"before": before, "after": after}


def commitment_data(store: AnyStore, document: str, path: str) -> dict[str, Any] | None:
    iri = str(fact_iri(document, "commitment", path))
    found = run_library_query(store, "commitment", {"commitment": iri})
    if not found:
        return None
    info = found[0]
    bound = {"commitment": iri}
    unavailable: list[dict[str, str]] = []
    containers = _optional(store, "commitment_context", bound, unavailable)
    context, paragraphs, omitted = _context_sentences(store, iri, containers, unavailable)
    involves: dict[str, list[dict[str, Any]]] = {k: [] for k in INVOLVES}
    for row in run_library_query(store, "commitment_involves", bound):
        kind = row["relation"]
        company = kind == "organization" and row.get("type") == "company"
        kind_page = "company" if company else kind
        involves[kind].append({
            "name": row["label"], "type": row.get("type"), "iri": row["node"],
            "company": row.get("company"), "label_en": row.get("label_en"),
            "primary": bool(row.get("primary")),
            "url": entity_url(kind_page, row["label"], row.get("type")),
            "company_url": entity_url("company", row["company"]) if row.get("company") else None,
        })
    targets = run_library_query(store, "commitment_targets", bound)
    responsibilities = run_library_query(store, "commitment_responsibilities", bound)
    children = run_library_query(store, "commitment_parts", bound)

    network = graphs.PageNetwork()
    network.commitment(iri, document, path, info["text"])
    network.commitments_total = 1
    for kind in ("place", "organization", "project", "slogan"):
        for entry in involves[kind]:
            node_kind = "company" if entry.get("type") == "company" else kind
            network.node(entry["iri"], entry["name"], node_kind, entry["name"], entry["url"] or "")
            network.edge(iri, entry["iri"], "involves", relation="involves")
    for target in targets:
        network.node(target["target"], graphs.short_text(target["quote"]), "target",
                     target["quote"], url("/indicator", q=target["indicator"]))
        network.edge(iri, target["target"], "target", relation="involves")
    for row in responsibilities:
        network.responsibility(iri, row)
    parent = info.get("parent_path")
    return {
        "title": f"{document} {path}",
        "commitment": {
            "iri": iri, "document": document, "document_title": info.get("title"),
            "path": path, "level": info["level"], "text": info["text"],
            "char_start": info["char_start"], "char_end": info["char_end"],
            "parent": {"path": parent, "url": commitment_url(document, parent)} if parent else None,
        },
        "context": [{"kind": c["kind"], "path": c["path"], "heading": c.get("heading")}
                    for c in containers],
        "context_path": context["path"] if context else None,
        "paragraphs": paragraphs,
        "sentences": [s for p in paragraphs for s in p["sentences"]],
        "sentences_omitted": omitted,
        "children": [{"path": c["path"], "text": c["text"],
                      "url": commitment_url(document, c["path"])} for c in children],
        "targets": [
            {k: t.get(k) for k in ("indicator", "value", "unit", "comparator", "change",
                                   "binding", "kind", "quote", "path")}
            | {"url": url("/indicator", q=t["indicator"])}
            for t in targets
        ],
        "places": involves["place"], "organizations": involves["organization"],
        "projects": involves["project"], "slogans": involves["slogan"],
        "topics": involves["topic"],
        "responsibilities": [
            {k: r.get(k) for k in ("body", "body_label", "role", "basis", "stated",
                                   "confidence", "rationale", "quote", "evidence_path")}
            | {"url": body_url(r["body_label"])}
            for r in responsibilities
        ],
        "network": network.as_json(),
        "unavailable": unavailable,
    }


def sentence_data(store: AnyStore, document: str, path: str) -> dict[str, Any] | None:
    """A sentence that is not a commitment (a slogan or target may sit in one): its context."""
    iri = str(document_iri(document)) + "/" + iri_segment(path)
    rows = run_library_query(store, "sentence_context", {"sentence": iri})
    if not rows:
        return None
    row = rows[0]
    return {"title": f"{document} {path}", "sentence": row,
            "document_url": url(f"/document/{document}")}


def commitment(request: Request) -> Response:
    document = request.path_params["document"]
    path = request.path_params["path"]
    path = path.removesuffix(".json")
    store = store_of(request)
    data = commitment_data(store, document, path) if document and path else None
    if data is None and document and path:
        sentence = sentence_data(store, document, path)
        if sentence is not None:
            return respond(request, "sentence.html", sentence)
    return respond(request, "commitment.html", data)


def document_data(store: AnyStore, doc: str) -> dict[str, Any] | None:
    docs = documents(store, doc)
    if not docs:
        return None
    iri = str(document_iri(doc))
    unavailable: list[dict[str, str]] = []
    outline = _optional(store, "document_outline", {"doc": iri}, unavailable)
    paths = {r["path"] for r in run_library_query(store, "commitment_paths", {"doc": iri})}
    return {
        "title": docs[0].get("title") or doc,
        "document": docs[0],
        "outline": [
            {k: r.get(k) for k in ("kind", "path", "heading", "commitments",
                                   "sentence_commitments", "targets", "outcomes")}
            | {"url": commitment_url(doc, r["path"]) if r["path"] in paths else None}
            for r in outline
        ],
        "links": {
            "who": url("/who", doc=doc),
            "targets": url("/queries/targets", doc=doc),
            "responsibilities": url("/queries/responsibilities", doc=doc),
        },
        "unavailable": unavailable,
    }


def document(request: Request) -> Response:
    doc = request.path_params["document"].removesuffix(".json")
    if "/" in doc:
        return respond(request, "document.html", None)
    return respond(request, "document.html", document_data(store_of(request), doc))


def routes() -> list[BaseRoute]:
    return [
        Route("/commitment/{document}/{path:path}", commitment),
        Route("/document/{document:path}", document),
    ]
