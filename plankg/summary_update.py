"""Bringing the corpus summary up to date by what changed, not by rereading every graph.

``update`` takes the graphs that were added, replaced or removed since the summary was
last written, moves their contributions in or out of the running totals
(``plankg.summary_state``), and rewrites only what those contributions touch: the rows
of the entities they name, the names they add to the name index, the document pages of
their keys and, for each corpus-wide listing, the pages where a row came, went or
moved. A page is re-cut from the page a change falls in until the cuts meet the old
ones again (``plankg.summary_pages``); page numbers shift, rarely, when a page is split
or merged. The rows written are the lines ``plankg.summary.summary_lines`` computes from
the whole store (the tests compare the two after adds, replaces and removals).

A change whose effect reaches other documents' contributions (a new ``pk:locatedIn``
above places other documents name, an entity changing category, a new name for an
entity other documents mention) is not worked out piecewise: ``update`` says so and
the summary is recomputed whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from plankg.namespaces import ID
from plankg.phrase_index import bigrams
from plankg.rdf import PK, RDF, RDFS, SKOS
from plankg.summary_pages import (
    name_node,
)
from plankg.summary_state import (
    CATEGORIES,
    SEP,
    Contribution,
    State,
    doc_sortkey,
    raw,
)
from plankg.terms import integer, iri, plain, zh

SUMMARY_GRAPH = str(ID["graph/summary"])
# 2: pages (plankg.summary_pages), the name index and organizations' name bigrams.
# 3: ten documents to a page for an indicator as written.
# 4: pages cut by content (plankg.summary_pages), document lists of at most LIST_LIMIT.
# 5: a page set's page count on its own node (pk:pageSet), not on every page.
# 6: the lines of entities' rows and names' nodes kept beside the totals (withdrawn: 30%
#    more disk for the totals, no faster an update as measured).
# 7: a page holds up to four times its size (plankg.summary_pages.PAGE_CAP), not two.
SUMMARY_FORMAT = 7
# An entity's document lists (pk:documentList, …ByYear, pk:organizationDocumentList) hold
# its first LIST_LIMIT documents; pk:documentCount counts them all, and its pages list
# them all. A list of every document would be rewritten whole by each document added
# (170 KB for a name in 6,000 documents), so adding one would cost as much as the corpus.
LIST_LIMIT = 50
_BIG = 10**12  # offset that keeps negative and positive counts in order as text

Triple = tuple[str, str, str]


class NeedsRecompute(Exception):  # noqa: N818 - a signal, not an error
    """A change reaches other documents' contributions: recompute the whole summary."""


@dataclass
class Touched:
    entities: set[str] = field(default_factory=set)
    names: set[tuple[str, str]] = field(default_factory=set)  # (kind, label)
    keys: set[str] = field(default_factory=set)  # document page keys (kind SEP value)
    # entities whose name or category may have changed (a label or class came or went)
    renamed: set[str] = field(default_factory=set)
    # names that came into the name index or left it (None: not known, every name
    # touched is rewritten); any other name's node is as it was, whatever touched it
    flipped_names: set[tuple[str, str]] | None = None


def _number(value: int) -> str:
    return f"{value + _BIG:013d}"


def sortkey(*parts: str | int) -> str:
    return SEP.join(_number(p) if isinstance(p, int) else p for p in parts)


# -- one entity ------------------------------------------------------------------------
def category(state: State, entity: str) -> str | None:
    key = ("category", entity)
    if key not in state.cache:
        kinds = set(state.objects("class", entity))
        state.cache[key] = next((kind for kind in CATEGORIES if kind in kinds), None)
    return state.cache[key]  # type: ignore[return-value]


def ancestors(state: State, node: str) -> set[str]:
    """``node`` and everything it lies in, at any depth (``pk:locatedIn``)."""
    seen, todo = {node}, [node]
    while todo:
        for outer in state.objects("locatedIn", todo.pop()):
            if outer not in seen:
                seen.add(outer)
                todo.append(outer)
    return seen


def descendants(state: State, node: str) -> set[str]:
    seen, todo = {node}, [node]
    while todo:
        for inner in state.objects("contains", todo.pop()):
            if inner not in seen:
                seen.add(inner)
                todo.append(inner)
    return seen


def _notation(store: ox.Store, value: str) -> str:
    found = value
    for quad in store.quads_for_pattern(
        ox.NamedNode(value), ox.NamedNode(raw(SKOS.notation)), None, None
    ):
        if isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value != SUMMARY_GRAPH:
            found = quad.object.value
    return found


def entity_type(store: ox.Store, state: State, entity: str) -> str | None:
    """As the full summary types an entity: the least type value over the categories it
    belongs to, an organization without one "unknown" (set when organizations come)."""
    classes = set(state.objects("class", entity))
    values: dict[str, list[str]] = {}
    for typed in state.objects("typeval", entity):
        kind, marked = typed.split(SEP, 1)
        value = _notation(store, marked[1:]) if marked[0] == "I" else marked[1:]
        values.setdefault(kind, []).append(value)
    chosen: str | None = None
    for kind in CATEGORIES:
        if kind not in classes:
            continue
        for value in values.get(kind, []):
            chosen = value if chosen is None else min(chosen, value)
        if kind == "organization" and chosen is None:
            chosen = "unknown"
    return chosen


