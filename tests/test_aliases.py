"""Name normalization within a mention and alias merging across a document."""

from __future__ import annotations

import pytest

from plankg.extract.aliases import canonical_name, merge_aliases


@pytest.mark.parametrize(
    ("surface", "category", "kind", "expected"),
    [
        ("上交所", "organization", "exchange", "上海证券交易所"),
        ("深交所", "organization", "exchange", "深圳证券交易所"),
        ("四川", "place", "province", "四川省"),
        ("成都", "place", "city", "成都市"),
        ("余杭", "place", "district", "余杭区"),
        ("广西", "place", "province", "广西壮族自治区"),
        ("凉山", "place", "city", "凉山彝族自治州"),
        ("果园港码头二期", "project", "port", "果园港码头"),
        ("翠湖雅居（二期）", "project", "housing", "翠湖雅居"),
        ("县十七届人民代表大会", "organization", "legislature", "县人民代表大会"),
        ("区人代会", "organization", "legislature", "区人民代表大会"),
        ("市里", "organization", "government-body", "市政府"),
        ("中央", "organization", "government-body", "中央政府"),
        ("百亿级临港物流园", "place", "zone", "临港物流园"),
        ("各镇人民政府", "organization", "government-body", "镇人民政府"),
        ("中国", "place", "country", "中华人民共和国"),
    ],
)
def test_canonical_name(surface: str, category: str, kind: str, expected: str) -> None:
    assert canonical_name(surface, category, kind) == expected


def test_canonical_name_keeps_what_it_cannot_improve() -> None:
    assert canonical_name("徐堡污水处理厂", "project", "sewage-plant") == "徐堡污水处理厂"
    # A place that is not an admin division keeps its surface even if cpca knows the stem.
    assert canonical_name("长寿湖", "place", "lake") == "长寿湖"


def test_modifier_in_the_middle_merges_onto_the_formal_name() -> None:
    merged = merge_aliases([("place", "双流机场"), ("place", "双流国际机场")])
    assert merged[("place", "双流机场")] == "双流国际机场"
    assert merged[("place", "双流国际机场")] == "双流国际机场"


def test_company_legal_form() -> None:
    merged = merge_aliases([("organization", "宇通客车"), ("organization", "宇通客车股份有限公司")])
    assert merged[("organization", "宇通客车")] == "宇通客车股份有限公司"


def test_town_stem_merges_onto_the_town() -> None:
    merged = merge_aliases([("place", "花溪"), ("place", "花溪镇"), ("place", "石门镇")])
    assert merged[("place", "花溪")] == "花溪镇"
    assert merged[("place", "石门镇")] == "石门镇"


def test_abbreviation_table_applies_without_the_full_form() -> None:
    merged = merge_aliases([("organization", "上交所")])
    assert merged[("organization", "上交所")] == "上海证券交易所"


def test_no_merge_across_categories_or_unrelated_names() -> None:
    merged = merge_aliases(
        [("place", "龙兴"), ("organization", "龙兴集团"), ("place", "江北区"),
         ("place", "江北国际机场")]
    )
    assert merged[("place", "龙兴")] == "龙兴"
    assert merged[("organization", "龙兴集团")] == "龙兴集团"
    assert merged[("place", "江北区")] == "江北区"
    assert merged[("place", "江北国际机场")] == "江北国际机场"


def test_every_input_pair_is_a_key() -> None:
    pairs = [("place", "渝北区"), ("project", "碑口水库"), ("place", "碑口水库")]
    assert set(merge_aliases(pairs)) == set(pairs)
