"""Any SPARQL 1.1 server: queries through SPARQLWrapper, graphs through the Graph Store Protocol.

Queries assume the server treats its default graph as the union of the named graphs
(Oxigraph: ``oxigraph serve --union-default-graph``; Fuseki: ``tdb2:unionDefaultGraph``),
as the embedded store does.

The SPARQL protocol has no parameter API, so parameters are substituted the way
Oxigraph substitutes them locally (SEP-0007): each ``$name`` *token* of the query is
replaced by the parameter's RDF term written in SPARQL term syntax, escaped like
N-Triples. Tokens inside strings, IRIs and comments are left alone, and a value can
only ever become one RDF term: it cannot add syntax to the query.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox

from plankg.errors import PlankgError
from plankg.terms import escape_literal

_XSD = "http://www.w3.org/2001/XMLSchema#"
# Strings (all four quote forms), IRIs, comments, or a $variable: scanned left to right so
# a "$x" inside a string or IRI is never taken for a variable.
_TOKEN_RE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*"
    r"|\$(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<brace>[{}])"
    r"|(?<![\w:?$])(?P<keyword>SELECT|WHERE|GROUP\s+BY|ORDER\s+BY|HAVING|LIMIT|OFFSET|VALUES)"
    r"(?![\w:])",
    re.IGNORECASE,
)


def sparql_term(term: ox.NamedNode | ox.Literal) -> str:
    """An RDF term in SPARQL syntax, escaped so it stays one term."""
    if isinstance(term, ox.NamedNode):
        if re.search(r'[<>"{}|^`\\\s]', term.value):
            raise PlankgError(f"not a valid IRI: {term.value!r}")
        return f"<{term.value}>"
    text = f'"{escape_literal(term.value)}"'
    if term.language:
        return f"{text}@{term.language}"
    if term.datatype and term.datatype.value != _XSD + "string":
        return f"{text}^^<{term.datatype.value}>"
    return text


def substitute(query: str, bindings: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """Replace ``$name`` variable tokens in graph patterns by their bound terms.

    In a SELECT projection and a GROUP BY clause the variable stays as it is (unbound
    there), which keeps the query valid; everywhere else in the WHERE clauses, nested
    sub-selects included, it becomes the term.
    """
    depth = 0
    in_clause = False  # inside a projection or GROUP BY, where variables must stay

    def replace(match: re.Match[str]) -> str:
        nonlocal depth, in_clause
        keyword = (match.group("keyword") or "").upper().split()[0:1]
        if keyword:
            in_clause = keyword[0] in ("SELECT", "GROUP")
            return match.group()
        brace = match.group("brace")
        if brace:
            depth += 1 if brace == "{" else -1
            in_clause = False
            return match.group()
        name = match.group("name")
        if name is None or name not in bindings or depth == 0 or in_clause:
            return match.group()
        return sparql_term(bindings[name])

    return _TOKEN_RE.sub(replace, query)


def python_value(binding: dict[str, str] | None) -> Any:
    if binding is None:
        return None
    value = binding["value"]
    if binding["type"] in ("literal", "typed-literal"):
        datatype = binding.get("datatype", "")
        if datatype in (_XSD + "integer", _XSD + "int", _XSD + "long"):
            return int(value)
        if datatype in (_XSD + "decimal", _XSD + "double", _XSD + "float"):
            return float(value)
        if datatype == _XSD + "boolean":
            return value == "true"
    return value


def remote_select(
    endpoint: str,
    query: str,
    bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
    timeout: float = 60.0,
) -> tuple[list[str], list[dict[str, Any]]]:
    result = remote_results(endpoint, query, bindings, timeout)
    variables = list(result["head"]["vars"])
    rows = [{v: python_value(b.get(v)) for v in variables} for b in result["results"]["bindings"]]
    return variables, rows


def remote_results(
    endpoint: str,
    query: str,
    bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
    timeout: float = 60.0,
) -> dict[str, Any]:
    """SPARQL 1.1 JSON results of a SELECT on a remote endpoint, as a dict."""
    from SPARQLWrapper import JSON, POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    client = SPARQLWrapper(endpoint)
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    client.setTimeout(int(timeout))
    client.setQuery(substitute(query, bindings or {}))
    try:
        result = client.queryAndConvert()
    except (SPARQLWrapperException, urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or str(error).splitlines()[0]
        raise PlankgError(f"{endpoint}: query failed ({reason})") from None
    if not isinstance(result, dict) or "results" not in result:
        raise PlankgError(f"{endpoint}: expected SPARQL JSON results for a SELECT query")
    return result


def push_graph(store_endpoint: str, graph: str, ntriples: str, timeout: float = 60.0) -> None:
    """Replace one named graph on a Graph Store HTTP Protocol endpoint (HTTP PUT)."""
    url = f"{store_endpoint}?{urllib.parse.urlencode({'graph': graph})}"
    request = urllib.request.Request(
        url,
        data=ntriples.encode("utf-8"),
        method="PUT",
        headers={"Content-Type": "application/n-triples; charset=utf-8"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            if response.status >= 300:
                raise PlankgError(f"{store_endpoint}: HTTP {response.status} for graph {graph}")
    except urllib.error.HTTPError as error:
        raise PlankgError(f"{store_endpoint}: HTTP {error.code} for graph {graph}") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise PlankgError(f"{store_endpoint}: cannot reach the server ({reason})") from None


def push_store(store: ox.Store, store_endpoint: str) -> list[str]:
    """Push every named graph of the embedded store (not its load log); return their names."""
    from plankg.store import LOAD_LOG_GRAPH

    graphs = sorted(
        g.value
        for g in store.named_graphs()
        if isinstance(g, ox.NamedNode) and g.value != LOAD_LOG_GRAPH
    )
    for graph in graphs:
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
        push_graph(store_endpoint, graph, (data or b"").decode("utf-8"))
    return graphs
