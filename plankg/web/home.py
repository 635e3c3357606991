"""The home page: the who search, the documents, the query library."""

from __future__ import annotations

from functools import cache
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from plankg.web.common import documents, store_of
from plankg.web.links import document_url, url
from plankg.web.render import respond


def library_json() -> list[dict[str, Any]]:
    from plankg.queries import library

    return [q.describe() | {"url": url(f"/queries/{q.name}")} for q in library().values()]


@cache
def who_example() -> str:
    from plankg.queries import library

    query = library().get("who")
    example = query.parameters[0].example if query and query.parameters else None
    return example or ""


def home(request: Request) -> Response:
    docs = documents(store_of(request))
    for doc in docs:
        doc["url"] = document_url(doc["id"])
    data = {"title": "plankg", "documents": docs, "queries": library_json(),
            "example": who_example()}
    return respond(request, "home.html", data)


def routes() -> list[BaseRoute]:
    return [Route("/", home), Route("/index.json", home), Route("/index", home)]
