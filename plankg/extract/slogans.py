"""Slogans and formulas (提法): quoted spans judged by form, glossary labels in running text.

Chinese plans put their slogans in quotation marks (“六稳”, “放管服”改革, “1+12”), so
every quoted span is a candidate; its kind follows from its form (a leading numeral,
a programme suffix, a short catchphrase) and long quotations of speech are dropped.
Well-known national slogans also occur unquoted (供给侧结构性改革, 乡村振兴); they are
found with one compiled trie regex over the labels of the curated glossary
(``ontology/glossary.ttl``). Members of a formula come from the glossary or from a
list the sentence itself gives (“两不愁、三保障”, X（A、B、C）, A、B、C、D“四区”).

Decisions (documented for the annotation):
- Quoted names of contests and events (“临空杯”) are kept as catchphrases, like every
  other short quoted name; quoted names of spacecraft and vessels (“天问一号”,
  “奋斗者”号) are not slogans.
- A short quoted plain word (“卡位”, “朋友圈”) is kept as a catchphrase: in this genre
  quotation marks almost always mark a 提法, and irony cannot be told from form.
- Quotations with sentence punctuation (，。；！？), quotations after a speech verb and
  colon, and quoted spans longer than 12 characters are not slogans, unless they are a
  numeral formula or programme name of at most 20 characters, a list of short items
  (“网上发布、屏上洽谈、线上签约”) or a glossary label.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from rdflib import RDF, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SKOS

from plankg.model import Mention
from plankg.namespaces import PK
from plankg.numerals import chinese_numeral
from plankg.resources import ontology_dir
from plankg.wordtrie import trie_pattern

NUMERIC = "numeric-formula"
PROGRAMME = "programme"
CATCHPHRASE = "catchphrase"
TERM = "term"
PLAN_PERIOD = "plan-period"

_KIND_TYPES: dict[URIRef, str] = {
    PK.NumericFormula: NUMERIC,
    PK.Programme: PROGRAMME,
    PK.Catchphrase: CATCHPHRASE,
    PK.Term: TERM,
    PK.PlanPeriod: PLAN_PERIOD,
}


@dataclass(frozen=True)
class GlossaryEntry:
    """One concept of the slogan glossary; ``kind`` is a Mention type string."""

    iri: str
    zh: str
    en: str
    kind: str
    members: tuple[str, ...]
    definition_en: str
    definition_zh: str
    alt_labels: tuple[str, ...] = ()


# --- normalization -------------------------------------------------------------------

# Characters that only break words: zero-width marks, BOM and any whitespace (the
# sources break words across lines).
_INVISIBLE_RE = re.compile(r"[\s\u200b-\u200f\u2060\ufeff]")
# Full-width letters, digits and plus sign → ASCII, one character for one, so offsets hold.
_WIDTH = str.maketrans(
    {**{chr(0xFF10 + i): chr(0x30 + i) for i in range(10)},
     **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
     **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
     "＋": "+", "﹢": "+", "％": "%"}
)
_KEY_DROP_RE = re.compile(r"[、，,·•\s\u200b-\u200f\u2060\ufeff]")


def normalize_slogan(text: str) -> str:
    """The canonical written form: ASCII digits and '+', no whitespace or zero-width marks."""
    return _INVISIBLE_RE.sub("", text.translate(_WIDTH))


def _key(text: str) -> str:
    # Lookup key: also ignores list commas, so “两不愁、三保障” finds 两不愁三保障.
    return _KEY_DROP_RE.sub("", normalize_slogan(text))


# --- glossary ------------------------------------------------------------------------


def _literal(graph: Graph, subject: URIRef, predicate: URIRef, lang: str) -> str:
    for value in graph.objects(subject, predicate):
        if getattr(value, "language", None) == lang:
            return str(value)
    return ""


@cache
def load_glossary() -> dict[str, GlossaryEntry]:
    """The glossary, keyed by Chinese prefLabel; parsed once."""
    graph = Graph()
    graph.parse(ontology_dir() / "glossary.ttl", format="turtle")
    entries: dict[str, GlossaryEntry] = {}
    for subject in graph.subjects(RDF.type, PK.Slogan):
        if not isinstance(subject, URIRef):
            continue
        zh = _literal(graph, subject, SKOS.prefLabel, "zh")
        kind_iri = graph.value(subject, PK.sloganKind)
        list_head = graph.value(subject, PK.memberList)
        if list_head is not None:
            members = tuple(str(m) for m in Collection(graph, list_head))
        else:
            members = tuple(sorted(str(m) for m in graph.objects(subject, PK.member)))
        alts = tuple(sorted(str(a) for a in graph.objects(subject, SKOS.altLabel)
                            if getattr(a, "language", None) == "zh"))
        entries[zh] = GlossaryEntry(
            iri=str(subject),
            zh=zh,
            en=_literal(graph, subject, SKOS.prefLabel, "en"),
            kind=_KIND_TYPES.get(kind_iri, TERM) if isinstance(kind_iri, URIRef) else TERM,
            members=members,
            definition_en=_literal(graph, subject, SKOS.definition, "en"),
            definition_zh=_literal(graph, subject, SKOS.definition, "zh"),
            alt_labels=alts,
        )
    return entries


@cache
def _label_keys() -> dict[str, str]:
    """Lookup key of every prefLabel and altLabel → prefLabel."""
    keys: dict[str, str] = {}
    for entry in load_glossary().values():
        for alt in entry.alt_labels:
            keys.setdefault(_key(alt), entry.zh)
    for entry in load_glossary().values():
        keys[_key(entry.zh)] = entry.zh  # a prefLabel wins over another entry's altLabel
    return keys


@cache
def _label_forms() -> dict[str, str]:
    """Written form of every label (as it appears in running text) → prefLabel."""
    forms: dict[str, str] = {}
    for entry in load_glossary().values():
        for label in (*entry.alt_labels, entry.zh):
            forms[normalize_slogan(label)] = entry.zh
    return forms


@cache
def _label_re() -> re.Pattern[str]:
    return re.compile(trie_pattern(_label_forms()))


@cache
def _plus_prefixes() -> tuple[tuple[str, str], ...]:
    """Labels like 互联网+ that head a family (互联网+政务服务) → their prefLabel."""
    return tuple((form, pref) for form, pref in _label_forms().items() if form.endswith("+"))


# --- form of a quoted span --------------------------------------------------------------

_CJK = "\u4e00-\u9fff"
_CJK_RE = re.compile(f"[{_CJK}]")
_CJK_ONLY_RE = re.compile(f"^[{_CJK}]+$")
_CN_NUMERALS = "一二两三四五六七八九十"
_NUMERAL_RUN_RE = re.compile(rf"\d+|[{_CN_NUMERALS}]+")
_NUMERAL_START_RE = re.compile(
    rf"^(?:[{_CN_NUMERALS}百千万双]|\d|[Nn]\+|\+)"
)
# 百年老店, 十年磨一剑: a numeral of years or days opens an idiom, not a formula.
_TIME_NUMERAL_RE = re.compile(rf"^[{_CN_NUMERALS}百千万]+[年岁月日天]")
_PLAN_PERIOD_RE = re.compile(r"^((?:[六七八九]|十[一二三四五]?)五)(?:规划|计划|时期|期间)?$")
_PROGRAMME_RE = re.compile(
    r"(?:工程|计划|行动|改革|战略|制|制度|专项|项目|攻坚战|保卫战|运动)$"
)
_VESSEL_RE = re.compile(rf"[{_CN_NUMERALS}\d]+号$")
_SENTENCE_PUNCT_RE = re.compile(r"[，。；！？：《》…]|[,;!?:](?!\d)|\.(?!\d)")
_SPEECH_RE = re.compile(r"(?:说|道|指出|强调|表示|讲|问|答|写道|批示|称)[：:]$")
_LIST_SEP_RE = re.compile(r"[、､]")

_MAX_CATCHPHRASE = 12
_MAX_FORMULA = 20
_MAX_LIST_ITEM = 8


def _form_kind(name: str) -> str | None:
    """Kind of a quoted span that is not a glossary label, by its form; None if no slogan."""
    if len(name) < 2:
        return None
    if not _CJK_RE.search(name) and "+" not in name:
        return None  # a bare number, code or Latin word
    if _VESSEL_RE.search(name):
        return None  # 天问一号, 嫦娥五号
    items = [item for item in _LIST_SEP_RE.split(name) if item]
    is_list = len(items) >= 2
    if is_list and any(len(item) > _MAX_LIST_ITEM for item in items):
        return None  # a list of long clauses is a quotation
    if _SENTENCE_PUNCT_RE.search(name):
        return None
    length = len(name) - (len(items) - 1 if is_list else 0)
    numeric = bool(_NUMERAL_START_RE.match(name)) and not _TIME_NUMERAL_RE.match(name)
    if numeric and name[0] == "一" and len(name) > 2 and not _NUMERAL_RUN_RE.search(name[1:]):
        numeric = False  # 一站式, 一刀切, 一本报告管全域: 一 as "one/single", nothing counted
    if numeric and name[0] == "一" and length > 6 and not is_list:
        numeric = False  # 一方水土难养一方人: a saying that happens to start with 一
    if numeric and length <= _MAX_FORMULA:
        return NUMERIC
    if _PROGRAMME_RE.search(name) and length <= _MAX_FORMULA:
        return PROGRAMME
    if is_list or length <= _MAX_CATCHPHRASE:
        return CATCHPHRASE
    return None


# --- numerals and listed members ------------------------------------------------------


def _small_numeral(text: str) -> int | None:
    """一 … 九十九 written in Chinese; None for anything else (一一, 百)."""
    value = chinese_numeral(text)
    return value if isinstance(value, int) and value < 100 else None


def _numeral_values(name: str) -> frozenset[int]:
    """The counts a formula names: 两地四方 → {2, 4}, “1+12” → {1, 12}, 双十万 → {2, 10}."""
    values = set()
    for match in _NUMERAL_RUN_RE.finditer(name):
        run = match.group()
        value = int(run) if run.isdigit() else _small_numeral(run)
        if value is not None:
            values.add(value)
    if name.startswith("双"):
        values.add(2)
    return frozenset(values)


# Words that open a clause before a list (verbs, adverbs, prepositions, item markers):
# stripped from the first item of a list that precedes a formula.
_LEAD_RE = re.compile(
    rf"^(?:[{_CN_NUMERALS}]是|紧紧|紧扣|围绕|按照|坚持|聚焦|突出|推进|推动|加快|加强|实施|"
    "打造|建设|构建|形成|实现|做好|抓好|打好|打赢|坚决|全力|深入|扎实|持续|大力|着力|积极|"
    "统筹|立足|依托|落实|促进|发展|提升|包括|即|以|在|把|将|对|和|与|及|为|是)+"
)
_CUT_VERB_RE = re.compile(
    "围绕|按照|聚焦|瞄准|对标|紧扣|依托|立足|突出|推进|推动|加快|建设|打造|实施|培育|壮大|做强|"
    "做优|构建|形成|实现|抓好|做好|落实|坚持|统筹|包括|涵盖"
)
_ITEM_TAIL_RE = re.compile(r"(?:等等|等)$")
_LIST_ITEM_MAX = 20
_CLAUSE_END_RE = re.compile(r"[，。；：！？,;:!?（）()“”]")
_PAREN_LIST_RE = re.compile(
    rf"^[{_CJK}]{{0,6}}?[（(](?:即|包括|分别是|指)?[：:]?([^（）()“”]{{2,160}})[）)]"
)
_AFTER_LIST_RE = re.compile(
    rf"^[{_CJK}]{{0,6}}?[，,]?(?:即|就是|包括|分别是|是指)[：:]?([^，。；,;]{{2,160}})"
    rf"|^[{_CJK}]{{0,6}}?[：:]([^，。；,;]{{2,160}})"
)


def _item_lists(text: str) -> list[list[str]]:
    """The items of a 、-list; a second reading splits a last item joined by 和/及."""
    items = [_ITEM_TAIL_RE.sub("", i) for i in re.split(r"[、､，,；;]", text) if i]
    readings = [items]
    if len(items) >= 2:
        parts = re.split(r"(以及|和|及|与)", items[-1], maxsplit=1)
        if len(parts) == 3 and parts[0] and parts[2]:
            readings.append([*items[:-1], parts[0], parts[2]])
    return readings


def _accept_items(items: list[str], counts: frozenset[int], need_count: bool) -> tuple[str, ...]:
    if len(items) < 2 or any(not item or len(item) > _LIST_ITEM_MAX for item in items):
        return ()
    if counts and len(items) not in counts and (need_count or len(counts) == 1):
        return ()
    if need_count and not counts:
        return ()
    return tuple(items)


def _members_after(name: str, after: str) -> tuple[str, ...]:
    """X（A、B、C） or X，即A、B、C right after the slogan."""
    counts = _numeral_values(name)
    match = _PAREN_LIST_RE.match(after)
    if match:
        for items in _item_lists(match.group(1)):
            found = _accept_items(items, counts, need_count=False)
            if found:
                return found
    match = _AFTER_LIST_RE.match(after)
    if match:
        body = match.group(1) or match.group(2)
        if _LIST_SEP_RE.search(body):
            for items in _item_lists(body):
                found = _accept_items(items, counts, need_count=True)
                if found:
                    return found
    return ()


def _members_before(name: str, before: str) -> tuple[str, ...]:
    """A、B、C、D“四区”: a list ending right before the formula, as many items as it counts."""
    counts = _numeral_values(name)
    if not counts or not before or before[-1] in "、､":
        return ()
    clause = _CLAUSE_END_RE.split(before)[-1]
    if not _LIST_SEP_RE.search(clause):
        return ()
    items = [i for i in _LIST_SEP_RE.split(clause) if i]
    items[0] = _LEAD_RE.sub("", items[0])
    if len(items) >= 2 and len(items[0]) > max(len(i) for i in items[1:]) + 2:
        # 我县围绕生态农业、文化旅游: cut a longer first item after its last verb.
        cuts = [m.end() for m in _CUT_VERB_RE.finditer(items[0]) if len(items[0]) - m.end() >= 2]
        if cuts:
            items[0] = items[0][cuts[-1]:]
    return _accept_items(items, counts, need_count=True)


def _listed_members(name: str, before: str, after: str) -> tuple[str, ...]:
    return _members_after(name, after) or _members_before(name, before)


# --- the view the regexes run on -------------------------------------------------------


def _view(sentence: str) -> tuple[str, list[int] | None]:
    """The sentence without invisible characters, and each view index's sentence index."""
    if not _INVISIBLE_RE.search(sentence):
        return sentence.translate(_WIDTH), None
    keep = [i for i, char in enumerate(sentence) if not _INVISIBLE_RE.match(char)]
    return "".join(sentence[i] for i in keep).translate(_WIDTH), keep


