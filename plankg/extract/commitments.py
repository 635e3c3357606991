"""Commitments: the items and sentences that commit to an action.

A numbered item (一是…) is one commitment; so is a body paragraph outside any item
that commits (the expected-targets paragraph, a closing paragraph). Inside them,
every sentence that commits is a sentence-level commitment pointing at its parent.
A part or section heading that commits ((二)大力拓展内需增长新空间) is a sentence-level
commitment of its own, with no parent: it names the task its section spells out.
Sentences that report past results do not commit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from plankg.model import Commitment, Division, Sentence

# Verbs and modal markers of the genre's commitments. General vocabulary of Chinese
# plans and reports, not taken from any one document.
ACTION_RE = re.compile(
    "推进|推动|加快|加大|加强|实施|完成|确保|建设|建成|开展|深化|落实|新增|提高|提升|力争|"
    "坚持|打造|支持|培育|建立|健全|完善|实现|促进|保持|扩大|优化|强化|巩固|创建|开工|引进|"
    "发展|抓好|做好|做优|做强|严格|严守|严防|防范|化解|整治|治理|改造|新建|规划|启动|"
    "争取|鼓励|引导|探索|持续|继续|全面|着力|切实|积极|大力|努力|要|将|必须|务必|力促|"
    "降低|下降|减少|控制|增长|达到|稳定|保障|改善|扶持|帮扶|配合|对接|联手|融入|组织|编制|"
    "增加|筹建|筹办|举办|办好|用好|构建|营造|壮大|推广|谋划|出台|制定|修订|设立|布局|拓展|"
    "深入|聚焦|突出|统筹|维护|守住|守牢|筑牢|提速|加速|迭代|推行|落地|建好|管好|提质|扩容|"
    "扩围|织密|兜牢|夯实|抓实|抓紧|加力|攻坚|申报|争创|推介|招引|培养|吸引|承办|升级|"
    "发挥|发布|新开|加密|建强|关爱|充分"
)


def is_commitment_sentence(sentence: str, reported: bool) -> bool:
    return not reported and ACTION_RE.search(sentence) is not None


def build_commitments(
    doc_id: str,
    divisions: Sequence[Division],
    sentences: Sequence[Sentence],
    reported: Sequence[bool],
    text: str,
) -> list[Commitment]:
    """Item and paragraph commitments with their sentence-level children.

    ``reported[i]`` says whether sentence ``i`` reports past results.
    """
    by_division: dict[str, list[Sentence]] = {}
    for sentence in sentences:
        by_division.setdefault(sentence.division, []).append(sentence)

    # Headings are not commitments; the sentences that form them are skipped.
    heading_spans = {
        (d.heading_start, d.heading_end)
        for d in divisions
        if d.kind in ("part", "section") and d.heading_start is not None
    }

    commitments: list[Commitment] = []
    heading_sentence = {(s.start, s.end): s for s in sentences}
    for division in divisions:
        if division.kind in ("part", "section"):
            heading = heading_sentence.get((division.heading_start, division.heading_end))
            if heading is not None and is_commitment_sentence(heading.text,
                                                              reported[heading.index]):
                commitments.append(Commitment(
                    id=f"{doc_id}:{heading.path}", path=heading.path, level="sentence",
                    start=heading.start, end=heading.end, text=heading.text,
                    sentences=[heading.index]))
            continue
        if division.kind not in ("item", "paragraph"):
            continue
        members = [
            s for s in by_division.get(division.path, []) if (s.start, s.end) not in heading_spans
        ]
        committing = [s for s in members if is_commitment_sentence(s.text, reported[s.index])]
        if not committing:
            continue
        # An item's span is the item; a paragraph's is the text its own sentences cover
        # (a paragraph holding items has its items as separate commitments).
        start = division.start if division.kind == "item" else members[0].start
        end = division.end if division.kind == "item" else members[-1].end
        parent = Commitment(
            id=f"{doc_id}:{division.path}",
            path=division.path,
            level="item" if division.kind == "item" else "paragraph",
            start=start,
            end=end,
            text=text[start:end].strip(),
            sentences=[s.index for s in members],
        )
        commitments.append(parent)
        for sentence in committing:
            commitments.append(
                Commitment(
                    id=f"{doc_id}:{sentence.path}",
                    path=sentence.path,
                    level="sentence",
                    start=sentence.start,
                    end=sentence.end,
                    text=sentence.text,
                    sentences=[sentence.index],
                    parent=parent.id,
                )
            )
    return commitments
