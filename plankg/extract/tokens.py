"""Words of a sentence: jieba's segmentation and jieba's dictionary.

A private ``jieba.Tokenizer`` (without HMM, so unknown names stay single characters)
over jieba's bundled dictionary plus the plan vocabulary in ``data/genre_words.tsv``.
It is private so that words other code adds to jieba's global tokenizer never change
where names are cut. ``word_table`` reads dict.txt once for frequencies and POS tags,
which the tokenizer does not keep.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from typing import NamedTuple

import jieba

from plankg.extract.wordlists import table


class Token(NamedTuple):
    start: int
    end: int
    word: str
    pos: str | None


@cache
def word_table() -> dict[str, tuple[int, str]]:
    """word → (frequency, POS tag) from jieba's bundled dict.txt."""
    result: dict[str, tuple[int, str]] = {}
    handle = jieba.get_dict_file()
    try:
        for raw in handle:
            parts = raw.decode("utf-8").split()
            if len(parts) == 3:
                result[parts[0]] = (int(parts[1]), parts[2])
    finally:
        handle.close()
    return result


@cache
def genre_words() -> dict[str, str]:
    """Plan vocabulary missing from jieba's dictionary: word → POS tag."""
    return {row["word"]: row["pos"] for row in table("genre_words.tsv")}


def word_info(word: str) -> tuple[int, str] | None:
    info = word_table().get(word)
    if info is None and word in genre_words():
        return 50, genre_words()[word]
    return info


def pos_of(word: str) -> str | None:
    info = word_table().get(word)
    if info:
        return info[1]
    return genre_words().get(word)


@cache
def _tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict" lines on stderr
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in genre_words():
        if word not in word_table():
            tokenizer.add_word(word, 50)
    return tokenizer


_RUN_RE = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]+|[A-Za-z0-9][A-Za-z0-9\-/.#]*|.", re.S)


def segment(text: str, offset: int = 0) -> list[Token]:
    """Dictionary-only segmentation: jieba's maximum-probability route without HMM on
    each run of Chinese characters; a letter/digit code (C12-3/02) is one token."""
    tokens: list[Token] = []
    for run in _RUN_RE.finditer(text):
        chunk, base = run.group(), offset + run.start()
        if not is_cjk(chunk[0]):
            pos = "x" if chunk.isalnum() or is_code(chunk) else None
            tokens.append(Token(base, base + len(chunk), chunk, pos))
            continue
        at = base
        for word in _tokenizer().cut(chunk, HMM=False):
            tokens.append(Token(at, at + len(word), word, pos_of(word)))
            at += len(word)
    return tokens


def is_code(word: str) -> bool:
    return bool(word) and all(c.isascii() and (c.isalnum() or c in "-/.#") for c in word)


def is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"
