"""Who answers the question, not the sentence: X's own words, X's clause, the place X names,
this year's tasks before reviews, bodies named as their level names them. On a provincial
report and sentences written for these tests, never on the dev set or bundled answers."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from plankg.answers import who
from plankg.build import build_many, load_vocabulary
from plankg.catalog import load_departments
from plankg.identity import document_iri
from plankg.model import Metadata
from plankg.responsibility.institutions import department_in, level_class
from plankg.responsibility.jurisdiction import jurisdictions_of
from plankg.responsibility.question import clause_span, place_bodies, question_clause
from plankg.timeframe import classify_heading

REPORT = """政府工作报告
——2026年1月20日在内蒙古自治区第十四届人民代表大会第四次会议上
自治区主席 某某某
各位代表：
现在，我代表自治区人民政府，向大会报告工作，请予审议。
一、2025年工作回顾
过去一年，我们推进黄河流域生态保护，阿拉善盟治沙面积扩大。
二、“十五五”时期主要目标任务
今后五年，持续推进高标准农田建设，守住耕地红线。
三、2026年重点工作
今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，城镇新增就业18万人以上，细颗粒物平均浓度控制在25微克/立方米以内。
（一）扎实推进生态文明建设。
支持甲城科学城建设人工智能集聚区，推动和林格尔新区数据中心集群建设，加快实施引绰济辽二期工程。
深入推进阿拉善盟防沙治沙，建设高标准农田400万亩。
（二）持续扩大消费。
开展消费品以旧换新，推动步行街改造提升。
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    folder = tmp_path_factory.mktemp("question")
    path = folder / "nei-menggu-2026.txt"
    path.write_text(REPORT, encoding="utf-8")
    store = ox.Store(str(folder / "store"))
    load_vocabulary(store)
    events = list(build_many([path], store=store, out_dir=None))
    assert all(event.result is not None for event in events), events
    return store


def ask(store: ox.Store, question: str) -> list:
    return who(store, question, str(document_iri("nei-menggu-2026"))).answers


def test_the_report_is_read_as_the_region_it_names(store: ox.Store) -> None:
    answers = ask(store, "消费品以旧换新")
    assert answers[0].body == "内蒙古自治区商务厅"  # not 自治区商务委员会
    assert answers[0].role == "lead" and not answers[0].stated


def test_the_words_of_the_question_pick_the_mandate(store: ox.Store) -> None:
    # The target list's sentence is led by development and reform as a whole; asked about
    # one of its indicators, the indicator's own words decide.
    assert ask(store, "细颗粒物平均浓度")[0].body == "内蒙古自治区生态环境厅"
    assert ask(store, "城镇新增就业")[0].body == "内蒙古自治区人力资源和社会保障厅"


def test_the_clause_of_the_question_not_the_sentence(store: ox.Store) -> None:
    answers = ask(store, "引绰济辽")
    assert answers[0].body == "内蒙古自治区水利厅"
    assert "引绰济辽" in answers[0].commitments[0].quote


def test_a_zone_is_answered_by_its_management_body(store: ox.Store) -> None:
    answers = ask(store, "和林格尔新区")
    assert answers[0].body == "和林格尔新区管理委员会" and answers[0].role == "implementing"
    # The other zone of the sentence is a beneficiary of its own clause, not an answer here.
    assert all("甲城科学城" not in a.body for a in answers if a.group == "lead")


def test_a_league_is_answered_by_its_administrative_office(store: ox.Store) -> None:
    answers = ask(store, "阿拉善盟")
    assert answers[0].body == "阿拉善盟行政公署"
    assert answers[0].basis == "place" and not answers[0].stated


def test_this_years_task_is_the_evidence_and_the_outlook_is_marked(store: ox.Store) -> None:
    answers = ask(store, "高标准农田")
    lead = answers[0]
    assert lead.body == "内蒙古自治区农业农村厅"
    first, *rest = lead.commitments
    assert first.timeframe == "task" and "400万亩" in first.text
    assert [c.timeframe for c in rest] == ["outlook"]
    assert "outlook part" in rest[0].rationale
    assert rest[0].rationale != first.rationale


