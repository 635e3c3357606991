"""Text clean-up that keeps a map back to the source: ``clean(text) -> CleanText``.

Every pass below turns a string into a new string plus, for each new character, the
index of the character it came from. Characters are only ever dropped or replaced one
for one (never invented), so every cleaned character points at a real source
character and the passes compose by plain index lookup.

Passes, in order:
1. newlines (\\r\\n, \\r → \\n);
2. lines: drop zero-width characters and soft hyphens, page chrome and the Wikisource
   licence trailer; join lines broken inside a sentence; trim line edges; paragraphs
   separated by exactly one blank line;
3. punctuation: ASCII ,:;()!? in Chinese context → full width; full-width digits,
   Latin letters and ％ → ASCII.
"""

from __future__ import annotations

import math
import re
import sys
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

from plankg.model import CleanText

# --- character classes --------------------------------------------------------------

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # incl. BOM and soft hyphen
_ZW_DELETE = {ord(c): None for c in ZERO_WIDTH}
# Everything str.isspace() accepts except the newline, plus the zero-width characters.
_EDGE_CHARS = (
    " \t\v\f\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000" + ZERO_WIDTH
)
# Ideographs, CJK punctuation and the full-width punctuation block (not its digits or
# letters), and the quotes, dashes and ellipsis Chinese text uses.
CJK_CLASS = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40"
    "\uff5b-\uff65\u2018\u2019\u201c\u201d\u2014\u2026\U00020000-\U0003134f"
)
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_CHAR_RE = re.compile(f"[{CJK_CLASS}]")
_HAN_RE = re.compile(f"[{HAN_CLASS}]")

# A line ending in one of these ends a sentence or clause: the newline after it is real.
_TERMINAL = frozenset("。！？；：…”’」』!?;:.")

_CN_NUM = "[一二三四五六七八九十百零〇两]+"
# Starts of headings and list items: a newline before them is real.
_MARKER_RE = re.compile(
    rf"(?:{_CN_NUM}、|[（(]{_CN_NUM}[）)]|[一二三四五六七八九十]{{1,3}}是|"
    rf"第{_CN_NUM}(?:[章节篇部条款项点，、,]|部分)|"
    r"\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)]|[①-⑳]|——|附件\s*\d*\s*[:：]?$)"
)
# A short line opening with a heading marker is a heading: a newline after it is real.
_HEADING_RE = re.compile(
    rf"(?:{_CN_NUM}、|[（(]{_CN_NUM}[）)]|第{_CN_NUM}(?:[章节篇]|部分)|"
    r"\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)])"
)
_HEADING_MAX = 40
_DATE_LINE_RE = re.compile(
    r"(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,2}\s*月"
    r"\s*[\d一二三四五六七八九十]{1,3}\s*日"
)
_COMPACT_MIN = 5  # single newlines between text lines needed to call a text compact
_COMPACT_RATIO = 2  # ... and how many times the blank-line separators they must outnumber
_WRAP_FILL = 0.85  # a line this close to the wrap width continues on the next line
_WRAPPED_SHARE = 0.4  # share of lines near the wrap width that makes a text hard-wrapped
_INDENT_RE = re.compile(f"[{ZERO_WIDTH}]*(?:[\u3000\t]|[ \xa0]{{2,}})")

# --- page chrome ----------------------------------------------------------------------

