"""Numeral grammar for plan targets: Arabic and Chinese numbers, multipliers, percents, ranges.

``parse_number`` reads one whole numeric expression ("6.12万", "1.3万亿", "两万", "百分之五",
"三分之一", "四成"). ``find_numbers`` scans a sentence and returns every numeric expression with
its span; it knows nothing about units or targets (``targets`` decides what a number means).
Chinese numerals are read by ``plankg.numerals`` (cn2an).

Conventions:
- A percent sign is NOT part of a match, except inside a range whose first bound carries its
  own sign ("6%－6.5" in "6%－6.5%"); ``percent`` says whether the expression is a percentage
  written in words (百分之五) or whether a % or ‰ sign sits inside the range.
- "多"/"余" right after the digits or the multiplier ("6000多", "620多万") are kept in the match
  and flagged with ``more_than``.
- Values are floats; Arabic digits are computed with ``Decimal`` so 6.12万 is exactly 61200.0.
- A Chinese numeral that opens with a magnitude (千亿, 千万, 百万) is returned flagged
  ``bare_magnitude`` (超千亿元 is 1e11; whether 千万 is a number or "by all means" is the
  caller's decision); a magnitude that starts a unit stays with the unit (五千瓦 is 5 kW).
- Tenths: 四成 is 0.4 (kind "tenths"), 一成不变 is no number.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from plankg.numerals import NUMERAL_CHARS, chinese_numeral

NumberKind = Literal["arabic", "chinese", "fraction", "percent-word", "tenths"]

# Multipliers written after Arabic digits, longest first. 千 and 百 are multipliers only when
# they do not start a unit (千瓦, 千米, 千克, 千伏, 百分点).
MULTIPLIERS: dict[str, int] = {
    "万亿": 10**12, "千亿": 10**11, "百亿": 10**10, "十亿": 10**9, "亿": 10**8,
    "千万": 10**7, "百万": 10**6, "十万": 10**5, "万": 10**4, "千": 10**3, "百": 10**2,
}  # fmt: skip

_ARABIC = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_MULT = r"万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千(?![瓦米克伏帕卡])|百(?![分米])"
_CN = f"[{NUMERAL_CHARS}]+"
_CN_DEC = f"{_CN}(?:点[零〇一二三四五六七八九]+)?"


# One Arabic number with optional "more than" marks, multiplier and an in-range percent sign.
def _arabic_part(prefix: str) -> str:
    return (
        f"(?P<{prefix}num>{_ARABIC})(?P<{prefix}more1>[多余])?(?P<{prefix}mult>{_MULT})?"
        f"(?P<{prefix}more2>(?<![多余])[多余])?"
    )


_RANGE_DASH = r"\s?(?:[－\-—–～~〜]|至|到)\s?"

NUMBER_RE = re.compile(
    # percents in words (before fractions, which would read 百分之五 as 5/100)
    rf"(?P<pctw>百分之(?P<pctnum>{_ARABIC}|{_CN_DEC}))"
    # fractions: 三分之一, 3分之1
    rf"|(?P<frac>(?P<den>{_ARABIC}|{_CN})分之(?P<nom>{_ARABIC}|{_CN_DEC}))"
    # half: 一半, 半数
    r"|(?P<half>一半|半数)"
    # tenths: 四成, 两成 (not 一成不变, 一成员)
    rf"|(?<![{NUMERAL_CHARS}])(?P<tenths>[一二两三四五六七八九])成(?![不员])"
    # Arabic numbers and ranges of them: 6%－6.5, 6-6.5, 5至8, 3~5万
    rf"|(?P<arabic>(?<![\d.,])"
    + _arabic_part("a")
    + rf"(?:(?P<apct>[%‰])?(?P<dash>{_RANGE_DASH})"
    + _arabic_part("b")
    + r")?)(?![\d])"
    # Chinese numerals: 三千, 两万, 一千二百, 二〇三五
    rf"|(?P<chinese>{_CN})"
)


@dataclass(frozen=True)
class NumberMatch:
    """A numeric expression found in text; ``start``/``end`` index the scanned string."""

    start: int
    end: int
    text: str
    value: float
    kind: NumberKind
    value_max: float | None = None  # upper bound of a range
    percent: bool = False  # 百分之X, or a % / ‰ inside a range ("6%－6.5")
    permille: bool = False
    more_than: bool = False  # 多 / 余 written after the digits ("6000多")
    multiplier: str = ""  # as written: 万, 亿, 万亿 ...
    bare_magnitude: bool = False  # a Chinese numeral opening with 百/千/万/亿 (千亿, 千万)

    @property
    def is_range(self) -> bool:
        return self.value_max is not None


def _arabic_value(digits: str) -> Decimal | None:
    try:
        return Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return None


def _as_float(value: Decimal) -> float:
    return float(value)


def _part(match: re.Match[str], prefix: str) -> tuple[Decimal, str, bool] | None:
    digits = match.group(prefix + "num")
    if digits is None:
        return None
    value = _arabic_value(digits)
    if value is None:
        return None
    mult = match.group(prefix + "mult") or ""
    more = bool(match.group(prefix + "more1") or match.group(prefix + "more2"))
    return value, mult, more


def _plain_value(text: str) -> float | None:
    """An Arabic or Chinese number without multipliers or marks (inside 百分之…, …分之…)."""
    if text[:1].isdigit():
        value = _arabic_value(text)
        return None if value is None else _as_float(value)
    value = chinese_numeral(text)
    return None if value is None else float(value)


# A magnitude character that starts a unit: 五千瓦 is 5 kW, 三百分点 is no number.
_UNIT_AFTER_MAGNITUDE = {"千": "瓦米克伏帕卡", "百": "分米"}


def _from_match(match: re.Match[str]) -> NumberMatch | None:
    start, end = match.span()
    text = match.group()
    if match.group("frac"):
        den = _plain_value(match.group("den"))
        nom = _plain_value(match.group("nom"))
        if not den or nom is None:
            return None
        return NumberMatch(start, end, text, nom / den, "fraction")
    if match.group("pctw"):
        value = _plain_value(match.group("pctnum"))
        if value is None:
            return None
        return NumberMatch(start, end, text, value, "percent-word", percent=True)
    if match.group("half"):
        return NumberMatch(start, end, text, 0.5, "fraction")
    if match.group("tenths"):
        digit = chinese_numeral(match.group("tenths"))
        return None if digit is None else NumberMatch(start, end, text, digit / 10, "tenths")
    if match.group("arabic"):
        first = _part(match, "a")
        if first is None:
            return None
        value, mult, more = first
        second = _part(match, "b") if match.group("dash") else None
        if second is None:
            factor = MULTIPLIERS.get(mult, 1)
            return NumberMatch(
                start,
                end,
                text,
                _as_float(value * factor),
                "arabic",
                more_than=more,
                multiplier=mult,
            )
        value_b, mult_b, more_b = second
        # "5-8万": the multiplier written once applies to both bounds.
        factor_a = MULTIPLIERS.get(mult or mult_b, 1)
        factor_b = MULTIPLIERS.get(mult_b, 1)
        sign = match.group("apct") or ""
        return NumberMatch(
            start,
            end,
            text,
            _as_float(value * factor_a),
            "arabic",
            value_max=_as_float(value_b * factor_b),
            percent=sign == "%",
            permille=sign == "‰",
            more_than=more or more_b,
            multiplier=mult_b or mult,
        )
    following = match.string[end : end + 1]
    if following and following in _UNIT_AFTER_MAGNITUDE.get(text[-1], ""):
        text, end = text[:-1], end - 1
        if not text:
            return None
    bare = text[0] in "百千万亿"
    value = chinese_numeral(text, bare_magnitude=bare)
    if value is None:
        return None
    mult = next((m for m in ("万亿", "亿", "万") if text.endswith(m)), "")
    return NumberMatch(
        start, end, text, float(value), "chinese", multiplier=mult, bare_magnitude=bare
    )


def _finite(number: NumberMatch | None) -> NumberMatch | None:
    """A number beyond the range of a float (9 written 400 times) is no quantity."""
    if number is None or not math.isfinite(number.value):
        return None
    if number.value_max is not None and not math.isfinite(number.value_max):
        return None
    return number


def find_numbers(text: str) -> list[NumberMatch]:
    """Every numeric expression in ``text``, left to right, non-overlapping.

    Chinese numerals are returned whenever they parse (一 in 一是 too, 千万 in 千万不要 flagged
    ``bare_magnitude``): deciding whether a numeral is a quantity is the caller's job.
    """
    found: list[NumberMatch] = []
    for match in NUMBER_RE.finditer(text):
        number = _finite(_from_match(match))
        if number is not None:
            found.append(number)
    return found


_WHOLE_ARABIC = re.compile(rf"(?P<num>{_ARABIC})(?P<more1>[多余])?(?P<mult>{_MULT})?[多余]?")


def parse_number(text: str) -> float | None:
    """Value of one whole numeric expression, or None.

    "6.12万" → 61200, "1.3万亿" → 1.3e12, "1,000" → 1000, "6000多" → 6000, "三千" → 3000,
    "两万" → 20000, "廿" → 20, "百分之五" → 5 (the percentage), "三分之一" → 0.333…,
    "一半" → 0.5. A range is not one number: use ``parse_range``.
    """
    text = text.strip()
    if not text:
        return None
    whole = _WHOLE_ARABIC.fullmatch(text)
    if whole:
        value = _arabic_value(whole.group("num"))
        if value is None:
            return None
        return _as_float(value * MULTIPLIERS.get(whole.group("mult") or "", 1))
    match = NUMBER_RE.fullmatch(text)
    if match is None or match.group("dash"):
        return None
    number = _finite(_from_match(match))
    return None if number is None else number.value


def parse_range(text: str) -> tuple[float, float] | None:
    """Bounds of a written range: "6%－6.5%" → (6, 6.5), "5至8万" → (50000, 80000)."""
    match = NUMBER_RE.fullmatch(text.strip().rstrip("%‰"))
    if match is None or not match.group("dash"):
        return None
    number = _finite(_from_match(match))
    if number is None or number.value_max is None:
        return None
    return number.value, number.value_max
