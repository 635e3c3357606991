"""Commands that write: ``build``, ``assignments``, ``push``, ``ontology-doc``, and
``validate`` (which checks the files ``build`` wrote)."""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from plankg.cli.common import open_store, print_rows
from plankg.cli.options import add_format, add_store, positive_int
from plankg.errors import PlankgError

SUPPORTED_SUFFIXES = (".txt", ".text", ".html", ".htm", ".docx", ".pdf")
BUILD_COLUMNS = ["id", "title", "sentences", "commitments", "targets", "mentions", "triples"]


def expand_inputs(inputs: Sequence[str]) -> tuple[list[Path], list[str]]:
    """The files to build (folders searched recursively for supported files) and one
    message for each input that is not there."""
    paths: list[Path] = []
    missing: list[str] = []
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
        elif path.is_file():
            paths.append(path)
        else:
            missing.append(f"{item}: no such file or folder")
    return paths, missing


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


class DocumentProgress:
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


def _summary(built: int, triples: int, skipped: int, failed: int, warnings: int) -> str:
    """The last line of a build, on stderr (the table of what was built is the output)."""
    done = f"built {built} documents ({triples} triples), skipped {skipped} unchanged"
    if failed:
        total = built + skipped + failed
        return f"plankg: {failed} of {total} documents failed; {done}, {warnings} warnings"
    return f"{done}, 0 failed, {warnings} warnings"


def cmd_build(args: argparse.Namespace) -> int:
    paths, missing = expand_inputs(args.inputs)
    for message in missing:  # before anything heavy is imported or opened
        print(f"plankg: error: {message}", file=sys.stderr)
    if not paths:
        if missing:
            print(_summary(0, 0, 0, len(missing), 0), file=sys.stderr)
            return 1
        raise PlankgError("no documents to build (give files, or folders holding "
                          f"{', '.join(SUPPORTED_SUFFIXES)} files)")

    from plankg.build import build_many, load_vocabulary
    from plankg.progress import set_reporter

    set_reporter(DocumentProgress())
    store = None if args.no_store else open_store(args, read_only=False)
    if store is None and args.viz:
        import pyoxigraph as ox

        from plankg.store import EmbeddedStore

        # In memory: the views need a store, the user asked for none.
        store = EmbeddedStore(ox.Store())
    if store is not None:
        load_vocabulary(store)
    out_dir = None if args.no_files else Path(args.out)
    failures, skipped, warnings, triples = len(missing), 0, 0, 0
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
    # The table of what was built: none when nothing was (an empty table says nothing).
    if rows and (len(rows) <= 50 or args.format != "table"):
        print_rows(rows, BUILD_COLUMNS, args.format)
    print(_summary(len(rows), triples, skipped, failures, warnings), file=sys.stderr)
    return 1 if failures else 0


def cmd_assignments_export(args: argparse.Namespace) -> int:
    _require_file(args.document)
    from plankg.assignments import export_template, write_template
    from plankg.pipeline import build_document

    doc = build_document(args.document)
    rows = export_template(doc)
    if args.output:
        write_template(rows, Path(args.output), chinese=args.chinese)
        print(f"wrote {len(rows)} rows to {args.output}")
    else:
        columns = ["commitment_id", "path", "text", "lead_units", "cooperating_units"]
        print_rows(rows, columns, "csv")
    return 0


def _require_file(path: str) -> None:
    if not Path(path).is_file():
        reason = "is a folder, not a file" if Path(path).is_dir() else "no such file"
        raise PlankgError(f"{path}: {reason}")


