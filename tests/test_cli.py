"""The command line: tables and their JSON contract, bad input, safe parameters."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from plankg.cli import main

ROOT = Path(__file__).resolve().parents[1]
YUBEI = ROOT / "corpus" / "yubei-2020-plan.txt"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plankg.cli", *args], capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("cli") / "store"
    result = run("--store", str(store), "build", str(YUBEI), "--no-files")
    assert result.returncode == 0, result.stderr
    assert "yubei-2020-plan" in result.stdout
    return store


def json_of(capsys: pytest.CaptureFixture[str], *args: str):  # noqa: ANN201
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


def test_documents_json_contract(built_store: Path, capsys: pytest.CaptureFixture[str]):
    [doc] = json_of(capsys, "--store", str(built_store), "documents", "--format", "json")
    for key in (
        "id",
        "title",
        "issuer",
        "doc_number",
        "date",
        "recipients",
        "approval_body",
        "jurisdiction",
        "level",
        "year",
        "parts",
        "sections",
        "items",
        "sentences",
        "commitments",
        "targets",
        "triples",
    ):
        assert key in doc
    assert (doc["parts"], doc["sections"], doc["items"]) == (3, 9, 35)
    assert doc["doc_number"] == "渝北府办发〔2020〕21号" and doc["year"] == 2020
    assert isinstance(doc["recipients"], list) and "区政府各部门" in doc["recipients"]


def test_targets_json_contract(built_store: Path, capsys: pytest.CaptureFixture[str]):
    rows = json_of(capsys, "--store", str(built_store), "targets", "--format", "json")
    source = YUBEI.read_text(encoding="utf-8")
    roads = next(r for r in rows if r["unit_normalized"] == "km")
    assert (roads["value"], roads["unit"], roads["value_normalized"]) == ("430", "公里", 430.0)
    assert source[roads["char_start"] : roads["char_end"]] == roads["quote"]
    assert {"document", "path", "indicator", "comparator", "kind"} <= set(roads)


def test_entities_and_commitments(built_store: Path, capsys: pytest.CaptureFixture[str]):
    places = json_of(
        capsys, "--store", str(built_store), "entities", "--type", "place", "--format", "json"
    )
    towns = {p["name"] for p in places if p["type"] == "town"}
    assert {"洛碛镇", "统景镇", "木耳镇"} <= towns
    assert all(set(p) >= {"name", "type", "aliases", "mentions", "documents"} for p in places)
    items = json_of(
        capsys, "--store", str(built_store), "commitments", "--level", "item", "--format", "json"
    )
    assert len(items) == 35
    sewage = next(c for c in items if c["path"] == "3.1.2")
    assert "洛碛镇" in sewage["places"] and sewage["targets"]


def test_csv_and_markdown(built_store: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["--store", str(built_store), "documents", "--format", "csv"]) == 0
    header, row = capsys.readouterr().out.splitlines()[:2]
    assert header.startswith("id,title,issuer") and row.startswith("yubei-2020-plan,")
    assert main(["--store", str(built_store), "targets", "--format", "markdown"]) == 0
    assert capsys.readouterr().out.startswith("| document | path |")


@pytest.mark.parametrize(
    "hostile",
    [
        '"} UNION { ?s ?p ?o }',
        "a'b\"c",
        "line\nbreak # comment",
        "{}",
        "<http://x>",
    ],
)
def test_parameters_cannot_change_a_query(
    built_store: Path, capsys: pytest.CaptureFixture[str], hostile: str
):
    rows = json_of(
        capsys,
        "--store",
        str(built_store),
        "query",
        "targets_by_unit",
        "--param",
        f"unit={hostile}",
        "--format",
        "json",
    )
    # SPARQL 1.1 results JSON: a literal that matches no unit, not a rewritten query.
    assert rows["results"]["bindings"] == []
    assert "unit" not in rows["head"]["vars"] and "quote" in rows["head"]["vars"]
    rows = json_of(
        capsys,
        "--store",
        str(built_store),
        "query",
        "targets_by_unit",
        "--param",
        "unit=km",
        "--format",
        "json",
    )
    assert {b["unit_as_written"]["value"] for b in rows["results"]["bindings"]} == {"公里"}
    # A parameter with declared values refuses anything else before any query runs.
    assert main(["--store", str(built_store), "query", "targets",
                 "--param", f"kind_filter={hostile}"]) == 2
    assert "is not one of target, outcome" in capsys.readouterr().err


def test_bad_iri_parameter_is_one_line(built_store: Path):
    result = run("--store", str(built_store), "query", "commitment", "--param",
                 "commitment=> } x")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "not a valid iri" in result.stderr


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00" * 100, "binary"),
        (b"just some english text", "no Chinese text"),
    ],
)
def test_bad_input_one_line_error_and_nothing_written(tmp_path: Path, content: bytes, reason: str):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    out = tmp_path / "graph"
    result = run("--store", str(tmp_path / "store"), "build", str(bad), "--out", str(out))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(f"plankg: error: {bad}:") and reason in lines[0]
    assert "Traceback" not in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_missing_file_and_oversized_file(tmp_path: Path):
    result = run("build", str(tmp_path / "nope.txt"), "--no-store", "--out", str(tmp_path))
    assert result.returncode != 0 and "no such file" in result.stderr
    big = tmp_path / "big.txt"
    with big.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)
    result = run("build", str(big), "--no-store", "--out", str(tmp_path / "g"))
    assert result.returncode != 0 and "50 MB" in result.stderr
    assert "Traceback" not in result.stderr


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    out = tmp_path / "graph"
    result = run("build", str(bad), str(YUBEI), "--no-store", "--out", str(out))
    assert result.returncode == 1
    assert sorted(p.name for p in out.iterdir()) == ["yubei-2020-plan.nq", "yubei-2020-plan.ttl"]
    assert "1 of 2 documents failed" in result.stderr


def test_rebuild_replaces_the_named_graph(
    built_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    variant = tmp_path / "yubei-2020-plan.txt"
    variant.write_text(
        YUBEI.read_text(encoding="utf-8").replace("430公里", "500公里"), encoding="utf-8"
    )
    assert main(["--store", str(built_store), "build", str(variant), "--no-files"]) == 0
    capsys.readouterr()
    rows = json_of(capsys, "--store", str(built_store), "targets", "--format", "json")
    kilometres = [r["value"] for r in rows if r["unit_normalized"] == "km"]
    assert kilometres == ["500"]
    assert main(["--store", str(built_store), "build", str(YUBEI), "--no-files"]) == 0


def test_store_missing_is_one_line(tmp_path: Path):
    result = run("--store", str(tmp_path / "none"), "documents")
    assert result.returncode == 2 and "run `plankg build` first" in result.stderr


def test_an_unchanged_rebuild_loads_no_extractor(built_store: Path):
    """Finding that nothing changed needs the file hashes only: jieba and the
    extractors stay unloaded (they cost more than the rest of an unchanged rebuild)."""
    script = (
        "import sys; from plankg.cli import main\n"
        f"code = main(['--store', {str(built_store)!r}, 'build', {str(YUBEI)!r}, '--no-files'])\n"
        "loaded = [m for m in ('plankg.pipeline', 'plankg.extract', 'jieba') if m in sys.modules]\n"
        "print(code, loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "0 []"
    assert "skipped 1 unchanged" in result.stderr
