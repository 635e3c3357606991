"""Plan-size documents for benchmarks, made by varying the bundled ones.

Each variant swaps the jurisdiction for another county-level name from the national
administrative-division data, shifts the year and perturbs every Arabic number, so
the corpus has realistic structure and vocabulary without repeating one text.
Deterministic for a given seed.
"""

from __future__ import annotations

import csv
import importlib.util
import random
import re
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SOURCES = (
    "yubei-2020-plan.txt",
    "state-council-work-report-2019.txt",
    "state-council-work-report-2021.txt",
)
_NUMBER_RE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")


def county_names() -> list[str]:
    spec = importlib.util.find_spec("cpca")
    assert spec and spec.submodule_search_locations
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"
    with path.open(encoding="utf-8") as stream:
        return sorted(
            row["name"]
            for row in csv.DictReader(stream)
            if row["name"].endswith(("区", "县")) and len(row["name"]) >= 3
        )


def _perturb(match: re.Match[str], rng: random.Random) -> str:
    text = match.group()
    if len(text) == 4 and text.startswith("20"):  # a year: shift it consistently elsewhere
        return text
    value = float(text) * rng.uniform(0.8, 1.2)
    return f"{value:.{len(text.split('.')[1])}f}" if "." in text else str(max(1, round(value)))


def variant(source: str, index: int, names: list[str], seed: int = 7) -> str:
    rng = random.Random(seed * 100_003 + index)
    text = (CORPUS / source).read_text(encoding="utf-8")
    name = names[rng.randrange(len(names))]
    text = text.replace("渝北区", name).replace("渝北", name[:-1])
    shift = rng.randrange(-3, 4)
    text = re.sub(r"20(1\d|2\d)年", lambda m: f"{2000 + int(m.group(1)) + shift}年", text)
    return _NUMBER_RE.sub(lambda m: _perturb(m, rng), text)


def write_corpus(folder: Path, count: int, seed: int = 7) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    names = county_names()
    paths = []
    for index in range(count):
        source = SOURCES[index % len(SOURCES)]
        path = folder / f"{Path(source).stem}-v{index:04d}.txt"
        if not path.exists():
            path.write_text(variant(source, index, names, seed), encoding="utf-8")
        paths.append(path)
    return paths
