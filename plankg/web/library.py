"""``/queries``: the SPARQL library; ``/queries/<name>``: one query as a typed form, its
rows as a readable table (text wraps, IRIs shortened and linked, a hundred rows a page),
CSV and JSON downloads. A ``doc`` parameter takes a document's short id."""

from __future__ import annotations

import csv
import io
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from plankg.errors import PlankgError
from plankg.web.common import documents, store_of
from plankg.web.home import library_json
from plankg.web.links import url
from plankg.web.render import error, failure, respond

ROWS_PER_PAGE = 100
ROWS_PARAM = "rows"  # the table page, apart from a query's own ``page`` parameter


def queries(request: Request) -> Response:
    return respond(request, "queries.html",
                   {"title": "查询库 Query library", "queries": library_json()})


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def query_data(request: Request, name: str) -> dict[str, Any] | None:
    from plankg.queries import library
    from plankg.tables import require_document, run_library_query

    query = library().get(name)
    if query is None:
        return None
    values = {k: v.strip() for k, v in request.query_params.items()
              if v.strip() and k != ROWS_PARAM}
    missing = [p.name for p in query.parameters if not p.optional and p.name not in values]
    # A paged query shows its first page unless asked for another, or for "all": a whole
    # corpus-wide answer can take seconds (plankg.summary_pages).
    paged = any(p.name == "page" for p in query.parameters)
    if paged and values.get("page") is None:
        values["page"] = "1"
    run_values = {k: v for k, v in values.items() if not (k == "page" and v == "all")}
    if "doc" in run_values and any(p.name == "doc" and p.type == "iri" for p in query.parameters):
        # An unknown document is an error that lists the known ones, not an empty table.
        run_values["doc"] = require_document(store_of(request), run_values["doc"])
    rows = None if missing else run_library_query(store_of(request), name, run_values)
    columns = list(query.columns) or (list(rows[0]) if rows else [])
    paging = None
    if paged and rows is not None and "page" in run_values:
        number = int(run_values["page"])
        count = int(rows[0]["pages"]) if rows and rows[0].get("pages") else None
        paging = {
            "page": number, "pages": count,
            "previous": url(f"/queries/{name}", **(values | {"page": number - 1}))
            if number > 1 else None,
            "next": url(f"/queries/{name}", **(values | {"page": number + 1}))
            if count and number < count else None,
            "all_csv": url(f"/queries/{name}.csv", **(values | {"page": "all"})),
        }
    try:
        table_page = max(1, int(request.query_params.get(ROWS_PARAM, "1")))
    except ValueError:
        table_page = 1
    table_pages = max(1, -(-len(rows) // ROWS_PER_PAGE)) if rows else 1
    table_page = min(table_page, table_pages)
    shown = (rows or [])[(table_page - 1) * ROWS_PER_PAGE: table_page * ROWS_PER_PAGE]
    return {
        "title": query.title, "name": name,
        "title_zh": query.title_zh, "title_en": query.title_en,
        "description": query.description,
        "parameters": [p | {"value": values.get(str(p["name"]))}
                       for p in query.describe()["parameters"]],  # type: ignore[union-attr]
        "values": values, "missing": missing, "columns": columns,
        "rows": None if rows is None else [{c: r.get(c) for c in columns} for r in rows],
        "table": {
            "rows": [{c: r.get(c) for c in columns} | {"_row": r} for r in shown],
            "page": table_page, "pages": table_pages, "count": len(rows or []),
            "first": (table_page - 1) * ROWS_PER_PAGE + 1,
            "previous": url(f"/queries/{name}", **values, rows=table_page - 1)
            if table_page > 1 else None,
            "next": url(f"/queries/{name}", **values, rows=table_page + 1)
            if table_page < table_pages else None,
        },
        "paging": paging,
        "sparql": query.text,
        "document_ids": [d["id"] for d in documents(store_of(request))]
        if any(p.name == "doc" for p in query.parameters) else [],
        "links": {
            "share": url(f"/queries/{name}", **values),
            "csv": url(f"/queries/{name}.csv", **values),
            "json": url(f"/queries/{name}.json", **values),
            "editor": url("/sparql-editor", query=query.text),
            "example": url(f"/queries/{name}",
                           **{p.name: p.example for p in query.parameters if p.example}),
        },
    }


def query(request: Request) -> Response:
    name = request.path_params["name"]
    fmt = "html"
    for suffix in (".json", ".csv"):
        if name.endswith(suffix):
            name, fmt = name.removesuffix(suffix), suffix[1:]
    try:
        data = query_data(request, name)
    except PlankgError as problem:
        return failure(request, problem)
    if data is not None and fmt != "html":
        data.pop("table")
    if fmt == "csv" and data is not None:
        if data["rows"] is None:
            return error(request, "missing parameters: " + ", ".join(data["missing"]))
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(data["columns"])
        for row in data["rows"]:
            writer.writerow([_cell_text(row.get(c)) for c in data["columns"]])
        return Response(buffer.getvalue().encode("utf-8"), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    return respond(request, "query.html", data)


def routes() -> list[BaseRoute]:
    return [
        Route("/queries", queries), Route("/queries.json", queries),
        Route("/queries/{name}", query),
    ]
