"""``plankg serve``: the read-only SPARQL endpoint and web explorer (``plankg/web/``)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from plankg.cli.common import open_store
from plankg.cli.options import add_endpoint, add_store
from plankg.errors import PlankgError


def cmd_serve(args: argparse.Namespace) -> int:
    import socket

    from plankg.server import check_source, serve
    from plankg.store import default_store_path
    from plankg.web.settings import ServeSettings

    path = Path(args.store) if args.store else default_store_path()
    endpoint = args.endpoint or os.environ.get("PLANKG_ENDPOINT") or None
    open_store(args)  # the same checks and warnings as the queries; the server opens its own
    settings = ServeSettings(
        store_path=path,
        endpoint=endpoint,
        host=args.host,
        port=args.port,
        allowed_hosts=tuple(args.allow_host),
        timeout=args.timeout,
        memory_mb=args.memory_limit,
        max_rows=args.max_rows,
        query_workers=args.query_workers,
        server_workers=max(1, args.server_workers),
        cache=not args.no_cache,
        request_timeout=args.request_timeout,
        max_answer_mb=args.max_answer_mb,
    )
    source = check_source(settings)  # an endpoint that does not answer: one line, no start
    try:  # fail with one line when the port is taken, before starting anything
        with socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((args.host, args.port))
    except OSError as error:
        raise PlankgError(f"cannot listen on {args.host}:{args.port} ({error.strerror})") from None
    print(
        f"plankg serving {source} read-only on http://{args.host}:{args.port}/ (SPARQL at "
        "/sparql); Ctrl-C stops",
        flush=True,
    )
    serve(settings)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    serve = sub.add_parser(
        "serve",
        help="read-only SPARQL endpoint and web explorer",
        description="A read-only SPARQL endpoint (/sparql) and the web explorer, on loopback "
        "unless told otherwise.",
    )
    serve.set_defaults(handler=cmd_serve)
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (0.0.0.0 for every interface)")
    serve.add_argument("--port", type=int, default=8750, help="port to listen on")
    serve.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                       help="time a SPARQL query may run before its worker is stopped")
    serve.add_argument("--max-rows", type=int, default=100_000, metavar="N",
                       help="rows a SPARQL answer may hold (larger answers are refused)")
    serve.add_argument(
        "--memory-limit", type=int, default=1024, metavar="MIB",
        help="resident memory of a query worker before its query is stopped",
    )
    serve.add_argument(
        "--query-workers", type=int, default=2, metavar="N",
        help="SPARQL worker processes per server process",
    )
    serve.add_argument(
        "--no-cache", action="store_true",
        help="render every page anew (pages and API answers are cached per store state)",
    )
    serve.add_argument(
        "--server-workers", type=int, default=min(2, os.cpu_count() or 1), metavar="N",
        help="server processes sharing the port (default: 2, or 1 on one core)",
    )
    serve.add_argument(
        "--request-timeout", type=float, default=10.0, metavar="SECONDS",
        help="time for a request to arrive whole before its connection is closed",
    )
    serve.add_argument(
        "--allow-host", action="append", default=[], metavar="NAME",
        help="a Host header name to accept besides 127.0.0.1/localhost (repeatable; * for any)",
    )
    serve.add_argument(
        "--max-answer-mb", type=int, default=64, metavar="MIB",
        help="with --endpoint: size of the remote server's answer to a /sparql query "
        "before it is refused (default: 64)",
    )
    add_store(serve)
    add_endpoint(serve)
