"""The department catalog and CAP topics: who is (usually) accountable for what.

``ontology/departments.ttl`` lists the functional departments of a district/county
government (and the party organs, mass organizations and courts that lead plan tasks)
with their mandates and the policy vocabulary of their work; ``ontology/cap-topics.ttl``
the Comparative Agendas Project major topics. This module loads both once and offers:

* ``find_departments`` / ``match_department``: departments *named* in a text
  (区生态环境局, 市发改委, 团区委, 生态环境部 …), with the administrative level
  read from the prefix (区/县 → district, 市/州 → city, 省 → province, 国家/部 → national);
* ``rank_departments``: departments *inferred* from keyword evidence in a commitment;
* ``instantiate``: the full name of a department type in one jurisdiction.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, parse

from plankg.namespaces import DEPT, PK
from plankg.resources import ontology_dir

Level = str  # township (mentions only) | district (county level) | city | province | national


@dataclass(frozen=True)
class CapTopic:
    number: int
    iri: str
    en: str
    zh: str
    definition_en: str
    definition_zh: str


@dataclass(frozen=True)
class DepartmentType:
    iri: str
    zh: str
    en: str
    alt_labels: tuple[str, ...]
    short_name: str
    cap_topics: tuple[int, ...]
    mandates: tuple[tuple[str, str, str], ...]  # (iri, zh, en), in catalog order
    keywords: tuple[str, ...]
    strong_keywords: tuple[str, ...]
    levels: tuple[Level, ...]
    stems: tuple[str, ...] = ()  # further name stems: abbreviations, former names
    name_patterns: tuple[str, ...] = ()  # regexes of names of its projects: 引X济Y, G314线
    facility_nouns: tuple[str, ...] = ()  # heads of its facilities' names: 大学, 水库
    kind: str = "government"  # government | vertical | party | mass-organization | judicial | ...
    template_zh: str = "{jurisdiction}"
    template_en: str = "{jurisdiction_en}"
    provincial_zh: str | None = None
    provincial_en: str | None = None


@dataclass(frozen=True)
class NationalBody:
    """A named national ministry or central organ and the department type it corresponds to."""

    iri: str
    zh: str
    en: str
    alt_labels: tuple[str, ...]
    corresponds_to: str  # iri of a DepartmentType


@dataclass(frozen=True)
class DepartmentMention:
    """A department named in a text: ``text[start:end]`` is the name without its level prefix."""

    department: DepartmentType
    surface: str
    start: int
    end: int
    level: Level | None  # None when no prefix tells the level
    national_body: NationalBody | None = None


# ---------------------------------------------------------------------------- loading

_SKOS = "http://www.w3.org/2004/02/skos/core#"
_PK = str(PK)
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
Node = NamedNode | Literal | BlankNode
Triples = dict[str, dict[str, list[Node]]]  # subject -> predicate -> objects, in file order


def _read(name: str) -> tuple[Triples, list[str]]:
    """Subjects' statements of one Turtle file, and the subjects in file order.

    pyoxigraph parses the file about twenty times faster than rdflib, which matters
    because the catalog loads at the start of every run.
    """
    triples: Triples = {}
    order: list[str] = []
    path = ontology_dir() / name
    for triple in parse(path=str(path), format=RdfFormat.TURTLE):
        subject = triple.subject
        if not isinstance(subject, NamedNode):
            continue
        if subject.value not in triples:
            triples[subject.value] = {}
            order.append(subject.value)
        triples[subject.value].setdefault(triple.predicate.value, []).append(triple.object)
    return triples, order


def _texts(values: Iterable[Node], lang: str | None) -> list[str]:
    return [v.value for v in values if isinstance(v, Literal) and v.language == lang]


def _text(values: Iterable[Node], lang: str | None) -> str | None:
    found = _texts(values, lang)
    return found[0] if found else None


def _iris(values: Iterable[Node]) -> list[str]:
    return [v.value for v in values if isinstance(v, NamedNode)]


def _is_a(props: dict[str, list[Node]], cls: str) -> bool:
    return cls in _iris(props.get(_RDF_TYPE, []))


def _cap_number(iri: str) -> int:
    return int(iri.rsplit("/", 1)[1])


def _mandate_key(iri: str) -> tuple[str, int]:
    head, _, tail = iri.rpartition("-")
    return (head, int(tail)) if tail.isdigit() else (iri, 0)


_LEVEL_ORDER = ["township", "district", "city", "province", "national"]


@cache
def _departments_file() -> tuple[Triples, tuple[str, ...]]:
    triples, order = _read("departments.ttl")
    return triples, tuple(order)


@cache
def _departments() -> tuple[DepartmentType, ...]:
    triples, order = _departments_file()
    out = []
    for subject in order:  # file order is the deterministic tie-break everywhere
        props = triples[subject]
        if not _is_a(props, _PK + "DepartmentType"):
            continue

        def get(predicate: str, props: dict[str, list[Node]] = props) -> list[Node]:
            return props.get(predicate, [])

        mandates = []
        for iri in _iris(get(_PK + "mandate")):
            labels = triples.get(iri, {}).get(_SKOS + "prefLabel", [])
            mandates.append((iri, _text(labels, "zh") or "", _text(labels, "en") or ""))
        mandates.sort(key=lambda t: _mandate_key(t[0]))
        labels = get(_SKOS + "prefLabel")
        zh = _text(labels, "zh") or ""
        en = _text(labels, "en") or ""
        templates = get(_PK + "nameTemplate")
        provincial = get(_PK + "provincialLabel")
        out.append(DepartmentType(
            iri=subject,
            zh=zh,
            en=en,
            alt_labels=tuple(_texts(get(_SKOS + "altLabel"), "zh")),
            short_name=_text(get(_PK + "shortName"), "zh") or zh,
            cap_topics=tuple(sorted(_cap_number(c) for c in _iris(get(_PK + "capTopic")))),
            mandates=tuple(mandates),
            keywords=tuple(_texts(get(_PK + "keyword"), "zh")),
            strong_keywords=tuple(_texts(get(_PK + "strongKeyword"), "zh")),
            levels=tuple(sorted(_texts(get(_PK + "level"), None), key=_LEVEL_ORDER.index)),
            stems=tuple(_texts(get(_PK + "nameStem"), "zh")),
            name_patterns=tuple(_texts(get(_PK + "namePattern"), None)),
            facility_nouns=tuple(_texts(get(_PK + "facilityNoun"), "zh")),
            kind=_text(get(_PK + "bodyKind"), None) or "government",
            template_zh=_text(templates, "zh") or "{jurisdiction}" + zh,
            template_en=_text(templates, "en") or "{jurisdiction_en} " + en,
            provincial_zh=_text(provincial, "zh"),
            provincial_en=_text(provincial, "en"),
        ))
    return tuple(out)


def load_departments() -> list[DepartmentType]:
    """All department types of the catalog, in catalog order (a fresh list each call)."""
    return list(_departments())


@cache
def _by_iri() -> dict[str, DepartmentType]:
    return {d.iri: d for d in _departments()}


def department_by_iri(iri: str) -> DepartmentType | None:
    return _by_iri().get(iri)


@cache
def _national_bodies() -> tuple[NationalBody, ...]:
    triples, order = _departments_file()
    out = []
    for subject in order:
        props = triples[subject]
        if not _is_a(props, _PK + "NationalBody"):
            continue
        labels = props.get(_SKOS + "prefLabel", [])
        out.append(NationalBody(
            iri=subject,
            zh=_text(labels, "zh") or "",
            en=_text(labels, "en") or "",
            alt_labels=tuple(_texts(props.get(_SKOS + "altLabel", []), "zh")),
            corresponds_to=_iris(props.get(_PK + "correspondsTo", []))[0],
        ))
    return tuple(out)


def load_national_bodies() -> list[NationalBody]:
    """National ministries and central organs, each with its corresponding department type."""
    return list(_national_bodies())


@cache
def _cap_topics() -> tuple[CapTopic, ...]:
    triples, order = _read("cap-topics.ttl")
    out = []
    for subject in order:
        props = triples[subject]
        if not _is_a(props, _SKOS + "Concept"):
            continue
        labels = props.get(_SKOS + "prefLabel", [])
        definitions = props.get(_SKOS + "definition", [])
        out.append(CapTopic(
            number=int(_text(props.get(_SKOS + "notation", []), None) or 0),
            iri=subject,
            en=_text(labels, "en") or "",
            zh=_text(labels, "zh") or "",
            definition_en=_text(definitions, "en") or "",
            definition_zh=_text(definitions, "zh") or "",
        ))
    out.sort(key=lambda t: t.number)
    return tuple(out)


def load_cap_topics() -> dict[int, CapTopic]:
    """CAP major topics by number (1 Macroeconomics … 23 Culture)."""
    return {t.number: t for t in _cap_topics()}


# ---------------------------------------------------------------------------- matching helpers

# Full-width ASCII to half-width and lower to upper case, one code point for one, so
# offsets into the normalized text are offsets into the input.
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20})
_FOLD.update({c: c - 32 for c in range(ord("a"), ord("z") + 1)})
_FOLD.update({c: c - 0xFEE0 - 32 for c in range(0xFF41, 0xFF5B)})


def _fold(text: str) -> str:
    return text.translate(_FOLD)


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex matching the longest of ``words`` at a position (a greedy trie, linear time)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def _all_longest(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str]]:
    """Longest match at each position, minus matches contained in a longer earlier one."""
    out: list[tuple[int, int, str]] = []
    max_end = -1
    for m in pattern.finditer(text):
        start = m.start()
        word = m.group(1)
        end = start + len(word)
        if end <= max_end:
            continue  # inside a longer match: 污水 in 污水处理厂
        out.append((start, end, word))
        max_end = end
    return out


# ---------------------------------------------------------------------------- department names

_SUFFIXES = ("委员会", "分局", "局", "委", "厅")
_OFFICE_SUFFIXES = ("办公室", "办")
# Characters after a name that show the suffix character was the start of another word:
# 交通局部, 政府委托, 信访办理.
_FALSE_FOLLOWERS = {"局": set("部面势限域"), "委": set("托员屈婉"), "办": set("理法事好成结公实")}
# Kinds whose stems are not department stems (组织部, 工会 take no 局/委 suffix).
_NO_STEM_KINDS = {"party", "mass-organization", "judicial", "military", "other"}


@cache
def _name_table() -> dict[str, tuple[DepartmentType, NationalBody | None]]:
    table: dict[str, tuple[DepartmentType, NationalBody | None]] = {}
    for dept in _departments():
        labels = [dept.zh, *dept.alt_labels]
        if dept.provincial_zh:
            labels.append(dept.provincial_zh)
        for label in labels:
            table.setdefault(label, (dept, None))
        if dept.kind in _NO_STEM_KINDS:
            continue
        suffixes = list(_SUFFIXES)
        if any(label.endswith(_OFFICE_SUFFIXES) for label in labels):
            suffixes += _OFFICE_SUFFIXES
        for stem in (dept.short_name, *dept.stems):
            for suffix in suffixes:
                table.setdefault(stem + suffix, (dept, None))
    by_iri = _by_iri()
    for body in _national_bodies():
        dept = by_iri[body.corresponds_to]
        for label in (body.zh, *body.alt_labels):
            table[label] = (dept, body)  # a national name beats a generated local form
    return table


@cache
def _name_regex() -> re.Pattern[str]:
    return re.compile("(?=(" + _trie_pattern(_name_table()) + "))")


_LEVEL_BEFORE = [
    (re.compile(r"(?:特别行政区|自治区|省)委?$"), "province"),
    (re.compile(r"(?:中共中央|中央|国家|国务院|全国)$"), "national"),
    (re.compile(r"(?:自治州|地区|州|盟|市)委?$"), "city"),
    (re.compile(r"(?:区|县|旗)委?$"), "district"),
    (re.compile(r"(?:镇|乡|街道)(?:党委)?$"), "township"),
]
_LEVEL_CHAR = {"区": "district", "县": "district", "旗": "district", "市": "city", "州": "city",
               "省": "province"}
_INNER_LEVEL = re.compile(r"^团?([区县旗市州省])委")
_PLACE_GAP = re.compile(r"^[\u4e00-\u9fff]{1,12}$")


def _level_of(text: str, start: int, surface: str, body: NationalBody | None) -> Level | None:
    if body is not None:
        return "national"
    inner = _INNER_LEVEL.match(surface)
    if inner:
        return _LEVEL_CHAR[inner.group(1)]
    before = text[max(0, start - 6):start]
    for pattern, level in _LEVEL_BEFORE:
        if pattern.search(before):
            return level
    return None


def find_departments(text: str) -> list[DepartmentMention]:
    """Every department named in ``text``, in order, with its level where a prefix shows it.

    Accepts full names, common abbreviations (发改委, 人力社保局, 住建委, 市场监管局 …),
    provincial names (生态环境厅) and national ones (生态环境部 → the 生态环境局 type).
    """
    return list(_find_departments(text))


@lru_cache(maxsize=8192)
def _find_departments(text: str) -> tuple[DepartmentMention, ...]:
    table = _name_table()
    folded = _fold(text)
    mentions: list[DepartmentMention] = []
    last_end = -1
    for start, end, surface in _all_longest(_name_regex(), folded):
        if start < last_end:
            continue  # overlaps the previous name
        nxt = folded[end:end + 1]
        if nxt and nxt in _FALSE_FOLLOWERS.get(surface[-1], ()):
            continue
        dept, body = table[surface]
        mentions.append(DepartmentMention(dept, text[start:end], start, end,
                                          _level_of(folded, start, surface, body), body))
        last_end = end
    # 国家税务总局重庆市税务局 names one local body: drop the national head before it.
    kept: list[DepartmentMention] = []
    for i, mention in enumerate(mentions):
        nxt_mention = mentions[i + 1] if i + 1 < len(mentions) else None
        if (mention.national_body is not None and nxt_mention is not None
                and nxt_mention.department == mention.department
                and nxt_mention.national_body is None
                and _PLACE_GAP.match(folded[mention.end:nxt_mention.start])):
            continue
        kept.append(mention)
    return tuple(kept)


def match_department_mention(text: str) -> DepartmentMention | None:
    """The first department named in ``text`` (with level and position), or None."""
    found = find_departments(text)
    return found[0] if found else None


def match_department(text: str) -> DepartmentType | None:
    """The department type named in ``text`` (区环保局 → 生态环境局), or None.

    Use ``match_department_mention`` for the level (市生态环境局 → city).
    """
    mention = match_department_mention(text)
    return mention.department if mention else None


# ---------------------------------------------------------------------------- ranking

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
    for index, dept in enumerate(_departments()):
        for word in dept.keywords:
            # 巩固拓展脱贫攻坚成果 hides the strong 脱贫攻坚 inside it, so it must be strong too.
            strong = any(cue in word for cue in dept.strong_keywords)
            weight = STRONG_WEIGHT if strong else _keyword_weight(word)
            cues.setdefault(_fold(word), []).append((index, weight))
        for word in dept.strong_keywords:
            cues.setdefault(_fold(word), []).append((index, STRONG_WEIGHT))
    # A cue shared by n departments is worth 1/n to each.
    table = {
        word: tuple((i, weight / len(owners)) for i, weight in owners)
        for word, owners in cues.items()
    }
    for phrase in _neutral_phrases():
        # Matched like a cue, so it hides the cues inside it, but it scores nothing.
        table.setdefault(_fold(phrase), ())
    return table


@cache
def _neutral_phrases() -> tuple[str, ...]:
    triples, _ = _departments_file()
    catalog = triples.get(str(DEPT) + "catalog", {})
    return tuple(_texts(catalog.get(_PK + "neutralPhrase", []), "zh"))


@cache
def _keyword_regex() -> re.Pattern[str]:
    return re.compile("(?=(" + _trie_pattern(_keyword_table()) + "))")


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
    departments = _departments()
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
    for dept in _departments():
        for noun in dept.facility_nouns:
            if name.endswith(noun) and len(name) > len(noun) and (
                    best is None or len(noun) > best[0]):
                best = (len(noun), dept)
    return best[1] if best else None


@cache
def _name_patterns() -> tuple[tuple[int, re.Pattern[str]], ...]:
    return tuple((index, re.compile(pattern)) for index, dept in enumerate(_departments())
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
    return tuple(_all_longest(_keyword_regex(), _fold(text)))


def _rank(text: str) -> list[tuple[DepartmentType, float, list[str]]]:
    departments = _departments()
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


# ---------------------------------------------------------------------------- instantiation

_JURISDICTION_SUFFIXES = [
    ("特别行政区", "Special Administrative Region", "province"),
    ("自治区", "Autonomous Region", "province"),
    ("自治州", "Autonomous Prefecture", "city"),
    ("自治县", "Autonomous County", "district"),
    ("自治旗", "Autonomous Banner", "district"),
    ("新区", "New Area", "district"),
    ("地区", "Prefecture", "city"),
    ("省", "Province", "province"),
    ("市", "City", "city"),
    ("区", "District", "district"),
    ("县", "County", "district"),
    ("旗", "Banner", "district"),
    ("盟", "League", "city"),
    ("州", "Prefecture", "city"),
]
_NATIONAL_NAMES = {"中华人民共和国", "中国", "全国", "国家", "国务院", "中央"}
# Romanizations that are not plain pinyin.
_PINYIN_EXCEPTIONS = {
    "陕西": "Shaanxi", "内蒙古": "Inner Mongolia", "维吾尔": "Uygur", "藏": "Tibetan",
    "蒙古": "Mongol", "朝鲜": "Korean",
}
# The 55 minority nationalities, stripped from autonomous-area names (恩施土家族苗族自治州).
_ETHNIC_NAMES = [
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家",
    "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇",
    "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌",
    "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔",
    "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
]
# Two-character names may drop 族 (新疆维吾尔自治区); one-character ones keep it (宁夏回族).
_ETHNIC_TAIL = re.compile(
    "(?:("
    + "|".join(sorted((n for n in _ETHNIC_NAMES if len(n) > 1), key=len, reverse=True))
    + ")族?|("
    + "|".join(n for n in _ETHNIC_NAMES if len(n) == 1)
    + ")族)$"
)


@cache
def _pinyin() -> Callable[[str], list[str]] | None:
    # Imported on first use: pypinyin's phrase tables take 0.4 s to load.
    try:
        from pypinyin import lazy_pinyin
    except ImportError:  # pragma: no cover - only without the optional dependency
        return None
    return lazy_pinyin


def _romanize(name: str) -> str | None:
    if name in _PINYIN_EXCEPTIONS:
        return _PINYIN_EXCEPTIONS[name]
    lazy_pinyin = _pinyin()
    if lazy_pinyin is None or not name:
        return None
    syllables = lazy_pinyin(name)
    if not all(s.isascii() and s.isalpha() for s in syllables):
        return None
    word = syllables[0]
    for syllable in syllables[1:]:
        # Xi'an, not Xian: an apostrophe before a vowel-initial syllable.
        word += ("'" if syllable[0] in "aoe" else "") + syllable
    return word.capitalize()


def jurisdiction_level(jurisdiction_zh: str) -> Level | None:
    if jurisdiction_zh in _NATIONAL_NAMES:
        return "national"
    for suffix, _, level in _JURISDICTION_SUFFIXES:
        if jurisdiction_zh.endswith(suffix) and len(jurisdiction_zh) > len(suffix):
            return level
    return None


def jurisdiction_english(jurisdiction_zh: str) -> str | None:
    """渝北区 → "Yubei District", 四川省 → "Sichuan Province"; None when it cannot romanize."""
    for suffix, english, _ in _JURISDICTION_SUFFIXES:
        if jurisdiction_zh.endswith(suffix) and len(jurisdiction_zh) > len(suffix):
            proper = jurisdiction_zh[: -len(suffix)]
            ethnic: list[str] = []
            while suffix.startswith("自治") and (tail := _ETHNIC_TAIL.search(proper)):
                ethnic.insert(0, tail.group(1) or tail.group(2))
                proper = proper[: tail.start()]
            words = [_romanize(group) for group in ethnic]
            if any(word is None for word in words):
                return None
            head = _romanize(proper)
            if head is None:
                return None
            return " ".join([head, *(w for w in words if w), english])
    return None


def national_body_for(dept: DepartmentType) -> NationalBody | None:
    """The national ministry or organ with the department type's mandates, if any."""
    for body in _national_bodies():
        if body.corresponds_to == dept.iri:
            return body
    return None


def instantiate(
    dept: DepartmentType, jurisdiction_zh: str, jurisdiction_en: str | None = None
) -> tuple[str, str | None]:
    """The department of one jurisdiction: (渝北区, 生态环境局) → ("渝北区生态环境局",
    "Yubei District Ecology and Environment Bureau").

    Provinces get the provincial name where it differs (四川省生态环境厅); a national
    jurisdiction (中华人民共和国, 国务院) gets the corresponding ministry. The English name
    is None when ``jurisdiction_en`` is not given and cannot be romanized.
    """
    level = jurisdiction_level(jurisdiction_zh)
    if level == "national":
        body = national_body_for(dept)
        if body is not None:
            return body.zh, body.en
    if jurisdiction_en is None:
        jurisdiction_en = jurisdiction_english(jurisdiction_zh)
    if level == "province" and dept.provincial_zh and dept.kind == "government":
        zh = jurisdiction_zh + dept.provincial_zh
        en = f"{dept.provincial_en} of {jurisdiction_en}" if jurisdiction_en else None
        return zh, en
    zh = dept.template_zh.replace("{jurisdiction}", jurisdiction_zh)
    en = dept.template_en.replace("{jurisdiction_en}", jurisdiction_en) if jurisdiction_en else None
    return zh, en
