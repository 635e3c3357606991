"""Local URLs of the explorer's pages, and short readable forms of the store's IRIs."""

from __future__ import annotations

import urllib.parse
from typing import Any

from plankg.namespaces import ID

ID_BASE = str(ID)


def url(path: str, **params: object) -> str:
    """A local URL with its path segments and query escaped; None/empty params dropped."""
    query = urllib.parse.urlencode({k: v for k, v in params.items() if v not in (None, "")})
    quoted = urllib.parse.quote(path, safe="/:")
    return quoted + ("?" + query if query else "")


def commitment_url(document: str, path: str) -> str:
    return url(f"/commitment/{document}/{path}")


def document_url(document: str) -> str:
    return url(f"/document/{document}")


def body_url(name: str) -> str:
    return url("/body", name=name)


def entity_url(kind: str, name: str, entity_type: str | None = None) -> str | None:
    """The page of a named thing of a kind (place, organization, company, project, slogan,
    indicator, body); None for kinds without a page."""
    if kind == "place":
        return url("/place", name=name)
    if kind in ("company",) or (kind == "organization" and entity_type == "company"):
        return url("/company", name=name)
    if kind in ("organization", "body"):
        return body_url(name)
    if kind == "slogan":
        return url("/slogan", name=name)
    if kind == "indicator":
        return url("/indicator", q=name)
    if kind == "project":
        return url("/who", q=name)
    return None


def iri_link(value: str) -> dict[str, Any] | None:
    """A plankg IRI as a short text and the page it leads to; None for other values.

    ``…/id/doc/yubei-2020-plan/commitment/3.1.2`` → ``yubei-2020-plan 3.1.2`` (the
    commitment page); ``…/id/doc/yubei-2020-plan`` → the document page; a sentence or
    division IRI → the document page at that path; places and organizations → their page.
    """
    if not value.startswith(ID_BASE):
        return None
    rest = urllib.parse.unquote(value[len(ID_BASE):])
    kind, _, tail = rest.partition("/")
    if kind == "doc" and tail:
        document, _, inner = tail.partition("/")
        if not inner:
            return {"text": document, "href": document_url(document), "title": value}
        what, _, path = inner.partition("/")
        if what == "commitment" and path:
            return {"text": f"{document} {path}", "href": commitment_url(document, path),
                    "title": value}
        return {"text": f"{document} {inner}", "href": document_url(document), "title": value}
    name = tail.rsplit("/", 1)[-1]
    if kind == "place" and name:
        return {"text": name, "href": url("/place", name=name), "title": value}
    if kind == "org" and name:
        return {"text": name, "href": body_url(name), "title": value}
    return {"text": rest, "href": None, "title": value}


# Library columns whose values are names with a page of their own.
NAME_COLUMNS = {
    "body": "body",
    "body_label": "body",
    "place": "place",
    "container": "place",
    "contained": "place",
    "company": "company",
    "slogan": "slogan",
    "slogan_name": "slogan",
    "indicator": "indicator",
}


def cell(column: str, value: Any, row: dict[str, Any]) -> dict[str, Any]:
    """How a table cell shows: text, maybe a link, and whether it is long text."""
    if value is None:
        return {"text": ""}
    if isinstance(value, bool):
        return {"text": "true" if value else "false"}
    text = str(value)
    if isinstance(value, str) and value.startswith("http"):
        link = iri_link(value)
        if link is not None:
            return link
        return {"text": text, "title": text}
    if column == "document":
        return {"text": text, "href": document_url(text)}
    if column == "path" and row.get("document") and row.get("commitment"):
        return {"text": text, "href": commitment_url(str(row["document"]), text)}
    if column in NAME_COLUMNS and text:
        kind = NAME_COLUMNS[column]
        if column == "place" and row.get("category") not in (None, "place"):
            kind = "place"
        return {"text": text, "href": entity_url(kind, text)}
    if column == "name" and row.get("category") in ("place", "slogan", "project"):
        return {"text": text, "href": entity_url(str(row["category"]), text)}
    if column == "name" and row.get("category") == "organization":
        return {"text": text, "href": entity_url("organization", text, row.get("type"))}
    return {"text": text, "long": len(text) > 40}
