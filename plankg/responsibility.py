"""Who is accountable for each commitment: stated, place, mandate and issuer responsibilities.

``infer_responsibilities(doc)`` gives every commitment (item, paragraph and sentence
level) a ranked list of ``Responsibility`` records:

* **stated** — bodies the commitment's sentences name, with the role the wording gives
  (由X牵头 → lead, 配合市里 → the city leads and the document's government cooperates,
  与X合作 → partner, 力促X项目投产 → implementing, 支持X → beneficiary, 行政首长负责制 →
  the head of government is accountable, X督察 → supervising, a department named
  without other cue → lead);
* **place** — a town, subdistrict or village the commitment names: its government
  implements locally;
* **mandate** — the functional department whose standard mandate matches the wording
  (``catalog.rank_departments``), lead plus up to three cooperating departments. Cues
  inside enumerations (在教育、医疗、养老等领域) count half: they give the scope, not the
  task. An item or paragraph is ranked from its sentences (weighted votes, its heading
  counting most), so its lead is the department of most of its content; a dense list of
  targets across departments (主要预期目标) is led by the development and reform
  commission. Every commitment gets a lead: with no cue, the enclosing headings, then the
  parent commitment, then the development and reform commission (economic-planning
  language) or the government's general office decide, with a low confidence that says so;
* **issuer** — the issuing government (an office issues on behalf of its government),
  accountable for everything the document commits to.

Ranking. Within a commitment, responsibilities are ordered by ``ranking_key``::

    (role, tier, -confidence, evidence sentence, evidence start, body)

    role: lead < cooperating < implementing < partner < supervising < beneficiary
          < accountable
    tier: 0 stated about the whole commitment (a sentence-level commitment, the item's
            heading, or an explicit 牵头/负责 statement)
          1 assignment (an official task-assignment table)
          2 mandate (and a stated body that duplicates the mandate lead)
          3 stated about one sentence of a longer item or paragraph (配合市里 in one
            sentence of a ten-sentence item does not make the city the item's lead)
          4 place
          5 issuer

so the first lead is: stated lead > assignment lead > mandate lead. A stated (or
assigned) responsibility for a body and role suppresses the inferred one for the same
body and role. Output is grouped by commitment in document order and deterministic.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from plankg.catalog import (
    NAMED_WEIGHT,
    DepartmentMention,
    DepartmentType,
    department_by_iri,
    find_departments,
    find_keyword_cues,
    instantiate,
    jurisdiction_english,
    jurisdiction_level,
    load_departments,
    load_national_bodies,
    rank_departments,
)
from plankg.identity import scoped_body_name
from plankg.model import Commitment, Division, Document, Mention, Metadata, Responsibility

# ---------------------------------------------------------------------------- ranking

ROLE_ORDER = ("lead", "cooperating", "implementing", "partner", "supervising", "beneficiary",
              "accountable")
TIER_STATED_WHOLE = 0
TIER_ASSIGNMENT = 1
TIER_MANDATE = 2
TIER_STATED_PART = 3
TIER_PLACE = 4
TIER_ISSUER = 5
_ROLE_RANK = {role: i for i, role in enumerate(ROLE_ORDER)}
_BASIS_TIER = {"stated": TIER_STATED_WHOLE, "assignment": TIER_ASSIGNMENT,
               "mandate": TIER_MANDATE, "place": TIER_PLACE, "issuer": TIER_ISSUER}


def ranking_key(resp: Responsibility, tier: int | None = None) -> tuple:
    """The documented ordering key (see the module docstring); smaller ranks first.

    ``tier`` defaults to the basis' tier; pass ``TIER_STATED_PART`` for a stated
    responsibility that concerns only one sentence of a longer commitment.
    """
    if tier is None:
        tier = _BASIS_TIER[resp.basis]
    return (
        _ROLE_RANK[resp.role],
        tier,
        -resp.confidence,
        resp.sentence if resp.sentence is not None else 1 << 30,
        resp.start if resp.start is not None else 0,
        resp.body,
    )


# ---------------------------------------------------------------------------- confidences

CONF_STATED = 0.9
CONF_STATED_EXPLICIT = 0.95  # 由X牵头, X为责任单位
CONF_STATED_NAMED = 0.85  # a department named with no other cue
CONF_PLACE = 0.6
CONF_ISSUER = 1.0
CONF_FALLBACK_MAX = 0.35  # headings or the parent decided
CONF_DEFAULT = 0.2  # nothing decided: the coordinating department by default

# Sentence weights when an item or paragraph is ranked from its sentences: the item's
# heading (一是…。) or a paragraph's short topic sentence says what the item is about.
HEADING_WEIGHT = 2.5
TOPIC_WEIGHT = 2.0
_TOPIC_MAX_CHARS = 30
RUNNER_UP_SHARE = 1.0  # how much a sentence's second and later departments count
# A commitment with this many targets across this many departments is the plan's target
# system, which the development and reform commission compiles and coordinates.
TARGET_SYSTEM_MIN_TARGETS = 5
TARGET_SYSTEM_MIN_DEPARTMENTS = 3
TARGET_SYSTEM_DENSITY = 2.0  # targets per sentence
_SATURATION = 1.2  # vote score at which item confidence reaches 1 - 1/e before competition
_COOPERATING_MIN_SHARE = 0.25  # of the lead's score: a "real score" for a cooperating dept
_COOPERATING_MIN_CONF = 0.1
_MAX_COOPERATING = 3
_MAX_CUES = 12

# ---------------------------------------------------------------------------- bodies


@dataclass(frozen=True)
class _Body:
    """A body named in a sentence; ``start``/``end`` is its span there."""

    start: int
    end: int
    name: str
    type: str  # body_type of the Responsibility
    en: str | None = None
    department: str | None = None  # catalog IRI
    level: str | None = None  # township | district | city | province | national
    doer: bool = False  # a company or institute that carries out projects
    is_department: bool = False


@dataclass(frozen=True)
class _Stated:
    body: _Body
    role: str
    start: int  # cue span in the sentence
    end: int
    cue: str
    confidence: float
    rationale: str
    whole: bool = False  # says who leads the whole item (由X牵头), not one sentence


@dataclass(frozen=True)
class _Jurisdictions:
    """The document's own government and the governments above it."""

    own: str | None  # 渝北区
    own_en: str | None
    level: str | None  # district | city | province | national
    city: str | None  # the city above a district: 重庆市, 成都市
    province: str | None


_LEVEL_RANK = {"township": 0, "district": 1, "city": 2, "province": 3, "national": 4}
_DOC_LEVEL = {"county": "district", "district": "district", "city": "city",
              "province": "province", "national": "national"}
_NATIONAL_NAMES = {"中华人民共和国", "中国", "全国", "国家", "国务院", "中央"}
_ADMIN_UNIT_RE = re.compile(r"[\u4e00-\u9fff]+?(?:特别行政区|自治区|自治州|地区|省|市|盟|州)")
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_GOV_SUFFIX_RE = re.compile(
    r"(?:人民政府办公厅|人民政府办公室|政府办公厅|政府办公室|办公厅|办公室)$"
)


