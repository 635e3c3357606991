"""The SPARQL query library (queries/*.rq): headers, parameters and real content.

Expectations come from the source texts (corpus/*.txt, and two documents written here
in the genre) wherever possible, not from the queries' own output.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from plankg.build import build_many, load_vocabulary
from plankg.errors import PlankgError
from plankg.identity import document_iri
from plankg.queries import bindings_for, library
from plankg.store import select
from plankg.tables import run_library_query

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
YUBEI = "yubei-2020-plan"
SC2019 = "state-council-work-report-2019"
SC2021 = "state-council-work-report-2021"

# The queries this file is responsible for; each must return rows for its examples.
OWN_QUERIES = (
    "targets_by_section",
    "targets_by_indicator",
    "targets_by_unit",
    "commitments_without_targets",
    "commitments_in_place",
    "companies_and_projects",
    "slogans",
    "slogan_occurrences",
    "sections_by_targets",
    "provenance",
    "sentence_context",
    "indicator_across_documents",
    "slogans_shared",
    "places_most_commitments",
    "place_containment",
    "organizations_by_type",
    "reported_outcomes",
    "document_outline",
    "search_sentences",
    "entity_mentions",
    "who_commitments",
)

# The official expansion of 六稳 (Politburo, July 2018): general knowledge, not read
# from the bundled documents.
SIX_STABILITIES = "稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期"

_INVISIBLE_RE = re.compile(r"[\s\u200b\u200c\u200d\ufeff]+")


def norm(text: str) -> str:
    """Undo the clean-up step: full-width forms, zero-width and white space."""
    return _INVISIBLE_RE.sub("", unicodedata.normalize("NFKC", text))


@cache
def source(doc_id: str) -> str:
    return (CORPUS / f"{doc_id}.txt").read_text(encoding="utf-8")


def doc(doc_id: str) -> str:
    return str(document_iri(doc_id))


def run(store: ox.Store, query: str, /, **params: str) -> list[dict[str, Any]]:
    return run_library_query(store, query, params)


def without(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """Rows minus one column (a parameter echoed back)."""
    return [{k: v for k, v in row.items() if k != key} for row in rows]


def only(rows: list[dict[str, Any]], **match: Any) -> dict[str, Any]:
    found = [r for r in rows if all(r.get(k) == v for k, v in match.items())]
    assert len(found) == 1, f"{len(found)} rows match {match}"
    return found[0]


# --------------------------------------------------------------- documents of our own

ANJI_PLAN = """安吉县2021年国民经济和社会发展计划

2021年是“十四五”开局之年。为确保全年目标任务全面完成，现就2021年全县经济社会发展提出如下计划。

一、主要预期目标

全县地区生产总值增长7%左右，一般公共预算收入增长6%，城镇新增就业1.2万人以上，单位GDP能耗下降3%。

二、重点任务和措施

（一）推动乡村振兴走在前列。

一是提升美丽乡村建设水平。支持安吉县孝丰镇横溪坞村发展竹林碳汇产业，完成农村生活污水处理设施提标改造120个。统筹做好“六稳”工作，全面落实“六保”任务。

二是壮大村级集体经济。到年底所有行政村集体经济年收入达到100万元以上，推广横溪坞村股份合作经验。

（二）加快生态文明建设。

一是深入打好污染防治攻坚战。加强西苕溪流域综合治理，确保县控以上断面水质达标率保持100%。

二是持续推进绿色低碳发展。新增光伏装机容量5万千瓦，完成造林面积3000亩。
"""

XIANGTAN_REPORT = """湘潭市2021年政府工作报告

各位代表：

现在，我代表市人民政府，向大会报告工作，请予审议。

一、2020年工作回顾

过去一年，全市地区生产总值增长4.2%，城镇新增就业3.1万人。我们扎实做好“六稳”工作，全面落实“六保”任务，经济运行稳中向好。

二、2021年工作安排

今年全市经济社会发展的主要预期目标是：地区生产总值增长7.5%以上，城镇调查失业率控制在5.5%以内。

（一）坚持创新驱动发展。加快建设湘潭高新技术产业开发区，新增高新技术企业100家。

