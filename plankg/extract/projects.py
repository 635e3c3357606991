"""Named construction and investment projects in a sentence.

* Facility suffixes name a project by themselves: …污水处理厂, …水厂, …综合体, …跑道,
  …示范带, …步道, …工程 and …项目 with a proper head (a place, a company, an
  out-of-vocabulary name or a code: 木耳镇中小企业基地污水处理项目, 渝北城区环境综合整治PPP项目).
* Place-like suffixes (…水库, …快速路, …快速通道, …产业园, …码头, …航站楼, …公园, …小镇)
  name a project only when the sentence says it is being built (推进碑口水库建设,
  开工建设洛碛码头一期, 助推T3B航站楼和第四跑道早日开工). The place mention stays as
  well; both carry the same canonical name (洛碛码头一期 → 洛碛码头).
* A shared suffix distributes over a 、 list (洛碛镇、统景镇污水处理厂 → two plants).
* Items listed before 等项目 are projects too (古洛环线乡村振兴示范带、木耳田园综合体、
  统景旅游区等项目); bare brand-like items (柯马机器人、广东未来等项目) are companies'
  projects and carry ``company``.
* ``located_in`` is the place the project name starts with (洛碛镇污水处理厂 → 洛碛镇);
  ``company`` the company the name starts with or that owns the listed project.

Types: sewage-plant, water-plant, waste-plant, power-plant, water-conservancy (水利枢纽),
reservoir, road, bridge, rail, industrial-park, port, terminal, runway, complex, park,
housing, school, hospital, greenway, demonstration-belt, engineering (工程), project
(…项目 and listed items).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from plankg.extract import grammar as gr
from plankg.extract import lexicon as lx
from plankg.extract import tokens as tk
from plankg.extract.aliases import canonical_name
from plankg.extract.suffixes import ProjectSuffix, is_bare_name, project_suffixes
from plankg.extract.wordlists import word_list
from plankg.model import Mention

_SUFFIXES = project_suffixes()
_Suffix = ProjectSuffix
_SUFFIX_BY_TEXT = {s.text: s for s in _SUFFIXES}
_SUFFIX_RE = re.compile(
    "|".join(re.escape(s.text) for s in sorted(_SUFFIXES, key=lambda s: -len(s.text)))
)
_PHASE_RE = re.compile(
    r"(?:[一二三四五六七八九十]|[0-9]+)期(?:工程)?|[（(][一二三四五六七八九十]+期[）)]"
)

# Construction context: a build verb before the name (within the clause) or after it.
_BUILD_BEFORE_RE = re.compile(
    "(?:建设|新建|改建|扩建|续建|建成|开工|动工|推进|加快|启动|助推|争取|谋划|打造|"
    "投用|投运|规划建设|开工建设|加快建设)[^，。；]{0,12}$"
)
_BUILD_AFTER_RE = re.compile(
    r"^(?:[一二三四五六七八九十]期)?(?:[、和及与][^，。；]{0,20})?(?:等[^，。；]{0,6})?"
    r"(?:项目)?(?:早日|尽早|尽快|加快|全面|顺利)?"
    "(?:建设|开工|动工|建成|竣工|投用|投运|提标改造|改造|扩建|扩能|启动建设|开园|通车|前期)"
)

# Verbs allowed inside a project head (环境综合整治PPP项目, 地质环境恢复工程).
_PROJECT_VERBS = word_list("project_verbs.txt")
_GENERIC_PROJECT_HEADS = word_list("generic_project_heads.txt")

_LIST_PROJECT_RE = re.compile(r"等((?:在建|重点|重大|一批|骨干|龙头|制造业|工业|签约|落地|招商|新|"
                              r"市级|区级|技改|产业化|安置房|民生|商业综合体|[\u4e00-\u9fff]{0,4}?)"
                              r")(项目|工程)")


# Financing instruments are not construction projects (亚洲开发银行贷款项目).
_FINANCING = ("贷款", "资金", "债券", "基金", "补助", "补贴", "奖励")


@dataclass
class _Project:
    start: int
    end: int
    type: str
    name: str
    rule: str
    located_in: str | None = None
    company: str | None = None


def extract_projects(
    sentence: str, places: Sequence[Mention], organizations: Sequence[Mention]
) -> list[Mention]:
    """Projects in one sentence; ``places``/``organizations`` are that sentence's mentions."""
    found: list[_Project] = []
    for match in _SUFFIX_RE.finditer(sentence):
        found.extend(_from_suffix(sentence, match, places, organizations))
    found.extend(_listed(sentence, places, organizations, found))
    phrases = lx.phrase_spans(sentence)
    found = [p for p in found if not any(p.start < b and a < p.end for a, b in phrases)]
    kept = _resolve(found)
    for project in kept:
        _link_clause(sentence, project, places, organizations)
    return [_to_mention(sentence, p) for p in kept]


