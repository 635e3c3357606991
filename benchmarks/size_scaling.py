"""Time and peak memory against the size of one document: is every step linear?

    .venv/bin/python benchmarks/size_scaling.py [--sizes 1 4 20] [--shape one-line|lines]
                                                [--build 1 4]

For each size (MB of UTF-8) a document is made from the bundled texts (large_inputs.py;
``one-line`` removes every line break, the worst case for anything that works per
paragraph) and run in a fresh process, whose peak resident memory is read from the
kernel when it ends (wait4):

- ``text steps``: load, clean, metadata, structure, and for every sentence the
  reported-outcome test and target extraction (PLANKG_MAX_CHARS is lifted for them);
- ``plankg build``: the whole build of the sizes given to ``--build`` (names,
  responsibility, graph and a fresh store included; the limit lifted too), and the plain
  command at the largest size, which refuses a text over the limit in one line.

Ratios are against the smallest size of the same run: for linear steps the CPU time and
the memory above the interpreter's own grow like the size. CPU time (from the kernel) is
the figure to read on a shared machine; wall time is shown beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from large_inputs import write_large  # noqa: E402

OUT = Path(__file__).resolve().parent / "out" / "size-scaling"
MB = 1024 * 1024

_TEXT_STEPS = """
import json, sys, time
started = time.process_time()
marks = {}
def mark(name):
    marks[name] = time.process_time() - started
from plankg.clean import clean
from plankg.extract.targets import extract_targets, is_reported_outcome
from plankg.extract.targets.outcome import Timeline, opens_in_past
from plankg.load import load_source
from plankg.metadata import extract_metadata
from plankg.structure import find_structure
mark("import")
source = load_source(sys.argv[1]); mark("load")
cleaned = clean(source.text); mark("clean")
metadata = extract_metadata(cleaned.text); mark("metadata")
structure = find_structure(cleaned.text, metadata.body_start); mark("structure")
timeline = Timeline(metadata.year, metadata.genre)
past, targets = set(), 0
for sentence in structure.sentences:
    reported = is_reported_outcome(sentence.text, [], metadata.year, genre=metadata.genre,
                                   after_past_opening=sentence.division in past)
    if opens_in_past(sentence.text, timeline):
        past.add(sentence.division)
    targets += len(extract_targets(sentence.text, reported=reported))
mark("targets")
print(json.dumps({"chars": len(source.text), "sentences": len(structure.sentences),
                  "targets": targets, "marks": marks}))
"""


def run_measured(
    command: list[str], env: dict[str, str]
) -> tuple[float, float, int, int, str]:
    """(wall seconds, CPU seconds, peak resident KiB, exit status, output) of a child
    process, its CPU time and peak memory from the kernel (wait4) when it ends."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read().decode("utf-8", errors="replace")
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, usage.ru_maxrss, process.returncode, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 4, 20])
    parser.add_argument("--shape", choices=("one-line", "lines"), default="one-line")
    parser.add_argument("--build", type=float, nargs="*", default=[1, 4],
                        help="sizes (MB) also run through the whole plankg build")
    args = parser.parse_args()
    env = dict(os.environ, PLANKG_MAX_CHARS=str(10**9))
    rows = []
    for size in args.sizes:
        path = OUT / f"{args.shape}-{size:g}MB.txt"
        if not path.exists():
            write_large(path, int(size * MB), one_line=args.shape == "one-line")
        elapsed, cpu, peak, status, output = run_measured(
            [sys.executable, "-c", _TEXT_STEPS, str(path)], env
        )
        if status != 0:
            raise SystemExit(f"text steps failed at {size:g} MB:\n{output[-2000:]}")
        facts = json.loads(output.strip().splitlines()[-1])
        rows.append(("text steps", size, elapsed, cpu, peak, facts))
        if size in args.build:
            with tempfile.TemporaryDirectory() as store:
                command = [sys.executable, "-m", "plankg.cli", "--store", store, "build",
                           str(path), "--no-files", "--format", "csv"]
                elapsed, cpu, peak, status, output = run_measured(command, env)
            if status != 0:
                raise SystemExit(f"build failed at {size:g} MB:\n{output[-2000:]}")
            rows.append(("plankg build", size, elapsed, cpu, peak, {}))
    largest = OUT / f"{args.shape}-{max(args.sizes):g}MB.txt"
    command = [sys.executable, "-m", "plankg.cli", "build", str(largest), "--no-store",
               "--no-files"]
    elapsed, _, peak, status, output = run_measured(command, dict(os.environ))
    refusal = next((line for line in output.splitlines() if "error" in line), "")
    print(f"{args.shape} documents made from the bundled texts; ratios against the "
          f"smallest size of this run\n")
    print(f"{'step':<14}{'MB':>5}{'chars':>12}{'wall s':>8}{'CPU s':>8}{'peak MiB':>10}"
          f"{'CPU ×':>7}{'memory ×':>10}{'size ×':>8}")
    base: dict[str, tuple[float, float, float]] = {}
    for step, size, seconds, cpu, peak_kib, facts in rows:
        first = base.setdefault(step, (size, cpu, peak_kib))
        chars = f"{facts['chars']:,}" if facts else ""
        print(f"{step:<14}{size:>5g}{chars:>12}{seconds:>8.1f}{cpu:>8.1f}{peak_kib / 1024:>10.0f}"
              f"{cpu / first[1]:>7.2f}{peak_kib / first[2]:>10.2f}{size / first[0]:>8.1f}")
    for _step, size, _, _, _, facts in rows:
        if facts:
            marks = facts["marks"]
            steps = ", ".join(
                f"{name} {marks[name] - marks[prev]:.1f}"
                for prev, name in zip(list(marks), list(marks)[1:], strict=False)
            )
            print(f"  {size:g} MB: {facts['sentences']:,} sentences, {facts['targets']:,} "
                  f"targets; CPU seconds by step: {steps}")
    print(f"\nplain `plankg build` at {max(args.sizes):g} MB: exit {status} after "
          f"{elapsed:.1f} s, peak {peak / 1024:.0f} MiB: {refusal.strip()}")


if __name__ == "__main__":
    main()
