"""The first ten minutes with the command line: what the README says runs as written,
global options go anywhere, mistakes are one line with exit 2 naming what exists, files
are written readable by others, every option says what it does and its default."""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from plankg.cli import build_parser, main
from plankg.queries import library

ROOT = Path(__file__).resolve().parents[1]
YUBEI = ROOT / "corpus" / "yubei-2020-plan.txt"
DOCUMENT_IDS = ("state-council-work-report-2019", "state-council-work-report-2021",
                "yubei-2020-plan")


def run(*args: str, umask: int | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plankg.cli", *args], capture_output=True, text=True,
        check=False, cwd=ROOT, preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,
    )


def one_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


# -- the README ---------------------------------------------------------------------------

def readme_commands() -> list[list[str]]:
    """Every ``plankg …`` line of the README's shell blocks, as argv (comments, pipes and
    redirections cut off)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.DOTALL):
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            for stop in (">", "<", "|"):
                if stop in words:
                    words = words[: words.index(stop)]
            if words and words[0] == "plankg":
                commands.append(words[1:])
    return commands


def test_readme_says_how_to_reach_the_command_and_every_command_parses():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "source .venv/bin/activate" in text
    commands = readme_commands()
    assert len(commands) > 25
    named = set()
    for argv in commands:
        if argv in (["--help"], ["--version"]):
            with pytest.raises(SystemExit) as done:
                build_parser().parse_args(argv)
            assert done.value.code == 0
            continue
        args = build_parser().parse_args(argv)  # a usage error exits: the test fails
        assert callable(args.handler), argv
        named.add(args.command)
    # The README shows every command.
    assert named == {name.split()[0] for name in _subparsers(build_parser())}


# -- global options after the command ----------------------------------------------------

def test_store_is_accepted_before_and_after_the_command(corpus_store_path: Path):
    before = run("--store", str(corpus_store_path), "who", "洛碛镇", "--format", "json")
    after = run("who", "洛碛镇", "--format", "json", "--store", str(corpus_store_path))
    assert before.returncode == after.returncode == 0, after.stderr
    assert json.loads(before.stdout) == json.loads(after.stdout)
    assert json.loads(after.stdout)["answers"]
    # After the command it wins over the one before it.
    result = run("--store", "/nonexistent-store", "documents", "--store", str(corpus_store_path))
    assert result.returncode == 0 and "yubei-2020-plan" in result.stdout


# -- unknown documents and values --------------------------------------------------------

DOC_COMMANDS = [
    ["documents"],
    ["targets"],
    ["commitments"],
    ["accountability"],
    ["who", "污水处理"],
    ["network"],
    ["viz", "-o", "{tmp}/view.html"],
    ["query", "targets", "--param", "doc=nope-2020-plan"],
]


@pytest.mark.parametrize("command", DOC_COMMANDS, ids=lambda c: c[0])
def test_an_unknown_document_is_one_line_naming_those_there_are(
    command: list[str], corpus_store_path: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
):
    argv = [word.format(tmp=tmp_path) for word in command]
    if "query" not in argv:
        argv += ["--doc", "nope-2020-plan"]
    assert main([*argv, "--store", str(corpus_store_path)]) == 2
    captured = capsys.readouterr()
    line = one_line(captured.err)
    assert "no document 'nope-2020-plan'" in line
    assert all(doc_id in line for doc_id in DOCUMENT_IDS)
    assert captured.out == "" and not (tmp_path / "view.html").exists()


def test_short_ids_and_iris_name_the_same_document(corpus_store_path: Path,
                                                   capsys: pytest.CaptureFixture[str]):
    store = ["--store", str(corpus_store_path)]
    iri = "https://w3id.org/plankg/id/doc/yubei-2020-plan"
    answers = []
    for doc in ("yubei-2020-plan", iri):
        assert main(["targets", "--doc", doc, "--format", "json", *store]) == 0
        answers.append(json.loads(capsys.readouterr().out))
        assert main(["query", "targets", "--param", f"doc={doc}", "--format", "csv", *store]) == 0
        answers.append(capsys.readouterr().out)
    assert answers[0] == answers[2] and answers[1] == answers[3]
    assert {row["document"] for row in answers[0]} == {"yubei-2020-plan"}
    assert len(answers[0]) == answers[1].count(",yubei-2020-plan,") > 20


ENUMERATED = sorted(
    (query.name, parameter.name, parameter.values)
    for query in library().values()
    for parameter in query.parameters
    if parameter.values
)


def test_filters_on_closed_lists_declare_their_values():
    declared = {(name, parameter) for name, parameter, _ in ENUMERATED}
    assert {("targets", "kind_filter"), ("entities", "category_filter"),
            ("commitments", "level_filter"), ("responsibilities", "level_filter")} <= declared


@pytest.mark.parametrize(("name", "parameter", "values"), ENUMERATED)
def test_a_value_outside_the_declared_ones_is_one_line(
    name: str, parameter: str, values: tuple[str, ...], corpus_store_path: Path,
    capsys: pytest.CaptureFixture[str],
):
    query = library()[name]
    params = [f"{p.name}={p.example}" for p in query.parameters
              if not p.optional and p.name != parameter]
    argv = ["query", name, "--store", str(corpus_store_path), "--param", f"{parameter}=foo"]
    for param in params:
        argv += ["--param", param]
    assert main(argv) == 2
    captured = capsys.readouterr()
    line = one_line(captured.err)
    assert f"parameter {parameter}: 'foo' is not one of {', '.join(values)}" in line
    assert captured.out == ""
    # Each declared value is accepted.
    position = argv.index(f"{parameter}=foo")
    for value in values:
        argv[position] = f"{parameter}={value}"
        assert main(argv) == 0, capsys.readouterr().err
        capsys.readouterr()


def test_usage_mistakes_are_one_line_too():
    result = run("targets", "--kind", "foo")
    line = one_line(result.stderr)
    assert result.returncode == 2 and "invalid choice: 'foo'" in line
    assert "plankg targets --help" in line


@pytest.mark.parametrize(("argv", "says"), [
    (("build", "corpus", "--jobs", "0"), "0 is less than 1"),
    (("who", "重庆", "--doc", ""), "--doc: empty"),
    (("targets", "--doc", "  "), "--doc: empty"),
])
def test_empty_or_impossible_values_are_one_line(argv: tuple[str, ...], says: str):
    result = run(*argv)
    assert result.returncode == 2 and says in one_line(result.stderr)


# -- one-line errors ---------------------------------------------------------------------

def test_a_failed_build_is_a_line_per_file_and_a_summary(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("build", str(empty), str(tmp_path / "missing.txt"), "--no-store",
                 "--out", str(tmp_path / "graph"))
    assert result.returncode == 1
    assert result.stdout == ""  # no empty table
    lines = result.stderr.splitlines()
    assert len(lines) == 3, result.stderr
    assert any(line.startswith(f"plankg: error: {empty}:") and "empty" in line for line in lines)
    assert f"plankg: error: {tmp_path / 'missing.txt'}: no such file or folder" in lines
    assert lines[-1].startswith("plankg: 2 of 2 documents failed; built 0 documents")


def test_a_missing_path_is_reported_before_anything_heavy_is_imported(tmp_path: Path):
    # What is imported, not how long it takes: timings belong in benchmarks/.
    code = (
        "import sys; from plankg.cli import main; status = main(sys.argv[1:]); "
        "heavy = {'jieba', 'rdflib', 'pyshacl', 'plankg.pipeline', 'plankg.build', "
        "'matplotlib', 'networkx'} & set(sys.modules); print(sorted(heavy)); sys.exit(status)"
    )
    for argv in (
        ["build", str(tmp_path / "nope.txt"), "--store", str(tmp_path / "store")],
        ["assignments", "export", str(tmp_path / "nope.txt")],
        ["validate", str(tmp_path / "nope.ttl")],
    ):
        result = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True,
                                text=True, check=False)
        assert result.stdout.strip() == "[]", (argv, result.stdout)
        assert result.returncode in (1, 2) and "nope." in result.stderr
    assert not (tmp_path / "store").exists()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT ?x WHERE { ?x ?y 污水 }",
         'line 1, column 27 (after "…LECT ?x WHERE { ?x ?y 污水"): '
         'expected one of ".", ":", OPTIONAL, a digit, a name'),
        ("SELECT ?x WHERE {\n  ?x ?y ?", "line 2, column 10"),
        ("SELEC * WHERE { ?s ?p ?o }", "a query begins with SELECT, ASK, CONSTRUCT or DESCRIBE"),
    ],
)
def test_malformed_sparql_gives_the_position_and_a_short_expectation(
    query: str, expected: str, corpus_store_path: Path
):
    result = run("sparql", query, "--store", str(corpus_store_path))
    line = one_line(result.stderr)
    assert result.returncode == 2 and "SPARQL syntax error" in line and expected in line
    assert "\\u{" not in line and len(line) < 200


@pytest.mark.parametrize("update", ["DROP ALL", "PREFIX x: <http://x#> # a comment\nINSERT DATA "
                                    "{ x:a x:b x:c }", "clear default"])
def test_an_update_on_the_read_path_is_refused(update: str, corpus_store_path: Path):
    result = run("sparql", update, "--store", str(corpus_store_path))
    line = one_line(result.stderr)
    assert result.returncode == 2 and "SPARQL updates" in line and "refused" in line
    after = run("documents", "--store", str(corpus_store_path), "--format", "json")
    assert len(json.loads(after.stdout)) == 3


# -- files written -----------------------------------------------------------------------

def test_written_files_follow_the_umask(tmp_path: Path, corpus_store_path: Path):
    out = tmp_path / "graph"
    assert run("build", str(YUBEI), "--no-store", "--out", str(out), umask=0o022).returncode == 0
    assert run("ontology-doc", "--out", str(tmp_path / "onto.html"), umask=0o022).returncode == 0
    store = ["--store", str(corpus_store_path)]
    viz = run("viz", "--doc", "yubei-2020-plan", "-o", str(tmp_path / "v.html"),
              "--png", str(tmp_path / "v.png"), *store, umask=0o022)
    assert viz.returncode == 0, viz.stderr
    net = run("network", "-o", str(tmp_path / "n.graphml"), *store, umask=0o022)
    assert net.returncode == 0, net.stderr
    written = [out / "yubei-2020-plan.ttl", out / "yubei-2020-plan.nq", tmp_path / "onto.html",
               tmp_path / "v.html", tmp_path / "v.png", tmp_path / "n.graphml"]
    assert {p.name: oct(p.stat().st_mode & 0o777) for p in written} == {
        p.name: "0o644" for p in written}
    # Nothing temporary left beside them.
    assert sorted(p.name for p in out.iterdir()) == ["yubei-2020-plan.nq",
                                                     "yubei-2020-plan.ttl"]
    # A stricter umask is obeyed, not overridden.
    assert run("ontology-doc", "--out", str(tmp_path / "private.html"),
               umask=0o077).returncode == 0
    assert (tmp_path / "private.html").stat().st_mode & 0o777 == 0o600


# -- help --------------------------------------------------------------------------------

def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                nested = _subparsers(sub)
                if nested:
                    found.update({f"{name} {n}": p for n, p in nested.items()})
                else:
                    found[name] = sub
    return found


def test_every_option_has_help_and_shows_its_default():
    commands = _subparsers(build_parser())
    assert {"build", "serve", "who", "assignments import", "assignments export"} <= set(commands)
    for name, parser in commands.items():
        text = parser.format_help()
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            assert action.help, f"plankg {name} {action.option_strings or action.dest}: no help"
            if (action.option_strings and action.default not in (None, False, [])
                    and action.default is not argparse.SUPPRESS):
                assert f"default: {action.default}" in text.replace("\n", " ").replace(
                    "  ", " ") or "default: 2, or 1" in text, (name, action.dest)
    serve = " ".join(commands["serve"].format_help().split())
    for shown in ("(default: 127.0.0.1)", "(default: 8750)", "(default: 100000)",
                  "(default: 30.0)", "(default: 1024)"):
        assert shown in serve


# -- accountability and commitments ------------------------------------------------------

def test_accountability_at_item_level_covers_every_document_with_the_text(
    corpus_store_path: Path,
):
    result = run("accountability", "--level", "item", "--format", "json",
                 "--store", str(corpus_store_path))
    rows = json.loads(result.stdout)
    assert {row["document"] for row in rows} == set(DOCUMENT_IDS)
    assert {row["level"] for row in rows} == {"item", "paragraph"}
    # The State Council's reports commit by paragraph: they are all there.
    by_doc = {doc: [r for r in rows if r["document"] == doc] for doc in DOCUMENT_IDS}
    assert len(by_doc["state-council-work-report-2021"]) > 100
    commitments = run("commitments", "--format", "json", "--store", str(corpus_store_path))
    text_of = {(c["document"], c["path"]): c["text"] for c in json.loads(commitments.stdout)}
    assert all(row["text"] == text_of[row["document"], row["path"]] for row in rows)
    # In the query's order: by document and path, each commitment's rows together.
    keys = [(row["document"], row["path"]) for row in rows]
    assert keys == sorted(keys)
    table = run("accountability", "--level", "item", "--store", str(corpus_store_path))
    assert table.stdout.splitlines()[0].split()[:5] == ["document", "path", "level", "text",
                                                         "body"]


def test_commitments_json_carries_their_responsibilities(corpus_store_path: Path):
    store = ["--store", str(corpus_store_path)]
    commitments = json.loads(run("commitments", "--doc", "yubei-2020-plan", "--level", "item",
                                 "--format", "json", *store).stdout)
    matrix = json.loads(run("accountability", "--doc", "yubei-2020-plan", "--level", "item",
                            "--format", "json", *store).stdout)
    assert len(commitments) == 35
    for commitment in commitments:
        expected = [
            {k: row[k] for k in ("body", "role", "basis", "stated", "confidence")}
            for row in matrix if row["path"] == commitment["path"]
        ]
        assert commitment["responsibilities"] == expected and expected
    sewage = next(c for c in commitments if c["path"] == "3.1.2")
    roles = {(r["body"], r["role"]) for r in sewage["responsibilities"]}
    assert ("渝北区生态环境局", "lead") in roles
    assert any(r["stated"] is False and r["basis"] == "issuer" for r in sewage["responsibilities"])


# -- the package's shape -----------------------------------------------------------------

def _imports(path: Path, package: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith(package)}


def test_the_cli_package_is_small_modules_without_an_import_cycle():
    folder = ROOT / "plankg" / "cli"
    modules = {f"plankg.cli.{p.stem}": p for p in folder.glob("*.py") if p.stem != "__init__"}
    assert len(modules) >= 6
    for path in modules.values():
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 600, path
    edges = {name: _imports(path, "plankg.cli.") & set(modules) for name, path in modules.items()}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt}))
                   for nxt in edges[start])

    assert edges["plankg.cli.parser"] >= {"plankg.cli.building", "plankg.cli.serving"}
    assert not [name for name in modules if reaches(name, name, set())]
