"""The ASGI application of ``plankg serve`` (Starlette): routes, middleware, lifespan.

``create_app(settings)`` opens the store read-only (or, with ``settings.endpoint``, reads
a remote SPARQL endpoint: ``plankg.web.remotewatch``), starts the query workers when the
server starts and stops them when it stops. Security in front of every route
(``plankg.web.security``); the endpoint in ``plankg.web.sparql``; each page family in
its module, rendered by Jinja2 templates (``templates/``) or as JSON; static files from
``static/`` and vis-network from the installed pyvis package.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from plankg.web import api, commitment, editor, home, library, sparql, things, who
from plankg.web.cache import ResponseCache
from plankg.web.pool import Limits, QueryPool, Source
from plankg.web.remotewatch import RemoteWatch, UpstreamError
from plankg.web.render import WEB_DIR, error, not_found
from plankg.web.security import SecurityMiddleware
from plankg.web.settings import ServeSettings
from plankg.web.state import AppState
from plankg.web.storewatch import StoreWatch

VIS_VERSION = "9.1.2"  # the vis-network build shipped inside pyvis


def vis_directory() -> Path:
    import pyvis

    return Path(pyvis.__file__).resolve().parent / "lib" / f"vis-{VIS_VERSION}"


async def sparql_or_editor(request: Request) -> Response:
    """A browser following a link to /sparql without a query gets the editor."""
    if (
        request.method == "GET"
        and "query" not in request.query_params
        and "update" not in request.query_params
        and "text/html" in request.headers.get("accept", "")
    ):
        return RedirectResponse("/sparql-editor", status_code=303)
    return await sparql.endpoint(request)


async def http_error(request: Request, exc: Exception) -> Response:
    status = getattr(exc, "status_code", 500)
    if status == 404:
        return not_found(request)
    return error(request, str(getattr(exc, "detail", "")) or "error", status)


async def upstream_error(request: Request, exc: Exception) -> Response:
    """A page whose query the remote endpoint did not answer: its reason, in one line."""
    return error(request, str(exc), 502)


def create_app(settings: ServeSettings) -> Starlette:
    watch: StoreWatch | RemoteWatch
    if settings.endpoint:
        watch = RemoteWatch(settings.endpoint, interval=settings.watch_interval,
                            timeout=settings.timeout)
        source = Source(endpoint=settings.endpoint)
    else:
        watch = StoreWatch(settings.store_path, interval=settings.watch_interval)
        source = Source(store_path=str(settings.store_path))
    limits = Limits(timeout=settings.timeout, memory_mb=settings.memory_mb,
                    max_rows=settings.max_rows, max_answer_bytes=settings.max_answer_mb * 2**20)
    pool = QueryPool(source, settings.query_workers, limits)
    state = AppState(settings, watch, pool)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await pool.start()
        watch.start()
        try:
            yield
        finally:
            watch.close()
            pool.close()

    routes = [
        Route("/sparql", sparql_or_editor, methods=["GET", "HEAD", "POST"]),
        Route("/sparql", sparql.read_only, methods=["PUT", "DELETE", "PATCH"]),
        *api.routes(),
        *home.routes(),
        *who.routes(),
        *things.routes(),
        *commitment.routes(),
        *library.routes(),
        *editor.routes(),
        Route("/favicon.ico", lambda request: RedirectResponse("/static/favicon.svg", 301)),
        Mount("/static/vendor/vis-network", StaticFiles(directory=vis_directory())),
        Mount("/static", StaticFiles(directory=WEB_DIR / "static")),
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(SecurityMiddleware, allowed_hosts=settings.hosts()),
            *([Middleware(ResponseCache)] if settings.cache else []),
        ],
        exception_handlers={HTTPException: http_error, UpstreamError: upstream_error},
        lifespan=lifespan,
    )
    app.state.plankg = state
    return app
