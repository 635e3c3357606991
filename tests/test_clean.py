"""clean(): offset-preserving clean-up, on the bundled documents and on synthetic text."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from plankg.clean import ZERO_WIDTH, clean, is_chrome_line, should_join
from plankg.model import CleanText

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
DOCS = ("yubei-2020-plan", "state-council-work-report-2019", "state-council-work-report-2021")
# (cleaned, source) pairs that clean() may produce by replacing a character.
VARIANTS = {("，", ","), ("：", ":"), ("；", ";"), ("（", "("), ("）", ")"), ("！", "!"),
            ("？", "?"), ("%", "％"), (".", "．"), ("\n", "\r")}  # fmt: skip


@cache
def raw(name: str) -> str:
    return (CORPUS / f"{name}.txt").read_text(encoding="utf-8")


@cache
def cleaned(name: str) -> CleanText:
    return clean(raw(name))


def check_index(source: str, result: CleanText) -> None:
    """Every cleaned character points at itself (or a known variant) in the source."""
    index = result.source_index
    assert len(index) == len(result.text) + 1
    assert index[-1] == len(source)
    assert all(a < b for a, b in zip(index, index[1:], strict=False))  # never reordered
    for i, char in enumerate(result.text):
        origin = source[index[i]]
        if origin != char:
            fullwidth = chr(ord(origin) - 0xFEE0) if "！" <= origin <= "～" else origin
            assert (char, origin) in VARIANTS or char == fullwidth, (i, char, origin)


def span_source(source: str, result: CleanText, needle: str) -> str:
    start = result.text.index(needle)
    begin, end = result.source_span(start, start + len(needle))
    return source[begin:end]


# --- the bundled documents --------------------------------------------------------------


@pytest.mark.parametrize("name", DOCS)
def test_corpus_index_and_shape(name: str) -> None:
    result = cleaned(name)
    check_index(raw(name), result)
    text = result.text
    assert not any(z in text for z in ZERO_WIDTH)
    assert "\n\n\n" not in text and "\r" not in text
    assert text == text.strip()
    assert not re.search(r"[ \t\u3000\xa0]\n|\n[ \t\u3000\xa0]", text)
    assert "本作品" not in text and "Public domain" not in text and "维基文库" not in text
    assert not re.search(r"^(?:false|true)$", text, re.M)
    assert text.endswith(("。", "！"))


def test_2021_broken_words_joined() -> None:
    text = cleaned("state-council-work-report-2021").text
    assert text.startswith("政府工作报告\n\n——2021年3月5日")
    assert "今年预期目标设定为6%以上" in text
    assert "交出一份人民满意、世界瞩目" in text
    assert "全员劳动生产率增长" in text
    # A title split over five lines around 《》 becomes one sentence.
    assert (
        "根据《中共中央关于制定国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议》，"
        in text
    )
    assert "（草案）》。《纲要草案》" in text
    # The indented name under the speaker's title is a real line, not a break artefact.
    assert "国务院总理\n李克强" in text
    # Item heads followed by a single newline keep it.
    assert "稳住了经济基本盘。\n面对历史罕见的冲击" in text
    assert text.endswith("实现中华民族伟大复兴的中国梦不懈奋斗！")


def test_2021_source_spans() -> None:
    source, result = (
        raw("state-council-work-report-2021"),
        cleaned("state-council-work-report-2021"),
    )
    assert span_source(source, result, "政府工作报告") == "政府工作报\n告"
    assert span_source(source, result, "设定为6%以上") == "设定\n\u200b\n为6%以上"
    assert span_source(source, result, "增长2.3%") == "增长2.3％"
    for needle in (
        "一、2020年工作回顾",
        "二是优先稳就业保民生，人民生活得到切实保障。",
        "各位代表！",
    ):
        assert span_source(source, result, needle) == needle


def test_2019_subscripts_joined() -> None:
    source, result = (
        raw("state-council-work-report-2019"),
        cleaned("state-council-work-report-2019"),
    )
    assert result.text.count("细颗粒物（PM2.5）浓度继续下降") == 2
    assert "广义货币M2和社会融资规模增速" in result.text
    assert span_source(source, result, "（PM2.5）浓度") == "（PM\n2.5\n）浓度"
    assert "国内生产总值增长6%－6.5%" in result.text  # the range dash is kept
    assert result.text.endswith("实现中华民族伟大复兴的中国梦不懈奋斗！")


def test_yubei_ascii_punctuation_and_chrome() -> None:
    source, result = raw("yubei-2020-plan"), cleaned("yubei-2020-plan")
    text = result.text
    assert source.count(",") > 400 and "," not in text
    assert "各镇人民政府，区政府各部门，各街道办事处，区属各国有公司，有关单位：" in text
    assert "\n（一）坚决打好“三大攻坚战”" in text
    assert "中交（重庆）江河湖泊" in text and "（此件公开发布）" in text
    assert "地区生产总值增长3%，规模以上工业总产值增长6%左右" in text
    # Numbers, formulas and codes keep their ASCII.
    assert "“1+12”“2+16”" in text and "E88-2/01" in text and "3.5%以上" in text
    assert "您的位置" not in text and "字体" not in text and "首页>" not in text
    assert text.startswith(
        "重庆市渝北区人民政府办公室关于印发渝北区2020年经济社会发展计划的通知\n\n"
    )
    assert span_source(source, result, "有关单位：") == "有关单位:"


def test_deterministic_across_hash_seeds() -> None:
    code = (
        "import hashlib,sys;from plankg.clean import clean;"
        "t=open(sys.argv[1],encoding='utf-8').read();c=clean(t);"
        "print(hashlib.sha256((c.text+repr(c.source_index)).encode()).hexdigest())"
    )
    path = str(CORPUS / "yubei-2020-plan.txt")
    digests = set()
    for seed in ("1", "2"):
        root = str(CORPUS.parent)
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": root}
        run = subprocess.run(
            [sys.executable, "-c", code, path],
            env=env,
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        )
        digests.add(run.stdout.strip())
    result = cleaned("yubei-2020-plan")
    local = hashlib.sha256((result.text + repr(result.source_index)).encode()).hexdigest()
    assert digests == {local}


# --- synthetic text in the genre ---------------------------------------------------------


def cleaned_text(source: str) -> str:
    result = clean(source)
    check_index(source, result)
    return result.text


def test_empty_and_blank() -> None:
    for source, last in (("", 0), ("\n\u200b\n \u3000\n", 6)):
        result = clean(source)
        assert (result.text, list(result.source_index)) == ("", [last])  # the source length


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("成都市2022年国民经济和社会发展计\n划", "成都市2022年国民经济和社会发展计划"),
        ("可吸入颗粒物（PM\n10\n）平均浓度下降", "可吸入颗粒物（PM10）平均浓度下降"),
        ("全省城镇新增就业\n\u200b\n80万人以上。", "全省城镇新增就业80万人以上。"),
        ("完成年度任务。\n\u200b\n全面推进乡村振兴。", "完成年度任务。全面推进乡村振兴。"),
        ("加快建设“\n成渝地区双城经济圈\n”，", "加快建设“成渝地区双城经济圈”，"),
    ],
)
def test_breaks_joined(source: str, expected: str) -> None:
    assert cleaned_text(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        "一、总体思路\n\n以习近平新时代中国特色社会主义思想为指导",
        "一、总体要求\n坚持稳中求进工作总基调",  # heading over its paragraph
        "（二）主要目标\n全市地区生产总值增长6.5%左右",
        "今年重点抓好以下工作\n一是稳定经济增长",
        "主要预期目标\n（一）经济增长",
        "需要做好以下几点\n1.加快项目建设",
        "2021年主要成就\n——经济运行稳中向好",
        "杭州市余杭区人民政府办公室\n2022年3月18日",
        "各位代表\n\u3000\u3000过去一年，全区上下团结奋斗",  # indented paragraph start
        "一年来的工作。\n面对复杂形势，我们迎难而上。",
        "重庆市渝北区人民政府办公室\n\n关于印发渝北区2020年经济社会发展计划的通知",
    ],
)
def test_real_lines_not_joined(source: str) -> None:
    text = cleaned_text(source)
    assert text == re.sub(r"\n[\u3000]+", "\n", source)


def test_should_join_rule() -> None:
    assert should_join("广义货币M", "2和社会融资规模")
    assert not should_join("城乡居民收入稳定增长。", "二是深化改革")
    assert not should_join("三、重点任务", "坚持创新驱动")
    assert not should_join("国务院总理", "李克强", next_indented=True)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("增长6.5%,达到1,000亿元", "增长6.5%，达到1,000亿元"),
        ("各乡镇人民政府,县政府各部门:", "各乡镇人民政府，县政府各部门："),
        ("会议于2021年3月5日10:30召开", "会议于2021年3月5日10:30召开"),
        ("(1)加快发展现代服务业", "（1）加快发展现代服务业"),
        ("细颗粒物(PM2.5)浓度下降;完成任务!", "细颗粒物（PM2.5）浓度下降；完成任务！"),
        ("推广PPP模式(Public Private Partnership)", "推广PPP模式（Public Private Partnership）"),
        ("Hello, world: (test); ok!", "Hello, world: (test); ok!"),
        ("网址: http://www.cq.gov.cn/a?id=1", "网址：http://www.cq.gov.cn/a?id=1"),
        ("增长６．５％，ＧＤＰ达到１２３亿元", "增长6.5%，GDP达到123亿元"),
        ("增长6%－6.5%，期限3～5年，“十四五”时期", "增长6%－6.5%，期限3～5年，“十四五”时期"),
        ("比例为1:1配套", "比例为1:1配套"),
        ("“互联网＋政务服务”", "“互联网＋政务服务”"),
    ],
)
def test_punctuation(source: str, expected: str) -> None:
    assert cleaned_text(source) == expected


def test_whitespace_and_invisible_characters() -> None:
    source = (
        "\ufeff\r\n\u3000\u3000第一段落\u00ad内容。  \r\n\r\n\r\n\r\n"
        "\xa0\xa0第二段\u2060落。\u3000\r\r\n\n"
    )
    result = clean(source)
    check_index(source, result)
    assert result.text == "第一段落内容。\n\n第二段落。"
    # Each paragraph-separating newline stands for a real newline of the source.
    assert all(
        source[result.source_index[i]] == "\n" for i, c in enumerate(result.text) if c == "\n"
    )


@pytest.mark.parametrize(
    "line",
    [
        "当前位置：首页 > 政务公开 > 规划计划",
        "您现在的位置: 首页 >> 信息公开",
        "首页 > 新闻中心 > 通知公告",
        "字号：[ 大 中 小 ]",
        "【字体：大 中 小】",
        "【打印本页】 【关闭窗口】",
        "[打印] [关闭]",
        "分享到：微信 微博 QQ空间",
        "扫一扫在手机打开当前页",
        "责任编辑：王明",
        "下一篇：关于做好2021年春节期间市场供应工作的通知",
        "版权所有：成都市人民政府办公厅 蜀ICP备05003300号",
    ],
)
def test_chrome_lines(line: str) -> None:
    assert is_chrome_line(line)
    assert cleaned_text(f"{line}\n\n全年城镇新增就业12万人。") == "全年城镇新增就业12万人。"


@pytest.mark.parametrize(
    "line",
    [
        "依法关闭一批落后产能企业。",
        "分享经济、平台经济快速发展。",
        "位置：重庆市渝北区龙兴镇",
        "大中小学校",
        "字体设计产业园建设",
    ],
)
def test_body_lines_are_not_chrome(line: str) -> None:
    assert not is_chrome_line(line)
    assert cleaned_text(line) == line


def test_wikisource_trailer_generic() -> None:
    source = (
        "各位代表！\n\n让我们共同奋斗！\n\n\n\n"
        "这部作品在中华人民共和国著作权法下属于公有领域\n\n其他说明\n\nPublic domain\nfalse\n"
    )
    assert cleaned_text(source) == "各位代表！\n\n让我们共同奋斗！"
    note = "完成任务。\n\n注：中文维基文库社群认为，\n不总是\n具有立法性质。\n\n继续努力。"
    assert cleaned_text(note) == "完成任务。\n\n继续努力。"


def test_chrome_inside_text_separates_paragraphs() -> None:
    source = "地区生产总值增长\n【打印】【关闭】\n全年任务完成"
    assert cleaned_text(source) == "地区生产总值增长\n\n全年任务完成"


COMPACT = """成都市2022年国民经济和社会发展计划
各位代表：
现在，我向大会报告2021年计划执行情况和2022年计划草案，请予审议。
一、2021年计划执行情况
过去一年，全市地区生产总值增长8.6%，城镇新增就业25万人。
二、2022年主要目标
地区生产总值增长7%左右
城镇调查失业率控制在5.5%以内
成都市发展和改革委员会
2022年1月10日"""

WRAPPED = """今年全区经济社会发展主要预期目标是：地区生产总值增长6%－6.
5%；城镇新增就业8万人以上，城镇调查失业率5.5%左右，城镇登
记失业率4.5%以内；居民消费价格涨幅3%左右；进出口稳中提质；
单位地区生产总值能耗下降3%，居民收入增长与经济增长基本同步。
二、重点工作
（一）继续创新和完善宏观调控，确保经济运行在合理区间。
坚持以市场化改革的思路和办法破解发展难题，发挥好宏观政策逆周
期调节作用。"""


def test_compact_text_keeps_its_lines() -> None:
    # No blank lines anywhere: each line is a paragraph, short titles included.
    assert cleaned_text(COMPACT) == COMPACT


def test_hard_wrapped_text_joins_full_lines() -> None:
    assert cleaned_text(WRAPPED).split("\n") == [
        "今年全区经济社会发展主要预期目标是：地区生产总值增长6%－6.5%；"
        "城镇新增就业8万人以上，城镇调查失业率5.5%左右，城镇登记失业率4.5%以内；居民消费价格涨幅3%左右；进出口稳中提质；",
        "单位地区生产总值能耗下降3%，居民收入增长与经济增长基本同步。",
        "二、重点工作",
        "（一）继续创新和完善宏观调控，确保经济运行在合理区间。",
        "坚持以市场化改革的思路和办法破解发展难题，发挥好宏观政策逆周期调节作用。",
    ]
