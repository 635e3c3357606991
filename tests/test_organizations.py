"""Organizations: suffix grammar, departments and level references, listed companies, negatives."""

from __future__ import annotations

import pytest

from plankg.extract.organizations import extract_organizations
from plankg.model import Mention


def orgs(sentence: str) -> dict[str, Mention]:
    found = extract_organizations(sentence)
    for mention in found:
        assert mention.category == "organization"
        assert sentence[mention.start : mention.end] == mention.text
    return {m.text: m for m in found}


@pytest.mark.parametrize(
    ("sentence", "text", "kind", "name"),
    [
        ("支持企业在深圳证券交易所上市。", "深圳证券交易所", "exchange", "深圳证券交易所"),
        ("推动科技企业在上交所科创板挂牌。", "上交所", "exchange", "上海证券交易所"),
        ("与中国科学院合作共建先进技术研究院。", "中国科学院", "research-institute", "中国科学院"),
        ("某某水务集团有限公司负责项目运营。", "某某水务集团有限公司", "company",
         "某某水务集团有限公司"),
        ("支持浙江大学、西湖大学建设重点实验室。", "西湖大学", "university", "西湖大学"),
        ("加强与四川外国语大学、渝职院等高校联动。", "渝职院", "university", "渝职院"),
        ("区人民医院新院区建成投用。", "区人民医院", "hospital", "区人民医院"),
        ("推进实验小学、滨江中学改扩建。", "滨江中学", "school", "滨江中学"),
        ("积极争取世界银行、亚洲开发银行贷款。", "亚洲开发银行", "international-organization",
         "亚洲开发银行"),
        ("积极参与世贸组织改革。", "世贸组织", "international-organization", "世界贸易组织"),
        ("支持重庆农村商业银行扩大信贷投放。", "重庆农村商业银行", "bank", "重庆农村商业银行"),
        ("持续做优天府软件园和天府数据谷等平台。", "天府数据谷", "platform", "天府数据谷"),
        ("加大对长春长生公司的查处力度。", "长春长生公司", "company", "长春长生公司"),
        ("推动科技企业在天津OTC挂牌。", "天津OTC", "exchange", "天津OTC"),
    ],
)
def test_suffix_and_table_organizations(sentence: str, text: str, kind: str, name: str) -> None:
    found = orgs(sentence)
    assert text in found, found
    assert found[text].type == kind
    assert found[text].name == name


def test_departments_with_level_prefix() -> None:
    found = orgs("区发展改革委、区财政局、区生态环境局按职责分工负责。")
    assert set(found) == {"区发展改革委", "区财政局", "区生态环境局"}
    assert {m.type for m in found.values()} == {"government-body"}


def test_national_bodies() -> None:
    found = orgs("提请全国人大常委会审议法律草案，由国务院和财政部负责落实。")
    assert found["全国人大常委会"].type == "legislature"
    assert found["全国人大常委会"].name == "全国人民代表大会常务委员会"
    assert found["国务院"].type == "government-body"
    assert found["财政部"].type == "government-body"


def test_government_with_admin_prefix_is_one_body_located_in_the_district() -> None:
    found = orgs("成都市武侯区人民政府办公室关于印发实施方案的通知。")
    body = found["成都市武侯区人民政府办公室"]
    assert body.type == "government-body"
    assert body.located_in == "武侯区"


def test_party_committee_and_government_level_references() -> None:
    found = orgs("市委、市政府高度重视乡村振兴，配合省里做好相关工作。")
    assert found["市委"].type == "party-organ"
    assert found["市政府"].type == "government-body"
    assert found["省里"].name == "省政府"


def test_level_references_in_a_header() -> None:
    found = orgs("各镇人民政府，区政府各部门，各街道办事处：")
    assert set(found) == {"各镇人民政府", "区政府各部门", "各街道办事处"}
    assert found["各镇人民政府"].name == "镇人民政府"


def test_central_government_as_a_level() -> None:
    found = orgs("深化中央与地方财政事权划分改革。")
    assert found["中央"].name == "中央政府"
    assert orgs("争取中央预算内资金支持。") == {}


def test_legislatures_and_mass_organizations() -> None:
    found = orgs("自觉接受区人大及其常委会的法律监督和区政协的民主监督。")
    assert found["区人大"].type == "legislature"
    assert found["区政协"].type == "legislature"
    found = orgs("发挥区总工会、团区委、区妇联作用。")
    assert {m.type for m in found.values()} == {"mass-organization"}
    assert set(found) == {"区总工会", "团区委", "区妇联"}
    session = orgs("经县十七届人民代表大会第三次会议审议通过。")
    assert session["县十七届人民代表大会"].name == "县人民代表大会"


def test_listed_brands_are_companies() -> None:
    found = orgs("支持华为、比亚迪、宁德时代等龙头企业扩大投资。")
    assert set(found) == {"华为", "比亚迪", "宁德时代"}
    assert {m.type for m in found.values()} == {"company"}
    assert {m.rule for m in found.values()} == {"listed-company"}


def test_a_list_of_generic_items_names_no_company() -> None:
    assert orgs("加快一批城市干道、断头路、立交桥等项目建设。") == {}


def test_platforms_only_with_a_name() -> None:
    assert "感知科技众创空间" not in orgs("建设一批市级众创空间和孵化器。")
    assert orgs("建设高水平开放平台，完善融资平台管理。") == {}


@pytest.mark.parametrize(
    "sentence",
    [
        "政府要过紧日子，地方政府要主动挖潜。",
        "支持科技型企业、行业龙头企业和中小银行发展。",
        "降低航空公司运营成本，推动政府部门数据共享。",
        "推动龙头企业在科创板、创业板上市。",  # boards are market segments, not organizations
        "开展“美丽医院”“智慧医院”建设，推进一流大学和一流学科建设。",
        "做好高校毕业生和大学生就业，加强国家实验室建设。",
        "加强商务办公楼宇招商，优化发展格局和区域布局。",
        "区属各国有公司要加强债务管理。",
        "加快郑州国家中心城市建设，支持南阳做优中心城区。",  # urban centres, not bodies
        "完善市级医院重点学科建设，推进县级医院和乡镇卫生院一体化。",  # hospitals of a level
        "扎实开展党内集中学习教育。",  # 集中学习: no 中学 in it
        "新建、改扩建中小学校舍，完成1.7万间中小学教室照明改造。",  # schools in general
    ],
)
def test_generic_phrases_are_not_organizations(sentence: str) -> None:
    assert orgs(sentence) == {}


def test_a_name_begins_with_its_place_not_the_verb_before_it() -> None:
    found = orgs("设置重庆工业职业技术大学，推进高校建设。")
    assert "重庆工业职业技术大学" in found and "设置重庆工业职业技术大学" not in found


@pytest.mark.parametrize("name", ["江北区高级中学", "南岸区初级中学", "璧山区职业高级中学"])
def test_schools_named_by_their_grade_are_schools(name: str) -> None:
    assert name in orgs(f"支持{name}建设。")