@lru_cache(maxsize=64)
def _jurisdictions(metadata: Metadata) -> _Jurisdictions:
    own = metadata.jurisdiction
    level = _DOC_LEVEL.get(metadata.level or "") or (jurisdiction_level(own) if own else None)
    if own in _NATIONAL_NAMES:
        return _Jurisdictions("中华人民共和国", "People's Republic of China", "national", None,
                              None)
    city = province = None
    issuer = metadata.issuer or ""
    if own and own in issuer:
        # 重庆市渝北区人民政府办公室: the units before the jurisdiction are above it.
        for unit in _ADMIN_UNIT_RE.findall(issuer[: issuer.index(own)]):
            if unit.endswith(("省", "自治区", "特别行政区")):
                province = unit
            else:
                city = unit
    if own and (city is None or province is None):
        parent = _admin_parent(own)
        grandparent = _admin_parent(parent) if parent else None
        if level == "district":
            city = city or parent
            province = province or grandparent or (parent if parent in _MUNICIPALITIES
                                                   else None)
        elif level == "city":
            province = province or parent
    if city in _MUNICIPALITIES and province is None:
        province = city
    own_en = jurisdiction_english(own) if own else None
    return _Jurisdictions(own, own_en, level, city, province)


def _admin_parent(name: str) -> str | None:
    # The national division table (cpca) through the place lexicon; None when ambiguous.
    from plankg.extract.lexicon import lookup_admin

    division = lookup_admin(name)
    return division.parent if division is not None else None


def _government_name(place: str | None) -> tuple[str, str | None] | None:
    if place is None:
        return None
    if place == "中华人民共和国":
        return "国务院", "State Council"
    english = jurisdiction_english(place)
    return place + "人民政府", (english + " People's Government") if english else None


def issuing_government(metadata: Metadata) -> tuple[str, str | None] | None:
    """The government accountable for a document: its issuer, an office mapped to the
    government it issues for (重庆市渝北区人民政府办公室 → 渝北区人民政府; 国务院 → 国务院)."""
    juris = _jurisdictions(metadata)
    issuer = metadata.issuer or ""
    if juris.level == "national" or issuer.startswith("国务院"):
        return "国务院", "State Council"
    if juris.own:
        return _government_name(juris.own)
    stripped = _GOV_SUFFIX_RE.sub("", issuer)
    if stripped.endswith(("人民政府", "政府")):
        return stripped, None
    return None


def _higher_government(juris: _Jurisdictions, level: str) -> tuple[str, str | None]:
    """市里 → 重庆市人民政府 when the city is known, else the generic 市政府."""
    if level == "national":
        return "国务院", "State Council"
    place = juris.city if level == "city" else juris.province
    found = _government_name(place)
    if found:
        return found
    return ("市政府", "City Government") if level == "city" else ("省政府",
                                                                 "Provincial Government")


@cache
def _national_by_dept() -> dict[str, str]:
    out: dict[str, str] = {}
    for body in load_national_bodies():
        out.setdefault(body.corresponds_to, body.zh)
    return out


def department_available(dept: DepartmentType, level: str | None) -> bool:
    """Does the department type exist at this level (a ministry for national documents)?"""
    if level is None:
        return True
    if level == "national":
        return dept.iri in _national_by_dept()
    return level in dept.levels


_KIND_BODY_TYPE = {"government": "government-body", "vertical": "government-body",
                   "party": "party-organ", "mass-organization": "mass-organization",
                   "judicial": "judicial", "military": "military", "other": "organization"}


def department_body(dept: DepartmentType, place: str | None,
                    place_en: str | None = None) -> tuple[str, str | None]:
    """The department of one jurisdiction (生态环境局 in 渝北区 → 渝北区生态环境局)."""
    if not place:
        return dept.zh, dept.en
    return instantiate(dept, place, place_en)


def _place_for_level(juris: _Jurisdictions, level: str | None) -> tuple[str | None, str | None]:
    if level is None or level == juris.level or juris.level is None:
        return juris.own, juris.own_en
    if level == "national":
        return "中华人民共和国", None
    if level == "city" and juris.city:
        return juris.city, None
    if level == "province" and juris.province:
        return juris.province, None
    if _LEVEL_RANK.get(level, 0) < _LEVEL_RANK.get(juris.level, 0):
        return juris.own, juris.own_en  # a lower level's unit named: scope to ours
    return None, None


# ---------------------------------------------------------------------------- sentence bodies

_PREFIX_LEVEL = {"区": "district", "县": "district", "旗": "district", "市": "city",
                 "州": "city", "盟": "city", "省": "province"}
_ADMIN_PLACE_TYPES = {"province", "city", "district", "country"}
_LOCAL_TYPES = {"town": "town-government", "subdistrict": "town-government",
                "village": "village-committee"}
_SITE_TYPES = {"zone", "airport", "port", "area", "industrial-park", "building"}
_NOT_BENEFICIARY_TYPES = {"building"}  # a site being built, not a body that benefits
_DOER_TYPES = {"company", "research-institute"}
_GOV_MENTION_RE = re.compile(r"^(?:(区|县|市|省|州)(?:人民)?政府|市里|省里|区里|县里)$")


def local_government(name: str, place_type: str) -> tuple[str, str, str | None]:
    """洛碛镇 → 洛碛镇人民政府; 龙山街道 → 龙山街道办事处; 河坝村 → 河坝村村民委员会."""
    stem_en = _romanize(name)
    if place_type == "subdistrict" or name.endswith("街道"):
        en = f"{stem_en} Subdistrict Office" if stem_en else None
        return name + "办事处", "town-government", en
    if name.endswith("社区"):
        en = f"{stem_en} Community Residents' Committee" if stem_en else None
        return name + "居民委员会", "village-committee", en
    if place_type == "village" or name.endswith("村"):
        en = f"{stem_en} Village Committee" if stem_en else None
        return name + "村民委员会", "village-committee", en
    kind = "Township" if name.endswith("乡") else "Town"
    en = f"{stem_en} {kind} People's Government" if stem_en else None
    return name + "人民政府", "town-government", en


_LOCAL_SUFFIX_RE = re.compile(r"(?:街道|社区|镇|乡|村)$")


@cache
def _romanize(name: str) -> str | None:
    stem = _LOCAL_SUFFIX_RE.sub("", name)
    try:
        from pypinyin import lazy_pinyin
    except ImportError:  # pragma: no cover - pypinyin is a dependency of the catalog
        return None
    syllables = lazy_pinyin(stem)
    if not stem or not all(s.isascii() and s.isalpha() for s in syllables):
        return None
    word = syllables[0] + "".join(("'" if s[0] in "aoe" else "") + s for s in syllables[1:])
    return word.capitalize()


def _department_bodies(text: str, juris: _Jurisdictions,
                       mentions: Sequence[Mention]) -> list[_Body]:
    bodies = []
    place_ends = {m.end: m for m in mentions if m.category == "place"
                  and m.type in _ADMIN_PLACE_TYPES}
    for found in find_departments(text):
        bodies.append(_department_body(text, found, juris, place_ends))
    return bodies


