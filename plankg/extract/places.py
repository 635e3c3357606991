"""Places named in a sentence: administrative divisions, natural features, zones,
facilities.

Two sources, merged:

* a dictionary scan (lexicon.dictionary_matches): cpca's provinces, cities and
  county-level districts in full (渝北区) and short form (渝北), countries, continents
  and well-known regions;
* a suffix grammar: a place suffix (镇, 街道, 水库, 商圈, 机场 …) plus the proper name
  in front of it, whose left edge is found by lexicon.extend_left.

Conventions:

* An administrative prefix is split off: 木耳镇观音洞水库 gives 木耳镇 (town) and
  观音洞水库 (reservoir, located_in 木耳镇); 重庆市渝北区 gives 渝北区 located_in 重庆市.
* A shared suffix distributes over a 、 list: 嘉州、两路商圈 → 嘉州商圈, 两路商圈.
* Short forms inside an organization's name (重庆 in 重庆介观…研究院) are not places;
  full administrative names (渝北区 in 渝北区人民政府) are.
* Regions (京津冀, 长三角, 粤港澳大湾区, 成渝地区双城经济圈, 长江经济带, 东部地区 …)
  are typed "region"; national new areas and pilot zones (雄安新区, 海南自贸试验区) "zone".

* Bare zone words (保税港区, 高新区) count only when listed with another place or
  organization (联手江北机场和保税港区); names listed before 等…区域 are type "area"
  (a named area whose level the text does not give: 龙兴、悦来等新兴区域).

Types: province (incl. municipalities, autonomous regions, SARs), city, district,
town, subdistrict, village, river, mountain, lake, reservoir, park, zone,
business-district, site, road, bridge, rail, airport, port, building, country,
continent, region, area.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from plankg.extract import grammar as gr
from plankg.extract import lexicon as lx
from plankg.extract import place_words as pw
from plankg.extract import tokens as tk
from plankg.extract.aliases import canonical_name
from plankg.extract.context import NameContext
from plankg.extract.place_parts import (
    ABBREVIATED,
    Candidate,
    abbreviation_head,
    complete_names,
    overshoots,
    with_parts,
    word_candidates,
)
from plankg.extract.suffixes import PlaceSuffix, is_bare_name, place_suffixes
from plankg.extract.wordlists import word_list, words
from plankg.model import Mention

_SUFFIXES = place_suffixes()
NO_CONTEXT = NameContext()
_Suffix = PlaceSuffix
_SUFFIX_BY_TEXT = {s.text: s for s in _SUFFIXES}
_SUFFIX_RE = re.compile(
    "|".join(re.escape(s.text) for s in sorted(_SUFFIXES, key=lambda s: -len(s.text)))
)

_ADMIN_TYPES = frozenset({"province", "city", "district", "town", "subdistrict", "village"})

# A suffix followed by one of these is not a suffix but the start of another word
# that the crossing check would miss or wrongly allow.
_SUFFIX_CONTINUATIONS_OK = ("流域", "水系", "沿岸", "两岸", "沿线", "大桥", "公园", "片区", "段")

# Heads that are never names for a given suffix family (checked on the whole head).
_GENERIC_HEADS = word_list("place_generic_heads.txt")

# Single-character-suffix places (江 河 溪 山 岭 峰 湖 路 港 镇 乡 村) whose whole text is a
# common word are rejected through the jieba dictionary; these extra ones slip through.
_COMMON_WHOLE = word_list("place_common_whole.txt")


def extract_places(
    sentence: str,
    organizations: Sequence[Mention] = (),
    context: NameContext = NO_CONTEXT,
) -> list[Mention]:
    """Places in one cleaned sentence, in text order, with offsets into it.

    ``organizations`` are the organizations already found in the same sentence (an
    earlier component): short forms inside their names are not places.
    """
    org_spans = [(m.start, m.end) for m in organizations]
    return _extract(sentence, org_spans, context)


# ---------------------------------------------------------------------------



def _extract(
    sentence: str, org_spans: list[tuple[int, int]], context: NameContext
) -> list[Mention]:
    dict_matches = lx.dictionary_matches(sentence)
    phrase_spans = [(m.start, m.end) for m in dict_matches if m.type == "phrase"]
    candidates: list[Candidate] = []
    words = tk.segment(sentence)
    edges = {t.start for t in words} | {t.end for t in words}

    for match in dict_matches:
        if match.type == "phrase":
            continue
        if not _on_word_edges(match, edges, words):
            continue  # 罗浮山县 holds 浮山县, 紫云英 holds 紫云: a word of the sentence is cut
        strength = _strength_here(match, context)
        if strength is None:
            continue
        match = match._replace(strength=strength)
        if (match.strength in ("strong", "weak") or match.type == "country") and lx.crosses_word(
            sentence, match.start, match.end
        ):
            continue  # 延长寿命, 发展中国家: the name is part of another word
        if match.strength == "full" and sentence[match.end - 1 : match.end + 1] in _BREAKERS:
            continue  # 新兴区域 is not 新兴区
        if match.strength != "full" and sentence[match.end : match.end + 1] == "府":
            continue  # 渝北府办发: a document-number prefix
        candidates.append(
            Candidate(
                match.start,
                match.end,
                match.type,
                match.name,
                f"dict-{match.strength}",
                full_admin=match.strength == "full" and match.type in _ADMIN_TYPES,
                strength=match.strength,
            )
        )

    candidates = [c for c in candidates if c.name != "中华人民共和国" or _is_country_use(
        sentence, c)]
    candidates.extend(_macro_regions(sentence, candidates))
    full_spans = [(c.start, c.end) for c in candidates if c.strength == "full"]
    # Feature names among the words anchor a name's start (研究珠江口深水港 → 珠江口深水港).
    early_words = [Candidate(w.start, w.end, w.type, sentence[w.start : w.end], w.rule,
                              strength="anchor") for w in pw.place_words(words, sentence)]
    for suffix_match in _SUFFIX_RE.finditer(sentence):
        s, e = suffix_match.span()
        if _inside(s, e, phrase_spans) or _overlaps(s, e, full_spans):
            continue
        suffix = _SUFFIX_BY_TEXT[suffix_match.group()]
        found = _suffix_candidate(sentence, s, e, suffix, candidates + early_words)
        # A fixed phrase inside the head (中国特色自由贸易港) means no name.
        found = [c for c in found if not _overlaps(c.start, c.end, phrase_spans)]
        candidates.extend(found)

    candidates.extend(_listed_areas(sentence, candidates))
    words_found = word_candidates(sentence, words, candidates)
    # The segmenter knows feature names (南昆山, 北江) better than a one-character
    # suffix walking left does (环南昆山), and a run of rivers is not one river (韩江榕江).
    word_spans = {(w.start, w.end) for w in words_found if w.rule == "shared-suffix"}
    candidates = [c for c in candidates if not overshoots(c, words_found)
                  and (c.start, c.end) not in word_spans]
    candidates.extend(words_found)
    parts = complete_names(sentence, candidates)
    admin = [c for c in candidates if c.rule.startswith("dict") and c.strength != "weak"]
    candidates = _resolve(sentence, candidates, org_spans)
    candidates = _mask_organizations(candidates, org_spans)
    candidates = with_parts(candidates, parts + words_found + admin)
    return [_to_mention(sentence, c) for c in candidates]


_BREAKERS = frozenset(words("区域 区块 区间 区位 县域 县城 市场 市民 市值 市容 省份"))
_AREA_NOUN_RE = re.compile(
    r"等(?:[\u4e00-\u9fff]{0,4}?)(?:区域|地区|片区|板块|乡镇|镇街|街镇|地方)"
)


def _on_word_edges(match: lx.DictMatch, edges: set[int], words: list[tk.Token]) -> bool:
    """The match starts and ends where the sentence's words do, or it is a full name
    that the segmenter glued to a level word (重庆市委, 渝北区里)."""
    if match.start in edges and match.end in edges:
        return True
    if match.strength != "full" and match.type not in ("province", "city", "country"):
        return False
    for word in words:
        if word.start <= match.start < word.end or word.start < match.end <= word.end:
            if word.start == match.start and word.word.startswith(match.text):
                continue  # the word goes on after the name: 渝北区委, 台湾同胞
            return False
    return True


def _strength_here(match: lx.DictMatch, context: NameContext) -> str | None:
    if context.jurisdiction is None:
        return match.strength
    return lx.strength_in(match, context.provinces)


def _listed_areas(sentence: str, candidates: list[Candidate]) -> list[Candidate]:
    """龙兴、悦来等新兴区域: bare names listed before 等…区域 are places (type area)."""
    found = []
    for match in _AREA_NOUN_RE.finditer(sentence):
        items = gr.list_items(sentence, match.start(), 6)
        if len(items) < 2:
            continue
        for s, e in items:
            if _overlaps(s, e, [(c.start, c.end) for c in candidates if c.strength != "weak"]):
                continue
            if is_bare_name(sentence[s:e]) and gr.has_proper_evidence(tk.segment(sentence[s:e])):
                found.append(Candidate(s, e, "area", sentence[s:e], "listed-area"))
    return found


_MACRO_REGION_RE = re.compile(
    r"中西部|(?:东北|西部|中部|东部)(?=地区|振兴|全面振兴|大开发|开发|崛起|率先|省份|省区)"
)


def _macro_regions(sentence: str, candidates: list[Candidate]) -> list[Candidate]:
    """东北振兴, 西部大开发, 中部崛起: the macro-regions of national strategy."""
    spans = [(c.start, c.end) for c in candidates]
    return [
        Candidate(m.start(), m.end(), "region", m.group(), "macro-region")
        for m in _MACRO_REGION_RE.finditer(sentence)
        if not _overlaps(m.start(), m.end(), spans)
    ]


def _is_country_use(sentence: str, cand: Candidate) -> bool:
    """中国 names the country, except inside event names (中国国际进口博览会) and 中国人."""
    after = sentence[cand.end : cand.end + 2]
    return not (cand.text_is_short and after.startswith(("国际", "人")))


def _inside(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= s and e <= b for a, b in spans)


def _overlaps(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < b and a < e for a, b in spans)


def _suffix_candidate(
    sentence: str, s: int, e: int, suffix: _Suffix, previous: list[Candidate]
) -> list[Candidate]:
    if _suffix_continues(sentence, s, e, suffix):
        return []
    if suffix.text == "号线" and not re.search(r"[0-9一二三四五六七八九十]$", sentence[:s]):
        return []
    head_end = s
    if suffix.text == "号线":
        head_end = _skip_number(sentence, s)
    if suffix.text in _BARE_ZONES and _bare_use(sentence, s):
        # 保税港区 alone names the zone of the jurisdiction; kept only when listed
        # with other places (联手江北机场和保税港区), like a weak short form.
        return [Candidate(s, e, suffix.type, suffix.text, f"bare-{suffix.text}",
                           strength="weak")]
    start, tokens = gr.extend_left(
        sentence, head_end, max_chars=suffix.max_head,
        allow_last_adjective=suffix.type in ("village", "town", "road"),
    )
    # An administrative unit written inside the head is the container: split it off
    # (木耳镇观音洞水库 → 观音洞水库 in 木耳镇).
    prefix = _admin_in_head(previous, start, head_end)
    if prefix is None:
        prefix = _adjacent_admin(previous, start, sentence)
    if prefix is not None and prefix.end > start:
        start = prefix.end
        tokens = [t for t in tokens if t.start >= start]
    anchor = _place_anchor(previous, start, head_end, tokens)
    if anchor is not None:
        start = anchor  # 国家枢纽节点韶关数据中心集群: the name starts at its place
        tokens = [t for t in tokens if t.start >= start]
    famous = _famous_start(sentence, e, suffix)
    if famous is not None and famous < start:
        start = famous  # 实施太湖流域: 太 reads as an adverb, but 太湖 is a lake
        tokens = tk.segment(sentence[start:s], start)
    if len(suffix.text) == 1 and any(start <= c.start and c.end < s for c in previous):
        return []  # 长江入河: a place inside the head means the suffix is an ordinary word
    if len(suffix.text) == 1 and any(start < c.start and c.end == e and c.type in (
            "province", "city") for c in previous):
        return []  # 乡村旅游看浙江: the suffix ends a province's or city's name
    head = sentence[start:s]
    whole = sentence[start:e]
    if not _valid_head(sentence, start, s, e, head, whole, tokens, suffix, prefix):
        abbreviated = abbreviation_head(sentence, s) if suffix.type in ABBREVIATED else None
        if abbreviated is None:
            return []
        start, prefix, head, whole = abbreviated, None, sentence[abbreviated:s], sentence[
            abbreviated:e]
    cand_type = suffix.type
    if suffix.text == "环线" and re.search("铁路|轨道|地铁", head):
        cand_type = "rail"
    if suffix.text in ("新区",) and lx.lookup_admin(whole) is not None:
        return []  # 浦东新区 is a district, found by the dictionary scan
    rule = f"suffix-{suffix.text}"
    located_in = prefix.name if prefix else None
    found = [Candidate(start, e, cand_type, whole, rule, located_in,
                        full_admin=cand_type in ("town", "subdistrict", "village"))]
    found.extend(_distribute(sentence, start, e, suffix, cand_type, previous))
    return found


_BARE_ZONES = frozenset(
    words("保税港区 综合保税区 保税区 高新区 经开区 自贸试验区 自贸区 自贸港")
)


def _bare_use(sentence: str, s: int) -> bool:
    """The zone word stands alone: nothing name-like before it."""
    return s == 0 or sentence[s - 1] in gr.PUNCTUATION or sentence[s - 1] in "和与及"


def _suffix_continues(sentence: str, s: int, e: int, suffix: _Suffix) -> bool:
    """The suffix characters begin a longer common word (山区, 河流, 乡村, 镇街)."""
    rest = sentence[e:]
    if rest.startswith(_SUFFIX_CONTINUATIONS_OK):
        return False
    table = tk.word_table()
    # 盘溪河山城步道: 河山 is a word, but so is 山城, which the text goes on with.
    if any(table.get(rest[:k], (0, ""))[0] >= 5 for k in (2, 3, 4)):
        return False
    for i in range(max(0, s - 2), e):  # 北护城河: 护城河 holds the suffix
        for j in range(e + 1, min(len(sentence), e + 3) + 1):
            word = sentence[i:j]
            info = table.get(word)
            if info and info[0] >= 20 and word not in _SUFFIX_BY_TEXT:
                # 港区 after 保税 is fine; 园区 after 产业 is a longer suffix already.
                return True
    return False


def _skip_number(sentence: str, s: int) -> int:
    i = s
    while i > 0 and re.match(r"[0-9一二三四五六七八九十]", sentence[i - 1]):
        i -= 1
    return i


def _place_anchor(
    previous: list[Candidate], start: int, end: int, tokens: list[tk.Token]
) -> int | None:
    """The first place inside a head whose words before it are all generic."""
    inside = [c for c in previous if start < c.start and c.end <= end and c.strength != "weak"
              and not c.full_admin]
    if not inside:
        return None
    first = min(inside, key=lambda c: c.start)
    before = [t for t in tokens if t.end <= first.start]
    if before and (gr.is_generic_head(before) or all(
        (t.pos or "").startswith("v") for t in before
    )):
        return first.start  # 国家枢纽节点韶关…, 游览南昆山…: generic words or verbs before
    return None


def _admin_in_head(previous: list[Candidate], start: int, end: int) -> Candidate | None:
    inside = [c for c in previous if c.full_admin and start < c.end <= end]
    return max(inside, key=lambda c: c.end) if inside else None


def _adjacent_admin(previous: list[Candidate], index: int, sentence: str) -> Candidate | None:
    for cand in reversed(previous):
        if cand.end == index and cand.full_admin:
            return cand
    return None


def _valid_head(
    sentence: str,
    start: int,
    s: int,
    e: int,
    head: str,
    whole: str,
    tokens: list[tk.Token],
    suffix: _Suffix,
    prefix: Candidate | None,
) -> bool:
    if len(head) < suffix.min_head and not _famous_feature(whole, suffix):
        return False
    if suffix.type in ("town", "village") and head[-1] in "县市区省乡镇":
        return False  # 县乡, 区县镇: levels, not a name
    if suffix.type in ("mountain", "river", "lake") and len(suffix.text) == 1 and (
            (admin := lx.lookup_admin(head)) is not None and admin.level == "province"):
        return False  # 让大美新疆山更绿: a province's name and a feature word, no feature
    if whole in _COMMON_WHOLE or head in _GENERIC_HEADS or gr.names_a_class(head):
        return False  # (省级银发经济产业园: a rank makes a class of places)
    if len(suffix.text) == 1 or suffix.text in ("湖泊", "街道", "社区"):
        info = tk.word_info(whole)
        if info and info[1] not in ("ns", "nr", "nrt", "nz") and info[0] >= 5:
            return False  # a common word such as 城镇, 矿山, 道路
        if len(suffix.text) == 1 and _suffix_in_word(sentence, start, s, e):
            return False  # 乡村, 道路: the suffix character belongs to a word on its left
        if len(suffix.text) == 1 and not _left_is_boundary(sentence, start, prefix):
            return False  # 山水林田湖草: the head runs on into more text on its left
    if suffix.type in ("river", "mountain", "lake", "port") and len(suffix.text) == 1:
        info = tk.word_info(whole)
        if info and info[1] == "ns" and whole not in _COMMON_WHOLE:
            return True
        # 铜锣山, 果园港: a short head that is one ordinary noun still names the feature.
        if len(tokens) == 1 and len(head) in (2, 3) and not gr.is_generic_head(tokens):
            return True
    if suffix.type in ("town", "subdistrict") and len(head) == 2 and not gr.is_generic_head(
        tokens
    ) and (len(suffix.text) > 1 or _left_is_boundary(sentence, start, prefix)):
        return True  # 石门镇, 良渚街道: two-character heads of towns need no more evidence
    if suffix.type in ("crossing", "bridge") and len(head) == 3 and head[-1] in pw.FEATURE_TYPES:
        return True  # 狮子洋通道, 黄茅海通道: a crossing named after the water it crosses
    generic = gr.is_generic_head(tokens)
    if generic:
        return False
    if suffix.strict and not gr.has_proper_evidence(tokens):
        if suffix.text in ("环线", "铁路") and re.search("铁路|轨道|地铁|枢纽", head):
            return True  # 铁路枢纽东环线: rail lines are named by function
        return prefix is not None  # 浦东新区张江镇: the stated container vouches for it
    return True


def _famous_start(sentence: str, e: int, suffix: _Suffix) -> int | None:
    for k in (3, 2):
        if e - k >= 0 and _famous_feature(sentence[e - k : e], suffix):
            return e - k
    return None


def _famous_feature(whole: str, suffix: _Suffix) -> bool:
    """长江, 黄河, 泰山: one-character heads of rivers and mountains jieba knows as places."""
    if suffix.type not in ("river", "mountain", "lake") or whole in _COMMON_WHOLE or len(
        whole
    ) <= len(suffix.text):
        return False
    info = tk.word_info(whole)
    return info is not None and info[1] == "ns" and info[0] >= 100


def _suffix_in_word(sentence: str, start: int, s: int, e: int) -> bool:
    for i in range(max(start, s - 2), s):
        word = sentence[i:e]
        info = tk.word_info(word)
        if word in _COMMON_WHOLE or (
            info and info[0] >= 20 and info[1] not in ("ns", "nr", "nrt", "nz")
        ):
            return True
    return False


def _left_is_boundary(sentence: str, start: int, prefix: Candidate | None) -> bool:
    if start == 0 or (prefix is not None and prefix.end == start):
        return True
    before = sentence[max(0, start - 4) : start]
    if before[-1] in gr.PUNCTUATION or before[-1] in "（(":
        return True
    tokens = tk.segment(before, start - len(before))
    if not tokens or tokens[-1].end != start:
        return False
    last = tokens[-1]
    # Any verb ends the phrase on the left (保护缙云山), even one that may sit in names.
    return gr.is_stop_token(last) or (last.pos or "").startswith("v")


_DISTRIBUTING = frozenset({"商圈", "商务区", "片区", "组团", "街道", "镇", "乡", "工业园",
                           "产业园", "开发区", "高新区", "新区", "园区"})


def _distribute(
    sentence: str, start: int, e: int, suffix: _Suffix, cand_type: str,
    previous: list[Candidate],
) -> list[Candidate]:
    """嘉州、两路商圈 → also 嘉州商圈: bare names before 、 share the suffix."""
    if suffix.text not in _DISTRIBUTING:
        return []
    found: list[Candidate] = []
    cursor = start
    while cursor > 0 and sentence[cursor - 1] == "、":
        item_end = cursor - 1
        item_start, tokens = gr.extend_left(sentence, item_end, max_chars=4)
        item = sentence[item_start:item_end]
        if (
            not item
            or len(item) > 4
            or item_start == item_end
            or any(item.endswith(x.text) for x in _SUFFIXES)
            or gr.is_generic_head(tokens)
            or _overlaps(item_start, item_end, [(c.start, c.end) for c in previous
                                                if c.strength != "weak"])
        ):
            break
        found.append(
            Candidate(item_start, item_end, cand_type, item + suffix.text,
                       f"distributed-{suffix.text}")
        )
        cursor = item_start
    return found


def _resolve(
    sentence: str, candidates: list[Candidate], org_spans: list[tuple[int, int]]
) -> list[Candidate]:
    """Drop nested and overlapping candidates; weak short forms need a place next to them."""
    ordered = sorted(candidates, key=lambda c: (-(c.end - c.start), c.start))
    kept: list[Candidate] = []
    for cand in ordered:
        clash = False
        for other in kept:
            if cand.start < other.end and other.start < cand.end:
                clash = True
                break
        if not clash:
            kept.append(cand)
    kept.sort(key=lambda c: c.start)
    result = [c for c in kept if c.strength != "weak" or _has_place_neighbour(sentence, c, kept,
                                                                              org_spans)]
    return [_with_container(c, result) for c in result]


def _has_place_neighbour(
    sentence: str, cand: Candidate, kept: list[Candidate], org_spans: list[tuple[int, int]]
) -> bool:
    for other in kept:
        if other is cand or other.strength == "weak":
            continue
        gap = sentence[other.end : cand.start] if other.end <= cand.start else sentence[
            cand.end : other.start
        ]
        if gap in ("、", "和", "与", "及", "，"):
            return True
    # …or next to an organization in a list (机场集团、保税港区、悦来国博中心).
    if cand.rule.startswith("bare-"):
        for start, end in org_spans:
            if sentence[end : cand.start] in ("、", "和", "与") or sentence[
                cand.end : start
            ] in ("、", "和", "与"):
                return True
    # Weak forms also stand in a list of other weak forms with at least one strong one.
    return False


def _with_container(cand: Candidate, kept: list[Candidate]) -> Candidate:
    if cand.located_in is not None or cand.type not in _ADMIN_TYPES:
        return cand
    for other in kept:
        if other.end == cand.start and other.full_admin and other.type in _ADMIN_TYPES:
            if _ADMIN_RANK.get(other.type, 9) < _ADMIN_RANK.get(cand.type, 9):
                cand.located_in = other.name
            break
    return cand


_ADMIN_RANK = {"province": 0, "city": 1, "district": 2, "town": 3, "subdistrict": 3,
               "village": 4}


def _mask_organizations(
    candidates: list[Candidate], spans: list[tuple[int, int]]
) -> list[Candidate]:
    if not spans:
        return candidates
    return [c for c in candidates if c.full_admin or not _inside(c.start, c.end, spans)]


def _to_mention(sentence: str, cand: Candidate) -> Mention:
    text = sentence[cand.start : cand.end]
    name = cand.name if cand.rule.startswith("dict") else canonical_name(
        cand.name, "place", cand.type
    )
    return Mention(
        category="place",
        type=cand.type,
        text=text,
        name=name,
        start=cand.start,
        end=cand.end,
        rule=cand.rule,
        located_in=cand.located_in,
    )
