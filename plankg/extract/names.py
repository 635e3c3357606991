"""Name extraction as components over one document (spaCy's pipeline model).

Each component declares which categories it reads and which one it adds; it reads what
earlier components found from the document (``NameDocument.found``), never from a
cache of another extractor. The order is fixed by what each one reads:

* organizations — reads nothing; adds organizations;
* places — reads the sentence's organizations (short forms inside their names are not
  places; a bare zone word listed beside one is);
* short names — reads every place of the document: 深汕 alone for 深汕特别合作区;
* projects — reads the sentence's places and organizations (a place or company at the
  head of a project name, the builder, the location);
* slogans — reads nothing;
* slogan members — reads every slogan and the whole text: a formula the sentence leaves
  unexplained (三大攻坚战) gets the members the document lists elsewhere.

``find_names`` runs them in that order over a document's sentences; ``names_in`` does
the same for one sentence (tests, responsibility's single-sentence grammar).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from plankg.extract import lexicon as lx
from plankg.extract.context import NameContext
from plankg.extract.organizations import extract_organizations
from plankg.extract.places import extract_places
from plankg.extract.projects import extract_projects
from plankg.extract.short_names import short_names, stems
from plankg.extract.slogans import NUMERIC, expand_from_document, extract_slogans
from plankg.model import Mention, Metadata


@dataclass
class NameDocument:
    """The sentences of one document and the names found in them so far."""

    texts: Sequence[str]
    context: NameContext = field(default_factory=NameContext)
    mentions: list[tuple[int, Mention]] = field(default_factory=list)
    _by_sentence: dict[tuple[int, str], list[Mention]] = field(default_factory=dict)

    def add(self, index: int, mention: Mention) -> None:
        self.mentions.append((index, mention))
        self._by_sentence.setdefault((index, mention.category), []).append(mention)

    def found(self, index: int, category: str) -> list[Mention]:
        """What earlier components found of ``category`` in sentence ``index``."""
        return self._by_sentence.get((index, category), [])


@dataclass(frozen=True)
class Component:
    name: str
    reads: tuple[str, ...]
    adds: str
    extract: Callable[[str, dict[str, list[Mention]], NameContext], list[Mention]]

    def __call__(self, doc: NameDocument) -> None:
        for index, text in enumerate(doc.texts):
            earlier = {category: doc.found(index, category) for category in self.reads}
            for mention in self.extract(text, earlier, doc.context):
                if mention.category != self.adds:
                    raise ValueError(f"component {self.name} added a {mention.category}")
                doc.add(index, mention)


COMPONENTS: tuple[Component, ...] = (
    Component("organizations", (), "organization",
              lambda text, _found, context: extract_organizations(text, context)),
    Component("places", ("organization",), "place",
              lambda text, found, context: extract_places(text, found["organization"],
                                                          context)),
    Component("projects", ("place", "organization"), "project",
              lambda text, found, _context: extract_projects(text, found["place"],
                                                             found["organization"])),
    Component("slogans", (), "slogan", lambda text, _found, _context: extract_slogans(text)),
)


class ShortNames:
    """Reads every place of the document (an earlier component); adds places: the
    two-character short names of zones and routes used alone (extract/short_names.py)."""

    name = "short-names"
    reads = ("place",)
    adds = "place"

    def __call__(self, doc: NameDocument) -> None:
        known = stems([m for _, m in doc.mentions if m.category == "place"])
        for index, text in enumerate(doc.texts):
            for mention in short_names(text, known, doc.found(index, "place")):
                doc.add(index, mention)


class SloganMembers:
    """Reads every slogan and the whole text; refines slogans: the members of a formula
    its own sentence does not list, as the document lists them (slogans.expand_from_document)."""

    name = "slogan-members"
    reads = ("slogan",)
    adds = "slogan"

    def __call__(self, doc: NameDocument) -> None:
        text = "\n".join(doc.texts)
        found: dict[str, tuple[str, ...]] = {}
        for position, (index, mention) in enumerate(doc.mentions):
            if mention.category != "slogan" or mention.members or mention.type != NUMERIC:
                continue
            if mention.name not in found:
                found[mention.name] = expand_from_document(mention.name, text)
            if found[mention.name]:
                refined = dataclasses.replace(mention, members=found[mention.name])
                doc.mentions[position] = (index, refined)
                sentence = doc._by_sentence[(index, "slogan")]
                sentence[sentence.index(mention)] = refined


DOCUMENT_COMPONENTS: tuple[Component | ShortNames | SloganMembers, ...] = (
    *COMPONENTS[:2], ShortNames(), *COMPONENTS[2:], SloganMembers())


def context_for(metadata: Metadata | None) -> NameContext:
    """The document facts the components read, from the document's metadata."""
    if metadata is None or not metadata.jurisdiction:
        return NameContext()
    provinces = lx.provinces_of(metadata.jurisdiction)
    if not provinces and metadata.jurisdiction not in _NATIONAL:
        return NameContext()  # a jurisdiction the gazetteer does not know says nothing
    return NameContext(jurisdiction=metadata.jurisdiction, provinces=provinces)


_NATIONAL = frozenset({"中华人民共和国", "中国", "全国"})


def find_names(texts: Sequence[str], metadata: Metadata | None = None) -> list[tuple[int, Mention]]:
    """Every component over a document's sentences: (sentence index, mention) pairs,
    offsets relative to the sentence."""
    doc = NameDocument(texts, context_for(metadata))
    for component in DOCUMENT_COMPONENTS:
        component(doc)
    # Within a sentence: places, organizations, projects, slogans (a stable order for
    # the graph files), each in text order.
    return sorted(doc.mentions, key=lambda pair: (pair[0], _RANK[pair[1].category]))


_RANK = {"place": 0, "organization": 1, "project": 2, "slogan": 3}


def names_in(sentence: str, metadata: Metadata | None = None) -> list[Mention]:
    """Every component over one sentence."""
    return [mention for _, mention in find_names([sentence], metadata)]
