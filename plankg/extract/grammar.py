"""The left-boundary grammar: where does the proper name in front of a suffix start?

Closed word classes (function words, governing verbs, locatives; ``data/*.txt``), the
stop test on a token, the walk leftwards from a suffix over jieba tokens, the test
whether a head is generic vocabulary or carries proper-name evidence, and the items of
a 、-list. Nothing here is document-specific.
"""

from __future__ import annotations

import re

from plankg.extract.lexicon import COUNTRIES, is_place_word, lookup_admin
from plankg.extract.tokens import Token, is_cjk, is_code, pos_of, segment, word_info
from plankg.extract.wordlists import word_list, words

# ---------------------------------------------------------------------------
# Closed word classes used by the boundary grammar

PUNCTUATION = frozenset("，。、；：？！“”‘’《》〈〉【】「」『』,;:?!\"'…—～~·\n\r\t 　")
OPEN_BRACKETS = frozenset("（(")
CLOSE_BRACKETS = frozenset("）)")

# Words that end a name when met on its left: particles, conjunctions, prepositions,
# determiners, quantity words.
FUNCTION_WORDS = word_list("function_words.txt")

# Verbs that commonly sit *inside* institution and facility names (生态修复研究院,
# 污水处理厂, 软件开发云平台); they do not end a name on its left.
COMPOUND_VERBS = word_list("compound_verbs.txt")

_NUMERAL_RE = re.compile(
    r"^(?:第)?(?![多余半数几]$)[0-9０-９一二三四五六七八九十百千万亿两几数多半余]+"
    r"(?:个|批|家|座|条|处|项|类|种|块|所|名|位|只|件|次|年|月|日|期|届|号|大|万|亿|千|百|"
    r"多|余|级|片|区|镇|村|宗|套|户|人|亩|公里|平方米|米|吨|元|%)?$"
)

# A small set of single characters that end a name on its left when they stand alone.
_SINGLE_STOPS = frozenset(
    "和与及或等的之在对向把将为从由于至到并同跟给被让使以按是有也又还都就即其该此各每全本这那我"
    "建改扩续促抓育争创设办用做保优强精实活美细深级你他她它哪谁彼"
)

# Locative words that end a name on its left (前海 and 南岸 are "f" in jieba but names).
_FUNCTION_LOCATIVES = word_list("function_locatives.txt")
_PLACEHOLDERS = frozenset(words("某某 某 XX ××"))

# Directional single characters that do start names (东环线, 西永组团).
_DIRECTION_CHARS = frozenset("东西南北中")


def is_numeral(word: str) -> bool:
    return bool(_NUMERAL_RE.match(word))


