"""Library query latency at corpus scale: embedded Oxigraph vs rdflib, same run.

    .venv/bin/python benchmarks/query_latency.py [--documents 1000] [--repeat 20]

1. Makes a store of plan-size documents under benchmarks/out/ (kept between runs; delete
   the folder to start over). By default the documents are graph-level variants of the
   three bundled ones: each copy gets its own document id and its own jurisdiction (a
   county name from the national division data replaces 渝北 everywhere, so its bodies,
   towns and projects are its own), and the bundled documents themselves are included
   so the library's example parameters find real rows. ``--from-text`` instead runs the
   full pipeline on text variants (benchmarks/synthetic.py): more varied, much slower.
2. Runs every library query with its example parameters on that store, in a fresh
   process: once cold (reported as "first": the store's caches are empty), then
   ``--repeat`` times warm, and reports median and p95 latency of the warm runs. A paged
   query (one with a ``page`` parameter, example page 1) is timed on its first page, and
   its whole answer (``page`` left out: every page in one query) is timed as well.
3. Baseline in the same run: rdflib's in-memory Dataset (default graph = union) with
   the same queries and parameters, on as many documents as rdflib can hold in the time
   allowed (``--rdflib-documents``, default 3: at 180,000 triples rdflib's engine did not
   finish a simple aggregate in 10 minutes), each query stopped after
   ``--rdflib-timeout`` seconds. Oxigraph is also timed on that same small store, so the
   ratio compares like with like; the 1,000-document column shows how Oxigraph scales.

Goal: p95 <= 100 ms for every library query at 1,000 documents.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyoxigraph as ox  # noqa: E402
from synthetic import CORPUS, write_corpus  # noqa: E402

from plankg.build import build_many, load_vocabulary  # noqa: E402
from plankg.queries import bindings_for, library  # noqa: E402
from plankg.store import LOAD_LOG_GRAPH, select  # noqa: E402
from plankg.store.base import log_lines  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
PK_DOCUMENT_ID = "https://w3id.org/plankg/ontology#documentId"


# `--doc`: the document the queries that take one are asked about, instead of their
# example. Passed to the timing children (spawned) through the environment.
DOC_VARIABLE = "PLANKG_BENCHMARK_DOC"


def example_params(name: str) -> dict[str, str]:
    params = {p.name: p.example for p in library()[name].parameters if p.example is not None}
    document = os.environ.get(DOC_VARIABLE)
    if document and "doc" in params:
        from plankg.identity import document_iri

        params["doc"] = str(document_iri(document))
    return params


def build_store(folder: Path, paths: list[Path], jobs: int) -> ox.Store:
    store = ox.Store(str(folder))
    load_vocabulary(store)
    started = time.perf_counter()
    for done, event in enumerate(build_many(paths, store=store, out_dir=None, jobs=jobs), 1):
        if event.error:
            print(f"  failed: {event.error}", file=sys.stderr)
        if done % 50 == 0:
            rate = done / (time.perf_counter() - started)
            print(f"  {done}/{len(paths)} documents ({rate:.1f}/s)", file=sys.stderr)
    store.flush()
    store.optimize()
    return store


def graph_variants(store: ox.Store, count: int, small: ox.Store) -> None:
    """Load ``count`` renamed copies of the small store's document graphs into ``store``."""
    from synthetic import county_names

    names = county_names()
    by_graph: dict[str, str] = {}
    # Document graphs and their phrase indexes only: the vocabulary, the load log and the
    # summary are the store's own (copies of the last two once made 400 of "1,000
    # documents" bookkeeping graphs).
    documents_of = {
        q.graph_name.value
        for q in small.quads_for_pattern(None, ox.NamedNode(PK_DOCUMENT_ID), None, None)
        if isinstance(q.graph_name, ox.NamedNode)
    }
    for graph in sorted(g.value for g in small.named_graphs() if isinstance(g, ox.NamedNode)):
        if graph not in documents_of and graph.removesuffix("/index") not in documents_of:
            continue
        dump = small.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
        by_graph[graph] = (dump or b"").decode("utf-8")
    documents = sorted({g.split("/graph/")[1].split("/")[0] for g in by_graph})
    started = time.perf_counter()
    for index in range(count):
        doc_id = documents[index % len(documents)]
        new_id = f"{doc_id}-g{index:04d}"
        county = names[(index * 7919) % len(names)]
        chunks = []
        targets: list[str] = []
        for graph, text in by_graph.items():
            if f"/graph/{doc_id}" not in graph:
                continue
            renamed = (
                text.replace(f"/doc/{doc_id}/", f"/doc/{new_id}/")
                .replace(f"/doc/{doc_id}>", f"/doc/{new_id}>")
                .replace(f"/graph/{doc_id}/", f"/graph/{new_id}/")
                .replace(f'"{doc_id}"', f'"{new_id}"')
                .replace("渝北区", county)
                .replace("渝北", county[:-1])
            )
            target = graph.replace(f"/graph/{doc_id}", f"/graph/{new_id}")
            chunks.append(renamed.replace(" .\n", f" <{target}> .\n"))
            targets.append(target)
        store.bulk_load(input="".join(chunks).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        # Recorded in the load log as a build records what it loaded: the summary
        # counts logged documents only.
        log = log_lines(targets, f"variant-{index}")
        store.update(f"INSERT DATA {{ GRAPH <{LOAD_LOG_GRAPH}> {{ {log} }} }}")
        if (index + 1) % 100 == 0:
            rate = (index + 1) / (time.perf_counter() - started)
            print(f"  {index + 1}/{count} documents ({rate:.1f}/s)", file=sys.stderr)


def selected(only: list[str] | None) -> list[str]:
    """Library query names, all of them or the ones ``--only`` names (in library order)."""
    names = list(library())
    unknown = set(only or ()) - set(names)
    if unknown:
        raise SystemExit(f"no such library query: {', '.join(sorted(unknown))}")
    return [name for name in names if not only or name in only]


ALL_PAGES_REPEAT = 3


def _oxigraph_worker(folder: str, name: str, repeat: int, queue: multiprocessing.Queue) -> None:
    """Times a query: once cold (first run in a fresh process), ``repeat`` times warm,
    and, for a paged query, its whole answer (every page in one query) a few times."""
    store = ox.Store.read_only(folder)
    query = library()[name]
    params = example_params(name)
    bindings = bindings_for(query, params)
    for run in range(repeat + 1):
        start = time.perf_counter()
        _, rows = select(store, query.text, bindings)
        queue.put(("first" if run == 0 else "warm", time.perf_counter() - start, len(rows)))
    if "page" in params:
        whole = bindings_for(query, {k: v for k, v in params.items() if k != "page"})
        for _ in range(ALL_PAGES_REPEAT):
            start = time.perf_counter()
            _, rows = select(store, query.text, whole)
            queue.put(("all", time.perf_counter() - start, len(rows)))
    queue.put(("done", 0.0, 0))


class OxigraphTimes:
    """One query's timings on one store (seconds)."""

    def __init__(self) -> None:
        self.first: float | None = None
        self.warm: list[float] = []
        self.all_pages: list[float] = []
        self.rows: int | None = None
        self.all_rows: int | None = None


def time_oxigraph(
    folder: Path, repeat: int, timeout: float, names: list[str]
) -> dict[str, OxigraphTimes]:
    """Each query in a child process on a read-only store, stopped after ``timeout`` s.

    Also records how many rows each query returned: a query's time has a floor set by
    the size of its answer.
    """
    results: dict[str, OxigraphTimes] = {}
    context = multiprocessing.get_context("spawn")
    for name in names:
        queue: multiprocessing.Queue = context.Queue()
        process = context.Process(target=_oxigraph_worker, args=(str(folder), name, repeat, queue))
        process.start()
        times = results[name] = OxigraphTimes()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                kind, elapsed, rows = queue.get(timeout=max(0.1, deadline - time.monotonic()))
            except Exception:  # noqa: BLE001 - queue.Empty: time is up
                break
            if kind == "done":
                break
            if kind == "first":
                times.first, times.rows = elapsed, rows
            elif kind == "warm":
                times.warm.append(elapsed)
            else:
                times.all_pages.append(elapsed)
                times.all_rows = rows
        process.kill()
        process.join()
        shown = (
            f"{statistics.median(times.warm) * 1000:.0f} ms" if times.warm else f"> {timeout:.0f} s"
        )
        print(f"  {name}: {shown} ({len(times.warm)} warm runs)", file=sys.stderr)
    return results


def _rdflib_worker(paths: list[str], name: str, repeat: int, queue: multiprocessing.Queue) -> None:
    from rdflib import Dataset

    from plankg.remote import substitute

    dataset = Dataset(default_union=True)
    for path in paths:
        dataset.parse(path, format="nquads")
    query = library()[name]
    # Parameters bound exactly as for Oxigraph (plankg.store.select): same query text.
    text = substitute(query.text, bindings_for(query, example_params(name)))
    queue.put("parsed")  # the time limit counts from here: parsing is not the query
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            list(dataset.query(text))
        except Exception as error:  # noqa: BLE001 - rdflib's own evaluation errors
            queue.put(f"error: {type(error).__name__}")
            return
        queue.put(time.perf_counter() - start)


def time_rdflib(
    nquads: list[Path], repeat: int, timeout: float, names: list[str]
) -> tuple[dict[str, list[float] | None], dict[str, str]]:
    """Each query in a child process that is killed after ``timeout`` seconds.

    Returns the timings and, per query rdflib could not evaluate, its error.
    """
    timings: dict[str, list[float] | None] = {}
    errors: dict[str, str] = {}
    context = multiprocessing.get_context("fork")
    for name in names:
        queue: multiprocessing.Queue = context.Queue()
        process = context.Process(
            target=_rdflib_worker, args=([str(p) for p in nquads], name, repeat, queue)
        )
        process.start()
        samples: list[float] = []
        try:
            queue.get(timeout=600)  # "parsed"
        except Exception:  # noqa: BLE001 - queue.Empty: could not even load the data
            process.kill()
            process.join()
            timings[name] = None
            continue
        deadline = time.monotonic() + timeout
        failed = ""
        while len(samples) < repeat and time.monotonic() < deadline:
            try:
                sample = queue.get(timeout=max(0.1, deadline - time.monotonic()))
            except Exception:  # noqa: BLE001 - queue.Empty: time is up
                break
            if isinstance(sample, str):  # rdflib could not evaluate the query
                failed = sample
                break
            samples.append(sample)
        process.kill()
        process.join()
        timings[name] = samples or None
        if failed:
            errors[name] = failed
        shown = f"{statistics.median(samples) * 1000:.0f} ms" if samples else f"> {timeout:.0f} s"
        print(f"  rdflib {name}: {failed or shown} ({len(samples)} runs)", file=sys.stderr)
    return timings, errors


def summary(samples: list[float] | None) -> tuple[float, float] | None:
    if not samples:
        return None
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rdflib-documents", type=int, default=3)
    parser.add_argument("--rdflib-timeout", type=float, default=60.0)
    parser.add_argument(
        "--oxigraph-timeout",
        type=float,
        default=20.0,
        help="seconds a query may run on Oxigraph before it is reported as over",
    )
    parser.add_argument(
        "--skip-big", action="store_true", help="time only the small store and rdflib"
    )
    parser.add_argument("--only", help="comma-separated library query names to time")
    parser.add_argument(
        "--doc",
        help="a document id: time only the queries that take a document, asked about this "
        "one instead of their example (e.g. a State Council report, whose bodies and "
        "places recur in a third of the generated documents)",
    )
    parser.add_argument(
        "--skip-rdflib", action="store_true", help="no rdflib baseline (development runs)"
    )
    parser.add_argument(
        "--from-text",
        action="store_true",
        help="run the pipeline on text variants instead of renaming graphs",
    )
    args = parser.parse_args()

    small_paths = sorted(CORPUS.glob("*.txt"))[: args.rdflib_documents]
    small_folder = OUT / "store-small"
    # Built, or brought up to date: unchanged documents are skipped, and graphs of an
    # older store format rebuilt.
    small = build_store(small_folder, small_paths, 1)
    nquads_dir = OUT / "nquads-small"
    nquads_dir.mkdir(parents=True, exist_ok=True)
    small_dump = nquads_dir / "small.nq"
    small.dump(str(small_dump), format=ox.RdfFormat.N_QUADS)

    kind = "text" if args.from_text else "graphs"
    big_folder = OUT / f"store-{args.documents}-{kind}"
    if not big_folder.exists():
        print(f"making {args.documents} documents into {big_folder} …", file=sys.stderr)
        started = time.perf_counter()
        if args.from_text:
            big = build_store(big_folder, write_corpus(OUT / "corpus", args.documents), args.jobs)
        else:
            big = ox.Store(str(big_folder))
            load_vocabulary(big)
            graph_variants(big, args.documents, small)
        # The bundled documents too, so the example parameters name real documents.
        list(build_many(sorted(CORPUS.glob("*.txt")), store=big, out_dir=None))
        big.flush()
        big.optimize()
        print(f"  made in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        del big  # the timing children open it read-only
    small_quads = len(small)
    del small

    names = selected(args.only.split(",") if args.only else None)
    if args.doc:
        os.environ[DOC_VARIABLE] = args.doc
        names = [n for n in names if any(p.name == "doc" for p in library()[n].parameters)]
        print(f"queries that take a document, asked about {args.doc}", file=sys.stderr)
    big_times = (
        time_oxigraph(big_folder, args.repeat, args.oxigraph_timeout, names)
        if not args.skip_big
        else {name: OxigraphTimes() for name in names}
    )
    small_times = time_oxigraph(small_folder, args.repeat, args.oxigraph_timeout, names)
    rdflib_times, rdflib_errors = (
        time_rdflib([small_dump], min(args.repeat, 5), args.rdflib_timeout, names)
        if not args.skip_rdflib
        else ({name: None for name in names}, {})
    )

    print(
        f"\nOxigraph store: {args.documents} + 3 documents ({kind}); small store: "
        f"{len(small_paths)} documents, {small_quads:,} quads; repeat {args.repeat} warm runs "
        f"after one first (cold) run; paged queries time page 1, and every page in one "
        f"query ({ALL_PAGES_REPEAT} runs)"
    )
    print(
        f"{'query':<28} {'rows@N':>7} {'first@N':>8} {'p50@N':>7} {'p95@N':>7} "
        f"{'all pages@N':>18} {'oxi@3':>7} {'rdflib@3':>9} {'rdflib/oxi':>10}  goal"
    )
    over = []
    for name in names:
        big = big_times[name]
        big_summary = summary(big.warm)
        small_summary = summary(small_times[name].warm)
        baseline = summary(rdflib_times[name])
        timeout = f">{args.oxigraph_timeout:.0f}s"
        missing = "skipped" if args.skip_big else timeout
        cells = [
            f"{name:<28}",
            f"{big.rows:7d}" if big.rows is not None else f"{'?':>7}",
            f"{big.first * 1000:8.1f}" if big.first is not None else f"{missing:>8}",
        ]
        if big_summary:
            cells += [f"{big_summary[0]:7.1f}", f"{big_summary[1]:7.1f}"]
        else:
            cells += [f"{missing:>7}", f"{missing:>7}"]
        if big.all_pages:
            whole = f"{statistics.median(big.all_pages) * 1000:.0f} ms ({big.all_rows} rows)"
            cells.append(f"{whole:>18}")
        else:
            cells.append(f"{'--':>18}")
        cells.append(f"{small_summary[0]:7.1f}" if small_summary else f"{timeout:>7}")
        if args.skip_rdflib:
            cells.append(f"{'skipped':>9}")
        else:
            over_time = "error" if name in rdflib_errors else f">{args.rdflib_timeout:.0f}s"
            cells.append(f"{baseline[0]:9.1f}" if baseline else f"{over_time:>9}")
        if baseline and small_summary:
            cells.append(f"{baseline[0] / small_summary[0]:9.0f}x")
        else:
            cells.append(f"{'--':>10}")
        ok = big_summary is not None and big_summary[1] <= 100
        if not ok:
            over.append(name)
        cells.append("ok" if ok else "OVER")
        print(" ".join(cells))
    print(
        f"\n{len(names) - len(over)} of {len(names)} queries meet p95 <= 100 ms (warm runs) at "
        f"{args.documents} documents; over: {', '.join(over) or 'none'}"
    )


if __name__ == "__main__":
    main()
