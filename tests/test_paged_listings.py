"""Corpus-wide listings read a page at a time from the summary (plankg.summary_pages).

Each listing query takes an optional ``page``; left out, it returns every row, ordered
page by page. Checked on the three bundled documents: the pages put together are the
whole answer, in the order the query documents, a hundred rows to a page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyoxigraph as ox
import pytest

from plankg.errors import PlankgError
from plankg.summary_pages import PAGE_CAP, ROWS_PER_PAGE, cut, ends_page
from plankg.tables import run_library_query

PARAMETERS = ("page", "category_filter", "place_type")


def rows_of(store: ox.Store, query: str, params: dict[str, str]) -> list[dict[str, Any]]:
    """The answer's rows without the parameter columns (always unbound)."""
    rows = run_library_query(store, query, params)
    return [{k: v for k, v in row.items() if k not in PARAMETERS} for row in rows]


def pages_of(store: ox.Store, query: str, params: dict[str, str]) -> list[list[dict[str, Any]]]:
    """Pages 1, 2, … up to the first empty one (which is left out)."""
    pages = []
    while True:
        page = rows_of(store, query, {**params, "page": str(len(pages) + 1)})
        if not page:
            return pages
        pages.append(page)


def ascending(value: Any) -> tuple[bool, Any]:
    """A SPARQL ascending sort key: unbound first."""
    return (value is not None, value if value is not None else 0)


def descending(value: int) -> int:
    return -value


# The keys each query documents in its ORDER BY (after ?page_number).
ORDER: dict[str, Callable[[dict[str, Any]], tuple[Any, ...]]] = {
    "entities": lambda r: (r["category"], r["type"], r["name"], r["entity"]),
    "places_most_commitments": lambda r: (
        descending(r["commitments"]), descending(r["including_contained"]),
        descending(r["mentions"]), r["name"], r["place"],
    ),
    # Projects with a company, projects without one, then lone companies.
    "companies_and_projects": lambda r: (
        not (r["project"] is not None and r["company"] is not None),
        r["project"] is None, ascending(r["company"]), ascending(r["project"]),
    ),
    "slogans_shared": lambda r: (
        descending(r["document_count"]), ascending(r["first_year"]), r["name"],
    ),
}

CASES = [
    ("entities", {}),
    ("entities", {"category_filter": "place"}),
    ("entities", {"category_filter": "organization"}),
    ("places_most_commitments", {}),
    ("places_most_commitments", {"place_type": "town"}),
    ("companies_and_projects", {}),
    ("slogans_shared", {}),
]


@pytest.mark.parametrize(("query", "params"), CASES)
def test_pages_make_up_the_whole_answer(
    corpus_store: ox.Store, query: str, params: dict[str, str]
) -> None:
    whole = rows_of(corpus_store, query, params)
    assert whole, f"{query} {params} returned nothing"
    pages = pages_of(corpus_store, query, params)

    assert [row for page in pages for row in page] == whole
    # Pages are cut by content (plankg.summary_pages): at most PAGE_CAP times the page size (a
    # project with two companies or places may add rows to its page in
    # companies_and_projects), and never empty.
    assert all(page for page in pages)
    if query != "companies_and_projects":
        assert all(len(page) <= PAGE_CAP * ROWS_PER_PAGE for page in pages)
    for number, page in enumerate(pages, 1):
        assert {row["page_number"] for row in page} == {number}
        assert {row["pages"] for row in page} == {len(pages)}
    assert rows_of(corpus_store, query, {**params, "page": str(len(pages) + 1)}) == []

    # The documented order, checked by sorting independently (a stable sort: rows the
    # keys do not tell apart keep their place).
    assert whole == sorted(whole, key=ORDER[query])


def test_entities_span_several_pages(corpus_store: ox.Store) -> None:
    pages = pages_of(corpus_store, "entities", {})
    assert len(pages) > 1
    # Each page but the last ends where the rule cuts: after an entity whose hash ends
    # a page, or when full (PAGE_CAP times the page size); the rows put together are cut
    # the same way.
    for page in pages[:-1]:
        assert (ends_page(page[-1]["entity"], ROWS_PER_PAGE)
                or len(page) == PAGE_CAP * ROWS_PER_PAGE)
    nodes = [row["entity"] for page in pages for row in page]
    assert [len(page) for page in pages] == [len(p) for p in cut(nodes, ROWS_PER_PAGE)]
    # Every category's entities appear, in the order category, type, name.
    assert {row["category"] for page in pages for row in page} == {
        "place", "organization", "project", "slogan",
    }


@pytest.mark.parametrize(
    ("query", "parameter", "column", "value"),
    [
        ("entities", "category_filter", "category", "place"),
        ("entities", "category_filter", "category", "slogan"),
        ("places_most_commitments", "place_type", "type", "town"),
        ("places_most_commitments", "place_type", "type", "district"),
    ],
)
def test_a_filtered_listing_is_the_whole_one_narrowed(
    corpus_store: ox.Store, query: str, parameter: str, column: str, value: str
) -> None:
    """A filter's own listing holds exactly the rows of that value, in the same order."""
    drop = ("page_number", "pages")
    whole = [
        {k: v for k, v in row.items() if k not in drop}
        for row in rows_of(corpus_store, query, {})
        if row[column] == value
    ]
    filtered = [
        {k: v for k, v in row.items() if k not in drop}
        for row in rows_of(corpus_store, query, {parameter: value})
    ]
    assert whole and filtered == whole


def test_an_unknown_filter_value_has_no_pages(corpus_store: ox.Store) -> None:
    assert rows_of(corpus_store, "places_most_commitments", {"place_type": "no-such-type"}) == []
    # A filter whose values the header declares refuses any other, naming them.
    with pytest.raises(PlankgError, match="not one of place, organization, project, slogan"):
        rows_of(corpus_store, "entities", {"category_filter": "no-such-category"})


def test_slogans_shared_lists_only_slogans_of_several_documents(corpus_store: ox.Store) -> None:
    rows = rows_of(corpus_store, "slogans_shared", {})
    assert all(row["document_count"] > 1 for row in rows)
    assert all(len(row["documents"].split("|")) == row["document_count"] for row in rows)
    # Every slogan the entities listing shows in more than one document is there.
    several = {
        row["name"] for row in rows_of(corpus_store, "entities", {"category_filter": "slogan"})
        if len(row["documents"].split("|")) > 1
    }
    assert several == {row["name"] for row in rows}
