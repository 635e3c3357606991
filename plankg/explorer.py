"""The web explorer's pages (filled in by the explorer work); None means "not a page"."""

from __future__ import annotations

import pyoxigraph as ox

from plankg.sparql_protocol import ProtocolResponse


def page(store: ox.Store, path: str, params: dict[str, str]) -> ProtocolResponse | None:
    return None
