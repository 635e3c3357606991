"""Progress of a long document through the pipeline, for whoever listens.

The pipeline reports steps and counts (``Progress``); the CLI installs a reporter that
shows them on stderr (``set_reporter``). Nothing is reported for a document that finishes
within ``DELAY`` seconds, so small documents stay quiet, and reports come at most every
``EVERY`` seconds. Worker processes of a parallel build inherit the reporter when forked.
"""

from __future__ import annotations

import time
from collections.abc import Callable

# (document, step, done, total); total 0 when a step has no count
Reporter = Callable[[str, str, int, int], None]

DELAY = 1.0
EVERY = 0.5

_reporter: Reporter | None = None


def set_reporter(reporter: Reporter | None) -> None:
    global _reporter
    _reporter = reporter


class Progress:
    """The progress of one document: ``step`` names what runs now, ``advance`` counts."""

    def __init__(self, document: str) -> None:
        self.document = document
        self.started = time.monotonic()
        self.last = 0.0
        self.name = ""
        self.total = 0

    def step(self, name: str, total: int = 0) -> None:
        self.name, self.total = name, total
        self._report(0, force=True)

    def advance(self, done: int) -> None:
        # cheap enough to call for every sentence: the clock is read every 256 calls
        if done & 0xFF == 0:
            self._report(done)

    def _report(self, done: int, *, force: bool = False) -> None:
        if _reporter is None:
            return
        now = time.monotonic()
        if now - self.started < DELAY or (not force and now - self.last < EVERY):
            return
        self.last = now
        _reporter(self.document, self.name, done, self.total)
