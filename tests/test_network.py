"""Responsibility networks (plankg.network): projections, metrics, exports, the CLI.

Expectations come from the library queries' rows (``responsibilities``, ``commitments``,
``slogan_occurrences``), computed here without the projection code, and from the text of
a document written for these tests.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
import pytest

from plankg.build import build_one, load_vocabulary
from plankg.errors import PlankgError
from plankg.identity import document_iri
from plankg.network import (
    KINDS,
    NetworkOptions,
    annotate_metrics,
    build_network,
    communities,
    graph_to_string,
    network_metrics,
)
from plankg.tables import run_library_query

YUBEI = "yubei-2020-plan"
SC2019 = "state-council-work-report-2019"
SC2021 = "state-council-work-report-2021"

# A county-level plan in the genre, not one of the bundled documents: stated lead and
# cooperating units, a town-level place, a river and a slogan.
JIANGNING_PLAN = """江宁区2023年国民经济和社会发展计划

一、主要预期目标

全区地区生产总值增长5.5%左右，城镇新增就业2.5万人。

二、重点工作任务

（一）加快交通基础设施建设。

一是推进轨道交通建设。由区交通运输局牵头，区财政局、区自然资源和规划局配合，加快地铁5号线南延工程建设，新建农村公路30公里。

二是完善城乡路网。区交通运输局负责实施汤山街道道路提升工程，区财政局保障资金。

（二）推进生态环境治理。

一是打好碧水保卫战。区生态环境局牵头，区水务局配合，完成秦淮河流域综合治理，确保国省考断面水质优Ⅲ类比例达到100%。

二是推进垃圾分类。区城市管理局负责，在淳化街道新建垃圾分类投放点200个。
"""
JIANGNING = "jiangning-2023-plan"


def doc(doc_id: str) -> str:
    return str(document_iri(doc_id))


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def labels(graph: nx.Graph, kind: str) -> set[str]:
    return {d["label"] for _, d in graph.nodes(data=True) if d["kind"] == kind}


def node_by_label(graph: nx.Graph, label: str) -> str:
    found = [n for n, d in graph.nodes(data=True) if d["label"] == label]
    assert len(found) == 1, f"{len(found)} nodes labelled {label}"
    return found[0]


def edge_weights_by_label(graph: nx.Graph) -> dict[frozenset[str], int]:
    return {
        frozenset((graph.nodes[u]["label"], graph.nodes[v]["label"])): d["weight"]
        for u, v, d in graph.edges(data=True)
    }


def matrix(store: ox.Store, doc_id: str) -> list[dict[str, Any]]:
    """The responsibility matrix rows of item/paragraph-level commitments, issuer left out."""
    rows = run_library_query(store, "responsibilities", {"doc": doc(doc_id)})
    return [r for r in rows if r["level"] != "sentence" and r["basis"] != "issuer"]


def network_rows(store: ox.Store, doc_id: str) -> list[dict[str, Any]]:
    """network_responsibilities rows, each joined with its network_commitments row, with
    every network_bodies row of its body (one row per name) and with every
    network_evidence row of the responsibility (or empty evidence when it has none)."""
    params = {"doc": doc(doc_id)}
    nodes = run_library_query(store, "network_commitments", params)
    commitments = {r["commitment"]: r for r in nodes}
    bodies: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for body in run_library_query(store, "network_bodies", params):
        bodies[body["body_node"]].append(body)
    evidence: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for sentence in run_library_query(store, "network_evidence", params):
        evidence[sentence["responsibility"]].append(sentence)
    no_evidence = [{"evidence_path": None, "evidence_text": None}]
    rows = run_library_query(store, "network_responsibilities", params)
    return [
        {**commitments[r["commitment"]], **body, **sentence, **r}
        for r in rows
        for body in bodies[r["body_node"]]
        for sentence in evidence.get(r["responsibility"], no_evidence)
    ]


def responsibilities(store: ox.Store, doc_id: str) -> list[dict[str, Any]]:
    """The same from the network queries: one row per responsibility, with the body's node."""
    unique = {r["responsibility"]: r for r in network_rows(store, doc_id)}
    return [r for r in unique.values() if r["level"] != "sentence" and r["basis"] != "issuer"]