（二）全面推进乡村振兴。推进韶山市清溪镇美丽乡村示范片建设，新建高标准农田10万亩。
"""

ANJI = "anji-2021-plan"
XIANGTAN = "xiangtan-2021-work-report"


@pytest.fixture(scope="module")
def own_store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    """A store with two documents written for these tests (a county plan, a city report)."""
    folder = tmp_path_factory.mktemp("own-documents")
    store = ox.Store(str(tmp_path_factory.mktemp("own-store")))
    load_vocabulary(store)
    paths = []
    for doc_id, text in ((ANJI, ANJI_PLAN), (XIANGTAN, XIANGTAN_REPORT)):
        paths.append(folder / f"{doc_id}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    events = list(build_many(paths, store=store, out_dir=None))
    assert all(event.result is not None for event in events), events
    return store


# ------------------------------------------------------------------------ the library


def test_library_holds_the_own_queries() -> None:
    assert set(OWN_QUERIES) <= set(library())


@pytest.mark.parametrize("name", sorted(library()))
def test_header_is_complete(name: str) -> None:
    query = library()[name]
    assert query.title_zh and query.title_en, "title needs 中文 | English"
    assert query.description
    assert query.columns
    parameter_names = {p.name for p in query.parameters}
    assert not parameter_names & set(query.columns), "parameters are not columns"
    for parameter in query.parameters:
        if not parameter.optional or name in OWN_QUERIES:
            assert parameter.example, f"parameter {parameter.name} has no example"
    if name in OWN_QUERIES:
        assert "ORDER BY" in query.text


@pytest.mark.parametrize("name", sorted(library()))
def test_runs_with_example_parameters(corpus_store: ox.Store, name: str) -> None:
    query = library()[name]
    every = {p.name: p.example for p in query.parameters if p.example}
    required = {p.name: p.example for p in query.parameters if not p.optional}
    for params in (every, required):
        variables, rows = select(corpus_store, query.text, bindings_for(query, params))
        assert set(query.columns) <= set(variables), "every column is projected"
        assert {p.name for p in query.parameters} <= set(variables)
        if name in OWN_QUERIES:
            assert rows, f"{name} {params} found nothing in the bundled documents"


def test_bad_parameters_are_refused(corpus_store: ox.Store) -> None:
    with pytest.raises(PlankgError, match="needs --param doc"):
        run(corpus_store, "document_outline")
    with pytest.raises(PlankgError, match="no parameter"):
        run(corpus_store, "targets_by_unit", unit="percent", colour="red")
    with pytest.raises(PlankgError, match="not a valid iri"):
        run(corpus_store, "provenance", fact="target 1")


def test_phrase_parameter_binds_its_name_and_bigrams() -> None:
    bindings = bindings_for(library()["bodies_named"], {"body_name": "生态环境局"})
    assert bindings["body_name"] == ox.Literal("生态环境局")
    assert bindings["body_name_zh"] == ox.Literal("生态环境局", language="zh")
    assert [bindings[f"body_name_b{i}"].value for i in (1, 2, 3)] == ["生态", "环境", "境局"]


@pytest.mark.parametrize(
    "hostile", ['局"} UNION { ?body ?p ?o }', "局' . ?s ?p ?o #", "局\n}} {", "局@zh"]
)
def test_phrase_parameters_cannot_change_a_query(corpus_store: ox.Store, hostile: str) -> None:
    """A phrase binds five terms; none of them can become query syntax."""
    assert run(corpus_store, "bodies_named", body_name="生态环境局")
    assert run(corpus_store, "bodies_named", body_name="生态环境" + hostile) == []
    assert run(corpus_store, "who_commitments", q="污水处理" + hostile) == []


def test_bodies_named_finds_every_body_containing_the_name(corpus_store: ox.Store) -> None:
    """Through the bigram index, the same bodies as a scan of every label."""
    scan = {
        (s["body"].value, s["label"].value)
        for s in corpus_store.query(
            "SELECT DISTINCT ?body ?label WHERE { ?body a <http://www.w3.org/ns/org#Organization> ;"
            " <http://www.w3.org/2000/01/rdf-schema#label> ?label "
            "FILTER(LANG(?label) = 'zh' && CONTAINS(?label, '环境')) }",
            use_default_graph_as_union=True,
        )
    }
    assert len(scan) >= 2
    rows = run(corpus_store, "bodies_named", body_name="环境")
    assert {(r["body"], r["body_label"]) for r in rows} == scan


# ------------------------------------------------------------------------------ targets


def test_targets_by_section_puts_targets_under_their_headings(corpus_store: ox.Store) -> None:
    rows = run(corpus_store, "targets_by_section", doc=doc(YUBEI))
    assert {r["document"] for r in rows} == {YUBEI}
    gdp = only(rows, indicator="地区生产总值", value="3")
    assert gdp["part_heading"] == "二、预期目标" and "二、预期目标" in source(YUBEI)
    assert gdp["section_path"] is None  # the 预期目标 part has no sections
    dust = only(rows, quote="扬尘示范工地20个")
    assert (dust["part_path"], dust["section_path"]) == ("3", "3.1")
    section_line = next(line for line in source(YUBEI).splitlines() if "扬尘示范工地20个" in line)
    assert norm(section_line).startswith(norm(dust["section_heading"]))

    everything = run(corpus_store, "targets_by_section")
    assert len(everything) == len(run(corpus_store, "targets"))
    for row in everything:
        # The sentence path lies under the section (or part) it is listed under.
        assert row["path"].startswith((row["section_path"] or row["part_path"]) + ".")


def test_targets_by_indicator_matches_a_phrase(corpus_store: ox.Store) -> None:
    rows = run(corpus_store, "targets_by_indicator", q="就业")
    assert rows and all("就业" in r["indicator"] for r in rows)
    assert "新增就业5万人以上" in norm(source(YUBEI))
    only(rows, document=YUBEI, indicator="新增就业", value="5万", kind="target")
    assert "城镇新增就业1100万人以上" in norm(source(SC2019))
    only(rows, document=SC2019, value="1100万", kind="target")
    in_yubei = run(corpus_store, "targets_by_indicator", q="就业", doc=doc(YUBEI))
    assert in_yubei and {r["document"] for r in in_yubei} == {YUBEI}
    assert run(corpus_store, "targets_by_indicator", q="载人航天发射次数") == []


def test_targets_by_unit(corpus_store: ox.Store) -> None:
    percent = run(corpus_store, "targets_by_unit", unit="percent")
    gdp = only(percent, document=YUBEI, indicator="地区生产总值", value="3")
    assert gdp["value_normalized"] == 3.0 and gdp["unit_label"] == "百分比"
    assert "地区生产总值增长3%" in norm(source(YUBEI))
    assert all(r["unit_as_written"] not in ("人", "万人", "元", "亿元") for r in percent)
    people = run(corpus_store, "targets_by_unit", unit="person")
    assert only(people, document=YUBEI, indicator="新增就业")["value_normalized"] == 50000
    assert not {r["target"] for r in people} & {r["target"] for r in percent}
    assert run(corpus_store, "targets_by_unit", unit="furlong") == []


def test_indicator_across_documents(corpus_store: ox.Store) -> None:
    rows = run(corpus_store, "indicator_across_documents", q="生产总值")
    assert all("生产总值" in r["indicator"] for r in rows)
    assert "国内生产总值增长6%-6.5%" in norm(source(SC2019))
    range_2019 = only(rows, year=2019, indicator="国内生产总值", kind="target")
    assert range_2019["value"] == "6%－6.5%" and range_2019["comparator"] == "range"
    assert (range_2019["value_normalized"], range_2019["value_max_normalized"]) == (6.0, 6.5)
    assert "国内生产总值增长6%以上" in norm(source(SC2021))
    target_2021 = only(rows, year=2021, indicator="国内生产总值", kind="target")
    assert (target_2021["value"], target_2021["comparator"]) == ("6", ">=")
    yubei = only(rows, year=2020, indicator="地区生产总值")
    assert (yubei["value"], yubei["level"], yubei["kind"]) == ("3", "district", "target")
    keys = [(r["indicator"], r["year"]) for r in rows]
    assert keys == sorted(keys)


def test_indicator_across_documents_of_our_own(own_store: ox.Store) -> None:
    rows = run(own_store, "indicator_across_documents", q="地区生产总值")
    assert {(r["document"], r["level"], r["kind"], r["value"]) for r in rows} == {
        (ANJI, "district", "target", "7"),
        (XIANGTAN, "city", "outcome", "4.2"),
        (XIANGTAN, "city", "target", "7.5"),
    }


def test_reported_outcomes(corpus_store: ox.Store) -> None:
    rows = run(corpus_store, "reported_outcomes", doc=doc(SC2021))
    assert rows and {(r["year"], r["reported_year"]) for r in rows} == {(2021, 2020)}
    assert "国内生产总值增长2.3%" in norm(source(SC2021))
    only(rows, indicator="国内生产总值", value="2.3")
    targets = run(corpus_store, "targets", doc=doc(SC2021), kind_filter="target")
    assert not {r["outcome"] for r in rows} & {r["target"] for r in targets}
    # 6%以上 is the year's target, never an outcome.
    assert not [r for r in rows if r["quote"] == "国内生产总值增长6%以上"]
    # A plan without a review of last year reports nothing.
    assert run(corpus_store, "reported_outcomes", doc=doc(YUBEI)) == []


def test_reported_outcomes_of_our_own(own_store: ox.Store) -> None:
    rows = run(own_store, "reported_outcomes")
    assert {(r["document"], r["quote"], r["reported_year"]) for r in rows} == {
        (XIANGTAN, "地区生产总值增长4.2%", 2020),
        (XIANGTAN, "城镇新增就业3.1万人", 2020),
    }


# -------------------------------------------------------------------------- commitments


def test_commitments_without_targets(corpus_store: ox.Store) -> None:
    rows = run(corpus_store, "commitments_without_targets", doc=doc(YUBEI))
    paths = {r["path"] for r in rows}
    target_paths = [
        r["path"] for r in run(corpus_store, "targets", doc=doc(YUBEI), kind_filter="target")
    ]
    tasks = {
        r["path"]
        for r in run(corpus_store, "commitments", doc=doc(YUBEI))
        if r["level"] in ("item", "paragraph")
    }
    with_targets = {p for p in tasks if any(t.startswith(p + ".") for t in target_paths)}
    assert paths == tasks - with_targets
    assert {"2.p1", "3.1.2"} <= with_targets  # 预期目标; 扬尘示范工地20个 …
    item = only(rows, path="3.1.1")
    assert item["heading"] == "一是坚决打好精准脱贫攻坚战。"
    assert not re.search(r"\d", item["text"]) and item["sentences"] == 3


def test_commitments_in_place_includes_what_lies_in_it(corpus_store: ox.Store) -> None:
    rows = run(corpus_store, "commitments_in_place", place="木耳镇")
    assert "木耳镇观音洞水库" in source(YUBEI)
    reservoir = [r for r in rows if "木耳镇观音洞水库" in r["text"] and r["level"] == "sentence"]
    assert len(reservoir) == 1 and "观音洞水库" in reservoir[0]["via"].split("|")
    for row in rows:
        via = row["via"].split("|")
        assert via == sorted(via)
        assert all(name in row["text"] for name in via)
    sentences = run(corpus_store, "commitments_in_place", place="木耳镇", level_filter="sentence")
    assert sentences and {r["level"] for r in sentences} == {"sentence"}
    village = run(corpus_store, "commitments_in_place", place="大湾镇", level_filter="sentence")
    assert any("水口村" in r["via"] for r in village)
    assert run(corpus_store, "commitments_in_place", place="不存在镇") == []


def test_commitments_in_place_of_our_own(own_store: ox.Store) -> None:
    # 横溪坞村 lies in 孝丰镇 (said once, in 安吉县孝丰镇横溪坞村); the second item names
    # only the village and must still be found for the town and for the county.
    for place in ("孝丰镇", "安吉县"):
        rows = run(own_store, "commitments_in_place", place=place, level_filter="item")
        assert {r["path"] for r in rows} == {"2.1.1", "2.1.2"}
        second = only(rows, path="2.1.2")
        assert second["via"] == "横溪坞村" and "孝丰镇" not in second["text"]
    assert run(own_store, "commitments_in_place", place="天荒坪镇") == []


def test_document_outline(corpus_store: ox.Store) -> None:
    rows = run(corpus_store, "document_outline", doc=doc(YUBEI))
    meta = run(corpus_store, "documents", doc=doc(YUBEI))[0]
    kinds = Counter(r["kind"] for r in rows)
    assert (kinds["part"], kinds["section"], kinds["item"]) == (
        meta["parts"],
        meta["sections"],
        meta["items"],
    )
    parts = [r for r in rows if r["kind"] == "part"]
    assert [p["heading"] for p in parts] == ["一、总体思路", "二、预期目标", "三、重点任务和措施"]
    assert all(p["heading"] in source(YUBEI) for p in parts)
    assert sum(p["targets"] for p in parts) == meta["targets"]
    assert [r["char_start"] for r in rows] == sorted(r["char_start"] for r in rows)
    paragraphs = [
        r["path"]
        for r in run(corpus_store, "commitments", doc=doc(YUBEI), level_filter="paragraph")
    ]
    for section in (r for r in rows if r["kind"] == "section"):
        below = section["path"] + "."
        items = [r for r in rows if r["kind"] == "item" and r["path"].startswith(below)]
        # A section's tasks are its items plus any paragraph of its own (3.9.p2).
        own = [p for p in paragraphs if p.startswith(below + "p")]
        assert section["commitments"] == sum(i["commitments"] for i in items) + len(own)


def test_document_outline_of_our_own(own_store: ox.Store) -> None:
    rows = run(own_store, "document_outline", doc=doc(ANJI))
    headings = [r["heading"] for r in rows]
    lines = [line for line in ANJI_PLAN.splitlines() if re.match(r"^(.、|（.）)", line)]
    assert [h for h in headings if not h.startswith(("一是", "二是"))] == lines
    assert [r["kind"] for r in rows].count("item") == 4
    assert only(rows, path="1")["targets"] == 4  # 7%左右, 6%, 1.2万人以上, 3%
    assert only(rows, path="2.2.2")["targets"] == 2  # 5万千瓦, 3000亩


def test_sections_by_targets(corpus_store: ox.Store) -> None:
    rows = run(corpus_store, "sections_by_targets")
    ranking = [r["targets"] for r in rows]
    assert ranking == sorted(ranking, reverse=True)
    for meta in run(corpus_store, "documents"):
        mine = [r for r in rows if r["document"] == meta["id"]]
        # Every target lies in exactly one section or in one part's own text.
        assert sum(r["targets"] for r in mine) == meta["targets"]
    expected = only(rows, document=YUBEI, path="2")
    assert (expected["kind"], expected["heading"]) == ("part", "二、预期目标")
    assert expected["targets"] == 8
    review = only(rows, document=SC2021, path="1")
    assert review["targets"] == 0 and review["outcomes"] > 0


# --------------------------------------------------------------------- places and bodies


def test_places_most_commitments(corpus_store: ox.Store) -> None:
    rows = run(corpus_store, "places_most_commitments")
    ranking = [r["commitments"] for r in rows]
    assert ranking == sorted(ranking, reverse=True)
    assert all(r["including_contained"] >= r["commitments"] for r in rows)
    towns = run(corpus_store, "places_most_commitments", place_type="town")
    assert {r["type"] for r in towns} == {"town"}
    for town in ("木耳镇", "洛碛镇", "统景镇", "大湾镇"):
        assert town in source(YUBEI)
        assert only(towns, name=town)["commitments"] >= 1


def test_places_most_commitments_of_our_own(own_store: ox.Store) -> None:
    town = only(run(own_store, "places_most_commitments"), name="孝丰镇")
    # Named in one item; the other item names only its village.
    assert (town["commitments"], town["including_contained"]) == (1, 2)


def test_place_containment(corpus_store: ox.Store) -> None:
    rows = run(corpus_store, "place_containment")
    pairs = {(r["container"], r["contained"]) for r in rows}
    stated = (("木耳镇", "观音洞水库"), ("大湾镇", "水口村"), ("统景镇", "河坝村"))
    for container, contained in stated:
        assert container + contained in source(YUBEI)
        assert (container, contained) in pairs
    one = run(corpus_store, "place_containment", place="木耳镇")
    assert one and {r["container"] for r in one} == {"木耳镇"}
    assert {"place", "project"} <= {r["contained_category"] for r in one}


def test_place_containment_of_our_own(own_store: ox.Store) -> None:
    pairs = {(r["container"], r["contained"]) for r in run(own_store, "place_containment")}
    assert {("安吉县", "孝丰镇"), ("孝丰镇", "横溪坞村"), ("韶山市", "清溪镇")} <= pairs


def test_companies_and_projects(corpus_store: ox.Store) -> None:
    rows = run(corpus_store, "companies_and_projects")
    water = only(rows, project="木耳镇观音洞水库牛头岩水厂")
    assert (water["place"], water["place_type"], water["documents"]) == ("木耳镇", "town", YUBEI)
    owned = [r for r in rows if r["company"] and r["project"]]
    lone = [r for r in rows if r["company"] and not r["project"]]
    assert owned and lone
    assert not {r["company"] for r in lone} & {r["company"] for r in owned}
    assert rows.index(owned[-1]) < rows.index(lone[0])  # projects first
    assert "江合煤化有限公司" in source(YUBEI)
    assert "江合煤化有限公司" in {r["company"] for r in rows}
    assert all(r["documents"] for r in rows)


def test_organizations_by_type(corpus_store: ox.Store) -> None:
    rows = run(corpus_store, "organizations_by_type")
    assert [r["type"] for r in rows] == sorted(r["type"] for r in rows)
    issuer = run(corpus_store, "documents", doc=doc(YUBEI))[0]["issuer"]
    assert only(rows, name=issuer)["type"] == "government-body"
    companies = run(corpus_store, "organizations_by_type", organization_type="company")
    assert {r["type"] for r in companies} == {"company"}
    for name in ("江合煤化有限公司", "宇邦线缆有限公司"):
        assert name in source(YUBEI)
        assert only(companies, name=name)["documents"] == YUBEI


# ------------------------------------------------------------------------------ slogans


def test_slogans(corpus_store: ox.Store) -> None:
    rows = run(corpus_store, "slogans")
    assert len({r["slogan"] for r in rows}) == len(rows)
    six = only(rows, name="六稳")
    assert SIX_STABILITIES in source(SC2019)
    assert (six["kind"], six["english"], six["members"]) == (
        "numeric-formula",
        "Six Stabilities",
        SIX_STABILITIES,  # the official order, from the glossary's list
    )
    expected = sum(
        norm(source(d)).count("六稳") + norm(source(d)).count(SIX_STABILITIES)
        for d in (YUBEI, SC2019, SC2021)
    )
    assert six["mentions"] == expected
    occurrences = six["occurrences"].split("|")
    assert occurrences == sorted(occurrences, key=lambda o: o.split(":")[0])
    # A local formula with no glossary entry: members in the order of its own name.
    local = only(rows, name="两不愁、三保障、一达标")
    assert local["members"] == local["name"] and local["english"] is None
    # 四区 spelled out just before it in the source sentence.
    four = only(rows, name="四区")
    line = next(x for x in source(YUBEI).splitlines() if "“四区”" in x)
    assert all(member in line for member in four["members"].split("、"))
    assert len(four["members"].split("、")) == 4

    in_2021 = run(corpus_store, "slogans", doc=doc(SC2021))
    six_2021 = only(in_2021, name="六稳")
    assert six_2021["mentions"] == source(SC2021).count("六稳")
    assert all(o.startswith(SC2021 + ":") for o in six_2021["occurrences"].split("|"))
    assert "四区" not in {r["name"] for r in in_2021}


def test_slogan_occurrences(corpus_store: ox.Store) -> None:
    rows = run(corpus_store, "slogan_occurrences", name="六稳")
    for doc_id in (YUBEI, SC2019, SC2021):
        text = norm(source(doc_id))
        expected = text.count("六稳") + text.count(SIX_STABILITIES)
        assert len([r for r in rows if r["document"] == doc_id]) == expected
    for row in rows:
        assert norm(row["quote"]) in norm(row["text"])
        span = source(row["document"])[row["char_start"] : row["char_end"]]
        assert norm(span) == norm(row["quote"])
    assert {r["quote"] for r in rows} == {"六稳", SIX_STABILITIES}
    assert [r["year"] for r in rows] == sorted(r["year"] for r in rows)
    by_alias = run(corpus_store, "slogan_occurrences", name=SIX_STABILITIES)
    assert without(by_alias, "name") == without(rows, "name")
    assert run(corpus_store, "slogan_occurrences", name="七稳") == []


def test_slogans_shared(corpus_store: ox.Store) -> None:
    rows = run(corpus_store, "slogans_shared")
    assert all(r["document_count"] >= 2 for r in rows)
    for name in ("六稳", "六保"):
        row = only(rows, name=name)
        assert {YUBEI, SC2021} <= set(row["documents"].split("|"))
        assert set(row["levels"].split("|")) == {"district", "national"}
    # 六保 dates from April 2020: absent from the 2019 report, in either form.
    assert "六保" not in source(SC2019) and "保居民就业" not in source(SC2019)
    six_guarantees = only(rows, name="六保")
    assert six_guarantees["documents"] == f"{YUBEI}|{SC2021}"
    assert (six_guarantees["first_year"], six_guarantees["last_year"]) == (2020, 2021)
    assert only(rows, name="六稳")["first_year"] == 2019
    assert "四区" not in {r["name"] for r in rows}  # a district's own formula


def test_slogans_shared_of_our_own(own_store: ox.Store) -> None:
    rows = run(own_store, "slogans_shared")
    for name in ("六稳", "六保"):
        row = only(rows, name=name)
        assert row["documents"] == f"{ANJI}|{XIANGTAN}"
        assert row["levels"] == "city|district"
        assert (row["first_year"], row["last_year"]) == (2021, 2021)
    assert "十四五" not in {r["name"] for r in rows}  # only in the plan


# ----------------------------------------------------------------- provenance and text


def test_provenance_of_every_target_matches_the_source(corpus_store: ox.Store) -> None:
    statements = run(corpus_store, "targets")
    assert statements
    for statement in statements:
        rows = run(corpus_store, "provenance", fact=statement["target"])
        assert len(rows) == 1
        row = rows[0]
        assert row["type"] == statement["kind"] and row["rule"]
        assert row["sentence_start"] <= row["char_start"] < row["char_end"] <= row["sentence_end"]
        text = source(row["document"])
        assert norm(text[row["char_start"] : row["char_end"]]) == norm(row["quote"])
        assert norm(text[row["sentence_start"] : row["sentence_end"]]) == norm(row["sentence"])
    gdp = next(s for s in statements if s["quote"] == "地区生产总值增长3%")
    row = run(corpus_store, "provenance", fact=gdp["target"])[0]
    assert source(YUBEI)[row["char_start"] : row["char_end"]] == "地区生产总值增长3%"
    assert row["path"] == "2.p1.s1"


def test_provenance_of_mentions_and_commitments(corpus_store: ox.Store) -> None:
    mention = run(corpus_store, "entity_mentions", name="江北国际机场")[0]
    row = only(run(corpus_store, "provenance", fact=mention["mention"]), type="mention")
    assert (row["char_start"], row["char_end"]) == (mention["char_start"], mention["char_end"])

    item = only(run(corpus_store, "commitments", doc=doc(YUBEI)), path="3.1.1")
    rows = run(corpus_store, "provenance", fact=item["commitment"])
    assert [r["path"] for r in rows] == ["3.1.1.s1", "3.1.1.s2", "3.1.1.s3"]
    assert rows[0]["sentence_start"] == item["char_start"]
    assert rows[-1]["sentence_end"] == item["char_end"]
    missing = doc(YUBEI) + "/target/99999"
    assert run(corpus_store, "provenance", fact=missing) == []


def test_sentence_context(corpus_store: ox.Store) -> None:
    phrase = "木耳镇中小企业基地污水处理项目"
    hit = only(run(corpus_store, "search_sentences", q=phrase))
    row = only(run(corpus_store, "sentence_context", sentence=hit["sentence"]))
    text = source(YUBEI)
    assert row["item_heading"] == "二是坚决打好污染防治攻坚战。"
    assert row["part_heading"] == "三、重点任务和措施"
    assert row["section_heading"].startswith("（一）坚决打好“三大攻坚战”")
    assert norm(text[: row["char_start"]]).endswith(norm(row["previous"]))
    assert norm(text[row["char_end"] :]).startswith(norm(row["next"]))

    targets_sentence = only(run(corpus_store, "search_sentences", q="地区生产总值增长3%"))
    context = only(run(corpus_store, "sentence_context", sentence=targets_sentence["sentence"]))
    assert (context["part_heading"], context["section_path"], context["item_path"]) == (
        "二、预期目标",
        None,
        None,
    )


def test_search_sentences_covers_every_occurrence(corpus_store: ox.Store) -> None:
    phrase = "污水处理"
    rows = run(corpus_store, "search_sentences", q=phrase)
    assert rows and all(phrase in r["text"] for r in rows)
    for doc_id in (YUBEI, SC2019, SC2021):
        spans = [(r["char_start"], r["char_end"]) for r in rows if r["document"] == doc_id]
        positions = [m.start() for m in re.finditer(phrase, source(doc_id))]
        assert len(spans) <= len(positions)
        for position in positions:
            assert any(start <= position < end for start, end in spans)
    assert rows[0]["is_commitment"] is True
    assert run(corpus_store, "search_sentences", q="量子纠缠") == []


def test_entity_mentions(corpus_store: ox.Store) -> None:
    rows = run(corpus_store, "entity_mentions", name="江北国际机场")
    text = source(YUBEI)
    assert len(rows) == text.count("江北国际机场") + text.count("江北机场")
    for row in rows:
        assert (row["category"], row["type"]) == ("place", "airport")
        assert text[row["char_start"] : row["char_end"]] == row["quote"]
    assert {r["quote"] for r in rows} == {"江北国际机场", "江北机场"}
    by_alias = run(corpus_store, "entity_mentions", name="江北机场")
    assert without(by_alias, "name") == without(rows, "name")
    rivers = run(corpus_store, "entity_mentions", name="长江")
    # Rivers are one node across documents (the national report and the district plan).
    assert len({r["entity"] for r in rivers}) == 1
    assert len({r["document"] for r in rivers}) >= 2
    assert run(corpus_store, "entity_mentions", name="火星基地") == []


def test_who_commitments_finds_phrases_names_and_indicators(corpus_store: ox.Store) -> None:
    """Each way a committing sentence is about X, against the commitments and targets
    queries (which read the graph, not the phrase index)."""
    sentences = {
        c["commitment"]: c for c in run(corpus_store, "commitments") if c["level"] == "sentence"
    }

    def found(q: str, **params: str) -> dict[str, set[str]]:
        by_match: dict[str, set[str]] = defaultdict(set)
        for row in run(corpus_store, "who_commitments", q=q, **params):
            by_match[row["match"]].add(row["commitment"])
        return by_match

    def containing(phrase: str, doc_id: str | None = None) -> set[str]:
        return {
            iri for iri, c in sentences.items()
            if phrase in c["text"] and doc_id in (None, c["document"])
        }

    assert found("污水处理")["text"] == containing("污水处理") != set()
    # A bigram in most sentences, restricted to one document: that document's only.
    common = found("发展", doc=doc(YUBEI))["text"]
    assert common == containing("发展", YUBEI) and len(common) > 20
    assert found("发展")["text"] == containing("发展") > common
    # A place by its name: the sentences mentioning it.
    assert found("两江新区")["entity"] == {
        iri for iri, c in sentences.items() if "两江新区" in (c["places"] or "").split("|")
    } != set()
    # An indicator: the committing sentences holding a target that measures it.
    keys = {(c["document"], c["path"]): iri for iri, c in sentences.items()}
    measuring = {
        keys[t["document"], t["path"]]
        for t in run(corpus_store, "targets")
        if "生产总值" in t["indicator"] and (t["document"], t["path"]) in keys
    }
    assert found("生产总值")["indicator"] == measuring != set()
    assert found("火星殖民地") == {}


@pytest.mark.parametrize("name", ["targets", "targets_by_indicator", "reported_outcomes"])
def test_one_row_per_statement_even_without_a_unit(corpus_store: ox.Store, name: str) -> None:
    """One row per statement: a vocabulary lookup (units) must not multiply rows."""
    params = {"q": "率"} if name == "targets_by_indicator" else {}
    rows = run(corpus_store, name, **params)
    key = "outcome" if name == "reported_outcomes" else "target"
    assert len(rows) > 10
    assert len({r[key] for r in rows}) == len(rows)


@pytest.mark.parametrize("page", ["0", "-1"])
def test_pages_count_from_one(page: str) -> None:
    """A page before the first is a mistake, not an empty table."""
    from plankg.errors import PlankgError

    with pytest.raises(PlankgError, match="pages count from 1"):
        bindings_for(library()["entities"], {"page": page})
    assert str(bindings_for(library()["entities"], {"page": "1"})["page"].value) == "1"
