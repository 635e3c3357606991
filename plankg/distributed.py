"""``plankg build --scheduler``: documents built by the workers of a Dask cluster.

Each worker runs the same pipeline as a local build (``plankg.build.prepare_source``) and
returns the document's graph as N-Triples lines, its phrase index, its graph files'
contents and the SHA-256 its load-log entry records; the client bulk-loads them into
the store in input order and writes the files, exactly as ``--jobs`` does, so the
graph files are the same bytes. A worker is sent the file's bytes rather than its
path, so workers need plankg installed but no shared file system.

Dask (``pip install 'plankg[cluster]'``) is imported only here, only when asked for.
"""

from __future__ import annotations

import concurrent.futures
import os
from collections.abc import Iterator
from contextlib import contextmanager

from plankg.errors import PlankgError

SCHEDULER_VARIABLE = "PLANKG_SCHEDULER"


def scheduler_address(given: str | None) -> str | None:
    """``--scheduler``, else ``$PLANKG_SCHEDULER``, else none (a local build)."""
    return given or os.environ.get(SCHEDULER_VARIABLE) or None


@contextmanager
def cluster_executor(address: str) -> Iterator[concurrent.futures.Executor]:
    """A ``concurrent.futures`` executor whose tasks run on the cluster at ``address``.

    Connecting gives up after ``$PLANKG_SCHEDULER_TIMEOUT`` seconds (default 30)."""
    timeout = float(os.environ.get("PLANKG_SCHEDULER_TIMEOUT") or 30)
    try:
        from distributed import Client
    except ImportError:
        raise PlankgError(
            "--scheduler needs Dask distributed: pip install 'plankg[cluster]'"
        ) from None
    try:
        client = Client(address, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as error:
        raise PlankgError(f"{address}: cannot reach the Dask scheduler ({error})") from None
    try:
        # pure=False: a file rebuilt after it changed must not get a cached result.
        yield client.get_executor(pure=False)
    finally:
        client.close()


def slots(executor: concurrent.futures.Executor) -> int:
    """How many documents the cluster builds at once: its workers' threads (at least 1)."""
    client = getattr(executor, "_client", None)
    if client is None:
        return 1
    return max(1, sum(client.nthreads().values()))
