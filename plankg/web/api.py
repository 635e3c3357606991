"""The JSON API: ``/api/queries``, ``/api/query/<name>?param=…``, ``/api/who?q=…``.

Library queries only, their parameters bound as RDF terms (``plankg.queries``).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from plankg.errors import PlankgError
from plankg.identity import document_iri
from plankg.web.render import Json, failure_status
from plankg.web.state import app_state


def queries(request: Request) -> Response:
    from plankg.queries import library

    return Json([q.describe() for q in library().values()])


def query(request: Request) -> Response:
    from plankg.tables import run_library_query

    name = request.path_params["name"]
    params = dict(request.query_params)
    try:
        rows = run_library_query(app_state(request).refresh(), name, params)
    except PlankgError as error:
        return Json({"error": str(error)}, status_code=failure_status(error))
    return Json({"query": name, "parameters": params, "rows": rows})


def who(request: Request) -> Response:
    from plankg.answers import who as ask

    q = request.query_params.get("q", "").strip()
    if not q:
        return Json({"error": "missing parameter q"}, status_code=400)
    doc = request.query_params.get("doc") or None
    if doc and ":" not in doc:  # a short id, as everywhere else
        doc = str(document_iri(doc))
    try:
        result = ask(app_state(request).refresh(), q, doc)
    except PlankgError as error:
        return Json({"error": str(error)}, status_code=failure_status(error))
    return Json(result.as_json())


def routes() -> list[BaseRoute]:
    return [
        Route("/api/queries", queries),
        Route("/api/query/{name}", query),
        Route("/api/who", who),
    ]