def expected_co_responsibility(
    rows: list[dict[str, Any]], body: str = "body_node"
) -> dict[frozenset[str], int]:
    """Pairs of bodies and how many commitments they share, straight from the rows."""
    bodies_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        bodies_of[(row["document"], row["path"])].add(row[body])
    shared: Counter[frozenset[str]] = Counter()
    for bodies in bodies_of.values():
        for a, b in combinations(sorted(bodies), 2):
            shared[frozenset((a, b))] += 1
    return dict(shared)


def edge_weights(graph: nx.Graph) -> dict[frozenset[str], int]:
    return {frozenset((u, v)): d["weight"] for u, v, d in graph.edges(data=True)}


def nodes_of_kind(graph: nx.Graph, kind: str) -> set[str]:
    return {n for n, d in graph.nodes(data=True) if d["kind"] == kind}


@pytest.fixture(scope="module")
def own_store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    folder = tmp_path_factory.mktemp("network-own")
    path = folder / f"{JIANGNING}.txt"
    path.write_text(JIANGNING_PLAN, encoding="utf-8")
    store = ox.Store(str(tmp_path_factory.mktemp("network-own-store")))
    load_vocabulary(store)
    build_one(path, store=store, out_dir=None)
    return store


# --------------------------------------------------------------- the network queries


def test_network_responsibilities_query_matches_the_matrix(corpus_store: ox.Store) -> None:
    matrix = run_library_query(corpus_store, "responsibilities", {"doc": doc(YUBEI)})
    rows = network_rows(corpus_store, YUBEI)
    key = ("path", "level", "body", "role", "basis", "stated")
    assert Counter(tuple(r[k] for k in key) for r in rows) == Counter(
        tuple(r[k] for k in key) for r in matrix
    )
    for row in rows:
        # The enclosing section (or part) is a prefix of the commitment's path.
        if row["section_path"]:
            assert row["path"].startswith(row["section_path"] + "."), row
            assert row["section_heading"]
        # The evidence sentence belongs to the commitment it supports.
        if row["evidence_text"] and row["level"] != "sentence":
            assert nfkc(row["evidence_text"]) in nfkc(row["text"]), row["path"]
            assert row["evidence_path"].startswith(row["path"] + ".s")
    assert any(r["section_path"] == "3.1" for r in rows)


@pytest.mark.parametrize("doc_id", [YUBEI, SC2021])
def test_network_evidence_is_each_responsibilitys_evidence_sentence(
    corpus_store: ox.Store, doc_id: str
) -> None:
    rows = run_library_query(corpus_store, "network_evidence", {"doc": doc(doc_id)})
    # Read independently: the evidence sentences of the document's responsibilities.
    solutions = corpus_store.query(
        f"""PREFIX pk: <https://w3id.org/plankg/ontology#>
        SELECT ?responsibility ?path ?text WHERE {{
          ?responsibility a pk:Responsibility ; pk:inDocument <{doc(doc_id)}> ;
                          pk:evidence ?sentence .
          ?sentence pk:path ?path ; pk:text ?text }}""",
        use_default_graph_as_union=True,
    )
    expected = Counter(
        (s["responsibility"].value, s["path"].value, s["text"].value) for s in solutions
    )
    got = Counter((r["responsibility"], r["evidence_path"], r["evidence_text"]) for r in rows)
    assert got == expected and len(got) > 50
    # In reading order, and every responsibility is one of the network's edges.
    starts = [int(r["evidence_start"]) for r in rows]
    assert starts == sorted(starts)
    edges = run_library_query(corpus_store, "network_responsibilities", {"doc": doc(doc_id)})
    assert {r["responsibility"] for r in rows} <= {e["responsibility"] for e in edges}
    # The issuer's responsibilities follow from the document itself, with no sentence.
    issuer = {e["responsibility"] for e in edges if e["basis"] == "issuer"}
    assert issuer and not issuer & {r["responsibility"] for r in rows}


