"""A projection as GraphML, GEXF, JSON or CSV text, deterministic.
"""

from __future__ import annotations

import csv
import io
import json

import networkx as nx

from plankg.errors import PlankgError
from plankg.network.options import (
    _GEXF_DATE_RE,
    GRAPH_FORMATS,
)


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
