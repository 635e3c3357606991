"""Canonical IRIs, so the same place, body or slogan is one node across documents.

Administrative areas from county level up, countries, regions, rivers and mountains,
companies and other non-government organizations, and slogans are global: their name
is their identity.
Towns, villages, sites, facilities and projects are scoped to the jurisdiction of the
document (there are many 新华街道 in China), and so are government bodies written
with a level prefix (区生态环境局 in a 渝北区 document is 渝北区生态环境局).
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from rdflib import URIRef

from plankg.model import Metadata
from plankg.namespaces import ID

GLOBAL_PLACE_TYPES = frozenset(
    {"province", "city", "district", "country", "continent", "region", "river", "mountain"}
)
SCOPED_ORGANIZATION_TYPES = frozenset({"government-body", "party-organ", "legislature"})
_LEVEL_PREFIX_RE = re.compile(r"^(区|县|市|镇|乡|街道)(?=[\u4e00-\u9fff]{2})")
# What a document id keeps of its file name; the rest becomes "-".
_ID_UNSAFE_RE = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff._-]+")
# ASCII that may stand in a path segment as is; everything else ASCII, and any white space,
# is escaped. Non-ASCII is kept (RFC 3987 ucschar).
_UNSAFE_RE = re.compile(r"[^A-Za-z0-9\-._~!$&'()*+,;=:@\u0080-\U0010ffff]|\s")


def document_id(path: str | os.PathLike[str]) -> str:
    """A stable id from the file name: ``corpus/yubei-2020-plan.txt`` → ``yubei-2020-plan``.
    Here, not in the pipeline, so that checking which files changed loads no extractor."""
    stem = Path(path).name.split(".")[0]
    return _ID_UNSAFE_RE.sub("-", stem).strip("-") or "document"


@lru_cache(maxsize=65536)
def iri_segment(text: str) -> str:
    """Percent-encode what an IRI path segment cannot hold; keep CJK readable.

    Non-ASCII characters are allowed in IRIs (RFC 3987 ucschar) and stay as they are;
    ASCII outside the unreserved and sub-delimiter sets, white space, controls and "/"
    are escaped.
    """
    return _UNSAFE_RE.sub(lambda m: quote(m.group(), safe=""), text)


def document_iri(doc_id: str) -> URIRef:
    return ID[f"doc/{iri_segment(doc_id)}"]


_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def document_ref(value: str) -> str:
    """A document given by its id (``yubei-2020-plan``) or by its IRI, as its IRI. An id
    never holds a colon (``document_id`` above), so a value with a scheme is an
    IRI already."""
    return value if _SCHEME_RE.match(value) else str(document_iri(value))


def graph_iri(doc_id: str) -> URIRef:
    return ID[f"graph/{iri_segment(doc_id)}"]


def part_iri(doc_id: str, path: str) -> URIRef:
    """A division or sentence of a document, by its path."""
    return ID[f"doc/{iri_segment(doc_id)}/{iri_segment(path)}"]


def fact_iri(doc_id: str, kind: str, key: str | int) -> URIRef:
    """A commitment, target or mention of a document: ``…/doc/<id>/<kind>/<key>``."""
    return ID[f"doc/{iri_segment(doc_id)}/{kind}/{iri_segment(str(key))}"]


def scoped_body_name(name: str, metadata: Metadata) -> str:
    """区生态环境局 → 渝北区生态环境局 when the document's jurisdiction is a 区."""
    jurisdiction = metadata.jurisdiction
    if not jurisdiction:
        return name
    match = _LEVEL_PREFIX_RE.match(name)
    if match and jurisdiction.endswith(match.group(1)):
        return jurisdiction + name[len(match.group(1)) :]
    return name


def place_iri(name: str, place_type: str, metadata: Metadata) -> URIRef:
    if place_type in GLOBAL_PLACE_TYPES or not metadata.jurisdiction:
        return ID[f"place/{iri_segment(name)}"]
    return ID[f"place/{iri_segment(metadata.jurisdiction)}/{iri_segment(name)}"]


def organization_iri(name: str, organization_type: str, metadata: Metadata) -> URIRef:
    if organization_type in SCOPED_ORGANIZATION_TYPES:
        return ID[f"org/{iri_segment(scoped_body_name(name, metadata))}"]
    return ID[f"org/{iri_segment(name)}"]


def project_iri(name: str, metadata: Metadata) -> URIRef:
    scope = metadata.jurisdiction or "_"
    return ID[f"project/{iri_segment(scope)}/{iri_segment(name)}"]


def slogan_iri(name: str) -> URIRef:
    return ID[f"slogan/{iri_segment(name)}"]
