"""Precomputed pages of the corpus summary, so a long answer can be read a page at a time.

At 1,000 documents an Oxigraph lookup costs about 30 µs, so an answer of thousands of
rows takes seconds however the query is planned, and ``LIMIT`` does not help: the engine
still evaluates and sorts every row first. A page is therefore computed at build time,
like the summary itself, and a library query with a ``page`` parameter starts from it:

* **document pages** (``pk:pageKey``): for one key, the graphs of the documents it
  occurs in, ordered by year then document id, ``DOCUMENTS_PER_PAGE`` to a page
  (``INDICATOR_DOCUMENTS_PER_PAGE`` for an indicator as written). A key
  is a Chinese name or alias (``"木耳镇"@zh``: the documents that mention something of
  that name or, for a place, something located in it), an indicator concept (the
  documents with a target for it) or an indicator as written, by its node in the
  summary's name index (the documents with a target written so). A query binds the
  key and the page number, reads that page's graphs, and looks inside those only.
* **listing pages** (``pk:pageOfListing``): for a corpus-wide listing and one value of
  its filter (``"*"`` for none), its rows' nodes, ``ROWS_PER_PAGE`` to a page, in the
  order the listing's query sorts them.

Every page node says its number (``pk:pageNumber``) and how many pages its key has
(``pk:pageCount``). Left unbound, the page number matches every page, and the query
returns the whole answer, ordered page by page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence

from plankg.namespaces import ID
from plankg.rdf import PK
from plankg.terms import integer, iri, plain, zh

DOCUMENTS_PER_PAGE = 20
# A page of indicator_across_documents holds that page of *every* indicator written with
# the phrase (five for 生产总值, 140 rows at 1,000 documents with twenty documents to a
# page), so an indicator as written has smaller pages.
INDICATOR_DOCUMENTS_PER_PAGE = 10
ROWS_PER_PAGE = 100

Triple = tuple[str, str, str]
Key = tuple[str, str]  # (kind of key, its value): ("name", "木耳镇"), ("concept", iri), …


def _page_node(kind: str, key: str, number: int) -> str:
    digest = hashlib.sha256(f"{kind}\n{key}".encode()).hexdigest()[:20]
    return str(ID[f"summary/page/{digest}/{number}"])


def _chunks(items: Sequence[str], size: int) -> list[Sequence[str]]:
    return [items[start : start + size] for start in range(0, len(items), size)] or []


def document_page_triples(
    documents_of_key: Mapping[Key, Iterable[str]],
    graph_of_document: Mapping[str, str],
    year: Mapping[str, int],
    key_term: Mapping[Key, str],
) -> set[Triple]:
    """Pages of documents per key.

    ``documents_of_key`` maps a key (its N-Triples term in ``key_term``) to document
    ids; ``graph_of_document`` gives each document's graph. Documents are ordered as a
    SPARQL ``ORDER BY ?year ?document`` orders them: one without a year first.
    """
    triples: set[Triple] = set()
    for key, documents in documents_of_key.items():
        ordered = sorted(
            (d for d in set(documents) if d in graph_of_document),
            key=lambda d: (year.get(d, -1), d),
        )
        size = INDICATOR_DOCUMENTS_PER_PAGE if key[0] == "indicator" else DOCUMENTS_PER_PAGE
        pages = _chunks(ordered, size)
        for number, page in enumerate(pages, 1):
            node = iri(_page_node("documents", key_term[key], number))
            triples.add((node, PK.pageKey, key_term[key]))
            triples.add((node, PK.pageNumber, integer(number)))
            triples.add((node, PK.pageCount, integer(len(pages))))
            for document in page:
                triples.add((node, PK.pageGraph, iri(graph_of_document[document])))
    return triples


def listing_page_triples(
    listing: str, filter_value: str, ordered_nodes: Sequence[str]
) -> set[Triple]:
    """Pages of one listing's rows (their nodes, in the listing's order)."""
    triples: set[Triple] = set()
    pages = _chunks(ordered_nodes, ROWS_PER_PAGE)
    for number, page in enumerate(pages, 1):
        node = iri(_page_node("listing", f"{listing}\n{filter_value}", number))
        triples.add((node, PK.pageOfListing, plain(listing)))
        triples.add((node, PK.pageFilter, plain(filter_value)))
        triples.add((node, PK.pageNumber, integer(number)))
        triples.add((node, PK.pageCount, integer(len(pages))))
        for item in page:
            triples.add((node, PK.pageItem, iri(item)))
    return triples


def name_key(name: str) -> str:
    """A Chinese name or alias as a page key (the term a ``langstring`` parameter binds)."""
    return zh(name)
