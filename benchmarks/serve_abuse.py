"""Hostile requests against ``plankg serve``, then how quickly it answers and how much
memory it holds.

    .venv/bin/python benchmarks/serve_abuse.py [--store DIR] [--timeout 10] [--half-open 2000]
        [--server-workers 2]

Starts ``plankg serve`` on a free 127.0.0.1 port (store of corpus/ built in a temporary
folder unless --store names one), measures its resident memory (server, fork server and
query workers), then sends at once: four cartesian-product queries (two with ORDER BY), a
``(!<p>)*`` path, a 1 MB query, 10,000 UNIONs and 3,000 nested braces. When they have
been answered it times a one-triple ASK and measures memory again; then it opens
``--half-open`` connections that send half a request, checks that the server still answers
and that they are all closed after the request timeout. Traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import socket
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from serving import ROOT, Server, build_store, fetch, serving  # noqa: E402

PK = "PREFIX pk: <https://w3id.org/plankg/ontology#> "
ASK = PK + "ASK { ?d a pk:Document }"
HOSTILE = {
    "cartesian count": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "cartesian": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "cartesian ORDER BY": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?e",
    "cartesian ORDER BY DESC": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY DESC(?f)",
    "(!<p>)* path": "SELECT * WHERE { ?a (!<http://example.org/p>)* ?b . ?c ?d ?e }",
    "1 MB query": "# " + "x" * 1_000_000 + "\nASK {}",
    "10,000 UNIONs": "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 10_000) + " }",
    "3,000 nested braces": "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000,
}


def post(server: Server, query: str, timeout: float) -> tuple[int, float]:
    started = time.perf_counter()
    status, _, _ = fetch(
        f"{server.base}/sparql",
        data=query.encode(),
        headers={"Content-Type": "application/sparql-query"},
        timeout=timeout,
    )
    return status, time.perf_counter() - started


def ask(server: Server) -> tuple[int, float]:
    started = time.perf_counter()
    status, _, _ = fetch(f"{server.base}/sparql?" + urllib.parse.urlencode({"query": ASK}))
    return status, time.perf_counter() - started


def half_open(server: Server, count: int, wait: float) -> tuple[int, int, int]:
    """(opened, closed by the server after the timeout, ASK status meanwhile)."""
    sockets = []
    for _ in range(count):
        connection = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        connection.sendall(b"GET /sparql?query=ASK")
        sockets.append(connection)
    status, _ = ask(server)
    time.sleep(wait)
    closed = 0
    for connection in sockets:
        connection.settimeout(5)
        try:
            if connection.recv(1) == b"":
                closed += 1
        except OSError:
            closed += 1
        connection.close()
    return len(sockets), closed, status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path)
    parser.add_argument("--timeout", type=float, default=10.0, help="the server's query limit")
    parser.add_argument("--half-open", type=int, default=2000)
    parser.add_argument("--server-workers", type=int, default=2, help="server processes")
    args = parser.parse_args(argv)
    if not 0 <= args.half_open <= 5000:
        parser.error("--half-open must be 0..5000")
    with tempfile.TemporaryDirectory(prefix="plankg-abuse-") as tmp:
        store = args.store or build_store(Path(tmp) / "store", ROOT / "corpus")
        options = ("--timeout", str(args.timeout), "--request-timeout", "5",
                   "--server-workers", str(args.server_workers))
        with serving(store, *options) as server:
            for _ in range(3):
                ask(server)
            start_rss = server.rss_mb()
            _, warm = ask(server)
            print(f"before: RSS {start_rss:.0f} MiB, one-triple ASK {warm * 1000:.0f} ms")
            with concurrent.futures.ThreadPoolExecutor(len(HOSTILE)) as threads:
                futures = {
                    name: threads.submit(post, server, query, args.timeout * 4)
                    for name, query in HOSTILE.items()
                }
                peak = start_rss
                while not all(f.done() for f in futures.values()):
                    peak = max(peak, server.rss_mb())
                    time.sleep(0.1)
            for name, future in futures.items():
                status, seconds = future.result()
                print(f"  {name:<24} HTTP {status}  {seconds:6.2f} s")
            status, seconds = ask(server)
            time.sleep(1.0)
            end_rss = server.rss_mb()
            print(f"after: one-triple ASK HTTP {status} in {seconds * 1000:.0f} ms; "
                  f"RSS peak {peak:.0f} MiB, 1 s later {end_rss:.0f} MiB "
                  f"({(end_rss / start_rss - 1) * 100:+.0f}% of the start)")
            ok = status == 200 and seconds < 1.0 and end_rss <= start_rss * 1.2
            alive = server.process.poll() is None
            if args.half_open:
                opened, closed, during = half_open(server, args.half_open, 7.0)
                print(f"half-open: {opened} connections, ASK meanwhile HTTP {during}, "
                      f"{closed} closed by the server 7 s later (request timeout 5 s)")
                ok = ok and closed == opened and during == 200
            print(f"server alive: {alive}")
            return 0 if ok and alive else 1


if __name__ == "__main__":
    sys.exit(main())
