"""labels.rq, the names suggested when a search finds nothing, against the graphs."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDFS, SKOS

from plankg.model import Document
from plankg.namespaces import PK
from plankg.phrase_index import bigrams, phrase_keys
from plankg.rdf import document_graph
from plankg.tables import run_library_query


def _names(corpus_documents: dict[str, Document]) -> set[tuple[str, str]]:
    """(name, kind) of every mentioned entity's name or alias, body and indicator,
    read from the rdflib graphs of the documents, not from the store's summary."""
    names: set[tuple[str, str]] = set()
    for doc in corpus_documents.values():
        graph = document_graph(doc)

        def zh_names(node: object, *predicates: object, graph: Graph = graph) -> set[str]:
            return {
                str(o)
                for p in predicates
                for o in graph.objects(node, p)  # type: ignore[arg-type]
                if isinstance(o, Literal) and o.language == "zh"
            }

        for entity in set(graph.objects(None, PK.refersTo)):
            names |= {(n, "entity") for n in zh_names(entity, RDFS.label, SKOS.altLabel)}
        for body in set(graph.objects(None, PK.body)):
            names |= {(n, "body") for n in zh_names(body, RDFS.label)}
        for _, label in graph.subject_objects(PK.indicatorLabel):
            if isinstance(label, Literal) and label.language == "zh":
                names.add((str(label), "indicator"))
    return names


@pytest.mark.parametrize("phrase", ["洛碛镇码头小学", "生态环境局", "国内生产总值", "长江经济带"])
def test_labels_are_the_names_sharing_a_bigram_with_the_phrase(
    corpus_documents: dict[str, Document], corpus_store: ox.Store, phrase: str
) -> None:
    keys = set(phrase_keys(phrase).values())
    expected = sorted((n, k) for n, k in _names(corpus_documents) if bigrams(n) & keys)
    rows = run_library_query(corpus_store, "labels", {"q": phrase})
    assert [(row["label"], row["kind"]) for row in rows] == expected
    assert expected, f"the bundled documents have names sharing a bigram with {phrase}"


def test_labels_know_what_each_name_is(corpus_store: ox.Store) -> None:
    rows = run_library_query(corpus_store, "labels", {"q": "国内生产总值"})
    kinds = {row["label"]: row["kind"] for row in rows}
    assert kinds["国内生产总值"] == "indicator"
    rows = run_library_query(corpus_store, "labels", {"q": "国务院办公厅"})
    assert ("国务院", "body") in {(row["label"], row["kind"]) for row in rows}


def test_a_one_character_phrase_suggests_nothing(corpus_store: ox.Store) -> None:
    assert run_library_query(corpus_store, "labels", {"q": "水"}) == []
