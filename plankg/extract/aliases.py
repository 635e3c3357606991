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

# Well-known national abbreviations (a general resource, not document-specific).
ABBREVIATIONS: dict[str, str] = {
    "上交所": "上海证券交易所",
    "深交所": "深圳证券交易所",
    "北交所": "北京证券交易所",
    "港交所": "香港交易所",
    "中科院": "中国科学院",
    "社科院": "中国社会科学院",
    "中国社科院": "中国社会科学院",
    "工程院": "中国工程院",
    "全国人大": "全国人民代表大会",
    "全国人大常委会": "全国人民代表大会常务委员会",
    "全国政协": "中国人民政治协商会议全国委员会",
    "人民政协": "中国人民政治协商会议",
    "人行": "中国人民银行",
    "央行": "中国人民银行",
    "证监会": "中国证券监督管理委员会",
    "银保监会": "中国银行保险监督管理委员会",
    "国家发展改革委": "国家发展和改革委员会",
    "国家发改委": "国家发展和改革委员会",
    "国资委": "国有资产监督管理委员会",
    "国务院国资委": "国务院国有资产监督管理委员会",
    "国家卫健委": "国家卫生健康委员会",
    "工信部": "工业和信息化部",
    "人社部": "人力资源和社会保障部",
    "人力资源社会保障部": "人力资源和社会保障部",
    "住房城乡建设部": "住房和城乡建设部",
    "住建部": "住房和城乡建设部",
    "文旅部": "文化和旅游部",
    "中共中央": "中国共产党中央委员会",
    "党中央": "中国共产党中央委员会",
    "中央军委": "中华人民共和国中央军事委员会",
    "世贸组织": "世界贸易组织",
    "WTO": "世界贸易组织",
    "IMF": "国际货币基金组织",
    "世卫组织": "世界卫生组织",
    "WHO": "世界卫生组织",
    "上合组织": "上海合作组织",
    "亚投行": "亚洲基础设施投资银行",
    "金砖银行": "新开发银行",
    "APEC": "亚太经合组织",
    "G20": "二十国集团",
    "东盟": "东南亚国家联盟",
    "欧盟": "欧洲联盟",
    "非盟": "非洲联盟",
    "经合组织": "经济合作与发展组织",
    "OECD": "经济合作与发展组织",
    "长三角": "长江三角洲",
    "珠三角": "珠江三角洲",
    "大湾区": "粤港澳大湾区",
    "成渝双城经济圈": "成渝地区双城经济圈",
    "拉美": "拉丁美洲",
    "中国": "中华人民共和国",
    "沙特": "沙特阿拉伯",
    "印尼": "印度尼西亚",
}

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
