"""Build throughput and the store's cost against jieba POS-tagging the same text, same run.

    .venv/bin/python benchmarks/build_throughput.py [--documents 200] [--index-documents 20]
        [--report corpus/state-council-work-report-2019.txt] [--repeat 3]
        [--search-store DIR --search-index FILE]

1. For each bundled document and for a generated corpus: documents/s, characters/s and
   the ratio of plankg's build time to jieba.posseg over the same text, twice: for the
   graph (pipeline, RDF, Turtle and N-Quads made in memory), and for the whole ``plankg
   build`` (the same, plus the phrase index, loading into a fresh on-disk Oxigraph store
   and writing the files). Goal (issue 16): whole build <= 2x.
2. One report (about 20,000 characters) built by ``plankg build`` in a fresh process into
   a fresh store, against a cold jieba POS pass over it in a fresh process (interpreter
   and dictionary load included in both); then the same build again, which finds nothing
   changed. Medians of ``--repeat``. Goals: <= 1.2x, unchanged rebuild < 0.5 s.
3. The bigram phrase index's share of the store: its quads, the time to make its lines,
   and the bulk load of the first ``--index-documents`` generated documents with and
   without it; beside it, the same texts written to the SQLite FTS5 prototype
   (``fts5_index.py``).
4. With ``--search-store`` (a store of graph-level variants, e.g. query_latency.py's at
   1,000 documents) and ``--search-index`` (its FTS5 prototype index; made if missing):
   ``who``, ``who_commitments`` and ``search_sentences`` through the bigram triples (the
   library's queries) against the variants in ``benchmarks/fts5/`` narrowed by the FTS5
   index, same store, same run; the rows must be identical.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import jieba  # noqa: E402
import jieba.posseg  # noqa: E402
import pyoxigraph as ox  # noqa: E402
from store_cost import index_share, search_latency, single_report  # noqa: E402
from synthetic import CORPUS, SOURCES, write_corpus  # noqa: E402

from plankg.build import build_many, prepare  # noqa: E402


def plankg_build(paths: list[Path]) -> float:
    """What ``plankg build --out`` computes per document: pipeline, RDF, both graph files.

    The files are made in memory (``prepare``), not written, so disk speed is not timed.
    """
    start = time.perf_counter()
    for path in paths:
        prepare(path, Path("graph-not-written"), with_store=False)
    return time.perf_counter() - start


def plankg_build_with_store(paths: list[Path]) -> float:
    """``plankg build --out DIR`` into a fresh on-disk store: everything a user waits for."""
    with tempfile.TemporaryDirectory() as folder:
        store = ox.Store(str(Path(folder) / "store"))
        start = time.perf_counter()
        for event in build_many(paths, store=store, out_dir=Path(folder) / "graph"):
            if event.error:
                raise SystemExit(event.error)
        store.flush()
        elapsed = time.perf_counter() - start
        del store
    return elapsed


def jieba_pass(paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        for _ in jieba.posseg.cut(path.read_text(encoding="utf-8")):
            pass
    return time.perf_counter() - start


def report(label: str, paths: list[Path]) -> tuple[float, float]:
    chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    baseline = jieba_pass(paths)
    graph = plankg_build(paths)
    whole = plankg_build_with_store(paths)
    print(f"{label} ({len(paths)} documents, {chars:,} characters); jieba.posseg {baseline:.2f} s")
    for name, seconds in (("graph and files", graph), ("whole build, store included", whole)):
        print(
            f"    {name:<28} {seconds:8.2f} s  {len(paths) / seconds:5.2f} documents/s  "
            f"{chars / seconds:9,.0f} characters/s  ratio {seconds / baseline:4.2f}"
        )
    return graph / baseline, whole / baseline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--index-documents", type=int, default=20)
    parser.add_argument("--report", type=Path,
                        default=CORPUS / "state-council-work-report-2019.txt")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--search-store", type=Path)
    parser.add_argument("--search-index", type=Path)
    parser.add_argument("--skip-throughput", action="store_true",
                        help="parts 2-4 only")
    args = parser.parse_args()
    single_report(args.report, args.repeat)
    jieba.setLogLevel(60)
    jieba.initialize()
    # Warm both sides (dictionaries, caches) so neither pays start-up inside the timing.
    plankg_build([CORPUS / SOURCES[0]])
    jieba_pass([CORPUS / SOURCES[0]])
    with tempfile.TemporaryDirectory() as folder:
        paths = write_corpus(Path(folder), max(args.documents, args.index_documents))
        index_share(paths[: args.index_documents])
        if not args.skip_throughput:
            for source in SOURCES:
                report(source, [CORPUS / source])
            paths = paths[: args.documents]
            graph_ratio, whole_ratio = report(f"generated corpus ({args.documents})", paths)
            for name, ratio in (("graph and files", graph_ratio), ("whole build", whole_ratio)):
                print(f"goal ratio <= 2.0, {name}: {ratio:.2f} -> "
                      f"{'met' if ratio <= 2.0 else 'NOT met'}")
    if args.search_store is not None:
        search_latency(args.search_store, args.search_index, args.repeat)


if __name__ == "__main__":
    main()
