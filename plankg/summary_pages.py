"""Precomputed pages of the corpus summary, so a long answer can be read a page at a time.

At 1,000 documents an Oxigraph lookup costs about 30 µs, so an answer of thousands of
rows takes seconds however the query is planned, and ``LIMIT`` does not help: the engine
still evaluates and sorts every row first. A page is therefore computed at build time,
like the summary itself, and a library query with a ``page`` parameter starts from it:

* **document pages** (``pk:pageKey``): for one key, the graphs of the documents it
  occurs in, ordered by year then document id, about ``DOCUMENTS_PER_PAGE`` to a page
  (``INDICATOR_DOCUMENTS_PER_PAGE`` for an indicator as written). A key
  is a Chinese name or alias (``"木耳镇"@zh``: the documents that mention something of
  that name or, for a place, something located in it), an indicator concept (the
  documents with a target for it) or an indicator as written, by its node in the
  summary's name index (the documents with a target written so). A query binds the
  key and the page number, reads that page's graphs, and looks inside those only.
* **listing pages** (``pk:pageOfListing``): for a corpus-wide listing and one value of
  its filter (``"*"`` for none), its rows' nodes, about ``ROWS_PER_PAGE`` to a page, in
  the order the listing's query sorts them.

Every page node says its number (``pk:pageNumber``) and its set (``pk:pageSet``: the node
of its key or listing and filter), and the set says how many pages it has
(``pk:pageCount``): kept once per set, so a page split or merged changes one count, not a
line of every page. Left unbound, the page number matches every page, and the query
returns the whole answer, ordered page by page.

**Where a page ends** is decided by content, not by position (content-defined chunking,
as backup tools cut files): a page ends after an item whose hash is a multiple of the
page size, or once it holds four times the page size. Pages average about the page size;
and a document added to a key of 10,000 documents changes the one page it falls in
(``plankg.summary_state`` re-cuts from that page until the cuts meet the old ones
again), where fixed-size pages would all shift by one. A page's node is named after its
key and its first item, so a page whose number changes keeps its node.
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


# A page holds at most this many times its size. Pages cut at the cap are where a change
# spreads: an item added there moves the cap's cut, and every cut after it up to the next
# cut by hash, each a page with a new first item and so a new node. With the cap at 2×,
# 13% of pages ended at it, and at 10,000 documents one added document rewrote 90 pages
# whole; at 4×, 1.8% do.
PAGE_CAP = 4


def page_full(length: int, size: int) -> bool:
    return length >= PAGE_CAP * size


def ends_page(item: str, size: int) -> bool:
    """Whether a page ends after ``item`` whatever comes before it (its hash decides)."""
    digest = hashlib.sha256(item.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % size == 0


def cut(items: Iterable[str], size: int) -> list[list[str]]:
    """Items (in order) cut into pages: after an item that ``ends_page``, or when full."""
    pages: list[list[str]] = []
    current: list[str] = []
    for item in items:
        current.append(item)
        if page_full(len(current), size) or ends_page(item, size):
            pages.append(current)
            current = []
    if current:
        pages.append(current)
    return pages


def document_page_size(key_kind: str) -> int:
    return INDICATOR_DOCUMENTS_PER_PAGE if key_kind == "indicator" else DOCUMENTS_PER_PAGE


def page_node(kind: str, key: str, first_item: str) -> str:
    """The IRI of a page: its set (``kind``, ``key``) and its first item."""
    digest = hashlib.sha256(f"{kind}\n{key}\n{first_item}".encode()).hexdigest()[:24]
    return str(ID[f"summary/page/{digest}"])


def set_node(kind: str, key: str) -> str:
    """The IRI of a page set (``kind``, ``key``), which holds its page count."""
    digest = hashlib.sha256(f"{kind}\n{key}".encode()).hexdigest()[:24]
    return str(ID[f"summary/pageset/{digest}"])


def count_lines(set_iri: str, count: int) -> list[Triple]:
    """A set's page count (none for a set without pages)."""
    return [(iri(set_iri), PK.pageCount, integer(count))] if count else []


def document_page_lines(
    key_term: str, number: int, documents: Sequence[str], graph_of: Mapping[str, str]
) -> list[Triple]:
    """One page of documents of a key (``key_term`` in N-Triples syntax)."""
    node = iri(page_node("documents", key_term, documents[0]))
    triples = [
        (node, PK.pageKey, key_term),
        (node, PK.pageNumber, integer(number)),
        (node, PK.pageSet, iri(set_node("documents", key_term))),
    ]
    triples += [(node, PK.pageGraph, iri(graph_of[document])) for document in documents]
    return triples


def listing_set(listing: str, filter_value: str) -> str:
    return f"{listing}\n{filter_value}"


def listing_page_lines(
    listing: str, filter_value: str, number: int, nodes: Sequence[str]
) -> list[Triple]:
    key = listing_set(listing, filter_value)
    node = iri(page_node("listing", key, nodes[0]))
    triples = [
        (node, PK.pageOfListing, plain(listing)),
        (node, PK.pageFilter, plain(filter_value)),
        (node, PK.pageNumber, integer(number)),
        (node, PK.pageSet, iri(set_node("listing", key))),
    ]
    triples += [(node, PK.pageItem, iri(item)) for item in nodes]
    return triples


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
        pages = cut(ordered, document_page_size(key[0]))
        triples.update(count_lines(set_node("documents", key_term[key]), len(pages)))
        for number, page in enumerate(pages, 1):
            triples.update(document_page_lines(key_term[key], number, page, graph_of_document))
    return triples


def listing_page_triples(
    listing: str, filter_value: str, ordered_nodes: Sequence[str]
) -> set[Triple]:
    """Pages of one listing's rows (their nodes, in the listing's order)."""
    pages = cut(ordered_nodes, ROWS_PER_PAGE)
    triples = set(count_lines(set_node("listing", listing_set(listing, filter_value)),
                              len(pages)))
    for number, page in enumerate(pages, 1):
        triples.update(listing_page_lines(listing, filter_value, number, page))
    return triples


def name_node(kind: str, label: str) -> str:
    """The IRI of a name in the summary's name index (one per kind and name)."""
    digest = hashlib.sha256(f"{kind}\n{label}".encode()).hexdigest()[:20]
    return str(ID[f"summary/name/{digest}"])


def name_key(name: str) -> str:
    """A Chinese name or alias as a page key (the term a ``langstring`` parameter binds)."""
    return zh(name)
