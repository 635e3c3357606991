"""Spans of a sentence where a number is never a target.

Quotes, 《》, 〔〕 and other paired brackets (an unclosed one blocks to the end of its clause),
Latin-letter names (5G, PM2.5, T3B), formulas (1+12), dates and calendar years, ordinals
(第…), plan periods (十四五), anniversaries (周年), policy nicknames (市20条).

Both the scan and the lookup are linear in the sentence: each kind of closing bracket is
searched for at most once past the point where it was last missing, and ``Blocked`` answers
"does this span overlap a blocked one" by bisection.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate

from plankg.extract.targets.tails import CLAUSE_PUNCT
from plankg.extract.targets.units import latin_unit_token_re

_PAIRS = {"“": "”", "《": "》", "〔": "〕", "【": "】", "「": "」", "『": "』", "[": "]",
          "〈": "〉", '"': '"', "‘": "’"}  # fmt: skip
# Runs of Latin letters and digits joined by . - / _ (PM2.5, E88-2/01). Possessive: a run is
# taken whole, never retried shorter, so a 400-digit number costs one pass, not 400².
_LATIN_TOKEN_RE = re.compile(r"[A-Za-z0-9]++(?:[.\-/_][A-Za-z0-9]++)*+")
_LETTER_RE = re.compile(r"[A-Za-z]")
_BLOCK_RES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        # formulas: 1+12, 1+3+5+10+N, 7×24
        r"(?<![0-9A-Za-z])[0-9A-Za-z]++(?:\s*[+＋×*]\s*[0-9A-Za-z]++)+",
        # dates and calendar years
        r"(?:1[89]|2[01])\d\d\s*[－\-—–～~至到]\s*(?:(?:1[89]|2[01])\d\d|\d\d)\s*年?",
        r"(?:1[89]|2[01])\d\d\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?",
        r"\d{1,2}\s*[－\-—～~至到]\s*\d{1,2}\s*月",
        r"(?<![\d个])\d{1,2}\s*月(?:份)?(?:\s*\d{1,2}\s*[日号])?",
        r"\d{4}[-./]\d{1,2}(?:[-./]\d{1,2})?",
        r"\d{1,2}[:：]\d{2}",
        r"每月\d{1,2}[日号]",
        # numbers, ordinals, periods, anniversaries
        r"(?<!\d)\d++号(?:线|楼|院)?",
        r"第[\d零〇一二两三四五六七八九十百千]+",
        # 两位数增长: double-digit, not two persons
        r"(?<![\d一二两三四五六七八九十个])[\d一二两三四五六七八九十个]++位数",
        r"十[一二三四五六]五",
        r"(?<![\d零〇一二两三四五六七八九十百])[\d零〇一二两三四五六七八九十百]++周年",
        r"(?<![\d零〇一二两三四五六七八九十百])[\d零〇一二两三四五六七八九十百]++届",
        r"(?<![\d.等])\d++大(?=[\u4e00-\u9fff])",  # 5大行动; 等8大片区 is a count
        # policy nicknames: 国十条, 市20条、40条
        r"[省市区县国镇乡][\d一二三四五六七八九十]++条(?:[、和及][\d一二三四五六七八九十]++条)*",
        r"(?<![\d.])\d++(?:\.\d++)?[%％]\s*一档",
        # denominators of a rate: 0.6人/百亿元, 每10万人
        r"[/每][\d零〇一二两三四五六七八九十百千万亿.]++",
    )
)


def _bracket_spans(sentence: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    missing_from: dict[str, int] = {}  # closer → a position from which it does not occur
    i = 0
    n = len(sentence)
    while i < n:
        close = _PAIRS.get(sentence[i])
        if close is None:
            i += 1
            continue
        j = -1 if missing_from.get(close, n + 1) <= i + 1 else sentence.find(close, i + 1)
        if j < 0:
            missing_from[close] = min(missing_from.get(close, n + 1), i + 1)
            # Unclosed: block to the end of the clause.
            k = i + 1
            while k < n and sentence[k] not in CLAUSE_PUNCT:
                k += 1
            spans.append((i, k))
            i = max(k, i + 1)
        else:
            spans.append((i, j + 1))
            i = j + 1
    return spans


class Blocked:
    """The blocked spans of one sentence, queried by overlap in O(log n)."""

    def __init__(self, sentence: str) -> None:
        spans = _bracket_spans(sentence)
        token = latin_unit_token_re()
        # Latin-letter names with digits: 5G, 4S店, PM2.5, T3B, D6F, E88-2/01, M2
        for m in _LATIN_TOKEN_RE.finditer(sentence):
            if _LETTER_RE.search(m.group()) and not token.fullmatch(m.group()):
                spans.append(m.span())
        for pattern in _BLOCK_RES:
            for m in pattern.finditer(sentence):
                if m.end() == m.start() or token.fullmatch(m.group()):
                    continue
                spans.append(m.span())
        spans.sort()
        self._starts = [s for s, _ in spans]
        self._max_end = list(accumulate((e for _, e in spans), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Does [start, end) overlap any blocked span?"""
        count = bisect.bisect_left(self._starts, end)  # spans starting before ``end``
        return count > 0 and self._max_end[count - 1] > start
