from plankg.numerals import chinese_numeral
from plankg.structure import find_structure


def test_chinese_numerals():
    assert [chinese_numeral(t) for t in ("一", "九", "十", "十二", "二十", "二十三")] == [
        1,
        9,
        10,
        12,
        20,
        23,
    ]


PLAN = """一、总体思路

以新发展理念为指导，推动高质量发展。

二、重点任务

（一）扩大有效投资。一是加快重点项目建设。全年实施重点项目120个。二是优化投资结构。

（二）改善民生。一是稳定就业。新增就业2万人。这是一项重要工作。

做好“十四五”规划编制工作。
"""


def test_parts_sections_items_and_paths():
    structure = find_structure(PLAN)
    kinds = {}
    for division in structure.divisions:
        kinds.setdefault(division.kind, []).append(division.path)
    assert kinds["part"] == ["1", "2"]
    assert kinds["section"] == ["2.1", "2.2"]
    assert kinds["item"] == ["2.1.1", "2.1.2", "2.2.1"]
    headings = {d.path: d.heading for d in structure.divisions if d.heading}
    assert headings["2.1"] == "（一）扩大有效投资。"
    assert headings["2.1.2"] == "二是优化投资结构。"
    # "这是" inside a sentence is not an item marker.
    item = next(d for d in structure.divisions if d.path == "2.2.1")
    assert PLAN[item.start : item.end] == "一是稳定就业。新增就业2万人。这是一项重要工作。"
    # The closing paragraph after the last item is a paragraph of the section, not the item.
    closing = [s for s in structure.sentences if s.text.startswith("做好")]
    assert closing and closing[0].division == "2.2.p2"


def test_sentences_keep_offsets_and_paths():
    structure = find_structure(PLAN)
    for sentence in structure.sentences:
        assert PLAN[sentence.start : sentence.end] == sentence.text
    paths = [s.path for s in structure.sentences if s.division == "2.1.1"]
    assert paths == ["2.1.1.s1", "2.1.1.s2"]


def test_out_of_sequence_markers_are_not_headings():
    text = "一、总则\n\n三、这不是第二部分。\n\n（二）也不是第一节。\n"
    structure = find_structure(text)
    assert [d.path for d in structure.divisions if d.kind == "part"] == ["1"]
    assert not [d for d in structure.divisions if d.kind == "section"]


def test_items_directly_under_a_part():
    text = "一、工作回顾\n\n一是经济运行稳中有进。\n\n二是改革开放取得突破。\n"
    structure = find_structure(text)
    assert [d.path for d in structure.divisions if d.kind == "item"] == ["1.0.1", "1.0.2"]


def test_unstructured_text_is_paragraphs():
    structure = find_structure("加快发展。推进改革！\n\n保障民生？")
    assert {d.kind for d in structure.divisions} == {"paragraph"}
    assert [s.text for s in structure.sentences] == ["加快发展。", "推进改革！", "保障民生？"]


def test_an_annex_is_a_part_whose_numbers_start_again() -> None:
    text = (
        "一、2024年工作回顾\n过去一年经济增长5%。\n"
        "二、2025年工作安排\n推进乡村振兴。\n"
        "附件1\n2025年十件民生实事\n"
        "一、提高城乡低保标准。\n低保标准提高5%。\n"
        "二、扎实推进农村生活污水治理。\n治理500个行政村。\n"
        "附件2\n名词解释\n1.“两新”：指设备更新和消费品以旧换新。\n"
    )
    structure = find_structure(text)
    parts = [(d.path, d.heading) for d in structure.divisions if d.kind == "part"]
    assert parts == [("1", "一、2024年工作回顾"), ("2", "二、2025年工作安排"),
                     ("3", "附件1"), ("4", "附件2")]
    sections = [(d.path, d.heading) for d in structure.divisions if d.kind == "section"]
    assert sections == [("3.1", "一、提高城乡低保标准。"),
                        ("3.2", "二、扎实推进农村生活污水治理。")]
    glossary = [s.text for s in structure.sentences if s.division.startswith("4")]
    assert glossary[-1].startswith("1.“两新”")


def test_a_notices_attachment_line_opens_no_annex() -> None:
    text = (
        "某区人民政府办公室关于印发某区行动方案的通知\n各镇人民政府：\n现将方案印发给你们。\n附件\n"
        "某区行动方案\n一、总体要求\n（一）指导思想。坚持稳中求进。\n（二）主要目标。增长6%。\n"
        "二、重点任务\n（一）推进产业升级。\n"
    )
    structure = find_structure(text)
    assert [(d.path, d.heading) for d in structure.divisions if d.kind == "part"] == [
        ("1", "一、总体要求"), ("2", "二、重点任务")]
    assert [d.path for d in structure.divisions if d.kind == "section"] == ["1.1", "1.2", "2.1"]
