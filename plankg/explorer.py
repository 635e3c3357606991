"""The web explorer of ``plankg serve``: server-rendered pages, each also available as JSON.

Pages (append ``.json`` to the path, or send ``Accept: application/json``, for the data)::

    /                           search box, documents, the query library
    /who?q=…[&doc=IRI]          bodies accountable for X, ranked, with evidence
    /commitment/<doc>/<path>    one commitment in its section: what it involves, who is responsible
    /body?name=…                what a body is accountable for
    /place?name=…               commitments in a place, places inside it included
    /company?name=…             a company's projects and commitments
    /slogan?name=…              a slogan's kind, expansion and occurrences across documents
    /indicator?q=…              an indicator's targets and outcomes by document and year
    /document/<doc>             a document's metadata and outline
    /queries, /queries/<name>   the SPARQL library: typed forms, tables, CSV and JSON downloads
    /sparql-editor              a SPARQL editor posting to /sparql
    /static/…                   plankg/static, and vis-network from the installed pyvis package

Every piece of document text goes through ``html.escape``; network data travels as JSON in a
script element that is never executed, and the page's script renders it as text.
"""

from __future__ import annotations

import csv
import functools
import html
import io
import json
import re
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from plankg.errors import PlankgError
from plankg.identity import document_iri, fact_iri
from plankg.sparql_protocol import ProtocolResponse, negotiate
from plankg.store import select
from plankg.tables import python_value, run_library_query

STATIC_DIR = Path(__file__).resolve().parent / "static"
VIS_DIR = "lib/vis-9.1.2"  # inside the pyvis package
MAX_NETWORK_COMMITMENTS = 60  # more makes an unreadable hairball; the page says when it cuts
MAX_TABLE_ROWS = 1000
MAX_LIST_ITEMS = 200
SECTION_WINDOW = 12  # sentences shown around the commitment when its section is long

ROLE_ZH = {
    "lead": "牵头",
    "accountable": "最终负责",
    "implementing": "实施",
    "cooperating": "配合",
    "supervising": "监督",
    "partner": "合作方",
    "beneficiary": "受益方",
}
BASIS_ZH = {
    "assignment": "任务分工表",
    "stated": "原文明示",
    "mandate": "部门职责",
    "place": "属地政府",
    "issuer": "发文政府",
}
KIND_ZH = {
    "body": "责任主体 body",
    "commitment": "承诺事项 commitment",
    "place": "地点 place",
    "company": "企业 company",
    "organization": "机构 organization",
    "project": "项目 project",
    "slogan": "提法 slogan",
    "target": "目标 target",
    "indicator": "指标 indicator",
}
_SENTENCE_PATH_RE = re.compile(r"\.s\d+$")
_CONTENT_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
}

_PREFIXES = """PREFIX pk: <https://w3id.org/plankg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
"""

# --------------------------------------------------------------------------------------------
# Page-specific SPARQL. Parameters ($name) are bound as RDF terms by Oxigraph, never pasted
# into the text; the one exception, a VALUES list of commitment IRIs, is written with
# Oxigraph's own NamedNode serialization, which rejects anything that is not an IRI.
# --------------------------------------------------------------------------------------------

Q_COMMITMENT = (
    _PREFIXES
    + """SELECT ?level ?text ?char_start ?char_end ?document ?title ?parent_path $commitment
WHERE {
  $commitment a pk:Commitment ; pk:commitmentLevel ?level ; pk:text ?text ;
              pk:charStart ?char_start ; pk:charEnd ?char_end ; pk:inDocument ?doc .
  ?doc pk:documentId ?document .
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { $commitment pk:partOfCommitment/pk:path ?parent_path }
}
LIMIT 1"""
)

Q_CONTAINERS = (
    _PREFIXES
    + """SELECT ?container ?kind ?path ?heading ?char_start $commitment
WHERE {
  $commitment pk:inDivision ?division .
  ?division pk:parentDivision* ?container .
  VALUES (?class ?kind) {
    (pk:Part "part") (pk:Section "section") (pk:Item "item") (pk:Paragraph "paragraph")
  }
  ?container a ?class ; pk:path ?path ; pk:charStart ?char_start .
  OPTIONAL { ?container pk:heading ?heading }
}
ORDER BY ?char_start"""
)

Q_CONTAINER_SENTENCES = (
    _PREFIXES
    + """SELECT ?sentence ?path ?text ?index $container
WHERE {
  ?division pk:parentDivision* $container .
  ?sentence pk:inDivision ?division ; a pk:Sentence ; pk:sentenceIndex ?index ;
            pk:path ?path ; pk:text ?text .
}
ORDER BY ?index"""
)

Q_EVIDENCE = (
    _PREFIXES
    + """SELECT ?sentence ?path ?text ?index $commitment
WHERE {
  $commitment pk:evidence ?sentence .
  ?sentence pk:path ?path ; pk:text ?text ; pk:sentenceIndex ?index .
}
ORDER BY ?index"""
)

Q_CHILDREN = (
    _PREFIXES
    + """SELECT ?path ?text ?char_start $commitment
WHERE {
  ?child pk:partOfCommitment $commitment ; pk:path ?path ; pk:text ?text ;
         pk:charStart ?char_start .
}
ORDER BY ?char_start"""
)

Q_INVOLVES = (
    _PREFIXES
    + """SELECT DISTINCT ?relation ?node ?label ?label_en ?type ?company ?primary $commitment
WHERE {
  {
    $commitment pk:involvesPlace ?node . BIND("place" AS ?relation)
    OPTIONAL { ?node pk:placeType ?type }
  } UNION {
    $commitment pk:involvesOrganization ?node . BIND("organization" AS ?relation)
    OPTIONAL { ?node pk:organizationType ?type }
  } UNION {
    $commitment pk:involvesProject ?node . BIND("project" AS ?relation)
    OPTIONAL { ?node pk:projectType ?type }
    OPTIONAL { ?node pk:company/rdfs:label ?company . FILTER(LANG(?company) = "zh") }
  } UNION {
    $commitment pk:invokesSlogan ?node . BIND("slogan" AS ?relation)
    OPTIONAL { ?node pk:sloganKind/skos:notation ?type }
  } UNION {
    $commitment pk:topic ?node . BIND("topic" AS ?relation)
    OPTIONAL { ?node skos:notation ?type }
    OPTIONAL { ?node skos:prefLabel ?label_en . FILTER(LANG(?label_en) = "en") }
    BIND(EXISTS { $commitment pk:primaryTopic ?node } AS ?primary)
  }
  ?node rdfs:label|skos:prefLabel ?label . FILTER(LANG(?label) = "zh")
}
ORDER BY ?relation ?label"""
)

Q_TARGETS = (
    _PREFIXES
    + """SELECT DISTINCT ?target ?kind ?indicator ?value ?unit ?comparator ?change ?binding ?quote
       ?path ?char_start $commitment
WHERE {
  $commitment pk:hasTarget ?target .
  ?target pk:indicatorLabel ?indicator ; pk:quote ?quote ; pk:valueAsWritten ?value ;
          pk:comparator ?comparator ; pk:charStart ?char_start .
  OPTIONAL { ?target pk:unitAsWritten ?unit }
  OPTIONAL { ?target pk:changeDirection ?change }
  OPTIONAL { ?target pk:bindingness ?binding }
  OPTIONAL { ?target pk:evidence/pk:path ?path }
  BIND(IF(EXISTS { ?target a pk:ReportedOutcome }, "outcome", "target") AS ?kind)
}
ORDER BY ?char_start"""
)

Q_COMMITMENT_RESPONSIBILITIES = (
    _PREFIXES
    + """SELECT DISTINCT ?body ?body_label ?body_type ?role ?basis ?stated ?confidence ?rationale
       ?quote ?evidence_path ?evidence_text ?role_priority ?basis_priority $commitment
WHERE {
  $commitment pk:qualifiedResponsibility ?responsibility .
  ?responsibility pk:body ?body ; pk:role ?role_node ; pk:basis ?basis_node ;
                  pk:confidence ?confidence ; pk:rationale ?rationale .
  ?body rdfs:label ?body_label . FILTER(LANG(?body_label) = "zh")
  OPTIONAL { ?body pk:organizationType ?body_type }
  ?role_node skos:notation ?role ; pk:priority ?role_priority .
  ?basis_node skos:notation ?basis ; pk:priority ?basis_priority ; pk:stated ?stated .
  OPTIONAL { ?responsibility pk:quote ?quote }
  OPTIONAL { ?responsibility pk:evidence ?evidence .
             ?evidence pk:path ?evidence_path ; pk:text ?evidence_text }
}
ORDER BY ?basis_priority ?role_priority DESC(?confidence) ?body_label"""
)

# Responsibilities of a set of commitments: the edges of a page's network.
Q_RESPONSIBILITIES_OF = (
    _PREFIXES
    + """SELECT DISTINCT ?commitment ?document ?path ?text ?body ?body_label ?role ?basis ?stated
       ?confidence ?role_priority ?basis_priority
WHERE {
  VALUES ?commitment { %s }
  ?commitment pk:inDocument/pk:documentId ?document ; pk:path ?path ; pk:text ?text ;
              pk:qualifiedResponsibility ?responsibility .
  ?responsibility pk:body ?body ; pk:role ?role_node ; pk:basis ?basis_node ;
                  pk:confidence ?confidence .
  ?body rdfs:label ?body_label . FILTER(LANG(?body_label) = "zh")
  ?role_node skos:notation ?role ; pk:priority ?role_priority .
  ?basis_node skos:notation ?basis ; pk:priority ?basis_priority ; pk:stated ?stated .
}
ORDER BY ?basis_priority ?role_priority ?body_label ?document ?path"""
)