_CHROME_MAX = 100
_BREADCRUMB_RE = re.compile(
    r"^[【\[]?\s*(?:(?:您|你)(?:现在|当前)?(?:的|所在的?)?(?:当前)?|当前|所在)(?:的)?位置"
    r"\s*[:：>＞]"
)
_HOME_CRUMB_RE = re.compile(r"^首页\s*[>＞»›/]")
_FONT_RE = re.compile(r"^[【\[]?\s*(?:字体|字号)(?:大小)?\s*[:：]")
_ACTION_RE = re.compile(r"打印|关闭|分享|扫一扫|返回顶部|收藏|字体|字号")
_CHROME_TOKENS_RE = re.compile(
    r"打印本页|打印此页|打印文章|打印|关闭本页|关闭窗口|关闭|返回顶部|返回|收藏本页|收藏|"
    r"保存本页|保存|扫一扫在手机(?:上)?打开(?:当前|本)页|扫一扫|分享到|分享|转发|"
    r"微信好友|微信|朋友圈|新浪微博|腾讯微博|微博|QQ空间|QQ好友|QQ|人人网|豆瓣|"
    r"字体|字号|大小|默认|[大中小]|[【】\[\]（）()<>|｜丨·•:：\s]"
)
_MISC_CHROME_RE = re.compile(
    r"^(?:[【\[]?(?:相关链接|相关文件|相关阅读|相关新闻)[】\]]?\s*[:：]?$"
    r"|(?:责任编辑|浏览次数|访问次数|阅读次数|点击数|上一篇|下一篇)\s*[:：])"
)
_FOOTER_RE = re.compile(r"版权所有|ICP备|公网安备|网站标识码|Copyright|©", re.IGNORECASE)
_WIKISOURCE_LINE_RE = re.compile(r"^(?:Public domain|false|true)$", re.IGNORECASE)
_WIKISOURCE_NOTE_RE = re.compile(r"^注\s*[:：]\s*中文维基文库")
_TRAILER_START_RE = re.compile(r"^(?:本作品|这部作品|此作品)")
_TRAILER_HINT_RE = re.compile(r"公有领域|著作权|版权|Public domain", re.IGNORECASE)
_TRAILER_LOOKAHEAD = 40  # lines searched for a licence word after a trailer start


def is_chrome_line(line: str) -> bool:
    """True for a line of website furniture: breadcrumb, font-size switch, print/close/share.

    ``line`` is one stripped line (or the text of one HTML element). Only short lines
    qualify, so a sentence that merely mentions 关闭 or 分享 is never chrome.
    """
    line = line.strip(_EDGE_CHARS)
    if not line or len(line) > _CHROME_MAX:
        return False
    if _BREADCRUMB_RE.match(line) or (_HOME_CRUMB_RE.match(line) and len(line) <= 60):
        return True
    if _FOOTER_RE.search(line):
        return True
    if len(line) > 60:
        return False
    if _FONT_RE.match(line) or _MISC_CHROME_RE.match(line):
        return True
    # A line made only of chrome words and brackets, with at least one action word.
    return bool(_ACTION_RE.search(line)) and not _CHROME_TOKENS_RE.sub("", line)


# --- offset-preserving building blocks -----------------------------------------------


# An index map: for each output character, the index of its input character. Stored as a
# machine-integer array (8 bytes a character, not a list of Python ints at 36), and None
# for a pass that changed nothing, so memory stays a small multiple of the text.
Index = array


def _index() -> Index:
    return array("q")


@dataclass
class _Out:
    """Accumulates output pieces and, per output character, its index in the input."""

    parts: list[str]
    index: Index

    def keep(self, text: str, start: int, end: int) -> None:
        if end > start:
            self.parts.append(text[start:end])
            self.index.extend(range(start, end))

    def put(self, char: str, at: int) -> None:
        self.parts.append(char)
        self.index.append(at)

    def result(self) -> tuple[str, Index]:
        return "".join(self.parts), self.index


def _new_out() -> _Out:
    return _Out([], _index())


# --- pass 1: newlines -----------------------------------------------------------------

_CR_RE = re.compile(r"\r\n?")


def _normalize_newlines(text: str) -> tuple[str, Index | None]:
    if "\r" not in text:
        return text, None
    out = _new_out()
    pos = 0
    for m in _CR_RE.finditer(text):
        out.keep(text, pos, m.start())
        out.put("\n", m.end() - 1)  # the \n of \r\n, or the lone \r
        pos = m.end()
    out.keep(text, pos, len(text))
    return out.result()


# --- pass 2: lines --------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    start: int  # content span in the pass input (edges trimmed, zero-width kept inside)
    end: int
    newline: int  # index of the newline ending the line, or -1 for the last line
    content: str  # the content with zero-width characters removed
    kind: str  # "text", "blank" or "zw" (a line of nothing but zero-width characters)
    indented: bool


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        raw = text[pos:end]
        left = len(raw) - len(raw.lstrip(_EDGE_CHARS))
        right = len(raw.rstrip(_EDGE_CHARS))
        content = raw[left:right].translate(_ZW_DELETE) if right > left else ""
        if content:
            kind = "text"
        elif any(c in ZERO_WIDTH for c in raw):
            kind = "zw"
        else:
            kind = "blank"
        indented = bool(_INDENT_RE.match(raw))
        lines.append(_Line(pos + left, pos + max(right, left), nl, content, kind, indented))
        if nl < 0:
            break
        pos = nl + 1
    return lines


