"""The ASGI application of ``plankg serve`` (Starlette): routes, middleware, lifespan.

``create_app(settings)`` opens the store read-only, starts the query workers when the
server starts and stops them when it stops. Security in front of every route
(``plankg.web.security``); the endpoint in ``plankg.web.sparql``; pages in their modules.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route

from plankg.web import api, legacy, sparql
from plankg.web.pool import Limits, QueryPool
from plankg.web.security import SecurityMiddleware
from plankg.web.settings import ServeSettings
from plankg.web.state import AppState
from plankg.web.storewatch import StoreWatch


def create_app(settings: ServeSettings) -> Starlette:
    watch = StoreWatch(settings.store_path, interval=settings.watch_interval)
    limits = Limits(timeout=settings.timeout, memory_mb=settings.memory_mb,
                    max_rows=settings.max_rows)
    pool = QueryPool(settings.store_path, settings.query_workers, limits)
    state = AppState(settings, watch, pool)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await pool.start()
        try:
            yield
        finally:
            pool.close()

    routes = [
        Route("/sparql", sparql.endpoint, methods=["GET", "HEAD", "POST"]),
        Route("/sparql", sparql.read_only, methods=["PUT", "DELETE", "PATCH"]),
        *api.routes(),
        *legacy.routes(),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(SecurityMiddleware, allowed_hosts=settings.hosts())],
        lifespan=lifespan,
    )
    app.state.plankg = state
    return app
