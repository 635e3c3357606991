"""A response cache for the pages and the JSON API of a read-only store.

The store changes only when a build changes it on disk, and the server then reopens it
under a new generation (``plankg.web.storewatch``). So a page, once rendered, is the
answer to the same request until then: the cache keys each GET on the store generation,
the path, the query string and what the Accept header asks for, keeps the newest
answers up to a byte budget (least recently used out first), and is bypassed by the
SPARQL endpoint, whose queries run under their own limits in worker processes.
``plankg serve --no-cache`` turns it off (``benchmarks/load_serve.py`` measures both).
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BYTES = 64 * 2**20
MAX_ENTRY = 2 * 2**20
_BYPASS = ("/sparql", "/static/")


class ResponseCache:
    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self._entries: OrderedDict[tuple, tuple[list[Message], int]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def _key(self, scope: Scope) -> tuple | None:
        path: str = scope["path"]
        if scope["method"] not in ("GET", "HEAD") or path.startswith(_BYPASS):
            return None
        state = scope["app"].state.plankg if "app" in scope else None
        if state is None:
            return None
        state.refresh()  # reopens a store changed on disk: a new generation, new keys
        accept = b""
        for name, value in scope["headers"]:
            if name == b"accept":
                accept = value
        return (state.watch.generation, state.watch.changing, scope["method"],
                scope.get("raw_path") or path.encode(), scope["query_string"], accept)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = self._key(scope) if scope["type"] == "http" else None
        if key is None:
            await self.app(scope, receive, send)
            return
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
                self.hits += 1
        if entry is not None:
            for message in entry[0]:
                await send(message)
            return
        self.misses += 1
        messages: list[Message] = []
        size = 0

        async def capture(message: Message) -> None:
            nonlocal size
            messages.append(message)
            if message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        start = messages[0] if messages else {}
        if start.get("status") != 200 or size > MAX_ENTRY:
            return
        with self._lock:
            if key not in self._entries:
                self._entries[key] = (messages, size)
                self._size += size
            while self._size > self.max_bytes and self._entries:
                _, (_, dropped) = self._entries.popitem(last=False)
                self._size -= dropped
