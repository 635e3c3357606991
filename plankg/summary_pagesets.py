"""Keeping a set of pages (``plankg.summary_pages``) cut as the whole would be, by
re-cutting only around what changed.

A page set is the ordered items of one key (a name's documents) or one listing (the
entities of a category). Its items and its pages' first items live in SQLite
(``plankg.summary_state``). After items come or go, the pages are cut again from the
page the first change falls in, item by item in order, until a cut falls where an old
page began after the last change: from there on the old pages are what cutting the
whole would give, since a cut depends only on the items since the previous cut. Their
numbers move by the pages gained or lost, and every page's count changes with them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from plankg.summary_pages import ends_page
from plankg.summary_state import State

Triple = tuple[str, str, str]
# (number, count, items of the page) → its triples
PageLines = Callable[[int, int, list[str]], list[Triple]]


@dataclass
class Edit:
    """How pages change: nodes whose stored triples go, pages (re)made in this update
    (node → number, count, items, how to write them), and kept pages' new numbers."""

    drop_nodes: set[str] = field(default_factory=set)
    pages: dict[str, tuple[int, int, list[str], PageLines]] = field(default_factory=dict)
    # node → (old number, new number, old count, new count) of a page kept in the store
    renumber: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)

    def drop(self, node: str) -> None:
        self.drop_nodes.add(node)
        self.pages.pop(node, None)
        self.renumber.pop(node, None)

    def make(self, node: str, number: int, count: int, items: list[str], lines: PageLines) -> None:
        self.pages[node] = (number, count, items, lines)

    def move(self, node: str, number: int, new_number: int, count: int, new_count: int) -> None:
        if node in self.pages:
            _, _, items, lines = self.pages[node]
            self.pages[node] = (new_number, new_count, items, lines)
        elif node in self.renumber:
            first_number, _, first_count, _ = self.renumber[node]
            self.renumber[node] = (first_number, new_number, first_count, new_count)
        else:
            self.renumber[node] = (number, new_number, count, new_count)

    def triples(self) -> set[Triple]:
        made: set[Triple] = set()
        for number, count, items, lines in self.pages.values():
            made.update(lines(number, count, items))
        return made


def update_page_set(
    state: State,
    pset: str,
    changes: Mapping[str, str | None],
    size: int,
    lines: PageLines,
    node_of: Callable[[str], str],
    edit: Edit,
) -> None:
    """Apply item changes (sort key → item, or None to remove) to a page set and
    record in ``edit`` how its pages change. ``node_of(first item)`` names a page.

    Changes far apart are applied one run of neighbours at a time: one re-cut from the
    first change to the last would rewrite every page between them."""
    keys = sorted(changes)
    run: dict[str, str | None] = {}
    for key in keys:
        if run and len(run) >= size:
            _update_run(state, pset, run, size, lines, node_of, edit)
            run = {}
        run[key] = changes[key]
    if run:
        _update_run(state, pset, run, size, lines, node_of, edit)


def _update_run(
    state: State,
    pset: str,
    changes: Mapping[str, str | None],
    size: int,
    lines: PageLines,
    node_of: Callable[[str], str],
    edit: Edit,
) -> None:
    if len(changes) > 1:
        # Neighbours only if no whole page lies between them.
        low, high = min(changes), max(changes)
        between = state.db.execute(
            "SELECT COUNT(*) FROM (SELECT 1 FROM items WHERE pset = ? AND sortkey > ? "
            "AND sortkey < ? LIMIT ?)", (pset, low, high, 2 * size + 1)).fetchone()[0]
        if between > 2 * size:
            for key, item in sorted(changes.items()):
                _update_run(state, pset, {key: item}, size, lines, node_of, edit)
            return
    db = state.db
    low, high = min(changes), max(changes)
    start = db.execute(
        "SELECT first, number FROM pages WHERE pset = ? AND first <= ? "
        "ORDER BY first DESC LIMIT 1", (pset, low)).fetchone()
    start_key, start_number = (start[0], start[1]) if start else ("", 1)
    old_count = state.page_count(pset)
    for key, item in changes.items():
        if item is None:
            db.execute("DELETE FROM items WHERE pset = ? AND sortkey = ?", (pset, key))
        else:
            db.execute("INSERT OR REPLACE INTO items VALUES (?, ?, ?)", (pset, key, item))
    new_pages, resync = _recut(state, pset, start_key, high, size)
    region = db.execute(
        "SELECT first, item, number FROM pages WHERE pset = ? AND first >= ? AND first < ?",
        (pset, start_key, resync if resync is not None else "\U0010ffff")).fetchall()
    delta = len(new_pages) - len(region)
    count = old_count + delta
    state.set_page_count(pset, count)
    for _, item, _ in region:
        edit.drop(node_of(item))
    db.executemany("DELETE FROM pages WHERE pset = ? AND first = ?",
                   ((pset, first) for first, _, _ in region))
    for offset, page in enumerate(new_pages):
        number = start_number + offset
        edit.make(node_of(page[0][1]), number, count, [item for _, item in page], lines)
        db.execute("INSERT INTO pages VALUES (?, ?, ?, ?)", (pset, page[0][0], page[0][1], number))
    if delta:
        db.execute("UPDATE pages SET number = number + ? WHERE pset = ? AND first >= ?",
                   (delta, pset, resync or "\U0010ffff"))
        before = db.execute(
            "SELECT item, number FROM pages WHERE pset = ? AND first < ?",
            (pset, start_key)).fetchall()
        for item, number in before:
            edit.move(node_of(item), number, number, old_count, count)
        if resync is not None:
            for item, number in db.execute(
                "SELECT item, number FROM pages WHERE pset = ? AND first >= ?", (pset, resync)
            ).fetchall():
                edit.move(node_of(item), number - delta, number, old_count, count)


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
        if len(current) >= 2 * size or ends_page(item, size):
            pages.append(current)
            current = []
    if current:
        pages.append(current)
    return pages, None
