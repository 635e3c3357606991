"""Names on token boundaries and in context: the components over one document.

Every sentence here is written for the test (none comes from a bundled document or the
dev gold); each rule has a positive and a negative case.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from plankg.extract import tokens as tk
from plankg.extract.names import COMPONENTS, find_names, names_in
from plankg.model import Metadata


def found(sentence: str, jurisdiction: str | None = None) -> dict[str, tuple[str, str, str]]:
    """text → (category, type, name) of every place, organization and project."""
    metadata = Metadata(jurisdiction=jurisdiction) if jurisdiction else None
    result = {}
    for mention in names_in(sentence, metadata):
        assert sentence[mention.start : mention.end] == mention.text
        if mention.category != "slogan":
            result.setdefault(mention.text, (mention.category, mention.type, mention.name))
    return result


def places(sentence: str, jurisdiction: str | None = None) -> dict[str, tuple[str, str]]:
    return {t: (kind, name) for t, (c, kind, name) in found(sentence, jurisdiction).items()
            if c == "place"}


def orgs(sentence: str, jurisdiction: str | None = None) -> dict[str, tuple[str, str]]:
    return {t: (kind, name) for t, (c, kind, name) in found(sentence, jurisdiction).items()
            if c == "organization"}


# ----------------------------------------------------------------- token boundaries


def test_a_county_inside_a_plant_name_is_no_place() -> None:
    assert places("鼓励农户种植紫云英改良土壤。", "广东省") == {}  # 紫云 (Guizhou) in 紫云英


def test_a_county_cut_out_of_a_mountain_name_is_no_place() -> None:
    found_here = places("游览南昆山森林公园。", "广东省")
    assert "昆山" not in found_here  # 昆山市 (Jiangsu) inside 南昆山
    assert found_here["南昆山"] == ("mountain", "南昆山")
    assert found_here["南昆山森林公园"][0] == "park"


@pytest.mark.parametrize(
    "sentence",
    [
        "践行绿水青山就是金山银山理念。",  # 青山区, 金山区 in an idiom
        "推动平台企业和平台内经营者共赢。",  # 和平县 across 企业和|平台
        "扩大中小金融机构服务。",  # 小金县 across 中小|金融
        "建设全球灯塔工厂和儿童友好城市。",  # 灯塔市, 友好区 as ordinary words
        "加强国家实验室建设。",
    ],
)
def test_idioms_and_cross_word_substrings_name_no_place(sentence: str) -> None:
    assert places(sentence, "广东省") == {}


# ------------------------------------------------------------------- jurisdiction


def test_county_short_forms_of_another_province_need_a_neighbour() -> None:
    # 兴海县 and 惠农区 are counties of Qinghai and Ningxia: in a Guangdong document the
    # slogans 科技兴海 and 强农惠农 name no place.
    assert places("坚持科技兴海，落实强农惠农政策。", "广东省") == {}


def test_county_short_forms_of_the_document_s_own_province_stand_alone() -> None:
    found_here = places("支持兴海发展高原牧业。", "青海省")
    assert found_here["兴海"] == ("district", "兴海县")


def test_the_jurisdiction_comes_from_the_document_s_metadata() -> None:
    text = ["坚持科技兴海，做强海洋经济。"]
    own = find_names(text, Metadata(jurisdiction="青海省"))
    other = find_names(text, Metadata(jurisdiction="广东省"))
    assert any(m.text == "兴海" for _, m in own)
    assert not any(m.text == "兴海" for _, m in other)


# ----------------------------------------------------- named features and regions


def test_regions_and_features_among_the_words() -> None:
    found_here = places("推动湘西地区和华南沿海协作，保护北江生态。", "湖南省")
    assert found_here["湘西"] == ("region", "湘西")
    assert found_here["华南"] == ("region", "华南")
    assert found_here["北江"] == ("river", "北江")


def test_common_feature_words_are_no_places() -> None:
    assert places("加强河湖管理和深海科技攻关。", "广东省") == {}


def test_rivers_sharing_their_suffix() -> None:
    found_here = places("推进沅江澧江资江水系综合治理。", "湖南省")
    assert {t for t, (kind, _) in found_here.items() if kind == "river"} == {
        "沅江", "澧江", "资江"}


# ------------------------------------------------------ complete names of routes


def test_route_segments_belong_to_the_route() -> None:
    found_here = places("加快沪昆高铁杭长段改造。", "浙江省")
    assert found_here["沪昆高铁杭长段"][0] == "rail"
    assert "沪昆高铁" not in found_here


def test_a_segment_between_two_places_names_them() -> None:
    found_here = places("开工建设京雄城际石家庄至雄安段。", "河北省")
    assert "京雄城际石家庄至雄安段" in found_here
    assert found_here["石家庄"] == ("city", "石家庄市")


def test_a_bracketed_section_belongs_to_the_park() -> None:
    found_here = found("建设好大运河国家文化公园（浙江段）。", "浙江省")
    assert found_here["大运河国家文化公园（浙江段）"][:2] == ("place", "park")


def test_routes_named_by_abbreviations() -> None:
    found_here = places("加快建设沪宁城际、宁杭高铁和苏嘉（甬）城际。", "江苏省")
    assert {"沪宁城际", "宁杭高铁", "苏嘉（甬）城际"} <= set(found_here)


def test_verbs_are_no_abbreviations() -> None:
    assert places("优化抵离口岸服务。", "广东省") == {}
    # jieba tags 深化 as an abbreviation ("j"); a governing verb names no zone.
    assert places("深化产业园区矩阵式改革。", "河南省") == {}


def test_modifiers_and_manners_are_not_names() -> None:
    found_here = places("编制好新一轮郑州航空港区高质量发展规划。", "河南省")
    assert "郑州航空港区" in found_here and "新一轮郑州航空港区" not in found_here
    assert places("发展嵌入式社区养老、开放式街区。", "河南省") == {}


def test_a_suffix_that_ends_a_province_name_makes_no_feature() -> None:
    found_here = places("打响“乡村旅游看浙江”品牌。", "浙江省")
    assert "看浙江" not in found_here and "浙江" in found_here


def test_a_brand_that_shares_a_prefectures_short_name() -> None:
    assert places("阿里千问、DeepSeek等大模型用户增长。", "浙江省") == {}
    assert "阿里" in places("支持日喀则、阿里发展边境旅游。", "西藏自治区")


def test_a_kind_of_undertaking_before_a_name_is_not_part_of_it() -> None:
    found_here = places("西部陆海新通道重点工程隆泸叙铁路开通。", "四川省")
    assert "隆泸叙铁路" in found_here and "工程隆泸叙铁路" not in found_here
    # …unless it makes a word with what follows (工程技术).
    found_here = found("加快建设国家重大工程技术创新中心林芝基地。", "西藏自治区")
    assert "技术创新中心林芝基地" not in found_here


@pytest.mark.parametrize("sentence", [
    "提高机动车和非道路移动机械新能源化比例。",  # 非 is a prefix, 道路 a common word
    "推进北护城河至北运河全线通航。",  # 城 inside the word 护城河
])
def test_a_suffix_inside_a_common_word_is_no_place(sentence: str) -> None:
    found_here = places(sentence, "北京市")
    assert not {"非道路", "北护城"} & set(found_here)


def test_a_province_and_a_feature_word_make_no_feature() -> None:
    found_here = places("让大美新疆山更绿、水更清。", "新疆维吾尔自治区")
    assert "新疆山" not in found_here and "新疆" in found_here


def test_a_count_and_a_rank_make_no_name() -> None:
    # 8支: a number and its measure word; 市级, 省级: a rank, given to a class of things.
    assert found("8支市级高精尖产业基金带动社会投资。", "北京市") == {}
    assert found("设立全国首个省级银发经济产业园。", "浙江省") == {}


def test_the_area_around_a_feature() -> None:
    found_here = places("打造环太湖科技创新圈。", "江苏省")
    assert "环太湖" in found_here


# ------------------------------------------------------------ places inside names


def test_a_province_inside_a_zone_name_is_mentioned() -> None:
    found_here = places("推进海南自由贸易港建设。", "海南省")
    assert found_here["海南自由贸易港"][0] == "zone"
    assert found_here["海南"] == ("province", "海南省")


def test_a_district_that_only_names_an_airport_is_no_place() -> None:
    found_here = places("推进宝安机场三期扩建。", "广东省")
    assert set(found_here) == {"宝安机场"}


def test_a_crossing_named_after_the_water_it_crosses() -> None:
    found_here = places("建成伶仃洋通道。", "广东省")
    assert found_here["伶仃洋通道"][0] == "crossing"
    assert found_here["伶仃洋"][0] == "bay"


def test_a_short_name_used_alone_is_the_zone() -> None:
    mentions = find_names(["推进深汕特别合作区建设。", "支持深汕发展新能源汽车产业。"],
                          Metadata(jurisdiction="广东省"))
    alone = [(i, m) for i, m in mentions if m.text == "深汕"]
    assert [(i, m.name, m.type) for i, m in alone] == [(1, "深汕特别合作区", "zone")]


def test_no_short_name_from_a_common_word() -> None:
    mentions = find_names(["建设城市副中心。", "优化城市布局。"], Metadata(jurisdiction="北京市"))
    assert not any(m.text == "城市" for _, m in mentions)


def test_administrative_places_keep_their_level() -> None:
    found_here = places("塔城、昌吉和天府新区加快发展。", "新疆维吾尔自治区")
    assert found_here["塔城"] == ("city", "塔城地区")
    assert found_here["昌吉"] == ("city", "昌吉回族自治州")
    assert found_here["天府新区"] == ("zone", "天府新区")


# ------------------------------------------------------------------ organizations


def test_hotlines_research_facilities_and_funds() -> None:
    found_here = orgs("开通12319城建热线，建成合肥先进光源，设立省科技成果转化引导基金。",
                      "安徽省")
    assert found_here["12319城建热线"][0] == "hotline"
    assert found_here["合肥先进光源"][0] == "research-facility"
    assert found_here["省科技成果转化引导基金"][0] == "fund"


def test_a_kind_of_institution_is_no_name() -> None:
    assert orgs("推动国家实验室和国家医学中心建设。", "广东省") == {}


def test_central_bodies_from_the_national_list() -> None:
    found_here = orgs("由国家数据局和国家疾控局牵头，中央网信办配合。", "中华人民共和国")
    assert found_here["国家数据局"] == ("government-body", "国家数据局")
    assert found_here["国家疾控局"] == ("government-body", "国家疾病预防控制局")
    assert found_here["中央网信办"][0] == "party-organ"


def test_collective_bodies_carry_work() -> None:
    found_here = orgs("各市县政府要落实属地责任。", "广东省")
    assert found_here["各市县政府"] == ("government-body", "市县政府")


def test_an_academy_named_inside_its_institute() -> None:
    found_here = orgs("中国科学院大连化学物理研究所挂牌。", "辽宁省")
    assert "中国科学院大连化学物理研究所" in found_here
    assert found_here["中国科学院"][0] == "research-institute"


def test_companies_from_a_list_of_their_projects() -> None:
    found_here = found("推动宁德时代二期、赛力斯核心装置等重大项目投产。", "福建省")
    assert found_here["宁德时代"][:2] == ("organization", "company")
    assert found_here["赛力斯"][:2] == ("organization", "company")


def test_companies_from_a_business_verb() -> None:
    found_here = orgs("中信金租、招银理财开业运营。", "上海市")
    assert set(found_here) == {"中信金租", "招银理财"}


def test_counts_are_no_companies() -> None:
    assert orgs("新增规上企业120家、上市企业6家等。", "广东省") == {}


# ------------------------------------------------------------------- structure


def test_components_declare_what_they_read_in_order() -> None:
    added: set[str] = set()
    for component in COMPONENTS:
        assert set(component.reads) <= added, component.name
        added.add(component.adds)


def test_no_extractor_imports_another() -> None:
    folder = Path(__file__).resolve().parents[1] / "plankg" / "extract"
    extractors = {"places", "organizations", "projects", "slogans"}
    for name in extractors:
        tree = ast.parse((folder / f"{name}.py").read_text(encoding="utf-8"))
        imported = {node.module.rsplit(".", 1)[-1] for node in ast.walk(tree)
                    if isinstance(node, ast.ImportFrom) and node.module}
        imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                     for alias in node.names}
        assert not (imported & (extractors - {name})), name


def test_segmentation_is_jieba_s_without_hmm() -> None:
    words = [t.word for t in tk.segment("推进提质增效，建设C12-3/02地块。")]
    assert "提质" in words  # plan vocabulary from data/genre_words.tsv
    assert "C12-3/02" in words  # a code is one token
