"""Responsibility inference on small plans written for the tests (other districts,
counties, provinces and the State Council), never on answers for the bundled documents."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from plankg.catalog import department_by_iri
from plankg.model import Document, Metadata, Responsibility
from plankg.pipeline import build_document
from plankg.responsibility import (
    ROLE_ORDER,
    infer_responsibilities,
    issuing_government,
    ranking_key,
    resolve_body,
    stated_in_sentence,
)

WUHOU_HEADER = """成都市武侯区人民政府办公室关于印发武侯区2021年国民经济和社会发展计划的通知

武侯府办发〔2021〕8号

各街道办事处，区政府各部门：

《武侯区2021年国民经济和社会发展计划》已经区第十八届人民代表大会第六次会议审议通过，现印发你们，请认真组织实施。

成都市武侯区人民政府办公室
2021年3月15日

武侯区2021年国民经济和社会发展计划

"""

WUHOU_BODY = """一、主要预期目标

地区生产总值增长7%左右，规模以上工业增加值增长6%，固定资产投资增长8%，社会消费品零售总额增长9%，城镇新增就业2.5万人，一般公共预算收入增长5%。

二、重点任务

（一）推动产业转型升级。一是加快先进制造业发展。推进智能制造和技术改造，新增数字化车间5个。力促科伦药业、迈普通信等项目投产达效。二是深化区域合作。配合市里推进成德眉资同城化发展，加强与双流区交流合作。由区发改委牵头，区财政局配合，做好“十四五”专项规划编制。三是抓好生态环境保护。区生态环境局会同区水务局开展江安河水质提升行动。巩固中央环保督察整改成果。四是改进工作作风。坚持言必信、行必果，以钉钉子精神抓好落实。

（二）保障和改善民生。一是提升养老服务水平。在簇桥街道开展社区养老服务示范建设，完善特困人员救助供养制度。落实粮食安全行政首长负责制。二是支持对口地区发展。继续支持甘孜州得荣县发展特色产业，帮扶得荣县建设农产品加工基地。继续深化区领导联系重点企业机制。三是推进乡村全面振兴。加快农村公路提档升级。发展特色种植业，培育家庭农场和农民专业合作社。推进农村人居环境整治和厕所革命。深化农村集体产权制度改革。
"""

NEGATIVE_BODY = """一、重点任务

（一）优化营商环境。一是加强市场监管。加强协同监管，推进共建共享。支持企业做大做强，全心全意服务民营企业发展。联合开展执法检查。深化供销社改革。
"""

COUNTY_TEXT = """湖州市安吉县人民政府办公室关于印发安吉县2021年国民经济和社会发展计划的通知

安政办发〔2021〕3号

各乡镇人民政府、街道办事处，县政府各部门：

《安吉县2021年国民经济和社会发展计划》已经县人民代表大会审议通过，现印发给你们，请认真组织实施。

安吉县人民政府办公室
2021年2月26日

一、重点任务

（一）建设美丽县城。一是提升污水处理能力。推进天荒坪镇污水处理厂提标改造，完成递铺街道雨污分流改造。落实河长制，由县水利局牵头，县住建局配合，开展西苕溪综合治理。落实粮食安全行政首长负责制。
"""

NATIONAL_TEXT = """国务院关于印发2022年国民经济和社会发展计划的通知

国发〔2022〕5号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：

现将《2022年国民经济和社会发展计划》印发给你们，请认真贯彻执行。

国务院
2022年3月20日

一、主要任务

（一）持续改善生态环境质量。一是深入打好污染防治攻坚战。加强细颗粒物和臭氧协同控制，基本消除重污染天气。二是推进义务教育优质均衡发展。加强教师队伍建设，改善农村学校办学条件。
"""

PROVINCE_TEXT = """四川省人民政府办公厅关于印发四川省2022年国民经济和社会发展计划的通知

川办发〔2022〕12号

各市（州）人民政府，省政府各部门：