# Sentence-level commitments that name a thing (by name or alias) through one predicate.
Q_COMMITMENTS_NAMING = (
    _PREFIXES
    + """SELECT DISTINCT ?commitment ?document ?path ?text ?char_start ?via $name
WHERE {
  ?thing rdfs:label|skos:altLabel ?label . FILTER(STR(?label) = STR($name))
  ?commitment %s ?thing ; pk:commitmentLevel "sentence" ; pk:inDocument/pk:documentId ?document ;
              pk:path ?path ; pk:text ?text ; pk:charStart ?char_start .
  ?thing rdfs:label ?via . FILTER(LANG(?via) = "zh")
}
ORDER BY ?document ?char_start"""
)

Q_COMPANY_COMMITMENTS = (
    _PREFIXES
    + """SELECT DISTINCT ?commitment ?document ?path ?text ?char_start ?via ?via_kind $name
WHERE {
  ?company rdfs:label|skos:altLabel ?label . FILTER(STR(?label) = STR($name))
  ?company a org:Organization .
  {
    ?commitment pk:involvesOrganization ?company . BIND("company" AS ?via_kind)
    ?company rdfs:label ?via . FILTER(LANG(?via) = "zh")
  } UNION {
    ?project pk:company ?company ; rdfs:label ?via . BIND("project" AS ?via_kind)
    ?commitment pk:involvesProject ?project .
  }
  ?commitment pk:commitmentLevel "sentence" ; pk:inDocument/pk:documentId ?document ;
              pk:path ?path ; pk:text ?text ; pk:charStart ?char_start .
}
ORDER BY ?document ?char_start"""
)

Q_ORGANIZATION = (
    _PREFIXES
    + """SELECT DISTINCT ?organization ?label ?label_en ?type $name
WHERE {
  ?organization rdfs:label|skos:altLabel ?name_label . FILTER(STR(?name_label) = STR($name))
  ?organization a org:Organization ; rdfs:label ?label . FILTER(LANG(?label) = "zh")
  OPTIONAL { ?organization pk:organizationType ?type }
  OPTIONAL { ?organization rdfs:label ?label_en . FILTER(LANG(?label_en) = "en") }
}
ORDER BY ?label"""
)

Q_PLACE = (
    _PREFIXES
    + """SELECT DISTINCT ?place ?label ?type ?parent $name
WHERE {
  ?place a pk:Place ; rdfs:label|skos:altLabel ?name_label . FILTER(STR(?name_label) = STR($name))
  ?place rdfs:label ?label . FILTER(LANG(?label) = "zh")
  OPTIONAL { ?place pk:placeType ?type }
  OPTIONAL { ?place pk:locatedIn/rdfs:label ?parent . FILTER(LANG(?parent) = "zh") }
}
ORDER BY ?label ?parent"""
)

Q_INDICATOR_COMMITMENTS = (
    _PREFIXES
    + """SELECT DISTINCT ?commitment ?document ?path ?text ?char_start ?via $q
WHERE {
  ?target pk:indicatorLabel ?indicator ; pk:quote ?via ; pk:inCommitment ?commitment .
  FILTER(CONTAINS(STR(?indicator), STR($q)))
  ?commitment pk:commitmentLevel "sentence" ; pk:inDocument/pk:documentId ?document ;
              pk:path ?path ; pk:text ?text ; pk:charStart ?char_start .
}
ORDER BY ?document ?char_start"""
)

Q_DOCUMENT_COMMITMENT_PATHS = (
    _PREFIXES
    + """SELECT ?path $doc
WHERE {
  ?commitment a pk:Commitment ; pk:inDocument $doc ; pk:path ?path ; pk:commitmentLevel ?level .
  FILTER(?level != "sentence")
}"""
)


def _rows(
    store: ox.Store, query: str, bindings: dict[str, ox.NamedNode | ox.Literal]
) -> list[dict]:
    variables, rows = select(store, query, bindings)
    return [{v: python_value(t) for v, t in zip(variables, row, strict=True)} for row in rows]


def _iri_values(iris: Iterable[str]) -> str:
    return " ".join(str(ox.NamedNode(iri)) for iri in iris)


# --------------------------------------------------------------------------------------------
# Small HTML helpers
# --------------------------------------------------------------------------------------------


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def url(path: str, **params: object) -> str:
    """A local URL with its path segments and query escaped; None/empty params dropped."""
    query = urllib.parse.urlencode({k: v for k, v in params.items() if v not in (None, "")})
    quoted = urllib.parse.quote(path, safe="/:")
    return quoted + ("?" + query if query else "")


def commitment_url(document: str, path: str) -> str:
    return url(f"/commitment/{document}/{path}")


def row_url(row: dict[str, Any]) -> str:
    return commitment_url(row["document"], row["path"])


def _link(href: str, text: object, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f'<a href="{_e(href)}"{attr}>{_e(text)}</a>'


def highlight(text: str, needles: Iterable[tuple[str, str]]) -> str:
    """Escape ``text`` and wrap each occurrence of a needle in ``<mark class=…>``.

    Needles are (phrase, css class); earlier needles win where occurrences overlap, and
    longer phrases are found first within one needle set.
    """
    taken: list[tuple[int, int, str]] = []
    for phrase, cls in needles:
        if not phrase:
            continue
        start = text.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            if all(end <= s or start >= e for s, e, _ in taken):
                taken.append((start, end, cls))
            start = text.find(phrase, end)
    out: list[str] = []
    position = 0
    for start, end, cls in sorted(taken):
        out.append(_e(text[position:start]))
        out.append(f'<mark class="{cls}">{_e(text[start:end])}</mark>')
        position = end
    out.append(_e(text[position:]))
    return "".join(out)


def _stated_badge(stated: bool) -> str:
    if stated:
        return (
            '<span class="badge stated" title="the text or an assignment table says so">'
            "明示 stated</span>"
        )
    return '<span class="badge inferred" title="plankg inferred this">推断 inferred</span>'


def _role(role: str) -> str:
    return f'<span class="role">{_e(ROLE_ZH.get(role, role))} <small>{_e(role)}</small></span>'


def _basis(basis: str) -> str:
    return f'<span class="basis">{_e(BASIS_ZH.get(basis, basis))} <small>{_e(basis)}</small></span>'


def _confidence(value: float | None) -> str:
    if value is None:
        return ""
    return f'<span class="confidence" title="confidence 置信度">{value:.2f}</span>'


def _table(columns: list[str], rows: list[dict[str, Any]], cls: str = "data") -> str:
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_e(_cell(row.get(c)))}</td>" for c in columns) + "</tr>"
        for row in rows
    )
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


# --------------------------------------------------------------------------------------------
# The network view: nodes and edges as plain JSON, drawn by static/explorer.js with vis-network
# --------------------------------------------------------------------------------------------


@dataclass
class Network:
    """Nodes and edges of a page's network, deduplicated, in insertion order."""

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)
    commitments_total: int = 0

    def node(self, node_id: str, label: str, kind: str, title: str = "", href: str = "") -> None:
        if node_id not in self.nodes:
            self.nodes[node_id] = {
                "id": node_id,
                "label": label,
                "kind": kind,
                "title": title or label,
                "url": href,
            }

    def edge(self, source: str, target: str, key: str = "", **attrs: Any) -> None:
        self.edges.setdefault((source, target, key), {"from": source, "to": target, **attrs})

    def commitment(self, iri: str, document: str, path: str, text: str) -> None:
        self.node(
            iri, path, "commitment", f"{document} {path}\n{text}", commitment_url(document, path)
        )

    def responsibility(self, row: dict[str, Any]) -> None:
        """A body—commitment edge from a row with body/role/basis/stated/confidence."""
        self.commitment(row["commitment"], row["document"], row["path"], row["text"])
        self.node(
            row["body"],
            row["body_label"],
            "body",
            row["body_label"],
            url("/body", name=row["body_label"]),
        )
        role, basis = row["role"], row["basis"]
        self.edge(
            row["body"],
            row["commitment"],
            f"{role}/{basis}",
            role=role,
            basis=basis,
            stated=bool(row["stated"]),
            confidence=row["confidence"],
            title=f"{ROLE_ZH.get(role, role)} {role} · {BASIS_ZH.get(basis, basis)} {basis}"
            f" · {'明示 stated' if row['stated'] else '推断 inferred'}"
            f" · {float(row['confidence']):.2f}",
        )

    def as_json(self) -> dict[str, Any]:
        shown = sum(1 for n in self.nodes.values() if n["kind"] == "commitment")
        return {
            "nodes": list(self.nodes.values()),
            "edges": list(self.edges.values()),
            "commitments_shown": shown,
            "commitments_total": max(self.commitments_total, shown),
        }


def _first_commitments(
    rows: list[dict[str, Any]], limit: int = MAX_NETWORK_COMMITMENTS
) -> list[str]:
    """Distinct commitment IRIs in row order, sentence level preferred, at most ``limit``."""
    seen: dict[str, None] = {}
    for row in rows:
        seen.setdefault(row["commitment"], None)
    ordered = list(seen)
    sentences = [iri for iri in ordered if _SENTENCE_PATH_RE.search(iri)]
    return (sentences or ordered)[:limit]


def responsibilities_of(store: ox.Store, commitments: list[str]) -> list[dict[str, Any]]:
    """Every responsibility of the given commitments (IRIs), one row each."""
    if not commitments:
        return []
    return _rows(store, Q_RESPONSIBILITIES_OF % _iri_values(commitments), {})


