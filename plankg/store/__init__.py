"""Stores: one interface (``Store``), an embedded and a remote implementation.

``open_store`` opens the embedded Oxigraph store, ``RemoteStore`` speaks to any SPARQL
1.1 server. The module-level functions below take either a ``Store`` or a plain
``pyoxigraph.Store`` (wrapped by ``as_store``), so code written against pyoxigraph
keeps working.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox

from plankg.store import base
from plankg.store.base import (
    LOAD_LOG_GRAPH,
    LOADED_SHA256,
    STORE_FORMAT,
    STORE_FORMAT_PROPERTY,
    VOCABULARY_GRAPH,
    GraphBatch,
    Rows,
    Store,
    default_store_path,
)
from plankg.store.embedded import EmbeddedStore, as_store, open_store
from plankg.store.remote import RemoteStore, push_store
from plankg.store.sparql import Bindings, Term, sparql_term, substitute

AnyStore = Store | ox.Store

__all__ = [
    "LOAD_LOG_GRAPH",
    "LOADED_SHA256",
    "STORE_FORMAT",
    "STORE_FORMAT_PROPERTY",
    "VOCABULARY_GRAPH",
    "AnyStore",
    "Bindings",
    "EmbeddedStore",
    "RemoteStore",
    "Rows",
    "Store",
    "Term",
    "as_store",
    "bulk_add_graphs",
    "complete_graphs",
    "default_store_path",
    "open_store",
    "outdated_documents",
    "push_store",
    "replace_graph",
    "replace_graphs",
    "select",
    "sparql_term",
    "substitute",
]


def select(store: AnyStore, query: str, bindings: Bindings | None = None) -> tuple[list[str], Rows]:
    """Run a SELECT with parameters bound as RDF terms; return (variables, rows)."""
    return as_store(store).select(query, bindings)


def replace_graphs(
    store: AnyStore, graphs: Mapping[str, list[str]], *, source_sha256: str | None = None
) -> None:
    as_store(store).replace_graphs(graphs, source_sha256=source_sha256)


def replace_graph(store: AnyStore, graph: str, ntriples: list[str]) -> None:
    as_store(store).replace_graphs({graph: ntriples})


def bulk_add_graphs(store: AnyStore, batch: GraphBatch) -> None:
    as_store(store).add_graphs(batch)


def complete_graphs(store: AnyStore) -> dict[str, str]:
    return base.complete_graphs(as_store(store))


def outdated_documents(store: AnyStore) -> list[str]:
    return base.outdated_documents(as_store(store))
