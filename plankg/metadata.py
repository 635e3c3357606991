"""Header metadata: title, issuer, document number, date, recipients, approval, jurisdiction.

Government pages lose characters in their headers (``渝北府办发〔202021`` for
``渝北府办发〔2020〕21号``, ``2020711`` for 2020-07-11), so the rules accept the
garbled forms and rebuild the canonical ones. Everything here is a general rule of
the genre; nothing names a particular document.
"""

from __future__ import annotations

import re
from datetime import date

from plankg.model import Metadata

_CJK = "\u4e00-\u9fff"
_GENRE_TITLE_RE = re.compile(
    rf"^[{_CJK}0-9“”《》（）()]{{0,40}}?(?:\d{{4}}年)?[{_CJK}“”]{{0,30}}"
    r"(?:计划|政府工作报告|工作报告|规划纲要|规划|纲要|报告)$"
)
_NOTICE_RE = re.compile(rf"^(?P<issuer>[{_CJK}]*?)关于印发《?(?P<title>.+?)》?的通知$")
_DOC_NUMBER_RE = re.compile(
    rf"(?P<prefix>[{_CJK}]{{1,12}}[发函字办])\s*[〔\[［(（【](?P<year>\d{{4}})"
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
    rf"在(?P<body>[{_CJK}]{{0,12}}?第[{_CJK}]{{1,6}}届[{_CJK}]{{0,20}}人民代表大会第[{_CJK}]{{1,4}}次会议)上"
)
_SPEAKER_RE = re.compile(rf"我代表(?P<issuer>[{_CJK}]{{0,20}}?(?:国务院|人民政府))")
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
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")  # province-level cities
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
    if inner in _MUNICIPALITIES:
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


def extract_metadata(text: str) -> Metadata:
    """Read the header (everything before the body) and a few signals from the body."""
    lines = _lines(text)
    notice_issuer = notice_title = title = issuer = doc_number = iso_date = None
    approval = speaker = None
    recipients: tuple[str, ...] = ()
    body_start = 0
    speech = False
    first_heading = next(
        (pos for pos, line in lines if re.match(r"^[一二三四五六七八九十]+、", line)), len(text)
    )
    for index, (pos, line) in enumerate(lines):
        if pos >= first_heading:
            break
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
        if approval is None and (venue := _SPEECH_VENUE_RE.search(line)):
            approval = venue.group("body")
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
            body_start = pos + len(line) + 1
            continue
        if _ISSUER_LINE_RE.match(line) and issuer is None and not line.startswith("关于"):
            issuer = line
            continue
        if _GENRE_TITLE_RE.match(line) and len(line) <= 60:
            title = line.strip("《》")
            # The body follows the last title line of the header (a notice repeats it).
            body_start = pos + len(text[pos:].split("\n", 1)[0]) + 1
            # A title split over two header lines ("重庆市…办公室" / "关于印发…的通知")
            continue
        if approval is None and (approved := _APPROVAL_RE.search(line)):
            approval = approved.group("body")
        if speaker is None and line.endswith("总理") and index + 1 < len(lines):
            speaker = next((nxt for _, nxt in lines[index + 1 :] if nxt), None)
            if speaker:
                speaker = f"{line}{speaker}"

    body = text[body_start:]
    issuer = issuer or notice_issuer
    if issuer is None and (spoken := _SPEAKER_RE.search(body[:400])):
        issuer = spoken.group("issuer")
        speech = True
    if approval and issuer and re.match(r"^[省市区县]人民政府", issuer):
        # "我代表省人民政府" names the level only; the congress names the place.
        venue_place = re.match(rf"^([{_CJK}]+?(?:省|自治区|市|区|县))第", approval)
        if venue_place:
            issuer = venue_place.group(1) + issuer[1:]
    title = title or notice_title
    if title in (None, "政府工作报告") and speech:
        title = "政府工作报告"

    year = None
    if title and (match := re.search(r"(\d{4})年", title)):
        year = int(match.group(1))
    if year is None and (match := _YEAR_HEADING_RE.search(body)):
        year = int(match.group(1))
    if year is None and (match := _REVIEW_HEADING_RE.search(body)):
        year = int(match.group(1)) + 1
    if year is None and iso_date and speech:
        year = int(iso_date[:4])

    jurisdiction = level = None
    if title and (match := re.match(rf"^(?:关于印发|关于)?([{_CJK}]+?)\d{{4}}年", title)):
        jurisdiction, level = jurisdiction_of(match.group(1))
    if issuer and (jurisdiction is None or level is None):
        jurisdiction, level = jurisdiction_of(issuer)
    if (
        approval
        and approval.startswith("区")
        and jurisdiction
        or approval
        and approval.startswith("市")
        and jurisdiction
        and level == "city"
    ):
        approval = jurisdiction + approval[1:]

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
