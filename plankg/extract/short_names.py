"""Short names of zones and routes used alone: 深汕 for 深汕特别合作区, 深中 for 深中通道.

A document that names a zone, crossing or route in full often goes on (or starts) with
its first two characters alone. The stem is taken only when it is no word of its own
(no administrative name, no common word), and a later occurrence only where the
segmentation keeps it whole and no other place covers it. Works over the whole
document, since the short form may come before the full name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from plankg.extract import grammar as gr
from plankg.extract import lexicon as lx
from plankg.extract import tokens as tk
from plankg.model import Mention

_TYPES = frozenset({"zone", "crossing", "rail", "road", "bridge"})
_LEVEL_CHARS = frozenset("省市区县镇乡村街国")


def stems(places: Sequence[Mention]) -> dict[str, Mention]:
    """Two-character stems of the zones and routes named in full: stem → that mention."""
    found: dict[str, Mention] = {}
    for mention in places:
        name = mention.name
        if mention.type not in _TYPES or len(name) < 4 or mention.rule.startswith("alias"):
            continue
        stem = name[:2]
        if not re.fullmatch(r"[\u4e00-\u9fff]{2}", stem) or lx.lookup_admin(stem) is not None:
            continue
        if any(c in _LEVEL_CHARS for c in stem) or stem in gr.GENERIC_HEAD_WORDS or (
            gr.is_generic_head(tk.segment(stem))
        ):
            continue  # 镇村片区, 低碳…: levels and generic words, not a name
        info = tk.word_info(stem)
        if info is not None and info[0] >= 50:
            continue  # a common word (国际, 城市): no short name
        found.setdefault(stem, mention)
    return found


def short_names(sentence: str, known: dict[str, Mention], places: Sequence[Mention]
                ) -> list[Mention]:
    """Occurrences of the stems in one sentence that no place covers."""
    if not known:
        return []
    edges: set[int] | None = None
    found = []
    for stem, full in known.items():
        for match in re.finditer(stem, sentence):
            s, e = match.span()
            if any(p.start < e and s < p.end for p in places):
                continue
            if sentence.startswith(full.name, s):
                continue
            if edges is None:
                words = tk.segment(sentence)
                edges = {w.start for w in words} | {w.end for w in words}
            if s not in edges or e not in edges:
                continue  # inside a longer word of the sentence
            found.append(Mention(category="place", type=full.type, text=stem, name=full.name,
                                 start=s, end=e, rule="alias-short-name"))
    return found
