"""The store's cost, for build_throughput.py: one report cold, the bigram index's share,
phrase search through bigram triples against the SQLite FTS5 prototype.

Every figure is printed beside the baseline measured in the same run.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from fts5_index import KINDS, TextIndex, index_store, narrow

from plankg.build import index_graph_iri, phrase_index_lines
from plankg.identity import graph_iri
from plankg.output import ntriples_lines
from plankg.queries import bindings_for, library, parse_query_file
from plankg.store import EmbeddedStore, select
from plankg.store.base import is_document_graph

FTS5_QUERIES = Path(__file__).resolve().parent / "fts5"
_JIEBA_COLD = (
    "import sys, jieba, jieba.posseg\n"
    "jieba.setLogLevel(60)\n"
    "text = open(sys.argv[1], encoding='utf-8').read()\n"
    "for _ in jieba.posseg.cut(text):\n"
    "    pass\n"
)


def _timed(command: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)}: {result.stderr.strip()}")
    return elapsed


def single_report(report: Path, repeat: int) -> None:
    """``plankg build REPORT`` into a fresh store (fresh process), a cold jieba POS pass
    (fresh process), and the unchanged rebuild; medians, interleaved runs."""
    chars = len(report.read_text(encoding="utf-8"))
    jieba_runs, build_runs, rebuild_runs = [], [], []
    for _ in range(repeat):
        jieba_runs.append(_timed([sys.executable, "-c", _JIEBA_COLD, str(report)]))
        with tempfile.TemporaryDirectory() as folder:
            command = [sys.executable, "-m", "plankg.cli", "--store", f"{folder}/store",
                       "build", str(report), "--out", f"{folder}/graph"]
            build_runs.append(_timed(command))
            rebuild_runs.append(_timed(command))
    jieba_s = statistics.median(jieba_runs)
    build_s = statistics.median(build_runs)
    rebuild_s = statistics.median(rebuild_runs)
    print(f"one report ({report.name}, {chars:,} characters), fresh processes, "
          f"medians of {repeat}: cold jieba.posseg {jieba_s:.2f} s")
    print(f"    build into a fresh store     {build_s:6.2f} s  ratio {build_s / jieba_s:4.2f} "
          f"(goal <= 1.2: {'met' if build_s / jieba_s <= 1.2 else 'NOT met'})")
    print(f"    unchanged rebuild            {rebuild_s:6.2f} s  ratio {rebuild_s / jieba_s:4.2f} "
          f"(goal < 0.5 s: {'met' if rebuild_s < 0.5 else 'NOT met'})")


def _document_texts(doc, triples) -> dict[str, list[tuple[str, str]]]:  # noqa: ANN001
    """What the FTS5 prototype indexes for one document, by kind."""
    from plankg.rdf import PK, commitment_iri
    from plankg.terms import literal_text

    sentence_nodes = {s for s, p, _ in triples if p == PK.sentenceIndex}
    texts: dict[str, list[tuple[str, str]]] = {kind: [] for kind in KINDS}
    for commitment in doc.commitments:
        if commitment.level == "sentence":
            texts["commitment"].append((commitment_iri(doc, commitment)[1:-1], commitment.text))
    for subject, predicate, obj in triples:
        if predicate == PK.indicatorLabel and obj.endswith('"@zh'):
            texts["indicator"].append((subject[1:-1], literal_text(obj)))
        elif predicate == PK.text and subject in sentence_nodes:
            texts["sentence"].append((subject[1:-1], literal_text(obj)))
    return texts


def index_share(paths: list[Path]) -> None:
    """The bigram index's quads and write time, and the FTS5 prototype's write time."""
    from plankg.pipeline import build_document
    from plankg.rdf import graph_triples

    batch: list[tuple[dict[str, list[str]], str]] = []
    fts_rows = []
    pipeline_s = index_lines_s = 0.0
    for path in paths:
        start = time.perf_counter()
        doc = build_document(path)
        triples = graph_triples(doc)
        lines = ntriples_lines(triples)
        middle = time.perf_counter()
        index = phrase_index_lines(doc, triples)
        index_lines_s += time.perf_counter() - middle
        pipeline_s += middle - start
        graph = str(graph_iri(doc.id))
        batch.append(({graph: lines, index_graph_iri(doc.id): index}, doc.source.sha256))
        fts_rows.append((graph, doc.source.sha256, _document_texts(doc, triples)))
    graph_quads = sum(len(g[k]) for g, _ in batch for k in g if not k.endswith("/index"))
    index_quads = sum(len(g[k]) for g, _ in batch for k in g if k.endswith("/index"))

    def load(with_index: bool) -> float:
        with tempfile.TemporaryDirectory() as folder:
            store = EmbeddedStore(ox.Store(f"{folder}/store"))
            work = [({k: v for k, v in g.items() if with_index or not k.endswith("/index")}, sha)
                    for g, sha in batch]
            start = time.perf_counter()
            for i in range(0, len(work), 10):  # the build's batches: about ten documents
                store.add_graphs(work[i : i + 10])
            store.flush()
            elapsed = time.perf_counter() - start
            del store
        return elapsed

    # Alternated and repeated: one load is noisy on a shared machine.
    loads: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(3):
        for with_index in (False, True):
            loads[with_index].append(load(with_index))
    without_s, with_s = statistics.median(loads[False]), statistics.median(loads[True])
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        fts = TextIndex(Path(folder) / "text.sqlite")
        fts.replace(fts_rows)
        fts.optimize()
        fts_s = time.perf_counter() - start
        fts.db.close()
    bigram_s = index_lines_s + with_s - without_s
    print(f"bigram phrase index, {len(paths)} generated documents: {index_quads:,} of "
          f"{graph_quads + index_quads:,} quads ({index_quads / (graph_quads + index_quads):.0%})")
    print(f"    pipeline and graph lines     {pipeline_s:6.2f} s")
    print(f"    bulk load without the index  {without_s:6.2f} s  (median of 3)")
    print(f"    bulk load with the index     {with_s:6.2f} s  (index share of the load "
          f"{(with_s - without_s) / with_s:.0%})")
    print(f"    making the index's lines     {index_lines_s:6.2f} s")
    print(f"    bigram index in all          {bigram_s:6.2f} s  "
          f"= {bigram_s / (pipeline_s + with_s):.0%} of pipeline + load")
    print(f"    FTS5 prototype, same texts   {fts_s:6.2f} s  ratio to the bigram index "
          f"{fts_s / bigram_s:4.2f} (it also indexes every sentence, which the bigrams do not)")


_CASES = (("污水处理", None), ("污水处理", "example"), ("营商环境", None), ("营商环境", "example"))


def search_latency(store_dir: Path, index_path: Path | None, repeat: int) -> None:
    """Library phrase queries through bigram triples against the FTS5-narrowed variants."""
    store = EmbeddedStore(ox.Store.read_only(str(store_dir)), str(store_dir), read_only=True)
    index_path = index_path or store_dir.with_name(store_dir.name + "-text.sqlite")
    if not index_path.exists():
        graphs = sorted(g for g in store.named_graphs() if is_document_graph(g))
        start = time.perf_counter()
        index_store(store.ox, index_path, graphs).db.close()
        print(f"FTS5 prototype index of {len(graphs)} graphs made in "
              f"{time.perf_counter() - start:.0f} s")
    index = TextIndex(index_path, read_only=True)
    documents = len([g for g in store.named_graphs() if is_document_graph(g)])
    print(f"phrase search at {documents:,} documents ({store_dir.name}); medians of {repeat}:")

    def graph_of(document: str) -> str:
        return document.replace("/id/doc/", "/id/graph/", 1)

    for name in ("who", "who_commitments", "search_sentences"):
        bigram_query = library()[name]
        fts_query = parse_query_file(FTS5_QUERIES / f"{name}.rq")
        example_doc = next(p.example for p in bigram_query.parameters if p.name == "doc")
        for phrase, doc in _CASES:
            params = {"q": phrase} | ({"doc": example_doc} if doc else {})
            runs: dict[str, list[float]] = {"bigram": [], "fts5": []}
            answers: dict[str, list[str]] = {}
            for _ in range(repeat + 1):  # the first run warms the caches
                start = time.perf_counter()
                _, rows = select(store, bigram_query.text, bindings_for(bigram_query, params))
                runs["bigram"].append(time.perf_counter() - start)
                answers["bigram"] = sorted(str(r) for r in rows)
                start = time.perf_counter()
                text = narrow(fts_query.text, params, index, graph_of)
                _, rows = select(store, text, bindings_for(fts_query, params))
                runs["fts5"].append(time.perf_counter() - start)
                answers["fts5"] = sorted(str(r) for r in rows)
            bigram_s = statistics.median(runs["bigram"][1:])
            fts_s = statistics.median(runs["fts5"][1:])
            same = "same rows" if answers["bigram"] == answers["fts5"] else "ROWS DIFFER"
            print(f"    {name:<17} {phrase} {'one document' if doc else 'every document':<14} "
                  f"bigram {bigram_s * 1000:8.1f} ms  fts5 {fts_s * 1000:8.1f} ms  "
                  f"ratio {fts_s / bigram_s:5.2f}  {len(answers['bigram'])} rows, {same}")
