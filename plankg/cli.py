"""The ``plankg`` command: small subcommands that compose (Datasette-style).

User mistakes become one line on stderr and a non-zero exit; only bugs show a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from plankg import __version__
from plankg.errors import PlankgError
from plankg.formats import FORMATS, render

SUPPORTED_SUFFIXES = (".txt", ".text", ".html", ".htm", ".docx", ".pdf")


def _expand_inputs(inputs: Sequence[str]) -> list[Path]:
    paths: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            paths.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                )
            )
        else:
            paths.append(path)
    return paths


def _open(args: argparse.Namespace, *, read_only: bool = True):  # noqa: ANN202
    """The store a command reads or writes: ``--endpoint`` (or ``$PLANKG_ENDPOINT``), a
    SPARQL 1.1 query endpoint, for commands that only read; else the embedded store."""
    import os

    from plankg.store import (
        STORE_FORMAT,
        RemoteStore,
        default_store_path,
        open_store,
        outdated_documents,
    )

    endpoint = getattr(args, "endpoint", None) or (
        os.environ.get("PLANKG_ENDPOINT") if read_only and hasattr(args, "endpoint") else None
    )
    if endpoint and read_only:
        return RemoteStore(endpoint)
    store = open_store(args.store, read_only=read_only)
    if read_only and (outdated := outdated_documents(store)):
        # Answers from such a store can be incomplete, not wrong in form: warn, go on.
        location = args.store or default_store_path()
        print(
            f"warning: {location}: {len(outdated)} document(s) were built by an older plankg "
            f"(store format other than {STORE_FORMAT}) and searches may miss them; "
            "run `plankg build` to bring them up to date",
            file=sys.stderr,
        )
    return store


def _progress(done: int, total: int, label: str) -> None:
    if sys.stderr.isatty():
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {label[:40]:<40}"
        )
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()


class _DocumentProgress:
    """Shows where a large document is (plankg.progress) on stderr: one updated line on a
    terminal, else a line every few seconds."""

    LOG_EVERY = 5.0

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.logged = 0.0

    def __call__(self, document: str, step: str, done: int, total: int) -> None:
        count = f" {done:,}/{total:,}" if total else ""
        line = f"plankg: {document}: {step}{count}"
        if self.tty:
            sys.stderr.write(f"\r{line[:78]:<78}")
        else:
            now = time.monotonic()
            if now - self.logged < self.LOG_EVERY and done:
                return
            self.logged = now
            sys.stderr.write(line + "\n")
        sys.stderr.flush()


def cmd_build(args: argparse.Namespace) -> int:
    from plankg.build import build_many, load_vocabulary
    from plankg.progress import set_reporter

    set_reporter(_DocumentProgress())

    paths = _expand_inputs(args.inputs)
    if not paths:
        raise PlankgError("no documents to build (give files or folders)")
    store = None if args.no_store else _open(args, read_only=False)
    if store is None and args.viz:
        import pyoxigraph as ox

        from plankg.store import EmbeddedStore

        # In memory: the views need a store, the user asked for none.
        store = EmbeddedStore(ox.Store())
    if store is not None:
        load_vocabulary(store)
    out_dir = None if args.no_files else Path(args.out)
    failures = skipped = warnings = triples = 0
    rows = []
    with contextlib.ExitStack() as stack:
        from plankg.distributed import cluster_executor, scheduler_address

        address = scheduler_address(args.scheduler)
        executor = stack.enter_context(cluster_executor(address)) if address else None
        events = build_many(
            paths, store=store, out_dir=out_dir, jobs=args.jobs, force=args.force,
            executor=executor,
        )
        for done, event in enumerate(events, start=1):
            _progress(done, len(paths), event.path.name)
            if event.skipped:
                skipped += 1
                continue
            if event.error is not None or event.result is None:
                failures += 1
                print(f"plankg: error: {event.error}", file=sys.stderr)
                continue
            result = event.result
            for warning in result.warnings:
                warnings += 1
                print(f"plankg: warning: {warning}", file=sys.stderr)
            triples += result.triples
            rows.append(
                {
                    "id": result.doc_id,
                    "title": result.title,
                    "sentences": result.sentences,
                    "commitments": result.commitments,
                    "targets": result.targets,
                    "mentions": result.mentions,
                    "triples": result.triples,
                }
            )
    if store is not None:
        store.flush()
    if args.viz and store is not None:
        from plankg.viz import write_views

        write_views(store, Path(args.viz), [row["id"] for row in rows])
    columns = ["id", "title", "sentences", "commitments", "targets", "mentions", "triples"]
    if len(rows) <= 50 or args.format != "table":
        sys.stdout.write(render(rows, columns, args.format))
    print(
        f"built {len(rows)} documents ({triples} triples), skipped {skipped} unchanged, "
        f"{failures} failed, {warnings} warnings",
        file=sys.stderr,
    )
    if failures:
        print(f"plankg: {failures} of {len(paths)} documents failed", file=sys.stderr)
        return 1
    return 0


def _table_command(fetch: Callable[..., list[dict]], columns: Sequence[str]) -> Callable[..., int]:
    def run(args: argparse.Namespace) -> int:
        store = _open(args)
        rows = fetch(store, args)
        sys.stdout.write(render(rows, columns, args.format))
        return 0

    return run


def cmd_query(args: argparse.Namespace) -> int:
    from plankg.queries import library

    if args.list or not args.name:
        rows = [
            {
                "name": q.name,
                "title": q.title,
                "parameters": ", ".join(p.name + ("?" if p.optional else "") for p in q.parameters),
            }
            for q in library().values()
        ]
        sys.stdout.write(render(rows, ["name", "title", "parameters"], args.format))
        return 0
    params: dict[str, str] = {}
    for item in args.param:
        key, sep, value = item.partition("=")
        if not sep:
            raise PlankgError(f"--param needs NAME=VALUE, got {item!r}")
        params[key.strip()] = value
    from plankg.queries import get_query

    query = get_query(args.name)
    from plankg.queries import bindings_for

    _print_select(
        args,
        query.text,
        bindings_for(query, params),
        list(query.columns),
        {p.name for p in query.parameters},
    )
    return 0


def _print_select(
    args: argparse.Namespace, text: str, bindings: dict, columns: list[str], hidden: set[str]
) -> None:
    """A SELECT's results in the chosen format; ``json`` is SPARQL 1.1 results JSON."""
    from plankg.sparql_protocol import serialize_select
    from plankg.tables import python_value

    store = _open(args)
    try:
        variables, rows = store.select(text, bindings)
    except SyntaxError as error:
        raise PlankgError(f"SPARQL syntax error: {error}") from None
    shown = [i for i, v in enumerate(variables) if v not in hidden]
    variables = [variables[i] for i in shown]
    rows = [[row[i] for i in shown] for row in rows]
    if args.format == "json":
        sys.stdout.write(serialize_select(variables, rows, "json").decode("utf-8") + "\n")
        return
    records = [
        {v: python_value(term) for v, term in zip(variables, row, strict=True)} for row in rows
    ]
    sys.stdout.write(render(records, columns or variables, args.format))


