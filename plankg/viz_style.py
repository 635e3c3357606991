"""How the network views look: node and edge styles from the shared palette, labels and
tooltips, and the spring layout with fixed seed (used by the HTML page and the figures)."""

from __future__ import annotations

import math
import warnings
from collections import defaultdict
from typing import Any

import networkx as nx

from plankg.web.palette import is_institution, kind_style, palette

SEED = 42
SPRING_LENGTH = 3.0
PIXELS_PER_UNIT = 90
VIS_VERSION = "9.1.2"

FONT_STACK = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "PingFang SC", '
    '"Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'
)
CJK_FONT_NAMES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Noto Serif CJK SC",
    "AR PL UMing CN",
)
KIND_TITLES = {
    "responsibility": ("责任网络", "Responsibility network"),
    "co-responsibility": ("共同责任网络", "Co-responsibility network"),
    "place-body": ("地点与责任主体", "Places and responsible bodies"),
    "slogan-section": ("提法与章节", "Slogans by section"),
}
FACET_NAMES = {
    "sections": ("章节", "section"),
    "bodies": ("责任主体", "body"),
    "places": ("地点", "place"),
    "bases": ("依据", "basis"),
}


def style(kind: str) -> tuple[str, str, str]:
    """Colour and Chinese and English names of a node kind, from the shared palette."""
    entry = kind_style(kind)
    return entry["color"], entry["zh"], entry["en"]


def display_kind(data: dict[str, Any]) -> str:
    """How a node shows: a responsible organization that is no body of government (a
    company, platform, post or jurisdiction) is drawn as another party, not as a body."""
    kind = str(data.get("kind", ""))
    if kind == "body" and not is_institution(data.get("body_type")):
        return "party"
    return kind


# --------------------------------------------------------------------------- layout


def layout(graph: nx.Graph, seed: int = SEED) -> dict[str, tuple[float, float]]:
    """Deterministic positions: each connected component spring-laid-out on its own, leaves
    ringed round their hub, components packed in rows (largest first).

    A leaf (one neighbour, which has others) sits on a small ring around that neighbour
    instead of taking part in the spring layout: targets and places stay visibly attached
    to their commitment. Laying out components apart keeps lone bodies from being pushed
    to the edges, squeezing the main component into a corner. Unit: about one node gap.
    """
    if len(graph) == 0:
        return {}
    ring: dict[str, list[str]] = defaultdict(list)
    for node in graph:
        if graph.degree(node) == 1:
            (hub,) = graph.neighbors(node)
            if graph.degree(hub) > 1:
                ring[hub].append(node)
    leaves = {leaf for group in ring.values() for leaf in group}
    core = nx.Graph()  # built in sorted order: subgraph views may iterate sets
    core.add_nodes_from(sorted(n for n in graph if n not in leaves))
    core.add_weighted_edges_from(
        sorted(
            (min(u, v), max(u, v), 1.0 + math.log(max(float(d.get("weight", 1)), 1.0)))
            for u, v, d in graph.edges(data=True)
            if u in core and v in core
        )
    )
    boxes: list[tuple[float, dict[str, tuple[float, float]]]] = []
    for component in sorted(nx.connected_components(core), key=lambda c: (-len(c), min(c))):
        members = sorted(component)
        placed = _component_layout(core, members, seed)
        for hub in members:
            around = sorted(ring.get(hub, ()))
            hx, hy = placed[hub]
            radius = 0.45 + 0.03 * len(around)
            for i, leaf in enumerate(around):
                angle = 2 * math.pi * i / len(around) + 0.3
                placed[leaf] = (hx + radius * math.cos(angle), hy + radius * math.sin(angle))
        xs = [x for x, _ in placed.values()]
        ys = [y for _, y in placed.values()]
        if max(ys) - min(ys) > max(xs) - min(xs):  # screens and pages are landscape
            placed = {n: (y, x) for n, (x, y) in placed.items()}
            xs, ys = ys, xs
        cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        half = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 + 0.6
        boxes.append((half, {n: (x - cx, y - cy) for n, (x, y) in placed.items()}))
    # Shelf packing: rows about as wide as a square holding every box; each box centred
    # in its row's height; rows run downwards.
    row_width = max(
        math.sqrt(sum((2 * half) ** 2 for half, _ in boxes)) * 1.25,
        max((2 * half for half, _ in boxes), default=1.0),
    )
    rows: list[list[tuple[float, dict[str, tuple[float, float]]]]] = [[]]
    used = 0.0
    for half, placed in boxes:
        if rows[-1] and used + 2 * half > row_width:
            rows.append([])
            used = 0.0
        rows[-1].append((half, placed))
        used += 2 * half
    result: dict[str, tuple[float, float]] = {}
    top = 0.0
    for row in rows:
        height = max(2 * half for half, _ in row)
        x = 0.0
        for half, placed in row:
            for node, (px, py) in placed.items():
                result[node] = (x + half + px, top - height / 2 + py)
            x += 2 * half
        top -= height
    return result


