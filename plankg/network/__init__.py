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

from plankg.network.export import (
    graph_to_string,
)
from plankg.network.metrics import (
    annotate_metrics,
    communities,
    network_metrics,
)
from plankg.network.options import (
    FACETS,
    GRAPH_FORMATS,
    KINDS,
    METRIC_COLUMNS,
    Level,
    NetworkKind,
    NetworkOptions,
)
from plankg.network.projection import (
    build_network,
    co_responsibility_network,
    place_body_network,
    responsibility_network,
    section_label,
    slogan_section_network,
)
from plankg.network.rows import (
    involvement_rows,
    responsibility_rows,
    select_responsibilities,
    slogan_section_rows,
)

__all__ = [
    "FACETS",
    "GRAPH_FORMATS",
    "KINDS",
    "Level",
    "METRIC_COLUMNS",
    "NetworkKind",
    "NetworkOptions",
    "annotate_metrics",
    "build_network",
    "co_responsibility_network",
    "communities",
    "graph_to_string",
    "involvement_rows",
    "network_metrics",
    "place_body_network",
    "responsibility_network",
    "responsibility_rows",
    "section_label",
    "select_responsibilities",
    "slogan_section_network",
    "slogan_section_rows",
]
