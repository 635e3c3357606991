"""The corpus summary: one row of counts and lists per entity, over every document.

Corpus-wide listings (entities, places ranked by commitments, organizations by type,
slogans shared between documents, companies and their projects) aggregate every mention
and commitment in the store. Computed at query time they took over 10 s each at 1,000
documents. ``plankg build`` therefore recomputes them once, after loading, into the graph
``<…/id/graph/summary>``: per entity its category, type, name, aliases, mention and
commitment counts and the documents that name it; the library queries read them from
there as one GRAPH block. The summary is derived data like the phrase index: rebuilt
from the document graphs whenever they change, and pushed with them.

Each input is one property's triples read by an index scan; the joins, counting, sorting
and the ``pk:locatedIn`` closure are done here in Python.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator

import pyoxigraph as ox

from plankg.namespaces import ID
from plankg.rdf import ORG, PK, RDF, RDFS, SKOS
from plankg.store import complete_graphs, replace_graphs
from plankg.terms import integer, iri, plain, zh

SUMMARY_GRAPH = str(ID["graph/summary"])

# category → the class that makes an entity of it, and the property giving its type.
_CATEGORIES = {
    "place": (PK.Place, PK.placeType),
    "organization": (ORG.Organization, PK.organizationType),
    "project": (PK.Project, PK.projectType),
    "slogan": (PK.Slogan, PK.sloganKind),
}
_COMMITMENT_LEVELS = ("item", "paragraph")


class _Reader:
    """Reads the inputs from every graph but the summary itself, de-duplicated by the store.

    A shared node's triples repeat in every document graph that uses it. SELECT DISTINCT
    drops the copies inside Oxigraph, before any term is decoded, and decoding is what
    costs: reading the 262,000 pk:refersTo quads of 1,000 documents one by one
    (``quads_for_pattern``) took 5 s, counting them per entity in SPARQL 0.6 s.
    """

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def select(self, where: str, *variables: str) -> Iterator[tuple[str, ...]]:
        projection = " ".join(f"?{v}" for v in variables)
        query = (
            f"SELECT DISTINCT {projection} WHERE {{ GRAPH ?g {{ {where} }} "
            f"FILTER(?g != <{SUMMARY_GRAPH}>) }}"
        )
        for solution in self.store.query(query):  # type: ignore[union-attr]
            yield tuple(solution[v].value for v in variables)

    def pairs(self, predicate: str) -> set[tuple[str, str]]:
        return set(self.select(f"?s {predicate} ?o", "s", "o"))  # type: ignore[arg-type]

    def subjects(self, predicate: str, obj: str) -> set[str]:
        return {s for (s,) in self.select(f"?s {predicate} {obj}", "s")}

    def mention_counts(self) -> dict[str, int]:
        query = (
            f"SELECT ?e (COUNT(DISTINCT ?m) AS ?n) WHERE {{ GRAPH ?g {{ ?m {PK.refersTo} ?e }} "
            f"FILTER(?g != <{SUMMARY_GRAPH}>) }} GROUP BY ?e"
        )
        return {
            solution["e"].value: int(solution["n"].value)
            for solution in self.store.query(query)  # type: ignore[union-attr]
        }


def summary_lines(store: ox.Store) -> list[str]:
    """The summary graph's N-Triples lines, sorted (same store, same bytes)."""
    read = _Reader(store)
    category: dict[str, str] = {}
    entity_type: dict[str, str] = {}
    notation = dict(read.pairs(SKOS.notation))  # slogan kinds show as their notation
    for kind, (cls, type_property) in _CATEGORIES.items():
        members = read.subjects(RDF.type, cls)
        for entity in members:
            category.setdefault(entity, kind)
        for entity, type_value in read.pairs(type_property):
            if entity in members:
                type_value = notation.get(type_value, type_value)
                entity_type[entity] = min(entity_type.get(entity, type_value), type_value)
        if kind == "organization":
            # A company known only as a project's owner has no type of its own;
            # "unknown" keeps it findable by type like every other organization.
            for entity in members:
                entity_type.setdefault(entity, "unknown")
    name: dict[str, str] = {}
    for entity, label in read.select(f'?e {RDFS.label} ?l FILTER(LANG(?l) = "zh")', "e", "l"):
        if entity in category:
            name[entity] = min(name.get(entity, label), label)
    aliases: dict[str, set[str]] = defaultdict(set)
    for entity, alias in read.pairs(SKOS.altLabel):
        if entity in category:
            aliases[entity].add(alias)

    # Documents: each document graph holds one pk:Document with its id.
    document_of_graph: dict[str, str] = {}
    document_id: dict[str, str] = {}
    for graph, document, identifier in read.select(f"?d {PK.documentId} ?id", "g", "d", "id"):
        document_of_graph[graph] = identifier
        document_id[document] = identifier
    year = {document_id[d]: int(y) for d, y in read.pairs(PK.year) if d in document_id}
    level = {document_id[d]: v for d, v in read.pairs(PK.adminLevel) if d in document_id}
    issued: dict[str, set[str]] = defaultdict(set)
    for document, organization in read.pairs(PK.issuer):
        if document in document_id:
            issued[organization].add(document_id[document])

    mention_count = read.mention_counts()
    mention_documents: dict[str, set[str]] = defaultdict(set)
    for entity, graph in read.select(f"?m {PK.refersTo} ?e", "e", "g"):
        if graph in document_of_graph:
            mention_documents[entity].add(document_of_graph[graph])

    # Item/paragraph-level commitments naming each place, organization or project (a
    # task naming a place in two sentences counts once).
    counted_levels = ", ".join(f'"{level_name}"' for level_name in _COMMITMENT_LEVELS)
    level_filter = f"?c {PK.commitmentLevel} ?l FILTER(?l IN ({counted_levels}))"
    counted = {c for (c,) in read.select(level_filter, "c")}
    involved: dict[str, set[str]] = defaultdict(set)
    for link in (PK.involvesPlace, PK.involvesOrganization, PK.involvesProject):
        for commitment, entity in read.pairs(link):
            if commitment in counted:
                involved[entity].add(commitment)

    companies = read.subjects(RDF.type, PK.Company)
    glossary_entry = sorted(
        (slogan, entry) for slogan, entry in read.pairs(SKOS.exactMatch)
        if category.get(slogan) == "slogan"
    )
    located_in = sorted(read.pairs(PK.locatedIn))
    company_of = sorted(read.pairs(PK.company))

    # Everything located in a place, at any depth (the place itself included).
    inside: dict[str, set[str]] = defaultdict(set)
    for inner, outer in located_in:
        inside[outer].add(inner)

    def contained(place: str) -> set[str]:
        seen, todo = {place}, [place]
        while todo:
            for inner in inside.get(todo.pop(), ()):
                if inner not in seen:
                    seen.add(inner)
                    todo.append(inner)
        return seen

    # A company's documents also count those naming one of its projects.
    projects_of: dict[str, set[str]] = defaultdict(set)
    for project, company in company_of:
        projects_of[company].add(project)

    triples: set[tuple[str, str, str]] = set()

    def add(subject: str, predicate: str, obj: str) -> None:
        triples.add((iri(subject), predicate, obj))

    for entity, kind in category.items():
        if entity not in name:
            continue
        add(entity, PK.summaryCategory, plain(kind))
        add(entity, RDFS.label, zh(name[entity]))
        if entity in entity_type:
            add(entity, PK.summaryType, plain(entity_type[entity]))
        if aliases.get(entity):
            add(entity, PK.aliasList, zh("|".join(sorted(aliases[entity]))))
        add(entity, PK.mentionCount, integer(mention_count.get(entity, 0)))
        documents = mention_documents.get(entity, set())
        if documents:
            add(entity, PK.documentList, plain("|".join(sorted(documents))))
            # As SPARQL orders: a document without a year first.
            by_year = sorted(documents, key=lambda d: (year.get(d, -1), d))
            add(entity, PK.documentCount, integer(len(documents)))
            add(entity, PK.documentListByYear, plain("|".join(by_year)))
            levels = sorted({level[d] for d in documents if d in level})
            if levels:
                add(entity, PK.levelList, plain("|".join(levels)))
            years = [year[d] for d in documents if d in year]
            if years:
                add(entity, PK.firstYear, integer(min(years)))
                add(entity, PK.lastYear, integer(max(years)))
        if kind in ("place", "organization", "project"):
            add(entity, PK.namedInCommitments, integer(len(involved.get(entity, ()))))
        if kind == "place":
            within: set[str] = set()
            for inner in contained(entity):
                within |= involved.get(inner, set())
            add(entity, PK.namedInCommitmentsWithin, integer(len(within)))
        if kind == "organization":
            named_in = set(documents) | issued.get(entity, set())
            for project in projects_of.get(entity, ()):
                named_in |= mention_documents.get(project, set())
            if named_in:
                add(entity, PK.organizationDocumentList, plain("|".join(sorted(named_in))))
    for company in companies:
        if company in category:
            add(company, RDF.type, PK.Company)
    for slogan, entry in glossary_entry:
        if slogan in category:
            add(slogan, SKOS.exactMatch, iri(entry))
    for inner, outer in located_in:
        if inner in category and outer in category:
            add(inner, PK.locatedIn, iri(outer))
    for project, company in company_of:
        if project in category and company in category:
            add(project, PK.company, iri(company))
    return sorted(f"{s} {p} {o} .\n" for s, p, o in triples)


