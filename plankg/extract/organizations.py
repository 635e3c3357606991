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
from functools import cache, lru_cache

from plankg.extract import lexicon as lx
from plankg.extract.aliases import canonical_name
from plankg.model import Mention

_LEVEL = "省市区县镇乡"

# Fixed names: surface → (type, rule). General national/international bodies.
_FIXED: dict[str, str] = {
    "国务院": "government-body",
    "国务院办公厅": "government-body",
    "党中央": "party-organ",
    "中共中央": "party-organ",
    "中央军委": "government-body",
    "中央委员会": "party-organ",
    "全国人民代表大会": "legislature",
    "全国人民代表大会常务委员会": "legislature",
    "全国人大常委会": "legislature",
    "全国人大": "legislature",
    "全国政协": "legislature",
    "人民政协": "legislature",
    "中国人民政治协商会议": "legislature",
    "最高人民法院": "judicial",
    "最高人民检察院": "judicial",
    "中国科学院": "research-institute",
    "中国工程院": "research-institute",
    "中国社会科学院": "research-institute",
    "中科院": "research-institute",
    "中国社科院": "research-institute",
    "中国人民银行": "bank",
    "国家开发银行": "bank",
    "中国进出口银行": "bank",
    "中国农业发展银行": "bank",
    "中国工商银行": "bank",
    "中国农业银行": "bank",
    "中国银行": "bank",
    "中国建设银行": "bank",
    "交通银行": "bank",
    "中国邮政储蓄银行": "bank",
    "上交所": "exchange",
    "深交所": "exchange",
    "北交所": "exchange",
    "港交所": "exchange",
    "世界银行": "international-organization",
    "联合国": "international-organization",
    "世界贸易组织": "international-organization",
    "世贸组织": "international-organization",
    "WTO": "international-organization",
    "国际货币基金组织": "international-organization",
    "IMF": "international-organization",
    "世界卫生组织": "international-organization",
    "世卫组织": "international-organization",
    "WHO": "international-organization",
    "世界知识产权组织": "international-organization",
    "国际劳工组织": "international-organization",
    "上海合作组织": "international-organization",
    "上合组织": "international-organization",
    "亚洲基础设施投资银行": "international-organization",
    "亚投行": "international-organization",
    "亚洲开发银行": "international-organization",
    "新开发银行": "international-organization",
    "亚太经合组织": "international-organization",
    "APEC": "international-organization",
    "二十国集团": "international-organization",
    "G20": "international-organization",
    "金砖国家": "international-organization",
    "东盟": "international-organization",
    "欧盟": "international-organization",
    "非盟": "international-organization",
    "经合组织": "international-organization",
    "OECD": "international-organization",
    "联合国教科文组织": "international-organization",
    "博鳌亚洲论坛": "international-organization",
    "中非合作论坛": "international-organization",
    "工会": "mass-organization",
    "总工会": "mass-organization",
    "共青团": "mass-organization",
    "妇联": "mass-organization",
    "残联": "mass-organization",
    "科协": "mass-organization",
    "红十字会": "mass-organization",
    "工商联": "mass-organization",
    "侨联": "mass-organization",
    "文联": "mass-organization",
    "社科联": "mass-organization",
}

# Department stems (general names of government functions, district to national).
_DEPARTMENT_STEMS = lx.words(
    """发展和改革 发展改革 发改 经济和信息化 经信 工业和信息化 工信 教育 科学技术 科技
    民族宗教事务 民宗 公安 民政 司法 财政 人力资源和社会保障 人力资源社会保障 人力社保 人社
    规划和自然资源 规划自然资源 自然资源 生态环境 环保 环境保护 住房和城乡建设 住房城乡建设 住建
    城乡建设 城市管理 城管 交通运输 交通 水利 水务 农业农村 农业 商务 文化和旅游 文化旅游 文旅
    卫生健康 卫健 退役军人事务 应急管理 审计 国有资产监督管理 国资 市场监督管理 市场监管 统计
    医疗保障 医保 林业 体育 信访 大数据发展 大数据应用发展管理 金融工作 地方金融监督管理 金融监管
    投资促进 招商投资促进 机关事务管理 乡村振兴 扶贫开发 扶贫 税务 外交 国防 海关 气象 地震
    药品监督管理 知识产权 广播电视 能源 粮食和物资储备 港澳事务 台湾事务 侨务 外事 人民防空 人防
    档案 机构编制 组织 宣传 统一战线工作 统战 政法 网信 纪律检查 监察 证券监督管理 银行保险监督管理
    外汇管理 国家安全 安全生产监督管理 食品药品监督管理 工商行政管理 教育体育 文化广电 经济发展
    政务服务管理 行政审批 公共资源交易监督管理 住房公积金管理 移民 铁路 民航 邮政 烟草 新闻出版
    电影 保密 编制 经济贸易 商业 供销合作""")
_DEPT_SUFFIXES = ("总局", "分局", "委员会", "办公室", "管理局", "局", "委", "厅", "部", "署", "办")

