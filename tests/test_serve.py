"""`plankg serve`: a read-only SPARQL 1.1 Protocol endpoint on loopback that cannot be
turned against its host: no outbound requests, no crash, no runaway query, no stale store.

The server runs as in use (`plankg serve` in a subprocess, store opened read-only);
expectations come from the store read directly.
"""

from __future__ import annotations

import concurrent.futures
import csv
import io
import json
import os
import signal
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from serving import ROOT, Server, build_store, fetch, plankg, raw_request, serving

from plankg.cli import build_parser
from plankg.remote import remote_select
from plankg.web.guard import check_query
from plankg.web.security import CSP
from plankg.web.settings import ServeSettings

PK = "PREFIX pk: <https://w3id.org/plankg/ontology#> "
COUNT_DOCS = PK + "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a pk:Document }"
ONE_TRIPLE_ASK = PK + "ASK { ?d a pk:Document }"
CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def store_path(corpus_store_path: Path) -> Path:
    """The bundled documents (shared, read-only: the server never writes)."""
    return corpus_store_path


@pytest.fixture(scope="module")
def server(store_path: Path) -> Iterator[Server]:
    with serving(
        store_path, "--timeout", "3", "--max-rows", "2000", "--memory-limit", "600",
        "--request-timeout", "1",
    ) as running:
        yield running


def sparql_get(server: Server, query: str, **headers: str) -> tuple[int, str, bytes]:
    return fetch(f"{server.base}/sparql?" + urllib.parse.urlencode({"query": query}),
                 headers=headers)


def sparql_post(server: Server, query: str, **headers: str) -> tuple[int, str, bytes]:
    return fetch(f"{server.base}/sparql", data=query.encode(),
                 headers={"Content-Type": "application/sparql-query", **headers})


def document_count(store_path: Path) -> int:
    store = ox.Store.read_only(str(store_path))
    return int(next(iter(store.query(COUNT_DOCS, use_default_graph_as_union=True)))["n"].value)


# ------------------------------------------------------------------------- the protocol


def test_binds_to_loopback_by_default(server: Server) -> None:
    assert ServeSettings(Path("x")).host == "127.0.0.1"
    assert build_parser().parse_args(["serve"]).host == "127.0.0.1"
    with socket.create_connection(("127.0.0.1", server.port), timeout=5):
        pass


def test_get_json_results(server: Server, store_path: Path) -> None:
    status, content_type, body = sparql_get(server, COUNT_DOCS)
    assert status == 200 and content_type.startswith("application/sparql-results+json")
    result = json.loads(body)
    assert result["head"]["vars"] == ["n"]
    assert result["results"]["bindings"][0]["n"]["value"] == str(document_count(store_path))


@pytest.mark.parametrize(("accept", "check"), [
    ("text/csv", lambda b: list(csv.reader(io.StringIO(b.decode())))[1] == ["3"]),
    ("text/tab-separated-values", lambda b: b.decode().splitlines()[0] == "?n"),
    ("application/sparql-results+xml", lambda b: b"<literal datatype=" in b and b">3<" in b),
])
def test_content_negotiation(server: Server, accept: str, check) -> None:
    status, content_type, body = sparql_post(server, COUNT_DOCS, Accept=accept)
    assert status == 200 and content_type.startswith(accept)
    assert check(body)


