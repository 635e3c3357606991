"""Answers across documents, read a page of documents at a time (plankg.summary_pages).

The queries ``entity_mentions``, ``slogan_occurrences``, ``commitments_in_place``,
``place_containment``, ``compare_indicator`` and ``indicator_across_documents`` start
from a page of the corpus summary: for one key (a name, an indicator concept or an
indicator as written), the graphs of twenty of its documents (ten for an indicator as
written), ordered by year then
document id. Checked here against what is computed without the pages: which documents
a key has, on which page each falls, and that the pages together are the whole answer.

Three documents fit on one page, so most checks run on a copy of the bundled store with
one document to a page and a fourth document, a copy of the Yubei plan dated 2022 that
repeats its places, containments and targets (a containment stated in two documents
must still be listed once).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox
import pytest

import plankg.summary_pages as summary_pages
from plankg.queries import get_query
from plankg.store import LOAD_LOG_GRAPH
from plankg.store.base import log_lines
from plankg.summary import refresh_summary
from plankg.tables import run_library_query

PREFIXES = """
PREFIX pk: <https://w3id.org/plankg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
"""
GRAPH = "https://w3id.org/plankg/id/graph/"
COPIED, COPY, COPY_YEAR = "yubei-2020-plan", "yubei-2022-copy", 2022
PAGE_SIZE = 1  # documents to a page in paged_store

# Each query with parameters that give rows in the bundled documents: names, an alias,
# places with places and projects inside them, an indicator by notation, Chinese and
# English label, and a phrase written in several indicators.
CASES: list[tuple[str, dict[str, str]]] = [
    ("entity_mentions", {"name": "江北国际机场"}),
    ("entity_mentions", {"name": "江北机场"}),
    ("entity_mentions", {"name": "长江"}),
    ("slogan_occurrences", {"name": "六稳"}),
    ("slogan_occurrences", {"name": "稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期"}),
    ("commitments_in_place", {"place": "木耳镇"}),
    ("commitments_in_place", {"place": "渝北区", "level_filter": "sentence"}),
    ("place_containment", {"place": "木耳镇"}),
    ("place_containment", {}),
    ("compare_indicator", {"indicator_name": "国内生产总值"}),
    ("compare_indicator", {"indicator_name": "gdp"}),
    ("compare_indicator", {"indicator_name": "New urban jobs"}),
    ("indicator_across_documents", {"q": "生产总值"}),
]
CASE_IDS = [f"{name}-{'-'.join(params.values()) or 'all'}" for name, params in CASES]


@pytest.fixture(scope="module")
def paged_store(corpus_store: ox.Store) -> Iterator[ox.Store]:
    """The bundled store plus a 2022 copy of the Yubei plan, one document to a page."""
    store = ox.Store()
    store.bulk_extend(corpus_store.quads_for_pattern(None, None, None, None))
    for suffix in ("", "/index"):
        dump = corpus_store.dump(
            format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(f"{GRAPH}{COPIED}{suffix}")
        )
        text = (dump or b"").decode("utf-8").replace(COPIED, COPY)
        text = text.replace('#year> "2020"^^', f'#year> "{COPY_YEAR}"^^')
        store.load(
            text.encode("utf-8"),
            format=ox.RdfFormat.N_TRIPLES,
            to_graph=ox.NamedNode(f"{GRAPH}{COPY}{suffix}"),
        )
    # Recorded as loaded, as a build records it: the summary reads logged documents.
    copies = [f"{GRAPH}{COPY}", f"{GRAPH}{COPY}/index"]
    store.update(f"INSERT DATA {{ GRAPH <{LOAD_LOG_GRAPH}> {{ {log_lines(copies, 'copy')} }} }}")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(summary_pages, "DOCUMENTS_PER_PAGE", PAGE_SIZE)
        patch.setattr(summary_pages, "INDICATOR_DOCUMENTS_PER_PAGE", PAGE_SIZE)
        refresh_summary(store)
    yield store


def rows_of(store: ox.Store, name: str, params: dict[str, str]) -> list[dict[str, Any]]:
    """A library query's rows without its parameter columns."""
    hidden = {p.name for p in get_query(name).parameters}
    return [
        {k: v for k, v in row.items() if k not in hidden}
        for row in run_library_query(store, name, params)
    ]


def select_values(store: ox.Store, query: str) -> list[tuple[Any, ...]]:
    return [
        tuple(term.value if term is not None else None for term in solution)
        for solution in store.query(PREFIXES + query, use_default_graph_as_union=True)  # type: ignore[union-attr]
    ]


