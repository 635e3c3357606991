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
from plankg.viz_style import (
    CJK_FONT_NAMES,
    KIND_TITLES,
    SEED,
    display_kind,
    kind_order,
    layout,
    short,
    style,
)

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


def figure_bytes(graph: nx.Graph, fmt: str, title: str, seed: int = SEED) -> bytes:
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
        kinds = sorted(set(kinds_of.values()), key=kind_order)
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
            short(str(graph.nodes[node].get("label", node)), 14),
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
