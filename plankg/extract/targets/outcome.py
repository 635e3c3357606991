"""Reported outcomes: does a sentence report past results rather than commit to future ones?"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Headings of review parts: 一、2018年工作回顾, 过去五年工作回顾, 2019年计划执行情况.
_REVIEW_HEADING = re.compile(
    r"回顾|过去一年|过去五年|过去的一年|一年来|五年来|执行情况|完成情况|工作总结|发展成就|"
    r"主要成就|主要成绩|取得的成绩"
)
_PLAN_HEADING = re.compile(r"目标|任务|计划(?!执行)|安排|思路|要求|取向|重点工作|主要工作|措施")
_YEAR = re.compile(r"(?<![\d到至])((?:19|20)\d\d)\s*年")
# Time words that place a sentence in the past; 去年/上年 as a comparison base (比去年,
# 高于去年, 与上年持平) do not.
_PAST_TIME = re.compile(
    r"过去一年|过去五年|过去的一年|一年来|五年来|(?<![比较于与同])(?:去年|上年)(?!同期)|"
    r"“?十三五”?(?:时期|期间)(?!末)|截至"
)
_ACHIEVED = re.compile(
    r"(?:实现|取得|完成|增长|下降|提高|达到|突破|超过|减少|降低|增加|提升|建成|落户|脱贫|摆脱)了|"
    r"已经|(?<![不而])已(?![知])|顺利实现|胜利完成|如期完成|圆满完成|成效显著|成果丰硕|"
    r"举世瞩目|取得(?:新的|重大|重要|积极|明显|决定性|全面)?(?:进展|成就|成效|突破|成果|胜利)|"
    r"得到(?:加强|解决|改善|提升|巩固)|再获丰收|相继问世|成功(?:举办|组建|实施|应对)|"
    r"(?:显著|大幅)(?:提高|提升|改善|增强|加强)"
)
_FUTURE_STRONG = re.compile(
    r"今年|明年|今后|未来|预期目标|预计|力争|目标是|目标为|(?<![拟])计划(?!执行|单列)|"
    r"(?<![模])拟|务必|“?十四五”?|下一步|争取|确保"
)
_FUTURE_WEAK = re.compile(r"(?<![主需重只纲])要(?![求素点害事])|(?<![即])将(?![近来])|必须|应当")
_FROM_TO = re.compile(
    r"从[^，。；]{0,12}?\d[^，。；]{0,12}?(?:增加|提高|增长|下降|降低|减少|扩大)(?:到|至)"
)


def _year_cues(text: str, document_year: int | None) -> tuple[bool, bool]:
    """(mentions a past year, mentions the plan year or later) relative to ``document_year``."""
    if document_year is None:
        return False, False
    past = future = False
    for m in _YEAR.finditer(text):
        year = int(m.group(1))
        if year < document_year:
            past = True
        else:
            future = True
    for m in re.finditer(r"(?:到|至)\s*((?:19|20)\d\d)\s*年", text):
        if int(m.group(1)) >= document_year:
            future = True
    return past, future


def _heading_mode(headings: Sequence[str], document_year: int | None) -> str:
    """ "review", "mixed" (a review and a plan under one heading) or "plan" for the innermost
    heading that says anything."""
    mode = "plan"
    for heading in headings:
        past_year, future_year = _year_cues(heading, document_year)
        review = bool(_REVIEW_HEADING.search(heading)) or (
            past_year and not future_year and "工作" in heading
        )
        plan = bool(_PLAN_HEADING.search(heading)) or future_year
        if review and plan:
            mode = "mixed"
        elif review:
            mode = "review"
        elif plan:
            mode = "plan"
    return mode


def is_reported_outcome(
    sentence: str,
    headings: Sequence[str],
    document_year: int | None,
    *,
    preceding: Sequence[str] = (),
) -> bool:
    """True when ``sentence`` reports past results rather than committing to future ones.

    Heuristic, in order:
    1. Planning language (今年, 预期目标, 力争, 确保, 目标是, 拟, 计划, “十四五”, a year ≥
       ``document_year``) makes a sentence a commitment, whatever its heading.
    2. Under a review heading (工作回顾, 过去一年, 执行情况, or "2020年工作…" in a 2021
       document) every other sentence is reported, unless it only has weak planning words
       (要, 将, 必须) and no sign of the past.
    3. Elsewhere, and under a heading that mixes a review with a plan ("十三五"时期发展成就和
       "十四五"时期主要目标任务), a sentence is reported when it carries its own past cue:
       a past time word (过去五年, 去年, 一年来, "十三五"时期, an earlier year), an achieved
       form (实现了, 增长了, 已, 顺利实现, 取得…成就, 得到加强), or, under a mixed heading, a
       "从X增加到Y" comparison; or when ``preceding`` (the earlier sentences of the same
       paragraph) opens with a past time word.
    """
    past_year, future_year = _year_cues(sentence, document_year)
    strong_future = bool(_FUTURE_STRONG.search(sentence)) or future_year
    weak_future = bool(_FUTURE_WEAK.search(sentence))
    past_time = bool(_PAST_TIME.search(sentence)) or past_year
    achieved = bool(_ACHIEVED.search(sentence))
    if strong_future and not (past_time and achieved):
        return False
    mode = _heading_mode(headings, document_year)
    if mode == "review":
        return not (weak_future and not (past_time or achieved))
    if weak_future:
        return False
    if past_time or achieved:
        return True
    if mode == "mixed" and _FROM_TO.search(sentence):
        return True
    return any(_PAST_TIME.match(p) or _PAST_TIME.search(p[:8]) for p in preceding)
