"""Name normalization: one canonical name per surface form and per thing in a document.

* ``canonical_name`` works on one mention: it drops enumeration and phase noise (等,
  一期, （二期）), scale labels (千亿级), congress session numbers (十八届), expands
  cpca short forms of administrative divisions (四川 → 四川省, 渝北 → 渝北区) and
  well-known national abbreviations (上交所 → 上海证券交易所), and names level
  references (市里 → 市政府, 中央 → 中央政府).
* ``merge_aliases`` works across a document: a name that is another name of the same
  category with modifiers such as 国际/中国/国家 or a place name removed from its middle
  (江北机场 = 江北国际机场), a company name without its legal form (宇邦线缆 =
  宇邦线缆有限公司), or a town/subdistrict stem (大湾 = 大湾镇) maps onto the longer,
  formal name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from plankg.extract import lexicon as lx
from plankg.extract.wordlists import table

# Well-known national abbreviations (a general resource, not document-specific).
ABBREVIATIONS: dict[str, str] = {row["short"]: row["full"] for row in table("abbreviations.tsv")}
ABBREVIATIONS.update({alias: row["name"] for row in table("central_bodies.tsv")
                      for alias in filter(None, row["aliases"].split("|"))})

# Level references that stand for a government (brief: 市里 → city government).
LEVEL_REFERENCES: dict[str, str] = {
    "市里": "市政府",
    "区里": "区政府",
    "县里": "县政府",
    "省里": "省政府",
    "镇里": "镇政府",
    "中央": "中央政府",
}

_SCALE_PREFIX_RE = re.compile(r"^(?:[0-9]+|[一二三四五六七八九十两百千万亿]+)+级(?=.{2})")
_PHASE_SUFFIX_RE = re.compile(
    r"(?:[（(]?(?:[一二三四五六七八九十]+|[0-9]+)期[）)]?|[（(][^）)]{1,6}[）)])$"
)
_SESSION_RE = re.compile(r"第?[一二三四五六七八九十]+届(?:人民代表大会|人大)")
_TRAILING_NOISE = ("等等", "等")


def canonical_name(surface: str, category: str, type: str) -> str:
    """The canonical name for one surface form (no document context)."""
    name = re.sub(r"\s+", "", surface)
    name = name.replace("(", "（").replace(")", "）")
    for noise in _TRAILING_NOISE:
        if name.endswith(noise) and len(name) > len(noise) + 1:
            name = name[: -len(noise)]
    if name.startswith("各") and len(name) > 3:
        name = name[1:]
    name = _SCALE_PREFIX_RE.sub("", name)
    if category == "project":
        stripped = _PHASE_SUFFIX_RE.sub("", name)
        if len(stripped) >= 3:
            name = stripped
    if category == "organization":
        if name in LEVEL_REFERENCES:
            return LEVEL_REFERENCES[name]
        name = _SESSION_RE.sub(lambda m: m.group(0)[m.group(0).index("届") + 1 :], name)
        if name.endswith("人代会"):
            name = name[: -len("人代会")] + "人民代表大会"
    if name in ABBREVIATIONS:
        return ABBREVIATIONS[name]
    if category == "place" and type in ("province", "city", "district"):
        division = lx.lookup_admin(name)
        if division is not None:
            return division.name
    return name


# Modifiers that may be left out of the middle of a name (江北机场 = 江北国际机场).
_DROPPABLE = ("国际", "中国", "国家", "全国", "股份", "有限", "有限责任", "控股")
_LEGAL_FORMS = ("股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "集团公司", "公司",
                "集团")
_ADMIN_STEM_SUFFIXES = ("街道", "镇", "乡")


def merge_aliases(names: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(category, name) → canonical name, for every pair given.

    Names merge only within a category; the longer (formal) name wins. The result maps
    each input pair, so callers can look any mention up.
    """
    pairs = sorted(set(names))
    by_category: dict[str, list[str]] = {}
    for category, name in pairs:
        by_category.setdefault(category, []).append(name)
    result: dict[tuple[str, str], str] = {}
    for category, members in by_category.items():
        keys: dict[str, list[str]] = {}
        for name in members:
            for key in _merge_keys(name, category):
                keys.setdefault(key, []).append(name)
        for name in members:
            target = name
            if name in ABBREVIATIONS:
                target = ABBREVIATIONS[name]
            best = target
            for key in _merge_keys(name, category):
                for other in keys.get(key, ()):
                    if _prefer(other, best):
                        best = other
            # Only merge onto a longer name (never shorten a formal name).
            result[(category, name)] = best if len(best) >= len(target) else target
    return result


def _prefer(candidate: str, current: str) -> bool:
    return (len(candidate), candidate) > (len(current), current)


def _merge_keys(name: str, category: str) -> list[str]:
    """Keys under which variants of ``name`` meet."""
    keys = [_strip_modifiers(name)]
    if category == "organization":
        for form in _LEGAL_FORMS:
            if name.endswith(form) and len(name) - len(form) >= 2:
                keys.append("co:" + _strip_modifiers(name[: -len(form)]))
                break
        else:
            keys.append("co:" + _strip_modifiers(name))
    if category == "place":
        division = lx.lookup_admin(name)
        if division is not None:
            keys.append("admin:" + division.name)
        for suffix in _ADMIN_STEM_SUFFIXES:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                keys.append("stem:" + name[: -len(suffix)])
                break
        else:
            if 2 <= len(name) <= 3:
                keys.append("stem:" + name)
    return keys


def _strip_modifiers(name: str) -> str:
    """Remove droppable modifiers and embedded place names from the middle."""
    if len(name) <= 3:
        return name
    head, middle, tail = name[:2], name[2:-2], name[-2:]
    for modifier in sorted(_DROPPABLE, key=len, reverse=True):
        middle = middle.replace(modifier, "")
    return head + middle + tail
