"""The data that flows through the pipeline: load → clean → structure → extract → RDF.

Every stage is a plain function from one of these types to the next; nothing here
does any work beyond small derived properties. Offsets are Python ``str`` indices
(code points). Extractors report offsets into the text they were given; the
pipeline shifts them into the cleaned document text, and ``CleanText`` maps those
back to the decoded source text, which is what the graph records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

DivisionKind = Literal["part", "section", "item", "paragraph"]
Comparator = Literal["=", ">=", ">", "<=", "<", "~", "range"]
TargetKind = Literal["target", "outcome"]
Binding = Literal["expected", "binding"]


@dataclass(frozen=True)
class SourceText:
    """A file decoded to text, before any clean-up."""

    path: str
    text: str
    format: Literal["text", "html", "docx", "pdf"]
    encoding: str
    sha256: str


@dataclass(frozen=True)
class CleanText:
    """Cleaned text plus, for every character of it, its index in the source text.

    ``source_index`` has ``len(text) + 1`` entries; the last one is the source
    length, so a half-open span ``[start, end)`` maps with ``source_span``. It is a
    machine-integer array (8 bytes a character), not a tuple of Python ints.
    """

    text: str
    source_index: Sequence[int]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            pos = self.source_index[start]
            return pos, pos
        return self.source_index[start], self.source_index[end - 1] + 1


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    date: str | None = None  # ISO 8601, yyyy-mm-dd
    recipients: tuple[str, ...] = ()
    approval_body: str | None = None
    jurisdiction: str | None = None  # e.g. 渝北区, 中华人民共和国
    level: str | None = None  # national | province | city | district
    year: int | None = None  # the year the plan or report is for
    genre: str | None = None  # plan | work-report | five-year-plan
    speaker: str | None = None
    body_start: int = 0  # where the document body begins in the clean text


@dataclass(frozen=True)
class Division:
    """A part (一、), section ((一)), numbered item (一是) or paragraph."""

    kind: DivisionKind
    path: str
    number: int
    start: int
    end: int
    heading: str | None = None
    heading_start: int | None = None
    heading_end: int | None = None
    parent: str | None = None  # path of the enclosing division, None at top level


@dataclass(frozen=True)
class Sentence:
    index: int  # 0-based position in the document
    path: str
    start: int
    end: int
    text: str
    division: str  # path of the innermost enclosing division


@dataclass(frozen=True)
class Target:
    """A quantitative commitment (or a reported outcome) as written."""

    indicator: str
    value: str  # the number(s) as written, e.g. "6%－6.5%", "5万"
    unit: str  # as written, e.g. "%", "万人", "公里"
    comparator: Comparator
    value_normalized: float | None
    unit_normalized: str  # percent, person, km, CNY, ...
    start: int  # span of the whole quote (indicator through qualifier)
    end: int
    indicator_start: int
    indicator_end: int
    rule: str
    value_max_normalized: float | None = None  # upper bound of a range
    binding: Binding | None = None
    kind: TargetKind = "target"
    change: Literal["level", "increase", "decrease"] = "level"
    indicator_concept: str | None = None  # IRI of the standard indicator it measures


@dataclass(frozen=True)
class Mention:
    """A named thing: place, organization, project or slogan."""

    category: Literal["place", "organization", "project", "slogan"]
    type: str  # town, reservoir, company, university, numeric-formula, ...
    text: str  # surface form
    name: str  # canonical name (aliases merged onto it)
    start: int
    end: int
    rule: str
    located_in: str | None = None  # canonical name of a containing place
    company: str | None = None  # for projects: canonical name of the company
    members: tuple[str, ...] = ()  # for slogans: the expansion, where known
    quoted: bool = False


@dataclass
class Commitment:
    id: str
    path: str
    level: Literal["item", "paragraph", "sentence"]
    start: int
    end: int
    text: str
    sentences: list[int] = field(default_factory=list)
    parent: str | None = None  # id of the enclosing item/paragraph commitment
    timeframe: str = "task"  # task | outlook | review | glossary (plankg.timeframe)


@dataclass
class Document:
    id: str
    source: SourceText
    clean: CleanText
    metadata: Metadata
    divisions: list[Division]
    sentences: list[Sentence]
    targets: list[tuple[int, Target]] = field(default_factory=list)  # (sentence, target)
    mentions: list[tuple[int, Mention]] = field(default_factory=list)  # (sentence, mention)
    commitments: list[Commitment] = field(default_factory=list)
    responsibilities: list[Responsibility] = field(default_factory=list)
    topics: dict[str, list[tuple[int, float]]] = field(default_factory=dict)  # commitment id →
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.clean.text


Role = Literal[
    "lead", "cooperating", "implementing", "partner", "supervising", "beneficiary", "accountable"
]
Basis = Literal["stated", "place", "mandate", "issuer", "assignment"]


@dataclass(frozen=True)
class Responsibility:
    """A qualified relation between a commitment and a body (cf. PROV-O qualified associations).

    ``basis`` says where it comes from: ``stated`` (the sentence names the body and the
    wording gives the role), ``place`` (the commitment is located in a town/subdistrict/
    village, so that level's government is involved), ``mandate`` (a functional
    department's standard mandate matches), ``issuer`` (the issuing government is
    ultimately accountable), ``assignment`` (an official task-assignment table).
    Only ``stated`` and ``assignment`` are stated; the others are inferred.
    """

    commitment: str  # Commitment.id
    body: str  # canonical Chinese name, scoped: 渝北区生态环境局, 洛碛镇人民政府
    body_type: str  # government-body, town-government, company, post, party-organ, ...
    role: Role
    basis: Basis
    confidence: float  # 0..1
    rationale: str  # one short English sentence saying why
    body_en: str | None = None
    department: str | None = None  # IRI of the catalog department type, for mandate
    sentence: int | None = None  # evidence sentence (Document.sentences index)
    start: int | None = None  # evidence span, relative to that sentence
    end: int | None = None
    cues: tuple[str, ...] = ()  # matched keywords or wording
    topics: tuple[int, ...] = ()  # CAP major topic codes behind a mandate match
