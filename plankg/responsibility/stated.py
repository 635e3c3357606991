"""The grammar of stated roles: 由X牵头, A会同B, 配合市里, 支持X, 力促X项目投产, 首长负责制 …."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from plankg.model import Mention, Metadata
from plankg.responsibility.bodies import (
    _NOT_BENEFICIARY_TYPES,
    Body,
    sentence_bodies,
)
from plankg.responsibility.jurisdiction import (
    LEVEL_RANK,
    Jurisdictions,
    government_name,
    higher_government,
    jurisdictions_of,
    parent_level,
)
from plankg.responsibility.ranking import (
    CONF_STATED,
    CONF_STATED_EXPLICIT,
    CONF_STATED_NAMED,
)


@dataclass(frozen=True)
class StatedRole:
    body: Body
    role: str
    start: int  # cue span in the sentence
    end: int
    cue: str
    confidence: float
    rationale: str
    whole: bool = False  # says who leads the whole item (由X牵头), not one sentence



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


def _head_post(juris: Jurisdictions) -> tuple[str, str]:
    own = juris.own or ""
    if own.endswith("县"):
        return "县长", "County Head"
    if own.endswith("旗"):
        return "旗长", "Banner Head"
    if own.endswith("州") and juris.level == "city":
        return "州长", "Prefecture Head"
    return _POST_TITLE.get(juris.level or "", ("行政首长", "Head of government"))


def _skeleton(text: str, bodies: Sequence[Body]) -> tuple[str, list[int], list[int]]:
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
    juris = jurisdictions_of(metadata)
    return [(s.body.name, s.role, s.cue)
            for s in stated_roles(text, tuple(mentions), juris, metadata)]


@dataclass
class _Found:
    """Stated roles collected for one sentence; a body takes the first role it gets."""

    text: str
    bodies: list[Body]
    offsets: list[int]
    owner: list[int]
    items: list[StatedRole] = field(default_factory=list)
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
        self.items.append(StatedRole(self.bodies[index], role, start, end, self.text[start:end],
                                  confidence, rationale, whole))
        self.used.add(index)

    def add_body(self, body: Body, role: str, start: int, end: int, rationale: str,
                 whole: bool = False) -> None:
        self.items.append(StatedRole(body, role, start, end, self.text[start:end], CONF_STATED,
                                  rationale, whole))


def stated_roles(text: str, mentions: tuple[Mention, ...], juris: Jurisdictions,
            metadata: Metadata) -> list[StatedRole]:
    bodies = sentence_bodies(text, mentions, juris, metadata)
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


def _explicit_roles(found: _Found, skeleton: str, juris: Jurisdictions) -> None:
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
    own_gov = government_name(juris.own)
    own_rank = LEVEL_RANK.get(juris.level or "", 0)
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
        higher = [i for i in leads if LEVEL_RANK.get(found.bodies[i].level or "", 0) > own_rank]
        if higher and not helpers and own_gov and verb != "会同":
            own = Body(0, 0, own_gov[0], "government-body", own_gov[1], level=juris.level)
            found.add_body(own, "cooperating", *found.span(match),
                           "the document's government cooperates with a higher body")
    for pattern in _PLAY_ROLE:
        for match in pattern.finditer(skeleton):
            for i in found.members(match.span(1)):
                found.add(i, "cooperating", match, "the text asks it to play its part (发挥…作用)")
    for match in _CONSULTED.finditer(skeleton):
        found.used.update(found.members(match.span(1)))  # consulted, not responsible


def _relation_roles(found: _Found, skeleton: str, juris: Jurisdictions) -> None:
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
                    body.type == "government-body" and body.level in LEVEL_RANK):
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


def _level_roles(found: _Found, juris: Jurisdictions) -> None:
    """Bodies named by level words: 配合市里, 中央督察, 行政首长负责制, 区领导联系."""
    text = found.text
    own_rank = LEVEL_RANK.get(juris.level or "", -1)
    if juris.level != "national":
        for match in _SUPERVISE_LEVEL.finditer(text):
            word = match.group(1)
            if word in _CENTRAL_BODIES:
                name, en, body_type = _CENTRAL_BODIES[word]
                level = "national"
            else:  # 上级: the government one level up
                level = parent_level(juris.level) or "national"
                (name, en), body_type = higher_government(juris, level), "government-body"
            body = Body(match.start(1), match.end(1), name, body_type, en, level=level)
            found.add_body(body, "supervising", match.start(), match.end(),
                           "a central inspection or assessment reviews the work")
    own_gov = government_name(juris.own)
    for match in _HIGHER_COOP.finditer(text):
        word = match.group(2)
        level = ("national" if word in ("国家", "中央", "党中央") else
                 "province" if word.startswith("省") else
                 "city" if word.startswith("市") else parent_level(juris.level))
        if level is None or LEVEL_RANK[level] <= own_rank:
            continue
        name, en = higher_government(juris, level)
        higher = Body(match.start(2), match.end(2), name, "government-body", en, level=level)
        found.add_body(higher, "lead", match.start(), match.end(),
                       f"the text says to work with ({match.group(1)}) the higher government, "
                       "which leads")
        if own_gov:
            own = Body(0, 0, own_gov[0], "government-body", own_gov[1], level=juris.level)
            found.add_body(own, "cooperating", match.start(), match.end(),
                           "the document's government cooperates with a higher body")
    for match in _HEAD_RESPONSIBLE.finditer(text):
        title, en = _head_post(juris)
        found.add_body(Body(match.start(), match.end(), title, "post", en), "accountable",
                       match.start(), match.end(),
                       "the head of government is personally accountable (首长负责制)",
                       whole=True)
    for match in _LEADER_POST.finditer(text):
        char = match.group(1)
        post = Body(match.start(), match.end(), char + "领导", "post", _LEADER_EN.get(char))
        found.add_body(post, "accountable", match.start(), match.end(),
                       "leaders are assigned to follow the work in person")




def _dedupe_stated(found: list[StatedRole]) -> list[StatedRole]:
    seen: set[tuple[str, str]] = set()
    out = []
    for item in sorted(found, key=lambda s: (s.start, s.body.name, s.role)):
        key = (item.body.name, item.role)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
