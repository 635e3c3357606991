"""The ``plankg`` command: small subcommands that compose (Datasette-style).

User mistakes become one line on stderr and a non-zero exit; only bugs show a traceback.
"""

from __future__ import annotations

import argparse
import sys
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
    from plankg.store import open_store

    return open_store(args.store, read_only=read_only)


def cmd_build(args: argparse.Namespace) -> int:
    from plankg.build import build_one, load_vocabulary

    paths = _expand_inputs(args.inputs)
    if not paths:
        raise PlankgError("no documents to build (give files or folders)")
    store = None if args.no_store else _open(args, read_only=False)
    if store is not None:
        load_vocabulary(store)
    out_dir = None if args.no_files else Path(args.out)
    failures = 0
    rows = []
    for path in paths:
        try:
            result = build_one(path, store=store, out_dir=out_dir)
        except PlankgError as error:
            failures += 1
            print(f"plankg: error: {error}", file=sys.stderr)
            continue
        for warning in result.warnings:
            print(f"plankg: warning: {warning}", file=sys.stderr)
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
    columns = ["id", "title", "sentences", "commitments", "targets", "mentions", "triples"]
    sys.stdout.write(render(rows, columns, args.format))
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
    from plankg.tables import run_library_query

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
    rows = run_library_query(_open(args), args.name, params)
    columns = list(query.columns) or (list(rows[0]) if rows else [])
    sys.stdout.write(render(rows, columns, args.format))
    return 0


def cmd_sparql(args: argparse.Namespace) -> int:
    from plankg.store import select
    from plankg.tables import python_value

    text = args.query
    if Path(text).suffix == ".rq" or (len(text) < 4096 and Path(text).is_file()):
        try:
            text = Path(text).read_text(encoding="utf-8")
        except OSError as error:
            raise PlankgError(f"{args.query}: cannot read ({error.strerror})") from None
    try:
        variables, rows = select(_open(args), text)
    except SyntaxError as error:
        raise PlankgError(f"SPARQL syntax error: {error}") from None
    records = [{v: python_value(t) for v, t in zip(variables, row, strict=True)} for row in rows]
    sys.stdout.write(render(records, variables, args.format))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from plankg.validate import validate_file

    failures = 0
    for path in args.files:
        report = validate_file(Path(path))
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

    validate = add(
        "validate", cmd_validate, "check graph files against the SHACL shapes", formats=False
    )
    validate.add_argument("files", nargs="+", metavar="FILE.ttl")
    onto = add("ontology-doc", cmd_ontology_doc, "write the ontology's HTML page", formats=False)
    onto.add_argument("--out", default="ontology/index.html")
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
