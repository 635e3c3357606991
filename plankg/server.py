"""``plankg serve``: the explorer and a read-only SPARQL endpoint, on 127.0.0.1 by default.

uvicorn serves the Starlette application of ``plankg.web.app`` through an h11 protocol
with a deadline for each request to arrive (``plankg.web.protocol``), a keep-alive
timeout, a header size limit and a large listen queue. Endpoint queries run in worker
processes with time and memory limits (``plankg.web.pool``).
"""

from __future__ import annotations

import contextlib
import resource

import uvicorn

from plankg.web.app import create_app
from plankg.web.protocol import GuardedH11Protocol
from plankg.web.settings import ServeSettings

MAX_HEADER_BYTES = 128 * 1024  # a GET may carry a query of some tens of kilobytes


def _raise_file_limit() -> None:
    """Each open connection is a file descriptor: allow as many as the system lets us."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        target = 65536 if hard == resource.RLIM_INFINITY else hard
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, target), hard))


def make_server(settings: ServeSettings) -> uvicorn.Server:
    """A uvicorn server for the settings; ``run()`` it (or ``serve()`` in an event loop)."""
    protocol = type(
        "PlankgProtocol", (GuardedH11Protocol,), {"request_timeout": settings.request_timeout}
    )
    config = uvicorn.Config(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        http=protocol,
        ws="none",
        lifespan="on",
        log_level="warning",
        access_log=False,
        timeout_keep_alive=5,
        h11_max_incomplete_event_size=MAX_HEADER_BYTES,
        backlog=2048,
        server_header=False,
    )
    return uvicorn.Server(config)


def serve(settings: ServeSettings) -> None:
    _raise_file_limit()
    make_server(settings).run()
