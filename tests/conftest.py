"""Shared fixtures: the bundled documents built once per test run.

Under pytest-xdist each worker is a process of its own, so a session fixture would be
built once per worker. What is costly is built once for the whole run instead, in a folder
all workers share, under a file lock (``shared``): the corpus store by the CLI, as a user
builds it, and the documents as a pickle. Every worker then opens the store read-only;
no test writes into it (a test that writes builds a store of its own).
"""

from __future__ import annotations

import fcntl
import os
import pickle
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from virtuoso import binary, virtuoso_server

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


def shared(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """``root/name``, made by ``make`` by whichever worker comes first; the others wait
    for it. The root is this run's temporary folder (the parent of each worker's)."""
    base = factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    path, done = root / name, root / f"{name}.done"
    with (root / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            make(path)
            done.touch()
    return path


def _build_corpus(store: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "plankg.cli", "--store", str(store), "build", str(CORPUS),
         "--no-files"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert built.returncode == 0, built.stderr
    assert all(doc_id in built.stdout for doc_id in DOCUMENT_IDS), built.stdout


@pytest.fixture(scope="session")
def corpus_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store folder holding the three bundled documents and the vocabularies, built by
    ``plankg build``; open it read-only (servers and the CLI do)."""
    return shared(tmp_path_factory, "corpus-store", _build_corpus)


@pytest.fixture(scope="session")
def corpus_store(corpus_store_path: Path) -> ox.Store:
    """The corpus store, read-only."""
    return ox.Store.read_only(str(corpus_store_path))


def _pickle_documents(path: Path) -> None:
    documents = {doc_id: build_document(CORPUS / f"{doc_id}.txt") for doc_id in DOCUMENT_IDS}
    path.write_bytes(pickle.dumps(documents))


@pytest.fixture(scope="session")
def corpus_documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Document]:
    return pickle.loads(shared(tmp_path_factory, "corpus-documents.pickle",
                               _pickle_documents).read_bytes())


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Virtuoso on loopback ports (tests/virtuoso.py), once per worker that needs it."""
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
