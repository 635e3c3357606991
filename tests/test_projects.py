"""Projects: facility suffixes, construction context, distribution, links, negatives."""

from __future__ import annotations

import pytest

from plankg.extract.names import names_in
from plankg.extract.places import extract_places
from plankg.model import Mention


def projects(sentence: str) -> dict[str, Mention]:
    found = [m for m in names_in(sentence) if m.category == "project"]
    for mention in found:
        assert mention.category == "project"
        assert sentence[mention.start : mention.end] == mention.text
    return {m.text: m for m in found}


def test_plants_and_named_projects_with_place_heads() -> None:
    found = projects("推进城南污水处理厂和花溪镇工业园区污水处理项目建设。")
    assert found["城南污水处理厂"].type == "sewage-plant"
    assert found["花溪镇工业园区污水处理项目"].located_in == "花溪镇"


def test_shared_suffix_distributes_over_towns() -> None:
    found = projects("推动石门镇、清溪镇污水处理厂提标改造。")
    assert {(m.name, m.located_in) for m in found.values()} == {
        ("石门镇污水处理厂", "石门镇"),
        ("清溪镇污水处理厂", "清溪镇"),
    }


def test_reservoir_is_a_project_only_when_built() -> None:
    built = projects("加快推进三岔湖水库建设。")
    assert built["三岔湖水库"].type == "reservoir"
    place = {m.text: m for m in extract_places("加快推进三岔湖水库建设。")}["三岔湖水库"]
    assert built["三岔湖水库"].name == place.name  # one thing, two mentions, one name
    assert projects("加强三岔湖水库水源保护。") == {}


def test_phase_is_stripped_from_the_canonical_name() -> None:
    found = projects("开工建设果园港码头二期。")
    assert found["果园港码头二期"].name == "果园港码头"
    assert found["果园港码头二期"].located_in == "果园港"


def test_project_verbs_inside_names() -> None:
    found = projects("启动实施三岔湖水库扩容工程。")
    assert "三岔湖水库扩容工程" in found
    found = projects("加快西安咸阳国际机场三期扩建工程建设。")
    assert "西安咸阳国际机场三期扩建工程" in found


def test_company_named_as_builder() -> None:
    found = projects("某某水务集团有限公司负责城西污水处理厂二期扩建工程。")
    project = next(iter(found.values()))
    assert project.company == "某某水务集团有限公司"


def test_location_stated_in_the_clause() -> None:
    found = projects("在木耳镇新建徐堡污水处理厂。")
    assert found["徐堡污水处理厂"].located_in == "木耳镇"


def test_listed_company_projects_carry_the_company() -> None:
    found = projects("推动万达、恒大等项目开工建设。")
    assert {(m.text, m.company) for m in found.values()} == {("万达", "万达"), ("恒大", "恒大")}


def test_listed_named_projects() -> None:
    found = projects("以花溪环线乡村振兴示范带、桃源田园综合体等项目为重点。")
    assert found["花溪环线乡村振兴示范带"].type == "demonstration-belt"
    assert found["桃源田园综合体"].type == "complex"


def test_rail_line_project() -> None:
    found = projects("加快推进地铁3号线和京雄城际铁路建设。")
    assert set(found) == {"地铁3号线", "京雄城际铁路"}


@pytest.mark.parametrize(
    "sentence",
    [
        "实施乡村振兴十大重点工程，加快一批重大项目建设，确保帮扶项目快落地。",
        "实施“双十万工程”，推进“厕所革命”。",
        "积极争取世界银行、亚洲开发银行贷款项目。",
        "加快人才公寓项目建设，支持新上项目加大投资。",
        "加快推进山水林田湖草生态修复工程试点。",
        "实施教育提质扩容工程。",
    ],
)
def test_generic_programmes_are_not_projects(sentence: str) -> None:
    assert projects(sentence) == {}
