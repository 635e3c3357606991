"""Numeral grammar: parse_number, parse_range, find_numbers, and the Chinese-numeral reader."""

from __future__ import annotations

import pytest

from plankg.extract.numbers import (
    NUMBER_RE,
    find_numbers,
    parse_number,
    parse_range,
)
from plankg.numerals import chinese_numeral


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", 3.0),
        ("6.5", 6.5),
        ("1,000", 1000.0),
        ("12,345.5", 12345.5),
        ("5万", 50_000.0),
        ("6.12万", 61_200.0),
        ("1.3万亿", 1.3e12),
        ("2.15万亿", 2.15e12),
        ("9300亿", 9.3e11),
        ("2亿", 2e8),
        ("3千万", 3e7),
        ("6000多", 6000.0),
        ("620多万", 6_200_000.0),
        ("300余", 300.0),
        ("三千", 3000.0),
        ("两万", 20_000.0),
        ("十二", 12.0),
        ("一百零五", 105.0),
        ("廿", 20.0),
        ("〇", 0.0),
        ("百分之五", 5.0),
        ("百分之三十五", 35.0),
        ("百分之零点五", 0.5),
        ("三分之一", 1 / 3),
        ("3分之2", 2 / 3),
        ("一半", 0.5),
    ],
)
def test_parse_number(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


def test_multiplied_decimals_are_exact() -> None:
    # Decimal arithmetic: no 61200.000000000004
    assert parse_number("6.12万") == 61200.0
    assert parse_number("1.3万亿") == 1_300_000_000_000.0


@pytest.mark.parametrize("text", ["", "abc", "万", "亿万", "三五", "十三五", "6%－6.5%", "第一"])
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("6%－6.5%", 6.0, 6.5),
        ("6-6.5%", 6.0, 6.5),
        ("5至8", 5.0, 8.0),
        ("3~5", 3.0, 5.0),
        ("10%～12%", 10.0, 12.0),
        ("5—8万", 50_000.0, 80_000.0),  # the multiplier written once covers both bounds
        ("1-2亿", 1e8, 2e8),
    ],
)
def test_parse_range(text: str, low: float, high: float) -> None:
    assert parse_range(text) == (pytest.approx(low), pytest.approx(high))


def test_parse_range_rejects_single_numbers() -> None:
    assert parse_range("6.5%") is None
    assert parse_range("三千") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("二〇三五", 2035.0),
        ("一千二百万", 12_000_000.0),
        ("三亿五千万", 350_000_000.0),
        ("十万", 100_000.0),
        ("两千三百", 2300.0),
        ("零点五", 0.5),
    ],
)
def test_chinese_numeral(text: str, expected: float) -> None:
    assert chinese_numeral(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["三五", "十三五", "万", "千方", "两地"])
def test_chinese_numeral_rejects(text: str) -> None:
    assert chinese_numeral(text) is None


def test_find_numbers_spans_and_kinds() -> None:
    text = (
        "国内生产总值增长6%－6.5%；城镇新增就业1100万人以上，"
        "压减三分之一，百分之五，新建改建6000多公里"
    )
    found = find_numbers(text)
    by_text = {n.text: n for n in found}
    rng = by_text["6%－6.5"]
    assert (rng.value, rng.value_max, rng.percent, rng.is_range) == (6.0, 6.5, True, True)
    assert text[rng.start : rng.end] == "6%－6.5"
    jobs = by_text["1100万"]
    assert (jobs.value, jobs.multiplier, jobs.kind) == (11_000_000.0, "万", "arabic")
    assert text[jobs.end] == "人"  # the unit is not part of the number
    assert by_text["三分之一"].kind == "fraction"
    assert by_text["百分之五"].kind == "percent-word"
    assert by_text["百分之五"].percent
    assert by_text["6000多"].more_than


def test_find_numbers_does_not_join_baseline_and_target() -> None:
    found = find_numbers("关税总水平由9.8%降至7.5%")
    assert [(n.text, n.is_range) for n in found] == [("9.8", False), ("7.5", False)]


def test_find_numbers_unit_starting_with_thousand() -> None:
    # 千 in 千瓦/千米 is a unit, not a multiplier; 万 before 千瓦 is.
    found = find_numbers("新增装机50万千瓦，新建管网120千米")
    assert [(n.text, n.value) for n in found] == [("50万", 500_000.0), ("120", 120.0)]


def test_number_regex_is_compiled_and_exported() -> None:
    assert NUMBER_RE.search("增长6%") is not None
    assert NUMBER_RE.search("没有数字") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("一千二", 1200.0), ("卅", 30.0), ("二〇〇八", 2008.0), ("五万亿", 5e12)],
)
def test_chinese_numeral_readings(text: str, expected: float) -> None:
    assert chinese_numeral(text) == pytest.approx(expected)


def test_magnitudes_without_a_digit() -> None:
    assert chinese_numeral("千亿") is None  # a word unless the caller says otherwise
    assert chinese_numeral("千亿", bare_magnitude=True) == 1e11
    assert chinese_numeral("万", bare_magnitude=True) is None  # a lone 万 stays a word
    found = find_numbers("营收超千亿元，装机五千瓦")
    assert [(n.text, n.value, n.bare_magnitude) for n in found] == [
        ("千亿", 1e11, True),
        ("五", 5.0, False),  # 千瓦 is the unit
    ]


def test_tenths() -> None:
    (number,) = find_numbers("占比提高到四成")
    assert (number.text, number.value, number.kind) == ("四成", 0.4, "tenths")
    assert all(n.kind != "tenths" for n in find_numbers("一成不变"))


def test_long_numeral_runs_are_refused_quickly() -> None:
    assert chinese_numeral("一" * 100_000) is None
