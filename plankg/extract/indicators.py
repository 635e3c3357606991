"""Link an indicator as written (``Target.indicator``) to a standard indicator concept.

The concepts live in ``ontology/indicators.ttl`` (SKOS, one concept per indicator: a growth
target and a level of the same figure share the concept). Matching is conservative, in
three steps; the first that finds something decides, and a wrong link is worse than none:

1. ``exact``: the label, or the label minus its value tail (增长6%左右, 达到55%) or the
   change verbs before it, equals a prefLabel/altLabel after Unicode clean-up (NFKC).
2. ``normalized``: the same, after rewrites applied alike to labels and to the
   vocabulary: every GDP name becomes ``GDP`` (地区生产总值, 国内生产总值, 生产总值),
   规上 → 规模以上, 研究与试验发展/R&D → 研发, 实际使用 → 实际利用, 能源消耗 → 能耗,
   排放量/排放总量 → 排放, 细颗粒物(PM2.5) → PM2.5, 每万人口 → 每万人, 常住/全体居民 → 居民,
   and ratio forms: X占GDP(的)比重/比例 → X占比, X比重 → X占比, 占Y比例 → 占Y比重.
3. ``contains``: the normalized label is scope + key + neutral tail, where scope is a chain
   of whole-jurisdiction and time words (全省, 全市, 全社会, 今年, 到2025年, 力争, 实现,
   新增 …) and national division names (cpca: 重庆市渝北区), and the tail is a statistic
   word (总额, 数量, 规模, 增速 …). Any other modifier (中央财政赤字, 户籍人口城镇化率,
   外资企业进出口总额) means a narrower figure, so no link.

Unit agreement: an indicator's ``pk:defaultUnit`` fixes the dimension of its level (money,
count, length, area, mass, time …); a percent is always compatible (growth or decline). A
label whose unit has another dimension is not linked (森林覆盖率 in 亩, 高速公路 in 元). When a
normalized key names more than one concept, the unit decides, and a percent prefers the
concept whose level is a percent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from types import MappingProxyType

import pyoxigraph as ox

from plankg.extract import lexicon
from plankg.extract.lexicon import words
from plankg.model import Target
from plankg.namespaces import INDICATOR, PK, UNIT
from plankg.resources import ontology_dir

_SKOS = "http://www.w3.org/2004/02/skos/core#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@dataclass(frozen=True)
class Indicator:
    """One concept of the indicator scheme."""

    iri: str
    notation: str
    zh: str
    en: str
    alt_labels: tuple[str, ...]  # Chinese altLabels
    hidden_labels: tuple[str, ...]  # Chinese hiddenLabels: forms only the unit can assign
    default_unit: str | None  # unit notation (percent, CNY, km …) of the indicator's level
    broader: tuple[str, ...]  # notations of broader concepts


@dataclass(frozen=True)
class IndicatorMatch:
    iri: str
    notation: str
    zh: str  # prefLabel
    en: str
    score: float  # 1.0 exact label, 0.95 normalized, 0.85 contained in scope words
    rule: str  # exact | normalized | contains


# --------------------------------------------------------------------------- loading


@cache
def load_indicators() -> Mapping[str, Indicator]:
    """notation → Indicator, parsed once from ``ontology/indicators.ttl``."""
    path = ontology_dir() / "indicators.ttl"
    props: dict[str, dict[str, list[ox.Literal | ox.NamedNode]]] = {}
    typed: set[str] = set()
    for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        if not isinstance(triple.subject, ox.NamedNode):
            continue
        subject, predicate = triple.subject.value, triple.predicate.value
        if predicate == _RDF_TYPE and triple.object == ox.NamedNode(str(PK.Indicator)):
            typed.add(subject)
        props.setdefault(subject, {}).setdefault(predicate, []).append(triple.object)

    def literals(values: Iterable[object], lang: str | None) -> list[str]:
        return sorted(
            v.value for v in values
            if isinstance(v, ox.Literal) and (lang is None or v.language == lang)
        )  # fmt: skip

    def local_names(values: Iterable[object], base: str) -> list[str]:
        return sorted(
            v.value[len(base) :] for v in values
            if isinstance(v, ox.NamedNode) and v.value.startswith(base)
        )  # fmt: skip

    result: dict[str, Indicator] = {}
    for iri in sorted(typed):
        p = props[iri]
        notation = literals(p.get(_SKOS + "notation", []), None)
        zh = literals(p.get(_SKOS + "prefLabel", []), "zh")
        en = literals(p.get(_SKOS + "prefLabel", []), "en")
        if not (notation and zh and en):
            raise ValueError(f"{path}: {iri} lacks a notation or a zh/en prefLabel")
        alts = literals(p.get(_SKOS + "altLabel", []), "zh")
        hidden = literals(p.get(_SKOS + "hiddenLabel", []), "zh")
        units = local_names(p.get(str(PK.defaultUnit), []), str(UNIT))
        result[notation[0]] = Indicator(
            iri=iri,
            notation=notation[0],
            zh=zh[0],
            en=en[0],
            alt_labels=tuple(alts),
            hidden_labels=tuple(hidden),
            default_unit=units[0] if units else None,
            broader=tuple(local_names(p.get(_SKOS + "broader", []), str(INDICATOR))),
        )
    return MappingProxyType(result)


# --------------------------------------------------------------------------- text forms

_DROP_RE = re.compile(r"[\s“”‘’\"'《》〈〉「」『』]")


def _clean(text: str) -> str:
    """NFKC (full-width → ASCII, Ⅲ → III), no spaces or quotes, Latin letters upper-case."""
    return _DROP_RE.sub("", unicodedata.normalize("NFKC", text)).upper()


# Rewrites applied alike to labels and to vocabulary labels, in order.
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"细颗粒物\(PM2\.5\)|PM2\.5\(细颗粒物\)|细颗粒物", "PM2.5"),
        (r"\([^()]*\)", ""),  # 执业(助理)医师, (按可比价格计算)
        (r"地区生产总值|国内生产总值|地区GDP|生产总值", "GDP"),
        (r"万元GDP", "单位GDP"),
        (r"规上", "规模以上"),
        (r"规模(?!以上)工业", "规模以上工业"),
        (r"研究与试验发展|研究与实验发展|R&D", "研发"),
        (r"研发(?:经费)?(?:投入|支出)|研发经费", "研发经费支出"),
        (r"研发经费支出强度", "研发经费支出占比"),
        (r"实际使用", "实际利用"),
        (r"外商直接投资", "外资"),
        (r"能源消耗", "能耗"),
        (r"排放总量|排放量", "排放"),
        (r"年?平均浓度|年均浓度", "浓度"),
        (r"每万人口", "每万人"),
        (r"每千人口", "每千人"),
        (r"常住居民|全体居民", "居民"),
        (r"占GDP的?(?:比重|比例|比率)", "占比"),
        (r"占([^占]+?)的?(?:比重|比例|比率)", r"占\1比重"),
    )
)
_BARE_RATIO_RE = re.compile(r"(?:所占)?(?:比重|比例|比率)$")


def _normalize(text: str) -> str:
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    if "占" not in text:
        text = _BARE_RATIO_RE.sub("占比", text)
    return text


# The value tail of a label that still carries its number: 增长6%左右, 达到55%, 5万人以上.
_CHANGE_VERBS = words(
    """增长到 增加到 提高到 提升到 降低到 下降到 降至 降到 控制在 保持在 稳定在 达到 达 突破 超过
    高于 低于 不低于 不少于 不超过 不高于 增长 增加 提高 提升 上升 上涨 下降 降低 减少 回落
    力争 争取 实现 完成 分别 为 在 要 再 约 近"""
)
_VERB_PREFIX = r"(?:年均|平均|同比|比上年|较上年|比去年)?"
_VERB_ALT = "|".join(sorted(_CHANGE_VERBS, key=len, reverse=True))
_UNIT_WORDS = words(
    """个百分点 百分点 美元 元 人次 人 户 平方公里 平方米 立方米 公顷 亩 公里 千米 延米 米
    吨标准煤 吨 斤 千瓦时 千瓦 标箱 天 个月 月 年 岁 倍 个 家 条 项 所 座 处 套 间 辆 件 张 台
    床 部 批 微克/立方米"""
)
_UNIT_ALT = "|".join(sorted(_UNIT_WORDS, key=len, reverse=True))
_NUM = r"[0-9]+(?:\.[0-9]+)?%?"
_CN_NUM = (
    r"(?:百分之|千分之)?[零〇一二两三四五六七八九十百千]+(?:分之[一二三四五六七八九十]+)?|一半"
)
_QUALIFIER = (
    r"[十百千万亿]*(?:多|余)?(?:" + _UNIT_ALT + r")?%?"
    r"(?:及以上|以上|以下|以内|左右|上下)?[,，。;；、]*$"
)
# Arabic numbers need no verb (but never the digits of PM2.5 or 5G); Chinese numerals only
# right after a change verb, which is kept (增长百分之六 → 增长).
_VALUE_TAIL_RES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"(?<![A-Z0-9.])(?:约|近)?{_NUM}(?:[-~—–至到]{_NUM})?" + _QUALIFIER), ""),
    (re.compile(rf"({_VERB_ALT})(?:{_CN_NUM})" + _QUALIFIER), r"\1"),
    (re.compile(r"(?:与上年|同比|比上年)?持平$"), ""),
)
_TRAILING_VERBS_RE = re.compile(rf"(?:{_VERB_PREFIX}(?:{_VERB_ALT}))+$")


def _label_forms(label: str) -> list[str]:
    """The cleaned label, minus its value tail, minus the change verbs before it."""
    forms = [_clean(label)]
    value_cut = forms[0]
    for pattern, replacement in _VALUE_TAIL_RES:
        value_cut = pattern.sub(replacement, value_cut, count=1)
    verb_cut = _TRAILING_VERBS_RE.sub("", value_cut)
    for form in (value_cut, verb_cut):
        if form and form not in forms:
            forms.append(form)
    return forms


# --------------------------------------------------------------------------- scope grammar

_SCOPE_WORDS = frozenset(
    words(
        """全国 全省 全市 全区 全县 全州 全盟 全旗 全镇 全乡 全域 全年 全社会 全口径 我国 我省
        我市 我区 我县 省级 市级 区级 县级 镇级 本级 区域 辖区 地级及以上城市 今年 明年 本年
        当年 年内 年度 预计 力争 确保 争取 努力 预期 计划 目标 主要 其中 年均 年平均 累计 总体
        实现 完成 新增 新建 新改建 改建 建成 建设 开工 新开工 培育 新培育 认定 新认定 引进
        新引进 筹建 全力 规划期末 期末 末"""
    )
)
_SCOPE_PATTERNS = re.compile(
    r"(?:到|至)?20[0-9]{2}年(?:底|末)?"
    r"|十[一二三四五]五(?:时期|期间|期末|末)?"
    r"|[\u4e00-\u9fff]{2,10}?(?:高新技术产业开发区|经济技术开发区|高新区|经开区|开发区|"
    r"自由贸易试验区|自贸区|工业园区|园区|新区)"
)
_NEUTRAL_TAILS = frozenset(
    words(
        """总额 总量 总数 数量 个数 数 人数 户数 套数 金额 额 规模 里程 面积 水平 任务 工作 目标
        指标 建设 累计 增长率 增长速度 增长 增速 增幅 涨幅 降幅 下降率 降低率 下降 降低 减少
        提高 提升 上涨 年均 同比"""
    )
)


def _is_place(word: str) -> bool:
    if word in lexicon.admin_divisions():
        return True
    return lexicon.short_form_strength(word) == "strong"


@lru_cache(maxsize=4096)
def _is_scope(prefix: str) -> bool:
    """Whether ``prefix`` is a chain of scope words, years and division names."""
    reachable = [False] * (len(prefix) + 1)
    reachable[0] = True
    for start in range(len(prefix)):
        if not reachable[start]:
            continue
        for end in range(start + 1, min(len(prefix), start + 12) + 1):
            piece = prefix[start:end]
            if piece in _SCOPE_WORDS or (end - start >= 2 and _is_place(piece)):
                reachable[end] = True
        m = _SCOPE_PATTERNS.match(prefix, start)
        if m:
            reachable[m.end()] = True
    return reachable[-1]


@lru_cache(maxsize=4096)
def _is_neutral_tail(tail: str) -> bool:
    reachable = [False] * (len(tail) + 1)
    reachable[0] = True
    for start in range(len(tail)):
        if reachable[start]:
            for end in range(start + 1, min(len(tail), start + 4) + 1):
                if tail[start:end] in _NEUTRAL_TAILS:
                    reachable[end] = True
    return reachable[-1]


# --------------------------------------------------------------------------- units

_DIMENSION: dict[str, str] = {
    **dict.fromkeys(("percent", "percentage-point", "permille", "times"), "ratio"),
    **dict.fromkeys(("CNY", "USD", "EUR", "HKD", "JPY"), "money"),
    **dict.fromkeys(
        (
            "person", "person-time", "household", "count", "vehicle", "bed", "vessel-trip",
            "aircraft-movement", "vehicle-trip", "session", "household-time",
        ),
        "number",
    ),  # fmt: skip
    **dict.fromkeys(("km", "m", "mm", "cm"), "length"),
    **dict.fromkeys(("km2", "m2", "ha", "mu"), "area"),
    **dict.fromkeys(("t", "kg", "jin"), "mass"),
    **dict.fromkeys(("day", "month", "hour", "minute", "second", "year", "age"), "time"),
    **dict.fromkeys(("tce", "kWh", "MWh", "GWh", "TWh"), "energy"),
    **dict.fromkeys(("kW", "MW", "GW", "kVA"), "power"),
    "m3": "volume",
    "ug/m3": "concentration",
    "mg/L": "concentration",
}


def _unit_compatible(indicator: Indicator, unit: str | None) -> bool:
    """A percent always fits (growth, decline, share); otherwise the level's dimension."""
    if not unit or indicator.default_unit is None:
        return True
    dimension = _DIMENSION.get(unit)
    if dimension is None or dimension == "ratio":
        return True
    return dimension == _DIMENSION.get(indicator.default_unit)


