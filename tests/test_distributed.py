"""`plankg build --scheduler`: the bundled documents built by a local Dask cluster of two
worker processes give the graph files a local build gives (graph/, kept fresh by
test_graph_files), byte for byte, and a store that answers the same."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from plankg import tables
from plankg.cli import main
from plankg.store import open_store

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def dask_scheduler() -> Iterator[str]:
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
        host="127.0.0.1",
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def test_cluster_build_gives_the_local_graph_files(
    dask_scheduler: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    out = tmp_path / "graph"
    store = tmp_path / "store"
    bad = tmp_path / "inputs" / "empty.txt"
    bad.parent.mkdir()
    bad.write_text("   \n", encoding="utf-8")
    status = main(["--store", str(store), "build", str(ROOT / "corpus"), str(bad),
                   "--out", str(out), "--scheduler", dask_scheduler, "--format", "csv"])
    captured = capsys.readouterr()
    assert status == 1  # the empty file fails, named as the user gave it, the rest builds
    assert f"{bad}: file contains only whitespace" in captured.err
    expected = sorted(p.name for p in (ROOT / "graph").iterdir() if p.suffix in (".ttl", ".nq"))
    assert sorted(p.name for p in out.iterdir()) == expected and len(expected) == 6
    for name in expected:
        assert (out / name).read_bytes() == (ROOT / "graph" / name).read_bytes(), name
    gc.collect()  # the failed document's traceback holds the build's writable store open
    built = open_store(store, read_only=True)
    assert sorted(row["id"] for row in tables.documents(built)) == [
        "state-council-work-report-2019", "state-council-work-report-2021", "yubei-2020-plan",
    ]
    # Loaded and logged: a second build skips every document.
    del built
    gc.collect()
    assert main(["--store", str(store), "build", str(ROOT / "corpus"), "--out", str(out),
                 "--scheduler", dask_scheduler]) == 0
    assert "built 0 documents" in capsys.readouterr().err


def test_unreachable_scheduler_is_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]):
    import socket

    monkeypatch.setenv("PLANKG_SCHEDULER_TIMEOUT", "2")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    status = main(["--store", str(tmp_path / "store"), "build",
                   str(ROOT / "corpus" / "yubei-2020-plan.txt"), "--no-files",
                   "--scheduler", f"tcp://127.0.0.1:{port}"])
    err = capsys.readouterr().err
    assert status == 2 and "cannot reach the Dask scheduler" in err
    assert err.count("\n") == 1