def cmd_sparql(args: argparse.Namespace) -> int:
    text = args.query
    if Path(text).suffix == ".rq" or (len(text) < 4096 and Path(text).is_file()):
        try:
            text = Path(text).read_text(encoding="utf-8")
        except OSError as error:
            raise PlankgError(f"{args.query}: cannot read ({error.strerror})") from None
    _print_select(args, text, {}, [], set())
    return 0


def cmd_who(args: argparse.Namespace) -> int:
    import json

    from plankg.answers import who
    from plankg.identity import document_iri

    result = who(_open(args), args.x, str(document_iri(args.doc)) if args.doc else None)
    if args.format == "json":
        sys.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n")
        return 0 if result.answers else 1
    if not result.answers:
        hint = f" Close matches: {'、'.join(result.suggestions)}." if result.suggestions else ""
        print(f"Nothing in the store matches {result.query!r}.{hint}", file=sys.stderr)
        return 1
    if args.format == "table":
        print(
            f"Who is accountable for {result.query!r}: {len(result.answers)} answers "
            "(leads first, then cooperating bodies, other roles and the issuer; by confidence "
            "within each; inferred answers say so)\n"
        )
    rows = []
    for rank, answer in enumerate(result.answers, start=1):
        first = answer.commitments[0]
        rows.append(
            {
                "rank": rank,
                "document": answer.document or first.document,
                "body": answer.body,
                "role": answer.role,
                "basis": answer.basis,
                "stated": "stated" if answer.stated else "inferred",
                "confidence": round(answer.confidence, 2),
                "commitments": len(answer.commitments),
                "evidence": f"{first.evidence_path or first.path}"
                f"{'' if first.timeframe in (None, 'task') else f' ({first.timeframe})'}: "
                f"{first.quote or first.text}",
                "paths": [c.path for c in answer.commitments],
            }
        )
    columns = ["rank", "body", "role", "basis", "stated", "confidence", "commitments", "evidence"]
    if not args.doc:
        columns.insert(1, "document")
    if args.format != "table":
        columns.append("paths")
    sys.stdout.write(render(rows, columns, args.format))
    return 0