def test_ranks_follow_confidence_within_each_role_group(store: ox.Store) -> None:
    for question in ("高标准农田", "和林格尔新区", "细颗粒物平均浓度"):
        answers = ask(store, question)
        order = {"lead": 0, "cooperating": 1, "involved": 2, "accountable": 3}
        assert [order[a.group] for a in answers] == sorted(order[a.group] for a in answers)
        for group in order:
            shown = [a.confidence for a in answers if a.group == group]
            assert shown == sorted(shown, reverse=True), (question, group)
        assert answers[-1].group == "accountable" and answers[-1].body == "内蒙古自治区人民政府"


def test_without_a_document_answers_come_grouped_by_document(store: ox.Store) -> None:
    result = who(store, "高标准农田")
    assert [g.document for g in result.groups] == ["nei-menggu-2026"]
    assert result.answers == [a for g in result.groups for a in g.answers]
    assert result.as_json()["groups"][0]["answers"][0]["body"] == "内蒙古自治区农业农村厅"


# ---------------------------------------------------------------- the parts, one by one


def test_clauses() -> None:
    text = "支持甲城建设集聚区，推动乙城产业发展；加快丙项目。"
    assert question_clause("乙城", text) == "推动乙城产业发展"
    assert question_clause("乙城", text, widen=1) == (
        "支持甲城建设集聚区，推动乙城产业发展；加快丙项目")
    assert question_clause("丁城", text) == text
    assert clause_span(text, 0, 2) == (0, 9)


@pytest.mark.parametrize(("place", "department", "name"), [
    ("北京市", "水利局", "北京市水务局"),
    ("海淀区", "水利局", "海淀区水务局"),  # 北京's districts share the city's name
    ("湖北省", "经济和信息化委员会", "湖北省经济和信息化厅"),
    ("江苏省", "经济和信息化委员会", "江苏省工业和信息化厅"),
    ("江苏省", "城市管理局", "江苏省住房和城乡建设厅"),  # a province folds it
    ("苏州市", "城市管理局", "苏州市城市管理局"),
    ("甘肃省", "林业局", "甘肃省林业和草原局"),
    ("中华人民共和国", "农业农村委员会", "农业农村部"),
    ("天津市", "市场监督管理局", "天津市市场监督管理委员会"),
])
def test_institutions_by_level_and_jurisdiction(place: str, department: str, name: str) -> None:
    by_zh = {d.zh: d for d in load_departments()}
    found = department_in(by_zh[department], place, 2025)
    assert found is not None and found.zh == name


def test_an_ambiguous_district_takes_the_city_it_is_known_in() -> None:
    water = {d.zh: d for d in load_departments()}["水利局"]
    assert department_in(water, "朝阳区", 2025, parent="北京市").zh == "朝阳区水务局"
    assert department_in(water, "朝阳区", 2025, parent="长春市").zh == "朝阳区水利局"


@pytest.mark.parametrize(("place", "level", "expected"), [
    ("北京市", "province", "北京市水务局"),  # the integrated water authority builds them
    ("上海市", "province", "上海市水务局"),
    ("海淀区", "district", "海淀区水务局"),  # …as do its districts
    ("广东省", "province", "广东省住房和城乡建设厅"),  # elsewhere urban sewage is 住建 work
    ("渝北区", "district", "渝北区住房和城乡建设委员会"),
])
def test_sewage_plants_go_where_the_jurisdiction_gives_them(
    place: str, level: str, expected: str
) -> None:
    from plankg.responsibility.scoring import rank_text

    city = "北京市" if place == "海淀区" else "重庆市" if place == "渝北区" else None
    juris = jurisdictions_of(Metadata(title="", jurisdiction=place, level=level, year=2026))
    ranked = rank_text("加快建设城北污水处理厂和配套污水管网。", juris)
    water = {d.zh: d for d in load_departments()}["水利局"]
    top = ranked[0].dept
    body = department_in(top, place, 2026, parent=city)
    assert body is not None and body.zh == expected
    assert (top.iri == water.iri) == ("水务局" in expected)


@pytest.mark.parametrize("name", ["量子科技创新重大项目", "重大项目带动科技创新"])
def test_a_field_outranks_a_kind_of_undertaking_named_as_strongly(name: str) -> None:
    """X's own words name science (科技创新) and planning (重大项目) equally: a 重大项目 is
    a kind of undertaking, the field says whose it is, wherever it stands in X."""
    from plankg.responsibility.question import _field_before_kind
    from plankg.responsibility.scoring import rank_text

    juris = jurisdictions_of(Metadata(title="", jurisdiction="浙江省", level="province",
                                      year=2026))
    ranked = rank_text(name, juris)
    assert {r.dept.zh for r in ranked[:2]} == {"科学技术局", "发展和改革委员会"}
    assert ranked[0].confidence == ranked[1].confidence
    assert _field_before_kind(ranked)[0].dept.zh == "科学技术局"
    assert _field_before_kind(ranked[::-1])[0].dept.zh == "科学技术局"


