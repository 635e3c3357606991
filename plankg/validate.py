"""SHACL validation of built graphs against ``ontology/shapes.ttl``."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from rdflib import RDFS, Graph

from plankg.errors import PlankgError
from plankg.resources import ontology_dir


@cache
def _shapes() -> Graph:
    return Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")


@cache
def _vocabulary() -> tuple[list[tuple[Any, Any, Any]], dict[Any, list[tuple[Any, Any, Any]]]]:
    """The ontology's and vocabularies' class hierarchy (rdfs:subClassOf, for sh:class),
    and their other statements by subject."""
    ontology = Graph()
    for path in sorted(ontology_dir().glob("*.ttl")):
        if path.name != "shapes.ttl":
            ontology.parse(path, format="turtle")
    hierarchy = list(ontology.triples((None, RDFS.subClassOf, None)))
    about: dict[Any, list[tuple[Any, Any, Any]]] = {}
    for triple in ontology:
        about.setdefault(triple[0], []).append(triple)
    return hierarchy, about


def validate_graph(graph: Graph, *, copy: bool = True) -> str:
    """Empty string when the graph conforms, else pyshacl's text report.

    sh:class checks read the class of each value: the data get the class hierarchy and
    what the vocabularies say about the terms they use (a slogan's kind, a unit). Only
    those: the whole ontology, some 11,000 statements, cost a second per file.
    The statements are added to a copy unless ``copy`` is False."""
    from pyshacl import validate

    hierarchy, about = _vocabulary()
    data = Graph() if copy else graph
    if copy:
        for triple in graph:
            data.add(triple)
    used = {o for o in graph.objects() if o in about}
    for triple in hierarchy:
        data.add(triple)
    for term in used:
        for triple in about[term]:
            data.add(triple)
    conforms, _, text = validate(data, shacl_graph=_shapes(), inference="none", allow_warnings=True)
    return "" if conforms else str(text)


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _read(path: Path) -> Graph:
    """The file as an rdflib graph, parsed by Oxigraph (several times faster than rdflib's
    parser; pyshacl needs rdflib terms, which are made once per triple)."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    def term(node: ox.NamedNode | ox.BlankNode | ox.Literal) -> URIRef | BNode | Literal:
        if isinstance(node, ox.NamedNode):
            return URIRef(node.value)
        if isinstance(node, ox.BlankNode):
            return BNode(node.value)
        if node.language:
            return Literal(node.value, lang=node.language)
        if node.datatype.value == _XSD_STRING:
            return Literal(node.value)  # a plain literal, as rdflib reads one
        return Literal(node.value, datatype=URIRef(node.datatype.value))

    fmt = ox.RdfFormat.N_QUADS if path.suffix == ".nq" else ox.RdfFormat.TURTLE
    graph = Graph()
    for quad in ox.parse(path=str(path), format=fmt):
        graph.add((term(quad.subject), term(quad.predicate), term(quad.object)))
    return graph


def validate_file(path: Path) -> str:
    try:
        graph = _read(path)
    except (OSError, SyntaxError, ValueError) as error:
        raise PlankgError(f"{path}: cannot read as RDF ({error})") from None
    return validate_graph(graph, copy=False)  # read for this alone


def validate_files(paths: list[Path]) -> list[tuple[Path, str]]:
    """(path, report) of each file, in order; files validated in parallel on the machine's
    cores, since pyshacl spends seconds per document in pure Python."""
    if len(paths) < 2:
        return [(path, validate_file(path)) for path in paths]
    import os
    from concurrent.futures import ProcessPoolExecutor

    workers = min(len(paths), os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(zip(paths, pool.map(validate_file, paths), strict=True))
