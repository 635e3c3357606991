"""Coordinated indicators that write a shared part once (城镇、农村居民人均可支配收入).

Chinese coordinates modifiers before a head written once, or heads after a modifier
written once:

- shared head:     城镇、农村居民人均可支配收入 → 城镇居民人均可支配收入, 农村居民人均可支配收入
                   工业、服务业增加值 → 工业增加值, 服务业增加值
- shared modifier: 一般公共预算收入、支出 → 一般公共预算收入, 一般公共预算支出

The last conjunct is cut where its own modifier ends, at a boundary of jieba's
segmentation (the global tokenizer, without HMM), its own part parallel to the other
conjuncts (as long, ±1 character, or ending alike) and the shared part at least two
characters; the first is cut before its last word only (单位国内生产总值能耗和二氧化碳
排放 shares nothing). Conjuncts that are whole names of different things (国际友城、外国驻穗
总领馆) look the same as modifiers of one head: then the head is shared wrongly. Conjuncts as
long as each other (高速公路、普通国道) are complete already and stay as written.
"""

from __future__ import annotations

from functools import cache, lru_cache

from plankg.extract.targets.words import word_list

# Longest first: a conjunct's own part never ends with one of these (基本公共…).
ATTRIBUTIVES = tuple(sorted(word_list("attributive_words.txt"), key=len, reverse=True))

_MIN_SHARED = 2
_SLACK = 1


@cache
def _jieba() -> object:
    import jieba  # loaded only when a coordination needs it

    jieba.setLogLevel(60)  # no "Building prefix dict" chatter on stderr
    jieba.dt.check_initialized()
    return jieba.dt


def _is_word(text: str) -> bool:
    return _jieba().FREQ.get(text, 0) > 0  # type: ignore[attr-defined]


@lru_cache(maxsize=1024)
def _cuts(text: str) -> tuple[int, ...]:
    """Where ``text`` may be cut between two words: the boundaries of jieba's segmentation
    (without HMM), and inside a token where both halves are words (农村居民 → 农村|居民)."""
    cuts: list[int] = []
    pos = 0
    for token in _jieba().lcut(text, HMM=False):  # type: ignore[attr-defined]
        for inner in range(2, len(token) - 1):
            if _is_word(token[:inner]) and _is_word(token[inner:]):
                cuts.append(pos + inner)
        pos += len(token)
        cuts.append(pos)
    return tuple(c for c in cuts if 0 < c < len(text))


_QUOTES = frozenset("“”‘’\"《》（）()「」")


def is_word_at(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` a word of its own in jieba's segmentation (等 in 资金等增幅,
    not in 高等教育)?"""
    cuts = (0, *_cuts(text), len(text))
    return start in cuts and end in cuts


def _head_cut(last: str, earlier: list[str]) -> int | None:
    """Where the last conjunct's own modifier ends, or None.

    A cut is taken when its own part is parallel to every earlier conjunct: about as long
    (±1 character: 城镇|农村) or ending in the same character (六大优势产业|绿色低碳优势产业,
    工业|服务业); parallel endings win, then the closer length, then the longer shared part.
    The shared part holds no quote or bracket and does not repeat an earlier conjunct's
    last word (六大优势产业 + 产业增加值); the own part does not end with an attributive
    word (基本公共)."""
    best: tuple[int, int, int] | None = None
    for k in _cuts(last):
        own, shared = last[:k], last[k:]
        if len(shared) < _MIN_SHARED or _QUOTES.intersection(shared):
            continue
        first_word = shared[: next((c for c in _cuts(shared)), len(shared))]
        if any(t.endswith(first_word) for t in earlier):
            continue
        if own.endswith(ATTRIBUTIVES):
            continue
        parallel = all(t[-1] == own[-1] for t in earlier)
        worst = max(abs(len(own) - len(t)) for t in earlier)
        if not parallel and worst > _SLACK:
            continue
        rank = (0 if parallel else 1, worst, k)
        if best is None or rank < best:
            best = rank
    return None if best is None else best[2]


def _modifier_cut(first: str, later: list[str]) -> int | None:
    """Where the first conjunct's own head (its last word, two characters or more) starts,
    when it is as long as every later conjunct (±1): 一般公共预算|收入、支出."""
    cuts = _cuts(first)
    if not cuts:
        return None
    k = cuts[-1]
    own = first[k:]
    if k < _MIN_SHARED or len(own) < 2 or _QUOTES.intersection(first[:k]):
        return None
    if max(abs(len(own) - len(t)) for t in later) > _SLACK:
        return None
    return k


def complete_conjuncts(texts: list[str]) -> list[str] | None:
    """The conjuncts with their shared part restored, or None when nothing is shared."""
    if len(texts) < 2:
        return None
    *earlier, last = texts
    if all(len(t) <= len(last) - _MIN_SHARED for t in earlier):
        # shared head: 城镇、农村居民… — cut the last after its own modifier
        k = _head_cut(last, earlier)
        if k is not None:
            return [t + last[k:] for t in earlier] + [last]
    first, *later = texts
    if all(len(t) <= len(first) - _MIN_SHARED for t in later):
        # shared modifier: 一般公共预算收入、支出 — cut the first before its own head
        k = _modifier_cut(first, later)
        if k is not None:
            return [first] + [first[:k] + t for t in later]
    return None
