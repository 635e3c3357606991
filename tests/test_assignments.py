"""Task-assignment tables: export, fill in, import (round trip) and tolerant parsing."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from plankg.assignments import (
    TEMPLATE_FIELDS,
    export_template,
    read_assignment_table,
    write_template,
)
from plankg.errors import InputError
from plankg.model import Document
from plankg.pipeline import build_document
from plankg.responsibility import infer_responsibilities

PLAN = """成都市武侯区人民政府办公室关于印发武侯区2021年国民经济和社会发展计划的通知

武侯府办发〔2021〕8号

各街道办事处，区政府各部门：

《武侯区2021年国民经济和社会发展计划》已经区人民代表大会审议通过，现印发你们，请认真组织实施。

成都市武侯区人民政府办公室
2021年3月15日

一、重点任务

（一）推动绿色发展。一是持续打好蓝天保卫战。加强大气污染防治，确保空气质量优良天数比例达到85%。二是推进垃圾分类。新建生活垃圾分类收运站10座。

（二）保障和改善民生。一是提升养老服务水平。完善特困人员救助供养制度，新建社区养老服务综合体5个。
"""


@pytest.fixture(scope="module")
def doc(tmp_path_factory: pytest.TempPathFactory) -> Document:
    path = tmp_path_factory.mktemp("plan") / "wuhou-2021.txt"
    path.write_text(PLAN, encoding="utf-8")
    return build_document(path)


def items(doc: Document) -> list[str]:
    return [c.id for c in doc.commitments if c.level in ("item", "paragraph")]


def test_template_lists_item_and_paragraph_commitments(doc: Document) -> None:
    rows = export_template(doc)
    assert [r["commitment_id"] for r in rows] == items(doc)
    assert len(rows) >= 3
    for row in rows:
        assert tuple(row) == TEMPLATE_FIELDS
        assert row["lead_units"] == row["cooperating_units"] == ""
        assert row["text"] and row["commitment_id"].endswith(row["path"])
    sentences = export_template(doc, levels=("sentence",))
    assert sentences and all(".s" in r["path"] for r in sentences)


def test_round_trip_export_fill_import(doc: Document, tmp_path: Path) -> None:
    path = tmp_path / "template.csv"
    write_template(export_template(doc), path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheet-friendly BOM
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_text = {r["text"][:10]: r for r in rows}
    by_text["一是持续打好蓝天保卫"]["lead_units"] = "区生态环境局"
    by_text["一是持续打好蓝天保卫"]["cooperating_units"] = "区住建局、区城管局；区交通局"
    by_text["一是提升养老服务水平"]["lead_units"] = "区民政局"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(TEMPLATE_FIELDS))
        writer.writeheader()
        writer.writerows(rows)

    imported = read_assignment_table(path, [doc])
    assert imported.warnings == [] and imported.matched == 2 and imported.rows == len(rows)
    assert imported.unfilled == len(rows) - 2
    got = {(r.commitment.split(":")[1], r.body, r.role) for r in imported.responsibilities}
    air = by_text["一是持续打好蓝天保卫"]["path"]
    care = by_text["一是提升养老服务水平"]["path"]
    assert got == {
        (air, "武侯区生态环境局", "lead"),
        (air, "武侯区住房和城乡建设局", "cooperating"),
        (air, "武侯区城市管理局", "cooperating"),
        (air, "武侯区交通运输局", "cooperating"),
        (care, "武侯区民政局", "lead"),
    }
    for resp in imported.responsibilities:
        assert resp.basis == "assignment" and resp.confidence == 1.0
        assert resp.department and "template.csv" in resp.rationale

    # Merged into the inference: the assigned lead comes first and replaces the inferred one.
    ranked = infer_responsibilities(doc, imported.responsibilities)
    air_id = f"{doc.id}:{air}"
    air_ranked = [r for r in ranked if r.commitment == air_id]
    assert (air_ranked[0].body, air_ranked[0].basis) == ("武侯区生态环境局", "assignment")
    assert not [r for r in air_ranked if r.body == "武侯区生态环境局" and r.basis == "mandate"]


def test_chinese_headers_gb18030_title_row_and_text_matching(doc: Document,
                                                              tmp_path: Path) -> None:
    path = tmp_path / "分工方案.csv"
    lines = [
        "武侯区2021年国民经济和社会发展计划重点任务分工方案,,,",
        "序号,任务,牵头单位,配合单位",
        "1,一是推进垃圾分类。新建生活垃圾分类收运站10座,区城管局,区生态环境局 区财政局",
        "2,完善特困人员救助供养制度,区民政局,",
        "3,加快建设国际消费中心城市,区商务局,",
    ]
    path.write_bytes("\r\n".join(lines).encode("gb18030"))
    imported = read_assignment_table(path, [doc])
    got = {(r.commitment, r.body, r.role) for r in imported.responsibilities}
    waste = next(c.id for c in doc.commitments if c.text.startswith("二是推进垃圾分类")
                 and c.level == "item")
    care = next(c.id for c in doc.commitments if c.text.startswith("完善特困人员"))
    assert (waste, "武侯区城市管理局", "lead") in got
    assert (waste, "武侯区生态环境局", "cooperating") in got
    assert (waste, "武侯区财政局", "cooperating") in got
    assert (care, "武侯区民政局", "lead") in got
    assert len(imported.warnings) == 1 and "row 5" in imported.warnings[0]
    assert imported.matched == 2


def test_responsible_unit_column_alone_means_lead(doc: Document, tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    first = items(doc)[0]
    path.write_text(f"编号,责任单位\n{first},区生态环境局、区气象局\n", encoding="utf-8")
    imported = read_assignment_table(path, [doc])
    assert {(r.body, r.role) for r in imported.responsibilities} == {
        ("武侯区生态环境局", "lead"), ("武侯区气象局", "lead")}


def test_sentences_inside_an_assigned_item_get_its_bodies(doc: Document, tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    first = items(doc)[0]
    path.write_text(f"编号,牵头单位,配合单位\n{first},区生态环境局,区财政局\n", encoding="utf-8")
    imported = read_assignment_table(path, [doc])
    assigned = {r.commitment for r in imported.responsibilities}
    item = next(c for c in doc.commitments if c.id in assigned)
    sentences = [c.id for c in doc.commitments if c.level == "sentence" and c.parent == item.id]
    assert sentences, "the first item or paragraph should hold committing sentences"
    assert sorted((r.commitment, r.body, r.role) for r in imported.inherited) == sorted(
        (s, body, role)
        for s in sentences
        for body, role in (("武侯区生态环境局", "lead"), ("武侯区财政局", "cooperating"))
    )
    for r in imported.inherited:
        assert r.basis == "assignment"
        assert "table.csv, row 2" in r.rationale
        assert f"enclosing {item.level} {item.path}" in r.rationale
    # The table's own rows stay as they were: the item only.
    assert {r.commitment for r in imported.responsibilities} == {item.id}


def test_rows_match_by_path_with_document_ids_only(doc: Document, tmp_path: Path) -> None:
    path = tmp_path / "by-path.csv"
    row = export_template(doc)[0]
    path.write_text(f"document,path,lead_units\n{doc.id},{row['path']},区发改委\n",
                    encoding="utf-8")
    imported = read_assignment_table(path, {doc.id})
    assert [(r.commitment, r.role) for r in imported.responsibilities] == [
        (row["commitment_id"], "lead")]
    # Without the document the unit is kept as written, scoped only by its own words.
    assert imported.responsibilities[0].body == "区发改委"


def test_unknown_commitment_ids_are_warned(doc: Document, tmp_path: Path) -> None:
    path = tmp_path / "stale.csv"
    path.write_text("commitment_id,lead_units\nother-plan:3.1.1,区发改委\n", encoding="utf-8")
    imported = read_assignment_table(path, [doc])
    assert imported.responsibilities == []
    assert len(imported.warnings) == 1 and "other-plan:3.1.1" in imported.warnings[0]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00", "not a CSV"),
        (b"\xff\xfe\x00\x00binary\x00", "not a CSV"),
        ("任务,备注\n推进垃圾分类,无\n".encode(), "no lead-unit column"),
        (b"", "empty"),
    ],
)
def test_bad_files_raise_input_errors(doc: Document, tmp_path: Path, content: bytes,
                                      reason: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(InputError) as error:
        read_assignment_table(path, [doc])
    assert reason in error.value.reason and error.value.path == str(path)


def test_a_missing_file_raises_an_input_error(doc: Document, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        read_assignment_table(tmp_path / "missing.csv", [doc])
