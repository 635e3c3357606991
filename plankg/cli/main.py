"""Parse, run the command, turn a user's mistake into one line and an exit code."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from plankg.cli.parser import build_parser
from plankg.errors import PlankgError


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