@pytest.mark.parametrize("doc_id", [YUBEI, SC2021])
def test_network_bodies_are_the_bodies_of_the_responsibilities_with_their_names(
    corpus_store: ox.Store, doc_id: str
) -> None:
    rows = run_library_query(corpus_store, "network_bodies", {"doc": doc(doc_id)})
    # Read independently: every labelled body of a responsibility of the document.
    names = corpus_store.query(
        f"""PREFIX pk: <https://w3id.org/plankg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT DISTINCT ?node ?label ?lang WHERE {{
          ?responsibility pk:inDocument <{doc(doc_id)}> ; pk:body ?node .
          ?node rdfs:label ?label BIND(LANG(?label) AS ?lang) }}""",
        use_default_graph_as_union=True,
    )
    expected: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for solution in names:
        expected[solution["node"].value][solution["lang"].value].add(solution["label"].value)
    got: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        got[row["body_node"]]["zh"].add(row["body"])
        if row["body_en"]:
            got[row["body_node"]]["en"].add(row["body_en"])
    assert {node: dict(langs) for node, langs in got.items()} == {
        node: dict(langs) for node, langs in expected.items()
    }
    assert any(row["body_en"] for row in rows) and any(row["body_type"] for row in rows)
    edges = run_library_query(corpus_store, "network_responsibilities", {"doc": doc(doc_id)})
    assert {e["body_node"] for e in edges} == set(got)


@pytest.mark.parametrize("doc_id", [YUBEI, SC2021])
def test_network_commitments_are_the_commitments_under_their_nearest_section(
    corpus_store: ox.Store, doc_id: str
) -> None:
    rows = run_library_query(corpus_store, "network_commitments", {"doc": doc(doc_id)})
    expected = run_library_query(corpus_store, "commitments", {"doc": doc(doc_id)})
    fields = ("commitment", "path", "level", "text")
    assert Counter(tuple(r[k] for k in fields) for r in rows) == Counter(
        tuple(c[k] for k in fields) for c in expected
    )
    starts = [int(r["char_start"]) for r in rows]
    assert starts == sorted(starts)
    # The nearest enclosing section, else the part: the longest section path that is a
    # prefix of the commitment's path, computed here from the document's outline.
    outline = run_library_query(corpus_store, "document_outline", {"doc": doc(doc_id)})
    headings = {(o["kind"], o["path"]): o["heading"] for o in outline}
    for row in rows:
        above = [
            (kind, path) for kind, path in headings
            if kind in ("section", "part") and row["path"].startswith(path + ".")
        ]
        sections = [a for a in above if a[0] == "section"]
        nearest = max(sections or above, key=lambda a: len(a[1]), default=None)
        if nearest is None:
            assert row["section_path"] is None, row
        else:
            assert (row["section_path"], row["section_heading"]) == (nearest[1], headings[nearest])
    assert any(r["section_path"] for r in rows) and len({r["section_path"] for r in rows}) > 3


def test_network_involvements_query_agrees_with_commitments(corpus_store: ox.Store) -> None:
    commitments = {
        (c["document"], c["path"]): c
        for c in run_library_query(corpus_store, "commitments", {"doc": doc(YUBEI)})
    }
    rows = run_library_query(corpus_store, "network_involvements", {"doc": doc(YUBEI)})
    places: dict[tuple[str, str], set[str]] = defaultdict(set)
    kinds = Counter()
    for row in rows:
        kinds[row["kind"]] += 1
        commitment = commitments[(row["document"], row["path"])]
        if row["kind"] == "place":
            places[(row["document"], row["path"])].add(row["label"])
        if row["kind"] == "target":  # a target's label is its quote, found in the text
            assert nfkc(row["label"]) in nfkc(commitment["text"])
    assert set(kinds) == {"place", "company", "target"}
    for key, commitment in commitments.items():
        expected = {p for p in (commitment["places"] or "").split("|") if p}
        assert places.get(key, set()) == expected, key


