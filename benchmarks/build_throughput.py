"""Build throughput against one jieba POS-tagging pass over the same text, same run.

    .venv/bin/python benchmarks/build_throughput.py [--documents 200]

Prints, for each bundled document and for a generated corpus: documents/s,
characters/s and the ratio of plankg's build time (pipeline + RDF + graph files) to
jieba.posseg over the same text. The goal is a ratio of at most 3.
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
from synthetic import CORPUS, SOURCES, write_corpus  # noqa: E402

from plankg.build import prepare  # noqa: E402


def plankg_build(paths: list[Path]) -> float:
    """What ``plankg build --out`` computes per document: pipeline, RDF, both graph files.

    The files are made in memory (``prepare``), not written, so disk speed is not timed.
    """
    start = time.perf_counter()
    for path in paths:
        prepare(path, Path("graph-not-written"), with_store=False)
    return time.perf_counter() - start


def jieba_pass(paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        for _ in jieba.posseg.cut(path.read_text(encoding="utf-8")):
            pass
    return time.perf_counter() - start


def report(label: str, paths: list[Path]) -> float:
    chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    baseline = jieba_pass(paths)
    ours = plankg_build(paths)
    ratio = ours / baseline
    print(
        f"{label:<40} {len(paths):>5} docs {chars:>10,} chars  "
        f"plankg {ours:7.2f}s ({len(paths) / ours:6.1f} docs/s, {chars / ours:9,.0f} chars/s)  "
        f"jieba.posseg {baseline:7.2f}s  ratio {ratio:4.2f}"
    )
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    args = parser.parse_args()
    jieba.setLogLevel(60)
    jieba.initialize()
    # Warm both sides (dictionaries, caches) so neither pays start-up inside the timing.
    plankg_build([CORPUS / SOURCES[0]])
    jieba_pass([CORPUS / SOURCES[0]])
    for source in SOURCES:
        report(source, [CORPUS / source])
    with tempfile.TemporaryDirectory() as folder:
        paths = write_corpus(Path(folder), args.documents)
        ratio = report(f"generated corpus ({args.documents})", paths)
    print(f"goal: ratio <= 3.0 -> {'met' if ratio <= 3.0 else 'NOT met'}")


if __name__ == "__main__":
    main()
