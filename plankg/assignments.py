"""Official task-assignment tables (任务分工方案): 牵头单位, 配合单位, 责任单位.

``export_template(doc)`` gives one row per item- and paragraph-level commitment (what
assignment tables list; sentences are too fine) with empty ``lead_units`` and
``cooperating_units``; ``write_template`` saves it as a CSV that spreadsheet programs
open (UTF-8 with BOM). ``read_assignment_table`` reads a filled table back — the
exported one or an official one with Chinese headers (任务/序号/牵头单位/配合单位/
责任单位), in UTF-8 (with or without BOM) or GB18030 — and returns ``Responsibility``
records with basis "assignment" (confidence 1.0), plus warnings for rows that match no
commitment. Rows match by commitment id, else by path (with the document column or the
only document), else by the closest commitment text (difflib ratio ≥ ``MIN_TEXT_RATIO``).
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from plankg.errors import InputError
from plankg.model import Commitment, Document, Metadata, Responsibility
from plankg.responsibility import resolve_body

TEMPLATE_FIELDS = ("commitment_id", "path", "text", "lead_units", "cooperating_units")
CHINESE_FIELDS = ("编号", "序号", "任务", "牵头单位", "配合单位")
TEMPLATE_LEVELS = ("item", "paragraph")
MIN_TEXT_RATIO = 0.6

# Header names (normalized: no spaces, brackets or asterisks, lower case) → column role.
_HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("commitment_id", "commitment", "id", "编号", "承诺编号", "任务编号"),
    "path": ("path", "路径", "序号", "条目"),
    "document": ("document", "doc", "doc_id", "document_id", "文件", "文档"),
    "text": ("text", "task", "任务", "工作任务", "重点任务", "任务内容", "主要任务", "工作内容",
             "具体任务", "目标任务", "任务措施", "主要内容", "工作措施", "重点工作"),
    "lead": ("lead_units", "lead", "lead_unit", "牵头单位", "牵头部门", "主责单位", "牵头"),
    "responsible": ("责任单位", "责任部门", "责任主体"),
    "cooperating": ("cooperating_units", "cooperating", "cooperating_unit", "配合单位",
                    "配合部门", "协办单位", "参与单位", "协同单位", "配合"),
}
_HEADER_ROLE = {name: role for role, names in _HEADERS.items() for name in names}
_BRACKETS_RE = re.compile(r"[（(【\[].*?[）)】\]]")
_UNIT_SPLIT_RE = re.compile(r"[、，,;；/\s]+")
_UNIT_TRIM_RE = re.compile(r"^(?:牵头|配合|负责)[:：]?|等$|[。.]$")
_TEXT_NORMALIZE_RE = re.compile(r"^[一二三四五六七八九十]+是|[\s“”\"'（）()]")
_HEADER_SEARCH_ROWS = 6


@dataclass
class AssignmentImport:
    """What a filled table gave: responsibilities, and warnings for rows left out."""

    responsibilities: list[Responsibility] = field(default_factory=list)
    # The same bodies and roles for each sentence commitment inside a matched item or
    # paragraph: the table assigns the whole text, and questions about a phrase
    # (plankg who) find sentences.
    inherited: list[Responsibility] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rows: int = 0  # data rows read
    matched: int = 0  # data rows matched to a commitment
    unfilled: int = 0  # data rows without any unit


# ---------------------------------------------------------------------------- export


def export_template(
    doc: Document, levels: Sequence[str] = TEMPLATE_LEVELS
) -> list[dict[str, str]]:
    """One row per commitment of the given levels, lead/cooperating units left empty."""
    return [
        {"commitment_id": c.id, "path": c.path, "text": c.text, "lead_units": "",
         "cooperating_units": ""}
        for c in doc.commitments if c.level in levels
    ]


def write_template(rows: Iterable[dict[str, str]], path: Path, chinese: bool = False) -> None:
    """Save template rows as CSV (UTF-8 with BOM); ``chinese`` uses 编号/序号/任务/… headers."""
    with Path(path).open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CHINESE_FIELDS if chinese else TEMPLATE_FIELDS)
        for row in rows:
            writer.writerow([row.get(name, "") for name in TEMPLATE_FIELDS])


# ---------------------------------------------------------------------------- import


def read_assignment_table(path: Path, docs: Iterable[str | Document]) -> AssignmentImport:
    """Responsibilities (basis "assignment") from a filled task-assignment table.

    ``docs`` are the documents the table may refer to: their ids, or (better) the
    ``Document`` objects, which also allow matching rows by path and task text and
    normalizing unit names with the document's jurisdiction (区生态环境局 →
    渝北区生态环境局). Raises ``InputError`` for a missing file, a file that is not a
    CSV table, or a table without a lead-unit column.
    """
    given = list(docs)
    documents = [d for d in given if isinstance(d, Document)]
    doc_ids = {d.id if isinstance(d, Document) else d for d in given}
    rows = _read_rows(Path(path))
    header_index, columns = _find_header(rows, str(path))
    result = AssignmentImport()
    index = _CommitmentIndex(documents)
    seen: set[tuple[str, str, str]] = set()
    for number, row in enumerate(rows[header_index + 1:], start=header_index + 2):
        cells = {role: row[i].strip() for role, i in columns.items() if i < len(row)}
        if not any(cell.strip() for cell in row):
            continue
        result.rows += 1
        leads = _units(cells.get("lead", ""))
        cooperating = _units(cells.get("cooperating", ""))
        responsible = _units(cells.get("responsible", ""))
        if "lead" in columns:
            cooperating += [u for u in responsible if u not in leads]  # 责任单位 besides 牵头
        else:
            leads += responsible
        if not leads and not cooperating:
            result.unfilled += 1  # a template row nobody filled in: nothing to say
            continue
        commitment, how = index.match(cells, doc_ids)
        if commitment is None:
            shown = (cells.get("id") or cells.get("path") or cells.get("text", ""))[:30]
            result.warnings.append(f"{path}: row {number}: no commitment matches '{shown}'")
            continue
        result.matched += 1
        metadata = index.metadata(commitment)
        for role, units in (("lead", leads), ("cooperating", cooperating)):
            for unit in units:
                name, body_type, en, department = resolve_body(unit, metadata)
                key = (commitment, name, role)
                if key in seen:
                    continue
                seen.add(key)
                label = "lead unit (牵头单位)" if role == "lead" else "cooperating unit (配合单位)"
                assigned = Responsibility(
                    commitment=commitment, body=name, body_type=body_type, role=role,
                    basis="assignment", confidence=1.0,
                    rationale=f"named as {label} in the task-assignment table "
                              f"{Path(path).name}, row {number} (matched by {how})",
                    body_en=en, department=department, cues=(unit,))
                result.responsibilities.append(assigned)
                for sentence in index.sentences_in.get(commitment, []):
                    enclosing = index.by_id[commitment]
                    result.inherited.append(replace(
                        assigned, commitment=sentence,
                        rationale=f"{assigned.rationale}, for the enclosing "
                                  f"{enclosing.level} {enclosing.path}"))
    return result


def _read_rows(path: Path) -> list[list[str]]:
    if not path.is_file():
        raise InputError(str(path), "file not found")
    data = path.read_bytes()
    if not data.strip():
        raise InputError(str(path), "empty file")
    if b"\x00" in data[:4096] or data[:4] == b"PK\x03\x04" or data[:5] == b"%PDF-":
        raise InputError(str(path), "not a CSV table (binary content; save it as CSV)")
    text = None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        raise InputError(str(path), "not UTF-8 or GB18030 text")
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    try:
        return [row for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as error:
        raise InputError(str(path), f"not a CSV table ({error})") from error


def _normalize_header(cell: str) -> str:
    return _BRACKETS_RE.sub("", cell).replace("*", "").replace(" ", "").strip().lower()


def _find_header(rows: list[list[str]], path: str) -> tuple[int, dict[str, int]]:
    """The header row (a title row may precede it) and the column of each role."""
    for index, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        for column, cell in enumerate(row):
            role = _HEADER_ROLE.get(_normalize_header(cell))
            if role is not None and role not in columns:
                columns[role] = column
        if "lead" in columns or "responsible" in columns:
            return index, columns
    raise InputError(path, "no lead-unit column (lead_units, 牵头单位 or 责任单位)")


def _units(cell: str) -> list[str]:
    out = []
    for part in _UNIT_SPLIT_RE.split(cell):
        unit = _UNIT_TRIM_RE.sub("", part.strip())
        if unit and unit not in out:
            out.append(unit)
    return out


def _normalize_text(text: str) -> str:
    return _TEXT_NORMALIZE_RE.sub("", text)


class _CommitmentIndex:
    """Commitments of the known documents by id, by (document, path) and by text."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self.by_id: dict[str, Commitment] = {}
        self.doc_of: dict[str, Document] = {}
        self.texts: list[tuple[str, str, int]] = []  # (normalized text, id, level rank)
        self.sentences_in: dict[str, list[str]] = {}  # item/paragraph id → sentence ids
        for doc in documents:
            for commitment in doc.commitments:
                self.by_id[commitment.id] = commitment
                if commitment.level == "sentence" and commitment.parent:
                    self.sentences_in.setdefault(commitment.parent, []).append(commitment.id)
                self.doc_of[commitment.id] = doc
                rank = 0 if commitment.level in TEMPLATE_LEVELS else 1
                self.texts.append((_normalize_text(commitment.text), commitment.id, rank))
        self.documents = list(documents)

    def metadata(self, commitment_id: str) -> Metadata:
        doc = self.doc_of.get(commitment_id)
        return doc.metadata if doc else Metadata()

    def match(self, cells: dict[str, str], doc_ids: set[str]) -> tuple[str | None, str]:
        ident = cells.get("id", "")
        if ident and (ident in self.by_id or (
                not self.documents and ident.split(":", 1)[0] in doc_ids)):
            return ident, "commitment id"
        path = cells.get("path", "")
        if path:
            document = cells.get("document", "")
            candidates = [document] if document else sorted(doc_ids)
            # Without the documents only a path of ours (3.2.4, 1.p2) is taken on trust.
            found = [f"{d}:{path}" for d in candidates
                     if f"{d}:{path}" in self.by_id
                     or (not self.documents and d in doc_ids and "." in path)]
            if len(found) == 1:
                return found[0], "path"
        text = _normalize_text(cells.get("text", ""))
        if text and self.texts:
            best = self._closest(text)
            if best is not None:
                return best, "task text"
        return None, ""

    def _closest(self, text: str) -> str | None:
        best_key: tuple[float, int] | None = None
        best_id = None
        for candidate, ident, rank in self.texts:
            matcher = difflib.SequenceMatcher(None, text, candidate, autojunk=False)
            if matcher.real_quick_ratio() < MIN_TEXT_RATIO and text not in candidate:
                continue
            ratio = matcher.ratio()
            if len(text) >= 8 and candidate.startswith(text):
                ratio = max(ratio, 0.9)  # the table quotes the item's opening words
            key = (ratio, -rank)
            if ratio >= MIN_TEXT_RATIO and (best_key is None or key > best_key):
                best_key, best_id = key, ident
        return best_id