_BUILDER_RE = re.compile("负责|承建|投资|建设|实施|开发|运营|牵头|出资|代建")
_AT_RE = re.compile("(?:在|于|位于)$")
_ADMIN_TYPES = frozenset({"province", "city", "district", "town", "subdistrict", "village"})


def _link_clause(
    sentence: str, project: _Project, places: Sequence[Mention],
    organizations: Sequence[Mention],
) -> None:
    """Links the text states in the clause before the project.

    某某水务集团有限公司负责城西污水处理厂扩建 → company; 在木耳镇建设污水处理厂 → located_in.
    """
    clause_start = max(sentence.rfind(c, 0, project.start) for c in "，。；：") + 1
    if project.company is None:
        for org in organizations:
            if (org.type == "company" and clause_start <= org.start and org.end <= project.start
                    and _BUILDER_RE.search(sentence, org.end, project.start)):
                project.company = org.name
    if project.located_in is None:
        for place in places:
            if (place.type in _ADMIN_TYPES and clause_start <= place.start
                    and place.end <= project.start
                    and _AT_RE.search(sentence, clause_start, place.start)):
                project.located_in = place.name


def _from_suffix(
    sentence: str, match: re.Match[str], places: Sequence[Mention],
    organizations: Sequence[Mention],
) -> list[_Project]:
    s, e = match.span()
    suffix = _SUFFIX_BY_TEXT[match.group()]
    if _in_quotes(sentence, s, e):
        return []
    end = e
    phase = _PHASE_RE.match(sentence, e)
    if phase:
        end = phase.end()
    head_end = s
    if suffix.text == "号线":
        while head_end > 0 and re.match(r"[0-9一二三四五六七八九十]", sentence[head_end - 1]):
            head_end -= 1
        if head_end == s:
            return []
    start, tokens = _extend(sentence, head_end)
    if suffix.needs_build:
        # A place-like project is the place being built: its name is the place's
        # (兰海高速廉徐段, 长征国家文化公园（广东段）).
        place_here = _place_covering(places, s, e)
        if place_here is not None:
            start = place_here.start
            tokens = [t for t in tokens if t.start >= start] or tk.segment(
                sentence[start:s], start)
            end = max(end, place_here.end)
    # A company name at the head is part of the project name.
    company = _company_at(organizations, start, s)
    if company is not None:
        start = company.start
    head = sentence[start:s]
    if len(head) < 2 or head in _GENERIC_PROJECT_HEADS or head.endswith(_FINANCING):
        return []
    if company is None and gr.is_generic_head(tokens):
        return []
    place = _place_at(places, start, s)
    evidence = (
        place is not None or company is not None or gr.has_proper_evidence(tokens)
    )
    if suffix.strict and not evidence:
        return []
    if suffix.needs_build and not _building(sentence, start, end):
        return []
    located = place.name if place is not None and place.type != "park" else None
    rule = f"suffix-{suffix.text}" + ("-build" if suffix.needs_build else "")
    project = _Project(start, end, suffix.type, sentence[start:end], rule, located,
                       company.name if company else None)
    return [project, *_distribute(sentence, project, suffix, places)]


def _extend(sentence: str, end: int) -> tuple[int, list[tk.Token]]:
    """extend_left, but verbs typical of project names do not stop the head."""
    lo = end
    tokens: list[tk.Token] = []
    while True:
        start, part = gr.extend_left(sentence, lo, max_chars=max(4, 16 - (end - lo)))
        tokens = part + tokens
        lo = start
        if lo <= 0:
            break
        # The word before, as the clause is cut (资源配置 alone would be one word).
        clause = max(0, lo - 8)
        before = [t for t in tk.segment(sentence[clause:end], clause) if t.end <= lo]
        if not before or before[-1].end != lo or not (
            before[-1].word in _PROJECT_VERBS or _PHASE_RE.fullmatch(before[-1].word)
        ):
            break
        if end - before[-1].start > 16:
            break
        tokens.insert(0, before[-1])
        lo = before[-1].start
    # The head never starts with one of those verbs (完成…整治 is not a name).
    while tokens and tokens[0].word in _PROJECT_VERBS:
        tokens.pop(0)
    start = tokens[0].start if tokens else end
    return start, tokens


