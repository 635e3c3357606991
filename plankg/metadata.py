"""Header metadata: title, issuer, document number, date, recipients, approval, jurisdiction.

Government pages lose characters in their headers (``渝北府办发〔202021`` for
``渝北府办发〔2020〕21号``, ``2020711`` for 2020-07-11), so the rules accept the
garbled forms and rebuild the canonical ones. Everything here is a general rule of
the genre; nothing names a particular document.
"""

from __future__ import annotations

import re
from datetime import date

from plankg.catalog.jurisdictions import MUNICIPALITIES
from plankg.model import Metadata

_CJK = "\u4e00-\u9fff"
_GENRE_TITLE_RE = re.compile(
    rf"^[{_CJK}0-9“”《》（）()]{{0,40}}?(?:\d{{4}}年)?[{_CJK}“”]{{0,30}}"
    r"(?:计划|政府工作报告|工作报告|规划纲要|规划|纲要|报告)$"
)
_NOTICE_RE = re.compile(rf"^(?P<issuer>[{_CJK}]*?)关于印发《?(?P<title>.+?)》?的通知$")
_DOC_NUMBER_RE = re.compile(
    # The prefix is the issuer's abbreviation and the kind (渝北府办发, 国发, 珠府): any
    # characters, since the bracketed year and the number make the shape.
    rf"(?P<prefix>[{_CJK}]{{1,12}})\s*[〔\[［(（【](?P<year>\d{{4}})"
    r"(?:[〕\]］)）】]\s*(?P<num>\d{1,4})\s*号?|(?P<garbled>\d{1,4})\s*号?\s*$)"
)
_DATE_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DIGIT_DATE_RE = re.compile(r"^\s*(\d{4})(\d{2,4})\s*$")
_ISSUER_LINE_RE = re.compile(
    rf"^[{_CJK}]{{2,30}}(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|国务院|委员会)$"
)
_RECIPIENTS_RE = re.compile(rf"^(?P<list>[{_CJK}，、,（）() ]{{4,200}})[：:]$")
_APPROVAL_RE = re.compile(
    rf"经(?P<body>[{_CJK}0-9]{{2,40}}?(?:人民代表大会|人大常委会|人大|常务会议)[{_CJK}0-9]{{0,20}}?)"
    r"(?:审议)?(?:通过|批准)"
)
_SPEECH_VENUE_RE = re.compile(
    rf"(?:(?P<date>\d{{4}}年\d{{1,2}}月\d{{1,2}}日|\d{{6,8}}日))?在(?P<body>(?P<place>[{_CJK}]{{0,16}}?)"
    rf"第[{_CJK}0-9]{{1,6}}届[{_CJK}]{{0,20}}?人民代表大会(?:常务委员会)?第[{_CJK}0-9]{{1,4}}次会议)上"
)
# The presenter's line: 广东省省长 孟凡利, 四川省人民政府省长 施小琳, 自治区主席 …, 省长 梁惠玲.
_PRESENTER_RE = re.compile(
    rf"^(?P<place>[{_CJK}]{{0,16}}?)(?:人民政府)?(?P<post>省长|市长|区长|县长|州长|旗长|盟长|"
    rf"主席|专员|总理|主任|局长)\s*(?P<name>[{_CJK}·•]{{2,12}})?$"
)
# A body that reports on the government's behalf (a plan report by the development and
# reform commission): 受区人民政府委托.
_NAME_LINE_RE = re.compile(rf"^[{_CJK}·•]{{2,8}}$")
_ON_BEHALF_RE = re.compile(rf"受(?P<issuer>国务院|[{_CJK}]{{0,20}}?(?:人民政府|政府))委托")
_LEVEL_WORD_RE = re.compile(r"^(?:省|自治区|市|区|县|州|自治州|盟|旗|地区|特别行政区)$")
_CJK_GAP_RE = re.compile(rf"(?<=[{_CJK}0-9])[ \t\u3000]+(?=[{_CJK}0-9])")
_SPEAKER_RE = re.compile(rf"我代表(?P<issuer>[{_CJK}]{{0,20}}?(?:国务院|人民政府))")
_TITLE_YEARS_RE = re.compile(
    r"(\d{4})年[^\d]{0,30}?(?:执行情况|工作总结|决算)[^\d]{0,6}?(\d{4})年")
