"""Responsibility networks: networkx projections of the store's SPARQL results, and metrics.

Four projections, each an undirected ``networkx.Graph`` whose node ids are IRIs:

* ``responsibility``: bodies — commitments (one edge per body and commitment, carrying the
  best-ranked responsibility's role, basis, stated, confidence, rationale and evidence
  sentence), and commitments — the places, companies and targets they involve.
* ``co-responsibility``: body — body, weight = commitments both are responsible for.
* ``place-body``: place — body, weight = commitments naming the place that the body is
  responsible for.
* ``slogan-section``: slogan — section (else part), weight = sentences invoking the slogan.

Every node has ``label`` (Chinese), ``kind`` (body, commitment, place, company, target,
slogan, section) and ``label_en`` where the store has one. Every edge has ``weight`` and
four facets used by the interactive views' filters, each a ``|``-joined sorted string:
``sections``, ``bodies``, ``places`` and ``bases`` (``stated``/``inferred``).

The issuing government is left out by default: it is accountable for every commitment by
construction (basis ``issuer``), so it would be a hub joined to everything that says
nothing about the division of work; ``include_issuer=True`` keeps it.
Graphs are built with nodes and edges inserted in sorted order, so every export is
deterministic.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx
import pyoxigraph as ox

from plankg.errors import PlankgError

NetworkKind = Literal["responsibility", "co-responsibility", "place-body", "slogan-section"]
KINDS: tuple[NetworkKind, ...] = (
    "responsibility",
    "co-responsibility",
    "place-body",
    "slogan-section",
)
Level = Literal["item", "sentence", "all"]
GRAPH_FORMATS = ("graphml", "gexf", "json", "csv")
FACETS = ("sections", "bodies", "places", "bases")
METRIC_COLUMNS = (
    "node",
    "label",
    "kind",
    "degree",
    "weighted_degree",
    "betweenness",
    "community",
)
_SEED = 42
_GEXF_DATE_RE = re.compile(r'\s*lastmodifieddate="[^"]*"')


@dataclass(frozen=True)
class NetworkOptions:
    """What to keep before projecting.

    ``level``: ``item`` keeps item- and paragraph-level commitments (the units a plan
    assigns), ``sentence`` the sentence-level ones, ``all`` both.
    ``stated_only``/``inferred_only`` keep stated (text, assignment table) or inferred
    (mandate, place, issuer) responsibilities. ``min_confidence`` drops weaker ones.
    """

    doc: str | None = None
    level: Level = "item"
    stated_only: bool = False
    inferred_only: bool = False
    min_confidence: float = 0.0
    include_issuer: bool = False

    def __post_init__(self) -> None:
        if self.stated_only and self.inferred_only:
            raise PlankgError("choose stated-only or inferred-only, not both")
        if self.level not in ("item", "sentence", "all"):
            raise PlankgError(f"level must be item, sentence or all, not {self.level!r}")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise PlankgError("minimum confidence must lie between 0 and 1")


# ----------------------------------------------------------------------------- rows


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


# ------------------------------------------------------------------------- building


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
        from plankg.tables import documents

        if not documents(store, options.doc):
            raise PlankgError(f"no document {options.doc!r} in the store")
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


# -------------------------------------------------------------------------- metrics


def communities(graph: nx.Graph) -> dict[str, int]:
    """Louvain communities (fixed seed), numbered 1.. by size, then by smallest node id."""
    if graph.number_of_edges() == 0:
        groups = [{n} for n in graph]
    else:
        groups = nx.community.louvain_communities(graph, weight="weight", seed=_SEED)
    ordered = sorted(groups, key=lambda g: (-len(g), min(g)))
    return {node: i for i, group in enumerate(ordered, start=1) for node in group}


def network_metrics(graph: nx.Graph) -> list[dict[str, Any]]:
    """Degree, weighted degree, betweenness and community per node, busiest first.

    Betweenness treats a heavier edge as a shorter path (distance = 1 / weight), so two
    bodies sharing many commitments are close; on unweighted graphs it is plain.
    """
    weights = {float(d.get("weight", 1)) for _, _, d in graph.edges(data=True)}
    if len(weights) <= 1:  # all edges alike: breadth-first search is enough, and faster
        betweenness = nx.betweenness_centrality(graph, weight=None, normalized=True)
    else:
        distances = nx.Graph()
        distances.add_nodes_from(graph)
        distances.add_weighted_edges_from(
            (u, v, 1.0 / max(float(d.get("weight", 1)), 1e-9)) for u, v, d in graph.edges(data=True)
        )
        betweenness = nx.betweenness_centrality(distances, weight="weight", normalized=True)
    community = communities(graph)
    rows = [
        {
            "node": node,
            "label": data.get("label", node),
            "kind": data.get("kind", ""),
            "degree": graph.degree(node),
            "weighted_degree": _number(graph.degree(node, weight="weight")),
            "betweenness": round(betweenness[node], 6),
            "community": community[node],
        }
        for node, data in graph.nodes(data=True)
    ]
    rows.sort(key=lambda r: (-r["weighted_degree"], -r["degree"], r["label"], r["node"]))
    return rows


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(float(value), 6)


def annotate_metrics(graph: nx.Graph) -> nx.Graph:
    """Write the metrics into the nodes' attributes (for Gephi and the views); returns graph."""
    for row in network_metrics(graph):
        attributes = graph.nodes[row["node"]]
        for key in ("degree", "weighted_degree", "betweenness", "community"):
            attributes[key] = row[key]
    return graph


# -------------------------------------------------------------------------- exports


def _clean_for_xml(graph: nx.Graph) -> nx.Graph:
    """GraphML/GEXF hold scalars only: drop None, keep str/int/float/bool."""
    copy = nx.Graph()
    copy.graph.update({k: str(v) for k, v in graph.graph.items()})
    for node, data in graph.nodes(data=True):
        copy.add_node(node, **{k: v for k, v in data.items() if v is not None})
    for u, v, data in graph.edges(data=True):
        copy.add_edge(u, v, **{k: x for k, x in data.items() if x is not None})
    return copy


def graph_to_string(graph: nx.Graph, fmt: str) -> str:
    """The graph as GraphML, GEXF, JSON node-link data or a CSV edge list."""
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(_clean_for_xml(graph))) + "\n"
    if fmt == "gexf":
        # GEXF stamps today's date; drop it so the same graph gives the same bytes.
        text = "\n".join(nx.generate_gexf(_clean_for_xml(graph)))
        return _GEXF_DATE_RE.sub("", text) + "\n"
    if fmt == "json":
        data = nx.node_link_data(graph, edges="edges")
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if fmt == "csv":
        columns = [
            "source",
            "source_label",
            "target",
            "target_label",
            "weight",
            "relation",
            "role",
            "basis",
            "stated",
            "confidence",
        ]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for u, v, data in graph.edges(data=True):
            record = {
                "source": u,
                "source_label": graph.nodes[u].get("label", ""),
                "target": v,
                "target_label": graph.nodes[v].get("label", ""),
                **data,
            }
            writer.writerow(["" if record.get(c) is None else record.get(c) for c in columns])
        return buffer.getvalue()
    raise PlankgError(f"unknown graph format {fmt!r}; choose one of {', '.join(GRAPH_FORMATS)}")
