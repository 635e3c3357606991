"""Browser fixtures: ``plankg serve`` in a subprocess and Debian's Chromium driven by Playwright.

The store is built in a temporary folder from corpus/ plus one small plan written here whose
company name is hostile HTML. Chromium is the system one (``/usr/bin/chromium``, installed by
test.sh; ``PLANKG_CHROMIUM`` names another); Playwright never downloads a browser. Without
Chromium the tests skip, except under CI (CI=true), where they fail: a missing browser
there is a broken machine, not a pass.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("PLANKG_CHROMIUM", "/usr/bin/chromium"))  # Debian's
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE = "<img src=x onerror=alert(1)>"
HOSTILE_DOC = "qingtian-2023-plan"
HOSTILE_PLAN = f"""青田县2023年国民经济和社会发展计划

一、主要任务

（一）推进重大项目建设。一是加快产业项目落地。力促{HOSTILE}公司项目投产。县发展改革委牵头推进经济开发区污水处理厂建设，确保年内完工。
"""


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run under CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (test.sh installs Debian's chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
    return CHROMIUM


def _plankg(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "import sys; from plankg.cli import main; sys.exit(main())"]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=600, cwd=ROOT, check=False
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Served:
    base: str
    store_path: Path
    store: ox.Store


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("browser")
    extra = folder / "docs"
    extra.mkdir()
    (extra / f"{HOSTILE_DOC}.txt").write_text(HOSTILE_PLAN, encoding="utf-8")
    store_path = folder / "store"
    built = _plankg(
        "--store", str(store_path), "build", str(ROOT / "corpus"), str(extra), "--no-files"
    )
    assert built.returncode == 0, built.stderr
    port = _free_port()
    log = (folder / "serve.log").open("w", encoding="utf-8")  # a pipe left unread fills up
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from plankg.cli import main; sys.exit(main())",
            "--store",
            str(store_path),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=log,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/", timeout=5) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError):
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("plankg serve did not start: "
                                   + (folder / "serve.log").read_text(encoding="utf-8"))
            time.sleep(0.2)
        yield Served(base, store_path, ox.Store.read_only(str(store_path)))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


@pytest.fixture(scope="session")
def browser_context(chromium: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="plankg-chromium-") as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile,
            executable_path=str(chromium),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 800},
            accept_downloads=True,
        )
        yield context
        context.close()


@dataclass
class Watched:
    """A page with what it logged, raised, requested and which dialogs it opened."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        from urllib.parse import urlsplit

        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in ("data", "blob")
            and urlsplit(url).hostname != "127.0.0.1"
        ]


@pytest.fixture
def watched(browser_context: Any) -> Iterator[Watched]:
    page = browser_context.new_page()
    record = Watched(page)
    page.on(
        "console", lambda m: record.console_errors.append(m.text) if m.type == "error" else None
    )
    page.on("pageerror", lambda e: record.page_errors.append(str(e)))
    page.on("request", lambda r: record.requests.append(r.url))

    def on_dialog(dialog: Any) -> None:
        record.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield record
    page.close()
