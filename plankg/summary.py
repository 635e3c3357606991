"""The corpus summary: one row of counts and lists per entity, over every document.

Corpus-wide listings (entities, places ranked by commitments, organizations by type,
slogans shared between documents, companies and their projects) aggregate every mention
and commitment in the store. Computed at query time they took over 10 s each at 1,000
documents. ``plankg build`` therefore recomputes them once, after loading, into the graph
``<…/id/graph/summary>``: per entity its category, type, name, aliases, mention and
commitment counts and the documents that name it; the library queries read them from
there as one GRAPH block. The summary is derived data like the phrase index: rebuilt
from the document graphs whenever they change, and pushed with them.

Each input is read with a simple pattern inside ``GRAPH ?g`` (an index scan), and the
counting, sorting and the ``pk:locatedIn`` closure are done here in Python.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator

import pyoxigraph as ox

from plankg.namespaces import ID
from plankg.rdf import PK, RDF, RDFS, SKOS
from plankg.store import complete_graphs, replace_graphs
from plankg.terms import integer, iri, plain, zh

SUMMARY_GRAPH = str(ID["graph/summary"])

_PREFIXES = """PREFIX pk: <https://w3id.org/plankg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

# category → the pattern that gives an entity of it its type (as the listings show it).
_CATEGORIES = {
    "place": "?entity a pk:Place ; pk:placeType ?type .",
    "organization": "?entity a org:Organization . OPTIONAL { ?entity pk:organizationType ?type }",
    "project": "?entity a pk:Project ; pk:projectType ?type .",
    "slogan": "?entity a pk:Slogan ; pk:sloganKind ?type .",  # a node: its notation below
}
_COMMITMENT_LEVELS = ("item", "paragraph")


def _rows(store: ox.Store, where: str, *variables: str) -> Iterator[tuple[object, ...]]:
    """Distinct solutions of ``where`` over every document graph, as Python values."""
    projection = " ".join(f"?{v}" for v in variables)
    query = (
        f"{_PREFIXES}SELECT DISTINCT {projection} WHERE {{ GRAPH ?g {{ {where} }} "
        f"FILTER(?g != <{SUMMARY_GRAPH}>) }}"
    )
    for solution in store.query(query):  # type: ignore[union-attr]
        yield tuple(_value(solution[v]) for v in variables)


def _value(term: object) -> object:
    if term is None:
        return None
    if isinstance(term, ox.Literal) and term.datatype.value.endswith("#integer"):
        return int(term.value)
    return term.value  # type: ignore[attr-defined]


