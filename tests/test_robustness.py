"""Any input, generated: nothing raises but a one-line user error, every span maps back.

Hypothesis writes documents of random Unicode, of plan-like fragments (numbered headings
nested deep as 一、（一）1.(1), huge and odd numbers, unbalanced quotes and brackets, zero-
width characters, CR line ends), of web pages nested deep or broad, and of all of them cut
inside a character of UTF-8 or GB18030,
and runs them through load, clean, metadata, structure, reported-outcome detection and
target extraction (1,000 inputs a run); a smaller sample also runs through the whole
pipeline (names, commitments, responsibility). Deadlines are off: the machine is shared
and a slow example is not a failure here (time goals live in benchmarks/).
"""

from __future__ import annotations

import math
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plankg.clean import clean
from plankg.errors import PlankgError
from plankg.extract.targets import extract_targets, is_reported_outcome
from plankg.load import load_source
from plankg.metadata import extract_metadata
from plankg.model import CleanText, SourceText
from plankg.pipeline import build_document
from plankg.structure import MAX_SENTENCE, find_structure

HEADINGS = st.sampled_from(
    ["一、", "二、", "十、", "（一）", "（二）", "(三)", "1.", "2．", "(1)", "（2）", "一是",
     "二是", "第一章", "第十二条", "①", "——", "附件1："]
)  # fmt: skip
WORDS = st.sampled_from(
    ["地区生产总值增长", "城镇、农村居民人均可支配收入分别增长", "新建学校", "达到", "超过",
     "以上", "左右", "分别为", "均超", "十四五", "十五五", "2025年", "2026年", "今年", "预计",
     "计划", "行动计划", "完成", "比上年", "工作回顾", "主要目标", "万元", "亿元", "千亿元",
     "四成", "三分之一", "百分之五", "艘次", "吉瓦时", "标准箱", "个百分点", "岁", "万人",
     "政府工作报告", "人民政府", "各位代表：", "渝北区", "重庆市", "“", "”", "《", "》", "【",
     "（", "）", "(", ")", "、", "，", "。", "；", "：", "！", "？", "\n", "\n\n", "\r\n", " ",
     "\u3000", "\u200b", "\ufeff", "\t"]
)  # fmt: skip
NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**12).map(str),
    st.integers(min_value=1, max_value=400).map(lambda n: "9" * n),  # beyond any float
    st.floats(allow_nan=False, allow_infinity=False, min_value=0).map(lambda x: f"{x:.3f}"),
    st.text(alphabet="零〇一二两三四五六七八九十廿卅百千万亿点", min_size=1, max_size=40),
    st.sampled_from(["1e400", "6%－6.5%", "3~5万", "5至8", "1,000,000", "２０２６", "６．５％"]),
)
PIECES = st.one_of(HEADINGS, WORDS, NUMBERS, st.text(max_size=8))
PLAN_LIKE = st.lists(PIECES, max_size=60).map("".join)
NESTED = st.lists(st.tuples(HEADINGS, PLAN_LIKE), max_size=12).map(
    lambda parts: "\n".join(h + body for h, body in parts)
)
TAGS = st.sampled_from(["div", "p", "span", "a", "td", "li", "section", "font", "h2", "br"])


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """A page of nested elements (deep or broad, some unclosed) around plan-like text."""
    parts = ["<html><head><title>", draw(PLAN_LIKE)[:20], "</title></head><body>"]
    for _ in range(draw(st.integers(min_value=0, max_value=8))):
        tag = draw(TAGS)
        depth = draw(st.sampled_from([1, 1, 2, 3, 10, 300]))
        text = draw(PLAN_LIKE)
        closed = draw(st.booleans())
        parts.append(f"<{tag}>" * depth + text + (f"</{tag}>" * depth if closed else ""))
    return "".join(parts) + "</body></html>"


TEXTS = st.one_of(st.text(max_size=400), PLAN_LIKE, NESTED, html_pages())


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    """Bytes of a document: a text in some encoding, perhaps cut anywhere."""
    text = draw(TEXTS)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8", errors="surrogatepass")
    if data and draw(st.booleans()):
        data = data[: draw(st.integers(min_value=0, max_value=len(data)))]
    return data


def _same_character(source: str, cleaned: str) -> bool:
    """Clean-up only drops characters or replaces one by a width or punctuation variant."""
    if cleaned == "\n":
        return source in "\r\n"
    return unicodedata.normalize("NFKC", source) == unicodedata.normalize("NFKC", cleaned)


def _check_clean(source: str, cleaned: CleanText) -> None:
    index = cleaned.source_index
    assert len(index) == len(cleaned.text) + 1
    assert index[-1] == len(source)
    previous = -1
    for position, char in enumerate(cleaned.text):
        at = index[position]
        assert previous < at < len(source)
        assert _same_character(source[at], char), (source[at], char)
        previous = at


def _run_text_stages(source: SourceText) -> None:
    cleaned = clean(source.text)
    _check_clean(source.text, cleaned)
    metadata = extract_metadata(cleaned.text)
    structure = find_structure(cleaned.text, metadata.body_start)
    headings = [d.heading or "" for d in structure.divisions if d.kind in ("part", "section")]
    for sentence in structure.sentences:
        assert cleaned.text[sentence.start : sentence.end] == sentence.text
        assert len(sentence.text) <= MAX_SENTENCE
        reported = is_reported_outcome(sentence.text, headings[-2:], metadata.year)
        for target in extract_targets(sentence.text, reported=reported):
            assert 0 <= target.start <= target.end <= len(sentence.text)
            assert 0 <= target.indicator_start <= target.indicator_end <= len(sentence.text)
            assert target.value_normalized is None or math.isfinite(target.value_normalized)
            start, end = cleaned.source_span(
                sentence.start + target.start, sentence.start + target.end
            )
            assert 0 <= start <= end <= len(source.text)
    for division in structure.divisions:
        assert 0 <= division.start <= division.end <= len(cleaned.text)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("generated")


@settings(
    max_examples=1000,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=documents(), suffix=st.sampled_from([".txt", ".txt", ".html", ".md"]))
def test_any_input_loads_cleans_structures_and_extracts(
    folder: Path, data: bytes, suffix: str
) -> None:
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    try:
        source = load_source(path)
    except PlankgError as error:
        assert "\n" not in str(error) and str(path) in str(error)
        return
    _run_text_stages(source)


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=st.one_of(PLAN_LIKE, NESTED))
def test_any_plan_like_text_builds(folder: Path, text: str) -> None:
    path = folder / "whole.txt"
    path.write_text("2026年政府工作报告\n" + text, encoding="utf-8")
    try:
        doc = build_document(path)
    except PlankgError as error:
        assert "\n" not in str(error)
        return
    for index, target in doc.targets:
        sentence = doc.sentences[index]
        span = (sentence.start + target.start, sentence.start + target.end)
        start, end = doc.clean.source_span(*span)
        assert 0 <= start <= end <= len(doc.source.text)
    for index, mention in doc.mentions:
        sentence = doc.sentences[index]
        assert sentence.text[mention.start : mention.end] == mention.text