def test_network_slogan_sections_query_counts_sentences(corpus_store: ox.Store) -> None:
    rows = run_library_query(corpus_store, "network_slogan_sections", {"doc": doc(SC2021)})
    per_slogan: Counter[str] = Counter()
    for row in rows:
        per_slogan[row["slogan_name"]] += row["sentences"]
    assert rows
    for name, total in per_slogan.most_common(3):
        occurrences = run_library_query(corpus_store, "slogan_occurrences", {"name": name})
        sentences = {
            o["path"]
            for o in occurrences
            if o["document"] == SC2021 and not o["path"].startswith("0.")
        }
        assert total == len(sentences), name


# ---------------------------------------------------------------------- projections


def test_co_responsibility_of_yubei_matches_the_matrix(corpus_store: ox.Store) -> None:
    rows = responsibilities(corpus_store, YUBEI)
    expected = expected_co_responsibility(rows)
    graph = build_network(corpus_store, "co-responsibility", NetworkOptions(doc=YUBEI))
    assert edge_weights(graph) == expected
    assert nodes_of_kind(graph, "body") == {r["body_node"] for r in rows}
    # The busiest pair in the rows is an edge of the graph with that weight.
    pair, weight = max(expected.items(), key=lambda item: (item[1], sorted(item[0])))
    assert weight >= 2
    a, b = sorted(pair)
    assert graph.edges[a, b]["weight"] == weight
    # The same pairs by name from the responsibility matrix and the library's own
    # co-responsibility query.
    by_name = expected_co_responsibility(matrix(corpus_store, YUBEI), body="body")
    assert edge_weights_by_label(graph) == by_name
    library = run_library_query(corpus_store, "co_responsibility", {"doc": doc(YUBEI)})
    assert {frozenset((r["body_a"], r["body_b"])): r["shared"] for r in library} == by_name


@pytest.mark.parametrize("doc_id", [YUBEI, SC2019, SC2021])
def test_responsibility_network_nodes_are_the_matrix(corpus_store: ox.Store, doc_id: str) -> None:
    rows = responsibilities(corpus_store, doc_id)
    graph = build_network(corpus_store, "responsibility", NetworkOptions(doc=doc_id))
    commitments = {(r["document"], r["path"]) for r in rows}
    nodes = [d for _, d in graph.nodes(data=True) if d["kind"] == "commitment"]
    assert {(d["document"], d["path"]) for d in nodes} == commitments
    assert nodes_of_kind(graph, "body") == {r["body_node"] for r in rows}
    pairs = {(r["path"], r["body_node"]) for r in rows}
    responsibility_edges = [
        (u, v, d) for u, v, d in graph.edges(data=True) if d["relation"] == "responsibility"
    ]
    assert len(responsibility_edges) == len(pairs)
    for u, v, data in responsibility_edges:
        ends = {graph.nodes[u]["kind"], graph.nodes[v]["kind"]}
        assert ends == {"body", "commitment"}
        assert data["basis"] != "issuer"
        assert 0.0 < data["confidence"] <= 1.0
        assert data["stated"] == (data["basis"] in ("stated", "assignment"))
    kinds = {d["kind"] for _, d in graph.nodes(data=True)}
    assert {"body", "commitment", "target"} <= kinds


