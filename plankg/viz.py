"""Views of the responsibility networks: offline interactive HTML (vis-network) and static
PNG/SVG figures (matplotlib).

The page is the template ``plankg/web/templates/viz.html`` with everything inlined: the
vis-network 9.1.2 build shipped inside pyvis, and ``plankg/web/static/network.js``, the
same script that draws the explorer's networks, with the same palette
(``plankg/web/static/palette.json``). So it opens from a file with no request to any
other host. Document text reaches the page only as JSON inside a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped, and is put
into the DOM with ``textContent``: a label such as ``<img src=x onerror=alert(1)>`` shows
as text and runs nothing.

A view opens on one section (or body) and grows as nodes are clicked; "all" shows the
whole network at precomputed positions (networkx spring layout, fixed seed, leaves ringed
round their only neighbour), and a body × section matrix sits beside it. Every file is
byte-identical on rebuild. The page exposes ``window.plankgNetwork`` (vis DataSets of every
node and edge, the filtered views, ``focus(id)`` and ``expand(id)``). The page's data
and template are in ``plankg.viz_page``; this module lays out, names and draws figures.
"""

from __future__ import annotations

import io
import math
import os
import warnings
from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from plankg.errors import PlankgError
from plankg.files import write_bytes_atomically
from plankg.network import (
    NetworkOptions,
    annotate_metrics,
    co_responsibility_network,
    involvement_rows,
    responsibility_network,
    responsibility_rows,
)
from plankg.web.palette import is_institution, kind_style, palette

_SEED = 42
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


def layout(graph: nx.Graph, seed: int = _SEED) -> dict[str, tuple[float, float]]:
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


def _canvas_positions(graph: nx.Graph, seed: int) -> dict[str, tuple[int, int]]:
    scale = PIXELS_PER_UNIT
    return {n: (round(x * scale), round(-y * scale)) for n, (x, y) in layout(graph, seed).items()}


# ---------------------------------------------------------------------------- texts


def _short(text: str, limit: int) -> str:
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
        lines.append(_short(str(data.get("text", "")), 400))
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


def _kind_order(kind: str) -> tuple[int, str]:
    order = list(palette()["kinds"])
    return (order.index(kind) if kind in order else len(order), kind)



# --------------------------------------------------------------------- static figure


@cache
def cjk_font() -> str | None:
    """The family name of an installed CJK font matplotlib can use, else None."""
    from matplotlib import font_manager

    def known() -> set[str]:
        return {f.name for f in font_manager.fontManager.ttflist}

    names = known()
    if not any(name in names for name in CJK_FONT_NAMES):
        # Fonts installed after matplotlib built its cache are not listed yet.
        for path in font_manager.findSystemFonts():
            lowered = os.path.basename(path).lower()
            if any(key in lowered for key in ("cjk", "wqy", "sourcehan", "droidsansfallback")):
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue
        names = known()
    for name in CJK_FONT_NAMES:
        if name in names:
            return name
    return None


def _figure_font() -> str:
    font = cjk_font()
    if font is None:
        warnings.warn(
            "no CJK font found (install fonts-noto-cjk); Chinese labels will not render",
            RuntimeWarning,
            stacklevel=3,
        )
        return "DejaVu Sans"
    return font