def test_construct_as_turtle_and_ntriples(server: Server) -> None:
    query = PK + "CONSTRUCT { ?d pk:year ?y } WHERE { ?d a pk:Document ; pk:year ?y }"
    for accept in ("text/turtle", "application/n-triples"):
        status, content_type, body = fetch(
            f"{server.base}/sparql", data=urllib.parse.urlencode({"query": query}).encode(),
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
        assert status == 200 and content_type.startswith(accept)
        assert b"2019" in body and b"2021" in body and b"2020" in body


def test_updates_and_load_are_refused_and_nothing_changes(server: Server) -> None:
    update = 'INSERT DATA { <http://example.org/s> <http://example.org/p> "x" }'
    for data, headers in (
        (urllib.parse.urlencode({"update": update}).encode(),
         {"Content-Type": "application/x-www-form-urlencoded"}),
        (update.encode(), {"Content-Type": "application/sparql-update"}),
        (update.encode(), {"Content-Type": "application/sparql-query"}),
        (b"LOAD <http://127.0.0.1:9/x.ttl>", {"Content-Type": "application/sparql-query"}),
        (b"PREFIX ex: <http://e/> # c\nDELETE WHERE { ?s ?p ?o }",
         {"Content-Type": "application/sparql-query"}),
    ):
        status, _, body = fetch(f"{server.base}/sparql", data=data, headers=headers)
        assert status == 403 and b"read-only" in body
    ask = "ASK { <http://example.org/s> ?p ?o }"
    assert json.loads(sparql_get(server, ask)[2])["boolean"] is False
    assert fetch(f"{server.base}/sparql", data=b"x", method="PUT")[0] == 405


def test_result_size_limit_and_syntax_errors(server: Server) -> None:
    status, _, body = sparql_get(server, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 413 and b"LIMIT" in body
    assert sparql_get(server, "SELECT WHERE {")[0] == 400
    assert sparql_get(server, COUNT_DOCS, Accept="image/png")[0] == 406
    status, _, body = fetch(f"{server.base}/sparql")
    assert status == 400 and b"/sparql-editor" in body


def test_sparqlwrapper_talks_to_it(server: Server) -> None:
    variables, rows = remote_select(f"{server.base}/sparql", COUNT_DOCS)
    assert variables == ["n"] and rows == [{"n": 3}]


def test_json_api(server: Server) -> None:
    status, _, body = fetch(f"{server.base}/api/who?q=" + urllib.parse.quote("污水处理"))
    answer = json.loads(body)
    assert status == 200 and answer["query"] == "污水处理"
    assert answer["answers"] and all(
        {"body", "role", "basis", "confidence", "commitments"} <= set(a) for a in answer["answers"])
    by_id = json.loads(fetch(f"{server.base}/api/who?q=" + urllib.parse.quote("污水处理")
                             + "&doc=yubei-2020-plan")[2])
    assert by_id["answers"] and all(c["document"] == "yubei-2020-plan"
                                    for a in by_id["answers"] for c in a["commitments"])
    status, _, body = fetch(f"{server.base}/api/query/targets_by_unit?unit=km")
    rows = json.loads(body)["rows"]
    assert status == 200 and any(r["value"] == "430" for r in rows)
    assert fetch(f"{server.base}/api/query/targets_by_unit?nope=1")[0] == 400


# -------------------------------------------------------------- nothing leaves the host


class Listener:
    """A TCP listener on loopback that records every connection made to it."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
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


def test_service_is_refused_and_nothing_is_fetched(server: Server) -> None:
    listener = Listener()
    target = f"http://127.0.0.1:{listener.port}/sparql"
    try:
        queries = [
            f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
            f"select * where {{ ?x ?y ?z . service silent <{target}> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ ?x ?y ?z .SERVICE <{target}> {{ ?s ?p ?o }} }}",
            # Codepoint escapes are expanded before parsing (SPARQL 1.1 §19.2).
            f"SELECT * WHERE {{ S\\u0045RVICE <{target}> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ OPTIONAL {{ {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }} }}",
        ]
        for query in queries:
            for send in (sparql_get, sparql_post):
                status, _, body = send(server, query)
                assert status == 403 and b"SERVICE" in body, query
        # The word inside a string or an IRI is no keyword: those queries run.
        assert sparql_get(server, 'ASK { BIND("SERVICE <x>" AS ?s) }')[0] == 200
        assert sparql_get(server, "ASK { <http://example.org/SERVICE> ?p ?o }")[0] == 200
        time.sleep(1.0)
        assert listener.connections == 0
    finally:
        listener.close()


def test_guard_reads_strings_iris_and_comments() -> None:
    assert check_query('SELECT * WHERE { ?s ?p "{{{{{{{{" }', max_nesting=3) is None
    assert check_query("SELECT * WHERE { ?s ?p ?o } # SERVICE { {{{{") is None
    assert check_query("SELECT ?service WHERE { ?service ?p ?o }") is None
    refused = check_query("SELECT * WHERE { ?s ?p ?o }\nservice <x> { }")
    assert refused is not None and refused.status == 403
    assert check_query("SELECT * { " + "{" * 65 + "}" * 65 + " }") is not None


# --------------------------------------------------------------- requests that hurt


def test_nested_braces_and_unions_get_4xx_and_the_server_goes_on(server: Server) -> None:
    nested = "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000
    assert len(nested.encode()) > 6000
    status, _, body = sparql_get(server, nested)
    assert status == 400 and b"nested" in body
    unions = "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 10_000) + " }"
    status, _, _ = sparql_post(server, unions)
    assert 400 <= status < 500
    status, _, body = sparql_post(server, "SELECT * WHERE { " + "UNION".join(
        ["{?s ?p ?o}"] * 2000) + " }")
    assert status == 400 and b"operators" in body
    # A query of almost a megabyte is refused by its size, before any engine sees it.
    status, _, body = sparql_post(server, "# " + "x" * 990_000 + "\nASK {}")
    assert status == 413 and b"characters" in body
    # A body over the request limit is refused from its Content-Length, unread.
    reply = raw_request(server.port, b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        b"Content-Type: application/sparql-query\r\n"
                        b"Content-Length: 2000000\r\n\r\nASK {}")
    assert reply.startswith(b"HTTP/1.1 413")
    assert sparql_get(server, ONE_TRIPLE_ASK)[0] == 200


def test_null_bytes_and_undecodable_paths_are_400(server: Server) -> None:
    for path in ("/static/explorer.css%00.js", "/%ff%fe", "/who%00", "/sparql?query=%00"):
        status, content_type, body = fetch(server.base + path)
        assert status == 400, path
        assert content_type.startswith("text/plain") and b"Traceback" not in body
    reply = raw_request(server.port, b"GET /\xff\xfe HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    assert reply.startswith(b"HTTP/1.1 400")
    assert fetch(server.base + "/api/queries")[0] == 200
    assert server.process.poll() is None
    # Nothing was logged as an error for any of it.
    os.set_blocking(server.process.stderr.fileno(), False)
    log = server.process.stderr.read() or ""
    assert "Traceback" not in log and "ValueError" not in log


def test_host_header_allow_list(server: Server, store_path: Path) -> None:
    for host in ("evil.example", "127.0.0.1.nip.io", "localhost.evil.example"):
        status, _, body = fetch(server.base + "/", headers={"Host": host})
        assert status == 400 and b"Host" in body
    for host in (f"localhost:{server.port}", f"127.0.0.1:{server.port}", "[::1]"):
        assert fetch(server.base + "/api/queries", headers={"Host": host})[0] == 200
    with serving(store_path, "--allow-host", "plankg.lan") as other:
        assert fetch(other.base + "/api/queries", headers={"Host": "plankg.lan"})[0] == 200
        assert fetch(other.base + "/api/queries", headers={"Host": "evil.example"})[0] == 400


def test_strict_content_security_policy(server: Server) -> None:
    for path in ("/", "/sparql?query=ASK%7B%7D", "/nothing-here"):
        request = urllib.request.Request(server.base + path)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                headers = response.headers
        except urllib.error.HTTPError as error:
            headers = error.headers
        policy = headers["Content-Security-Policy"]
        assert policy == CSP
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert "script-src 'self'" in policy and headers["X-Content-Type-Options"] == "nosniff"


def test_half_open_connections_are_closed_after_the_request_timeout(server: Server) -> None:
    sockets = []
    try:
        for i in range(200):
            connection = socket.create_connection(("127.0.0.1", server.port), timeout=10)
            connection.sendall(b"GET /sparql?query=" if i % 2 else b"POST /sparql HTTP/1.1\r\n"
                               b"Host: 127.0.0.1\r\nContent-Length: 100\r\n\r\nquery=")
            sockets.append(connection)
        # The server answers others meanwhile.
        assert sparql_get(server, ONE_TRIPLE_ASK)[0] == 200
        time.sleep(2.5)  # the request timeout is 1 s
        closed = 0
        for connection in sockets:
            connection.settimeout(5)
            try:
                data = connection.recv(4096)
                while data and not data.endswith(b"\n") and b"408" not in data:
                    data = connection.recv(4096)
                closed += 1
            except OSError:
                closed += 1
        assert closed == len(sockets)
    finally:
        for connection in sockets:
            connection.close()
    assert sparql_get(server, ONE_TRIPLE_ASK)[0] == 200


# ------------------------------------------------------------ queries that run away


def test_runaway_queries_are_stopped_and_their_workers_replaced(server: Server) -> None:
    before = server.workers()
    assert before, "the server runs its queries in worker processes"
    queries = [
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        CARTESIAN + " ORDER BY ?a ?e ?i",
        "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY DESC(?f)",
        "SELECT * WHERE { ?a (!<http://example.org/p>)* ?b . ?c ?d ?e }",
    ]
    with concurrent.futures.ThreadPoolExecutor(len(queries)) as threads:
        answers = list(threads.map(lambda q: sparql_get(server, q), queries))
    for (status, _, body), query in zip(answers, queries, strict=True):
        assert status == 503 and b"limit" in body, query
    # The workers that ran them are gone: nothing keeps computing after the answer.
    time.sleep(0.5)
    survivors = [pid for pid in before if os.path.exists(f"/proc/{pid}")]
    assert survivors == []
    status, _, body = sparql_get(server, ONE_TRIPLE_ASK)
    assert status == 200 and json.loads(body)["boolean"] is True
    assert len(server.workers()) == len(before)


def _running(pid: int) -> bool:
    with open(f"/proc/{pid}/stat", encoding="ascii") as stream:
        return stream.read().rsplit(")", 1)[1].split()[0] == "R"


def test_an_engine_crash_does_not_take_the_server_down(server: Server) -> None:
    assert sparql_get(server, ONE_TRIPLE_ASK)[0] == 200
    # Workers replacing those an earlier test stopped run while they start: wait until
    # none runs, so that the one running below is the query's.
    deadline, idle = time.monotonic() + 20, 0
    while idle < 5 and time.monotonic() < deadline:
        idle = 0 if any(_running(pid) for pid in server.workers()) else idle + 1
        time.sleep(0.05)
    victim = server.workers()[0]
    result: list[tuple[int, str, bytes]] = []
    counting = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    worker = threading.Thread(target=lambda: result.append(sparql_get(server, counting)))
    worker.start()
    busy = None
    deadline = time.monotonic() + 10
    while busy is None and time.monotonic() < deadline:  # the worker running the query
        busy = next((pid for pid in server.workers() if _running(pid)), None)
        time.sleep(0.05)
    os.kill(busy or victim, signal.SIGSEGV)
    worker.join()
    status, _, body = result[0]
    assert status == 500 and b"crashed" in body
    assert server.process.poll() is None
    assert sparql_get(server, ONE_TRIPLE_ASK)[0] == 200


# ----------------------------------------------------------------------- a later build


def test_a_running_server_sees_documents_built_later(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store", ROOT / "corpus" / "yubei-2020-plan.txt")
    with serving(store) as running:
        assert json.loads(sparql_get(running, COUNT_DOCS)[2])[
            "results"]["bindings"][0]["n"]["value"] == "1"
        built = plankg("--store", str(store), "build",
                       str(ROOT / "corpus" / "state-council-work-report-2019.txt"), "--no-files")
        assert built.returncode == 0, built.stderr
        deadline = time.monotonic() + 30
        counts = []
        while time.monotonic() < deadline:
            body = json.loads(sparql_get(running, COUNT_DOCS)[2])
            counts.append(body["results"]["bindings"][0]["n"]["value"])
            documents = json.loads(fetch(running.base + "/api/query/documents")[2])["rows"]
            if counts[-1] == "2" and len({d["id"] for d in documents}) == 2:
                break
            time.sleep(0.5)
        assert counts[-1] == "2", counts


def test_several_server_processes_share_the_port(store_path: Path) -> None:
    with serving(store_path, "--server-workers", "2") as running:
        assert sparql_get(running, ONE_TRIPLE_ASK)[0] == 200

        def forked_now() -> set[int]:
            return {pid for pid in running.tree()
                    if b"forkserver" in Path(f"/proc/{pid}/cmdline").read_bytes()}

        # Each server process starts its fork server and workers on its own: wait for both.
        deadline = time.monotonic() + 30
        while len(forked := forked_now()) < 2 + 2 * 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        parent = {pid: int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
                  for pid in forked}
        servers = {pid for pid in forked if parent[pid] not in forked}
        assert len(servers) == 2  # a fork server per server process, each with its workers
        assert len(forked) == 2 + 2 * 2
        with concurrent.futures.ThreadPoolExecutor(8) as threads:
            answers = list(threads.map(lambda _: sparql_get(running, COUNT_DOCS), range(16)))
        assert all(status == 200 for status, _, _ in answers)


def test_pages_are_cached_until_the_store_changes(store_path: Path) -> None:
    with serving(store_path) as cached, serving(store_path, "--no-cache") as fresh:
        for path in ("/api/query/documents", "/who?q=%E6%B1%A1%E6%B0%B4%E5%A4%84%E7%90%86",
                     "/index.json"):
            first, second = fetch(cached.base + path), fetch(cached.base + path)
            assert first == second and first[0] == 200
            assert fetch(fresh.base + path) == first
        # Content negotiation is part of the key: HTML and JSON of one path differ.
        html = fetch(cached.base + "/who?q=x", headers={"Accept": "text/html"})
        data = fetch(cached.base + "/who?q=x", headers={"Accept": "application/json"})
        assert html[1].startswith("text/html") and data[1].startswith("application/json")


@pytest.mark.parametrize(("query", "form"), [
    ("PREFIX s: <http://example.org/SELECT#> CONSTRUCT { ?a ?b ?c } "
     "WHERE { { SELECT * { ?a ?b ?c } } }", "CONSTRUCT"),
    ("# CONSTRUCT in a comment\nask { ?s ?p 'DESCRIBE' }", "ASK"),
    ("DESCRIBE <http://example.org/x>", "DESCRIBE"),
    ("SELECT * { ?s ?p ?o }", "SELECT"),
])
def test_query_form_skips_iris_strings_comments_and_subqueries(query: str, form: str) -> None:
    """The form decides what the explorer asks a remote server for (a graph or results)."""
    from plankg.web.guard import query_form

    assert query_form(query) == form
