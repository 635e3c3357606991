"""A human-readable HTML page of the ontology, generated from ``ontology/plankg.ttl``.

Self-contained (inline CSS, no scripts, no other host) and deterministic.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from plankg.namespaces import PK, PREFIXES
from plankg.output import write_atomically
from plankg.resources import ontology_dir

_CSS = """body{font-family:"Noto Sans CJK SC","Noto Sans",sans-serif;max-width:60em;margin:2em auto;
padding:0 1em;line-height:1.5;color:#222}h1,h2{border-bottom:1px solid #ccc}code{background:#f4f4f4;
padding:0 .2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.3em;
vertical-align:top;text-align:left}th{background:#f0f0f0}"""


def _label(graph: Graph, node: URIRef, prop: URIRef, lang: str) -> str:
    for value in sorted(graph.objects(node, prop), key=str):
        if getattr(value, "language", None) == lang:
            return str(value)
    return ""


def _curie(node: URIRef) -> str:
    text = str(node)
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if text.startswith(namespace):
            return f"{prefix}:{text[len(namespace) :]}"
    return text


def _rows(graph: Graph, kind: URIRef) -> list[str]:
    rows = []
    for node in sorted(
        {s for s in graph.subjects(RDF.type, kind) if str(s).startswith(str(PK))}, key=str
    ):
        extra = []
        for prop, name in (
            (RDFS.subClassOf, "subclass of"),
            (RDFS.domain, "domain"),
            (RDFS.range, "range"),
            (RDFS.subPropertyOf, "subproperty of"),
        ):
            values = sorted(_curie(v) for v in graph.objects(node, prop) if isinstance(v, URIRef))
            if values:
                extra.append(f"{name}: " + ", ".join(f"<code>{escape(v)}</code>" for v in values))
        local = _curie(node)
        rows.append(
            f'<tr id="{escape(local.split(":", 1)[1])}"><td><code>{escape(local)}</code></td>'
            f"<td>{escape(_label(graph, node, RDFS.label, 'en'))}<br>"
            f"{escape(_label(graph, node, RDFS.label, 'zh'))}</td>"
            f"<td>{escape(_label(graph, node, SKOS.definition, 'en'))}<br>"
            f"{escape(_label(graph, node, SKOS.definition, 'zh'))}"
            f"{'<br><small>' + '; '.join(extra) + '</small>' if extra else ''}</td></tr>"
        )
    return rows


def ontology_page() -> str:
    graph = Graph().parse(ontology_dir() / "plankg.ttl", format="turtle")
    header = "<tr><th>term</th><th>label (en / zh)</th><th>definition</th></tr>"
    sections = []
    for title, kind in (
        ("Classes 类", OWL.Class),
        ("Object properties 对象属性", OWL.ObjectProperty),
        ("Datatype properties 数据属性", OWL.DatatypeProperty),
    ):
        sections.append(
            f"<h2>{escape(title)}</h2><table>{header}{''.join(_rows(graph, kind))}</table>"
        )
    ontology = URIRef(str(PK).rstrip("#"))
    description = _label(graph, ontology, URIRef("http://purl.org/dc/terms/description"), "en")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>plankg ontology</title>"
        f"<style>{_CSS}</style></head><body><h1>plankg ontology 本体</h1>"
        f"<p>Namespace <code>{escape(str(PK))}</code> (prefix <code>pk:</code>).</p>"
        f"<p>{escape(description)}</p>{''.join(sections)}</body></html>\n"
    )


def write_ontology_page(path: Path) -> Path:
    write_atomically({path: ontology_page()})
    return path
