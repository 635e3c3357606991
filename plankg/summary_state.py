"""What each graph contributes to the corpus summary, kept so a change costs only itself.

The summary (``plankg.summary``) counts, for every entity and name, things spread over
all documents. Recomputing it reads every graph (61 s at 1,000 documents). Instead each
graph's *contribution* is read once, when it is loaded (a few index scans of that one
graph: its mentions, labels, types, commitments' involvements…), and added to running
totals kept in SQLite beside the store: per fact ``(kind, subject, object)`` the number
of graphs (or the weight) behind it. Replacing or removing a document subtracts what it
contributed, which is kept per graph. Minimums, sets and the first documents of a list
are then index lookups in those totals, and the pages' orders are SQLite indexes.

SQLite (the standard library's) for the totals: an ordered index with counts and upserts
is what incremental aggregation needs; keeping them as RDF would make every count an
update of the store.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from plankg.rdf import ORG, PK, RDF, RDFS, SKOS

SEP = "\x01"  # between the parts of a sort key: sorts before every character
# category → the class that makes an entity of it, and the property giving its type; in
# the order a category is chosen when an entity has several.
CATEGORIES = {
    "place": (PK.Place, PK.placeType),
    "organization": (ORG.Organization, PK.organizationType),
    "project": (PK.Project, PK.projectType),
    "slogan": (PK.Slogan, PK.sloganKind),
}
COUNTED_LEVELS = ("item", "paragraph")
CACHE_KIB = 1 << 20  # SQLite's page cache, at most (it grows only as pages are read)
_INVOLVES = (PK.involvesPlace, PK.involvesOrganization, PK.involvesProject)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS graphs (graph TEXT PRIMARY KEY, version TEXT, doc TEXT,
                                   year INTEGER, level TEXT);
CREATE INDEX IF NOT EXISTS graphs_doc ON graphs (doc);
CREATE TABLE IF NOT EXISTS contributed (graph TEXT, kind TEXT, s TEXT, o TEXT, n INTEGER);
CREATE INDEX IF NOT EXISTS contributed_graph ON contributed (graph);
CREATE TABLE IF NOT EXISTS totals (kind TEXT, s TEXT, o TEXT, n INTEGER,
                                   PRIMARY KEY (kind, s, o)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS items (pset TEXT, sortkey TEXT, item TEXT,
                                  PRIMARY KEY (pset, sortkey)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entries (node TEXT, pset TEXT, sortkey TEXT,
                                    PRIMARY KEY (node, pset)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pages (pset TEXT, first TEXT, item TEXT, number INTEGER,
                                  PRIMARY KEY (pset, first)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pagecounts (pset TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS namecounts (kind TEXT, label TEXT, n INTEGER,
                                       PRIMARY KEY (kind, label)) WITHOUT ROWID;
"""


def raw(term: str) -> str:
    """``<iri>`` (as plankg.rdf's vocabularies write it) → ``iri``."""
    return term[1:-1]


def year_key(year: int | None) -> str:
    """A document's year as a sort key: none first (as SPARQL orders unbound)."""
    return "-" if year is None else f"{year:06d}"


def doc_sortkey(year: int | None, doc: str) -> str:
    return f"{year_key(year)}{SEP}{doc}"


Fact = tuple[str, str, str]


@dataclass
class Contribution:
    """What one graph gives the summary: facts with weights, and what is needed to
    work out the rest once the other graphs are known (places' commitments)."""

    graph: str
    version: str
    doc: str | None = None
    year: int | None = None
    level: str | None = None
    facts: Counter[Fact] = field(default_factory=Counter)
    # place (or other involved entity) → the counted commitments naming it
    involved: dict[str, set[str]] = field(default_factory=dict)
    mentioned: set[str] = field(default_factory=set)


