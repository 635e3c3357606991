"""``/sparql``: the SPARQL 1.1 Protocol, read-only, each query checked then run in a worker.

GET ``?query=``, POST ``application/sparql-query`` or a form; updates (``update=``,
``application/sparql-update``) and PUT/DELETE/PATCH are refused, as is any query the
guard refuses (SERVICE, LOAD, updates, too large, too deep). The body is read within the
request timeout and up to the size limit.
"""

from __future__ import annotations

import asyncio
import urllib.parse

from starlette.requests import ClientDisconnect, Request
from starlette.responses import PlainTextResponse, Response

from plankg.web.guard import check_query
from plankg.web.state import app_state


def _plain(status: int, message: str) -> Response:
    return PlainTextResponse(message + "\n", status_code=status)


async def read_body(request: Request, limit: int, timeout: float) -> bytes | Response:
    """The request body, or the error response when it is too large, too slow or cut."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > limit:
                return _plain(413, f"request body over {limit:,} bytes")
        except ValueError:
            return _plain(400, "bad Content-Length")
    chunks: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(timeout):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    return _plain(413, f"request body over {limit:,} bytes")
                chunks.append(chunk)
    except TimeoutError:
        return _plain(408, "the request body did not arrive in time")
    except ClientDisconnect:
        return _plain(400, "the client went away")
    return b"".join(chunks)


async def endpoint(request: Request) -> Response:
    state = app_state(request)
    settings = state.settings
    query: str | None = request.query_params.get("query")
    update = request.query_params.get("update")
    if request.method == "POST":
        body = await read_body(request, settings.max_body, settings.request_timeout)
        if isinstance(body, Response):
            return body
        text = body.decode("utf-8", errors="replace")
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type == "application/sparql-query":
            query = text
        elif content_type == "application/sparql-update":
            update = text
        else:
            form = dict(urllib.parse.parse_qsl(text, keep_blank_values=True))
            query = form.get("query", query)
            update = form.get("update", update)
    if update is not None:
        return _plain(403, "this endpoint is read-only: SPARQL updates are refused")
    if not query:
        return _plain(
            400,
            "missing 'query' parameter: this is a SPARQL 1.1 Protocol endpoint "
            "(GET /sparql?query=…, or POST); the editor is at /sparql-editor",
        )
    refusal = check_query(query, max_chars=settings.max_query_chars)
    if refusal is not None:
        return _plain(refusal.status, refusal.message)
    state.refresh()
    answer = await state.pool.run({"query": query, "accept": request.headers.get("accept", "")})
    return Response(answer.body, status_code=answer.status, media_type=answer.content_type)


async def read_only(request: Request) -> Response:
    return _plain(405, "read-only server")
