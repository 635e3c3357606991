"""Prototype, kept for the measurement only: SQLite FTS5 over character bigrams beside
the store, for phrase search (``who``, ``who_commitments``, ``search_sentences``).

Not part of plankg (docs/scale.md, "Store cost", says why). ``build_throughput.py
--search-store`` times the library queries, which find a phrase through the bigram
triples, against the variants in ``benchmarks/fts5/``, whose ``# text-index:`` line is
replaced by ``VALUES ?node { … }`` of this index's candidates (a server without the
index reads the line as a comment and scans the texts).

Each text is one row of an FTS5 table, its tokens the text's character bigrams, so a
phrase is an FTS5 phrase query: the bigrams in a row. The candidates are a superset of
the answer; the query's own ``CONTAINS`` decides.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox

from plankg.store.sparql import sparql_term

FILE = "plankg-text.sqlite"
# Raised when what is indexed, or how, changes; an index of another format is rebuilt.
FORMAT = "1"
# Kinds of text: sentence-level commitments, target indicators as written, sentences.
KINDS = ("commitment", "indicator", "sentence")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS graphs (graph TEXT PRIMARY KEY, sha TEXT, first INTEGER,
                                   last INTEGER);
CREATE VIRTUAL TABLE IF NOT EXISTS texts USING fts5(
    grams, node UNINDEXED, kind UNINDEXED, tokenize = 'unicode61 remove_diacritics 0');
"""
_BIGRAM_CHARS_RE = re.compile(r"[0-9A-Za-z\u3400-\u9fff]+")  # as plankg.phrase_index
_MARKER_RE = re.compile(
    r"^[ \t]*# text-index: \?(?P<var>\w+) (?P<kind>\w+) \$(?P<q>\w+)(?: \$(?P<doc>\w+))?[ \t]*$",
    re.MULTILINE,
)
# Rows of one (graph, kind) text: (node IRI, text).
Texts = Mapping[str, Sequence[tuple[str, str]]]


def bigram_runs(text: str) -> list[list[str]]:
    """The bigrams of each run of letters and digits of a text, in order."""
    return [
        [run[i : i + 2] for i in range(len(run) - 1)] for run in _BIGRAM_CHARS_RE.findall(text)
    ]


def grams(text: str) -> str:
    """A text as FTS5 tokens: the bigrams of each run of letters and digits, in order,
    runs apart ("|" is no token character, so a phrase never spans two runs)."""
    return " | ".join(" ".join(run) for run in bigram_runs(text))


def phrase_query(phrase: str) -> str | None:
    """The FTS5 query for texts containing ``phrase``: each run's bigrams as an FTS5
    phrase, all of them; None if the phrase has no bigram (one character)."""
    runs = [run for run in bigram_runs(phrase) if run]
    if not runs:
        return None
    return " AND ".join('"' + " ".join(run) + '"' for run in runs)