def _drop_chrome(lines: list[_Line]) -> list[_Line]:
    """Blank out page chrome; cut the Wikisource licence trailer and everything after it."""
    kept: list[_Line] = []
    in_note = False
    for i, line in enumerate(lines):
        content = line.content
        if line.kind != "text":
            in_note = False
            kept.append(line)
            continue
        if _TRAILER_START_RE.match(content) and any(
            _TRAILER_HINT_RE.search(other.content) for other in lines[i : i + _TRAILER_LOOKAHEAD]
        ):
            break
        if _WIKISOURCE_NOTE_RE.match(content):
            in_note = True
        if in_note or _WIKISOURCE_LINE_RE.match(content) or is_chrome_line(content):
            # Chrome never sits inside a sentence: it separates like a blank line.
            kept.append(_Line(line.start, line.start, line.newline, "", "blank", False))
            continue
        kept.append(line)
    return kept


def _ends_clause(line: str) -> bool:
    if line[-1] == "." and len(line) > 1 and line[-2].isdigit():
        return False  # a decimal cut after its point: "6.\n5%"
    return line[-1] in _TERMINAL


def should_join(prev: str, nxt: str, next_indented: bool = False) -> bool:
    """Is a single newline between these two (stripped) lines a line-break artefact?"""
    if next_indented or _ends_clause(prev) or _MARKER_RE.match(nxt):
        return False
    if len(prev) <= _HEADING_MAX and _HEADING_RE.match(prev) and prev[-1] not in "，、,":
        return False
    return not (_DATE_LINE_RE.fullmatch(prev) or _DATE_LINE_RE.fullmatch(nxt))


_ZW_RE = re.compile(f"[{ZERO_WIDTH}]")


def _emit_content(out: _Out, text: str, line: _Line) -> None:
    # Copy the line's content, skipping zero-width characters inside it.
    pos = line.start
    for match in _ZW_RE.finditer(text, line.start, line.end):
        out.keep(text, pos, match.start())
        pos = match.end()
    out.keep(text, pos, line.end)


def _join_width(lines: list[_Line]) -> int:
    """Shortest line that may continue on the next line across a single newline.

    With blank lines between paragraphs (web pages, Wikisource) any single newline may be
    a break artefact: 0. Without them (PDF text, compact text files) a single newline is
    usually real; only in hard-wrapped text, where most lines are about equally long, do
    lines filled up to that width continue. A compact text that is not wrapped: never.
    """
    single = blank = 0
    prev_text = gap_blank = False
    for line in lines:
        if line.kind == "text":
            if prev_text:
                blank += gap_blank
                single += not gap_blank
            prev_text, gap_blank = True, False
        elif line.kind == "blank":
            gap_blank = True
    if single < _COMPACT_MIN or single <= _COMPACT_RATIO * blank:
        return 0
    lengths = sorted(len(line.content) for line in lines if line.kind == "text")
    width = lengths[(len(lengths) * 9) // 10]
    low, high = _WRAP_FILL * width, (2 - _WRAP_FILL) * width
    filled = sum(1 for n in lengths if low <= n <= high)
    if filled < _WRAPPED_SHARE * len(lengths):
        return sys.maxsize
    return math.ceil(low)


def _layout_lines(text: str) -> tuple[str, Index]:
    lines = _drop_chrome(_split_lines(text))
    join_width = _join_width(lines)
    out = _new_out()
    prev: _Line | None = None
    gap: list[_Line] = []  # non-text lines since the previous text line
    for line in lines:
        if line.kind != "text":
            if prev is not None:
                gap.append(line)
            continue
        if prev is not None:
            if not gap:
                full = len(prev.content) >= join_width
                if not (full and should_join(prev.content, line.content, line.indented)):
                    out.put("\n", prev.newline)
            elif all(g.kind == "zw" for g in gap):
                # A zero-width-only line is an inline marker left inside a paragraph.
                if line.indented or _MARKER_RE.match(line.content):
                    out.put("\n", prev.newline)
            else:
                out.put("\n", prev.newline)
                out.put("\n", gap[0].newline)
        _emit_content(out, text, line)
        prev = line
        gap = []
    return out.result()


# --- pass 3: punctuation --------------------------------------------------------------

_FULLWIDTH_TO_ASCII = {
    **{0xFF10 + i: ord("0") + i for i in range(10)},
    **{0xFF21 + i: ord("A") + i for i in range(26)},
    **{0xFF41 + i: ord("a") + i for i in range(26)},
    0xFF05: ord("%"),
}
_TO_FULLWIDTH = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}
_PUNCT_RE = re.compile(r"[,:;!?()]|(?<=\d)．(?=\d)")
_THOUSANDS_RE = re.compile(r"\d{3}(?!\d)")
_SPACES = " \t"