def _network_around(
    store: ox.Store,
    subject: tuple[str, str, str, str] | None,
    rows: list[dict[str, Any]],
    via_kind: str = "",
) -> Network:
    """Subject node → commitments (from ``rows``) ← every body responsible for them.

    ``subject`` is (id, label, kind, url); ``rows`` carry commitment, document, path, text
    and optionally ``via`` (the named thing that links the commitment to the subject).
    """
    network = Network()
    chosen = _first_commitments(rows)
    network.commitments_total = len({row["commitment"] for row in rows})
    wanted = set(chosen)
    if subject is not None:
        network.node(subject[0], subject[1], subject[2], subject[1], subject[3])
    for row in rows:
        if row["commitment"] not in wanted:
            continue
        network.commitment(row["commitment"], row["document"], row["path"], row["text"])
        if subject is None:
            continue
        via = row.get("via") or ""
        if via and via != subject[1] and via_kind:
            via_id = f"{via_kind}:{via}"
            network.node(via_id, via, via_kind, via)
            network.edge(subject[0], via_id, "contains", label="")
            network.edge(via_id, row["commitment"], "involves")
        else:
            network.edge(subject[0], row["commitment"], "involves")
    for row in responsibilities_of(store, chosen):
        network.responsibility(row)
    return network


def _network_section(network: dict[str, Any] | None) -> str:
    if not network or not network["nodes"]:
        return ""
    data = (
        json.dumps({"nodes": network["nodes"], "edges": network["edges"]}, ensure_ascii=False)
        .replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
    )
    kinds = sorted({n["kind"] for n in network["nodes"]})
    legend = "".join(
        f'<span class="legend-item kind-{_e(k)}">{_e(KIND_ZH.get(k, k))}</span>' for k in kinds
    )
    note = (
        f"{len(network['nodes'])} 节点 nodes · {len(network['edges'])} 边 edges"
        f" · 承诺事项 commitments {network['commitments_shown']}"
    )
    if network["commitments_total"] > network["commitments_shown"]:
        shown, total = network["commitments_shown"], network["commitments_total"]
        note += f" / {total}（仅显示前 {shown} 项 first {shown} shown）"
    return (
        '<section class="network-panel"><h2>责任网络 <small>Responsibility network</small></h2>'
        f'<p class="note">{_e(note)}. 实线 = 明示 stated, 虚线 = 推断 inferred; '
        "双击节点打开页面 double-click a node to open its page.</p>"
        f'<div class="legend">{legend}<span class="legend-item edge-stated">明示 stated</span>'
        '<span class="legend-item edge-inferred">推断 inferred</span></div>'
        '<div id="network" aria-label="responsibility network"></div>'
        f'<script type="application/json" id="network-data">{data}</script></section>'
    )


# --------------------------------------------------------------------------------------------
# Layout
# --------------------------------------------------------------------------------------------


def _search_form(value: str = "", big: bool = False) -> str:
    placeholder = _who_example()
    cls = "search big" if big else "search"
    return (
        f'<form class="{cls}" action="/who" method="get" role="search">'
        '<label for="who-q">谁负责 <small>Who is accountable for …</small></label>'
        f'<input id="who-q" name="q" type="search" value="{_e(value)}" '
        f'placeholder="{_e(placeholder)}" required>'
        '<button type="submit">查询 Search</button></form>'
    )


@functools.cache
def _who_example() -> str:
    from plankg.queries import library

    query = library().get("who")
    example = query.parameters[0].example if query and query.parameters else None
    return f"例如 e.g. {example}" if example else ""


def layout(title: str, body: str, json_href: str | None, network: bool = False) -> str:
    vis_css = '<link rel="stylesheet" href="/static/vis-network.css">' if network else ""
    vis_js = '<script src="/static/vis-network.min.js"></script>' if network else ""
    json_link = f' · <a href="{_e(json_href)}" rel="alternate">JSON</a>' if json_href else ""
    return (
        '<!doctype html>\n<html lang="zh-Hans"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)} · plankg</title>"
        '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">'
        f'<link rel="stylesheet" href="/static/explorer.css">{vis_css}</head><body>'
        '<header class="top"><a class="brand" href="/">plankg</a><nav>'
        '<a href="/">首页 Home</a><a href="/queries">查询库 Queries</a>'
        '<a href="/sparql-editor">SPARQL 编辑器 Editor</a></nav>'
        '<form class="mini-search" action="/who" method="get">'
        '<input name="q" type="search" aria-label="谁负责 Who is accountable for" '
        'placeholder="谁负责 Who is accountable for …"></form></header>'
        f"<main>{body}</main>"
        "<footer>plankg — 只读知识图谱浏览器 read-only knowledge-graph explorer"
        f' · <a href="/sparql">SPARQL endpoint</a>{json_link}</footer>'
        f'{vis_js}<script src="/static/explorer.js"></script></body></html>'
    )


# --------------------------------------------------------------------------------------------
# Pages: each builder returns the page's data (the JSON answer); each renderer its HTML
# --------------------------------------------------------------------------------------------


class MissingParameter(PlankgError):
    """A page needs a parameter it was not given: the HTML page shows a form instead."""

    def __init__(self, name: str, form: str) -> None:
        super().__init__(f"missing parameter {name}")
        self.form = form


def _require(params: dict[str, str], name: str, form: str) -> str:
    value = params.get(name, "").strip()
    if not value:
        raise MissingParameter(name, form)
    return value


def _name_form(action: str, name: str, label: str, value: str = "") -> str:
    return (
        f'<form class="search" action="{_e(action)}" method="get">'
        f'<label for="f-{_e(name)}">{_e(label)}</label>'
        f'<input id="f-{_e(name)}" name="{_e(name)}" type="search" value="{_e(value)}" required>'
        '<button type="submit">查询 Search</button></form>'
    )


def _documents(store: ox.Store, doc: str | None = None) -> list[dict[str, Any]]:
    from plankg.tables import documents

    # One row per document even if a metadata field has labels in two languages.
    unique: dict[str, dict[str, Any]] = {}
    for row in documents(store, doc):
        unique.setdefault(row["id"], row)
    return list(unique.values())


def _library_json() -> list[dict[str, Any]]:
    from plankg.queries import library

    return [q.describe() | {"url": url(f"/queries/{q.name}")} for q in library().values()]


def build_home(store: ox.Store, params: dict[str, str]) -> dict[str, Any]:
    docs = _documents(store)
    for doc in docs:
        doc["url"] = url(f"/document/{doc['id']}")
    return {"title": "plankg", "documents": docs, "queries": _library_json()}


def render_home(data: dict[str, Any]) -> str:
    doc_rows = "".join(
        "<tr>"
        f"<td>{_link(d['url'], d['id'])}</td><td>{_e(d.get('title'))}</td>"
        f"<td>{_e(d.get('jurisdiction'))}</td><td>{_e(d.get('level'))}</td>"
        f"<td>{_e(d.get('year'))}</td><td>{_e(d.get('genre'))}</td>"
        f"<td class=num>{_e(d.get('commitments'))}</td><td class=num>{_e(d.get('targets'))}</td>"
        "</tr>"
        for d in data["documents"]
    )
    queries = "".join(
        f"<li>{_link(q['url'], q['title_zh'] or q['name'])} <small>{_e(q['title_en'])}"
        f" · <code>{_e(q['name'])}</code></small></li>"
        for q in data["queries"]
    )
    return (
        '<section class="hero"><h1>谁负责？<small>Who is accountable?</small></h1>'
        "<p>输入一项工作、地点、企业、提法、指标或机构名称。"
        "<small>Type a task, place, company, slogan, indicator or body.</small></p>"
        f"{_search_form(big=True)}</section>"
        "<section><h2>文件 <small>Documents</small></h2>"
        '<table class="data"><thead><tr><th>id</th><th>标题 title</th><th>辖区 jurisdiction</th>'
        "<th>层级 level</th><th>年度 year</th><th>文种 genre</th><th>承诺 commitments</th>"
        f"<th>目标 targets</th></tr></thead><tbody>{doc_rows}</tbody></table></section>"
        "<section><h2>查询库 <small>Query library</small></h2>"
        f'<ul class="queries">{queries}</ul>'
        '<p><a href="/sparql-editor">SPARQL 编辑器 <small>SPARQL editor</small></a></p></section>'
    )


def build_who(store: ox.Store, params: dict[str, str]) -> dict[str, Any]:
    from plankg.answers import who

    query = _require(params, "q", _search_form())
    result = who(store, query, params.get("doc") or None)
    data = result.as_json()
    rows = [
        {
            "commitment": str(fact_iri(c["document"], "commitment", c["path"])),
            "document": c["document"],
            "path": c["path"],
            "text": c["text"],
            "body": a["body_iri"],
            "body_label": a["body"],
            "role": a["role"],
            "basis": a["basis"],
            "stated": a["stated"],
            "confidence": a["confidence"],
        }
        for a in data["answers"]
        for c in a["commitments"]
    ]
    network = Network()
    chosen = set(_first_commitments(rows))
    network.commitments_total = len({r["commitment"] for r in rows})
    for row in rows:
        if row["commitment"] in chosen:
            network.responsibility(row)
    for answer in data["answers"]:
        answer["url"] = url("/body", name=answer["body"])
        for item in answer["commitments"]:
            item["url"] = commitment_url(item["document"], item["path"])
    data["title"] = f"谁负责 {query}"
    data["suggestions"] = [{"label": s, "url": url("/who", q=s)} for s in data["suggestions"]]
    data["network"] = network.as_json()
    return data


