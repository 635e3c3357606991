"""What ``plankg serve`` is told: where the store is (a folder, or a remote SPARQL
endpoint), where to listen, the limits."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from plankg.web.security import LOOPBACK_HOSTS


@dataclass(frozen=True)
class ServeSettings:
    store_path: Path
    # A SPARQL 1.1 query endpoint to read instead of the store at store_path.
    endpoint: str | None = None
    host: str = "127.0.0.1"
    port: int = 8750
    # Hosts the Host header may name besides loopback ("*" for any: behind a proxy that
    # checks it). The address the server binds to is always allowed.
    allowed_hosts: tuple[str, ...] = ()
    timeout: float = 30.0  # seconds per endpoint query, then its worker is killed
    memory_mb: int = 1024  # resident memory per query worker, then it is killed
    max_rows: int = 100_000
    max_answer_mb: int = 64  # of a remote endpoint's answer to a /sparql query
    query_workers: int = 2  # per server process
    cache: bool = True  # rendered pages and API answers, per store generation
    server_workers: int = 1  # server processes sharing the socket (Python runs on one core each)
    max_body: int = 1_000_000  # bytes of a POST body
    max_query_chars: int = 100_000
    request_timeout: float = 10.0  # seconds for a request to arrive whole
    watch_interval: float = 1.0  # how often the store's folder (or endpoint's stamp) is read

    def hosts(self) -> tuple[str, ...]:
        bound = () if self.host in ("0.0.0.0", "::", "") else (self.host.strip("[]").lower(),)
        return tuple(dict.fromkeys((*LOOPBACK_HOSTS, *bound, *self.allowed_hosts)))


def to_environment(settings: ServeSettings) -> str:
    """The settings as JSON, for server processes started by uvicorn's supervisor."""
    import json
    from dataclasses import asdict

    return json.dumps({**asdict(settings), "store_path": str(settings.store_path)})


def from_environment(text: str) -> ServeSettings:
    import json

    values = json.loads(text)
    values["store_path"] = Path(values["store_path"])
    values["allowed_hosts"] = tuple(values["allowed_hosts"])
    return ServeSettings(**values)
