"""The web explorer over HTTP: every page, its JSON twin, escaping, the query library pages.

Expectations come from the library queries run directly on the store (and from the text of
a document written here in the genre), not from the explorer's own output.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from serving import ROOT, build_store, plankg, serving

from plankg import answers
from plankg.identity import document_iri
from plankg.queries import library
from plankg.tables import run_library_query
from plankg.web import graphs, links, render

YUBEI = "yubei-2020-plan"
HOSTILE = "<img src=x onerror=alert(1)>"

# A plan of another city and year, written for these tests: a company with a project, a
# stated lead department, a town inside a district, slogans and targets.
JINHUA_PLAN = f"""金华市2024年国民经济和社会发展计划

一、主要预期目标

全市生产总值增长6%左右，城镇新增就业5万人以上，单位生产总值能耗下降2.5%。

二、重点任务

（一）扎实做好“六稳”工作。一是稳定工业增长。支持华峰化工有限公司建设年产10万吨新材料项目，力促{HOSTILE}公司项目投产。二是优化营商环境。市发展改革委牵头深化“放管服”改革，市场监管局配合推进企业开办便利化。

（二）加强生态环境保护。市生态环境局负责推进城北污水处理厂提标改造工程，确保年内完工。推进婺城区白龙桥镇农村生活污水处理设施建设，完成义乌江水环境综合治理。
"""
JINHUA = "jinhua-2024-plan"


def who_rows(store: ox.Store, q: str) -> list[dict[str, Any]]:
    """The ``who`` library query for a phrase.

    Every required parameter is the phrase itself, except the index keys the query may
    declare (bigrams of the phrase), which come from ``plankg.answers.phrase_keys``.
    """
    keys = getattr(answers, "phrase_keys", lambda _: {})(q)
    params = {p.name: keys.get(p.name, q) for p in library()["who"].parameters if not p.optional}
    return run_library_query(store, "who", params)


class Client:
    def __init__(self, base: str, store: Path) -> None:
        self.base = base
        self.store = store

    def get(self, path: str, **params: str) -> tuple[int, str, str]:
        query = urllib.parse.urlencode(params)
        target = self.base + urllib.parse.quote(path, safe="/.") + (f"?{query}" if query else "")
        try:
            with urllib.request.urlopen(target, timeout=60) as response:
                return response.status, response.headers["Content-Type"], response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers["Content-Type"], error.read().decode()

    def json(self, path: str, **params: str) -> Any:
        status, content_type, body = self.get(path + ".json", **params)
        assert status == 200, body
        assert content_type.startswith("application/json")
        return json.loads(body)


@pytest.fixture(scope="module")
def client(corpus_store_path: Path) -> Iterator[Client]:
    with serving(corpus_store_path) as running:
        yield Client(running.base, corpus_store_path)


@pytest.fixture(scope="module")
def jinhua_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("jinhua")
    path = folder / "docs" / f"{JINHUA}.txt"
    path.parent.mkdir()
    path.write_text(JINHUA_PLAN, encoding="utf-8")
    return build_store(folder / "store", path.parent)


@pytest.fixture(scope="module")
def jinhua_store(jinhua_path: Path) -> ox.Store:
    return ox.Store.read_only(str(jinhua_path))


@pytest.fixture(scope="module")
def jinhua(jinhua_path: Path) -> Iterator[Client]:
    with serving(jinhua_path) as running:
        yield Client(running.base, jinhua_path)


def text_of(fragment: str) -> str:
    """Visible text of an HTML fragment: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def network_of(page: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="network-data">(.*?)</script>', page)
    assert match, "page has no network data"
    return json.loads(match.group(1))


# ------------------------------------------------------------------------------- helpers


def test_marks_cut_text_without_overlap() -> None:
    marked = render.marks("推进<b>污水处理厂建设", [("污水处理厂", "cue"), ("污水处理", "q")])
    assert marked == [("推进<b>", ""), ("污水处理厂", "cue"), ("建设", "")]
    both = render.marks("木耳镇和洛碛镇", [("木耳镇", "cue"), ("洛碛镇", "q")])
    assert both == [("木耳镇", "cue"), ("和", ""), ("洛碛镇", "q")]
    assert render.marks("abc", [("", "cue")]) == [("abc", "")]


def test_local_urls_quote_paths_and_drop_empty_parameters() -> None:
    expected = "/who?q=%E6%B1%A1%E6%B0%B4+%E5%A4%84%E7%90%86"
    assert links.url("/who", q="污水 处理", doc="") == expected
    assert links.commitment_url("a b", "3.1.s2") == "/commitment/a%20b/3.1.s2"


def test_iris_are_shortened_and_linked() -> None:
    commitment = str(document_iri(YUBEI)) + "/commitment/3.1.2.s5"
    link = links.iri_link(commitment)
    assert link == {"text": f"{YUBEI} 3.1.2.s5", "href": f"/commitment/{YUBEI}/3.1.2.s5",
                    "title": commitment}
    assert links.iri_link(str(document_iri(YUBEI)))["href"] == f"/document/{YUBEI}"
    assert links.iri_link("http://example.org/x") is None


def test_target_value_reads_like_the_text() -> None:
    row = {"value": "3", "unit": "%", "comparator": "~", "change": "decrease"}
    assert render.target_value(row) == "约3% ↓"
    ranged = {"value": "6%－6.5%", "unit": "%", "comparator": "range", "change": "increase"}
    assert render.target_value(ranged) == "6%－6.5% ↑"


def test_no_page_builds_html_in_python() -> None:
    tag = re.compile(
        r"""["'][^"'\n]*<(a|div|span|p|li|ol|ul|td|tr|th|table|h[1-6]|mark|section)[ >]"""
    )
    for module in sorted((ROOT / "plankg" / "web").glob("*.py")):
        assert not tag.search(module.read_text(encoding="utf-8")), module.name
    assert not (ROOT / "plankg" / "explorer.py").exists()


# ---------------------------------------------------------------------------------- pages


def test_home_lists_documents_and_the_query_library(client: Client, corpus_store: ox.Store) -> None:
    status, content_type, page = client.get("/")
    assert status == 200 and content_type.startswith("text/html")
    ids = {row["id"] for row in run_library_query(corpus_store, "documents")}
    for doc_id in ids:
        assert f'href="/document/{doc_id}"' in page
    for name in library():
        assert f'href="/queries/{name}"' in page
    assert 'action="/who"' in page and "谁负责" in page and "Who is accountable" in page
    data = client.json("/index")
    assert sorted(d["id"] for d in data["documents"]) == sorted(ids)  # one row per document


def test_who_page_lists_the_bodies_of_the_who_query(client: Client, corpus_store: ox.Store) -> None:
    rows = who_rows(corpus_store, "污水处理")
    assert rows, "the bundled plan has sewage treatment commitments"
    # who() reads the sentences the query finds from the question's point of view: its
    # answers, not the raw rows, are what the page shows.
    expected = answers.who(corpus_store, "污水处理").as_json()["answers"]
    status, _, page = client.get("/who", q="污水处理")
    assert status == 200
    found = re.findall(r'<a class="body" href="/body\?name=[^"]*">(.*?)</a>', page)
    shown = [text_of(m) for m in found]
    assert set(shown) == {a["body"] for a in expected}
    assert {r["body_label"] for r in rows} <= set(shown)  # nothing the graph holds is lost
    # Every answer is marked stated or inferred, in plankg's order.
    data = client.json("/who", q="污水处理")
    assert [(a["body"], a["role"], a["basis"], a["stated"]) for a in data["answers"]] == [
        (a["body"], a["role"], a["basis"], a["stated"]) for a in expected]
    # Grouped by document: each group's answers keep the overall rank, ascending.
    assert {g["document"] for g in data["groups"]} == {r["document"] for r in rows}
    for group in data["groups"]:
        ranks = [a["rank"] for a in group["answers"]]
        assert ranks == sorted(ranks)
        assert all(c["document"] == group["document"] for a in group["answers"]
                   for c in a["commitments"])
    flags = [a["stated"] for g in data["groups"] for a in g["answers"]]
    assert page.count('class="badge inferred"') == flags.count(False)
    assert page.count('class="badge stated"') == flags.count(True)
    # Evidence: the sentence with the phrase marked, and links to commitment and body pages.
    assert '<mark class="q">污水处理</mark>' in page
    for row in rows:
        assert f'href="/commitment/{row["document"]}/{row["path"]}"' in page
    network = network_of(page)
    commitments = {c["id"] for a in expected if a["basis"] != "issuer" for c in a["commitments"]}
    bodies = {a["body_iri"] for a in expected if a["basis"] != "issuer"}
    assert len(commitments) <= graphs.MAX_COMMITMENTS
    assert len(network["nodes"]) == len(commitments) + len(bodies)
    assert {n["id"] for n in network["nodes"] if n["kind"] == "body"} == bodies
    assert network["palette"]["kinds"]["body"]["color"]


def test_who_links_the_terms_own_page(client: Client, corpus_store: ox.Store) -> None:
    town = next(r["container"] for r in run_library_query(corpus_store, "place_containment")
                if r["container_type"] == "town")
    data = client.json("/who", q=town)
    assert {"kind": "place", "label": town, "url": links.url("/place", name=town)} in (
        data["term_pages"])
    slogan = run_library_query(corpus_store, "slogans_shared")[0]["name"]
    assert any(p["kind"] == "slogan" for p in client.json("/who", q=slogan)["term_pages"])


def test_who_without_match_offers_suggestions(client: Client, corpus_store: ox.Store) -> None:
    query = "污水处理厂提标改造示范"  # close to names in the plan, in no sentence
    assert not who_rows(corpus_store, query)
    status, _, page = client.get("/who", q=query)
    assert status == 200 and "没有找到" in page and "No match" in page
    expected = [s for s in answers.suggestions(corpus_store, query) if s != query]
    assert expected
    for label in expected:
        assert f'href="{html.escape(links.url("/who", q=label))}"' in page
    assert 'id="network"' not in page


def test_who_without_a_query_shows_the_form(client: Client) -> None:
    status, _, page = client.get("/who")
    assert status == 200 and 'name="q"' in page
    assert client.get("/who.json")[0] == 400


def test_commitment_page_shows_its_section_targets_places_and_responsibilities(
    client: Client, corpus_store: ox.Store
) -> None:
    commitments = run_library_query(
        corpus_store, "commitments", {"doc": str(document_iri(YUBEI)), "level_filter": "item"}
    )
    item = next(c for c in commitments if c["targets"] and c["places"])
    status, _, page = client.get(f"/commitment/{YUBEI}/{item['path']}")
    assert status == 200
    assert html.escape(item["text"]) in page
    data = client.json(f"/commitment/{YUBEI}/{item['path']}")
    assert data["commitment"]["text"] == item["text"]
    assert sorted(p["name"] for p in data["places"]) == sorted(item["places"].split("|"))
    assert sorted(t["quote"] for t in data["targets"]) == sorted(item["targets"].split("|"))
    # Its sentences are highlighted within the section that holds it.
    highlighted = [s["text"] for s in data["sentences"] if s["highlighted"]]
    assert highlighted and all(s in item["text"] for s in highlighted)
    assert len(data["sentences"]) > len(highlighted)  # the rest of the section is there too
    paths = [s["path"] for s in data["sentences"]]
    assert len(paths) == len(set(paths))  # each sentence once
    assert page.count('class="sentence current"') == len(highlighted)
    assert f'<a href="/document/{YUBEI}">' in page
    responsibilities = [
        r
        for r in run_library_query(
            corpus_store, "responsibilities", {"doc": str(document_iri(YUBEI))}
        )
        if r["path"] == item["path"]
    ]
    assert len(data["responsibilities"]) == len(responsibilities) > 0
    assert {n["label"] for n in data["network"]["nodes"] if n["kind"] == "body"} == {
        r["body"] for r in responsibilities
    }


def test_sentence_commitment_links_its_parent(client: Client, corpus_store: ox.Store) -> None:
    found = corpus_store.query(
        """PREFIX pk: <https://w3id.org/plankg/ontology#>
        SELECT ?path ?parent ?text WHERE {
          ?c pk:partOfCommitment ?p ; pk:path ?path ; pk:text ?text ;
             pk:inDocument/pk:documentId "yubei-2020-plan" .
          ?p pk:path ?parent .
        } ORDER BY ?path LIMIT 1""",
        use_default_graph_as_union=True,
    )
    row = next(iter(found))
    data = client.json(f"/commitment/{YUBEI}/{row['path'].value}")
    assert data["commitment"]["parent"]["path"] == row["parent"].value
    assert [s["text"] for s in data["sentences"] if s["highlighted"]] == [row["text"].value]


def test_unknown_pages_are_404(client: Client) -> None:
    assert client.get(f"/commitment/{YUBEI}/99.99.s99")[0] == 404
    assert client.get("/commitment/no-such-document/1")[0] == 404
    assert client.get("/document/no-such-document")[0] == 404
    assert client.get("/queries/no_such_query")[0] == 404
    assert client.get("/who.csv", q="x")[0] == 404
    assert client.get("/static/../server.py")[0] == 404
    assert client.get("/nothing-here")[0] == 404


def test_body_page_counts_what_the_who_search_counts(
    client: Client, corpus_store: ox.Store
) -> None:
    rows = who_rows(corpus_store, "污水处理")
    body = next(r["body_label"] for r in rows if r["basis"] == "mandate")
    who = client.json("/who", q=body)
    assert who["mode"] == "body"
    data = client.json("/body", name=body)
    first = data["bodies"][0]
    assert first["label"] == body
    mine = [a for a in who["answers"] if a["body"] == body]
    assert first["commitments"] == len({c["id"] for a in mine for c in a["commitments"]}) > 0
    assert [(a["role"], a["basis"]) for a in first["answers"]] == [
        (a["role"], a["basis"]) for a in mine]
    status, _, page = client.get("/body", name=body)
    assert status == 200 and html.escape(body) in page
    assert f"{first['commitments']} 项承诺 commitments" in page
    assert any(n["id"] == first["iri"] for n in network_of(page)["nodes"])


def test_place_page_includes_places_inside_it(client: Client, corpus_store: ox.Store) -> None:
    containment = run_library_query(corpus_store, "place_containment")
    town = next(r["container"] for r in containment if r["container_type"] == "town")
    expected = run_library_query(
        corpus_store, "commitments_in_place", {"place": town, "level_filter": "sentence"}
    )
    data = client.json("/place", name=town)
    assert [(c["document"], c["path"]) for c in data["commitments"]] == [
        (r["document"], r["path"]) for r in expected
    ]
    inside = {r["contained"] for r in containment if r["container"] == town}
    assert {c["name"] for c in data["contains"]} == inside
    assert data["network"]["nodes"][0]["label"] == town


def test_slogan_page_lists_occurrences_across_documents(
    client: Client, corpus_store: ox.Store
) -> None:
    shared = run_library_query(corpus_store, "slogans_shared")
    name = shared[0]["name"]
    occurrences = run_library_query(corpus_store, "slogan_occurrences", {"name": name})
    data = client.json("/slogan", name=name)
    assert len(data["occurrences"]) == len(occurrences)
    assert len(data["documents"]) == shared[0]["document_count"] >= 2
    page = client.get("/slogan", name=name)[2]
    assert page.count('<mark class="cue">') >= len(occurrences)


def test_indicator_page_compares_documents_and_years(
    client: Client, corpus_store: ox.Store
) -> None:
    rows = run_library_query(corpus_store, "indicator_across_documents", {"q": "生产总值"})
    data = client.json("/indicator", q="生产总值")
    assert len(data["targets"]) == len(rows)
    assert [d["year"] for d in data["documents"]] == sorted(d["year"] for d in data["documents"])
    assert {d["document"] for d in data["documents"]} == {r["document"] for r in rows}
    assert {i["indicator"] for i in data["by_indicator"]} == {r["indicator"] for r in rows}
    # Targets and outcomes, and figures in different units, never share a row.
    keys = [(i["indicator"], i["kind"], i["unit"]) for i in data["by_indicator"]]
    assert len(keys) == len(set(keys)) == len(
        {(r["indicator"], r["kind"], r["unit_normalized"] or "") for r in rows})


def test_document_page_shows_the_outline(client: Client, corpus_store: ox.Store) -> None:
    outline = run_library_query(corpus_store, "document_outline", {"doc": str(document_iri(YUBEI))})
    data = client.json(f"/document/{YUBEI}")
    assert [r["path"] for r in data["outline"]] == [r["path"] for r in outline]
    assert any(r["url"] for r in data["outline"] if r["kind"] == "item")


# ------------------------------------------------------------------------- query library


def test_query_library_page_lists_every_query(client: Client) -> None:
    status, _, page = client.get("/queries")
    assert status == 200
    for query in library().values():
        assert f'href="/queries/{query.name}"' in page
        assert html.escape(query.title_zh) in page


def test_query_form_has_typed_fields_and_runs_from_the_url(
    client: Client, corpus_store: ox.Store
) -> None:
    query = library()["targets_by_indicator"]
    params = {p.name: p.example for p in query.parameters if not p.optional and p.example}
    status, _, page = client.get("/queries/targets_by_indicator", **params)
    assert status == 200
    for p in query.parameters:
        assert f'name="{p.name}"' in page
    rows = run_library_query(corpus_store, query.name, params)
    assert rows
    assert f"{len(rows)} 行 rows" in page
    assert html.escape(query.text.splitlines()[-1]) in page  # the SPARQL text is shown
    data = client.json("/queries/targets_by_indicator", **params)
    assert data["columns"] == list(query.columns)
    assert data["rows"] == [{c: r.get(c) for c in query.columns} for r in rows]
    status, content_type, body = client.get("/queries/targets_by_indicator.csv", **params)
    assert status == 200 and content_type.startswith("text/csv")
    table = list(csv.reader(io.StringIO(body)))
    assert table[0] == list(query.columns) and len(table) == len(rows) + 1
    shared = html.escape(links.url("/queries/targets_by_indicator", **params))
    assert f'href="{shared}"' in page


def test_paged_query_shows_page_one_and_links_the_next(
    client: Client, corpus_store: ox.Store
) -> None:
    """A paged listing opens on page 1; the links lead on, and "all" gives every row."""
    everything = run_library_query(corpus_store, "entities")
    pages = int(everything[0]["pages"])
    assert pages > 1, "the bundled entities fill more than one page"
    data = client.json("/queries/entities")
    assert data["values"]["page"] == "1"
    assert data["rows"] == [
        {c: r.get(c) for c in data["columns"]} for r in everything if r["page_number"] == 1
    ]
    assert data["paging"]["page"] == 1 and data["paging"]["pages"] == pages
    assert data["paging"]["previous"] is None
    assert data["paging"]["next"] == links.url("/queries/entities", page=2)
    page = client.get("/queries/entities")[2]
    assert f'href="{html.escape(data["paging"]["next"])}"' in page
    last = client.json("/queries/entities", page=str(pages))
    assert last["paging"]["next"] is None and last["paging"]["previous"]
    assert {r["page_number"] for r in last["rows"]} == {pages}
    status, _, body = client.get("/queries/entities.csv", page="all")
    assert status == 200
    assert len(list(csv.reader(io.StringIO(body)))) == len(everything) + 1


def test_documents_are_chosen_by_short_id(client: Client, corpus_store: ox.Store) -> None:
    page = client.get("/queries/document_outline")[2]
    field = r'<input id="p-doc" name="doc" type="text" list="document-ids"[^>]* required'
    assert re.search(field, page)
    assert f'<option value="{YUBEI}">' in page
    assert "请填写必填参数" in page  # nothing ran without the required parameter
    assert client.get("/queries/document_outline.csv")[0] == 400
    by_id = client.json("/queries/document_outline", doc=YUBEI)
    by_iri = client.json("/queries/document_outline", doc=str(document_iri(YUBEI)))
    assert by_id["rows"] == by_iri["rows"] and by_id["rows"]
    status, _, page = client.get("/queries/document_outline", doc="not an iri")
    assert status == 400 and "no document &#39;not an iri&#39; in the store" in page
    assert YUBEI in page  # the message lists the documents there are
    cli = plankg("--store", str(client.store), "query", "targets", "--param", f"doc={YUBEI}",
                 "--format", "json")
    assert cli.returncode == 0, cli.stderr
    expected = run_library_query(corpus_store, "targets", {"doc": str(document_iri(YUBEI))})
    assert len(json.loads(cli.stdout)["results"]["bindings"]) == len(expected) > 0


def test_library_table_links_and_pages_its_rows(client: Client, corpus_store: ox.Store) -> None:
    rows = run_library_query(corpus_store, "responsibilities", {"doc": str(document_iri(YUBEI))})
    assert len(rows) > 100
    page = client.get("/queries/responsibilities", doc=YUBEI)[2]
    table = page[page.index('<table class="data results'):page.index("</table>")]
    assert table.count("<tr>") == 101  # the header and a hundred rows
    assert f"{len(rows)} 行 rows" in page and 'rows=2"' in page
    body = next(r["body"] for r in rows)
    assert f'<a href="{html.escape(links.body_url(body))}">' in table
    assert f'<a href="/document/{YUBEI}">{YUBEI}</a>' in table
    second = client.get("/queries/responsibilities", doc=YUBEI, rows="2")[2]
    assert "行 rows 101–" in second
    assert "https://w3id.org/plankg/id/doc/" not in re.sub(r'(title|href)="[^"]*"', "", table)


def test_sparql_editor_is_yasgui_with_the_library_as_examples(client: Client) -> None:
    hostile = f"SELECT * WHERE {{ ?s ?p '{HOSTILE}</script>' }}"
    status, _, page = client.get("/sparql-editor", query=hostile)
    assert status == 200
    assert HOSTILE not in page and "</script>'" not in page
    assert '<script src="/static/vendor/yasgui/yasgui.min.js"></script>' in page
    config = json.loads(re.search(
        r'<script type="application/json" id="editor-config">(.*?)</script>', page).group(1))
    assert config["query"] == hostile and config["endpoint"] == "/sparql"
    assert {e["name"] for e in config["examples"]} == set(library())
    assert config["prefixes"]["pk"] == "https://w3id.org/plankg/ontology#"
    status, _, prefixes = client.get("/api/prefixes")
    assert status == 200 and json.loads(prefixes)["pk"] == config["prefixes"]["pk"]
    license_text = (ROOT / "plankg/web/static/vendor/yasgui/LICENSE").read_text()
    assert "MIT" in license_text


def test_sparql_link_without_a_query_leads_to_the_editor(client: Client) -> None:
    request = urllib.request.Request(client.base + "/sparql", headers={"Accept": "text/html"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.url.endswith("/sparql-editor") and response.status == 200


# ----------------------------------------------------------------------- JSON and assets


def test_accept_header_gives_json(client: Client) -> None:
    request = urllib.request.Request(
        client.base + "/who?" + urllib.parse.urlencode({"q": "污水处理"}),
        headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["Content-Type"].startswith("application/json")
        assert json.loads(response.read())["query"] == "污水处理"
    request = urllib.request.Request(client.base + "/",
                                     headers={"Accept": "text/html,application/json;q=0.9"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["Content-Type"].startswith("text/html")


def test_static_assets_are_local_and_no_script_is_inline(client: Client) -> None:
    import pyvis

    vendor = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"
    status, content_type, body = client.get("/static/vendor/vis-network/vis-network.min.js")
    assert status == 200 and "javascript" in content_type
    assert body.encode("utf-8") == vendor.read_bytes()
    assert client.get("/static/explorer.css")[0] == 200
    assert client.get("/static/%2e%2e/app.py")[0] == 404
    for target in ("/", "/who?q=%E6%B1%A1%E6%B0%B4%E5%A4%84%E7%90%86", "/sparql-editor",
                   "/queries/entities", f"/commitment/{YUBEI}/3.1.2"):
        path, _, query = target.partition("?")
        page = client.get(path, **dict(urllib.parse.parse_qsl(query)))[2]
        for ref in re.findall(r'(?:src|href|action)="([^"]+)"', page):
            assert ref.startswith("/"), ref  # nothing from another host
        for attributes, content in re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S):
            assert 'type="application/json"' in attributes or ("src=" in attributes
                                                                and not content.strip())
        assert " style=" not in page and "<style" not in page
        assert not re.search(r"\son[a-z]+=", page)  # no inline event handlers


# -------------------------------------------------------- a document of our own, hostile


def test_company_page_from_a_plan_of_another_city(jinhua: Client, jinhua_store: ox.Store) -> None:
    companies = [
        r
        for r in run_library_query(
            jinhua_store, "organizations_by_type", {"organization_type": "company"}
        )
    ]
    assert "华峰化工有限公司" in {r["name"] for r in companies}
    data = jinhua.json("/company", name="华峰化工有限公司")
    assert data["organizations"][0]["type"] == "company"
    assert [c["path"] for c in data["commitments"]] == ["2.1.1.s2"]
    page = jinhua.get("/company", name="华峰化工有限公司")[2]
    assert "年产10万吨新材料项目" in text_of(page)


def test_stated_lead_is_marked_stated(jinhua: Client, jinhua_store: ox.Store) -> None:
    rows = who_rows(jinhua_store, "城北污水处理厂")
    stated = {r["body_label"] for r in rows if r["stated"]}
    assert any(label.endswith("生态环境局") for label in stated)
    data = jinhua.json("/who", q="城北污水处理厂")
    assert data["answers"][0]["stated"] is True
    assert data["answers"][0]["body"] in stated


def test_hostile_text_is_escaped_everywhere(jinhua: Client) -> None:
    escaped = html.escape(HOSTILE)
    pages = [
        jinhua.get("/who", q="公司项目投产")[2],
        jinhua.get(f"/commitment/{JINHUA}/2.1.1")[2],
        jinhua.get("/company", name=HOSTILE + "公司")[2],
        jinhua.get("/body", name=HOSTILE)[2],
        jinhua.get("/place", name=HOSTILE)[2],
        jinhua.get("/slogan", name=HOSTILE)[2],
        jinhua.get("/indicator", q=HOSTILE)[2],
    ]
    for page in pages:
        assert HOSTILE not in page
        assert "<img" not in page
    assert escaped in pages[0] and escaped in pages[1]
    data = network_of(pages[0])
    assert any(HOSTILE in n["tip"] for n in data["nodes"])  # as data, shown as text by JS
