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
    """Pages to drop (their nodes, whole) and triples to write."""

    drop_nodes: set[str] = field(default_factory=set)
    add: set[Triple] = field(default_factory=set)
    renumber: list[tuple[str, int, int, int, int]] = field(default_factory=list)
    # (node, old number, new number, old count, new count) of pages kept


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
    record in ``edit`` how its pages change. ``node_of(first item)`` names a page."""
    if not changes:
        return
    db = state.db
    low, high = min(changes), max(changes)
    start = db.execute(
        "SELECT first, number FROM pages WHERE pset = ? AND first <= ? "
        "ORDER BY first DESC LIMIT 1", (pset, low)).fetchone()
    start_key, start_number = (start[0], start[1]) if start else ("", 1)
    old_count = db.execute("SELECT COUNT(*) FROM pages WHERE pset = ?", (pset,)).fetchone()[0]
    for key, item in changes.items():
        if item is None:
            db.execute("DELETE FROM items WHERE pset = ? AND sortkey = ?", (pset, key))
        else:
            db.execute("INSERT OR REPLACE INTO items VALUES (?, ?, ?)", (pset, key, item))
    old_pages = db.execute(
        "SELECT first, item, number FROM pages WHERE pset = ? AND first >= ? ORDER BY first",
        (pset, start_key)).fetchall()
    old_firsts = {first for first, _, _ in old_pages}
    new_pages, resync = _recut(state, pset, start_key, high, old_firsts, size)
    region = [p for p in old_pages if resync is None or p[0] < resync]
    kept = [p for p in old_pages if resync is not None and p[0] >= resync]
    delta = len(new_pages) - len(region)
    count = old_count + delta
    for _, item, _ in region:
        edit.drop_nodes.add(node_of(item))
    db.executemany("DELETE FROM pages WHERE pset = ? AND first = ?",
                   ((pset, first) for first, _, _ in region))
    for offset, page in enumerate(new_pages):
        number = start_number + offset
        edit.add.update(lines(number, count, [item for _, item in page]))
        db.execute("INSERT INTO pages VALUES (?, ?, ?, ?)", (pset, page[0][0], page[0][1], number))
    if delta:
        db.execute("UPDATE pages SET number = number + ? WHERE pset = ? AND first >= ?",
                   (delta, pset, resync or "\U0010ffff"))
        before = db.execute(
            "SELECT item, number FROM pages WHERE pset = ? AND first < ?",
            (pset, start_key)).fetchall()
        for item, number in before:
            edit.renumber.append((node_of(item), number, number, old_count, count))
        for _, item, number in kept:
            edit.renumber.append((node_of(item), number, number + delta, old_count, count))


def _recut(
    state: State, pset: str, start_key: str, high: str, old_firsts: set[str], size: int
) -> tuple[list[list[tuple[str, str]]], str | None]:
    """Cut pages from ``start_key`` on; stop where a new page would begin at an old
    page's first item past ``high``. Returns the pages and that item's key (or None)."""
    pages: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    rows: Iterator[tuple[str, str]] = iter(state.db.execute(
        "SELECT sortkey, item FROM items WHERE pset = ? AND sortkey >= ? ORDER BY sortkey",
        (pset, start_key)).fetchall())
    for key, item in rows:
        if not current and key > high and key in old_firsts:
            return pages, key
        current.append((key, item))
        if len(current) >= 2 * size or ends_page(item, size):
            pages.append(current)
            current = []
    if current:
        pages.append(current)
    return pages, None
