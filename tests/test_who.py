"""`plankg who` for each kind of X, stated vs inferred everywhere, and the assignment round trip."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from plankg.answers import who
from plankg.cli import main
from plankg.tables import run_library_query

ROOT = Path(__file__).resolve().parents[1]
YUBEI = ROOT / "corpus" / "yubei-2020-plan.txt"


def _sentences_with(store: ox.Store, phrase: str) -> set[str]:
    rows = run_library_query(store, "search_sentences", {"q": phrase})
    return {f"{r['document']}:{r['path']}" for r in rows}


def test_phrase(corpus_store: ox.Store):
    result = who(corpus_store, "污水处理")
    assert result.mode == "subject" and result.answers
    cited = {c.id for a in result.answers for c in a.commitments}
    # Every commitment cited really contains the phrase (checked against sentence search).
    assert cited and cited <= {i for i in _sentences_with(corpus_store, "污水处理")}
    leads = [a for a in result.answers if a.role == "lead"]
    assert leads and all(a.basis in ("mandate", "stated", "assignment") for a in leads)
    assert any(a.basis == "issuer" and a.body == "渝北区人民政府" for a in result.answers)


def test_place_gives_its_town_government(corpus_store: ox.Store):
    result = who(corpus_store, "洛碛镇")
    place = [a for a in result.answers if a.basis == "place"]
    assert any(a.body == "洛碛镇人民政府" and a.role == "implementing" for a in place)
    assert all(not a.stated for a in place)


def test_company_is_stated_as_implementing(corpus_store: ox.Store):
    result = who(corpus_store, "柯马机器人")
    first = result.answers[0]
    assert first.stated and first.basis == "stated" and first.role == "implementing"
    assert "柯马机器人" in (first.commitments[0].quote or first.commitments[0].text)


def test_slogan_spans_documents(corpus_store: ox.Store):
    result = who(corpus_store, "六稳")
    documents = {c.document for a in result.answers for c in a.commitments}
    assert {"yubei-2020-plan", "state-council-work-report-2021"} <= documents


def test_indicator(corpus_store: ox.Store):
    result = who(corpus_store, "新增就业")
    bodies = {a.body for a in result.answers if a.role == "lead"}
    assert "渝北区人力资源和社会保障局" in bodies


def test_body_gives_what_it_is_accountable_for(corpus_store: ox.Store):
    result = who(corpus_store, "区生态环境局")
    assert result.mode == "body"
    assert {a.body for a in result.answers} == {"渝北区生态环境局"}
    paths = {c.path for a in result.answers for c in a.commitments}
    assert "3.1.2" in paths  # 坚决打好污染防治攻坚战


def test_no_match_suggests(corpus_store: ox.Store):
    nothing = who(corpus_store, "洛碛镇码头小学")
    assert nothing.answers == [] and "洛碛镇" in nothing.suggestions


def test_stated_and_inferred_are_disjoint_in_sparql(corpus_store: ox.Store):
    counts = {}
    for cls in ("StatedResponsibility", "InferredResponsibility", "Responsibility"):
        rows = corpus_store.query(
            "PREFIX pk: <https://w3id.org/plankg/ontology#> "
            f"SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {{ ?r a pk:{cls} }}",
            use_default_graph_as_union=True)
        counts[cls] = int(next(iter(rows))["n"].value)
    assert counts["StatedResponsibility"] > 0 and counts["InferredResponsibility"] > 0
    assert counts["StatedResponsibility"] + counts["InferredResponsibility"] == \
        counts["Responsibility"]


def test_every_yubei_commitment_has_a_lead_with_evidence(corpus_documents):
    doc = corpus_documents["yubei-2020-plan"]
    for commitment in doc.commitments:
        leads = [r for r in doc.responsibilities
                 if r.commitment == commitment.id and r.role == "lead"]
        assert leads, commitment.path
        assert leads[0].rationale and (leads[0].sentence is not None or leads[0].cues)


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("who") / "store"
    assert main(["--store", str(store), "build", str(YUBEI), "--no-files"]) == 0
    return store


def test_who_json_contract(cli_store: Path, capsys: pytest.CaptureFixture[str]):
    capsys.readouterr()
    assert main(["--store", str(cli_store), "who", "污水处理", "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["query"] == "污水处理"
    for answer in result["answers"]:
        assert {"body", "role", "basis", "confidence", "commitments"} <= set(answer)
        assert all({"id", "path", "text"} <= set(c) for c in answer["commitments"])


def test_who_nothing_found_exits_1(cli_store: Path):
    result = subprocess.run([sys.executable, "-m", "plankg.cli", "--store", str(cli_store),
                             "who", "火星殖民地"], capture_output=True, text=True, check=False)
    assert result.returncode == 1 and "Nothing in the store matches" in result.stderr


def test_accountability_matrix(cli_store: Path, capsys: pytest.CaptureFixture[str]):
    capsys.readouterr()
    assert main(["--store", str(cli_store), "accountability", "--level", "item",
                 "--format", "csv"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    paths = {r["path"] for r in rows}
    # The plan's 35 items and the 4 paragraphs of its sections without items: its tasks.
    assert len({r["path"] for r in rows if r["level"] == "item"}) == 35
    assert len({r["path"] for r in rows if r["level"] == "paragraph"}) == 4
    assert len(paths) == 39 and all(r["text"] for r in rows)
    assert {r["stated"] for r in rows} <= {"True", "False"}
    for path in paths:
        assert any(r["path"] == path and r["role"] == "lead" for r in rows)


def test_assignment_table_round_trip(cli_store: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]):
    template = tmp_path / "template.csv"
    assert main(["assignments", "export", str(YUBEI), "-o", str(template)]) == 0
    with template.open(encoding="utf-8-sig") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) >= 36 and rows[0]["lead_units"] == ""
    target = next(r for r in rows if r["path"] == "3.4.4")
    target["lead_units"] = "区投资促进局、区经济信息委"
    target["cooperating_units"] = "各镇人民政府"
    filled = tmp_path / "filled.csv"
    with filled.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows([target])
    capsys.readouterr()
    assert main(["--store", str(cli_store), "assignments", "import", str(filled),
                 "--document", str(YUBEI)]) == 0
    capsys.readouterr()
    assert main(["--store", str(cli_store), "accountability", "--format", "json"]) == 0
    matrix = json.loads(capsys.readouterr().out)
    assigned = [r for r in matrix if r["path"] == "3.4.4" and r["basis"] == "assignment"]
    assert {r["role"] for r in assigned} == {"lead", "cooperating"}
    assert all(r["stated"] is True for r in assigned)
    assert any(r["body"] == "渝北区投资促进局" for r in assigned)
    # Asked about a phrase of the item, who finds its sentences, and the table's bodies
    # for them: stated, with the table row and the enclosing item as the reason.
    assert main(["--store", str(cli_store), "who", "招商引资", "--format", "json"]) == 0
    answer = json.loads(capsys.readouterr().out)["answers"]
    from_table = [a for a in answer if a["basis"] == "assignment"]
    assert {(a["body"], a["role"]) for a in from_table} == {
        ("渝北区投资促进局", "lead"),
        ("渝北区经济和信息化委员会", "lead"),
        ("各镇人民政府", "cooperating"),
    }
    assert all(a["stated"] for a in from_table)
    # The table ranks above the text within each role: its leads first, its cooperating
    # unit first among the cooperating bodies.
    leads = [a for a in answer if a["group"] == "lead"]
    assert leads[:2] == [a for a in from_table if a["role"] == "lead"]
    cooperating = [a for a in answer if a["group"] == "cooperating"]
    assert cooperating[0]["body"] == "各镇人民政府" and cooperating[0]["basis"] == "assignment"
    for a in from_table:
        assert a["commitments"] and all(c["path"].startswith("3.4.4.s") for c in a["commitments"])
        assert all("filled.csv" in c["rationale"] and "enclosing item 3.4.4" in c["rationale"]
                   for c in a["commitments"])
    # Rebuilding the document from its text keeps the imported table.
    assert main(["--store", str(cli_store), "build", str(YUBEI), "--no-files", "--force"]) == 0
    capsys.readouterr()
    assert main(["--store", str(cli_store), "accountability", "--format", "json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert [r for r in again if r["path"] == "3.4.4" and r["basis"] == "assignment"]


def test_a_university_is_asked_about_as_a_subject_and_an_abbreviation_names_bodies(
        corpus_store: ox.Store) -> None:
    # Names ending in 大学/中心/公司 are things to be accountable for, not bodies to ask about.
    from plankg.answers import _BODY_SUFFIX_RE

    assert not _BODY_SUFFIX_RE.search("重庆大学") and _BODY_SUFFIX_RE.search("区发改委")
    result = who(corpus_store, "发改委")
    assert result.mode == "body"
    assert {a.body for a in result.answers} & {"渝北区发展和改革委员会", "国家发展和改革委员会"}
