"""Commands that list what the store holds: ``documents``, ``targets``, ``entities``,
``commitments``, ``accountability``, ``slogans``, ``compare``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from plankg.cli.common import open_store, print_rows, table_command
from plankg.cli.options import add_reader
from plankg.errors import PlankgError

# Each gives the rows of its table and their columns (``plankg.tables``, imported when a
# command runs: it brings rdflib and the store along).
Table = tuple[list[dict[str, Any]], Sequence[str]]


def _documents(store: Any, args: argparse.Namespace) -> Table:
    from plankg import tables

    return tables.documents(store, args.doc), tables.DOCUMENT_COLUMNS


def _targets(store: Any, args: argparse.Namespace) -> Table:
    from plankg import tables

    return tables.targets(store, args.doc, args.kind), tables.TARGET_COLUMNS


def _entities(store: Any, args: argparse.Namespace) -> Table:
    from plankg import tables

    return tables.entities(store, args.type), tables.ENTITY_COLUMNS


def _commitments(store: Any, args: argparse.Namespace) -> Table:
    from plankg import tables

    # Each commitment's responsibilities are nested objects: JSON only (the README's
    # contract); the flat formats show them with `plankg accountability`.
    rows = tables.commitments(
        store, args.doc, args.level, with_responsibilities=args.format == "json"
    )
    return rows, tables.COMMITMENT_COLUMNS


def _accountability(store: Any, args: argparse.Namespace) -> Table:
    from plankg import tables

    return tables.responsibilities(store, args.doc, args.level), tables.RESPONSIBILITY_COLUMNS


def cmd_compare(args: argparse.Namespace) -> int:
    from plankg.compare import COLUMNS, compare, plot

    rows = compare(open_store(args), args.indicator)
    if not rows:
        raise PlankgError(
            f"no target is linked to an indicator called {args.indicator!r} "
            "(see ontology/indicators.ttl for names and notations)"
        )
    print_rows(rows, list(COLUMNS), args.format)
    if args.png:
        print(f"wrote {plot(rows, Path(args.png))}", file=sys.stderr)
    return 0


def cmd_slogans(args: argparse.Namespace) -> int:
    from plankg.queries import get_query
    from plankg.tables import run_library_query

    name = "slogans_shared" if args.shared else "slogans"
    rows = run_library_query(open_store(args), name)
    print_rows(rows, list(get_query(name).columns), args.format)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    def add(name: str, handler: Any, help_text: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text, description=help_text[:1].upper()
                                 + help_text[1:] + ".")
        command.set_defaults(handler=handler)
        return command

    docs = add("documents", table_command(_documents),
               "list documents with metadata and counts")
    add_reader(docs, doc="only this document")

    tgt = add("targets", table_command(_targets),
              "list quantitative targets and reported outcomes")
    tgt.add_argument("--kind", choices=("target", "outcome"),
                     help="only targets, or only figures reported as past results "
                     "(default: both)")
    add_reader(tgt, doc="only this document's")

    ent = add("entities", table_command(_entities),
              "list places, organizations, projects and slogans")
    ent.add_argument("--type", choices=("place", "organization", "project", "slogan"),
                     help="only this category (default: all four)")
    add_reader(ent)

    com = add("commitments", table_command(_commitments),
              "list commitments with what they involve (and, as JSON, their "
              "responsibilities)")
    com.add_argument("--level", choices=("item", "paragraph", "sentence"),
                     help="only commitments at this level (default: all)")
    add_reader(com, doc="only this document's")

    acc = add("accountability",
              table_command(_accountability),
              "the full responsibility matrix (commitments × bodies)")
    acc.add_argument(
        "--level", choices=("item", "sentence", "all"), default="all",
        help="item: the commitments of items and of paragraphs outside items (every "
        "document's tasks; the State Council's reports commit by paragraph); sentence: "
        "those of single sentences",
    )
    add_reader(acc, doc="only this document's")

    slo = add("slogans", cmd_slogans, "slogans with kind, expansion and where they occur")
    slo.add_argument(
        "--shared", action="store_true", help="only slogans found in more than one document"
    )
    add_reader(slo)

    cmp = add("compare", cmd_compare,
              "one standard indicator's targets and outcomes by document and year")
    cmp.add_argument("indicator", metavar="INDICATOR", help="name or notation, e.g. 国内生产总值")
    cmp.add_argument("--png", metavar="FILE", help="also plot it (PNG or SVG by suffix)")
    add_reader(cmp)
