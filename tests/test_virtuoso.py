"""A second real store: OpenLink Virtuoso. The bundled documents are pushed into it
through the Graph Store Protocol, then every library query and `who` read through
`RemoteStore` give the rows the embedded store gives.

Virtuoso is started once per session on loopback ports (tests/virtuoso.py; the fixtures
are in conftest.py, shared with the explorer's test on remote stores,
tests/test_explorer_remote.py); test.sh installs it.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from virtuoso import VIRTUOSO_CANNOT_COMPILE, VIRTUOSO_WRONG_COLUMNS, same_value

from plankg import tables
from plankg.answers import who
from plankg.errors import PlankgError
from plankg.queries import library
from plankg.store import RemoteStore
from plankg.tables import run_library_query

WHO_QUESTIONS = ("污水处理", "洛碛镇", "六稳", "新增就业", "区生态环境局", "洛碛新城镇")

def _example_params(name: str) -> dict[str, str]:
    query = library()[name]
    return {p.name: p.example for p in query.parameters if p.example is not None}


def _rows(rows: list[dict], left_out: set[str]) -> list[tuple]:
    return sorted(
        tuple(sorted((k, repr(same_value(v))) for k, v in row.items() if k not in left_out))
        for row in rows
    )


@pytest.mark.parametrize("name", sorted(library()))
def test_library_query_same_rows_in_virtuoso(name: str, virtuoso_store: RemoteStore,
                                              corpus_store: ox.Store):
    params = _example_params(name)
    local = run_library_query(corpus_store, name, params)
    assert local, f"{name} returns nothing with its example parameters"
    if name in VIRTUOSO_CANNOT_COMPILE:
        with pytest.raises(PlankgError, match=VIRTUOSO_CANNOT_COMPILE[name]):
            run_library_query(virtuoso_store, name, params)
        return
    remote = run_library_query(virtuoso_store, name, params)
    left_out = {p.name for p in library()[name].parameters}
    left_out |= set(VIRTUOSO_WRONG_COLUMNS.get(name, ()))
    assert _rows(remote, left_out) == _rows(local, left_out)


@pytest.mark.parametrize("question", WHO_QUESTIONS)
def test_who_same_answers_in_virtuoso(question: str, virtuoso_store: RemoteStore,
                                      corpus_store: ox.Store):
    local = who(corpus_store, question).as_json()
    assert local["answers"] or local["suggestions"]
    assert who(virtuoso_store, question).as_json() == local


def test_tables_same_in_virtuoso(virtuoso_store: RemoteStore, corpus_store: ox.Store):
    assert tables.documents(virtuoso_store) == tables.documents(corpus_store)
    # Rows tied on the query's sort keys may come in either order.
    def key(row: dict) -> str:
        return repr(sorted(row.items()))

    remote = tables.targets(virtuoso_store, "yubei-2020-plan")
    assert sorted(remote, key=key) == sorted(tables.targets(corpus_store, "yubei-2020-plan"),
                                             key=key)
