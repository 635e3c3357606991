"""The explorer in a real headless Chromium: every page type loads clean and offline, the
who search, the networks (explorer and static views), the YASGUI editor, XSS, SERVICE.

Expectations come from the library queries run directly on the served store.
"""

from __future__ import annotations

import csv
import io
import json
import socket
import threading
import urllib.parse
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from plankg import answers
from plankg.identity import document_iri
from plankg.queries import library
from plankg.tables import run_library_query

from .conftest import HOSTILE, HOSTILE_DOC, ROOT, Served, Watched

YUBEI = "yubei-2020-plan"
NETWORK_READY = "window.plankgNetwork && window.plankgNetwork.ready === true"
EDITOR_DONE = "window.plankgEditor && window.plankgEditor.done >= 1"


def who_rows(store: ox.Store, q: str) -> list[dict[str, Any]]:
    keys = getattr(answers, "phrase_keys", lambda _: {})(q)
    params = {p.name: keys.get(p.name, q) for p in library()["who"].parameters if not p.optional}
    return run_library_query(store, "who", params)


def link(path: str, **params: str) -> str:
    query = urllib.parse.urlencode(params)
    return urllib.parse.quote(path) + (f"?{query}" if query else "")


def node_point(page: Any, node_id: str) -> tuple[float, float]:
    """Where a network node is drawn, in page (viewport) coordinates, scrolled into view."""
    page.locator("#network").scroll_into_view_if_needed()
    point = page.evaluate(
        """(id) => { const n = window.plankgNetwork.network;
                     return n.canvasToDOM(n.getPositions([id])[id]); }""",
        node_id,
    )
    box = page.locator("#network").bounding_box()
    assert box is not None
    return box["x"] + point["x"], box["y"] + point["y"]


def open_page(watched: Watched, served: Served, target: str) -> Any:
    page = watched.page
    response = page.goto(served.base + target)
    assert response is not None and response.status == 200, target
    page.wait_for_load_state("networkidle")
    if page.locator("#network").count():
        page.wait_for_function(NETWORK_READY, timeout=30_000)
    if page.locator("#yasgui").count() and "query=" in target:
        page.wait_for_function(EDITOR_DONE, timeout=30_000)
    return page


def page_targets(store: ox.Store) -> list[str]:
    """One URL of every kind of page, for names the served store really holds."""
    company = run_library_query(store, "organizations_by_type", {"organization_type": "company"})
    town = next(
        r["container"]
        for r in run_library_query(store, "place_containment")
        if r["container_type"] == "town"
    )
    slogan = run_library_query(store, "slogans_shared")[0]["name"]
    body = next(r["body_label"] for r in who_rows(store, "污水处理") if r["basis"] != "issuer")
    commitments = run_library_query(store, "commitments", {"doc": str(document_iri(YUBEI))})
    item = next(r["path"] for r in commitments if r["level"] == "item")
    sentence = next(r["path"] for r in commitments if r["level"] == "sentence")
    query = library()["targets_by_indicator"]
    return [
        "/",
        link("/who", q="污水处理"),
        link("/who", q="污水处理厂提标改造示范"),
        link(f"/commitment/{YUBEI}/{item}"),
        link(f"/commitment/{YUBEI}/{sentence}"),
        link("/body", name=body),
        link("/place", name=town),
        link("/company", name=company[0]["name"]),
        link("/slogan", name=slogan),
        link("/indicator", q="生产总值"),
        link(f"/document/{YUBEI}"),
        "/queries",
        link(
            "/queries/targets_by_indicator",
            **{p.name: p.example for p in query.parameters if not p.optional and p.example},
        ),
        link("/queries/responsibilities", doc=YUBEI),
        "/who",
        link("/sparql-editor", query="SELECT ?s WHERE { ?s ?p ?o } LIMIT 5"),
    ]


def test_every_page_loads_clean_and_offline(watched: Watched, served: Served) -> None:
    for target in page_targets(served.store):
        page = watched.page
        response = page.goto(served.base + target)
        assert response is not None
        assert response.status == 200, target
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        if page.locator("#network").count():
            page.wait_for_function(NETWORK_READY, timeout=30_000)
        if page.locator("#yasgui").count():
            page.wait_for_function(EDITOR_DONE, timeout=30_000)
        assert page.locator("main h1").count() >= 1, target
        assert "plankg" in page.title()
        assert watched.console_errors == [], target
        assert watched.page_errors == [], target
    assert watched.foreign_requests() == []
    assert any(u.endswith("/static/vendor/vis-network/vis-network.min.js")
               for u in watched.requests)
    assert any(u.endswith("/static/vendor/yasgui/yasgui.min.js") for u in watched.requests)
    # The editor ran its query from the URL and shows the rows as a table.
    assert watched.page.locator(".yasr table.dataTable tbody tr").count() == 5
    # A page that does not exist is a page too (the browser logs its 404, nothing else).
    response = watched.page.goto(served.base + "/no-such-page-here")
    assert response is not None and response.status == 404
    assert watched.page.locator("main h1").inner_text().startswith("出错了")
    assert [e for e in watched.console_errors if "404" not in e] == []