def render_who(data: dict[str, Any]) -> str:
    query = data["query"]
    parts = [
        f"<h1>谁负责“{_e(query)}”？<small>Who is accountable for “{_e(query)}”?</small></h1>",
        _search_form(query),
    ]
    answers = data["answers"]
    if not answers:
        suggestions = "".join(
            f"<li>{_link(s['url'], s['label'])}</li>" for s in data["suggestions"]
        )
        parts.append(
            '<section class="no-match"><h2>没有找到 <small>No match</small></h2>'
            "<p>没有承诺事项或机构与此匹配。<small>No commitment or body matches.</small></p>"
            + (
                "<h3>您是否要找 <small>Did you mean</small></h3>"
                f'<ul class="suggestions">{suggestions}</ul>'
                if suggestions
                else ""
            )
            + "</section>"
        )
        return "".join(parts)
    mode = (
        "该机构负责的事项 What this body is accountable for"
        if data["mode"] == "body"
        else "对相关承诺事项负责的主体 Bodies accountable for the commitments about it"
    )
    parts.append(
        f'<p class="note">{_e(mode)} · {len(answers)} 个答案 answers; '
        "明示在前，推断在后 stated first, then inferred.</p>"
    )
    items = []
    for rank, answer in enumerate(answers, 1):
        evidence = []
        for c in answer["commitments"][:MAX_LIST_ITEMS]:
            evidence.append(
                '<li class="evidence">'
                f"{_link(c['url'], c['document'] + ' ' + c['path'], 'path')}"
                + (
                    f" <small>证据句 evidence {_e(c['evidence_path'])}</small>"
                    if c.get("evidence_path") and c["evidence_path"] != c["path"]
                    else ""
                )
                + "<blockquote>"
                + highlight(c["text"], [(c.get("quote") or "", "cue"), (query, "q")])
                + "</blockquote>"
                f'<p class="rationale">{_e(c["rationale"])}</p></li>'
            )
        items.append(
            f'<li class="answer {"stated" if answer["stated"] else "inferred"}">'
            f'<div class="answer-head"><span class="rank">{rank}</span>'
            f"{_link(answer['url'], answer['body'], 'body')} {_role(answer['role'])} "
            f"{_basis(answer['basis'])} {_stated_badge(answer['stated'])} "
            f"{_confidence(answer['confidence'])} "
            f'<span class="count">{len(answer["commitments"])} 项 commitments</span></div>'
            f"<details{' open' if rank <= 3 else ''}><summary>证据 Evidence</summary>"
            f"<ul>{''.join(evidence)}</ul></details></li>"
        )
    parts.append(f'<ol class="answers">{"".join(items)}</ol>')
    parts.append(_network_section(data["network"]))
    return "".join(parts)


def build_commitment(store: ox.Store, rest: str, params: dict[str, str]) -> dict[str, Any] | None:
    document, _, path = rest.partition("/")
    if not document or not path:
        return None
    iri = ox.NamedNode(str(fact_iri(document, "commitment", path)))
    bound = {"commitment": iri}
    found = _rows(store, Q_COMMITMENT, bound)
    if not found:
        return None
    info = found[0]
    containers = _rows(store, Q_CONTAINERS, bound)
    evidence = _rows(store, Q_EVIDENCE, bound)
    evidence_paths = {e["path"] for e in evidence}
    # The enclosing section, else part, else the innermost division.
    context_node = None
    for kind in ("section", "part", "item", "paragraph"):
        matches = [c for c in containers if c["kind"] == kind]
        if matches:
            context_node = matches[-1]
            break
    sentences: list[dict[str, Any]] = []
    if context_node is not None:
        sentences = _rows(
            store, Q_CONTAINER_SENTENCES, {"container": ox.NamedNode(context_node["container"])}
        )
    if not sentences:
        sentences = evidence
    marked = [i for i, s in enumerate(sentences) if s["path"] in evidence_paths]
    omitted_before = omitted_after = 0
    if marked and len(sentences) > 2 * SECTION_WINDOW + len(marked):
        low = max(0, marked[0] - SECTION_WINDOW)
        high = min(len(sentences), marked[-1] + SECTION_WINDOW + 1)
        omitted_before, omitted_after = low, len(sentences) - high
        sentences = sentences[low:high]
    involves = _rows(store, Q_INVOLVES, bound)
    targets = _rows(store, Q_TARGETS, bound)
    responsibilities = _rows(store, Q_COMMITMENT_RESPONSIBILITIES, bound)
    children = _rows(store, Q_CHILDREN, bound)

    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in involves:
        entry = {
            "name": row["label"],
            "type": row.get("type"),
            "iri": row["node"],
        }
        if row["relation"] == "project" and row.get("company"):
            entry["company"] = row["company"]
        if row["relation"] == "topic":
            entry["label_en"] = row.get("label_en")
            entry["primary"] = bool(row.get("primary"))
        entry["url"] = _entity_url(row["relation"], row["label"], row.get("type"))
        grouped.setdefault(row["relation"], []).append(entry)

    network = Network()
    network.commitment(iri.value, document, path, info["text"])
    network.commitments_total = 1
    for relation in ("place", "organization", "project", "slogan"):
        for entry in grouped.get(relation, []):
            kind = "company" if entry.get("type") == "company" else relation
            network.node(entry["iri"], entry["name"], kind, entry["name"], entry["url"] or "")
            network.edge(iri.value, entry["iri"], "involves")
    for target in targets:
        network.node(
            target["target"],
            target["quote"],
            "target",
            target["quote"],
            url("/indicator", q=target["indicator"]),
        )
        network.edge(iri.value, target["target"], "target")
    for row in responsibilities:
        network.responsibility(
            {
                **row,
                "commitment": iri.value,
                "document": document,
                "path": path,
                "text": info["text"],
            }
        )
    return {
        "title": f"{document} {path}",
        "commitment": {
            "iri": iri.value,
            "document": document,
            "document_title": info.get("title"),
            "path": path,
            "level": info["level"],
            "text": info["text"],
            "char_start": info["char_start"],
            "char_end": info["char_end"],
            "parent": (
                {"path": info["parent_path"], "url": commitment_url(document, info["parent_path"])}
                if info.get("parent_path")
                else None
            ),
        },
        "context": [
            {"kind": c["kind"], "path": c["path"], "heading": c.get("heading")} for c in containers
        ],
        "context_path": context_node["path"] if context_node else None,
        "sentences": [
            {"path": s["path"], "text": s["text"], "highlighted": s["path"] in evidence_paths}
            for s in sentences
        ],
        "sentences_omitted": {"before": omitted_before, "after": omitted_after},
        "children": [
            {"path": c["path"], "text": c["text"], "url": commitment_url(document, c["path"])}
            for c in children
        ],
        "targets": [
            {
                k: t.get(k)
                for k in (
                    "indicator",
                    "value",
                    "unit",
                    "comparator",
                    "change",
                    "binding",
                    "kind",
                    "quote",
                    "path",
                )
            }
            | {"url": url("/indicator", q=t["indicator"])}
            for t in targets
        ],
        "places": grouped.get("place", []),
        "organizations": grouped.get("organization", []),
        "projects": grouped.get("project", []),
        "slogans": grouped.get("slogan", []),
        "topics": grouped.get("topic", []),
        "responsibilities": [
            {
                k: r.get(k)
                for k in (
                    "body",
                    "body_label",
                    "body_type",
                    "role",
                    "basis",
                    "stated",
                    "confidence",
                    "rationale",
                    "quote",
                    "evidence_path",
                )
            }
            | {"url": url("/body", name=r["body_label"])}
            for r in responsibilities
        ],
        "network": network.as_json(),
    }


def _entity_url(relation: str, name: str, entity_type: str | None) -> str | None:
    if relation == "place":
        return url("/place", name=name)
    if relation == "organization":
        if entity_type == "company":
            return url("/company", name=name)
        return url("/body", name=name)
    if relation == "project":
        return url("/who", q=name)
    if relation == "slogan":
        return url("/slogan", name=name)
    return None


def _entity_list(title: str, entries: list[dict[str, Any]]) -> str:
    if not entries:
        return ""
    items = []
    for entry in entries:
        name = _link(entry["url"], entry["name"]) if entry.get("url") else _e(entry["name"])
        extra = f" <small>{_e(entry['type'])}</small>" if entry.get("type") else ""
        if entry.get("company"):
            company = _link(url("/company", name=entry["company"]), entry["company"])
            extra += f" <small>企业 company: {company}</small>"
        if entry.get("label_en"):
            extra += f" <small>{_e(entry['label_en'])}</small>"
        if entry.get("primary"):
            extra += ' <span class="badge">主要 primary</span>'
        items.append(f"<li>{name}{extra}</li>")
    return f'<div class="facet"><h3>{title}</h3><ul>{"".join(items)}</ul></div>'