def read_contribution(store: ox.Store, graph: str, version: str) -> Contribution:
    """One graph's contribution: an index scan of that graph per property read."""
    g = ox.NamedNode(graph)

    def quads(predicate: str, obj: ox.NamedNode | None = None) -> Iterator[ox.Quad]:
        return store.quads_for_pattern(None, ox.NamedNode(raw(predicate)), obj, g)

    c = Contribution(graph, version)
    facts = c.facts
    for kind, (cls, type_property) in (*CATEGORIES.items(), ("company", (PK.Company, None))):
        for quad in quads(RDF.type, ox.NamedNode(raw(cls))):
            facts["class", quad.subject.value, kind] = 1
        if type_property is not None:
            for quad in quads(type_property):
                marker = "I" if isinstance(quad.object, ox.NamedNode) else "L"
                facts["typeval", quad.subject.value, f"{kind}{SEP}{marker}{quad.object.value}"] = 1
    for predicate, kind, reverse in ((RDFS.label, "label", "labelled"),
                                     (SKOS.altLabel, "alias", "aliased")):
        for quad in quads(predicate):
            if isinstance(quad.object, ox.Literal) and quad.object.language == "zh":
                facts[kind, quad.subject.value, quad.object.value] = 1
                facts[reverse, quad.object.value, quad.subject.value] = 1
    for quad in quads(PK.documentId):
        node, c.doc = quad.subject, quad.object.value
        for year in store.quads_for_pattern(node, ox.NamedNode(raw(PK.year)), None, g):
            c.year = int(year.object.value)
        for level in store.quads_for_pattern(node, ox.NamedNode(raw(PK.adminLevel)), None, g):
            c.level = level.object.value
        for issuer in store.quads_for_pattern(node, ox.NamedNode(raw(PK.issuer)), None, g):
            facts["issued", issuer.object.value, c.doc] = 1
    mentions: dict[str, set[str]] = defaultdict(set)
    for quad in quads(PK.refersTo):
        mentions[quad.object.value].add(quad.subject.value)
    for entity, nodes in mentions.items():
        facts["mentions", entity, ""] = len(nodes)
        if c.doc is not None:
            c.mentioned.add(entity)
            facts["doc", entity, c.doc] = 1
            facts["docyear", entity, doc_sortkey(c.year, c.doc)] = 1
            facts["doccount", entity, ""] = 1
            if c.level is not None:
                facts["level", entity, c.level] = 1
            if c.year is not None:
                facts["year", entity, year_key(c.year)] = 1
    counted = {q.subject.value for q in quads(PK.commitmentLevel)
               if q.object.value in COUNTED_LEVELS}
    involved: dict[str, set[str]] = defaultdict(set)
    for link in _INVOLVES:
        for quad in quads(link):
            if quad.subject.value in counted:
                involved[quad.object.value].add(quad.subject.value)
    c.involved = dict(involved)
    for entity, commitments in involved.items():
        facts["involved", entity, ""] = len(commitments)
        facts["involvedin", entity, c.doc or graph] = 1
    for predicate, kind, reverse in ((PK.locatedIn, "locatedIn", "contains"),
                                     (PK.company, "company", "projectOf")):
        for quad in quads(predicate):
            facts[kind, quad.subject.value, quad.object.value] = 1
            facts[reverse, quad.object.value, quad.subject.value] = 1
    for quad in quads(SKOS.exactMatch):
        facts["exactMatch", quad.subject.value, quad.object.value] = 1
    for quad in quads(PK.body):
        facts["body", quad.object.value, ""] = 1
    for quad in quads(PK.indicatorLabel):
        if isinstance(quad.object, ox.Literal) and quad.object.language == "zh":
            facts["indicatorname", quad.object.value, ""] = 1
            if c.doc is not None:
                facts["keydoc", f"indicator{SEP}{quad.object.value}",
                      doc_sortkey(c.year, c.doc)] = 1
    if c.doc is not None:
        for quad in quads(PK.indicator):
            facts["keydoc", f"concept{SEP}{quad.object.value}", doc_sortkey(c.year, c.doc)] = 1
    return c


