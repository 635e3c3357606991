"""Read one document file into a ``SourceText``: plain text, HTML, .docx or PDF.

The format comes from the content first (magic bytes, an HTML prologue) and the file
extension second. Every failure a user can cause becomes ``InputError(path, reason)``.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import logging
import os
import re
import stat
import zipfile
from collections.abc import Callable, Iterator
from functools import cache
from typing import Literal

from bs4 import BeautifulSoup, NavigableString, Tag

from plankg.clean import CJK_CLASS, HAN_CLASS, ZERO_WIDTH, has_han, is_chrome_line
from plankg.errors import InputError
from plankg.model import SourceText

log = logging.getLogger(__name__)

MAX_BYTES = 50 * 1024 * 1024
_MB = 1024 * 1024
# The longest text built, in characters: twenty times the longest national five-year plan
# (about 100,000). Building is linear in the text, but its whole cost (names, responsibility,
# the graph and the store) is a few minutes and gigabytes at this size; anything longer is
# a collection of documents to split. PLANKG_MAX_CHARS raises (or lowers) it.
DEFAULT_MAX_CHARS = 2_000_000

Format = Literal["text", "html", "docx", "pdf"]

_HTML_EXTS = frozenset({".html", ".htm", ".shtml", ".xhtml"})
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START_RE = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
# Declared labels that browsers read as a superset, or that pages declare wrongly.
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030"}
_SINGLE_BYTE_LABELS = frozenset({"latin_1", "iso8859_1", "cp1252", "ascii"})
_WHITESPACE = " \t\n\r\v\f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007" + (
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000" + ZERO_WIDTH
)
_GB_PLAUSIBLE = 0.8  # share of Han characters in GB2312 below which GB18030 is a misread
_GB_SAMPLE = 200_000  # Han characters read to judge it
_MAX_CONTROL_SHARE = 0.01
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def load_source(path: str | os.PathLike[str]) -> SourceText:
    """Read and decode one document; raise ``InputError`` for anything a user can get wrong.

    Plain text: UTF-8 (BOM or not), UTF-16/32 with BOM, GB18030/GBK (strict UTF-8 is
    tried first, then GB18030, then charset-normalizer). HTML: decoded by BOM, meta
    charset, then detection; page chrome dropped; block structure kept as line breaks.
    .docx: paragraphs and table rows. PDF: the text layer. ``sha256`` is of the bytes.
    A UTF-8 file cut inside its last character loads without it (logged as a warning).
    """
    name = os.fspath(path)
    data = _read(name)
    fmt, text, encoding = _decode(name, data)
    limit = max_chars()
    if len(text) > limit:
        raise InputError(
            name,
            f"text is {len(text):,} characters; the limit is {limit:,} "
            "(split the file, or set PLANKG_MAX_CHARS)",
        )
    if not text.strip(_WHITESPACE):
        reason = "file contains only whitespace" if fmt == "text" else "no text found"
        raise InputError(name, reason)
    if _too_many_controls(text):
        raise InputError(name, "binary file (control characters in the decoded text)")
    if not has_han(text):
        raise InputError(name, "no Chinese text found")
    return SourceText(
        path=name,
        text=text,
        format=fmt,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def max_chars() -> int:
    """The longest text built: ``PLANKG_MAX_CHARS`` if set to a positive number, else
    ``DEFAULT_MAX_CHARS``."""
    value = os.environ.get("PLANKG_MAX_CHARS", "")
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_MAX_CHARS


# --- reading ----------------------------------------------------------------------------


def _read(name: str) -> bytes:
    try:
        st = os.stat(name)
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as error:
        raise InputError(name, error.strerror or "cannot read file") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(name, "is a directory, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(name, "not a regular file")
    if st.st_size >= MAX_BYTES:
        raise InputError(
            name, f"file is {st.st_size / _MB:.1f} MB; the limit is {MAX_BYTES // _MB} MB"
        )
    if st.st_size == 0:
        raise InputError(name, "file is empty")
    try:
        with open(name, "rb") as handle:
            return handle.read(MAX_BYTES)
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as error:
        raise InputError(name, error.strerror or "cannot read file") from None


def _decode(name: str, data: bytes) -> tuple[Format, str, str]:
    ext = os.path.splitext(name)[1].lower()
    if b"%PDF-" in data[:1024] or ext == ".pdf":
        return "pdf", _pdf_text(name, data), "pdf"
    if data.startswith(b"PK\x03\x04") or ext == ".docx":
        return "docx", _docx_text(name, data), "utf-8"
    if data.startswith(_OLE_MAGIC):
        raise InputError(name, "legacy Office file (.doc/.xls) is not supported; save it as .docx")
    if ext in _HTML_EXTS or _looks_like_html(data[:2048].decode("latin-1")):
        text, encoding = _decode_html(name, data)
        return "html", html_to_text(text), encoding
    text, encoding = decode_bytes(name, data)
    if _looks_like_html(text[:2048]):
        return "html", html_to_text(text), encoding
    return "text", text, encoding


def _too_many_controls(text: str) -> bool:
    """More control characters than ``_MAX_CONTROL_SHARE`` of the text? Stops counting as
    soon as the answer is known, and never lists the matches."""
    allowed = _MAX_CONTROL_SHARE * len(text)
    return any(count > allowed for count, _ in enumerate(_CONTROL_RE.finditer(text), 1))


# --- decoding ---------------------------------------------------------------------------


def decode_bytes(name: str, data: bytes) -> tuple[str, str]:
    """Decode plain-text bytes; return (text, encoding). ``name`` is for error messages."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if encoding == "utf-8-sig":
                text = _decode_utf8(name, data[len(bom) :])
                if text is not None:
                    return text, encoding
                data = data[len(bom) :]  # a UTF-8 BOM on text that is not UTF-8: detect
                break
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                reason = f"not valid {encoding} despite its byte-order mark"
                raise InputError(name, reason) from None
    if b"\x00" in data:
        raise InputError(name, "binary file (contains NUL bytes)")
    text = _decode_utf8(name, data)
    if text is not None:
        return text, "utf-8"
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if _plausible_gb(text):
            return text, "gb18030"
    return _detect(name, data)