def cmd_accountability(args: argparse.Namespace) -> int:
    from plankg.identity import document_iri
    from plankg.tables import run_library_query

    params = {"doc": str(document_iri(args.doc))} if args.doc else {}
    if args.level:
        params["level_filter"] = args.level
    rows = run_library_query(_open(args), "responsibilities", params)
    columns = [
        "document",
        "path",
        "level",
        "body",
        "role",
        "basis",
        "stated",
        "confidence",
        "evidence_path",
        "rationale",
    ]
    sys.stdout.write(render(rows, columns, args.format))
    return 0


def cmd_assignments_export(args: argparse.Namespace) -> int:
    from plankg.assignments import export_template, write_template
    from plankg.pipeline import build_document

    doc = build_document(args.document)
    rows = export_template(doc)
    if args.output:
        write_template(rows, Path(args.output), chinese=args.chinese)
        print(f"wrote {len(rows)} rows to {args.output}")
    else:
        columns = ["commitment_id", "path", "text", "lead_units", "cooperating_units"]
        sys.stdout.write(render(rows, columns, "csv"))
    return 0


def cmd_assignments_import(args: argparse.Namespace) -> int:
    from plankg.assignments import read_assignment_table
    from plankg.build import assignment_graph_triples
    from plankg.output import ntriples_lines
    from plankg.pipeline import build_document

    doc = build_document(args.document)
    imported = read_assignment_table(Path(args.table), [doc])
    for warning in imported.warnings:
        print(f"plankg: warning: {warning}", file=sys.stderr)
    if not imported.responsibilities:
        raise PlankgError(f"{args.table}: no row matched a commitment of {doc.id}")
    graph, triples = assignment_graph_triples(
        doc, imported.responsibilities + imported.inherited
    )
    import hashlib

    store = _open(args, read_only=False)
    lines = ntriples_lines(triples)
    # Logged with its content's hash: the summary reads the table's bodies.
    sha = hashlib.sha256("".join(lines).encode()).hexdigest()
    store.replace_graphs({graph: lines}, source_sha256=sha)
    store.flush()
    print(
        f"{args.table}: {imported.matched} of {imported.rows} rows matched; "
        f"{len(imported.responsibilities)} responsibilities recorded for {doc.id}, and "
        f"{len(imported.inherited)} for the sentences inside those items "
        f"(basis: assignment table) in graph <{graph}>"
    )
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from plankg.store import RemoteStore, open_store, push_store

    target = RemoteStore(args.endpoint, graph_store=args.endpoint)
    graphs = push_store(open_store(args.store, read_only=True), target)
    for graph in graphs:
        print(f"pushed <{graph}>")
    print(f"{len(graphs)} graphs pushed to {args.endpoint} (each replaced, not appended)")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import socket

    from plankg.server import check_source, serve
    from plankg.store import default_store_path
    from plankg.web.settings import ServeSettings

    path = Path(args.store) if args.store else default_store_path()
    endpoint = args.endpoint or os.environ.get("PLANKG_ENDPOINT") or None
    _open(args)  # the same checks and warnings as the queries; the server opens its own
    settings = ServeSettings(
        store_path=path,
        endpoint=endpoint,
        host=args.host,
        port=args.port,
        allowed_hosts=tuple(args.allow_host),
        timeout=args.timeout,
        memory_mb=args.memory_limit,
        max_rows=args.max_rows,
        query_workers=args.query_workers,
        server_workers=max(1, args.server_workers),
        cache=not args.no_cache,
        request_timeout=args.request_timeout,
        max_answer_mb=args.max_answer_mb,
    )
    source = check_source(settings)  # an endpoint that does not answer: one line, no start
    try:  # fail with one line when the port is taken, before starting anything
        with socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((args.host, args.port))
    except OSError as error:
        raise PlankgError(f"cannot listen on {args.host}:{args.port} ({error.strerror})") from None
    print(
        f"plankg serving {source} read-only on http://{args.host}:{args.port}/ (SPARQL at "
        "/sparql); Ctrl-C stops",
        flush=True,
    )
    serve(settings)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from plankg.compare import COLUMNS, compare, plot

    rows = compare(_open(args), args.indicator)
    if not rows:
        raise PlankgError(
            f"no target is linked to an indicator called {args.indicator!r} "
            "(see ontology/indicators.ttl for names and notations)"
        )
    sys.stdout.write(render(rows, list(COLUMNS), args.format))
    if args.png:
        print(f"wrote {plot(rows, Path(args.png))}", file=sys.stderr)
    return 0


