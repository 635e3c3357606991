"""load_source(): formats and encodings made from the bundled documents, and user errors."""

from __future__ import annotations

import builtins
import codecs
import hashlib
import io
import logging
import os
import zipfile
from functools import cache
from pathlib import Path

import pytest

from plankg.clean import clean
from plankg.errors import InputError
from plankg.load import MAX_BYTES, html_to_text, load_source

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
YUBEI = CORPUS / "yubei-2020-plan.txt"
REPORT_2019 = CORPUS / "state-council-work-report-2019.txt"
REPORT_2021 = CORPUS / "state-council-work-report-2021.txt"


@cache
def text_of(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def paragraphs(path: Path) -> list[str]:
    return clean(text_of(path)).text.split("\n\n")


def expect_error(path: Path, *fragments: str) -> InputError:
    with pytest.raises(InputError) as caught:
        load_source(path)
    error = caught.value
    assert error.path == str(path)
    assert str(path) in str(error)
    for fragment in fragments:
        assert fragment in error.reason, error.reason
    return error


# --- plain text ------------------------------------------------------------------------


@pytest.mark.parametrize("path", [YUBEI, REPORT_2019, REPORT_2021])
def test_corpus_files(path: Path) -> None:
    source = load_source(path)
    assert source.format == "text" and source.encoding == "utf-8"
    assert source.text == text_of(path)
    assert source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert source.path == str(path)


@pytest.mark.parametrize(
    ("codec", "prefix", "encoding"),
    [
        ("gb18030", b"", "gb18030"),
        ("gbk", b"", "gb18030"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
    ],
)
def test_encodings_of_yubei(tmp_path: Path, codec: str, prefix: bytes, encoding: str) -> None:
    path = tmp_path / "yubei.txt"
    data = prefix + text_of(YUBEI).encode(codec)
    path.write_bytes(data)
    source = load_source(path)
    assert source.text == text_of(YUBEI)
    assert source.encoding == encoding
    assert source.sha256 == hashlib.sha256(data).hexdigest()


def test_gb18030_report(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(text_of(REPORT_2021).encode("gb18030"))  # zero-width spaces and all
    assert load_source(path).text == text_of(REPORT_2021)


def test_big5_falls_back_to_detection(tmp_path: Path) -> None:
    # GB18030 reads Big5 bytes without error but as rare characters: detection must win.
    text = "臺北市政府年度施政計畫，推動經濟發展與社會福利，提升市民生活品質。\n" * 30
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    source = load_source(path)
    assert source.text == text
    assert source.encoding.replace("_", "").startswith("big5") or "950" in source.encoding


def test_truncated_utf8_is_best_effort(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    data = text_of(YUBEI).encode("utf-8")
    path = tmp_path / "cut.txt"
    path.write_bytes(data[:-1])  # the last character, 。, is three bytes
    with caplog.at_level(logging.WARNING, logger="plankg.load"):
        source = load_source(path)
    assert source.text == text_of(YUBEI)[:-1]
    assert "cut off" in caplog.text


# --- HTML ------------------------------------------------------------------------------

CHROME_PAGE = """<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{title}_政务公开_重庆市渝北区人民政府</title>
<script>var _hmt = _hmt || []; document.write("统计代码");</script>
<style>.zoom {{ font-size: 16px; }}</style>
</head><body>
<div class="top-links"><a href="/">网站首页</a> <a href="/zwgk/">政务公开</a>
  <a href="/hdjl/">互动交流</a> <a href="/bsfw/">办事服务</a></div>
<div class="wrap">
 <div class="crumbs">您的位置：<a href="/">首页</a> &gt;
   <a href="/zwgk/">政务公开</a> &gt; 其他公文</div>
 <h1 class="article-title">{title}</h1>
 <div class="info">发布时间：2020-07-15 <span>字体:[<a href="#">大</a> <a href="#">中</a>
   <a href="#">小</a>]</span></div>
 <div class="zoom">{body}</div>
 <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
 <div>【<a href="javascript:window.print()">打印本页</a>】
   【<a href="javascript:window.close()">关闭窗口</a>】</div>
 <div><img src="qr.png">扫一扫在手机打开当前页</div>
 <p>责任编辑：李华</p>
</div>
<div class="footer-text">主办：重庆市渝北区人民政府办公室 版权所有 渝ICP备05003300号</div>
</body></html>
"""
CHROME_WORDS = ("您的位置", "字体", "分享到", "微信", "打印本页", "关闭窗口", "扫一扫", "责任编辑",
                "统计代码", "_hmt", "font-size", "网站首页", "ICP备", "其他公文")  # fmt: skip


def test_html_page_around_a_corpus_paragraph(tmp_path: Path) -> None:
    paragraph = next(p for p in text_of(YUBEI).split("\n") if p.startswith("地区生产总值增长"))
    title = "重庆市渝北区人民政府办公室关于印发渝北区2020年经济社会发展计划的通知"
    page = CHROME_PAGE.format(title=title, body=f"<p>二、预期目标</p><p>　　{paragraph}</p>")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gb18030"))
    source = load_source(path)
    assert source.format == "html" and source.encoding == "gb18030"
    assert paragraph in source.text
    assert source.text.startswith(title)
    for word in CHROME_WORDS:
        assert word not in source.text, word
    assert clean(source.text).text == (
        f"{title}\n\n发布时间：2020-07-15\n\n二、预期目标\n\n{clean(paragraph).text}"
    )


def test_html_whole_report_main_content(tmp_path: Path) -> None:
    # Content sniffed from a .txt name; a sidebar of news links is left out.
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs(REPORT_2019))
    sidebar = "".join(
        f'<li><a href="/n{i}">国务院常务会议部署第{i}项重点工作</a></li>' for i in range(30)
    )
    page = (
        '<!doctype html><html><head><meta charset="utf-8"></head><body><table><tr>'
        f'<td class="side"><h3>要闻</h3><ul>{sidebar}</ul></td>'
        f'<td><div class="content">{body}</div></td></tr></table></body></html>'
    )
    path = tmp_path / "report.txt"
    path.write_text(page, encoding="utf-8")
    source = load_source(path)
    assert source.format == "html" and source.encoding == "utf-8"
    assert "常务会议" not in source.text and "要闻" not in source.text
    assert clean(source.text).text == clean(text_of(REPORT_2019)).text


def test_html_main_container_keeps_its_title() -> None:
    # Plain-text boilerplate outside the article goes; the title beside the text stays.
    title = "2019年国务院政府工作报告"
    body = "".join(f"<p>{p}</p>" for p in paragraphs(REPORT_2019))
    page = (
        "<html><body><div class='banner'><span>中国政府网</span><span>中央人民政府门户网站</span>"
        "</div><div class='wrap'><div class='article'>"
        f"<h1>{title}</h1><div class='text'>{body}</div></div>"
        "<div class='about'>网站说明：本站内容仅供参考。联系地址：北京市西长安街</div></div>"
        "</body></html>"
    )
    text = html_to_text(page)
    assert clean(text).text == f"{title}\n\n{clean(text_of(REPORT_2019)).text}"


def test_html_block_structure() -> None:
    html = (
        "<html><body><div><h2>二、主要目标</h2><ul><li>地区生产总值增长6%左右</li>"
        "<li>城镇新增就业5万人</li></ul><table><tr><th>指标</th><th>目标</th></tr>"
        "<tr><td>研发经费支出占比</td><td>3.5%</td></tr></table>"
        "<p>第一行<br>第二行</p><p>依法<span>关闭</span>一批落后产能。<!-- 注释 --></p>"
        "<p style='display:none'>隐藏内容</p><div><a href='/a'>国家发展改革委</a> "
        "<a href='/b'>财政部</a> <a href='/c'>商务部</a></div>"
        "<p><a href='/prev'>上一篇：关于2020年预算执行情况的报告</a></p></div></body></html>"
    )
    assert html_to_text(html) == (
        "二、主要目标\n\n地区生产总值增长6%左右\n\n城镇新增就业5万人\n\n指标\t目标\n\n"
        "研发经费支出占比\t3.5%\n\n第一行\n第二行\n\n依法关闭一批落后产能。"
    )


# --- .docx and PDF ---------------------------------------------------------------------


def make_docx(path: Path, paras: list[str], rows: list[list[str]]) -> None:
    import docx

    document = docx.Document()
    for para in paras:
        document.add_paragraph(para)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("")
    document.add_paragraph("国务院")
    document.save(str(path))


def test_docx(tmp_path: Path) -> None:
    paras = paragraphs(REPORT_2021)[:12]
    rows = [
        ["指标", "2021年目标"],
        ["国内生产总值增长", "6%以上"],
        ["城镇新增就业", "1100万人以上"],
    ]
    path = tmp_path / "report.docx"
    make_docx(path, paras, rows)
    source = load_source(path)
    assert source.format == "docx"
    expected_rows = ["\t".join(row) for row in rows]
    assert source.text == "\n\n".join([*paras, *expected_rows, "国务院"])
    assert source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def cjk_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text uses the non-embedded CJK font STSong-Light with the
    UniGB-UCS2-H CMap, as reportlab's UnicodeCIDFont writes it (no font files needed)."""
    shown = " ".join(f"<{line.encode('utf-16-be').hex()}> Tj T*" for line in lines)
    content = f"BT /F1 12 Tf 72 780 Td 16 TL {shown} ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [6 0 R] >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
        b"/FontDescriptor 7 0 R /DW 1000 >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_pdf_text_layer(tmp_path: Path) -> None:
    goal = next(
        p for p in paragraphs(REPORT_2019) if p.startswith("今年经济社会发展的主要预期目标")
    )
    lines = ["二、2019年经济社会发展总体要求和政策取向", goal[:40], goal[40:80]]
    path = tmp_path / "report.pdf"
    path.write_bytes(cjk_pdf(lines))
    source = load_source(path)
    assert source.format == "pdf"
    assert source.text == "\n".join(lines)
    # The line wrapped inside a sentence joins up again after clean-up.
    assert goal[:80] in clean(source.text).text


def blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(blank_pdf())
    error = expect_error(path)
    assert error.reason == "PDF has no text layer (scanned?)"


# --- user errors -----------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    expect_error(tmp_path / "nope.txt", "no such file")


def test_directory(tmp_path: Path) -> None:
    expect_error(tmp_path, "directory")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    expect_error(path, "empty")


def test_whitespace_only(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(" \n\t\u3000\u200b\n", encoding="utf-8")
    expect_error(path, "only whitespace")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    expect_error(path, "binary")


def test_no_chinese(tmp_path: Path) -> None:
    path = tmp_path / "english.txt"
    path.write_text("Annual plan for economic and social development.\n", encoding="utf-8")
    expect_error(path, "no Chinese text found")


def test_too_large_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(MAX_BYTES + 5 * 1024 * 1024)  # sparse: nothing written
    real_open = builtins.open

    def no_read(file: object, *args: object, **kwargs: object) -> object:
        assert os.fspath(file) != str(path), "the file was opened"  # type: ignore[arg-type]
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", no_read)
    error = expect_error(path)
    assert error.reason == "file is 55.0 MB; the limit is 50 MB"


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("渝北区2020年经济社会发展计划", encoding="utf-8")
    real_open = builtins.open

    def denied(file: object, *args: object, **kwargs: object) -> object:
        if os.fspath(file) == str(path):  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", denied)
    expect_error(path, "permission denied")


def test_corrupt_docx(tmp_path: Path) -> None:
    whole = tmp_path / "whole.docx"
    make_docx(whole, paragraphs(YUBEI)[:5], [["指标", "目标"]])
    path = tmp_path / "cut.docx"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    expect_error(path, "corrupt or truncated .docx")


def test_docx_name_on_other_bytes(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_text("渝北区2020年经济社会发展计划", encoding="utf-8")
    expect_error(path, ".docx")


def test_zip_that_is_not_docx(tmp_path: Path) -> None:
    path = tmp_path / "archive.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("plan.txt", "渝北区2020年经济社会发展计划")
    expect_error(path, "not a .docx")


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    expect_error(path)


def test_legacy_word_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    expect_error(path, ".docx")


def test_docx_that_unpacks_past_the_limit_is_refused_unopened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A small archive whose document part inflates past the text limit (a zip bomb).
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b" " * (1024 * 1024)
            for _ in range(MAX_BYTES // len(chunk) + 1):
                part.write(chunk)
    assert path.stat().st_size < 1024 * 1024

    import docx

    def never(*args: object, **kwargs: object) -> object:
        raise AssertionError("python-docx was asked to unpack the archive")

    monkeypatch.setattr(docx, "Document", never)
    error = expect_error(path, "unpacks to 51 MB; the limit is 50 MB")
    assert error.path == str(path)


def test_text_longer_than_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "long.txt"
    path.write_text("全区地区生产总值增长6%。" * 100, encoding="utf-8")  # 1,300 characters
    monkeypatch.setenv("PLANKG_MAX_CHARS", "1000")
    error = expect_error(path, "text is 1,300 characters; the limit is 1,000")
    assert "\n" not in str(error)
    monkeypatch.setenv("PLANKG_MAX_CHARS", "2000")
    assert len(load_source(path).text) == 1300