@dataclass
class Row:
    entity: str
    category: str
    name: str
    type: str | None
    triples: set[Triple]
    mentioned: bool
    involved: int = 0
    within: int = 0
    mentions: int = 0
    documents: int = 0
    first_year: int | None = None


def entity_row(store: ox.Store, state: State, entity: str) -> Row | None:
    """The summary lines of one entity (None if it has no category or no name)."""
    kind = category(state, entity)
    name = state.first("label", entity) if kind else None
    if kind is None or name is None:
        return None
    node = iri(entity)
    triples: set[Triple] = set()

    def add(predicate: str, obj: str) -> None:
        triples.add((node, predicate, obj))

    type_value = entity_type(store, state, entity)
    add(PK.summaryCategory, plain(kind))
    add(RDFS.label, zh(name))
    if type_value is not None:
        add(PK.summaryType, plain(type_value))
    aliases = state.objects("alias", entity)
    if aliases:
        add(PK.aliasList, zh("|".join(aliases)))
    mentions = state.total("mentions", entity)
    add(PK.mentionCount, integer(mentions))
    count = state.total("doccount", entity)
    first_year: int | None = None
    if count:
        add(PK.documentList, plain("|".join(state.objects("doc", entity, LIST_LIMIT))))
        add(PK.documentCount, integer(count))
        by_year = [k.split(SEP, 1)[1] for k in state.objects("docyear", entity, LIST_LIMIT)]
        add(PK.documentListByYear, plain("|".join(by_year)))
        levels = state.objects("level", entity)
        if levels:
            add(PK.levelList, plain("|".join(levels)))
        first, last = state.first("year", entity), state.first("year", entity, last=True)
        if first is not None and last is not None:
            first_year = int(first)
            add(PK.firstYear, integer(int(first)))
            add(PK.lastYear, integer(int(last)))
    involved = state.total("involved", entity)
    within = state.total("within", entity)
    if kind in ("place", "organization", "project"):
        add(PK.namedInCommitments, integer(involved))
    if kind == "place":
        add(PK.namedInCommitmentsWithin, integer(within))
    if kind == "organization":
        for gram in bigrams(name):
            add(PK.nameBigram, plain(gram))
        named_in = _organization_documents(state, entity)
        if named_in:
            add(PK.organizationDocumentList, plain("|".join(named_in)))
    if "company" in state.objects("class", entity):
        add(RDF.type, PK.Company)
    if kind == "slogan":
        for entry in state.objects("exactMatch", entity):
            add(SKOS.exactMatch, iri(entry))
    for outer in state.objects("locatedIn", entity):
        if category(state, outer) is not None:
            add(PK.locatedIn, iri(outer))
    for company in state.objects("company", entity):
        if category(state, company) is not None:
            add(PK.company, iri(company))
    return Row(entity, kind, name, type_value, triples, count > 0, involved, within, mentions,
               count, first_year)


def _organization_documents(state: State, organization: str) -> list[str]:
    """The first documents naming an organization, issued by it, or naming a project of
    it (each source read in order, only as far as the list goes)."""
    found = set(state.objects("doc", organization, LIST_LIMIT))
    found |= set(state.objects("issued", organization, LIST_LIMIT))
    # One query over its projects: a company every county variant names owns a project
    # in each (3,000 at 10,000 documents), and a lookup per project cost 0.25 s.
    found |= {row[0] for row in state.db.execute(
        # CROSS JOIN keeps this order: the projects first, then a range per project.
        "SELECT DISTINCT d.o FROM totals p CROSS JOIN totals d ON d.kind = 'doc' "
        "AND d.s = p.o "
        f"WHERE p.kind = 'projectOf' AND p.s = ? ORDER BY d.o LIMIT {LIST_LIMIT}",
        (organization,))}
    return sorted(found)[:LIST_LIMIT]


def name_triples(state: State, kind: str, label: str) -> set[Triple]:
    """The name index node of (kind, label), if the name is in the index."""
    # Counted as the totals change (State.recount_names): a name like 区政府 labels an
    # entity in every county, and checking them read a range that grows with the corpus.
    if kind in ("entity", "body"):
        present = state.name_count(kind, label) > 0
    else:
        present = state.total("indicatorname", label) > 0
    if not present:
        return set()
    node = iri(name_node(kind, label))
    triples = {(node, RDFS.label, zh(label)), (node, PK.nameKind, plain(kind))}
    triples.update((node, PK.nameBigram, plain(gram)) for gram in bigrams(label))
    return triples


