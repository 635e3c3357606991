"""The graph: provenance on every fact, SHACL conformance, parsable files."""

from __future__ import annotations

from rdflib import RDF, Graph, URIRef

from plankg.model import Document
from plankg.namespaces import PK
from plankg.output import nquads, turtle
from plankg.rdf import document_graph, graph_triples
from plankg.validate import validate_graph


def test_every_document_graph_conforms_to_the_shapes(corpus_documents: dict[str, Document]):
    for doc in corpus_documents.values():
        report = validate_graph(document_graph(doc))
        assert report == "", f"{doc.id}:\n{report[:2000]}"


def test_shapes_catch_a_fact_without_evidence(corpus_documents: dict[str, Document]):
    graph = document_graph(corpus_documents["yubei-2020-plan"])
    target = next(graph.subjects(RDF.type, PK.Target))
    graph.remove((target, PK.evidence, None))
    assert "evidence" in validate_graph(graph)


def test_shapes_read_vocabulary_classes_and_catch_a_wrong_one(
    corpus_documents: dict[str, Document],
):
    """sh:class pk:SloganKind holds because the vocabulary says what each kind is; a
    value the vocabulary does not know as a kind is caught."""
    graph = document_graph(corpus_documents["yubei-2020-plan"])
    slogan, kind = next(graph.subject_objects(PK.sloganKind))
    assert (kind, RDF.type, PK.SloganKind) not in graph  # only the vocabulary says so
    assert validate_graph(graph) == ""
    graph.set((slogan, PK.sloganKind, URIRef("https://example.org/not-a-kind")))
    report = validate_graph(graph)
    assert "ClassConstraintComponent" in report and "not-a-kind" in report


def test_every_fact_points_at_a_sentence_whose_span_holds_its_quote(
    corpus_documents: dict[str, Document],
):
    doc = corpus_documents["yubei-2020-plan"]
    graph = document_graph(doc)
    facts = set(graph.subjects(RDF.type, PK.Target)) | set(graph.subjects(RDF.type, PK.Mention))
    assert len(facts) > 300
    source = doc.source.text
    for fact in facts:
        sentence = graph.value(fact, PK.evidence)
        assert (sentence, RDF.type, PK.Sentence) in graph
        start, end = int(graph.value(fact, PK.charStart)), int(graph.value(fact, PK.charEnd))
        s_start = int(graph.value(sentence, PK.charStart))
        s_end = int(graph.value(sentence, PK.charEnd))
        assert s_start <= start < end <= s_end
        quote = str(graph.value(fact, PK.quote))
        assert (
            source[start:end]
            .replace(",", "，")
            .replace(":", "：")
            .replace("(", "（")
            .replace(")", "）")
            == quote
        )
        assert graph.value(fact, PK.extractionRule) is not None


def test_stated_structure_links(corpus_documents: dict[str, Document]):
    doc = corpus_documents["yubei-2020-plan"]
    graph = document_graph(doc)
    item = URIRef("https://w3id.org/plankg/id/doc/yubei-2020-plan/3.1.2")
    assert (item, RDF.type, PK.Item) in graph
    assert str(graph.value(item, PK.parentDivision)).endswith("/3.1")
    commitment = URIRef("https://w3id.org/plankg/id/doc/yubei-2020-plan/commitment/3.1.2")
    places = {
        str(graph.value(p, URIRef("http://www.w3.org/2000/01/rdf-schema#label")))
        for p in graph.objects(commitment, PK.involvesPlace)
    }
    # 3.1.2 names 洛碛镇 and 统景镇 for sewage plant upgrades.
    assert {"洛碛镇", "统景镇"} <= places


def test_files_parse_back_to_the_same_triples(corpus_documents: dict[str, Document]):
    doc = corpus_documents["state-council-work-report-2021"]
    triples = graph_triples(doc)
    parsed = Graph().parse(data=turtle(triples), format="turtle")
    assert len(parsed) == len(set(triples))
    graph_name = URIRef("https://w3id.org/plankg/id/graph/x")
    lines = nquads(triples, graph_name).splitlines()
    assert len(lines) == len(set(triples))
    assert all(line.endswith(f"<{graph_name}> .") for line in lines)