_SALUTATION_RE = re.compile(r"^各位代表[：:！!]$")
_YEAR_HEADING_RE = re.compile(r"(\d{4})年(?:政府工作任务|重点工作|工作安排|主要任务|经济社会发展)")
_REVIEW_HEADING_RE = re.compile(r"(\d{4})年工作回顾")
_ADMIN_SUFFIXES = (
    ("街道", "town"),
    ("镇", "town"),
    ("乡", "town"),
    ("自治区", "province"),
    ("特别行政区", "province"),
    ("省", "province"),
    ("自治州", "city"),
    ("地区", "city"),
    ("盟", "city"),
    ("新区", "district"),
    ("区", "district"),
    ("自治县", "district"),
    ("县", "district"),
    ("旗", "district"),
    ("市", "city"),
)
_ORGAN_SUFFIX_RE = re.compile(r"(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室)$")


def _valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def recover_date(text: str) -> str | None:
    """``2020年7月11日`` or a garbled ``2020711`` / ``20200711`` → ISO date.

    A run of digits is read as year, month, day; it is accepted only when exactly one
    split gives a valid date, so ``2020111`` (1-11 or 11-1) is left unknown.
    """
    match = _DATE_RE.search(text)
    if match:
        found = _valid_date(*(int(g) for g in match.groups()))
        return found.isoformat() if found else None
    match = _DIGIT_DATE_RE.match(text)
    if not match:
        return None
    year, rest = int(match.group(1)), match.group(2)
    candidates = {
        found
        for split in range(1, len(rest))
        if (found := _valid_date(year, int(rest[:split]), int(rest[split:])))
        and len(rest[split:]) <= 2
        and len(rest[:split]) <= 2
    }
    return candidates.pop().isoformat() if len(candidates) == 1 else None


def recover_doc_number(text: str) -> str | None:
    """``渝北府办发〔2020〕21号`` from itself or from ``渝北府办发〔202021``."""
    match = _DOC_NUMBER_RE.search(text)
    if not match:
        return None
    number = match.group("num") or match.group("garbled")
    return f"{match.group('prefix')}〔{match.group('year')}〕{int(number)}号"


def jurisdiction_of(organ: str) -> tuple[str | None, str | None]:
    """The jurisdiction an issuing organ governs and its administrative level.

    ``重庆市渝北区人民政府办公室`` → (渝北区, district); ``国务院`` → (中华人民共和国, national).
    """
    if organ.startswith("国务院") or organ.startswith("中华人民共和国"):
        return "中华人民共和国", "national"
    place = _ORGAN_SUFFIX_RE.sub("", organ)
    if not place:
        return None, None
    inner = _innermost_unit(place)
    if inner in MUNICIPALITIES:
        return inner, "province"
    for suffix, level in _ADMIN_SUFFIXES:
        if inner.endswith(suffix):
            return inner, level
    return inner, None


def _innermost_unit(place: str) -> str:
    """``江苏省昆山市周市镇`` → ``周市镇``: the shortest tail that is a whole unit.

    A split is valid where the text before it is empty or ends with an administrative
    suffix, and the tail has a name of at least one character before its own suffix.
    """
    suffixes = [s for s, _ in _ADMIN_SUFFIXES]
    for split in range(len(place) - 1, -1, -1):
        head, tail = place[:split], place[split:]
        if head and not any(head.endswith(s) for s in suffixes):
            continue
        if any(tail.endswith(s) and len(tail) > len(s) for s in suffixes):
            return tail
    return place


def _genre(title: str | None, speech: bool) -> str | None:
    if title and ("工作报告" in title):
        return "work-report"
    if title and (re.search(r"规划纲要|五年规划|十[一二三四五六七]五", title)):
        return "five-year-plan"
    if title and "计划" in title:
        return "plan"
    if speech:
        return "work-report"
    return None


def _lines(text: str) -> list[tuple[int, str]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, line.strip()))
        pos += len(line) + 1
    return out


def _compact(line: str) -> str:
    """A header line without the stray spaces pages put between characters (第九 届)."""
    return _CJK_GAP_RE.sub("", line)


_TITLE_START_RE = re.compile(rf"^(?:关于|[{_CJK}]{{0,12}}\d{{4}}年)")
_FRAGMENT_RE = re.compile(rf"^[{_CJK}0-9“”《》（）()]{{2,40}}$")


def _joined_title(lines: list[tuple[int, str]], index: int) -> str | None:
    """A title a page breaks over several lines (关于黄陂区2022年国民经济和社会发展 /
    计划执行情况与2023年国民经济 / 和社会发展计划草案的报告): the run of short fragment
    lines before this one, from the earliest that starts a title, joined; None when there
    is none."""
    run: list[str] = []
    for _, raw in reversed(lines[max(0, index - 4):index]):
        line = _compact(raw)
        if not _FRAGMENT_RE.match(line) or recover_date(line) or recover_doc_number(line):
            break  # a date or a document number is no part of a title
        run.insert(0, line)
    if any(_GENRE_TITLE_RE.match(line) for line in run):
        return None  # a headline and the title: two titles, not one broken one
    starts = [i for i, line in enumerate(run) if _TITLE_START_RE.match(line)]
    if not starts:
        return None
    joined = "".join(run[starts[0]:]) + _compact(lines[index][1])
    return joined.strip("《》") if len(joined) <= 120 else None