def _department_body(text: str, found: DepartmentMention, juris: _Jurisdictions,
                     place_ends: dict[int, Mention]) -> _Body:
    dept = found.department
    start = found.start
    place = place_ends.get(start)
    level = found.level
    if found.national_body is not None:
        name, en = found.national_body.zh, found.national_body.en
        level = "national"
    elif place is not None and place.name != juris.own:
        # 江北区生态环境局 in a 渝北区 document: another jurisdiction's bureau.
        name, en = department_body(dept, place.name)
        start = place.start
        level = place.type if place.type in _LEVEL_RANK else level
    else:
        if place is not None:
            start = place.start
        elif start > 0 and text[start - 1] in _PREFIX_LEVEL:
            start -= 1
        scope, scope_en = _place_for_level(juris, level)
        if scope is None:
            name, en = text[start:found.end], None  # 市生态环境局 with the city unknown
        else:
            name, en = department_body(dept, scope, scope_en)
    return _Body(start, found.end, name, _KIND_BODY_TYPE.get(dept.kind, "government-body"),
                 en, dept.iri, level, is_department=True)


_ADMIN_SUFFIX_RE = re.compile(r"(?:特别行政区|自治区|自治州|自治县|地区|省|市|区|县|旗|州|盟)$")
_LEVEL_WORDS = {"区", "县", "旗", "市", "州", "盟", "省", "国家", "中央", "全国", "国务院", ""}


def resolve_body(unit: str, metadata: Metadata) -> tuple[str, str, str | None, str | None]:
    """A unit as written (in a table or a sentence) → (canonical name, body_type, English
    name, catalog department IRI): 区发改委 → 渝北区发展和改革委员会 in a 渝北区 document,
    洛碛镇 → 洛碛镇人民政府, 区政府 → 渝北区人民政府; anything else is kept, scoped with
    ``identity.scoped_body_name``."""
    text = unit.strip()
    juris = _jurisdictions(metadata)
    found = find_departments(text)
    if len(found) == 1 and found[0].end == len(text):
        mention = found[0]
        dept = mention.department
        prefix = text[: mention.start]
        body_type = _KIND_BODY_TYPE.get(dept.kind, "government-body")
        if mention.national_body is not None:
            return mention.national_body.zh, body_type, mention.national_body.en, dept.iri
        if prefix and prefix not in _LEVEL_WORDS and prefix != juris.own and (
                _ADMIN_SUFFIX_RE.search(prefix)):
            name, en = department_body(dept, prefix)
            return name, body_type, en, dept.iri
        scope, scope_en = _place_for_level(juris, mention.level)
        if scope is not None:
            name, en = department_body(dept, scope, scope_en)
            return name, body_type, en, dept.iri
    gov = _GOV_MENTION_RE.match(text)
    if gov:
        level = _PREFIX_LEVEL.get(gov.group(1) or text[0])
        if level and level != juris.level and level in ("city", "province"):
            name, en = _higher_government(juris, level)
            return name, "government-body", en, None
        own = _government_name(juris.own)
        if own:
            return own[0], "government-body", own[1], None
    if _LOCAL_SUFFIX_RE.search(text) and len(text) >= 3 and not text.startswith("各"):
        kind = ("subdistrict" if text.endswith("街道") else
                "village" if text.endswith(("村", "社区")) else "town")
        name, body_type, en = local_government(text, kind)
        return name, body_type, en, None
    return scoped_body_name(text, metadata), "organization", None, None


def _mention_body(mention: Mention, juris: _Jurisdictions,
                  metadata: Metadata) -> _Body | None:
    """The body an extracted mention names, or None for places that are not bodies."""
    if mention.category == "organization":
        if mention.type == "government-body":
            gov = _GOV_MENTION_RE.match(mention.text)
            if mention.name in ("国务院", "中央政府", "国家") or mention.text in ("中央", "国家"):
                # The central people's government is the State Council.
                return _Body(mention.start, mention.end, "国务院", "government-body",
                             "State Council", level="national")
            if gov:
                char = (gov.group(1) or mention.text[0])
                level = _PREFIX_LEVEL.get(char)
                if level and level != juris.level and level in ("city", "province"):
                    name, en = _higher_government(juris, level)
                else:
                    found = _government_name(juris.own)
                    name, en = found if found else (mention.name, None)
                    level = juris.level
                return _Body(mention.start, mention.end, name, "government-body", en, level=level)
            return _Body(mention.start, mention.end, scoped_body_name(mention.name, metadata),
                         "government-body")
        if mention.type in ("party-organ", "legislature"):
            return _Body(mention.start, mention.end, scoped_body_name(mention.name, metadata),
                         mention.type)
        return _Body(mention.start, mention.end, mention.name, mention.type,
                     doer=mention.type in _DOER_TYPES)
    if mention.category == "place":
        if mention.type in _LOCAL_TYPES:
            name, body_type, en = local_government(mention.name, mention.type)
            return _Body(mention.start, mention.end, name, body_type, en, level="township")
        if mention.type in _ADMIN_PLACE_TYPES:
            return _Body(mention.start, mention.end, mention.name, "jurisdiction",
                         jurisdiction_english(mention.name), level=mention.type)
        if mention.type in _SITE_TYPES:
            return _Body(mention.start, mention.end, mention.name, mention.type)
        return None
    if mention.category == "project" and mention.company:
        return _Body(mention.start, mention.end, mention.company, "company", doer=True)
    return None


def _sentence_bodies(text: str, mentions: Sequence[Mention], juris: _Jurisdictions,
                     metadata: Metadata) -> list[_Body]:
    """Named bodies of a sentence, left to right, without overlaps (longest first)."""
    departments = _department_bodies(text, juris, mentions)
    others = []
    for mention in mentions:
        body = _mention_body(mention, juris, metadata)
        # A department the catalog recognizes wins over an overlapping mention
        # (会同区水务局 read as one organization still holds 区水务局).
        if body is not None and not any(body.start < d.end and d.start < body.end
                                        for d in departments):
            others.append(body)
    # Longer spans first at a position; a company mention and its project collapse to one.
    others.sort(key=lambda b: (b.start, -(b.end - b.start)))
    kept: list[_Body] = []
    for body in others:
        if not kept or body.start >= kept[-1].end:
            kept.append(body)
    return sorted([*departments, *kept], key=lambda b: b.start)


# ---------------------------------------------------------------------------- stated grammar

_B = "\ue000"  # one body in the skeleton of a sentence
_LIST = f"{_B}(?:(?:、|和|及|以及|与|同|或)?{_B})*"
_NOT_CLAUSE_END = f"[^，。；：！？{_B}]"
_ETC = f"(?:等{_NOT_CLAUSE_END}{{0,8}}?)?"

