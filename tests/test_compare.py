"""Across documents: one indicator side by side, outcomes apart from targets, shared slogans."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from plankg.compare import compare, plot
from plankg.tables import run_library_query

ROOT = Path(__file__).resolve().parents[1]


def test_gdp_growth_side_by_side(corpus_store: ox.Store):
    rows = compare(corpus_store, "国内生产总值")
    growth = [r for r in rows if r["unit_normalized"] == "percent" and r["kind"] == "target"]
    by_document = {(r["document"], r["comparator"], r["value_normalized"],
                    r["value_max_normalized"]) for r in growth}
    assert ("state-council-work-report-2019", "range", 6.0, 6.5) in by_document
    assert ("state-council-work-report-2021", ">=", 6.0, None) in by_document
    assert ("yubei-2020-plan", "=", 3.0, None) in by_document
    # The same concept answers to its other names and its notation.
    assert compare(corpus_store, "地区生产总值") == rows == compare(corpus_store, "gdp")


def test_review_figures_are_outcomes_of_the_previous_year(corpus_store: ox.Store):
    rows = compare(corpus_store, "gdp")
    outcome = next(r for r in rows if r["document"] == "state-council-work-report-2021"
                   and r["kind"] == "outcome" and r["unit_normalized"] == "percent")
    # 国内生产总值增长2.3％ in the review of 2020 (the source writes a full-width ％).
    assert outcome["reported_year"] == 2020
    assert outcome["quote"] == "国内生产总值增长2.3%" and outcome["value_normalized"] == 2.3


def test_six_stabilities_and_six_guarantees_shared(corpus_store: ox.Store):
    rows = {r["name"]: r for r in run_library_query(corpus_store, "slogans_shared")}
    for slogan in ("六稳", "六保"):
        documents = set(rows[slogan]["documents"].split("|"))
        assert {"state-council-work-report-2021", "yubei-2020-plan"} <= documents


def test_plot_is_a_png(corpus_store: ox.Store, tmp_path: Path):
    path = plot(compare(corpus_store, "gdp"), tmp_path / "gdp.png")
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    again = plot(compare(corpus_store, "gdp"), tmp_path / "again.png").read_bytes()
    assert again == data
