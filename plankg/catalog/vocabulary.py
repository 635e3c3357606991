"""The catalog's data: department types, national bodies and CAP topics, read once from
``ontology/departments.ttl`` and ``ontology/cap-topics.ttl``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, parse

from plankg.namespaces import PK
from plankg.resources import ontology_dir

Level = str  # township (mentions only) | district (county level) | city | province | national


@dataclass(frozen=True)
class CapTopic:
    number: int
    iri: str
    en: str
    zh: str
    definition_en: str
    definition_zh: str


@dataclass(frozen=True)
class DepartmentType:
    iri: str
    zh: str
    en: str
    alt_labels: tuple[str, ...]
    short_name: str
    cap_topics: tuple[int, ...]
    mandates: tuple[tuple[str, str, str], ...]  # (iri, zh, en), in catalog order
    keywords: tuple[str, ...]
    strong_keywords: tuple[str, ...]
    levels: tuple[Level, ...]
    stems: tuple[str, ...] = ()  # further name stems: abbreviations, former names
    name_patterns: tuple[str, ...] = ()  # regexes of names of its projects: 引X济Y, G314线
    facility_nouns: tuple[str, ...] = ()  # heads of its facilities' names: 大学, 水库
    kind: str = "government"  # government | vertical | party | mass-organization | judicial | ...
    template_zh: str = "{jurisdiction}"
    template_en: str = "{jurisdiction_en}"
    provincial_zh: str | None = None
    provincial_en: str | None = None


@dataclass(frozen=True)
class NationalBody:
    """A named national ministry or central organ and the department type it corresponds to."""

    iri: str
    zh: str
    en: str
    alt_labels: tuple[str, ...]
    corresponds_to: str  # iri of a DepartmentType


@dataclass(frozen=True)
class DepartmentMention:
    """A department named in a text: ``text[start:end]`` is the name without its level prefix."""

    department: DepartmentType
    surface: str
    start: int
    end: int
    level: Level | None  # None when no prefix tells the level
    national_body: NationalBody | None = None



_SKOS = "http://www.w3.org/2004/02/skos/core#"
_PK = str(PK)
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
Node = NamedNode | Literal | BlankNode
Triples = dict[str, dict[str, list[Node]]]  # subject -> predicate -> objects, in file order


def read_turtle(name: str) -> tuple[Triples, list[str]]:
    """Subjects' statements of one Turtle file, and the subjects in file order.

    pyoxigraph parses the file about twenty times faster than rdflib, which matters
    because the catalog loads at the start of every run.
    """
    triples: Triples = {}
    order: list[str] = []
    path = ontology_dir() / name
    for triple in parse(path=str(path), format=RdfFormat.TURTLE):
        subject = triple.subject
        if not isinstance(subject, NamedNode):
            continue
        if subject.value not in triples:
            triples[subject.value] = {}
            order.append(subject.value)
        triples[subject.value].setdefault(triple.predicate.value, []).append(triple.object)
    return triples, order


def texts(values: Iterable[Node], lang: str | None) -> list[str]:
    return [v.value for v in values if isinstance(v, Literal) and v.language == lang]


def text_of(values: Iterable[Node], lang: str | None) -> str | None:
    found = texts(values, lang)
    return found[0] if found else None


def _iris(values: Iterable[Node]) -> list[str]:
    return [v.value for v in values if isinstance(v, NamedNode)]


def _is_a(props: dict[str, list[Node]], cls: str) -> bool:
    return cls in _iris(props.get(_RDF_TYPE, []))


def _cap_number(iri: str) -> int:
    return int(iri.rsplit("/", 1)[1])


def _mandate_key(iri: str) -> tuple[str, int]:
    head, _, tail = iri.rpartition("-")
    return (head, int(tail)) if tail.isdigit() else (iri, 0)


_LEVEL_ORDER = ["township", "district", "city", "province", "national"]


@cache
def departments_file() -> tuple[Triples, tuple[str, ...]]:
    triples, order = read_turtle("departments.ttl")
    return triples, tuple(order)


@cache
def departments_in_order() -> tuple[DepartmentType, ...]:
    triples, order = departments_file()
    out = []
    for subject in order:  # file order is the deterministic tie-break everywhere
        props = triples[subject]
        if not _is_a(props, _PK + "DepartmentType"):
            continue

        def get(predicate: str, props: dict[str, list[Node]] = props) -> list[Node]:
            return props.get(predicate, [])

        mandates = []
        for iri in _iris(get(_PK + "mandate")):
            labels = triples.get(iri, {}).get(_SKOS + "prefLabel", [])
            mandates.append((iri, text_of(labels, "zh") or "", text_of(labels, "en") or ""))
        mandates.sort(key=lambda t: _mandate_key(t[0]))
        labels = get(_SKOS + "prefLabel")
        zh = text_of(labels, "zh") or ""
        en = text_of(labels, "en") or ""
        templates = get(_PK + "nameTemplate")
        provincial = get(_PK + "provincialLabel")
        out.append(DepartmentType(
            iri=subject,
            zh=zh,
            en=en,
            alt_labels=tuple(texts(get(_SKOS + "altLabel"), "zh")),
            short_name=text_of(get(_PK + "shortName"), "zh") or zh,
            cap_topics=tuple(sorted(_cap_number(c) for c in _iris(get(_PK + "capTopic")))),
            mandates=tuple(mandates),
            keywords=tuple(texts(get(_PK + "keyword"), "zh")),
            strong_keywords=tuple(texts(get(_PK + "strongKeyword"), "zh")),
            levels=tuple(sorted(texts(get(_PK + "level"), None), key=_LEVEL_ORDER.index)),
            stems=tuple(texts(get(_PK + "nameStem"), "zh")),
            name_patterns=tuple(texts(get(_PK + "namePattern"), None)),
            facility_nouns=tuple(texts(get(_PK + "facilityNoun"), "zh")),
            kind=text_of(get(_PK + "bodyKind"), None) or "government",
            template_zh=text_of(templates, "zh") or "{jurisdiction}" + zh,
            template_en=text_of(templates, "en") or "{jurisdiction_en} " + en,
            provincial_zh=text_of(provincial, "zh"),
            provincial_en=text_of(provincial, "en"),
        ))
    return tuple(out)


def load_departments() -> list[DepartmentType]:
    """All department types of the catalog, in catalog order (a fresh list each call)."""
    return list(departments_in_order())


@cache
def by_iri() -> dict[str, DepartmentType]:
    return {d.iri: d for d in departments_in_order()}


def department_by_iri(iri: str) -> DepartmentType | None:
    return by_iri().get(iri)


@cache
def national_bodies_in_order() -> tuple[NationalBody, ...]:
    triples, order = departments_file()
    out = []
    for subject in order:
        props = triples[subject]
        if not _is_a(props, _PK + "NationalBody"):
            continue
        labels = props.get(_SKOS + "prefLabel", [])
        out.append(NationalBody(
            iri=subject,
            zh=text_of(labels, "zh") or "",
            en=text_of(labels, "en") or "",
            alt_labels=tuple(texts(props.get(_SKOS + "altLabel", []), "zh")),
            corresponds_to=_iris(props.get(_PK + "correspondsTo", []))[0],
        ))
    return tuple(out)


def load_national_bodies() -> list[NationalBody]:
    """National ministries and central organs, each with its corresponding department type."""
    return list(national_bodies_in_order())


@cache
def _cap_topics() -> tuple[CapTopic, ...]:
    triples, order = read_turtle("cap-topics.ttl")
    out = []
    for subject in order:
        props = triples[subject]
        if not _is_a(props, _SKOS + "Concept"):
            continue
        labels = props.get(_SKOS + "prefLabel", [])
        definitions = props.get(_SKOS + "definition", [])
        out.append(CapTopic(
            number=int(text_of(props.get(_SKOS + "notation", []), None) or 0),
            iri=subject,
            en=text_of(labels, "en") or "",
            zh=text_of(labels, "zh") or "",
            definition_en=text_of(definitions, "en") or "",
            definition_zh=text_of(definitions, "zh") or "",
        ))
    out.sort(key=lambda t: t.number)
    return tuple(out)


def load_cap_topics() -> dict[int, CapTopic]:
    """CAP major topics by number (1 Macroeconomics … 23 Culture)."""
    return {t.number: t for t in _cap_topics()}
