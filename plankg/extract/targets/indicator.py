"""The indicator grammar: which words before (or after) a number name what it measures.

- ``strip_lead`` skips what opens a clause before its indicator: time words, subjects,
  connectives and governing verbs (今年, 全市, 其中, 确保, 完成 …).
- ``analyse_pre`` reads the tail between the indicator and the number (增长, 达到, 超过,
  要 …): change, comparator, and where the indicator ends.
- ``object_after`` finds the counted noun phrase after a quantity (新引进50家软件企业).
- ``distribute`` splits coordinated indicators that share one figure (二氧化硫、氮氧化物
  排放量 → two indicators, the head noun written once completed).
- ``binding`` reads 约束性/预期性 for a target's clause or the whole sentence.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from plankg.extract.targets.coordination import complete_conjuncts, is_word_at
from plankg.extract.targets.tails import CLAUSE_PUNCT, clause_end, clause_start, tail_tokens
from plankg.extract.targets.words import (
    ACTION_NOUNS,
    CMP_WORDS,
    CONNECT_LEAD,
    DEC_WORDS,
    GENERIC_OBJ,
    GOV_WORDS,
    HEADS,
    INC_WORDS,
    KEEP_TAILS,
    LEAD_KEPT,
    MOD_WORDS,
    NEW_VERBS,
    SUBJECT_LEAD,
    TIME_LEAD,
)
from plankg.model import Binding, Comparator

# Verbs that may open an indicator's clause and are skipped there (安排, 完成 …).
_LEAD_VERBS = ("安排", "保持", "完成", "实现")


@cache
def _lead_re() -> re.Pattern[str]:
    words = set(TIME_LEAD) | set(SUBJECT_LEAD) | set(CONNECT_LEAD) | set(MOD_WORDS)
    words |= set(GOV_WORDS) | set(INC_WORDS) | set(DEC_WORDS) | set(_LEAD_VERBS)
    words -= LEAD_KEPT
    patterns = [re.escape(w) for w in sorted(words, key=len, reverse=True)]
    patterns += [
        r"到\d{4}年(?:底|末)?",
        r"\d{4}年(?:底|末|内|前)?",
        r"[一二三四五六七八九十]{1,2}是",
        r"（[^）]{0,8}）",
        r"\([^)]{0,8}\)",
        r"——",
        r"对(?![外口象标接])",
        r"为(?![民])",
        r"把",
        r"向",
        r"给",
        r"在(?![校建线岗编职册读])",
        r"由(?!\d)",
        r"从(?![业事])",
        r"基本(?=完成|实现|建成|消除|形成|解决|达到|普及|稳定)",
        r"“?十[一二三四五六]五”?(?:时期|期间)?(?:末)?",
        r"共(?=有|计|接待|完成|实现|新增|建成|引进|培育|实施)",
        r"[一二两三四五六七八九十\d]+年(?:平均|来|间)?",  # 两年平均增长: a period, not a subject
    ]
    return re.compile("|".join(patterns))


_LEAD_GUARDED = frozenset(GOV_WORDS) | frozenset(INC_WORDS) | frozenset(DEC_WORDS) | frozenset(
    _LEAD_VERBS
)
_SUFFIX_LIKE = "率额量数度比值性化者"

# 比去年, 同比, 较上年同期: a comparison base between the indicator and its number.
BASE_RE = re.compile(
    r"同比|(?:比|较|与)(?:上年|去年|上一年|前一年|\d{4}年|年初|上年同期|去年同期|同期|"
    r"去年预算|上年度|“十三五”末|十三五末|“十三五”时期|十三五时期|基期)+(?:相比)?"
    # 增速高于全国12.7个百分点: a reference average, the figure is the gap to it
    r"|(?:比|较|高于|低于|快于|慢于|超过|超出)(?:全国|全省|全市|全区|全县|全州|全球)"
    r"(?:平均水平|平均|水平)?"
)
_ABOVE = ("高于", "快于", "超过", "超出")
_BELOW = ("低于", "慢于")
_OBJ_STOP = re.compile(
    r"落户|通过|开展|实现|纳入|进入|参与|参加|达到|获得|入驻|投产|开工|上市|挂牌|加入|开通|"
    r"覆盖|享受|受益|摆脱|落地|签约|全部|全面|顺利|大幅|共同|相继|成功|分别|应享尽享|建立|带动|"
    r"已|均|都|并|等|以及|和所有|及所有|和全部|用于|通车|竣工|完成|实施|创建|争创|申报|"
    r"在(?![建线校岗])|向(?!导)|于|对(?![口外])"
)
_CONJ_RE = re.compile(r"、|和|与|及|以及")


def strip_lead(
    sentence: str, start: int, end: int, *, keep_new: bool = False
) -> tuple[int, list[str]]:
    """Skip leading time words, subjects, connectors and governing verbs of
    ``sentence[start:end]``; a verb stays when only one or two characters would follow it
    (新增就业, 完成投资 stay whole). With ``keep_new`` (a change verb follows the indicator)
    new-stock verbs stay too: 新设外资企业增长. Returns the new start and the words skipped."""
    pattern = _lead_re()
    pos = start
    skipped: list[str] = []
    while pos < end:
        m = pattern.match(sentence, pos, end)
        if not m or m.end() == pos:
            break
        word = m.group()
        rest = end - m.end()  # characters left after the word
        if word in _LEAD_GUARDED:
            if keep_new and word in NEW_VERBS and rest:
                break
            if 0 < rest <= 2 or (rest and sentence[m.end()] in _SUFFIX_LIKE):
                break
        skipped.append(word)
        pos = m.end()
    return pos, skipped


_DISPOSAL = re.compile(r"把(?![握关])|(?<!即)将(?![近来要])")


def clean_indicator(
    sentence: str, start: int, end: int, *, keep_new: bool = False
) -> tuple[int, int, list[str]]:
    """Trim an indicator candidate ``sentence[start:end]`` on both sides."""
    # 坚决把文件压减三分之一: the disposal object is the indicator.
    for m in _DISPOSAL.finditer(sentence, start, end):
        if m.start() > start:
            start = m.end()
    pos, skipped = strip_lead(sentence, start, end, keep_new=keep_new)
    # 从失业保险基金结余中: a source frame, keep what is inside.
    if skipped and skipped[-1] == "从" and sentence[end - 1 : end] == "中" and end - pos > 2:
        end -= 1
    while end > pos and sentence[end - 1] in "的、，和及与 ":
        end -= 1
    return pos, end, skipped


@dataclass
class Analysis:
    """What the words between the indicator and the number say."""

    core_end: int  # end of the indicator candidate
    change: str  # increase | decrease | level | ""
    comparator: Comparator | None
    verb: str  # the verb class seen: change, level, compare, ""
    gov_adjacent: bool  # a governing verb directly before the number
    gov_new: bool  # a new-stock verb (新增, 新建 …) anywhere in the tail
    marker: bool  # 的 / 等 right before the number (the count qualifies a following noun)
    action_len: int  # length of an action noun right before the number (改造), 0 if none


def analyse_pre(sentence: str, left: int, right: int) -> Analysis:
    pre = sentence[left:right]
    change = ""
    comparator: Comparator | None = None
    verb = ""
    marker = False
    # 比去年增加 …: cut the comparison base, read its verb.
    cut = len(pre)
    m = BASE_RE.search(pre)
    if m:
        cut = m.start()
    base_tail = pre[cut:]
    core = pre[:cut]
    if base_tail.startswith(_ABOVE):
        change, verb = "increase", "change"
    elif base_tail.startswith(_BELOW):
        change, verb = "decrease", "change"
    for _word, cat, _payload in tail_tokens(base_tail):
        if cat == "inc" and not change:
            change, verb = "increase", "change"
        elif cat == "dec" and not change:
            change, verb = "decrease", "change"
    tokens = [] if core.endswith(KEEP_TAILS) else tail_tokens(core)
    # Strip the words nearest the number. A governing verb is stripped only when nothing but
    # modal words separates it from the number; an action noun (改造, 搬迁) stays in the
    # indicator unless the count turns out to qualify an object after it.
    stripped = 0
    gov_adjacent = False
    gov_new = False
    action_len = 0
    for i, (word, cat, payload) in enumerate(tokens):
        if cat == "gov":
            if any(c not in ("mod", "gov") for _, c, _ in tokens[:i]):
                break
            gov_adjacent = True
            gov_new = gov_new or payload == "increase"
            if word in ACTION_NOUNS and action_len == stripped:
                action_len += len(word)  # 修复治理15.8万亩: a run of actions next to the number
        elif cat == "cmp":
            comparator = comparator or CMP_WORDS[word]
            verb = verb or "compare"
        elif cat in ("inc", "dec"):
            change = change or ("increase" if cat == "inc" else "decrease")
            gov_new = gov_new or (i == 0 and word in ("增加", "新增", "增"))
            verb = "change" if verb in ("", "compare") else verb
        elif cat == "level":
            change = change or "level"
            verb = verb or "level"
        stripped += len(word)
    if action_len != stripped:
        action_len = 0  # 分别新建: the action names the indicator only right after it
    core_end = left + len(core) - stripped
    before = sentence[left:core_end]
    marker = before.endswith(("的", "等"))
    return Analysis(core_end, change, comparator, verb, gov_adjacent, gov_new, marker, action_len)


def object_after(sentence: str, start: int, stop: int | None = None) -> tuple[int, int, bool]:
    """The noun phrase after a quantity, before ``stop`` (the next quantity): (start, end,
    descriptive). ``descriptive`` is True when the phrase is followed or led by 的
    (14亿人的粮食安全): the number describes, not counts."""
    pos = start
    led_by_de = sentence.startswith("的", pos)
    if led_by_de:
        pos += 1
    end = pos
    limit = min(len(sentence), pos + 30, len(sentence) if stop is None else stop)
    while end < limit:
        ch = sentence[end]
        if ch in CLAUSE_PUNCT or ch in '、（(“”"《》 ' or ch.isdigit():
            break
        end += 1
    window_end = end
    m = _OBJ_STOP.search(sentence, pos + 1, end) if end > pos + 1 else None
    if m:
        end = m.start()
    if end - pos > 20:
        end = pos + 20
    descriptive = led_by_de or "的" in sentence[pos : min(window_end, end + 8)]
    while end > pos and sentence[end - 1] in "等的":
        end -= 1
    if sentence[pos:end] in GENERIC_OBJ:
        end = pos
    return pos, end, descriptive


_ENUMERATION_RE = re.compile(r"、")


def split_conjuncts(
    sentence: str, start: int, end: int, conjunctions: re.Pattern[str] = _CONJ_RE
) -> list[tuple[int, int]]:
    """Conjuncts of a coordinated indicator, outside quotes/brackets; [] if not coordinated."""
    text = sentence[start:end]
    depth = 0
    cuts: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "“《（(「":
            depth += 1
        elif ch in "”》）)」":
            depth = max(0, depth - 1)
        elif depth == 0:
            m = conjunctions.match(text, i)
            if m:
                cuts.append((i, m.end()))
                i = m.end()
                continue
        i += 1
    if not cuts:
        return []
    parts: list[tuple[int, int]] = []
    prev = 0
    for a, b in cuts:
        parts.append((start + prev, start + a))
        prev = b
    parts.append((start + prev, end))
    if any(e - s < 2 for s, e in parts):
        return []
    return parts


def head_of(text: str) -> str:
    head = next((h for h in HEADS if text.endswith(h)), "")
    if head == "率":
        head = text[-3:]  # 失业率, 参保率: a bare 率 says nothing
    return head


def distribute(
    sentence: str, start: int, end: int, *, explicit: bool = False, values: int = 1
) -> list[tuple[str, int, int]]:
    """Split 项目开工率和投资完成率 / 二氧化硫、氮氧化物排放量 into separate indicators.

    With ``explicit`` (分别 or 均 says the figure holds for each) every conjunct is an
    indicator, its shared part restored (城镇、农村居民人均可支配收入; see
    ``coordination``); with several ``values`` a split into as many conjuncts is preferred.
    Otherwise a head noun of the last conjunct completes the others
    (…排放量), and without one the coordination stays one indicator.
    "X、Y等Z" lists examples of Z: split only when Z is a head noun (…等增幅)."""
    whole = [(sentence[start:end], start, end)]
    parts = split_conjuncts(sentence, start, end)
    if not parts:
        return whole
    if explicit:
        # 金融业、软件和信息服务业增加值分别增长9.7%、15.3%: as many conjuncts as values
        listed = split_conjuncts(sentence, start, end, _ENUMERATION_RE)
        if values > 1 and len(listed) == values and len(parts) != values:
            parts = listed
        return each_conjunct(sentence, parts)
    last_s, last_e = parts[-1]
    last = sentence[last_s:last_e]
    if "等" in last:
        after = last[last.rindex("等") + 1 :]
        if after and after not in HEADS:
            return whole
    head = head_of(last)
    out: list[tuple[str, int, int]] = []
    for s, e in parts:
        text = sentence[s:e].rstrip("等")
        if not head_of(text):
            if not head:
                return whole
            text = text + head
        out.append((text, s, e))
    return out


def each_conjunct(sentence: str, parts: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """One indicator per conjunct, the part they share written into each (分别, 均)."""
    texts = [sentence[s:e].rstrip("等") for s, e in parts]
    last = texts[-1]
    cut = last.rfind("等")
    if 0 < cut < len(last) - 1 and is_word_at(last, cut, cut + 1):
        # X、Y等增幅: what follows the particle 等 is the head every example shares
        shared = last[cut + 1 :]
        completed = [t + shared for t in texts[:-1]] + [last[:cut] + shared]
    else:
        completed = complete_conjuncts(texts) or texts
    return [(text, s, e) for text, (s, e) in zip(completed, parts, strict=True)]


_BINDING_LABEL = re.compile(
    r"[（(\[【]\s*(约束性|预期性)\s*[）)\]】]|(约束性|预期性)(?:指标)?[：:]"
)


_IN_CLAUSE_RE = re.compile(r"约束性|预期性")


@lru_cache(maxsize=16)
def _binding_labels(sentence: str) -> set[str]:
    return {m.group(1) or m.group(2) for m in _BINDING_LABEL.finditer(sentence)}


@lru_cache(maxsize=16)
def _binding_words(sentence: str) -> tuple[list[int], list[str]]:
    found = list(_IN_CLAUSE_RE.finditer(sentence))
    return [m.start() for m in found], [m.group() for m in found]


def binding(sentence: str, start: int, end: int) -> Binding | None:
    """约束性/预期性 in the target's own clause, or as a label for the whole sentence
    (（约束性）, 约束性指标：). "单位GDP能耗等约束性指标" in another clause does not spread."""
    left = clause_start(sentence, start)
    right = max(end, clause_end(sentence, end))
    positions, words = _binding_words(sentence)
    inside = words[bisect.bisect_left(positions, left) : bisect.bisect_left(positions, right - 2)]
    in_clause = ("约束性" in inside, "预期性" in inside)
    if in_clause == (True, False):
        return "binding"
    if in_clause == (False, True):
        return "expected"
    if any(in_clause):
        return None
    labels = _binding_labels(sentence)
    if len(labels) == 1:
        return "binding" if next(iter(labels)) == "约束性" else "expected"
    return None