def summary_lines(store: ox.Store) -> list[str]:
    """The summary graph's N-Triples lines, sorted (same store, same bytes)."""
    category: dict[str, str] = {}
    entity_type: dict[str, str] = {}
    name: dict[str, str] = {}
    for kind, pattern in _CATEGORIES.items():
        for entity, type_value in _rows(store, pattern, "entity", "type"):
            category.setdefault(entity, kind)  # type: ignore[arg-type]
            if type_value is not None:
                entity_type[entity] = min(entity_type.get(entity, type_value), type_value)  # type: ignore[arg-type,type-var]
    # Slogan kinds are vocabulary nodes; the listings show their notation.
    notation = dict(_rows(store, "?node skos:notation ?notation", "node", "notation"))
    for entity, kind in category.items():
        if kind == "slogan" and entity in entity_type:
            entity_type[entity] = notation.get(entity_type[entity], entity_type[entity])  # type: ignore[assignment]
    for entity, label in _rows(store, "?entity rdfs:label ?label FILTER(LANG(?label) = 'zh')",
                               "entity", "label"):
        if entity in category:
            name[entity] = min(name.get(entity, label), label)  # type: ignore[arg-type,type-var]
    aliases: dict[str, set[str]] = defaultdict(set)
    for entity, alias in _rows(store, "?entity skos:altLabel ?alias", "entity", "alias"):
        if entity in category:
            aliases[entity].add(alias)  # type: ignore[arg-type]

    year: dict[str, int] = {}
    level: dict[str, str] = {}
    for document, year_value, level_value in _rows(
        store,
        "?doc a pk:Document ; pk:documentId ?document . OPTIONAL { ?doc pk:year ?year } "
        "OPTIONAL { ?doc pk:adminLevel ?level }",
        "document", "year", "level",
    ):
        if year_value is not None:
            year[document] = year_value  # type: ignore[index,assignment]
        if level_value is not None:
            level[document] = level_value  # type: ignore[index,assignment]

    mentions: dict[str, set[str]] = defaultdict(set)
    mention_documents: dict[str, set[str]] = defaultdict(set)
    for mention, entity, document in _rows(
        store, "?mention pk:refersTo ?entity ; pk:inDocument/pk:documentId ?document",
        "mention", "entity", "document",
    ):
        mentions[entity].add(mention)  # type: ignore[index]
        mention_documents[entity].add(document)  # type: ignore[index,arg-type]

    # Item/paragraph-level commitments naming each place, organization or project (a
    # task naming a place in two sentences counts once).
    involved: dict[str, set[str]] = defaultdict(set)
    for commitment, entity in _rows(
        store,
        "?commitment pk:involvesPlace|pk:involvesOrganization|pk:involvesProject ?entity ; "
        f"pk:commitmentLevel ?level FILTER(?level IN {tuple(_COMMITMENT_LEVELS)!r})".replace(
            "'", '"'
        ),
        "commitment", "entity",
    ):
        involved[entity].add(commitment)  # type: ignore[index,arg-type]

    companies = {c for (c,) in _rows(store, "?company a pk:Company", "company")}
    glossary_entry = list(
        _rows(store, "?slogan a pk:Slogan ; skos:exactMatch ?entry", "slogan", "entry")
    )
    located_in = list(_rows(store, "?inner pk:locatedIn ?outer", "inner", "outer"))
    company_of = list(_rows(store, "?project pk:company ?company", "project", "company"))
    issued: dict[str, set[str]] = defaultdict(set)
    for organization, document in _rows(
        store, "?doc pk:issuer ?organization ; pk:documentId ?document", "organization", "document"
    ):
        issued[organization].add(document)  # type: ignore[index,arg-type]

    # Everything located in a place, at any depth (the place itself included).
    inside: dict[str, set[str]] = defaultdict(set)
    for inner, outer in located_in:
        inside[outer].add(inner)  # type: ignore[index,arg-type]

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
        projects_of[company].add(project)  # type: ignore[index,arg-type]

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
        add(entity, PK.mentionCount, integer(len(mentions.get(entity, ()))))
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
            add(company, RDF.type, PK.Company)  # type: ignore[arg-type]
    for slogan, entry in glossary_entry:
        if slogan in category:
            add(slogan, SKOS.exactMatch, iri(entry))  # type: ignore[arg-type]
    for inner, outer in located_in:
        if inner in category and outer in category:
            add(inner, PK.locatedIn, iri(outer))  # type: ignore[arg-type]
    for project, company in company_of:
        if project in category and company in category:
            add(project, PK.company, iri(company))  # type: ignore[arg-type]
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


def refresh_summary(store: ox.Store) -> int:
    """Recompute the summary graph from the document graphs (one transaction)."""
    fingerprint = corpus_fingerprint(store)
    lines = summary_lines(store)
    lines.append(f"{iri(SUMMARY_GRAPH)} {PK.summaryOf} {plain(fingerprint)} .\n")
    replace_graphs(store, {SUMMARY_GRAPH: lines})
    return len(lines)


def ensure_summary(store: ox.Store) -> bool:
    """Recompute the summary unless it was computed from what the store holds now.

    Checked against the load log rather than remembered by the build, so a build that
    was stopped after loading but before the summary is caught up by the next one.
    """
    if summary_fingerprint(store) == corpus_fingerprint(store):
        return False
    refresh_summary(store)
    return True