def render_commitment(data: dict[str, Any]) -> str:
    c = data["commitment"]
    crumbs = " › ".join(
        f'<span class="crumb">{_e(x["path"])} {_e(x.get("heading") or "")}</span>'
        for x in data["context"]
    )
    level_zh = {"item": "条目", "paragraph": "段落", "sentence": "句子"}.get(c["level"], "")
    parent = (
        f" · 所属 part of {_link(c['parent']['url'], c['parent']['path'])}" if c["parent"] else ""
    )
    omitted = data["sentences_omitted"]
    # One paragraph per division (a sentence path is its division's path plus .sN).
    paragraphs: list[list[str]] = []
    division = None
    for s in data["sentences"]:
        here = _SENTENCE_PATH_RE.sub("", s["path"])
        if here != division or not paragraphs:
            paragraphs.append([])
            division = here
        paragraphs[-1].append(
            f'<span class="sentence{" current" if s["highlighted"] else ""}" '
            f'title="{_e(s["path"])}">{_e(s["text"])}</span>'
        )
    sentences = "".join(f"<p>{''.join(p)}</p>" for p in paragraphs)
    before = '<span class="omitted">…</span>' if omitted["before"] else ""
    after = '<span class="omitted">…</span>' if omitted["after"] else ""
    targets = ""
    if data["targets"]:
        rows = "".join(
            f"<tr><td>{_link(t['url'], t['indicator'])}</td><td>{_e(t['comparator'])}</td>"
            f"<td>{_e(target_value(t))}</td><td>{_e(t.get('change'))}</td>"
            f"<td>{_e(t['kind'])}</td><td>{_e(t.get('binding'))}</td><td>{_e(t['quote'])}</td></tr>"
            for t in data["targets"]
        )
        targets = (
            '<section><h2>量化目标 <small>Targets</small></h2><table class="data"><thead><tr>'
            "<th>指标 indicator</th><th>比较 comparator</th><th>数值 value</th>"
            "<th>变化 change</th><th>类型 kind</th><th>属性 binding</th><th>原文 quote</th>"
            f"</tr></thead><tbody>{rows}</tbody></table></section>"
        )
    responsibilities = "".join(
        f'<tr class="{"stated" if r["stated"] else "inferred"}">'
        f"<td>{_link(r['url'], r['body_label'])}</td><td>{_role(r['role'])}</td>"
        f"<td>{_basis(r['basis'])}</td><td>{_stated_badge(bool(r['stated']))}</td>"
        f"<td>{_confidence(r['confidence'])}</td><td>{_e(r.get('quote'))}</td>"
        f"<td>{_e(r['rationale'])}</td></tr>"
        for r in data["responsibilities"]
    )
    children = "".join(
        f"<li>{_link(ch['url'], ch['path'])} {_e(ch['text'])}</li>" for ch in data["children"]
    )
    facets = "".join(
        [
            _entity_list("地点 <small>Places</small>", data["places"]),
            _entity_list("机构 <small>Organizations</small>", data["organizations"]),
            _entity_list("项目 <small>Projects</small>", data["projects"]),
            _entity_list("提法 <small>Slogans</small>", data["slogans"]),
            _entity_list("议题 <small>Topics (CAP)</small>", data["topics"]),
        ]
    )
    return (
        f'<p class="crumbs">{_link(url("/document/" + c["document"]), c["document"])}'
        f" › {crumbs}</p>"
        f"<h1>承诺事项 {_e(c['path'])} <small>Commitment · {_e(level_zh)} {_e(c['level'])}"
        f"{parent}</small></h1>"
        f'<blockquote class="commitment-text">{_e(c["text"])}</blockquote>'
        f'<p class="note">{_e(c["document_title"] or c["document"])} · '
        f"字符 chars {_e(c['char_start'])}–{_e(c['char_end'])}</p>"
        "<section><h2>上下文 <small>In its section</small> "
        f"<small>{_e(data['context_path'] or '')}</small></h2>"
        f'<div class="section-text">{before}{sentences}{after}</div></section>'
        + (
            f"<section><h2>分句 <small>Sentences</small></h2><ul>{children}</ul></section>"
            if children
            else ""
        )
        + targets
        + (
            f'<section><h2>涉及 <small>Involves</small></h2><div class="facets">{facets}</div>'
            "</section>"
            if facets
            else ""
        )
        + "<section><h2>责任 <small>Responsibilities</small></h2>"
        + (
            '<table class="data"><thead><tr><th>主体 body</th><th>角色 role</th>'
            "<th>依据 basis</th><th>明示/推断</th><th>置信度</th><th>线索 cue</th>"
            f"<th>理由 rationale</th></tr></thead><tbody>{responsibilities}</tbody></table>"
            if responsibilities
            else "<p>未记录责任主体 <small>No responsibility recorded.</small></p>"
        )
        + "</section>"
        + _network_section(data["network"])
    )


def _commitment_items(rows: list[dict[str, Any]], marks: Callable[[dict], list]) -> str:
    items = []
    for row in rows[:MAX_LIST_ITEMS]:
        items.append(
            f"<li>{_link(row_url(row), row['document'] + ' ' + row['path'], 'path')}"
            f"<blockquote>{highlight(row['text'], marks(row))}</blockquote></li>"
        )
    more = (
        f'<p class="note">仅显示前 {MAX_LIST_ITEMS} 项 first {MAX_LIST_ITEMS} of {len(rows)}'
        " shown.</p>"
        if len(rows) > MAX_LIST_ITEMS
        else ""
    )
    return f'<ol class="commitments">{"".join(items)}</ol>{more}'


def build_body(store: ox.Store, params: dict[str, str]) -> dict[str, Any]:
    name = _require(params, "name", _name_form("/body", "name", "机构 Body"))
    query_params = {"body_name": name}
    if params.get("doc"):
        query_params["doc"] = params["doc"]
    rows = run_library_query(store, "body_commitments", query_params)
    bodies: dict[str, dict[str, Any]] = {}
    for row in rows:
        body = bodies.setdefault(
            row["body"],
            {"iri": row["body"], "label": row["body_label"], "responsibilities": [], "summary": {}},
        )
        body["responsibilities"].append(
            {
                k: row.get(k)
                for k in (
                    "role",
                    "basis",
                    "stated",
                    "confidence",
                    "document",
                    "path",
                    "text",
                    "evidence_path",
                    "quote",
                    "rationale",
                )
            }
            | {"url": commitment_url(row["document"], row["path"])}
        )
        key = f"{row['role']}/{row['basis']}"
        body["summary"][key] = body["summary"].get(key, 0) + 1
    # The exact name first, then the longer names that contain it.
    ordered = sorted(
        bodies.values(), key=lambda b: (b["label"] != name, len(b["label"]), b["label"])
    )
    network = Network()
    subject_rows = [r for r in rows if r["body"] == ordered[0]["iri"]] if ordered else []
    if subject_rows:
        chosen = _first_commitments(subject_rows)
        network.commitments_total = len({r["commitment"] for r in subject_rows})
        subject = ordered[0]
        network.node(
            subject["iri"],
            subject["label"],
            "body",
            subject["label"],
            url("/body", name=subject["label"]),
        )
        for row in responsibilities_of(store, chosen):
            network.responsibility(row)
    return {
        "title": name,
        "name": name,
        "bodies": ordered,
        "suggestions": [] if ordered else _suggest(store, name),
        "network": network.as_json(),
    }


def render_body(data: dict[str, Any]) -> str:
    name = data["name"]
    parts = [f"<h1>{_e(name)} <small>负责什么 What this body is accountable for</small></h1>"]
    if not data["bodies"]:
        parts.append(_no_match(data["suggestions"]))
        return "".join(parts)
    for body in data["bodies"]:
        summary = " · ".join(
            f"{_e(ROLE_ZH.get(k.split('/')[0], k))}/{_e(BASIS_ZH.get(k.split('/')[1], k))}: {n}"
            for k, n in sorted(body["summary"].items())
        )
        items = []
        for r in body["responsibilities"][:MAX_LIST_ITEMS]:
            items.append(
                f'<li class="{"stated" if r["stated"] else "inferred"}">'
                f"{_link(r['url'], r['document'] + ' ' + r['path'], 'path')} {_role(r['role'])} "
                f"{_basis(r['basis'])} {_stated_badge(bool(r['stated']))} "
                f"{_confidence(r['confidence'])}"
                f"<blockquote>{highlight(r['text'], [(r.get('quote') or '', 'cue')])}</blockquote>"
                f'<p class="rationale">{_e(r["rationale"])}</p></li>'
            )
        more = (
            f'<p class="note">仅显示前 {MAX_LIST_ITEMS} 项 first {MAX_LIST_ITEMS} of '
            f"{len(body['responsibilities'])} shown.</p>"
            if len(body["responsibilities"]) > MAX_LIST_ITEMS
            else ""
        )
        parts.append(
            '<section class="body-block">'
            f"<h2>{_link(url('/body', name=body['label']), body['label'])}"
            f" <small>{len(body['responsibilities'])} 项责任 responsibilities</small></h2>"
            f'<p class="note">{summary}</p><ol class="commitments">{"".join(items)}</ol>{more}'
            "</section>"
        )
    parts.append(_network_section(data["network"]))
    return "".join(parts)


def _no_match(suggestions: list[dict[str, str]]) -> str:
    links = "".join(f"<li>{_link(s['url'], s['label'])}</li>" for s in suggestions)
    return (
        '<section class="no-match"><h2>没有找到 <small>No match</small></h2>'
        + (
            f'<h3>您是否要找 <small>Did you mean</small></h3><ul class="suggestions">{links}</ul>'
            if links
            else ""
        )
        + "</section>"
    )


def _suggest(store: ox.Store, name: str) -> list[dict[str, str]]:
    from plankg.answers import suggestions

    return [{"label": s, "url": url("/who", q=s)} for s in suggestions(store, name)]


