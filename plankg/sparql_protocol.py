"""SPARQL 1.1 Protocol results: content negotiation and the result formats.

``plankg serve`` checks a query's text first (``plankg.web.guard``: no SERVICE, LOAD or
update), then runs it with ``execute`` in a worker process (``plankg.web.pool``) on a
read-only store; SELECT results stop at a row limit rather than exhaust memory.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape as xml_escape

import pyoxigraph as ox

SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
@dataclass
class ProtocolResponse:
    status: int
    content_type: str
    body: bytes


def _error(status: int, message: str) -> ProtocolResponse:
    return ProtocolResponse(status, "text/plain; charset=utf-8", (message + "\n").encode())


def negotiate(accept: str, offered: dict[str, object], default: str) -> str | None:
    """The best offered media type for an Accept header (q-values honoured)."""
    if not accept.strip():
        return default
    choices = []
    for position, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        choices.append((-quality, position, media.lower()))
    for negative_quality, _, media in sorted(choices):
        if negative_quality == 0:
            continue
        if media in offered:
            return media
        if media in ("*/*", "application/*", "text/*"):
            return default
    return None


def _term_json(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    record = {"type": "literal", "value": term.value}
    if term.language:
        record["xml:lang"] = term.language
    elif term.datatype and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        record["datatype"] = term.datatype.value
    return record


def serialize_select(variables: list[str], rows: list[list], fmt: str) -> bytes:
    if fmt == "json":
        bindings = [
            {v: _term_json(t) for v, t in zip(variables, row, strict=True) if t is not None}
            for row in rows
        ]
        return json.dumps(
            {"head": {"vars": variables}, "results": {"bindings": bindings}}, ensure_ascii=False
        ).encode("utf-8")
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        if fmt == "csv":
            writer = csv.writer(buffer, lineterminator="\r\n")
            writer.writerow(variables)
            for row in rows:
                writer.writerow(["" if t is None else t.value for t in row])
        else:
            buffer.write("\t".join(f"?{v}" for v in variables) + "\n")
            for row in rows:
                buffer.write("\t".join("" if t is None else str(t) for t in row) + "\n")
        return buffer.getvalue().encode("utf-8")
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
    out += [f'<variable name="{xml_escape(v)}"/>' for v in variables]
    out.append("</head><results>")
    for row in rows:
        out.append("<result>")
        for variable, term in zip(variables, row, strict=True):
            if term is None:
                continue
            if isinstance(term, ox.NamedNode):
                value = f"<uri>{xml_escape(term.value)}</uri>"
            elif isinstance(term, ox.BlankNode):
                value = f"<bnode>{xml_escape(term.value)}</bnode>"
            else:
                attrs = ""
                if term.language:
                    attrs = f' xml:lang="{xml_escape(term.language)}"'
                elif term.datatype:
                    attrs = f' datatype="{xml_escape(term.datatype.value)}"'
                value = f"<literal{attrs}>{xml_escape(term.value)}</literal>"
            out.append(f'<binding name="{xml_escape(variable)}">{value}</binding>')
        out.append("</result>")
    out.append("</results></sparql>\n")
    return "".join(out).encode("utf-8")


def execute(store: ox.Store, query: str, accept: str, max_rows: int) -> ProtocolResponse:
    """One protocol query against the store, serialized for ``accept``.

    Runs inside a query worker process (``plankg.web.pool``), which is killed when the
    query passes its time or memory limit; a result larger than ``max_rows`` rows or
    triples is refused rather than built.
    """
    try:
        result = store.query(query, use_default_graph_as_union=True)
    except SyntaxError as error:
        return _error(400, f"SPARQL syntax error: {error}")
    except (OSError, ValueError, RuntimeError) as error:
        return _error(400, f"query failed: {error}")
    try:
        return answer(result, accept, max_rows)
    except (OSError, ValueError, RuntimeError) as error:  # raised while the query runs
        return _error(400, f"query failed: {error}")


def answer(
    result: ox.QueryBoolean | ox.QuerySolutions | Iterable[ox.Triple | ox.Quad],
    accept: str,
    max_rows: int,
) -> ProtocolResponse:
    """A query's result (an engine's, or one parsed from another server's answer)
    serialized for ``accept``; more than ``max_rows`` rows or triples is refused. Errors
    met while the result is read (evaluation, parsing) are the caller's to answer."""
    if isinstance(result, ox.QueryBoolean):
        return _ask_response(bool(result), accept)
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = []
        for solution in result:
            if len(rows) >= max_rows:
                return _error(413, f"more than {max_rows} result rows; add a LIMIT")
            rows.append([solution[v] for v in variables])
        media = negotiate(accept, SELECT_TYPES, "application/sparql-results+json")
        if media is None:
            return _error(406, "acceptable: " + ", ".join(SELECT_TYPES))
        body = serialize_select(variables, rows, SELECT_TYPES[media])
        return ProtocolResponse(200, f"{media}; charset=utf-8", body)
    triples = []
    for triple in result:
        if len(triples) >= max_rows:
            return _error(413, f"more than {max_rows} triples; add a LIMIT")
        triples.append(triple if isinstance(triple, ox.Triple) else triple.triple)
    media = negotiate(accept, GRAPH_TYPES, "text/turtle")
    if media is None:
        return _error(406, "acceptable: " + ", ".join(GRAPH_TYPES))
    body = ox.serialize(triples, format=GRAPH_TYPES[media]) or b""
    return ProtocolResponse(200, f"{media}; charset=utf-8", body)


def _ask_response(answer: bool, accept: str) -> ProtocolResponse:
    media = negotiate(accept, SELECT_TYPES, "application/sparql-results+json")
    if media is None:
        return _error(406, "acceptable: " + ", ".join(SELECT_TYPES))
    fmt = SELECT_TYPES[media]
    if fmt == "json":
        body = json.dumps({"head": {}, "boolean": answer}).encode()
    elif fmt == "xml":
        body = (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/'
            f'sparql-results#"><head/><boolean>{str(answer).lower()}</boolean>'
            "</sparql>\n"
        ).encode()
    else:
        body = f"_askResult\n{str(answer).lower()}\n".encode()
    return ProtocolResponse(200, f"{media}; charset=utf-8", body)
