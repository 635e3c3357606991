"""The interactive page of a network view: data for ``plankg/web/static/network.js``,
rendered into the template ``plankg/web/templates/viz.html`` with everything inlined
(see ``plankg.viz`` for what the page shows and why it is built this way)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx

from plankg.errors import PlankgError
from plankg.network import FACETS, annotate_metrics
from plankg.viz_style import (
    FACET_NAMES,
    FONT_STACK,
    SEED,
    VIS_VERSION,
    canvas_positions,
    display_kind,
    edge_tip,
    kind_order,
    node_tip,
    short,
    style,
)
from plankg.web.palette import is_institution, palette, role_style


@cache
def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS as shipped inside the pyvis package."""
    import pyvis

    folder = Path(pyvis.__file__).parent / "lib" / f"vis-{VIS_VERSION}"
    try:
        script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
        css = (folder / "vis-network.css").read_text(encoding="utf-8")
    except OSError as error:
        raise PlankgError(f"vis-network {VIS_VERSION} not found in pyvis ({error})") from None
    # Inlined code must not close its own element early.
    return script.replace("</script", "<\\/script"), css.replace("</style", "<\\/style")


def _json_for_script(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _path_key(label: str) -> tuple[Any, ...]:
    """``3.10 （十）…`` after ``3.2 …``: numbers in a section label compared as numbers."""
    head = label.split(" ", 1)[0]
    parts = re.split(r"[.:]", head)
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts) + ((2, 0, label),)


def _matrix(graph: nx.Graph) -> dict[str, Any] | None:
    """Body × section: commitments of each section each body is responsible for."""
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    for u, v, data in graph.edges(data=True):
        if data.get("relation") != "responsibility":
            continue
        body, commitment = (u, v) if graph.nodes[u].get("kind") == "body" else (v, u)
        section = str(graph.nodes[commitment].get("section") or "—")
        cell = cells.setdefault((body, section), {"count": 0, "stated": False, "roles": set()})
        cell["count"] += 1
        cell["stated"] = cell["stated"] or bool(data.get("stated"))
        cell["roles"].add(str(data.get("role")))
    if not cells:
        return None
    sections = sorted({s for _, s in cells}, key=_path_key)
    load: dict[str, int] = defaultdict(int)
    for (body, _), cell in cells.items():
        load[body] += cell["count"]
    bodies = sorted(load, key=lambda b: (-load[b], str(graph.nodes[b].get("label"))))
    return {
        "sections": [short(s, 18) for s in sections],
        "rows": [
            {
                "body": str(graph.nodes[b].get("label")),
                "cells": [
                    {
                        "count": cells[(b, s)]["count"],
                        "stated": cells[(b, s)]["stated"],
                        "roles": ", ".join(sorted(cells[(b, s)]["roles"])),
                    }
                    if (b, s) in cells
                    else {"count": 0}
                    for s in sections
                ],
            }
            for b in bodies
        ],
        "max": max(cell["count"] for cell in cells.values()),
    }


def network_data(graph: nx.Graph, seed: int = SEED) -> dict[str, Any]:
    """The page's data: nodes and edges for network.js, facets, starting points, the
    body × section matrix, the legend and the palette."""
    if graph.number_of_nodes() and "weighted_degree" not in next(iter(graph.nodes.values())):
        annotate_metrics(graph)
    positions = canvas_positions(graph, seed)
    nodes = []
    for node, data in graph.nodes(data=True):
        x, y = positions[node]
        label = str(data.get("label", node))
        if data.get("kind") == "commitment":
            label = short(str(data.get("text") or label), 14)
        nodes.append({
            "id": node,
            "label": label,
            "kind": display_kind(data),
            "tip": node_tip(data),
            "section": str(data.get("section") or ""),
            "value": max(float(data.get("weighted_degree", 1)), 1.0),
            "x": x,
            "y": y,
        })
    institutions = {
        str(d.get("label")) for _, d in graph.nodes(data=True)
        if d.get("kind") == "body" and is_institution(d.get("body_type"))
    }
    facets: dict[str, set[str]] = {name: set() for name in FACETS}
    edges = []
    for i, (u, v, data) in enumerate(graph.edges(data=True), start=1):
        edge_facets = {}
        for name in FACETS:
            values = [x for x in str(data.get(name, "")).split("|") if x]
            if name == "bodies":  # the body filter lists bodies of government only
                values = [x for x in values if x in institutions]
            edge_facets[name] = values
            facets[name].update(values)
        edges.append({
            "id": f"e{i}",
            "from": u,
            "to": v,
            "relation": data.get("relation", ""),
            "role": data.get("role") if data.get("relation") == "responsibility" else None,
            "stated": data.get("stated"),
            "value": float(data.get("weight", 1)),
            "f": edge_facets,
            "tip": edge_tip(graph, u, v, data),
        })
    kinds = sorted({n["kind"] for n in nodes}, key=kind_order)
    sections = sorted({n["section"] for n in nodes if n["section"]}, key=_path_key)
    busiest = sorted(
        (n for n in nodes if n["kind"] == "body"), key=lambda n: (-n["value"], n["label"])
    )
    starts = [{"id": f"section:{s}", "label": f"章节 {short(s, 30)}"} for s in sections]
    starts += [{"id": n["id"], "label": f"主体 {n['label']}"} for n in busiest]
    return {
        "nodes": nodes,
        "edges": edges,
        "facets": {name: sorted(values) for name, values in facets.items()},
        "starts": starts,
        "matrix": _matrix(graph),
        "legend": [[k, *style(k)] for k in kinds],
        "palette": palette(),
    }


