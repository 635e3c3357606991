"""Jurisdictions' levels and English names (the one romanizer of plankg), and the catalog's
own name template of a department in one jurisdiction.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from plankg.catalog.vocabulary import (
    DepartmentType,
    Level,
    NationalBody,
    national_bodies_in_order,
)

_JURISDICTION_SUFFIXES = [
    ("特别行政区", "Special Administrative Region", "province"),
    ("自治区", "Autonomous Region", "province"),
    ("自治州", "Autonomous Prefecture", "city"),
    ("自治县", "Autonomous County", "district"),
    ("自治旗", "Autonomous Banner", "district"),
    ("新区", "New Area", "district"),
    ("地区", "Prefecture", "city"),
    ("省", "Province", "province"),
    ("市", "City", "city"),
    ("区", "District", "district"),
    ("县", "County", "district"),
    ("旗", "Banner", "district"),
    ("盟", "League", "city"),
    ("州", "Prefecture", "city"),
]
NATIONAL_NAMES = frozenset({"中华人民共和国", "中国", "全国", "国家", "国务院", "中央"})
# The four province-level cities under the central government.
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
# Romanizations that are not plain pinyin.
@cache
def _pinyin_exceptions() -> dict[str, str]:
    """Names whose official romanization is not plain pinyin (data/romanization.tsv)."""
    from plankg.datafiles import key_values

    return key_values("plankg.catalog", "romanization.tsv")


# The 55 minority nationalities, stripped from autonomous-area names (恩施土家族苗族自治州).
_ETHNIC_NAMES = [
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家",
    "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇",
    "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌",
    "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔",
    "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
]
# Two-character names may drop 族 (新疆维吾尔自治区); one-character ones keep it (宁夏回族).
_ETHNIC_TAIL = re.compile(
    "(?:("
    + "|".join(sorted((n for n in _ETHNIC_NAMES if len(n) > 1), key=len, reverse=True))
    + ")族?|("
    + "|".join(n for n in _ETHNIC_NAMES if len(n) == 1)
    + ")族)$"
)


@cache
def _pinyin() -> Callable[[str], list[str]] | None:
    # Imported on first use: pypinyin's phrase tables take 0.4 s to load.
    try:
        from pypinyin import lazy_pinyin
    except ImportError:  # pragma: no cover - only without the optional dependency
        return None
    return lazy_pinyin


def romanize(name: str) -> str | None:
    exceptions = _pinyin_exceptions()
    if name in exceptions:
        return exceptions[name]
    lazy_pinyin = _pinyin()
    if lazy_pinyin is None or not name:
        return None
    syllables = lazy_pinyin(name)
    if not all(s.isascii() and s.isalpha() for s in syllables):
        return None
    word = syllables[0]
    for syllable in syllables[1:]:
        # Xi'an, not Xian: an apostrophe before a vowel-initial syllable.
        word += ("'" if syllable[0] in "aoe" else "") + syllable
    return word.capitalize()


def jurisdiction_level(jurisdiction_zh: str) -> Level | None:
    if jurisdiction_zh in NATIONAL_NAMES:
        return "national"
    for suffix, _, level in _JURISDICTION_SUFFIXES:
        if jurisdiction_zh.endswith(suffix) and len(jurisdiction_zh) > len(suffix):
            return level
    return None


def jurisdiction_english(jurisdiction_zh: str) -> str | None:
    """渝北区 → "Yubei District", 四川省 → "Sichuan Province"; None when it cannot romanize."""
    for suffix, english, _ in _JURISDICTION_SUFFIXES:
        if jurisdiction_zh.endswith(suffix) and len(jurisdiction_zh) > len(suffix):
            proper = jurisdiction_zh[: -len(suffix)]
            ethnic: list[str] = []
            while suffix.startswith("自治") and (tail := _ETHNIC_TAIL.search(proper)):
                ethnic.insert(0, tail.group(1) or tail.group(2))
                proper = proper[: tail.start()]
            words = [romanize(group) for group in ethnic]
            if any(word is None for word in words):
                return None
            head = romanize(proper)
            if head is None:
                return None
            return " ".join([head, *(w for w in words if w), english])
    return None


def national_body_for(dept: DepartmentType) -> NationalBody | None:
    """The national ministry or organ with the department type's mandates, if any."""
    for body in national_bodies_in_order():
        if body.corresponds_to == dept.iri:
            return body
    return None


def instantiate(
    dept: DepartmentType, jurisdiction_zh: str, jurisdiction_en: str | None = None
) -> tuple[str, str | None]:
    """The department of one jurisdiction: (渝北区, 生态环境局) → ("渝北区生态环境局",
    "Yubei District Ecology and Environment Bureau").

    Provinces get the provincial name where it differs (四川省生态环境厅); a national
    jurisdiction (中华人民共和国, 国务院) gets the corresponding ministry. The English name
    is None when ``jurisdiction_en`` is not given and cannot be romanized.
    """
    level = jurisdiction_level(jurisdiction_zh)
    if level == "national":
        body = national_body_for(dept)
        if body is not None:
            return body.zh, body.en
    if jurisdiction_en is None:
        jurisdiction_en = jurisdiction_english(jurisdiction_zh)
    if level == "province" and dept.provincial_zh and dept.kind == "government":
        zh = jurisdiction_zh + dept.provincial_zh
        en = f"{dept.provincial_en} of {jurisdiction_en}" if jurisdiction_en else None
        return zh, en
    zh = dept.template_zh.replace("{jurisdiction}", jurisdiction_zh)
    en = dept.template_en.replace("{jurisdiction_en}", jurisdiction_en) if jurisdiction_en else None
    return zh, en