def test_responsibility_network_links_commitments_to_what_they_involve(
    corpus_store: ox.Store,
) -> None:
    graph = build_network(corpus_store, "responsibility", NetworkOptions(doc=YUBEI))
    commitments = {
        c["path"]: c
        for c in run_library_query(
            corpus_store, "commitments", {"doc": doc(YUBEI), "level_filter": "item"}
        )
    }
    checked = 0
    for node, data in graph.nodes(data=True):
        if data["kind"] != "commitment" or data["path"] not in commitments:
            continue
        places = {graph.nodes[n]["label"] for n in graph[node] if graph.nodes[n]["kind"] == "place"}
        expected = {p for p in (commitments[data["path"]]["places"] or "").split("|") if p}
        assert places == expected, data["path"]
        checked += 1
    assert checked >= 20


def test_options_filter_responsibilities(corpus_store: ox.Store) -> None:
    rows = run_library_query(corpus_store, "responsibilities", {"doc": doc(YUBEI)})
    top = [r for r in rows if r["level"] != "sentence"]
    stated = build_network(
        corpus_store, "responsibility", NetworkOptions(doc=YUBEI, stated_only=True)
    )
    assert labels(stated, "body") == {r["body"] for r in top if r["stated"]}
    assert nodes_of_kind(stated, "body") == {
        r["body_node"] for r in responsibilities(corpus_store, YUBEI) if r["stated"]
    }
    assert all(
        d["stated"] for _, _, d in stated.edges(data=True) if d["relation"] == "responsibility"
    )
    inferred = build_network(
        corpus_store, "responsibility", NetworkOptions(doc=YUBEI, inferred_only=True)
    )
    assert not any(
        d["stated"] for _, _, d in inferred.edges(data=True) if d["relation"] == "responsibility"
    )
    strong = build_network(
        corpus_store, "co-responsibility", NetworkOptions(doc=YUBEI, min_confidence=0.5)
    )
    assert labels(strong, "body") == {
        r["body"] for r in top if r["basis"] != "issuer" and r["confidence"] >= 0.5
    }
    (issuer,) = {r["body"] for r in top if r["basis"] == "issuer"}
    with_issuer = build_network(
        corpus_store, "responsibility", NetworkOptions(doc=YUBEI, include_issuer=True)
    )
    node = node_by_label(with_issuer, issuer)
    # Accountable for every commitment: one edge to each.
    assert with_issuer.degree(node) == len({r["path"] for r in top})
    # Left out by default: only what the issuer does on another basis stays.
    default = build_network(corpus_store, "responsibility", NetworkOptions(doc=YUBEI))
    other = {r["path"] for r in top if r["body"] == issuer and r["basis"] != "issuer"}
    if other:
        assert default.degree(node_by_label(default, issuer)) == len(other)
    else:
        assert issuer not in labels(default, "body")
    sentences = build_network(
        corpus_store, "responsibility", NetworkOptions(doc=YUBEI, level="sentence")
    )
    assert {d["level"] for _, d in sentences.nodes(data=True) if d["kind"] == "commitment"} == {
        "sentence"
    }
    with pytest.raises(PlankgError):
        NetworkOptions(stated_only=True, inferred_only=True)
    with pytest.raises(PlankgError, match="no document"):
        build_network(corpus_store, "responsibility", NetworkOptions(doc="no-such-plan"))


def test_place_body_weights_count_commitments(corpus_store: ox.Store) -> None:
    rows = responsibilities(corpus_store, YUBEI)
    commitments = run_library_query(corpus_store, "commitments", {"doc": doc(YUBEI)})
    places_of = {
        c["path"]: {p for p in (c["places"] or "").split("|") if p}
        for c in commitments
        if c["level"] != "sentence"
    }
    expected: dict[frozenset[str], set[str]] = defaultdict(set)
    for row in rows:
        for place in places_of.get(row["path"], ()):
            expected[frozenset((place, row["body_node"]))].add(row["path"])
    graph = build_network(corpus_store, "place-body", NetworkOptions(doc=YUBEI))
    by_place_label = {
        frozenset(
            (
                graph.nodes[u]["label"] if graph.nodes[u]["kind"] == "place" else u,
                graph.nodes[v]["label"] if graph.nodes[v]["kind"] == "place" else v,
            )
        ): w
        for (u, v), w in ((tuple(k), w) for k, w in edge_weights(graph).items())
    }
    assert by_place_label == {k: len(v) for k, v in expected.items()}
    for u, v in graph.edges:
        assert {graph.nodes[u]["kind"], graph.nodes[v]["kind"]} == {"place", "body"}


