"""Keeping a set of pages (``plankg.summary_pages``) cut as the whole would be, by
re-cutting only around what changed.

A page set is the ordered items of one key (a name's documents) or one listing (the
entities of a category). Its items and its pages' first items live in SQLite
(``plankg.summary_state``). After items come or go, the pages are cut again from the
page the first change falls in, item by item in order, until a cut falls where an old
page began after the last change: from there on the old pages are what cutting the
whole would give, since a cut depends only on the items since the previous cut. Their
numbers move by the pages gained or lost, and the set's page count with them.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from plankg.rdf import PK
from plankg.summary_pages import PAGE_CAP, count_lines, ends_page, page_full
from plankg.summary_state import State
from plankg.terms import integer, iri

Triple = tuple[str, str, str]
# (number, items of the page) → its triples
PageLines = Callable[[int, list[str]], list[Triple]]


@dataclass
class Edit:
    """How pages change: the lines of pages as they were (rebuilt from the totals, so the
    store is not read), pages (re)made in this update (node → number, items, how to write
    them), kept pages' numbers and sets' page counts (first old value, latest new one)."""

    gone: set[Triple] = field(default_factory=set)
    pages: dict[str, tuple[int, list[str], PageLines]] = field(default_factory=dict)
    renumber: dict[str, tuple[int, int]] = field(default_factory=dict)
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)

    def drop(self, node: str, number: int, items: list[str], lines: PageLines) -> None:
        """A page leaves; ``number`` and ``items`` as the totals had them."""
        if self.pages.pop(node, None) is not None:
            return  # made earlier in this update: its lines were never written
        if node in self.renumber:  # the store still has its number from before
            number = self.renumber.pop(node)[0]
        self.gone.update(lines(number, items))

    def make(self, node: str, number: int, items: list[str], lines: PageLines) -> None:
        self.pages[node] = (number, items, lines)

    def move(self, node: str, number: int, new_number: int) -> None:
        if node in self.pages:
            _, items, lines = self.pages[node]
            self.pages[node] = (new_number, items, lines)
        else:
            first = self.renumber[node][0] if node in self.renumber else number
            self.renumber[node] = (first, new_number)

    def recount(self, set_iri: str, count: int, new_count: int) -> None:
        first = self.counts[set_iri][0] if set_iri in self.counts else count
        self.counts[set_iri] = (first, new_count)

    def removed(self) -> set[Triple]:
        """Lines the store holds that this edit replaces."""
        lines = set(self.gone)
        for node, (number, _) in self.renumber.items():
            lines.add((iri(node), PK.pageNumber, integer(number)))
        for set_iri, (count, _) in self.counts.items():
            lines.update(count_lines(set_iri, count))
        return lines

    def triples(self) -> set[Triple]:
        """Lines this edit writes."""
        made: set[Triple] = set()
        for number, items, lines in self.pages.values():
            made.update(lines(number, items))
        for node, (_, number) in self.renumber.items():
            made.add((iri(node), PK.pageNumber, integer(number)))
        for set_iri, (_, count) in self.counts.items():
            made.update(count_lines(set_iri, count))
        return made


def update_page_set(
    state: State,
    pset: str,
    changes: Mapping[str, str | None],
    size: int,
    lines: PageLines,
    node_of: Callable[[str], str],
    set_iri: str,
    edit: Edit,
) -> None:
    """Apply item changes (sort key → item, or None to remove) to a page set and
    record in ``edit`` how its pages change. ``node_of(first item)`` names a page,
    ``set_iri`` the set.

    Changes far apart are applied one run of neighbours at a time: one re-cut from the
    first change to the last would rewrite every page between them."""
    keys = sorted(changes)
    run: dict[str, str | None] = {}
    for key in keys:
        if run and len(run) >= size:
            _update_run(state, pset, run, size, lines, node_of, set_iri, edit)
            run = {}
        run[key] = changes[key]
    if run:
        _update_run(state, pset, run, size, lines, node_of, set_iri, edit)


def _update_run(
    state: State,
    pset: str,
    changes: Mapping[str, str | None],
    size: int,
    lines: PageLines,
    node_of: Callable[[str], str],
    set_iri: str,
    edit: Edit,
) -> None:
    if len(changes) > 1:
        # Neighbours only if no whole page lies between them.
        low, high = min(changes), max(changes)
        between = state.db.execute(
            "SELECT COUNT(*) FROM (SELECT 1 FROM items WHERE pset = ? AND sortkey > ? "
            "AND sortkey < ? LIMIT ?)", (pset, low, high, PAGE_CAP * size + 1)).fetchone()[0]
        if between > PAGE_CAP * size:
            for key, item in sorted(changes.items()):
                _update_run(state, pset, {key: item}, size, lines, node_of, set_iri, edit)
            return
    db = state.db
    low, high = min(changes), max(changes)
    start = db.execute(
        "SELECT first, number FROM pages WHERE pset = ? AND first <= ? "
        "ORDER BY first DESC LIMIT 1", (pset, low)).fetchone()
    start_key, start_number = (start[0], start[1]) if start else ("", 1)
    old_count = state.page_count(pset)
    # The changed items as they were: the old lines of the pages re-cut are rebuilt from
    # them, not read back from the store.
    marks = ", ".join("?" * len(changes))
    before = dict(db.execute(
        f"SELECT sortkey, item FROM items WHERE pset = ? AND sortkey IN ({marks})",
        (pset, *changes)))
    for key, item in changes.items():
        if item is None:
            db.execute("DELETE FROM items WHERE pset = ? AND sortkey = ?", (pset, key))
        else:
            db.execute("INSERT OR REPLACE INTO items VALUES (?, ?, ?)", (pset, key, item))
    new_pages, resync = _recut(state, pset, start_key, high, size)
    end = resync if resync is not None else "\U0010ffff"
    region = db.execute(
        "SELECT first, item, number FROM pages WHERE pset = ? AND first >= ? AND first < ? "
        "ORDER BY first", (pset, start_key, end)).fetchall()
    if region:
        firsts = [first for first, _, _ in region]
        old_pages: list[list[str]] = [[] for _ in region]
        for key, item in _items_before(state, pset, firsts[0], end, changes, before):
            old_pages[bisect.bisect_right(firsts, key) - 1].append(item)
        for (_, item, number), page in zip(region, old_pages, strict=True):
            edit.drop(node_of(item), number, page, lines)
    delta = len(new_pages) - len(region)
    count = old_count + delta
    if delta:
        state.set_page_count(pset, count)
        edit.recount(set_iri, old_count, count)
    db.executemany("DELETE FROM pages WHERE pset = ? AND first = ?",
                   ((pset, first) for first, _, _ in region))
    for offset, page in enumerate(new_pages):
        number = start_number + offset
        edit.make(node_of(page[0][1]), number, [item for _, item in page], lines)
        db.execute("INSERT INTO pages VALUES (?, ?, ?, ?)", (pset, page[0][0], page[0][1], number))
    if delta and resync is not None:
        db.execute("UPDATE pages SET number = number + ? WHERE pset = ? AND first >= ?",
                   (delta, pset, resync))
        for item, number in db.execute(
            "SELECT item, number FROM pages WHERE pset = ? AND first >= ?", (pset, resync)
        ).fetchall():
            edit.move(node_of(item), number - delta, number)


def _items_before(
    state: State,
    pset: str,
    low: str,
    end: str,
    changes: Mapping[str, str | None],
    before: Mapping[str, str],
) -> list[tuple[str, str]]:
    """The items from ``low`` up to ``end`` as they were before ``changes``, in order."""
    now = state.db.execute(
        "SELECT sortkey, item FROM items WHERE pset = ? AND sortkey >= ? AND sortkey < ?",
        (pset, low, end)).fetchall()
    items = {key: item for key, item in now if key not in changes}
    items.update((key, item) for key, item in before.items() if low <= key < end)
    return sorted(items.items())


def _recut(
    state: State, pset: str, start_key: str, high: str, size: int
) -> tuple[list[list[tuple[str, str]]], str | None]:
    """Cut pages from ``start_key`` on; stop where a new page would begin at an old
    page's first item past ``high``. Returns the pages and that item's key (or None).
    Items are read in order only as far as that (a cursor, not the rest of the set)."""
    pages: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    reader = state.db.cursor()
    rows: Iterator[tuple[str, str]] = reader.execute(
        "SELECT sortkey, item FROM items WHERE pset = ? AND sortkey >= ? ORDER BY sortkey",
        (pset, start_key))
    for key, item in rows:
        if not current and key > high and state.db.execute(
            "SELECT 1 FROM pages WHERE pset = ? AND first = ?", (pset, key)
        ).fetchone():
            return pages, key
        current.append((key, item))
        if page_full(len(current), size) or ends_page(item, size):
            pages.append(current)
            current = []
    if current:
        pages.append(current)
    return pages, None
