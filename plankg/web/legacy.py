"""The old explorer's pages behind the new server, until they move to templates."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from plankg.web.state import app_state


def page(request: Request) -> Response:
    from plankg import explorer

    raw = request.scope.get("raw_path") or request.url.path.encode()
    answer = explorer.page(
        app_state(request).refresh(),
        raw.decode("ascii", "replace"),
        dict(request.query_params),
        request.headers.get("accept", ""),
    )
    if answer is None:
        return PlainTextResponse("not found\n", status_code=404)
    return Response(answer.body, status_code=answer.status, media_type=answer.content_type)


def routes() -> list[BaseRoute]:
    return [Route("/{path:path}", page, methods=["GET", "HEAD"])]
