"""The ``plankg`` command: small subcommands that compose (Datasette-style).

User mistakes become one line on stderr and a non-zero exit; only bugs show a traceback.
``main`` runs a command; the parser is built in ``parser`` with the conventions of
``options``; each family of commands is a module that registers its own (``building``,
``listing``, ``querying``, ``networks``, ``serving``) and imports what is heavy only when
one of its commands runs.
"""

from plankg.cli.main import main
from plankg.cli.parser import build_parser

__all__ = ["build_parser", "main"]
