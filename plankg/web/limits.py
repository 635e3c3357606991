"""What a query of the endpoint may cost, and what the endpoint answers from: shared by
the worker pool (``plankg.web.pool``) and the forwarder to a remote store
(``plankg.web.forward``), which the pool runs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    timeout: float = 30.0  # seconds a query may run
    memory_mb: int = 1024  # resident memory of a worker, store caches included
    max_rows: int = 100_000
    queue_timeout: float = 10.0  # seconds a query may wait for a free worker
    max_answer_bytes: int = 64 * 2**20  # of a remote endpoint's answer, before it is parsed


@dataclass(frozen=True)
class Source:
    """What the workers answer from: an embedded store's folder, or a SPARQL endpoint."""

    store_path: str | None = None
    endpoint: str | None = None
