"""Places: cpca admin divisions (full and short forms), suffix grammar, splitting, negatives."""

from __future__ import annotations

import pytest

from plankg.extract.names import names_in
from plankg.extract.places import extract_places
from plankg.model import Mention


def places(sentence: str) -> dict[str, Mention]:
    found = [m for m in names_in(sentence) if m.category == "place"]
    for mention in found:
        assert mention.category == "place"
        assert sentence[mention.start : mention.end] == mention.text
    return {m.text: m for m in found}


def summary(sentence: str) -> set[tuple[str, str, str | None]]:
    return {(m.type, m.name, m.located_in) for m in extract_places(sentence)}


def test_admin_chain_states_containment() -> None:
    found = summary("杭州市余杭区良渚街道要做好文化遗产保护利用。")
    assert found == {
        ("city", "杭州市", None),
        ("district", "余杭区", "杭州市"),
        ("subdistrict", "良渚街道", "余杭区"),
    }


def test_new_area_district_and_town() -> None:
    found = summary("加快推进浦东新区张江镇城市更新。")
    assert ("district", "浦东新区", None) in found
    assert ("town", "张江镇", "浦东新区") in found


def test_prefecture_city_and_district() -> None:
    assert summary("佛山市顺德区全力打造制造业创新高地。") == {
        ("city", "佛山市", None),
        ("district", "顺德区", "佛山市"),
    }


def test_short_forms_expand_to_cpca_names() -> None:
    found = places("主动加强与四川、成都、贵州的交流合作。")
    assert found["四川"].type == "province" and found["四川"].name == "四川省"
    assert found["成都"].type == "city" and found["成都"].name == "成都市"
    assert found["贵州"].name == "贵州省"
    assert found["成都"].rule.startswith("dict")


def test_municipality_is_a_province() -> None:
    assert places("深化与重庆的产业协作。")["重庆"].type == "province"


def test_province_short_form_stands_alone() -> None:
    # 四川 starts with a numeral character but is a province, not a slogan.
    assert places("深化与四川的合作。")["四川"].name == "四川省"
    assert places("开展“三山一滩”群众脱贫工作。") == {}  # 三山区 (芜湖) does not fire


def test_weak_short_form_needs_a_place_beside_it() -> None:
    # 长寿 is a district of 重庆 and an ordinary word.
    assert places("深化与长寿、涪陵的产业协作。")["长寿"].name == "长寿区"
    assert places("健康长寿是人民群众的共同愿望。") == {}


def test_common_word_short_forms_do_not_fire() -> None:
    for sentence in (
        "推动新建一批城市公园。",  # 新建区 (南昌)
        "坚决反对文山会海。",  # 文山州
        "推进开发区和高新区建设，做大双城经济圈。",  # 双城区 (哈尔滨)
        "强化资源节约集约利用，保持平原地区生态。",  # 资源县, 平原县
    ):
        assert places(sentence) == {}, sentence


def test_town_prefix_is_split_from_a_reservoir() -> None:
    found = places("完成石门镇清溪水库除险加固。")
    assert found["石门镇"].type == "town"
    assert found["清溪水库"].type == "reservoir"
    assert found["清溪水库"].located_in == "石门镇"


def test_village_in_town() -> None:
    found = places("支持花溪镇桃源村发展乡村旅游。")
    assert found["桃源村"].type == "village"
    assert found["桃源村"].located_in == "花溪镇"


def test_shared_suffix_distributes() -> None:
    found = places("推进观音桥、三峡广场商圈提档升级。")
    assert found["观音桥"].name == "观音桥商圈"
    assert found["观音桥"].type == "business-district"
    assert found["三峡广场商圈"].type == "business-district"


