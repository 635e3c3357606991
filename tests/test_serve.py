"""`plankg serve`: a read-only SPARQL 1.1 Protocol endpoint on loopback."""

from __future__ import annotations

import csv
import io
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from plankg.remote import remote_select
from plankg.server import make_server

COUNT_DOCS = ("PREFIX pk: <https://w3id.org/plankg/ontology#> "
              "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a pk:Document }")


@pytest.fixture(scope="module")
def endpoint(corpus_store: ox.Store) -> Iterator[str]:
    server = make_server(corpus_store, port=0, timeout=5.0, max_rows=2000)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}"
    server.shutdown()
    server.server_close()


def fetch(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
          method: str | None = None) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def test_binds_to_loopback_by_default(corpus_store: ox.Store):
    server = make_server(corpus_store, port=0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_get_json_results(endpoint: str):
    query = urllib.parse.urlencode({"query": COUNT_DOCS})
    status, content_type, body = fetch(f"{endpoint}/sparql?{query}")
    assert status == 200 and content_type.startswith("application/sparql-results+json")
    result = json.loads(body)
    assert result["head"]["vars"] == ["n"]
    assert result["results"]["bindings"][0]["n"]["value"] == "3"


@pytest.mark.parametrize(("accept", "check"), [
    ("text/csv", lambda b: list(csv.reader(io.StringIO(b.decode())))[1] == ["3"]),
    ("text/tab-separated-values", lambda b: b.decode().splitlines()[0] == "?n"),
    ("application/sparql-results+xml", lambda b: b"<literal datatype=" in b and b">3<" in b),
])
def test_content_negotiation(endpoint: str, accept: str, check):
    status, content_type, body = fetch(
        f"{endpoint}/sparql", data=COUNT_DOCS.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": accept})
    assert status == 200 and content_type.startswith(accept)
    assert check(body)


def test_construct_as_turtle_and_ntriples(endpoint: str):
    query = ("PREFIX pk: <https://w3id.org/plankg/ontology#> CONSTRUCT { ?d pk:year ?y } "
             "WHERE { ?d a pk:Document ; pk:year ?y }")
    for accept, expected in (("text/turtle", "text/turtle"),
                             ("application/n-triples", "application/n-triples")):
        status, content_type, body = fetch(
            f"{endpoint}/sparql", data=urllib.parse.urlencode({"query": query}).encode(),
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
        assert status == 200 and content_type.startswith(expected)
        assert b"2019" in body and b"2021" in body and b"2020" in body


def test_updates_are_refused_and_nothing_changes(endpoint: str):
    update = 'INSERT DATA { <http://example.org/s> <http://example.org/p> "x" }'
    for data, headers in (
        (urllib.parse.urlencode({"update": update}).encode(),
         {"Content-Type": "application/x-www-form-urlencoded"}),
        (update.encode(), {"Content-Type": "application/sparql-update"}),
        (update.encode(), {"Content-Type": "application/sparql-query"}),
    ):
        status, _, body = fetch(f"{endpoint}/sparql", data=data, headers=headers)
        assert status == 403 and b"read-only" in body
    ask = urllib.parse.urlencode({"query": "ASK { <http://example.org/s> ?p ?o }"})
    assert json.loads(fetch(f"{endpoint}/sparql?{ask}")[2])["boolean"] is False
    assert fetch(f"{endpoint}/sparql", data=b"x", method="PUT")[0] == 405


def test_result_size_limit_and_syntax_errors(endpoint: str):
    big = urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"})
    status, _, body = fetch(f"{endpoint}/sparql?{big}")
    assert status == 413 and b"LIMIT" in body
    bad = urllib.parse.urlencode({"query": "SELECT WHERE {"})
    assert fetch(f"{endpoint}/sparql?{bad}")[0] == 400
    assert fetch(f"{endpoint}/sparql?{urllib.parse.urlencode({'query': 'x'})}",
                 headers={"Accept": "image/png"})[0] in (400, 406)


def test_sparqlwrapper_talks_to_it(endpoint: str):
    variables, rows = remote_select(f"{endpoint}/sparql", COUNT_DOCS)
    assert variables == ["n"] and rows == [{"n": 3}]


def test_json_api(endpoint: str):
    status, _, body = fetch(f"{endpoint}/api/who?q=" + urllib.parse.quote("污水处理"))
    answer = json.loads(body)
    assert status == 200 and answer["query"] == "污水处理"
    assert answer["answers"] and all(
        {"body", "role", "basis", "confidence", "commitments"} <= set(a) for a in answer["answers"])
    status, _, body = fetch(f"{endpoint}/api/query/targets_by_unit?unit=km")
    rows = json.loads(body)["rows"]
    assert status == 200 and any(r["value"] == "430" for r in rows)