def document_order(store: ox.Store) -> dict[str, tuple[int, str]]:
    """Each document's sort key as the pages order documents: year (none first), id."""
    rows = select_values(
        store,
        "SELECT ?id ?year WHERE { GRAPH ?g {"
        " ?d pk:documentId ?id OPTIONAL { ?d pk:year ?year } } }",
    )
    return {identifier: (int(year) if year else -1, identifier) for identifier, year in rows}


def name_documents(store: ox.Store, name: str) -> set[str]:
    """Documents mentioning something of that name (label or alias) or, for a place,
    something located in it: the documents of a name's pages."""
    query = f"""
    SELECT DISTINCT ?id WHERE {{
      {{ ?e rdfs:label "{name}"@zh }} UNION {{ ?e skos:altLabel "{name}"@zh }}
      ?e a ?class FILTER(?class IN (pk:Place, org:Organization, pk:Project, pk:Slogan))
      ?x pk:locatedIn* ?e FILTER(?x = ?e || EXISTS {{ ?e a pk:Place }})
      GRAPH ?g {{ ?m pk:refersTo ?x . ?d pk:documentId ?id }}
    }}"""
    return {identifier for (identifier,) in select_values(store, query)}


def concept_documents(store: ox.Store, indicator_name: str) -> set[str]:
    """Documents with a target for the vocabulary concept of that notation or label."""
    query = f"""
    SELECT DISTINCT ?id WHERE {{
      GRAPH <{GRAPH}vocabulary> {{
        ?concept a pk:Indicator .
        {{ ?concept skos:notation ?n }} UNION {{ ?concept skos:prefLabel|skos:altLabel ?n }}
        FILTER(STR(?n) = "{indicator_name}")
      }}
      GRAPH ?g {{ ?t pk:indicator ?concept . ?d pk:documentId ?id }}
    }}"""
    return {identifier for (identifier,) in select_values(store, query)}


def label_documents(store: ox.Store, label: str) -> set[str]:
    """Documents with a target whose indicator is written so."""
    query = f"""
    SELECT DISTINCT ?id WHERE {{
      GRAPH ?g {{ ?t pk:indicatorLabel "{label}"@zh . ?d pk:documentId ?id }}
    }}"""
    return {identifier for (identifier,) in select_values(store, query)}


def containment_documents(store: ox.Store, row: dict[str, Any]) -> set[str]:
    """Documents stating one row of place_containment."""
    inner_class = "pk:Place" if row["contained_category"] == "place" else "pk:Project"
    query = f"""
    SELECT DISTINCT ?id WHERE {{
      GRAPH ?g {{
        ?inner pk:locatedIn <{row["container_node"]}> ; rdfs:label "{row["contained"]}"@zh ;
               a {inner_class} .
        <{row["container_node"]}> rdfs:label "{row["container"]}"@zh .
        ?d pk:documentId ?id
      }}
    }}"""
    return {identifier for (identifier,) in select_values(store, query)}


def page_of(document: str, documents: set[str], order: dict[str, tuple[int, str]]) -> int:
    """The page of the key's documents (ordered by year, then id) a document is on."""
    return sorted(documents, key=order.__getitem__).index(document) // PAGE_SIZE + 1


def all_pages(store: ox.Store, name: str, params: dict[str, str]) -> list[dict[str, Any]]:
    """Page 1, 2, ... until a page comes back empty, concatenated."""
    rows: list[dict[str, Any]] = []
    number = 1
    while page := rows_of(store, name, {**params, "page": str(number)}):
        assert {row["page_number"] for row in page} == {number}
        rows += page
        number += 1
    return rows


@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_pages_together_are_the_whole_answer(
    paged_store: ox.Store, name: str, params: dict[str, str]
) -> None:
    whole = rows_of(paged_store, name, params)
    assert whole, "the bundled documents answer every case"
    assert all_pages(paged_store, name, params) == whole
    last = max(row["pages"] for row in whole)
    assert rows_of(paged_store, name, {**params, "page": str(last + 1)}) == []
    assert all(1 <= row["page_number"] <= row["pages"] for row in whole)


@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_a_page_past_the_last_is_empty_in_the_bundled_store(
    corpus_store: ox.Store, name: str, params: dict[str, str]
) -> None:
    # Twenty documents to a page: the three bundled documents are one page.
    whole = rows_of(corpus_store, name, params)
    assert whole and {(row["page_number"], row["pages"]) for row in whole} == {(1, 1)}
    assert rows_of(corpus_store, name, {**params, "page": "1"}) == whole
    assert rows_of(corpus_store, name, {**params, "page": "2"}) == []


