"""Target extraction and reported-outcome detection.

Sentences come from the bundled corpus and, as often, from the same genre elsewhere (written
for these tests in the style of provincial, municipal and county plans and work reports).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plankg.extract.targets import extract_targets, is_reported_outcome
from plankg.extract.targets.outcome import Timeline, opens_in_past, plan_period
from plankg.model import Target

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

Row = tuple[str, str, str, str, float | None, str]


def rows(sentence: str, *, reported: bool = False) -> list[Row]:
    return [
        (t.indicator, t.value, t.unit, t.comparator, t.value_normalized, t.unit_normalized)
        for t in extract_targets(sentence, reported=reported)
    ]


def one(sentence: str) -> Target:
    targets = extract_targets(sentence)
    assert len(targets) == 1, [t.indicator for t in targets]
    return targets[0]


def _clean(text: str) -> str:
    """The parts of plankg.clean these tests rely on (kept local so they test this module only):
    zero-width characters out, full-width digits and % to ASCII, ASCII punctuation next to CJK
    to full width, single line breaks inside a paragraph joined."""
    text = re.sub("[\u200b\u200c\u200d\u2060\ufeff]", "", text)
    text = text.translate({0xFF10 + i: ord("0") + i for i in range(10)} | {0xFF05: ord("%")})
    text = re.sub(r"(?<=[\u4e00-\u9fff”）]),|,(?=[\u4e00-\u9fff“（])", "，", text)
    text = re.sub(r"(?<=[\u4e00-\u9fff]):|:(?=[\u4e00-\u9fff])", "：", text)
    text = re.sub(r"\(([^()]*)\)", r"（\1）", text)
    return re.sub(r"(?<=[^\n。；！？：])\n(?=[^\n])", "", text)


def _paragraph(name: str, marker: str) -> str:
    text = _clean((CORPUS / name).read_text(encoding="utf-8"))
    start = text.index(marker)
    end = text.find("\n", start)
    return text[start : end if end >= 0 else len(text)]


# --------------------------------------------------------------- brief examples


def test_growth_percent() -> None:
    t = one("地区生产总值增长3%")
    assert (t.indicator, t.value, t.unit, t.comparator) == ("地区生产总值", "3", "%", "=")
    assert (t.value_normalized, t.unit_normalized, t.change) == (3.0, "percent", "increase")
    assert t.rule == "target:indicator-change-percent"
    assert t.kind == "target"
    assert (t.start, t.end, t.indicator_start, t.indicator_end) == (0, 10, 0, 6)


@pytest.mark.parametrize(
    ("sentence", "comparator"),
    [
        ("规模以上工业总产值增长6%左右", "~"),
        ("工业投资增长10%以上", ">="),
        ("出口额增长超过8%", ">"),
        ("技术合同成交额高于30亿元", ">"),
        ("地方财政收入增长不低于5%", ">="),
        ("新增就业不少于1.2万人", ">="),
        ("研发投入至少增长10%", ">="),
        ("城镇登记失业率4.5%以内", "<="),
        ("城镇登记失业率控制在4%以内", "<="),
        ("居民消费价格涨幅不超过3%", "<="),
        ("万元工业增加值用水量控制在15立方米以下", "<="),
        ("重大安全事故起数低于5起", "<"),
        ("农村贫困发生率少于1%", "<"),
        ("居民消费价格涨幅约3%", "~"),
        ("全年减税降费大约2万亿元", "~"),
        ("国内生产总值增长6%－6.5%", "range"),
        ("新建改建高速公路6000多公里", ">"),
    ],
)
def test_comparators(sentence: str, comparator: str) -> None:
    assert one(sentence).comparator == comparator


def test_range_target() -> None:
    t = one("今年经济社会发展的主要预期目标是：国内生产总值增长6%－6.5%；")
    assert (t.indicator, t.value, t.unit, t.comparator) == (
        "国内生产总值",
        "6%－6.5%",
        "%",
        "range",
    )
    assert (t.value_normalized, t.value_max_normalized) == (6.0, 6.5)
    t = one("固定资产投资增长8-9%")
    assert (t.value, t.unit, t.value_normalized, t.value_max_normalized) == ("8-9", "%", 8.0, 9.0)


def test_share_with_multiplier_and_measure_word() -> None:
    assert rows("全社会研发经费支出占比3.5%以上；新增就业5万人以上") == [
        ("全社会研发经费支出占比", "3.5", "%", ">=", 3.5, "percent"),
        ("新增就业", "5万", "人", ">=", 50_000.0, "person"),
    ]


@pytest.mark.parametrize(
    ("sentence", "indicator", "value", "unit", "normalized", "unit_normalized"),
    [
        ("完成经果林6.12万亩", "经果林", "6.12万", "亩", 61_200.0, "mu"),
        ("全面完成村社便道硬化430公里建设任务", "村社便道硬化", "430", "公里", 430.0, "km"),
        ("实施农村旧房整治提升3700户", "农村旧房整治提升", "3700", "户", 3700.0, "household"),
        (
            "职工养老、失业、工伤保险新增参保3万人次",
            "职工养老、失业、工伤保险新增参保",
            "3万",
            "人次",
            30_000.0,
            "person-time",
        ),
        ("国际航线达到100条", "国际航线", "100", "条", 100.0, "count"),
        ("粮食产量保持在1.3万亿斤以上", "粮食产量", "1.3万亿", "斤", 1.3e12, "jin"),
        ("城镇新增就业1100万人以上", "城镇新增就业", "1100万", "人", 1.1e7, "person"),
        ("确保全年实际利用外资达到20亿美元", "实际利用外资", "20亿", "美元", 2e9, "USD"),
        ("建成安置房17万平方米", "安置房", "17万", "平方米", 170_000.0, "m2"),
        ("新增光伏装机50万千瓦", "光伏装机", "50万", "千瓦", 500_000.0, "kW"),
        ("新增储能装机200兆瓦", "储能装机", "200", "兆瓦", 200.0, "MW"),
        ("港口货物吞吐量达到1.2亿吨", "港口货物吞吐量", "1.2亿", "吨", 1.2e8, "t"),
        ("新建污水管网120千米", "污水管网", "120", "千米", 120.0, "km"),
        ("新增公共绿地5000㎡", "公共绿地", "5000", "㎡", 5000.0, "m2"),
        ("新建蓄水池3万立方米", "蓄水池", "3万", "立方米", 30_000.0, "m3"),
        ("完成河道清淤5000方", "河道清淤", "5000", "方", 5000.0, "m3"),
        ("推广新能源公交车300辆", "推广新能源公交车", "300", "辆", 300.0, "vehicle"),
        ("新增养老床位800张", "养老床位", "800", "张", 800.0, "count"),
        (
            "劳动年龄人口平均受教育年限提高到11.3年",
            "劳动年龄人口平均受教育年限",
            "11.3",
            "年",
            11.3,
            "year",
        ),
        ("审批时限压缩至5个工作日以内", "审批时限", "5", "个工作日", 5.0, "day"),
        ("城镇化率提高1.2个百分点", "城镇化率", "1.2", "个百分点", 1.2, "percentage-point"),
    ],
)
def test_units(
    sentence: str, indicator: str, value: str, unit: str, normalized: float, unit_normalized: str
) -> None:
    t = one(sentence)
    assert (t.indicator, t.value, t.unit) == (indicator, value, unit)
    assert t.value_normalized == pytest.approx(normalized)
    assert t.unit_normalized == unit_normalized


def test_air_quality_days() -> None:
    t = one("确保空气质量优良天数大于300天，主要污染物减排达到约束性要求。")
    assert (t.indicator, t.comparator, t.value_normalized, t.unit_normalized) == (
        "空气质量优良天数",
        ">",
        300.0,
        "day",
    )
    # 约束性 belongs to another clause: it does not make this target binding
    assert t.binding is None


def test_count_of_object_after_the_number() -> None:
    t = one("围绕大数据、云计算等相关产业，新引进50家软件企业落户发展。")
    assert (t.indicator, t.value, t.unit, t.unit_normalized, t.change) == (
        "软件企业",
        "50",
        "家",
        "count",
        "increase",
    )
    assert t.rule.startswith("target:object-")
    t = one("切实开展长江入河排污口治理试点，完成2处水源地规范化建设。")
    assert (t.indicator, t.value_normalized, t.unit_normalized) == (
        "水源地规范化建设",
        2.0,
        "count",
    )


def test_series_of_objects() -> None:
    assert rows("新增5个公共停车场（楼）、1050个公共停车位，新建盘溪河山城步道。") == [
        ("公共停车场", "5", "个", "=", 5.0, "count"),
        ("公共停车位", "1050", "个", "=", 1050.0, "count"),
    ]
    assert [r[0] for r in rows("继续巩固和创建扬尘示范工地20个、示范道路20条")] == [
        "扬尘示范工地",
        "示范道路",
    ]


def test_shared_value_splits_rates() -> None:
    targets = extract_targets("确保项目开工率和投资完成率超过85%，年度投资规模保持全市前列。")
    assert [(t.indicator, t.comparator, t.value_normalized) for t in targets] == [
        ("项目开工率", ">", 85.0),
        ("投资完成率", ">", 85.0),
    ]
    targets = extract_targets(
        "今年二氧化硫、氮氧化物排放量要下降3%，重点地区细颗粒物浓度继续下降。"
    )
    assert [(t.indicator, t.change) for t in targets] == [
        ("二氧化硫排放量", "decrease"),
        ("氮氧化物排放量", "decrease"),
    ]
    # the completed head noun is not in the text: the span covers the conjunct as written
    first = targets[0]
    assert first.indicator_end - first.indicator_start == len("二氧化硫")


def test_shared_count_is_one_total() -> None:
    t = one("新培育家庭农场、专业合作社15家")
    assert (t.indicator, t.value_normalized) == ("家庭农场、专业合作社", 15.0)


def test_respectively_pairs_values() -> None:
    targets = extract_targets("单位国内生产总值能耗和二氧化碳排放分别降低13.5%、18%。")
    assert [(t.indicator, t.value_normalized, t.change) for t in targets] == [
        ("单位国内生产总值能耗", 13.5, "decrease"),
        ("二氧化碳排放", 18.0, "decrease"),
    ]


def test_national_targets_of_the_brief() -> None:
    assert rows("城镇调查失业率5.5%左右，城镇登记失业率4.5%以内；居民消费价格涨幅3%左右") == [
        ("城镇调查失业率", "5.5", "%", "~", 5.5, "percent"),
        ("城镇登记失业率", "4.5", "%", "<=", 4.5, "percent"),
        ("居民消费价格涨幅", "3", "%", "~", 3.0, "percent"),
    ]
    t = one("单位国内生产总值能耗下降3%左右")
    assert (t.indicator, t.change, t.comparator) == ("单位国内生产总值能耗", "decrease", "~")
    # unit implied by 人口: written unit "" (documented choice), normalized person
    t = one("农村贫困人口减少1000万以上")
    assert (t.indicator, t.value, t.unit, t.unit_normalized, t.change, t.comparator) == (
        "农村贫困人口",
        "1000万",
        "",
        "person",
        "decrease",
        ">=",
    )


def test_money_object_after_yearly_amount() -> None:
    t = one("用好用活区级安排的每年2亿元工业和信息化发展专项资金")
    assert (t.indicator, t.value, t.unit, t.value_normalized, t.unit_normalized) == (
        "工业和信息化发展专项资金",
        "2亿",
        "元",
        2e8,
        "CNY",
    )


def test_duration_year_is_a_target_but_calendar_year_is_not() -> None:
    t = one("对脱贫县从脱贫之日起设立5年过渡期")
    assert (t.indicator, t.value_normalized, t.unit_normalized) == ("过渡期", 5.0, "year")
    assert extract_targets("2020年是全面建成小康社会和“十三五”规划收官之年") == []


def test_fractions_and_percent_words() -> None:
    t = one("工业生产许可证种类压减三分之一以上")
    assert (t.value, t.unit, t.unit_normalized, t.comparator, t.change) == (
        "三分之一",
        "",
        "percent",
        ">=",
        "decrease",
    )
    assert t.value_normalized == pytest.approx(100 / 3)
    t = one("农村生活污水治理率提高百分之五")
    assert (t.value, t.value_normalized, t.unit_normalized) == ("百分之五", 5.0, "percent")


def test_chinese_numerals_governed_by_a_quantity_verb() -> None:
    assert rows("新建两所中学、三所幼儿园，新增两万个就业岗位。") == [
        ("中学", "两", "所", "=", 2.0, "count"),
        ("幼儿园", "三", "所", "=", 3.0, "count"),
        ("就业岗位", "两万", "个", "=", 20_000.0, "count"),
    ]
    t = one("全县新建农村公路三千公里")
    assert (t.value, t.value_normalized, t.unit_normalized) == ("三千", 3000.0, "km")


def test_baseline_is_not_a_target() -> None:
    t = one("报销比例由50%提高到60%")
    assert (t.indicator, t.value_normalized, t.change) == ("报销比例", 60.0, "level")
    t = one("城乡居民基础养老金最低标准从每月70元提高到88元")
    assert (t.indicator, t.value_normalized, t.unit_normalized) == (
        "城乡居民基础养老金最低标准",
        88.0,
        "CNY",
    )
    t = one("将制造业等行业现行16%的税率降至13%")
    assert t.value_normalized == 13.0


def test_inherited_indicator() -> None:
    assert [
        (t.indicator, t.value_normalized, t.change, t.rule)
        for t in extract_targets("今年财政支出超过23万亿元，增长6.5%。")
    ] == [
        ("财政支出", 2.3e13, "level", "target:indicator-compare-money"),
        ("财政支出", 6.5, "increase", "target:inherited-change-percent"),
    ]
    targets = extract_targets("今年拟安排地方政府专项债券2.15万亿元，比去年增加8000亿元。")
    assert [(t.indicator, t.value_normalized, t.change) for t in targets] == [
        ("地方政府专项债券", 2.15e12, "level"),
        ("地方政府专项债券", 8e11, "increase"),
    ]
    t = one("下调城镇职工基本养老保险单位缴费比例，各地可降至16%。")
    assert t.indicator == "城镇职工基本养老保险单位缴费比例"


def test_period_words_are_not_indicators() -> None:
    targets = extract_targets("全市GDP同比增长8.2%，两年平均增长5.1%，实现7×24小时不打烊。")
    assert [(t.indicator, t.value_normalized, t.rule) for t in targets] == [
        ("GDP", 8.2, "target:indicator-change-percent"),
        ("GDP", 5.1, "target:inherited-change-percent"),
    ]


def test_latin_grade_names_inside_an_indicator() -> None:
    t = one("新增3A级旅游景区5个。")
    assert (t.indicator, t.value_normalized, t.change) == ("3A级旅游景区", 5.0, "increase")


def test_flat_revenue() -> None:
    t = one("一般公共预算收入与上年持平")
    assert (t.indicator, t.value, t.value_normalized, t.unit_normalized) == (
        "一般公共预算收入",
        "持平",
        0.0,
        "percent",
    )


def test_binding() -> None:
    targets = extract_targets(
        "单位地区生产总值能耗下降3%（约束性），地区生产总值增长6%（预期性）。"
    )
    assert [(t.indicator, t.binding) for t in targets] == [
        ("单位地区生产总值能耗", "binding"),
        ("地区生产总值", "expected"),
    ]
    t = one("约束性指标：森林覆盖率达到55%。")
    assert t.binding == "binding"
    assert one("森林覆盖率达到55%。").binding is None


def test_reported_kind_and_rule() -> None:
    targets = extract_targets("国内生产总值增长6.6%，总量突破90万亿元。", reported=True)
    assert [(t.indicator, t.kind, t.comparator, t.unit_normalized) for t in targets] == [
        ("国内生产总值", "outcome", "=", "percent"),
        ("总量", "outcome", ">", "CNY"),
    ]
    assert all(t.rule.startswith("outcome:") for t in targets)


def test_offsets_point_into_the_sentence() -> None:
    sentence = (
        "力争创新生态圈聚集优质会员达250家以上，新增市级科技项目2个以上，新培育科技型企业100家。"
    )
    targets = extract_targets(sentence)
    assert [t.indicator for t in targets] == [
        "创新生态圈聚集优质会员",
        "市级科技项目",
        "科技型企业",
    ]
    for t in targets:
        assert sentence[t.indicator_start : t.indicator_end] == t.indicator
        assert t.value in sentence[t.start : t.end]
        assert t.start <= t.indicator_start and t.indicator_end <= t.end


# --------------------------------------------------------------- negatives


@pytest.mark.parametrize(
    "sentence",
    [
        "现就2020年全区经济社会发展提出如下计划。",
        "——2021年3月5日在第十三届全国人民代表大会第四次会议上。",
        "重庆市渝北区人民政府办公室2020年7月11日印发，渝北府办发〔2020〕21号。",
        "为“十四五”发展和实现第二个百年奋斗目标打好基础，编制十四五规划。",
        "做好“六稳”工作、落实“六保”任务，按照“两不愁、三保障”要求推进。",
        "配合市里加快推进“1+12”“2+16”合作协议落地实施，完善“1+3+5+10+N”创新生态圈体系。",
        "加快推进渝北、长寿、广安、垫江两地四方经济协作，全力打造五个千亿级产业集群。",
        "助推T3B航站楼和第四跑道早日开工，在5G领域培育新产业链，建成一批汽车4S店。",
        "重点地区细颗粒物（PM2.5）浓度继续下降，广义货币M2增速与名义增速相匹配。",
        "加快核心区D6F等地块开发建设，开展E88-2/01场地调查，开工建设洛碛码头一期。",
        "完成铜锣山矿山地质环境恢复567期项目。",
        "实现第一个百年奋斗目标，全面贯彻党的十九届四中全会精神。",
        "以优异成绩庆祝中国共产党成立100周年，庆祝新中国成立70周年。",
        "一是坚决打好精准脱贫攻坚战。",
        "（一）坚决打好“三大攻坚战”，确保取得决定性胜利。",
        "落实市20条、40条以及区10条等抗疫惠企政策措施，全面落实国十条。",
        "实施城市综合管理七大工程，在“巩固、增强、提升、畅通”八个字上下功夫。",
        "我国有上亿市场主体，千方百计扩大就业，落实长江十年禁渔。",
        "两年内基本取消全国高速公路省界收费站。",
        "保障好14亿人的粮食安全。",
        "对小微企业年应纳税所得额不到100万元的部分，再减半征收所得税。",
        "开通地铁3号线，建设9号楼。",
        "进出口总额保持平稳增长，城乡居民收入稳定增长。",
    ],
)
def test_not_targets(sentence: str) -> None:
    assert extract_targets(sentence) == []


def test_no_number_inside_names_or_quotes_even_with_targets_nearby() -> None:
    targets = extract_targets("持续完善“1+3+5+10+N”创新生态圈体系，建成5G基站3000个。")
    assert [(t.indicator, t.value_normalized) for t in targets] == [("5G基站", 3000.0)]


# --------------------------------------------------------------- genre, beyond the corpus


def test_county_plan_paragraph() -> None:
    sentence = (
        "全县生产总值比上年增长8%，其中第一产业增加值增长4%，规模以上工业增加值增长9%左右，"
        "一般公共预算收入增长5%，城镇常住居民人均可支配收入增长7%，城镇登记失业率控制在4.2%以内。"
    )
    assert [
        (t.indicator, t.comparator, t.value_normalized, t.change) for t in extract_targets(sentence)
    ] == [
        ("生产总值", "=", 8.0, "increase"),
        ("第一产业增加值", "=", 4.0, "increase"),
        ("规模以上工业增加值", "~", 9.0, "increase"),
        ("一般公共预算收入", "=", 5.0, "increase"),
        ("城镇常住居民人均可支配收入", "=", 7.0, "increase"),
        ("城镇登记失业率", "<=", 4.2, "level"),
    ]


def test_provincial_five_year_targets() -> None:
    targets = extract_targets(
        "到2025年，全省研发经费投入强度达到2.5%，每万人口高价值发明专利拥有量达到8件，"
        "港口集装箱吞吐量达到120万标箱，机场旅客吞吐量突破1500万人次。"
    )
    assert [
        (t.indicator, t.value_normalized, t.unit_normalized, t.comparator) for t in targets
    ] == [
        ("研发经费投入强度", 2.5, "percent", "="),
        ("每万人口高价值发明专利拥有量", 8.0, "count", "="),
        ("港口集装箱吞吐量", 1.2e6, "TEU", "="),
        ("机场旅客吞吐量", 1.5e7, "person-time", ">"),
    ]


def test_city_work_report_tasks() -> None:
    targets = extract_targets(
        "实施老旧小区改造280个，新建公办幼儿园15所，新增学位5400个，完成造林绿化面积3.2万公顷。"
    )
    assert [(t.indicator, t.value_normalized, t.unit_normalized) for t in targets] == [
        ("老旧小区改造", 280.0, "count"),
        ("公办幼儿园", 15.0, "count"),
        ("新增学位", 5400.0, "count"),
        ("造林绿化面积", 32_000.0, "ha"),
    ]


# --------------------------------------------------------------- the corpus


def test_state_council_2019_main_targets() -> None:
    paragraph = _paragraph("state-council-work-report-2019.txt", "今年经济社会发展的主要预期目标是")
    assert [
        (
            t.indicator,
            t.value,
            t.unit,
            t.comparator,
            t.value_normalized,
            t.unit_normalized,
            t.change,
        )
        for t in extract_targets(paragraph)
    ] == [
        ("国内生产总值", "6%－6.5%", "%", "range", 6.0, "percent", "increase"),
        ("城镇新增就业", "1100万", "人", ">=", 1.1e7, "person", "increase"),
        ("城镇调查失业率", "5.5", "%", "~", 5.5, "percent", "level"),
        ("城镇登记失业率", "4.5", "%", "<=", 4.5, "percent", "level"),
        ("居民消费价格涨幅", "3", "%", "~", 3.0, "percent", "level"),
        ("农村贫困人口", "1000万", "", ">=", 1e7, "person", "decrease"),
        ("单位国内生产总值能耗", "3", "%", "~", 3.0, "percent", "decrease"),
    ]


def test_state_council_2021_main_targets() -> None:
    paragraph = _paragraph("state-council-work-report-2021.txt", "今年发展主要预期目标是")
    assert [
        (t.indicator, t.value, t.unit, t.comparator, t.value_normalized, t.unit_normalized)
        for t in extract_targets(paragraph)
    ] == [
        ("国内生产总值", "6", "%", ">=", 6.0, "percent"),
        ("城镇新增就业", "1100万", "人", ">=", 1.1e7, "person"),
        ("城镇调查失业率", "5.5", "%", "~", 5.5, "percent"),
        ("居民消费价格涨幅", "3", "%", "~", 3.0, "percent"),
        ("单位国内生产总值能耗", "3", "%", "~", 3.0, "percent"),
        ("粮食产量", "1.3万亿", "斤", ">=", 1.3e12, "jin"),
    ]


def test_yubei_expected_targets() -> None:
    paragraph = _paragraph("yubei-2020-plan.txt", "地区生产总值增长3%")
    assert [
        (t.indicator, t.value, t.unit, t.comparator, t.value_normalized)
        for t in extract_targets(paragraph)
    ] == [
        ("地区生产总值", "3", "%", "=", 3.0),
        ("规模以上工业总产值", "6", "%", "~", 6.0),
        ("固定资产投资", "3", "%", "=", 3.0),
        ("工业投资", "10", "%", ">=", 10.0),
        ("社会消费品零售总额", "5", "%", "=", 5.0),
        ("一般公共预算收入", "持平", "", "=", 0.0),
        ("全社会研发经费支出占比", "3.5", "%", ">=", 3.5),
        ("新增就业", "5万", "人", ">=", 50_000.0),
    ]


def test_yubei_whole_plan() -> None:
    text = _clean((CORPUS / "yubei-2020-plan.txt").read_text(encoding="utf-8"))
    found = {
        (t.indicator, t.value_normalized, t.unit_normalized)
        for sentence in re.findall(r"[^。\n]+", text)
        for t in extract_targets(sentence)
    }
    expected = {
        ("经果林", 61_200.0, "mu"),
        ("村社便道硬化", 430.0, "km"),
        ("农村旧房整治提升", 3700.0, "household"),
        ("空气质量优良天数", 300.0, "day"),
        ("水源地规范化建设", 2.0, "count"),
        ("软件企业", 50.0, "count"),
        ("项目开工率", 85.0, "percent"),
        ("投资完成率", 85.0, "percent"),
        ("国际航线", 100.0, "count"),
        ("实际利用外资", 2e9, "USD"),
        ("进出口总额", 1.5e11, "CNY"),
        ("工业和信息化发展专项资金", 2e8, "CNY"),
        ("职工养老、失业、工伤保险新增参保", 30_000.0, "person-time"),
        ("安置房", 170_000.0, "m2"),
        ("离校未就业高校毕业生就业率", 90.0, "percent"),
    }
    assert expected <= found
    assert 45 <= len(found) <= 55
    # nothing from the header (document number, date), names with digits or policy nicknames
    assert not {v for _, v, _ in found} & {2020.0, 2020711.0, 21.0, 567.0, 40.0}


def test_review_figures_are_outcomes() -> None:
    sentence = "国内生产总值增长6.6%，总量突破90万亿元。"
    headings = ["一、2018年工作回顾"]
    assert is_reported_outcome(sentence, headings, 2019)
    targets = extract_targets(sentence, reported=True)
    assert targets[0].kind == "outcome"
    assert (targets[0].indicator, targets[0].value_normalized) == ("国内生产总值", 6.6)


# --------------------------------------------------------------- reported outcomes

MIXED = ["二、“十三五”时期发展成就和“十四五”时期主要目标任务"]


@pytest.mark.parametrize(
    ("sentence", "headings", "year"),
    [
        ("国内生产总值增长6.6%，总量突破90万亿元。", ["一、2018年工作回顾"], 2019),
        ("全年实现地区生产总值1200亿元、增长6.8%。", ["一、2020年工作回顾"], 2021),
        ("全区固定资产投资增长8.2%。", ["一、2019年计划执行情况"], 2020),
        ("过去一年，全区地区生产总值增长5.2%，一般公共预算收入增长3.1%。", [], 2021),
        ("去年全市城镇新增就业6.3万人，城镇登记失业率控制在3.8%。", ["二、2021年工作安排"], 2021),
        ("“十三五”时期，全省森林覆盖率提高到46%。", [], 2021),
        ("2019年全县粮食产量达到了52万吨。", [], 2020),
        ("1亿农业转移人口在城镇落户目标顺利实现，城镇棚户区住房改造超过2100万套。", MIXED, 2021),
        ("国内生产总值从不到70万亿元增加到超过100万亿元。", MIXED, 2021),
    ],
)
def test_reported(sentence: str, headings: list[str], year: int) -> None:
    assert is_reported_outcome(sentence, headings, year)


@pytest.mark.parametrize(
    ("sentence", "headings", "year"),
    [
        ("今年全区地区生产总值增长6%左右。", ["二、2021年工作安排"], 2021),
        ("主要预期目标是：地区生产总值增长7%。", [], 2021),
        ("力争全年实际利用外资达到20亿美元。", [], 2020),
        ("到2025年，森林覆盖率达到55%。", MIXED, 2021),
        ("常住人口城镇化率提高到65%。", MIXED, 2021),
        ("今年拟安排地方政府专项债券2.15万亿元，比去年增加8000亿元。", [], 2019),
        ("对地方一般性转移支付增长7.8%、增幅明显高于去年。", ["（一）保持宏观政策连续性"], 2021),
        ("一般公共预算收入与上年持平。", ["二、预期目标"], 2020),
        ("新建5G基站3000个。", ["三、2021年重点工作"], 2021),
        (
            "在充分肯定成绩的同时，要清醒看到我国发展面临的问题和挑战。",
            ["一、2018年工作回顾"],
            2019,
        ),
    ],
)
def test_not_reported(sentence: str, headings: list[str], year: int) -> None:
    assert not is_reported_outcome(sentence, headings, year)


def test_reported_from_paragraph_context() -> None:
    sentence = "人民生活水平持续改善，城镇新增就业超过6000万人。"
    assert not is_reported_outcome(sentence, MIXED, 2021)
    opening = "过去五年，我国经济社会发展取得新的历史性成就。"
    assert opens_in_past(opening, Timeline(2021))
    assert is_reported_outcome(sentence, MIXED, 2021, after_past_opening=True)


# --------------------------------------------------------------- the document's timeline


def test_plan_periods_are_years() -> None:
    assert plan_period(11) == (2006, 2010)
    assert plan_period(14) == (2021, 2025)
    assert plan_period(15) == (2026, 2030)


@pytest.mark.parametrize(
    ("sentence", "year", "reported"),
    [
        # the same words are the plan ahead in the period's first year, the past after it
        ("“十四五”时期，全县森林覆盖率提高到48%。", 2021, False),
        ("“十四五”时期，全县森林覆盖率提高到48%。", 2026, True),
        ("十三五期间，全区新建学校12所。", 2016, False),
        ("十三五期间，全区新建学校12所。", 2021, True),
        ("按照国民经济和社会发展第十五个五年规划，新建学校12所。", 2026, False),
        ("第十四个五年规划期间，新建学校12所。", 2026, True),
        # a period as a comparison base says nothing about when the sentence speaks
        ("森林覆盖率比“十三五”末提高2个百分点。", 2021, False),
    ],
)
def test_plan_periods_read_from_the_timeline(sentence: str, year: int, reported: bool) -> None:
    assert is_reported_outcome(sentence, [], year) is reported


def test_review_heading_with_plan_words_of_a_past_period() -> None:
    sentence = "全县粮食产量稳定在50万吨以上。"
    assert is_reported_outcome(sentence, ["一、2025年主要工作和“十四五”发展成就"], 2026)
    assert is_reported_outcome(sentence, ["一、2024年主要任务完成情况"], 2025)
    assert not is_reported_outcome(sentence, ["二、2026年主要工作和“十五五”目标任务"], 2026)
    assert not is_reported_outcome(sentence, ["二、“十五五”时期的主要目标任务"], 2026)


@pytest.mark.parametrize(
    "sentence",
    [
        "持续推进全民参保计划，参保率稳定在95%以上。",
        "超计划完成造林任务1.2万亩。",
        "实施新一轮三年行动计划，新建口袋公园20个。",
        "年计划投资80亿元的项目全部开工，完成投资86亿元。",
    ],
)
def test_plan_as_a_noun_is_no_future_cue(sentence: str) -> None:
    assert is_reported_outcome(sentence, ["一、2025年工作回顾"], 2026)


@pytest.mark.parametrize(
    "sentence",
    ["计划新建口袋公园20个。", "全年计划完成投资80亿元。", "我们计划用三年时间改造老旧小区60个。"],
)
def test_plan_as_a_verb_is_a_future_cue(sentence: str) -> None:
    assert not is_reported_outcome(sentence, ["一、2025年工作回顾"], 2026)
    assert not is_reported_outcome(sentence, ["（三）推进城市更新"], 2026)


def test_estimate_in_a_work_report_is_last_year() -> None:
    sentence = "预计全年地区生产总值增长5.2%。"
    assert is_reported_outcome(sentence, [], 2026, genre="work-report")
    # in a plan the word alone does not place a sentence in time
    assert not is_reported_outcome(sentence, [], 2026, genre="plan")
    # an explicit year of the plan still wins
    assert not is_reported_outcome("预计2026年地区生产总值增长5%。", [], 2026, genre="work-report")


def test_paragraph_opening_in_a_past_year() -> None:
    assert opens_in_past("2025年，全市经济运行稳中有进。", Timeline(2026))
    assert not opens_in_past("2025年，全市经济运行稳中有进。", Timeline(2025))
    assert opens_in_past("“十四五”时期，全县发展取得新成就。", Timeline(2026, "work-report"))


# --------------------------------------------------------------- coordination


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a head written once after coordinated modifiers, one value each (分别)
        (
            "城镇、农村居民人均可支配收入分别增长4.3%、5.5%",
            [("城镇居民人均可支配收入", 4.3), ("农村居民人均可支配收入", 5.5)],
        ),
        ("工业、服务业增加值分别增长6%和7.5%", [("工业增加值", 6.0), ("服务业增加值", 7.5)]),
        (
            "新能源汽车、集成电路、工业机器人产量分别增长30%、12%、20%",
            [("新能源汽车产量", 30.0), ("集成电路产量", 12.0), ("工业机器人产量", 20.0)],
        ),
        # a modifier written once before coordinated heads
        (
            "一般公共预算收入、支出分别增长3%和5%",
            [("一般公共预算收入", 3.0), ("一般公共预算支出", 5.0)],
        ),
        # 和 inside a conjunct: as many conjuncts as values
        (
            "金融业、软件和信息服务业增加值分别增长9%、15%",
            [("金融业增加值", 9.0), ("软件和信息服务业增加值", 15.0)],
        ),
        (
            "高速公路、普通国道里程分别达到800、1200公里",
            [("高速公路里程", 800.0), ("普通国道里程", 1200.0)],
        ),
        # whole names stay as written
        ("高速公路、普通国道分别新建80、120公里", [("高速公路", 80.0), ("普通国道", 120.0)]),
    ],
)
def test_respectively_restores_the_shared_part(
    sentence: str, expected: list[tuple[str, float]]
) -> None:
    assert [(t.indicator, t.value_normalized) for t in extract_targets(sentence)] == expected


def test_no_conjunct_is_left_as_a_bare_modifier() -> None:
    targets = extract_targets("城镇、农村居民人均可支配收入分别增长4.3%、5.5%")
    assert "城镇" not in {t.indicator for t in targets}
    # the span of each indicator still points at what is written
    sentence = "城镇、农村居民人均可支配收入分别增长4.3%、5.5%"
    assert [sentence[t.indicator_start : t.indicator_end] for t in targets] == [
        "城镇",
        "农村居民人均可支配收入",
    ]


@pytest.mark.parametrize(
    ("sentence", "indicators", "comparator", "change"),
    [
        ("县城和中心镇污水处理率均提高到95%", ["县城污水处理率", "中心镇污水处理率"], "=", "level"),
        ("粮食和蔬菜产量均稳定在100万吨以上", ["粮食产量", "蔬菜产量"], ">=", "level"),
        ("高速公路、普通国道里程均增长5%", ["高速公路里程", "普通国道里程"], "=", "increase"),
        ("高速公路、普通国道均增长5%", ["高速公路", "普通国道"], "=", "increase"),
        ("新建和改扩建学校均超过20所", ["新建学校", "改扩建学校"], ">", "level"),
        ("城镇和农村低保标准均提高10%", ["城镇低保标准", "农村低保标准"], "=", "increase"),
        ("进出口总额、实际使用外资均下降2%", ["进出口总额", "实际使用外资"], "=", "decrease"),
    ],
)
def test_each_with_any_verb(
    sentence: str, indicators: list[str], comparator: str, change: str
) -> None:
    targets = extract_targets(sentence)
    assert [t.indicator for t in targets] == indicators
    assert {(t.comparator, t.change) for t in targets} == {(comparator, change)}
    assert len({t.value_normalized for t in targets}) == 1


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("两地户籍人口分别为120、80万人", [(1_200_000.0, "person"), (800_000.0, "person")]),
        ("城乡居民收入分别增长6.2、7.1%", [(6.2, "percent"), (7.1, "percent")]),
        (
            "投资增速分别高于全国1.5个、2个百分点",
            [(1.5, "percentage-point"), (2.0, "percentage-point")],
        ),
    ],
)
def test_a_unit_written_once_after_a_list(sentence: str, expected: list[tuple[float, str]]) -> None:
    assert [(t.value_normalized, t.unit_normalized) for t in extract_targets(sentence)] == expected


def test_gap_to_a_reference_average() -> None:
    t = one("全市居民收入增速高于全省平均水平1.2个百分点")
    assert (t.indicator, t.value_normalized, t.change) == ("居民收入增速", 1.2, "increase")


# --------------------------------------------------------------- magnitudes in Chinese


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "comparator"),
    [
        ("全市数字经济营收超千亿元", 1e11, "CNY", ">"),
        ("粮食产量稳定在千万吨以上", 1e7, "t", ">="),
        ("年接待游客突破千万人次", 1e7, "person-time", ">"),
        ("民营经济占比提高到六成", 60.0, "percent", "="),
        ("两成以上规上企业实现数字化改造", 20.0, "percent", ">="),
    ],
)
def test_chinese_magnitudes_and_tenths(
    sentence: str, value: float, unit: str, comparator: str
) -> None:
    t = one(sentence)
    assert (t.value_normalized, t.unit_normalized, t.comparator) == (value, unit, comparator)


@pytest.mark.parametrize(
    "sentence",
    [
        "千万不要放松安全生产",
        "打造千亿元级产业集群",
        "建成30万吨级航道",
        "让发展成果走进千家万户",
        "高新技术企业数量实现两位数增长",
        "坚持一成不变的标准",
    ],
)
def test_magnitude_words_that_are_no_quantity(sentence: str) -> None:
    assert extract_targets(sentence) == []


# --------------------------------------------------------------- units from units.ttl


@pytest.mark.parametrize(
    ("sentence", "unit", "normalized"),
    [
        ("全年举办群众文化活动8000场次", "场次", "session"),
        ("港口集装箱吞吐量达到150万标准箱", "标准箱", "TEU"),
        ("新型储能年放电量达到20吉瓦时", "吉瓦时", "GWh"),
        ("全年接待国际邮轮60艘次", "艘次", "vessel-trip"),
        ("机场起降达到9万架次", "架次", "aircraft-movement"),
        ("开行旅游专列300列次", "列次", "vehicle-trip"),
        ("新增炼化产能200万吨/年", "吨/年", "t/a"),
        ("设计时速提高到350公里/小时", "公里/小时", "km/h"),
        ("年降水量达到600毫米", "毫米", "mm"),
        ("人均预期寿命提高到80岁", "岁", "age"),
    ],
)
def test_compound_units(sentence: str, unit: str, normalized: str) -> None:
    t = one(sentence)
    assert (t.unit, t.unit_normalized) == (unit, normalized)
    assert t.indicator and unit not in t.indicator


def test_every_written_unit_is_a_concept_of_units_ttl() -> None:
    import rdflib
    from rdflib.namespace import SKOS

    from plankg.extract.targets.units import unit_forms
    from plankg.namespaces import UNIT

    graph = rdflib.Graph().parse(CORPUS.parent / "ontology" / "units.ttl")
    forms = unit_forms()
    assert {"公里", "千米", "km", "%", "元", "个", "吉瓦时"} <= forms.keys()
    for form in forms.values():
        # the graph names a target's unit by its notation: the concept must exist
        concept = UNIT[form.unit.replace("/", "-per-")]
        assert (concept, SKOS.notation, rdflib.Literal(form.unit)) in graph, form
        assert form.unit_class in {
            "percent", "money", "classifier", "measure", "time", "age", "times"
        }  # fmt: skip


def test_a_numbered_plan_of_another_series_is_no_plan_period() -> None:
    # the eighth five-year legal-education plan (八五普法, 2021-2025), not the eighth FYP
    assert not is_reported_outcome("启动实施“八五”普法规划，新建法律援助站30个。", [], 2021)
    assert is_reported_outcome("“九五”时期，全县新建公路80公里。", [], 2021)


def test_examples_listed_before_deng_share_the_head_after_it() -> None:
    targets = extract_targets("一般性转移支付、县级财力保障奖补资金等增幅均超过8%")
    assert [t.indicator for t in targets] == ["一般性转移支付增幅", "县级财力保障奖补资金增幅"]


def test_no_shared_part_is_cut_after_an_attributive_word() -> None:
    targets = extract_targets("职工医保和基本公共卫生服务经费补助标准分别提高20元和6元")
    # 基本公共 ends with an attributive: no conjunct parallel to 职工医保, nothing restored
    assert [t.indicator for t in targets] == ["职工医保", "基本公共卫生服务经费补助标准"]