_STEM_ALT = "|".join(sorted(_DEPARTMENT_STEMS, key=len, reverse=True))
_DEPT_RE = re.compile(
    rf"(?:(?:各)?(?:国家|国务院|全国|中央|[{_LEVEL}])(?:委)?)?(?:{_STEM_ALT})"
    rf"(?:{'|'.join(_DEPT_SUFFIXES)})"
)
_GOV_RE = re.compile(
    rf"(?:各)?(?:[{_LEVEL}]|街道)(?:人民)?政府(?:各部门|办公室|办公厅)?"
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

_ORG_SUFFIXES: tuple[tuple[str, str, bool], ...] = (
    # (suffix, type, strict: head needs proper-name evidence)
    ("股份有限公司", "company", False),
    ("有限责任公司", "company", False),
    ("集团有限公司", "company", False),
    ("有限公司", "company", False),
    ("集团公司", "company", False),
    ("集团", "company", True),
    ("公司", "company", True),
    ("研究院", "research-institute", False),
    ("研究所", "research-institute", False),
    ("科学院", "research-institute", False),
    ("研究中心", "research-institute", True),
    ("实验室", "research-institute", True),
    ("职业技术学院", "university", False),
    ("职业学院", "university", False),
    ("大学", "university", False),
    ("学院", "university", True),
    ("职院", "university", False),
    ("党校", "university", True),
    ("证券交易所", "exchange", False),
    ("期货交易所", "exchange", False),
    ("交易所", "exchange", True),
    ("股权交易中心", "exchange", True),
    ("股份转让中心", "exchange", True),
    ("大数据谷", "platform", False),
    ("数据谷", "platform", False),
    ("众创空间", "platform", False),
    ("孵化器", "platform", True),
    ("加速器", "platform", True),
    ("云平台", "platform", True),
    ("平台", "platform", True),
    ("银行", "bank", True),
    ("中医院", "hospital", False),
    ("人民医院", "hospital", False),
    ("妇幼保健院", "hospital", False),
    ("医院", "hospital", True),
    ("卫生院", "hospital", True),
    ("实验学校", "school", False),
    ("中学", "school", False),
    ("小学", "school", False),
    ("幼儿园", "school", True),
    ("人民政府", "government-body", False),
    ("管委会", "government-body", False),
    ("管理委员会", "government-body", True),
    ("街道办事处", "government-body", False),
    ("组织", "international-organization", True),
)
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

# The construction "X、Y、Z等(在建)项目/企业": bare items are companies.
_LIST_HEAD_RE = re.compile(r"等((?:在建|重点|重大|一批|骨干|龙头|知名|优质|制造业|工业|签约|落地|"
                           r"招商|新|市级|区级|技改|产业化|)*)(项目|企业|公司|集团|品牌)")
_MAX_ITEM = 8

# Words after a platform-like suffix that show a generic use (平台建设 is fine).
_GENERIC_PLATFORM_HEADS = frozenset(lx.words(
    """市级 区级 国家级 省级 公共 在线 开放 融资 发展 合作 交易 服务 创新 创业 众创 各类 统一
    监管 监控 信息 政务服务 综合 一体化 功能 载体 产业 招商 物流 金融 数字 数据"""
))


@dataclass
class _Org:
    start: int
    end: int
    type: str
    rule: str
    name: str | None = None
    located_in: str | None = None


@lru_cache(maxsize=512)
def _cached(sentence: str) -> tuple[Mention, ...]:
    return tuple(_extract(sentence))


def extract_organizations(sentence: str) -> list[Mention]:
    """Organizations in one cleaned sentence, in text order, with offsets into it."""
    return list(_cached(sentence))


def organization_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of organization names (used by the place extractor to mask short forms)."""
    return [(m.start, m.end) for m in _cached(sentence)]


def _extract(sentence: str) -> list[Mention]:
    found: list[_Org] = []
    admin = [m for m in lx.dictionary_matches(sentence) if m.type != "phrase"]
    found.extend(_fixed(sentence))
    found.extend(_governments(sentence, admin))
    found.extend(_departments(sentence, admin))
    found.extend(_suffixed(sentence, admin))
    found.extend(_listed_companies(sentence, found))
    found.extend(_otc(sentence))
    found.extend(_central(sentence))
    kept = _resolve(found)
    kept = _platform_lists(sentence, kept)
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
            text.startswith(tuple(_LEVEL)) or lx.pos_of(text) == "nt"
            or re.search("(?:外交|国防|财政|商务|教育|科技|公安|民政|司法|自然资源|生态环境|水利|"
                         "农业农村|交通运输|审计|应急管理|组织|宣传|统战|文化和旅游|"
                         "人力资源(?:和)?社会保障|住房(?:和)?城乡建设|工业和信息化|退役军人事务)部$",
                         text)
        ):
            continue
        if (
            s > 0
            and lx.is_cjk(sentence[s - 1])
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
    tokens = lx.segment(before, s - len(before))
    return bool(tokens) and tokens[-1].end == s and not lx.is_stop_token(tokens[-1])


def _suffixed(sentence: str, admin: list[lx.DictMatch]) -> list[_Org]:
    out = []
    for match in _ORG_SUFFIX_RE.finditer(sentence):
        s, e = match.span()
        suffix = match.group()
        kind, strict = _ORG_SUFFIX_TYPE[suffix]
        if e < len(sentence) and _continues(sentence, e, suffix):
            continue
        prefix = _admin_prefix(admin, s)
        start, tokens = lx.extend_left(sentence, s, max_chars=14)
        head = sentence[start:s]
        if kind in ("government-body",):
            continue  # handled with their admin prefixes in _governments
        if suffix == "职院":
            if not 1 <= len(head) <= 3:
                continue
        elif len(head) < 2 and not (kind == "hospital" and head in tuple(_LEVEL)):
            if not (kind == "hospital" and start > 0 and sentence[start - 1] in _LEVEL):
                continue
            start -= 1
            head = sentence[start:s]
        if kind == "hospital" and head and head[0] in _LEVEL and len(head) <= 2:
            out.append(_Org(start, e, kind, f"suffix-{suffix}"))
            continue
        if head.endswith("型") or head in _GENERIC_UNIVERSITY_HEADS:
            continue
        if kind not in ("university", "school") and lx.is_generic_head(tokens):
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
        if strict and not (lx.has_proper_evidence(tokens) or _placeholder(head)):
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


_GENERIC_UNIVERSITY_HEADS = frozenset(lx.words(
    """高水平 一流 世界一流 高质量 新型 老年 社区 开放 普通 地方 本科 重点 综合性 职业 高等 民办
    公办 寄宿制 乡镇 农村 城区 薄弱 标准化 优质 特色 示范 九年制 十二年制 完全 初级 高级 城市"""
))
_GENERIC_COMPANIES = frozenset(lx.words(
    """航空公司 保险公司 证券公司 投资公司 控股公司 上市公司 子公司 分公司 母公司 平台公司
    城投公司 国有公司 融资公司 担保公司 租赁公司 信托公司 基金公司 物业公司 建筑公司 运输公司
    快递公司 物流公司 科技公司 互联网公司 企业集团 国有集团 产业集团 教育集团 医疗集团
    金融控股集团"""
))


def _placeholder(head: str) -> bool:
    return head.startswith(("某某", "XX", "××", "ＸＸ"))


# Characters after a suffix that make it part of another word (平台化, 大学生, 组织部).
_CONTINUATIONS = {"平台": "化型", "云平台": "化型", "集团": "化军", "大学": "生城科园",
                  "中学": "生", "小学": "生", "组织": "化者部"}


def _continues(sentence: str, e: int, suffix: str) -> bool:
    nxt = sentence[e : e + 1]
    return bool(nxt) and nxt in _CONTINUATIONS.get(suffix, "")


def _listed_companies(sentence: str, found: list[_Org]) -> list[_Org]:
    """Bare names listed before 等项目/等企业 are companies (鸽牌、再升、环泰等项目)."""
    out = []
    taken = [(o.start, o.end) for o in found]
    for match in _LIST_HEAD_RE.finditer(sentence):
        items = [(s, e) for s, e in lx.list_items(sentence, match.start())
                 if not any(s < b and a < e for a, b in taken)]
        # A list is homogeneous: one generic item (城市干道、断头路、立交桥) spoils it,
        # and most items must look like names.
        if not items or not all(is_bare_name(sentence[s:e]) for s, e in items):
            continue
        named = sum(lx.has_proper_evidence(lx.segment(sentence[s:e])) for s, e in items)
        if 2 * named < len(items) or named == 0:
            continue
        out.extend(_Org(s, e, "company", "listed-company") for s, e in items)
    return out


@cache
def _all_suffixes() -> tuple[str, ...]:
    """Every name suffix the extractors know, plus generic facility endings."""
    from plankg.extract.places import place_suffixes  # (imported late: they import us)
    from plankg.extract.projects import project_suffixes

    return (
        tuple(place_suffixes()) + tuple(s for s, _, _ in _ORG_SUFFIXES)
        + tuple(project_suffixes()) + tuple(_DEPT_SUFFIXES)
        + ("城", "街", "中心", "园", "馆", "站", "厂", "所", "院", "会", "网", "库", "带",
           "区", "场", "楼", "家园", "雅居", "苑", "府", "小区", "工程", "项目", "计划")
    )


def is_bare_name(item: str) -> bool:
    """A brand-like name: not a place, no facility/organization suffix, not generic."""
    if not 2 <= len(item) <= _MAX_ITEM:
        return False
    if any(c in lx.PUNCTUATION or c in "（）()" for c in item):
        return False
    if item.endswith(_all_suffixes()):
        return False
    if lx.lookup_admin(item) is not None or item in lx.COUNTRIES or item in lx.REGIONS:
        return False
    tokens = lx.segment(item)
    if not tokens or (len(tokens[0].word) > 1 and lx.is_stop_token(tokens[0])):
        return False
    return not lx.is_generic_head(tokens)


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
    ordered = sorted(found, key=lambda o: (-(o.end - o.start), o.start))
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
