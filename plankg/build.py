"""``plankg build``: documents → graph files and the embedded store.

Everything for a document is computed in memory first; only then are its files
renamed into place and its named graph replaced in one store transaction, so a
failure never leaves a half-written graph behind.
"""

from __future__ import annotations

import collections
import concurrent.futures
import hashlib
import itertools
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from plankg import identity
from plankg.errors import PlankgError
from plankg.model import Document, Responsibility
from plankg.output import nquads_from_lines, ntriples_lines, turtle, write_atomically
from plankg.phrase_index import bigrams
from plankg.rdf import Triple
from plankg.resources import ontology_dir
from plankg.store import (
    LOAD_LOG_GRAPH,
    LOADED_SHA256,
    VOCABULARY_GRAPH,
    AnyStore,
    EmbeddedStore,
    Store,
    as_store,
    complete_graphs,
)
from plankg.store.base import log_lines


@dataclass
class BuildResult:
    path: str
    doc_id: str
    title: str | None
    triples: int
    sentences: int
    commitments: int
    targets: int
    mentions: int
    warnings: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    sha256: str = ""


def vocabulary_files() -> list[Path]:
    """The ontology (shapes excluded) and the vocabularies, in a fixed order."""
    return [p for p in sorted(ontology_dir().glob("*.ttl")) if p.name != "shapes.ttl"]


def vocabulary_quads() -> list[ox.Quad]:
    """The ontology (shapes excluded) and the vocabularies, in the vocabulary graph."""
    graph = ox.NamedNode(VOCABULARY_GRAPH)
    quads = []
    for path in vocabulary_files():
        for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            quads.append(ox.Quad(triple.subject, triple.predicate, triple.object, graph))
    return quads


def vocabulary_sha256() -> str:
    """A hash of the vocabulary files' names and bytes. Not of the parsed triples: their
    blank nodes get new labels at every parse, so that hash changed at every build and
    with it the vocabulary graph was replaced and the summary updated each time."""
    digest = hashlib.sha256()
    for path in vocabulary_files():
        data = path.read_bytes()
        digest.update(f"{path.name} {len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


def load_vocabulary(store: AnyStore) -> None:
    """Replace the vocabulary graph, unless the load log has it with the same files.

    Logged like a document, so the summary knows when it changed without reading it.
    Into a store that has no vocabulary yet (a first build) each file is loaded in a
    transaction of its own, the log entry last (a stop in between leaves an unlogged
    graph that the next build replaces): for these 11,000 triples, 0.1 s against 0.3 s
    with the bulk loader, whose every call has a fixed cost, and 0.45 s as one SPARQL
    update. A changed vocabulary replaces the old in one update, parsed fully before the
    store is touched.
    """
    sha = vocabulary_sha256()
    store = as_store(store)
    if complete_graphs(store).get(VOCABULARY_GRAPH) == sha:
        return
    if isinstance(store, EmbeddedStore) and VOCABULARY_GRAPH not in store.named_graphs():
        graph = ox.NamedNode(VOCABULARY_GRAPH)
        for path in vocabulary_files():
            store.ox.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=graph)
        store.update(f"INSERT DATA {{ GRAPH <{LOAD_LOG_GRAPH}> {{\n"
                     f"{log_lines([VOCABULARY_GRAPH], sha)}}} }}")
        return
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in vocabulary_quads()]
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    store.replace_graphs({VOCABULARY_GRAPH: data.decode("utf-8").splitlines(keepends=True)},
                         source_sha256=sha)


def phrase_index_lines(doc: Document, triples: Sequence[Triple]) -> list[str]:
    """The document's bigram index: N-Triples ``<node> pk:bigram "xx"`` and kin.

    A phrase query looks up three of its bigrams (an index lookup in any SPARQL store)
    and checks CONTAINS only on the few nodes that have them all, instead of scanning
    every text in the corpus. Indexed, each with its own predicate so that a lookup
    reads only its kind: the text of sentence-level commitments (``pk:bigram``) and the
    indicator of every target and outcome as written (``pk:indicatorBigram``); and one
    statement ``<index graph> pk:phraseIndexOf <document>``, so that a query restricted
    to one document reads only its graph's bigrams. A bigram like 生产 occurs in tens
    of thousands of sentences of a corpus but in few indicators.
    Names are indexed once per corpus, in the summary (``plankg.summary``), not here:
    a shared name would repeat in every document's index. Kept in its own named graph:
    derived data, not part of the document's graph files. Written as strings directly: a
    bigram holds only CJK letters and digits, nothing to escape, and making a Literal for
    each of tens of thousands of them cost more than the rest of the index.
    """
    from plankg.rdf import PK, commitment_iri
    from plankg.terms import iri, literal_text

    lines: set[str] = set()

    def index(subject: str, predicate: str, text: str) -> None:
        lines.update(f'{subject} {predicate} "{gram}" .\n' for gram in bigrams(text))

    for commitment in doc.commitments:
        if commitment.level == "sentence":
            index(commitment_iri(doc, commitment), PK.bigram, commitment.text)
    for subject, predicate, obj in triples:
        if predicate == PK.indicatorLabel and obj.endswith('"@zh'):
            index(subject, PK.indicatorBigram, literal_text(obj))
    # The graph names the document it indexes: a query restricted to one document
    # starts from this statement and reads only that graph's bigrams.
    graph, document = iri(index_graph_iri(doc.id)), iri(identity.document_iri(doc.id))
    lines.add(f"{graph} {PK.phraseIndexOf} {document} .\n")
    return sorted(lines)


