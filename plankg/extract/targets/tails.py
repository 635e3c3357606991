"""Clauses, and the function words between an indicator and its number (the "tail").

``tail_tokens("城镇新增就业要达到")`` reads, nearest the number first, the words that set
change, level and comparator (达到 → level, 要 → modal) and stops at the first word that is
not one of them. A word is not read when a guard character precedes it (人均 is no 均).
"""

from __future__ import annotations

import bisect
import re
from functools import cache, lru_cache

from plankg.extract.targets.words import (
    CMP_WORDS,
    DEC_WORDS,
    GOV_WORDS,
    INC_WORDS,
    LEVEL_WORDS,
    MOD_WORDS,
    NEW_VERBS,
    TAIL_GUARDS,
    TIME_LEAD,
)

CLAUSE_PUNCT = "，,；;。：:！？!?\n"
# A clause starts after clause punctuation or after a dash (——).
_BOUNDARY_RE = re.compile(f"(?<=[{re.escape(CLAUSE_PUNCT)}])|(?<=——)")


@lru_cache(maxsize=16)
def _boundaries(sentence: str) -> list[int]:
    return [m.start() for m in _BOUNDARY_RE.finditer(sentence)]


def clause_end(sentence: str, pos: int) -> int:
    """End of the clause that ``pos`` lies in: the next clause punctuation, or the end."""
    bounds = _boundaries(sentence)
    index = bisect.bisect_right(bounds, pos)
    while index < len(bounds):
        end = bounds[index] - 1  # the punctuation before a boundary, not a dash (——)
        if sentence[end] in CLAUSE_PUNCT:
            return end
        index += 1
    return len(sentence)


def clause_start(sentence: str, pos: int) -> int:
    """Start of the clause that ``pos`` lies in (or ends): after punctuation or ——."""
    bounds = _boundaries(sentence)
    index = bisect.bisect_right(bounds, pos)
    return bounds[index - 1] if index else 0


@cache
def tail_table() -> dict[str, tuple[str, str]]:
    """word → (category, payload) for words that sit between an indicator and its number."""
    table: dict[str, tuple[str, str]] = {}
    for word in GOV_WORDS:
        table[word] = ("gov", "increase" if word in NEW_VERBS else "level")
    for word in MOD_WORDS + TIME_LEAD:
        table[word] = ("mod", "")
    for word in LEVEL_WORDS:
        table[word] = ("level", "")
    for word in INC_WORDS:
        table[word] = ("inc", "")
    for word in DEC_WORDS:
        table[word] = ("dec", "")
    for word, cmp in CMP_WORDS.items():
        table[word] = ("cmp", cmp)
    return table


@cache
def _tail_re() -> re.Pattern[str]:
    # Matched on the reversed text, longest word first; a guard is a lookahead there.
    parts = []
    for word in sorted(tail_table(), key=len, reverse=True):
        rev = re.escape(word[::-1])
        guard = TAIL_GUARDS.get(word)
        parts.append(f"{rev}(?![{re.escape(guard)}])" if guard else rev)
    return re.compile("|".join(parts))


def tail_tokens(text: str) -> list[tuple[str, str, str]]:
    """Function words at the end of ``text``, nearest the number first: (word, cat, payload)."""
    rev = text[::-1]
    pos = 0
    out: list[tuple[str, str, str]] = []
    table = tail_table()
    pattern = _tail_re()
    while pos < len(rev):
        m = pattern.match(rev, pos)
        if not m:
            break
        word = m.group()[::-1]
        cat, payload = table[word]
        out.append((word, cat, payload))
        pos = m.end()
    return out


def tail_has_verb(sentence: str, start: int) -> bool:
    """Is one of the two words right before ``start`` a verb or comparator (新建, 超过)?"""
    return any(
        cat in ("gov", "inc", "dec", "level", "cmp")
        for _, cat, _ in tail_tokens(sentence[max(0, start - 8) : start])[:2]
    )