_LEAD_PATTERNS = (
    re.compile(f"由({_LIST})(?:负责)?(?:牵头|负责|主抓|抓总|统筹|组织实施)"),
    re.compile(f"({_LIST})(?:牵头|主抓|抓总|负总责)"),
    re.compile(f"({_LIST})负责(?![制人同])"),
    re.compile(f"({_LIST})(?:为|是|作为)(?:责任单位|牵头单位|责任主体|牵头部门|责任部门)"),
    re.compile(f"(?:牵头单位|责任单位|主责单位|牵头部门|责任部门)[:：为是]?({_LIST})"),
)
_COOP_PATTERNS = (
    re.compile(f"(?:配合单位|协办单位|参与单位|配合部门)[:：为是]?({_LIST})"),
    # 由区发改委牵头，区财政局配合: a unit that 配合/协助 with nothing after it cooperates.
    re.compile(f"({_LIST}){_ETC}(?:负责)?(?:配合|协助|参与)(?=[，。；]|$)"),
)
_WITH_SUBJECT = re.compile(f"({_LIST})?(会同|配合|协助)({_LIST})")
_PLAY_ROLE = (
    re.compile(f"发挥({_LIST}){_ETC}{_NOT_CLAUSE_END}{{0,16}}?作用"),
    re.compile(f"({_LIST}){_ETC}{_NOT_CLAUSE_END}{{0,4}}?发挥{_NOT_CLAUSE_END}{{0,10}}?作用"),
)
_CONSULTED = re.compile(f"(?:听取|征求)[^。；]{{0,30}}?({_LIST}){_NOT_CLAUSE_END}{{0,16}}?意见")
_PARTNER_VERBS = ("联手", "携手", "对接", "共建", "联合", "协同")
_PARTNER = (
    # 对接机场集团、保税港区…: the list may open with an item no extractor recognized.
    re.compile(f"({'|'.join(_PARTNER_VERBS)})(?:{_NOT_CLAUSE_END}{{1,8}}?、)?({_LIST})"),
    re.compile(f"(?:与|同)({_LIST}){_ETC}{_NOT_CLAUSE_END}{{0,10}}?"
               f"(合作|交流|联动|协作|对接|共建|互访|协同|联手|携手|结对|互动)"),
)
_IMPLEMENT = re.compile(
    f"(力促|推动|支持|鼓励|加快|促进|督促|引导|助推|推进)({_NOT_CLAUSE_END}{{0,4}}?)({_LIST})"
    f"{_ETC}{_NOT_CLAUSE_END}{{0,10}}?"
    f"(投产|落地|技改|扩能|扩产|建设|开工|竣工|达产|达效|进度|前期工作|上市|增资|建成|运营|开业|"
    f"建立|落户|开园)"
)
_BENEFIT = re.compile(
    f"(支持|帮助|扶持|帮扶|服务|助推|援助|资助|支援|对口支援|对口帮扶|结对帮扶)"
    f"({_NOT_CLAUSE_END}{{0,2}}?)({_LIST})"
)
_SUPERVISE_NAMED = re.compile(
    f"({_LIST}){_NOT_CLAUSE_END}{{0,8}}?(督察|巡视|督查|督导|考核|监督)"
)
_SUPERVISE_LEVEL = re.compile(
    r"(?<![全本我各])(中央|国家|上级)(?!级)[\u4e00-\u9fff]{0,8}?(督察|巡视|督查|督导|考核)"
)
_OBJECT_OF_REFORM = re.compile(f"^{_ETC}{_NOT_CLAUSE_END}{{0,4}}?(?:改革|机构改革)")
_OBJECT_BEFORE = re.compile(r"(?:组建|设立|成立|撤销|整合|改革|深化)$")
_HIGHER_COOP = re.compile(
    r"(配合|协助)(?:好|做好)?(市里|市级(?:部门)?|市委市政府|市政府|上级(?:部门)?|省里|"
    r"省级(?:部门)?|省委省政府|省政府|国家|中央|党中央)"
)
_HEAD_RESPONSIBLE = re.compile(r"行政首长负责制|首长负责制")
_LEADER_POST = re.compile(
    r"([区县市省州旗])(?:级)?领导(?:干部)?(?:联系|包干|挂帅|挂钩|包联|定点联系|领办)"
)
# 中央巡视/督察 is the party centre's; 国家考核 the State Council's.
_CENTRAL_BODIES = {
    "中央": ("中国共产党中央委员会", "Central Committee of the Communist Party of China",
           "party-organ"),
    "国家": ("国务院", "State Council", "government-body"),
}

_POST_TITLE = {"district": ("区长", "District Head"), "city": ("市长", "Mayor"),
               "province": ("省长", "Governor"), "national": ("国务院总理", "Premier")}
_LEADER_EN = {"区": "District leaders", "县": "County leaders", "市": "City leaders",
              "省": "Provincial leaders", "州": "Prefecture leaders", "旗": "Banner leaders"}


def _head_post(juris: _Jurisdictions) -> tuple[str, str]:
    own = juris.own or ""
    if own.endswith("县"):
        return "县长", "County Head"
    if own.endswith("旗"):
        return "旗长", "Banner Head"
    if own.endswith("州") and juris.level == "city":
        return "州长", "Prefecture Head"
    return _POST_TITLE.get(juris.level or "", ("行政首长", "Head of government"))


def _skeleton(text: str, bodies: Sequence[_Body]) -> tuple[str, list[int], list[int]]:
    """The sentence with each body replaced by one placeholder character.

    Returns the skeleton, the source offset of each skeleton character (plus the end),
    and for each skeleton character the index of its body or -1.
    """
    out: list[str] = []
    offsets: list[int] = []
    owner: list[int] = []
    pos = 0
    for index, body in enumerate(bodies):
        for i in range(pos, body.start):
            out.append(text[i])
            offsets.append(i)
            owner.append(-1)
        out.append(_B)
        offsets.append(body.start)
        owner.append(index)
        pos = body.end
    for i in range(pos, len(text)):
        out.append(text[i])
        offsets.append(i)
        owner.append(-1)
    offsets.append(len(text))
    return "".join(out), offsets, owner


def stated_in_sentence(text: str, mentions: Sequence[Mention],
                       metadata: Metadata) -> list[tuple[str, str, str]]:
    """(body, role, cue) for each body a sentence names with the role its wording gives.

    ``mentions`` are the sentence's mentions (offsets relative to the sentence).
    """
    juris = _jurisdictions(metadata)
    return [(s.body.name, s.role, s.cue)
            for s in _stated(text, tuple(mentions), juris, metadata)]


@dataclass
class _Found:
    """Stated roles collected for one sentence; a body takes the first role it gets."""

    text: str
    bodies: list[_Body]
    offsets: list[int]
    owner: list[int]
    items: list[_Stated] = field(default_factory=list)
    used: set[int] = field(default_factory=set)

    def members(self, span: tuple[int, int]) -> list[int]:
        return [self.owner[i] for i in range(*span) if self.owner[i] >= 0]

    def span(self, match: re.Match[str]) -> tuple[int, int]:
        return self.offsets[match.start()], self.offsets[match.end()]

    def add(self, index: int, role: str, match: re.Match[str], rationale: str,
            confidence: float = CONF_STATED, whole: bool = False) -> None:
        if index in self.used:
            return
        start, end = self.span(match)
        self.items.append(_Stated(self.bodies[index], role, start, end, self.text[start:end],
                                  confidence, rationale, whole))
        self.used.add(index)

    def add_body(self, body: _Body, role: str, start: int, end: int, rationale: str,
                 whole: bool = False) -> None:
        self.items.append(_Stated(body, role, start, end, self.text[start:end], CONF_STATED,
                                  rationale, whole))


