"""A real SPARQL 1.1 server: push the graphs, then every library query agrees with the store.

The server is the `oxigraph` package's `oxigraph serve`, started on a free loopback
port for this module and stopped after it.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from serving import free_port, oxigraph_server

from plankg import tables
from plankg.answers import who
from plankg.queries import bindings_for, library
from plankg.remote import push_store, remote_select, substitute
from plankg.store import RemoteStore
from plankg.summary import SUMMARY_GRAPH
from plankg.tables import run_library_query


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph-server")) as base:
        yield base


@pytest.fixture(scope="module")
def pushed(server: str, corpus_store: ox.Store) -> str:
    graphs = push_store(corpus_store, f"{server}/store")
    # Three document graphs, their phrase indexes, the vocabulary and the corpus summary
    # (the library's corpus-wide listings read it, so a server needs it too).
    assert len(graphs) == 8 and sum(g.endswith("/index") for g in graphs) == 3
    assert SUMMARY_GRAPH in graphs
    return server


def _example_params(name: str) -> dict[str, str]:
    query = library()[name]
    return {p.name: p.example for p in query.parameters if p.example is not None}


def _rows_as_set(rows: list[dict], hidden: set[str]) -> list[tuple]:
    """Rows as comparable tuples; parameter columns are left out (only the embedded
    store echoes a bound parameter back)."""
    return sorted(tuple(sorted((k, repr(v)) for k, v in row.items() if k not in hidden))
                  for row in rows)


@pytest.mark.parametrize("name", sorted(library()))
def test_library_query_same_rows_remote_and_embedded(name: str, pushed: str,
                                                     corpus_store: ox.Store):
    params = _example_params(name)
    local = run_library_query(corpus_store, name, params)
    query = library()[name]
    _, remote = remote_select(f"{pushed}/query", query.text, bindings_for(query, params))
    hidden = {p.name for p in query.parameters}
    assert _rows_as_set(remote, hidden) == _rows_as_set(local, hidden)
    assert local, f"{name} returns nothing with its example parameters"


def test_push_replaces_rather_than_appends(pushed: str, corpus_store: ox.Store):
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    _, before = remote_select(f"{pushed}/query", count)
    push_store(corpus_store, f"{pushed}/store")
    _, after = remote_select(f"{pushed}/query", count)
    assert before == after and before[0]["n"] > 50_000


def test_remote_parameters_stay_one_term(pushed: str):
    query = library()["targets_by_unit"]
    hostile = '"} UNION { ?target ?p ?o } #'
    _, rows = remote_select(f"{pushed}/query", query.text,
                            bindings_for(query, {"unit": hostile}))
    assert rows == []
    _, rows = remote_select(f"{pushed}/query", query.text, bindings_for(query, {"unit": "km"}))
    assert rows and all(row["unit_label"] for row in rows)
    text = substitute("SELECT * WHERE { ?s ?p $v . FILTER(?x = \"$v\") } # $v",
                      {"v": ox.Literal(hostile)})
    assert text.count("UNION") == 1  # inside the escaped literal only
    assert '"$v"' in text and text.endswith("# $v")  # strings and comments untouched


def test_unreachable_endpoint_is_one_line_error():
    port = free_port()
    result = subprocess.run(
        [sys.executable, "-m", "plankg.cli", "sparql", "SELECT * WHERE {?s ?p ?o} LIMIT 1",
         "--endpoint", f"http://127.0.0.1:{port}/query"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "query failed" in result.stderr


WHO_QUESTIONS = ("污水处理", "洛碛镇", "六稳", "新增就业", "区生态环境局", "洛碛新城镇")


@pytest.mark.parametrize("question", WHO_QUESTIONS)
def test_who_same_answers_remote_and_embedded(question: str, pushed: str,
                                              corpus_store: ox.Store):
    """`who` through the store interface: a SPARQL server gives the embedded answers."""
    local = who(corpus_store, question).as_json()
    remote = who(RemoteStore(f"{pushed}/query"), question).as_json()
    assert remote == local
    assert local["answers"] or local["suggestions"]


def test_cli_reads_an_endpoint(pushed: str, corpus_store: ox.Store):
    """`--endpoint` on the CLI: who, accountability and the tables from the server."""
    def cli(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "plankg.cli", *args, "--endpoint", f"{pushed}/query"],
            capture_output=True, text=True, check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert json.loads(cli("who", "污水处理", "--format", "json")) == json.loads(
        json.dumps(who(corpus_store, "污水处理").as_json())
    )
    documents = json.loads(cli("documents", "--format", "json"))
    assert sorted(d["id"] for d in documents) == sorted(
        d["id"] for d in tables.documents(corpus_store)
    )
    accountability = list(csv.DictReader(cli("accountability", "--doc", "yubei-2020-plan",
                                              "--format", "csv").splitlines()))
    local = run_library_query(corpus_store, "responsibilities",
                              {"doc": "https://w3id.org/plankg/id/doc/yubei-2020-plan"})
    assert len(accountability) == len(local) > 100
    targets = json.loads(cli("targets", "--doc", "yubei-2020-plan", "--format", "json"))
    assert targets == json.loads(json.dumps(tables.targets(corpus_store, "yubei-2020-plan")))


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "query", "http://"])
def test_only_http_urls_are_endpoints(url: str) -> None:
    from plankg.errors import PlankgError
    from plankg.store.remote import split_credentials

    with pytest.raises(PlankgError, match="not an http\\(s\\) URL"):
        split_credentials(url)
    result = subprocess.run([sys.executable, "-m", "plankg.cli", "documents", "--endpoint", url],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
