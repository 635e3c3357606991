"""What several page families share: the store of a request, documents, suggestions."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from plankg.store import AnyStore
from plankg.web.links import url
from plankg.web.state import app_state


def store_of(request: Request) -> AnyStore:
    return app_state(request).refresh()


def documents(store: AnyStore, doc: str | None = None) -> list[dict[str, Any]]:
    """One row per document (a metadata field with labels in two languages gives two)."""
    from plankg.tables import documents as rows

    unique: dict[str, dict[str, Any]] = {}
    for row in rows(store, doc):
        unique.setdefault(row["id"], row)
    return list(unique.values())


def suggestions(store: AnyStore, name: str) -> list[dict[str, str]]:
    """Close names to try instead (never the name itself), each a who-search link."""
    from plankg.answers import suggestions as close

    return [{"label": s, "url": url("/who", q=s)} for s in close(store, name) if s != name]


def param(request: Request, name: str) -> str:
    return request.query_params.get(name, "").strip()
