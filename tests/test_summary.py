"""The corpus summary: counts recomputed independently from the document graphs, and
kept fresh by every build."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import URIRef

from plankg.build import build_many, build_one
from plankg.model import Document
from plankg.namespaces import PK
from plankg.rdf import document_graph
from plankg.summary import (
    SUMMARY_GRAPH,
    corpus_fingerprint,
    ensure_summary,
    refresh_summary,
    summary_fingerprint,
    summary_lines,
)
from plankg.tables import run_library_query

ROOT = Path(__file__).resolve().parents[1]


def _summary(store: ox.Store) -> dict[str, dict[str, str]]:
    rows: dict[str, dict[str, str]] = defaultdict(dict)
    for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(SUMMARY_GRAPH)):
        rows[quad.subject.value][quad.predicate.value.rsplit("#", 1)[-1]] = quad.object.value
    return rows


def test_summary_counts_match_the_document_graphs(
    corpus_documents: dict[str, Document], corpus_store: ox.Store
):
    mentions: dict[URIRef, set] = defaultdict(set)
    documents: dict[URIRef, set[str]] = defaultdict(set)
    involved: dict[URIRef, set] = defaultdict(set)
    inside: dict[URIRef, set[URIRef]] = defaultdict(set)
    for doc in corpus_documents.values():
        graph = document_graph(doc)
        for mention, entity in graph.subject_objects(PK.refersTo):
            mentions[entity].add(mention)
            documents[entity].add(doc.id)
        for link in (PK.involvesPlace, PK.involvesOrganization, PK.involvesProject):
            for commitment, entity in graph.subject_objects(link):
                if str(graph.value(commitment, PK.commitmentLevel)) in ("item", "paragraph"):
                    involved[entity].add(commitment)
        for inner, outer in graph.subject_objects(PK.locatedIn):
            inside[outer].add(inner)

    def within(place: URIRef) -> set:
        found, todo, seen = set(involved[place]), [place], {place}
        while todo:
            for inner in inside[todo.pop()] - seen:
                seen.add(inner)
                todo.append(inner)
                found |= involved[inner]
        return found

    summary = _summary(corpus_store)
    places = [URIRef(s) for s, row in summary.items() if row.get("summaryCategory") == "place"]
    assert len(places) > 50
    for place in places:
        row = summary[str(place)]
        assert int(row["mentionCount"]) == len(mentions[place]), place
        assert int(row["namedInCommitments"]) == len(involved[place]), place
        assert int(row["namedInCommitmentsWithin"]) == len(within(place)), place
        assert row["documentList"] == "|".join(sorted(documents[place])), place
    assert any(inside[place] for place in places)  # containment is exercised

    # The ranked listing reads the same numbers: its first row has the most commitments.
    ranked = run_library_query(corpus_store, "places_most_commitments")
    assert len(ranked) == len(places)
    top = max(len(involved[p]) for p in places)
    assert ranked[0]["commitments"] == top > 0


def test_summary_is_deterministic_and_kept_fresh(tmp_path: Path):
    plan = ROOT / "corpus" / "yubei-2020-plan.txt"
    report = ROOT / "corpus" / "state-council-work-report-2021.txt"
    store = ox.Store(str(tmp_path / "store"))
    build_one(plan, store=store, out_dir=None)
    slogan = "https://w3id.org/plankg/id/slogan/六稳"
    assert _summary(store)[slogan]["documentList"] == "yubei-2020-plan"
    assert summary_lines(store) == summary_lines(store)

    # Another document: the next build brings the summary up to date.
    list(build_many([plan, report], store=store, out_dir=None))
    row = _summary(store)[slogan]
    assert row["documentList"] == "state-council-work-report-2021|yubei-2020-plan"
    assert int(row["documentCount"]) == 2
    assert (int(row["firstYear"]), int(row["lastYear"])) == (2020, 2021)

    # Nothing changed: not recomputed. A summary that is missing (a build stopped after
    # loading) is recomputed by the next build even though every document is skipped.
    assert ensure_summary(store) is False
    store.remove_graph(ox.NamedNode(SUMMARY_GRAPH))
    events = list(build_many([plan, report], store=store, out_dir=None))
    assert all(event.skipped for event in events)
    assert _summary(store)[slogan]["documentList"] == row["documentList"]


def _summary_graph_lines(store: ox.Store) -> set[str]:
    dump = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(SUMMARY_GRAPH))
    return set((dump or b"").decode().splitlines(keepends=True))


def test_summary_refresh_writes_what_a_fresh_summary_holds(tmp_path: Path):
    """The refresh writes only what changed; the result must equal a fresh summary."""
    plan = ROOT / "corpus" / "yubei-2020-plan.txt"
    report = ROOT / "corpus" / "state-council-work-report-2021.txt"
    store = ox.Store(str(tmp_path / "store"))
    build_one(plan, store=store, out_dir=None)
    first = _summary_graph_lines(store)
    # A second document changes counts, document lists and pages; a stale line that
    # the refresh forgot to delete, or a new one it forgot to add, shows up here.
    list(build_many([plan, report], store=store, out_dir=None))
    fingerprint = corpus_fingerprint(store)
    stamp = f"<{SUMMARY_GRAPH}> <{PK.summaryOf}> \"{fingerprint}\" .\n"
    assert _summary_graph_lines(store) == set(summary_lines(store)) | {stamp}
    assert _summary_graph_lines(store) != first
    # Refreshing an unchanged store rewrites nothing and leaves the same graph.
    before = _summary_graph_lines(store)
    refresh_summary(store)
    assert _summary_graph_lines(store) == before


def test_a_new_summary_format_recomputes_the_summary(
    corpus_store: ox.Store, monkeypatch: pytest.MonkeyPatch
):
    """A plankg that summarizes differently must not trust an older summary."""
    import plankg.summary_refresh

    assert summary_fingerprint(corpus_store) == corpus_fingerprint(corpus_store)
    monkeypatch.setattr(plankg.summary_refresh, "SUMMARY_FORMAT",
                        plankg.summary_refresh.SUMMARY_FORMAT + 1)
    assert summary_fingerprint(corpus_store) != corpus_fingerprint(corpus_store)


def test_totals_of_another_summary_format_are_not_updated_but_recomputed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Totals and a summary written by a plankg of another summary format, with no
    document changed since: updating them would keep the old format's lines."""
    import plankg.summary_refresh as refresh_module
    from plankg.build import load_vocabulary
    from plankg.store import open_store

    store = open_store(tmp_path / "store")
    load_vocabulary(store)
    assert ensure_summary(store)
    recomputed: list[int] = []
    whole = refresh_module.refresh_summary
    monkeypatch.setattr(refresh_module, "refresh_summary",
                        lambda *a, **k: recomputed.append(1) or whole(*a, **k))
    monkeypatch.setattr(refresh_module, "SUMMARY_FORMAT", refresh_module.SUMMARY_FORMAT + 1)
    assert ensure_summary(store)
    assert recomputed == [1]
    assert not ensure_summary(store)  # and then it is up to date


