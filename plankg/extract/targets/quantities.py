"""Quantities: a number with its unit and qualifier, when it is a quantity at all.

``quantities(sentence)`` keeps the numbers of ``find_numbers`` that are not blocked
(``blocked.py``) and that read as a quantity: a Chinese numeral needs a unit and a
governing verb or a written multiplier (新建三所, 三千亩; not 两不愁, 三大攻坚战), a
magnitude without a digit a unit and a governing verb (超千亿元), a year unit is a duration
and not a calendar year, 一半/四成 need a verb or a qualifier, and X级 is a class.
A list that writes its unit once (分别为5、3万人) gives it to every number.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from decimal import Decimal

from plankg.extract.numbers import MULTIPLIERS, NumberMatch, find_numbers
from plankg.extract.targets.blocked import Blocked
from plankg.extract.targets.tails import clause_start, tail_has_verb, tail_tokens
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


def make_quantity(sentence: str, number: NumberMatch, shared: str = "") -> Quantity:
    """The quantity of ``number``: the unit written after it, or ``shared``, the unit a
    list writes once after its last number (分别为120、80公里)."""
    end = number.end
    unit = ""
    unit_norm = ""
    unit_class = ""
    if number.kind in _SHARE_KINDS:
        unit_norm, unit_class = "percent", "percent"
    else:
        m = unit_re().match(sentence, end)
        written = m.group() if m else ""
        if m:
            end = m.end()
        # 个 of 12.7个、12个百分点 opens the unit the list writes in full at its end
        unit = shared if shared and shared.startswith(written) else written
        if unit:
            form = unit_forms()[unit]
            unit_norm, unit_class = form.unit, form.unit_class
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
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _is_threshold(sentence: str, q: Quantity) -> bool:
    """A bound that qualifies a noun rather than a figure committed to: 百亿元以上重大项目,
    营收超千亿元的县域. Only when nothing governs the number (建成百亿元以上项目 keeps it)
    or, before 的, when a comparator bounds it."""
    if not q.number.bare_magnitude:
        return False
    after = sentence[q.end : q.end + 1]
    if after == "的":
        return q.comparator is not None or _bounded_by_word(sentence, q.start)
    return q.has_suffix and bool(_HAN.match(after)) and not tail_has_verb(sentence, q.start)


def _bounded_by_word(sentence: str, start: int) -> bool:
    tokens = tail_tokens(sentence[max(0, start - 8) : start])
    return bool(tokens) and tokens[0][1] == "cmp"


def accept(sentence: str, q: Quantity) -> bool:
    """Is this number a quantity at all (not a date, name, ordinal, bare numeral …)?"""
    num = q.number
    start = num.start
    if sentence.startswith("级", q.end):
        return False  # 30万吨级航道, 千亿元级产业集群: a class, not a quantity
    if _is_threshold(sentence, q):
        return False
    if num.bare_magnitude:
        # 超千亿元, 稳定在千万吨以上: a magnitude written without a digit is a quantity when
        # a unit follows and a verb or comparator governs it (not 千万不要, 百万雄师)
        return bool(q.unit) and (q.has_suffix or tail_has_verb(sentence, start))
    if num.kind == "chinese":
        if num.value < 2 or not q.unit:
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


# Separators of a list of figures that share the unit written after the last one.
_LIST_SEPARATORS = frozenset(("、", "，", "和", "与", "及", "或"))


def _multiplied(number: NumberMatch, multiplier: str) -> NumberMatch:
    """5.2 in 5.2、2.6万元: the multiplier written once after the list applies to it too."""
    value = float(Decimal(repr(number.value)) * MULTIPLIERS[multiplier])
    return dataclasses.replace(number, value=value, multiplier=multiplier)


def _with_shared_units(sentence: str, numbers: list[NumberMatch]) -> list[Quantity]:
    """Quantities of ``numbers``, right to left, so that a number of a list takes the unit
    (and multiplier) written once after the list: 分别增长4.3、5.5%; 分别为5、3万人;
    12.7个、12个百分点."""
    out: list[Quantity] = []
    following: Quantity | None = None
    for number in reversed(numbers):
        q = make_quantity(sentence, number)
        if following is not None and _shares_unit(sentence, q, following):
            if following.number.multiplier and not number.multiplier and not number.is_range:
                number = _multiplied(number, following.number.multiplier)
            q = make_quantity(sentence, number, following.unit)
        out.append(q)
        following = q
    return out[::-1]


def _shares_unit(sentence: str, q: Quantity, following: Quantity) -> bool:
    separator = sentence[q.end : following.start]
    return (
        bool(following.unit)
        and following.unit != q.unit
        and following.unit.startswith(q.unit)
        and q.number.kind == following.number.kind
        and q.number.kind in ("arabic", "chinese")
        and separator in _LIST_SEPARATORS
        and (separator != "，" or bool(q.number.multiplier))
    )


def quantities(sentence: str) -> list[Quantity]:
    blocked = Blocked(sentence)
    numbers = [n for n in find_numbers(sentence) if not blocked.overlaps(n.start, n.end)]
    out: list[Quantity] = []
    for q in _with_shared_units(sentence, numbers):
        number = q.number
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
