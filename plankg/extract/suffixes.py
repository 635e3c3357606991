"""The suffix tables of the name extractors and the name tests they share.

Places, organizations and projects each recognise a name by its suffix (…水库, …研究院,
…污水处理厂); the tables are data (``data/*_suffixes.tsv``). Each extractor also needs
to know every other extractor's suffixes (a bare brand name ends in none of them), so
the tables live here, below all extractors, and no extractor imports another.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from plankg.extract import grammar as gr
from plankg.extract import lexicon as lx
from plankg.extract import tokens as tk
from plankg.extract.wordlists import table, word_list


@dataclass(frozen=True)
class PlaceSuffix:
    text: str
    type: str
    max_head: int = 10
    strict: bool = False  # head needs positive proper-name evidence
    min_head: int = 2


@dataclass(frozen=True)
class OrgSuffix:
    text: str
    type: str
    strict: bool  # head needs positive proper-name evidence


@dataclass(frozen=True)
class ProjectSuffix:
    text: str
    type: str
    needs_build: bool  # place-like: a project only in a construction context
    strict: bool  # head needs positive evidence (place, company, OOV name, code)


@cache
def place_suffixes() -> tuple[PlaceSuffix, ...]:
    return tuple(
        PlaceSuffix(row["suffix"], row["type"], int(row["max_head"]), row["strict"] == "1")
        for row in table("place_suffixes.tsv")
    )


@cache
def organization_suffixes() -> tuple[OrgSuffix, ...]:
    return tuple(
        OrgSuffix(row["suffix"], row["type"], row["strict"] == "1")
        for row in table("organization_suffixes.tsv")
    )


@cache
def project_suffixes() -> tuple[ProjectSuffix, ...]:
    return tuple(
        ProjectSuffix(row["suffix"], row["type"], row["needs_build"] == "1",
                      row["strict"] == "1")
        for row in table("project_suffixes.tsv")
    )


@cache
def department_suffixes() -> tuple[str, ...]:
    return ("总局", "分局", "委员会", "办公室", "管理局", "局", "委", "厅", "部", "署", "办")


@cache
def all_name_suffixes() -> tuple[str, ...]:
    """Every name suffix the extractors know, plus generic facility endings."""
    return (
        tuple(s.text for s in place_suffixes())
        + tuple(s.text for s in organization_suffixes())
        + tuple(s.text for s in project_suffixes())
        + department_suffixes()
        + tuple(sorted(word_list("facility_endings.txt")))
    )


MAX_BARE_NAME = 8


def is_bare_name(item: str) -> bool:
    """A brand-like name: not a place, no facility/organization suffix, not generic."""
    if not 2 <= len(item) <= MAX_BARE_NAME:
        return False
    if any(c in gr.PUNCTUATION or c in "（）()" for c in item):
        return False
    if item.endswith(all_name_suffixes()):
        return False
    if lx.lookup_admin(item) is not None or item in lx.COUNTRIES or item in lx.REGIONS:
        return False
    tokens = tk.segment(item)
    if not tokens or (len(tokens[0].word) > 1 and gr.is_stop_token(tokens[0])):
        return False
    if any(c.isdigit() for c in item):
        return False  # 企业81家: a count, not a name
    return not gr.is_generic_head(tokens)
