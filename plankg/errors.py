"""Errors a user can cause. The CLI turns each into one line and a non-zero exit."""

from __future__ import annotations


class PlankgError(Exception):
    """A user-facing failure; ``str(error)`` is the whole message."""

    exit_code = 2


class InputError(PlankgError):
    """A document that cannot be read: names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Rebuilt from (path, reason) when it crosses a process boundary (parallel builds).
        return (InputError, (self.path, self.reason))
