"""The SPARQL query library: ``queries/*.rq`` files with a readable header.

Header lines (comments at the top of the file)::

    # title: 中文标题 | English title
    # description: what the query answers
    # param: NAME TYPE [optional] -- what it means (values: A, B) (example: VALUE)
    # columns: a, b, c

Parameters are SPARQL variables written ``$NAME``. Each is made an RDF term of its
type and takes the place of its ``$NAME`` tokens in the graph patterns
(``plankg.remote.substitute``), so a given value is an index lookup and never query
syntax; an optional parameter left out stays a variable and matches everything. A
parameter with ``(values: …)`` takes only those values; any other is an error naming them. A
parameter also appears in the SELECT projection (the runner drops it from what it
shows). Optional value filters use ``FILTER(?x = COALESCE($param, ?x))``.

How to write queries that stay fast on a corpus (GRAPH blocks, selective OPTIONALs,
no ``*`` paths), as measured on Oxigraph at 1,000 documents: ``queries/README.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from plankg.errors import PlankgError
from plankg.resources import queries_dir

PARAM_TYPES = ("iri", "string", "langstring", "integer", "decimal", "phrase")
_PARAM_RE = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>\w+)(?P<optional>\s+optional)?"
    r"(?:\s+--\s*(?P<doc>.*?))?\s*(?:\(values:\s*(?P<values>[^)]*)\))?"
    r"\s*(?:\(example:\s*(?P<example>.*)\))?$"
)
_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    optional: bool
    description: str
    example: str | None
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class LibraryQuery:
    name: str
    title_zh: str
    title_en: str
    description: str
    parameters: tuple[Parameter, ...]
    columns: tuple[str, ...]
    text: str
    path: Path

    def describe(self) -> dict[str, object]:
        """The query's header as plain data (for JSON listings and forms)."""
        return {
            "name": self.name,
            "title_zh": self.title_zh,
            "title_en": self.title_en,
            "description": self.description,
            "columns": list(self.columns),
            "parameters": [
                {
                    "name": p.name,
                    "type": p.type,
                    "optional": p.optional,
                    "description": p.description,
                    "example": p.example,
                    "values": list(p.values),
                }
                for p in self.parameters
            ],
        }

    @property
    def title(self) -> str:
        return f"{self.title_zh} | {self.title_en}" if self.title_en else self.title_zh


def parse_query_file(path: Path) -> LibraryQuery:
    text = path.read_text(encoding="utf-8")
    header: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line.lstrip("# ").partition(":")
        header.setdefault(key.strip().lower(), []).append(value.strip())
    title = header.get("title", [path.stem])[0]
    title_zh, _, title_en = (part.strip() for part in title.partition("|"))
    parameters = []
    for spec in header.get("param", []):
        match = _PARAM_RE.match(spec)
        if not match or match.group("type") not in PARAM_TYPES:
            raise PlankgError(f"{path}: bad parameter line: {spec}")
        parameters.append(
            Parameter(
                name=match.group("name"),
                type=match.group("type"),
                optional=bool(match.group("optional")),
                description=(match.group("doc") or "").strip(),
                example=(match.group("example") or None),
                values=tuple(
                    v.strip() for v in (match.group("values") or "").split(",") if v.strip()
                ),
            )
        )
    columns = tuple(c.strip() for c in ",".join(header.get("columns", [])).split(",") if c.strip())
    return LibraryQuery(
        name=path.stem,
        title_zh=title_zh,
        title_en=title_en,
        description=" ".join(header.get("description", [])),
        parameters=tuple(parameters),
        columns=columns,
        text=text,
        path=path,
    )


@cache
def library() -> dict[str, LibraryQuery]:
    return {p.stem: parse_query_file(p) for p in sorted(queries_dir().glob("*.rq"))}


def get_query(name: str) -> LibraryQuery:
    queries = library()
    if name not in queries:
        close = [n for n in queries if name in n or n in name]
        hint = f"; did you mean {', '.join(close)}?" if close else "; see `plankg query --list`"
        raise PlankgError(f"no library query named {name!r}{hint}")
    return queries[name]


def bind_parameter(parameter: Parameter, value: str) -> ox.NamedNode | ox.Literal:
    """Turn a user's string into an RDF term of the parameter's declared type."""
    if parameter.values and value not in parameter.values:
        raise PlankgError(
            f"parameter {parameter.name}: {value!r} is not one of {', '.join(parameter.values)}"
        )
    try:
        if parameter.type == "iri":
            if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$", value):
                raise ValueError("not an absolute IRI")
            return ox.NamedNode(value)
        if parameter.type == "integer":
            if parameter.name == "page" and int(value) < 1:
                raise ValueError("pages count from 1")
            return ox.Literal(str(int(value)), datatype=ox.NamedNode(_XSD + "integer"))
        if parameter.type == "decimal":
            return ox.Literal(str(float(value)), datatype=ox.NamedNode(_XSD + "decimal"))
        if parameter.type == "langstring":
            return ox.Literal(value, language="zh")
        return ox.Literal(value)
    except ValueError as error:
        raise PlankgError(
            f"parameter {parameter.name}: {value!r} is not a valid {parameter.type} ({error})"
        ) from None


def bindings_for(
    query: LibraryQuery, values: dict[str, str]
) -> dict[str, ox.NamedNode | ox.Literal]:
    known = {p.name: p for p in query.parameters}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise PlankgError(
            f"query {query.name} has no parameter {', '.join(unknown)}; "
            f"it takes: {', '.join(known) or 'none'}"
        )
    missing = [p.name for p in query.parameters if not p.optional and p.name not in values]
    if missing:
        raise PlankgError(f"query {query.name} needs --param {missing[0]}=VALUE")
    values = expand_document_ids(query, values)
    bindings = {name: bind_parameter(known[name], value) for name, value in values.items()}
    for name, value in values.items():
        if known[name].type == "phrase":
            bindings.update(phrase_bindings(name, value))
    return bindings


def expand_document_ids(query: LibraryQuery, values: dict[str, str]) -> dict[str, str]:
    """A document given by its short id (``doc=yubei-2020-plan``) becomes its IRI.

    Only for an ``iri`` parameter named ``doc``; a value that is already an IRI (it has a
    scheme) is left as it is.
    """
    from plankg.identity import document_ref

    expanded = dict(values)
    for parameter in query.parameters:
        value = values.get(parameter.name)
        if parameter.name == "doc" and parameter.type == "iri" and value:
            expanded[parameter.name] = document_ref(value)
    return expanded


def phrase_bindings(name: str, value: str) -> dict[str, ox.Literal]:
    """The extra terms a ``phrase`` parameter binds: ``$NAME_zh`` (the phrase as a
    Chinese-tagged name, for exact name lookups) and ``$NAME_b1``…``$NAME_b3`` (three of
    its character bigrams, for the bigram index: ``pk:bigram`` in each document's index
    graph). A query finds candidates by those three bigrams, an index lookup, and
    confirms with ``CONTAINS`` on the few that hold all three.
    """
    from plankg.phrase_index import phrase_keys

    keys = phrase_keys(value)
    return {
        f"{name}_zh": ox.Literal(value, language="zh"),
        **{f"{name}_{key}": ox.Literal(gram) for key, gram in keys.items()},
    }
