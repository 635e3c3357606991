"""Candidates of the place extractor and the parts of place names.

* ``Candidate``: a place the grammar proposes, before overlaps are resolved;
* place words among the sentence's words (features, regions, rivers sharing a suffix,
  routes written as their two ends), read by ``place_words``;
* completion of route and zone names (segments, 环 and — joins) and the places named
  inside a kept name (``with_parts``);
* names of routes and zones made of one-character place abbreviations (深惠城际).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plankg.extract import grammar as gr
from plankg.extract import lexicon as lx
from plankg.extract import place_words as pw
from plankg.extract import tokens as tk
from plankg.extract.wordlists import word_list

_ADMIN_TYPES = frozenset({"province", "city", "district", "town", "subdistrict", "village"})


@dataclass
class Candidate:
    start: int
    end: int
    type: str
    name: str
    rule: str
    located_in: str | None = None
    full_admin: bool = False  # a full-form administrative name (splits, survives in orgs)
    strength: str = "full"

    @property
    def text_is_short(self) -> bool:
        return self.end - self.start == 2



def word_candidates(
    sentence: str, words: list[tk.Token], candidates: list[Candidate]
) -> list[Candidate]:
    """Named features and regions among the words, features sharing a suffix, routes."""
    found = [Candidate(w.start, w.end, w.type, sentence[w.start : w.end], w.rule)
             for w in (*pw.place_words(words, sentence), *pw.shared_suffix_features(sentence))]
    for route, ends in pw.routes(sentence):
        found.append(Candidate(route.start, route.end, route.type,
                                sentence[route.start : route.end], route.rule))
        found.extend(Candidate(a, b, "area", sentence[a:b], "route-end") for a, b in ends)
    taken = [(c.start, c.end) for c in candidates if c.strength == "full"
             and c.rule.startswith("dict")]
    return [c for c in found if c.rule in ("route-end", "shared-suffix") or not any(
        a <= c.start and c.end <= b for a, b in taken)]


def overshoots(cand: Candidate, words_found: list[Candidate]) -> bool:
    if not cand.rule.startswith("suffix-") or len(cand.rule) != len("suffix-") + 1:
        return False
    return any(cand.start <= w.start and w.end <= cand.end and (w.start, w.end) != (
        cand.start, cand.end) and ((w.end == cand.end and w.end - w.start >= 3)
                                   or w.rule == "shared-suffix")
        for w in words_found)


def complete_names(sentence: str, candidates: list[Candidate]) -> list[Candidate]:
    """Complete names of routes and zones in place; returns the parts they contain.

    兰海高速 → 兰海高速廉徐段 (and 廉徐 is no place; 鹤洲至横琴段 gives 鹤洲 and 横琴);
    南昆山—罗浮山…引领区 and 环珠江口 keep their joined and 环 parts.
    """
    parts: list[Candidate] = []
    by_end = {c.end: c for c in candidates if c.strength != "weak"}
    for cand in list(candidates):
        if cand.type in pw.SEGMENTED_TYPES and cand.rule.startswith(("suffix", "route")):
            end, ends = pw.segment_after(sentence, cand.end)
            if end > cand.end:
                cand.end, cand.name = end, sentence[cand.start : end]
                parts.extend(Candidate(a, b, "area", sentence[a:b], "segment-end")
                             for a, b in ends)
        start = cand.start
        if cand.type == "zone" and cand.rule.startswith("suffix") and start in by_end:
            start = by_end[start].start  # 罗浮山县镇村…引领区: a zone named after a feature
        while (cand.type == "zone" and start > 1 and sentence[start - 1] == "—"
               and start - 1 in by_end):
            start = by_end[start - 1].start  # 南昆山—罗浮山县镇村…引领区
        if start > 0 and sentence[start - 1] == "环" and (
            start < cand.start or cand.type in ("region", "bay", "lake", "mountain", "river")
        ):
            start -= 1  # 环珠江口, 环南昆山—罗浮山…: the area around a feature
        if start < cand.start:
            if cand.rule.startswith("suffix"):
                cand.start, cand.name = start, sentence[start : cand.end]
            else:
                parts.append(cand)
                candidates.append(Candidate(start, cand.end, "region",
                                             sentence[start : cand.end], "around"))
    return parts


# Outer types whose names may carry a county-level division that runs them (龙川新城);
# an airport or road named after a district (宝安机场) is not that district's.
_RUN_BY_PLACE = frozenset({"zone", "area", "region", "business-district"})
_EPONYMOUS = frozenset({"reservoir", "port", "airport"})
_COMPONENT_LEVELS = frozenset({"province", "city", "country", "continent", "region"})


def with_parts(kept: list[Candidate], parts: list[Candidate]) -> list[Candidate]:
    """Places named inside a kept name become mentions of their own (韩江 in
    韩江榕江练江水系连通工程, 海南 in 海南自由贸易港, 黄茅海 in 黄茅海通道)."""
    result = list(kept)
    spans = {(c.start, c.end) for c in kept}
    for outer in kept:
        if outer.end - outer.start < 4 or outer.type in _ADMIN_TYPES:
            continue
        inner = [p for p in parts if outer.start <= p.start and p.end <= outer.end
                 and (p.start, p.end) != (outer.start, outer.end)]
        head = _feature_head(outer)
        if head is not None:
            inner.append(head)
        for part in inner:
            if (part.start, part.end) in spans:
                continue
            if part.rule.startswith("dict") and part.type not in _COMPONENT_LEVELS and (
                outer.type not in _RUN_BY_PLACE
            ):
                continue
            if outer.type in _EPONYMOUS and part.type not in _COMPONENT_LEVELS:
                continue  # 清溪水库, 皇岗口岸: the feature only lends the facility its name
            spans.add((part.start, part.end))
            division = lx.lookup_admin(part.name) if part.type == "area" else None
            if division is not None:  # 石家庄至雄安段: an end that is a division keeps its level
                part = Candidate(part.start, part.end, division.level, division.name, part.rule)
            result.append(Candidate(part.start, part.end, part.type, part.name,
                                     part.rule if part.rule.startswith("dict") else "component",
                                     located_in=part.located_in))
    result.sort(key=lambda c: (c.start, -(c.end - c.start)))
    return result


def _feature_head(outer: Candidate) -> Candidate | None:
    """黄茅海通道, 白鹅潭…艺术中心: a crossing or venue named after the water it is on."""
    if outer.type not in ("crossing", "bridge", "building") or not outer.rule.startswith(
        "suffix"
    ):
        return None
    head = outer.name[:3]
    kind = pw.FEATURE_TYPES.get(head[-1])
    if kind is None or len(outer.name) < 5 or head in word_list("generic_features.txt"):
        return None
    return Candidate(outer.start, outer.start + 3, kind, head, "component")



ABBREVIATED = frozenset({"rail", "road", "crossing", "bridge", "port", "zone"})
_BRACKETED_RE = re.compile(r"[（(][\u4e00-\u9fff]{1,2}[）)]$")


def abbreviation_head(sentence: str, s: int) -> int | None:
    """深惠城际, 清花高速, 深汕特别合作区, 南珠（中）城际: a route or zone named by the
    one-character abbreviations of the places it joins, right after a boundary."""
    j = s
    bracket = _BRACKETED_RE.search(sentence, max(0, s - 4), s)
    if bracket is not None:
        j = bracket.start()
    lo = max(0, j - 6)
    tokens = tk.segment(sentence[lo:j], lo)
    singles = 0
    index = len(tokens) - 1
    while index >= 0 and singles < 4:
        token = tokens[index]
        if len(token.word) != 1 or not tk.is_cjk(token.word) or token.word in _NOT_ABBREVIATIONS:
            break
        if (token.pos or "")[:1] in ("v", "p", "d", "c", "u", "h"):
            break  # 抵离口岸, 非道路: verbs and prefixes are no place abbreviations
        singles += 1
        index -= 1
    if singles == 0 and index >= 0 and len(tokens[index].word) == 2 and (
        tk.word_info(tokens[index].word) or (0, ""))[1] == "j" and (
        tokens[index].word not in gr.FUNCTION_WORDS  # 深化 is tagged "j" too: a verb
    ):
        singles, index = 2, index - 1  # 沪宁城际: jieba knows the pair as an abbreviation
    if singles < 2:
        return None
    start = tokens[index + 1].start
    if start > 0 and sentence[start - 1] not in gr.PUNCTUATION | set("和与及") and not (
        index >= 0 and tokens[index].end == start and len(tokens[index].word) > 1
        and gr.is_stop_token(tokens[index])
    ):
        return None
    return start


_NOT_ABBREVIATIONS = frozenset("和与及或等的之在对向把将为从由于至到并同跟给被让使以按是有也"
                               "又还都就即其该此各每全本这那新老大小个一二三四五六七八九十市省区县镇乡村域城")


