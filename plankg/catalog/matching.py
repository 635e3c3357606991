"""Longest-match scanning shared by name recognition and keyword cues: width folding and a
trie regex that finds the longest word at each position in linear time.
"""

from __future__ import annotations

import re

# Full-width ASCII to half-width and lower to upper case, one code point for one, so
# offsets into the normalized text are offsets into the input.
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20})
_FOLD.update({c: c - 32 for c in range(ord("a"), ord("z") + 1)})
_FOLD.update({c: c - 0xFEE0 - 32 for c in range(0xFF41, 0xFF5B)})


def fold(text: str) -> str:
    return text.translate(_FOLD)


def all_longest(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str]]:
    """Longest match at each position, minus matches contained in a longer earlier one."""
    out: list[tuple[int, int, str]] = []
    max_end = -1
    for m in pattern.finditer(text):
        start = m.start()
        word = m.group(1)
        end = start + len(word)
        if end <= max_end:
            continue  # inside a longer match: 污水 in 污水处理厂
        out.append((start, end, word))
        max_end = end
    return out
