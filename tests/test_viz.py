"""Views of the networks (plankg.viz): offline HTML, escaping, PNG/SVG, the committed viz/."""

from __future__ import annotations

import json
import re
import struct
import warnings
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
import pytest

from plankg import viz, viz_page
from plankg.build import load_vocabulary
from plankg.cli import main
from plankg.identity import graph_iri
from plankg.model import Mention, Responsibility
from plankg.network import NetworkOptions, annotate_metrics, build_network
from plankg.output import ntriples_lines
from plankg.pipeline import build_document
from plankg.rdf import graph_triples
from plankg.store import replace_graph

ROOT = Path(__file__).resolve().parents[1]
YUBEI = "yubei-2020-plan"
DOCUMENT_IDS = ("state-council-work-report-2019", "state-council-work-report-2021", YUBEI)
REMOTE_RE = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
DATA_RE = re.compile(r'<script type="application/json" id="plankg-data">(.*?)</script>', re.DOTALL)
HOSTILE = "<img src=x onerror=alert(1)>"
HOSTILE_HEADING = "<script>alert(2)</script>"

# A district plan of our own whose company name and section heading are markup.
HOSTILE_PLAN = f"""青山区2022年国民经济和社会发展计划

一、主要目标

全区地区生产总值增长6.5%左右。

二、重点任务

（一）推动制造业高质量发展{HOSTILE_HEADING}。

一是壮大先进制造业集群。支持{HOSTILE}有限公司建设智能工厂，由区经济和信息化局牵头，区发展和改革委员会配合，新增规模以上工业企业20家。

二是推进城乡融合发展。加快青山镇污水处理厂建设，区生态环境局负责。
"""


def page_data(page: str) -> dict[str, Any]:
    match = DATA_RE.search(page)
    assert match, "the page carries its data as JSON"
    return json.loads(match.group(1))


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


OWN_PLAN = """长寿区2022年国民经济和社会发展计划

一、主要目标

全区地区生产总值增长6%左右，城镇新增就业1.8万人。

二、重点任务

（一）建设现代产业体系，推动高质量发展。

一是壮大新材料产业集群。由区经济和信息化委员会牵头，区科学技术局配合，推进长寿经济技术开发区新材料产业园建设，新增高新技术企业30家。

二是推进生态环境治理。区生态环境局牵头，区水利局配合，完成桃花溪综合治理，在晏家街道新建污水管网15公里。
"""
OWN = "changshou-2022-plan"


