"""Shared fixtures: the bundled documents built once per test session, and Virtuoso
holding them (started once, for the library's and the explorer's round trips)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from virtuoso import binary, virtuoso_server

from plankg.build import build_many, load_vocabulary
from plankg.model import Document
from plankg.pipeline import build_document
from plankg.store import RemoteStore, as_store, push_store
from plankg.summary import SUMMARY_GRAPH

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DOCUMENT_IDS = (
    "yubei-2020-plan",
    "state-council-work-report-2019",
    "state-council-work-report-2021",
)


@pytest.fixture(scope="session")
def corpus_documents() -> dict[str, Document]:
    return {doc_id: build_document(CORPUS / f"{doc_id}.txt") for doc_id in DOCUMENT_IDS}


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    """An embedded store holding the three bundled documents and the vocabularies."""
    store = ox.Store(str(tmp_path_factory.mktemp("store")))
    load_vocabulary(store)
    paths = [CORPUS / f"{doc_id}.txt" for doc_id in DOCUMENT_IDS]
    events = list(build_many(paths, store=store, out_dir=None))
    assert all(event.result is not None for event in events), events
    return store


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if binary() is None:
        if os.environ.get("CI"):
            pytest.fail("virtuoso-t is missing: test.sh installs virtuoso-opensource-7-bin")
        pytest.skip("virtuoso-t is not installed (test.sh installs it as root)")
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as base:
        yield base


@pytest.fixture(scope="session")
def virtuoso_store(virtuoso: str, corpus_store: ox.Store) -> RemoteStore:
    """Virtuoso holding the bundled documents, pushed through the Graph Store Protocol."""
    host = virtuoso.removeprefix("http://")
    store = RemoteStore(
        f"{virtuoso}/sparql", graph_store=f"http://dba:dba@{host}/sparql-graph-crud-auth"
    )
    graphs = push_store(as_store(corpus_store), store)
    assert len(graphs) == 8 and SUMMARY_GRAPH in graphs
    return store
