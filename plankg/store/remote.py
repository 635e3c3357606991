"""Any SPARQL 1.1 server: queries and updates through SPARQLWrapper, graphs through the
Graph Store HTTP Protocol.

Queries assume the server treats its default graph as the union of the named graphs,
as the embedded store does (Oxigraph: ``oxigraph serve --union-default-graph``; Fuseki:
``tdb2:unionDefaultGraph``; Virtuoso and QLever do by default). Results come back as
SPARQL 1.1 JSON and are parsed by pyoxigraph into the same terms the embedded store
gives, so every reader shapes rows the same way from either store.

Credentials, where a server wants them for writing, go in the URL
(``http://user:password@host/…``); Basic and Digest authentication are both answered.
"""

from __future__ import annotations

import contextlib
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable

import pyoxigraph as ox

from plankg.errors import PlankgError
from plankg.namespaces import ID
from plankg.store.base import LOAD_LOG_GRAPH, Rows, Store, is_document_graph
from plankg.store.sparql import Bindings, substitute


def split_credentials(url: str) -> tuple[str, tuple[str, str] | None]:
    """The URL without its user information, and that information. Only http and https
    URLs are endpoints: urllib would read file:// and ftp:// ones as well."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise PlankgError(f"{url}: not an http(s) URL of a SPARQL endpoint")
    if parts.username is None:
        return url, None
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    bare = urllib.parse.urlunsplit(parts._replace(netloc=netloc))
    user = urllib.parse.unquote(parts.username)
    return bare, (user, urllib.parse.unquote(parts.password or ""))


def _opener(url: str, credentials: tuple[str, str] | None) -> urllib.request.OpenerDirector:
    if credentials is None:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, url, *credentials)
    return urllib.request.build_opener(
        urllib.request.HTTPBasicAuthHandler(passwords),
        urllib.request.HTTPDigestAuthHandler(passwords),
    )


def _authorize(
    request: urllib.request.Request, credentials: tuple[str, str], timeout: float
) -> None:
    """Put the Authorization header on a request with a body before it is sent.

    urllib answers a challenge by sending the request again; a server that refuses a
    large body before reading it (Virtuoso's Digest-protected endpoints) resets the
    connection instead, so the challenge is fetched with an empty request first.
    """
    probe = urllib.request.Request(request.full_url, method="HEAD")
    try:
        urllib.request.urlopen(probe, timeout=timeout).close()  # noqa: S310
        return  # no authentication asked for
    except urllib.error.HTTPError as error:
        challenge = error.headers.get("WWW-Authenticate", "") if error.code == 401 else ""
    scheme, _, parameters = challenge.partition(" ")
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, request.full_url, *credentials)
    if scheme.lower() == "digest":
        fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(parameters))
        value = urllib.request.HTTPDigestAuthHandler(passwords).get_authorization(
            request, fields
        )
        if value:
            request.add_unredirected_header("Authorization", f"Digest {value}")
    elif scheme.lower() == "basic":
        import base64

        token = base64.b64encode(":".join(credentials).encode()).decode()
        request.add_unredirected_header("Authorization", f"Basic {token}")


def _reason(error: BaseException) -> str:
    if isinstance(error, urllib.error.HTTPError):
        detail = ""
        with contextlib.suppress(OSError, IndexError):
            detail = error.read(300).decode("utf-8", "replace").strip().splitlines()[0]
        return f"HTTP {error.code}" + (f": {detail}" if detail else "")
    text = str(getattr(error, "reason", None) or error)
    if "Response:" in text:
        # SPARQLWrapper's message, then the server's: the server says what was wrong.
        head, _, body = text.partition("Response:")
        lines = [line.strip(" b'\"") for line in body.replace("\\n", "\n").splitlines()]
        detail = next((line for line in lines if line), "")
        text = f"{head.split(':')[0].strip()}: {detail[:300]}"
    return text.splitlines()[0] if text else type(error).__name__


class RemoteStore(Store):
    """A SPARQL 1.1 server: ``query`` endpoint, optional ``update`` and Graph Store
    Protocol (``graph_store``) endpoints for writing."""

    def __init__(
        self,
        query: str,
        *,
        update: str | None = None,
        graph_store: str | None = None,
        timeout: float = 60.0,
    ) -> None:
        self.query_url, self._query_credentials = split_credentials(query)
        self.location = self.query_url
        self.update_url = update
        self.graph_store_url = graph_store
        self.timeout = timeout
        self.read_only = update is None and graph_store is None

    # -- reading -------------------------------------------------------------------
    def select(self, query: str, bindings: Bindings | None = None) -> tuple[list[str], Rows]:
        from SPARQLWrapper import JSON, POST, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        client = SPARQLWrapper(self.query_url)
        client.setMethod(POST)
        client.setReturnFormat(JSON)
        client.setTimeout(int(self.timeout))
        if self._query_credentials:
            client.setCredentials(*self._query_credentials)
        client.setQuery(substitute(query, bindings or {}))
        try:
            # The raw answer, not SPARQLWrapper's conversion into dicts: pyoxigraph
            # parses it straight into terms.
            response = client.query().response
            data = response.read()
        except (SPARQLWrapperException, urllib.error.URLError, OSError, ValueError) as error:
            raise PlankgError(f"{self.query_url}: query failed ({_reason(error)})") from None
        try:
            solutions = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as error:
            raise PlankgError(
                f"{self.query_url}: expected SPARQL JSON results ({str(error)[:200]})"
            ) from None
        if not isinstance(solutions, ox.QuerySolutions):
            raise PlankgError(f"{self.query_url}: expected the results of a SELECT query")
        variables = [v.value for v in solutions.variables]
        return variables, [list(solution) for solution in solutions]

    def named_graphs(self) -> set[str]:
        _, rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return {row[0].value for row in rows if isinstance(row[0], ox.NamedNode)}

    def load_log(self) -> None:
        """Graphs are pushed complete (``push_store``) and without the load log."""
        return None

    def graph_ntriples(self, graph: str) -> str:
        request = urllib.request.Request(
            self._graph_url(graph), headers={"Accept": "application/n-triples, text/plain"}
        )
        return self._send(request, graph).decode("utf-8")

    # -- writing -------------------------------------------------------------------
    def update(self, update: str) -> None:
        if self.update_url is None:
            raise PlankgError(f"{self.location}: no update endpoint given; the store is read-only")
        from SPARQLWrapper import POST, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        url, credentials = split_credentials(self.update_url)
        client = SPARQLWrapper(url, updateEndpoint=url)
        client.setMethod(POST)
        client.setTimeout(int(self.timeout))
        if credentials:
            client.setCredentials(*credentials)
        client.setQuery(update)
        try:
            client.query().response.read()
        except (SPARQLWrapperException, urllib.error.URLError, OSError, ValueError) as error:
            raise PlankgError(f"{url}: update failed ({_reason(error)})") from None

    def put_graph(self, graph: str, ntriples: str) -> None:
        """Replace one named graph (HTTP PUT). Sent as Turtle, of which N-Triples is a
        subset: every Graph Store Protocol server reads Turtle, not all know N-Triples'
        own media type."""
        request = urllib.request.Request(
            self._graph_url(graph),
            data=ntriples.encode("utf-8"),
            method="PUT",
            headers={"Content-Type": "text/turtle; charset=utf-8"},
        )
        self._send(request, graph)

    def _graph_url(self, graph: str) -> str:
        if self.graph_store_url is None:
            raise PlankgError(f"{self.location}: no Graph Store Protocol endpoint given")
        url, _ = split_credentials(self.graph_store_url)
        return f"{url}?{urllib.parse.urlencode({'graph': graph})}"

    def _send(self, request: urllib.request.Request, graph: str) -> bytes:
        assert self.graph_store_url is not None
        url, credentials = split_credentials(self.graph_store_url)
        try:
            if credentials and request.data:
                _authorize(request, credentials, self.timeout)
            with _opener(url, credentials).open(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            raise PlankgError(f"{url}: {_reason(error)} for graph {graph}") from None
        except (urllib.error.URLError, OSError) as error:
            raise PlankgError(f"{url}: cannot reach the server ({_reason(error)})") from None


_SUMMARY_GRAPH = str(ID["graph/summary"])


def pushable_graphs(store: Store) -> list[str]:
    """The graphs a copy of the store needs: every named graph but the load log, and
    no document graph whose load did not complete (a build killed mid-load)."""
    log = store.load_log()
    graphs = store.named_graphs() - {LOAD_LOG_GRAPH}
    if log is not None:
        # Document graphs are exactly those the build logs; a graph that should be
        # logged and is not holds a half-loaded document.
        graphs = {g for g in graphs if g in log or not _document_graph(g)}
    return sorted(graphs)


def _document_graph(graph: str) -> bool:
    return is_document_graph(graph.removesuffix("/index"))


def push_store(
    source: Store, target: RemoteStore, graphs: Iterable[str] | None = None
) -> list[str]:
    """Copy named graphs of ``source`` to ``target`` through the Graph Store Protocol,
    each replaced (not appended); return their names. The corpus summary goes last: its
    stamp changing on the server then means the push is complete (an explorer reading the
    server watches the stamp: ``plankg.web.remotewatch``)."""
    names = sorted(graphs) if graphs is not None else pushable_graphs(source)
    names.sort(key=lambda graph: graph == _SUMMARY_GRAPH)  # stable: the rest stay sorted
    for graph in names:
        target.put_graph(graph, source.graph_ntriples(graph))
    return names