def index_graph_iri(doc_id: str) -> str:
    return str(identity.graph_iri(doc_id)) + "/index"


@dataclass
class Prepared:
    """A built document as plain strings, ready to be written (picklable for workers)."""

    result: BuildResult
    graph: str
    ntriples: list[str]
    index_ntriples: list[str]
    files: dict[Path, str]


def prepare(path: str | os.PathLike[str], out_dir: Path | None, with_store: bool) -> Prepared:
    # Imported here: a build that finds nothing changed never loads the extractors.
    from plankg.pipeline import build_document
    from plankg.rdf import graph_triples

    doc = build_document(path)
    triples = graph_triples(doc)
    graph = str(identity.graph_iri(doc.id))
    lines = ntriples_lines(triples)
    files: dict[Path, str] = {}
    if out_dir is not None:
        files[out_dir / f"{doc.id}.ttl"] = turtle(triples)
        files[out_dir / f"{doc.id}.nq"] = nquads_from_lines(lines, graph)
    result = BuildResult(
        path=str(path),
        doc_id=doc.id,
        title=doc.metadata.title,
        triples=len(triples),
        sentences=len(doc.sentences),
        commitments=len(doc.commitments),
        targets=sum(1 for _, t in doc.targets if t.kind == "target"),
        mentions=len(doc.mentions),
        warnings=doc.warnings,
        files=sorted(files),
        sha256=doc.source.sha256,
    )
    return Prepared(
        result=result,
        graph=graph,
        ntriples=lines if with_store else [],
        index_ntriples=phrase_index_lines(doc, triples) if with_store else [],
        files=files,
    )


