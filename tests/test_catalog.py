"""The department catalog, CAP topics, name matching and responsibility ranking."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from plankg.catalog import (
    DepartmentType,
    department_by_iri,
    find_departments,
    instantiate,
    jurisdiction_english,
    jurisdiction_level,
    load_cap_topics,
    load_departments,
    load_national_bodies,
    match_department,
    match_department_mention,
    rank_departments,
)
from plankg.namespaces import CAP, DEPT

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
CAP_NUMBERS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23]
LEVELS = {"district", "city", "province", "national"}


def dept(zh: str) -> DepartmentType:
    found = [d for d in load_departments() if d.zh == zh]
    assert found, zh
    return found[0]


def top(text: str) -> str | None:
    ranked = rank_departments(text)
    return ranked[0][0].zh if ranked else None


# ---------------------------------------------------------------------------- the resource


def test_cap_topics_are_the_master_codebook_major_topics() -> None:
    topics = load_cap_topics()
    assert sorted(topics) == CAP_NUMBERS
    assert topics[7].en == "Environment" and topics[7].zh == "环境"
    assert topics[20].en == "Government Operations"
    for number, topic in topics.items():
        assert topic.iri == str(CAP) + str(number)
        assert topic.en and topic.zh and topic.definition_en and topic.definition_zh


def test_catalog_parses_with_45_to_70_department_types() -> None:
    departments = load_departments()
    assert 45 <= len(departments) <= 70
    iris = [d.iri for d in departments]
    assert len(set(iris)) == len(iris)
    assert all(iri.startswith(str(DEPT)) for iri in iris)
    assert departments[0].zh == "发展和改革委员会"  # catalog (file) order is kept
    assert load_departments() is not load_departments()  # callers get their own list


@pytest.mark.parametrize("department", load_departments(), ids=lambda d: d.zh)
def test_every_department_is_complete(department: DepartmentType) -> None:
    topics = load_cap_topics()
    assert department.zh and department.en and department.en.isascii()
    assert department.short_name
    assert department.cap_topics and all(t in topics for t in department.cap_topics)
    assert department.mandates
    for index, (iri, zh, en) in enumerate(department.mandates, start=1):
        assert iri.endswith(f"-mandate-{index}")
        assert zh and en and en.isascii()
    assert 10 <= len(department.keywords) <= 50
    assert 15 <= len(department.keywords) + len(department.strong_keywords) <= 65
    assert not set(department.keywords) & set(department.strong_keywords)
    assert department.levels and set(department.levels) <= LEVELS
    assert "{jurisdiction}" in department.template_zh
    assert "{jurisdiction_en}" in department.template_en


# Proper parts of division names that are also ordinary words (资源县, 平安区, 合作市 …).
ORDINARY_WORDS = {
    "城中", "资源", "港口", "振兴", "合作", "惠民", "爱民", "友好", "台湾", "博爱", "平安", "同心",
    "双城",
    "公安", "新兴",
}
DIVISION_SUFFIX = re.compile(
    r"(特别行政区|自治区|自治州|自治县|自治旗|新区|地区|林区|省|市|区|县|旗|盟)$")


def test_keywords_are_policy_vocabulary_not_place_names() -> None:
    cpca = pytest.importorskip("cpca")
    places = {DIVISION_SUFFIX.sub("", a.name) for a in cpca.ad_2_addr_dict.values()}
    places = {p for p in places if len(p) >= 2} - ORDINARY_WORDS
    # Towns and zones of the bundled district plan, which cpca does not list.
    places |= {"洛碛", "统景", "木耳", "徐堡", "龙兴", "悦来", "嘉州", "两路", "两江", "空港"}
    assert len(places) > 2500
    for department in load_departments():
        for word in department.keywords + department.strong_keywords:
            assert not [p for p in places if p in word], (department.zh, word)


def test_national_bodies_point_to_department_types() -> None:
    bodies = load_national_bodies()
    assert len(bodies) >= 40
    by_name = {b.zh: b for b in bodies}
    assert department_by_iri(by_name["生态环境部"].corresponds_to) == dept("生态环境局")
    ndrc = by_name["国家发展和改革委员会"]
    assert department_by_iri(ndrc.corresponds_to) == dept("发展和改革委员会")
    assert all(department_by_iri(b.corresponds_to) is not None and b.en for b in bodies)


# ---------------------------------------------------------------------------- names in text


@pytest.mark.parametrize(
    ("text", "expected", "level"),
    [
        ("区生态环境局", "生态环境局", "district"),
        ("区环保局", "生态环境局", "district"),
        ("市生态环境局", "生态环境局", "city"),
        ("成都市生态环境局武侯分局", "生态环境局", "city"),
        ("区发展改革委", "发展和改革委员会", "district"),
        ("区发改委", "发展和改革委员会", "district"),
        ("县发改局", "发展和改革委员会", "district"),
        ("区人力社保局", "人力资源和社会保障局", "district"),
        ("县人社局", "人力资源和社会保障局", "district"),
        ("区经信委", "经济和信息化委员会", "district"),
        ("市工信局", "经济和信息化委员会", "city"),
        ("区住建委", "住房和城乡建设委员会", "district"),
        ("区城管局", "城市管理局", "district"),
        ("区农委", "农业农村委员会", "district"),
        ("区农业农村委", "农业农村委员会", "district"),
        ("区文旅委", "文化和旅游发展委员会", "district"),
        ("区卫健委", "卫生健康委员会", "district"),
        ("区国资委", "国有资产监督管理委员会", "district"),
        ("区市场监管局", "市场监督管理局", "district"),
        ("重庆市市场监管局", "市场监督管理局", "city"),
        ("区规划自然资源局", "规划和自然资源局", "district"),
        ("县自然资源局", "规划和自然资源局", "district"),
        ("区教委", "教育委员会", "district"),
        ("区医保局", "医疗保障局", "district"),
        ("区扶贫办", "乡村振兴局", "district"),
        ("区政府办", "政府办公室", "district"),
        ("四川省生态环境厅", "生态环境局", "province"),
        ("湖北省交通运输厅", "交通局", "province"),
        ("团区委", "共青团委员会", "district"),
        ("团市委", "共青团委员会", "city"),
        ("区妇联", "妇女联合会", "district"),
        ("区委组织部", "党委组织部", "district"),
        ("县委宣传部", "党委宣传部", "district"),
        ("区委编办", "机构编制委员会办公室", "district"),
        ("区委网信办", "党委网络安全和信息化委员会办公室", "district"),
        ("恩施土家族苗族自治州民宗委", "民族宗教事务委员会", "city"),
        ("生态环境部", "生态环境局", "national"),
        ("国家发展改革委", "发展和改革委员会", "national"),
        ("人力资源社会保障部", "人力资源和社会保障局", "national"),
    ],
)
def test_match_department_names_and_abbreviations(text: str, expected: str, level: str) -> None:
    assert match_department(text) == dept(expected)
    mention = match_department_mention(text)
    assert mention is not None and mention.level == level
    assert text[mention.start:mention.end] == mention.surface


def test_mentions_in_running_text_keep_their_positions() -> None:
    text = "由区发展改革委牵头，区财政局、区人力社保局配合，国家税务总局渝北区税务局负责落实。"
    found = find_departments(text)
    assert [m.department.zh for m in found] == [
        "发展和改革委员会", "财政局", "人力资源和社会保障局", "税务局"]
    assert [m.level for m in found] == ["district"] * 4  # the tax bureau is local, not national
    assert all(text[m.start:m.end] == m.surface for m in found)
    assert found[0].national_body is None
    national = match_department_mention("国家发展改革委会同财政部")
    assert national is not None and national.national_body is not None
    assert national.national_body.zh == "国家发展和改革委员会"


@pytest.mark.parametrize(
    "text",
    [
        "缓解城区交通局部拥堵问题",  # 交通局 + 部
        "区政府委托第三方开展评估",  # 政府 + 委托
        "做好群众信访办理工作",  # 信访办 + 理
        "今天天气很好",
        "坚持以人民为中心的发展思想",
    ],
)
def test_no_department_named(text: str) -> None:
    assert match_department(text) is None


# ---------------------------------------------------------------------------- ranking


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Sewage plants and networks are built by 住房城乡建设 (城镇污水处理 is its mandate).
        ("加快推进青龙镇污水处理厂及配套管网建设", "住房和城乡建设委员会"),
        ("深入开展大气污染防治，PM2.5平均浓度下降到35微克/立方米", "生态环境局"),
        ("完成中小河流治理20公里，实施病险水库除险加固5座", "水利局"),
        ("新增城镇就业1.2万人，城镇登记失业率控制在4.5%以内", "人力资源和社会保障局"),
        ("新建改扩建中小学幼儿园8所，新增学位6000个", "教育委员会"),
        ("实施农村公路提档升级200公里，建成四好农村路示范路", "交通局"),
        ("新增高新技术企业30家、科技型企业200家", "科学技术局"),
        ("完成高标准农田建设3万亩，生猪出栏稳定在50万头", "农业农村委员会"),
        ("社会消费品零售总额增长8%，打造特色商业街区", "商务委员会"),
        ("开展安全生产专项整治三年行动，坚决遏制重特大事故", "应急管理局"),
        ("落实城乡低保和特困人员救助供养政策", "民政局"),
        ("持续推进生活垃圾分类，新建垃圾转运站3座", "城市管理局"),
        ("新引进世界500强企业2家，招商引资到位资金300亿元", "投资促进局"),
        ("严格落实耕地保护制度，加快不动产登记", "规划和自然资源局"),
        ("扎实推进国企改革三年行动，完善现代企业制度", "国有资产监督管理委员会"),
        ("加强食品安全监管，创建国家食品安全示范城市", "市场监督管理局"),
        ("扎实做好第七次全国人口普查", "统计局"),
        ("常态化开展扫黑除恶斗争，建设更高水平的平安县城", "党委政法委员会"),
        ("新建基层综合文化服务中心20个，创建国家4A级景区1个", "文化和旅游发展委员会"),
        ("推进紧密型县域医共体建设，提升乡镇卫生院服务能力", "卫生健康委员会"),
        ("做好退役军人服务保障，争创全国双拥模范城", "退役军人事务局"),
        ("深化医保支付方式改革，严厉打击欺诈骗保", "医疗保障局"),
        ("完成植树造林5万亩，森林覆盖率达到55%", "林业局"),
        ("一般公共预算收入增长5%，严控政府债务风险", "财政局"),
        ("巩固拓展脱贫攻坚成果，健全防止返贫动态监测和帮扶机制", "乡村振兴局"),
        ("深化“放管服”改革，推进政务服务“一网通办”", "政务服务管理办公室"),
        ("争取中央预算内投资5亿元，完成固定资产投资增长8%", "发展和改革委员会"),
        ("新增规模以上工业企业20家，实施智能化改造项目30个", "经济和信息化委员会"),
        ("加快5G基站建设，推进大数据智能化应用场景建设", "大数据发展局"),
    ],
)
def test_rank_commitments_from_other_districts(text: str, expected: str) -> None:
    ranked = rank_departments(text)
    assert ranked, text
    best, confidence, evidence = ranked[0]
    assert best.zh == expected, [(d.zh, c, e) for d, c, e in ranked[:3]]
    assert 0.3 <= confidence <= 1.0
    assert evidence and all(word in text.upper() or word in text for word in evidence)


def test_longer_cue_hides_the_shorter_one_inside() -> None:
    ranked = rank_departments("建设污水处理厂")
    assert [(d.zh, e) for d, _, e in ranked] == [("住房和城乡建设委员会", ["污水处理厂"])]


def test_named_department_adds_strong_evidence() -> None:
    text = "由区生态环境局牵头，开展入河排污口排查整治"
    best, confidence, evidence = rank_departments(text)[0]
    assert best.zh == "生态环境局" and confidence > 0.9
    assert "生态环境局" in evidence and "排污口" in evidence


def test_full_width_text_matches() -> None:
    assert top("ＰＭ２．５浓度持续下降") == "生态环境局"


@pytest.mark.parametrize(
    "text",
    [
        "今天天气很好",
        "各位代表！",
        "我们要坚定信心，迎难而上，奋力开创新局面。",
        "过去一年，强军事业展现许多新气象新作为。",
    ],
)
def test_texts_without_cues_rank_nothing(text: str) -> None:
    assert rank_departments(text) == []


def test_set_phrases_do_not_count_as_cues() -> None:
    # 健康发展 is not health work: only the housing cue may count.
    ranked = rank_departments("促进房地产市场平稳健康发展")
    assert [d.zh for d, _, _ in ranked] == ["住房和城乡建设委员会"]


def test_weak_evidence_gives_low_confidence() -> None:
    ranked = rank_departments("坚持稳中求进，推动经济运行保持在合理区间")
    assert ranked and all(confidence < 0.4 for _, confidence, _ in ranked)


def test_confidences_are_ordered_bounded_and_deterministic() -> None:
    text = "推进学前教育普及普惠，新建社区卫生服务中心，发展普惠性托育服务和社区养老服务"
    ranked = rank_departments(text)
    confidences = [c for _, c, _ in ranked]
    assert len(ranked) >= 3
    assert confidences == sorted(confidences, reverse=True)
    assert all(0.0 < c <= 1.0 for c in confidences)
    assert ranked == rank_departments(text)


def _numbered_items(text: str) -> list[str]:
    items = []
    for line in text.splitlines():
        if re.match(r"^[(（][一二三四五六七八九十]+[)）]", line):
            items += re.split(r"[一二三四五六七八九十]+是", line)[1:]
    return items


def test_yubei_numbered_items_rank_plausibly() -> None:
    items = _numbered_items((CORPUS / "yubei-2020-plan.txt").read_text(encoding="utf-8"))
    assert len(items) == 35
    ranked = [rank_departments(item) for item in items]
    assert all(ranked), "every numbered item has some cue"
    tops = [r[0][0].zh for r in ranked]
    # Items whose lead is not in doubt: 脱贫, 污染防治, 招商引资, 外贸, 就业.
    assert tops[0] == "乡村振兴局"
    assert tops[1] == "生态环境局"
    assert "投资促进局" in tops and "商务委员会" in tops
    assert "人力资源和社会保障局" in tops
    assert sum(r[0][1] >= 0.5 for r in ranked) >= 30


def test_ranking_is_fast() -> None:
    texts = [(CORPUS / name).read_text(encoding="utf-8") for name in (
        "yubei-2020-plan.txt", "state-council-work-report-2019.txt",
        "state-council-work-report-2021.txt")]
    sentences = [s for text in texts for s in re.split(r"[。；！\n]", text) if s]
    rank_departments("预热")
    started = time.perf_counter()
    for sentence in sentences:
        rank_departments(sentence)
    assert time.perf_counter() - started < 1.0  # ~150 kB of text


# ---------------------------------------------------------------------------- instantiation


def test_instantiate_with_explicit_english() -> None:
    zh, en = instantiate(dept("生态环境局"), "渝北区", "Yubei District")
    assert (zh, en) == ("渝北区生态环境局", "Yubei District Ecology and Environment Bureau")
    assert instantiate(dept("税务局"), "渝北区", "Yubei District") == (
        "国家税务总局渝北区税务局",
        "Yubei District Taxation Bureau of the State Taxation Administration")
    organization = instantiate(dept("党委组织部"), "渝北区", "Yubei District")
    assert organization[0] == "中共渝北区委员会组织部"
    league = instantiate(dept("共青团委员会"), "万州区", "Wanzhou District")
    assert league == ("共青团万州区委员会",
                      "Wanzhou District Committee of the Communist Youth League of China")


def test_instantiate_at_province_and_national_level() -> None:
    assert instantiate(dept("生态环境局"), "四川省", "Sichuan Province") == (
        "四川省生态环境厅", "Department of Ecology and Environment of Sichuan Province")
    assert instantiate(dept("生态环境局"), "中华人民共和国") == (
        "生态环境部", "Ministry of Ecology and Environment")
    assert jurisdiction_level("渝北区") == "district"
    assert jurisdiction_level("广西壮族自治区") == "province"
    assert jurisdiction_level("恩施土家族苗族自治州") == "city"


def test_instantiate_romanizes_the_jurisdiction() -> None:
    pytest.importorskip("pypinyin")
    assert instantiate(dept("生态环境局"), "渝北区") == (
        "渝北区生态环境局", "Yubei District Ecology and Environment Bureau")
    assert jurisdiction_english("西安市") == "Xi'an City"
    assert jurisdiction_english("陕西省") == "Shaanxi Province"
    assert jurisdiction_english("广西壮族自治区") == "Guangxi Zhuang Autonomous Region"
    assert jurisdiction_english("恩施土家族苗族自治州") == "Enshi Tujia Miao Autonomous Prefecture"
    assert jurisdiction_english("新疆维吾尔自治区") == "Xinjiang Uygur Autonomous Region"
    assert jurisdiction_english("区") is None