def _stated(text: str, mentions: tuple[Mention, ...], juris: _Jurisdictions,
            metadata: Metadata) -> list[_Stated]:
    bodies = _sentence_bodies(text, mentions, juris, metadata)
    skeleton, offsets, owner = _skeleton(text, bodies)
    found = _Found(text, bodies, offsets, owner)
    _explicit_roles(found, skeleton, juris)
    _relation_roles(found, skeleton, juris)
    _level_roles(found, juris)
    # A department named with no other cue leads what the sentence says.
    for index, body in enumerate(bodies):
        if index in found.used or not body.is_department:
            continue
        if _OBJECT_OF_REFORM.match(text[body.end:]) or _OBJECT_BEFORE.search(text[:body.start]):
            continue  # 深化供销社改革, 组建X局: the department is the object
        found.add_body(body, "lead", body.start, body.end, "the sentence names this department")
        found.items[-1] = replace(found.items[-1], confidence=CONF_STATED_NAMED)
    return _dedupe_stated(found.items)


def _explicit_roles(found: _Found, skeleton: str, juris: _Jurisdictions) -> None:
    """由X牵头, 牵头单位：X, 配合单位：X, A会同B, A配合B, 发挥X作用, 听取X意见."""
    for pattern in _LEAD_PATTERNS:
        for match in pattern.finditer(skeleton):
            for i in found.members(match.span(1)):
                found.add(i, "lead", match, "the text names it as the lead (牵头/负责) unit",
                          CONF_STATED_EXPLICIT, whole=True)
    for pattern in _COOP_PATTERNS:
        for match in pattern.finditer(skeleton):
            for i in found.members(match.span(1)):
                found.add(i, "cooperating", match, "the text names it as a cooperating unit",
                          CONF_STATED_EXPLICIT, whole=True)
    own_gov = _government_name(juris.own)
    own_rank = _LEVEL_RANK.get(juris.level or "", 0)
    for match in _WITH_SUBJECT.finditer(skeleton):
        verb = match.group(2)
        subject = found.members(match.span(1)) if match.group(1) else []
        other = found.members(match.span(3))
        # A会同B: A leads with B; A配合B / A协助B: B leads and A helps.
        leads, helpers = (subject, other) if verb == "会同" else (other, subject)
        for i in leads:
            found.add(i, "lead", match, f"the wording ({verb}) makes it lead")
        for i in helpers:
            found.add(i, "cooperating", match, f"the wording ({verb}) makes it cooperate")
        higher = [i for i in leads if _LEVEL_RANK.get(found.bodies[i].level or "", 0) > own_rank]
        if higher and not helpers and own_gov and verb != "会同":
            own = _Body(0, 0, own_gov[0], "government-body", own_gov[1], level=juris.level)
            found.add_body(own, "cooperating", *found.span(match),
                           "the document's government cooperates with a higher body")
    for pattern in _PLAY_ROLE:
        for match in pattern.finditer(skeleton):
            for i in found.members(match.span(1)):
                found.add(i, "cooperating", match, "the text asks it to play its part (发挥…作用)")
    for match in _CONSULTED.finditer(skeleton):
        found.used.update(found.members(match.span(1)))  # consulted, not responsible


def _relation_roles(found: _Found, skeleton: str, juris: _Jurisdictions) -> None:
    """Partners (与X合作), implementing companies (力促X项目投产), beneficiaries (支持X),
    supervisors (X督察)."""
    for pattern in _PARTNER:
        for match in pattern.finditer(skeleton):
            group = 2 if match.group(1) in _PARTNER_VERBS else 1
            for i in found.members(match.span(group)):
                if found.bodies[i].name != juris.own:
                    found.add(i, "partner", match, "the text names it as a partner of the work")
    for match in _IMPLEMENT.finditer(skeleton):
        for i in found.members(match.span(3)):
            if found.bodies[i].doer:
                found.add(i, "implementing", match,
                          "the text pushes its project forward, so it carries the work out")
    for match in _BENEFIT.finditer(skeleton):
        for i in found.members(match.span(3)):
            body = found.bodies[i]
            if body.is_department or body.name == juris.own or (
                    body.type in _NOT_BENEFICIARY_TYPES) or (
                    body.type == "government-body" and body.level in _LEVEL_RANK):
                continue  # our own bodies are not beneficiaries of our plan
            found.add(i, "beneficiary", match, "the text supports or serves it")
    for match in _SUPERVISE_NAMED.finditer(skeleton):
        for i in found.members(match.span(1)):
            body = found.bodies[i]
            if body.type not in ("legislature", "party-organ", "government-body"):
                continue
            if match.group(2) == "监督" and body.type != "legislature":
                continue  # a department's own 监督 is its work, not oversight of ours
            found.add(i, "supervising", match, "the text names its inspection or review")


def _level_roles(found: _Found, juris: _Jurisdictions) -> None:
    """Bodies named by level words: 配合市里, 中央督察, 行政首长负责制, 区领导联系."""
    text = found.text
    own_rank = _LEVEL_RANK.get(juris.level or "", -1)
    if juris.level != "national":
        for match in _SUPERVISE_LEVEL.finditer(text):
            word = match.group(1)
            if word in _CENTRAL_BODIES:
                name, en, body_type = _CENTRAL_BODIES[word]
                level = "national"
            else:  # 上级: the government one level up
                level = _parent_level(juris.level) or "national"
                (name, en), body_type = _higher_government(juris, level), "government-body"
            body = _Body(match.start(1), match.end(1), name, body_type, en, level=level)
            found.add_body(body, "supervising", match.start(), match.end(),
                           "a central inspection or assessment reviews the work")
    own_gov = _government_name(juris.own)
    for match in _HIGHER_COOP.finditer(text):
        word = match.group(2)
        level = ("national" if word in ("国家", "中央", "党中央") else
                 "province" if word.startswith("省") else
                 "city" if word.startswith("市") else _parent_level(juris.level))
        if level is None or _LEVEL_RANK[level] <= own_rank:
            continue
        name, en = _higher_government(juris, level)
        higher = _Body(match.start(2), match.end(2), name, "government-body", en, level=level)
        found.add_body(higher, "lead", match.start(), match.end(),
                       f"the text says to work with ({match.group(1)}) the higher government, "
                       "which leads")
        if own_gov:
            own = _Body(0, 0, own_gov[0], "government-body", own_gov[1], level=juris.level)
            found.add_body(own, "cooperating", match.start(), match.end(),
                           "the document's government cooperates with a higher body")
    for match in _HEAD_RESPONSIBLE.finditer(text):
        title, en = _head_post(juris)
        found.add_body(_Body(match.start(), match.end(), title, "post", en), "accountable",
                       match.start(), match.end(),
                       "the head of government is personally accountable (首长负责制)",
                       whole=True)
    for match in _LEADER_POST.finditer(text):
        char = match.group(1)
        post = _Body(match.start(), match.end(), char + "领导", "post", _LEADER_EN.get(char))
        found.add_body(post, "accountable", match.start(), match.end(),
                       "leaders are assigned to follow the work in person")


def _parent_level(level: str | None) -> str | None:
    return {"district": "city", "city": "province", "province": "national"}.get(level or "")


