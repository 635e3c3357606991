"""The parser's conventions: one-line usage errors, help that shows every default, and the
options several commands share (``--store``, ``--endpoint``, ``--format``, ``--doc``).

``--store`` is global: accepted before the command (``plankg --store DIR who X``) and after
it (``plankg who X --store DIR``). After the command it is defined with a suppressed
default, so leaving it out there keeps the value given before the command.
"""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from plankg.formats import FORMATS

STORE_HELP = "store folder (default: $PLANKG_STORE, else ~/.local/share/plankg/store)"
ENDPOINT_HELP = (
    "read from this SPARQL 1.1 query endpoint instead of the embedded store (default: "
    "$PLANKG_ENDPOINT if set); its default graph must be the union of the named graphs, "
    "see README"
)


class HelpFormatter(argparse.HelpFormatter):
    """Appends ``(default: X)`` to an option's help unless the help already says it or
    there is nothing to say (no value, a flag that is off)."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        default = action.default
        if (
            "default" not in text
            and action.option_strings
            and default not in (None, False, argparse.SUPPRESS)
            and default != []
            and action.nargs != 0
        ):
            text += " (default: %(default)s)"
        return text


class Parser(argparse.ArgumentParser):
    """A usage mistake is one line on stderr and exit 2, like every other user error; the
    full usage is one ``--help`` away."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")
        sys.exit(2)


def add_store(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    parser.add_argument(
        "--store",
        metavar="DIR",
        default=None if top else argparse.SUPPRESS,
        help=STORE_HELP,
    )


def add_endpoint(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--endpoint", metavar="URL", help=ENDPOINT_HELP)


def add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="table for people; json, csv, tsv or markdown for machines",
    )


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is less than 1")
    return value


def document_id_text(text: str) -> str:
    """An argparse type: a document id or IRI, not empty."""
    if not text.strip():
        raise argparse.ArgumentTypeError("empty: give a document id (see `plankg documents`)")
    return text.strip()


def add_doc(parser: argparse.ArgumentParser, what: str = "only this document") -> None:
    parser.add_argument(
        "--doc", metavar="ID", type=document_id_text,
        help=f"{what}, by its id (see `plankg documents`) or IRI",
    )


def add_reader(
    parser: argparse.ArgumentParser, *, formats: bool = True, doc: str | None = None
) -> None:
    """The options of a command that reads the store: ``--store``, ``--endpoint``, and
    ``--format`` and ``--doc`` when it prints rows about documents."""
    if doc is not None:
        add_doc(parser, doc)
    if formats:
        add_format(parser)
    add_store(parser)
    add_endpoint(parser)