def read_source(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise PlankgError(f"{path}: cannot read ({error.strerror})") from None


def prepare_source(name: str, data: bytes, out_dir: Path | None, with_store: bool) -> Prepared:
    """``prepare`` from a file's bytes under the file's name (the document id comes from
    it): what a cluster's worker runs, with no access to the client's files."""
    with tempfile.TemporaryDirectory(prefix="plankg-worker-") as folder:
        local = Path(folder) / Path(name).name
        local.write_bytes(data)
        try:
            prepared = prepare(local, out_dir, with_store)
        except PlankgError as error:
            # Messages name the file the user gave, not the worker's copy.
            raise PlankgError(str(error).replace(str(local), name)) from None
    prepared.result.path = name
    prepared.result.warnings = [w.replace(str(local), name) for w in prepared.result.warnings]
    return prepared


def _store_graphs(prepared: Prepared) -> dict[str, list[str]]:
    return {
        prepared.graph: prepared.ntriples,
        index_graph_iri(prepared.result.doc_id): prepared.index_ntriples,
    }


def commit_prepared(prepared: Prepared, store: AnyStore | None) -> BuildResult:
    """Store first (one transaction for the graph and its index), then the files."""
    if store is not None:
        sha = prepared.result.sha256
        as_store(store).replace_graphs(_store_graphs(prepared), source_sha256=sha)
    write_atomically(prepared.files)
    return prepared.result


class _Committer:
    """Commits prepared documents in order: a transaction for a document whose graphs are
    in the store already, the bulk loader in batches for new ones (``bulk_add_graphs``).

    A batch loads in a background thread (Oxigraph releases the GIL while it writes)
    while the next documents are built, so on two cores loading no longer adds to the
    pipeline's time. At most one batch is in flight. Files of a batched document are
    written once its batch is in the store, so a graph file never announces a document
    the store does not hold.
    """

    BATCH_QUADS = 400_000  # about ten plan-size documents

    def __init__(self, store: Store | None) -> None:
        self.store = store
        self.present = store.named_graphs() if store is not None else set()
        self.batch: list[Prepared] = []
        self.quads = 0
        self.loader: concurrent.futures.ThreadPoolExecutor | None = None
        self.in_flight: tuple[concurrent.futures.Future[None], list[Prepared]] | None = None

    def add(self, prepared: Prepared) -> list[BuildEvent]:
        graphs = _store_graphs(prepared)
        if self.store is None or any(graph in self.present for graph in graphs):
            return [BuildEvent(Path(prepared.result.path), commit_prepared(prepared, self.store))]
        self.batch.append(prepared)
        self.quads += sum(len(lines) for lines in graphs.values())
        return self.flush() if self.quads >= self.BATCH_QUADS else []

    def flush(self, *, wait: bool = False) -> list[BuildEvent]:
        """Start loading the current batch; return the events of the previous one.

        With ``wait``, also wait for this batch and stop the loader thread (the end of
        a build).
        """
        events = self._collect()
        batch, self.batch, self.quads = self.batch, [], 0
        if batch:
            assert self.store is not None
            if self.loader is None:
                self.loader = concurrent.futures.ThreadPoolExecutor(
                    max_workers=1, thread_name_prefix="plankg-load"
                )
            work = [(_store_graphs(p), p.result.sha256) for p in batch]
            self.in_flight = (self.loader.submit(self.store.add_graphs, work), batch)
        if wait:
            events += self._collect()
            if self.loader is not None:
                self.loader.shutdown()
                self.loader = None
        return events

    def _collect(self) -> list[BuildEvent]:
        if self.in_flight is None:
            return []
        future, batch = self.in_flight
        self.in_flight = None
        try:
            future.result()
        except (OSError, ValueError, SyntaxError) as error:
            # Graphs of this batch may be partly in: they carry no load-log entry, so the
            # next build replaces them. Report every document of the batch.
            reason = f"cannot load into the store ({error}); run the build again"
            return [
                BuildEvent(Path(p.result.path), error=f"{p.result.path}: {reason}") for p in batch
            ]
        events = []
        for prepared in batch:
            write_atomically(prepared.files)
            events.append(BuildEvent(Path(prepared.result.path), prepared.result))
        return events


def build_one(
    path: str | os.PathLike[str], *, store: AnyStore | None, out_dir: Path | None
) -> BuildResult:
    """Build one document. The corpus summary is brought up to date after it: to build
    several, use ``build_many``, which does that once at the end."""
    store = as_store(store) if store is not None else None
    result = commit_prepared(prepare(path, out_dir, store is not None), store)
    _finish(store)
    return result


def stored_hashes(store: AnyStore) -> dict[str, str]:
    """Document id → SHA-256 of its source, for documents whose graphs loaded completely.

    A document whose graph or phrase index has no load-log entry (an interrupted bulk
    load) is left out, so it is built again.
    """
    query = (
        f"SELECT ?id ?g WHERE {{ GRAPH <{LOAD_LOG_GRAPH}> {{ ?g <{LOADED_SHA256}> ?sha }} "
        "GRAPH ?g { ?d <https://w3id.org/plankg/ontology#documentId> ?id } }"
    )
    complete = complete_graphs(store)
    hashes = {}
    for identifier, graph_node in as_store(store).select(query)[1]:
        assert identifier is not None and graph_node is not None
        doc_id, graph = identifier.value, graph_node.value
        sha = complete.get(graph)
        if sha is not None and complete.get(index_graph_iri(doc_id)) == sha:
            hashes[doc_id] = sha
    return hashes


def file_sha256(path: Path) -> str | None:
    try:
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except OSError:
        return None  # the build itself reports the problem


def _internal_error(path: Path, error: Exception) -> str:
    return (
        f"{path}: internal error ({type(error).__name__}: {error}); this is a bug in "
        "plankg, please report it with the file"
    )


@dataclass
class BuildEvent:
    path: Path
    result: BuildResult | None = None
    error: str | None = None
    skipped: bool = False


def build_many(
    paths: Sequence[Path],
    *,
    store: AnyStore | None,
    out_dir: Path | None,
    jobs: int = 1,
    force: bool = False,
    executor: concurrent.futures.Executor | None = None,
) -> Iterator[BuildEvent]:
    """Build documents, in parallel with ``jobs`` > 1; skip unchanged ones.

    With ``executor`` (a cluster's, ``plankg.distributed``), documents are built by its
    workers instead, ``jobs`` of them in flight per worker slot it reports. A document
    is unchanged when the store already holds its id built from a file with the same
    SHA-256 and its graph files (if asked for) exist. One failure never stops the
    others: it is reported as an event with the reason.
    """
    store = as_store(store) if store is not None else None
    known = stored_hashes(store) if store is not None and not force else {}
    # Two files with one id (a/plan.txt, b/plan.txt) would overwrite each other's graph:
    # neither is built, and the user is told to rename one.
    by_id: dict[str, list[Path]] = {}
    for path in paths:
        by_id.setdefault(identity.document_id(path), []).append(path)
    todo: list[Path] = []
    for path in paths:
        doc_id = identity.document_id(path)
        clashing = [other for other in by_id[doc_id] if other != path]
        if clashing:
            yield BuildEvent(path, error=f"{path}: same document id {doc_id!r} as "
                                         f"{clashing[0]}; rename one of them")
            continue
        files_present = out_dir is None or all(
            (out_dir / f"{doc_id}.{suffix}").exists() for suffix in ("ttl", "nq")
        )
        if known and files_present and known.get(doc_id) == file_sha256(path):
            yield BuildEvent(path, skipped=True)
        else:
            todo.append(path)
    committer = _Committer(store)
    with_store = store is not None
    if executor is not None:
        from plankg.distributed import slots

        def submit_remote(path: Path) -> concurrent.futures.Future[Prepared]:
            # The worker gets the file's bytes, not its path: no shared file system needed.
            return executor.submit(
                prepare_source, str(path), read_source(path), out_dir, with_store
            )

        yield from _in_parallel(todo, submit_remote, 2 * slots(executor), committer)
    elif jobs <= 1 or len(todo) <= 1:
        for path in todo:
            try:
                prepared = prepare(path, out_dir, with_store)
            except PlankgError as error:
                yield BuildEvent(path, error=str(error))
                continue
            yield from _commit(committer, path, prepared)
        yield from committer.flush(wait=True)
    else:
        with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:

            def submit_local(path: Path) -> concurrent.futures.Future[Prepared]:
                return pool.submit(prepare, path, out_dir, with_store)

            yield from _in_parallel(todo, submit_local, 2 * jobs, committer)
    _finish(store)


def _in_parallel(
    todo: Sequence[Path],
    submit: Callable[[Path], concurrent.futures.Future[Prepared]],
    window_size: int,
    committer: _Committer,
) -> Iterator[BuildEvent]:
    """A bounded window of documents in flight, committed in input order (stores and
    files are written deterministically). Unbounded, finished documents waiting for the
    store piled up in memory (3.9 GiB at 100 documents)."""
    paths_left = iter(todo)
    window: collections.deque[tuple[Path, concurrent.futures.Future[Prepared]]] = (
        collections.deque()
    )
    for path in itertools.islice(paths_left, window_size):
        window.append((path, submit(path)))
    while window:
        path, future = window.popleft()
        for following in itertools.islice(paths_left, 1):
            window.append((following, submit(following)))
        try:
            prepared = future.result()
        except PlankgError as error:
            yield BuildEvent(path, error=str(error))
        except Exception as error:  # noqa: BLE001 - a crash in a worker is a bug:
            # report it for this file and go on with the others.
            yield BuildEvent(path, error=_internal_error(path, error))
        else:
            yield from _commit(committer, path, prepared)
    yield from committer.flush(wait=True)


def remove_documents(
    store: AnyStore, doc_ids: Sequence[str], *, summary: bool = True
) -> list[str]:
    """Drop documents' graphs (the document, its phrase index, an assignment table) and
    their load-log entries in one update, then (unless told not to) bring the summary up
    to date. Returns the ids that were in the store."""
    store = as_store(store)
    present = store.named_graphs()
    found = [d for d in doc_ids if str(identity.graph_iri(d)) in present]
    graphs = [
        graph
        for d in found
        for graph in (str(identity.graph_iri(d)), index_graph_iri(d),
                      str(identity.graph_iri(d)) + "/assignments")
    ]
    if graphs:
        store.update(
            "".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in graphs)
            + " ;\n".join(f"DELETE WHERE {{ GRAPH <{LOAD_LOG_GRAPH}> {{ <{g}> ?p ?o }} }}"
                          for g in graphs)
        )
    if summary:
        _finish(store)
    return found


def _finish(store: Store | None) -> None:
    """After the documents: bring the corpus summary up to date (``plankg.summary``)."""
    if store is not None:
        from plankg.summary import ensure_summary

        ensure_summary(store)


def _commit(committer: _Committer, path: Path, prepared: Prepared) -> list[BuildEvent]:
    try:
        return committer.add(prepared)
    except PlankgError as error:
        return [BuildEvent(path, error=str(error))]


def assignment_graph_triples(
    doc: Document, responsibilities: Sequence[Responsibility]
) -> tuple[str, list[Triple]]:
    """The named graph of an imported assignment table, kept apart from the text's graph.

    Rebuilding a document from its text leaves the table's graph alone; importing the
    table again replaces it.
    """
    from plankg.rdf import responsibility_triples

    graph = str(identity.graph_iri(doc.id)) + "/assignments"
    return graph, list(responsibility_triples(doc, responsibilities, kind="assignment"))
