"""SPARQL endpoint queries in worker processes that are killed at their limits.

A thread cannot be stopped, and an engine that runs out of stack takes its process with
it. So every query sent to ``/sparql`` runs in one of a few worker processes, each with
the store open read-only, or, when the explorer reads a remote store, each forwarding
the query to that one endpoint (``plankg.web.forward``); the server waits for the
answer at most ``timeout`` seconds and polls the worker's resident memory, and a worker
past either limit is killed (SIGKILL) and replaced. A worker that crashes (SIGSEGV) is
replaced the same way: the server answers and goes on.

Workers come from a fork server that has imported pyoxigraph already, so a replacement
is ready in tens of milliseconds rather than the second a fresh interpreter takes.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import multiprocessing
import multiprocessing.connection
import os
import resource
import signal
import threading
import time
from pathlib import Path
from typing import Any

from plankg.sparql_protocol import ProtocolResponse
from plankg.web.limits import Limits, Source

POLL_SECONDS = 0.05
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _error(status: int, message: str) -> ProtocolResponse:
    return ProtocolResponse(status, "text/plain; charset=utf-8", (message + "\n").encode())


def _worker_main(
    conn: multiprocessing.connection.Connection, source: Source, limits: Limits
) -> None:
    """A worker's loop: open the store (or not, for an endpoint), answer tasks until the
    pipe closes."""
    import pyoxigraph as ox

    from plankg.sparql_protocol import execute
    from plankg.web.forward import forward

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash leaves no core file
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    generation = -1
    store = None
    while True:
        try:
            task: dict[str, Any] = conn.recv()
        except (EOFError, OSError):
            return
        if source.store_path is not None and (
            task.get("generation") != generation or store is None
        ):
            store = None
            store = ox.Store.read_only(source.store_path)
            generation = task.get("generation", 0)
        if task.get("kind") == "open":
            conn.send(("ready", os.getpid()))
            continue
        if source.endpoint is not None:
            response = forward(source.endpoint, task["query"], task["accept"], limits)
        else:
            assert store is not None
            response = execute(store, task["query"], task["accept"], task["max_rows"])
        conn.send((response.status, response.content_type, response.body))


def resident_mb(pid: int) -> float:
    """Resident memory of a process in MiB (Linux /proc), 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as stream:
            return int(stream.read().split()[1]) * _PAGE / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


class _Worker:
    def __init__(self, context: Any, source: Source, limits: Limits, generation: int) -> None:
        parent, child = context.Pipe(duplex=True)
        self.conn = parent
        self.process = context.Process(
            target=_worker_main, args=(child, source, limits), daemon=True, name="plankg-query"
        )
        self.process.start()
        child.close()
        self.generation = generation
        self.conn.send({"kind": "open", "generation": generation})

    @property
    def pid(self) -> int:
        return self.process.pid or 0

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class QueryPool:
    """A fixed number of query workers; ``run`` waits for a free one."""

    def __init__(
        self, source: Source | Path, size: int = 2, limits: Limits | None = None
    ) -> None:
        self.source = source if isinstance(source, Source) else Source(store_path=str(source))
        self.size = max(1, size)
        self.limits = limits or Limits()
        self.generation = 0
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(
            ["pyoxigraph", "plankg.sparql_protocol", "plankg.web.forward"]
        )
        self._threads = concurrent.futures.ThreadPoolExecutor(
            max_workers=self.size * 2, thread_name_prefix="plankg-pool"
        )
        self._idle: asyncio.Queue[_Worker] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.kills = 0

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._idle = asyncio.Queue()
        workers = await asyncio.gather(
            *(self._loop.run_in_executor(self._threads, self._spawn) for _ in range(self.size))
        )
        for worker in workers:
            self._idle.put_nowait(worker)

    def _spawn(self) -> _Worker:
        worker = _Worker(self._context, self.source, self.limits, self.generation)
        if worker.conn.poll(60):
            worker.conn.recv()  # "ready": the store is open
        with self._lock:
            self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and, in the background, put a fresh one in its place."""
        with self._lock:
            self._all.discard(worker)
        worker.kill()
        if self._closed or self._loop is None:
            return
        fresh = self._spawn()
        if self._closed:
            fresh.kill()
            return
        assert self._idle is not None
        self._loop.call_soon_threadsafe(self._idle.put_nowait, fresh)

    def _wait(self, worker: _Worker, task: dict[str, Any]) -> tuple[ProtocolResponse, bool]:
        """Send a task and wait for its answer within the limits; (response, worker ok)."""
        limits = self.limits
        try:
            worker.conn.send(task)
        except OSError:
            return _error(500, "the query worker was gone; try again"), False
        deadline = time.monotonic() + limits.timeout
        while True:
            try:
                ready = worker.conn.poll(POLL_SECONDS)
            except OSError:
                ready = True
            if ready:
                try:
                    status, content_type, body = worker.conn.recv()
                except (EOFError, OSError):
                    code = worker.process.exitcode
                    worker.process.join(timeout=1)
                    code = worker.process.exitcode if code is None else code
                    detail = f"signal {-code}" if code is not None and code < 0 else f"{code}"
                    return _error(500, f"the query engine crashed ({detail}) on this query; "
                                       "the server goes on"), False
                return ProtocolResponse(status, content_type, body), True
            if time.monotonic() > deadline:
                self.kills += 1
                return _error(503, f"query stopped at the {limits.timeout:g} s time limit"), False
            if resident_mb(worker.pid) > limits.memory_mb:
                self.kills += 1
                return _error(503, f"query stopped at the {limits.memory_mb} MiB memory "
                                   "limit"), False

    async def run(self, task: dict[str, Any]) -> ProtocolResponse:
        """Run one task (``query`` and ``accept``) in a free worker."""
        assert self._idle is not None and self._loop is not None, "pool not started"
        try:
            worker = await asyncio.wait_for(self._idle.get(), self.limits.queue_timeout)
        except TimeoutError:
            return _error(503, "every query worker is busy; try again shortly")
        task = {**task, "generation": self.generation, "max_rows": self.limits.max_rows}
        response, healthy = await self._loop.run_in_executor(
            self._threads, self._wait, worker, task
        )
        if healthy:
            self._idle.put_nowait(worker)
        else:
            self._loop.run_in_executor(self._threads, self._replace, worker)
        return response

    def reopen(self, generation: int) -> None:
        """From the next task on, every worker reopens the store (it changed on disk)."""
        self.generation = generation

    def pids(self) -> list[int]:
        with self._lock:
            return [w.pid for w in self._all]

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()
        self._threads.shutdown(wait=False, cancel_futures=True)
