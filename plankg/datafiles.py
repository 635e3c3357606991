"""Reading plankg's plain data files: word lists and TSV tables inside the package.

Word lists are plain text: words separated by white space, ``#`` starts a comment line.
Tables are TSV with ``#`` comment lines and one header row. The files ship inside the
package, so an installed wheel reads the same data as a checkout. Every extractor reads
its ``data/`` folder through these functions.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def data_lines(package: str, name: str) -> list[str]:
    """The lines of ``<package>/data/<name>`` that are neither blank nor comments."""
    text = resources.files(package).joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def ordered_words(package: str, name: str) -> tuple[str, ...]:
    """The words of a word list, in file order."""
    return tuple(word for line in data_lines(package, name) for word in line.split())


@cache
def table_rows(package: str, name: str) -> tuple[dict[str, str], ...]:
    """The rows of a TSV table as dicts keyed by its header."""
    lines = data_lines(package, name)
    header = lines[0].split("\t")
    return tuple(dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:])


@cache
def key_values(package: str, name: str) -> dict[str, str]:
    """A two-column TSV table (key, value) as a dict; a missing value is the empty string."""
    out: dict[str, str] = {}
    for row in data_lines(package, name)[1:]:  # the first line is the header
        key, _, value = row.partition("\t")
        out[key] = value.strip()
    return out
