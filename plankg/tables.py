"""The tables behind ``plankg documents|targets|entities|commitments``.

Each runs a library query and shapes its rows into the JSON contract other tools
rely on (see the README): field names and types here are a public interface.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from plankg.queries import bindings_for, get_query
from plankg.store import AnyStore, as_store

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {_XSD + t for t in ("integer", "int", "long", "nonNegativeInteger")}
_FLOAT_TYPES = {_XSD + t for t in ("decimal", "double", "float")}

DOCUMENT_COLUMNS = (
    "id",
    "title",
    "issuer",
    "doc_number",
    "date",
    "recipients",
    "approval_body",
    "jurisdiction",
    "level",
    "year",
    "genre",
    "parts",
    "sections",
    "items",
    "sentences",
    "commitments",
    "targets",
    "triples",
)
TARGET_COLUMNS = (
    "document",
    "path",
    "indicator",
    "value",
    "unit",
    "comparator",
    "value_normalized",
    "value_max_normalized",
    "unit_normalized",
    "change",
    "binding",
    "kind",
    "quote",
    "char_start",
    "char_end",
)
RESPONSIBILITY_COLUMNS = (
    "document",
    "path",
    "level",
    "text",
    "body",
    "role",
    "basis",
    "stated",
    "confidence",
    "evidence_path",
    "rationale",
)
# What ``commitments`` carries of each of a commitment's responsibilities.
COMMITMENT_RESPONSIBILITY_FIELDS = ("body", "role", "basis", "stated", "confidence")
ENTITY_COLUMNS = ("name", "category", "type", "aliases", "mentions", "documents")
COMMITMENT_COLUMNS = (
    "id",
    "document",
    "path",
    "level",
    "parent",
    "text",
    "char_start",
    "char_end",
    "targets",
    "places",
    "organizations",
    "projects",
    "slogans",
)


def python_value(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value if term.datatype else ""
        if datatype in _INTEGER_TYPES:
            return int(term.value)
        if datatype in _FLOAT_TYPES:
            return float(term.value)
        if datatype == _XSD + "boolean":
            return term.value in ("true", "1")  # both lexical forms (Virtuoso gives 1)
        return term.value
    return term.value


def run_library_query(
    store: AnyStore, name: str, params: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """A library query's rows as dicts of Python values, from any store."""
    query = get_query(name)
    variables, rows = as_store(store).select(query.text, bindings_for(query, params or {}))
    return [{v: python_value(term) for v, term in zip(variables, row, strict=True)} for row in rows]


def _split(value: str | None) -> list[str]:
    return sorted({v for v in (value or "").split("|") if v})


def _doc_param(doc: str | None) -> dict[str, str]:
    from plankg.identity import document_ref

    return {"doc": document_ref(doc)} if doc else {}


