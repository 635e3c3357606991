"""Company names from the grammar of the sentence, not from a list of companies.

* Bare names listed before 等…项目/企业/公司/品牌 (鸽牌、再升、环泰等项目; 支持华为、
  比亚迪等龙头企业): the list is homogeneous, so every item must look like a name.
* Items of a project list written as a company and what it builds (巴斯夫核心装置,
  埃克森美孚一期, 华润微电子12英寸产线, 揭阳中石油炼化一体化, 深汕比亚迪二期): the
  company is what is left when the place in front and the phase, facility or product
  line behind are taken off.
* Names listed before a verb only a business does (招银金投、信银金投开业运营).
"""

from __future__ import annotations

import re

from plankg.extract import grammar as gr
from plankg.extract import lexicon as lx
from plankg.extract import tokens as tk
from plankg.extract.suffixes import is_bare_name
from plankg.extract.wordlists import word_list

_LIST_HEAD_RE = re.compile(r"等((?:在建|重点|重大|一批|骨干|龙头|知名|优质|制造业|工业|签约|落地|"
                           r"招商|新|市级|区级|技改|产业化|)*)(项目|企业|公司|集团|品牌)")
# A looser closing for lists of companies' projects (等23个投资额百亿元以上重大工业项目).
_PROJECT_LIST_RE = re.compile(r"等[^，。；、：]{0,20}?项目")
_BUSINESS_VERB_RE = re.compile("(?:开业运营|开业|开门营业|挂牌营业)")
_PHASE_RE = re.compile(r"^(?:[一二三四五六七八九十]|[0-9]+)期$")
Span = tuple[int, int, str]  # start, end, rule


def company_spans(sentence: str, taken: list[tuple[int, int]]) -> list[Span]:
    found: list[Span] = []
    for match in _LIST_HEAD_RE.finditer(sentence):
        items = gr.list_items(sentence, match.start())
        clause = _clause_items(sentence, match.start())
        if len(clause) > len(items):
            items = clause  # (宁德时代二期、…: the grammar stops at a phase, the list does not)
        found.extend(_from_list(sentence, items, taken))
    for match in _PROJECT_LIST_RE.finditer(sentence):
        items = _clause_items(sentence, match.start())
        spans = [(s, e) for s, e, _ in found]
        found.extend(span for span in _projects_of_companies(sentence, items, taken)
                     if (span[0], span[1]) not in spans)
    for match in _BUSINESS_VERB_RE.finditer(sentence):
        items = gr.list_items(sentence, match.start())
        if len(items) >= 2 and all(is_bare_name(sentence[s:e]) for s, e in items):
            found.extend((s, e, "listed-company") for s, e in items
                         if not _overlaps(s, e, taken))
    return found


def _clause_items(sentence: str, end: int) -> list[tuple[int, int]]:
    """The 、-separated items of the clause that ends at ``end``, the first one without the
    verbs that govern the list (推动宁德时代二期、… → 宁德时代二期)."""
    start = max(sentence.rfind(c, 0, end) for c in "，。；：（“") + 1
    items: list[tuple[int, int]] = []
    cursor = start
    for part in sentence[start:end].split("、"):
        items.append((cursor, cursor + len(part)))
        cursor += len(part) + 1
    first_start, first_end = items[0]
    for token in tk.segment(sentence[first_start:first_end], first_start):
        if not (gr.is_stop_token(token) and len(token.word) > 1):
            break
        first_start = token.end
    items[0] = (first_start, first_end)
    return [(s, e) for s, e in items if 2 <= e - s <= 16]


def _from_list(sentence: str, items: list[tuple[int, int]], taken: list[tuple[int, int]]
               ) -> list[Span]:
    items = [(s, e) for s, e in items if not _overlaps(s, e, taken)]
    if not items:
        return []
    # Items that name what a company builds (赛力斯核心装置, 宁德时代二期) give the company.
    in_items = [_company_in_item(sentence, s, e) for s, e in items]
    if any(in_items):
        rest = [span for span, name in zip(items, in_items, strict=True) if name is None]
        if all(is_bare_name(sentence[s:e]) for s, e in rest):
            return [(*name, "project-company") for name in in_items if name] + [
                (s, e, "listed-company") for s, e in rest]
        return []
    # A list is homogeneous: one generic item (城市干道、断头路、立交桥) spoils it,
    # and most items must look like names.
    if all(is_bare_name(sentence[s:e]) for s, e in items):
        named = sum(gr.has_proper_evidence(tk.segment(sentence[s:e])) for s, e in items)
        if named and 2 * named >= len(items):
            return [(s, e, "listed-company") for s, e in items]
    return []


def _projects_of_companies(
    sentence: str, items: list[tuple[int, int]], taken: list[tuple[int, int]]
) -> list[Span]:
    items = [(s, e) for s, e in items if not _overlaps(s, e, taken)]
    found: list[Span] = []
    for s, e in items:
        name = _company_in_item(sentence, s, e)
        if name is not None:
            found.append((*name, "project-company"))
    # Most items of the list must carry a company, or the list is of something else.
    return found if 2 * len(found) >= len(items) else []


def _company_in_item(sentence: str, s: int, e: int) -> tuple[int, int] | None:
    tokens = tk.segment(sentence[s:e], s)
    tails = word_list("project_tails.txt")
    end = len(tokens)
    while end > 0 and (tokens[end - 1].word in tails or _PHASE_RE.match(tokens[end - 1].word)
                       or gr.is_numeral(tokens[end - 1].word) or tokens[end - 1].pos == "x"):
        end -= 1
    for index in range(end):  # a product line after a size: 12英寸产线, 第8.6代线
        if tokens[index].pos == "x" or gr.is_numeral(tokens[index].word):
            end = index - 1 if index and tokens[index - 1].word == "第" else index
            break
    if end == len(tokens):
        return None  # nothing built is named: not a company's project
    begin = 0
    lead = lx.dictionary_matches(sentence[s:e])
    if lead and lead[0].start == 0 and lead[0].type in ("province", "city", "district"):
        after = next((i for i, t in enumerate(tokens) if t.start - s >= lead[0].end), end)
        rest = tokens[after:end]
        # 揭阳中石油: the place goes; 宁德时代: the place is part of the name.
        if rest and not (len(rest) == 1 and (tk.word_info(rest[0].word) or (0, ""))[0] >= 100):
            begin = after
    elif end - begin >= 3 and all(len(t.word) == 1 for t in tokens[begin : begin + 2]) and (
        _is_name_word(tokens[begin + 2].word)
    ):
        begin += 2  # 深汕比亚迪: a place abbreviation before a known company name
    if begin >= end:
        return None
    start, stop = tokens[begin].start, tokens[end - 1].end
    name = sentence[start:stop]
    if not 2 <= len(name) <= 6 or not is_bare_name(name):
        return None
    info = tk.word_info(name)
    if info is not None and info[0] >= 100 and info[1] not in ("nr", "nz", "nt", "nrt", "j"):
        return None  # 海上风电: 海上 is an ordinary word, not a company
    return start, stop


def _is_name_word(word: str) -> bool:
    info = tk.word_info(word)
    return info is not None and info[1] in ("nr", "nz", "nt", "nrt") and info[0] < 1000


def _overlaps(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < b and a < e for a, b in spans)