def test_slogan_section_network(corpus_store: ox.Store) -> None:
    rows = run_library_query(corpus_store, "network_slogan_sections", {"doc": doc(SC2019)})
    graph = build_network(corpus_store, "slogan-section", NetworkOptions(doc=SC2019))
    assert graph.size(weight="weight") == sum(r["sentences"] for r in rows)
    assert labels(graph, "slogan") == {r["slogan_name"] for r in rows}
    assert len(labels(graph, "section")) == len({r["section_path"] for r in rows})
    for u, v in graph.edges:
        assert {graph.nodes[u]["kind"], graph.nodes[v]["kind"]} == {"slogan", "section"}


def test_whole_store_labels_commitments_with_their_document(corpus_store: ox.Store) -> None:
    graph = build_network(corpus_store, "responsibility")
    documents = {d["document"] for _, d in graph.nodes(data=True) if d["kind"] == "commitment"}
    assert documents == {YUBEI, SC2019, SC2021}
    assert all(
        d["label"].startswith(d["document"] + ":")
        for _, d in graph.nodes(data=True)
        if d["kind"] == "commitment"
    )


# ------------------------------------------------------------- a document of our own


def test_own_document_co_responsibility(own_store: ox.Store) -> None:
    graph = build_network(own_store, "co-responsibility", NetworkOptions(doc=JIANGNING))
    bodies = labels(graph, "body")
    transport = next(b for b in bodies if "交通" in b)
    finance = next(b for b in bodies if "财政" in b)
    environment = next(b for b in bodies if "生态环境" in b)
    water = next(b for b in bodies if "水" in b and b != environment)
    # Both items of section (一) name the transport and finance bureaux.
    edge = graph.edges[node_by_label(graph, transport), node_by_label(graph, finance)]
    assert edge["weight"] == 2
    assert edge["stated"] is True
    assert graph.has_edge(node_by_label(graph, environment), node_by_label(graph, water))
    assert not graph.has_edge(node_by_label(graph, transport), node_by_label(graph, environment))
    # Stated only: the city-management bureau works alone.
    stated = build_network(
        own_store, "co-responsibility", NetworkOptions(doc=JIANGNING, stated_only=True)
    )
    city = next(b for b in labels(stated, "body") if "城市管理" in b)
    assert stated.degree(node_by_label(stated, city)) == 0
    assert edge_weights(stated) == expected_co_responsibility(
        [r for r in responsibilities(own_store, JIANGNING) if r["stated"]]
    )
    # A body with a surface-form label next to its scoped name is named by the latter.
    assert "区生态环境局" not in labels(graph, "body")


def test_own_document_places_and_slogans(own_store: ox.Store) -> None:
    places = build_network(own_store, "place-body", NetworkOptions(doc=JIANGNING))
    river = node_by_label(places, "秦淮河")
    assert any("生态环境" in places.nodes[n]["label"] for n in places[river])
    town = node_by_label(places, "汤山街道")
    assert any("交通" in places.nodes[n]["label"] for n in places[town])
    assert not any("交通" in places.nodes[n]["label"] for n in places[river])
    slogans = build_network(own_store, "slogan-section", NetworkOptions(doc=JIANGNING))
    slogan = node_by_label(slogans, "碧水保卫战")
    (section,) = slogans[slogan]
    assert slogans.nodes[section]["path"] == "2.2"
    assert slogans.edges[slogan, section]["weight"] == 1


# -------------------------------------------------------------------------- metrics


