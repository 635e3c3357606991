"""Where the shipped resources live: the repo's top-level folders, or their copies in the wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def _resource_dir(name: str) -> Path:
    # In a checkout the folders sit next to the package; in a wheel they are inside it.
    for candidate in (_PACKAGE.parent / name, _PACKAGE / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"plankg resource folder {name!r} not found")


def ontology_dir() -> Path:
    return _resource_dir("ontology")


def queries_dir() -> Path:
    return _resource_dir("queries")