def build_place(store: ox.Store, params: dict[str, str]) -> dict[str, Any]:
    name = _require(params, "name", _name_form("/place", "name", "地点 Place"))
    places = _rows(store, Q_PLACE, {"name": ox.Literal(name)})
    info: dict[str, Any] = {
        "types": sorted({p["type"] for p in places if p.get("type")}),
        "located_in": sorted({p["parent"] for p in places if p.get("parent")}),
    }
    contained = run_library_query(store, "place_containment", {"place": name})
    sentence_rows = run_library_query(
        store, "commitments_in_place", {"place": name, "level_filter": "sentence"}
    )
    for row in sentence_rows:
        row["commitment"] = str(fact_iri(row["document"], "commitment", row["path"]))
        row["via_list"] = [v for v in (row.get("via") or "").split("|") if v]
    network_rows = [
        {**row, "via": next((v for v in row["via_list"] if v != name), "")} for row in sentence_rows
    ]
    network = _network_around(
        store, (f"place:{name}", name, "place", url("/place", name=name)), network_rows, "place"
    )
    return {
        "title": name,
        "name": name,
        "place": info,
        "contains": [
            {
                "name": c["contained"],
                "category": c["contained_category"],
                "type": c["contained_type"],
                "url": url("/place", name=c["contained"])
                if c["contained_category"] == "place"
                else url("/who", q=c["contained"]),
            }
            for c in contained
        ],
        "commitments": [
            {k: r.get(k) for k in ("document", "path", "text")}
            | {"via": r["via_list"], "url": commitment_url(r["document"], r["path"])}
            for r in sentence_rows
        ],
        "suggestions": [] if (places or sentence_rows) else _suggest(store, name),
        "network": network.as_json(),
    }


def render_place(data: dict[str, Any]) -> str:
    name = data["name"]
    info = data["place"]
    facts = []
    if info["types"]:
        facts.append("类型 type: " + "、".join(_e(t) for t in info["types"]))
    if info["located_in"]:
        facts.append(
            "位于 located in: "
            + "、".join(_link(url("/place", name=p), p) for p in info["located_in"])
        )
    parts = [
        f"<h1>{_e(name)} <small>地点 Place</small></h1>",
        f'<p class="note">{" · ".join(facts)}</p>' if facts else "",
    ]
    if data["contains"]:
        items = "".join(
            f"<li>{_link(c['url'], c['name'])} "
            f"<small>{_e(c['category'])} {_e(c['type'])}</small></li>"
            for c in data["contains"]
        )
        parts.append(
            "<section><h2>包含 <small>Contains</small></h2>"
            f'<ul class="inline">{items}</ul></section>'
        )
    if data["commitments"]:
        parts.append(
            f"<section><h2>涉及该地的承诺事项 <small>Commitments in this place "
            f"(places inside it included)</small> <small>{len(data['commitments'])}</small></h2>"
            + _commitment_items(data["commitments"], lambda r: [(v, "cue") for v in r["via"]])
            + "</section>"
        )
    elif not data["contains"]:
        parts.append(_no_match(data["suggestions"]))
    parts.append(_network_section(data["network"]))
    return "".join(parts)


def build_company(store: ox.Store, params: dict[str, str]) -> dict[str, Any]:
    name = _require(params, "name", _name_form("/company", "name", "企业 Company"))
    organizations = _rows(store, Q_ORGANIZATION, {"name": ox.Literal(name)})
    projects = [
        row for row in run_library_query(store, "companies_and_projects") if row["company"] == name
    ]
    rows = _rows(store, Q_COMPANY_COMMITMENTS, {"name": ox.Literal(name)})
    subject = (f"company:{name}", name, "company", url("/company", name=name))
    network_rows = [{**r, "via": r["via"] if r["via_kind"] == "project" else ""} for r in rows]
    network = _network_around(store, subject, network_rows, "project")
    return {
        "title": name,
        "name": name,
        "organizations": [
            {"name": o["label"], "name_en": o.get("label_en"), "type": o.get("type")}
            for o in organizations
        ],
        "projects": [
            {
                "project": p["project"],
                "type": p.get("project_type"),
                "place": p.get("place"),
                "documents": p.get("documents"),
                "place_url": url("/place", name=p["place"]) if p.get("place") else None,
            }
            for p in projects
            if p.get("project")
        ],
        "commitments": [
            {k: r.get(k) for k in ("document", "path", "text", "via", "via_kind")}
            | {"url": commitment_url(r["document"], r["path"])}
            for r in rows
        ],
        "suggestions": [] if (organizations or rows) else _suggest(store, name),
        "network": network.as_json(),
    }


def render_company(data: dict[str, Any]) -> str:
    name = data["name"]
    parts = [f"<h1>{_e(name)} <small>企业 Company</small></h1>"]
    facts = [
        " · ".join(x for x in (_e(o.get("type")), _e(o.get("name_en"))) if x)
        for o in data["organizations"]
    ]
    if any(facts):
        parts.append(f'<p class="note">{"; ".join(f for f in facts if f)}</p>')
    if data["projects"]:
        rows = "".join(
            f"<tr><td>{_link(url('/who', q=p['project']), p['project'])}</td>"
            f"<td>{_e(p['type'])}</td>"
            f"<td>{_link(p['place_url'], p['place']) if p['place_url'] else ''}</td>"
            f"<td>{_e(p['documents'])}</td></tr>"
            for p in data["projects"]
        )
        parts.append(
            '<section><h2>项目 <small>Projects</small></h2><table class="data"><thead><tr>'
            "<th>项目 project</th><th>类型 type</th><th>地点 place</th><th>文件 documents</th>"
            f"</tr></thead><tbody>{rows}</tbody></table></section>"
        )
    if data["commitments"]:
        parts.append(
            "<section><h2>承诺事项 <small>Commitments</small> "
            f"<small>{len(data['commitments'])}</small></h2>"
            + _commitment_items(data["commitments"], lambda r: [(r["via"], "cue"), (name, "q")])
            + "</section>"
        )
    if not data["organizations"] and not data["commitments"]:
        parts.append(_no_match(data["suggestions"]))
    parts.append(_network_section(data["network"]))
    return "".join(parts)


def build_slogan(store: ox.Store, params: dict[str, str]) -> dict[str, Any]:
    name = _require(params, "name", _name_form("/slogan", "name", "提法 Slogan"))
    occurrences = run_library_query(store, "slogan_occurrences", {"name": name})
    canonical = occurrences[0]["name"] if occurrences and occurrences[0].get("name") else name
    described = [
        row for row in run_library_query(store, "slogans") if row["name"] in (name, canonical)
    ]
    rows = _rows(store, Q_COMMITMENTS_NAMING % "pk:invokesSlogan", {"name": ox.Literal(name)})
    subject = (f"slogan:{name}", name, "slogan", url("/slogan", name=name))
    network = _network_around(store, subject, [{**r, "via": ""} for r in rows])
    first = described[0] if described else {}
    return {
        "title": name,
        "name": name,
        "slogan": {
            "name": first.get("name", name),
            "kind": first.get("kind"),
            "english": first.get("english"),
            "glossary_level": first.get("glossary_level"),
            "members": [m for m in (first.get("members") or "").split("、") if m],
            "mentions": first.get("mentions"),
        }
        if first
        else None,
        "occurrences": [
            {k: o.get(k) for k in ("document", "year", "path", "quote", "quoted", "rule", "text")}
            | {"url": commitment_url(o["document"], o["path"])}
            for o in occurrences
        ],
        "documents": sorted({o["document"] for o in occurrences}),
        "suggestions": [] if (described or occurrences) else _suggest(store, name),
        "network": network.as_json(),
    }


def render_slogan(data: dict[str, Any]) -> str:
    name = data["name"]
    parts = [f"<h1>{_e(name)} <small>提法 Slogan</small></h1>"]
    slogan = data["slogan"]
    if slogan:
        facts = []
        if slogan["kind"]:
            facts.append(f"类型 kind: {_e(slogan['kind'])}")
        if slogan["english"]:
            facts.append(f"English: {_e(slogan['english'])}")
        if slogan["glossary_level"]:
            facts.append(f"层级 level: {_e(slogan['glossary_level'])}")
        parts.append(f'<p class="note">{" · ".join(facts)}</p>')
        if slogan["members"]:
            members = "".join(f"<li>{_e(m)}</li>" for m in slogan["members"])
            parts.append(
                "<section><h2>内涵 <small>Expansion</small></h2>"
                f'<ol class="inline">{members}</ol></section>'
            )
    if data["occurrences"]:
        items = "".join(
            f"<li>{_link(o['url'], o['document'] + ' ' + o['path'], 'path')} "
            f"<small>{_e(o.get('year'))}</small>"
            f"<blockquote>{highlight(o['text'], [(o['quote'], 'cue')])}</blockquote></li>"
            for o in data["occurrences"][:MAX_LIST_ITEMS]
        )
        parts.append(
            f"<section><h2>出处 <small>Occurrences across documents</small> "
            f"<small>{len(data['occurrences'])} · {len(data['documents'])}"
            " 份文件 documents</small></h2>"
            f'<ol class="commitments">{items}</ol></section>'
        )
    else:
        parts.append(_no_match(data["suggestions"]))
    parts.append(_network_section(data["network"]))
    return "".join(parts)


def build_indicator(store: ox.Store, params: dict[str, str]) -> dict[str, Any]:
    q = _require(params, "q", _name_form("/indicator", "q", "指标 Indicator"))
    rows = run_library_query(store, "indicator_across_documents", {"q": q})
    commitments = _rows(store, Q_INDICATOR_COMMITMENTS, {"q": ox.Literal(q)})
    subject = (f"indicator:{q}", q, "indicator", url("/indicator", q=q))
    network = _network_around(store, subject, [{**r, "via": ""} for r in commitments])
    columns: dict[str, dict[str, Any]] = {}
    pivot: dict[str, dict[str, list[str]]] = {}
    for row in rows:
        columns.setdefault(
            row["document"],
            {"document": row["document"], "year": row["year"], "level": row["level"]},
        )
        written = target_value(row)
        if row["kind"] == "outcome":
            written += " (完成 outcome)"
        pivot.setdefault(row["indicator"], {}).setdefault(row["document"], []).append(written)
    ordered_columns = sorted(columns.values(), key=lambda c: (c["year"] or 0, c["document"]))
    return {
        "title": q,
        "q": q,
        "documents": ordered_columns,
        "by_indicator": [
            {"indicator": indicator, "values": by_doc} for indicator, by_doc in pivot.items()
        ],
        "targets": [
            {
                k: r.get(k)
                for k in (
                    "indicator",
                    "year",
                    "document",
                    "level",
                    "kind",
                    "value",
                    "unit",
                    "comparator",
                    "value_normalized",
                    "unit_normalized",
                    "change",
                    "quote",
                    "path",
                )
            }
            | {"url": commitment_url(r["document"], r["path"])}
            for r in rows
        ],
        "suggestions": [] if rows else _suggest(store, q),
        "network": network.as_json(),
    }


