"""Load on ``plankg serve``: concurrent clients on loopback for a fixed time, then it stops.

    .venv/bin/python benchmarks/load_serve.py [--clients 50] [--duration 30] [--store DIR]
        [--baseline DIR]

Starts ``plankg serve`` on a free 127.0.0.1 port over a store of the bundled documents
(built in a temporary folder unless --store names one) and runs the clients against a mix
of requests: who lookups (``/api/who``) for names and phrases the store holds, library
queries (``/api/query/<name>`` with each query's examples) and explorer pages (who,
place, commitment, document and query pages). Prints requests, errors, throughput and
p50/p95/p99 latency per kind of request.

The load runs twice against this plankg, with its response cache (the default) and with
``--no-cache`` (every page rendered and every query run anew). With ``--baseline DIR`` (a
checkout of an older plankg, e.g. ``git -C /work/main archive HEAD | tar -x -C /tmp/old``)
it runs a third time against that version's ``plankg serve`` on the same store, and the
three are compared in one report: figures from one run, on one machine state. Only
requests both versions serve are used.
Traffic never leaves 127.0.0.1; every loop is bounded by the duration and a request cap.
Exit status 1 when any request failed.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"  # loopback only, by construction
MAX_REQUESTS = 1_000_000  # a hard cap besides the clock
KINDS = ("who", "query", "page")


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in KINDS})
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def total(self) -> int:
        return sum(len(v) for v in self.latencies.values()) + len(self.errors)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def plankg_command(source: Path) -> list[str]:
    """``plankg`` of the code in ``source`` (this checkout or the baseline's)."""
    code = f"import sys; sys.path.insert(0, {str(source)!r}); from plankg.cli import main; " \
           "sys.exit(main())"
    return [sys.executable, "-c", code]


def request(port: int, path: str, timeout: float) -> tuple[int, int]:
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        accept = "application/json" if path.startswith("/api/") else "text/html"
        connection.request("GET", path, headers={"Accept": accept})
        response = connection.getresponse()
        body = response.read()
        return response.status, len(body)
    finally:
        connection.close()


def workload(store_path: Path, baseline: Path | None) -> list[tuple[str, str]]:
    """(kind, path) pairs: names and phrases from the store, the library's examples."""
    from plankg.identity import document_iri
    from plankg.queries import library
    from plankg.store import open_store
    from plankg.tables import run_library_query

    store = open_store(store_path, read_only=True)
    older = {p.stem for p in (baseline / "queries").glob("*.rq")} if baseline else None
    documents = sorted({r["id"] for r in run_library_query(store, "documents")})
    entities = run_library_query(store, "entities", {"page": "1"})
    names = [r["name"] for r in entities if r["category"] in ("place", "organization")][:40]
    places = [r["name"] for r in entities if r["category"] == "place"][:12]
    phrases = ["污水处理", "就业", "生态环境", "科技创新", "乡村振兴", "营商环境"]
    items = [
        (doc, r["path"])
        for doc in documents
        for r in run_library_query(store, "commitments", {"doc": str(document_iri(doc)),
                                                         "level_filter": "item"})[:15]
    ]
    mix: list[tuple[str, str]] = []
    for term in [*phrases, *names]:
        mix.append(("who", "/api/who?" + urllib.parse.urlencode({"q": term})))
    for query in library().values():
        if older is not None and query.name not in older:
            continue
        examples = {p.name: p.example for p in query.parameters if p.example}
        required = [p.name for p in query.parameters if not p.optional]
        if all(name in examples for name in required):
            mix.append(("query", f"/api/query/{query.name}?" + urllib.parse.urlencode(examples)))
    for term in phrases:
        mix.append(("page", "/who?" + urllib.parse.urlencode({"q": term})))
    for place in places:
        mix.append(("page", "/place?" + urllib.parse.urlencode({"name": place})))
    for doc, path in items:
        mix.append(("page", urllib.parse.quote(f"/commitment/{doc}/{path}")))
    for doc in documents:
        mix.append(("page", urllib.parse.quote(f"/document/{doc}")))
    mix.append(("page", "/queries/targets_by_indicator?q=" + urllib.parse.quote("就业")))
    return mix


def client(
    port: int, mix: list[tuple[str, str]], index: int, deadline: float, tally: Tally,
    timeout: float
) -> None:
    turn = index * 7  # clients start at different places of the mix
    while time.monotonic() < deadline:
        with tally.lock:
            if tally.total() >= MAX_REQUESTS:
                return
        kind, path = mix[turn % len(mix)]
        turn += 1
        started = time.perf_counter()
        try:
            status, size = request(port, path, timeout)
            error = None if status == 200 and size > 0 else f"{path}: HTTP {status}"
        except (OSError, http.client.HTTPException) as exc:
            error = f"{path}: {type(exc).__name__}: {exc}"
        elapsed = time.perf_counter() - started
        with tally.lock:
            if error:
                tally.errors.append(error)
            else:
                tally.latencies[kind].append(elapsed)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q) - 1]


