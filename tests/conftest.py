"""Shared fixtures: the bundled documents built once per test session."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from plankg.build import build_many, load_vocabulary
from plankg.model import Document
from plankg.pipeline import build_document

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
