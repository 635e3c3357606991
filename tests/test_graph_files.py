"""The committed graph/ files and ontology page are what the code builds now, byte for byte."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from plankg.ontology_doc import ontology_page

ROOT = Path(__file__).resolve().parents[1]


def test_graph_folder_is_not_stale(tmp_path: Path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "plankg.cli",
            "build",
            str(ROOT / "corpus"),
            "--no-store",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    built = sorted(p.name for p in tmp_path.iterdir())
    committed = sorted(p.name for p in (ROOT / "graph").iterdir() if p.suffix in (".ttl", ".nq"))
    assert built == committed, "graph/ has other files than a build makes"
    stale = [
        name
        for name in built
        if (tmp_path / name).read_bytes() != (ROOT / "graph" / name).read_bytes()
    ]
    assert not stale, f"graph/ is stale, rebuild it with `plankg build corpus/ --no-store`: {stale}"


def test_build_is_deterministic(tmp_path: Path):
    outputs = []
    for run in ("a", "b"):
        out = tmp_path / run
        subprocess.run(
            [
                sys.executable,
                "-m",
                "plankg.cli",
                "build",
                str(ROOT / "corpus" / "yubei-2020-plan.txt"),
                "--no-store",
                "--out",
                str(out),
            ],
            check=True,
            capture_output=True,
        )
        outputs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert outputs[0] == outputs[1]
    assert set(outputs[0]) == {"yubei-2020-plan.ttl", "yubei-2020-plan.nq"}


def test_ontology_page_is_not_stale():
    assert (ROOT / "ontology" / "index.html").read_text(encoding="utf-8") == ontology_page()
