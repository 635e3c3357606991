"""Checks a SPARQL query's text before any engine sees it: size, nesting, operators, and
the keywords a read-only, offline endpoint refuses (SERVICE, LOAD and every update).

The engine parses recursively: 3,000 nested braces or 10,000 UNIONs overflow its stack
and kill the process. These checks run on the text, with a small lexer of SPARQL's
terminals (comments, strings, IRIs), so a keyword inside a string or an IRI is not
mistaken for one, and a keyword written with codepoint escapes (``S\\u0045RVICE``) is
found: SPARQL expands ``\\uXXXX`` before parsing (SPARQL 1.1 §19.2), so this does too.
No maintained Python SPARQL parser is both complete for SPARQL 1.1 and bounded in its own
recursion (rdflib's pyparsing grammar recurses as deeply as the engine), hence a lexer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_QUERY_CHARS = 100_000
MAX_NESTING = 64
MAX_OPERATORS = 500  # UNION, MINUS, OPTIONAL, ||, && and path alternatives together

_CODEPOINT_RE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# Terminals that may hold anything: long strings first, then short ones, IRIs, comments.
_OPAQUE_RE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n\r]*",
    re.DOTALL,
)
# A keyword is a bare word: not a variable (?x, $x), not part of a prefixed name (ex:load).
_WORD_RE = re.compile(r"(?<![\w?$:])([A-Za-z]+)(?![\w:])")
REFUSED = {
    "SERVICE": (403, "SERVICE (federated queries) is refused: this endpoint never fetches "
                     "other URLs"),
    "LOAD": (403, "LOAD is refused: this endpoint is read-only and never fetches other URLs"),
}
UPDATES = {"INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
_OPERATOR_WORDS = {"UNION", "MINUS", "OPTIONAL"}
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


@dataclass(frozen=True)
class Refusal:
    status: int
    message: str


def expand_codepoints(text: str) -> str:
    """``\\uXXXX`` and ``\\UXXXXXXXX`` replaced by their characters, as a parser does first."""

    def replace(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"

    return _CODEPOINT_RE.sub(replace, text)


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first of them outside strings, IRIs and
    comments (a sub-select comes after its query's own form); SELECT when none is found."""
    code = _OPAQUE_RE.sub(" ", expand_codepoints(text))
    for word in _WORD_RE.findall(code):
        if word.upper() in _FORMS:
            return word.upper()
    return "SELECT"


def check_query(
    text: str,
    *,
    max_chars: int = MAX_QUERY_CHARS,
    max_nesting: int = MAX_NESTING,
    max_operators: int = MAX_OPERATORS,
) -> Refusal | None:
    """Why the query must not reach the engine, or None when it may."""
    if len(text) > max_chars:
        return Refusal(413, f"query of {len(text):,} characters; the limit is {max_chars:,}")
    if "\x00" in text:
        return Refusal(400, "query contains a null character")
    expanded = expand_codepoints(text)
    code = _OPAQUE_RE.sub(" ", expanded)
    depth = deepest = 0
    for char in code:
        if char in "({[":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")}]":
            depth = max(depth - 1, 0)
    if deepest > max_nesting:
        return Refusal(400, f"query nested {deepest} deep; the limit is {max_nesting}")
    words = [w.upper() for w in _WORD_RE.findall(code)]
    for word in words:
        if word in REFUSED:
            status, message = REFUSED[word]
            return Refusal(status, message)
        if word in UPDATES:
            return Refusal(403, "this endpoint is read-only: SPARQL updates are refused")
    operators = sum(1 for w in words if w in _OPERATOR_WORDS)
    operators += code.count("|") + code.count("&&")
    if operators > max_operators:
        return Refusal(400, f"query has {operators} operators; the limit is {max_operators}")
    return None
