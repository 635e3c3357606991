"""Reported outcomes: does a sentence report past results rather than commit to future ones?

Time is read from the document's timeline, not from keywords. A calendar year and a
five-year-plan period (十三五, 十四五, 十五五 …) are past when they end before the year the
document speaks for (``Metadata.year``) and future otherwise: “十四五” is the plan ahead in a
2021 report and the period just reviewed in a 2026 one. 计划 is a future cue only as a verb
(今年计划新建…), not as the noun of 行动计划, 年计划, 超计划 or a programme's name; 预计 in a
work report estimates last year's figures (预计全年增长5%), elsewhere it says nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# Five-year plans from the fourth (1971-1975) on run 1971 + 5·(n − 4) … + 4.
_FIRST_REGULAR_PLAN, _FIRST_REGULAR_YEAR = 4, 1971
_PLAN_NUMBER = {"六": 6, "七": 7, "八": 8, "九": 9}
# 十一五 … 十九五, “十五” (the tenth; bare 十五 is fifteen), “九五”, 第十五个五年规划. A quoted
# short form names the national plan only before 时期/规划/末…: “八五”普法规划 is the eighth
# five-year legal-education plan (2021-2025), not the eighth five-year plan.
_PERIOD = re.compile(
    r"十([一二三四五六七八九])五|“(十|[六七八九])五”(?=时期|期间|规划|计划|末|以来|发展|$|[，。；、])"
    r"|第(十[一二三四五六七八九]?|[六七八九])个五年"
)
_DIGIT = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# 比“十三五”末, 较十三五时期: a comparison base, not a statement about that time.
_BASE_BEFORE = re.compile(r"[比较与同]“?$")
_YEAR = re.compile(r"(?<![\d到至])((?:19|20)\d\d)\s*年")
_TO_YEAR = re.compile(r"(?:到|至)\s*((?:19|20)\d\d)\s*年")

# Headings of review parts: 一、2018年工作回顾, 过去五年工作回顾, 2019年计划执行情况.
_REVIEW_HEADING = re.compile(
    r"回顾|过去一年|过去五年|过去的一年|一年来|五年来|执行情况|完成情况|工作总结|发展成就|"
    r"主要成就|主要成绩|取得的成绩"
)
_PLAN_HEADING = re.compile(r"目标|任务|计划(?!执行)|安排|思路|要求|取向|重点工作|主要工作|措施")
# Time words that place a sentence in the past; 去年/上年 as a comparison base (比去年,
# 高于去年, 与上年持平) do not.
_PAST_TIME = re.compile(
    r"过去一年|过去五年|过去的一年|一年来|五年来|(?<![比较于与同])(?:去年|上年)(?!同期)|截至"
)
_ACHIEVED = re.compile(
    r"(?:实现|取得|完成|增长|下降|提高|达到|突破|超过|减少|降低|增加|提升|建成|落户|脱贫|摆脱)了|"
    r"已经|(?<![不而])已(?![知])|顺利实现|胜利完成|如期完成|圆满完成|成效显著|成果丰硕|"
    r"举世瞩目|取得(?:新的|重大|重要|积极|明显|决定性|全面)?(?:进展|成就|成效|突破|成果|胜利)|"
    r"得到(?:加强|解决|改善|提升|巩固)|再获丰收|相继问世|成功(?:举办|组建|实施|应对)|"
    r"(?:显著|大幅)(?:提高|提升|改善|增强|加强)"
)
_FUTURE_STRONG = re.compile(
    r"今年|明年|今后|未来|预期目标|力争|目标是|目标为|(?<![模])拟|务必|下一步|争取|确保"
)
# 计划 as a verb: at the start of a clause or after a time word or subject, not as the
# noun of 行动计划, 年计划, 超计划, “双高计划”, 增收计划.
_PLAN_VERB = re.compile(
    r"(?:(?<![^，,；;：:。！？\s])|(?<=今年)|(?<=明年)|(?<=全年)|(?<=年内)|(?<=\d年)|"
    r"(?<=我们)|(?<=全[省市区县州镇乡])|(?<=[省市区县]里))计划(?!生育|单列|执行|内|外|的)"
)
_ESTIMATE = re.compile(r"预计")
_FUTURE_WEAK = re.compile(r"(?<![主需重只纲])要(?![求素点害事])|(?<![即])将(?![近来])|必须|应当")
_FROM_TO = re.compile(
    r"从[^，。；]{0,12}?\d[^，。；]{0,12}?(?:增加|提高|增长|下降|降低|减少|扩大)(?:到|至)"
)
_OPENING = 12  # characters of a paragraph's first sentence that set its time


@dataclass(frozen=True)
class Timeline:
    """Where a document stands in time: the year it speaks for and its genre."""

    year: int | None
    genre: str | None = None  # plan | work-report | five-year-plan


def plan_period(number: int) -> tuple[int, int] | None:
    """Years of the ``number``-th five-year plan: 14 → (2021, 2025)."""
    if number < _FIRST_REGULAR_PLAN:
        return None
    start = _FIRST_REGULAR_YEAR + 5 * (number - _FIRST_REGULAR_PLAN)
    return start, start + 4


def _period_number(match: re.Match[str]) -> int:
    if match.group(1):
        return 10 + _DIGIT[match.group(1)]
    written = match.group(2) or match.group(3)
    if written.startswith("十"):
        return 10 + (_DIGIT[written[1]] if len(written) > 1 else 0)
    return _PLAN_NUMBER[written]


def named_periods(text: str) -> list[tuple[int, int]]:
    """Years of the five-year plans a text names (十四五 → (2021, 2025)), leaving out those
    named as a comparison base (比“十三五”末)."""
    out = []
    for m in _PERIOD.finditer(text):
        if _BASE_BEFORE.search(text, max(0, m.start() - 2), m.start()):
            continue
        years = plan_period(_period_number(m))
        if years is not None:
            out.append(years)
    return out


def time_cues(text: str, year: int | None) -> tuple[bool, bool]:
    """(speaks of the past, speaks of the document's year or later) by calendar years and
    plan periods, relative to ``year``."""
    if year is None:
        return False, False
    past = future = False
    for m in _YEAR.finditer(text):
        if int(m.group(1)) < year:
            past = True
        else:
            future = True
    for m in _TO_YEAR.finditer(text):
        if int(m.group(1)) >= year:
            future = True
    for _, last in named_periods(text):
        if last < year:
            past = True
        else:
            future = True
    return past, future


@lru_cache(maxsize=256)
def _heading_mode(headings: tuple[str, ...], year: int | None) -> str:
    """ "review", "mixed" (a review and a plan under one heading) or "plan" for the innermost
    heading that says anything. Plan words under a heading that speaks only of the past
    describe past work (2025年主要工作, “十四五”发展成就和主要任务)."""
    mode = "plan"
    for heading in headings:
        past, future = time_cues(heading, year)
        only_past = past and not future
        plan_words = bool(_PLAN_HEADING.search(heading))
        review = bool(_REVIEW_HEADING.search(heading)) or (
            only_past and ("工作" in heading or plan_words)
        )
        plan = future or (plan_words and not only_past)
        if review and plan:
            mode = "mixed"
        elif review:
            mode = "review"
        elif plan:
            mode = "plan"
    return mode


def opens_in_past(sentence: str, timeline: Timeline) -> bool:
    """Does a paragraph opening with ``sentence`` set it in the past (过去五年，…; 2025年，…
    in a 2026 report)? Later sentences of the paragraph inherit that time."""
    head = sentence[:_OPENING]
    if _PAST_TIME.match(sentence) or _PAST_TIME.search(sentence[:8]):
        return True
    past, future = time_cues(head, timeline.year)
    return past and not future


def is_reported_outcome(
    sentence: str,
    headings: Sequence[str],
    document_year: int | None,
    *,
    genre: str | None = None,
    after_past_opening: bool = False,
) -> bool:
    """True when ``sentence`` reports past results rather than committing to future ones.

    Heuristic, in order:
    1. Planning language (今年, 预期目标, 力争, 确保, 目标是, 拟, 计划 as a verb, a year or
       plan period not over in ``document_year``) makes a sentence a commitment, whatever
       its heading, unless it also says an earlier time was achieved.
    2. Under a review heading (工作回顾, 过去一年, 执行情况, "2020年工作…" in a 2021
       document, “十四五”发展成就 in a 2026 one) every other sentence is reported, unless it
       only has weak planning words (要, 将, 必须) and no sign of the past.
    3. Elsewhere, and under a heading that mixes a review with a plan ("十三五"时期发展成就和
       "十四五"时期主要目标任务 in 2021), a sentence is reported when it carries its own past
       cue: a past time word (过去五年, 去年, 一年来), an earlier year or plan period, 预计 in
       a work report, an achieved form (实现了, 增长了, 已, 顺利实现, 取得…成就, 得到加强),
       or, under a mixed heading, a "从X增加到Y" comparison; or when its paragraph opened
       in the past (``after_past_opening``, see ``opens_in_past``).
    """
    past_year, future_year = time_cues(sentence, document_year)
    strong_future = (
        bool(_FUTURE_STRONG.search(sentence) or _PLAN_VERB.search(sentence)) or future_year
    )
    weak_future = bool(_FUTURE_WEAK.search(sentence))
    estimate = genre == "work-report" and bool(_ESTIMATE.search(sentence))
    past_time = bool(_PAST_TIME.search(sentence)) or past_year or estimate
    achieved = bool(_ACHIEVED.search(sentence))
    if strong_future and not (past_time and achieved):
        return False
    mode = _heading_mode(tuple(headings), document_year)
    if mode == "review":
        return not (weak_future and not (past_time or achieved))
    if weak_future:
        return False
    if past_time or achieved:
        return True
    if mode == "mixed" and _FROM_TO.search(sentence):
        return True
    return after_past_opening
