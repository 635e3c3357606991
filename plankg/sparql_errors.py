"""SPARQL a user typed, told back in one line: where a syntax error is and what was
expected there, and that an update is not a query.

Oxigraph's parser (rust-peg) reports ``error at LINE:COLUMN: expected one of …`` where
the alternatives include whole character classes (``['A' ..= 'Z' | 'a' ..= 'z' |
'\\u{00C0}'..='\\u{00D6}' | …]``, four lines of Unicode ranges for a name). Here each
class becomes a word (a name, a digit) and the position is shown with the text found
there.
"""

from __future__ import annotations

import re

_POSITION_RE = re.compile(r"^error at (\d+):(\d+): expected (?:one of )?(.*)$", re.DOTALL)
# The update operations of SPARQL 1.1 Update (§3); none can begin a query.
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "ADD", "MOVE", "COPY", "WITH"}
)
# What may come before the operation: white space, comments, PREFIX and BASE declarations.
_PROLOGUE_RE = re.compile(
    r"(?:\s+|#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)*", re.IGNORECASE
)
QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
_MAX_EXPECTED = 8


def operation(text: str) -> str:
    """The first keyword after the prologue, upper-cased (SELECT, DROP…), or ""."""
    rest = text[_PROLOGUE_RE.match(text).end() :]  # type: ignore[union-attr]
    word = re.match(r"[A-Za-z]+", rest)
    return word.group().upper() if word else ""


def is_update(text: str) -> bool:
    return operation(text) in UPDATE_KEYWORDS


_QUOTED = r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\""
# One alternative: a quoted token, a character class (quoted characters and ranges in
# brackets, or [_] for any character) or a keyword.
_ALTERNATIVE_RE = re.compile(rf"{_QUOTED}|\[(?:{_QUOTED}|[^\]'\"])*\]|[A-Za-z_]\w*")


def _alternatives(expected: str) -> list[str]:
    return _ALTERNATIVE_RE.findall(expected)


def _readable(item: str) -> str | None:
    """One alternative in words; None for those that say nothing (any character, the
    underscore and the combining marks inside a name)."""
    if not item.startswith("["):
        return item
    if item == "[_]":
        return None
    if "'A'" in item or "'a'" in item:
        return "a name"
    if "'0'" in item and "'9'" in item:
        return "a digit"
    return None


def syntax_error_line(error: str, query: str) -> str:
    """``SPARQL syntax error at line 1, column 27 (after "…?x ?y 污水"): expected one of ".",
    ":", OPTIONAL, a digit, a name``.
    A message not in the parser's form is kept, on one line."""
    first = operation(query)
    if first not in QUERY_FORMS:
        found = f"not {first}" if first else "found no keyword"
        return (
            "SPARQL syntax error: a query begins with SELECT, ASK, CONSTRUCT or DESCRIBE "
            f"(after any PREFIX and BASE), {found}"
        )
    match = _POSITION_RE.match(error.strip())
    if not match:
        return "SPARQL syntax error: " + " ".join(error.split())
    line, column = int(match.group(1)), int(match.group(2))
    expected: list[str] = []
    for item in _alternatives(match.group(3)):
        word = _readable(item)
        if word and word not in expected:
            expected.append(word)
    if len(expected) > _MAX_EXPECTED:
        expected = expected[:_MAX_EXPECTED] + ["…"]
    # What the parser had read when it stopped: the end of that line up to the column.
    lines = query.splitlines() or [""]
    before = " ".join(lines[line - 1][: column - 1].split()) if line <= len(lines) else ""
    where = f'after "{"…" if len(before) > 24 else ""}{before[-24:]}"' if before else "at the start"
    wanted = (
        "expected " + (expected[0] if len(expected) == 1 else "one of " + ", ".join(expected))
        if expected
        else "unexpected text"
    )
    return f"SPARQL syntax error at line {line}, column {column} ({where}): {wanted}"
