"""``plankg serve``: the read-only SPARQL endpoint and the JSON API, on 127.0.0.1 by default.

Routes: ``/sparql`` (SPARQL 1.1 Protocol, GET and POST), ``/api/queries`` and
``/api/query/<name>?param=…`` (library queries, parameters bound as RDF terms),
``/api/who?q=…``. The web explorer adds its pages through ``plankg.explorer``.
"""

from __future__ import annotations

import json
import sys
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pyoxigraph as ox

from plankg.errors import PlankgError
from plankg.sparql_protocol import ProtocolResponse, SparqlService

MAX_BODY = 1_000_000


class PlankgServer(ThreadingHTTPServer):
    daemon_threads = True
    # The default listen queue of 5 made 50 concurrent clients wait seconds to connect.
    request_queue_size = 128

    def __init__(
        self, address: tuple[str, int], store: ox.Store, *, timeout: float, max_rows: int
    ) -> None:
        super().__init__(address, PlankgHandler)
        self.store = store
        self.sparql = SparqlService(store, timeout=timeout, max_rows=max_rows)


def json_response(payload: Any, status: int = 200) -> ProtocolResponse:
    return ProtocolResponse(
        status,
        "application/json; charset=utf-8",
        json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8"),
    )


def api_response(store: ox.Store, path: str, params: dict[str, str]) -> ProtocolResponse | None:
    """The JSON API; None when the path is not an API route."""
    from plankg.answers import who
    from plankg.queries import library
    from plankg.tables import run_library_query

    try:
        if path == "/api/queries":
            return json_response([q.describe() for q in library().values()])
        if path.startswith("/api/query/"):
            name = path.removeprefix("/api/query/")
            rows = run_library_query(store, name, params)
            return json_response({"query": name, "parameters": params, "rows": rows})
        if path == "/api/who":
            if not params.get("q", "").strip():
                return json_response({"error": "missing parameter q"}, 400)
            return json_response(who(store, params["q"], params.get("doc")).as_json())
    except PlankgError as error:
        return json_response({"error": str(error)}, 400)
    return None


class PlankgHandler(BaseHTTPRequestHandler):
    server: PlankgServer
    server_version = "plankg"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        if getattr(self.server, "verbose", False):
            sys.stderr.write(f"{self.address_string()} - {format % args}\n")

    def _send(self, response: ProtocolResponse, head_only: bool = False) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "script-src 'self' 'unsafe-inline'",
        )
        self.end_headers()
        if not head_only:
            self.wfile.write(response.body)

    def _route(
        self, path: str, params: dict[str, str], body_query: str | None, update: str | None
    ) -> ProtocolResponse:
        if path == "/sparql":
            query = body_query if body_query is not None else params.get("query")
            return self.server.sparql.answer(
                query,
                self.headers.get("Accept", ""),
                update if update is not None else params.get("update"),
            )
        api = api_response(self.server.store, path, params)
        if api is not None:
            return api
        from plankg import explorer

        page = explorer.page(self.server.store, path, params, self.headers.get("Accept", ""))
        if page is not None:
            return page
        return ProtocolResponse(404, "text/plain; charset=utf-8", b"not found\n")

    def do_GET(self) -> None:  # noqa: N802
        url = urllib.parse.urlsplit(self.path)
        params = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        self._send(self._route(url.path, params, None, None))

    def do_HEAD(self) -> None:  # noqa: N802
        url = urllib.parse.urlsplit(self.path)
        params = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        self._send(self._route(url.path, params, None, None), head_only=True)

    def do_POST(self) -> None:  # noqa: N802
        url = urllib.parse.urlsplit(self.path)
        params = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._send(ProtocolResponse(413, "text/plain", b"request body too large\n"))
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        body_query = update = None
        if content_type == "application/sparql-query":
            body_query = body
        elif content_type == "application/sparql-update":
            update = body
        else:
            form = dict(urllib.parse.parse_qsl(body, keep_blank_values=True))
            body_query = form.get("query")
            update = form.get("update")
            params.update({k: v for k, v in form.items() if k not in ("query", "update")})
        self._send(self._route(url.path, params, body_query, update))

    def do_PUT(self) -> None:  # noqa: N802
        self._send(
            ProtocolResponse(HTTPStatus.METHOD_NOT_ALLOWED, "text/plain", b"read-only server\n")
        )

    do_DELETE = do_PUT  # noqa: N815
    do_PATCH = do_PUT  # noqa: N815


def make_server(
    store: ox.Store,
    host: str = "127.0.0.1",
    port: int = 8750,
    *,
    timeout: float = 30.0,
    max_rows: int = 100_000,
) -> PlankgServer:
    return PlankgServer((host, port), store, timeout=timeout, max_rows=max_rows)