def test_who_search_from_the_home_page(watched: Watched, served: Served) -> None:
    rows = who_rows(served.store, "污水处理")
    assert rows
    page = open_page(watched, served, "/")
    page.fill("#who-q", "污水处理")
    with page.expect_navigation():
        page.press("#who-q", "Enter")
    page.wait_for_function(NETWORK_READY, timeout=30_000)
    shown = page.locator("ol.answers a.body").all_inner_texts()
    assert set(shown) == {r["body_label"] for r in rows}
    expected = answers.who(served.store, "污水处理").as_json()["answers"]
    ranks = [int(t.lstrip("#")) for t in page.locator("ol.answers .rank").all_inner_texts()]
    assert sorted(set(ranks)) == list(range(1, len(expected) + 1))
    badges = page.locator("ol.answers .answer-head .badge").all_inner_texts()
    assert len(badges) == len(shown)
    assert all(("stated" in b) or ("inferred" in b) for b in badges)
    assert page.locator("mark.q", has_text="污水处理").count() >= 1
    assert watched.console_errors == [] and watched.foreign_requests() == []


def test_network_of_a_page(watched: Watched, served: Served) -> None:
    # who()'s answers (what the page shows), without the issuer, ultimately accountable.
    shown = [a for a in answers.who(served.store, "污水处理").answers if a.basis != "issuer"]
    links = {(a.body_iri, c.id, a.role, a.basis) for a in shown for c in a.commitments}
    expected = len({c for _, c, _, _ in links}) + len({a.body_iri for a in shown})
    page = open_page(watched, served, link("/who", q="污水处理"))
    assert page.evaluate("window.plankgNetwork.nodes.length") == expected
    edges = page.evaluate("window.plankgNetwork.edges.length")
    assert edges == len(links)
    # Edges take their role's colour from the palette; inferred ones are dashed.
    styled = page.evaluate(
        """() => window.plankgNetwork.edges.get().map(e => [e.role, e.color.color, !!e.dashes,
                                                             e.stated])"""
    )
    palette = json.loads((ROOT / "plankg/web/static/palette.json").read_text("utf-8"))
    for role, colour, dashed, stated in styled:
        assert colour == palette["roles"][role]["color"]
        assert dashed == (stated is False)
    legend = page.locator("#network-legend").inner_text()
    assert "明示 stated" in legend and "推断 inferred" in legend
    box = page.locator("#network canvas").bounding_box()
    assert box is not None and box["width"] > 600 and box["height"] > 400


def test_hostile_label_shows_as_text(watched: Watched, served: Served) -> None:
    page = open_page(watched, served, link("/who", q="公司项目投产"))
    quote = page.locator("ol.answers blockquote", has_text=HOSTILE).first
    assert quote.is_visible()
    assert HOSTILE in quote.inner_text()
    assert page.locator("img").count() == 0
    # The network tooltip of the hostile sentence: shown as text, no element made of it.
    node_id = page.evaluate(
        """(needle) => window.plankgNetwork.nodes.get()
             .filter(n => n.title && n.title.textContent.includes(needle))[0].id""",
        HOSTILE,
    )
    x, y = node_point(page, node_id)
    page.mouse.move(x - 40, y - 40)
    page.mouse.move(x, y, steps=5)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    assert HOSTILE in tooltip.inner_text()
    assert tooltip.locator("img").count() == 0

    sentence = next(
        r["path"]
        for r in run_library_query(served.store, "search_sentences", {"q": "公司项目投产"})
        if r["document"] == HOSTILE_DOC
    )
    for target in (
        link(f"/commitment/{HOSTILE_DOC}/{sentence}"),
        link("/company", name=f"{HOSTILE}公司"),
    ):
        page = open_page(watched, served, target)
        assert HOSTILE in page.locator("main").inner_text()
        assert page.locator("img").count() == 0
    hostile_query = f"SELECT ?x WHERE {{ BIND('{HOSTILE}' AS ?x) }}"
    page = open_page(watched, served, link("/sparql-editor", query=hostile_query))
    assert HOSTILE in page.evaluate("window.plankgEditor.yasgui.getTab().getQuery()")
    assert page.locator(".yasr table.dataTable tbody td", has_text=HOSTILE).count() == 1
    assert page.locator(".yasr img, .CodeMirror img").count() == 0
    assert watched.dialogs == []
    assert watched.page_errors == []


