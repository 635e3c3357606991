"""IRIs used across the graph. One place, so every module agrees."""

from __future__ import annotations

from rdflib import Namespace, URIRef


class CachedNamespace(Namespace):
    """A Namespace whose terms are made once: rdflib builds a new URIRef on every
    attribute access, which showed up as a tenth of a build's time."""

    _cache: dict[tuple[str, str], URIRef] = {}

    def __getattr__(self, name: str) -> URIRef:
        key = (str(self), name)
        term = CachedNamespace._cache.get(key)
        if term is None:
            term = CachedNamespace._cache[key] = super().__getattr__(name)
        return term

BASE = "https://w3id.org/plankg/"
PK = CachedNamespace(BASE + "ontology#")  # classes and properties
ID = Namespace(BASE + "id/")  # instances: documents, places, bodies, ...
SLOGAN = Namespace(BASE + "slogan/")  # the curated glossary of slogans (SKOS)
DEPT = Namespace(BASE + "department/")  # the department catalog (SKOS)
INDICATOR = Namespace(BASE + "indicator/")  # standard plan indicators (SKOS)
UNIT = Namespace(BASE + "unit/")  # units, mapped to QUDT where one exists
CAP = Namespace(BASE + "cap/")  # Comparative Agendas Project major topics

ORG = CachedNamespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
QUDT = Namespace("http://qudt.org/schema/qudt/")
QUDT_UNIT = Namespace("http://qudt.org/vocab/unit/")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, str] = {
    "pk": str(PK),
    "id": str(ID),
    "slogan": str(SLOGAN),
    "dept": str(DEPT),
    "indicator": str(INDICATOR),
    "unit": str(UNIT),
    "cap": str(CAP),
    "org": str(ORG),
    "prov": str(PROV),
    "qudt": str(QUDT),
    "qudtunit": str(QUDT_UNIT),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": str(SH),
}
