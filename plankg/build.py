"""``plankg build``: documents → graph files and the embedded store.

Everything for a document is computed in memory first; only then are its files
renamed into place and its named graph replaced in one store transaction, so a
failure never leaves a half-written graph behind.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from plankg import identity
from plankg.model import Document, Responsibility
from plankg.output import nquads, ntriples_lines, turtle, write_atomically
from plankg.pipeline import build_document
from plankg.rdf import Triple, graph_triples
from plankg.resources import ontology_dir
from plankg.store import VOCABULARY_GRAPH, replace_graph


@dataclass
class BuildResult:
    path: str
    doc_id: str
    title: str | None
    triples: int
    sentences: int
    commitments: int
    targets: int
    mentions: int
    warnings: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def vocabulary_quads() -> list[ox.Quad]:
    """The ontology (shapes excluded) and the vocabularies, in the vocabulary graph."""
    graph = ox.NamedNode(VOCABULARY_GRAPH)
    quads = []
    for path in sorted(ontology_dir().glob("*.ttl")):
        if path.name != "shapes.ttl":
            for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
                quads.append(ox.Quad(triple.subject, triple.predicate, triple.object, graph))
    return quads


def load_vocabulary(store: ox.Store) -> None:
    """Replace the vocabulary graph. Parsed fully before the store is touched."""
    quads = vocabulary_quads()
    graph = ox.NamedNode(VOCABULARY_GRAPH)
    if store.contains_named_graph(graph):
        store.remove_graph(graph)
    store.extend(quads)


def build_one(
    path: str | os.PathLike[str], *, store: ox.Store | None, out_dir: Path | None
) -> BuildResult:
    doc = build_document(path)
    triples = graph_triples(doc)
    graph = identity.graph_iri(doc.id)
    files: dict[Path, str] = {}
    if out_dir is not None:
        files[out_dir / f"{doc.id}.ttl"] = turtle(triples)
        files[out_dir / f"{doc.id}.nq"] = nquads(triples, URIRef(graph))
    if store is not None:
        replace_graph(store, str(graph), ntriples_lines(triples))
    write_atomically(files)
    return BuildResult(
        path=str(path),
        doc_id=doc.id,
        title=doc.metadata.title,
        triples=len(triples),
        sentences=len(doc.sentences),
        commitments=len(doc.commitments),
        targets=sum(1 for _, t in doc.targets if t.kind == "target"),
        mentions=len(doc.mentions),
        warnings=doc.warnings,
        files=sorted(files),
    )


def assignment_graph_triples(
    doc: Document, responsibilities: Sequence[Responsibility]
) -> tuple[str, list[Triple]]:
    """The named graph of an imported assignment table, kept apart from the text's graph.

    Rebuilding a document from its text leaves the table's graph alone; importing the
    table again replaces it.
    """
    from plankg.rdf import responsibility_triples

    graph = str(identity.graph_iri(doc.id)) + "/assignments"
    return graph, list(responsibility_triples(doc, responsibilities, kind="assignment"))
