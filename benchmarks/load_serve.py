"""Load on ``plankg serve``: concurrent clients on loopback for a fixed time, then it stops.

    .venv/bin/python benchmarks/load_serve.py [--clients 50] [--duration 30] [--store DIR]

Starts ``plankg serve`` on a free 127.0.0.1 port over a store of the bundled documents (built
in a temporary folder unless --store names one), runs the clients against
``/api/who?q=污水处理`` and one library query (alternating), and prints requests, errors,
throughput and p50/p95/p99 latency per endpoint. Traffic never leaves 127.0.0.1; every loop
is bounded by the duration and a request cap. Exit status 1 when any request failed.
"""

from __future__ import annotations

import argparse
import http.client
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
PLANKG = [sys.executable, "-c", "import sys; from plankg.cli import main; sys.exit(main())"]
ENDPOINTS = {
    "who": "/api/who?" + urllib.parse.urlencode({"q": "污水处理"}),
    "query": "/api/query/targets_by_indicator?" + urllib.parse.urlencode({"q": "就业"}),
}
MAX_REQUESTS = 1_000_000  # a hard cap besides the clock


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in ENDPOINTS})
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def total(self) -> int:
        return sum(len(v) for v in self.latencies.values()) + len(self.errors)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def request(port: int, path: str, timeout: float) -> tuple[int, int]:
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Accept": "application/json"})
        response = connection.getresponse()
        body = response.read()
        return response.status, len(body)
    finally:
        connection.close()


def client(port: int, index: int, deadline: float, tally: Tally, timeout: float) -> None:
    names = list(ENDPOINTS)
    turn = index  # clients start on different endpoints so both are always under load
    while time.monotonic() < deadline:
        with tally.lock:
            if tally.total() >= MAX_REQUESTS:
                return
        name = names[turn % len(names)]
        turn += 1
        started = time.perf_counter()
        try:
            status, size = request(port, ENDPOINTS[name], timeout)
            error = None if status == 200 and size > 0 else f"{name}: HTTP {status}"
        except (OSError, http.client.HTTPException) as exc:
            error = f"{name}: {type(exc).__name__}: {exc}"
        elapsed = time.perf_counter() - started
        with tally.lock:
            if error:
                tally.errors.append(error)
            else:
                tally.latencies[name].append(elapsed)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q) - 1]


def build_store(folder: Path) -> Path:
    store = folder / "store"
    done = subprocess.run(
        [*PLANKG, "--store", str(store), "build", str(ROOT / "corpus"), "--no-files"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=900,
    )
    if done.returncode != 0:
        raise SystemExit(f"build failed: {done.stderr}")
    return store


def start_server(store: Path, port: int) -> subprocess.Popen[str]:
    server = subprocess.Popen(
        [*PLANKG, "--store", str(store), "serve", "--host", HOST, "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(
                f"plankg serve exited: {server.stderr.read() if server.stderr else ''}"
            )
        try:
            if request(port, "/api/queries", 5)[0] == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("plankg serve did not answer within 60 s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per request")
    parser.add_argument("--store", type=Path, help="an existing store (default: build one)")
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 500 or not 0 < args.duration <= 600:
        parser.error("clients must be 1..500 and duration 0..600 s")

    with tempfile.TemporaryDirectory(prefix="plankg-load-") as tmp:
        store = args.store or build_store(Path(tmp))
        port = free_port()
        server = start_server(store, port)
        try:
            for path in ENDPOINTS.values():  # warm caches; fail early on a broken endpoint
                status, _ = request(port, path, args.timeout)
                if status != 200:
                    raise SystemExit(f"{path}: HTTP {status} before the load started")
            tally = Tally()
            deadline = time.monotonic() + args.duration
            started = time.perf_counter()
            threads = [
                threading.Thread(target=client, args=(port, i, deadline, tally, args.timeout))
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

    done = [x for values in tally.latencies.values() for x in values]
    print(
        f"plankg serve under load: {args.clients} clients, {wall:.1f} s wall "
        f"(load {args.duration:g} s; requests in flight at the deadline finish)"
    )
    print(f"{'endpoint':<8} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name, values in [*tally.latencies.items(), ("all", done)]:
        print(
            f"{name:<8} {len(values):>8} {len(values) / wall:>7.1f} "
            f"{percentile(values, 50) * 1000:>8.0f} {percentile(values, 95) * 1000:>8.0f} "
            f"{percentile(values, 99) * 1000:>8.0f}"
        )
    print(f"errors: {len(tally.errors)}")
    for error in sorted(set(tally.errors))[:10]:
        print(f"  {error}")
    return 1 if tally.errors else 0


if __name__ == "__main__":
    sys.exit(main())
