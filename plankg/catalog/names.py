"""Departments *named* in a text (区生态环境局, 市发改委, 团区委, 生态环境部 …), with the
administrative level its prefix gives.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from plankg.catalog.matching import (
    all_longest,
    fold,
)
from plankg.catalog.vocabulary import (
    DepartmentMention,
    DepartmentType,
    Level,
    NationalBody,
    by_iri,
    departments_in_order,
    national_bodies_in_order,
)
from plankg.wordtrie import trie_pattern

_SUFFIXES = ("委员会", "分局", "局", "委", "厅")
_OFFICE_SUFFIXES = ("办公室", "办")
# Characters after a name that show the suffix character was the start of another word:
# 交通局部, 政府委托, 信访办理.
_FALSE_FOLLOWERS = {"局": set("部面势限域"), "委": set("托员屈婉"), "办": set("理法事好成结公实")}
# Kinds whose stems are not department stems (组织部, 工会 take no 局/委 suffix).
_NO_STEM_KINDS = {"party", "mass-organization", "judicial", "military", "other"}


@cache
def _name_table() -> dict[str, tuple[DepartmentType, NationalBody | None]]:
    table: dict[str, tuple[DepartmentType, NationalBody | None]] = {}
    for dept in departments_in_order():
        labels = [dept.zh, *dept.alt_labels]
        if dept.provincial_zh:
            labels.append(dept.provincial_zh)
        for label in labels:
            table.setdefault(label, (dept, None))
        if dept.kind in _NO_STEM_KINDS:
            continue
        suffixes = list(_SUFFIXES)
        if any(label.endswith(_OFFICE_SUFFIXES) for label in labels):
            suffixes += _OFFICE_SUFFIXES
        for stem in (dept.short_name, *dept.stems):
            for suffix in suffixes:
                table.setdefault(stem + suffix, (dept, None))
    types = by_iri()
    for body in national_bodies_in_order():
        dept = types[body.corresponds_to]
        for label in (body.zh, *body.alt_labels):
            table[label] = (dept, body)  # a national name beats a generated local form
    return table


@cache
def _name_regex() -> re.Pattern[str]:
    return re.compile("(?=(" + trie_pattern(_name_table()) + "))")


_LEVEL_BEFORE = [
    (re.compile(r"(?:特别行政区|自治区|省)委?$"), "province"),
    (re.compile(r"(?:中共中央|中央|国家|国务院|全国)$"), "national"),
    (re.compile(r"(?:自治州|地区|州|盟|市)委?$"), "city"),
    (re.compile(r"(?:区|县|旗)委?$"), "district"),
    (re.compile(r"(?:镇|乡|街道)(?:党委)?$"), "township"),
]
_LEVEL_CHAR = {"区": "district", "县": "district", "旗": "district", "市": "city", "州": "city",
               "省": "province"}
_INNER_LEVEL = re.compile(r"^团?([区县旗市州省])委")
_PLACE_GAP = re.compile(r"^[\u4e00-\u9fff]{1,12}$")


def _level_of(text: str, start: int, surface: str, body: NationalBody | None) -> Level | None:
    if body is not None:
        return "national"
    inner = _INNER_LEVEL.match(surface)
    if inner:
        return _LEVEL_CHAR[inner.group(1)]
    before = text[max(0, start - 6):start]
    for pattern, level in _LEVEL_BEFORE:
        if pattern.search(before):
            return level
    return None


def find_departments(text: str) -> list[DepartmentMention]:
    """Every department named in ``text``, in order, with its level where a prefix shows it.

    Accepts full names, common abbreviations (发改委, 人力社保局, 住建委, 市场监管局 …),
    provincial names (生态环境厅) and national ones (生态环境部 → the 生态环境局 type).
    """
    return list(_find_departments(text))


@lru_cache(maxsize=8192)
def _find_departments(text: str) -> tuple[DepartmentMention, ...]:
    table = _name_table()
    folded = fold(text)
    mentions: list[DepartmentMention] = []
    last_end = -1
    for start, end, surface in all_longest(_name_regex(), folded):
        if start < last_end:
            continue  # overlaps the previous name
        nxt = folded[end:end + 1]
        if nxt and nxt in _FALSE_FOLLOWERS.get(surface[-1], ()):
            continue
        dept, body = table[surface]
        mentions.append(DepartmentMention(dept, text[start:end], start, end,
                                          _level_of(folded, start, surface, body), body))
        last_end = end
    # 国家税务总局重庆市税务局 names one local body: drop the national head before it.
    kept: list[DepartmentMention] = []
    for i, mention in enumerate(mentions):
        nxt_mention = mentions[i + 1] if i + 1 < len(mentions) else None
        if (mention.national_body is not None and nxt_mention is not None
                and nxt_mention.department == mention.department
                and nxt_mention.national_body is None
                and _PLACE_GAP.match(folded[mention.end:nxt_mention.start])):
            continue
        kept.append(mention)
    return tuple(kept)


def match_department_mention(text: str) -> DepartmentMention | None:
    """The first department named in ``text`` (with level and position), or None."""
    found = find_departments(text)
    return found[0] if found else None


def match_department(text: str) -> DepartmentType | None:
    """The department type named in ``text`` (区环保局 → 生态环境局), or None.

    Use ``match_department_mention`` for the level (市生态环境局 → city).
    """
    mention = match_department_mention(text)
    return mention.department if mention else None
