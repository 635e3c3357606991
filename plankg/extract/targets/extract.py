"""Quantitative targets (and reported outcomes) in one cleaned sentence: ``extract_targets``.

The grammar lives in the sibling modules (quantities, indicator, tails, blocked); this module
pairs quantities with indicators, clause by clause. See the package docstring for the
conventions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from plankg.extract.targets.indicator import (
    analyse_pre,
    binding,
    clean_indicator,
    distribute,
    object_after,
)
from plankg.extract.targets.quantities import Quantity, quantities
from plankg.extract.targets.tails import clause_start
from plankg.extract.targets.words import GENERIC_IND, NEW_VERBS
from plankg.model import Comparator, Target, TargetKind

Change = Literal["level", "increase", "decrease"]

_BASELINE_AFTER = re.compile(
    r"(?:提高|提升|增加|增长|扩大|上调|下调|降低|下降|减少|压减|压缩|缩短|调整|上升|缩减)?"
    r"(?:到|至|为)|降至|降到|减至|增至"
)
_CURRENT_BEFORE = re.compile(r"(?:现行|目前|原|现有|当前)$")
_PERSON_RE = re.compile(
    r"人口|人员|群众|农民|职工|学生|毕业生|劳动力|纳税人|居民|人才|儿童|老人|患者|人$"
)
_FLAT_RE = re.compile(r"(?:与|同|和|较)(?:上年|去年|上一年|前一年|\d{4}年)(?:基本)?持平")


def _unit_class_name(q: Quantity, unit_norm: str) -> str:
    if q.unit_class == "classifier":
        return "count" if unit_norm == "count" else unit_norm
    return q.unit_class or unit_norm


@dataclass
class _Context:
    last_indicator: tuple[str, int, int] | None = None
    last_change: str = ""
    last_clause: int = -1  # where the clause of the last target starts
    prev_end: int = 0  # end of the previous target (a left boundary)


def _previous_clause_indicator(sentence: str, clause: int) -> tuple[str, int, int] | None:
    """The previous clause, trimmed, when it has no number (下调X比例，各地可降至16%)."""
    if clause < 2:
        return None
    end = clause - 1
    start = clause_start(sentence, end)
    text = sentence[start:end]
    if not text or any(ch.isdigit() for ch in text):
        return None
    if "是" in text:  # 经济增速是综合性指标 → 经济增速
        end = start + text.index("是")
    s, e, _ = clean_indicator(sentence, start, end)
    if 2 <= e - s <= 30:
        return sentence[s:e], s, e
    return None


def extract_targets(sentence: str, *, reported: bool = False) -> list[Target]:
    """Every quantitative target (or, with ``reported=True``, outcome) in one cleaned sentence.

    Offsets index ``sentence``. Targets come in textual order; a number shared by coordinated
    indicators yields one target per indicator.
    """
    kind: TargetKind = "outcome" if reported else "target"
    found = quantities(sentence)
    # Baselines: 从X提高到Y, 由X降至Y, 现行X的税率 — X is not a target.
    baseline_cut: dict[int, int] = {}
    kept: list[Quantity] = []
    for q in found:
        left = clause_start(sentence, q.start)
        window = sentence[max(left, q.start - 12) : q.start]
        frm = max(window.rfind("从"), window.rfind("由"))
        if frm >= 0 and _BASELINE_AFTER.match(sentence, q.end):
            baseline_cut[q.start] = max(left, q.start - 12) + frm
            continue
        current = _CURRENT_BEFORE.search(sentence, max(left, q.start - 2), q.start)
        if current and sentence.startswith("的", q.end):
            continue
        kept.append(q)
    targets: list[Target] = []
    ctx = _Context()
    group: list[Quantity] = []
    groups: list[list[Quantity]] = []
    for q in kept:
        # 13.5%、18% / 30元和5元: values written one after another share one indicator phrase
        if group and sentence[group[-1].end : q.start] in ("、", "和", "与", "及"):
            group.append(q)
            continue
        if group:
            groups.append(group)
        group = [q]
    if group:
        groups.append(group)
    cuts = sorted(baseline_cut.values())
    for index, grp in enumerate(groups):
        stop = groups[index + 1][0].start if index + 1 < len(groups) else len(sentence)
        targets.extend(_targets_for_group(sentence, grp, cuts, ctx, kind, stop))
    targets.extend(_flat_targets(sentence, kind, targets))
    targets.sort(key=lambda t: (t.start, t.indicator_start))
    return targets


def _as_change(value: str) -> Change:
    if value == "increase":
        return "increase"
    if value == "decrease":
        return "decrease"
    return "level"


def _targets_for_group(
    sentence: str,
    group: list[Quantity],
    cuts: list[int],
    ctx: _Context,
    kind: TargetKind,
    stop: int,
) -> list[Target]:
    first = group[0]
    clause = clause_start(sentence, first.start)
    left = clause
    if ctx.last_clause == clause:
        left = max(left, ctx.prev_end)
    # a baseline 从X in this clause: the indicator ends before 从
    right = first.start
    for c in cuts:
        if left <= c < right:
            right = c
            break
    ana = analyse_pre(sentence, left, right)
    if right < first.start:
        # the verb after the baseline (从X提高到Y): read it for change/comparator
        between = analyse_pre(sentence, right, first.start)
        ana.comparator = ana.comparator or between.comparator
        ana.change = ana.change or "level"
        ana.verb = ana.verb or "level"
        ana.core_end = min(ana.core_end, right)
    ind_start, ind_end, lead_skipped = clean_indicator(
        sentence, left, ana.core_end, keep_new=bool(ana.verb)
    )
    if sentence[ind_start:ind_end] in GENERIC_IND:
        ind_end = ind_start
    # 对…不到100万元的部分: a condition on the scope of a measure, not a target
    if sentence.startswith("的", group[-1].end) and sentence.startswith("对", clause):
        return []
    last = group[-1]
    obj_start, obj_end, descriptive = object_after(sentence, last.end, stop)
    has_obj = obj_end > obj_start
    lead_new = any(w in NEW_VERBS or w in ("增加",) for w in lead_skipped)
    pattern = "indicator"
    indicators: list[tuple[str, int, int]]
    ind_len = ind_end - ind_start
    counted = (
        (first.unit_class == "classifier" or not first.unit)
        and first.number.kind != "fraction"
        and len(group) == 1
        and not ana.verb
    )
    use_object = has_obj and (
        ind_len <= 0
        or ana.gov_adjacent
        or ana.marker
        or counted
        or (ind_len <= 2 and not ana.verb and first.unit_class != "percent")  # 严守18亿亩耕地红线
    )
    if use_object:
        if descriptive and not first.has_suffix:
            return []
        pattern = "object"
        indicators = [(sentence[obj_start:obj_end], obj_start, obj_end)]
        span_start = first.start
        span_end = obj_end
    elif ind_end > ind_start or ana.action_len:
        if ana.action_len:  # 农村危房改造190万户: the action names the indicator
            ind_start, ind_end, lead_skipped = clean_indicator(
                sentence, left, ana.core_end + ana.action_len, keep_new=bool(ana.verb)
            )
        indicators = [(sentence[ind_start:ind_end], ind_start, ind_end)]
        span_start = ind_start
        span_end = last.end
    else:
        # the last indicator of this or the previous clause, else the previous clause itself
        previous_clause = clause_start(sentence, clause - 1) if clause > 0 else -1
        inherited = None
        if ctx.last_indicator and ctx.last_clause in (clause, previous_clause):
            inherited = ctx.last_indicator
        else:
            inherited = _previous_clause_indicator(sentence, clause)
        if inherited is None:
            return []
        pattern = "inherited"
        indicators = [inherited]
        span_start = max(left, clause)
        while span_start < first.start and sentence[span_start] in "、，":
            span_start += 1
        span_end = last.end
    # change: from the verbs, from new-stock verbs, or carried over inside a 、 series
    change: str = ana.change
    if change in ("", "level") and (ana.gov_new or lead_new or "新增" in indicators[0][0]):
        change = "increase"
    if pattern == "object" and ana.change == "increase" and not (ana.gov_new or lead_new):
        change = "level"  # 提高6000万农村人口供水保障水平: the verb governs, the count is a level
    if not change and ctx.prev_end == left and ctx.last_change and left > clause:
        change = ctx.last_change
    final_change = _as_change(change)
    # 分别 / 均: the figures hold for each coordinated indicator
    explicit = (
        "分别" in sentence[left : first.start] or "均" in sentence[ana.core_end : first.start]
    )
    named: list[tuple[str, int, int]] = indicators
    if pattern == "indicator" and (explicit or first.unit_class == "percent"):
        named = distribute(
            sentence, indicators[0][1], indicators[0][2], explicit=explicit, values=len(group)
        )
    pairs: list[tuple[tuple[str, int, int], Quantity]]
    if len(group) > 1 and len(named) == len(group):
        pairs = list(zip(named, group, strict=True))
    elif len(group) > 1:
        pairs = [(named[0], q) for q in group]
    else:
        pairs = [(ind, first) for ind in named]
    out: list[Target] = []
    target_binding = binding(sentence, span_start, span_end)
    for (text, s, e), q in pairs:
        comparator: Comparator = q.comparator or ana.comparator or "="
        unit_norm = q.unit_norm
        if not q.unit and q.unit_class != "percent":
            probe = text if pattern != "object" else sentence[obj_start:obj_end]
            unit_norm = "person" if _PERSON_RE.search(probe) else "count"
        verb_class = ana.verb or "none"
        rule = f"{kind}:{pattern}-{verb_class}-{_unit_class_name(q, unit_norm)}"
        out.append(
            Target(
                indicator=text,
                value=q.value_text,
                unit=q.unit,
                comparator=comparator,
                value_normalized=q.value,
                unit_normalized=unit_norm,
                start=span_start if pattern == "inherited" else min(s, span_start, q.start),
                end=max(span_end, q.end),
                indicator_start=s,
                indicator_end=e,
                rule=rule,
                value_max_normalized=q.value_max,
                binding=target_binding,
                kind=kind,
                change=final_change,
            )
        )
    if out:
        ctx.last_indicator = (out[-1].indicator, out[-1].indicator_start, out[-1].indicator_end)
    ctx.last_change = final_change
    ctx.last_clause = clause
    ctx.prev_end = max(span_end, last.end)
    return out


def _flat_targets(sentence: str, kind: TargetKind, found: Sequence[Target]) -> list[Target]:
    """一般公共预算收入与上年持平: a zero-growth target."""
    out: list[Target] = []
    for m in _FLAT_RE.finditer(sentence):
        clause = clause_start(sentence, m.start())
        if any(t.start <= m.start() < t.end for t in found):
            continue
        s, e, _ = clean_indicator(sentence, clause, m.start())
        if e - s < 2:
            continue
        out.append(
            Target(
                indicator=sentence[s:e],
                value="持平",
                unit="",
                comparator="=",
                value_normalized=0.0,
                unit_normalized="percent",
                start=s,
                end=m.end(),
                indicator_start=s,
                indicator_end=e,
                rule=f"{kind}:indicator-flat-percent",
                binding=binding(sentence, s, m.end()),
                kind=kind,
                change="increase",
            )
        )
    return out


