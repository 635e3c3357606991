"""Building many documents: parallel, incremental, one failure contained; the phrase index."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from plankg.build import (
    build_many,
    commit_prepared,
    index_graph_iri,
    load_vocabulary,
    phrase_index_lines,
    prepare,
    stored_hashes,
)
from plankg.identity import document_iri, graph_iri
from plankg.model import Document
from plankg.namespaces import PK
from plankg.phrase_index import bigrams
from plankg.rdf import commitment_iri, document_graph, graph_triples
from plankg.store import VOCABULARY_GRAPH, as_store, complete_graphs

ROOT = Path(__file__).resolve().parents[1]


def _corpus_with_a_bad_file(folder: Path) -> list[Path]:
    folder.mkdir()
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        shutil.copy(path, folder / path.name)
    (folder / "corrupt.txt").write_bytes(b"\x00\xff\x00\xfe" * 64)
    return sorted(folder.glob("*.txt"))


def test_parallel_build_equals_serial_and_contains_failures(tmp_path: Path):
    paths = _corpus_with_a_bad_file(tmp_path / "docs")
    outputs = {}
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        store = ox.Store(str(tmp_path / f"store{jobs}"))
        events = list(build_many(paths, store=store, out_dir=out, jobs=jobs))
        errors = [e for e in events if e.error]
        assert len(errors) == 1 and "corrupt.txt" in errors[0].error
        assert "binary" in errors[0].error
        assert sorted(e.result.doc_id for e in events if e.result) == [
            "state-council-work-report-2019",
            "state-council-work-report-2021",
            "yubei-2020-plan",
        ]
        outputs[jobs] = {p.name: p.read_bytes() for p in out.iterdir()}
        docs = store.query(
            "PREFIX pk: <https://w3id.org/plankg/ontology#> "
            "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?g { ?d a pk:Document } }"
        )
        assert next(iter(docs))["n"].value == "3"
    assert outputs[1] == outputs[2]


def test_unchanged_documents_are_skipped(tmp_path: Path):
    docs = tmp_path / "docs"
    docs.mkdir()
    source = docs / "yubei-2020-plan.txt"
    shutil.copy(ROOT / "corpus" / "yubei-2020-plan.txt", source)
    store = ox.Store(str(tmp_path / "store"))
    load_vocabulary(store)
    first = list(build_many([source], store=store, out_dir=None))
    assert first[0].result is not None and not first[0].skipped
    second = list(build_many([source], store=store, out_dir=None))
    assert second[0].skipped
    source.write_text(
        source.read_text(encoding="utf-8") + "\n新增一段：推进某镇道路建设。\n", encoding="utf-8"
    )
    third = list(build_many([source], store=store, out_dir=None))
    assert third[0].result is not None and not third[0].skipped
    forced = list(build_many([source], store=store, out_dir=None, force=True))
    assert forced[0].result is not None


def test_bigrams_break_at_punctuation():
    assert bigrams("污水处理厂，提标") == {"污水", "水处", "处理", "理厂", "提标"}
    assert bigrams("5G网络") == {"5G", "G网", "网络"}
    assert bigrams("水") == set()


def test_phrase_index_covers_commitments_and_indicators(
    corpus_documents: dict[str, Document],
):
    doc = corpus_documents["yubei-2020-plan"]
    triples = graph_triples(doc)
    lines = phrase_index_lines(doc, triples)
    parsed = list(ox.parse("".join(lines), format=ox.RdfFormat.N_TRIPLES))
    assert len(parsed) == len(lines) == len(set(lines))
    by_subject: dict[str, set[str]] = {}
    by_kind: dict[tuple[str, str], set[str]] = {}
    for t in parsed:
        by_subject.setdefault(t.subject.value, set()).add(t.object.value)
        kind = t.predicate.value.rsplit("#", 1)[1]
        by_kind.setdefault((t.subject.value, kind), set()).add(t.object.value)
    sentence_commitments = {
        commitment_iri(doc, c)[1:-1] for c in doc.commitments if c.level == "sentence"
    }
    assert sentence_commitments <= set(by_subject)
    for commitment in doc.commitments:
        if commitment.level == "sentence":
            subject = commitment_iri(doc, commitment)[1:-1]
            assert by_kind[subject, "bigram"] == bigrams(commitment.text)
    # Every target is findable by its indicator's bigrams.
    graph = document_graph(doc)
    indicators = list(graph.subject_objects(PK.indicatorLabel))
    assert len(indicators) > 20
    for target, label in indicators:
        assert bigrams(str(label)) <= by_kind[str(target), "indicatorBigram"], label
    # The index graph names its document, once.
    index_graph = index_graph_iri("yubei-2020-plan")
    assert by_kind.pop((index_graph, "phraseIndexOf")) == {str(document_iri("yubei-2020-plan"))}
    del by_subject[index_graph]
    # Nothing else is indexed: names are indexed once per corpus, in the summary.
    targets = {str(t) for t, _ in indicators}
    assert set(by_subject) <= sentence_commitments | targets
    assert any({"污水", "处理"} <= by_kind.get((c, "bigram"), set()) for c in sentence_commitments)
    assert {kind for _, kind in by_kind} == {"bigram", "indicatorBigram"}


def _quads(store: ox.Store, graph: str) -> set[str]:
    return {str(q) for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph))}


def test_bulk_loaded_graphs_equal_transactional_ones(tmp_path: Path):
    """New documents go through the bulk loader, rebuilt ones through a transaction;
    both give the same graphs and both are recorded as complete in the load log."""
    source = ROOT / "corpus" / "yubei-2020-plan.txt"
    bulk = ox.Store(str(tmp_path / "bulk"))
    [event] = build_many([source], store=bulk, out_dir=None)
    assert event.result is not None
    transactional = ox.Store(str(tmp_path / "transactional"))
    commit_prepared(prepare(source, None, True), transactional)
    graph = str(graph_iri("yubei-2020-plan"))
    for name in (graph, index_graph_iri("yubei-2020-plan")):
        assert _quads(bulk, name) == _quads(transactional, name)
        assert len(_quads(bulk, name)) > 1000
    sha = event.result.sha256
    assert complete_graphs(bulk) == complete_graphs(transactional) == {
        graph: sha,
        index_graph_iri("yubei-2020-plan"): sha,
    }
    assert stored_hashes(bulk) == {"yubei-2020-plan": sha}


def test_interrupted_bulk_load_is_rebuilt_not_skipped(tmp_path: Path):
    """A graph in the store without a load-log entry (the bulk loader stopped half way)
    does not count as built: the next build replaces it in a transaction."""
    source = ROOT / "corpus" / "yubei-2020-plan.txt"
    store = ox.Store(str(tmp_path / "store"))
    prepared = prepare(source, None, True)
    graph = str(graph_iri("yubei-2020-plan"))
    half = prepared.ntriples[: len(prepared.ntriples) // 2]
    store.bulk_load(
        "".join(line[:-3] + f" <{graph}> .\n" for line in half).encode(),
        format=ox.RdfFormat.N_QUADS,
    )
    assert stored_hashes(store) == {}
    [event] = build_many([source], store=store, out_dir=None)
    assert event.result is not None and not event.skipped
    assert len(_quads(store, graph)) == len(prepared.ntriples)
    assert stored_hashes(store) == {"yubei-2020-plan": prepared.result.sha256}
    [again] = build_many([source], store=store, out_dir=None)
    assert again.skipped


def test_graphs_from_an_older_store_format_are_rebuilt(tmp_path: Path):
    """A store built by an older plankg (another STORE_FORMAT in its load log, e.g. an
    index graph without the names) is brought up to date by the next build."""
    from plankg.store import LOAD_LOG_GRAPH, STORE_FORMAT, STORE_FORMAT_PROPERTY

    source = ROOT / "corpus" / "yubei-2020-plan.txt"
    store = ox.Store(str(tmp_path / "store"))
    [first] = build_many([source], store=store, out_dir=None)
    assert first.result is not None
    index = index_graph_iri("yubei-2020-plan")
    current = _quads(store, index)
    # What STORE_FORMAT 1 stored: commitment bigrams only, logged without a format.
    store.update(
        f"DELETE WHERE {{ GRAPH <{LOAD_LOG_GRAPH}> {{ ?g <{STORE_FORMAT_PROPERTY}> ?v }} }}"
    )
    store.update(f"DELETE WHERE {{ GRAPH <{index}> {{ ?t <{PK.indicatorBigram}> ?b }} }}")
    assert _quads(store, index) < current
    assert stored_hashes(store) == {}
    [again] = build_many([source], store=store, out_dir=None)
    assert again.result is not None and not again.skipped
    assert _quads(store, index) == current
    logged = {
        str(q.object.value)
        for q in store.quads_for_pattern(
            ox.NamedNode(index), ox.NamedNode(STORE_FORMAT_PROPERTY), None,
            ox.NamedNode(LOAD_LOG_GRAPH),
        )
    }
    assert logged == {str(STORE_FORMAT)}
    assert stored_hashes(store) == {"yubei-2020-plan": first.result.sha256}


def test_queries_on_an_older_store_warn_until_it_is_rebuilt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    """An older phrase index does not name its document, so searches in it miss: the
    CLI says so in one line on stderr, answers anyway, and stops once rebuilt."""
    from plankg.cli import main
    from plankg.store import LOAD_LOG_GRAPH, STORE_FORMAT, STORE_FORMAT_PROPERTY

    source = ROOT / "corpus" / "yubei-2020-plan.txt"
    location = tmp_path / "store"
    assert main(["--store", str(location), "build", str(source), "--no-files"]) == 0
    store = ox.Store(str(location))
    older = STORE_FORMAT - 1
    store.update(
        f"DELETE {{ GRAPH <{LOAD_LOG_GRAPH}> {{ ?g <{STORE_FORMAT_PROPERTY}> ?v }} }} "
        f"INSERT {{ GRAPH <{LOAD_LOG_GRAPH}> {{ ?g <{STORE_FORMAT_PROPERTY}> {older} }} }} "
        f"WHERE {{ GRAPH <{LOAD_LOG_GRAPH}> {{ ?g <{STORE_FORMAT_PROPERTY}> ?v }} }}"
    )
    del store
    capsys.readouterr()
    assert main(["--store", str(location), "query", "documents", "--format", "csv"]) == 0
    captured = capsys.readouterr()
    warning = captured.err.strip().splitlines()
    assert len(warning) == 1 and "1 document(s)" in warning[0] and "plankg build" in warning[0]
    assert "yubei-2020-plan" in captured.out
    assert main(["--store", str(location), "build", str(source), "--no-files"]) == 0
    capsys.readouterr()
    assert main(["--store", str(location), "query", "documents", "--format", "csv"]) == 0
    assert capsys.readouterr().err == ""


def test_after_a_killed_load_documents_lists_only_logged_ones_and_orphans_go(tmp_path: Path):
    """What a build killed inside the bulk loader leaves: a graph without its load-log
    entry and the loader's temporary files. `documents` does not list the graph, the
    next build removes the files and loads the document again."""
    from plankg import tables
    from plankg.store import open_store
    from plankg.store.remote import pushable_graphs

    source = ROOT / "corpus" / "yubei-2020-plan.txt"
    location = tmp_path / "store"
    store = open_store(location)
    prepared = prepare(source, None, True)
    graph = str(graph_iri("yubei-2020-plan"))
    store.bulk_load(
        "".join(line[:-3] + f" <{graph}> .\n" for line in prepared.ntriples).encode(),
        format=ox.RdfFormat.N_QUADS,
    )
    assert store.select(f"SELECT * WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} LIMIT 1")[1]
    assert tables.documents(store) == []
    assert graph not in pushable_graphs(store)
    orphans = [location / "bulk-3f2a9c.sst", location / "bulk-77aa01.sst"]
    for orphan in orphans:
        orphan.write_bytes(b"\0" * 1024)
    del store
    store = open_store(location)
    assert not any(orphan.exists() for orphan in orphans)
    assert list(location.glob("*.sst"))  # RocksDB's own files stay
    [event] = build_many([source], store=store, out_dir=None)
    assert event.result is not None and not event.skipped
    assert [row["id"] for row in tables.documents(store)] == ["yubei-2020-plan"]
    assert graph in pushable_graphs(store)


def test_an_unchanged_vocabulary_is_not_reloaded_and_a_changed_one_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The vocabulary's hash is of its files, not of parsed triples (whose blank nodes
    get new labels at every parse): a rebuild keeps the graph, labels and all."""
    ontology = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", ontology)
    monkeypatch.setattr("plankg.build.ontology_dir", lambda: ontology)
    store = as_store(ox.Store(str(tmp_path / "store")))
    load_vocabulary(store)
    first = store.graph_ntriples(VOCABULARY_GRAPH)
    assert "_:" in first and "<https://w3id.org/plankg/ontology#Commitment>" in first
    logged = complete_graphs(store)[VOCABULARY_GRAPH]
    load_vocabulary(store)
    assert store.graph_ntriples(VOCABULARY_GRAPH) == first
    assert complete_graphs(store)[VOCABULARY_GRAPH] == logged

    vocabulary = next(p for p in sorted(ontology.glob("*.ttl")) if p.name != "shapes.ttl")
    with vocabulary.open("a", encoding="utf-8") as out:
        out.write("\n<https://example.org/added> <https://example.org/p> \"新\" .\n")
    load_vocabulary(store)
    changed = store.graph_ntriples(VOCABULARY_GRAPH)
    assert '<https://example.org/added> <https://example.org/p> "新" .' in changed
    assert complete_graphs(store)[VOCABULARY_GRAPH] != logged
    # Replaced, not added to: as many statements as the files hold.
    assert len(changed.splitlines()) == len(first.splitlines()) + 1


def test_two_files_with_one_id_are_both_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """a/plan.txt and b/plan.txt would write one graph: neither is built, each is named."""
    from plankg.cli import main

    text = "某区2024年国民经济和社会发展计划\n\n一、主要目标\n\n地区生产总值增长6%。\n"
    for folder in ("a", "b"):
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / "plan.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "graph"
    status = main(["build", str(tmp_path / "in"), "--no-store", "--out", str(out)])
    assert status == 1
    assert not out.exists() or not any(out.iterdir())
    errors = [line for line in capsys.readouterr().err.splitlines() if "error:" in line]
    a, b = tmp_path / "in" / "a" / "plan.txt", tmp_path / "in" / "b" / "plan.txt"
    assert errors == [f"plankg: error: {a}: same document id 'plan' as {b}; rename one of them",
                      f"plankg: error: {b}: same document id 'plan' as {a}; rename one of them"]
