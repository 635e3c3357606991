"""Figures for docs/scale.md: building 1 and N documents from text into fresh stores.

    .venv/bin/python benchmarks/scale_model.py [--documents 100]

For 1 document (the Yubei plan) and for N generated text variants
(benchmarks/synthetic.py), runs ``plankg build --no-files`` into a fresh store and
reports: wall time and time per document, quads in the store and per document, the
store's size on disk (after the build, as left), and the time of an unchanged rebuild.
The 1,000-document figures come from ``query_latency.py --documents 1000`` (graph
variants: load time, size, query latency) and ``summary_update.py``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyoxigraph as ox  # noqa: E402
from synthetic import CORPUS, write_corpus  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"


def size_on_disk(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def build(inputs: list[Path], store: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "plankg.cli", "--store", str(store), "build", *map(str, inputs),
         "--no-files", "--format", "csv"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def measure(label: str, inputs: list[Path], documents: int) -> None:
    store = OUT / f"scale-{label}"
    shutil.rmtree(store, ignore_errors=True)
    elapsed = build(inputs, store)
    again = build(inputs, store)
    quads = len(ox.Store.read_only(str(store)))
    size = size_on_disk(store)
    print(f"{documents:>5} documents: build {elapsed:7.1f} s ({elapsed / documents:5.2f} s each), "
          f"{quads:,} quads ({quads // documents:,} each), {size / 2**20:7.1f} MiB on disk "
          f"({size / documents / 2**20:5.2f} MiB each); unchanged rebuild {again:5.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100)
    args = parser.parse_args()
    measure("1", [CORPUS / "yubei-2020-plan.txt"], 1)
    paths = write_corpus(OUT / f"text-corpus-{args.documents}", args.documents)
    measure(str(args.documents), [OUT / f"text-corpus-{args.documents}"], len(paths))


if __name__ == "__main__":
    main()