def test_incremental_summary_equals_the_summary_of_the_whole(
    corpus_store: ox.Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Documents added, replaced and removed one at a time: each time the summary is
    brought up to date by that document's contribution alone (no recomputation), and
    equals the summary computed from every graph at once (summary_lines), which a
    recomputation then leaves as it is."""
    import plankg.summary_refresh as refresh_module
    from plankg.build import load_vocabulary, remove_documents
    from plankg.store import LOAD_LOG_GRAPH, open_store
    from plankg.store.base import log_lines

    store = open_store(tmp_path / "store")
    load_vocabulary(store)
    ensure_summary(store)
    recomputed: list[int] = []
    whole = refresh_module.refresh_summary
    monkeypatch.setattr(refresh_module, "refresh_summary",
                        lambda *a, **k: recomputed.append(1) or whole(*a, **k))
    base = "https://w3id.org/plankg/id/graph/"

    def load(source: str, target: str, sha: str, change=lambda text: text) -> None:  # noqa: ANN001
        graphs = []
        for suffix in ("", "/index"):
            dump = corpus_store.dump(format=ox.RdfFormat.N_TRIPLES,
                                     from_graph=ox.NamedNode(f"{base}{source}{suffix}"))
            text = change((dump or b"").decode("utf-8").replace(
                f"/{source}/", f"/{target}/").replace(f"/{source}>", f"/{target}>").replace(
                f'"{source}"', f'"{target}"'))
            graph = f"{base}{target}{suffix}"
            store.update(f"DROP SILENT GRAPH <{graph}>")
            store.load(text.encode(), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))
            graphs.append(graph)
        store.update(f"DELETE WHERE {{ GRAPH <{LOAD_LOG_GRAPH}> {{ <{graphs[0]}> ?p ?o }} }}")
        store.update(f"INSERT DATA {{ GRAPH <{LOAD_LOG_GRAPH}> {{ {log_lines(graphs, sha)} }} }}")
        assert ensure_summary(store)

    def check() -> None:
        stamp = f"<{SUMMARY_GRAPH}> <{PK.summaryOf}> \"{summary_fingerprint(store)}\" .\n"
        assert _summary_graph_lines(store.ox) == set(summary_lines(store.ox)) | {stamp}
        # The name index's counts, moved by each change, are those counted afresh.
        state = refresh_module.state_for(store)
        query = "SELECT kind, label, n FROM namecounts WHERE n != 0"
        kept = set(state.db.execute(query))
        state.count_names()
        assert kept == set(state.db.execute(query))
        assert {kind for kind, _, _ in kept} == {"entity", "body"}

    for doc in ("yubei-2020-plan", "state-council-work-report-2019",
                "state-council-work-report-2021"):
        load(doc, doc, "1")
        check()
    # Replaced: a town renamed (new entities, names and pages; old ones gone).
    load("yubei-2020-plan", "yubei-2020-plan", "2", lambda t: t.replace("洛碛镇", "洛碛新镇"))
    check()
    # Another document naming the same things, in another year (pages of two).
    load("yubei-2020-plan", "yubei-2022-copy", "3",
         lambda t: t.replace('#year> "2020"^^', '#year> "2022"^^'))
    check()
    assert remove_documents(store, ["state-council-work-report-2019"]) == [
        "state-council-work-report-2019"
    ]
    check()
    assert recomputed == []
    before = _summary_graph_lines(store.ox)
    refresh_module.refresh_summary(store)
    assert _summary_graph_lines(store.ox) == before


def test_counts_not_kept_with_the_last_change_are_counted_again():
    """Totals changed by a plankg that kept no counts (its stamp moved, the counts' did
    not): the counts are taken again from the totals before the next update."""
    from plankg.summary_state import State

    state = State(None)
    entity = "https://w3id.org/plankg/id/place/x"
    facts = [(("labelled", "木耳镇", entity), 1), (("label", entity, "木耳镇"), 1),
             (("mentions", entity, ""), 2), (("class", entity, "place"), 1)]
    state.add("g", facts, 1)
    state.count_names()
    state.set_stamp("one")
    assert state.name_count("entity", "木耳镇") == 1
    state.add("g", facts, -1)  # as an older plankg would: totals and stamp, no counts
    state.set_meta("stamp", "two")
    state.ensure_counts()
    assert state.name_count("entity", "木耳镇") == 0
    # Counts kept with the last change are trusted: ensure_counts counts nothing again.
    state.set_stamp("three")
    recounts: list[int] = []
    original = state.count_names
    state.count_names = lambda: (recounts.append(1), original())[1]  # type: ignore[method-assign]
    state.ensure_counts()
    assert recounts == []
    state.set_meta("stamp", "four")  # changed again without the counts: counted again
    state.ensure_counts()
    assert recounts == [1]
