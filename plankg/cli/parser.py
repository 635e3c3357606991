"""The ``plankg`` parser: global options, then each family of commands registers its own
(``building``, ``listing``, ``querying``, ``networks``, ``serving``)."""

from __future__ import annotations

import argparse

from plankg import __version__
from plankg.cli import building, listing, networks, querying, serving
from plankg.cli.options import Parser, add_store


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="plankg",
        description="Chinese government plans and work reports as an RDF knowledge graph: "
        "who is accountable for what. Global options (--store) may also follow the command.",
    )
    parser.add_argument("--version", action="version", version=f"plankg {__version__}")
    add_store(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for family in (building, listing, querying, networks, serving):
        family.register(sub)
    return parser
