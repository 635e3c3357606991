"""What ``plankg serve`` is told: where the store is, where to listen, the limits."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from plankg.web.security import LOOPBACK_HOSTS


@dataclass(frozen=True)
class ServeSettings:
    store_path: Path
    host: str = "127.0.0.1"
    port: int = 8750
    # Hosts the Host header may name besides loopback ("*" for any: behind a proxy that
    # checks it). The address the server binds to is always allowed.
    allowed_hosts: tuple[str, ...] = ()
    timeout: float = 30.0  # seconds per endpoint query, then its worker is killed
    memory_mb: int = 1024  # resident memory per query worker, then it is killed
    max_rows: int = 100_000
    query_workers: int = 2
    max_body: int = 1_000_000  # bytes of a POST body
    max_query_chars: int = 100_000
    request_timeout: float = 10.0  # seconds for a request to arrive whole
    watch_interval: float = 1.0  # how often the store's folder is looked at

    def hosts(self) -> tuple[str, ...]:
        bound = () if self.host in ("0.0.0.0", "::", "") else (self.host.strip("[]").lower(),)
        return tuple(dict.fromkeys((*LOOPBACK_HOSTS, *bound, *self.allowed_hosts)))
