"""A built ``Document`` as RDF triples: structure, sentences, commitments, facts, provenance.

Every extracted fact is a node (``pk:Target``, ``pk:Mention``) that points at its
sentence (``pk:evidence``), carries its span in the decoded source text
(``pk:charStart``/``pk:charEnd``), its quote and the rule that produced it. No blank
nodes: every IRI derives from the document id and a path or ordinal, so the same
input always gives the same graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from decimal import Decimal

from rdflib import Graph

from plankg import identity, namespaces
from plankg.model import Commitment, Document, Mention, Metadata, Responsibility
from plankg.namespaces import PREFIXES
from plankg.terms import Vocabulary, boolean, en, integer, iri, plain, typed, zh
from plankg.terms import decimal as decimal_term

# Subject, predicate, object, each in N-Triples syntax (see plankg.terms).
Triple = tuple[str, str, str]

RDF = Vocabulary("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Vocabulary("http://www.w3.org/2000/01/rdf-schema#")
XSD = Vocabulary("http://www.w3.org/2001/XMLSchema#")
DCTERMS = Vocabulary("http://purl.org/dc/terms/")
SKOS = Vocabulary("http://www.w3.org/2004/02/skos/core#")
PK, ORG, CAP, SLOGAN, UNIT = (
    Vocabulary(ns)
    for ns in (namespaces.PK, namespaces.ORG, namespaces.CAP, namespaces.SLOGAN, namespaces.UNIT)
)

_DIVISION_CLASS = {
    "part": PK.Part,
    "section": PK.Section,
    "item": PK.Item,
    "paragraph": PK.Paragraph,
}
_SLOGAN_KIND = {
    "numeric-formula": PK.NumericFormula,
    "programme": PK.Programme,
    "catchphrase": PK.Catchphrase,
    "term": PK.Term,
    "plan-period": PK.PlanPeriod,
}
_ORG_CLASS = {
    "company": PK.Company,
    "government-body": PK.GovernmentBody,
    "party-organ": PK.GovernmentBody,
}
_CONTAINER_SUFFIX_TYPES = (
    ("街道", "subdistrict"),
    ("镇", "town"),
    ("乡", "town"),
    ("村", "village"),
    ("社区", "village"),
    ("县", "district"),
    ("区", "district"),
    ("市", "city"),
    ("省", "province"),
)


def decimal(value: float) -> str:
    # repr() of a float is its shortest exact form, so the literal is stable; "f" keeps
    # 1e+16 a valid xsd:decimal lexical form (no exponent).
    return decimal_term(format(Decimal(repr(value)), "f"))


def _span(doc: Document, start: int, end: int) -> tuple[str, str]:
    source_start, source_end = doc.clean.source_span(start, end)
    return integer(source_start), integer(source_end)


def entity_iri(mention: Mention, doc: Document) -> str:
    meta = doc.metadata
    if mention.category == "place":
        return iri(identity.place_iri(mention.name, mention.type, meta))
    if mention.category == "organization":
        return iri(identity.organization_iri(mention.name, mention.type, meta))
    if mention.category == "project":
        return iri(identity.project_iri(mention.name, meta))
    return iri(identity.slogan_iri(mention.name))


def _container_type(name: str, known: dict[str, str]) -> str:
    if name in known:
        return known[name]
    for suffix, place_type in _CONTAINER_SUFFIX_TYPES:
        if name.endswith(suffix):
            return place_type
    return "site"


def document_triples(doc: Document) -> Iterator[Triple]:
    meta = doc.metadata
    doc_iri = iri(identity.document_iri(doc.id))
    yield doc_iri, RDF.type, PK.Document
    yield doc_iri, PK.documentId, plain(doc.id)
    if meta.title:
        yield doc_iri, DCTERMS.title, zh(meta.title)
        yield doc_iri, RDFS.label, zh(meta.title)
    if meta.issuer:
        issuer = iri(identity.organization_iri(meta.issuer, "government-body", meta))
        yield doc_iri, PK.issuer, issuer
        yield issuer, RDF.type, ORG.Organization
        yield issuer, RDF.type, PK.GovernmentBody
        yield issuer, RDFS.label, zh(meta.issuer)
        yield issuer, PK.organizationType, plain("government-body")
    if meta.doc_number:
        yield doc_iri, PK.docNumber, plain(meta.doc_number)
    if meta.date:
        yield doc_iri, DCTERMS.issued, typed(meta.date, "http://www.w3.org/2001/XMLSchema#date")
    for recipient in meta.recipients:
        yield doc_iri, PK.recipient, zh(recipient)
    if meta.recipients:
        yield doc_iri, PK.recipientList, zh("、".join(meta.recipients))
    if meta.approval_body:
        yield doc_iri, PK.approvalBody, zh(meta.approval_body)
    if meta.jurisdiction:
        place_type = {
            "national": "country",
            "province": "province",
            "city": "city",
            "district": "district",
        }.get(meta.level or "", "district")
        jurisdiction = iri(identity.place_iri(meta.jurisdiction, place_type, meta))
        yield doc_iri, PK.jurisdiction, jurisdiction
        yield jurisdiction, RDF.type, PK.Place
        yield jurisdiction, RDFS.label, zh(meta.jurisdiction)
        yield jurisdiction, PK.placeType, plain(place_type)
    if meta.level:
        yield doc_iri, PK.adminLevel, plain(meta.level)
    if meta.year:
        yield doc_iri, PK.year, integer(meta.year)
    if meta.genre:
        yield doc_iri, PK.genre, plain(meta.genre)
    if meta.speaker:
        yield doc_iri, PK.speaker, zh(meta.speaker)
    yield doc_iri, PK.sha256, plain(doc.source.sha256)
    yield doc_iri, PK.sourceFormat, plain(f"{doc.source.format};{doc.source.encoding}")


def structure_triples(doc: Document) -> Iterator[Triple]:
    doc_iri = iri(identity.document_iri(doc.id))
    for division in doc.divisions:
        node = iri(identity.part_iri(doc.id, division.path))
        yield node, RDF.type, _DIVISION_CLASS[division.kind]
        yield node, PK.inDocument, doc_iri
        yield node, PK.path, plain(division.path)
        yield node, PK.number, integer(division.number)
        start, end = _span(doc, division.start, division.end)
        yield node, PK.charStart, start
        yield node, PK.charEnd, end
        if division.heading:
            yield node, PK.heading, zh(division.heading)
            yield node, RDFS.label, zh(division.heading)
        if division.parent:
            yield node, PK.parentDivision, iri(identity.part_iri(doc.id, division.parent))
    for sentence in doc.sentences:
        node = iri(identity.part_iri(doc.id, sentence.path))
        yield node, RDF.type, PK.Sentence
        yield node, PK.inDocument, doc_iri
        yield node, PK.inDivision, iri(identity.part_iri(doc.id, sentence.division))
        yield node, PK.path, plain(sentence.path)
        yield node, PK.sentenceIndex, integer(sentence.index)
        yield node, PK.text, zh(sentence.text)
        start, end = _span(doc, sentence.start, sentence.end)
        yield node, PK.charStart, start
        yield node, PK.charEnd, end


def _commitment_of_sentence(doc: Document) -> dict[int, Commitment]:
    """The innermost commitment each sentence belongs to."""
    innermost: dict[int, Commitment] = {}
    for commitment in doc.commitments:
        for index in commitment.sentences:
            current = innermost.get(index)
            if current is None or commitment.level == "sentence":
                innermost[index] = commitment
    return innermost


def _commitment_ancestry(doc: Document) -> dict[str, list[Commitment]]:
    by_id = {c.id: c for c in doc.commitments}
    chains: dict[str, list[Commitment]] = {}
    for commitment in doc.commitments:
        chain = [commitment]
        while chain[-1].parent:
            chain.append(by_id[chain[-1].parent])
        chains[commitment.id] = chain
    return chains


def commitment_iri(doc: Document, commitment: Commitment) -> str:
    return iri(identity.fact_iri(doc.id, "commitment", commitment.path))


def fact_triples(doc: Document) -> Iterator[Triple]:
    doc_iri = iri(identity.document_iri(doc.id))
    sentence_iri = {s.index: iri(identity.part_iri(doc.id, s.path)) for s in doc.sentences}
    sentence_of = {s.index: s for s in doc.sentences}
    innermost = _commitment_of_sentence(doc)
    ancestry = _commitment_ancestry(doc)

    for commitment in doc.commitments:
        node = commitment_iri(doc, commitment)
        yield node, RDF.type, PK.Commitment
        yield node, PK.inDocument, doc_iri
        yield node, PK.path, plain(commitment.path)
        yield node, PK.commitmentLevel, plain(commitment.level)
        yield node, PK.timeframe, plain(commitment.timeframe)
        yield node, PK.text, zh(commitment.text)
        start, end = _span(doc, commitment.start, commitment.end)
        yield node, PK.charStart, start
        yield node, PK.charEnd, end
        division_path = sentence_of[commitment.sentences[0]].division
        if commitment.level != "sentence":
            division_path = commitment.path
        yield node, PK.inDivision, iri(identity.part_iri(doc.id, division_path))
        for index in commitment.sentences:
            yield node, PK.evidence, sentence_iri[index]
        if commitment.parent:
            parent = next(c for c in ancestry[commitment.id] if c.id == commitment.parent)
            yield node, PK.partOfCommitment, commitment_iri(doc, parent)

    def holders(sentence_index: int) -> list[str]:
        commitment = innermost.get(sentence_index)
        if commitment is None:
            return []
        return [commitment_iri(doc, c) for c in ancestry[commitment.id]]

    for ordinal, (sentence_index, target) in enumerate(doc.targets, start=1):
        sentence = sentence_of[sentence_index]
        node = iri(identity.fact_iri(doc.id, "target", ordinal))
        yield node, RDF.type, PK.Target if target.kind == "target" else PK.ReportedOutcome
        yield node, RDF.type, PK.QuantitativeStatement
        yield node, PK.inDocument, doc_iri
        yield node, PK.evidence, sentence_iri[sentence_index]
        yield node, PK.indicatorLabel, zh(target.indicator)
        yield node, PK.valueAsWritten, plain(target.value)
        yield node, PK.unitAsWritten, plain(target.unit)
        yield node, PK.comparator, plain(target.comparator)
        if target.value_normalized is not None:
            yield node, PK.numericValue, decimal(target.value_normalized)
        if target.value_max_normalized is not None:
            yield node, PK.maxNumericValue, decimal(target.value_max_normalized)
        if target.unit_normalized:
            yield node, PK.unit, UNIT[target.unit_normalized.replace("/", "-per-")]
        if target.indicator_concept is not None:
            yield node, PK.indicator, iri(target.indicator_concept)
        yield node, PK.changeDirection, plain(target.change)
        if target.binding:
            yield node, PK.bindingness, plain(target.binding)
        yield node, PK.quote, zh(sentence.text[target.start : target.end])
        start, end = _span(doc, sentence.start + target.start, sentence.start + target.end)
        yield node, PK.charStart, start
        yield node, PK.charEnd, end
        yield node, PK.extractionRule, plain(target.rule)
        if target.kind == "target":
            for holder in holders(sentence_index):
                yield holder, PK.hasTarget, node
                yield node, PK.inCommitment, holder

    yield from _mention_triples(doc, sentence_of, sentence_iri, holders)


def _mention_triples(doc, sentence_of, sentence_iri, holders) -> Iterator[Triple]:  # noqa: ANN001
    doc_iri = iri(identity.document_iri(doc.id))
    place_types = {m.name: m.type for _, m in doc.mentions if m.category == "place"}
    org_types = {m.name: m.type for _, m in doc.mentions if m.category == "organization"}
    link = {
        "place": PK.involvesPlace,
        "organization": PK.involvesOrganization,
        "project": PK.involvesProject,
        "slogan": PK.invokesSlogan,
    }
    described: set[str] = set()
    aliases: dict[str, set[str]] = defaultdict(set)

    for ordinal, (sentence_index, mention) in enumerate(doc.mentions, start=1):
        sentence = sentence_of[sentence_index]
        entity = entity_iri(mention, doc)
        node = iri(identity.fact_iri(doc.id, "mention", ordinal))
        yield node, RDF.type, PK.Mention
        yield node, PK.inDocument, doc_iri
        yield node, PK.refersTo, entity
        yield node, PK.evidence, sentence_iri[sentence_index]
        yield node, PK.quote, zh(mention.text)
        start, end = _span(doc, sentence.start + mention.start, sentence.start + mention.end)
        yield node, PK.charStart, start
        yield node, PK.charEnd, end
        yield node, PK.extractionRule, plain(mention.rule)
        if mention.quoted:
            yield node, PK.quoted, boolean(True)
        for holder in holders(sentence_index):
            yield holder, link[mention.category], entity
            yield node, PK.inCommitment, holder
        if mention.text != mention.name:
            aliases[entity].add(mention.text)
        if entity in described:
            continue
        described.add(entity)
        yield from _entity_triples(doc, mention, entity, place_types, org_types)

    for entity, names in aliases.items():
        for name in sorted(names):
            yield entity, SKOS.altLabel, zh(name)


def _entity_triples(doc, mention, entity, place_types, org_types) -> Iterator[Triple]:  # noqa: ANN001
    name = mention.name
    if mention.category == "organization" and mention.type in identity.SCOPED_ORGANIZATION_TYPES:
        # 区生态环境局 names 渝北区生态环境局 here: one label, the one the IRI stands for.
        name = identity.scoped_body_name(name, doc.metadata)
    yield entity, RDFS.label, zh(name)
    yield entity, SKOS.prefLabel, zh(name)
    if mention.category == "place":
        yield entity, RDF.type, PK.Place
        yield entity, PK.placeType, plain(mention.type)
    elif mention.category == "organization":
        yield entity, RDF.type, ORG.Organization
        if mention.type in _ORG_CLASS:
            yield entity, RDF.type, _ORG_CLASS[mention.type]
        yield entity, PK.organizationType, plain(mention.type)
    elif mention.category == "project":
        yield entity, RDF.type, PK.Project
        yield entity, PK.projectType, plain(mention.type)
        if mention.company:
            company_type = org_types.get(mention.company, "company")
            company = iri(identity.organization_iri(mention.company, company_type, doc.metadata))
            yield entity, PK.company, company
            yield company, RDF.type, ORG.Organization
            yield company, RDFS.label, zh(mention.company)
    else:
        yield entity, RDF.type, PK.Slogan
        yield entity, RDF.type, SKOS.Concept
        kind = _SLOGAN_KIND.get(mention.type)
        if kind is not None:
            yield entity, PK.sloganKind, kind
        for member in mention.members:
            yield entity, PK.member, zh(member)
        from plankg.extract.slogans import load_glossary

        if mention.name in load_glossary():
            yield entity, SKOS.exactMatch, SLOGAN[identity.iri_segment(mention.name)]
    if mention.located_in:
        container_type = _container_type(mention.located_in, place_types)
        container = iri(identity.place_iri(mention.located_in, container_type, doc.metadata))
        yield entity, PK.locatedIn, container
        yield container, RDF.type, PK.Place
        yield container, RDFS.label, zh(mention.located_in)
        yield container, PK.placeType, plain(container_type)


_ROLE = {
    "lead": PK.LeadRole,
    "cooperating": PK.CooperatingRole,
    "implementing": PK.ImplementingRole,
    "partner": PK.PartnerRole,
    "supervising": PK.SupervisingRole,
    "beneficiary": PK.BeneficiaryRole,
    "accountable": PK.AccountableRole,
}
_BASIS = {
    "stated": PK.StatedInTextBasis,
    "assignment": PK.AssignmentTableBasis,
    "mandate": PK.MandateBasis,
    "place": PK.PlaceBasis,
    "issuer": PK.IssuerBasis,
}
STATED_BASES = frozenset({"stated", "assignment"})
_BODY_ORG_TYPE = {"town-government": "government-body", "post": "post"}


def body_iri(name: str, body_type: str, metadata: Metadata) -> str:
    """A body's IRI: scoped by the document's jurisdiction where its name repeats."""
    if body_type in ("town-government", "village-committee") and metadata.jurisdiction:
        # Town and village names repeat across China: scope them like the places.
        return iri(
            identity.ID[
                f"org/{identity.iri_segment(metadata.jurisdiction)}/"
                f"{identity.iri_segment(name)}"
            ]
        )
    organization_type = _BODY_ORG_TYPE.get(body_type, body_type)
    if organization_type == "post":
        return iri(identity.organization_iri(name, "government-body", metadata))
    return iri(identity.organization_iri(name, organization_type, metadata))


def responsibility_triples(
    doc: Document, responsibilities: Sequence[Responsibility], kind: str = "responsibility"
) -> Iterator[Triple]:
    """Qualified responsibilities: body, role, basis, confidence, evidence, rationale.

    Stated (text, assignment table) and inferred (mandate, place, issuer) ones carry
    different classes, so every query and output can tell them apart.
    """
    by_id = {c.id: c for c in doc.commitments}
    sentence_of = {s.index: s for s in doc.sentences}
    ranks: dict[str, int] = defaultdict(int)
    described: set[str] = set()
    for responsibility in responsibilities:
        commitment = by_id.get(responsibility.commitment)
        if commitment is None:
            continue
        ranks[commitment.id] += 1
        node = iri(identity.fact_iri(doc.id, kind, f"{commitment.path}.r{ranks[commitment.id]}"))
        holder = commitment_iri(doc, commitment)
        body = body_iri(responsibility.body, responsibility.body_type, doc.metadata)
        stated = responsibility.basis in STATED_BASES
        yield node, RDF.type, PK.Responsibility
        yield node, RDF.type, PK.StatedResponsibility if stated else PK.InferredResponsibility
        yield holder, PK.qualifiedResponsibility, node
        yield node, PK.forCommitment, holder
        yield node, PK.inDocument, iri(identity.document_iri(doc.id))
        yield node, PK.body, body
        yield node, PK.role, _ROLE[responsibility.role]
        yield node, PK.basis, _BASIS[responsibility.basis]
        yield node, PK.confidence, decimal(round(responsibility.confidence, 3))
        yield node, PK.rationale, en(responsibility.rationale)
        for cue in sorted(set(responsibility.cues)):
            yield node, PK.cue, zh(cue)
        if responsibility.sentence is not None:
            sentence = sentence_of[responsibility.sentence]
            yield node, PK.evidence, iri(identity.part_iri(doc.id, sentence.path))
            if responsibility.start is not None and responsibility.end is not None:
                start, end = _span(
                    doc, sentence.start + responsibility.start, sentence.start + responsibility.end
                )
                yield node, PK.charStart, start
                yield node, PK.charEnd, end
                yield node, PK.quote, zh(sentence.text[responsibility.start : responsibility.end])
        if body in described:
            continue
        described.add(body)
        yield body, RDF.type, ORG.Organization
        yield body, RDFS.label, zh(responsibility.body)
        yield body, SKOS.prefLabel, zh(responsibility.body)
        if responsibility.body_en:
            yield body, RDFS.label, en(responsibility.body_en)
            yield body, SKOS.prefLabel, en(responsibility.body_en)
        if responsibility.body_type == "post":
            yield body, RDF.type, PK.Post
            yield body, PK.organizationType, plain("post")
        elif responsibility.body_type in ("government-body", "town-government", "party-organ"):
            yield body, RDF.type, PK.GovernmentBody
            yield (
                body,
                PK.organizationType,
                plain(
                    "government-body"
                    if responsibility.body_type == "town-government"
                    else responsibility.body_type
                ),
            )
        else:
            yield body, PK.organizationType, plain(responsibility.body_type)
        if responsibility.department:
            yield body, PK.departmentType, iri(responsibility.department)


def topic_triples(doc: Document) -> Iterator[Triple]:
    by_id = {c.id: c for c in doc.commitments}
    for commitment_id, topics in doc.topics.items():
        commitment = by_id.get(commitment_id)
        if commitment is None or not topics:
            continue
        holder = commitment_iri(doc, commitment)
        yield holder, PK.primaryTopic, CAP[str(topics[0][0])]
        for code, _ in topics:
            yield holder, PK.topic, CAP[str(code)]


def document_graph(doc: Document) -> Graph:
    """The document's graph as an rdflib ``Graph`` (for validation and tests)."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.parse(data="".join(f"{s} {p} {o} .\n" for s, p, o in graph_triples(doc)), format="nt")
    return graph


def graph_triples(doc: Document) -> list[Triple]:
    """All triples of a document's graph, de-duplicated, counts included."""
    triples = {
        *document_triples(doc),
        *structure_triples(doc),
        *fact_triples(doc),
        *responsibility_triples(doc, doc.responsibilities),
        *topic_triples(doc),
    }
    doc_iri = iri(identity.document_iri(doc.id))
    kinds = [d.kind for d in doc.divisions]
    counts = {
        PK.partCount: kinds.count("part"),
        PK.sectionCount: kinds.count("section"),
        PK.itemCount: kinds.count("item"),
        PK.sentenceCount: len(doc.sentences),
        PK.commitmentCount: len(doc.commitments),
        PK.targetCount: sum(1 for _, t in doc.targets if t.kind == "target"),
    }
    triples.update((doc_iri, prop, integer(value)) for prop, value in counts.items())
    # The triple count counts itself.
    triples.add((doc_iri, PK.tripleCount, integer(len(triples) + 1)))
    return list(triples)