class TextIndex:
    """The FTS5 file of one store folder."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        if read_only:
            self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None,
                                      check_same_thread=False)
        else:
            self.db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
            self.db.executescript(_SCHEMA)
            if self.meta("format") != FORMAT:
                self.db.executescript("DELETE FROM graphs; DELETE FROM texts;")
                self.db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (FORMAT,))
        self.db.execute("PRAGMA busy_timeout = 10000")

    @classmethod
    def beside(cls, folder: str | Path, *, read_only: bool = False) -> TextIndex | None:
        """The index in a store folder; None for a read-only store that has none."""
        path = Path(folder) / FILE
        if read_only and not path.exists():
            return None
        try:
            return cls(path, read_only=read_only)
        except sqlite3.Error:
            return None

    def meta(self, key: str) -> str | None:
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        except sqlite3.OperationalError:
            return None
        return row[0] if row else None

    # -- writing -------------------------------------------------------------------
    def replace(self, documents: Iterable[tuple[str, str, Texts]]) -> None:
        """Replace the rows of each (graph, source SHA-256, texts by kind), in one
        transaction."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            for graph, sha, texts in documents:
                self._drop(graph)
                first = (db.execute("SELECT max(rowid) FROM texts").fetchone()[0] or 0) + 1
                rows = [(first + i, grams(text), node, kind)
                        for i, (kind, node, text) in enumerate(
                            (kind, node, text) for kind in KINDS
                            for node, text in texts.get(kind, ()))]
                db.executemany("INSERT INTO texts (rowid, grams, node, kind) VALUES (?, ?, ?, ?)",
                               rows)
                db.execute("INSERT INTO graphs VALUES (?, ?, ?, ?)",
                           (graph, sha, first, first + len(rows) - 1))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def remove(self, graphs: Iterable[str]) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for graph in graphs:
                self._drop(graph)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def _drop(self, graph: str) -> None:
        row = self.db.execute("SELECT first, last FROM graphs WHERE graph = ?",
                              (graph,)).fetchone()
        if row is not None:
            self.db.execute("DELETE FROM texts WHERE rowid BETWEEN ? AND ?", row)
            self.db.execute("DELETE FROM graphs WHERE graph = ?", (graph,))

    def optimize(self) -> None:
        """Merge the index's segments (after a large build: smaller and faster)."""
        self.db.execute("INSERT INTO texts (texts) VALUES ('optimize')")

    # -- reading -------------------------------------------------------------------
    def hashes(self) -> dict[str, str]:
        """Graph → SHA-256 of the source its rows were made from."""
        return dict(self.db.execute("SELECT graph, sha FROM graphs"))

    def nodes(self, kind: str, phrase: str, graph: str | None = None) -> list[str] | None:
        """The nodes of ``kind`` whose text holds the phrase's bigrams in a row (in
        ``graph`` only, if given); None if the index cannot tell (no bigram)."""
        query = phrase_query(phrase)
        if query is None:
            return None
        sql = "SELECT node FROM texts WHERE texts MATCH ? AND kind = ?"
        args: list[object] = [query, kind]
        if graph is not None:
            row = self.db.execute("SELECT first, last FROM graphs WHERE graph = ?",
                                  (graph,)).fetchone()
            if row is None:
                return []
            sql += " AND rowid BETWEEN ? AND ?"
            args += row
        return [node for (node,) in self.db.execute(sql, args)]


def narrow(query: str, values: Mapping[str, str], index: TextIndex | None,
           graph_of: object) -> str:
    """``query`` with each ``# text-index:`` line whose phrase is given replaced by a
    VALUES block of the index's candidates. ``values`` holds the parameters as plain
    strings (the phrase, the document's IRI); ``graph_of`` maps a document IRI to its
    graph. Without an index, or for a phrase it cannot narrow, the line stays a comment.
    """
    if index is None or "# text-index:" not in query:
        return query

    def replace(match: re.Match[str]) -> str:
        phrase = values.get(match.group("q"))
        if not phrase:
            return match.group()
        document = values.get(match.group("doc") or "")
        graph = graph_of(document) if document else None  # type: ignore[operator]
        found = index.nodes(match.group("kind"), phrase, graph)
        if found is None:
            return match.group()
        # The index's nodes are IRIs plankg wrote; each is still checked and escaped as
        # a term, like every parameter, so no row can add syntax to the query.
        terms = " ".join(sparql_term(ox.NamedNode(node)) for node in found)
        return f"VALUES ?{match.group('var')} {{ {terms} }}"

    return _MARKER_RE.sub(replace, query)


_TEXTS_QUERY = """
PREFIX pk: <https://w3id.org/plankg/ontology#>
SELECT ?kind ?node ?text WHERE { GRAPH $g {
  { ?node pk:commitmentLevel "sentence" ; pk:text ?text . BIND("commitment" AS ?kind) }
  UNION { ?node pk:indicatorLabel ?text . FILTER(LANG(?text) = "zh") BIND("indicator" AS ?kind) }
  UNION { ?node pk:sentenceIndex ?index ; pk:text ?text . BIND("sentence" AS ?kind) }
} }
"""


def graph_texts(store: ox.Store, graph: str) -> dict[str, list[tuple[str, str]]]:
    """The texts of one document graph by kind, read from the store."""
    texts: dict[str, list[tuple[str, str]]] = {kind: [] for kind in KINDS}
    for row in store.query(_TEXTS_QUERY, substitutions={ox.Variable("g"): ox.NamedNode(graph)}):
        texts[row["kind"].value].append((row["node"].value, row["text"].value))
    return texts


def index_store(store: ox.Store, path: Path, graphs: Iterable[str]) -> TextIndex:
    """An index of the given document graphs of a store (their load-log hash left empty)."""
    index = TextIndex(path)
    for graph in graphs:
        index.replace([(graph, "", graph_texts(store, graph))])
    index.optimize()
    return index
