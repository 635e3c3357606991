"""The four projections as networkx graphs, nodes and edges inserted in sorted order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pyoxigraph as ox

from plankg.errors import PlankgError
from plankg.network.options import (
    KINDS,
    NetworkKind,
    NetworkOptions,
)
from plankg.network.rows import (
    _level_ok,
    involvement_rows,
    responsibility_rows,
    select_responsibilities,
    slogan_section_rows,
)


def _join(values: Iterable[str]) -> str:
    return "|".join(sorted({v for v in values if v}))


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _sorted_graph(
    nodes: dict[str, dict[str, Any]], edges: dict[tuple[str, str], dict[str, Any]]
) -> nx.Graph:
    """A graph with nodes and edges inserted in sorted order (deterministic exports)."""
    graph = nx.Graph()
    for node in sorted(nodes):
        graph.add_node(node, **{k: v for k, v in sorted(nodes[node].items()) if v is not None})
    for u, v in sorted(edges):
        graph.add_edge(u, v, **{k: x for k, x in sorted(edges[(u, v)].items()) if x is not None})
    return graph


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _multi_document(rows: Sequence[dict[str, Any]]) -> bool:
    return len({r["document"] for r in rows}) > 1


def section_label(row: dict[str, Any], multi: bool) -> str:
    """How a section reads in filters and tooltips: ``3.1 （一）…`` (document first if many)."""
    path = row.get("section_path")
    if not path:
        return f"{row['document']} —" if multi else "—"
    text = f"{path} {row.get('section_heading') or ''}".strip()
    return f"{row['document']}:{text}" if multi else text


def _basis_facet(stated: bool) -> str:
    return "stated" if stated else "inferred"


def _body_node(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "label": row["body"],
        "label_en": row.get("body_en"),
        "kind": "body",
        "body_type": row.get("body_type"),
    }


def _commitment_node(row: dict[str, Any], multi: bool) -> dict[str, Any]:
    heading = _short(row["text"], 14)
    prefix = f"{row['document']}:" if multi else ""
    return {
        "label": f"{prefix}{row['path']} {heading}",
        "kind": "commitment",
        "document": row["document"],
        "path": row["path"],
        "level": row["level"],
        "text": row["text"],
        "section": section_label(row, multi),
    }


def responsibility_network(
    responsibilities: Sequence[dict[str, Any]],
    involvements: Sequence[dict[str, Any]],
    options: NetworkOptions | None = None,
) -> nx.Graph:
    """(a) bodies — commitments — places, companies, targets, from query rows."""
    options = options or NetworkOptions()
    kept = select_responsibilities(responsibilities, options)
    multi = _multi_document(kept)
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    commitment_rows: dict[str, dict[str, Any]] = {}
    bodies_of: dict[str, set[str]] = defaultdict(set)
    bases_of: dict[str, set[str]] = defaultdict(set)
    places_of: dict[str, set[str]] = defaultdict(set)
    for row in involvements:
        if row["kind"] == "place":
            places_of[row["commitment"]].add(row["label"])
    for row in kept:
        commitment, body = row["commitment"], row["body_node"]
        commitment_rows.setdefault(commitment, row)
        nodes.setdefault(body, _body_node(row))
        bodies_of[commitment].add(row["body"])
        bases_of[commitment].add(_basis_facet(row["stated"]))
        key = _pair(body, commitment)
        if key in edges:  # rows come best-ranked first: keep that one, count the rest
            edges[key]["responsibilities"] += 1
            continue
        edges[key] = {
            "relation": "responsibility",
            "role": row["role"],
            "basis": row["basis"],
            "stated": bool(row["stated"]),
            "confidence": float(row["confidence"]),
            "rationale": row["rationale"],
            "evidence": row.get("evidence_text") or "",
            "evidence_path": row.get("evidence_path") or "",
            "responsibilities": 1,
            "weight": 1,
            "sections": section_label(row, multi),
            "bodies": row["body"],
            "places": _join(places_of[commitment]),
            "bases": _basis_facet(row["stated"]),
        }
    for commitment, row in commitment_rows.items():
        nodes[commitment] = _commitment_node(row, multi)
    for row in involvements:
        commitment, entity = row["commitment"], row["entity"]
        if commitment not in commitment_rows:
            continue
        nodes.setdefault(
            entity,
            {
                "label": row["label"],
                "label_en": row.get("label_en"),
                "kind": row["kind"],
                "entity_type": row.get("entity_type"),
            },
        )
        key = _pair(entity, commitment)
        if key in edges:  # a company that is also a responsible body keeps that edge
            continue
        edges[key] = {
            "relation": "involves",
            "weight": 1,
            "sections": section_label(commitment_rows[commitment], multi),
            "bodies": _join(bodies_of[commitment]),
            "places": row["label"] if row["kind"] == "place" else _join(places_of[commitment]),
            "bases": _join(bases_of[commitment]),
        }
    return _sorted_graph(nodes, edges)


@dataclass
class _PairStats:
    commitments: set[str]
    paths: set[str]
    sections: set[str]
    places: set[str]
    bases: set[str]
    basis_names: set[str]
    roles: set[str]
    stated: bool = False
    confidence: float = 0.0


def co_responsibility_network(
    responsibilities: Sequence[dict[str, Any]],
    involvements: Sequence[dict[str, Any]] = (),
    options: NetworkOptions | None = None,
) -> nx.Graph:
    """(b) body — body; weight = commitments both bodies are responsible for.

    Edge ``stated`` is true when on some shared commitment both responsibilities are
    stated; ``confidence`` is the best, over shared commitments, of the weaker of the two.
    Bodies sharing nothing stay as isolated nodes (they work alone).
    """
    options = options or NetworkOptions()
    kept = select_responsibilities(responsibilities, options)
    multi = _multi_document(kept)
    places_of: dict[str, set[str]] = defaultdict(set)
    for row in involvements:
        if row["kind"] == "place":
            places_of[row["commitment"]].add(row["label"])
    nodes: dict[str, dict[str, Any]] = {}
    per_commitment: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    workload: dict[str, set[str]] = defaultdict(set)
    for row in kept:
        nodes.setdefault(row["body_node"], _body_node(row))
        per_commitment[row["commitment"]].setdefault(row["body_node"], row)
        workload[row["body_node"]].add(row["commitment"])
    pairs: dict[tuple[str, str], _PairStats] = {}
    for commitment, by_body in per_commitment.items():
        bodies = sorted(by_body)
        for i, a in enumerate(bodies):
            for b in bodies[i + 1 :]:
                ra, rb = by_body[a], by_body[b]
                stats = pairs.setdefault(
                    (a, b), _PairStats(set(), set(), set(), set(), set(), set(), set())
                )
                stats.commitments.add(commitment)
                stats.paths.add(f"{ra['document']}:{ra['path']}" if multi else ra["path"])
                stats.sections.add(section_label(ra, multi))
                stats.places |= places_of[commitment]
                stats.bases |= {_basis_facet(ra["stated"]), _basis_facet(rb["stated"])}
                stats.basis_names |= {ra["basis"], rb["basis"]}
                stats.roles |= {ra["role"], rb["role"]}
                stats.stated = stats.stated or bool(ra["stated"] and rb["stated"])
                stats.confidence = max(
                    stats.confidence, min(float(ra["confidence"]), float(rb["confidence"]))
                )
    for body, commitments in workload.items():
        nodes[body]["commitments"] = len(commitments)
    edges = {
        (a, b): {
            "relation": "co-responsibility",
            "weight": len(s.commitments),
            "stated": s.stated,
            "basis": _join(s.basis_names),
            "role": _join(s.roles),
            "confidence": s.confidence,
            "commitments": _join(s.paths),
            "sections": _join(s.sections),
            "bodies": _join([nodes[a]["label"], nodes[b]["label"]]),
            "places": _join(s.places),
            "bases": _join(s.bases),
        }
        for (a, b), s in pairs.items()
    }
    return _sorted_graph(nodes, edges)


def place_body_network(
    responsibilities: Sequence[dict[str, Any]],
    involvements: Sequence[dict[str, Any]],
    options: NetworkOptions | None = None,
) -> nx.Graph:
    """(c) place — body; weight = commitments naming the place the body is responsible for."""
    options = options or NetworkOptions()
    kept = select_responsibilities(responsibilities, options)
    multi = _multi_document(kept)
    by_commitment: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in kept:
        by_commitment[row["commitment"]].append(row)
    nodes: dict[str, dict[str, Any]] = {}
    stats: dict[tuple[str, str], _PairStats] = {}
    for place_row in involvements:
        if place_row["kind"] != "place" or place_row["commitment"] not in by_commitment:
            continue
        place = place_row["entity"]
        for row in by_commitment[place_row["commitment"]]:
            nodes.setdefault(
                place,
                {
                    "label": place_row["label"],
                    "label_en": place_row.get("label_en"),
                    "kind": "place",
                    "entity_type": place_row.get("entity_type"),
                },
            )
            nodes.setdefault(row["body_node"], _body_node(row))
            s = stats.setdefault(
                _pair(place, row["body_node"]),
                _PairStats(set(), set(), set(), set(), set(), set(), set()),
            )
            s.commitments.add(row["commitment"])
            s.paths.add(f"{row['document']}:{row['path']}" if multi else row["path"])
            s.sections.add(section_label(row, multi))
            s.places.add(place_row["label"])
            s.bases.add(_basis_facet(row["stated"]))
            s.basis_names.add(row["basis"])
            s.roles.add(row["role"])
            s.stated = s.stated or bool(row["stated"])
            s.confidence = max(s.confidence, float(row["confidence"]))
    edges = {}
    for (a, b), s in stats.items():
        body = a if nodes[a]["kind"] == "body" else b
        edges[(a, b)] = {
            "relation": "place-body",
            "weight": len(s.commitments),
            "stated": s.stated,
            "basis": _join(s.basis_names),
            "role": _join(s.roles),
            "confidence": s.confidence,
            "commitments": _join(s.paths),
            "sections": _join(s.sections),
            "bodies": nodes[body]["label"],
            "places": _join(s.places),
            "bases": _join(s.bases),
        }
    return _sorted_graph(nodes, edges)


def slogan_section_network(rows: Sequence[dict[str, Any]]) -> nx.Graph:
    """(d) slogan — section (else part); weight = sentences invoking the slogan there."""
    multi = _multi_document(rows)
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        label = section_label(row, multi)
        nodes.setdefault(
            row["section"],
            {
                "label": label,
                "kind": "section",
                "document": row["document"],
                "path": row["section_path"],
                "text": row["section_heading"],
            },
        )
        nodes.setdefault(
            row["slogan"],
            {"label": row["slogan_name"], "label_en": row.get("slogan_en"), "kind": "slogan"},
        )
        key = _pair(row["section"], row["slogan"])
        edge = edges.setdefault(
            key,
            {
                "relation": "invokes",
                "weight": 0,
                "sections": label,
                "bodies": "",
                "places": "",
                "bases": "",
            },
        )
        edge["weight"] += int(row["sentences"])
    return _sorted_graph(nodes, edges)


def build_network(
    store: ox.Store, kind: NetworkKind, options: NetworkOptions | None = None
) -> nx.Graph:
    """One projection of what the store holds (optionally one document)."""
    options = options or NetworkOptions()
    if kind not in KINDS:
        raise PlankgError(f"unknown network kind {kind!r}; choose one of {', '.join(KINDS)}")
    if options.doc:
        from plankg.tables import require_document

        require_document(store, options.doc)
    if kind == "slogan-section":
        graph = slogan_section_network(slogan_section_rows(store, options.doc))
    else:
        responsibilities = responsibility_rows(store, options.doc)
        involvements = [
            r for r in involvement_rows(store, options.doc) if _level_ok(r["level"], options.level)
        ]
        if kind == "responsibility":
            graph = responsibility_network(responsibilities, involvements, options)
        elif kind == "co-responsibility":
            graph = co_responsibility_network(responsibilities, involvements, options)
        else:
            graph = place_body_network(responsibilities, involvements, options)
    graph.graph["kind"] = kind
    if options.doc:
        graph.graph["document"] = options.doc
    return graph
