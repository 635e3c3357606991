"""The corpus summary: one row of counts and lists per entity, over every document.

Corpus-wide listings (entities, places ranked by commitments, organizations by type,
slogans shared between documents, companies and their projects) aggregate every mention
and commitment in the store. Computed at query time they took over 10 s each at 1,000
documents. ``plankg build`` therefore recomputes them once, after loading, into the graph
``<…/id/graph/summary>``: per entity its category, type, name, aliases, mention and
commitment counts and the documents that name it; the library queries read them from
there as one GRAPH block. The summary is derived data like the phrase index, pushed
with the document graphs.

A build brings it up to date by what changed (``plankg.summary_refresh``: each graph's
contribution kept in running totals). ``summary_lines`` here computes the same lines
from every graph in the store at once, by another road: each input is one property's
triples read by an index scan over all graphs, the joins, counting, sorting and the
``pk:locatedIn`` closure done in Python. The tests hold the two to each other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import pyoxigraph as ox

from plankg.phrase_index import bigrams
from plankg.rdf import PK, RDF, RDFS, SKOS
from plankg.summary_pages import (
    document_page_triples,
    listing_page_triples,
    name_key,
    name_node,
)
from plankg.summary_state import CATEGORIES, COUNTED_LEVELS
from plankg.summary_update import LIST_LIMIT
from plankg.summary_update import SUMMARY_FORMAT as SUMMARY_FORMAT
from plankg.summary_update import SUMMARY_GRAPH as SUMMARY_GRAPH
from plankg.terms import integer, iri, plain, zh


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
    for kind, (cls, type_property) in CATEGORIES.items():
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
    entities_named: dict[str, set[str]] = defaultdict(set)  # any zh label or alias
    zh_labels: list[tuple[str, str]] = []
    for entity, label in read.select(f'?e {RDFS.label} ?l FILTER(LANG(?l) = "zh")', "e", "l"):
        zh_labels.append((entity, label))
        if entity in category:
            name[entity] = min(name.get(entity, label), label)
            entities_named[label].add(entity)
    aliases: dict[str, set[str]] = defaultdict(set)
    for entity, alias in read.select(f'?e {SKOS.altLabel} ?l FILTER(LANG(?l) = "zh")', "e", "l"):
        if entity in category:
            aliases[entity].add(alias)
            entities_named[alias].add(entity)

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
    counted_levels = ", ".join(f'"{level_name}"' for level_name in COUNTED_LEVELS)
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

    commitments_within: dict[str, int] = {}
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
            add(entity, PK.documentList, plain("|".join(sorted(documents)[:LIST_LIMIT])))
            # As SPARQL orders: a document without a year first.
            by_year = sorted(documents, key=lambda d: (year.get(d, -1), d))[:LIST_LIMIT]
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
            commitments_within[entity] = len(within)
            add(entity, PK.namedInCommitmentsWithin, integer(len(within)))
        if kind == "organization":
            # Bodies by name (bodies_named.rq): each organization once, not once per
            # document graph that names it as in the per-document index graphs.
            for gram in bigrams(name[entity]):
                add(entity, PK.nameBigram, plain(gram))
            named_in = set(documents) | issued.get(entity, set())
            for project in projects_of.get(entity, ()):
                named_in |= mention_documents.get(project, set())
            if named_in:
                named_list = "|".join(sorted(named_in)[:LIST_LIMIT])
                add(entity, PK.organizationDocumentList, plain(named_list))
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
    indicator_label_graphs = set(
        read.select(f'?t {PK.indicatorLabel} ?l FILTER(LANG(?l) = "zh")', "l", "g")
    )
    indicator_labels = {label for label, _ in indicator_label_graphs}
    triples |= _name_index(read, zh_labels, entities_named, set(mention_count), indicator_labels)

    # Pages (plankg.summary_pages). A name's documents: those mentioning something of
    # that name or, for a place, something located in it.
    documents_of_key: dict[tuple[str, str], set[str]] = defaultdict(set)
    key_term: dict[tuple[str, str], str] = {}
    for label, entities in entities_named.items():
        key = ("name", label)
        key_term[key] = name_key(label)
        for entity in entities:
            for inner in contained(entity) if category[entity] == "place" else (entity,):
                documents_of_key[key] |= mention_documents.get(inner, set())
    for concept, graph in read.select(f"?t {PK.indicator} ?c", "c", "g"):
        if graph in document_of_graph:
            key = ("concept", concept)
            key_term[key] = iri(concept)
            documents_of_key[key].add(document_of_graph[graph])
    # An indicator as written: the documents with a target for it, keyed by its node in
    # the name index (a phrase search over indicators finds those nodes first).
    for label, graph in indicator_label_graphs:
        if graph in document_of_graph:
            key = ("indicator", label)
            key_term[key] = iri(name_node("indicator", label))
            documents_of_key[key].add(document_of_graph[graph])
    graph_of_document = {identifier: graph for graph, identifier in document_of_graph.items()}
    triples |= document_page_triples(documents_of_key, graph_of_document, year, key_term)
    for listing, filter_value, nodes in _listings(
        category, entity_type, name, mention_count, involved, commitments_within, company_of,
        companies, mention_documents, year,
    ):
        triples |= listing_page_triples(listing, filter_value, nodes)
    return sorted(f"{s} {p} {o} .\n" for s, p, o in triples)


def _name_index(
    read: _Reader,
    zh_labels: list[tuple[str, str]],
    entities_named: dict[str, set[str]],
    mentioned: set[str],
    indicator_labels: set[str],
) -> set[tuple[str, str, str]]:
    """Names to suggest when a search finds nothing (labels.rq), each once.

    One node per kind and Chinese name: the names and aliases of entities that are
    mentioned, the names of bodies some responsibility names, and indicators as written;
    each with its character bigrams. The per-document index graphs hold a shared name
    again in every document that uses it, and checking what each candidate is took
    240 ms at 1,000 documents; here it is one lookup per bigram in one graph.
    """
    names: set[tuple[str, str]] = set()
    for label, entities in entities_named.items():
        if entities & mentioned:
            names.add(("entity", label))
    bodies = {body for (body,) in read.select(f"?r {PK.body} ?b", "b")}
    names |= {("body", label) for node, label in zh_labels if node in bodies}
    names |= {("indicator", label) for label in indicator_labels}
    triples: set[tuple[str, str, str]] = set()
    for kind, label in names:
        node = iri(name_node(kind, label))
        triples.add((node, RDFS.label, zh(label)))
        triples.add((node, PK.nameKind, plain(kind)))
        triples.update((node, PK.nameBigram, plain(gram)) for gram in bigrams(label))
    return triples


def _listings(
    category: dict[str, str],
    entity_type: dict[str, str],
    name: dict[str, str],
    mention_count: dict[str, int],
    involved: dict[str, set[str]],
    commitments_within: dict[str, int],
    company_of: list[tuple[str, str]],
    companies: set[str],
    mention_documents: dict[str, set[str]],
    year: dict[str, int],
) -> Iterator[tuple[str, str, list[str]]]:
    """Each paged listing's nodes per filter value, in the order its query sorts them."""
    # The rows the listings show: a name, a type and documents that mention it.
    named = [e for e in category if e in name and e in entity_type and mention_documents.get(e)]
    by_category: dict[str, list[str]] = defaultdict(list)
    for entity in named:
        by_category[category[entity]].append(entity)

    # entities.rq: ORDER BY ?category ?type ?name (then the node, for a stable page).
    def entity_order(entity: str) -> tuple[str, ...]:
        return (category[entity], entity_type.get(entity, ""), name[entity], entity)

    yield "entities", "*", sorted(named, key=entity_order)
    for kind, members in by_category.items():
        yield "entities", kind, sorted(members, key=entity_order)

    # places_most_commitments.rq: most commitments first, then containing most, then
    # most mentioned, then by name.
    place_key = {
        place: (
            -len(involved.get(place, ())), -commitments_within.get(place, 0),
            -mention_count.get(place, 0), name[place], place,
        )
        for place in by_category.get("place", [])
    }
    places = sorted(place_key, key=place_key.__getitem__)
    yield "places_most_commitments", "*", places
    by_type: dict[str, list[str]] = defaultdict(list)
    for place in places:
        if place in entity_type:
            by_type[entity_type[place]].append(place)
    for place_type, members in by_type.items():
        yield "places_most_commitments", place_type, members

    # companies_and_projects.rq: projects with a company, projects without, then the
    # companies with no project; by company name, then project name.
    company_names: dict[str, list[str]] = defaultdict(list)
    owning = set()
    for project, company in company_of:
        if project in category and company in name:
            company_names[project].append(name[company])
            owning.add(company)
    rows: list[tuple[tuple[object, ...], str]] = []
    # Its documents are optional there, so not required here.
    for project in (e for e, kind in category.items() if kind == "project" and e in name):
        if project in entity_type:
            owners = sorted(company_names.get(project, []))
            rank = 0 if owners else 1
            rows.append(((rank, owners[0] if owners else "", name[project], project), project))
    for company in companies:
        if company in name and company not in owning:
            rows.append(((2, name[company], "", company), company))
    yield "companies_and_projects", "*", [node for _, node in sorted(rows)]

    # slogans_shared.rq: slogans in more than one document, most documents first, then
    # by first year and name. A slogan's kind is optional there, so not required here.
    shared = []
    for slogan in (e for e, kind in category.items() if kind == "slogan" and e in name):
        documents = mention_documents.get(slogan, set())
        if len(documents) > 1:
            years = [year[d] for d in documents if d in year]
            first = min(years) if years else -1
            shared.append(((-len(documents), first, name[slogan], slogan), slogan))
    yield "slogans_shared", "*", [node for _, node in sorted(shared)]


def corpus_fingerprint(store: ox.Store) -> str:
    """A digest of what the summary is computed from (``plankg.summary_refresh``)."""
    from plankg.summary_refresh import contributors, fingerprint

    return fingerprint(contributors(store))


def summary_fingerprint(store: ox.Store) -> str | None:
    """The fingerprint the summary graph was computed from, if there is one."""
    from plankg.store import as_store
    from plankg.summary_refresh import summary_fingerprint as stamp

    return stamp(as_store(store).ox)  # type: ignore[attr-defined]


def refresh_summary(store: ox.Store) -> int:
    """Recompute the summary from every graph (``plankg.summary_refresh``)."""
    from plankg.summary_refresh import refresh_summary as refresh

    return refresh(store)


def ensure_summary(store: ox.Store) -> bool:
    """Bring the summary up to date by what changed (``plankg.summary_refresh``)."""
    from plankg.summary_refresh import ensure_summary as ensure

    return ensure(store)
