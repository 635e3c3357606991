"""Commands that ask: ``who``, ``query`` (the library) and ``sparql`` (any SELECT)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from plankg.cli.common import document_of, open_store, print_rows
from plankg.cli.options import add_reader
from plankg.errors import PlankgError
from plankg.formats import render


def cmd_query(args: argparse.Namespace) -> int:
    from plankg.queries import bindings_for, get_query, library

    if args.list or not args.name:
        rows = [
            {
                "name": q.name,
                "title": q.title,
                "parameters": ", ".join(p.name + ("?" if p.optional else "") for p in q.parameters),
            }
            for q in library().values()
        ]
        print_rows(rows, ["name", "title", "parameters"], args.format)
        return 0
    params: dict[str, str] = {}
    for item in args.param:
        key, sep, value = item.partition("=")
        if not sep:
            raise PlankgError(f"--param needs NAME=VALUE, got {item!r}")
        params[key.strip()] = value
    query = get_query(args.name)
    bindings = bindings_for(query, params)  # checks names, types and allowed values first
    store = open_store(args)
    if params.get("doc") and any(p.name == "doc" and p.type == "iri" for p in query.parameters):
        from plankg.tables import require_document

        require_document(store, params["doc"])
    _print_select(
        args, store, query.text, bindings, list(query.columns), {p.name for p in query.parameters}
    )
    return 0


def _print_select(
    args: argparse.Namespace,
    store: Any,
    text: str,
    bindings: dict,
    columns: list[str],
    hidden: set[str],
) -> None:
    """A SELECT's results in the chosen format; ``json`` is SPARQL 1.1 results JSON."""
    from plankg.sparql_errors import syntax_error_line
    from plankg.sparql_protocol import serialize_select
    from plankg.tables import python_value

    try:
        variables, rows = store.select(text, bindings)
    except SyntaxError as error:
        raise PlankgError(syntax_error_line(str(error), text)) from None
    shown = [i for i, v in enumerate(variables) if v not in hidden]
    variables = [variables[i] for i in shown]
    rows = [[row[i] for i in shown] for row in rows]
    if args.format == "json":
        sys.stdout.write(serialize_select(variables, rows, "json").decode("utf-8") + "\n")
        return
    records = [
        {v: python_value(term) for v, term in zip(variables, row, strict=True)} for row in rows
    ]
    print_rows(records, columns or variables, args.format)


def cmd_sparql(args: argparse.Namespace) -> int:
    from plankg.sparql_errors import QUERY_FORMS, is_update, operation

    text = args.query
    if Path(text).suffix == ".rq" or (len(text) < 4096 and Path(text).is_file()):
        try:
            text = Path(text).read_text(encoding="utf-8")
        except OSError as error:
            raise PlankgError(f"{args.query}: cannot read ({error.strerror})") from None
    if is_update(text):
        raise PlankgError(
            f"SPARQL updates ({operation(text)}) are refused: `plankg sparql` only reads; "
            "the store changes through `plankg build`"
        )
    if operation(text) in QUERY_FORMS - {"SELECT"}:
        raise PlankgError(f"`plankg sparql` runs SELECT queries, not {operation(text)}")
    _print_select(args, open_store(args), text, {}, [], set())
    return 0


def cmd_who(args: argparse.Namespace) -> int:
    from plankg.answers import who
    from plankg.identity import document_iri

    store = open_store(args)
    doc = document_of(store, args)
    result = who(store, args.x, str(document_iri(doc)) if doc else None)
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
    if not doc:
        columns.insert(1, "document")
    if args.format != "table":
        columns.append("paths")
    sys.stdout.write(render(rows, columns, args.format))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    who = sub.add_parser(
        "who",
        help="who is accountable for X (a phrase, place, company, slogan, indicator) or what "
        "body X is accountable for",
        description="Who is accountable for X (a phrase, place, company, slogan, indicator), "
        "or, when X is a body, what it is accountable for.",
    )
    who.set_defaults(handler=cmd_who)
    who.add_argument("x", metavar="X", help="what to ask about, e.g. 污水处理 or 区生态环境局")
    add_reader(who, doc="only in this document")

    query = sub.add_parser(
        "query",
        help="run a query from the library (queries/*.rq)",
        description="Run a query from the library (queries/*.rq); without a name, list them.",
    )
    query.set_defaults(handler=cmd_query)
    query.add_argument("name", nargs="?", help="the query's name (see --list)")
    query.add_argument("--list", action="store_true", help="list the library")
    query.add_argument(
        "--param", action="append", default=[], metavar="NAME=VALUE",
        help="a parameter, as the query's header declares it (repeatable); doc= takes a "
        "document's id",
    )
    add_reader(query)

    sparql = sub.add_parser(
        "sparql",
        help="run a SPARQL SELECT given inline or as a file",
        description="Run a SPARQL SELECT given inline or as a .rq file (read only: updates "
        "are refused).",
    )
    sparql.set_defaults(handler=cmd_sparql)
    sparql.add_argument("query", metavar="QUERY_OR_FILE", help="the query text, or a file")
    add_reader(sparql)