def cmd_slogans(args: argparse.Namespace) -> int:
    from plankg.queries import get_query
    from plankg.tables import run_library_query

    name = "slogans_shared" if args.shared else "slogans"
    rows = run_library_query(_open(args), name)
    sys.stdout.write(render(rows, list(get_query(name).columns), args.format))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from plankg.validate import validate_files

    failures = 0
    for path, report in validate_files([Path(p) for p in args.files]):
        if report:
            failures += 1
            print(f"{path}: does not conform\n{report}", file=sys.stderr)
        else:
            print(f"{path}: conforms")
    return 1 if failures else 0


def cmd_ontology_doc(args: argparse.Namespace) -> int:
    from plankg.ontology_doc import write_ontology_page

    path = write_ontology_page(Path(args.out))
    print(f"wrote {path}")
    return 0


def cmd_network(args: argparse.Namespace) -> int:
    from plankg.network import (
        GRAPH_FORMATS,
        METRIC_COLUMNS,
        NetworkOptions,
        annotate_metrics,
        build_network,
        graph_to_string,
        network_metrics,
    )

    options = NetworkOptions(
        doc=args.doc,
        level=args.level,
        stated_only=args.stated_only,
        inferred_only=args.inferred_only,
        min_confidence=args.min_confidence,
        include_issuer=args.include_issuer,
    )
    graph = build_network(_open(args), args.kind, options)
    if args.metrics:
        fmt = args.format or "table"
        if fmt not in FORMATS:
            raise PlankgError(f"--metrics prints {', '.join(FORMATS)}, not {fmt}")
        text = render(network_metrics(graph), METRIC_COLUMNS, fmt)
    else:
        fmt = args.format or "graphml"
        if fmt not in GRAPH_FORMATS:
            raise PlankgError(f"a graph is written as {', '.join(GRAPH_FORMATS)}, not {fmt}")
        text = graph_to_string(annotate_metrics(graph), fmt)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(
            f"wrote {args.output}: {graph.number_of_nodes()} nodes, "
            f"{graph.number_of_edges()} edges",
            file=sys.stderr,
        )
    else:
        sys.stdout.write(text)
    return 0


def cmd_viz(args: argparse.Namespace) -> int:
    from plankg.network import NetworkOptions, annotate_metrics, build_network
    from plankg.viz import view_title, write_figure, write_html

    if not (args.output or args.png or args.svg):
        raise PlankgError("say where to write: -o FILE.html, --png FILE and/or --svg FILE")
    options = NetworkOptions(
        doc=args.doc,
        level=args.level,
        stated_only=args.stated_only,
        inferred_only=args.inferred_only,
        min_confidence=args.min_confidence,
        include_issuer=args.include_issuer,
    )
    store = _open(args)
    graph = annotate_metrics(build_network(store, args.kind, options))
    title = view_title(store, args.kind, args.doc)
    if args.output:
        write_html(graph, Path(args.output), title)
        print(f"wrote {args.output}", file=sys.stderr)
    for target, fmt in ((args.png, "png"), (args.svg, "svg")):
        if target:
            write_figure(graph, Path(target), title, fmt)
            print(f"wrote {target}", file=sys.stderr)
    return 0


def _documents(store, args):  # noqa: ANN001, ANN202
    from plankg import tables

    return tables.documents(store, args.doc)


def _targets(store, args):  # noqa: ANN001, ANN202
    from plankg import tables

    return tables.targets(store, args.doc, args.kind)


def _entities(store, args):  # noqa: ANN001, ANN202
    from plankg import tables

    return tables.entities(store, args.type)


def _commitments(store, args):  # noqa: ANN001, ANN202
    from plankg import tables

    return tables.commitments(store, args.doc, args.level)