# -- contributions that depend on the rest of the corpus ---------------------------------
def derived_facts(state: State, c: Contribution) -> dict[tuple[str, str, str], int]:
    """What a document adds given the corpus: commitments within each place around what
    it involves, and the name keys whose pages list it."""
    facts: dict[tuple[str, str, str], int] = {}
    within: dict[str, set[str]] = {}
    for entity, commitments in c.involved.items():
        for outer in ancestors(state, entity):
            within.setdefault(outer, set()).update(commitments)
    for place, commitments in within.items():
        facts["within", place, ""] = len(commitments)
    if c.doc is not None:
        document = doc_sortkey(c.year, c.doc)
        for entity in c.mentioned:
            if category(state, entity) is None:
                continue
            for outer in ancestors(state, entity):
                if outer == entity or category(state, outer) == "place":
                    for label in state.objects("label", outer) + state.objects("alias", outer):
                        facts["keydoc", f"name{SEP}{label}", document] = 1
    return facts


# -- applying changes --------------------------------------------------------------------
def apply(
    state: State, removed: Iterable[str], added: Iterable[Contribution]
) -> tuple[Touched, list[tuple[str, str, str]]]:
    """Take the removed graphs' contributions out of the totals and put the added ones
    in; return what the summary must rewrite and the facts that appeared or went."""
    touched = Touched()
    added = list(added)
    removed = list(removed)
    changed_docs = {c.doc for c in added if c.doc} | {
        doc for graph in removed if (doc := _doc_of(state, graph))
    }
    turned: list[tuple[str, str, str]] = []
    for graph in removed:
        facts = state.contributed(graph)
        _touch(touched, facts)
        turned += state.add(graph, facts, -1)
        state.forget(graph)
    for c in added:
        _touch(touched, c.facts.items())
        turned += state.add(c.graph, list(c.facts.items()), 1)
        state.record(c)
    renamed = _check_local(state, turned, changed_docs)
    for c in added:
        derived = list(derived_facts(state, c).items())
        _touch(touched, derived)
        turned += state.add(c.graph, derived, 1)
    for entity, label, sign in renamed:
        turned += _rename(state, entity, label, sign, changed_docs, touched)
    touched.flipped_names = state.recount_names(turned)
    touched.renamed = {s for kind, s, _ in turned if kind in ("label", "class")}
    return touched, turned


def _rename(
    state: State, entity: str, label: str, sign: int, skip: set[str], touched: Touched
) -> list[tuple[str, str, str]]:
    """An entity got (sign 1) or lost (-1) a name: the documents that mention it (or,
    for a place, something in it) join or leave that name's pages. Recorded as each
    such document's own contribution, so removing the document later takes it away."""
    kind = category(state, entity)
    if kind is None:
        return []
    nodes = descendants(state, entity) if kind == "place" else {entity}
    documents: set[str] = set()
    for node in nodes:
        documents.update(state.objects("doc", node))
    key = f"name{SEP}{label}"
    turned = []
    for doc in sorted(documents - skip):
        found = state.document(doc)
        assert found is not None
        graph, year, _ = found
        fact = (("keydoc", key, doc_sortkey(year, doc)), 1)
        turned += state.add(graph, [fact], sign)
        if sign < 0:
            state.db.execute(
                "DELETE FROM contributed WHERE rowid = (SELECT rowid FROM contributed WHERE "
                "graph = ? AND kind = 'keydoc' AND s = ? AND o = ? LIMIT 1)",
                (graph, key, fact[0][2]),
            )
    touched.keys.add(key)
    return turned


def _doc_of(state: State, graph: str) -> str | None:
    row = state.db.execute("SELECT doc FROM graphs WHERE graph = ?", (graph,)).fetchone()
    return row[0] if row else None


def _touch(touched: Touched, facts: Iterable[tuple[tuple[str, str, str], int]]) -> None:
    for (kind, s, o), _ in facts:
        if kind in ("labelled", "aliased"):
            touched.names.add(("entity", s))
            touched.names.add(("body", s))
        elif kind == "indicatorname":
            touched.names.add(("indicator", s))
        elif kind == "keydoc":
            touched.keys.add(s)
        elif kind in ("contains", "projectOf", "locatedIn", "company"):
            touched.entities.update((s, o))
        elif kind == "body":
            touched.entities.add(s)
        else:
            touched.entities.add(s)


def _check_local(
    state: State, turned: list[tuple[str, str, str]], docs: set[str]
) -> list[tuple[str, str, int]]:
    """The names that appeared on or went from entities other documents mention (to be
    passed on to those documents' name pages, ``_rename``). A fact whose effect reaches
    further is refused: containment above places other documents involve or mention,
    or an entity of theirs changing category."""
    renamed = []
    for kind, s, o in turned:
        if kind == "locatedIn":
            for inner in descendants(state, s) | {s}:
                if _named_elsewhere(state, inner, docs):
                    raise NeedsRecompute(f"{s} now lies in {o}")
        elif kind == "class" and o in CATEGORIES and _named_elsewhere(state, s, docs):
            raise NeedsRecompute(f"{s} changed its category")
        elif kind in ("label", "alias"):
            present = state.total(kind, s, o) > 0
            renamed.append((s, o, 1 if present else -1))
    return renamed


def _named_elsewhere(state: State, entity: str, docs: set[str]) -> bool:
    """Whether a document other than ``docs`` mentions ``entity`` or involves it."""
    limit = len(docs) + 1
    mentioning = set(state.objects("doc", entity, limit))
    return bool(mentioning - docs or set(state.objects("involvedin", entity, limit)) - docs)
