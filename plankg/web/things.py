"""Pages of named things: ``/body``, ``/place``, ``/company``, ``/slogan`` (``?name=``)
and ``/indicator`` (``?q=``), each with its commitments across documents."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from plankg.errors import PlankgError
from plankg.identity import fact_iri
from plankg.store import AnyStore
from plankg.tables import run_library_query
from plankg.web import graphs
from plankg.web.common import param, store_of, suggestions
from plankg.web.links import body_url, commitment_url, document_url, entity_url, url
from plankg.web.render import failure, missing, respond, target_value


def body_data(store: AnyStore, name: str) -> dict[str, Any]:
    """What the bodies a name denotes are accountable for: the very answers ``plankg who``
    gives for the name, per body, so both pages count the same commitments."""
    from plankg.answers import who

    result = who(store, name).as_json()
    bodies: dict[str, dict[str, Any]] = {}
    if result["mode"] == "body":
        for answer in result["answers"]:
            body = bodies.setdefault(answer["body_iri"], {
                "iri": answer["body_iri"], "label": answer["body"],
                "url": body_url(answer["body"]), "answers": [], "commitments": 0,
            })
            for item in answer["commitments"]:
                item["url"] = commitment_url(item["document"], item["path"])
            body["answers"].append(answer)
        for body in bodies.values():
            body["commitments"] = len({c["id"] for a in body["answers"]
                                       for c in a["commitments"]})
    ordered = sorted(bodies.values(), key=lambda b: (b["label"] != name, len(b["label"])))
    network: dict[str, Any] = {"nodes": [], "edges": []}
    if ordered:
        first = ordered[0]
        rows = [
            {"commitment": str(fact_iri(c["document"], "commitment", c["path"])), **c}
            for a in first["answers"] for c in a["commitments"]
        ]
        network = graphs.around(store, (first["iri"], first["label"], "body", first["url"]),
                                rows)
        for edge in network["edges"]:  # the subject's own edges say its role, not "involves"
            if edge["from"] == first["iri"] and edge.get("relation") == "involves":
                edge["hidden"] = True
    return {
        "title": name, "name": name, "bodies": ordered,
        "who_url": url("/who", q=name),
        "suggestions": [] if ordered else suggestions(store, name),
        "network": network,
    }


def place_data(store: AnyStore, name: str) -> dict[str, Any]:
    places = run_library_query(store, "place", {"name": name})
    contained = run_library_query(store, "place_containment", {"place": name})
    rows = run_library_query(store, "commitments_in_place",
                             {"place": name, "level_filter": "sentence"})
    commitments = []
    for row in rows:
        row["commitment"] = str(fact_iri(row["document"], "commitment", row["path"]))
        commitments.append({
            "document": row["document"], "year": row["year"], "path": row["path"],
            "text": row["text"], "via": [v for v in (row.get("via") or "").split("|") if v],
            "url": commitment_url(row["document"], row["path"]),
        })
    subject = (f"place:{name}", name, "place", entity_url("place", name) or "")
    return {
        "title": name, "name": name,
        "types": sorted({p["type"] for p in places if p.get("type")}),
        "located_in": [{"name": p, "url": entity_url("place", p)}
                       for p in sorted({p["parent"] for p in places if p.get("parent")})],
        "contains": [
            {"name": c["contained"], "category": c["contained_category"],
             "type": c["contained_type"],
             "url": entity_url("place" if c["contained_category"] == "place" else "project",
                               c["contained"])}
            for c in contained
        ],
        "commitments": commitments,
        "who_url": url("/who", q=name),
        "suggestions": [] if (places or rows) else suggestions(store, name),
        "network": graphs.around(store, subject, rows),
    }


def company_data(store: AnyStore, name: str) -> dict[str, Any]:
    organizations = run_library_query(store, "organization", {"name": name})
    rows = run_library_query(store, "company_commitments", {"name": name})
    merged: dict[str, dict[str, Any]] = {}
    for row in rows:  # a commitment naming the company and its project is listed once
        item = merged.setdefault(row["commitment"], {
            "commitment": row["commitment"], "document": row["document"],
            "path": row["path"], "text": row["text"], "via": [],
            "url": commitment_url(row["document"], row["path"]),
        })
        if row["via"] not in item["via"]:
            item["via"].append(row["via"])
    projects = sorted({r["via"] for r in rows if r["via_kind"] == "project"})
    subject = (f"company:{name}", name, "company", entity_url("company", name) or "")
    commitments = list(merged.values())
    return {
        "title": name, "name": name,
        "organizations": [{"name": o["label"], "name_en": o.get("label_en"),
                           "type": o.get("type")} for o in organizations],
        "projects": [{"name": p, "url": url("/who", q=p)} for p in projects],
        "commitments": commitments,
        "who_url": url("/who", q=name),
        "suggestions": [] if (organizations or rows) else suggestions(store, name),
        "network": graphs.around(store, subject, commitments),
    }


def slogan_data(store: AnyStore, name: str, page: str = "") -> dict[str, Any]:
    """A slogan's occurrences, twenty documents to a page (``page=all`` for every one),
    and its kind, English name and members as the first document's graph gives them:
    asking every document for them took 15 s at 1,000 documents."""
    from plankg.identity import document_iri

    values = {"name": name} | ({} if page == "all" else {"page": page or "1"})
    occurrences = run_library_query(store, "slogan_occurrences", values)
    canonical = occurrences[0].get("name") if occurrences else None
    described = [
        r for r in run_library_query(
            store, "slogans", {"doc": str(document_iri(occurrences[0]["document"]))})
        if r["name"] in (name, canonical)
    ] if occurrences else []
    first = described[0] if described else {}
    items = []
    for o in occurrences:
        items.append({
            **{k: o.get(k) for k in ("document", "year", "path", "quote", "quoted", "rule",
                                     "text")},
            "commitment": str(fact_iri(o["document"], "commitment", o["path"])),
            "url": commitment_url(o["document"], o["path"]),
        })
    subject = (f"slogan:{name}", name, "slogan", entity_url("slogan", name) or "")
    number = int(values.get("page", 0) or 0)
    pages = int(occurrences[0]["pages"]) if occurrences and occurrences[0].get("pages") else None
    return {
        "title": name, "name": name,
        "slogan": {
            "name": first.get("name", name), "kind": first.get("kind"),
            "english": first.get("english"), "glossary_level": first.get("glossary_level"),
            "members": [m for m in (first.get("members") or "").split("、") if m],
        } if first else None,
        "occurrences": items,
        "documents": sorted({o["document"] for o in occurrences}),
        "paging": {
            "page": number, "pages": pages,
            "previous": url("/slogan", name=name, page=number - 1) if number > 1 else None,
            "next": url("/slogan", name=name, page=number + 1)
            if pages and number and number < pages else None,
            "all": url("/slogan", name=name, page="all"),
        } if number else None,
        "who_url": url("/who", q=name),
        "suggestions": [] if occurrences else suggestions(store, name),
        "network": graphs.around(store, subject, items),
    }


def indicator_data(store: AnyStore, q: str, page: str) -> dict[str, Any]:
    values = {"q": q} | ({} if page == "all" else {"page": page or "1"})
    rows = run_library_query(store, "indicator_across_documents", values)
    columns: dict[str, dict[str, Any]] = {}
    pivot: dict[tuple[str, str, str], dict[str, list[str]]] = {}
    for row in rows:
        columns.setdefault(row["document"], {
            "document": row["document"], "year": row["year"], "level": row["level"],
            "url": document_url(row["document"]),
        })
        # A target is for the document's year; an outcome reports the year before. A row
        # per unit, so that a growth rate and an amount never share a cell.
        key = (row["indicator"], row["kind"], str(row.get("unit_normalized") or ""))
        pivot.setdefault(key, {}).setdefault(row["document"], []).append(target_value(row))
    number = int(values.get("page", 0) or 0)
    pages = int(rows[0]["pages"]) if rows and rows[0].get("pages") else None
    return {
        "title": q, "q": q,
        "documents": sorted(columns.values(), key=lambda c: (c["year"] or 0, c["document"])),
        "by_indicator": [
            {"indicator": indicator, "kind": kind, "unit": unit, "values": by_doc,
             "url": entity_url("indicator", indicator)}
            for (indicator, kind, unit), by_doc in sorted(pivot.items())
        ],
        "targets": [
            {k: r.get(k) for k in ("indicator", "year", "document", "level", "kind", "value",
                                   "unit", "comparator", "value_normalized",
                                   "unit_normalized", "change", "quote", "path")}
            | {"url": commitment_url(r["document"], r["path"]),
               "period": (r["year"] - 1 if r["kind"] == "outcome" and r.get("year")
                          else r.get("year"))}
            for r in rows
        ],
        "paging": {
            "page": number, "pages": pages,
            "previous": url("/indicator", q=q, page=number - 1) if number > 1 else None,
            "next": url("/indicator", q=q, page=number + 1)
            if pages and number and number < pages else None,
            "all": url("/indicator", q=q, page="all"),
        } if number else None,
        "who_url": url("/who", q=q),
        "suggestions": [] if rows else suggestions(store, q),
    }


def _page(key: str, template: str, title: str,
          build: Callable[[AnyStore, str], dict[str, Any]]) -> Callable[[Request], Response]:
    def endpoint(request: Request) -> Response:
        value = param(request, key)
        if not value:
            return missing(request, request.url.path.removesuffix(".json"), key, title)
        try:
            data = build(store_of(request), value)
        except PlankgError as problem:
            return failure(request, problem)
        return respond(request, template, data)

    return endpoint


def slogan(request: Request) -> Response:
    name = param(request, "name")
    if not name:
        return missing(request, "/slogan", "name", "提法 Slogan")
    try:
        data = slogan_data(store_of(request), name, param(request, "page"))
    except PlankgError as problem:
        return failure(request, problem)
    return respond(request, "slogan.html", data)


def indicator(request: Request) -> Response:
    q = param(request, "q")
    if not q:
        return missing(request, "/indicator", "q", "指标 Indicator")
    try:
        data = indicator_data(store_of(request), q, param(request, "page"))
    except PlankgError as problem:
        return failure(request, problem)
    return respond(request, "indicator.html", data)


def routes() -> list[BaseRoute]:
    pages = {
        "/body": _page("name", "body.html", "机构 Body", body_data),
        "/place": _page("name", "place.html", "地点 Place", place_data),
        "/company": _page("name", "company.html", "企业 Company", company_data),
        "/slogan": slogan,
        "/indicator": indicator,
    }
    return [Route(p + suffix, e) for p, e in pages.items() for suffix in ("", ".json")]
