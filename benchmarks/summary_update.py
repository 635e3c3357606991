"""One document's update of the corpus summary at 100 and at 10,000 documents, same run.

    .venv/bin/python benchmarks/summary_update.py [--documents 100 10000] [--repeat 3]

For each corpus size N, a store of N generated documents (kept under benchmarks/out/
between runs): graph-level variants of the three bundled documents, each with its own
id; a variant of the Yubei plan also gets its own county (a name from the national
division data) and its own towns (the county's name before each town's), as every real
county has. So that 10,000 documents fit on this machine, the corpus documents keep
only the statements the summary reads (about 3,000 of some 30,000 each: types, names,
mentions, commitments' levels and involvements, containment, bodies, indicators); the
documents whose update is timed are whole, with their phrase index. The corpus is
logged as loaded and its summary computed once (reported as "whole"), then, timed:

* **add**: a new document of a later year than any (a new year's report), loaded with
  the bulk loader like a build's, then ``ensure_summary``;
* **add (earlier year)**: the same for a document of a year inside the corpus, which
  falls in the middle of its names' document pages;
* **replace**: the first added document replaced by an edited version;
* **remove**: the second one removed;
* **nothing changed**: what every ``plankg build`` does besides its documents,
  ``load_vocabulary`` (nothing to do while the vocabulary files are the same) and
  ``ensure_summary`` (up to date).

Each is the median of ``--repeat`` runs on different documents; the summary is checked
to have been updated piecewise (no recomputation). Goal: at 10,000 documents within 2×
of the same update at 100.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyoxigraph as ox  # noqa: E402
from synthetic import CORPUS, county_names  # noqa: E402

import plankg.summary_refresh as refresh_module  # noqa: E402
from plankg.build import build_many, load_vocabulary, remove_documents  # noqa: E402
from plankg.namespaces import ID  # noqa: E402
from plankg.store import LOAD_LOG_GRAPH, open_store  # noqa: E402
from plankg.store.base import log_lines  # noqa: E402
from plankg.summary import ensure_summary  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
GRAPH = str(ID["graph/"])
PK = "https://w3id.org/plankg/ontology#"
KEEP = {
    PK + name for name in (
        "placeType", "organizationType", "projectType", "sloganKind", "documentId", "year",
        "adminLevel", "issuer", "refersTo", "commitmentLevel", "involvesPlace",
        "involvesOrganization", "involvesProject", "locatedIn", "company", "body",
        "indicatorLabel", "indicator",
    )
} | {
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://www.w3.org/2004/02/skos/core#exactMatch",
}
CLASSES = {PK + c for c in ("Place", "Project", "Slogan", "Company")} | {
    "http://www.w3.org/ns/org#Organization"
}
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SOURCES = ("yubei-2020-plan", "state-council-work-report-2019", "state-council-work-report-2021")


def small_store() -> ox.Store:
    folder = OUT / "summary-small"
    store = ox.Store(str(folder))
    load_vocabulary(store)
    list(build_many([CORPUS / f"{doc}.txt" for doc in SOURCES], store=store, out_dir=None))
    return store


def graph_text(store: ox.Store, graph: str) -> str:
    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
    return (data or b"").decode("utf-8")


def trimmed(text: str) -> str:
    kept = []
    for line in text.splitlines(keepends=True):
        predicate = line.split(" ", 2)[1]
        if predicate == RDF_TYPE:
            if line.split(" ", 3)[2][1:-1] in CLASSES:
                kept.append(line)
        elif predicate[1:-1] in KEEP:
            kept.append(line)
    return "".join(kept)


def towns(store: ox.Store) -> list[str]:
    """Names of the places inside 渝北区 (any depth), longest first."""
    query = (
        "SELECT DISTINCT ?name WHERE { GRAPH ?g { ?d <http://www.w3.org/2000/01/rdf-schema#"
        "label> \"渝北区\"@zh . ?p <https://w3id.org/plankg/ontology#locatedIn>+ ?d . ?p <http:"
        "//www.w3.org/2000/01/rdf-schema#label> ?name } }"
    )
    names = {s["name"].value for s in store.query(query)}  # type: ignore[union-attr]
    return sorted(names, key=lambda n: (-len(n), n))


class Variants:
    """Renamed copies of the bundled documents' graphs (one regex pass per copy)."""

    def __init__(self, store: ox.Store) -> None:
        self.texts = {doc: {s: graph_text(store, f"{GRAPH}{doc}{s}") for s in ("", "/index")}
                      for doc in SOURCES}
        self.trimmed = {doc: trimmed(self.texts[doc][""]) for doc in SOURCES}
        self.towns = towns(store)
        self.counties = county_names()

    def county(self, index: int) -> str:
        base = self.counties[(index * 7919) % len(self.counties)]
        return "新" * (index // len(self.counties)) + base  # unique per index

    def make(self, index: int, whole: bool, year: int | None = None) -> tuple[str, dict[str, str]]:
        source = SOURCES[index % 3]
        new_id = f"{source}-v{index:05d}"
        county = self.county(index)
        table = {f"/{source}/": f"/{new_id}/", f"/{source}>": f"/{new_id}>",
                 f'"{source}"': f'"{new_id}"'}
        if source.startswith("yubei"):
            table |= {town: county[:-1] + town for town in self.towns}
            table |= {"渝北区": county, "渝北": county[:-1]}
        if year is not None:
            table['#year> "2020"^^'] = f'#year> "{year}"^^'
        pattern = re.compile("|".join(re.escape(k) for k in sorted(table, key=len, reverse=True)))
        graphs = {}
        for suffix in ("", "/index") if whole else ("",):
            text = self.texts[source][suffix] if whole else self.trimmed[source]
            graphs[f"{GRAPH}{new_id}{suffix}"] = pattern.sub(lambda m: table[m.group()], text)
        return new_id, graphs


def load(store: ox.Store, graphs: dict[str, str], sha: str) -> None:
    quads = "".join(
        line[:-3] + f" <{graph}> .\n" for graph, text in graphs.items()
        for line in text.splitlines(keepends=True)
    )
    store.bulk_load(quads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    for graph in graphs:
        store.update(f"DELETE WHERE {{ GRAPH <{LOAD_LOG_GRAPH}> {{ <{graph}> ?p ?o }} }}")
    store.update(f"INSERT DATA {{ GRAPH <{LOAD_LOG_GRAPH}> {{ {log_lines(graphs, sha)} }} }}")


def corpus(variants: Variants, count: int) -> Path:
    folder = OUT / f"summary-{count}"
    done = folder / "corpus-complete"
    if done.exists():
        return folder
    store = open_store(folder)
    load_vocabulary(store)
    started = time.perf_counter()
    # A run stopped after loading (its summary not made) goes on from there.
    loaded = len(store.load_log()) - 1  # the vocabulary is logged too
    for start in range(loaded, count, 100):
        batch: dict[str, str] = {}
        log = []
        for index in range(start, min(start + 100, count)):
            _, graphs = variants.make(index, whole=False)
            batch |= graphs
            log += list(graphs)
        store.bulk_load("".join(
            line[:-3] + f" <{graph}> .\n" for graph, text in batch.items()
            for line in text.splitlines(keepends=True)).encode("utf-8"),
            format=ox.RdfFormat.N_QUADS)
        store.update(f"INSERT DATA {{ GRAPH <{LOAD_LOG_GRAPH}> {{ {log_lines(log, 'v')} }} }}")
        if (start // 100) % 10 == 9:
            print(f"  {start + 100}/{count} documents loaded "
                  f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    started = time.perf_counter()
    ensure_summary(store)
    print(f"  {count} documents: whole summary in {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
    store.flush()
    done.write_text("ok\n")
    return folder


def timed_update(store: object) -> float:
    recomputed: list[int] = []
    whole = refresh_module.refresh_summary
    refresh_module.refresh_summary = lambda *a, **k: recomputed.append(1) or whole(*a, **k)
    try:
        started = time.perf_counter()
        assert ensure_summary(store)
        elapsed = time.perf_counter() - started
    finally:
        refresh_module.refresh_summary = whole
    if recomputed:
        raise SystemExit("the update recomputed the whole summary")
    return elapsed


def measure(variants: Variants, count: int, repeat: int) -> dict[str, list[float]]:
    store = open_store(corpus(variants, count))
    ensure_summary(store)  # the totals beside the store, if another run left none
    load_vocabulary(store)  # a store made before the vocabulary's hash was of its files
    ensure_summary(store)
    times: dict[str, list[float]] = {
        "add": [], "add (earlier year)": [], "replace": [], "remove": [],
        "nothing changed": [],
    }
    for run in range(repeat):
        # What every `plankg build` does besides its documents: the vocabulary (left as
        # it is when its files are) and the summary (already up to date).
        started = time.perf_counter()
        load_vocabulary(store)
        assert not ensure_summary(store)
        times["nothing changed"].append(time.perf_counter() - started)
        # Indexes no corpus uses, the same at every size: yubei variants (new county).
        index = 900_000 + 3 * run
        new_id, graphs = variants.make(index, whole=True, year=2030)
        load(store, graphs, f"new-{run}")
        times["add"].append(timed_update(store))
        _, graphs = variants.make(index + 3 * repeat, whole=True, year=2019)
        load(store, graphs, f"mid-{run}")
        times["add (earlier year)"].append(timed_update(store))
        # Replaced: the first new document, edited (a target's figure changed).
        edited = {g: t.replace('"2020"^^', '"2021"^^', 1) for g, t in
                  variants.make(index, whole=True, year=2030)[1].items()}
        load(store, edited, f"edited-{run}")
        times["replace"].append(timed_update(store))
        # Removed again (the corpus is left as it was): the update alone is timed.
        middle_id = variants.make(index + 3 * repeat, whole=False)[0]
        remove_documents(store, [middle_id], summary=False)
        times["remove"].append(timed_update(store))
        remove_documents(store, [new_id])
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, nargs="+", default=[100, 10_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    variants = Variants(small_store())
    results = {count: measure(variants, count, args.repeat) for count in args.documents}
    base = min(args.documents)
    for count, times in results.items():
        for what, samples in times.items():
            median = statistics.median(samples)
            ratio = median / statistics.median(results[base][what])
            print(f"{count:>6} documents, {what:<20} median {median * 1000:7.0f} ms "
                  f"({', '.join(f'{s * 1000:.0f}' for s in samples)}); {ratio:.2f}x {base}")


if __name__ == "__main__":
    main()