《四川省2022年国民经济和社会发展计划》已经省十三届人大五次会议审议通过，现印发你们，请认真组织实施。

四川省人民政府办公厅
2022年2月10日

一、重点任务

（一）推进生态文明建设。一是深入打好污染防治攻坚战。加强大气污染联防联控，推进长江、黄河流域水污染治理。二是配合国家做好第五次全国经济普查准备工作。
"""

Build = Callable[[str, str], Document]


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    folder = tmp_path_factory.mktemp("plans")
    cache: dict[str, Document] = {}

    def make(name: str, text: str) -> Document:
        if name not in cache:
            path = folder / f"{name}.txt"
            path.write_text(text, encoding="utf-8")
            cache[name] = build_document(path)
        return cache[name]

    return make


@pytest.fixture(scope="module")
def wuhou(build: Build) -> Document:
    return build("wuhou", WUHOU_HEADER + WUHOU_BODY)


@pytest.fixture(scope="module")
def wuhou_resp(wuhou: Document) -> dict[str, list[Responsibility]]:
    return grouped(infer_responsibilities(wuhou))


def grouped(responsibilities: list[Responsibility]) -> dict[str, list[Responsibility]]:
    out: dict[str, list[Responsibility]] = {}
    for resp in responsibilities:
        out.setdefault(resp.commitment, []).append(resp)
    return out


def commitment_id(doc: Document, opening: str, level: str = "sentence") -> str:
    """The commitment whose text starts with ``opening`` (sentence or item level)."""
    found = [c.id for c in doc.commitments if c.level == level and c.text.startswith(opening)]
    assert len(found) == 1, (opening, found)
    return found[0]


def first_lead(responsibilities: list[Responsibility]) -> Responsibility:
    return next(r for r in responsibilities if r.role == "lead")


def roles_of(responsibilities: list[Responsibility], body: str) -> set[tuple[str, str]]:
    return {(r.role, r.basis) for r in responsibilities if r.body == body}


# ---------------------------------------------------------------------------- issuer


def test_the_issuing_government_is_accountable_not_its_office(
    wuhou: Document, wuhou_resp: dict[str, list[Responsibility]]
) -> None:
    assert wuhou.metadata.issuer == "成都市武侯区人民政府办公室"
    assert set(wuhou_resp) == {c.id for c in wuhou.commitments}
    for commitment in wuhou.commitments:
        issuer = [r for r in wuhou_resp[commitment.id] if r.basis == "issuer"]
        assert len(issuer) == 1
        assert issuer[0].body == "武侯区人民政府" and issuer[0].role == "accountable"
        assert issuer[0].confidence == 1.0 and issuer[0].sentence is None
        assert issuer[0].rationale == "issuing government of the document"
        assert issuer[0].body_en == "Wuhou District People's Government"


def test_issuing_government_at_every_level() -> None:
    assert issuing_government(Metadata(issuer="国务院", jurisdiction="中华人民共和国",
                                       level="national")) == ("国务院", "State Council")
    assert issuing_government(Metadata(issuer="四川省人民政府办公厅", jurisdiction="四川省",
                                       level="province"))[0] == "四川省人民政府"
    assert issuing_government(Metadata(issuer="湖州市安吉县人民政府办公室",
                                       jurisdiction="安吉县", level="district"))[0] == (
        "安吉县人民政府")


# ---------------------------------------------------------------------------- every commitment


def test_every_commitment_has_a_lead_department_with_evidence(
    wuhou: Document, wuhou_resp: dict[str, list[Responsibility]]
) -> None:
    for commitment in wuhou.commitments:
        ranked = wuhou_resp[commitment.id]
        lead = next(r for r in ranked if r.role == "lead" and r.department)
        assert department_by_iri(lead.department) is not None
        assert lead.sentence is not None and lead.sentence in range(len(wuhou.sentences))
        text = wuhou.sentences[lead.sentence].text
        assert 0 <= lead.start < lead.end <= len(text)
        assert 0 < lead.confidence <= 1 and lead.rationale


def test_output_is_grouped_in_document_order_ranked_and_deterministic(
    wuhou: Document,
) -> None:
    first = infer_responsibilities(wuhou)
    assert first == infer_responsibilities(wuhou)
    order = [c.id for c in wuhou.commitments]
    seen = list(dict.fromkeys(r.commitment for r in first))
    assert seen == order
    for ranked in grouped(first).values():
        roles = [ROLE_ORDER.index(r.role) for r in ranked]
        assert roles == sorted(roles)  # leads first, the issuer's accountability last
        assert ranked[-1].basis == "issuer"


def test_ranking_key_orders_stated_before_assignment_before_mandate() -> None:
    def resp(basis: str, confidence: float) -> Responsibility:
        return Responsibility(commitment="c", body=basis, body_type="government-body",
                              role="lead", basis=basis, confidence=confidence, rationale="r")

    stated, assigned, mandate = resp("stated", 0.5), resp("assignment", 0.6), resp("mandate", 1.0)
    assert sorted([mandate, assigned, stated], key=ranking_key) == [stated, assigned, mandate]


# ---------------------------------------------------------------------------- stated


def test_working_with_the_city_makes_the_city_lead_and_us_cooperate(
    wuhou: Document, wuhou_resp: dict[str, list[Responsibility]]
) -> None:
    ranked = wuhou_resp[commitment_id(wuhou, "配合市里")]
    city = ranked[0]
    assert (city.body, city.role, city.basis) == ("成都市人民政府", "lead", "stated")
    assert city.cues == ("配合市里",) and 0.85 <= city.confidence <= 0.95
    sentence = wuhou.sentences[city.sentence].text
    assert sentence[city.start:city.end] == "配合市里"
    assert ("cooperating", "stated") in roles_of(ranked, "武侯区人民政府")
    assert ("partner", "stated") in roles_of(ranked, "双流区")


def test_an_explicit_lead_and_its_cooperating_unit(
    wuhou: Document, wuhou_resp: dict[str, list[Responsibility]]
) -> None:
    ranked = wuhou_resp[commitment_id(wuhou, "由区发改委牵头")]
    lead = ranked[0]
    assert (lead.body, lead.role, lead.basis) == ("武侯区发展和改革局", "lead", "stated")
    assert lead.department and lead.department.endswith("发展和改革委员会")
    assert roles_of(ranked, "武侯区财政局") == {("cooperating", "stated")}
    # The explicit statement holds for the whole item, before its mandate ranking.
    item = wuhou_resp[commitment_id(wuhou, "二是深化区域合作", "item")]
    assert first_lead(item).body == "武侯区发展和改革局"
    assert first_lead(item).basis == "stated"


def test_huitong_makes_the_subject_lead_and_the_object_cooperate(
    wuhou: Document, wuhou_resp: dict[str, list[Responsibility]]
) -> None:
    ranked = wuhou_resp[commitment_id(wuhou, "区生态环境局会同")]
    assert roles_of(ranked, "武侯区生态环境局") == {("lead", "stated")}  # no mandate duplicate
    assert ("cooperating", "stated") in roles_of(ranked, "武侯区水利局")
    item = wuhou_resp[commitment_id(wuhou, "三是抓好生态环境保护", "item")]
    assert first_lead(item).body == "武侯区生态环境局"
    assert not [r for r in item if r.body == "武侯区生态环境局" and r.basis == "mandate"]


def test_companies_pushed_to_start_production_implement(
    wuhou: Document, wuhou_resp: dict[str, list[Responsibility]]
) -> None:
    ranked = wuhou_resp[commitment_id(wuhou, "力促科伦药业")]
    implementing = {r.body for r in ranked if r.role == "implementing" and r.basis == "stated"}
    assert implementing == {"科伦药业", "迈普通信"}
    assert all(r.body_type == "company" for r in ranked if r.role == "implementing")


def test_supported_places_are_beneficiaries(
    wuhou: Document, wuhou_resp: dict[str, list[Responsibility]]
) -> None:
    ranked = wuhou_resp[commitment_id(wuhou, "继续支持甘孜州")]
    beneficiaries = {r.body for r in ranked if r.role == "beneficiary"}
    assert "得荣县" in beneficiaries
    assert "武侯区人民政府" not in beneficiaries


def test_posts_are_accountable(
    wuhou: Document, wuhou_resp: dict[str, list[Responsibility]]
) -> None:
    head = wuhou_resp[commitment_id(wuhou, "落实粮食安全行政首长负责制")]
    post = next(r for r in head if r.body_type == "post")
    assert (post.body, post.role, post.basis) == ("区长", "accountable", "stated")
    leaders = wuhou_resp[commitment_id(wuhou, "继续深化区领导联系")]
    assert ("accountable", "stated") in roles_of(leaders, "区领导")


def test_central_inspection_supervises(
    wuhou: Document, wuhou_resp: dict[str, list[Responsibility]]
) -> None:
    ranked = wuhou_resp[commitment_id(wuhou, "巩固中央环保督察")]
    supervising = [r for r in ranked if r.role == "supervising"]
    assert [r.body for r in supervising] == ["中国共产党中央委员会"]
    assert supervising[0].cues == ("中央环保督察",)


def test_ordinary_verbs_give_no_partner_beneficiary_or_object_lead(build: Build) -> None:
    doc = build("negative", WUHOU_HEADER + NEGATIVE_BODY)
    ranked = infer_responsibilities(doc)
    assert not [r for r in ranked if r.role in ("partner", "beneficiary", "implementing")]
    # 深化供销社改革: the cooperative is what is reformed, not who leads.
    assert not [r for r in ranked if r.basis == "stated"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("由区住建委牵头，区城管局配合，推进老旧小区改造。",
         {("武侯区住房和城乡建设局", "lead"), ("武侯区城市管理局", "cooperating")}),
        ("区卫健委负责做好疫苗接种工作。", {("武侯区卫生健康委员会", "lead")}),
        ("区交通局配合市交通局推进轨道交通建设。",
         {("成都市交通运输局", "lead"), ("武侯区交通运输局", "cooperating")}),
        ("责任单位：区教育局、区体育局。",
         {("武侯区教育局", "lead"), ("武侯区体育局", "lead")}),
        ("支持工会、共青团、妇联等群团组织更好发挥作用。",
         {("武侯区总工会", "cooperating"), ("共青团武侯区委员会", "cooperating"),
          ("武侯区妇女联合会", "cooperating")}),
        ("区市场监管局开展食品安全专项检查。", {("武侯区市场监督管理局", "lead")}),
    ],
)
def test_stated_grammar_of_single_sentences(sentence: str, expected: set[tuple[str, str]]
                                            ) -> None:
    from plankg.extract.organizations import extract_organizations
    from plankg.extract.places import extract_places

    metadata = Metadata(issuer="成都市武侯区人民政府办公室", jurisdiction="武侯区",
                        level="district")
    mentions = [*extract_places(sentence), *extract_organizations(sentence)]
    found = {(body, role) for body, role, _ in stated_in_sentence(sentence, mentions, metadata)}
    assert found == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "推动京津冀协同发展重在疏解北京非首都功能。",  # 协同 is not 与X协同
        "主动服务国家重大战略，积极融入长江经济带发展。",  # 服务国家 is not 配合国家
        "加强协同监管，推进公共服务共建共享。",
        "支持企业做大做强，全心全意服务民营企业发展。",  # groups, not named bodies
        "推动航空小镇与综合保税区实现无缝连接。",  # 与 without a cooperation verb
        "积极对接“科创板+注册制”改革。",
        "稳步推进市场监管体制改革，加强全市统一监管。",
    ],
)
def test_ordinary_sentences_state_no_responsibility(sentence: str) -> None:
    from plankg.extract.organizations import extract_organizations
    from plankg.extract.places import extract_places

    metadata = Metadata(issuer="成都市武侯区人民政府办公室", jurisdiction="武侯区",
                        level="district")
    mentions = [*extract_places(sentence), *extract_organizations(sentence)]
    assert stated_in_sentence(sentence, mentions, metadata) == []


def test_resolve_body_scopes_units_to_the_jurisdiction() -> None:
    metadata = Metadata(issuer="成都市武侯区人民政府办公室", jurisdiction="武侯区",
                        level="district")
    assert resolve_body("区发改委", metadata)[0] == "武侯区发展和改革局"
    assert resolve_body("市生态环境局", metadata)[0] == "成都市生态环境局"
    assert resolve_body("锦江区住建局", metadata)[0] == "锦江区住房和城乡建设局"
    assert resolve_body("生态环境部", metadata)[0] == "生态环境部"
    assert resolve_body("簇桥街道", metadata)[:2] == ("簇桥街道办事处", "town-government")
    assert resolve_body("区融媒体中心", metadata)[0] == "武侯区融媒体中心"


# ---------------------------------------------------------------------------- place


def test_towns_and_subdistricts_implement_locally(build: Build) -> None:
    doc = build("county", COUNTY_TEXT)
    ranked = grouped(infer_responsibilities(doc))
    sentence = ranked[commitment_id(doc, "推进天荒坪镇")]
    place = {r.body: r for r in sentence if r.basis == "place"}
    assert set(place) == {"天荒坪镇人民政府", "递铺街道办事处"}
    town = place["天荒坪镇人民政府"]
    assert (town.role, town.body_type, town.confidence) == ("implementing", "town-government",
                                                            0.6)
    assert doc.sentences[town.sentence].text[town.start:town.end] == "天荒坪镇"
    assert town.body_en == "Tianhuangping Town People's Government"
    # A county: 县水利局 is scoped to 安吉县, and the head of government is the 县长.
    item = ranked[commitment_id(doc, "一是提升污水处理能力", "item")]
    assert first_lead(item).body == "安吉县水利局"
    assert any(r.body == "县长" and r.role == "accountable" for r in item)
    assert [r.body for r in item if r.basis == "issuer"] == ["安吉县人民政府"]


def test_no_place_responsibility_without_a_local_place(
    wuhou_resp: dict[str, list[Responsibility]], wuhou: Document
) -> None:
    ranked = wuhou_resp[commitment_id(wuhou, "推进智能制造")]
    assert not [r for r in ranked if r.basis == "place"]


# ---------------------------------------------------------------------------- mandate


def test_mandate_lead_is_instantiated_for_the_district(
    wuhou: Document, wuhou_resp: dict[str, list[Responsibility]]
) -> None:
    ranked = wuhou_resp[commitment_id(wuhou, "推进智能制造")]
    lead = first_lead(ranked)
    assert (lead.body, lead.basis) == ("武侯区经济和信息化局", "mandate")
    assert lead.body_en == "Wuhou District Economy and Information Technology Bureau"
    assert lead.department == department_by_iri(lead.department).iri
    assert set(lead.cues) >= {"智能制造", "技术改造"}
    assert lead.topics == department_by_iri(lead.department).cap_topics
    text = wuhou.sentences[lead.sentence].text
    assert text[lead.start:lead.end] in lead.cues


def test_item_lead_is_the_department_of_most_of_its_content(
    wuhou: Document, wuhou_resp: dict[str, list[Responsibility]]
) -> None:
    # The item opens with a road cue, but rural development fills the rest.
    item = wuhou_resp[commitment_id(wuhou, "三是推进乡村全面振兴", "item")]
    assert first_lead(item).body == "武侯区农业农村局"
    cooperating = [r.body for r in item if r.role == "cooperating" and r.basis == "mandate"]
    assert len(cooperating) <= 3


def test_a_target_system_is_coordinated_by_development_and_reform(
    wuhou: Document, wuhou_resp: dict[str, list[Responsibility]]
) -> None:
    paragraph = wuhou_resp[commitment_id(wuhou, "地区生产总值增长7%", "paragraph")]
    lead = first_lead(paragraph)
    assert lead.body == "武侯区发展和改革局" and "target system" in lead.rationale
    assert "武侯区经济和信息化局" in [r.body for r in paragraph if r.role == "cooperating"]


def test_without_any_cue_a_low_confidence_default_lead(
    wuhou: Document, wuhou_resp: dict[str, list[Responsibility]]
) -> None:
    item = first_lead(wuhou_resp[commitment_id(wuhou, "四是改进工作作风", "item")])
    assert item.body == "武侯区人民政府办公室" and item.basis == "mandate"
    assert item.confidence <= 0.2 and "no department cue" in item.rationale
    child = first_lead(wuhou_resp[commitment_id(wuhou, "坚持言必信")])
    assert child.body == item.body and child.confidence < item.confidence
    assert "enclosing item" in child.rationale


def test_a_sentence_without_cue_takes_its_heading(
    wuhou: Document, wuhou_resp: dict[str, list[Responsibility]]
) -> None:
    lead = first_lead(wuhou_resp[commitment_id(wuhou, "力促科伦药业")])
    assert lead.body == "武侯区经济和信息化局"
    assert lead.confidence <= 0.35 and "heading" in lead.rationale
    assert wuhou.sentences[lead.sentence].text.startswith("一是加快先进制造业发展")


def test_national_document_names_ministries(build: Build) -> None:
    doc = build("national", NATIONAL_TEXT)
    ranked = grouped(infer_responsibilities(doc))
    environment = first_lead(ranked[commitment_id(doc, "一是深入打好污染防治攻坚战", "item")])
    assert (environment.body, environment.body_en) == ("生态环境部",
                                                       "Ministry of Ecology and Environment")
    education = first_lead(ranked[commitment_id(doc, "二是推进义务教育", "item")])
    assert education.body == "教育部"
    assert {r.body for rs in ranked.values() for r in rs if r.basis == "issuer"} == {"国务院"}


def test_provincial_document_names_departments_and_the_centre(build: Build) -> None:
    doc = build("province", PROVINCE_TEXT)
    ranked = grouped(infer_responsibilities(doc))
    lead = first_lead(ranked[commitment_id(doc, "一是深入打好污染防治攻坚战", "item")])
    assert lead.body == "四川省生态环境厅"
    census = ranked[commitment_id(doc, "二是配合国家", "item")]
    assert census[0].body == "国务院" and census[0].role == "lead"
    assert ("cooperating", "stated") in roles_of(census, "四川省人民政府")
    assert any(r.body == "四川省统计局" and r.basis == "mandate" for r in census)


def test_inference_is_fast(corpus_documents: dict[str, Document]) -> None:
    documents = list(corpus_documents.values())
    infer_responsibilities(documents[0])  # warm the lookup tables
    started = time.perf_counter()
    for doc in documents:
        infer_responsibilities(doc)
    assert time.perf_counter() - started < 3.0


def test_every_bundled_commitment_gets_a_lead_and_the_issuer(
    corpus_documents: dict[str, Document],
) -> None:
    for doc in corpus_documents.values():
        ranked = grouped(infer_responsibilities(doc))
        for commitment in doc.commitments:
            assert any(r.role == "lead" and r.department for r in ranked[commitment.id])
            assert ranked[commitment.id][-1].basis == "issuer"


def test_a_gb18030_plan_gives_the_same_responsibilities(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes((WUHOU_HEADER + WUHOU_BODY).encode("gb18030"))
    utf8 = tmp_path / "utf8.txt"
    utf8.write_text(WUHOU_HEADER + WUHOU_BODY, encoding="utf-8")
    gbk_doc, utf8_doc = build_document(path, "plan"), build_document(utf8, "plan")
    assert infer_responsibilities(gbk_doc) == infer_responsibilities(utf8_doc)