def _choose(entries: Iterable[tuple[str, bool]], unit: str | None) -> Indicator | None:
    """The one concept among ``(notation, hidden)`` entries the unit allows, else None.

    Several concepts fit: a percent prefers those whose level is a percent (空气质量优良天数
    at 90% is the ratio, at 300 days the count); then a visible label beats a hidden one.
    """
    table = load_indicators()
    candidates = sorted(set(entries))
    fitting = [(table[n], hidden) for n, hidden in candidates if _unit_compatible(table[n], unit)]
    if len(fitting) > 1 and unit and _DIMENSION.get(unit) == "ratio":
        fitting = [f for f in fitting if _DIMENSION.get(f[0].default_unit or "") == "ratio"]
    if len(fitting) > 1:
        fitting = [f for f in fitting if not f[1]]
    notations = {indicator.notation for indicator, _ in fitting}
    return fitting[0][0] if len(notations) == 1 else None


# --------------------------------------------------------------------------- index


@dataclass(frozen=True)
class _Index:
    # label form → (notation, from a hiddenLabel); cleaned labels, and normalized ones
    exact: Mapping[str, frozenset[tuple[str, bool]]]
    normalized: Mapping[str, frozenset[tuple[str, bool]]]
    lengths: tuple[int, ...]  # distinct lengths of normalized keys, longest first