def _component_layout(
    core: nx.Graph, members: list[str], seed: int
) -> dict[str, tuple[float, float]]:
    """One component's spring layout, scaled so neighbours sit about one unit apart."""
    if len(members) == 1:
        return {members[0]: (0.0, 0.0)}
    sub = nx.Graph()
    sub.add_nodes_from(members)
    sub.add_weighted_edges_from(
        sorted((u, v, d["weight"]) for u, v, d in core.edges(members, data=True))
    )
    scale = 0.6 if len(members) == 2 else 0.9 * math.sqrt(len(members))
    # A longer spring than networkx's default 1/sqrt(n) spreads the dense centre.
    k = SPRING_LENGTH / math.sqrt(len(members))
    try:
        pos = nx.spring_layout(sub, k=k, seed=seed, weight="weight", iterations=150, scale=scale)
    except ImportError:  # 500 nodes or more need scipy's sparse solver
        warnings.warn(
            "large component and no scipy: its nodes are placed on a circle",
            RuntimeWarning,
            stacklevel=3,
        )
        pos = nx.circular_layout(sub, scale=scale)
    return {n: (float(pos[n][0]), float(pos[n][1])) for n in members}


def canvas_positions(graph: nx.Graph, seed: int) -> dict[str, tuple[int, int]]:
    scale = PIXELS_PER_UNIT
    return {n: (round(x * scale), round(-y * scale)) for n, (x, y) in layout(graph, seed).items()}


# ---------------------------------------------------------------------------- texts


def short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def node_tip(data: dict[str, Any]) -> str:
    """A node's tooltip as plain text (the page shows it with textContent)."""
    kind = data.get("kind", "")
    lines = [str(data.get("label", ""))]
    if data.get("label_en"):
        lines.append(str(data["label_en"]))
    zh, en = style(kind)[1:]
    detail = data.get("body_type") or data.get("entity_type")
    lines.append(f"{zh} {en}" + (f" · {detail}" if detail else ""))
    if kind == "commitment":
        lines.append(f"{data.get('document', '')} {data.get('path', '')} ({data.get('level', '')})")
        if data.get("section"):
            lines.append(f"章节 section: {data['section']}")
        lines.append(short(str(data.get("text", "")), 400))
    elif kind == "section" and data.get("text"):
        lines.append(f"{data.get('document', '')} {data.get('path', '')}")
    if "weighted_degree" in data:
        lines.append(
            f"degree {data.get('degree')} · weighted {data.get('weighted_degree')} · "
            f"betweenness {data.get('betweenness')} · community {data.get('community')}"
        )
    return "\n".join(lines)


def edge_tip(graph: nx.Graph, u: str, v: str, data: dict[str, Any]) -> str:
    a, b = graph.nodes[u].get("label", u), graph.nodes[v].get("label", v)
    lines = [f"{a} — {b}"]
    relation = data.get("relation", "")
    if relation == "responsibility":
        stated = "stated 明示" if data.get("stated") else "inferred 推断"
        lines.append(
            f"role {data.get('role')} · basis {data.get('basis')} · {stated} · "
            f"confidence {data.get('confidence')}"
        )
        if data.get("rationale"):
            lines.append(str(data["rationale"]))
        if data.get("evidence"):
            lines.append(f"证据 evidence {data.get('evidence_path', '')}: {data['evidence']}")
    elif relation == "involves":
        lines.append("涉及 involves")
    else:
        lines.append(f"{relation} · weight {data.get('weight')}")
        if "stated" in data:
            stated = "stated 明示" if data.get("stated") else "inferred 推断"
            lines.append(f"basis {data.get('basis')} · {stated} · role {data.get('role')}")
        if data.get("commitments"):
            lines.append(f"承诺 commitments: {data['commitments'].replace('|', ', ')}")
    return "\n".join(lines)


def kind_order(kind: str) -> tuple[int, str]:
    order = list(palette()["kinds"])
    return (order.index(kind) if kind in order else len(order), kind)
