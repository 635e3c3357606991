"""What the commands share: the store they read or write, the documents they are asked
about, rows printed in the chosen format. Heavy modules are imported inside functions, so
a mistake (a missing file, an unknown option) is reported before they load."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from plankg.formats import render


def open_store(args: argparse.Namespace, *, read_only: bool = True):  # noqa: ANN201
    """The store a command reads or writes: ``--endpoint`` (or ``$PLANKG_ENDPOINT``), a
    SPARQL 1.1 query endpoint, for commands that only read; else the embedded store."""
    from plankg.store import (
        STORE_FORMAT,
        RemoteStore,
        default_store_path,
        outdated_documents,
    )
    from plankg.store import open_store as open_embedded

    endpoint = getattr(args, "endpoint", None) or (
        os.environ.get("PLANKG_ENDPOINT") if read_only and hasattr(args, "endpoint") else None
    )
    if endpoint and read_only:
        return RemoteStore(endpoint)
    store = open_embedded(args.store, read_only=read_only)
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


def document_of(store: Any, args: argparse.Namespace) -> str | None:
    """The id of the document ``--doc`` names (an id or an IRI), checked against the
    store: an unknown one is an error that lists what there is."""
    if not getattr(args, "doc", None):
        return None
    from plankg.tables import require_document

    return require_document(store, args.doc)


def print_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str) -> None:
    sys.stdout.write(render(rows, columns, fmt))


def table_command(
    fetch: Callable[[Any, argparse.Namespace], tuple[list[dict[str, Any]], Sequence[str]]],
) -> Callable[[argparse.Namespace], int]:
    """A command that prints one table: ``fetch(store, args)`` gives its rows and columns,
    after ``--doc`` (if the command has it) is checked and made an id."""

    def run(args: argparse.Namespace) -> int:
        store = open_store(args)
        if getattr(args, "doc", None):
            args.doc = document_of(store, args)
        rows, columns = fetch(store, args)
        print_rows(rows, columns, args.format)
        return 0

    return run
