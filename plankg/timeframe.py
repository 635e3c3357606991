"""Which time each part of a document speaks of: this year's tasks, a review, an outlook.

A work report reviews last year (and the last five-year plan) before it sets this year's
tasks; a plan report reviews how last year's plan was carried out; an annex may list this
year's tasks (十件民生实事) or explain terms (名词解释). A sentence about X weighs
differently in each: the question "who is accountable for X" is about the task, and a
review or a glossary note is weaker evidence.

The rule reads the headings against the document's year: a heading naming an earlier year,
a review (回顾, 成绩, 执行情况) or a five-year plan that has ended is ``review``; one naming a
later period or the current five-year plan (十五五 in a 2026 report) ``outlook``; one naming
the document's year, tasks or targets ``task``. A part whose heading says nothing takes the
timeframe of the part before it, so a report's closing parts (四、加强政府自身建设) stay
tasks. Annexes and glossaries are recognized by their own heading lines (附件1, 名词解释).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from plankg.extract.targets.outcome import named_periods
from plankg.model import Division, Sentence
from plankg.structure import ANNEX_LINE_RE

Timeframe = Literal["task", "review", "outlook", "glossary"]
TIMEFRAMES: tuple[Timeframe, ...] = ("task", "outlook", "review", "glossary")

_YEAR_RE = re.compile(r"(\d{4})年")
# Words that make a heading a review by themselves, and words that do only beside an
# earlier year or an ended plan (主要工作 and 成效 head this year's tasks as often).
_REVIEW_RE = re.compile(r"回顾|执行情况|完成情况|工作总结|过去一年|过去五年|一年来|五年来")
_SOFT_REVIEW_RE = re.compile(r"成绩|成就|成效|主要工作(?!安排)")
_TASK_RE = re.compile(r"工作安排|重点工作|主要工作|主要任务|工作任务|重点任务|预期目标|总体要求|"
                      r"总体思路|计划草案|任务和措施|目标任务|民生实事")
_OUTLOOK_RE = re.compile(r"今后五年|未来五年|远景目标|中长期")
_GLOSSARY_RE = re.compile(r"名词解释|注释|释义|附注|词语解释")


def classify_heading(heading: str, year: int | None, top_level: bool = True) -> Timeframe | None:
    """The timeframe a heading names, or None when it names none.

    The document's year named in a heading makes it this year's tasks unless an explicit
    review word says otherwise (二、2026年主要工作 is the year's work; 2025年工作回顾和
    2026年工作安排 leads into it). A section heading (``top_level`` False) inside a part
    only turns the part's timeframe into a review or a glossary: （五）加快“十五五”规划
    重大工程建设 in this year's tasks is still a task.
    """
    if _GLOSSARY_RE.search(heading):
        return "glossary"
    years = [int(y) for y in _YEAR_RE.findall(heading)]
    periods = [start for start, _ in named_periods(heading)]
    explicit = _REVIEW_RE.search(heading) is not None
    soft = _SOFT_REVIEW_RE.search(heading) is not None
    earlier = year is not None and (any(y < year for y in years)
                                    or any(start + 4 < year for start in periods))
    if year is not None and year in years:
        if explicit and not _TASK_RE.search(heading):
            return "review"
        return "task" if top_level else None
    if explicit or (soft and earlier):
        if year is not None and any(start <= year <= start + 4 for start in periods) \
                and top_level:
            return "outlook"  # 十四五发展成就和“十五五”目标: the heading looks forward
        return "review"
    if earlier:
        return "review"
    if not top_level:
        return None
    if year is not None and (any(start <= year + 4 and start + 4 >= year for start in periods)
                             or any(y > year for y in years)):
        return "outlook"  # the running or a later plan: its goals, not this year's
    if _OUTLOOK_RE.search(heading):
        return "outlook"
    if _TASK_RE.search(heading):
        return "task"
    return None


def sentence_timeframes(text: str, divisions: Sequence[Division], sentences: Sequence[Sentence],
                        year: int | None) -> list[Timeframe]:
    """The timeframe of every sentence, in order."""
    by_path = {d.path: d for d in divisions}
    own: dict[str, Timeframe | None] = {
        d.path: classify_heading(d.heading, year, top_level=d.parent is None)
        if d.heading else None for d in divisions}
    # Top-level parts without a timeframe of their own follow the part before them.
    carried: Timeframe = "task"
    part_frame: dict[str, Timeframe] = {}
    for division in divisions:
        if division.parent is None:
            frame = own.get(division.path)
            carried = frame or carried
            part_frame[division.path] = carried

    def frame_of(path: str | None) -> Timeframe | None:
        while path is not None:
            division = by_path.get(path)
            if division is None:
                return None
            if division.parent is None:
                return part_frame.get(path)
            if own.get(path):
                return own[path]
            path = division.parent
        return None

    # Annexes follow the report's parts (a notice's 附件 line before the plan is none).
    first_part = min((d.start for d in divisions if d.kind == "part"), default=len(text))
    annexes = [(start, end, frame) for start, end, frame in _annex_regions(text, year)
               if start > first_part]
    out: list[Timeframe] = []
    for sentence in sentences:
        frame = next((f for start, end, f in annexes if start <= sentence.start < end), None)
        out.append(frame or frame_of(sentence.division) or "task")
    return out


def _annex_regions(text: str, year: int | None) -> list[tuple[int, int, Timeframe]]:
    """(start, end, timeframe) of each annex or glossary, from its heading line to the next."""
    starts: list[tuple[int, Timeframe]] = []
    position = 0
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if ANNEX_LINE_RE.match(line.strip()):
            title = " ".join(lines[index:index + 2])
            frame = classify_heading(title, year) or "task"
            starts.append((position, frame))
        position += len(line) + 1
    return [(start, starts[i + 1][0] if i + 1 < len(starts) else len(text) + 1, frame)
            for i, (start, frame) in enumerate(starts)]
