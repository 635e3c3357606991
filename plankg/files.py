"""Files written whole or not at all: each goes to a temporary sibling, then is renamed.

``tempfile.mkstemp`` creates its file 0600 whatever the umask, so a graph file or a page
written through it could not be read by anyone else. The temporary file here is created
with ``os.open(..., 0o666)`` and the umask applies, as for any file a program writes
(0644 under the usual umask 022).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def _temporary(path: Path) -> tuple[int, Path]:
    """An open descriptor on a new, empty sibling of ``path`` (hidden, unique name)."""
    while True:
        temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(temp, _FLAGS, 0o666), temp
        except FileExistsError:
            continue


def write_files_atomically(files: Mapping[Path, bytes]) -> None:
    """Write every file to a temporary sibling first, then rename them all into place,
    so a failure half way leaves every old file as it was."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, content in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = _temporary(path)
            staged.append((temp, path))
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
        for temp, path in staged:
            os.replace(temp, path)
    finally:
        for temp, _ in staged:
            if temp.exists():
                temp.unlink()


def write_bytes_atomically(path: Path, content: bytes) -> None:
    write_files_atomically({path: content})


def write_text_atomically(path: Path, text: str) -> None:
    """UTF-8 with ``\\n`` line ends on every platform (graph files must be byte-identical)."""
    write_files_atomically({path: text.encode("utf-8")})
