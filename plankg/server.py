"""``plankg serve``: the explorer and a read-only SPARQL endpoint, on 127.0.0.1 by default.

uvicorn serves the Starlette application of ``plankg.web.app`` through an h11 protocol
with a deadline for each request to arrive (``plankg.web.protocol``), a keep-alive
timeout, a header size limit and a large listen queue. Endpoint queries run in worker
processes with time and memory limits (``plankg.web.pool``).
"""

from __future__ import annotations

import contextlib
import os
import resource
import sys
from typing import Any

import uvicorn
from starlette.applications import Starlette
from uvicorn.supervisors import Multiprocess

from plankg.web.app import create_app
from plankg.web.protocol import REQUEST_TIMEOUT_VARIABLE, GuardedH11Protocol
from plankg.web.settings import ServeSettings, from_environment, to_environment

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
    config = uvicorn.Config(create_app(settings), **_options(settings), http=protocol)
    return uvicorn.Server(config)


def _options(settings: ServeSettings) -> dict[str, Any]:
    return {
        "host": settings.host,
        "port": settings.port,
        "ws": "none",
        "lifespan": "on",
        "log_level": "warning",
        "access_log": False,
        "timeout_keep_alive": 5,
        "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
        "backlog": 2048,
        "server_header": False,
    }


SETTINGS_VARIABLE = "PLANKG_SERVE_SETTINGS"


def check_source(settings: ServeSettings) -> str:
    """What the server will read, said for its banner; a remote endpoint is asked for its
    summary's stamp first, so one that does not answer fails in one line before anything
    starts (``PlankgError``), and one without a summary is warned about."""
    if not settings.endpoint:
        return f"the store {settings.store_path}"
    from plankg.web.remotewatch import RemoteWatch

    watch = RemoteWatch(settings.endpoint, timeout=settings.timeout)
    if watch.stamp is None:
        print(
            f"warning: {watch.endpoint} holds no corpus summary graph: corpus-wide listings "
            "will be empty and later changes there are not noticed; `plankg push` sends it",
            file=sys.stderr,
        )
    return f"the SPARQL endpoint {watch.endpoint}"


def app_from_environment() -> Starlette:
    """The application of one server process started by uvicorn's supervisor."""
    return create_app(from_environment(os.environ[SETTINGS_VARIABLE]))


def serve(settings: ServeSettings) -> None:
    """Serve until interrupted: one process, or ``server_workers`` processes sharing the
    listening socket (each with its own query workers), since Python code of pages runs on
    one core per process."""
    _raise_file_limit()
    if settings.server_workers <= 1:
        make_server(settings).run()
        return
    os.environ[SETTINGS_VARIABLE] = to_environment(settings)
    os.environ[REQUEST_TIMEOUT_VARIABLE] = str(settings.request_timeout)
    config = uvicorn.Config(
        "plankg.server:app_from_environment",
        factory=True,
        workers=settings.server_workers,
        **_options(settings),
        http="plankg.web.protocol:GuardedH11Protocol",
    )
    Multiprocess(config, sockets=[config.bind_socket()]).run()
