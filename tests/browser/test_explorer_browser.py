"""The explorer in a real headless Chromium: pages load clean and local, search, network, XSS.

Expectations come from the library queries run directly on the served store.
"""

from __future__ import annotations

import urllib.parse
from typing import Any

import pyoxigraph as ox
import pytest

from plankg import answers
from plankg.identity import document_iri
from plankg.queries import library
from plankg.tables import run_library_query

from .conftest import HOSTILE, HOSTILE_DOC, Served, Watched

YUBEI = "yubei-2020-plan"
NETWORK_READY = "window.plankgNetwork && window.plankgNetwork.ready === true"


def who_rows(store: ox.Store, q: str) -> list[dict[str, Any]]:
    """The ``who`` library query for a phrase.

    Every required parameter is the phrase itself, except the index keys the query may
    declare (bigrams of the phrase), which come from ``plankg.answers.phrase_keys``.
    """
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
    item = next(
        r["path"]
        for r in run_library_query(
            store, "commitments", {"doc": str(document_iri(YUBEI)), "level_filter": "item"}
        )
    )
    query = library()["targets_by_indicator"]
    return [
        "/",
        link("/who", q="污水处理"),
        link("/who", q="污水处理厂提标改造示范"),
        link(f"/commitment/{YUBEI}/{item}"),
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
        link("/sparql-editor", query="SELECT ?s WHERE { ?s ?p ?o } LIMIT 5"),
    ]


def test_every_page_loads_clean_and_local(watched: Watched, served: Served) -> None:
    targets = page_targets(served.store)
    for target in targets:
        page = open_page(watched, served, target)
        assert page.locator("main h1").count() >= 1, target
        assert "plankg" in page.title()
    assert watched.console_errors == []
    assert watched.page_errors == []
    assert watched.foreign_requests() == []
    assert any(url.endswith("/static/vis-network.min.js") for url in watched.requests)
    # The editor ran its query from the URL and shows the rows as a table.
    assert watched.page.locator("#sparql-results tbody tr").count() == 5


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
    best = min((r["basis_priority"], r["role_priority"]) for r in rows)
    first = {r["body_label"] for r in rows if (r["basis_priority"], r["role_priority"]) == best}
    assert shown[0] in first
    badges = page.locator("ol.answers .answer-head .badge").all_inner_texts()
    assert len(badges) == len(shown)
    assert all(("stated" in b) or ("inferred" in b) for b in badges)
    assert page.locator("mark.q", has_text="污水处理").count() >= 1
    assert watched.console_errors == [] and watched.foreign_requests() == []


def test_network_has_one_node_per_body_and_commitment(watched: Watched, served: Served) -> None:
    rows = who_rows(served.store, "污水处理")
    expected = len({r["commitment"] for r in rows}) + len({r["body"] for r in rows})
    page = open_page(watched, served, link("/who", q="污水处理"))
    assert page.evaluate("window.plankgNetwork.nodes.length") == expected
    edges = page.evaluate("window.plankgNetwork.edges.length")
    assert edges == len({(r["body"], r["commitment"], r["role"], r["basis"]) for r in rows})
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
        link("/sparql-editor", query=f"SELECT ?x WHERE {{ BIND('{HOSTILE}' AS ?x) }}"),
    ):
        page = open_page(watched, served, target)
        page.wait_for_load_state("networkidle")
        assert HOSTILE in page.locator("main").inner_text()
        assert page.locator("img").count() == 0
    assert page.input_value("#sparql-query").count(HOSTILE) == 1
    assert page.locator("#sparql-results td").all_inner_texts() == [HOSTILE]
    assert watched.dialogs == []
    assert watched.page_errors == []


def test_sparql_editor_runs_a_query_and_keeps_it_in_the_url(
    watched: Watched, served: Served
) -> None:
    ids = sorted({r["id"] for r in run_library_query(served.store, "documents")})
    page = open_page(watched, served, "/sparql-editor")
    query = (
        "PREFIX pk: <https://w3id.org/plankg/ontology#>\n"
        "SELECT DISTINCT ?id WHERE { ?d pk:documentId ?id } ORDER BY ?id"
    )
    page.fill("#sparql-query", query)
    page.click("#sparql-form button[type=submit]")
    page.wait_for_selector("#sparql-results tbody tr")
    assert page.locator("#sparql-results tbody td").all_inner_texts() == ids
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)["query"] == [query]
    assert watched.console_errors == [] and watched.foreign_requests() == []


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
