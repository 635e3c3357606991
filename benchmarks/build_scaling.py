"""Building a corpus with --jobs 1 and 2 and on a Dask cluster of 1 and 2 workers:
throughput and peak memory, same run.

    .venv/bin/python benchmarks/build_scaling.py [--documents 1000] [--no-dask]

Generates text variants of the bundled documents (benchmarks/synthetic.py), then runs
``plankg build DIR --no-files --jobs J`` into a fresh store for each J, and
``plankg build DIR --no-files --scheduler ADDRESS`` with a local Dask cluster of W worker
processes (one thread each) started by this script, sampling the resident memory of the
whole process tree from /proc every 0.2 s (for Dask: the build and the cluster's
scheduler and workers). Prints documents/s, characters/s, peak memory, and speed-ups
against --jobs 1. On one machine the cluster's workers share its cores with the build
process that loads the store; on a cluster each worker brings its own.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_corpus  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"


def tree_rss_kib(root: int) -> int:
    """Resident memory of a process and all its descendants, in KiB (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stream:
                fields = stream.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/status") as stream:
                status = stream.read()
        except OSError:
            continue
        pid, parent = int(entry), int(fields[1])
        children.setdefault(parent, []).append(pid)
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss[pid] = int(line.split()[1])
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def run_build(folder: Path, jobs: int, scheduler: str | None = None) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as store:
        command = [sys.executable, "-m", "plankg.cli", "--store", store, "build", str(folder),
                   "--no-files", "--jobs", str(jobs), "--format", "csv"]
        if scheduler:
            command += ["--scheduler", scheduler]
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        # With a cluster, its workers are children of this script, not of the build.
        root = os.getpid() if scheduler else process.pid
        peak = 0
        while process.poll() is None:
            peak = max(peak, tree_rss_kib(root))
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
        if process.returncode != 0:
            raise SystemExit(f"build failed: {process.stderr.read().decode()[-500:]}")
    return elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--no-dask", action="store_true", help="only --jobs 1 and 2")
    args = parser.parse_args()
    folder = OUT / f"text-corpus-{args.documents}"
    paths = write_corpus(folder, args.documents)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    results = {}
    for jobs in (1, 2):
        elapsed, peak = run_build(folder, jobs)
        results[jobs] = elapsed
        print(f"--jobs {jobs}: {len(paths)} documents, {chars:,} characters in {elapsed:7.1f} s "
              f"= {len(paths) / elapsed:5.2f} documents/s, {chars / elapsed:8,.0f} characters/s; "
              f"peak memory {peak / 1024:6.0f} MiB")
    print(f"speed-up of --jobs 2 over --jobs 1: {results[1] / results[2]:.2f}x "
          f"(on {os.cpu_count()} cores)")
    if args.no_dask:
        return
    from distributed import LocalCluster

    for workers in (1, 2):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=None, host="127.0.0.1") as cluster:
            elapsed, peak = run_build(folder, 1, cluster.scheduler_address)
        print(f"Dask, {workers} worker(s): {len(paths)} documents in {elapsed:7.1f} s "
              f"= {len(paths) / elapsed:5.2f} documents/s, {chars / elapsed:8,.0f} "
              f"characters/s; peak memory {peak / 1024:6.0f} MiB; "
              f"{results[1] / elapsed:.2f}x --jobs 1")


if __name__ == "__main__":
    main()
