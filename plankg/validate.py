"""SHACL validation of built graphs against ``ontology/shapes.ttl``."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import Graph

from plankg.errors import PlankgError
from plankg.resources import ontology_dir


@cache
def _shapes() -> Graph:
    return Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")


@cache
def _ontology() -> Graph:
    graph = Graph()
    for path in sorted(ontology_dir().glob("*.ttl")):
        if path.name != "shapes.ttl":
            graph.parse(path, format="turtle")
    return graph


def validate_graph(graph: Graph) -> str:
    """Empty string when the graph conforms, else pyshacl's text report."""
    from pyshacl import validate

    data = Graph()
    for triple in graph:
        data.add(triple)
    # The ontology supplies the class memberships sh:class checks rely on (pk:SloganKind…).
    for triple in _ontology():
        data.add(triple)
    conforms, _, text = validate(data, shacl_graph=_shapes(), inference="none", allow_warnings=True)
    return "" if conforms else str(text)


def validate_file(path: Path) -> str:
    try:
        graph = Graph().parse(path, format="nquads" if path.suffix == ".nq" else "turtle")
    except (OSError, SyntaxError, ValueError) as error:
        raise PlankgError(f"{path}: cannot read as RDF ({error})") from None
    return validate_graph(graph)