def _dedupe_stated(found: list[_Stated]) -> list[_Stated]:
    seen: set[tuple[str, str]] = set()
    out = []
    for item in sorted(found, key=lambda s: (s.start, s.body.name, s.role)):
        key = (item.body.name, item.role)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


# ---------------------------------------------------------------------------- mandate


@dataclass
class _Ranked:
    dept: DepartmentType
    confidence: float
    score: float
    cues: list[str] = field(default_factory=list)
    coordinating: bool = False  # put first as the coordinator of a target system


_PLANNING_RE = re.compile(
    "经济社会发展|国民经济|经济工作|经济发展|高质量发展|稳中求进|发展目标|目标任务|预期目标|"
    "规划|计划|增长|总体要求|宏观|发展"
)


# An enumeration of three or more items closed by 等 (在教育、医疗、养老、育幼等领域):
# it gives the scope of the work; the words around it say what the work is.
_ENUMERATION_RE = re.compile(r"(?:[^，。；：、\s]{1,14}、){2,}[^，。；：、\s]{1,14}?等")
ENUMERATION_SHARE = 0.5  # what cues inside enumerations still count


def _mask_enumerations(text: str) -> str:
    return _ENUMERATION_RE.sub(lambda m: "　" * len(m.group(0)), text)


def _rank_text(text: str, level: str | None) -> list[_Ranked]:
    """The catalog ranking, with cues inside enumerations (A、B、C等) counting less."""
    full = {d.iri: (d, c, cues) for d, c, cues in rank_departments(text)
            if department_available(d, level)}
    masked_text = _mask_enumerations(text)
    if masked_text == text:
        return [_Ranked(d, c, c, list(cues)) for d, c, cues in full.values()]
    masked = {d.iri: c for d, c, _ in rank_departments(masked_text)
              if department_available(d, level)}
    scores = {iri: (masked.get(iri, 0.0) + ENUMERATION_SHARE * c) / (1 + ENUMERATION_SHARE)
              for iri, (_, c, _) in full.items()}
    order = list(full)
    ranked = sorted(full, key=lambda iri: (-scores[iri], order.index(iri)))
    return [_Ranked(full[iri][0], round(scores[iri], 3), scores[iri], list(full[iri][2]))
            for iri in ranked]


def _aggregate(per_sentence: Sequence[tuple[float, list[_Ranked]]]) -> list[_Ranked]:
    """An item's ranking from its sentences' rankings: weighted confidence votes.

    Each sentence contributes its departments' confidences times its weight, so the
    department that leads most of the item's content (and its heading) wins, not the
    one with the most keywords in one long sentence.
    """
    votes: dict[str, float] = {}
    depts: dict[str, DepartmentType] = {}
    cues: dict[str, list[str]] = {}
    order: dict[str, int] = {}
    for weight, ranked in per_sentence:
        for position, entry in enumerate(ranked):
            iri = entry.dept.iri
            share = 1.0 if position == 0 else RUNNER_UP_SHARE
            votes[iri] = votes.get(iri, 0.0) + weight * share * entry.confidence
            depts[iri] = entry.dept
            order.setdefault(iri, len(order))
            known = cues.setdefault(iri, [])
            known.extend(c for c in entry.cues if c not in known)
    if not votes:
        return []
    ordered = sorted(votes, key=lambda iri: (-votes[iri], order[iri]))
    best = votes[ordered[0]]
    second = votes[ordered[1]] if len(ordered) > 1 else 0.0
    out = []
    for iri in ordered:
        score = votes[iri]
        rival = second if iri == ordered[0] else best
        confidence = (1.0 - math.exp(-score / _SATURATION)) * math.sqrt(score / (score + rival))
        out.append(_Ranked(depts[iri], round(confidence, 3), score, cues[iri]))
    return out


# ---------------------------------------------------------------------------- the document


@dataclass
class _DocContext:
    doc: Document
    juris: _Jurisdictions
    level: str | None
    mentions: dict[int, tuple[Mention, ...]]
    divisions: dict[str, Division]
    heading_sentence: dict[str, int]  # division path → index of its heading sentence
    sentence_rank: dict[int, list[_Ranked]] = field(default_factory=dict)
    sentence_stated: dict[int, list[_Stated]] = field(default_factory=dict)
    sentence_cues: dict[int, list[tuple[str, float, int, int, str]]] = field(
        default_factory=dict)

    def rank(self, index: int) -> list[_Ranked]:
        if index not in self.sentence_rank:
            self.sentence_rank[index] = _rank_text(self.doc.sentences[index].text, self.level)
        return self.sentence_rank[index]

    def cues(self, index: int) -> list[tuple[str, float, int, int, str]]:
        """(department IRI, weight, start, end, word) of every cue in a sentence."""
        if index not in self.sentence_cues:
            text = self.doc.sentences[index].text
            found = [(owner.iri, weight, cue.start, cue.end, cue.word)
                     for cue in find_keyword_cues(text) for owner, weight in cue.owners]
            found += [(m.department.iri, NAMED_WEIGHT, m.start, m.end, m.surface)
                      for m in find_departments(text)]
            self.sentence_cues[index] = found
        return self.sentence_cues[index]

    def stated(self, index: int) -> list[_Stated]:
        if index not in self.sentence_stated:
            self.sentence_stated[index] = _stated(
                self.doc.sentences[index].text, self.mentions.get(index, ()), self.juris,
                self.doc.metadata)
        return self.sentence_stated[index]


def _context(doc: Document) -> _DocContext:
    juris = _jurisdictions(doc.metadata)
    mentions: dict[int, list[Mention]] = {}
    for index, mention in doc.mentions:
        mentions.setdefault(index, []).append(mention)
    by_span = {(s.start, s.end): s.index for s in doc.sentences}
    heading_sentence = {}
    for division in doc.divisions:
        if division.heading_start is not None and division.heading_end is not None:
            index = by_span.get((division.heading_start, division.heading_end))
            if index is None:  # a heading that is not a whole sentence: its first sentence
                index = next((s.index for s in doc.sentences
                              if s.start >= division.heading_start
                              and s.start < division.heading_end), None)
            if index is not None:
                heading_sentence[division.path] = index
    return _DocContext(doc, juris, juris.level,
                       {k: tuple(v) for k, v in mentions.items()},
                       {d.path: d for d in doc.divisions}, heading_sentence)