def _neighbours(text: str, i: int) -> tuple[int, int]:
    """Indices of the nearest non-space characters left and right of ``i`` (or -1/len)."""
    left = i - 1
    while left >= 0 and text[left] in _SPACES:
        left -= 1
    right = i + 1
    while right < len(text) and text[right] in _SPACES:
        right += 1
    return left, right


def _is_cjk_at(text: str, i: int) -> bool:
    return 0 <= i < len(text) and _CJK_CHAR_RE.match(text[i]) is not None


def _near_cjk(text: str, i: int) -> bool:
    left, right = _neighbours(text, i)
    return _is_cjk_at(text, left) or _is_cjk_at(text, right)


def _convert_punct(text: str, i: int) -> bool:
    ch = text[i]
    left, right = _neighbours(text, i)
    prev = text[left] if left >= 0 else ""
    if ch == ",":
        if prev.isascii() and prev.isdigit() and _THOUSANDS_RE.match(text, i + 1):
            return False
        return prev == "%" or _near_cjk(text, i)
    if ch == ":":
        nxt = text[right] if right < len(text) else ""
        if prev.isdigit() and nxt.isdigit():
            return False  # 10:30, 1:1
        return _near_cjk(text, i)
    if ch in "!?":
        return _is_cjk_at(text, left)
    return _near_cjk(text, i)  # ;


def _paren_pairs(text: str) -> dict[int, int]:
    """Matching ASCII parentheses within each line, both directions."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for m in re.finditer(r"[()\n]", text):
        ch, i = m.group(), m.start()
        if ch == "\n":
            stack.clear()
        elif ch == "(":
            stack.append(i)
        elif stack:
            j = stack.pop()
            pairs[i], pairs[j] = j, i
    return pairs


def _spaces_around(text: str, i: int) -> Iterable[int]:
    left, right = _neighbours(text, i)
    yield from range(left + 1, i)
    yield from range(i + 1, right)


def _normalize_punctuation(text: str) -> tuple[str, Index | None]:
    text = text.translate(_FULLWIDTH_TO_ASCII)  # one for one: offsets unchanged
    replace: dict[int, str] = {}
    drop: set[int] = set()
    pairs: dict[int, int] | None = None
    for m in _PUNCT_RE.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "．":
            replace[i] = "."
            continue
        if ch in "()":
            if pairs is None:
                pairs = _paren_pairs(text)
            mate = pairs.get(i)
            convert = _near_cjk(text, i) or (mate is not None and _near_cjk(text, mate))
        else:
            convert = _convert_punct(text, i)
        if convert:
            replace[i] = _TO_FULLWIDTH[ch]
            drop.update(_spaces_around(text, i))
    if not replace and not drop:
        return text, None
    out = _new_out()
    pos = 0
    for i in sorted(replace.keys() | drop):
        out.keep(text, pos, i)
        if i in replace:
            out.put(replace[i], i)
        pos = i + 1
    out.keep(text, pos, len(text))
    return out.result()


# --- public ---------------------------------------------------------------------------


def _compose(outer: Index | None, inner: Index | None) -> Index | None:
    """Map indices of the latest pass (``inner`` into ``outer``'s text) to the source;
    None is the identity."""
    if inner is None:
        return outer
    if outer is None:
        return inner
    return array("q", map(outer.__getitem__, inner))


def clean(text: str) -> CleanText:
    """Clean ``text`` and map every cleaned character back to its index in ``text``.

    Deterministic; characters are only dropped or replaced one for one, so
    ``text[result.source_index[i]]`` is the source of ``result.text[i]`` (the same
    character unless it was a punctuation or width variant, or a newline that
    stands for a run of them). ``source_index[-1] == len(text)``.
    """
    step1, index = _normalize_newlines(text)
    step2, local = _layout_lines(step1)
    index = _compose(index, local)
    step3, local = _normalize_punctuation(step2)
    index = _compose(index, local)
    if index is None:
        index = array("q", range(len(step3)))
    index.append(len(text))
    return CleanText(text=step3, source_index=index)


def has_han(text: str) -> bool:
    """True if ``text`` holds at least one Chinese (Han) character."""
    return _HAN_RE.search(text) is not None
