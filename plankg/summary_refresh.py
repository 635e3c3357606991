"""When and how the corpus summary graph is brought up to date (``ensure_summary``).

The summary is stamped with a fingerprint of what it was computed from: the load log's
graphs and source hashes, and a hash of every other graph it reads (the vocabulary, an
assignment table). ``ensure_summary`` compares the stamp with the store; if they differ
it asks the running totals beside the store (``plankg.summary_state``) what changed and
rewrites only that (``plankg.summary_update``). The totals carry the same stamp: totals
that do not match the summary (none yet, another plankg, a run stopped between the two
writes) are rebuilt from every graph, and the summary with them. The summary is written
first and its stamp last, the totals committed after, so a stop anywhere leaves stamps
that disagree and the next build recomputes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox

from plankg.rdf import PK
from plankg.store import AnyStore, EmbeddedStore, as_store
from plankg.summary_pages import (
    ROWS_PER_PAGE,
    document_page_lines,
    document_page_size,
    listing_page_lines,
    listing_set,
    name_key,
    name_node,
    page_node,
    set_node,
)
from plankg.summary_pagesets import Edit, update_page_set
from plankg.summary_state import SEP, State, raw, read_contribution
from plankg.summary_update import (
    SUMMARY_FORMAT,
    SUMMARY_GRAPH,
    NeedsRecompute,
    Row,
    Touched,
    apply,
    category,
    derived_facts,
    entity_row,
    name_triples,
    sortkey,
)
from plankg.terms import iri, plain

STATE_FILE = "plankg-summary.sqlite"
_BATCH = 50_000  # lines per update request
_states: dict[int, State] = {}  # for stores without a folder, per store object


def state_for(store: EmbeddedStore) -> State:
    location = Path(store.location)
    if store.location and location.is_dir() and not store.read_only:
        key = id(store.ox)
        if key not in _states or _states[key].path != location / STATE_FILE:
            _states[key] = State(location / STATE_FILE)
        return _states[key]
    return _states.setdefault(id(store.ox), State(None))


def contributors(store: ox.Store) -> dict[str, str]:
    """Every graph the summary reads, with a version, from the load log: documents (by
    their source's hash and the store format), the vocabulary and assignment tables (by
    their content's hash). Index graphs hold nothing the summary reads; a graph the log
    does not record is half-loaded."""
    log = as_store(store).load_log() or {}
    return {g: f"{sha} {fmt}" for g, (sha, fmt) in log.items() if not g.endswith("/index")}


def fingerprint(versions: dict[str, str]) -> str:
    state = f"summary format {SUMMARY_FORMAT}\n" + "".join(
        f"{graph} {version}\n" for graph, version in sorted(versions.items())
    )
    return hashlib.sha256(state.encode()).hexdigest()


def summary_fingerprint(store: ox.Store) -> str | None:
    for quad in store.quads_for_pattern(
        ox.NamedNode(SUMMARY_GRAPH), ox.NamedNode(raw(PK.summaryOf)), None,
        ox.NamedNode(SUMMARY_GRAPH),
    ):
        return quad.object.value
    return None


def ensure_summary(store: AnyStore) -> bool:
    """Bring the summary up to date; False if it already was."""
    embedded = as_store(store)
    assert isinstance(embedded, EmbeddedStore), "the summary is computed in the store"
    versions = contributors(embedded.ox)
    stamp = fingerprint(versions)
    current = summary_fingerprint(embedded.ox)
    if current == stamp:
        return False
    state = state_for(embedded)
    # Totals of another summary format describe pages and lines this plankg does not
    # write: updated, the old lines would stay. The whole summary is recomputed.
    if (current is not None and state.meta("stamp") == current
            and state.meta("format") == str(SUMMARY_FORMAT)):
        try:
            _update(embedded.ox, state, versions, stamp)
            return True
        except NeedsRecompute:
            state.rollback()
    refresh_summary(embedded, versions)
    return True


def refresh_summary(store: AnyStore, versions: dict[str, str] | None = None) -> int:
    """Recompute the summary from every graph; write only the lines that differ."""
    embedded = as_store(store)
    assert isinstance(embedded, EmbeddedStore)
    ox_store = embedded.ox
    versions = versions if versions is not None else contributors(ox_store)
    state = state_for(embedded)
    state.reset()
    # Graph by graph, so that memory holds one contribution at a time (all of them at
    # once took 23 GB at 10,000 documents); read twice, since the derived facts need
    # every graph's facts first (containment, names).
    graphs = sorted(versions.items())
    for graph, version in graphs:
        contribution = read_contribution(ox_store, graph, version)
        state.record(contribution)
        state.merge(graph, contribution.facts)
    for graph, version in graphs:
        state.merge(graph, derived_facts(state, read_contribution(ox_store, graph, version)))
    state.count_names()
    lines = full_lines(ox_store, state)
    stamp = fingerprint(versions)
    lines.add((iri(SUMMARY_GRAPH), PK.summaryOf, plain(stamp)))
    new = {f"{s} {p} {o} .\n" for s, p, o in lines}
    del lines
    dump = ox_store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(SUMMARY_GRAPH))
    old = set((dump or b"").decode().splitlines(keepends=True))
    _write(ox_store, sorted(old - new), sorted(new - old))
    _stamp(state, stamp)
    state.commit()
    state.truncate_journal()
    return len(new)


def _stamp(state: State, stamp: str) -> None:
    """Record the summary the totals now match, and the format they were written in."""
    state.set_stamp(stamp)
    state.set_meta("format", str(SUMMARY_FORMAT))


def _write(store: ox.Store, gone: list[str], added: list[str]) -> None:
    graph = iri(SUMMARY_GRAPH)
    for start in range(0, len(gone), _BATCH):
        store.update(f"DELETE DATA {{ GRAPH {graph} {{\n{''.join(gone[start:start + _BATCH])}}} }}")
    if len(added) > 10_000:
        data = "".join(line[:-3] + f" {graph} .\n" for line in added).encode()
        store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    elif added:
        store.update(f"INSERT DATA {{ GRAPH {graph} {{\n{''.join(added)}}} }}")


# -- the whole summary from the totals ---------------------------------------------------
def full_lines(store: ox.Store, state: State) -> set[tuple[str, str, str]]:
    touched = Touched(
        entities=set(state.subjects("class")),
        renamed=set(),
        names={(kind, label) for label in state.subjects("labelled") + state.subjects("aliased")
               for kind in ("entity", "body")}
        | {("indicator", label) for label in state.subjects("indicatorname")},
        keys=set(state.subjects("keydoc")),
    )
    edit = Edit()
    rows = _rewrite(store, state, touched, {}, edit)
    triples: set[tuple[str, str, str]] = set()
    for row_triples in rows.values():
        triples |= row_triples
    return triples | edit.triples()


def _update(store: ox.Store, state: State, versions: dict[str, str], stamp: str) -> None:
    state.ensure_counts()  # before the totals move: the counts move with them
    old = state.versions()
    removed = [g for g, v in old.items() if versions.get(g) != v]
    added = [read_contribution(store, g, v) for g, v in sorted(versions.items())
             if old.get(g) != v]
    # The graphs of documents leaving, for the old lines of the pages that listed them.
    graph_of = _GraphOf(state)
    for graph in removed:
        for (doc,) in state.db.execute("SELECT doc FROM graphs WHERE graph = ? AND doc "
                                       "IS NOT NULL", (graph,)):
            graph_of[doc] = graph
    touched, turned = apply(state, removed, added)
    keydocs: dict[str, dict[str, str | None]] = {}
    for kind, key, document in turned:
        if kind == "keydoc":
            keydocs.setdefault(key, {})[document] = (
                document.split(SEP, 1)[1] if state.total("keydoc", key, document) else None
            )
    edit = Edit()
    rows = _rewrite(store, state, touched, keydocs, edit, graph_of)
    gone: set[str] = set()
    new: set[str] = set()
    graph = ox.NamedNode(SUMMARY_GRAPH)
    for subject, triples in rows.items():
        gone |= _lines_of(store, subject, graph)
        new |= {f"{s} {p} {o} .\n" for s, p, o in triples}
    gone |= {f"{s} {p} {o} .\n" for s, p, o in edit.removed()}
    new |= {f"{s} {p} {o} .\n" for s, p, o in edit.triples()}
    old_stamp = summary_fingerprint(store)
    stamp_line = f"{iri(SUMMARY_GRAPH)} {PK.summaryOf} {plain(stamp)} .\n"
    if old_stamp is not None:
        gone.add(f"{iri(SUMMARY_GRAPH)} {PK.summaryOf} {plain(old_stamp)} .\n")
    _write(store, sorted(gone - new), sorted(new - gone - {stamp_line}))
    store.update(f"INSERT DATA {{ GRAPH {iri(SUMMARY_GRAPH)} {{ {stamp_line} }} }}")
    _stamp(state, stamp)
    state.commit()


def _lines_of(store: ox.Store, subject: str, graph: ox.NamedNode) -> set[str]:
    node = ox.NamedNode(subject[1:-1])
    return {f"{q.subject} {q.predicate} {q.object} .\n"
            for q in store.quads_for_pattern(node, None, None, graph)}


def _rewrite(
    store: ox.Store,
    state: State,
    touched: Touched,
    keydocs: dict[str, dict[str, str | None]],
    edit: Edit,
    graph_of: _GraphOf | None = None,
) -> dict[str, set[tuple[str, str, str]]]:
    """The new triples of every touched subject (entity rows, names), and the page
    edits of the touched keys and listings, in ``edit``."""
    entities = set(touched.entities)
    # A project's place in companies_and_projects depends on its companies' names, and a
    # company's on whether it has projects: only a change of name or category moves them.
    for entity in touched.renamed:
        entities.update(state.objects("projectOf", entity))
        entities.update(state.objects("company", entity))
    rows: dict[str, set[tuple[str, str, str]]] = {}
    built: dict[str, Row | None] = {}
    names = set(touched.names)
    for entity in entities:
        row = built[entity] = entity_row(store, state, entity)
        rows[iri(entity)] = row.triples if row else set()
        for label in state.objects("label", entity) + state.objects("alias", entity):
            names.add(("entity", label))
            names.add(("body", label))
    if touched.flipped_names is not None:
        # A name's node is the same lines whenever the name is in the index.
        names = set(touched.flipped_names)
    for kind, label in names:
        rows[iri(name_node(kind, label))] = name_triples(state, kind, label)
    _listings(state, built, edit)
    graph_of = graph_of if graph_of is not None else _GraphOf(state)
    for key in touched.keys:
        changes = keydocs.get(key)
        if changes is None:  # the whole summary: every document of the key
            changes = {k: k.split(SEP, 1)[1] for k in state.objects("keydoc", key)}
        kind, value = key.split(SEP, 1)
        term = (name_key(value) if kind == "name" else iri(value) if kind == "concept"
                else iri(name_node("indicator", value)))

        def lines(number: int, docs: list[str], term: str = term) -> list:
            return document_page_lines(term, number, docs, graph_of)

        def node_of(first: str, term: str = term) -> str:
            return page_node("documents", term, first)

        update_page_set(state, f"D{SEP}{key}", changes, document_page_size(kind), lines,
                        node_of, set_node("documents", term), edit)
    return rows


class _GraphOf(dict):  # type: ignore[type-arg]
    """Document id → its graph, looked up when first asked for."""

    def __init__(self, state: State) -> None:
        super().__init__()
        self.state = state

    def __missing__(self, doc: str) -> str:
        found = self.state.document(doc)
        assert found is not None, doc
        self[doc] = found[0]
        return found[0]


def _entries(state: State, row: Row | None) -> dict[str, str]:
    """The listings a row is in (listing SEP filter → its sort key there)."""
    if row is None:
        return {}
    e, found = row.entity, {}
    if row.mentioned and row.type is not None:
        key = sortkey(row.category, row.type, row.name, e)
        found[f"entities{SEP}*"] = key
        found[f"entities{SEP}{row.category}"] = key
        if row.category == "place":
            key = sortkey(-row.involved, -row.within, -row.mentions, row.name, e)
            found[f"places_most_commitments{SEP}*"] = key
            found[f"places_most_commitments{SEP}{row.type}"] = key
    if row.category == "project" and row.type is not None:
        owners = sorted(name for c in state.objects("company", e) if category(state, c)
                        and (name := state.first("label", c)) is not None)
        key = sortkey(0 if owners else 1, owners[0] if owners else "", row.name, e)
        found[f"companies_and_projects{SEP}*"] = key
    if "company" in state.objects("class", e):
        owns = any(category(state, p) for p in state.objects("projectOf", e))
        if not owns:
            found[f"companies_and_projects{SEP}*"] = sortkey(2, row.name, "", e)
    if row.category == "slogan" and row.documents > 1:
        first = row.first_year if row.first_year is not None else -1
        found[f"slogans_shared{SEP}*"] = sortkey(-row.documents, first, row.name, e)
    return found


def _listings(state: State, rows: dict[str, Row | None], edit: Edit) -> None:
    changes: dict[str, dict[str, str | None]] = {}
    for entity, row in rows.items():
        wanted = _entries(state, row)
        current = dict(state.db.execute(
            "SELECT pset, sortkey FROM entries WHERE node = ?", (entity,)))
        for pset, key in current.items():
            if wanted.get(pset) != key:
                changes.setdefault(pset, {})[key] = None
                state.db.execute("DELETE FROM entries WHERE node = ? AND pset = ?",
                                 (entity, pset))
        for pset, key in wanted.items():
            if current.get(pset) != key:
                changes.setdefault(pset, {})[key] = entity
                state.db.execute("INSERT INTO entries VALUES (?, ?, ?)", (entity, pset, key))
    for pset, items in changes.items():
        listing, filter_value = pset.split(SEP, 1)

        def lines(number: int, nodes: list[str], listing: str = listing,
                  filter_value: str = filter_value) -> list:
            return listing_page_lines(listing, filter_value, number, nodes)

        def node_of(first: str, listing: str = listing, filter_value: str = filter_value) -> str:
            return page_node("listing", listing_set(listing, filter_value), first)

        update_page_set(state, f"L{SEP}{pset}", items, ROWS_PER_PAGE, lines, node_of,
                        set_node("listing", listing_set(listing, filter_value)), edit)
