"""Helpers for the server tests: a store built by the CLI, ``plankg serve`` in a subprocess,
Oxigraph's own server (``oxigraph serve``) as a remote store.

The server opens the store read-only in its own processes, as in use; the tests read the
expectations through their own read-only handle.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLANKG = [sys.executable, "-c", "import sys; from plankg.cli import main; sys.exit(main())"]


def plankg(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*PLANKG, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT, check=False
    )


def build_store(store: Path, *inputs: Path) -> Path:
    built = plankg("--store", str(store), "build", *map(str, inputs), "--no-files")
    assert built.returncode == 0, built.stderr
    return store


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    base: str
    port: int
    process: subprocess.Popen[str]

    def _children(self) -> dict[int, list[int]]:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stream:
                    fields = stream.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry))
        return children

    def tree(self) -> list[int]:
        """The server's pid and every descendant's (fork server, query workers)."""
        children = self._children()
        found, todo = [], [self.process.pid]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo.extend(children.get(pid, []))
        return found

    def workers(self) -> list[int]:
        """Pids of the query worker processes: the fork server's children."""
        children = self._children()
        for pid in children.get(self.process.pid, []):
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as stream:
                    if b"forkserver" in stream.read():
                        return sorted(children.get(pid, []))
            except OSError:
                continue
        return []

    def rss_mb(self) -> float:
        """Resident memory of the server and its workers, MiB."""
        total = 0
        for pid in self.tree():
            try:
                with open(f"/proc/{pid}/statm", encoding="ascii") as stream:
                    total += int(stream.read().split()[1])
            except OSError:
                continue
        return total * os.sysconf("SC_PAGE_SIZE") / 2**20


def wait_until_up(base: str, process: subprocess.Popen[str], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(base + "/api/queries", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"plankg serve did not start: {process.stderr.read()}")
        time.sleep(0.2)


@contextmanager
def serving(store: Path | None, *options: str) -> Iterator[Server]:
    """``plankg serve`` on a free port; one server process unless the options say more.
    ``store`` None: the options name what it reads (``--endpoint URL``)."""
    if "--server-workers" not in options:
        options = ("--server-workers", "1", *options)
    port = free_port()
    where = ["--store", str(store)] if store is not None else []
    process = subprocess.Popen(
        [*PLANKG, *where, "serve", "--port", str(port), *options],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process)
        yield Server(base, port, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def fetch(
    url: str,
    *,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    method: str | None = None,
    timeout: float = 60,
) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def raw_request(port: int, payload: bytes, timeout: float = 10) -> bytes:
    """Send bytes as they are (a malformed request) and read the reply until close."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(payload)
        chunks = []
        while True:
            try:
                chunk = connection.recv(65536)
            except TimeoutError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    assert Path(found).exists(), "the oxigraph server (PyPI package 'oxigraph') is missing"
    return found


@contextmanager
def oxigraph_server(location: Path) -> Iterator[str]:
    """``oxigraph serve`` (union default graph, as plankg's queries need) on a free
    loopback port; yields its base URL (``/query``, ``/store``); stopped after."""
    port = free_port()
    process = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(location), "--bind",
         f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    message = process.stderr.read() if process.stderr else b""
                    raise RuntimeError(f"oxigraph serve did not start: {message!r}") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def corpus_inputs() -> Sequence[Path]:
    return [ROOT / "corpus"]