@pytest.fixture(scope="module")
def own_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`plankg build FILE --viz DIR` run the way a user runs it, into a fresh store."""
    folder = tmp_path_factory.mktemp("viz-own")
    path = folder / f"{OWN}.txt"
    path.write_text(OWN_PLAN, encoding="utf-8")
    store, views = str(folder / "store"), str(folder / "viz")
    assert main(["--store", store, "build", str(path), "--no-files", "--viz", views]) == 0
    return folder


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    """The plan above, plus a company mention and a partner responsibility for the hostile
    name (the extractors, rightly, do not take markup for a company name)."""
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "qingshan-2022-plan.txt"
    path.write_text(HOSTILE_PLAN, encoding="utf-8")
    doc = build_document(path)
    name = f"{HOSTILE}有限公司"
    start = doc.text.index(name)
    sentence = next(s for s in doc.sentences if s.start <= start < s.end)
    doc.mentions.append(
        (
            sentence.index,
            Mention(
                category="organization",
                type="company",
                text=name,
                name=name,
                start=start - sentence.start,  # mentions count from their sentence
                end=start - sentence.start + len(name),
                rule="test:hostile",
            ),
        )
    )
    for commitment in doc.commitments:
        if sentence.index in commitment.sentences:
            doc.responsibilities.append(
                Responsibility(
                    commitment=commitment.id,
                    body=name,
                    body_type="company",
                    role="partner",
                    basis="stated",
                    confidence=0.9,
                    rationale=f"the text names {name} as a partner",
                    sentence=sentence.index,
                    start=start - sentence.start,
                    end=start - sentence.start + len(name),
                )
            )
    store = ox.Store()
    load_vocabulary(store)
    replace_graph(store, str(graph_iri(doc.id)), ntriples_lines(graph_triples(doc)))
    return store


# ------------------------------------------------------------------- committed views


def test_viz_folder_is_not_stale(corpus_store: ox.Store, tmp_path: Path) -> None:
    written = viz.write_views(corpus_store, tmp_path, DOCUMENT_IDS)
    made = sorted(p.name for p in written)
    assert made == sorted(p.name for p in tmp_path.iterdir())
    assert made == sorted(
        f"{doc}-{view}"
        for doc in DOCUMENT_IDS
        for view in ("responsibility.html", "co-responsibility.html", "co-responsibility.png")
    )
    committed = sorted(p.name for p in (ROOT / "viz").iterdir() if not p.name.startswith("."))
    assert committed == made, "viz/ has other files than a build makes"
    # HTML must match byte for byte. PNG bytes also depend on the matplotlib and FreeType
    # versions a machine has, so a figure counts as fresh when its dimensions match.
    stale = [
        name
        for name in made
        if (
            png_size((tmp_path / name).read_bytes()) != png_size((ROOT / "viz" / name).read_bytes())
            if name.endswith(".png")
            else (tmp_path / name).read_bytes() != (ROOT / "viz" / name).read_bytes()
        )
    ]
    assert not stale, (
        "viz/ is stale, rebuild it with "
        f"`plankg --store /tmp/s build corpus/ --no-files --viz viz`: {stale}"
    )


def test_build_writes_views_of_what_it_built(own_built: Path) -> None:
    assert sorted(p.name for p in (own_built / "viz").iterdir()) == [
        f"{OWN}-co-responsibility.html",
        f"{OWN}-co-responsibility.png",
        f"{OWN}-responsibility.html",
    ]
    data = page_data((own_built / "viz" / f"{OWN}-co-responsibility.html").read_text("utf-8"))
    bodies = {n["label"] for n in data["nodes"]}
    # Named together in the text as lead and cooperating units.
    economy = next(b for b in bodies if "经济和信息化" in b)
    science = next(b for b in bodies if "科学技术" in b)
    ids = {n["label"]: n["id"] for n in data["nodes"]}
    assert any(
        {e["from"], e["to"]} == {ids[economy], ids[science]} and e["stated"] is True
        for e in data["edges"]
    )


def test_views_are_deterministic(corpus_store: ox.Store, tmp_path: Path) -> None:
    first = viz.write_views(corpus_store, tmp_path / "a", [YUBEI])
    second = viz.write_views(corpus_store, tmp_path / "b", [YUBEI])
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


# ------------------------------------------------------------------------------ HTML


def test_page_is_offline_and_inlines_vis_network(corpus_store: ox.Store) -> None:
    graph = build_network(corpus_store, "co-responsibility", NetworkOptions(doc=YUBEI))
    page = viz_page.html_page(graph, viz.view_title(corpus_store, "co-responsibility", YUBEI))
    assert not REMOTE_RE.search(page), "no resource from another host"
    assert "<link" not in page
    assert not re.search(r"<script[^>]*\bsrc=", page)
    script, css = viz_page._vis_assets()
    assert "@version 9.1.2" in page
    assert script[-2000:] in page and css[:500] in page
    assert '<div id="network"></div>' in page
    # The explorer's own network script, inlined: one script for both.
    shared = (ROOT / "plankg/web/static/network.js").read_text("utf-8")
    assert shared.replace("</script", "<\\/script") in page
    assert "window.plankgNetwork = api" in page
    assert "Noto Sans CJK SC" in page
    assert "渝北区" in page


def test_page_data_is_the_graph(corpus_store: ox.Store) -> None:
    graph = build_network(corpus_store, "responsibility", NetworkOptions(doc=YUBEI))
    page = viz_page.html_page(graph, "渝北区 — 责任网络")
    data = page_data(page)
    assert {n["id"] for n in data["nodes"]} == set(graph)
    assert len(data["edges"]) == graph.number_of_edges()
    assert {(e["from"], e["to"]) for e in data["edges"]} == {(u, v) for u, v in graph.edges}
    kinds = {row[0] for row in data["legend"]}
    assert {"body", "commitment", "target"} <= kinds
    assert data["palette"]["kinds"]["body"]["color"] == viz.style("body")[0]
    # Size follows workload: the busiest body is the biggest body.
    bodies = [n for n in data["nodes"] if n["kind"] in ("body", "party")]
    busiest = max(bodies, key=lambda n: n["value"])
    assert busiest["value"] == max(
        graph.degree(n) for n, d in graph.nodes(data=True) if d["kind"] == "body"
    )
    # Bodies of government are bodies; companies, posts and jurisdictions another party.
    types = {n: d.get("body_type") for n, d in graph.nodes(data=True) if d["kind"] == "body"}
    for node in bodies:
        assert (node["kind"] == "body") == (types[node["id"]] in (
            "government-body", "legislature", "mass-organization", "military", "party-organ"))
    assert {n["kind"] for n in bodies} == {"body", "party"}
    # Commitments are labelled with their own words, not their path.
    commitment = next(n for n in data["nodes"] if n["kind"] == "commitment")
    text = graph.nodes[commitment["id"]]["text"]
    assert commitment["label"].rstrip("…") == text[: len(commitment["label"].rstrip("…"))]
    # Edges carry the role (their colour) and stated or inferred (their dashes).
    roles = {e["role"] for e in data["edges"] if e["relation"] == "responsibility"}
    assert roles >= {"lead"} and None not in roles
    assert {e["stated"] for e in data["edges"] if e["relation"] == "responsibility"} == {
        True, False}
    # Filters: sections, bodies (of government only), places, basis.
    assert data["facets"]["bases"] == ["inferred", "stated"]
    assert any(s.startswith("3.1 ") for s in data["facets"]["sections"])
    assert set(data["facets"]["bodies"]) == {
        d["label"] for n, d in graph.nodes(data=True)
        if d["kind"] == "body" and types.get(n) in (
            "government-body", "legislature", "mass-organization", "military", "party-organ")
    }
    assert "区长" not in data["facets"]["bodies"]
    assert data["facets"]["places"]
    # The view starts from one section; the matrix counts body × section.
    assert data["starts"][0]["id"].startswith("section:1 ")
    sections = [s["label"] for s in data["starts"] if s["id"].startswith("section:")]
    assert len(sections) == len(data["matrix"]["sections"])
    responsibility_edges = sum(
        1 for _, _, e in graph.edges(data=True) if e["relation"] == "responsibility")
    assert sum(c["count"] for row in data["matrix"]["rows"] for c in row["cells"]) == (
        responsibility_edges)
    # An edge tooltip quotes its evidence sentence.
    stated = next(e for e in data["edges"] if "stated 明示" in e["tip"] and "evidence" in e["tip"])
    assert "证据 evidence" in stated["tip"]
    # Positions are precomputed (physics is off).
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])
    assert "options.physics = positioned ? false" in page


def test_hostile_names_are_escaped(hostile_store: ox.Store, tmp_path: Path) -> None:
    for kind in ("responsibility", "co-responsibility"):
        graph = build_network(hostile_store, kind)
        names = {d["label"] for _, d in graph.nodes(data=True)}
        assert f"{HOSTILE}有限公司" in names, "the hostile company is in the graph"
        path = viz.write_html(graph, tmp_path / f"{kind}.html", f"{HOSTILE} 青山区")
        page = path.read_text(encoding="utf-8")
        assert HOSTILE not in page
        assert HOSTILE_HEADING not in page
        assert "<img" not in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page  # the escaped title
        data = page_data(page)  # decodes back to the very same text
        assert f"{HOSTILE}有限公司" in {n["label"] for n in data["nodes"]}
        tips = " ".join(n["tip"] for n in data["nodes"]) + " ".join(e["tip"] for e in data["edges"])
        assert HOSTILE in tips
        if kind == "responsibility":
            assert any(HOSTILE_HEADING in s for s in data["facets"]["sections"])
    # The page puts text into the DOM only as text.
    assert "textContent" in page and "innerHTML" not in viz_page._network_script()


# ---------------------------------------------------------------------- static figures


def test_png_is_a_real_figure(corpus_store: ox.Store) -> None:
    graph = build_network(corpus_store, "co-responsibility", NetworkOptions(doc=YUBEI))
    data = viz.figure_bytes(graph, "png", viz.view_title(corpus_store, "co-responsibility", YUBEI))
    width, height = png_size(data)
    assert width == 1800
    assert 700 <= height <= 2000
    assert len(data) > 50_000  # a drawing, not an empty canvas
    assert b"matplotlib" not in data, "no software stamp"


def test_svg_is_deterministic_and_self_contained(corpus_store: ox.Store) -> None:
    graph = annotate_metrics(
        build_network(corpus_store, "co-responsibility", NetworkOptions(doc=YUBEI))
    )
    first = viz.figure_bytes(graph, "svg", "渝北区 共同责任网络")
    assert first == viz.figure_bytes(graph, "svg", "渝北区 共同责任网络")
    text = first.decode("utf-8")
    assert "<svg" in text and "<dc:date>" not in text
    assert "http://www.w3.org/2000/svg" in text
    assert not REMOTE_RE.search(text.replace('xlink:href="#', ""))


def test_cjk_font_is_found() -> None:
    # fonts-noto-cjk is installed by the test setup; without it labels are boxes.
    assert viz.cjk_font() in viz.CJK_FONT_NAMES


def test_missing_cjk_font_warns_and_still_draws(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(viz, "cjk_font", lambda: None)
    graph = nx.Graph()
    graph.add_node("a", label="渝北区交通局", kind="body")
    graph.add_node("b", label="渝北区财政局", kind="body")
    graph.add_edge("a", "b", weight=2, stated=True)
    with pytest.warns(RuntimeWarning, match="no CJK font"):
        data = viz.figure_bytes(graph, "png", "test")
    assert png_size(data)[0] == 1800


# --------------------------------------------------------------------------- layout


def test_layout_is_deterministic_and_keeps_leaves_by_their_hub() -> None:
    graph = nx.Graph()
    graph.add_edges_from([("c1", "b1"), ("c1", "b2"), ("c2", "b1"), ("c2", "b3")])
    graph.add_edges_from([("c1", "t1"), ("c1", "t2"), ("c2", "p1")])  # leaves
    graph.add_node("alone")
    first = viz.layout(graph)
    assert first == viz.layout(graph)
    assert set(first) == set(graph)

    def distance(a: str, b: str) -> float:
        return ((first[a][0] - first[b][0]) ** 2 + (first[a][1] - first[b][1]) ** 2) ** 0.5

    assert distance("t1", "c1") < distance("t1", "c2")
    assert distance("p1", "c2") < distance("p1", "c1")
    assert len({first[n] for n in graph}) == len(graph), "no two nodes on one spot"


def test_empty_graph_still_makes_a_page_and_a_figure() -> None:
    empty = nx.Graph()
    assert viz.layout(empty) == {}
    assert page_data(viz_page.html_page(empty, "空 empty"))["nodes"] == []
    assert png_size(viz.figure_bytes(empty, "png", "空 empty"))[0] == 1800


def test_layout_of_a_graph_with_several_components() -> None:
    graph = nx.Graph()
    graph.add_edges_from(nx.cycle_graph(12).edges)
    graph.add_edges_from([(100, 101), (102, 103)])
    graph.add_nodes_from([200, 201])
    graph = nx.relabel_nodes(graph, {n: f"n{n:03d}" for n in graph})
    positions = viz.layout(graph)
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    # Packed, not flung apart: the whole drawing stays within a few node gaps per node.
    assert max(xs) - min(xs) < 20 and max(ys) - min(ys) < 20


# ------------------------------------------------------------------------------ CLI


def test_cli_network_and_viz(
    own_built: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    def plankg(*args: str) -> int:
        return main(["--store", str(own_built / "store"), *args])

    out = tmp_path / "co.graphml"
    assert plankg("network", "--kind", "co-responsibility", "--doc", OWN, "-o", str(out)) == 0
    graph = nx.read_graphml(out)
    assert graph.number_of_nodes() >= 4
    assert all(d["kind"] == "body" for _, d in graph.nodes(data=True))
    capsys.readouterr()
    metrics = ("--metrics", "--format", "json")
    assert plankg("network", "--kind", "place-body", "--doc", OWN, *metrics) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["weighted_degree"] >= rows[-1]["weighted_degree"]
    assert {r["kind"] for r in rows} == {"place", "body"}
    assert plankg("network", "--metrics", "--format", "graphml") == 2
    page, png, svg = tmp_path / "s.html", tmp_path / "s.png", tmp_path / "s.svg"
    files = ("-o", str(page), "--png", str(png), "--svg", str(svg))
    assert plankg("viz", "--kind", "slogan-section", "--doc", OWN, *files) == 0
    data = page_data(page.read_text(encoding="utf-8"))
    assert {n["kind"] for n in data["nodes"]} == {"slogan", "section"}
    assert png_size(png.read_bytes())[0] == 1800
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert plankg("viz", "--kind", "responsibility") == 2, "no output named"


def test_write_views_names_files_by_document(corpus_store: ox.Store, tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no font or layout fallbacks on the bundled data
        written = viz.write_views(corpus_store, tmp_path, ["state-council-work-report-2021"])
    assert [p.name for p in written] == [
        "state-council-work-report-2021-responsibility.html",
        "state-council-work-report-2021-co-responsibility.html",
        "state-council-work-report-2021-co-responsibility.png",
    ]
    page = written[0].read_text(encoding="utf-8")
    assert "政府工作报告（2021）" in page


def test_edge_options_carry_through(corpus_store: ox.Store) -> None:
    graph = build_network(
        corpus_store, "responsibility", NetworkOptions(doc=YUBEI, stated_only=True)
    )
    data = viz_page.network_data(graph)
    assert data["facets"]["bases"] == ["stated"]
    responsibility = [e for e in data["edges"] if e["relation"] == "responsibility"]
    assert responsibility and all(e["stated"] is True for e in responsibility)
    inferred = viz_page.network_data(
        build_network(corpus_store, "responsibility", NetworkOptions(doc=YUBEI, inferred_only=True))
    )
    assert all(e["stated"] is False for e in inferred["edges"]
               if e["relation"] == "responsibility")
