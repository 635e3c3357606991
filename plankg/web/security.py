"""ASGI middleware in front of every route: sane paths, known Host, strict headers.

- A path whose percent-decoding is not UTF-8, or holds a null or control character, is
  answered 400 before any route or file lookup sees it.
- The ``Host`` header must name an allowed host (127.0.0.1, localhost, ::1 unless
  configured): a page on another site that rebinds its DNS name to 127.0.0.1 then gets
  400, not the explorer's data.
- Every response carries a Content-Security-Policy without ``unsafe-inline`` or
  ``unsafe-eval``: scripts and styles come from this server's own files only.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def _plain(status: int, text: str) -> list[Message]:
    body = (text + "\n").encode()
    return [
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *HEADERS,
            ],
        },
        {"type": "http.response.body", "body": body},
    ]


def path_problem(raw_path: bytes) -> str | None:
    """Why a raw request path cannot be served, or None."""
    try:
        decoded = urllib.parse.unquote_to_bytes(raw_path).decode("utf-8")
    except UnicodeDecodeError:
        return "the path is not UTF-8"
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in decoded):
        return "the path holds a null or control character"
    return None


def host_name(value: str) -> str:
    """``[::1]:8750`` → ``::1``; ``Localhost:80`` → ``localhost``."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class SecurityMiddleware:
    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str] = LOOPBACK_HOSTS) -> None:
        self.app = app
        self.allowed = {h.lower() for h in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problem = path_problem(scope.get("raw_path") or scope["path"].encode("utf-8", "replace"))
        if problem is None and b"%00" in scope.get("query_string", b""):
            problem = "the query string holds a null character"
        if problem is None and "*" not in self.allowed:
            host = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"host"), "")
            if host_name(host) not in self.allowed:
                problem = f"Host {host!r} is not served here (DNS rebinding guard)"
        if problem is not None:
            for message in _plain(400, problem):
                await send(message)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS if k not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