def figure_bytes(graph: nx.Graph, fmt: str, title: str, seed: int = _SEED) -> bytes:
    """A static PNG or SVG of the graph: same layout as the page, legend, CJK labels."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.lines import Line2D

    if fmt not in ("png", "svg"):
        raise PlankgError(f"figure format must be png or svg, not {fmt!r}")
    if graph.number_of_nodes() and "weighted_degree" not in next(iter(graph.nodes.values())):
        annotate_metrics(graph)
    font = _figure_font()
    pos = layout(graph, seed)
    xs = [x for x, _ in pos.values()] or [0.0]
    ys = [y for _, y in pos.values()] or [0.0]
    # Height follows the layout's shape (within reason), plus room for title and legend.
    ratio = (max(ys) - min(ys) + 1.0) / (max(xs) - min(xs) + 1.0)
    height = min(max(12 * ratio, 5.0), 11.0) + 1.5
    with matplotlib.rc_context({"svg.hashsalt": "plankg", "svg.fonttype": "path"}):
        figure = Figure(figsize=(12, round(height, 2)), dpi=150)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        axes.set_axis_off()
        axes.set_aspect("equal")
        weights = [float(d.get("weight", 1)) for _, _, d in graph.edges(data=True)]
        top_weight = max(weights, default=1.0)
        for stated in (False, True):
            edgelist = [
                (u, v)
                for u, v, d in graph.edges(data=True)
                if (d.get("stated") is not False) == stated
            ]
            widths = [
                0.4 + 3.0 * float(graph.edges[e].get("weight", 1)) / top_weight for e in edgelist
            ]
            nx.draw_networkx_edges(
                graph,
                pos,
                edgelist=edgelist,
                width=widths,
                edge_color="#555555" if stated else "#bbbbbb",
                style="solid" if stated else (0, (4, 2)),
                alpha=0.8,
                ax=axes,
            )
        loads = {n: float(d.get("weighted_degree", 0)) for n, d in graph.nodes(data=True)}
        top_load = max(loads.values(), default=1.0) or 1.0

        def size(load: float) -> float:
            return 40 + 700 * load / top_load

        nodelist = list(graph.nodes)
        kinds_of = {n: display_kind(graph.nodes[n]) for n in nodelist}
        nx.draw_networkx_nodes(
            graph,
            pos,
            nodelist=nodelist,
            node_size=[size(loads[n]) for n in nodelist],
            node_color=[style(kinds_of[n])[0] for n in nodelist],
            linewidths=0.5,
            edgecolors="#ffffff",
            ax=axes,
        )
        _label_nodes(figure, axes, graph, pos, loads, font)
        kinds = sorted(set(kinds_of.values()), key=_kind_order)
        handles = [
            Line2D([], [], marker="o", linestyle="", markersize=8, color=style(k)[0],
                   label=f"{style(k)[1]} {style(k)[2]}")
            for k in kinds
        ]
        handles.append(Line2D([], [], color="#555555", label="明示 stated"))
        handles.append(
            Line2D([], [], color="#bbbbbb", linestyle=(0, (4, 2)), label="推断 inferred")
        )
        # Size and width: what a big dot and a thick line mean, with real values.
        for load in sorted({max(1.0, round(top_load * f)) for f in (0.1, 0.5, 1.0)}):
            handles.append(
                Line2D([], [], marker="o", linestyle="", color="#9d9d9d",
                       markersize=math.sqrt(size(load)) * 0.9,
                       label=f"加权度 weighted degree {load:g}")
            )
        if weights:
            handles.append(
                Line2D([], [], color="#555555", linewidth=0.4 + 3.0,
                       label=f"线宽 width = 共同承诺 shared commitments (max {top_weight:g})")
            )
        properties = FontProperties(family=font, size=9)
        # Below the drawing, so it never covers a node.
        figure.legend(
            handles=handles,
            loc="lower center",
            ncol=min(len(handles), 4),
            prop=properties,
            frameon=False,
            labelspacing=1.1,
            handletextpad=0.6,
            columnspacing=1.6,
        )
        axes.set_title(title, fontproperties=FontProperties(family=font, size=13))
        rows = math.ceil(len(handles) / 4)
        figure.tight_layout(rect=(0, 0.035 * rows + 0.01, 1, 1))
        buffer = io.BytesIO()
        metadata: dict[str, Any] = (
            {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
        )
        with warnings.catch_warnings():
            # One warning about the missing CJK font is enough, not one per glyph.
            warnings.filterwarnings("ignore", message="Glyph .* missing", category=UserWarning)
            figure.savefig(buffer, format=fmt, metadata=metadata)
    return buffer.getvalue()


# ---------------------------------------------------------------------------- files


def _label_nodes(
    figure: Any,
    axes: Any,
    graph: nx.Graph,
    pos: dict[str, tuple[float, float]],
    loads: dict[str, float],
    font: str,
    limit: int = 40,
) -> None:
    """Label the busiest nodes beside their dot, on a white halo, skipping a label that
    would overlap one already placed: fewer labels, every one readable."""
    from matplotlib import patheffects

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing", category=UserWarning)
        figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    placed: list[Any] = []
    ranked = sorted(graph.nodes, key=lambda n: (-loads[n], str(graph.nodes[n].get("label"))))
    for node in ranked:
        if len(placed) >= limit:
            break
        x, y = pos[node]
        label = axes.annotate(
            _short(str(graph.nodes[node].get("label", node)), 14),
            (x, y),
            xytext=(6, 3),
            textcoords="offset points",
            fontsize=8.5,
            fontfamily=font,
            color="#1f1f1f",
            path_effects=[patheffects.withStroke(linewidth=2.6, foreground="white")],
        )
        with warnings.catch_warnings():  # the missing-font warning is given once, above
            warnings.filterwarnings("ignore", message="Glyph .* missing", category=UserWarning)
            box = label.get_window_extent(renderer).expanded(1.04, 1.1)
        if any(box.overlaps(other) for other in placed):
            label.remove()
            continue
        placed.append(box)


def write_html(graph: nx.Graph, path: Path, title: str) -> Path:
    from plankg.viz_page import html_page

    write_bytes_atomically(path, html_page(graph, title).encode("utf-8"))
    return path


def write_figure(graph: nx.Graph, path: Path, title: str, fmt: str | None = None) -> Path:
    """A PNG or SVG (``fmt``, else the file's suffix)."""
    fmt = fmt or path.suffix.lower().lstrip(".")
    write_bytes_atomically(path, figure_bytes(graph, fmt, title))
    return path


def view_title(store: ox.Store, kind: str, doc: str | None) -> str:
    """``渝北区2020年经济社会发展计划（2020） — 共同责任网络 Co-responsibility network``."""
    zh, en = KIND_TITLES.get(kind, (kind, kind))
    if not doc:
        return f"{zh} {en}"
    from plankg.tables import documents

    rows = documents(store, doc)
    name = (rows[0].get("title") if rows else None) or doc
    year = rows[0].get("year") if rows else None
    if year and str(year) not in name:
        name = f"{name}（{year}）"
    return f"{name} — {zh} {en}"


def write_views(store: ox.Store, out_dir: Path, doc_ids: Sequence[str]) -> list[Path]:
    """For each document: responsibility and co-responsibility pages and a co-responsibility
    PNG, named ``<id>-responsibility.html``, ``<id>-co-responsibility.html`` and
    ``<id>-co-responsibility.png``. Returns the files written, in order."""
    written: list[Path] = []
    for doc in doc_ids:
        options = NetworkOptions(doc=doc)
        responsibilities = responsibility_rows(store, doc)
        involvements = [r for r in involvement_rows(store, doc) if r["level"] != "sentence"]
        graphs = {
            "responsibility": responsibility_network(responsibilities, involvements, options),
            "co-responsibility": co_responsibility_network(responsibilities, involvements, options),
        }
        for kind, graph in graphs.items():
            annotate_metrics(graph)
            title = view_title(store, kind, doc)
            written.append(write_html(graph, out_dir / f"{doc}-{kind}.html", title))
        co = graphs["co-responsibility"]
        title = view_title(store, "co-responsibility", doc)
        written.append(write_figure(co, out_dir / f"{doc}-co-responsibility.png", title))
    return written
