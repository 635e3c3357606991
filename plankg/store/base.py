"""The store interface: what plankg needs of a store, whether embedded or remote.

Every reader (``who``, the tables, the explorer, the networks) asks for rows through
``Store.select``: a SELECT with its parameters bound as RDF terms, answered as variables
and rows of pyoxigraph terms (``None`` where unbound), so the same code shapes rows from
Oxigraph on disk and from any SPARQL 1.1 server. Writers (``plankg build``, ``push``)
use the graph operations. Two implementations: ``plankg.store.embedded.EmbeddedStore``
(pyoxigraph) and ``plankg.store.remote.RemoteStore`` (SPARQL 1.1 Protocol and Graph
Store Protocol).
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from plankg.namespaces import ID
from plankg.store.sparql import Bindings, Term
from plankg.terms import integer

VOCABULARY_GRAPH = str(ID["graph/vocabulary"])
# Store bookkeeping: which named graphs were loaded completely, from which source file.
LOAD_LOG_GRAPH = str(ID["graph/load-log"])
LOADED_SHA256 = "https://w3id.org/plankg/ontology#loadedSha256"
STORE_FORMAT_PROPERTY = "https://w3id.org/plankg/ontology#storeFormat"
# Bumped whenever what plankg stores for a document changes shape (its graph or its
# derived index graph). A graph logged with another format counts as not loaded, so the
# next `plankg build` rebuilds it: a store made by an older plankg upgrades itself.
# 2: the index graph also holds bigrams of names and target indicators.
# 3: names and indicators under their own predicates (pk:nameBigram, pk:indicatorBigram).
# Names are now indexed in the corpus summary only; a format-3 index graph's name bigrams
# are no longer read, so they do not make every document worth rebuilding.
# 4: the index graph names its document (pk:phraseIndexOf), which phrase queries
# restricted to a document start from.
# 5: commitments carry their timeframe (pk:timeframe), which who ranks by.
STORE_FORMAT = 5

Rows = list[list[Term | None]]
# Per source document: its graphs (N-Triples lines) and the SHA-256 of its source.
GraphBatch = Sequence[tuple[Mapping[str, list[str]], str]]


def default_store_path() -> Path:
    """``$PLANKG_STORE``, else ``$XDG_DATA_HOME/plankg/store`` (``~/.local/share``)."""
    if env := os.environ.get("PLANKG_STORE"):
        return Path(env)
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "plankg" / "store"


def log_lines(graphs: Iterable[str], source_sha256: str) -> str:
    """The load-log entries (N-Triples) recording ``graphs`` as completely loaded."""
    return "".join(
        f'<{graph}> <{LOADED_SHA256}> "{source_sha256}" .\n'
        f"<{graph}> <{STORE_FORMAT_PROPERTY}> {integer(STORE_FORMAT)} .\n"
        for graph in graphs
    )


def replace_update(graphs: Mapping[str, list[str]], source_sha256: str | None) -> str:
    """One SPARQL update that drops each graph and inserts its lines (and, with
    ``source_sha256``, its load-log entries): atomic wherever an update is."""
    drops = "".join(f"DROP SILENT GRAPH <{graph}> ;\n" for graph in graphs)
    inserts = "".join(
        f"GRAPH <{graph}> {{\n{''.join(lines)}}}\n" for graph, lines in graphs.items() if lines
    )
    if source_sha256 is not None:
        drops += "".join(
            f"DELETE WHERE {{ GRAPH <{LOAD_LOG_GRAPH}> {{ <{g}> ?p ?o }} }} ;\n" for g in graphs
        )
        inserts += f"GRAPH <{LOAD_LOG_GRAPH}> {{\n{log_lines(graphs, source_sha256)}}}\n"
    return f"{drops}INSERT DATA {{\n{inserts}}}"


class Store(ABC):
    """A quad store plankg reads and writes; the default graph is the union of the
    named graphs (queries need no GRAPH clause to see every document)."""

    #: Where the store is, for messages: a folder or an endpoint URL.
    location: str = ""
    read_only: bool = False

    @abstractmethod
    def select(self, query: str, bindings: Bindings | None = None) -> tuple[list[str], Rows]:
        """Run a SELECT with ``$name`` parameters bound as RDF terms.

        Returns (variables, rows); a row holds one term per variable, ``None`` if unbound.
        """

    @abstractmethod
    def update(self, update: str) -> None:
        """Run a SPARQL 1.1 update (refused by a read-only store)."""

    @abstractmethod
    def named_graphs(self) -> set[str]:
        """The IRIs of the named graphs the store holds."""

    @abstractmethod
    def graph_ntriples(self, graph: str) -> str:
        """One named graph as N-Triples (empty if the store does not hold it)."""

    @abstractmethod
    def put_graph(self, graph: str, ntriples: str) -> None:
        """Replace one named graph by the given N-Triples."""

    def replace_graphs(
        self, graphs: Mapping[str, list[str]], *, source_sha256: str | None = None
    ) -> None:
        """Drop each graph and insert its N-Triples lines, in one update; with
        ``source_sha256``, also record the graphs in the load log."""
        self.update(replace_update(graphs, source_sha256))

    def add_graphs(self, batch: GraphBatch) -> None:
        """Add graphs not in the store yet, then log them (a store may load faster
        than a transaction, but then not atomically: the log entry comes last)."""
        for graphs, sha in batch:
            self.replace_graphs(graphs, source_sha256=sha)

    def load_log(self) -> dict[str, tuple[str, int | None]] | None:
        """Named graph → (source SHA-256, store format) from the load log; ``None`` for
        a store without one (a server the graphs were pushed to)."""
        _, rows = self.select(
            f"SELECT ?g ?sha ?format WHERE {{ GRAPH <{LOAD_LOG_GRAPH}> {{ ?g "
            f"<{LOADED_SHA256}> ?sha OPTIONAL {{ ?g <{STORE_FORMAT_PROPERTY}> ?format }} }} }}"
        )
        log: dict[str, tuple[str, int | None]] = {}
        for graph, sha, fmt in rows:
            if graph is not None and sha is not None:
                log[graph.value] = (sha.value, int(fmt.value) if fmt is not None else None)
        return log

    def flush(self) -> None:  # noqa: B027 - most stores need not do anything
        """Make what was written durable (a no-op where every write already is)."""


def complete_graphs(store: Store) -> dict[str, str]:
    """Named graph → SHA-256 of its source, for graphs whose load completed with this
    version's ``STORE_FORMAT``."""
    log = store.load_log() or {}
    return {graph: sha for graph, (sha, fmt) in log.items() if fmt == STORE_FORMAT}


def outdated_documents(store: Store) -> list[str]:
    """Document graphs loaded by a plankg of another ``STORE_FORMAT``: queries may miss
    what they hold (an older phrase index does not name its document) until
    ``plankg build`` rebuilds them. One lookup in the load log."""
    log = store.load_log() or {}
    graphs = {graph for graph, (_, fmt) in log.items() if fmt != STORE_FORMAT}
    # A document's graph and its index graph (…/index) count once; the vocabulary and
    # assignment tables, logged too, are not documents.
    return sorted(
        graph for graph in {g.removesuffix("/index") for g in graphs} if is_document_graph(graph)
    )


def is_document_graph(graph: str) -> bool:
    """Whether a named graph is a document's own (``…/graph/<id>``)."""
    prefix = str(ID["graph/"])
    rest = graph.removeprefix(prefix)
    return rest != graph and "/" not in rest and rest not in (
        "vocabulary", "summary", "load-log"
    )
