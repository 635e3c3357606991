"""``/sparql-editor``: YASGUI (``@zazuko/yasgui``, vendored in ``static/vendor/yasgui``)
posting to ``/sparql``, with the store's prefixes, the query library as examples,
sortable results and CSV/JSON downloads. Nothing is fetched from any other host: the
LOV class/property completers are off, prefixes come from ``/api/prefixes``, and a
shared link carries only the query (``?query=``), never an endpoint."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from plankg.web.render import Json, respond

PREFIXES = {
    "pk": "https://w3id.org/plankg/ontology#",
    "id": "https://w3id.org/plankg/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "qudt": "http://qudt.org/schema/qudt/",
}
DEFAULT_QUERY = """PREFIX pk: <https://w3id.org/plankg/ontology#>
SELECT ?document ?path ?text
WHERE {
  ?commitment a pk:Commitment ; pk:commitmentLevel "item" ;
              pk:inDocument/pk:documentId ?document ; pk:path ?path ; pk:text ?text .
}
ORDER BY ?document ?path
LIMIT 20
"""


def examples() -> list[dict[str, Any]]:
    from plankg.queries import library

    return [{"name": q.name, "title": q.title, "query": q.text} for q in library().values()]


def editor(request: Request) -> Response:
    data = {
        "title": "SPARQL 编辑器 SPARQL editor",
        "query": request.query_params.get("query") or DEFAULT_QUERY,
        "run": "query" in request.query_params,
        "endpoint": "/sparql",
        "prefixes": PREFIXES,
        "examples": examples(),
    }
    return respond(request, "editor.html", data)


def prefixes(request: Request) -> Response:
    return Json(PREFIXES)


def routes() -> list[BaseRoute]:
    return [
        Route("/sparql-editor", editor), Route("/sparql-editor.json", editor),
        Route("/api/prefixes", prefixes),
    ]