def infer_responsibilities(
    doc: Document, assignments: Iterable[Responsibility] = ()
) -> list[Responsibility]:
    """Ranked responsibilities of every commitment of ``doc`` (see the module docstring).

    ``assignments`` (from ``plankg.assignments.read_assignment_table``) are merged in:
    they rank after stated leads and before mandate leads, and suppress inferred
    duplicates.
    """
    ctx = _context(doc)
    assigned: dict[str, list[Responsibility]] = {}
    for resp in assignments:
        assigned.setdefault(resp.commitment, []).append(resp)
    issuer = issuing_government(doc.metadata)
    final: dict[str, list[Responsibility]] = {}
    out: list[Responsibility] = []
    for commitment in doc.commitments:
        candidates: list[tuple[Responsibility, int]] = []
        candidates += _stated_for(ctx, commitment)
        candidates += [(r, TIER_ASSIGNMENT) for r in assigned.get(commitment.id, ())]
        # A department the text (or table) casts in another role (配合, 发挥…作用) is not
        # the mandate lead: its name alone must not win the ranking.
        elsewhere = {r.department for r, tier in candidates if r.department
                     and r.role != "lead" and tier <= TIER_ASSIGNMENT}
        candidates += _mandate_for(ctx, commitment, final.get(commitment.parent or ""),
                                   frozenset(elsewhere))
        candidates += _place_for(ctx, commitment)
        if issuer is not None:
            candidates.append((Responsibility(
                commitment=commitment.id, body=issuer[0], body_type="government-body",
                role="accountable", basis="issuer", confidence=CONF_ISSUER,
                rationale="issuing government of the document", body_en=issuer[1]),
                TIER_ISSUER))
        ranked = _rank(candidates)
        final[commitment.id] = ranked
        out.extend(ranked)
    return out


_STATED_BASES = ("stated", "assignment")
_SHARED_ROLES = ("lead", "cooperating")


def _rank(candidates: list[tuple[Responsibility, int]]) -> list[Responsibility]:
    """Drop inferred duplicates of stated bodies, keep one entry per body, role and basis,
    then sort by ``ranking_key``.

    An inferred responsibility goes when a stated one names the same body in the same
    role (the stated one takes its place in the ranking), or names the body as lead or
    cooperating for the whole commitment (由X牵头，Y配合 overrules the mandate ranking of
    X and Y). A commitment always keeps a lead.
    """
    stated_tier: dict[tuple[str, str], int] = {}
    whole: set[str] = set()
    for resp, tier in candidates:
        if resp.basis in _STATED_BASES:
            key = (resp.body, resp.role)
            stated_tier[key] = min(stated_tier.get(key, tier), tier)
            if resp.role in _SHARED_ROLES and tier <= TIER_ASSIGNMENT:
                whole.add(resp.body)
    best: dict[tuple[str, str, str], tuple[Responsibility, int]] = {}
    dropped_leads: list[tuple[Responsibility, int]] = []
    for resp, tier in candidates:
        key = (resp.body, resp.role)
        if resp.basis not in _STATED_BASES:
            if key in stated_tier:
                stated_tier[key] = min(stated_tier[key], tier)  # takes the inferred place
                continue
            if resp.role in _SHARED_ROLES and resp.body in whole:
                if resp.role == "lead":
                    dropped_leads.append((resp, tier))
                continue
        full = (resp.body, resp.role, resp.basis)
        if full not in best or ranking_key(resp, tier) < ranking_key(*best[full]):
            best[full] = (resp, tier)
    kept = list(best.values())
    if dropped_leads and not any(resp.role == "lead" for resp, _ in kept):
        kept.append(dropped_leads[0])
    ranked = []
    for resp, tier in kept:
        if resp.basis in _STATED_BASES:
            tier = min(tier, stated_tier[(resp.body, resp.role)])
        ranked.append((ranking_key(resp, tier), resp))
    ranked.sort(key=lambda pair: pair[0])
    return [resp for _, resp in ranked]


def _stated_for(ctx: _DocContext, commitment: Commitment) -> list[tuple[Responsibility, int]]:
    heading = ctx.heading_sentence.get(commitment.path)
    single = len(commitment.sentences) == 1
    out = []
    for index in commitment.sentences:
        for item in ctx.stated(index):
            whole = single or item.whole or index == heading or commitment.level == "sentence"
            body = item.body
            out.append((Responsibility(
                commitment=commitment.id, body=body.name, body_type=body.type, role=item.role,
                basis="stated", confidence=item.confidence,
                rationale=item.rationale if whole else
                item.rationale + " (in one sentence of this commitment)",
                body_en=body.en, department=body.department, sentence=index, start=item.start,
                end=item.end, cues=(item.cue,)), TIER_STATED_WHOLE if whole else
                TIER_STATED_PART))
    return out


def _weights(ctx: _DocContext, commitment: Commitment) -> list[tuple[int, float]]:
    heading = ctx.heading_sentence.get(commitment.path)
    sentences = commitment.sentences
    out = []
    for position, index in enumerate(sentences):
        weight = 1.0
        if index == heading:
            weight = HEADING_WEIGHT
        elif (heading is None and position == 0 and len(sentences) > 2
              and len(ctx.doc.sentences[index].text) <= _TOPIC_MAX_CHARS):
            weight = TOPIC_WEIGHT  # 多管齐下稳定和扩大就业。 opening a paragraph
        out.append((index, weight))
    return out


def _mandate_for(ctx: _DocContext, commitment: Commitment,
                 parent: list[Responsibility] | None,
                 elsewhere: frozenset[str] = frozenset()) -> list[tuple[Responsibility, int]]:
    if commitment.level == "sentence" or len(commitment.sentences) == 1:
        ranked = ctx.rank(commitment.sentences[0]) if len(commitment.sentences) == 1 else \
            _rank_text(commitment.text, ctx.level)
    else:
        ranked = _aggregate([(w, ctx.rank(i)) for i, w in _weights(ctx, commitment)])
    ranked = [r for r in ranked if r.dept.iri not in elsewhere]
    if ranked and _is_target_system(ctx, commitment, ranked):
        ranked = _coordinator_first(ranked, ctx.level)
    if ranked:
        return _mandate_responsibilities(ctx, commitment, ranked)
    return [_fallback(ctx, commitment, parent)]


def _is_target_system(ctx: _DocContext, commitment: Commitment, ranked: list[_Ranked]) -> bool:
    """Many targets owned by several departments: the plan's target system (主要预期目标)."""
    inside = set(commitment.sentences)
    targets = sum(1 for index, t in ctx.doc.targets if index in inside and t.kind == "target")
    if targets < TARGET_SYSTEM_MIN_TARGETS or targets < TARGET_SYSTEM_DENSITY * len(inside):
        return False  # a concrete item with a few output targets per sentence is not one
    real = [r for r in ranked if r.score >= _COOPERATING_MIN_SHARE * ranked[0].score]
    return len(real) >= TARGET_SYSTEM_MIN_DEPARTMENTS


def _coordinator_first(ranked: list[_Ranked], level: str | None) -> list[_Ranked]:
    planning, _ = _default_departments()
    if not department_available(planning, level):
        return ranked
    found = next((r for r in ranked if r.dept.iri == planning.iri), None)
    rest = [r for r in ranked if r.dept.iri != planning.iri]
    if found is None:
        found = _Ranked(planning, 0.0, 0.0, [])
    top = rest[0] if rest else found
    lead = _Ranked(planning, max(found.confidence, top.confidence), top.score,
                   found.cues, coordinating=True)
    return [lead, *rest]


def _body_for_dept(ctx: _DocContext, dept: DepartmentType) -> tuple[str, str | None]:
    return department_body(dept, ctx.juris.own, ctx.juris.own_en)


