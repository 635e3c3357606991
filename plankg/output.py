"""Graph files: ``<id>.ttl`` for people, ``<id>.nq`` (one named graph) for machines.

Both are written by hand from sorted triples rather than by rdflib's serializers, for
speed and so the same input gives byte-identical files. Files are written to temporary
names and renamed into place only when all of them are complete.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from rdflib import RDF, Literal, URIRef

from plankg.namespaces import PREFIXES
from plankg.rdf import Triple

_LOCAL_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
# Longest namespace first, so id: does not shadow a longer one.
_PREFIX_ORDER = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@lru_cache(maxsize=1 << 16)
def nt_term(term: URIRef | Literal) -> str:
    """A term in N-Triples syntax (also valid Turtle and SPARQL): one line, escaped."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    text = f'"{str(term).translate(_ESCAPES)}"'
    if term.language:
        return f"{text}@{term.language}"
    if term.datatype is not None and str(term.datatype) != _XSD_STRING:
        return f"{text}^^<{term.datatype}>"
    return text


@lru_cache(maxsize=1 << 16)
def _term(term: URIRef | Literal) -> str:
    if isinstance(term, URIRef):
        if term == RDF.type:
            return "a"
        value = str(term)
        for prefix, namespace in _PREFIX_ORDER:
            if value.startswith(namespace) and _LOCAL_NAME_RE.match(value[len(namespace) :]):
                return f"{prefix}:{value[len(namespace) :]}"
    return nt_term(term)


def turtle(triples: Iterable[Triple]) -> str:
    lines = [f"@prefix {prefix}: <{namespace}> ." for prefix, namespace in sorted(PREFIXES.items())]
    lines.append("")
    rdf_type = str(RDF.type)  # compared as str: rdflib's term equality is slow
    unique = sorted(
        set(triples),
        key=lambda t: (str(t[0]), str(t[1]) != rdf_type, str(t[1]), nt_term(t[2])),
    )
    for subject, group in groupby(unique, key=lambda t: t[0]):
        statements = [f"{_term(p)} {_term(o)}" for _, p, o in group]
        lines.append(f"{_term(subject)}\n    " + " ;\n    ".join(statements) + " .\n")
    return "\n".join(lines)


def ntriples_lines(triples: Iterable[Triple]) -> list[str]:
    return sorted({f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n" for s, p, o in triples})


def nquads(triples: Iterable[Triple], graph: URIRef) -> str:
    name = f" <{graph}> .\n"
    return "".join(line[: -len(" .\n")] + name for line in ntriples_lines(triples))


def write_atomically(files: dict[Path, str]) -> None:
    """Write every file to a temporary sibling first, then rename them all into place."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, content in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(content)
            staged.append((Path(temp), path))
        for temp, path in staged:
            os.replace(temp, path)
    finally:
        for temp, _ in staged:
            if temp.exists():
                temp.unlink()