@cache
def _index() -> _Index:
    exact: dict[str, set[tuple[str, bool]]] = {}
    normalized: dict[str, set[tuple[str, bool]]] = {}
    for indicator in load_indicators().values():
        labels = [(label, False) for label in (indicator.zh, *indicator.alt_labels)]
        labels += [(label, True) for label in indicator.hidden_labels]
        for label, hidden in labels:
            cleaned = _clean(label)
            exact.setdefault(cleaned, set()).add((indicator.notation, hidden))
            normalized.setdefault(_normalize(cleaned), set()).add((indicator.notation, hidden))
    return _Index(
        exact=MappingProxyType({k: frozenset(v) for k, v in exact.items()}),
        normalized=MappingProxyType({k: frozenset(v) for k, v in normalized.items()}),
        lengths=tuple(sorted({len(k) for k in normalized}, reverse=True)),
    )


def key_collisions() -> dict[str, frozenset[str]]:
    """Normalized label forms shared by several concepts → their notations (a vocabulary
    check: each should be a hiddenLabel that the unit decides)."""
    result = {}
    for key, entries in _index().normalized.items():
        notations = frozenset(n for n, _ in entries)
        if len(notations) > 1:
            result[key] = notations
    return result


def _contained(text: str, unit: str | None) -> Indicator | None:
    """The longest key in ``text`` with only scope words before it and a neutral tail after."""
    index = _index()
    best_length = 0
    found: set[tuple[str, bool]] = set()
    for start in range(len(text)):
        for length in index.lengths:
            if length < best_length or start + length > len(text):
                continue
            notations = index.normalized.get(text[start : start + length])
            if not notations:
                continue
            if _is_scope(text[:start]) and _is_neutral_tail(text[start + length :]):
                if length > best_length:
                    best_length, found = length, set()
                found |= notations
            break  # shorter keys at this start are inside this one
    return _choose(found, unit) if found else None