def _decode_utf8(name: str, data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        # Cut inside the last character: keep the rest, say so.
        if error.reason == "unexpected end of data" and error.start >= len(data) - 3:
            log.warning("%s: dropped a UTF-8 character cut off at the end of the file", name)
            try:
                return data[: error.start].decode("utf-8")
            except UnicodeDecodeError:
                return None
        return None


@cache
def _gb2312_han() -> frozenset[str]:
    """The Han characters of GB2312 (rows 16-87): nearly all of modern simplified text."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


def _plausible_gb(text: str) -> bool:
    """Reject GB18030 readings of other encodings (Big5 decodes as rare GBK characters)."""
    common = _gb2312_han()
    han = common_han = 0
    for match in _HAN_RE.finditer(text):  # a sample is enough to judge the encoding
        han += 1
        common_han += match.group() in common
        if han >= _GB_SAMPLE:
            break
    return han > 0 and common_han / han >= _GB_PLAUSIBLE


def _detect(name: str, data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(name, "binary file or unknown text encoding")
    return str(best), best.encoding


def _looks_like_html(head: str) -> bool:
    return _HTML_START_RE.match(head) is not None


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET_RE.search(data[:8192])
    if not match:
        return None
    label = match.group(1).decode("ascii").lower()
    label = _CHARSET_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decode_html(name: str, data: bytes) -> tuple[str, str]:
    if not any(data.startswith(bom) for bom, _ in _BOMS):
        declared = _declared_charset(data)
        if declared and declared not in _SINGLE_BYTE_LABELS and declared != "utf-16":
            try:
                return data.decode(declared), declared
            except UnicodeDecodeError:
                pass  # pages lie about their charset: fall back to detection
    return decode_bytes(name, data)


# --- HTML -------------------------------------------------------------------------------

_DROP_TAGS = (
    "head", "script", "style", "nav", "header", "footer", "form", "iframe", "noscript",
    "template", "svg", "canvas", "object", "embed", "select", "button", "input", "textarea",
    "aside", "map",
)  # fmt: skip
_BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "tr",
    "table", "thead", "tbody", "tfoot", "caption", "section", "article", "main", "blockquote",
    "pre", "address", "center", "figure", "figcaption", "hr",
})  # fmt: skip
_CELL_TAGS = frozenset({"td", "th"})
_INLINE_TAGS = frozenset({
    "a", "span", "font", "b", "strong", "em", "i", "u", "label", "small", "big", "sub", "sup",
    "ins", "del", "s", "strike", "code", "abbr", "cite", "q",
})  # fmt: skip
_HEADING_TAGS = ("h1", "h2", "h3", "h4")
_ARTICLE_TAGS = ("article", "main")
_CHROME_HINT_RE = re.compile(
    r"share|bdshare|breadcrumb|crumb|dqwz|position|fontsize|font-size|print|toolbar",
    re.IGNORECASE,
)
_TITLE_HINT_RE = re.compile(r"title|tit\b|^bt$|biaoti", re.IGNORECASE)
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CHROME_ELEMENT_MAX = 120
_CHROME_HINT_MAX = 300
_MAIN_SHARE = 0.8  # descend into a child holding this share of its parent's Chinese text
_LINK_HEAVY = 0.5
_LINK_LIST_SHARE = 0.7
_LINK_LIST_TAGS = ("div", "ul", "ol", "dl", "table", "tr", "td", "p", "section", "span")
_CJK_RE = re.compile(f"[{CJK_CLASS}]")
_HAN_RE = re.compile(f"[{HAN_CLASS}]")
_WS_RUN_RE = re.compile(r"[ \t\n\r\f]+")
_CJK_BREAK_RE = re.compile(f"(?<=[{CJK_CLASS}])[ \\t\\r\\f]*\\n[ \\t\\n\\r\\f]*(?=[{CJK_CLASS}])")
_CELL_SEP_RE = re.compile(r"[ \t]*\t[ \t]*")
_LINE_EDGE_RE = re.compile(r"[ \t]+\n|\n[ \t]+")
_BLANK_RUN_RE = re.compile(r"\n{3,}")


def html_to_text(html: str) -> str:
    """Visible text of a web page's main content, one block per paragraph.

    Drops scripts, styles, navigation, forms, hidden elements and page chrome
    (breadcrumbs, font-size switches, print/close/share links, 相关链接, 责任编辑);
    prefers the container that holds most of the page's Chinese text.
    """
    soup = BeautifulSoup(html, "lxml")
    for tag in soup(_DROP_TAGS):
        # An article's own <header> holds its title; the page's header is site chrome.
        if not _decomposed(tag) and not (tag.name == "header" and tag.find_parent(_ARTICLE_TAGS)):
            tag.decompose()
    _drop_hidden_and_chrome(soup)
    root = soup.body or soup
    _drop_link_lists(root)
    return _render(_main_container(root))


def _decomposed(tag: Tag) -> bool:
    """Was ``tag`` removed (with an ancestor)? ``Tag.decomposed`` reads a missing attribute,
    which a Tag answers by searching its whole subtree for a child of that name: quadratic
    in the page (a 94 KB page nested 2,000 deep took minutes). The flag is in the dict."""
    return bool(vars(tag).get("_decomposed", False))


def _drop_link_lists(root: Tag) -> None:
    """Drop menus and news lists: blocks with several links and little else."""
    total, linked = _cjk_counts(root)
    for tag in root.find_all(_LINK_LIST_TAGS):
        if _decomposed(tag):
            continue
        count = total.get(id(tag), 0)
        if (
            count
            and linked.get(id(tag), 0) >= _LINK_LIST_SHARE * count
            and len(tag.find_all("a", limit=2)) == 2
        ):
            tag.decompose()


def _attr_text(tag: Tag) -> str:
    classes = tag.get("class") or []
    if isinstance(classes, str):
        classes = [classes]
    return " ".join([*classes, str(tag.get("id") or "")])


def _drop_hidden_and_chrome(soup: BeautifulSoup) -> None:
    sizes = _text_sizes(soup)  # measured once: get_text on every element would be slow
    for tag in soup.find_all(True):
        if _decomposed(tag):
            continue
        if tag.has_attr("hidden") or _HIDDEN_STYLE_RE.search(str(tag.get("style") or "")):
            tag.decompose()
            continue
        if sizes.get(id(tag), 0) > 3 * _CHROME_HINT_MAX:
            continue
        text = " ".join(tag.get_text(" ").split())
        hinted = len(text) <= _CHROME_HINT_MAX and _CHROME_HINT_RE.search(_attr_text(tag))
        looks = len(text) <= _CHROME_ELEMENT_MAX and (is_chrome_line(text) or _related_links(tag))
        if (hinted or looks) and not _inside_sentence(tag):
            tag.decompose()


def _inside_sentence(tag: Tag) -> bool:
    """An inline element with Chinese text right before or after it is part of a sentence.

    Pages exported from Word wrap arbitrary runs in <span>: "依法<span>关闭</span>一批".
    """
    if tag.name not in _INLINE_TAGS:
        return False
    block = tag.find_parent(lambda t: t.name in _BLOCK_TAGS or t.name in _CELL_TAGS)
    before = tag.find_previous(string=_has_text)
    last = tag
    while isinstance(last, Tag) and last.contents:
        last = last.contents[-1]
    after = last.find_next(string=_has_text)
    if before is not None and block is not None and block not in before.parents:
        before = None
    if after is not None and block is not None and block not in after.parents:
        after = None
    return bool(
        (before is not None and _HAN_RE.match(before.rstrip()[-1]))
        or (after is not None and _HAN_RE.match(after.lstrip()[0]))
    )


def _has_text(string: str | None) -> bool:
    return bool(string and string.strip())


def _related_links(tag: Tag) -> bool:
    """A 相关链接 block: the heading plus a list of links."""
    text = tag.get_text("", strip=True)
    if not text.startswith(("相关链接", "【相关链接】", "相关文件", "相关阅读")):
        return False
    linked = sum(len(a.get_text("", strip=True)) for a in tag.find_all("a"))
    return linked >= _LINK_HEAVY * (len(text) - 4)


def _subtree_counts(
    root: Tag, count: Callable[[NavigableString], int]
) -> tuple[dict[int, int], dict[int, int]]:
    """``count`` summed over the text under each element (by ``id``), and over the text of
    links (<a>) under it. One pass down and one up: linear in the page however deep it is
    nested (walking every text node's ancestors was quadratic in the depth)."""
    total: dict[int, int] = {}
    linked: dict[int, int] = {}
    in_link = {id(root): root.name == "a"}
    tags = [root]
    for node in root.descendants:  # document order: a parent before its children
        if isinstance(node, Tag):
            in_link[id(node)] = node.name == "a" or in_link[id(node.parent)]
            tags.append(node)
        elif type(node) is NavigableString:  # not comments, CDATA or doctype
            value = count(node)
            if value:
                parent = id(node.parent)
                total[parent] = total.get(parent, 0) + value
                if in_link[parent]:
                    linked[parent] = linked.get(parent, 0) + value
    for tag in reversed(tags[1:]):  # children before their parents
        for sums in (total, linked):
            value = sums.get(id(tag), 0)
            if value:
                parent = id(tag.parent)
                sums[parent] = sums.get(parent, 0) + value
    return total, linked


def _text_sizes(root: Tag) -> dict[int, int]:
    return _subtree_counts(root, len)[0]


def _cjk_counts(root: Tag) -> tuple[dict[int, int], dict[int, int]]:
    """Chinese characters under each element, and how many of them are link text."""
    return _subtree_counts(root, lambda node: len(_CJK_RE.findall(node)))


def _holds_title(tag: Tag, linked: dict[int, int], total: dict[int, int]) -> bool:
    """Does this sibling of the main text carry a heading (not a menu of links)?"""
    if total.get(id(tag), 0) == 0 or linked.get(id(tag), 0) > _LINK_HEAVY * total[id(tag)]:
        return False
    if tag.name in _HEADING_TAGS or _TITLE_HINT_RE.search(_attr_text(tag)):
        return True
    return any(total.get(id(sub), 0) for sub in tag.find_all(_HEADING_TAGS)) or any(
        total.get(id(sub), 0)
        for sub in tag.find_all(True)
        if _TITLE_HINT_RE.search(_attr_text(sub))
    )


def _main_container(root: Tag) -> Tag:
    """Walk down while one child holds most of the Chinese text and no title is left behind."""
    total, linked = _cjk_counts(root)
    node = root
    while True:
        children = [child for child in node.children if isinstance(child, Tag)]
        here = total.get(id(node), 0)
        if not children or not here:
            return node
        best = max(children, key=lambda child: total.get(id(child), 0))
        if total.get(id(best), 0) < _MAIN_SHARE * here:
            return node
        if any(_holds_title(c, linked, total) for c in children if c is not best):
            return node
        node = best


def _render(root: Tag) -> str:
    parts: list[str] = []
    # Iterative walk: (node, closing text) pairs; strings close nothing.
    stack: list[tuple[Tag | NavigableString, str]] = [(root, "")]
    while stack:
        node, closing = stack.pop()
        if isinstance(node, NavigableString):
            if type(node) is NavigableString:  # not comments, CDATA or doctype
                parts.append(_WS_RUN_RE.sub(" ", _CJK_BREAK_RE.sub("", str(node))))
            continue
        if closing:
            parts.append(closing)
            continue
        name = node.name
        if name == "br":
            parts.append("\n")
            continue
        if name in _BLOCK_TAGS:
            parts.append("\n\n")
            end = "\n\n"
        elif name in _CELL_TAGS:
            parts.append("\t")
            end = "\t"
        else:
            end = ""
        if end:
            stack.append((node, end))
        stack.extend((child, "") for child in reversed(list(node.children)))
    return _tidy("".join(parts))


def _tidy(text: str) -> str:
    text = _CELL_SEP_RE.sub("\t", text)
    text = _LINE_EDGE_RE.sub("\n", text)
    text = _BLANK_RUN_RE.sub("\n\n", text)
    return text.strip(" \t\n")


# --- .docx ------------------------------------------------------------------------------


def _docx_text(name: str, data: bytes) -> str:
    from docx import Document
    from docx.table import Table

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if "word/document.xml" not in archive.namelist():
            raise InputError(name, "zip archive without word/document.xml: not a .docx")
        # python-docx reads every part into memory: refuse a package that unpacks to more
        # than the text limit before anything is unpacked (the sizes are in the directory,
        # and zipfile never inflates a member past its declared size).
        unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_BYTES:
            raise InputError(
                name,
                f".docx unpacks to {unpacked / _MB:.0f} MB; the limit is {MAX_BYTES // _MB} MB",
            )
        document = Document(io.BytesIO(data))
        blocks: list[str] = []
        for item in document.iter_inner_content():
            if isinstance(item, Table):
                blocks.extend(_table_rows(item))
            else:
                blocks.append(item.text)
    except InputError:
        raise
    except Exception:  # zipfile, lxml and python-docx raise many types for a broken file
        raise InputError(name, "corrupt or truncated .docx") from None
    return "\n\n".join(block.strip() for block in blocks if block.strip())


def _table_rows(table: object) -> Iterator[str]:
    """One line per row, cells separated by tabs; a merged cell counts once."""
    for row in table.rows:  # type: ignore[attr-defined]
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split("\n")).strip())
        yield "\t".join(cells)


# --- PDF --------------------------------------------------------------------------------


def _pdf_text(name: str, data: bytes) -> str:
    from pypdf import PdfReader

    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)  # its repair notes would reach the user's terminal
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(name, "PDF is encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except Exception:  # pypdf raises many types for a broken file
        raise InputError(name, "corrupt or truncated PDF") from None
    finally:
        pypdf_log.setLevel(level)
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise InputError(name, "PDF has no text layer (scanned?)")
    return text
