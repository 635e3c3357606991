"""``/sparql`` queries forwarded to the remote SPARQL endpoint the explorer reads.

With ``plankg serve --endpoint URL`` the endpoint of the explorer must not become an open
proxy. A query reaches the remote server only after the checks every query passes
(``plankg.web.guard``: no SERVICE, LOAD or update, size and nesting limits), from a
worker process killed at the same time and memory limits (``plankg.web.pool``), and
only to the one configured URL: redirects are not followed, the client's other protocol
parameters (``default-graph-uri``…) are not passed on. The server's answer is read up to
a byte cap and parsed (pyoxigraph) as it arrives, then serialized anew for the client
with the same row limit as the embedded store's answers: the remote server's headers never
reach the client, and of its bytes only the first line of an error (300 characters at
most) does, in plankg's one-line message. The time limit stops the wait here, not the
remote server's work: that server needs a limit of its own (README).
"""

from __future__ import annotations

import contextlib
import io
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pyoxigraph as ox

from plankg.sparql_protocol import ProtocolResponse, answer
from plankg.store.remote import split_credentials
from plankg.web.guard import query_form
from plankg.web.limits import Limits

# What is asked of the remote server: results or a graph in a format pyoxigraph parses,
# by the query's form (Virtuoso answers a CONSTRUCT as a result table of ?s ?p ?o when
# results are acceptable at all).
ACCEPT_RESULTS = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "text/tab-separated-values;q=0.5"
)
ACCEPT_GRAPH = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.8"
RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}


def _error(status: int, message: str) -> ProtocolResponse:
    return ProtocolResponse(status, "text/plain; charset=utf-8", (message + "\n").encode())


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is answered as an error: the query goes to the configured URL only."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class AnswerTooLarge(Exception):
    pass


class CappedReader(io.RawIOBase):
    """A response read through a byte budget: past it, reading fails."""

    def __init__(self, stream: Any, limit: int) -> None:
        self.stream = stream
        self.limit = limit
        self.read_bytes = 0
        self.exceeded = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.stream.read(min(len(buffer), 1 << 16))
        self.read_bytes += len(data)
        if self.read_bytes > self.limit:
            self.exceeded = True
            raise AnswerTooLarge
        buffer[: len(data)] = data
        return len(data)


def _opener(url: str, credentials: tuple[str, str] | None) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = [_NoRedirect()]
    if credentials is not None:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, *credentials)
        handlers += [urllib.request.HTTPBasicAuthHandler(passwords),
                     urllib.request.HTTPDigestAuthHandler(passwords)]
    return urllib.request.build_opener(*handlers)


def _first_line(error: urllib.error.HTTPError) -> str:
    with contextlib.suppress(OSError, ValueError):
        text = error.read(2000).decode("utf-8", "replace")
        for line in text.splitlines():
            if line.strip():
                return line.strip()[:300]
    return ""


def _parse(reader: CappedReader, media: str) -> Any:
    if media in RESULT_FORMATS:
        return ox.parse_query_results(reader, format=RESULT_FORMATS[media])
    graph_format = ox.RdfFormat.from_media_type(media)
    if graph_format is None:
        raise ValueError(f"the endpoint answered in {media or 'no media type'}, which is not "
                         "a SPARQL result or RDF format")
    return ox.parse(reader, format=graph_format)


def forward(endpoint: str, query: str, accept: str, limits: Limits) -> ProtocolResponse:
    """Send one checked query to ``endpoint``; its answer, re-serialized for ``accept``."""
    url, credentials = split_credentials(endpoint)
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode({"query": query}).encode("utf-8"),
        headers={"Accept": ACCEPT_GRAPH if query_form(query) in ("CONSTRUCT", "DESCRIBE")
                 else ACCEPT_RESULTS, "Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    try:
        with _opener(url, credentials).open(request, timeout=limits.timeout) as response:
            media = response.headers.get_content_type()
            reader = CappedReader(response, limits.max_answer_bytes)
            try:
                return answer(_parse(reader, media), accept, limits.max_rows)
            except (SyntaxError, ValueError, OSError, RuntimeError, AnswerTooLarge) as error:
                if reader.exceeded:
                    return _error(413, "the SPARQL endpoint's answer is over "
                                       f"{limits.max_answer_bytes:,} bytes; add a LIMIT")
                if isinstance(error, TimeoutError):
                    raise
                first = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
                return _error(502, f"the SPARQL endpoint's answer could not be read "
                                   f"({media}: {first})")
    except urllib.error.HTTPError as error:
        detail = _first_line(error)
        if error.code == 400:  # the remote parser's word on the query
            return _error(400, "the SPARQL endpoint refused the query" +
                          (f": {detail}" if detail else ""))
        return _error(502, f"the SPARQL endpoint answered HTTP {error.code}" +
                      (f": {detail}" if detail else ""))
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", None) or error
        if isinstance(reason, TimeoutError):
            return _error(503, f"query stopped at the {limits.timeout:g} s time limit")
        return _error(502, f"the SPARQL endpoint cannot be reached ({reason})")
