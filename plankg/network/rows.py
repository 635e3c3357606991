"""The rows a network is built from: the library's network queries, joined.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from plankg.network.options import (
    Level,
    NetworkOptions,
)


def _doc_params(doc: str | None) -> dict[str, str]:
    from plankg.identity import document_iri

    return {"doc": str(document_iri(doc))} if doc else {}


def responsibility_rows(store: ox.Store, doc: str | None = None) -> list[dict[str, Any]]:
    """``network_responsibilities`` rows (edges), one per responsibility, in query order,
    each with its commitment's ``network_commitments`` row (path, level, text, section),
    its body's ``network_bodies`` names and type, and its first ``network_evidence``
    sentence (path and text; empty for a responsibility without evidence).

    A body can carry several Chinese labels (a surface form such as 区生态环境局 next to
    the scoped 江宁区生态环境局); the longest, most specific one names it everywhere. Of
    several English names or types, the first in order is kept.
    """
    from plankg.tables import run_library_query

    params = _doc_params(doc)
    commitments = {
        row["commitment"]: row
        for row in run_library_query(store, "network_commitments", params)
    }
    bodies: dict[str, dict[str, Any]] = {}
    names: dict[str, set[str]] = defaultdict(set)
    for row in run_library_query(store, "network_bodies", params):
        bodies.setdefault(row["body_node"], row)
        names[row["body_node"]].add(row["body"])
    evidence: dict[str, dict[str, Any]] = {}
    for row in run_library_query(store, "network_evidence", params):
        evidence.setdefault(row["responsibility"], row)
    rows = []
    for row in run_library_query(store, "network_responsibilities", params):
        if row["commitment"] not in commitments or row["body_node"] not in bodies:
            continue
        node = row["body_node"]
        body = bodies[node]
        sentence = evidence.get(row["responsibility"], {})
        rows.append(
            {
                **commitments[row["commitment"]],
                **row,
                "body": max(names[node], key=lambda x: (len(x), x)),
                "body_en": body["body_en"],
                "body_type": body["body_type"],
                "evidence_path": sentence.get("evidence_path") or "",
                "evidence_text": sentence.get("evidence_text") or "",
            }
        )
    return rows


def involvement_rows(store: ox.Store, doc: str | None = None) -> list[dict[str, Any]]:
    """``network_involvements`` rows, one per commitment and involved thing."""
    from plankg.tables import run_library_query

    seen: set[tuple[str, str]] = set()
    rows = []
    for row in run_library_query(store, "network_involvements", _doc_params(doc)):
        key = (row["commitment"], row["entity"])
        if key not in seen:
            seen.add(key)
            rows.append(row)
    return rows


def slogan_section_rows(store: ox.Store, doc: str | None = None) -> list[dict[str, Any]]:
    from plankg.tables import run_library_query

    return run_library_query(store, "network_slogan_sections", _doc_params(doc))


def _level_ok(level: str, wanted: Level) -> bool:
    if wanted == "all":
        return True
    return (level == "sentence") == (wanted == "sentence")


def select_responsibilities(
    rows: Iterable[dict[str, Any]], options: NetworkOptions
) -> list[dict[str, Any]]:
    """The responsibility rows the options keep, in query order."""
    kept = []
    for row in rows:
        if not _level_ok(row["level"], options.level):
            continue
        if row["basis"] == "issuer" and not options.include_issuer:
            continue
        if options.stated_only and not row["stated"]:
            continue
        if options.inferred_only and row["stated"]:
            continue
        if float(row["confidence"]) < options.min_confidence:
            continue
        kept.append(row)
    return kept
