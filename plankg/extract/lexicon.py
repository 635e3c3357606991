"""The gazetteer of the name extractors: administrative divisions, countries, regions.

* cpca's national table of administrative divisions (provinces, prefecture-level
  cities, county-level districts) with containment derived from the adcodes, and the
  short forms people write (四川 for 四川省, 渝北 for 渝北区), each with a strength
  (full, strong, weak) that says whether it may stand alone;
* countries, continents, regions and fixed policy phrases from ``data/*.txt``;
* a leftmost-longest scan of a sentence against all of them, and the test whether a
  match crosses a word of the segmentation.

Everything is built lazily once (functools.cache); nothing here is document-specific.
The tokens (``tokens.py``) and the left-boundary grammar (``grammar.py``) live apart.
"""

from __future__ import annotations

import csv
import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

from plankg.extract.tokens import word_info, word_table
from plankg.extract.wordlists import word_list, words

__all__ = ["words"]  # (re-exported: other modules read inline word lists through it)

# ---------------------------------------------------------------------------
# Administrative divisions (cpca)

Level = str  # "province" | "city" | "district"


@dataclass(frozen=True)
class AdminDivision:
    name: str  # full name: 渝北区
    adcode: str
    level: Level  # province | city | district
    parent: str | None  # full name of the containing division, when unambiguous
    short: str | None  # accepted short form: 渝北


_SKIP_NAMES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划",
                         "中沙群岛的岛礁及其海域"})

# County-level names that are ordinary words; they are only taken in their full form
# and never as short forms (城区 is a district of 阳泉, but "城区" in a plan is generic).
_GENERIC_FULL_NAMES = frozenset({"城区", "郊区", "矿区", "东区", "西区", "南区", "北区", "新区"})

# Short forms that are ordinary words; never matched on their own (the full form is).
COMMON_SHORT_FORMS = word_list("common_short_forms.txt")
# Real places whose short form is also a common word or brand: taken only next to
# another place (长安、朝阳) or before a place suffix, never alone.
WEAK_SHORT_FORMS = word_list("weak_short_forms.txt")

_SUFFIXES_BY_LEVEL = {
    "province": ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"),
    "city": ("自治州", "地区", "盟", "市"),
    "district": ("自治县", "自治旗", "新区", "林区", "特区", "区", "县", "市", "旗"),
}


@cache
def _nations() -> tuple[str, ...]:
    path = _cpca_dir() / "56_nations.csv"
    with path.open(encoding="utf-8") as handle:
        names = [line.strip() for line in handle if line.strip()]
    # Longest first so 土家族 is stripped before 家族-like accidents.
    stems = {n[:-1] if n.endswith("族") else n for n in names}
    return tuple(sorted(stems, key=len, reverse=True))


@cache
def _cpca_dir() -> Path:
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the cpca package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "resources"


def _level_of(adcode: str) -> Level:
    if adcode[2:] == "0" * 10:
        return "province"
    if adcode[4:] == "0" * 8:
        return "city"
    return "district"


def _short_form(name: str, level: Level) -> str | None:
    for suffix in _SUFFIXES_BY_LEVEL[level]:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            if "自治" in suffix or suffix in ("自治州", "自治县", "自治旗"):
                stem = _strip_nations(stem)
            return stem if len(stem) >= 2 else None
    return None


def _strip_nations(stem: str) -> str:
    changed = True
    while changed:
        changed = False
        for nation in _nations():
            for form in (nation + "族", nation):
                if stem.endswith(form) and len(stem) > len(form) + 1:
                    stem = stem[: -len(form)]
                    changed = True
                    break
            if changed:
                break
    return stem


