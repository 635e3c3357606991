"""The pipeline: load → clean → metadata and structure → extract → commitments.

Each stage is a plain function of the previous stage's output; this module only
wires them together and shifts extractor offsets (relative to a sentence) into the
cleaned document text.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from plankg.clean import clean
from plankg.errors import InputError
from plankg.extract.aliases import merge_aliases
from plankg.extract.commitments import build_commitments
from plankg.extract.indicators import match_target
from plankg.extract.names import find_names
from plankg.extract.targets import extract_targets, is_reported_outcome
from plankg.extract.targets.outcome import Timeline, opens_in_past
from plankg.identity import document_id as document_id
from plankg.load import load_source
from plankg.metadata import extract_metadata
from plankg.model import Division, Document, Mention, Sentence, Target
from plankg.progress import Progress
from plankg.responsibility import infer_responsibilities
from plankg.structure import find_structure
from plankg.timeframe import sentence_timeframes
from plankg.topics import commitment_topics


def _headings_for(sentence: Sentence, divisions_by_path: dict[str, Division]) -> list[str]:
    """Headings of the part, section and item a sentence lies in, outermost first."""
    headings: list[str] = []
    path: str | None = sentence.division
    while path is not None:
        division = divisions_by_path.get(path)
        if division is None:
            break
        if division.heading and division.kind in ("part", "section"):
            headings.append(division.heading)
        path = division.parent
    return headings[::-1]


def _extract_sentence(sentence: Sentence, reported: bool) -> list[Target]:
    """The sentence's targets, each linked to the standard indicator it measures."""
    linked = []
    for target in extract_targets(sentence.text, reported=reported):
        indicator = match_target(target)
        if indicator is not None:
            target = dataclasses.replace(target, indicator_concept=indicator.iri)
        linked.append(target)
    return linked


def _merge_names(mentions: list[tuple[int, Mention]]) -> list[tuple[int, Mention]]:
    canonical = merge_aliases((m.category, m.name) for _, m in mentions)
    merged = []
    for index, mention in mentions:
        name = canonical.get((mention.category, mention.name), mention.name)
        located_in = mention.located_in
        if located_in is not None:
            located_in = canonical.get(("place", located_in), located_in)
        if name != mention.name or located_in != mention.located_in:
            mention = dataclasses.replace(mention, name=name, located_in=located_in)
        merged.append((index, mention))
    return merged


def build_document(path: str | os.PathLike[str], doc_id: str | None = None) -> Document:
    progress = Progress(Path(path).name)
    progress.step("reading")
    source = load_source(path)
    cleaned = clean(source.text)
    if not cleaned.text.strip():
        raise InputError(str(path), "no text left after removing page chrome")
    metadata = extract_metadata(cleaned.text)
    structure = find_structure(cleaned.text, metadata.body_start)
    warnings: list[str] = []
    if not any(d.kind in ("part", "section", "item") for d in structure.divisions):
        warnings.append(
            f"{path}: no numbered parts, sections or items found; "
            "the document is read as plain paragraphs"
        )
    if not structure.sentences:
        raise InputError(str(path), "no sentences found")

    divisions_by_path = {d.path: d for d in structure.divisions}
    reported: list[bool] = []
    targets: list[tuple[int, Target]] = []
    # Divisions in which an earlier sentence opened in the past (过去五年，…): kept as one
    # flag per division, so the loop stays linear in the number of sentences.
    timeline = Timeline(metadata.year, metadata.genre)
    past_opened: set[str] = set()
    progress.step("sentences", len(structure.sentences))
    for sentence in structure.sentences:
        progress.advance(sentence.index)
        is_reported = is_reported_outcome(
            sentence.text,
            _headings_for(sentence, divisions_by_path),
            metadata.year,
            genre=metadata.genre,
            after_past_opening=sentence.division in past_opened,
        )
        if opens_in_past(sentence.text, timeline):
            past_opened.add(sentence.division)
        reported.append(is_reported)
        targets.extend((sentence.index, t) for t in _extract_sentence(sentence, is_reported))
    # Names: the components run over the whole document, each reading what the earlier
    # ones found (organizations before places before projects).
    progress.step("names")
    mentions = find_names([s.text for s in structure.sentences], metadata)

    identifier = doc_id or document_id(path)
    progress.step("commitments")
    commitments = build_commitments(
        identifier, structure.divisions, structure.sentences, reported, cleaned.text
    )
    timeframes = sentence_timeframes(
        cleaned.text, structure.divisions, structure.sentences, metadata.year
    )
    for commitment in commitments:
        commitment.timeframe = timeframes[commitment.sentences[0]]
    doc = Document(
        id=identifier,
        source=source,
        clean=cleaned,
        metadata=metadata,
        divisions=structure.divisions,
        sentences=structure.sentences,
        targets=targets,
        mentions=_merge_names(mentions),
        commitments=commitments,
        warnings=warnings,
    )
    # Responsibility and topics read the finished document: they come last.
    progress.step("responsibilities")
    doc.responsibilities = infer_responsibilities(doc)
    progress.step("topics")
    doc.topics = {c.id: commitment_topics(c.text) for c in doc.commitments}
    progress.step("graph")
    return doc