def is_stop_token(token: Token, *, last: bool = False) -> bool:
    """True when ``token`` cannot be part of a proper name to the left of a suffix.

    ``last`` marks the token right before the suffix: there adjectives are allowed
    (幸福村, 团结路) because whole names are often made of ordinary words.
    """
    word, pos = token.word, token.pos
    if not word or any(c in PUNCTUATION or c in OPEN_BRACKETS or c in CLOSE_BRACKETS
                       for c in word):
        return True
    if pos == "x" and is_code(word):
        return False  # letters and digits (T3B, D6F, E88-2/01) are name material
    if len(word) > 1 and word not in FUNCTION_WORDS and is_place_word(word):
        return False  # place names are name material whatever jieba tags them (大连 "d")
    if word in FUNCTION_WORDS:
        return True
    if len(word) >= 4 and word[:2] in FUNCTION_WORDS:
        return True  # 全力支持, 加快推进: phrases the dictionary happens to hold
    if is_numeral(word):
        return True
    if len(word) == 1:
        if word in _SINGLE_STOPS:
            return True
        # Other single characters are typical of out-of-vocabulary proper names.
        return pos in ("p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "y", "e", "o", "d")
    if pos is None:
        return False
    if word in _PLACEHOLDERS:
        return False
    if pos in ("p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "y", "e", "o", "r", "rr",
               "rz", "d", "ad", "df", "dg", "q", "i", "z"):
        return True  # (numerals were decided above: 两路 is a name, 一批 is not)
    if pos == "f":
        return word in _FUNCTION_LOCATIVES
    if pos in ("v", "vd", "vi", "vq", "vg"):
        return word not in COMPOUND_VERBS
    if pos == "a":
        return not last
    return False




# ---------------------------------------------------------------------------
# Left boundary of a name


def extend_left(
    sentence: str,
    end: int,
    *,
    floor: int = 0,
    max_chars: int = 12,
    allow_last_adjective: bool = False,
) -> tuple[int, list[Token]]:
    """Start of the proper name that ends at ``end`` (exclusive), and its tokens.

    Walks jieba tokens right to left from ``end`` and stops at punctuation, function
    words, numerals and governing verbs, at ``floor`` and before ``max_chars``.
    """
    lo = max(floor, end - max_chars - 6)
    window = sentence[lo:end]
    cut = max((window.rfind(c) for c in PUNCTUATION), default=-1)
    if cut >= 0:
        lo += cut + 1
        window = sentence[lo:end]
    tokens = segment(window, lo)
    taken: list[Token] = []
    start = end
    index = len(tokens) - 1
    while index >= 0:
        token = tokens[index]
        if token.word in ")）":
            # A bracketed place inside a name: 中交（重庆）江河湖泊生态修复研究院.
            open_index = _matching_open(tokens, index)
            if open_index is None or not taken:
                break
            inner = "".join(t.word for t in tokens[open_index + 1 : index])
            if lookup_admin(inner) is None and inner not in COUNTRIES:
                break
            taken = tokens[open_index : index + 1] + taken
            start = tokens[open_index].start
            index = open_index - 1
            continue
        if is_stop_token(token, last=not taken and allow_last_adjective):
            if token.word in ("之", "的") and taken and len(taken[0].word) == 1:
                taken.pop(0)  # 居然之家智能家居小镇: 家 belongs to the phrase before 之
                start = taken[0].start if taken else end
            elif taken and _steals_first_char(token, taken[0]):
                # 在前海…: the stop character 前 begins the name 前海.
                last = Token(token.end - 1, token.end, token.word[-1], pos_of(token.word[-1]))
                taken.insert(0, last)
                start = last.start
            break
        if taken and (token.pos or "").startswith("v") and lookup_admin(taken[0].word):
            break  # 设置重庆工业职业技术大学: a name begins with its place, not the verb before
        if end - token.start > max_chars:
            break
        taken.insert(0, token)
        start = token.start
        index -= 1
    # 8支市级…基金: a number and its measure word count things, they name none.
    while len(taken) > 2 and taken[0].word.isdigit() and len(taken[1].word) == 1 and (
            taken[1].word in _MEASURE_WORDS):
        taken = taken[2:]
        start = taken[0].start
    # 重点工程隆泸叙铁路: a word for a kind of undertaking ends the phrase before the name.
    # Not where it makes a word with what follows: 工程技术创新中心 keeps its 工程.
    while len(taken) > 1 and taken[0].word in _LEADING_KIND_WORDS and not any(
            word_info(taken[0].word + taken[1].word[:k]) for k in range(
                1, len(taken[1].word) + 1)):
        taken.pop(0)
        start = taken[0].start
    # Never start a name at the very first token of a truncated window.
    if taken and taken[0].start == lo and lo > floor and lo > 0 and not _is_boundary_before(
        sentence, lo, floor
    ):
        taken.pop(0)
        start = taken[0].start if taken else end
    return start, taken


_LEADING_KIND_WORDS = word_list("leading_kind_words.txt")
_MEASURE_WORDS = word_list("measure_words.txt")
_CLASS_PREFIXES = tuple(sorted(word_list("class_prefixes.txt")))


def names_a_class(head: str) -> bool:
    """A head that begins with a rank (市级…, 省级…) or with levels together (乡镇…)
    names a class of things, not one."""
    return head.startswith(_CLASS_PREFIXES)


def _steals_first_char(stop: Token, first: Token) -> bool:
    if len(stop.word) > 2 or (len(stop.word) == 2 and stop.word[0] not in _SINGLE_STOPS):
        return False
    joined = stop.word[-1] + first.word
    info = word_info(joined)
    return (
        info is not None and info[1] in ("ns", "nz", "nr", "nrt", "f") and info[0] < 1000
        and len(joined) <= 4
    )


def _is_boundary_before(sentence: str, index: int, floor: int) -> bool:
    return index <= floor or sentence[index - 1] in PUNCTUATION


def _matching_open(tokens: list[Token], close_index: int) -> int | None:
    for j in range(close_index - 1, max(-1, close_index - 5), -1):
        if tokens[j].word in "(（":
            return j
    return None


# ---------------------------------------------------------------------------
# Generic heads: a suffix with only these in front names no particular thing

GENERIC_HEAD_WORDS = word_list("generic_head_words.txt")


def is_generic_head(tokens: list[Token]) -> bool:
    """True when every token of a head is generic vocabulary (no proper-name part)."""
    if not tokens:
        return True
    for token in tokens:
        word = token.word
        if word in GENERIC_HEAD_WORDS:
            continue
        if len(word) >= 3 and word.endswith("式"):
            continue  # 嵌入式社区, 开放式街区: a manner, never a name
        if is_numeral(word):
            continue
        if _strip_generic_chars(word):
            return False
    return True


_GENERIC_CHARS = frozenset("新老大小各全本该某其一二两三四五六七八九十百千万")


def _strip_generic_chars(word: str) -> str:
    # Single characters such as 新/老/大/小 alone carry no name.
    return "" if len(word) == 1 and word in _GENERIC_CHARS else word


def has_proper_evidence(tokens: list[Token]) -> bool:
    """Positive evidence of a proper name: a place name, a rare name-like word, an
    out-of-vocabulary run (single-character tokens), or a letter/digit code."""
    singles = 0
    rare_single = False
    for token in tokens:
        word, pos = token.word, token.pos
        if pos == "x" and is_code(word) and any(c.isalpha() for c in word):
            return True
        if len(word) == 1 and is_cjk(word):
            singles += 1
            info = word_info(word)
            rare_single = rare_single or info is None or info[0] < 5000 or info[1] in (
                "nr", "ns", "nz", "ng", "g", "zg")
            # Two or more characters the dictionary could not join, one of them not a
            # common function character (徐堡, 碛, 柯马; not 新上).
            if singles >= 2 and rare_single:
                return True
            continue
        singles = 0
        rare_single = False
        if word in GENERIC_HEAD_WORDS:
            continue
        if is_place_word(word):
            return True
        info = word_info(word)
        if info is None:
            if all(is_cjk(c) for c in word):
                return True
            continue
        freq, tag = info
        # jieba's "nt"/"j" tags cover generic terms (新兴产业, 中小企业); not evidence.
        if tag in ("nz", "ns") and (freq < 3000 or word[-1] in "江河湖山海"):
            return True  # (长江, 黄河 are frequent but still names)
        if tag in ("nr", "nrt", "nrfg") and freq < 3000 and len(word) <= 3:
            return True  # person-name-like words; longer "nr" entries are mis-tagged phrases
    return False


def list_items(sentence: str, end: int, max_item: int = 14) -> list[tuple[int, int]]:
    """Items of a 、-separated list ending at ``end`` (the position of 等 or the noun)."""
    items: list[tuple[int, int]] = []
    cursor = end
    while True:
        start, _tokens = extend_left(sentence, cursor, max_chars=max_item)
        # Items may contain words that stop the grammar (御景雅居（二期）); fall back
        # to the previous separator when the item is short enough.
        sep = max(sentence.rfind("、", 0, cursor), sentence.rfind("，", 0, cursor),
                  sentence.rfind("；", 0, cursor), sentence.rfind("：", 0, cursor))
        if sep >= 0 and sentence[sep] == "、" and cursor - sep - 1 <= max_item:
            start = sep + 1
        if start >= cursor:
            break
        items.append((start, cursor))
        if start > 0 and sentence[start - 1] == "、":
            cursor = start - 1
            continue
        break
    items.reverse()
    return items