@pytest.mark.parametrize(
    ("sentence", "text", "kind"),
    [
        ("推进嘉陵江、乌江流域综合治理。", "嘉陵江", "river"),
        ("推进嘉陵江、乌江流域综合治理。", "乌江", "river"),
        ("保护缙云山自然保护区。", "缙云山", "mountain"),
        ("实施太湖流域水环境综合治理。", "太湖", "lake"),
        ("落实长江十年禁渔。", "长江", "river"),
        ("加快西安咸阳国际机场三期扩建。", "西安咸阳国际机场", "airport"),
        ("加快推进京雄城际铁路建设。", "京雄城际铁路", "rail"),
        ("推进地铁3号线建设。", "地铁3号线", "rail"),
        ("开工建设果园港码头二期。", "果园港", "port"),
        ("在前海深港现代服务业合作区开展跨境金融试点。", "前海深港现代服务业合作区", "zone"),
        ("推动苏州工业园区、昆山开发区转型升级。", "苏州工业园区", "zone"),
        ("推动苏州工业园区、昆山开发区转型升级。", "昆山开发区", "zone"),
        ("高标准建设雄安新区。", "雄安新区", "zone"),
        ("加快建设海南自由贸易港。", "海南自由贸易港", "zone"),
        ("支持张江科学城建设。", "张江科学城", "zone"),
        ("深化与新加坡、德国的经贸合作。", "新加坡", "country"),
        ("拓展至非洲、南美洲的航线。", "南美洲", "continent"),
        ("推动京津冀协同发展和东北振兴。", "京津冀", "region"),
        ("推动京津冀协同发展和东北振兴。", "东北", "region"),
        ("推进黄河流域生态保护和高质量发展。", "黄河流域", "region"),
        ("推动长江经济带高质量发展。", "长江经济带", "region"),
        ("支持万达广场等城市商业体建设。", "万达广场", "building"),
        ("打造滨湖金融服务示范区。", "滨湖金融服务示范区", "zone"),
    ],
)
def test_suffix_grammar_types(sentence: str, text: str, kind: str) -> None:
    found = places(sentence)
    assert text in found, found
    assert found[text].type == kind


def test_region_is_not_split_into_its_river() -> None:
    assert set(places("推动长江经济带高质量发展。")) == {"长江经济带"}


def test_codes_belong_to_site_names() -> None:
    found = places("开展北部组团C标准分区C12-3/02地块环境调查。")
    assert "北部组团C标准分区C12-3/02地块" in found
    assert found["北部组团C标准分区C12-3/02地块"].type == "site"


def test_short_forms_inside_organization_names_are_not_places() -> None:
    assert places("支持上海交通大学、北京大学在本地设立研究院。") == {}
    assert places("推动企业在深圳证券交易所上市。") == {}


def test_full_admin_names_inside_government_bodies_are_places() -> None:
    found = places("成都市武侯区人民政府办公室关于印发实施方案的通知。")
    assert found["武侯区"].located_in == "成都市"


def test_bare_zone_word_only_next_to_other_places() -> None:
    assert "保税港区" in places("主动联手双流国际机场和保税港区发展临空经济。")
    assert places("推动保税港区功能优化。") == {}


@pytest.mark.parametrize(
    "sentence",
    [
        "全区各街道、各镇要加强城乡和农村基础设施建设，园区企业要发挥作用。",
        "持续推进城市公园和口袋公园建设，新增绿地面积50公顷。",
        "加快推进山水林田湖草生态修复，守护绿水青山就是金山银山。",
        "推进建制镇、卫星镇、中心镇和重点镇建设，打造特色小镇和工业重镇。",
        "扩大县乡消费，推进乡村振兴。",
        "优化城区道路布局，实施9个城区边坡地块治理。",
        "建成区域性物流中心和国家骨干冷链物流基地。",
        "加快构建高标准自贸区网络，推进一流大学建设。",
        "坚持一国两制、港人治港、高度自治。",
        "增大全区大气污染网格化管理监测密度。",
    ],
)
def test_generic_phrases_are_not_places(sentence: str) -> None:
    assert places(sentence) == {}


def test_results_are_in_text_order_and_do_not_overlap() -> None:
    found = extract_places(
        "完成花溪镇桃源村和石门镇清溪水库水源地保护，推进观音桥、杨家坪商圈提档升级。"
    )
    assert len(found) >= 6
    starts = [m.start for m in found]
    assert starts == sorted(starts)
    # Mentions never cross; one may lie inside another (a place named inside a name).
    for first in found:
        for second in found:
            if first is not second and first.start < second.end and second.start < first.end:
                assert (first.start <= second.start and second.end <= first.end) or (
                    second.start <= first.start and first.end <= second.end)