# --------------------------------------------------------------------------- matching


def _as_match(indicator: Indicator, score: float, rule: str) -> IndicatorMatch:
    return IndicatorMatch(
        iri=indicator.iri,
        notation=indicator.notation,
        zh=indicator.zh,
        en=indicator.en,
        score=score,
        rule=rule,
    )


@lru_cache(maxsize=8192)
def match_indicator(label: str, unit_normalized: str | None = None) -> IndicatorMatch | None:
    """The standard indicator a written label denotes, or None when unsure.

    ``label`` is the indicator as written (地区生产总值, 全市规上工业增加值), possibly still
    carrying its value (森林覆盖率达到55%). ``unit_normalized`` is the target's normalized unit
    (percent, CNY, km …); when given, a concept whose level has another dimension is refused.
    """
    index = _index()
    forms = _label_forms(label)
    for form in forms:
        notations = index.exact.get(form)
        if notations:
            chosen = _choose(notations, unit_normalized)
            return _as_match(chosen, 1.0, "exact") if chosen else None
    normal_forms = [_normalize(form) for form in forms]
    for form in normal_forms:
        notations = index.normalized.get(form)
        if notations:
            chosen = _choose(notations, unit_normalized)
            return _as_match(chosen, 0.95, "normalized") if chosen else None
    for form in reversed(normal_forms):  # the shortest form first: fewer words to explain
        chosen = _contained(form, unit_normalized)
        if chosen:
            return _as_match(chosen, 0.85, "contains")
    return None


def match_target(target: Target) -> IndicatorMatch | None:
    """``match_indicator`` on a target's written indicator and normalized unit."""
    return match_indicator(target.indicator, target.unit_normalized or None)