def test_names_change_with_the_reform_year() -> None:
    data = {d.zh: d for d in load_departments()}["大数据发展局"]
    assert department_in(data, "湖南省", 2025).zh == "湖南省数据局"
    assert department_in(data, "湖南省", 2020).zh == "湖南省大数据发展局"


def test_level_classes() -> None:
    assert [level_class(p) for p in ("上海市", "青海省", "延边朝鲜族自治州", "锡林郭勒盟",
                                     "义乌市", "杭州市", "余杭区")] == [
        "municipality", "province", "city", "city", "district", "city", "district"]


def test_place_bodies_within_the_jurisdiction() -> None:
    juris = jurisdictions_of(Metadata(jurisdiction="湖南省", level="province", year=2025))
    assert [b.zh for b in place_bodies("湘西", juris)] == ["湘西土家族苗族自治州人民政府"]
    assert [b.zh for b in place_bodies("湘江新区", juris)] == ["湘江新区管理委员会"]
    assert [b.zh for b in place_bodies("浏阳新城", juris)] == ["浏阳市人民政府"]
    assert place_bodies("黄浦", juris) == []  # 上海's district, not this province's


@pytest.mark.parametrize(("heading", "year", "frame"), [
    ("一、2024年工作回顾", 2025, "review"),
    ("三、2025年重点工作", 2025, "task"),
    ("二、“十五五”时期的主要目标任务", 2026, "outlook"),
    ("二、“十四五”时期的主要目标任务", 2026, "review"),
    ("二、“十四五”时期的主要目标任务", 2021, "outlook"),
    ("一、2020年计划执行情况", 2021, "review"),
    ("附件2 名词解释", 2025, "glossary"),
    ("四、加强政府自身建设", 2025, None),
    ("二、2026年主要工作", 2026, "task"),
    ("2025年工作回顾和2026年工作安排", 2026, "task"),
    ("2026年和“十五五”时期主要任务", 2026, "task"),
    ("（一）巩固拓展成效", 2026, None),
])
def test_timeframe_of_headings(heading: str, year: int, frame: str | None) -> None:
    assert classify_heading(heading, year) == frame


def test_a_section_heading_keeps_its_parts_timeframe_unless_it_reviews() -> None:
    assert classify_heading("（五）加快“十五五”规划重大工程建设", 2026, top_level=False) is None
    assert classify_heading("（一）2025年工作回顾", 2026, top_level=False) == "review"



def test_places_named_ambiguously_are_read_within_the_jurisdiction() -> None:
    beijing = jurisdictions_of(Metadata(jurisdiction="北京市", level="province", year=2026))
    assert [b.zh for b in place_bodies("朝阳", beijing)] == ["朝阳区人民政府"]  # not 辽宁's
    shanghai = jurisdictions_of(Metadata(jurisdiction="上海市", level="province", year=2026))
    assert [b.zh for b in place_bodies("浦东新区", shanghai)] == ["浦东新区人民政府"]
    assert place_bodies("国家生态文明建设示范区", shanghai) == []  # a title, no body


def test_the_city_above_a_district_comes_from_the_issuer_read_against_the_table() -> None:
    juris = jurisdictions_of(Metadata(issuer="广东省广州市天河区人民政府办公室",
                                      jurisdiction="天河区", level="district"))
    assert (juris.city, juris.province) == ("广州市", "广东省")
    chongqing = jurisdictions_of(Metadata(issuer="重庆市江北区人民政府", jurisdiction="江北区",
                                          level="district", year=2021))
    commerce = {d.zh: d for d in load_departments()}["商务委员会"]
    from plankg.responsibility.jurisdiction import own_institution

    assert own_institution(commerce, chongqing).zh == "江北区商务委员会"  # 重庆's districts


def test_a_water_transfer_is_named_so_only_from_a_river() -> None:
    from plankg.catalog import rank_departments

    assert rank_departments("加快实施引汉济渭二期工程")[0][0].zh == "水利局"
    assert not rank_departments("推动引企入园")  # bringing firms into parks
