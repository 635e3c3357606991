"""uvicorn's h11 protocol with a deadline for reading each request.

uvicorn closes an idle keep-alive connection, but a connection that sends half a request
line, or headers one byte at a time, or a body shorter than its Content-Length, is kept
open for as long as the client likes (slowloris). This protocol gives every request
``request_timeout`` seconds from the connection (or the previous response) to arrive
whole; past that the connection is closed. A request that has arrived is the
application's, with its own time limits.
"""

from __future__ import annotations

import asyncio
import os

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

REQUEST_TIMEOUT = 10.0
# Server processes started by uvicorn's supervisor read the timeout from here.
REQUEST_TIMEOUT_VARIABLE = "PLANKG_REQUEST_TIMEOUT"


class GuardedH11Protocol(H11Protocol):
    request_timeout: float = float(os.environ.get(REQUEST_TIMEOUT_VARIABLE, REQUEST_TIMEOUT))

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_read_deadline()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm_read_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        deadline = getattr(self, "_read_deadline", None)
        if deadline is not None:
            deadline.cancel()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        try:
            super().handle_events()
        except UnicodeDecodeError:  # a request target that is not ASCII
            self.send_400_response("Invalid HTTP request target.")

    def _arm_read_deadline(self) -> None:
        previous = getattr(self, "_read_deadline", None)
        if previous is not None:
            previous.cancel()
        self._read_deadline = self.loop.call_later(self.request_timeout, self._read_expired)

    def _read_expired(self) -> None:
        self._read_deadline = None
        if self.transport.is_closing():
            return
        # IDLE: the request line or headers are not complete; SEND_BODY: the body is not.
        if self.conn.their_state in (h11.IDLE, h11.SEND_BODY):
            self.transport.close()
