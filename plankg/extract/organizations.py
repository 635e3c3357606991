"""Organizations named in a sentence.

Types (documented list):

* company — 有限公司/股份有限公司/集团/公司 with a proper head; also bare brand-like
  names listed before 等项目/等企业 (力促柯马机器人、广东未来等项目投产).
* research-institute — 研究院/研究所/科学院/工程院/研究中心/实验室 with a proper head.
* university — 大学/学院/职业技术学院/党校, and the X职院 abbreviation.
* government-body — departments (区发改委, 财政部, 市场监管总局, 海关总署), people's
  governments (重庆市渝北区人民政府, 各镇人民政府, 区政府各部门), 街道办事处, 管委会,
  国务院, and level references (市里 → 市政府, 中央 → 中央政府).
* party-organ — 党中央/中共中央, 区委/市委/省委/县委 and their departments (区委组织部).
* legislature — 人民代表大会 (区十八届人民代表大会, 区人代会), 人大常委会, 全国人大,
  政协 with a level prefix, 全国政协, 人民政协.
* judicial — 人民法院, 人民检察院.
* mass-organization — 工会/总工会/共青团/团委/妇联/残联/科协/红十字会/工商联/侨联/文联.
* exchange — 证券交易所/期货交易所/交易所, 上交所/深交所/北交所, X股权交易中心, 重庆OTC.
  Boards (科创板, 创业板, 新三板, 主板) are market segments, not organizations: not emitted.
* international-organization — 世界银行, 联合国, 世界贸易组织/WTO, IMF, 上合组织 …
* platform — named 平台/数据谷/众创空间/孵化器/加速器 (proper head, or listed with one).
* bank — 银行 with a proper head (中国人民银行, 重庆农村商业银行); generic 中小银行 no.
* hospital — 医院/中医院/人民医院/妇幼保健院 with a proper head or a level prefix (区中医院).
* school — 中学/小学/幼儿园/实验学校 with a proper head.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plankg.extract import grammar as gr
from plankg.extract import lexicon as lx
from plankg.extract import tokens as tk
from plankg.extract.aliases import canonical_name
from plankg.extract.companies import company_spans
from plankg.extract.context import NameContext
from plankg.extract.suffixes import (
    department_suffixes,
    organization_suffixes,
    place_suffixes,
)
from plankg.extract.wordlists import table, word_list
from plankg.model import Mention

_LEVEL = "省市区县镇乡"

# Fixed names: surface → type. General national and international bodies.
_FIXED: dict[str, str] = {row["name"]: row["type"] for row in table("organizations_fixed.tsv")}
# The State Council's departments and agencies and the central organs, by name and alias.
_FIXED.update({surface: row["type"] for row in table("central_bodies.tsv")
               for surface in (row["name"], *filter(None, row["aliases"].split("|")))})

# Department stems (general names of government functions, district to national).
_DEPARTMENT_STEMS = sorted(word_list("department_stems.txt"))
_DEPT_SUFFIXES = department_suffixes()

_STEM_ALT = "|".join(sorted(_DEPARTMENT_STEMS, key=len, reverse=True))
_DEPT_RE = re.compile(
    rf"(?:(?:各)?(?:国家|国务院|全国|中央|[{_LEVEL}])(?:委)?)?(?:{_STEM_ALT})"
    rf"(?:{'|'.join(_DEPT_SUFFIXES)})"
)
_GOV_RE = re.compile(
    rf"(?:各)?(?:[{_LEVEL}]{{1,3}}|街道)(?:人民)?政府(?:各部门|办公室|办公厅)?"
    rf"|(?:各)?街道办事处"
    rf"|[{_LEVEL}]委(?:{_STEM_ALT})?(?:部|办|委)?(?![员会])"
    rf"|[{_LEVEL}]纪委(?:监委)?"
    rf"|(?:[{_LEVEL}]|街道)(?:总工会|妇联|残联|科协|红十字会|工商联|侨联|文联|社科联)"
    rf"|团[{_LEVEL}]委"
    rf"|[{_LEVEL}](?:第?[一二三四五六七八九十]+届)?(?:人民代表大会(?:常务委员会)?|人大常委会|人大|人代会|政协)"
    rf"|[{_LEVEL}](?:高级|中级)?(?:人民)?(?:法院|检察院)"
    rf"|(?:市里|区里|县里|省里)"
)
# A bare level word before these is a reference to the body, not a department stem.
_LEVEL_SUFFIX_RE = re.compile(
    r"(?:人民政府(?:办公室|办公厅)?|政府(?:办公室|办公厅)?|街道办事处|办事处|管委会|管理委员会"
    r"|人民代表大会(?:常务委员会)?|人大常委会|人民法院|人民检察院)"
)

_ORG_SUFFIXES = tuple((x.text, x.type, x.strict) for x in organization_suffixes())
_ORG_SUFFIX_TYPE = {s: (t, strict) for s, t, strict in _ORG_SUFFIXES}
_ORG_SUFFIX_RE = re.compile(
    "|".join(re.escape(s) for s, _, _ in sorted(_ORG_SUFFIXES, key=lambda x: -len(x[0])))
)
_FIXED_RE = re.compile("|".join(re.escape(s) for s in sorted(_FIXED, key=len, reverse=True)))
_OTC_RE = re.compile(r"([\u4e00-\u9fff]{2,3})OTC")
_CENTRAL_RE = re.compile(r"(?<![党])中央(?=[和与及、，]|$)|(?<=[和与及、])中央")
# 国家 is a level reference only next to another one (贯彻落实国家、市里…).
_NATION_RE = re.compile(
    r"(?<=[和与、])国家(?=[，。；、]|$)|国家(?=[、和与](?:市里|省里|区里|中央))"
)

NO_CONTEXT = NameContext()
_PLACE_CENTRES = tuple(x.text for x in place_suffixes() if x.text.endswith("中心")) + (
    "副中心", "数据中心")

# Words after a platform-like suffix that show a generic use (平台建设 is fine).
_GENERIC_PLATFORM_HEADS = word_list("generic_platform_heads.txt")


@dataclass
class _Org:
    start: int
    end: int
    type: str
    rule: str
    name: str | None = None
    located_in: str | None = None


def extract_organizations(sentence: str, context: NameContext = NO_CONTEXT) -> list[Mention]:
    """Organizations in one cleaned sentence, in text order, with offsets into it."""
    return _extract(sentence, context)


def _extract(sentence: str, context: NameContext) -> list[Mention]:
    found: list[_Org] = []
    admin = [m for m in lx.dictionary_matches(sentence) if m.type != "phrase"]
    if context.jurisdiction is not None:  # 会同农业农村厅: 会同 is no county of this province
        admin = [m for m in admin if lx.strength_in(m, context.provinces) != "weak"]
    found.extend(_fixed(sentence))
    found.extend(_governments(sentence, admin))
    found.extend(_departments(sentence, admin))
    found.extend(_suffixed(sentence, admin))
    found.extend(_listed_companies(sentence, found))
    found.extend(_otc(sentence))
    found.extend(_central(sentence))
    found.extend(_hotlines(sentence))
    kept = _resolve(found)
    kept = _platform_lists(sentence, kept)
    kept = _parts(sentence, kept)
    return [_to_mention(sentence, org) for org in kept]


def _fixed(sentence: str) -> list[_Org]:
    out = []
    for match in _FIXED_RE.finditer(sentence):
        s, e = match.span()
        surface = match.group()
        kind = _FIXED[surface]
        if surface == "工会" and s > 0 and sentence[s - 1] in "开复":
            continue  # 开工会议, 复工会商: not the trade union
        if kind == "international-organization" and surface == "金砖国家" and not sentence[
            e : e + 3
        ].startswith(("领导人", "峰会", "会晤")):
            continue
        if surface == "两院" and not sentence.startswith("院士", e):
            continue  # 两院院士: the two academies; 两院 alone is ambiguous
        if surface == "工程院" and not sentence[max(0, s - 2) : s].endswith("中国"):
            continue
        out.append(_Org(s, e, kind, "fixed"))
    return out


def _governments(sentence: str, admin: list[lx.DictMatch]) -> list[_Org]:
    out = []
    for match in _GOV_RE.finditer(sentence):
        s, e = match.span()
        text = match.group()
        if text.endswith("委") and s > 0 and sentence[s - 1] in "常党纪":
            continue  # 常委, 党委 handled elsewhere or generic
        if text in ("区里", "市里", "县里", "省里") and sentence[e : e + 1] in ("面", "头", "程"):
            continue  # 区里面, 市里程: not a level reference
        prefix = _admin_prefix(admin, s)
        start = prefix.start if prefix else s
        if text.startswith("各"):
            start = s
        kind = _gov_kind(text)
        out.append(_Org(start, e, kind, "level-reference" if prefix is None else "admin-body",
                        located_in=prefix.name if prefix else None))
    # X人民政府 / X管委会 / X街道办事处 with an admin or zone name as X.
    for match in _LEVEL_SUFFIX_RE.finditer(sentence):
        s, e = match.span()
        prefix = _admin_prefix(admin, s)
        if prefix is not None:
            out.append(_Org(_chain_start(admin, prefix), e, _gov_kind(match.group()),
                            "admin-body", located_in=prefix.name))
    return out


def _gov_kind(text: str) -> str:
    if "人民代表大会" in text or "人大" in text or "人代会" in text or "政协" in text:
        return "legislature"
    if "法院" in text or "检察院" in text:
        return "judicial"
    if re.search("工会|妇联|残联|科协|红十字会|工商联|侨联|文联|社科联", text) or text.startswith(
        "团"
    ):
        return "mass-organization"
    if re.match(rf"[{_LEVEL}]纪?委", text):
        return "party-organ"
    return "government-body"


def _admin_prefix(admin: list[lx.DictMatch], index: int) -> lx.DictMatch | None:
    for match in admin:
        if match.end == index and match.type in ("province", "city", "district"):
            return match
    return None


def _chain_start(admin: list[lx.DictMatch], prefix: lx.DictMatch) -> int:
    """重庆市渝北区人民政府: the org starts at 重庆市, not 渝北区."""
    start = prefix.start
    while True:
        before = _admin_prefix(admin, start)
        if before is None:
            return start
        start = before.start


def _departments(sentence: str, admin: list[lx.DictMatch]) -> list[_Org]:
    out = []
    for match in _DEPT_RE.finditer(sentence):
        s, e = match.span()
        text = match.group()
        if e < len(sentence) and sentence[e] in _NOT_AFTER.get(text[-1], ""):
            continue  # 部门, 部署, 委员, 局面, 办公 are not departments
        if text.endswith("部") and not (
            text.startswith(tuple(_LEVEL)) or tk.pos_of(text) == "nt"
            or re.search("(?:外交|国防|财政|商务|教育|科技|公安|民政|司法|自然资源|生态环境|水利|"
                         "农业农村|交通运输|审计|应急管理|组织|宣传|统战|文化和旅游|"
                         "人力资源(?:和)?社会保障|住房(?:和)?城乡建设|工业和信息化|退役军人事务)部$",
                         text)
        ):
            continue
        if (
            s > 0
            and tk.is_cjk(sentence[s - 1])
            and not _admin_prefix(admin, s)
            and not text.startswith(tuple(_LEVEL) + ("国家", "国务院", "全国", "中央"))
            and _glued_to_word(sentence, s)
        ):
            continue  # a bare stem at the tail of another word (…的商务办公) is no body
        prefix = _admin_prefix(admin, s)
        start = _chain_start(admin, prefix) if prefix else s
        kind = "party-organ" if re.match(rf"[{_LEVEL}]委(?:组织|宣传|统一战线工作|统战|政法|网信)",
                                          text) else "government-body"
        if text.endswith(("组织部", "宣传部", "统战部")) or "纪律检查" in text:
            kind = "party-organ"
        out.append(_Org(start, e, kind, "department",
                        located_in=prefix.name if prefix else None))
    return out


_NOT_AFTER = {"部": "门分署位队属长件", "委": "员会托", "局": "面势长部限",
              "办": "公理法学事好成", "厅": "长", "署": "名长"}


def _glued_to_word(sentence: str, s: int) -> bool:
    before = sentence[max(0, s - 3) : s]
    tokens = tk.segment(before, s - len(before))
    return bool(tokens) and tokens[-1].end == s and not gr.is_stop_token(tokens[-1])


def _suffixed(sentence: str, admin: list[lx.DictMatch]) -> list[_Org]:
    out = []
    for match in _ORG_SUFFIX_RE.finditer(sentence):
        s, e = match.span()
        suffix = match.group()
        kind, strict = _ORG_SUFFIX_TYPE[suffix]
        if e < len(sentence) and _continues(sentence, e, suffix):
            continue
        if suffix.endswith("中心") and sentence[:e].endswith(_PLACE_CENTRES):
            continue  # 湛江文化中心, 国际科技创新中心: venues and designations are places
        prefix = _admin_prefix(admin, s)
        start, tokens = gr.extend_left(sentence, s, max_chars=14)
        if kind in ("government-body",):
            continue  # handled with their admin prefixes in _governments
        anchored = _anchored_head(sentence, s, admin, kind) if kind in _ANCHORED_KINDS else None
        if anchored is not None and anchored <= start:
            # 中国科学院东莞材料科学与技术研究所, 惠州强流重离子加速器, 国家海洋综合试验场,
            # 省…投资引导基金: an institution's name runs from its place or level.
            out.append(_Org(anchored, e, kind, f"anchored-{suffix}"))
            continue
        head = sentence[start:s]
        if suffix == "职院":
            if not 1 <= len(head) <= 3:
                continue
        elif len(head) < 2 and not (kind == "hospital" and head in tuple(_LEVEL)):
            if not (kind == "hospital" and start > 0 and sentence[start - 1] in _LEVEL):
                continue
            start -= 1
            head = sentence[start:s]
        if suffix == "小学" and head.endswith("中"):
            continue  # 中小学: primary and secondary schools in general, no one school
        if gr.names_a_class(head):
            continue  # 市级医院, 乡镇卫生院, 市级…产业基金: a class of bodies, not one
        if kind == "hospital" and head and head[0] in _LEVEL and len(head) <= 2:
            out.append(_Org(start, e, kind, f"suffix-{suffix}"))
            continue
        if head.endswith("型") or head in _GENERIC_UNIVERSITY_HEADS:
            continue
        if kind not in ("university", "school") and gr.is_generic_head(tokens):
            continue  # school names are proper even when made of ordinary words (滨江中学)
        if kind == "platform" and (
            head in _GENERIC_PLATFORM_HEADS or (suffix == "平台" and len(head) < 3)
        ):
            continue
        if kind == "international-organization" and not re.match("(?:国际|世界|联合国)", head):
            continue
        if (
            suffix in ("公司", "集团")
            and tokens
            and tokens[-1].word + suffix in _GENERIC_COMPANIES
        ):
            continue  # 航空公司, 上市公司: a kind of company, not a name
        if strict and not (gr.has_proper_evidence(tokens) or _placeholder(head)):
            if kind != "platform":
                continue
            out.append(_Org(start, e, kind, f"suffix-{suffix}-weak"))
            continue
        # 成都市XX研究院 is located in 成都市; 北京大学 merely carries the name.
        located = (
            prefix.name if prefix and prefix.start == start and prefix.strength == "full" else None
        )
        out.append(_Org(start, e, kind, f"suffix-{suffix}", located_in=located))
    return out


_GENERIC_UNIVERSITY_HEADS = word_list("generic_university_heads.txt")
_ANCHORED_KINDS = frozenset({"research-institute", "research-facility", "platform", "fund",
                             "exchange", "cultural-institution", "delegation"})
_CLAUSE_MARKS = "，。；：、（“”《》"
_ANCHOR_WORDS = ("国家", "全国", "中国", "省", "市", "区", "县")


def _anchored_head(
    sentence: str, s: int, admin: list[lx.DictMatch], kind: str
) -> int | None:
    """Where an institution's name starts when it begins with a place, 国家/全国/中国 or a
    level (省/市) at the start of its clause or list item, after any governing verb."""
    lo = max(0, s - 20)
    clause = max((sentence.rfind(c, lo, s) for c in _CLAUSE_MARKS + "的和及或等"), default=-1)
    begin = clause + 1 if clause >= 0 else lo
    if clause < 0 and lo > 0:
        return None
    anchors = {m.start for m in admin if m.strength != "weak"} | {
        m.start() for m in _FIXED_RE.finditer(sentence, begin, s)}
    tokens = tk.segment(sentence[begin:s], begin)
    for index, token in enumerate(tokens):
        head = sentence[token.start : s]
        if token.start in anchors or token.word in _ANCHOR_WORDS:
            rest = [t for t in tokens[index + 1 :] if t.word not in _ANCHOR_WORDS]
            if not 3 <= len(head) <= 18 or head.endswith("与") or any(
                len(t.word) > 1 and (t.pos or "").startswith("v") and gr.is_stop_token(t)
                for t in rest
            ):
                return None  # 与中国科学院合作共建…研究院: a verb inside is no name
            if (kind != "fund" and token.start not in anchors and len(rest) < 2
                    and gr.is_generic_head(rest)):
                return None  # 国家实验室, 国家医学中心: a kind of institution, not one
            return token.start
        if not gr.is_stop_token(token) and len(token.word) > 1:
            return None  # 加快建设…, 用好…: only governing verbs stand before the name
    return None
_GENERIC_COMPANIES = word_list("generic_companies.txt")


def _placeholder(head: str) -> bool:
    return head.startswith(("某某", "XX", "××", "ＸＸ"))


# Characters after a suffix that make it part of another word (平台化, 大学生, 中心城市).
_CONTINUATIONS = {row["suffix"]: row["next_characters"]
                  for row in table("organization_suffix_continuations.tsv")}


def _continues(sentence: str, e: int, suffix: str) -> bool:
    nxt = sentence[e : e + 1]
    return bool(nxt) and nxt in _CONTINUATIONS.get(suffix, "")


def _listed_companies(sentence: str, found: list[_Org]) -> list[_Org]:
    """Companies named by the grammar of a list (extract/companies.py)."""
    taken = [(o.start, o.end) for o in found]
    return [_Org(s, e, "company", rule) for s, e, rule in company_spans(sentence, taken)]


_HOTLINE_RE = re.compile(r"(?<![0-9])1[0-9]{4}(?![0-9])[\u4e00-\u9fff]{0,8}?"
                         r"(?:热线|服务台|服务中心|服务平台|服务站)")


def _hotlines(sentence: str) -> list[_Org]:
    """12345热线, 12355青少年服务台, 12338妇联维权服务中心: public service hotlines."""
    return [_Org(m.start(), m.end(), "hotline", "hotline") for m in _HOTLINE_RE.finditer(sentence)]


def _parts(sentence: str, kept: list[_Org]) -> list[_Org]:
    """Bodies named inside a longer name are mentioned too (中国科学院 in
    中国科学院东莞材料科学与技术研究所, 妇联 in 12338妇联维权服务中心)."""
    spans = {(o.start, o.end) for o in kept}
    parts = [o for o in _fixed(sentence) if (o.start, o.end) not in spans and any(
        k.start <= o.start and o.end < k.end for k in kept)]  # (区妇联 is no 妇联 part)
    return sorted(kept + parts, key=lambda o: (o.start, -(o.end - o.start)))


def _otc(sentence: str) -> list[_Org]:
    out = []
    for match in _OTC_RE.finditer(sentence):
        place = match.group(1)
        for k in range(len(place) - 1):
            if lx.lookup_admin(place[k:]) is not None:
                out.append(_Org(match.start(1) + k, match.end(), "exchange", "otc"))
                break
    return out


def _central(sentence: str) -> list[_Org]:
    out = [_Org(m.start(), m.end(), "government-body", "level-reference")
           for m in _CENTRAL_RE.finditer(sentence)]
    out.extend(_Org(m.start(), m.end(), "government-body", "level-reference")
               for m in _NATION_RE.finditer(sentence))
    return out


def _resolve(found: list[_Org]) -> list[_Org]:
    # A weak platform (kept only in a list of proper ones) never hides a proper name.
    ordered = sorted(found, key=lambda o: (o.rule.endswith("-weak"), -(o.end - o.start), o.start))
    kept: list[_Org] = []
    for org in ordered:
        if any(org.start < k.end and k.start < org.end for k in kept):
            continue
        kept.append(org)
    kept.sort(key=lambda o: o.start)
    return kept


def _platform_lists(sentence: str, kept: list[_Org]) -> list[_Org]:
    """Weak platforms survive only in a 、 list with a proper platform."""
    result = []
    for org in kept:
        if not org.rule.endswith("-weak"):
            result.append(org)
            continue
        neighbours = [
            k for k in kept
            if k is not org and k.type == "platform" and not k.rule.endswith("-weak")
            and (sentence[k.end : org.start] == "、" or sentence[org.end : k.start] == "、")
        ]
        if neighbours:
            org.rule = org.rule[: -len("-weak")] + "-listed"
            result.append(org)
    return result


def _to_mention(sentence: str, org: _Org) -> Mention:
    text = sentence[org.start : org.end]
    name = canonical_name(org.name or text, "organization", org.type)
    return Mention(
        category="organization",
        type=org.type,
        text=text,
        name=name,
        start=org.start,
        end=org.end,
        rule=org.rule,
        located_in=org.located_in,
    )