class State:
    """The running totals (``totals``), what each graph added (``contributed``), and the
    ordered items and pages of every page set (``items``, ``pages``)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.db = sqlite3.connect(str(path) if path else ":memory:", isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        # SQLite's default page cache is 2 MB: at 10,000 documents the totals take
        # gigabytes, and every lookup read its B-tree's inner pages back from the OS
        # (a whole summary had written 54 GB when stopped in its second pass; with this
        # cache its journal came to 7.8 GB in all).
        self.db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        self.db.execute("PRAGMA temp_store = MEMORY")
        self.db.executescript(_SCHEMA)
        self.db.execute("BEGIN")
        # Values worked out from the totals (an entity's category), until they change.
        self.cache: dict[tuple[str, str], object] = {}

    # -- bookkeeping ---------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def reset(self) -> None:
        self.cache.clear()
        for table in ("meta", "graphs", "contributed", "totals", "items", "entries", "pages",
                      "pagecounts", "namecounts"):
            self.db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names

    def commit(self) -> None:
        self.db.execute("COMMIT")
        self.db.execute("BEGIN")

    def truncate_journal(self) -> None:
        """Copy the journal into the database and empty it. After a whole summary it
        holds gigabytes at 10,000 documents, which the next process to open the totals
        would otherwise index first."""
        if self.path is not None:
            self.db.execute("COMMIT")
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.db.execute("BEGIN")

    def rollback(self) -> None:
        self.cache.clear()
        self.db.execute("ROLLBACK")
        self.db.execute("BEGIN")

    def versions(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT graph, version FROM graphs"))

    def documents(self) -> dict[str, tuple[str, int | None, str | None]]:
        """Document id → (graph, year, level)."""
        return {doc: (graph, year, level) for graph, doc, year, level in self.db.execute(
            "SELECT graph, doc, year, level FROM graphs WHERE doc IS NOT NULL")}

    def document(self, doc: str) -> tuple[str, int | None, str | None] | None:
        """A document's (graph, year, level), if the totals hold it."""
        row = self.db.execute(
            "SELECT graph, year, level FROM graphs WHERE doc = ?", (doc,)).fetchone()
        return (row[0], row[1], row[2]) if row else None

    # -- totals --------------------------------------------------------------------
    def add(self, graph: str, facts: Iterable[tuple[Fact, int]], sign: int) -> list[Fact]:
        """Add (sign 1) or take away (-1) weighted facts; return those whose total
        went from zero to more or back (a fact that appeared or disappeared)."""
        self.cache.clear()
        facts = list(facts)
        turned = []
        upsert = (
            "INSERT INTO totals VALUES (?, ?, ?, ?) ON CONFLICT (kind, s, o) "
            "DO UPDATE SET n = n + excluded.n RETURNING n"
        )
        for (kind, s, o), n in facts:
            after = self.db.execute(upsert, (kind, s, o, sign * n)).fetchone()[0]
            if after == 0:
                self.db.execute("DELETE FROM totals WHERE kind = ? AND s = ? AND o = ?",
                                (kind, s, o))
            if after == 0 or after == sign * n:
                turned.append((kind, s, o))
        if sign > 0:
            self.db.executemany("INSERT INTO contributed VALUES (?, ?, ?, ?, ?)",
                                ((graph, k, s, o, n) for (k, s, o), n in facts))
        return turned

    def merge(self, graph: str, facts: Counter[Fact] | dict[Fact, int]) -> None:
        """Add one graph's facts to the totals in bulk, without telling which appeared
        (a summary computed whole)."""
        self.cache.clear()
        self.db.executemany(
            "INSERT INTO totals VALUES (?, ?, ?, ?) ON CONFLICT (kind, s, o) "
            "DO UPDATE SET n = n + excluded.n",
            ((k, s, o, n) for (k, s, o), n in facts.items() if n))
        self.db.executemany("INSERT INTO contributed VALUES (?, ?, ?, ?, ?)",
                            ((graph, k, s, o, n) for (k, s, o), n in facts.items()))

    def contributed(self, graph: str) -> list[tuple[Fact, int]]:
        return [((k, s, o), n) for k, s, o, n in self.db.execute(
            "SELECT kind, s, o, n FROM contributed WHERE graph = ?", (graph,))]

    def forget(self, graph: str) -> None:
        self.db.execute("DELETE FROM contributed WHERE graph = ?", (graph,))
        self.db.execute("DELETE FROM graphs WHERE graph = ?", (graph,))

    def record(self, c: Contribution) -> None:
        self.db.execute("INSERT OR REPLACE INTO graphs VALUES (?, ?, ?, ?, ?)",
                        (c.graph, c.version, c.doc, c.year, c.level))

    def total(self, kind: str, s: str, o: str = "") -> int:
        row = self.db.execute("SELECT n FROM totals WHERE kind = ? AND s = ? AND o = ?",
                              (kind, s, o)).fetchone()
        return row[0] if row else 0

    def objects(self, kind: str, s: str, limit: int | None = None) -> list[str]:
        """Objects with a non-zero total, in order (the first ``limit``)."""
        query = "SELECT o FROM totals WHERE kind = ? AND s = ? ORDER BY o"
        if limit is not None:
            query += f" LIMIT {int(limit)}"
        return [row[0] for row in self.db.execute(query, (kind, s))]

    def first(self, kind: str, s: str, last: bool = False) -> str | None:
        order = "DESC" if last else "ASC"
        row = self.db.execute(
            f"SELECT o FROM totals WHERE kind = ? AND s = ? ORDER BY o {order} LIMIT 1",
            (kind, s),
        ).fetchone()
        return row[0] if row else None

    def page_count(self, pset: str) -> int:
        """How many pages a page set has: kept, since counting them read a range as long
        as the listing (2,900 pages at 10,000 documents) for every row added to it.
        Counted once for totals written before the count was kept."""
        row = self.db.execute("SELECT n FROM pagecounts WHERE pset = ?", (pset,)).fetchone()
        if row is not None:
            return int(row[0])
        count = self.db.execute("SELECT COUNT(*) FROM pages WHERE pset = ?", (pset,)).fetchone()[0]
        self.set_page_count(pset, count)
        return int(count)

    def set_page_count(self, pset: str, count: int) -> None:
        self.db.execute("INSERT OR REPLACE INTO pagecounts VALUES (?, ?)", (pset, count))

    # -- names in the name index ----------------------------------------------------
    def name_count(self, kind: str, label: str) -> int:
        """How many entities make ``label`` a name of the index: for "entity", those
        named or aliased so that are mentioned and have a category; for "body", those
        named so that some responsibility names as its body."""
        row = self.db.execute("SELECT n FROM namecounts WHERE kind = ? AND label = ?",
                              (kind, label)).fetchone()
        return int(row[0]) if row else 0

    def count_names(self) -> None:
        """Count every name from the totals (a whole summary, or totals written before
        the counts were kept: once)."""
        classes = ", ".join(f"'{kind}'" for kind in CATEGORIES)
        self.db.execute("DELETE FROM namecounts")
        self.db.execute(
            "INSERT INTO namecounts SELECT 'entity', l.s, COUNT(DISTINCT l.o) FROM totals l "
            "WHERE l.kind IN ('labelled', 'aliased') AND EXISTS (SELECT 1 FROM totals m "
            "WHERE m.kind = 'mentions' AND m.s = l.o AND m.o = '') AND EXISTS (SELECT 1 "
            f"FROM totals c WHERE c.kind = 'class' AND c.s = l.o AND c.o IN ({classes})) "
            "GROUP BY l.s")
        self.db.execute(
            "INSERT INTO namecounts SELECT 'body', l.s, COUNT(*) FROM totals l "
            "WHERE l.kind = 'labelled' AND EXISTS (SELECT 1 FROM totals b WHERE "
            "b.kind = 'body' AND b.s = l.o AND b.o = '') GROUP BY l.s")

    def set_stamp(self, stamp: str) -> None:
        """Record the summary the totals (and the counts kept with them) now match."""
        self.set_meta("stamp", stamp)
        self.set_meta("counted", stamp)

    def ensure_counts(self) -> None:
        """Recount pages and names if the counts were not kept with the totals' last
        change (totals of a plankg that did not keep them): once, 4 s at 10,000."""
        if self.meta("counted") != self.meta("stamp"):
            self.db.execute("DELETE FROM pagecounts")  # counted again when first read
            self.count_names()

    def recount_names(self, turned: Iterable[Fact]) -> set[tuple[str, str]]:
        """Move the name counts by the facts that appeared or went (each seen an odd
        number of times); return the names (kind, label) that came into the name index
        or left it. Only entities those facts are about can start or stop making
        a name count, so checking them before and after is exact, and costs the same
        however many other entities share the name (a range of 6,000 for a project name
        every county variant keeps, at 10,000 documents)."""
        flips: Counter[Fact] = Counter(turned)
        flipped = {fact for fact, times in flips.items() if times % 2}
        entities: set[str] = set()
        for kind, s, o in flipped:
            if kind in ("labelled", "aliased"):
                entities.add(o)
            elif kind in ("mentions", "class", "body"):
                entities.add(s)
        deltas: Counter[tuple[str, str]] = Counter()
        for entity in entities:
            def now_and_before(kind: str, s: str, o: str = "") -> tuple[bool, bool]:
                now = self.total(kind, s, o) > 0
                return now, now != ((kind, s, o) in flipped)

            mentioned, was_mentioned = now_and_before("mentions", entity)
            body, was_body = now_and_before("body", entity)
            classes = [now_and_before("class", entity, kind) for kind in CATEGORIES]
            has_class, had_class = any(c[0] for c in classes), any(c[1] for c in classes)
            labels = set(self.objects("label", entity)) | set(self.objects("alias", entity))
            labels |= {s for kind, s, o in flipped if kind in ("labelled", "aliased")
                       and o == entity}
            for label in labels:
                named, was_named = now_and_before("labelled", label, entity)
                aliased, was_aliased = now_and_before("aliased", label, entity)
                entity_now = (named or aliased) and mentioned and has_class
                entity_before = (was_named or was_aliased) and was_mentioned and had_class
                deltas["entity", label] += int(entity_now) - int(entity_before)
                deltas["body", label] += int(named and body) - int(was_named and was_body)
        appeared_or_went = {("indicator", s) for kind, s, _ in flipped
                            if kind == "indicatorname"}
        for (kind, label), delta in deltas.items():
            if delta:
                after = self.db.execute(
                    "INSERT INTO namecounts VALUES (?, ?, ?) ON CONFLICT (kind, label) "
                    "DO UPDATE SET n = n + excluded.n RETURNING n", (kind, label, delta)
                ).fetchone()[0]
                if (after > 0) != (after - delta > 0):
                    appeared_or_went.add((kind, label))
        return appeared_or_went

    def subjects(self, kind: str) -> list[str]:
        return [row[0] for row in self.db.execute(
            "SELECT DISTINCT s FROM totals WHERE kind = ?", (kind,))]
