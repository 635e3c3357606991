"""``plankg compare INDICATOR``: one standard indicator's targets and outcomes by document and year.

The table comes from ``queries/compare_indicator.rq``; the figure is a small matplotlib
chart for papers: one series per document, targets as filled markers (a range as a
vertical bar, "at least" as an upward caret), outcomes as hollow markers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from plankg.errors import PlankgError
from plankg.tables import run_library_query

COLUMNS = (
    "document",
    "year",
    "level",
    "jurisdiction",
    "kind",
    "reported_year",
    "label",
    "value",
    "unit",
    "comparator",
    "value_normalized",
    "value_max_normalized",
    "unit_normalized",
    "change",
    "path",
    "quote",
)


def compare(store: ox.Store, indicator: str) -> list[dict[str, Any]]:
    rows = run_library_query(store, "compare_indicator", {"indicator_name": indicator})
    return [{c: row.get(c) for c in ("indicator", *COLUMNS)} for row in rows]


def plot(rows: list[dict[str, Any]], path: Path) -> Path:
    """Write a PNG or SVG (by suffix) of the rows; deterministic for the same rows."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plotted = [r for r in rows if r["value_normalized"] is not None]
    units = {r["unit_normalized"] for r in plotted}
    if not plotted:
        raise PlankgError("nothing to plot: no numeric values for this indicator")
    # Growth rates and levels do not share an axis: plot the most common unit.
    unit = max(
        sorted(units, key=str), key=lambda u: sum(r["unit_normalized"] == u for r in plotted)
    )
    plotted = [r for r in plotted if r["unit_normalized"] == unit]
    from plankg.viz import cjk_font

    family = cjk_font()
    if family:
        plt.rcParams["font.family"] = [family, "DejaVu Sans"]
    plt.rcParams["svg.hashsalt"] = "plankg"
    figure, axes = plt.subplots(figsize=(7, 4), dpi=150)
    documents = sorted({r["document"] for r in plotted})
    for index, document in enumerate(documents):
        series = [r for r in plotted if r["document"] == document]
        colour = f"C{index % 10}"
        for row in series:
            x = row["reported_year"] + (index - (len(documents) - 1) / 2) * 0.08
            y = row["value_normalized"]
            filled = row["kind"] == "target"
            marker = {">=": "^", ">": "^", "<=": "v", "<": "v"}.get(row["comparator"], "o")
            if row["value_max_normalized"] is not None:
                axes.vlines(x, y, row["value_max_normalized"], colors=colour, linewidth=3)
            axes.plot(
                [x],
                [y],
                marker=marker,
                linestyle="none",
                markersize=8,
                markerfacecolor=colour if filled else "white",
                markeredgecolor=colour,
            )
        label = f"{document} ({series[0]['jurisdiction'] or ''})"
        axes.plot([], [], marker="o", linestyle="none", color=colour, label=label)
    axes.plot(
        [],
        [],
        marker="o",
        linestyle="none",
        markerfacecolor="grey",
        markeredgecolor="grey",
        label="target (filled) 目标",
    )
    axes.plot(
        [],
        [],
        marker="o",
        linestyle="none",
        markerfacecolor="white",
        markeredgecolor="grey",
        label="reported outcome (hollow) 实际",
    )
    axes.set_xlabel("year 年份")
    axes.set_ylabel(unit)
    axes.set_title(f"{rows[0]['indicator']}")
    years = sorted({r["reported_year"] for r in plotted})
    axes.set_xticks(years)
    axes.legend(fontsize=7, loc="best")
    axes.grid(alpha=0.3)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    metadata = {"Software": None} if path.suffix == ".png" else {"Date": None}
    figure.savefig(path, metadata=metadata)
    plt.close(figure)
    return path
