"""Quantities: a number with its unit and qualifier, when it is a quantity at all.

``quantities(sentence)`` keeps the numbers of ``find_numbers`` that are not blocked
(``blocked.py``) and that read as a quantity: a Chinese numeral needs a unit and a
governing verb or a written multiplier (新建三所, 三千亩; not 两不愁, 三大攻坚战), a year
unit is a duration and not a calendar year, 一半/四成 need a verb or a qualifier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plankg.extract.numbers import NumberMatch, find_numbers
from plankg.extract.targets.blocked import Blocked
from plankg.extract.targets.tails import clause_start, tail_has_verb
from plankg.extract.targets.units import QUALIFIER_RE, qualifier_comparator, unit_forms, unit_re
from plankg.model import Comparator


@dataclass(frozen=True)
class Quantity:
    number: NumberMatch
    value_text: str
    value: float
    value_max: float | None
    unit: str
    unit_norm: str
    unit_class: str
    comparator: Comparator | None  # from a qualifier after the unit, 多/余, or a range
    end: int  # after unit and qualifier
    has_suffix: bool

    @property
    def start(self) -> int:
        return self.number.start


# Numbers read as a share: 三分之一, 百分之五, 四成.
_SHARE_KINDS = ("fraction", "percent-word", "tenths")


def make_quantity(sentence: str, number: NumberMatch) -> Quantity:
    end = number.end
    unit = ""
    unit_norm = ""
    unit_class = ""
    if number.kind in _SHARE_KINDS:
        unit_norm, unit_class = "percent", "percent"
    else:
        m = unit_re().match(sentence, end)
        if m:
            unit = m.group()
            form = unit_forms()[unit]
            unit_norm, unit_class = form.unit, form.unit_class
            end = m.end()
    suffix = QUALIFIER_RE.match(sentence, end)
    comparator: Comparator | None = None
    if suffix:
        comparator = qualifier_comparator(suffix.group())
        end = suffix.end()
    if number.is_range:
        comparator = "range"
    elif comparator is None and number.more_than:
        comparator = ">"
    value = number.value
    value_max = number.value_max
    value_text = number.text
    if number.kind in ("fraction", "tenths"):
        value *= 100
    if number.is_range and (number.percent or number.permille) and unit in ("%", "‰"):
        value_text = number.text + unit  # "6%－6.5%": the sign is written on both bounds
    return Quantity(
        number,
        value_text,
        value,
        value_max,
        unit,
        unit_norm,
        unit_class,
        comparator,
        end,
        bool(suffix),
    )


_NOT_CUBIC = re.compile(r"[案面式向针法位言]")


def accept(sentence: str, q: Quantity) -> bool:
    """Is this number a quantity at all (not a date, name, ordinal, bare numeral …)?"""
    num = q.number
    start = num.start
    if num.kind == "chinese":
        if num.value < 2 or num.bare_magnitude or not q.unit:
            return False
        if q.unit_class == "time" or q.unit == "大" or sentence.startswith("是", q.end):
            return False
        # 三千, 两万: a written multiplier makes a numeral a quantity; 三所 needs a verb (新建)
        if not (tail_has_verb(sentence, start) or any(c in "百千万亿" for c in num.text[1:])):
            return False
    if (num.kind == "fraction" and num.text in ("一半", "半数")) or num.kind == "tenths":
        return q.has_suffix or tail_has_verb(sentence, start)
    if q.unit == "年":
        if num.is_range or num.multiplier:
            return True
        integer = num.value.is_integer() and "." not in num.text
        if integer and 1000 <= num.value <= 2200:
            return False  # a calendar year
        # 90年代, 2020年度, 5年来, 3年间: periods and eras, not durations committed to
        return not sentence.startswith(("代", "度", "级", "来", "间", "前", "后"), num.end + 1)
    if q.unit == "日":
        if sentence[max(0, start - 1) : start] == "月":
            return False
        return q.has_suffix or tail_has_verb(sentence, start)
    if q.unit_class == "age":
        return tail_has_verb(sentence, start)
    if q.unit == "方":  # 清淤5000方, but not 3方面 / 方案 / 方式
        return num.kind == "arabic" and not _NOT_CUBIC.match(sentence, q.number.end + 1)
    if not q.unit and num.kind in ("arabic", "chinese"):
        return bool(num.multiplier)  # 减少1000万: unit implied by the indicator
    return True


_NUMERAL_CHAR = re.compile(r"[\d零〇一二两三四五六七八九十百千万亿]")


def quantities(sentence: str) -> list[Quantity]:
    blocked = Blocked(sentence)
    out: list[Quantity] = []
    for number in find_numbers(sentence):
        if blocked.overlaps(number.start, number.end):
            continue
        q = make_quantity(sentence, number)
        # 新建两所中学、三所幼儿园: a Chinese numeral continuing a series of counts
        series = (
            number.kind == "chinese"
            and not number.bare_magnitude
            and bool(out)
            and sentence[number.start - 1 : number.start] == "、"
            and out[-1].number.kind == "chinese"
            and clause_start(sentence, out[-1].start) == clause_start(sentence, number.start)
            and number.value >= 2
            and bool(q.unit)
        )
        if not series and not accept(sentence, q):
            continue
        # 五个千亿级, 两个一百年: a numeral right after the unit makes a slogan, not a count.
        if (
            q.unit
            and _NUMERAL_CHAR.match(sentence, q.end)
            and not (number.kind == "arabic" and q.unit_class in ("percent", "money"))
        ):
            continue
        out.append(q)
    return out