def _is_bare(place: str | None) -> bool:
    """A level word alone (省, 自治区, 区): the header abbreviates the jurisdiction."""
    return not place or _LEVEL_WORD_RE.match(place) is not None


def _qualify(name: str | None, place: str | None) -> str | None:
    """省人民政府 → 广东省人民政府, 区第十九届… → 武侯区第十九届…, when the header names the
    jurisdiction elsewhere; anything else is kept."""
    if not name or not place:
        return name
    for word in sorted(("特别行政区", "自治区", "自治州", "地区", "省", "市", "区", "县", "州",
                        "盟", "旗"), key=len, reverse=True):
        if name.startswith(word) and place.endswith(word) and not _is_bare(place):
            rest = name[len(word):]
            if rest[:1] and rest[0] in "人政第委办一二三四五六七八九十":
                return place + rest
    return name


def _place_of(text: str | None) -> str | None:
    """The jurisdiction a congress, title prefix, organ or presenter names, or None."""
    if not text:
        return None
    if _is_bare(text):
        return text
    place, level = jurisdiction_of(text)
    return place if level is not None else None  # 关于, a title's first words: no place


def _full_place(text: str | None) -> str | None:
    """The whole chain of units a congress or organ names (重庆市江北区), which keeps the
    city that tells an ambiguous district apart; None when it names no place."""
    if not text or _is_bare(text):
        return None
    stripped = _ORGAN_SUFFIX_RE.sub("", text)
    return stripped if _place_of(stripped) else None


def _jurisdiction_chain(candidates: list[str | None]) -> str | None:
    """The first candidate that names a jurisdiction in full; else the first bare one."""
    places = [place for place in (_place_of(c) for c in candidates) if place]
    full = [place for place in places if not _is_bare(place)]
    if full:
        return full[0]
    return places[0] if places else None


