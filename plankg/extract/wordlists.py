"""Reading the name extractors' data files (``plankg/extract/data``).

Word lists are plain text: words separated by white space, ``#`` starts a comment line.
Tables are TSV with ``#`` comment lines and one header row. The files ship inside the
package, so an installed wheel reads the same data as a checkout.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def words(text: str) -> list[str]:
    """Whitespace-separated word list (keeps short inline vocabularies readable)."""
    return text.split()


def _lines(name: str) -> list[str]:
    text = resources.files("plankg.extract").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def word_list(name: str) -> frozenset[str]:
    """The words of ``data/<name>``."""
    return frozenset(word for line in _lines(name) for word in line.split())


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """The rows of ``data/<name>`` (TSV) as dicts keyed by its header."""
    lines = _lines(name)
    header = lines[0].split("\t")
    return tuple(dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:])