@cache
def admin_divisions() -> dict[str, tuple[AdminDivision, ...]]:
    """Full name → divisions with that name (朝阳区 exists in 北京 and 长春)."""
    rows: list[tuple[str, str]] = []
    with (_cpca_dir() / "adcodes.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name, adcode = row["name"].strip(), row["adcode"].strip()
            if name and name not in _SKIP_NAMES and len(adcode) == 12:
                rows.append((adcode, name))
    by_code = dict(rows)
    result: dict[str, list[AdminDivision]] = {}
    for adcode, name in sorted(rows):
        level = _level_of(adcode)
        parent = None
        if level == "district":
            parent = by_code.get(adcode[:4] + "0" * 8) or by_code.get(adcode[:2] + "0" * 10)
        elif level == "city":
            parent = by_code.get(adcode[:2] + "0" * 10)
        short = _short_form(name, level)
        result.setdefault(name, []).append(AdminDivision(name, adcode, level, parent, short))
    return {name: tuple(divs) for name, divs in result.items()}


_LEVEL_RANK = {"province": 0, "city": 1, "district": 2}


def best_division(divisions: tuple[AdminDivision, ...]) -> AdminDivision:
    """Highest level first (吉林 → 吉林省 before 吉林市); parent dropped when ambiguous."""
    ordered = sorted(divisions, key=lambda d: (_LEVEL_RANK[d.level], d.adcode))
    best = ordered[0]
    same = [d for d in ordered if d.level == best.level]
    if len({d.parent for d in same}) > 1:
        return AdminDivision(best.name, best.adcode, best.level, None, best.short)
    return best


@cache
def admin_short_forms() -> dict[str, tuple[AdminDivision, ...]]:
    """Short form → divisions; only forms of ≥ 2 characters that are not full names."""
    full = admin_divisions()
    result: dict[str, list[AdminDivision]] = {}
    for divisions in full.values():
        for division in divisions:
            short = division.short
            if not short or short in full or short in _GENERIC_FULL_NAMES:
                continue
            result.setdefault(short, []).append(division)
    return {short: tuple(divs) for short, divs in result.items()}


def lookup_admin(name: str, provinces: frozenset[str] = frozenset()) -> AdminDivision | None:
    """A full or short admin name → its division (the highest level when ambiguous).

    With ``provinces`` (the document's own), a division inside them is preferred
    (南沙 in a Guangdong report is 广州市南沙区, not 三沙市南沙区).
    """
    divisions = admin_divisions().get(name) or admin_short_forms().get(name)
    if not divisions:
        return None
    own = tuple(d for d in divisions if province_of_division(d) in provinces)
    return best_division(own or divisions)


def divisions_named(name: str) -> tuple[AdminDivision, ...]:
    """Every division whose full name or short form is ``name``."""
    return admin_divisions().get(name) or admin_short_forms().get(name) or ()


def short_form_strength(short: str) -> str | None:
    """'strong' (match anywhere), 'weak' (only next to another place) or None.

    Province and prefecture short forms are strong unless listed as common words.
    County-level short forms are strong when jieba knows them as a rare place or
    name word (渝北, 余杭); frequent or non-name words (江北, 长安, 仙桃) are weak.
    """
    divisions = admin_short_forms().get(short)
    if not divisions or short in COMMON_SHORT_FORMS:
        return None
    if short in WEAK_SHORT_FORMS:
        return "weak"
    if best_division(divisions).level in ("province", "city"):
        return "strong"
    if short[0] in "一二三四五六七八九十两百千万":
        return "weak"  # 三山, 六合, 九台: county names that read as slogans (“三山一滩”)
    info = word_info(short)
    if info is None:
        return "strong"
    freq, pos = info
    if pos == "ns" and freq < 1000:
        return "strong"
    if pos in ("nr", "nrt", "nrfg", "nz", "j") and freq < 200:
        return "strong"
    if pos in ("n", "b") and freq < 100:
        return "strong"
    return "weak"


# ---------------------------------------------------------------------------
# Countries, continents and regions (general tables)

CONTINENTS = word_list("continents.txt")
COUNTRIES = word_list("countries.txt")
# Multi-province regions and world regions written by name (type "region").
REGIONS = word_list("regions.txt")
# Suffixes that make a region name from a proper head (京津冀城市群, 成渝地区双城经济圈).
# Fixed policy phrases that contain place-like characters but name no place.
GENERIC_PHRASES = word_list("generic_phrases.txt")


# ---------------------------------------------------------------------------
# Dictionary scan: admin divisions, countries, continents, regions


class DictMatch(NamedTuple):
    start: int
    end: int
    text: str
    type: str  # province | city | district | country | continent | region | phrase
    name: str  # canonical (full) name
    strength: str  # full | strong | weak | phrase


@cache
def _dictionary() -> dict[str, tuple[str, str, str]]:
    """surface → (type, canonical name, strength)."""
    table: dict[str, tuple[str, str, str]] = {}
    for short in admin_short_forms():
        strength = short_form_strength(short)
        if strength:
            division = lookup_admin(short)
            if division:
                table[short] = (division.level, division.name, strength)
    for name, divisions in admin_divisions().items():
        if name in _GENERIC_FULL_NAMES:
            continue
        division = best_division(divisions)
        table[name] = (division.level, division.name, "full")
    for name in CONTINENTS:
        table[name] = ("continent", name, "full")
    for name in COUNTRIES:
        table[name] = ("country", "中华人民共和国" if name == "中国" else name, "full")
    table["沙特"] = ("country", "沙特阿拉伯", "full")
    table["印尼"] = ("country", "印度尼西亚", "full")
    for name in REGIONS:
        table[name] = ("region", name, "full")
    for name in word_list("national_zones.txt"):
        table.setdefault(name, ("zone", name, "full"))
    for phrase in GENERIC_PHRASES:
        table[phrase] = ("phrase", phrase, "phrase")
    return table


@cache
def _dictionary_lengths() -> dict[str, tuple[int, ...]]:
    lengths: dict[str, set[int]] = {}
    for surface in _dictionary():
        lengths.setdefault(surface[0], set()).add(len(surface))
    return {char: tuple(sorted(ls, reverse=True)) for char, ls in lengths.items()}


def is_place_word(word: str) -> bool:
    """A place name that may stand alone (full names, strong short forms, countries)."""
    entry = _dictionary().get(word)
    return entry is not None and entry[2] in ("full", "strong") and entry[0] != "phrase"


def dictionary_matches(sentence: str) -> list[DictMatch]:
    """Leftmost-longest, non-overlapping matches of the place dictionary."""
    table = _dictionary()
    lengths = _dictionary_lengths()
    matches: list[DictMatch] = []
    i, n = 0, len(sentence)
    while i < n:
        found = None
        for length in lengths.get(sentence[i], ()):
            surface = sentence[i : i + length]
            if len(surface) == length and surface in table:
                found = surface
                break
        if found is None:
            i += 1
            continue
        kind, name, strength = table[found]
        matches.append(DictMatch(i, i + len(found), found, kind, name, strength))
        i += len(found)
    return matches


def phrase_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of fixed policy phrases (山水林田湖草, 中国特色) that contain no names."""
    return [(m.start, m.end) for m in dictionary_matches(sentence) if m.type == "phrase"]


def crosses_word(sentence: str, start: int, end: int, *, min_freq: int = 20) -> bool:
    """True when a common dictionary word straddles ``start`` or ``end``.

    延长寿命 contains 长寿 but 延长 and 寿命 cross its edges; 朝阳产业 is one word.
    """
    table = word_table()
    for edge in (start, end):
        if edge <= 0 or edge >= len(sentence):
            continue
        for left in range(max(0, edge - 4), edge):
            for right in range(edge + 1, min(len(sentence), edge + 4) + 1):
                word = sentence[left:right]
                info = table.get(word)
                if info and info[0] >= min_freq and info[1] != "nt":
                    return True
    return False




def provinces_of(jurisdiction: str) -> frozenset[str]:
    """The province-level division(s) a jurisdiction lies in (empty for the nation or an
    unknown name): 渝北区 → {重庆市}, 广东省 → {广东省}; several when the name is ambiguous."""
    result: set[str] = set()
    for division in admin_divisions().get(jurisdiction) or admin_short_forms().get(
        jurisdiction, ()
    ):
        result.add(province_of_division(division))
    return frozenset(result)


def province_of_division(division: AdminDivision) -> str:
    """The province-level division a division lies in (itself for a province)."""
    return _province_code_names().get(division.adcode[:2], division.name)


@cache
def _province_code_names() -> dict[str, str]:
    return {d.adcode[:2]: d.name for divs in admin_divisions().values() for d in divs
            if d.level == "province"}


def strength_in(match: DictMatch, provinces: frozenset[str]) -> str:
    """A match's strength in a document of these provinces (none: a national document).

    The document's own jurisdiction decides county short forms: one of another province
    (兴国 in a Guangdong report) is weak, no place unless another place stands beside
    it, and in a national report a county is rarely named by its short form alone.
    """
    if match.strength not in ("strong", "weak") or match.type != "district":
        return match.strength
    if provinces and any(province_of_division(d) in provinces
                         for d in divisions_named(match.text)):
        return match.strength
    return "weak"