def extract_metadata(text: str) -> Metadata:
    """Read the header (everything before the body) and a few signals from the body.

    The jurisdiction comes from whichever part of the header names it in full: the
    title (2026年北京市政府工作报告), the congress the report is delivered to (在广东省
    第十四届人民代表大会…, even when a line break splits it), the issuing organ, the
    presenter (四川省人民政府省长) or the body's 我代表…人民政府. A header that abbreviates
    (省人民政府, 自治区主席) is completed from the others.
    """
    lines = _lines(text)
    notice_issuer = notice_title = title = issuer = doc_number = iso_date = None
    approval = speaker = venue_place = presenter_place = None
    presented: tuple[str, str, str] | None = None
    recipients: tuple[str, ...] = ()
    body_start = 0
    speech = False
    first_heading = next(
        (pos for pos, line in lines if re.match(r"^[一二三四五六七八九十]+、", line)), len(text)
    )
    header_lines = [_compact(line) for pos, line in lines if pos < first_heading and line]
    # The congress line, also when a page breaks it over two lines: read the joined header.
    venue = _SPEECH_VENUE_RE.search("".join(header_lines))
    if venue:
        approval = venue.group("body")
        venue_place = venue.group("place") or None
        if venue.group("date"):
            # The day it was delivered; a page may have lost 年 and 月 (20221227日).
            written = venue.group("date")
            iso_date = recover_date(written if "年" in written else written.removesuffix("日"))
    for index, (pos, raw) in enumerate(lines):
        if pos >= first_heading:
            break
        line = _compact(raw)
        if not line:
            continue
        if notice := _NOTICE_RE.match(line):
            notice_issuer = notice.group("issuer") or notice_issuer
            notice_title = notice.group("title")
            continue
        if doc_number is None and (number := recover_doc_number(line)):
            doc_number = number
            continue
        if iso_date is None and (found := recover_date(line)) and len(line) <= 40:
            iso_date = found
        if _SALUTATION_RE.match(line):
            speech = True
            body_start = pos + len(text[pos:].split("\n", 1)[0]) + 1
            continue
        if (
            recipients == ()
            and (listed := _RECIPIENTS_RE.match(line))
            and re.search(r"政府|部门|单位|办事处|公司|机构", line)
        ):
            recipients = tuple(
                part.strip() for part in re.split(r"[，、,]", listed.group("list")) if part.strip()
            )
            body_start = pos + len(raw) + 1
            continue
        if (presenter := _PRESENTER_RE.match(line)) and presenter_place is None:
            presenter_place = presenter.group("place") or presenter.group("post")[:1]
            # The name follows on the line or, in some headers, on the next one.
            name = presenter.group("name") or next(
                (_compact(nxt) for _, nxt in lines[index + 1 : index + 3]
                 if _NAME_LINE_RE.match(_compact(nxt))), None)
            if name:
                speaker = f"{presenter.group('place')}{presenter.group('post')}{name}"
                presented = (presenter.group("place"), presenter.group("post"), name)
            continue
        if _ISSUER_LINE_RE.match(line) and issuer is None and not line.startswith("关于"):
            issuer = line
            continue
        if _GENRE_TITLE_RE.match(line) and len(line) <= 60:
            title = _joined_title(lines, index) or line.strip("《》")
            # The body follows the last title line of the header (a notice repeats it).
            body_start = pos + len(text[pos:].split("\n", 1)[0]) + 1
            continue
        if approval is None and (approved := _APPROVAL_RE.search(line)):
            approval = approved.group("body")

    body = text[body_start:]
    issuer = issuer or notice_issuer
    spoken = _SPEAKER_RE.search(body[:400])
    on_behalf = _ON_BEHALF_RE.search(body[:400])
    if on_behalf and (issuer is None or not re.search(r"政府|国务院", issuer)):
        # 受区人民政府委托: the organ that presents reports for its government.
        speaker = speaker or issuer
        issuer = on_behalf.group("issuer")
    if issuer is None and spoken:
        issuer = spoken.group("issuer")
        speech = True
    title = title or notice_title
    if title in (None, "政府工作报告") and speech:
        title = "政府工作报告"

    year = None
    if title and (match := _TITLE_YEARS_RE.search(title)):
        year = int(match.group(2))  # 2020年计划执行情况与2021年计划草案: the 2021 plan
    elif title and (match := re.search(r"(\d{4})年", title)):
        year = int(match.group(1))
    if year is None and (match := _YEAR_HEADING_RE.search(body)):
        year = int(match.group(1))
    if year is None and (match := _REVIEW_HEADING_RE.search(body)):
        year = int(match.group(1)) + 1
    if year is None and iso_date and speech:
        year = int(iso_date[:4])

    title_place = None
    if title and (match := re.match(rf"^(?:关于印发|关于)?([{_CJK}]*?)\d{{4}}年", title)):
        title_place = match.group(1) or None
    national = any(
        (c or "").startswith(("国务院", "全国人民代表大会", "中华人民共和国"))
        for c in (issuer, approval, spoken.group("issuer") if spoken else None)
    ) or bool(approval and "全国人民代表大会" in approval)
    if national:
        jurisdiction, level = "中华人民共和国", "national"
    else:
        jurisdiction = _jurisdiction_chain([
            title_place, venue_place, issuer, presenter_place,
            spoken.group("issuer") if spoken else None,
        ])
        level = None
        if jurisdiction and not _is_bare(jurisdiction):
            _, level = jurisdiction_of(jurisdiction)
        elif jurisdiction:
            level = _BARE_LEVEL.get(jurisdiction)
    # Bare level words are completed with the fullest chain the header gives (重庆市江北区
    # for 区人民政府), so an ambiguous district keeps its city.
    fuller = next((full for full in (_full_place(venue_place), _full_place(issuer))
                   if full and jurisdiction and full.endswith(jurisdiction)), jurisdiction)
    issuer = _qualify(issuer, fuller)
    if issuer is None and speech and jurisdiction and not _is_bare(jurisdiction):
        issuer = fuller + "人民政府"
    approval = _qualify(approval, jurisdiction)
    if presented is not None and jurisdiction and not _is_bare(jurisdiction):
        # 省长 梁惠玲, 自治区主席 …: the post of this jurisdiction.
        place, post, name = presented
        if _is_bare(place) or not place:
            speaker = f"{jurisdiction}{post}{name}"

    return Metadata(
        title=title,
        issuer=issuer,
        doc_number=doc_number,
        date=iso_date,
        recipients=recipients,
        approval_body=approval,
        jurisdiction=jurisdiction,
        level=level,
        year=year,
        genre=_genre(title, speech),
        speaker=speaker,
        body_start=body_start,
    )


_BARE_LEVEL = {"省": "province", "自治区": "province", "特别行政区": "province", "市": "city",
               "州": "city", "自治州": "city", "地区": "city", "盟": "city", "区": "district",
               "县": "district", "旗": "district"}
