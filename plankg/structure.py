"""Find parts (一、), sections (（一）), numbered items (一是), paragraphs and sentences.

Works on the cleaned text from ``body_start`` on, one line being one paragraph.
Paths are stable and readable: part ``3``, section ``3.2``, item ``3.2.4``; an item
directly under a part (no sections) is ``1.0.4``; paragraphs are ``<container>.p<n>``
and sentences ``<innermost division>.s<n>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plankg.model import Division, Sentence
from plankg.numerals import chinese_numeral

_CN_NUMERAL = "[一二三四五六七八九十〇零]{1,3}"

PART_RE = re.compile(rf"({_CN_NUMERAL})、")
# A line of its own that opens an annex or a glossary (附件1, 附件, 名词解释): a new part,
# inside which 一、二、… number sections again.
ANNEX_LINE_RE = re.compile(
    r"^(?:附件\s*[0-9一二三四五六七八九十]*|附录\s*[0-9一二三四五六七八九十]*|"
    r"名词解释|注释|附注|释义)\s*$")
SECTION_RE = re.compile(rf"[（(]({_CN_NUMERAL})[）)]")
ITEM_RE = re.compile(rf"({_CN_NUMERAL})是")
# Sentence ends: 。！？ plus any closing quotes/brackets that hug them.
SENTENCE_END_RE = re.compile(r"[。！？!?]+[”’」』）)]*")
# A heading that is a whole line has no sentence-final punctuation inside it, or ends at the
# first 。 (the Yubei style "（一）坚决打好…，确保取得决定性胜利。一是…").
_MAX_HEADING = 60


# No sentence of a real plan is longer than about 500 characters; text without sentence
# ends (a table flattened into one line, a file without punctuation) is cut into pieces of
# at most this many characters, at a clause mark if there is one, so that everything that
# works per sentence stays linear in the length of the document.
MAX_SENTENCE = 1000
_CLAUSE_MARK_RE = re.compile(r"[；;，,：:、\s]")


def _long_sentence_end(text: str, pos: int, end: int) -> int:
    """End of the sentence that starts at ``pos`` when no sentence end comes within
    ``MAX_SENTENCE`` characters: the paragraph end, or the last clause mark before the limit
    (in its second half), or the limit."""
    limit = pos + MAX_SENTENCE
    if end <= limit:
        return end
    last = None
    for match in _CLAUSE_MARK_RE.finditer(text, pos + MAX_SENTENCE // 2, limit):
        last = match
    return last.end() if last else limit


def _ordinal(text: str) -> int | None:
    """The number of a marker (一 … 九十九), or None."""
    value = chinese_numeral(text)
    return value if isinstance(value, int) else None


@dataclass(frozen=True)
class Structure:
    divisions: list[Division]
    sentences: list[Sentence]


@dataclass
class _Open:
    """A division whose end is not known yet."""

    kind: str
    path: str
    number: int
    start: int
    heading: tuple[int, int] | None
    parent: str | None


def _lines(text: str, start: int) -> list[tuple[int, int]]:
    spans = []
    pos = start
    for line in text[start:].split("\n"):
        end = pos + len(line)
        if line.strip():
            spans.append((pos, end))
        pos = end + 1
    return spans


def _heading_end(text: str, start: int, end: int, marker_end: int) -> int:
    """End of a heading that starts a line: the whole line, or up to its first 。."""
    match = SENTENCE_END_RE.search(text, marker_end, end)
    if match is None:
        return end
    if match.end() - start <= _MAX_HEADING:
        return match.end()
    return end if end - start <= _MAX_HEADING else marker_end


def _item_starts(text: str, start: int, end: int, expected: int) -> list[tuple[int, int, int]]:
    """Items "一是 … 二是 …" inside one paragraph, numbered consecutively from ``expected``.

    An item marker counts only at the paragraph start or right after a sentence end,
    and only in sequence, so "这是" or "一是一、二是二" inside a sentence do not fire.
    """
    found = []
    for match in ITEM_RE.finditer(text, start, end):
        at = match.start()
        if at != start and not SENTENCE_END_RE.match(text[at - 1]) and text[at - 1] not in "；：":
            continue
        number = _ordinal(match.group(1))
        if number != expected:
            continue
        found.append((at, match.end(), number))
        expected += 1
    return found


def find_structure(text: str, body_start: int = 0) -> Structure:
    divisions: list[Division] = []
    part: _Open | None = None
    section: _Open | None = None
    item: _Open | None = None
    paragraph_counts: dict[str, int] = {}
    sentence_counts: dict[str, int] = {}
    sentences: list[Sentence] = []
    last_part = last_section = 0
    next_item = 1

    def close(open_division: _Open | None, end: int) -> None:
        if open_division is None:
            return
        heading = open_division.heading
        divisions.append(
            Division(
                kind=open_division.kind,  # type: ignore[arg-type]
                path=open_division.path,
                number=open_division.number,
                start=open_division.start,
                end=end,
                heading=text[heading[0] : heading[1]].strip() if heading else None,
                heading_start=heading[0] if heading else None,
                heading_end=heading[1] if heading else None,
                parent=open_division.parent,
            )
        )

    def container() -> _Open | None:
        return section or part

    def add_sentences(start: int, end: int, division: str) -> None:
        pos = start
        while pos < end:
            match = SENTENCE_END_RE.search(text, pos, min(end, pos + MAX_SENTENCE))
            stop = match.end() if match else _long_sentence_end(text, pos, end)
            chunk = text[pos:stop]
            stripped = chunk.strip()
            if stripped:
                lead = len(chunk) - len(chunk.lstrip())
                s_start = pos + lead
                s_end = s_start + len(stripped)
                sentence_counts[division] = sentence_counts.get(division, 0) + 1
                sentences.append(
                    Sentence(
                        index=len(sentences),
                        path=f"{division}.s{sentence_counts[division]}",
                        start=s_start,
                        end=s_end,
                        text=stripped,
                        division=division,
                    )
                )
            pos = stop

    prev_end = body_start
    in_annex = False
    annex_opened_at: int | None = None  # the annex part whose heading line was the last line
    for line_start, line_end in _lines(text, body_start):
        line = text[line_start:line_end]
        part_match = PART_RE.match(line)
        section_match = SECTION_RE.match(line)
        if in_annex and part_match and _ordinal(part_match.group(1)) == last_section + 1:
            # 一、… inside an annex numbers its sections, not the report's parts.
            section_match, part_match = part_match, None
        heading_end = None
        just_opened = annex_opened_at is not None and part is not None and (
            part.start == annex_opened_at)
        annex_opened_at = None
        # An annex follows the report's own parts: a notice's 附件 line before the plan it
        # attaches is no annex of it.
        opens_annex = bool(ANNEX_LINE_RE.match(line.strip())) and not just_opened and (
            last_part > 0)
        if opens_annex or (part_match and _ordinal(part_match.group(1)) == last_part + 1):
            if opens_annex:
                # (附件2 then 名词解释 on the next line: one annex, the second line its title.)
                heading_end = line_end
                annex_opened_at = line_start
                in_annex = True
            else:
                heading_end = _heading_end(text, line_start, line_end,
                                           line_start + part_match.end())
            close(item, prev_end)
            close(section, prev_end)
            close(part, prev_end)
            item = section = None
            last_part += 1
            last_section = 0
            next_item = 1
            part = _Open(
                "part", str(last_part), last_part, line_start, (line_start, heading_end), None
            )
        elif section_match and _ordinal(section_match.group(1)) == last_section + 1:
            heading_end = _heading_end(text, line_start, line_end, line_start + section_match.end())
            close(item, prev_end)
            close(section, prev_end)
            item = None
            last_section += 1
            next_item = 1
            prefix = part.path if part else "0"
            section = _Open(
                "section",
                f"{prefix}.{last_section}",
                last_section,
                line_start,
                (line_start, heading_end),
                part.path if part else None,
            )

        body_from = heading_end if heading_end is not None else line_start
        owner = container()
        if heading_end is not None and owner is not None:
            add_sentences(line_start, heading_end, owner.path)
        if body_from >= line_end:
            prev_end = line_end
            continue

        items = _item_starts(text, body_from, line_end, next_item)
        if items and item is not None:
            close(item, prev_end)
            item = None
        elif item is not None and not items:
            # A paragraph without a marker after an item ends that item.
            close(item, prev_end)
            item = None

        owner = container()
        owner_path = owner.path if owner else "0"
        paragraph_counts[owner_path] = paragraph_counts.get(owner_path, 0) + 1
        paragraph_path = f"{owner_path}.p{paragraph_counts[owner_path]}"
        divisions.append(
            Division(
                kind="paragraph",
                path=paragraph_path,
                number=paragraph_counts[owner_path],
                start=line_start,
                end=line_end,
                parent=owner.path if owner else None,
            )
        )
        cursor = body_from
        if items:
            # Text before the first item belongs to the paragraph itself.
            if items[0][0] > cursor:
                add_sentences(cursor, items[0][0], paragraph_path)
            for index, (item_start, marker_end, number) in enumerate(items):
                item_end = items[index + 1][0] if index + 1 < len(items) else line_end
                base = section.path if section else (f"{part.path}.0" if part else "0.0")
                item_path = f"{base}.{number}"
                close(item, item_start)
                first = SENTENCE_END_RE.search(text, marker_end, item_end)
                item_heading = (item_start, first.end() if first else item_end)
                item = _Open(
                    "item",
                    item_path,
                    number,
                    item_start,
                    item_heading,
                    section.path if section else (part.path if part else None),
                )
                add_sentences(item_start, item_end, item_path)
                next_item = number + 1
            cursor = line_end
        if cursor < line_end:
            add_sentences(cursor, line_end, paragraph_path)
        prev_end = line_end

    close(item, prev_end)
    close(section, prev_end)
    close(part, prev_end)
    order = {"part": 0, "section": 1, "item": 2, "paragraph": 3}
    divisions.sort(key=lambda d: (d.start, order[d.kind]))
    return Structure(divisions=divisions, sentences=sentences)
