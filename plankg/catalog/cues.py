"""Departments *inferred* from a text: keyword cues, name patterns and facility nouns, and the
ranking built from them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from plankg.catalog.matching import (
    all_longest,
    fold,
)
from plankg.catalog.names import (
    find_departments,
)
from plankg.catalog.vocabulary import (
    _PK,
    DepartmentType,
    departments_file,
    departments_in_order,
    texts,
)
from plankg.namespaces import DEPT
from plankg.wordtrie import trie_pattern

STRONG_WEIGHT = 3.0
KEYWORD_WEIGHT = 1.0
NAMED_WEIGHT = 4.0  # a department named in the text itself
_REPEAT_BONUS = 0.25  # per further occurrence of the same keyword, at most 4
_SATURATION = 2.5  # score at which confidence reaches 1 - 1/e before competition


def _keyword_weight(word: str) -> float:
    # Longer cues are more specific: 技术转移 says more than 研发.
    return KEYWORD_WEIGHT * (0.8 if len(word) <= 2 else 1.0 if len(word) == 3 else 1.2)


@cache
def _keyword_table() -> dict[str, tuple[tuple[int, float], ...]]:
    cues: dict[str, list[tuple[int, float]]] = {}
    for index, dept in enumerate(departments_in_order()):
        for word in dept.keywords:
            # 巩固拓展脱贫攻坚成果 hides the strong 脱贫攻坚 inside it, so it must be strong too.
            strong = any(cue in word for cue in dept.strong_keywords)
            weight = STRONG_WEIGHT if strong else _keyword_weight(word)
            cues.setdefault(fold(word), []).append((index, weight))
        for word in dept.strong_keywords:
            cues.setdefault(fold(word), []).append((index, STRONG_WEIGHT))
    # A cue shared by n departments is worth 1/n to each.
    table = {
        word: tuple((i, weight / len(owners)) for i, weight in owners)
        for word, owners in cues.items()
    }
    for phrase in _neutral_phrases():
        # Matched like a cue, so it hides the cues inside it, but it scores nothing.
        table.setdefault(fold(phrase), ())
    return table


@cache
def _neutral_phrases() -> tuple[str, ...]:
    triples, _ = departments_file()
    catalog = triples.get(str(DEPT) + "catalog", {})
    return tuple(texts(catalog.get(_PK + "neutralPhrase", []), "zh"))


@cache
def _keyword_regex() -> re.Pattern[str]:
    return re.compile("(?=(" + trie_pattern(_keyword_table()) + "))")


@dataclass(frozen=True)
class KeywordCue:
    """A catalog keyword found in a text: ``text[start:end]``, with the departments it
    signals and the weight it gives each (the weights ``rank_departments`` adds up)."""

    word: str
    start: int
    end: int
    owners: tuple[tuple[DepartmentType, float], ...]


def find_keyword_cues(text: str) -> list[KeywordCue]:
    """Every keyword cue in ``text``, in order (longest match; neutral phrases left out).

    Responsibility inference uses the positions to cite the strongest cue as evidence.
    """
    departments = departments_in_order()
    table = _keyword_table()
    cues = []
    for start, end, word in _keyword_matches(text):
        owners = table[word]
        if owners:
            cues.append(KeywordCue(text[start:end], start, end,
                                   tuple((departments[i], w) for i, w in owners)))
    for index, start, end in _pattern_matches(text):
        cues.append(KeywordCue(text[start:end], start, end,
                               ((departments[index], STRONG_WEIGHT),)))
    return sorted(cues, key=lambda cue: (cue.start, cue.end))


def facility_department(name: str) -> DepartmentType | None:
    """The department whose facilities a name denotes by its head noun (the longest
    facility noun it ends with): 新疆中医药大学 → education, 藻渡水库 → water resources."""
    best: tuple[int, DepartmentType] | None = None
    for dept in departments_in_order():
        for noun in dept.facility_nouns:
            if name.endswith(noun) and len(name) > len(noun) and (
                    best is None or len(noun) > best[0]):
                best = (len(noun), dept)
    return best[1] if best else None


@cache
def _name_patterns() -> tuple[tuple[int, re.Pattern[str]], ...]:
    return tuple((index, re.compile(pattern)) for index, dept in enumerate(departments_in_order())
                 for pattern in dept.name_patterns)


def _pattern_matches(text: str) -> list[tuple[int, int, int]]:
    """(department index, start, end) of names that only one department's projects take
    (引大济岷 is a water diversion, G314线 a national highway)."""
    return [(index, m.start(), m.end()) for index, pattern in _name_patterns()
            for m in pattern.finditer(text)]


def rank_departments(text: str) -> list[tuple[DepartmentType, float, list[str]]]:
    """Departments likely to lead the work in ``text``, best first.

    Each entry is (department, confidence in [0, 1], evidence: matched keywords and
    department names in order of first appearance). Confidence grows with the keyword
    score and shrinks with the score of the strongest competitor; a text with no cue
    gives an empty list. Ties keep catalog order.
    """
    # Responsibility inference and topic assignment rank the same sentences: cached,
    # with fresh evidence lists for every caller.
    return [(dept, confidence, list(cues)) for dept, confidence, cues in _rank_cached(text)]


@lru_cache(maxsize=8192)
def _rank_cached(text: str) -> tuple[tuple[DepartmentType, float, tuple[str, ...]], ...]:
    return tuple((dept, confidence, tuple(cues)) for dept, confidence, cues in _rank(text))


@lru_cache(maxsize=8192)
def _keyword_matches(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, folded keyword) of every keyword in ``text``: one scan per text."""
    return tuple(all_longest(_keyword_regex(), fold(text)))


def _rank(text: str) -> list[tuple[DepartmentType, float, list[str]]]:
    departments = departments_in_order()
    table = _keyword_table()
    scores: dict[int, float] = {}
    evidence: dict[int, list[str]] = {}
    counts: dict[str, int] = {}
    for _, _, word in _keyword_matches(text):
        counts[word] = counts.get(word, 0) + 1
    for word, count in counts.items():
        factor = 1.0 + _REPEAT_BONUS * min(count - 1, 4)
        for index, weight in table[word]:
            scores[index] = scores.get(index, 0.0) + weight * factor
            evidence.setdefault(index, []).append(word)
    for index, start, end in _pattern_matches(text):
        scores[index] = scores.get(index, 0.0) + STRONG_WEIGHT
        evidence.setdefault(index, []).append(text[start:end])
    index_of = {d.iri: i for i, d in enumerate(departments)}
    for mention in find_departments(text):
        index = index_of[mention.department.iri]
        scores[index] = scores.get(index, 0.0) + NAMED_WEIGHT
        found = evidence.setdefault(index, [])
        if mention.surface not in found:
            found.append(mention.surface)
    if not scores:
        return []
    ordered = sorted(scores, key=lambda i: (-scores[i], i))
    best, second = scores[ordered[0]], scores[ordered[1]] if len(ordered) > 1 else 0.0
    ranked = []
    for index in ordered:
        score = scores[index]
        rival = second if index == ordered[0] else best
        confidence = (1.0 - math.exp(-score / _SATURATION)) * math.sqrt(score / (score + rival))
        ranked.append((departments[index], round(confidence, 3), evidence[index]))
    return ranked