def build_parser() -> argparse.ArgumentParser:
    from plankg import tables

    parser = argparse.ArgumentParser(
        prog="plankg",
        description="Chinese government plans and work reports as an RDF knowledge graph.",
    )
    parser.add_argument("--version", action="version", version=f"plankg {__version__}")
    parser.add_argument(
        "--store", help="store folder (default: $PLANKG_STORE or ~/.local/share/plankg/store)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(
        name: str,
        handler: Callable[[argparse.Namespace], int],
        help_text: str,
        formats: bool = True,
    ) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text, description=help_text)
        command.set_defaults(handler=handler)
        if formats:
            command.add_argument("--format", choices=FORMATS, default="table")
        return command

    build = add("build", cmd_build, "build documents into the store and graph files")
    build.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR")
    build.add_argument(
        "--out", default="graph", help="folder for <id>.ttl and <id>.nq (default: graph)"
    )
    build.add_argument("--no-files", action="store_true", help="do not write graph files")
    build.add_argument("--no-store", action="store_true", help="do not load the store")
    build.add_argument("--jobs", "-j", type=int, default=1, help="documents built in parallel")
    build.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="build on a Dask cluster, e.g. tcp://HOST:8786 (default: $PLANKG_SCHEDULER if "
        "set); its workers need plankg installed, not the files",
    )
    build.add_argument(
        "--force", action="store_true", help="rebuild documents whose source is unchanged"
    )
    build.add_argument("--viz", metavar="DIR", help="also write network views into DIR")

    docs = add(
        "documents",
        _table_command(_documents, tables.DOCUMENT_COLUMNS),
        "list documents with metadata and counts",
    )
    docs.add_argument("--doc", help="one document id")
    tgt = add(
        "targets",
        _table_command(_targets, tables.TARGET_COLUMNS),
        "list quantitative targets and reported outcomes",
    )
    tgt.add_argument("--doc", help="one document id")
    tgt.add_argument("--kind", choices=("target", "outcome"))
    ent = add(
        "entities",
        _table_command(_entities, tables.ENTITY_COLUMNS),
        "list places, organizations, projects and slogans",
    )
    ent.add_argument("--type", choices=("place", "organization", "project", "slogan"))
    com = add(
        "commitments",
        _table_command(_commitments, tables.COMMITMENT_COLUMNS),
        "list commitments with what they involve",
    )
    com.add_argument("--doc", help="one document id")
    com.add_argument("--level", choices=("item", "paragraph", "sentence"))

    query = add("query", cmd_query, "run a query from the library (queries/*.rq)")
    query.add_argument("name", nargs="?")
    query.add_argument("--list", action="store_true", help="list the library")
    query.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    sparql = add("sparql", cmd_sparql, "run a SPARQL SELECT given inline or as a file")
    sparql.add_argument("query", metavar="QUERY_OR_FILE")

    who_cmd = add(
        "who",
        cmd_who,
        "who is accountable for X (a phrase, place, company, "
        "slogan, indicator) or what body X is accountable for",
    )
    who_cmd.add_argument("x", metavar="X")
    who_cmd.add_argument("--doc", help="one document id")
    acc = add(
        "accountability",
        cmd_accountability,
        "the full responsibility matrix (commitments × bodies)",
    )
    acc.add_argument("--doc", help="one document id")
    acc.add_argument("--level", choices=("item", "paragraph", "sentence"))

    assign = sub.add_parser("assignments", help="official task-assignment tables (任务分工)")
    assign_sub = assign.add_subparsers(dest="assign_command", metavar="ACTION", required=True)
    export = assign_sub.add_parser("export", help="write a CSV template, one row a commitment")
    export.set_defaults(handler=cmd_assignments_export)
    export.add_argument("document", metavar="DOCUMENT_FILE")
    export.add_argument("-o", "--output", help="CSV file (default: standard output)")
    export.add_argument("--chinese", action="store_true", help="Chinese column headers")
    imp = assign_sub.add_parser(
        "import",
        help="record a filled table's lead and cooperating units as stated responsibilities",
    )
    imp.set_defaults(handler=cmd_assignments_import)
    imp.add_argument("table", metavar="TABLE.csv")
    imp.add_argument(
        "--document", required=True, metavar="DOCUMENT_FILE", help="the document the table assigns"
    )

    push = add(
        "push",
        cmd_push,
        "load the store's graphs into a SPARQL 1.1 server "
        "(Graph Store Protocol; each graph replaced)",
        formats=False,
    )
    push.add_argument(
        "--endpoint",
        required=True,
        help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store",
    )
    serve = add("serve", cmd_serve, "read-only SPARQL endpoint and web explorer", formats=False)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8750)
    serve.add_argument("--timeout", type=float, default=30.0, help="seconds per query")
    serve.add_argument("--max-rows", type=int, default=100_000)
    serve.add_argument(
        "--memory-limit", type=int, default=1024, metavar="MIB",
        help="resident memory of a query worker before its query is stopped",
    )
    serve.add_argument(
        "--query-workers", type=int, default=2, help="SPARQL worker processes per server process"
    )
    serve.add_argument(
        "--no-cache", action="store_true",
        help="render every page anew (pages and API answers are cached per store state)",
    )
    serve.add_argument(
        "--server-workers", type=int, default=min(2, os.cpu_count() or 1),
        help="server processes sharing the port (default: 2, or 1 on one core)",
    )
    serve.add_argument(
        "--request-timeout", type=float, default=10.0, metavar="SECONDS",
        help="time for a request to arrive whole before its connection is closed",
    )
    serve.add_argument(
        "--allow-host", action="append", default=[], metavar="NAME",
        help="a Host header name to accept besides 127.0.0.1/localhost (repeatable; * for any)",
    )
    serve.add_argument(
        "--max-answer-mb", type=int, default=64, metavar="MIB",
        help="with --endpoint: size of the remote server's answer to a /sparql query "
        "before it is refused (default: 64)",
    )

    cmp = add(
        "compare", cmd_compare, "one standard indicator's targets and outcomes by document and year"
    )
    cmp.add_argument("indicator", metavar="INDICATOR", help="name or notation, e.g. 国内生产总值")
    cmp.add_argument("--png", metavar="FILE", help="also plot it (PNG or SVG by suffix)")
    slo = add("slogans", cmd_slogans, "slogans with kind, expansion and where they occur")
    slo.add_argument(
        "--shared", action="store_true", help="only slogans found in more than one document"
    )

    validate = add(
        "validate", cmd_validate, "check graph files against the SHACL shapes", formats=False
    )
    validate.add_argument("files", nargs="+", metavar="FILE.ttl")
    onto = add("ontology-doc", cmd_ontology_doc, "write the ontology's HTML page", formats=False)
    onto.add_argument("--out", default="ontology/index.html")

    network = add(
        "network",
        cmd_network,
        "a responsibility network as GraphML, GEXF, JSON or CSV, or its metrics",
        formats=False,
    )
    viz = add(
        "viz",
        cmd_viz,
        "a responsibility network as an offline interactive HTML page, PNG or SVG",
        formats=False,
    )
    network.add_argument(
        "--format",
        choices=("graphml", "gexf", "json", "csv", "table", "tsv", "markdown"),
        help="graphml (default), gexf, json (node-link) or csv (edges); "
        "with --metrics: table (default), csv, tsv, json or markdown",
    )
    network.add_argument("--metrics", action="store_true", help="print node metrics instead")
    network.add_argument("-o", "--output", metavar="FILE", help="write here, not to stdout")
    viz.add_argument("-o", "--output", metavar="FILE.html", help="the interactive page")
    viz.add_argument("--png", metavar="FILE", help="a static PNG figure")
    viz.add_argument("--svg", metavar="FILE", help="a static SVG figure")
    for command in (network, viz):
        command.add_argument(
            "--kind",
            choices=("responsibility", "co-responsibility", "place-body", "slogan-section"),
            default="responsibility",
        )
        command.add_argument("--doc", help="one document id")
        command.add_argument(
            "--level",
            choices=("item", "sentence", "all"),
            default="item",
            help="item: item- and paragraph-level commitments (default)",
        )
        basis = command.add_mutually_exclusive_group()
        basis.add_argument("--stated-only", action="store_true")
        basis.add_argument("--inferred-only", action="store_true")
        command.add_argument("--min-confidence", type=float, default=0.0, metavar="X")
        command.add_argument(
            "--include-issuer",
            action="store_true",
            help="keep the issuing government (accountable for everything; left out by default)",
        )
    for command in (docs, tgt, ent, com, query, sparql, who_cmd, acc, cmp, slo, network, viz,
                    serve):
        command.add_argument(
            "--endpoint",
            metavar="URL",
            help="read from this SPARQL 1.1 query endpoint instead of the embedded store "
            "(default: $PLANKG_ENDPOINT if set); its default graph must be the union of the "
            "named graphs, see README",
        )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return args.handler(args)
    except PlankgError as error:
        print(f"plankg: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