def _span(index: list[int] | None, start: int, end: int) -> tuple[int, int]:
    if index is None:
        return start, end
    return index[start], index[end - 1] + 1


# --- extraction ------------------------------------------------------------------------

_QUOTE_RE = re.compile(r"“([^“”\n]{1,60})”|「([^「」\n]{1,60})」|『([^『』\n]{1,60})』")
_SINGLE_QUOTE_RE = re.compile(r"‘([^‘’“”\n]{1,30})’")
_ASCII_QUOTE_RE = re.compile(r'"([^"\n]{1,60})"')

_NUMERAL_LEFT = set("0123456789〇零一二两三四五六七八九十百千万第")
_NUMERAL_RIGHT = set("0123456789〇零一二两三四五六七八九十百千万亿%")
_MEASURE_RIGHT = set("里米斤吨年月日分秒元角个位名人次项件条家所座台辆亩倍岁号层届批")
# Unquoted formulas that spell out their own members: 三个转变（A、B、C）, 四个坚持：….
_UNQUOTED_FORMULA_RE = re.compile(
    rf"[{_CN_NUMERALS}]{{1,2}}(?:个|大|项|类|条|种)?[{_CJK}]{{1,6}}?(?=[（(：:]|[，,]?即)"
)


def _quoted_spans(view: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the inside of every quoted span, outer quotes first."""
    spans = [(m.start() + 1, m.end() - 1) for m in _QUOTE_RE.finditer(view)]
    if view.count('"') >= 2 and view.count('"') % 2 == 0:
        # Some web sources use ASCII quotes; paired within a sentence they are quotes.
        spans += [(m.start() + 1, m.end() - 1) for m in _ASCII_QUOTE_RE.finditer(view)]
        spans.sort()
    yield from spans
    for match in _SINGLE_QUOTE_RE.finditer(view):
        start, end = match.start() + 1, match.end() - 1
        if not any(s <= start and end <= e for s, e in spans):
            yield start, end


def _classify_quoted(name: str, before: str, after: str) -> tuple[str, str, str] | None:
    """(kind, canonical name, rule) of a quoted span, or None if it is no slogan."""
    glossary = load_glossary()
    keys = _label_keys()
    pref = keys.get(_key(name))
    if pref is not None:
        return glossary[pref].kind, pref, "quoted-glossary"
    for size in range(1, 5):
        # “菜篮子”工程, “两学一做”学习教育: the label goes on past the closing quote.
        pref = keys.get(_key(name + after[:size])) if len(after) >= size else None
        if pref is not None:
            return glossary[pref].kind, pref, "quoted-glossary"
    period = _PLAN_PERIOD_RE.match(name)
    if period:
        return PLAN_PERIOD, period.group(1), "quoted-plan-period"
    if after.startswith("号"):
        return None  # “奋斗者”号: the name of a vessel
    family_ok = len(name) <= _MAX_FORMULA and not _SENTENCE_PUNCT_RE.search(name)
    for prefix, pref in _plus_prefixes():
        if family_ok and name.startswith(prefix) and len(name) > len(prefix):
            return glossary[pref].kind, name, "quoted-glossary-family"
    kind = _form_kind(name)
    if kind is None:
        return None
    if kind != NUMERIC and _SPEECH_RE.search(before):
        return None  # 他强调：“…”: a quotation of speech
    return kind, name, "quoted-form"


def _glossary_match_ok(view: str, start: int, end: int) -> bool:
    label = view[start:end]
    if _NUMERAL_START_RE.match(label):
        if start > 0 and view[start - 1] in _NUMERAL_LEFT:
            return False  # 二十五五, 第三农…: part of a bigger number
        if end < len(view) and (view[end] in _NUMERAL_RIGHT
                                or len(label) <= 3 and view[end] in _MEASURE_RIGHT):
            return False  # 三公里, 六稳5%…
    return True


def _elided_before(view: str, start: int, label: str) -> Iterator[tuple[int, int, str]]:
    """蓝天、碧水、净土保卫战: stems listed before a label that share its elided suffix."""
    forms = _label_forms()
    pos = start
    while pos > 1 and view[pos - 1] in "、､":
        found = None
        # Parallel stems: as long as the label's own stem, two characters at least, and the
        # shared suffix two characters at least (以保促稳、稳中求进 is no ellipsis).
        for size in range(2, len(label) - 1):
            stem = view[pos - 1 - size:pos - 1]
            if len(stem) == size and _CJK_ONLY_RE.match(stem) and stem + label[size:] in forms:
                found = (pos - 1 - size, pos - 1, forms[stem + label[size:]])
                break
        if found is None:
            return
        yield found
        pos = found[0]


def extract_slogans(sentence: str) -> list[Mention]:
    """Slogans, formulas, programmes, terms and plan periods in one sentence.

    Offsets index ``sentence``; a quoted mention spans the text inside the quotes.
    """
    view, index = _view(sentence)
    glossary = load_glossary()
    mentions: list[Mention] = []
    covered: list[tuple[int, int]] = []

    def add(start: int, end: int, kind: str, name: str, rule: str,
            members: tuple[str, ...], quoted: bool) -> None:
        s, e = _span(index, start, end)
        mentions.append(Mention(category="slogan", type=kind, text=sentence[s:e], name=name,
                                start=s, end=e, rule=rule, members=members, quoted=quoted))
        covered.append((start, end))

    for start, end in _quoted_spans(view):
        name = view[start:end]
        before, after = view[max(0, start - 1 - 60):start - 1], view[end + 1:end + 1 + 160]
        judged = _classify_quoted(name, before, after)
        if judged is None:
            continue
        kind, canonical, rule = judged
        entry = glossary.get(canonical)
        members = entry.members if entry and entry.members else ()
        if not members and kind != PLAN_PERIOD:
            listed = [i for i in _LIST_SEP_RE.split(name) if i]
            members = tuple(listed) if len(listed) >= 2 else _listed_members(name, before, after)
        add(start, end, kind, canonical, rule, members, quoted=True)

    def free(start: int, end: int) -> bool:
        return not any(start < e and s < end for s, e in covered)

    forms = _label_forms()
    for match in _label_re().finditer(view):
        start, end = match.span()
        if not free(start, end) or not _glossary_match_ok(view, start, end):
            continue
        entry = glossary[forms[match.group()]]
        if _LIST_SEP_RE.search(match.group()) and any(m.name == entry.zh for m in mentions):
            continue  # “六稳”工作，即稳就业、稳金融…: the expansion of a mention already made
        add(start, end, entry.kind, entry.zh, "glossary", entry.members, quoted=False)
        for elided_start, elided_end, pref in _elided_before(view, start, match.group()):
            if free(elided_start, elided_end):
                other = glossary[pref]
                add(elided_start, elided_end, other.kind, other.zh, "glossary-elided",
                    other.members, quoted=False)

    for match in _UNQUOTED_FORMULA_RE.finditer(view):
        start, end = match.span()
        if not free(start, end) or not _glossary_match_ok(view, start, end):
            continue
        name = match.group()
        if name[1:2] == "是" or name[2:3] == "是":
            continue  # 三是推进…（…）: an item marker, not a formula
        members = _members_after(name, view[end:end + 160])
        if members and _numeral_values(name):
            add(start, end, NUMERIC, name, "listed-formula", members, quoted=False)

    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


# --- expansion from the whole document -----------------------------------------------------

_FORMULA_HEAD_RE = re.compile(rf"^([{_CN_NUMERALS}]{{1,2}})(?:个|大|项|类|张|条|种|批)?(.{{2,}})$")
_SENTENCE_SPLIT_RE = re.compile(r"[。！？!?\n]")


def expand_from_document(slogan_name: str, text: str) -> tuple[str, ...]:
    """Members of a formula as the document lists them; () when it does not.

    Looks first at the sentences that use the formula (X（A、B、C）, A、B、C“N区”), then,
    for “五个千亿级”-style formulas, at the distinct quoted names the document builds
    on the formula's head (“千亿级智能终端产业集群” …), or the phrases ending with it
    (精准脱贫攻坚战 … for 三大攻坚战), when there are exactly as many as it counts.
    """
    name = normalize_slogan(slogan_name)
    view = normalize_slogan(text)
    if not name:
        return ()
    own = [item for item in _LIST_SEP_RE.split(name) if item]
    if len(own) >= 2:
        return tuple(own)  # “两不愁、三保障、一达标” lists itself
    for match in re.finditer(re.escape(name), view):
        start, end = match.span()
        quoted = start > 0 and view[start - 1] == "“" and view[end:end + 1] == "”"
        before = view[max(0, start - (1 if quoted else 0) - 60):start - (1 if quoted else 0)]
        after = view[end + (1 if quoted else 0):end + 161]
        members = _listed_members(name, before, after)
        if members:
            return members
    head_match = _FORMULA_HEAD_RE.match(name)
    if not head_match:
        return ()
    count = _small_numeral(head_match.group(1))
    head = head_match.group(2)
    if count is None or count < 2:
        return ()
    prefixed: list[str] = []
    for start, end in _quoted_spans(view):
        quoted = view[start:end]
        if quoted.startswith(head) and quoted != head and quoted not in prefixed:
            prefixed.append(quoted)
    if len(prefixed) == count:
        return tuple(prefixed)
    suffixed: list[str] = []
    for sentence in _SENTENCE_SPLIT_RE.split(view):
        for match in re.finditer(re.escape(head), sentence):
            clause = _CLAUSE_END_RE.split(sentence[:match.start()])[-1]
            stem = _LEAD_RE.sub("", clause[-12:] if len(clause) > 12 else clause)
            if len(stem) < 2 or _NUMERAL_RUN_RE.search(stem[-2:]) or not _CJK_RE.match(stem):
                continue
            phrase = stem + head
            if phrase != name and phrase not in suffixed:
                suffixed.append(phrase)
    return tuple(suffixed) if len(suffixed) == count else ()