def corpus_fingerprint(store: ox.Store) -> str:
    """A digest of what the store holds: every completely loaded graph and its source."""
    state = "".join(f"{graph} {sha}\n" for graph, sha in sorted(complete_graphs(store).items()))
    return hashlib.sha256(state.encode()).hexdigest()


def summary_fingerprint(store: ox.Store) -> str | None:
    """The fingerprint the summary graph was computed from, if there is one."""
    for quad in store.quads_for_pattern(
        ox.NamedNode(SUMMARY_GRAPH), ox.NamedNode(PK.summaryOf[1:-1]), None,
        ox.NamedNode(SUMMARY_GRAPH),
    ):
        return quad.object.value
    return None


def refresh_summary(store: ox.Store, fingerprint: str | None = None) -> int:
    """Recompute the summary graph from the document graphs (one transaction)."""
    fingerprint = fingerprint or corpus_fingerprint(store)
    lines = summary_lines(store)
    lines.append(f"{iri(SUMMARY_GRAPH)} {PK.summaryOf} {plain(fingerprint)} .\n")
    replace_graphs(store, {SUMMARY_GRAPH: lines})
    return len(lines)


def ensure_summary(store: ox.Store) -> bool:
    """Recompute the summary unless it was computed from what the store holds now.

    Checked against the load log rather than remembered by the build, so a build that
    was stopped after loading but before the summary is caught up by the next one.
    """
    fingerprint = corpus_fingerprint(store)
    if summary_fingerprint(store) == fingerprint:
        return False
    refresh_summary(store, fingerprint)
    return True
