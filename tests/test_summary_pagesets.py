"""Page sets kept up to date piecewise (plankg.summary_pagesets) hold, after every change,
the lines that cutting the whole set would give (plankg.summary_pages), and an update
removes only lines the store holds: the old lines of a page are rebuilt from the totals,
not read back, so a wrong rebuild would leave stale lines behind."""

from __future__ import annotations

import random

import pytest

from plankg.summary_pages import (
    listing_page_lines,
    listing_page_triples,
    listing_set,
    page_node,
    set_node,
)
from plankg.summary_pagesets import Edit, update_page_set
from plankg.summary_state import SEP, State

Triple = tuple[str, str, str]
LISTING, FILTER = "entities", "*"
KEY = listing_set(LISTING, FILTER)


def item(number: int) -> str:
    return f"https://example.org/entity/{number:05d}"


def apply_changes(
    state: State, store: set[Triple], changes: dict[str, str | None], size: int
) -> set[Triple]:
    edit = Edit()
    update_page_set(
        state, f"L{SEP}{KEY}", changes, size,
        lambda number, nodes: listing_page_lines(LISTING, FILTER, number, nodes),
        lambda first: page_node("listing", KEY, first),
        set_node("listing", KEY), edit,
    )
    removed, written = edit.removed(), edit.triples()
    assert removed <= store, sorted(removed - store)[:5]
    return (store - removed) | written


@pytest.mark.parametrize("seed", range(8))
def test_pages_updated_piecewise_are_the_pages_of_the_whole(seed: int, monkeypatch):
    import plankg.summary_pages

    # Small pages, so that pages are split, merged and renumbered often.
    monkeypatch.setattr(plankg.summary_pages, "ROWS_PER_PAGE", 4)
    rng = random.Random(seed)
    state = State(None)
    store: set[Triple] = set()
    present: dict[str, str] = {}
    for _ in range(60):
        changes: dict[str, str | None] = {}
        for _ in range(rng.choice((1, 1, 2, 3, 9, 25))):
            number = rng.randrange(400)
            key = f"{number:05d}"
            if key in present and rng.random() < 0.5:
                changes[key] = None
            else:
                changes[key] = item(number)
        store = apply_changes(state, store, changes, 4)
        for key, value in changes.items():
            if value is None:
                present.pop(key, None)
            else:
                present[key] = value
        whole = listing_page_triples(LISTING, FILTER, [present[k] for k in sorted(present)])
        assert store == whole
    assert len([t for t in store if t[1].endswith("pageNumber>")]) > 10


def test_a_split_page_changes_one_count_not_a_line_of_every_page(monkeypatch):
    """Items added in the middle of a long set: the pages after the change are
    renumbered, and the set's count is one line, not one on every page."""
    import plankg.summary_pages

    monkeypatch.setattr(plankg.summary_pages, "ROWS_PER_PAGE", 4)
    state = State(None)
    store = apply_changes(state, set(), {f"{n:05d}": item(n) for n in range(0, 400, 2)}, 4)
    pages = len([t for t in store if t[1].endswith("pageNumber>")])
    grown = apply_changes(state, store, {f"{n:05d}": item(n) for n in range(1, 40, 2)}, 4)
    changed = (store - grown) | (grown - store)
    assert len([t for t in grown if t[1].endswith("pageNumber>")]) > pages
    counts = [t for t in changed if t[1].endswith("pageCount>")]
    assert len(counts) == 2  # the old count and the new, on the set's node
    assert {t[0] for t in counts} == {f"<{set_node('listing', KEY)}>"}
