"""RDF terms as N-Triples strings: ``<iri>``, ``"text"@zh``, ``"3"^^<…#integer>``.

The graph of a document is built as tuples of these strings rather than rdflib terms.
A term is formatted once, when it is made; sorting, de-duplicating and writing the
graph are then plain string operations. With rdflib's ``Literal`` and ``URIRef``
(whose constructors cast values and whose equality compares types) that bookkeeping
cost more than extracting the facts. rdflib is still used wherever a graph is parsed
or validated (``plankg.rdf.document_graph``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER = f"^^<{XSD}integer>"
_DECIMAL = f"^^<{XSD}decimal>"


def escape_literal(text: str) -> str:
    """Literal text escaped for N-Triples, Turtle and SPARQL: one line, quotes escaped."""
    return text.translate(_ESCAPES)


_UNESCAPES = {"\\\\": "\\", '\\"': '"', "\\n": "\n", "\\r": "\r", "\\t": "\t"}
_ESCAPE_RE = re.compile(r"\\[\\\"nrt]")


def literal_text(term: str) -> str:
    """The text of a literal term made by this module (``"a\\"b"@zh`` → ``a"b``)."""
    body = term[1 : term.rindex('"')]
    return _ESCAPE_RE.sub(lambda m: _UNESCAPES[m.group()], body)


def quad_lines(lines: Iterable[str], graph: str) -> Iterator[str]:
    """N-Quads lines from N-Triples lines (``<s> <p> <o> .\n``), in the graph ``graph``."""
    name = f" <{graph}> .\n"
    return (line[: -len(" .\n")] + name for line in lines)


def iri(value: str) -> str:
    """An IRI term. ``value`` must already be a valid IRI (``plankg.identity`` makes them)."""
    return f"<{value}>"


def plain(text: str) -> str:
    """A literal without language or datatype (an ``xsd:string``)."""
    return f'"{escape_literal(text)}"'


def zh(text: str) -> str:
    return f'"{escape_literal(text)}"@zh'


def en(text: str) -> str:
    return f'"{escape_literal(text)}"@en'


def integer(value: int) -> str:
    return f'"{int(value)}"{_INTEGER}'


def decimal(lexical: str) -> str:
    """An ``xsd:decimal`` from its lexical form (see ``plankg.rdf.decimal_lexical``)."""
    return f'"{lexical}"{_DECIMAL}'


def boolean(value: bool) -> str:
    return f'"{"true" if value else "false"}"^^<{XSD}boolean>'


def typed(lexical: str, datatype: str) -> str:
    return f'"{escape_literal(lexical)}"^^<{datatype}>'


class Vocabulary:
    """A namespace whose terms (``PK.Commitment``, ``CAP["7"]``) are IRI terms, made once."""

    def __init__(self, namespace: str) -> None:
        self._namespace = str(namespace)
        self._terms: dict[str, str] = {}

    def __getattr__(self, name: str) -> str:
        # Only called for names not yet set: the term then becomes a plain attribute.
        if name.startswith("_"):
            raise AttributeError(name)
        term = self[name]
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> str:
        term = self._terms.get(name)
        if term is None:
            term = self._terms[name] = f"<{self._namespace}{name}>"
        return term