def cmd_assignments_import(args: argparse.Namespace) -> int:
    _require_file(args.table)
    _require_file(args.document)
    import hashlib

    from plankg.assignments import read_assignment_table
    from plankg.build import assignment_graph_triples
    from plankg.output import ntriples_lines
    from plankg.pipeline import build_document

    doc = build_document(args.document)
    imported = read_assignment_table(Path(args.table), [doc])
    for warning in imported.warnings:
        print(f"plankg: warning: {warning}", file=sys.stderr)
    if not imported.responsibilities:
        if not imported.matched and not imported.warnings:  # rows without any unit
            raise PlankgError(
                f"{args.table}: no row names a unit; fill lead_units or cooperating_units "
                "(牵头单位/配合单位) first"
            )
        raise PlankgError(f"{args.table}: no row matched a commitment of {doc.id}")
    graph, triples = assignment_graph_triples(
        doc, imported.responsibilities + imported.inherited
    )
    store = open_store(args, read_only=False)
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
    from plankg.store import RemoteStore, push_store
    from plankg.store import open_store as open_embedded

    target = RemoteStore(args.endpoint, graph_store=args.endpoint)
    graphs = push_store(open_embedded(args.store, read_only=True), target)
    for graph in graphs:
        print(f"pushed <{graph}>")
    print(f"{len(graphs)} graphs pushed to {args.endpoint} (each replaced, not appended)")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    for path in args.files:
        _require_file(path)
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


def register(sub: argparse._SubParsersAction) -> None:
    build = sub.add_parser(
        "build",
        help="build documents into the store and graph files",
        description="Build documents (.txt .html .docx .pdf; folders recursively) into the "
        "store and into graph files; unchanged documents are skipped.",
    )
    build.set_defaults(handler=cmd_build)
    build.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR", help="documents or folders")
    build.add_argument("--out", default="graph", metavar="DIR",
                       help="folder for <id>.ttl and <id>.nq")
    build.add_argument("--no-files", action="store_true", help="do not write graph files")
    build.add_argument("--no-store", action="store_true", help="do not load the store")
    build.add_argument("--jobs", "-j", type=positive_int, default=1, metavar="N",
                       help="documents built in parallel")
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
    add_format(build)
    add_store(build)

    assign = sub.add_parser("assignments", help="official task-assignment tables (任务分工)",
                            description="Official task-assignment tables (任务分工).")
    assign_sub = assign.add_subparsers(dest="assign_command", metavar="ACTION", required=True)
    export = assign_sub.add_parser(
        "export", help="write a CSV template, one row a commitment",
        description="Write a CSV template, one row a commitment, to fill with lead and "
        "cooperating units.",
    )
    export.set_defaults(handler=cmd_assignments_export)
    export.add_argument("document", metavar="DOCUMENT_FILE", help="the document to assign")
    export.add_argument("-o", "--output", metavar="FILE.csv",
                        help="CSV file (default: standard output)")
    export.add_argument("--chinese", action="store_true", help="Chinese column headers")
    imp = assign_sub.add_parser(
        "import",
        help="record a filled table's lead and cooperating units as stated responsibilities",
        description="Record a filled table's lead and cooperating units as stated "
        "responsibilities (basis: assignment) in the store.",
    )
    imp.set_defaults(handler=cmd_assignments_import)
    imp.add_argument("table", metavar="TABLE.csv",
                     help="the filled table (CSV; 牵头单位/配合单位 columns also read)")
    imp.add_argument(
        "--document", required=True, metavar="DOCUMENT_FILE", help="the document the table assigns"
    )
    add_store(imp)

    push = sub.add_parser(
        "push",
        help="load the store's graphs into a SPARQL 1.1 server (Graph Store Protocol; each "
        "graph replaced)",
        description="Load the store's graphs into a SPARQL 1.1 server through the Graph Store "
        "Protocol; each graph is replaced, not appended to.",
    )
    push.set_defaults(handler=cmd_push)
    push.add_argument(
        "--endpoint",
        required=True,
        metavar="URL",
        help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store",
    )
    add_store(push)

    validate = sub.add_parser(
        "validate", help="check graph files against the SHACL shapes",
        description="Check graph files against the SHACL shapes in ontology/shapes.ttl.",
    )
    validate.set_defaults(handler=cmd_validate)
    validate.add_argument("files", nargs="+", metavar="FILE.ttl", help="graph files")
    onto = sub.add_parser("ontology-doc", help="write the ontology's HTML page",
                          description="Write the ontology's HTML page.")
    onto.set_defaults(handler=cmd_ontology_doc)
    onto.add_argument("--out", default="ontology/index.html", metavar="FILE.html",
                      help="where to write the page")
