"""The entry points of the former ``plankg.remote`` module, kept for callers written
against them; the remote store itself is ``plankg.store.remote.RemoteStore``."""

from __future__ import annotations

from typing import Any

from plankg.store import AnyStore, Bindings, RemoteStore, as_store
from plankg.store import push_store as _push
from plankg.store.sparql import sparql_term, substitute
from plankg.tables import python_value

__all__ = ["push_store", "remote_select", "sparql_term", "substitute"]


def remote_select(
    endpoint: str, query: str, bindings: Bindings | None = None, timeout: float = 60.0
) -> tuple[list[str], list[dict[str, Any]]]:
    """A SELECT on a SPARQL endpoint: (variables, rows as dicts of Python values)."""
    variables, rows = RemoteStore(endpoint, timeout=timeout).select(query, bindings)
    return variables, [
        {v: python_value(term) for v, term in zip(variables, row, strict=True)} for row in rows
    ]


def push_store(store: AnyStore, graph_store_endpoint: str) -> list[str]:
    """Push the store's graphs to a Graph Store Protocol endpoint; return their names."""
    target = RemoteStore(graph_store_endpoint, graph_store=graph_store_endpoint)
    return _push(as_store(store), target)
