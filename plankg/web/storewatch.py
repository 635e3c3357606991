"""The served store, reopened when a later ``plankg build`` changes it on disk.

A read-only Oxigraph store sees the data as of its opening. The server therefore looks
at the store's folder (names, sizes and times of its data files, at most once a second)
and, once a change has settled for a moment (a build still writing would be caught half
way), opens it again: pages and workers then answer from the new state. While files are
changing the pages say so.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pyoxigraph as ox

# RocksDB's info log and lock file change without the data changing (a read-only open
# writes its own log), so they are not part of what is watched.
_IGNORED_PREFIXES = ("LOG", "LOCK")


def signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    entries = []
    try:
        with os.scandir(folder) as scan:
            for entry in scan:
                if entry.name.startswith(_IGNORED_PREFIXES) or not entry.is_file():
                    continue
                stat = entry.stat()
                entries.append((entry.name, stat.st_size, stat.st_mtime_ns))
    except OSError:
        return ()
    return tuple(sorted(entries))


class StoreWatch:
    remote = False

    def __init__(self, path: Path, *, interval: float = 1.0, settle: float = 1.0) -> None:
        self.path = Path(path)
        self.interval = interval
        self.settle = settle
        self.generation = 0
        self.opened_at = time.time()
        self._signature = signature(self.path)
        self._store = ox.Store.read_only(str(self.path))
        self._pending: tuple[tuple[str, int, int], ...] | None = None
        self._pending_since = 0.0
        self._checked = time.monotonic()
        self._lock = threading.Lock()

    @property
    def changing(self) -> bool:
        """True while the files differ from what the open store read and have not settled."""
        return self._pending is not None

    def store(self) -> ox.Store:
        """The current store, reopened first when the folder changed and has settled."""
        now = time.monotonic()
        if now - self._checked >= self.interval:
            with self._lock:
                if now - self._checked >= self.interval:
                    self._checked = now
                    self._look(now)
        return self._store

    def _look(self, now: float) -> None:
        current = signature(self.path)
        if current == self._signature:
            self._pending = None
            return
        if current != self._pending:
            self._pending, self._pending_since = current, now
            return
        if now - self._pending_since < self.settle:
            return
        try:
            fresh = ox.Store.read_only(str(self.path))
        except OSError:
            return  # still being written: try again at the next look
        self._store = fresh
        self._signature = current
        self._pending = None
        self.generation += 1
        self.opened_at = time.time()

    def start(self) -> None:
        """Nothing to start: the folder is looked at when a request asks for the store."""

    def close(self) -> None:
        """Nothing to stop."""

    def footer(self) -> None:
        """The footer says nothing of an embedded store (a banner says it is changing)."""
        return None
