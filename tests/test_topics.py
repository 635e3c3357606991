"""CAP major topics of commitments, on sentences written for the tests."""

from __future__ import annotations

import pytest

from plankg.catalog import load_cap_topics
from plankg.topics import TOPIC_KEYWORDS, commitment_topics, keyword_topics, topic_label


def top(text: str) -> int:
    return commitment_topics(text)[0][0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Environment, energy and public lands: one department family, three topics.
        ("持续打好蓝天保卫战，加强大气污染防治，确保空气质量优良天数比例达到90%。", 7),
        ("加快充电桩建设，推进光伏和风电项目并网，提高清洁能源消费比重。", 8),
        ("严格落实耕地保护制度，推进河长制、林长制，实施国土绿化和矿山生态修复。", 21),
        ("推进义务教育优质均衡发展，新建中小学和幼儿园5所。", 6),
        ("完善城乡低保和特困人员救助供养制度，加强困境儿童关爱。", 13),
        ("实施就业优先政策，城镇新增就业3万人，做好高校毕业生就业工作。", 5),
        ("推进农村公路提档升级，加快轨道交通和快速路建设。", 10),
        ("扩大外贸出口，积极利用外资，推进自贸试验区建设。", 18),
        ("推进棚户区改造和老旧小区改造，增加保障性住房供给。", 14),
        ("深入推进扫黑除恶，加强社会治安防控，依法打击电信诈骗犯罪。", 12),
        ("加强国防教育和国防动员，做好双拥工作和退役军人服务。", 16),
        ("加大基础研究投入，培育高新技术企业，推进人工智能和大数据应用。", 17),
        ("稳定粮食生产，建设高标准农田，保障生猪供应。", 4),
        ("加强公立医院建设，做好疫苗接种和传染病防控。", 3),
        ("深化放管服改革，推进政务服务一网通办，压减审批时限。", 20),
        ("加强文物保护利用，建设公共文化服务体系，开展全民健身活动。", 23),
        ("实施积极的财政政策，用好地方政府专项债券，稳定固定资产投资。", 1),
    ],
)
def test_topics_of_commitments_from_other_places(text: str, expected: int) -> None:
    assert top(text) == expected


def test_scores_are_shares_best_first_and_bounded() -> None:
    topics = commitment_topics("加快新能源汽车推广应用，增设充电设施，推进垃圾分类和污水处理。")
    codes = [code for code, _ in topics]
    scores = [score for _, score in topics]
    assert set(codes) >= {7, 8}
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 1 for s in scores) and sum(scores) <= 1.0001
    assert len(codes) == len(set(codes))


def test_a_department_with_several_topics_follows_the_wording() -> None:
    # 发展和改革委员会 has topics 1 and 8: investment wording is macroeconomics, energy energy.
    assert top("抓好重大项目前期工作，扩大有效投资。") == 1
    assert top("推进能源结构调整，加强节能降耗。") == 8


def test_every_commitment_with_content_gets_a_topic() -> None:
    vague = commitment_topics("坚持言必信、行必果，以钉钉子精神抓好落实。")
    assert len(vague) == 1 and vague[0][1] <= 0.2
    assert commitment_topics("推动经济社会高质量发展。")[0][0] == 1
    assert commitment_topics("") == []
    assert commitment_topics("2021-03-15") == []


def test_keywords_are_known_topics_and_labels_are_bilingual() -> None:
    topics = load_cap_topics()
    assert set(TOPIC_KEYWORDS) <= set(topics)
    assert keyword_topics("空气质量") == {7: pytest.approx(1.2)}
    assert topic_label(7) == "Environment" and topic_label(7, "zh") == "环境"
    assert topic_label(21) == "Public Lands"


def test_topic_keywords_are_policy_words_not_place_names() -> None:
    from plankg.extract.lexicon import admin_divisions

    places = admin_divisions()
    words = [w for text in TOPIC_KEYWORDS.values() for w in text.split()]
    assert len(words) > 300
    assert all(2 <= len(w) <= 12 and w not in places for w in words)
