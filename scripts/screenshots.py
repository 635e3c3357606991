"""Screenshots of the web explorer for the README, taken in Debian's headless Chromium.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--store DIR]

Builds a store of corpus/ in a temporary folder (unless --store names one), starts
``plankg serve`` on a free loopback port, and saves 1280×800 PNGs: ``explorer-who.png``
(who is accountable for 污水处理), ``commitment.png`` (one commitment in its section),
``network.png`` (the responsibility network around a town), ``library.png`` (a library
query's table), ``editor.png`` (YASGUI with a query run), and from the static view
``viz/yubei-2020-plan-responsibility.html``: ``viz-section.png`` (one section, as the view
opens) and ``viz-matrix.png`` (its body × section matrix). Needs /usr/bin/chromium and the
playwright package (test.sh installs both); Playwright downloads no browser.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
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
PLANKG = [sys.executable, "-c", "import sys; from plankg.cli import main; sys.exit(main())"]
VIEWPORT = {"width": 1280, "height": 800}


def link(path: str, **params: str) -> str:
    query = urllib.parse.urlencode(params)
    return urllib.parse.quote(path) + (f"?{query}" if query else "")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build(store: Path) -> None:
    done = subprocess.run(
        [*PLANKG, "--store", str(store), "build", str(ROOT / "corpus"), "--no-files"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=900,
    )
    if done.returncode != 0:
        raise SystemExit(f"build failed: {done.stderr}")


def serve(store: Path, port: int) -> subprocess.Popen[str]:
    server = subprocess.Popen(
        [*PLANKG, "--store", str(store), "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("plankg serve exited early")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5):
                return server
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    server.kill()
    raise SystemExit("plankg serve did not start")


def town_with_most_commitments(store: Path) -> str:
    from plankg.store import open_store
    from plankg.tables import run_library_query

    rows = run_library_query(
        open_store(store, read_only=True), "places_most_commitments", {"place_type": "town"}
    )
    if not rows:
        raise SystemExit("no town in the store")
    return rows[0]["name"]


def shoot(base: str, out: Path, town: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    shots = []
    with tempfile.TemporaryDirectory(prefix="plankg-shots-") as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport=VIEWPORT,
            device_scale_factor=1,
        )
        page = context.new_page()
        foreign: list[str] = []
        page.on(
            "request",
            lambda r: None if r.url.startswith((base, "file:", "data:", "blob:"))
            else foreign.append(r.url),
        )

        def visit(target: str) -> None:
            page.goto(base + target)
            page.wait_for_load_state("networkidle")
            if page.locator("#network").count():
                page.wait_for_function("window.plankgNetwork && window.plankgNetwork.ready")

        visit(link("/who", q="污水处理"))
        shots.append(out / "explorer-who.png")
        page.screenshot(path=str(shots[-1]))

        commitment = page.locator("li.evidence a.path").first.get_attribute("href") or ""
        visit(commitment)
        shots.append(out / "commitment.png")
        page.screenshot(path=str(shots[-1]))

        visit(link("/place", name=town))
        # The network fills the window: its panel scrolled to the top, the canvas refitted.
        page.evaluate(
            """() => { const panel = document.querySelector('.network-panel');
                       const holder = document.getElementById('network');
                       holder.style.height = (window.innerHeight - 140) + 'px';
                       window.plankgNetwork.network.redraw();
                       window.plankgNetwork.network.fit();
                       panel.scrollIntoView(); }"""
        )
        page.wait_for_timeout(500)
        shots.append(out / "network.png")
        page.screenshot(path=str(shots[-1]))

        visit(link("/queries/responsibilities", doc="yubei-2020-plan"))
        page.locator("table.results").scroll_into_view_if_needed()
        page.evaluate("() => window.scrollBy(0, -120)")
        shots.append(out / "library.png")
        page.screenshot(path=str(shots[-1]))

        query = (
            "PREFIX pk: <https://w3id.org/plankg/ontology#>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            "SELECT ?body (COUNT(DISTINCT ?commitment) AS ?commitments)\n"
            "WHERE {\n  ?commitment pk:qualifiedResponsibility ?r .\n"
            "  ?r pk:body/rdfs:label ?body ; pk:basis/pk:stated true .\n"
            '  FILTER(LANG(?body) = "zh")\n}\n'
            "GROUP BY ?body ORDER BY DESC(?commitments) LIMIT 12"
        )
        visit(link("/sparql-editor", query=query))
        page.wait_for_function("window.plankgEditor && window.plankgEditor.done >= 1")
        page.locator("#yasgui").scroll_into_view_if_needed()
        shots.append(out / "editor.png")
        page.screenshot(path=str(shots[-1]))

        view = (ROOT / "viz" / "yubei-2020-plan-responsibility.html").as_uri()
        page.goto(view)
        page.wait_for_function("window.plankgNetwork !== undefined")
        page.select_option("#start", index=5)
        page.wait_for_timeout(500)
        shots.append(out / "viz-section.png")
        page.screenshot(path=str(shots[-1]))
        page.click("#matrix-toggle")
        page.wait_for_timeout(300)
        shots.append(out / "viz-matrix.png")
        page.screenshot(path=str(shots[-1]))
        context.close()
    if foreign:
        raise SystemExit(f"requests to other hosts: {foreign}")
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--store", type=Path, help="an existing store (default: build one)")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="plankg-shots-") as tmp:
        store = args.store or Path(tmp) / "store"
        if args.store is None:
            build(store)
        town = town_with_most_commitments(store)
        port = free_port()
        server = serve(store, port)
        try:
            shots = shoot(f"http://127.0.0.1:{port}", args.out, town)
        finally:
            server.terminate()
            server.wait(timeout=10)
    for shot in shots:
        print(shot.relative_to(ROOT) if shot.is_relative_to(ROOT) else shot)
    return 0


if __name__ == "__main__":
    sys.exit(main())
