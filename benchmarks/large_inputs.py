"""Large single documents for the scaling benchmark, made from the bundled ones.

``large_text(size)`` concatenates text variants of the bundled documents
(``synthetic.variant``: another county name, shifted years, perturbed numbers) with the
Wikisource licence trailer removed (the cleaner cuts a document at its trailer), until
the UTF-8 encoding reaches ``size`` bytes. ``one_line=True`` removes every line break, the
worst case for anything that works per paragraph. Deterministic.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import SOURCES, county_names, variant  # noqa: E402

# The licence trailer the bundled Wikisource texts end with; the cleaner stops there.
_TRAILER_RE = re.compile(r"\n本作品是中华人民共和国的.*\Z", re.DOTALL)


def _body(text: str) -> str:
    return _TRAILER_RE.sub("\n", text)


def large_text(size: int, *, one_line: bool = False, seed: int = 11) -> str:
    """At least ``size`` bytes of UTF-8, cut back to ``size`` on a character boundary."""
    names = county_names()
    parts: list[str] = []
    total = 0
    index = 0
    while total < size:
        text = _body(variant(SOURCES[index % len(SOURCES)], index, names, seed))
        if one_line:
            text = text.replace("\r", "").replace("\n", "")
        parts.append(text)
        total += len(text.encode("utf-8"))
        index += 1
    data = "".join(parts).encode("utf-8")[:size]
    return data.decode("utf-8", errors="ignore")


def write_large(path: Path, size: int, *, one_line: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(large_text(size, one_line=one_line), encoding="utf-8")
    return path