def _in_quotes(sentence: str, s: int, e: int) -> bool:
    open_q = sentence.rfind("“", 0, s)
    close_q = sentence.rfind("”", 0, s)
    return open_q > close_q and sentence.find("”", e - 1) >= 0 and open_q >= s - 12


def _company_at(organizations: Sequence[Mention], start: int, s: int) -> Mention | None:
    for org in organizations:
        if org.type == "company" and org.start <= start < org.end <= s:
            return org
        if org.type == "company" and start <= org.start and org.end == s:
            return org
    return None


def _place_covering(places: Sequence[Mention], s: int, e: int) -> Mention | None:
    covering = [p for p in places if p.start <= s and e <= p.end]
    return max(covering, key=lambda p: p.end - p.start) if covering else None


def _place_at(places: Sequence[Mention], start: int, s: int) -> Mention | None:
    for place in places:
        if place.start == start and place.end <= s:
            return place
    return None


def _building(sentence: str, start: int, end: int) -> bool:
    before = sentence[max(0, start - 30) : start]
    clause = re.split("[，。；：]", before)[-1]
    if _BUILD_BEFORE_RE.search(clause):
        return True
    return bool(_BUILD_AFTER_RE.match(sentence[end : end + 40]))


def _distribute(
    sentence: str, project: _Project, suffix: _Suffix, places: Sequence[Mention]
) -> list[_Project]:
    """洛碛镇、统景镇污水处理厂: the plant suffix distributes over the listed places."""
    out = []
    head_place = _place_at(places, project.start, project.end)
    if head_place is None or head_place.end != project.end - len(suffix.text):
        return out
    cursor = project.start
    while cursor > 0 and sentence[cursor - 1] == "、":
        prev = next((p for p in places if p.end == cursor - 1 and p.type == head_place.type),
                    None)
        if prev is None:
            break
        out.append(_Project(prev.start, prev.end, project.type, prev.text + suffix.text,
                            f"distributed-{suffix.text}", located_in=prev.name))
        cursor = prev.start
    return out


def _listed(
    sentence: str, places: Sequence[Mention], organizations: Sequence[Mention],
    found: list[_Project],
) -> list[_Project]:
    """Items before 等项目: named projects, or companies' projects."""
    out = []
    for match in _LIST_PROJECT_RE.finditer(sentence):
        items = gr.list_items(sentence, match.start())
        if not items:
            continue
        for s, e in items:
            item = sentence[s:e]
            company = next((o for o in organizations if s <= o.start and o.end <= e
                            and o.type == "company"), None)
            if company is not None:
                out.append(_Project(s, e, "project", item, "listed-company-project",
                                    company=company.name))
                continue
            if any(p.start <= s and e <= p.end for p in found):
                continue
            if is_bare_name(item) or len(item) < 3 or item.startswith(("一批", "各")) or any(
                t.word in ("和", "与", "及") for t in tk.segment(item)
            ):
                continue
            tokens = tk.segment(item, s)
            place = _place_at(places, s, e)
            if gr.is_generic_head(tokens) or not (place or gr.has_proper_evidence(tokens)):
                continue
            out.append(_Project(s, e, "project", item, "listed-project",
                                located_in=place.name if place and place.end < e else None))
    return out


def _resolve(found: list[_Project]) -> list[_Project]:
    ordered = sorted(found, key=lambda p: (-(p.end - p.start), p.start))
    kept: list[_Project] = []
    for project in ordered:
        if any(project.start < k.end and k.start < project.end for k in kept):
            continue
        kept.append(project)
    kept.sort(key=lambda p: p.start)
    return kept


def _to_mention(sentence: str, project: _Project) -> Mention:
    return Mention(
        category="project",
        type=project.type,
        text=sentence[project.start : project.end],
        name=canonical_name(project.name, "project", project.type),
        start=project.start,
        end=project.end,
        rule=project.rule,
        located_in=project.located_in,
        company=project.company,
    )
