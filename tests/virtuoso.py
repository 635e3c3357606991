"""A throw-away OpenLink Virtuoso server on loopback ports, for the tests.

Debian's ``virtuoso-opensource-7-bin`` (installed by test.sh) gives ``virtuoso-t``; a
fresh database in a temporary folder, its SQL and HTTP ports on 127.0.0.1 only, the
default ``dba`` account (the Graph Store Protocol endpoint that writes asks for it).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
; One thread per query: 7.2's parallel evaluation drops rows of slogan_occurrences when
; queries run at once (README, "SPARQL endpoints").
ThreadsPerQuery = 1
; Query memory: below what a query wants, 7.2 logs "Low query memory limit" and answers
; with rows missing, differently each time (openlink/virtuoso-opensource#437); seen here
; as slogan_occurrences returning 10 to 15 of 15 rows on a loaded machine.
MaxQueryMem = 2G
ServerThreads = 20
CheckpointInterval = 60
NumberOfBuffers = 170000
MaxDirtyBuffers = 130000
DirsAllowed = ., {dir}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 20
MaxClientConnections = 20

[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 120
MaxSortedTopRows = 1000000
"""


# Where Virtuoso 7.2 answers differently, each documented with its reason in
# queries/README.md ("Virtuoso"): the columns it gets wrong are left out of the
# comparison (every other column and the number of rows must still agree), and the one
# query its SPARQL compiler cannot compile must still fail (so a fixed Virtuoso shows).
VIRTUOSO_WRONG_COLUMNS = {
    # Two OPTIONAL sub-selects binding the same variable: the second unbinds the first.
    "network_commitments": ("section", "section_path", "section_heading"),
    # A zero-length step of a path (p?) inside GRAPH ?g is dropped.
    "sentence_context": ("item_path", "item_heading", "section_path", "section_heading",
                         "part_path", "part_heading"),
    "sections_by_targets": ("targets", "outcomes"),
    # A non-ASCII GROUP_CONCAT separator (、) comes back as "?".
    "slogans": ("members",),
}
STARVED = "Low query memory limit"
VIRTUOSO_CANNOT_COMPILE = {
    "document_outline": "SP031",
    # Zero-or-one path steps chained from one bound end (standard SPARQL 1.1): Virtuoso
    # wants both ends bound. A UNION of fixed-length branches works there but costs
    # Oxigraph 20× (queries/README.md).
    "commitment_context": "transitive derived table",
    "division_sentences": "transitive derived table",
}


def same_value(value: Any) -> Any:
    """A value as both stores mean it. Virtuoso computes booleans as 1 and 0 (EXISTS,
    true), and an aggregate of nothing as "" where Oxigraph leaves it unbound; the
    order of GROUP_CONCAT is undefined in SPARQL 1.1."""
    if isinstance(value, bool):
        return int(value)
    if value == "":
        return None
    if isinstance(value, str) and "|" in value:
        return "|".join(sorted(value.split("|")))
    return value


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def binary() -> str | None:
    return shutil.which("virtuoso-t")


@contextmanager
def virtuoso_server(folder: Path, timeout: float = 60.0) -> Iterator[str]:
    """Start Virtuoso on free loopback ports; yield its HTTP base URL; stop it."""
    found = binary()
    assert found, "virtuoso-t is missing (Debian package virtuoso-opensource-7-bin)"
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(
        _INI.format(dir=folder, sql_port=sql_port, http_port=http_port), encoding="utf-8"
    )
    process = subprocess.Popen(
        [found, "+configfile", str(ini), "+foreground"],
        cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log = folder / "virtuoso.log"
                    tail = log.read_text(errors="replace")[-800:] if log.exists() else ""
                    raise RuntimeError(f"virtuoso did not start: {tail}") from None
                time.sleep(0.3)
        yield base
        # Answers given short of query memory may have lost rows (MaxQueryMem above): a
        # run where Virtuoso says so fails here, whatever the tests compared.
        log = (folder / "virtuoso.log").read_text(errors="replace")
        assert STARVED not in log, f"virtuoso: {STARVED}; raise MaxQueryMem in _INI"
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