def check_document_pages(
    rows: list[dict[str, Any]], documents: set[str], order: dict[str, tuple[int, str]]
) -> None:
    """Each row is on its document's page of the key, and pages count the key's documents."""
    assert {row["document"] for row in rows} <= documents
    for row in rows:
        assert row["pages"] == math.ceil(len(documents) / PAGE_SIZE)
        assert row["page_number"] == page_of(row["document"], documents, order)


NAME_CASES = [
    case
    for case in CASES
    if case[0] in ("entity_mentions", "slogan_occurrences", "commitments_in_place")
]


@pytest.mark.parametrize(("name", "params"), NAME_CASES)
def test_a_name_pages_its_documents(
    paged_store: ox.Store, name: str, params: dict[str, str]
) -> None:
    rows = rows_of(paged_store, name, params)
    key = params.get("name") or params["place"]
    documents = name_documents(paged_store, key)
    check_document_pages(rows, documents, document_order(paged_store))
    # The copy is a document of its own: the Yubei names are on two pages.
    if key in ("木耳镇", "渝北区", "江北国际机场"):
        assert {COPIED, COPY} <= {row["document"] for row in rows}


def test_an_indicator_pages_its_documents(paged_store: ox.Store) -> None:
    order = document_order(paged_store)
    for indicator_name in ("国内生产总值", "gdp", "New urban jobs"):
        rows = rows_of(paged_store, "compare_indicator", {"indicator_name": indicator_name})
        documents = concept_documents(paged_store, indicator_name)
        assert len(documents) >= 2
        check_document_pages(rows, documents, order)


def test_an_indicator_as_written_pages_its_documents(paged_store: ox.Store) -> None:
    # One set of pages per indicator as written that holds the phrase.
    order = document_order(paged_store)
    rows = rows_of(paged_store, "indicator_across_documents", {"q": "生产总值"})
    indicators = {row["indicator"] for row in rows}
    assert {"国内生产总值", "地区生产总值"} <= indicators
    for indicator in indicators:
        mine = [row for row in rows if row["indicator"] == indicator]
        check_document_pages(mine, label_documents(paged_store, indicator), order)


@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_rows_come_page_by_page(paged_store: ox.Store, name: str, params: dict[str, str]) -> None:
    order = document_order(paged_store)
    rows = rows_of(paged_store, name, params)
    numbers = [row["page_number"] for row in rows]
    assert numbers == sorted(numbers)
    if name == "place_containment":
        return  # no document column: within a page, by container and contained
    if name == "indicator_across_documents":
        # Within a page, by indicator, then year and document.
        keys = [(row["page_number"], row["indicator"], order[row["document"]]) for row in rows]
    else:
        keys = [(row["page_number"], order[row["document"]]) for row in rows]
    assert keys == sorted(keys)
    # The year shown is the document's year.
    assert all(row["year"] == order[row["document"]][0] for row in rows)


def test_a_containment_is_listed_once_on_its_first_page(paged_store: ox.Store) -> None:
    order = document_order(paged_store)
    rows = rows_of(paged_store, "place_containment", {"place": "木耳镇"})
    contained = {row["contained"] for row in rows}
    assert {"观音洞水库", "木耳镇观音洞水库牛头岩水厂"} <= contained
    keys = [(row["container_node"], row["contained"], row["contained_category"]) for row in rows]
    assert len(keys) == len(set(keys))
    documents = name_documents(paged_store, "木耳镇")
    for row in rows:
        stating = containment_documents(paged_store, row)
        # The Yubei plan and its copy state the same containments: listed on the page
        # of the plan (2020), the first of the two pages of 木耳镇, not again on the
        # copy's (2022).
        assert {COPIED, COPY} <= stating
        first = min(stating, key=order.__getitem__)
        assert first == COPIED
        assert row["page_number"] == page_of(first, documents, order) == 1
        assert row["pages"] == math.ceil(len(documents) / PAGE_SIZE) == 2


def test_every_container_without_a_place(paged_store: ox.Store) -> None:
    everything = rows_of(paged_store, "place_containment", {})
    assert len(everything) == len({tuple(row.items()) for row in everything})
    containers = sorted({row["container"] for row in everything})
    assert {"木耳镇", "统景镇", "大湾镇"} <= set(containers)
    union = [
        row
        for container in containers
        for row in rows_of(paged_store, "place_containment", {"place": container})
    ]
    assert sorted(map(sorted_items, union)) == sorted(map(sorted_items, everything))
    # Page 1 of every container, then page 2 of every container, ...
    assert all_pages(paged_store, "place_containment", {}) == everything


def sorted_items(row: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted(row.items()))
