"""Character bigrams: the phrase index that lets text and name searches avoid scanning.

Kept free of heavy imports so that answering a query does not load the extraction
pipeline.
"""

from __future__ import annotations

import re

_BIGRAM_CHARS_RE = re.compile(r"[0-9A-Za-z\u3400-\u9fff]+")


def bigrams(text: str) -> set[str]:
    """Character bigrams of the CJK/alphanumeric runs of a text (punctuation breaks runs)."""
    grams: set[str] = set()
    for run in _BIGRAM_CHARS_RE.findall(text):
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return grams


def phrase_keys(query: str) -> dict[str, str]:
    """Three bigrams of the phrase (first, middle, last) for the bigram index.

    A phrase of one character has no bigram; its keys are then the phrase itself, which
    no bigram equals, so nothing is found through the index (exact name lookups with
    ``$q_zh`` still work).
    """
    grams = sorted(bigrams(query), key=query.find)
    if not grams:
        return {"b1": query, "b2": query, "b3": query}
    return {"b1": grams[0], "b2": grams[len(grams) // 2], "b3": grams[-1]}