def test_yasgui_runs_sorts_and_downloads(watched: Watched, served: Served, tmp_path: Path) -> None:
    ids = sorted({r["id"] for r in run_library_query(served.store, "documents")})
    query = (
        "PREFIX pk: <https://w3id.org/plankg/ontology#>\n"
        "SELECT DISTINCT ?id WHERE { ?d pk:documentId ?id } ORDER BY ?id"
    )
    page = open_page(watched, served, "/sparql-editor")
    page.evaluate("(q) => window.plankgEditor.yasgui.getTab().getYasqe().setValue(q)", query)
    page.evaluate("() => window.plankgEditor.yasgui.getTab().query()")
    page.wait_for_function(EDITOR_DONE, timeout=30_000)
    cells = ".yasr table.dataTable tbody td"  # the simple view: no row numbers
    page.wait_for_selector(cells)
    assert [t.strip() for t in page.locator(cells).all_inner_texts()] == ids
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)["query"] == [query]
    # Sortable: a click on the column header reverses the order.
    page.locator(".yasr table.dataTable thead th", has_text="id").first.click()
    page.locator(".yasr table.dataTable thead th", has_text="id").first.click()
    assert [t.strip() for t in page.locator(cells).all_inner_texts()] in (ids[::-1], ids)
    # Downloads: the table as CSV, the response as JSON.
    with page.expect_download() as csv_download:
        page.locator(".yasr_downloadIcon").click()
    csv_path = tmp_path / "results.csv"
    csv_download.value.save_as(csv_path)
    table = list(csv.reader(io.StringIO(csv_path.read_text("utf-8"))))
    assert table == [["id"], *([i] for i in ids)]
    page.locator(".yasr .select_response").click()
    with page.expect_download() as json_download:
        page.locator(".yasr_downloadIcon").click()
    json_path = tmp_path / "results.json"
    json_download.value.save_as(json_path)
    bindings = json.loads(json_path.read_text("utf-8"))["results"]["bindings"]
    assert [b["id"]["value"] for b in bindings] == ids
    # The library as examples; the store's prefixes for completion.
    page.select_option("#examples", "documents")
    assert page.evaluate("window.plankgEditor.yasgui.getTab().getQuery()") == (
        library()["documents"].text)
    assert watched.console_errors == [] and watched.foreign_requests() == []


class Listener:
    """A TCP listener on loopback that counts the connections made to it."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(8)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.socket.close()


def test_a_shared_editor_link_with_service_fetches_nothing(
    watched: Watched, served: Served
) -> None:
    listener = Listener()
    try:
        query = (f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> "
                 "{ ?s ?p ?o } }")
        page = watched.page
        page.goto(served.base + link("/sparql-editor", query=query))
        page.wait_for_function(EDITOR_DONE, timeout=30_000)
        assert "SERVICE" in page.locator(".yasr").inner_text()  # the refusal, shown
        page.wait_for_timeout(1000)
        assert listener.connections == 0
        assert watched.foreign_requests() == []
    finally:
        listener.close()


@pytest.mark.parametrize("kind", ["place", "slogan"])
def test_double_click_opens_the_node_page(watched: Watched, served: Served, kind: str) -> None:
    town = next(
        r["container"]
        for r in run_library_query(served.store, "place_containment")
        if r["container_type"] == "town"
    )
    slogan = run_library_query(served.store, "slogans_shared")[0]["name"]
    target = link("/place", name=town) if kind == "place" else link("/slogan", name=slogan)
    page = open_page(watched, served, target)
    node = page.evaluate(
        """() => { const n = window.plankgNetwork.nodes.get({filter: x => x.kind === 'body'})[0];
                   return {id: n.id, url: n.url}; }"""
    )
    x, y = node_point(page, node["id"])
    with page.expect_navigation():
        page.mouse.dblclick(x, y)
    assert page.url == served.base + node["url"]
    assert (
        page.locator("main h1")
        .inner_text()
        .startswith(urllib.parse.parse_qs(urllib.parse.urlsplit(node["url"]).query)["name"][0])
    )


def test_static_view_starts_small_grows_on_click_and_has_a_matrix(watched: Watched) -> None:
    page = watched.page
    page.goto((ROOT / "viz" / f"{YUBEI}-responsibility.html").as_uri())
    page.wait_for_function("window.plankgNetwork !== undefined")
    total = page.evaluate("window.plankgNetwork.nodes.length")
    shown = page.evaluate("window.plankgNetwork.nodeView.length")
    assert 0 < shown < total / 4, "the view opens on one section, not the whole hairball"
    first = page.evaluate("window.plankgNetwork.nodeView.getIds()")
    body = page.evaluate(
        """(ids) => window.plankgNetwork.nodes.get(ids).filter(n => n.kind === 'body')[0].id""",
        first,
    )
    x, y = node_point(page, body)
    page.mouse.click(x, y)
    page.wait_for_timeout(300)
    assert page.evaluate("window.plankgNetwork.nodeView.length") > shown
    # The body filter lists bodies of government only.
    options = page.locator("#filter-bodies option").all_inner_texts()[1:]
    assert options and "区长" not in options and "四川省" not in options
    page.click("#reset")
    assert page.evaluate("window.plankgNetwork.nodeView.length") == total
    page.click("#matrix-toggle")
    assert page.locator("#matrix table.matrix tbody tr").count() > 10
    assert page.locator("#network").is_hidden()
    assert watched.console_errors == [] and watched.page_errors == []
    assert [u for u in watched.requests if not u.startswith(("file:", "data:", "blob:"))] == []