_COMPARATOR_SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "~": "约"}
_CHANGE_SIGNS = {"increase": " ↑", "decrease": " ↓"}


def target_value(row: dict[str, Any]) -> str:
    """A target's value as one short string: 约3% ↓, ≥3.5%, 6%－6.5%."""
    value, unit = str(row.get("value") or ""), str(row.get("unit") or "")
    if unit and value.endswith(unit):  # a range written with its unit on each bound
        unit = ""
    sign = _COMPARATOR_SIGNS.get(str(row.get("comparator")), "")
    return f"{sign}{value}{unit}{_CHANGE_SIGNS.get(str(row.get('change')), '')}"


def render_indicator(data: dict[str, Any]) -> str:
    q = data["q"]
    parts = [f"<h1>{_e(q)} <small>指标 Indicator · 按文件与年度 by document and year</small></h1>"]
    if not data["targets"]:
        parts.append(_no_match(data["suggestions"]))
        return "".join(parts)
    head = "".join(
        f"<th>{_e(d['year'])}<br><small>{_link(url('/document/' + d['document']), d['document'])}"
        f" {_e(d['level'])}</small></th>"
        for d in data["documents"]
    )
    body = "".join(
        f"<tr><th>{_e(row['indicator'])}</th>"
        + "".join(
            f"<td>{_e('; '.join(row['values'].get(d['document'], [])))}</td>"
            for d in data["documents"]
        )
        + "</tr>"
        for row in data["by_indicator"]
    )
    parts.append(
        '<section><h2>对比 <small>Across documents</small></h2><table class="data pivot"><thead>'
        f"<tr><th>指标 indicator</th>{head}</tr></thead><tbody>{body}</tbody></table></section>"
    )
    rows = "".join(
        f"<tr><td>{_e(t['year'])}</td><td>{_link(t['url'], t['document'] + ' ' + t['path'])}</td>"
        f"<td>{_e(t['indicator'])}</td><td>{_e(t['kind'])}</td><td>{_e(t['comparator'])}</td>"
        f"<td>{_e(target_value(t))}</td><td>{_e(t.get('change'))}</td>"
        f"<td>{highlight(t['quote'], [(q, 'q')])}</td></tr>"
        for t in data["targets"]
    )
    parts.append(
        '<section><h2>目标与完成情况 <small>Targets and outcomes</small></h2><table class="data">'
        "<thead><tr><th>年度 year</th><th>出处 where</th><th>指标 indicator</th><th>类型 kind</th>"
        "<th>比较</th><th>数值 value</th><th>变化 change</th><th>原文 quote</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></section>"
    )
    parts.append(_network_section(data["network"]))
    return "".join(parts)


def build_document(store: ox.Store, rest: str, params: dict[str, str]) -> dict[str, Any] | None:
    if not rest or "/" in rest:
        return None
    docs = _documents(store, rest)
    if not docs:
        return None
    doc_node = ox.NamedNode(str(document_iri(rest)))
    outline = run_library_query(store, "document_outline", {"doc": doc_node.value})
    commitment_paths = {
        r["path"] for r in _rows(store, Q_DOCUMENT_COMMITMENT_PATHS, {"doc": doc_node})
    }
    return {
        "title": docs[0].get("title") or rest,
        "document": docs[0],
        "outline": [
            {
                k: r.get(k)
                for k in (
                    "kind",
                    "path",
                    "heading",
                    "commitments",
                    "sentence_commitments",
                    "targets",
                    "outcomes",
                )
            }
            | {"url": commitment_url(rest, r["path"]) if r["path"] in commitment_paths else None}
            for r in outline
        ],
    }


def render_document(data: dict[str, Any]) -> str:
    doc = data["document"]
    meta = "".join(
        f"<tr><th>{_e(k)}</th><td>{_e(_cell(doc.get(k)))}</td></tr>"
        for k in (
            "id",
            "title",
            "issuer",
            "doc_number",
            "date",
            "jurisdiction",
            "level",
            "year",
            "genre",
            "approval_body",
            "recipients",
            "sentences",
            "commitments",
            "targets",
        )
        if doc.get(k) not in (None, "", [])
    )
    rows = "".join(
        f'<tr class="outline-{_e(r["kind"])}"><td>{_e(r["kind"])}</td>'
        f"<td>{_link(r['url'], r['path']) if r['url'] else _e(r['path'])}</td>"
        f"<td>{_e(r.get('heading'))}</td><td class=num>{_e(r['commitments'])}</td>"
        f"<td class=num>{_e(r['sentence_commitments'])}</td><td class=num>{_e(r['targets'])}</td>"
        f"<td class=num>{_e(r['outcomes'])}</td></tr>"
        for r in data["outline"]
    )
    return (
        f"<h1>{_e(doc.get('title') or doc['id'])} <small>文件 Document</small></h1>"
        f'<table class="meta">{meta}</table>'
        '<section><h2>结构 <small>Outline</small></h2><table class="data"><thead><tr>'
        "<th>类型 kind</th><th>路径 path</th><th>标题 heading</th><th>承诺 commitments</th>"
        "<th>句级 sentence</th><th>目标 targets</th><th>完成 outcomes</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></section>"
    )


# --------------------------------------------------------------------------------------------
# The query library and the SPARQL editor
# --------------------------------------------------------------------------------------------


def build_queries(store: ox.Store, params: dict[str, str]) -> dict[str, Any]:
    return {"title": "查询库 Query library", "queries": _library_json()}