@cache
def _network_script() -> str:
    script = (Path(__file__).resolve().parent / "web" / "static" / "network.js").read_text(
        encoding="utf-8"
    )
    return script.replace("</script", "<\\/script")


def html_page(graph: nx.Graph, title: str, seed: int = SEED) -> str:
    """A self-contained page: inlined vis-network and network.js, data, filters, matrix."""
    from markupsafe import Markup

    from plankg.web.render import environment

    vis_script, vis_css = _vis_assets()
    data = network_data(graph, seed)
    template = environment().get_template("viz.html")
    return template.render(
        title=title,
        vis_script=Markup(vis_script),
        vis_css=Markup(vis_css),
        network_script=Markup(_network_script()),
        css=Markup(_CSS),
        data_json=Markup(_json_for_script(data)),
        facet_names=FACET_NAMES,
        legend=data["legend"],
        roles=[
            (role, role_style(role)) for role in palette()["roles"]
            if any(e["role"] == role or e["relation"] == role for e in data["edges"])
        ],
        has_starts=bool(data["starts"]),
        has_matrix=data["matrix"] is not None,
    ) + "\n"


_CSS = """
html, body { margin: 0; height: 100%; }
body { font-family: FONTS; font-size: 14px; color: #222; display: flex;
       flex-direction: column; }
header { padding: 8px 12px; border-bottom: 1px solid #ddd; background: #fafafa; }
h1 { font-size: 17px; margin: 0 0 6px 0; font-weight: 600; }
.controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.controls label { display: inline-flex; gap: 4px; align-items: center; }
.controls select { max-width: 260px; }
.controls input[type=search] { width: 180px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 14px; margin-top: 6px; font-size: 13px; }
.legend .swatch { display: inline-block; width: 11px; height: 11px; border-radius: 50%;
                  margin-right: 4px; vertical-align: -1px; }
.legend .line { display: inline-block; width: 22px; border-top: 3px solid #6f6f6f;
                margin-right: 4px; vertical-align: 3px; }
.legend .line.dashed { border-top-style: dashed; }
#status { margin-left: auto; color: #555; font-size: 13px; }
#network { flex: 1; min-height: 420px; }
#matrix { flex: 1; overflow: auto; padding: 8px 12px; }
table.matrix { border-collapse: collapse; font-size: 12px; }
table.matrix th, table.matrix td { border: 1px solid #e3e3e3; padding: 2px 5px; }
table.matrix thead th { writing-mode: vertical-rl; vertical-align: bottom; max-height: 180px;
                        font-weight: normal; }
table.matrix tbody th { text-align: left; white-space: nowrap; font-weight: normal; }
table.matrix td { text-align: center; min-width: 18px;
                  background: rgba(179, 38, 30, calc(var(--weight, 0) * 0.8)); }
table.matrix td.inferred { background: rgba(76, 120, 168, calc(var(--weight, 0) * 0.8)); }
div.vis-tooltip, .plankg-tip { max-width: 460px; white-space: pre-wrap; font-family: FONTS;
                  font-size: 13px; line-height: 1.45; }
.note { color: #666; font-size: 12px; }
""".replace("FONTS", FONT_STACK)