def _mandate_responsibilities(ctx: _DocContext, commitment: Commitment,
                              ranked: list[_Ranked]) -> list[tuple[Responsibility, int]]:
    lead = ranked[0]
    chosen = [lead] + [
        r for r in ranked[1:]
        if r.score >= _COOPERATING_MIN_SHARE * lead.score
        and r.confidence >= _COOPERATING_MIN_CONF
    ][:_MAX_COOPERATING]
    out = []
    for position, entry in enumerate(chosen):
        role = "lead" if position == 0 else "cooperating"
        name, en = _body_for_dept(ctx, entry.dept)
        sentence, start, end, cue = _strongest_cue(ctx, commitment, entry.dept)
        cues = tuple(entry.cues[:_MAX_CUES])
        rationale = (f"its mandate matches the wording ({'、'.join(cues[:3])})" if role == "lead"
                     else f"its mandate matches part of the wording ({'、'.join(cues[:3])})")
        if entry.coordinating:
            rationale = ("targets of several departments: the plan's target system is "
                         "coordinated by the development and reform commission")
        out.append((Responsibility(
            commitment=commitment.id, body=name, body_type=_KIND_BODY_TYPE.get(
                entry.dept.kind, "government-body"),
            role=role, basis="mandate", confidence=entry.confidence, rationale=rationale,
            body_en=en, department=entry.dept.iri, sentence=sentence, start=start, end=end,
            cues=cues, topics=entry.dept.cap_topics), TIER_MANDATE))
    return out


def _strongest_cue(ctx: _DocContext, commitment: Commitment, dept: DepartmentType
                   ) -> tuple[int | None, int | None, int | None, str | None]:
    """The sentence and span of the department's strongest cue in the commitment
    (heavier cue first, then a heavier sentence such as the heading, then the earliest)."""
    best: tuple[float, float, int, int, int, str] | None = None
    for index, weight in _weights(ctx, commitment):
        for iri, value, start, end, word in ctx.cues(index):
            if iri == dept.iri:
                key = (-value, -weight, index, start, end, word)
                if best is None or key < best:
                    best = key
    if best is None:
        return None, None, None, None
    return best[2], best[3], best[4], best[5]


def _fallback(ctx: _DocContext, commitment: Commitment,
              parent: list[Responsibility] | None) -> tuple[Responsibility, int]:
    """A lead for a commitment with no cue: headings, then the parent, then a default."""
    for division_path in _enclosing(ctx, commitment):
        index = ctx.heading_sentence.get(division_path)
        if index is None or index in commitment.sentences:
            continue
        ranked = ctx.rank(index)
        if ranked:
            top = ranked[0]
            name, en = _body_for_dept(ctx, top.dept)
            sentence, start, end, _ = _strongest_cue_in(ctx, index, top.dept)
            return Responsibility(
                commitment=commitment.id, body=name,
                body_type=_KIND_BODY_TYPE.get(top.dept.kind, "government-body"), role="lead",
                basis="mandate", confidence=round(min(CONF_FALLBACK_MAX, top.confidence * 0.5),
                                                  3),
                rationale="no cue in the commitment; the enclosing heading's wording decides",
                body_en=en, department=top.dept.iri, sentence=sentence, start=start, end=end,
                cues=tuple(top.cues[:_MAX_CUES]), topics=top.dept.cap_topics), TIER_MANDATE
    if parent:
        # The parent's final lead department (a stated 牵头 unit included).
        lead = next((r for r in parent if r.role == "lead" and r.department), None)
        if lead is not None:
            dept = department_by_iri(lead.department)
            return replace(
                lead, commitment=commitment.id, basis="mandate",
                topics=dept.cap_topics if dept else lead.topics,
                confidence=round(min(CONF_FALLBACK_MAX, lead.confidence * 0.5), 3),
                rationale="no cue in the sentence; the lead of the enclosing item is taken",
            ), TIER_MANDATE
    return _default_lead(ctx, commitment), TIER_MANDATE


def _enclosing(ctx: _DocContext, commitment: Commitment) -> list[str]:
    """Division paths from the commitment's own division outwards."""
    first = ctx.doc.sentences[commitment.sentences[0]] if commitment.sentences else None
    path = first.division if first else None
    out = []
    while path is not None:
        out.append(path)
        division = ctx.divisions.get(path)
        path = division.parent if division else None
    return out


def _strongest_cue_in(ctx: _DocContext, index: int, dept: DepartmentType
                      ) -> tuple[int | None, int | None, int | None, str | None]:
    probe = Commitment(id="", path="", level="sentence", start=0, end=0, text="",
                       sentences=[index])
    return _strongest_cue(ctx, probe, dept)


@cache
def _default_departments() -> tuple[DepartmentType, DepartmentType]:
    by_zh = {d.zh: d for d in load_departments()}
    return by_zh["发展和改革委员会"], by_zh["政府办公室"]


def _default_lead(ctx: _DocContext, commitment: Commitment) -> Responsibility:
    planning, office = _default_departments()
    sentence = start = end = None
    cue: tuple[str, ...] = ()
    for index in commitment.sentences:
        match = _PLANNING_RE.search(ctx.doc.sentences[index].text)
        if match:
            sentence, start, end, cue = index, match.start(), match.end(), (match.group(0),)
            break
    dept = planning if sentence is not None else office
    if sentence is None and commitment.sentences:
        sentence = commitment.sentences[0]
        start, end = 0, len(ctx.doc.sentences[sentence].text)
    name, en = _body_for_dept(ctx, dept)
    why = ("no department cue; general economic-planning language is the development and "
           "reform commission's by default" if dept is planning else
           "no department cue; the government's general office coordinates by default")
    return Responsibility(
        commitment=commitment.id, body=name,
        body_type=_KIND_BODY_TYPE.get(dept.kind, "government-body"), role="lead",
        basis="mandate", confidence=CONF_DEFAULT if dept is planning else CONF_DEFAULT * 0.75,
        rationale=why, body_en=en, department=dept.iri, sentence=sentence, start=start, end=end,
        cues=cue, topics=dept.cap_topics)


# ---------------------------------------------------------------------------- place


def _place_for(ctx: _DocContext, commitment: Commitment) -> list[tuple[Responsibility, int]]:
    out: list[tuple[Responsibility, int]] = []
    seen: set[str] = set()
    for index in commitment.sentences:
        for mention in ctx.mentions.get(index, ()):
            place_type = None
            if mention.category == "place" and mention.type in _LOCAL_TYPES:
                place_type, name = mention.type, mention.name
            elif mention.category == "project" and mention.located_in and (
                    _LOCAL_SUFFIX_RE.search(mention.located_in)):
                name = mention.located_in
                place_type = ("subdistrict" if name.endswith("街道") else
                              "village" if name.endswith(("村", "社区")) else "town")
            if place_type is None or name in seen:
                continue
            seen.add(name)
            body, body_type, en = local_government(name, place_type)
            where = "project located in" if mention.category == "project" else "work in"
            out.append((Responsibility(
                commitment=commitment.id, body=body, body_type=body_type, role="implementing",
                basis="place", confidence=CONF_PLACE,
                rationale=f"the commitment names {where} {name}; its government carries the "
                "work out locally", body_en=en, sentence=index, start=mention.start,
                end=mention.end, cues=(mention.text,)), TIER_PLACE))
    return out
