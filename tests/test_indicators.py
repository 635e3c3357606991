"""The standard indicator vocabulary and linking written indicators to it."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF, SKOS

from plankg.extract.indicators import (
    IndicatorMatch,
    key_collisions,
    load_indicators,
    match_indicator,
    match_target,
)
from plankg.model import Document, Target
from plankg.namespaces import INDICATOR, PK, UNIT

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY / "indicators.ttl")


# --------------------------------------------------------------------------- vocabulary


def test_every_concept_is_complete_and_bilingual(graph: rdflib.Graph) -> None:
    concepts = set(graph.subjects(RDF.type, PK.Indicator))
    assert 40 <= len(concepts) <= 70
    assert len(load_indicators()) == len(concepts)
    for concept in concepts:
        assert (concept, RDF.type, SKOS.Concept) in graph
        assert (concept, SKOS.inScheme, INDICATOR.scheme) in graph
        notation = str(graph.value(concept, SKOS.notation))
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", notation)
        assert str(concept) == str(INDICATOR) + notation
        for prop in (SKOS.prefLabel, SKOS.definition):
            langs = sorted(v.language for v in graph.objects(concept, prop))
            assert langs == ["en", "zh"], (notation, prop)
        for broader in graph.objects(concept, SKOS.broader):
            assert (broader, RDF.type, PK.Indicator) in graph
        has_top = (concept, SKOS.topConceptOf, INDICATOR.scheme) in graph
        assert has_top != (graph.value(concept, SKOS.broader) is not None)


def test_default_units_exist_in_the_units_vocabulary(graph: rdflib.Graph) -> None:
    units = rdflib.Graph().parse(ONTOLOGY / "units.ttl")
    used = set(graph.objects(None, PK.defaultUnit))
    assert used, "some indicators must declare a default unit"
    for unit in used:
        assert str(unit).startswith(str(UNIT))
        assert (unit, SKOS.inScheme, UNIT.scheme) in units, unit


def test_labels_are_unique_and_only_hidden_labels_collide() -> None:
    indicators = load_indicators().values()
    pref = [i.zh for i in indicators]
    assert len(pref) == len(set(pref))
    visible = [label for i in indicators for label in (i.zh, *i.alt_labels)]
    assert len(visible) == len(set(visible))
    # Shared normalized forms come from hiddenLabels, and the unit dimension tells them apart.
    hidden = {label for i in indicators for label in i.hidden_labels}
    collisions = key_collisions()
    assert set(collisions) <= hidden
    table = load_indicators()
    for notations in collisions.values():
        units = {table[n].default_unit for n in notations}
        assert len(units) == len(notations)


def test_hierarchy_groups_components_under_totals() -> None:
    table = load_indicators()
    assert table["industrial-investment"].broader == ("fixed-asset-investment",)
    assert table["so2-emissions"].broader == ("major-pollutant-emissions",)
    assert table["rural-disposable-income"].broader == ("disposable-income",)
    assert table["high-speed-rail-length"].broader == ("railway-length",)
    assert table["gdp"].broader == ()


# --------------------------------------------------------------------------- matching

# Labels as other plans and reports write them (other places, levels and years).
POSITIVE = [
    ("全省地区生产总值增长6%左右", "percent", "gdp"),
    ("全区实现地区生产总值1200亿元", "CNY", "gdp"),
    ("GDP增长6.5%", "percent", "gdp"),
    ("经济增长6%", "percent", "gdp"),
    ("浙江省地区生产总值", "CNY", "gdp"),
    ("两江新区地区生产总值", "percent", "gdp"),
    ("2025年地区生产总值", "CNY", "gdp"),
    ("人均GDP", "CNY", "gdp-per-capita"),
    ("全市规上工业增加值增长8%", "percent", "industrial-value-added-above-size"),
    ("成都市规模以上工业增加值", "percent", "industrial-value-added-above-size"),
    ("规模工业增加值", "percent", "industrial-value-added-above-size"),
    ("规模以上工业总产值", "percent", "industrial-output-above-size"),
    ("规上工业总产值", "CNY", "industrial-output-above-size"),
    ("全社会固定资产投资增长10%", "percent", "fixed-asset-investment"),
    ("工业投资", "percent", "industrial-investment"),
    ("民间投资", "percent", "private-investment"),
    ("社会消费品零售总额增长8%", "percent", "retail-sales"),
    ("地方一般公共预算收入增长5%", "percent", "public-budget-revenue"),
    ("区级一般公共预算收入", "CNY", "public-budget-revenue"),
    ("一般公共预算收入与上年持平", "percent", "public-budget-revenue"),
    ("外贸进出口总额", "USD", "import-export"),
    ("货物贸易进出口", "CNY", "import-export"),
    ("出口总额增长5%", "percent", "exports"),
    ("实际使用外资金额", "USD", "fdi-utilized"),
    ("城镇新增就业5万人以上", "person", "new-urban-jobs"),
    ("新增就业", "person", "new-urban-jobs"),
    ("城镇新增就业人数", "person", "new-urban-jobs"),
    ("全国城镇调查失业率", "percent", "surveyed-urban-unemployment-rate"),
    ("城镇登记失业率控制在4%以内", "percent", "registered-urban-unemployment-rate"),
    ("居民消费价格涨幅控制在3%左右", "percent", "cpi"),
    ("居民消费价格上涨百分之三", "percent", "cpi"),
    ("CPI", "percent", "cpi"),
    ("城镇居民人均可支配收入", "CNY", "urban-disposable-income"),
    ("农村常住居民人均可支配收入增长9%", "percent", "rural-disposable-income"),
    ("全体居民人均可支配收入", "CNY", "disposable-income"),
    ("全社会研发经费支出占地区生产总值比重", "percent", "rd-intensity"),
    ("全社会研发经费支出占比", "percent", "rd-intensity"),
    ("全社会研发投入占GDP比重达到2.5%", "percent", "rd-intensity"),
    ("R&D经费投入强度", "percent", "rd-intensity"),
    ("研发经费投入增长", "percent", "rd-expenditure"),
    ("单位GDP能耗", "percent", "energy-intensity"),
    ("单位国内生产总值能耗", "percent", "energy-intensity"),
    ("万元GDP能耗下降3%", "percent", "energy-intensity"),
    ("单位地区生产总值能源消耗降低", "percent", "energy-intensity"),
    ("单位GDP二氧化碳排放降低", "percent", "carbon-intensity"),
    ("非化石能源消费比重", "percent", "non-fossil-energy-share"),
    ("二氧化硫排放总量", "percent", "so2-emissions"),
    ("细颗粒物（PM2.5）平均浓度", "ug/m3", "pm25-concentration"),
    ("地级及以上城市细颗粒物（PM2.5）浓度", "percent", "pm25-concentration"),
    ("PM2.5浓度下降到35微克/立方米", "ug/m3", "pm25-concentration"),
    ("城市空气质量优良天数比例达到85%", "percent", "good-air-quality-ratio"),
    ("地表水水质优良（达到或好于Ⅲ类）比例", "percent", "surface-water-quality"),
    ("森林覆盖率达到55%", "percent", "forest-coverage"),
    ("十四五期末森林覆盖率", "percent", "forest-coverage"),
    ("粮食产量", "jin", "grain-output"),
    ("粮食总产量稳定在500万吨以上", "t", "grain-output"),
    ("新建高标准农田", "mu", "high-standard-farmland"),
    ("农村贫困人口减少", "person", "rural-poor-population"),
    ("常住人口城镇化率", "percent", "urbanization-rate"),
    ("到2025年常住人口城镇化率", "percent", "urbanization-rate"),
    ("新认定高新技术企业", "count", "high-tech-enterprises"),
    ("每万人口高价值发明专利拥有量", "count", "high-value-patents-per-10k"),
    ("每万人发明专利拥有量", "count", "invention-patents-per-10k"),
    ("数字经济核心产业增加值占GDP比重", "percent", "digital-economy-share"),
    ("新建5G基站2000个", "count", "base-stations-5g"),
    ("居民人均预期寿命达到79岁", "year", "life-expectancy"),
    ("基本养老保险参保率", "percent", "pension-insurance-coverage"),
    ("新开工改造城镇老旧小区", "count", "old-community-renovation"),
    ("棚改", "count", "shantytown-renovation"),
    ("高铁营业里程", "km", "high-speed-rail-length"),
    ("高速公路通车里程", "km", "expressway-length"),
    ("新改建农村公路", "km", "rural-roads"),
    ("国家财政性教育经费占GDP比例", "percent", "education-spending-share"),
    ("赤字率", "percentage-point", "deficit-ratio"),
    ("专项债", "CNY", "special-bonds"),
]


@pytest.mark.parametrize(("label", "unit", "notation"), POSITIVE)
def test_written_indicators_link_to_their_concept(label: str, unit: str, notation: str) -> None:
    match = match_indicator(label, unit)
    assert match is not None, label
    assert match.notation == notation
    assert match.iri == str(INDICATOR) + notation
    assert match.zh == load_indicators()[notation].zh


NEGATIVE = [
    ("市级重点项目", "count"),
    ("扬尘示范工地", "count"),
    ("软件企业", "count"),
    ("国际航线", "count"),
    ("科技型中小企业", "count"),
    ("新增市场主体", "count"),
    ("项目开工率", "percent"),
    # a narrower figure than the standard one: no link rather than a wrong one
    ("中央财政赤字", "CNY"),
    ("户籍人口城镇化率", "percent"),
    ("贫困地区农村居民人均可支配收入", "percent"),
    ("城乡居民基本养老保险参保率", "percent"),
    ("外资企业进出口总额", "USD"),
    ("农产品出口", "USD"),
    ("企业税收", "CNY"),
    ("单位工业增加值能耗", "percent"),
    ("数字经济核心产业增加值", "percent"),  # growth of the numerator, not the share
    ("老旧小区改造投资", "CNY"),
    ("高铁站", "count"),
    ("进出口银行", None),
    ("服务业对经济增长贡献率", "percent"),
    ("二氧化碳排放", "percent"),  # total or per unit of GDP? not said
]


@pytest.mark.parametrize(("label", "unit"), NEGATIVE)
def test_other_quantities_are_not_linked(label: str, unit: str | None) -> None:
    assert match_indicator(label, unit) is None


def test_a_unit_of_another_dimension_refuses_the_link() -> None:
    assert match_indicator("森林覆盖率", "percent") is not None
    assert match_indicator("森林覆盖率", "mu") is None
    assert match_indicator("高速公路", "km") is not None
    assert match_indicator("高速公路", "CNY") is None
    assert match_indicator("城镇调查失业率", "CNY") is None
    # a percent always fits: growth of a money amount
    assert match_indicator("实际利用外资", "percent") is not None


def test_the_unit_tells_days_from_the_ratio_of_good_air_days() -> None:
    days = match_indicator("空气质量优良天数", "day")
    ratio = match_indicator("全区空气质量优良天数达到90%以上", "percent")
    unknown = match_indicator("空气质量优良天数")
    assert days is not None and days.notation == "good-air-quality-days"
    assert ratio is not None and ratio.notation == "good-air-quality-ratio"
    assert unknown is not None and unknown.notation == "good-air-quality-days"
    assert match_indicator("优良天数", "CNY") is None


def test_rule_and_score_say_how_the_link_was_made() -> None:
    exact = match_indicator("粮食产量")
    normalized = match_indicator("国家财政性教育经费占GDP比例")
    contained = match_indicator("重庆市渝北区地区生产总值")
    assert exact is not None and (exact.rule, exact.score) == ("exact", 1.0)
    assert normalized is not None and normalized.rule == "normalized"
    assert contained is not None and contained.rule == "contains"
    assert exact.score > normalized.score > contained.score
    with pytest.raises(dataclasses.FrozenInstanceError):
        exact.score = 0.5  # type: ignore[misc]
    assert isinstance(exact, IndicatorMatch)


def _target(indicator: str, value: str, unit: str, unit_normalized: str) -> Target:
    return Target(
        indicator=indicator,
        value=value,
        unit=unit,
        comparator="=",
        value_normalized=None,
        unit_normalized=unit_normalized,
        start=0,
        end=len(indicator) + len(value),
        indicator_start=0,
        indicator_end=len(indicator),
        rule="test",
    )


def test_match_target_uses_the_written_indicator_and_its_unit() -> None:
    jobs = match_target(_target("新增就业", "3万", "人", "person"))
    air_ratio = match_target(_target("空气质量优良天数", "90", "%", "percent"))
    assert jobs is not None and jobs.notation == "new-urban-jobs"
    assert air_ratio is not None and air_ratio.notation == "good-air-quality-ratio"
    assert match_target(_target("森林覆盖率", "2万", "亩", "mu")) is None


# --------------------------------------------------------------------------- corpus


# Standard indicators these documents state, and local tasks that are none.
CORPUS_EXPECTED: dict[str, dict[str, str | None]] = {
    "yubei-2020-plan": {
        "地区生产总值": "gdp",
        "规模以上工业总产值": "industrial-output-above-size",
        "固定资产投资": "fixed-asset-investment",
        "社会消费品零售总额": "retail-sales",
        "全社会研发经费支出占地区生产总值比重": "rd-intensity",
        "空气质量优良天数": "good-air-quality-days",
        "实际利用外资": "fdi-utilized",
        "进出口总额": "import-export",
        "城镇新增就业": "new-urban-jobs",
        "扬尘示范工地": None,
        "软件企业": None,
        "国际航线": None,
        "市级重点项目": None,
        "项目开工率": None,
    },
    "state-council-work-report-2019": {
        "国内生产总值": "gdp",
        "居民消费价格涨幅": "cpi",
        "城镇登记失业率": "registered-urban-unemployment-rate",
        "单位国内生产总值能耗": "energy-intensity",
        "氨氮排放量": "ammonia-nitrogen-emissions",
        "高速铁路运营里程": "high-speed-rail-length",
        "赤字率": "deficit-ratio",
        "中央财政赤字": None,
        "外汇储备": None,
    },
    "state-council-work-report-2021": {
        "经济增速": "gdp",
        "城镇调查失业率": "surveyed-urban-unemployment-rate",
        "常住人口城镇化率": "urbanization-rate",
        "森林覆盖率": "forest-coverage",
        "人均预期寿命": "life-expectancy",
        "城镇老旧小区": "old-community-renovation",
        "中央预算内投资": None,
    },
}


@pytest.mark.parametrize("doc_id", sorted(CORPUS_EXPECTED))
def test_bundled_documents_link_their_standard_indicators(
    corpus_documents: dict[str, Document], doc_id: str
) -> None:
    found: dict[str, set[str | None]] = {}
    for _, target in corpus_documents[doc_id].targets:
        match = match_target(target)
        found.setdefault(target.indicator, set()).add(match.notation if match else None)
    expected = CORPUS_EXPECTED[doc_id]
    present = [label for label in expected if label in found]
    # The target extractor evolves; most of these labels must still come out of it.
    assert len(present) >= 0.8 * len(expected), sorted(set(expected) - set(found))
    for label in present:
        assert found[label] == {expected[label]}, label