def render_queries(data: dict[str, Any]) -> str:
    rows = "".join(
        f"<tr><td>{_link(q['url'], q['name'])}</td><td>{_e(q['title_zh'])}<br>"
        f"<small>{_e(q['title_en'])}</small></td><td>{_e(q['description'])}</td>"
        f"<td>{_e(', '.join(p['name'] + ('?' if p['optional'] else '') for p in q['parameters']))}"
        "</td></tr>"
        for q in data["queries"]
    )
    return (
        "<h1>查询库 <small>SPARQL query library</small></h1>"
        '<p class="note">每个查询都可填写参数运行，结果可下载为 CSV 或 JSON。'
        "<small>Each query runs with its parameters; results download as CSV or JSON.</small> "
        '<a href="/sparql-editor">SPARQL 编辑器 editor</a></p>'
        '<table class="data"><thead><tr><th>名称 name</th><th>标题 title</th>'
        "<th>说明 description</th><th>参数 parameters</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


_INPUT_TYPES = {"iri": "url", "integer": "number", "decimal": "number"}


def build_query(store: ox.Store, rest: str, params: dict[str, str]) -> dict[str, Any] | None:
    from plankg.queries import library

    query = library().get(rest)
    if query is None:
        return None
    values = {k: v.strip() for k, v in params.items() if v.strip()}
    missing = [p.name for p in query.parameters if not p.optional and p.name not in values]
    # A paged query shows its first page unless asked for another, or for "all": a whole
    # corpus-wide answer can take seconds (plankg.summary_pages).
    paged = any(p.name == "page" for p in query.parameters)
    if paged and values.get("page") is None:
        values["page"] = "1"
    run_values = {k: v for k, v in values.items() if not (k == "page" and v == "all")}
    rows: list[dict[str, Any]] | None = None
    if not missing:
        rows = run_library_query(store, query.name, run_values)
    columns = list(query.columns) or (list(rows[0]) if rows else [])
    share = url(f"/queries/{query.name}", **values)
    paging = None
    if paged and rows is not None and "page" in run_values:
        number = int(run_values["page"])
        count = int(rows[0]["pages"]) if rows and rows[0].get("pages") else None
        paging = {
            "page": number,
            "pages": count,
            "previous": url(f"/queries/{query.name}", **(values | {"page": number - 1}))
            if number > 1
            else None,
            "next": url(f"/queries/{query.name}", **(values | {"page": number + 1}))
            if count and number < count
            else None,
            "all_csv": url(f"/queries/{query.name}.csv", **(values | {"page": "all"})),
        }
    return {
        "title": query.title,
        "name": query.name,
        "title_zh": query.title_zh,
        "title_en": query.title_en,
        "description": query.description,
        "parameters": [
            parameter | {"value": values.get(parameter["name"])}
            for parameter in query.describe()["parameters"]  # type: ignore[union-attr]
        ],
        "values": values,
        "missing": missing,
        "columns": columns,
        "rows": None if rows is None else [{c: r.get(c) for c in columns} for r in rows],
        "paging": paging,
        "sparql": query.text,
        "links": {
            "share": share,
            "csv": url(f"/queries/{query.name}.csv", **values),
            "json": url(f"/queries/{query.name}.json", **values),
            "example": url(
                f"/queries/{query.name}",
                **{p.name: p.example for p in query.parameters if p.example},
            ),
        },
    }


def render_query(data: dict[str, Any]) -> str:
    fields = []
    for p in data["parameters"]:
        input_type = _INPUT_TYPES.get(p["type"], "text")
        step = (
            ' step="any"'
            if p["type"] == "decimal"
            else (' step="1"' if p["type"] == "integer" else "")
        )
        required = "" if p["optional"] else " required"
        fields.append(
            f'<div class="field"><label for="p-{_e(p["name"])}"><code>{_e(p["name"])}</code> '
            f"<small>{_e(p['type'])}{' · 可选 optional' if p['optional'] else ''}</small></label>"
            f'<input id="p-{_e(p["name"])}" name="{_e(p["name"])}" type="{input_type}"'
            f"{step}{required} "
            f'value="{_e(p["value"] or "")}" placeholder="{_e(p["example"] or "")}">'
            f'<small class="help">{_e(p["description"])}</small></div>'
        )
    links = data["links"]
    parts = [
        f"<h1>{_e(data['title_zh'])} <small>{_e(data['title_en'])} · "
        f"<code>{_e(data['name'])}</code></small></h1>",
        f'<p class="note">{_e(data["description"])}</p>',
        f'<form class="query-form" action="{_e(url("/queries/" + data["name"]))}" method="get">'
        f'{"".join(fields)}<button type="submit">运行 Run</button>'
        + (f" {_link(links['example'], '示例 example')}" if data["parameters"] else "")
        + "</form>",
    ]
    if data["rows"] is None:
        parts.append(
            '<p class="note">请填写必填参数 <small>Fill in the required parameters: '
            f"{_e(', '.join(data['missing']))}</small></p>"
        )
    else:
        shown = data["rows"][:MAX_TABLE_ROWS]
        parts.append(
            f'<p class="downloads">{len(data["rows"])} 行 rows · '
            f"{_link(links['csv'], 'CSV')} · {_link(links['json'], 'JSON')} · "
            f"{_link(links['share'], '分享链接 shareable link')}</p>"
        )
        paging = data.get("paging")
        if paging:
            of = f" / {paging['pages']}" if paging["pages"] else ""
            steps = [f"第 {paging['page']}{of} 页 page {paging['page']}{of}"]
            if paging["previous"]:
                steps.append(_link(paging["previous"], "← 上一页 previous"))
            if paging["next"]:
                steps.append(_link(paging["next"], "下一页 next →"))
            steps.append(_link(paging["all_csv"], "全部 CSV all pages"))
            parts.append(f'<p class="paging">{" · ".join(steps)}</p>')
        if len(data["rows"]) > MAX_TABLE_ROWS:
            parts.append(
                f'<p class="note">仅显示前 {MAX_TABLE_ROWS} 行 first {MAX_TABLE_ROWS} rows shown; '
                "download for all.</p>"
            )
        parts.append(f'<div class="table-wrap">{_table(data["columns"], shown)}</div>')
    parts.append(
        "<details><summary>SPARQL</summary>"
        f'<pre class="sparql">{_e(data["sparql"])}</pre></details>'
    )
    return "".join(parts)


def query_csv(data: dict[str, Any]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(data["columns"])
    for row in data["rows"] or []:
        writer.writerow([_cell(row.get(c)) for c in data["columns"]])
    return buffer.getvalue().encode("utf-8")


_DEFAULT_SPARQL = """PREFIX pk: <https://w3id.org/plankg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?document ?path ?text
WHERE {
  ?commitment a pk:Commitment ; pk:commitmentLevel "item" ;
              pk:inDocument/pk:documentId ?document ; pk:path ?path ; pk:text ?text .
}
ORDER BY ?document ?path
LIMIT 20
"""


def build_editor(store: ox.Store, params: dict[str, str]) -> dict[str, Any]:
    return {
        "title": "SPARQL 编辑器 SPARQL editor",
        "query": params.get("query") or _DEFAULT_SPARQL,
        "endpoint": "/sparql",
    }


def render_editor(data: dict[str, Any]) -> str:
    return (
        "<h1>SPARQL 编辑器 <small>SPARQL editor</small></h1>"
        '<p class="note">只读：查询发送到 <code>/sparql</code>，更新会被拒绝。'
        "<small>Read-only: queries go to /sparql; updates are refused. The URL keeps the query, "
        "so it can be shared.</small></p>"
        '<form id="sparql-form" class="editor" action="/sparql-editor" method="get">'
        '<textarea id="sparql-query" name="query" rows="14" spellcheck="false">'
        f"{_e(data['query'])}</textarea>"
        '<div><button type="submit">运行 Run</button> '
        '<span id="sparql-status" class="note" role="status"></span></div></form>'
        '<div id="sparql-results" class="table-wrap"></div>'
    )


# --------------------------------------------------------------------------------------------
# Static files
# --------------------------------------------------------------------------------------------


@functools.cache
def _vendor_file(name: str) -> bytes | None:
    """vis-network's files, read from the installed pyvis package (never committed here)."""
    try:
        target = resources.files("pyvis").joinpath(f"{VIS_DIR}/{name}")
        return target.read_bytes() if target.is_file() else None
    except (ModuleNotFoundError, OSError):
        return None


def static_file(name: str) -> ProtocolResponse | None:
    if name in ("vis-network.min.js", "vis-network.css"):
        body = _vendor_file(name)
    else:
        candidate = (STATIC_DIR / name).resolve()
        if STATIC_DIR.resolve() not in candidate.parents or not candidate.is_file():
            return None
        body = candidate.read_bytes()
    if body is None:
        return None
    content_type = _CONTENT_TYPES.get(Path(name).suffix, "application/octet-stream")
    return ProtocolResponse(200, content_type, body)


# --------------------------------------------------------------------------------------------
# Routing
# --------------------------------------------------------------------------------------------

Builder = Callable[[ox.Store, dict[str, str]], dict[str, Any] | None]
RestBuilder = Callable[[ox.Store, str, dict[str, str]], dict[str, Any] | None]
Renderer = Callable[[dict[str, Any]], str]

EXACT_ROUTES: dict[str, tuple[Builder, Renderer]] = {
    "/": (build_home, render_home),
    "/who": (build_who, render_who),
    "/body": (build_body, render_body),
    "/place": (build_place, render_place),
    "/company": (build_company, render_company),
    "/slogan": (build_slogan, render_slogan),
    "/indicator": (build_indicator, render_indicator),
    "/queries": (build_queries, render_queries),
    "/sparql-editor": (build_editor, render_editor),
}
PREFIX_ROUTES: dict[str, tuple[RestBuilder, Renderer]] = {
    "/commitment/": (build_commitment, render_commitment),
    "/document/": (build_document, render_document),
    "/queries/": (build_query, render_query),
}


def _call_rest(
    builder: RestBuilder, rest: str, store: ox.Store, params: dict[str, str]
) -> dict[str, Any] | None:
    return builder(store, rest, params)


def _route(path: str) -> tuple[Builder, Renderer] | None:
    if path in EXACT_ROUTES:
        return EXACT_ROUTES[path]
    for prefix, (rest_builder, renderer) in PREFIX_ROUTES.items():
        if path.startswith(prefix):
            bound = functools.partial(_call_rest, rest_builder, path.removeprefix(prefix))
            return bound, renderer
    return None


def _json(payload: Any, status: int = 200) -> ProtocolResponse:
    return ProtocolResponse(
        status,
        "application/json; charset=utf-8",
        json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8"),
    )


def _html(text: str, status: int = 200) -> ProtocolResponse:
    return ProtocolResponse(status, "text/html; charset=utf-8", text.encode("utf-8"))


def _json_href(path: str, params: dict[str, str]) -> str:
    return url(("/index" if path == "/" else path) + ".json", **params)


def page(
    store: ox.Store, path: str, params: dict[str, str], accept: str = ""
) -> ProtocolResponse | None:
    """The explorer's answer for a GET/HEAD of ``path``; None when it is not an explorer page.

    ``path`` is the raw (percent-encoded) URL path; ``accept`` the request's Accept header.
    A path ending in ``.json`` (or an Accept header preferring application/json) gets the
    page's data as JSON; ``/queries/<name>.csv`` gets the query's rows as CSV.
    """
    path = urllib.parse.unquote(path)
    if path.startswith("/static/"):
        return static_file(path.removeprefix("/static/"))
    if path == "/favicon.ico":
        return static_file("favicon.svg")
    fmt = "html"
    for suffix in (".json", ".csv"):
        if path.endswith(suffix):
            path, fmt = path[: -len(suffix)], suffix[1:]
            break
    if path in ("", "/index"):
        path = "/"
    if (
        fmt == "html"
        and negotiate(accept, {"text/html": 1, "application/json": 1}, "text/html")
        == "application/json"
    ):
        fmt = "json"

    if fmt == "csv" and not (path.startswith("/queries/") and path.count("/") == 2):
        return None
    route = _route(path)
    if route is None:
        return None
    build, renderer = route
    try:
        data = build(store, params)
    except MissingParameter as missing:
        if fmt != "html":
            return _json({"error": str(missing)}, 400)
        return _html(layout("plankg", f"<h1>plankg</h1>{missing.form}", None))
    except (PlankgError, ValueError) as error:
        if fmt != "html":
            return _json({"error": str(error)}, 400)
        body = f'<h1>出错了 <small>Error</small></h1><p class="error">{_e(error)}</p>'
        return _html(layout("Error", body, None), 400)
    if data is None:
        return None
    if fmt == "json":
        return _json(data)
    if fmt == "csv":
        if data.get("rows") is None:
            return _json({"error": "missing parameters: " + ", ".join(data["missing"])}, 400)
        return ProtocolResponse(200, "text/csv; charset=utf-8", query_csv(data))
    has_network = bool(data.get("network") and data["network"]["nodes"])
    return _html(layout(data["title"], renderer(data), _json_href(path, params), has_network))
