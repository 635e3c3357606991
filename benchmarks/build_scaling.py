"""Building a corpus with --jobs 1 and --jobs 2: throughput and peak memory, same run.

    .venv/bin/python benchmarks/build_scaling.py [--documents 1000]

Generates text variants of the bundled documents (benchmarks/synthetic.py), then runs
``plankg build DIR --no-files --jobs J`` into a fresh store for each J, sampling the
resident memory of the whole process tree (parent and workers) from /proc every 0.2 s.
Prints documents/s, characters/s, peak memory, and the speed-up of --jobs 2 over
--jobs 1.
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


def run_build(folder: Path, jobs: int) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as store:
        command = [sys.executable, "-m", "plankg.cli", "--store", store, "build", str(folder),
                   "--no-files", "--jobs", str(jobs), "--format", "csv"]
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        peak = 0
        while process.poll() is None:
            peak = max(peak, tree_rss_kib(process.pid))
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
        if process.returncode != 0:
            raise SystemExit(f"build failed: {process.stderr.read().decode()[-500:]}")
    return elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
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


if __name__ == "__main__":
    main()