def build_store(folder: Path) -> Path:
    store = folder / "store"
    done = subprocess.run(
        [*plankg_command(ROOT), "--store", str(store), "build", str(ROOT / "corpus"),
         "--no-files"],
        capture_output=True, text=True, cwd=ROOT, check=False, timeout=900,
    )
    if done.returncode != 0:
        raise SystemExit(f"build failed: {done.stderr}")
    return store


def start_server(
    source: Path, store: Path, port: int, log: Path, options: tuple[str, ...] = ()
) -> subprocess.Popen[str]:
    with log.open("w") as stream:
        server = subprocess.Popen(
            [*plankg_command(source), "--store", str(store), "serve", "--host", HOST,
             "--port", str(port), *options],
            cwd=source, stdout=subprocess.DEVNULL, stderr=stream, text=True,
            env={**os.environ, "PYTHONPATH": str(source)},
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"plankg serve ({source}) exited: {log.read_text()}")
        try:
            if request(port, "/api/queries", 5)[0] == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("plankg serve did not answer within 60 s")


def run_load(
    source: Path, store: Path, mix: list[tuple[str, str]], args: argparse.Namespace, log: Path,
    options: tuple[str, ...] = (),
) -> tuple[Tally, float]:
    port = free_port()
    server = start_server(source, store, port, log, options)
    try:
        for _, path in mix:  # warm caches; fail early on a broken request
            status, _ = request(port, path, args.timeout)
            if status != 200:
                raise SystemExit(f"{source}: {path}: HTTP {status} before the load started")
        tally = Tally()
        deadline = time.monotonic() + args.duration
        started = time.perf_counter()
        threads = [
            threading.Thread(target=client, args=(port, mix, i, deadline, tally, args.timeout))
            for i in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    return tally, wall


def report(label: str, tally: Tally, wall: float) -> float:
    done = [x for values in tally.latencies.values() for x in values]
    print(f"\n{label}: {wall:.1f} s wall")
    print(f"{'kind':<8} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name, values in [*tally.latencies.items(), ("all", done)]:
        print(
            f"{name:<8} {len(values):>8} {len(values) / wall:>7.1f} "
            f"{percentile(values, 50) * 1000:>8.0f} {percentile(values, 95) * 1000:>8.0f} "
            f"{percentile(values, 99) * 1000:>8.0f}"
        )
    print(f"errors: {len(tally.errors)}")
    for error in sorted(set(tally.errors))[:10]:
        print(f"  {error}")
    return len(done) / wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per request")
    parser.add_argument("--store", type=Path, help="an existing store (default: build one)")
    parser.add_argument("--baseline", type=Path, help="a checkout of the plankg to compare with")
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 500 or not 0 < args.duration <= 600:
        parser.error("clients must be 1..500 and duration 0..600 s")
    cli = ("cli.py", "cli/__init__.py")  # a module before plankg 0.1's split, then a package
    if args.baseline and not any((args.baseline / "plankg" / c).is_file() for c in cli):
        parser.error(f"{args.baseline}: no plankg checkout there")

    with tempfile.TemporaryDirectory(prefix="plankg-load-") as tmp:
        store = args.store or build_store(Path(tmp))
        mix = workload(store, args.baseline)
        kinds = {k: sum(1 for kind, _ in mix if kind == k) for k in KINDS}
        print(f"plankg serve under load: {args.clients} clients for {args.duration:g} s "
              f"(requests in flight at the deadline finish); {len(mix)} distinct requests "
              f"({kinds['who']} who lookups, {kinds['query']} library queries, "
              f"{kinds['page']} pages), taken in turn")
        runs: list[tuple[str, Path, tuple[str, ...]]] = [
            ("this plankg", ROOT, ()),
            ("this plankg --no-cache", ROOT, ("--no-cache",)),
        ]
        if args.baseline:
            runs.append((f"baseline {args.baseline}", args.baseline, ()))
        results = []
        for label, source, options in runs:
            tally, wall = run_load(source, store, mix, args, Path(tmp) / "serve.log", options)
            results.append((label, tally, report(label, tally, wall)))
    if args.baseline:
        *mine, (_, old, old_rate) = results
        old_all = [x for v in old.latencies.values() for x in v]
        print()
        for label, tally, rate in mine:
            done = [x for v in tally.latencies.values() for x in v]
            print(f"{label}: {rate:.1f} vs {old_rate:.1f} req/s = {rate / old_rate:.2f}x the "
                  f"baseline; p95 {percentile(done, 95) * 1000:.0f} vs "
                  f"{percentile(old_all, 95) * 1000:.0f} ms")
    return 1 if any(tally.errors for _, tally, _ in results) else 0


if __name__ == "__main__":
    sys.exit(main())
