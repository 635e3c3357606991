"""A remote SPARQL 1.1 store as the explorer's source (``plankg serve --endpoint URL``).

The pages read it through the store interface (``RemoteStore``), as the CLI does. There
is no folder to watch for changes, so a background thread asks the server, every
``interval`` seconds, for the corpus summary's stamp (``pk:summaryOf``: a digest of the
load log the summary was computed from, one triple). ``plankg push`` sends the summary
graph last, so a new stamp means a finished push: the generation changes, and with it
the response cache's keys. The page footer says where the data come from and since when
this state has been seen.

A page query the server does not answer raises ``UpstreamError``: the page is a 502 with
the server's one-line reason, never a traceback; a value the user gave that cannot be a
term is still a plain 400.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from plankg.errors import PlankgError
from plankg.rdf import PK
from plankg.store import RemoteStore, Rows
from plankg.store.sparql import Bindings, substitute
from plankg.summary_update import SUMMARY_GRAPH

STAMP_QUERY = (
    f"SELECT ?stamp WHERE {{ GRAPH <{SUMMARY_GRAPH}> {{ <{SUMMARY_GRAPH}> {PK.summaryOf} "
    "?stamp } } LIMIT 1"
)


class UpstreamError(PlankgError):
    """The remote SPARQL endpoint did not answer a page's query."""


class PageStore(RemoteStore):
    """The remote store as pages read it: its failures are the endpoint's (502)."""

    def select(self, query: str, bindings: Bindings | None = None) -> tuple[list[str], Rows]:
        # A bad parameter value is the user's mistake: raised here, before the server.
        text = substitute(query, bindings) if bindings else query
        try:
            return super().select(text)
        except PlankgError as error:
            raise UpstreamError(str(error)) from None


class RemoteWatch:
    """The remote store and its state: ``generation`` changes with the summary's stamp."""

    remote = True

    def __init__(self, endpoint: str, *, interval: float = 1.0, timeout: float = 30.0) -> None:
        self.page_store = PageStore(endpoint, timeout=timeout)
        self.endpoint = self.page_store.query_url  # without credentials: it is shown
        self.interval = interval
        self.generation = 0
        self.changing = False  # a push cannot be seen half way: its stamp comes last
        self.stamp = self.read_stamp()
        self.opened_at = time.time()
        self.checked_at = self.opened_at
        self.failure: str | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def read_stamp(self) -> str | None:
        _, rows = self.page_store.select(STAMP_QUERY)
        return rows[0][0].value if rows and rows[0][0] is not None else None

    def store(self) -> PageStore:
        return self.page_store

    def look(self) -> None:
        """Ask for the stamp once; a new one starts a new generation."""
        try:
            stamp = self.read_stamp()
        except PlankgError as error:
            self.failure = str(error)  # pages say so as their queries fail; keep the state
            return
        self.failure = None
        self.checked_at = time.time()
        if stamp != self.stamp:
            self.stamp = stamp
            self.opened_at = self.checked_at
            self.generation += 1

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="plankg-remote-watch",
                                            daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.look()

    def close(self) -> None:
        self._stop.set()

    def footer(self) -> dict[str, Any]:
        """What the page footer says of the data: the same for every page of a generation
        (pages are cached per generation)."""
        return {
            "endpoint": self.endpoint,
            "as_of": time.strftime("%Y-%m-%d %H:%M:%S %Z", time.localtime(self.opened_at)),
            "stamp": (self.stamp or "")[:12] or None,
            "interval": self.interval,
        }