def _logged(store: AnyStore, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of documents whose load completed: a graph a killed build left without its
    load-log entry is not listed (the next build loads it again)."""
    from plankg.identity import graph_iri

    # The log of a store the graphs were pushed to (complete) is None: nothing to drop.
    log = as_store(store).load_log()
    if log is None:
        return rows
    return [row for row in rows if str(graph_iri(row["id"])) in log]


def document_ids(store: AnyStore, doc: str | None = None) -> list[str]:
    """The ids of the store's documents (or of the one given, if it is there), sorted."""
    rows = run_library_query(store, "document_ids", _doc_param(doc))
    return [row["id"] for row in _logged(store, rows)]


def require_document(store: AnyStore, doc: str) -> str:
    """The id of the document given by id or IRI, or an error that says which documents
    there are (all of them when few, else the closest ids)."""
    from difflib import get_close_matches

    from plankg.errors import PlankgError

    if found := document_ids(store, doc):
        return found[0]
    known = document_ids(store)
    if not known:
        raise PlankgError(
            f"no document {doc!r}: the store holds no documents yet (run `plankg build FILES`)"
        )
    if len(known) <= 8:
        listed = f"it holds {', '.join(known)}"
    else:
        close = get_close_matches(doc.rsplit("/", 1)[-1], known, n=5, cutoff=0.4)
        closest = f", the closest {', '.join(close)}" if close else ""
        listed = f"it holds {len(known):,} documents{closest} (`plankg documents` lists them)"
    raise PlankgError(f"no document {doc!r} in the store; {listed}")


def documents(store: AnyStore, doc: str | None = None) -> list[dict[str, Any]]:
    """One row per document. A graph a killed build left without its load-log entry
    is not listed: the next build loads it again."""
    rows = _logged(store, run_library_query(store, "documents", _doc_param(doc)))
    for row in rows:
        row["recipients"] = [r for r in (row.get("recipients") or "").split("、") if r]
    return [{c: row.get(c) for c in DOCUMENT_COLUMNS} for row in rows]


def targets(
    store: AnyStore, doc: str | None = None, kind: str | None = None
) -> list[dict[str, Any]]:
    params = _doc_param(doc)
    if kind:
        params["kind_filter"] = kind
    rows = run_library_query(store, "targets", params)
    return [{c: row.get(c) for c in TARGET_COLUMNS} for row in rows]


def entities(store: AnyStore, category: str | None = None) -> list[dict[str, Any]]:
    rows = run_library_query(store, "entities", {"category_filter": category} if category else {})
    for row in rows:
        row["aliases"] = _split(row.get("aliases"))
        row["documents"] = _split(row.get("documents"))
    return [{c: row.get(c) for c in ENTITY_COLUMNS} for row in rows]


def commitments(
    store: AnyStore,
    doc: str | None = None,
    level: str | None = None,
    *,
    with_responsibilities: bool = False,
) -> list[dict[str, Any]]:
    """One row per commitment; ``with_responsibilities`` adds ``responsibilities``, each
    as ``COMMITMENT_RESPONSIBILITY_FIELDS`` in the order of the responsibility matrix
    (stated before inferred, leads first, then by confidence)."""
    params = _doc_param(doc)
    if level:
        params["level_filter"] = level
    rows = run_library_query(store, "commitments", params)
    columns = list(COMMITMENT_COLUMNS)
    if with_responsibilities:
        held: dict[str, list[dict[str, Any]]] = {}
        for row in run_library_query(store, "responsibilities", params):
            entry = {field: row.get(field) for field in COMMITMENT_RESPONSIBILITY_FIELDS}
            held.setdefault(row["commitment"], []).append(entry)
        for row in rows:
            row["responsibilities"] = held.get(row["commitment"], [])
        columns.append("responsibilities")
    for row in rows:
        for key in ("targets", "places", "organizations", "projects", "slogans"):
            row[key] = _split(row.get(key))
    return [{c: row.get(c) for c in columns} for row in rows]


# The task level of a document: its items, or its paragraphs where a section is not
# divided into items (the State Council's reports commit almost only by paragraph).
TASK_LEVELS = ("item", "paragraph")


def responsibilities(
    store: AnyStore, doc: str | None = None, level: str = "all"
) -> list[dict[str, Any]]:
    """The responsibility matrix (commitments × bodies), ``RESPONSIBILITY_COLUMNS``.
    ``level``: ``item`` (item- and paragraph-level commitments: every document's tasks),
    ``sentence``, or ``all``."""
    params = _doc_param(doc)
    if level == "all":
        return run_library_query(store, "responsibilities", params)
    levels = TASK_LEVELS if level == "item" else (level,)
    rows = [
        row
        for one in levels
        for row in run_library_query(store, "responsibilities", {**params, "level_filter": one})
    ]
    # Back into the query's order (document, path); a stable sort keeps each
    # commitment's own responsibilities in the order the query gave them.
    rows.sort(key=lambda row: (row["document"], row["path"]))
    return rows
