"""The vocabulary of the target grammar, read from ``data/``.

The files are read by ``plankg.datafiles`` (word lists and TSV tables inside the package).
Code holds the grammar that uses these words; adding a word for a new genre is a data
change.
"""

from __future__ import annotations

from typing import cast, get_args

from plankg.datafiles import key_values, ordered_words
from plankg.model import Comparator


def word_list(name: str) -> tuple[str, ...]:
    """The words of ``data/<name>``, in file order."""
    return ordered_words(__package__, name)


def word_table(name: str) -> dict[str, str]:
    """``data/<name>`` (TSV: key, value) as a dict; a missing value is the empty string."""
    return key_values(__package__, name)


def _comparators(name: str) -> dict[str, Comparator]:
    allowed = get_args(Comparator)
    table = word_table(name)
    for word, value in table.items():
        if value not in allowed:
            raise ValueError(f"data/{name}: {word}: unknown comparator {value!r}")
    return {word: cast(Comparator, value) for word, value in table.items()}


CMP_WORDS = _comparators("comparators.tsv")
QUALIFIER_CMP = _comparators("unit_qualifiers.tsv")
INC_WORDS = word_list("increase_words.txt")
DEC_WORDS = word_list("decrease_words.txt")
LEVEL_WORDS = word_list("level_words.txt")
MOD_WORDS = word_list("modal_words.txt")
NEW_VERBS = word_list("new_stock_verbs.txt")
GOV_WORDS = NEW_VERBS + word_list("governing_verbs.txt")
ACTION_NOUNS = frozenset(word_list("action_nouns.txt"))
KEEP_TAILS = word_list("action_compounds.txt")
TIME_LEAD = word_list("time_leads.txt")
SUBJECT_LEAD = word_list("subject_leads.txt")
CONNECT_LEAD = word_list("connector_leads.txt")
LEAD_KEPT = frozenset(word_list("lead_kept.txt"))
TAIL_GUARDS = word_table("tail_guards.tsv")
# Longest first, so the longest head a text ends with is found first.
HEADS = tuple(sorted(word_list("head_nouns.txt"), key=len, reverse=True))
GENERIC_IND = frozenset(word_list("generic_indicators.txt"))
GENERIC_OBJ = frozenset(word_list("generic_objects.txt"))
