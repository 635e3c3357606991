"""The name extractors' data files (``plankg/extract/data``), read by ``plankg.datafiles``."""

from __future__ import annotations

from functools import cache

from plankg.datafiles import ordered_words, table_rows


def words(text: str) -> list[str]:
    """Whitespace-separated word list (keeps short inline vocabularies readable)."""
    return text.split()


@cache
def word_list(name: str) -> frozenset[str]:
    """The words of ``data/<name>``."""
    return frozenset(ordered_words("plankg.extract", name))


def table(name: str) -> tuple[dict[str, str], ...]:
    """The rows of ``data/<name>`` (TSV) as dicts keyed by its header."""
    return table_rows("plankg.extract", name)
