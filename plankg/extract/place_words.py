"""Place words the suffix grammar cannot see: named features and regions among the
sentence's words, route segments, and features listed without separators.

* jieba tags named features and regions ``ns`` (长江, 南昆山, 深圳湾, 珠江口, 粤东, 华南);
  a word so tagged that ends in a feature character (江 河 湖 山 湾 洋 岛 …) with a
  proper head, or that is a regional name (a province's one-character abbreviation with
  a direction: 粤东, 川南; or a name of ``data/regions.txt``), is a place.
* A route or crossing goes on with its segment: 兰海高速廉徐段, 广珠（澳）高铁鹤洲至横琴段,
  长征国家文化公园（广东段）; the ends of an A至B segment are places themselves.
* Features may share their suffix character without a separator: 韩江榕江练江水系.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from plankg.extract import grammar as gr
from plankg.extract import lexicon as lx
from plankg.extract import tokens as tk
from plankg.extract.wordlists import word_list

# Feature character → place type.
FEATURE_TYPES = {
    "江": "river", "河": "river", "溪": "river", "潭": "river", "湖": "lake", "山": "mountain",
    "岭": "mountain", "峰": "mountain", "湾": "bay", "海": "bay", "洋": "bay", "口": "bay",
    "岛": "island", "洲": "area",
}
# Province-level one-character abbreviations and directions: 粤东, 川南, 北疆.
_PROVINCE_CHARS = "京津沪渝冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀黔贵滇云藏陕秦甘陇青宁新疆"
_DIRECTION = "东西南北中"
_REGION_RE = re.compile(rf"^(?:[{_PROVINCE_CHARS}][{_DIRECTION}]|[{_DIRECTION}][{_PROVINCE_CHARS}]"
                        rf"|华[{_DIRECTION}])$")
# Head characters that make a feature word a common noun (深海, 河湖, 大洋, 内河).
_GENERIC_FEATURE_HEADS = frozenset("深大远高小内外近海河湖山江水出入港沿上下前后里中"
                                   "名火冰雪荒青绿群")


class PlaceWord(NamedTuple):
    start: int
    end: int
    type: str
    rule: str


def feature_type(word: str) -> str | None:
    """The type of a named feature or region word, or None for other words."""
    if word in word_list("generic_features.txt") or word in lx.GENERIC_PHRASES or len(word) < 2:
        return None
    if word in lx.REGIONS or _REGION_RE.match(word):
        return "region"
    info = tk.word_info(word)
    kind = FEATURE_TYPES.get(word[-1])
    if kind is None or info is None:
        return None
    # jieba tags some feature names as person or other names (万绿湖, 罗浮山 are "nr").
    if info[1] != "ns" and not (len(word) >= 3 and info[1] in ("nr", "nz") and info[0] < 100):
        return None
    if len(word) == 2 and word[0] in _GENERIC_FEATURE_HEADS:
        return None
    if len(word) == 2 and (tk.pos_of(word[0]) or "").startswith("v"):
        return None  # 涉海, 治山: a verb and its object
    if len(word) >= 3 and word[-2] in "入出流过":
        return None  # 河入海: a river flowing into the sea, not a sea
    return kind


_TREATY_RE = re.compile(r"[^，。；、]{0,8}?(?:协定|条约|公约|伙伴关系)")


def place_words(tokens: list[tk.Token], sentence: str) -> list[PlaceWord]:
    """Named features and regions among a sentence's words (not inside a treaty's name:
    跨太平洋伙伴关系协定)."""
    found = []
    for token in tokens:
        if _TREATY_RE.match(sentence, token.end):
            continue
        kind = feature_type(token.word)
        if kind is not None and lx.lookup_admin(token.word) is None:
            found.append(PlaceWord(token.start, token.end, kind, f"word-{kind}"))
    return found


_SEGMENT_RE = re.compile(
    r"(?:[（(][\u4e00-\u9fff]{1,6}段[）)]"
    r"|[\u4e00-\u9fff]{2,5}至[\u4e00-\u9fff]{2,5}段"
    r"|[\u4e00-\u9fff]{2,3}段)"
)
_ENDPOINTS_RE = re.compile(r"([\u4e00-\u9fff]{2,5})至([\u4e00-\u9fff]{2,5})段")
SEGMENTED_TYPES = frozenset({"road", "rail", "crossing", "bridge", "park", "river"})


def segment_after(sentence: str, end: int) -> tuple[int, list[tuple[int, int]]]:
    """A segment written right after a route (廉徐段, 鹤洲至横琴段, （广东段）): the new end
    and the spans of the segment's named ends."""
    match = _SEGMENT_RE.match(sentence, end)
    if match is None:
        return end, []
    ends = _ENDPOINTS_RE.fullmatch(match.group())
    if ends is None:
        inner = match.group().strip("（()）")[:-1]
        if match.group()[0] not in "（(" and any(
            len(t.word) > 1 and (tk.word_info(t.word) or (0, ""))[0] >= 100
            for t in tk.segment(inner)
        ):
            return end, []  # 高速公路沿线路段: ordinary words, not a named segment
        return match.end(), []
    base = match.start()
    spans = [(base + ends.start(1), base + ends.end(1)), (base + ends.start(2), base + ends.end(2))]
    return match.end(), [(a, b) for a, b in spans if not _is_station(sentence[a:b])]


_ROUTE_RE = re.compile(
    r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,7})至([\u4e00-\u9fff]{2,4}?)(?:段)?"
    r"((?:[一二三四五六七八九十]{1,3})线|铁路|城际|高速公路|高速|公路)"
)


def routes(sentence: str) -> list[tuple[PlaceWord, list[tuple[int, int]]]]:
    """广州东至新塘五六线: a route written as its two ends; with the spans of the ends."""
    found = []
    for match in _ROUTE_RE.finditer(sentence):
        kind = "road" if "高速" in match.group(3) or "公路" in match.group(3) else "rail"
        start = match.start()
        for token in tk.segment(match.group(1), start):
            if not gr.is_stop_token(token):
                break
            start = token.end  # 建成奉节至建始高速: the verb is no part of the route
        if match.end(1) - start < 2:
            continue
        # An end written as a city and a direction (广州东, 北京西) is a station.
        ends = [span for span in ((start, match.end(1)), match.span(2))
                if not _is_station(sentence[span[0] : span[1]])]
        found.append((PlaceWord(start, match.end(), kind, "route"), ends))
    return found


def _is_station(name: str) -> bool:
    return name[-1] in _DIRECTION and lx.lookup_admin(name[:-1]) is not None


_RUN_RE = re.compile(r"(?:[\u4e00-\u9fff][江河]){2,}(?=水系|流域|干流|两岸|沿岸|沿线)")


def shared_suffix_features(sentence: str) -> list[PlaceWord]:
    """韩江榕江练江水系: rivers written one after another, each with its own 江/河 (two
    characters each, read from the right)."""
    found = []
    for match in _RUN_RE.finditer(sentence):
        s, e = match.span()
        pieces = [PlaceWord(a, a + 2, "river", "shared-suffix")
                  for a in range(e - 2, s - 1, -2) if a >= s]
        # One of them a river jieba knows, or it is no list of rivers.
        if any(tk.word_info(sentence[p.start : p.end]) for p in pieces):
            found.extend(sorted(pieces))
    return found
