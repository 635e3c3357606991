"""What the application holds while it runs: settings, the store's source, the query pool."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request

from plankg.store import AnyStore
from plankg.web.pool import QueryPool
from plankg.web.remotewatch import RemoteWatch
from plankg.web.settings import ServeSettings
from plankg.web.storewatch import StoreWatch


@dataclass
class AppState:
    settings: ServeSettings
    watch: StoreWatch | RemoteWatch  # the embedded store's folder, or a remote endpoint
    pool: QueryPool

    def refresh(self) -> AnyStore:
        """The current store; the workers reopen theirs when it was reopened."""
        store = self.watch.store()
        if self.pool.generation != self.watch.generation:
            self.pool.reopen(self.watch.generation)
        return store


def app_state(request: Request) -> AppState:
    return request.app.state.plankg