def test_weighted_betweenness_prefers_heavy_edges() -> None:
    graph = nx.Graph()
    graph.add_node("a", label="甲", kind="body")
    graph.add_node("b", label="乙", kind="body")
    graph.add_node("c", label="丙", kind="body")
    graph.add_edge("a", "c", weight=1)
    graph.add_edge("a", "b", weight=10)
    graph.add_edge("b", "c", weight=10)
    rows = {r["node"]: r for r in network_metrics(graph)}
    # Two heavy edges through b are shorter than the light direct edge.
    assert rows["b"]["betweenness"] == 1.0
    assert rows["a"]["betweenness"] == 0.0
    assert rows["b"]["weighted_degree"] == 20
    assert [r["node"] for r in network_metrics(graph)][0] == "b"


def test_metrics_on_yubei(corpus_store: ox.Store) -> None:
    graph = build_network(corpus_store, "co-responsibility", NetworkOptions(doc=YUBEI))
    rows = network_metrics(graph)
    expected = expected_co_responsibility(responsibilities(corpus_store, YUBEI))
    strength: Counter[str] = Counter()
    for pair, weight in expected.items():
        for body in pair:
            strength[body] += weight
    for row in rows:
        assert row["weighted_degree"] == strength.get(row["node"], 0)
        assert row["degree"] == graph.degree(row["node"])
        assert 0.0 <= row["betweenness"] <= 1.0
    assert rows[0]["weighted_degree"] == max(strength.values())
    assert rows == network_metrics(graph), "deterministic"
    community = communities(graph)
    assert set(community) == set(graph)
    assert min(community.values()) == 1
    # Community 1 is the largest.
    sizes = Counter(community.values())
    assert sizes[1] == max(sizes.values())


# -------------------------------------------------------------------------- exports


@pytest.mark.parametrize("kind", KINDS)
def test_exports_parse_back(corpus_store: ox.Store, kind: str, tmp_path: Path) -> None:
    graph = annotate_metrics(build_network(corpus_store, kind, NetworkOptions(doc=YUBEI)))
    assert graph.number_of_nodes() > 10
    graphml = graph_to_string(graph, "graphml")
    assert graphml == graph_to_string(graph, "graphml"), "deterministic"
    (tmp_path / "g.graphml").write_text(graphml, encoding="utf-8")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert set(back) == set(graph)
    assert back.number_of_edges() == graph.number_of_edges()
    some = next(iter(graph))
    assert back.nodes[some]["label"] == graph.nodes[some]["label"]
    gexf = graph_to_string(graph, "gexf")
    assert "lastmodifieddate" not in gexf
    (tmp_path / "g.gexf").write_text(gexf, encoding="utf-8")
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() == graph.number_of_nodes()
    data = json.loads(graph_to_string(graph, "json"))
    linked = nx.node_link_graph(data, edges="edges")
    assert linked.number_of_edges() == graph.number_of_edges()
    table = list(csv.DictReader(io.StringIO(graph_to_string(graph, "csv"))))
    assert len(table) == graph.number_of_edges()
    assert {row["source_label"] for row in table} <= {d["label"] for _, d in graph.nodes(data=True)}
    with pytest.raises(PlankgError):
        graph_to_string(graph, "dot")


def test_graphml_keeps_chinese_labels_and_edge_attributes(
    corpus_store: ox.Store, tmp_path: Path
) -> None:
    graph = annotate_metrics(
        build_network(corpus_store, "responsibility", NetworkOptions(doc=YUBEI))
    )
    path = tmp_path / "r.graphml"
    path.write_text(graph_to_string(graph, "graphml"), encoding="utf-8")
    back = nx.read_graphml(path)
    bodies = {d["label"] for _, d in back.nodes(data=True) if d["kind"] == "body"}
    assert bodies == labels(graph, "body")
    assert any("区" in b for b in bodies)
    roles = {d["role"] for _, _, d in back.edges(data=True) if d["relation"] == "responsibility"}
    assert "lead" in roles
    assert all(
        isinstance(d["stated"], bool)
        for _, _, d in back.edges(data=True)
        if d["relation"] == "responsibility"
    )
