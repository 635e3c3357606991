"""Communities and node metrics (degree, weighted degree, betweenness) of a projection.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from plankg.network.options import (
    _SEED,
)


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
