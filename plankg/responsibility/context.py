"""One document prepared for responsibility inference: mentions by sentence, heading sentences,
cached rankings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from plankg.catalog import (
    NAMED_WEIGHT,
    find_departments,
    find_keyword_cues,
)
from plankg.model import Commitment, Division, Document, Mention
from plankg.responsibility.jurisdiction import (
    Jurisdictions,
    jurisdictions_of,
)
from plankg.responsibility.ranking import (
    HEADING_WEIGHT,
    TOPIC_MAX_CHARS,
    TOPIC_WEIGHT,
)
from plankg.responsibility.scoring import (
    RankedDepartment,
    rank_text,
)
from plankg.responsibility.stated import (
    StatedRole,
    stated_roles,
)


@dataclass
class DocContext:
    doc: Document
    juris: Jurisdictions
    level: str | None
    mentions: dict[int, tuple[Mention, ...]]
    divisions: dict[str, Division]
    heading_sentence: dict[str, int]  # division path → index of its heading sentence
    targets_in: dict[int, int] = field(default_factory=dict)  # sentence → its target count
    sentence_rank: dict[int, list[RankedDepartment]] = field(default_factory=dict)
    sentence_stated: dict[int, list[StatedRole]] = field(default_factory=dict)
    sentence_cues: dict[int, list[tuple[str, float, int, int, str]]] = field(
        default_factory=dict)

    def rank(self, index: int) -> list[RankedDepartment]:
        if index not in self.sentence_rank:
            self.sentence_rank[index] = rank_text(self.doc.sentences[index].text, self.juris)
        return self.sentence_rank[index]

    def cues(self, index: int) -> list[tuple[str, float, int, int, str]]:
        """(department IRI, weight, start, end, word) of every cue in a sentence."""
        if index not in self.sentence_cues:
            text = self.doc.sentences[index].text
            found = [(owner.iri, weight, cue.start, cue.end, cue.word)
                     for cue in find_keyword_cues(text) for owner, weight in cue.owners]
            found += [(m.department.iri, NAMED_WEIGHT, m.start, m.end, m.surface)
                      for m in find_departments(text)]
            self.sentence_cues[index] = found
        return self.sentence_cues[index]

    def stated(self, index: int) -> list[StatedRole]:
        if index not in self.sentence_stated:
            self.sentence_stated[index] = stated_roles(
                self.doc.sentences[index].text, self.mentions.get(index, ()), self.juris,
                self.doc.metadata)
        return self.sentence_stated[index]


def document_context(doc: Document) -> DocContext:
    juris = jurisdictions_of(doc.metadata)
    mentions: dict[int, list[Mention]] = {}
    for index, mention in doc.mentions:
        mentions.setdefault(index, []).append(mention)
    by_span = {(s.start, s.end): s.index for s in doc.sentences}
    heading_sentence = {}
    for division in doc.divisions:
        if division.heading_start is not None and division.heading_end is not None:
            index = by_span.get((division.heading_start, division.heading_end))
            if index is None:  # a heading that is not a whole sentence: its first sentence
                index = next((s.index for s in doc.sentences
                              if s.start >= division.heading_start
                              and s.start < division.heading_end), None)
            if index is not None:
                heading_sentence[division.path] = index
    # Targets counted per sentence once: an item's count is then a sum over its sentences,
    # not a scan of the document's targets for every commitment.
    targets_in: dict[int, int] = {}
    for index, target in doc.targets:
        if target.kind == "target":
            targets_in[index] = targets_in.get(index, 0) + 1
    return DocContext(doc, juris, juris.level,
                      {k: tuple(v) for k, v in mentions.items()},
                      {d.path: d for d in doc.divisions}, heading_sentence, targets_in)


def sentence_weights(ctx: DocContext, commitment: Commitment) -> list[tuple[int, float]]:
    heading = ctx.heading_sentence.get(commitment.path)
    sentences = commitment.sentences
    out = []
    for position, index in enumerate(sentences):
        weight = 1.0
        if index == heading:
            weight = HEADING_WEIGHT
        elif (heading is None and position == 0 and len(sentences) > 2
              and len(ctx.doc.sentences[index].text) <= TOPIC_MAX_CHARS):
            weight = TOPIC_WEIGHT  # 多管齐下稳定和扩大就业。 opening a paragraph
        out.append((index, weight))
    return out
