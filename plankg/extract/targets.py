"""Quantitative targets (and reported outcomes) in one cleaned sentence.

A target is a number with a unit (or a percent) that the sentence commits to, attached to the
indicator it measures. Three surface patterns cover the genre:

- indicator first:  地区生产总值增长3%, 国际航线达到100条, 完成经果林6.12万亩
  → the indicator is the clause text before the number, minus leading time words, subjects and
  governing verbs (今年, 全区, 确保, 完成 …) and minus the trailing change/level/comparator words
  (增长, 下降, 达到, 保持在, 超过, 要, 再 …) which set ``change`` and ``comparator``.
- object after:     新引进50家软件企业, 完成2处水源地规范化建设, 用于1500万人次以上的职工培训
  → when nothing nominal precedes the number (or a governing verb, 的 or 等 sits right before
  it, or a classifier is followed by a noun), the indicator is the noun phrase after the unit.
- inherited:        财政支出超过23万亿元，增长6.5% / 比去年增加8000亿元
  → a clause with no indicator of its own reuses the last indicator of the sentence, or the
  previous clause when that clause has no number (下调X比例，各地可降至16%).

Conventions (documented choices):
- ``value`` is the number as written including its multiplier and 多/余 ("5万", "6000多",
  "1.3万亿"); ``unit`` is the measure word after it ("人", "元", "亩", "%"). A range keeps its
  written form: "6%－6.5%" (value) with unit "%", or "6-6.5" with unit "%".
- A number with no measure word but with a multiplier (农村贫困人口减少1000万以上) gets unit ""
  and unit_normalized "person" when the indicator or object names people, else "count".
- Fractions and percents in words (三分之一, 百分之五, 一半) have unit "" and are normalized to
  percent (33.33…, 5, 50).
- ``change``: increase/decrease for 增长/提高/下降/减少 … X (the value is the change) and for
  new-stock verbs (新增, 新建, 新引进 …); "level" for 达到/保持在/提高到/降至 X (the value is
  the level reached, whatever the direction).
- 以上 → ">=", 以下/以内 → "<=", 左右/约/近 → "~", 超过/突破/高于/多 → ">", 不低于 → ">=",
  低于/不到 → "<", 不超过 → "<="; a written range → "range".
- Coordinated indicators sharing one percentage are split (项目开工率和投资完成率超过85%,
  二氧化硫、氮氧化物排放量要下降3% → 二氧化硫排放量 + 氮氧化物排放量: a head noun written once
  is completed, so ``indicator`` may be longer than its span). Counts and amounts are totals, so
  家庭农场、专业合作社15家 stays one target. "分别" pairs indicators with values in order.
- 与上年持平 is a target with value "持平", 0 percent increase.
- Numbers are never targets inside quotes, 《》, 〔〕, Latin-letter names (5G, PM2.5, T3B),
  formulas (1+12), dates and calendar years, ordinals (第…), plan periods (十四五),
  anniversaries (周年), policy nicknames (市20条), baselines (从X提高到Y, 现行X的), and
  Chinese numerals that are not governed by a quantity verb (两不愁, 三大攻坚战, 八个字).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from plankg.extract.numbers import NumberMatch, find_numbers
from plankg.model import Binding, Comparator, Target, TargetKind

Change = Literal["level", "increase", "decrease"]

# --------------------------------------------------------------------------- units

# (as written, normalized, class); matched longest first right after the number.
_UNIT_TABLE: tuple[tuple[str, str, str], ...] = (
    ("个百分点", "percentage-point", "percent"), ("百分点", "percentage-point", "percent"),
    ("%", "percent", "percent"), ("‰", "permille", "percent"),
    ("美元", "USD", "money"), ("欧元", "EUR", "money"), ("港元", "HKD", "money"),
    ("港币", "HKD", "money"), ("日元", "JPY", "money"), ("元", "CNY", "money"),
    ("人次", "person-time", "classifier"), ("人口", "person", "classifier"),
    ("人", "person", "classifier"), ("名", "person", "classifier"),
    ("位", "person", "classifier"), ("户", "household", "classifier"),
    ("平方公里", "km2", "measure"), ("平方千米", "km2", "measure"), ("km²", "km2", "measure"),
    ("km2", "km2", "measure"), ("平方米", "m2", "measure"), ("平米", "m2", "measure"),
    ("㎡", "m2", "measure"), ("m²", "m2", "measure"), ("m2", "m2", "measure"),
    ("立方米", "m3", "measure"), ("m³", "m3", "measure"), ("m3", "m3", "measure"),
    ("方", "m3", "measure"),
    ("公里", "km", "measure"), ("千米", "km", "measure"), ("km", "km", "measure"),
    ("延米", "m", "measure"), ("米", "m", "measure"),
    ("公顷", "ha", "measure"), ("亩", "mu", "measure"),
    ("吨标准煤", "tce", "measure"), ("吨标煤", "tce", "measure"), ("吨", "t", "measure"),
    ("微克/立方米", "ug/m3", "measure"), ("毫克/升", "mg/L", "measure"),
    ("公斤", "kg", "measure"), ("千克", "kg", "measure"), ("kg", "kg", "measure"),
    ("斤", "jin", "measure"),
    ("千瓦时", "kWh", "measure"), ("kWh", "kWh", "measure"), ("千瓦", "kW", "measure"),
    ("kW", "kW", "measure"), ("兆瓦", "MW", "measure"), ("MW", "MW", "measure"),
    ("吉瓦", "GW", "measure"), ("GW", "GW", "measure"), ("千伏安", "kVA", "measure"),
    ("千伏", "kV", "measure"), ("kV", "kV", "measure"),
    ("标箱", "TEU", "measure"), ("TEU", "TEU", "measure"),
    ("辆", "vehicle", "classifier"),
    ("个工作日", "day", "time"), ("工作日", "day", "time"), ("天", "day", "time"),
    ("日", "day", "time"), ("个月", "month", "time"), ("个小时", "hour", "time"),
    ("小时", "hour", "time"), ("分钟", "minute", "time"), ("年", "year", "time"),
    ("岁", "year", "age"), ("倍", "times", "times"), ("大", "count", "classifier"),
) + tuple(
    (word, "count", "classifier")
    for word in (
        "个", "家", "条", "项", "所", "座", "处", "块", "件", "部", "台", "套", "间", "张",
        "只", "架", "艘", "列", "次", "场", "种", "类", "栋", "幢", "棵", "株", "头", "批",
        "支", "宗", "片", "段", "眼", "组", "份", "本", "册", "篇", "门", "款", "盏", "根",
        "床", "起",
    )
)  # fmt: skip

_UNIT_INFO: dict[str, tuple[str, str]] = {w: (n, c) for w, n, c in _UNIT_TABLE}
_UNIT_RE = re.compile(
    "|".join(re.escape(w) for w in sorted(_UNIT_INFO, key=len, reverse=True)) + r"(?![A-Za-z])"
)
# Qualifiers written after the unit.
_SUFFIX_RE = re.compile(r"及以上|以上|以下|以内|之内|左右|上下|(?<=[日天月时年])内")
_SUFFIX_CMP: dict[str, Comparator] = {
    "及以上": ">=", "以上": ">=", "以下": "<=", "以内": "<=", "之内": "<=", "内": "<=",
    "左右": "~", "上下": "~",
}  # fmt: skip

# ------------------------------------------------------------------ word lists

_CMP_WORDS: dict[str, Comparator] = {
    "超过": ">", "超": ">", "突破": ">", "高于": ">", "大于": ">", "多于": ">",
    "不低于": ">=", "不少于": ">=", "不小于": ">=", "至少": ">=", "不下于": ">=",
    "最低": ">=",
    "不超过": "<=", "不高于": "<=", "不多于": "<=", "不大于": "<=", "最多": "<=",
    "最高": "<=",
    "低于": "<", "少于": "<", "小于": "<", "不到": "<", "不足": "<",
    "约": "~", "大约": "~", "约为": "~", "近": "~", "接近": "~", "将近": "~",
}  # fmt: skip
_INC_WORDS = (
    "增长", "增加", "提高", "提升", "上升", "上涨", "增", "涨", "扩大", "多增", "上调",
    "增长了", "增加了", "提高了", "高", "翻",
)  # fmt: skip
_DEC_WORDS = (
    "下降", "降低", "减少", "压减", "压缩", "缩减", "削减", "减", "降", "下调", "缩短", "下浮",
    "低", "下降了", "降低了", "减少了",
)  # fmt: skip
_LEVEL_WORDS = (
    "达到", "达", "提高到", "提高至", "提升到", "提升至", "增加到", "增加至", "增长到",
    "增长至", "增至", "扩大到", "扩大至", "上升到", "上升至", "降至", "降到", "降低到",
    "降低至", "下降到", "下降至", "减少到", "减少至", "减至", "压减到", "压减至", "压缩到",
    "压缩至", "缩短到", "缩短至", "缩减到", "缩减至", "控制在", "保持在", "稳定在", "维持在",
    "设定为", "定为", "调整为", "调整到", "为", "是", "拟按", "按", "安排", "占", "达到了",
    "上调至", "下调至", "降为", "提高为", "保持", "有", "完成", "实现",
)  # fmt: skip
_MOD_WORDS = (
    "要", "将", "拟", "可", "应", "须", "需", "必须", "务必", "力争", "争取", "确保", "努力",
    "预计", "计划", "再", "还", "也", "都", "均", "分别", "年均", "年平均", "平均", "继续",
    "持续", "进一步", "稳步", "基本", "实际", "同比", "累计", "合计", "总计", "一共", "大幅",
    "明显", "逐步", "总体", "已", "已经", "全部", "名义", "预期", "有望", "先后", "共", "每年",
    "每月", "每季度", "每人", "每户", "年", "全年", "以", "使", "让",
)  # fmt: skip
# Verbs that govern a counted object: 新增5个停车场, 统筹实施29个项目.
_NEW_VERBS = (
    "新增", "新建", "新改建", "新建改建", "新引进", "新培育", "新设", "新开工", "新发展",
    "新纳入", "新认定", "新创建", "新增创建", "新开通", "新招", "新征", "新改扩建",
)  # fmt: skip
_GOV_WORDS = _NEW_VERBS + (
    "建成", "建设", "完成", "实施", "统筹实施", "引进", "培育", "创建", "推进", "设立", "开工",
    "用于", "拿出", "投入", "资助", "纳入", "扩招", "帮助", "带动", "支持", "打造", "培训",
    "改造", "开通", "提供", "发放", "发展", "优选", "遴选", "认定", "组建", "建立", "举办",
    "开展", "实现", "严守", "守住", "保障", "解决", "吸纳", "招收", "招聘", "选派", "救助",
    "安置", "搬迁", "治理", "整治", "修复", "种植", "建", "改建", "扩建", "启动", "推动",
    "申报", "引导", "吸引", "惠及", "覆盖", "培养", "转移", "巩固", "落实", "落实好", "用好",
    "用好用活", "提请", "制定", "修订", "审议", "减轻", "减免", "节约", "筹措", "争创",
    "启动实施", "加快", "全面完成", "基本完成", "延续执行", "执行", "开发", "新开", "清偿",
    "偿还", "下达", "拨付", "筹集", "发行", "共有",
)  # fmt: skip
# Governing verbs that also name the work counted (农村危房改造190万户, 易地扶贫搬迁280万人):
# kept in an indicator written before the number.
_ACTION_NOUNS = frozenset((
    "改造", "搬迁", "整治", "治理", "修复", "建设", "安置", "救助", "培训", "种植", "改建",
    "扩建", "开发", "扩招", "新建", "新改建", "新建改建", "改扩建", "新改扩建", "造林",
))  # fmt: skip
# Action compounds that name the indicator itself (整治提升3700户): never stripped as verbs.
_KEEP_TAILS = ("整治提升", "改造提升", "巩固提升", "提档升级", "改造升级", "提质增效", "提标改造")

_TIME_LEAD = (
    "今年", "明年", "全年", "年内", "当年", "本年", "年底前", "年底", "年末", "年初", "到年底",
    "上半年", "下半年", "今后", "未来", "届时", "今明两年", "近年来", "一年来", "五年来",
    "过去一年", "过去五年", "去年", "目前", "当前", "现阶段",
)  # fmt: skip
_SUBJECT_LEAD = (
    "全区", "全市", "全县", "全省", "全镇", "全乡", "全州", "我区", "我市", "我县", "我省",
    "我国", "我们", "各地", "各级政府", "各地区", "各区县", "全区上下",
)  # fmt: skip
_CONNECT_LEAD = (
    "其中", "同时", "并且", "并", "以及", "而且", "此外", "另外", "和", "及", "与", "且", "、",
    "首先", "其次", "最后", "另一方面", "特别是", "尤其是",
)  # fmt: skip

_CLAUSE_PUNCT = "，,；;。：:！？!?\n"


@cache
def _tail_table() -> dict[str, tuple[str, str]]:
    """word → (category, payload) for words that sit between an indicator and its number."""
    table: dict[str, tuple[str, str]] = {}
    for word in _GOV_WORDS:
        table[word] = ("gov", "increase" if word in _NEW_VERBS else "level")
    for word in _MOD_WORDS + _TIME_LEAD:
        table[word] = ("mod", "")
    for word in _LEVEL_WORDS:
        table[word] = ("level", "")
    for word in _INC_WORDS:
        table[word] = ("inc", "")
    for word in _DEC_WORDS:
        table[word] = ("dec", "")
    for word, cmp in _CMP_WORDS.items():
        table[word] = ("cmp", cmp)
    return table


_CN_NUM = "一二两三四五六七八九十"
# Characters that, written before a tail word, make it part of a longer noun
# (人均, 发达, 行为, 主要, 节约 …). The tail is matched on the reversed string.
_TAIL_GUARDS: dict[str, str] = {
    "均": "人年平", "达": "发抵通传表到", "为": "作行认成因", "是": "但总就还也于",
    "要": "主需重只纲", "高": "提升崇最更", "低": "降减最更", "增": "新倍", "降": "下升",
    "约": "节制大公契条",
    "近": "附最接将", "可": "认许", "应": "供响适反相", "年": "今明全当去每上下近周" + _CN_NUM,
    "年均": _CN_NUM, "年平均": _CN_NUM,
    "有": "所没拥共具持享含占", "共": "公总一", "以": "可所难予加", "使": "大行促致",
    "让": "转出退谦", "建": "新改扩组创筹", "涨": "上", "减": "压缩削", "占": "抢侵", "翻": "推",
    "按": "", "再": "", "超": "赶", "将": "即",
}  # fmt: skip


@cache
def _tail_re() -> re.Pattern[str]:
    parts = []
    for word in sorted(_tail_table(), key=len, reverse=True):
        rev = re.escape(word[::-1])
        guard = _TAIL_GUARDS.get(word)
        parts.append(f"{rev}(?![{re.escape(guard)}])" if guard else rev)
    return re.compile("|".join(parts))


@cache
def _lead_re() -> re.Pattern[str]:
    words = set(_TIME_LEAD) | set(_SUBJECT_LEAD) | set(_CONNECT_LEAD) | set(_MOD_WORDS)
    words |= set(_GOV_WORDS) | set(_INC_WORDS) | set(_DEC_WORDS)
    words |= {"安排", "保持", "完成", "实现"}
    # one-character words and 实际 (实际利用外资 is an indicator name) are not skipped at the start
    words -= {
        "年",
        "以",
        "高",
        "低",
        "增",
        "降",
        "涨",
        "减",
        "翻",
        "有",
        "共",
        "均",
        "建",
        "可",
        "实际",
        "基本",
    }
    patterns = [re.escape(w) for w in sorted(words, key=len, reverse=True)]
    patterns += [
        r"到\d{4}年(?:底|末)?",
        r"\d{4}年(?:底|末|内|前)?",
        r"[一二三四五六七八九十]{1,2}是",
        r"（[^）]{0,8}）",
        r"\([^)]{0,8}\)",
        r"——",
        r"对(?![外口象标接])",
        r"为(?![民])",
        r"把",
        r"向",
        r"给",
        r"在(?![校建线岗编职册读])",
        r"由(?!\d)",
        r"从(?![业事])",
        r"基本(?=完成|实现|建成|消除|形成|解决|达到|普及|稳定)",
        r"“?十[一二三四五六]五”?(?:时期|期间)?(?:末)?",
        r"共(?=有|计|接待|完成|实现|新增|建成|引进|培育|实施)",
        r"[一二两三四五六七八九十\d]+年(?:平均|来|间)?",  # 两年平均增长: a period, not a subject
    ]
    return re.compile("|".join(patterns))


_LEAD_GUARDED = (
    frozenset(_GOV_WORDS)
    | frozenset(_INC_WORDS)
    | frozenset(_DEC_WORDS)
    | frozenset(("安排", "保持", "完成", "实现"))
)
_SUFFIX_LIKE = "率额量数度比值性化者"

# ------------------------------------------------------------- blocked spans

_PAIRS = {"“": "”", "《": "》", "〔": "〕", "【": "】", "「": "」", "『": "』", "[": "]",
          "〈": "〉", '"': '"', "‘": "’"}  # fmt: skip
_LATIN_UNIT_TOKEN = re.compile(
    r"\d+(?:\.\d+)?(?:km²|km2|km|kWh|kW|MW|GW|kV|kg|m²|m³|m2|m3|TEU)", re.ASCII
)
_BLOCK_RES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        # Latin-letter names with digits: 5G, 4S店, PM2.5, T3B, D6F, E88-2/01, M2
        r"[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*(?:[.\-/_][A-Za-z0-9]+)*"
        r"|[A-Za-z0-9]+(?:[.\-/_][A-Za-z0-9]+)*[A-Za-z][A-Za-z0-9]*",
        # formulas: 1+12, 1+3+5+10+N, 7×24
        r"[0-9A-Za-z]+(?:\s*[+＋×*]\s*[0-9A-Za-z]+)+",
        # dates and calendar years
        r"(?:1[89]|2[01])\d\d\s*[－\-—–～~至到]\s*(?:(?:1[89]|2[01])\d\d|\d\d)\s*年?",
        r"(?:1[89]|2[01])\d\d\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?",
        r"\d{1,2}\s*[－\-—～~至到]\s*\d{1,2}\s*月",
        r"(?<![\d个])\d{1,2}\s*月(?:份)?(?:\s*\d{1,2}\s*[日号])?",
        r"\d{4}[-./]\d{1,2}(?:[-./]\d{1,2})?",
        r"\d{1,2}[:：]\d{2}",
        r"每月\d{1,2}[日号]",
        # numbers, ordinals, periods, anniversaries
        r"\d+号(?:线|楼|院)?",
        r"第[\d零〇一二两三四五六七八九十百千]+",
        r"十[一二三四五六]五",
        r"[\d零〇一二两三四五六七八九十百]+周年",
        r"[\d零〇一二两三四五六七八九十百]+届",
        r"(?<![\d.等])\d+大(?=[\u4e00-\u9fff])",  # 5大行动; 等8大片区 is a count
        # policy nicknames: 国十条, 市20条、40条
        r"[省市区县国镇乡][\d一二三四五六七八九十]+条(?:[、和及][\d一二三四五六七八九十]+条)*",
        r"\d+(?:\.\d+)?[%％]\s*一档",
    )
)


def _blocked_spans(sentence: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    i = 0
    n = len(sentence)
    while i < n:
        close = _PAIRS.get(sentence[i])
        if close is None:
            i += 1
            continue
        j = sentence.find(close, i + 1)
        if j < 0:
            # Unclosed: block to the end of the clause.
            k = i + 1
            while k < n and sentence[k] not in _CLAUSE_PUNCT:
                k += 1
            spans.append((i, k))
            i = k
        else:
            spans.append((i, j + 1))
            i = j + 1
    for pattern in _BLOCK_RES:
        for m in pattern.finditer(sentence):
            if m.end() == m.start():
                continue
            if _LATIN_UNIT_TOKEN.fullmatch(m.group()):
                continue
            spans.append(m.span())
    return spans


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


# ------------------------------------------------------------------ quantities


@dataclass(frozen=True)
class _Quantity:
    number: NumberMatch
    value_text: str
    value: float
    value_max: float | None
    unit: str
    unit_norm: str
    unit_class: str
    comparator: Comparator | None  # from a qualifier after the unit, 多/余, or a range
    end: int  # after unit and qualifier
    has_suffix: bool

    @property
    def start(self) -> int:
        return self.number.start


def _tail_tokens(text: str) -> list[tuple[str, str, str]]:
    """Function words at the end of ``text``, nearest the number first: (word, cat, payload)."""
    rev = text[::-1]
    pos = 0
    out: list[tuple[str, str, str]] = []
    table = _tail_table()
    pattern = _tail_re()
    while pos < len(rev):
        m = pattern.match(rev, pos)
        if not m:
            break
        word = m.group()[::-1]
        cat, payload = table[word]
        out.append((word, cat, payload))
        pos = m.end()
    return out


def _make_quantity(sentence: str, number: NumberMatch) -> _Quantity | None:
    end = number.end
    unit = ""
    unit_norm = ""
    unit_class = ""
    if number.kind in ("fraction", "percent-word", "tenths"):
        unit_norm, unit_class = "percent", "percent"
    else:
        m = _UNIT_RE.match(sentence, end)
        if m:
            unit = m.group()
            unit_norm, unit_class = _UNIT_INFO[unit]
            end = m.end()
    suffix = _SUFFIX_RE.match(sentence, end)
    comparator: Comparator | None = None
    if suffix:
        comparator = _SUFFIX_CMP[suffix.group()]
        end = suffix.end()
    if number.is_range:
        comparator = "range"
    elif comparator is None and number.more_than:
        comparator = ">"
    value = number.value
    value_max = number.value_max
    value_text = number.text
    if number.kind in ("fraction", "tenths"):
        value *= 100
    if number.is_range and (number.percent or number.permille) and unit in ("%", "‰"):
        value_text = number.text + unit  # "6%－6.5%": the sign is written on both bounds
    return _Quantity(
        number,
        value_text,
        value,
        value_max,
        unit,
        unit_norm,
        unit_class,
        comparator,
        end,
        bool(suffix),
    )


def _tail_has_verb(sentence: str, start: int) -> bool:
    return any(
        cat in ("gov", "inc", "dec", "level", "cmp")
        for _, cat, _ in _tail_tokens(sentence[max(0, start - 8) : start])[:2]
    )


_NOT_CUBIC = re.compile(r"[案面式向针法位言]")


def _accept(sentence: str, q: _Quantity) -> bool:
    """Is this number a quantity at all (not a date, name, ordinal, bare numeral …)?"""
    num = q.number
    start = num.start
    if num.kind == "chinese":
        if num.value < 2 or num.text[0] in "百千万亿" or not q.unit:
            return False
        if q.unit_class == "time" or q.unit == "大" or sentence.startswith("是", q.end):
            return False
        # 三千, 两万: a written multiplier makes a numeral a quantity; 三所 needs a verb (新建)
        if not (_tail_has_verb(sentence, start) or any(c in "百千万亿" for c in num.text[1:])):
            return False
    if (num.kind == "fraction" and num.text in ("一半", "半数")) or num.kind == "tenths":
        return q.has_suffix or _tail_has_verb(sentence, start)
    if q.unit == "年":
        if num.is_range or num.multiplier:
            return True
        integer = num.value.is_integer() and "." not in num.text
        if integer and 1000 <= num.value <= 2200:
            return False  # a calendar year
        # 90年代, 2020年度, 5年来, 3年间: periods and eras, not durations committed to
        return not sentence.startswith(("代", "度", "级", "来", "间", "前", "后"), num.end + 1)
    if q.unit == "日":
        if sentence[max(0, start - 1) : start] == "月":
            return False
        return q.has_suffix or _tail_has_verb(sentence, start)
    if q.unit == "岁":
        return _tail_has_verb(sentence, start)
    if q.unit == "方":  # 清淤5000方, but not 3方面 / 方案 / 方式
        return num.kind == "arabic" and not _NOT_CUBIC.match(sentence, q.number.end + 1)
    if not q.unit and num.kind in ("arabic", "chinese"):
        return bool(num.multiplier)  # 减少1000万: unit implied by the indicator
    return True


_NUMERAL_CHAR = re.compile(r"[\d零〇一二两三四五六七八九十百千万亿]")


def _quantities(sentence: str) -> list[_Quantity]:
    blocked = _blocked_spans(sentence)
    out: list[_Quantity] = []
    for number in find_numbers(sentence):
        if _overlaps(number.start, number.end, blocked):
            continue
        q = _make_quantity(sentence, number)
        if q is None:
            continue
        # 新建两所中学、三所幼儿园: a Chinese numeral continuing a series of counts
        series = (
            number.kind == "chinese"
            and bool(out)
            and sentence[number.start - 1 : number.start] == "、"
            and out[-1].number.kind == "chinese"
            and _clause_start(sentence, out[-1].start) == _clause_start(sentence, number.start)
            and number.value >= 2
            and bool(q.unit)
        )
        if not series and not _accept(sentence, q):
            continue
        # 五个千亿级, 两个一百年: a numeral right after the unit makes a slogan, not a count.
        if (
            q.unit
            and _NUMERAL_CHAR.match(sentence, q.end)
            and not (number.kind == "arabic" and q.unit_class in ("percent", "money"))
        ):
            continue
        out.append(q)
    return out


# ------------------------------------------------------------------ indicators

_BASE_RE = re.compile(
    r"同比|(?:比|较|与)(?:上年|去年|上一年|前一年|\d{4}年|年初|上年同期|去年同期|同期|"
    r"去年预算|上年度|“十三五”末|十三五末|“十三五”时期|十三五时期|基期)+(?:相比)?"
)
_BASELINE_AFTER = re.compile(
    r"(?:提高|提升|增加|增长|扩大|上调|下调|降低|下降|减少|压减|压缩|缩短|调整|上升|缩减)?"
    r"(?:到|至|为)|降至|降到|减至|增至"
)
_CURRENT_BEFORE = re.compile(r"(?:现行|目前|原|现有|当前)$")
_PERSON_RE = re.compile(
    r"人口|人员|群众|农民|职工|学生|毕业生|劳动力|纳税人|居民|人才|儿童|老人|患者|人$"
)
_OBJ_STOP = re.compile(
    r"落户|通过|开展|实现|纳入|进入|参与|参加|达到|获得|入驻|投产|开工|上市|挂牌|加入|开通|"
    r"覆盖|享受|受益|摆脱|落地|签约|全部|全面|顺利|大幅|共同|相继|成功|分别|应享尽享|建立|"
    r"已|均|都|并|等|以及|和所有|及所有|和全部|用于|通车|竣工|完成|实施|创建|争创|申报|"
    r"在(?![建线校岗])|向(?!导)|于|对(?![口外])"
)
# Words that cannot name an indicator on their own (今年预期目标设定为6%以上 → inherit).
_GENERIC_IND = frozenset(("目标", "预期目标", "目标值", "指标", "主要目标", "总体目标"))
_GENERIC_OBJ = frozenset(("目标", "任务", "目标任务", "建设任务", "规模", "水平", "要求", "标准"))
_HEADS = (
    "排放总量", "排放量", "排放", "产量", "总量", "总额", "比重", "比例", "占比", "增幅",
    "涨幅", "降幅", "增速", "资费", "价格", "收入", "支出", "投资", "保险", "面积", "指数",
    "浓度", "规模", "强度", "能耗", "消耗", "用量", "数量", "人数", "标准", "率",
)  # fmt: skip
_CONJ_RE = re.compile(r"、|和|与|及|以及")
_FLAT_RE = re.compile(r"(?:与|同|和|较)(?:上年|去年|上一年|前一年|\d{4}年)(?:基本)?持平")


def _strip_lead(text: str, start: int, *, keep_new: bool = False) -> tuple[int, list[str]]:
    """Skip leading time words, subjects, connectors and governing verbs; a verb stays when
    only one or two characters would follow it (新增就业, 完成投资 stay whole). With
    ``keep_new`` (a change verb follows the indicator) new-stock verbs stay too: 新设外资企业增长.
    Returns the new start and the words skipped."""
    pattern = _lead_re()
    pos = start
    skipped: list[str] = []
    while pos < len(text):
        m = pattern.match(text, pos)
        if not m or m.end() == pos:
            break
        word = m.group()
        rest = text[m.end() :]
        if word in _LEAD_GUARDED:
            if keep_new and word in _NEW_VERBS and rest:
                break
            if 0 < len(rest) <= 2 or (rest and rest[0] in _SUFFIX_LIKE):
                break
        skipped.append(word)
        pos = m.end()
    return pos, skipped


_DISPOSAL = re.compile(r"把(?![握关])|(?<!即)将(?![近来要])")


def _clean_indicator(
    sentence: str, start: int, end: int, *, keep_new: bool = False
) -> tuple[int, int, list[str]]:
    """Trim an indicator candidate ``sentence[start:end]`` on both sides."""
    # 坚决把文件压减三分之一: the disposal object is the indicator.
    for m in _DISPOSAL.finditer(sentence, start, end):
        if m.start() > start:
            start = m.end()
    text = sentence[:end]
    pos, skipped = _strip_lead(text, start, keep_new=keep_new)
    # 从失业保险基金结余中: a source frame, keep what is inside.
    if skipped and skipped[-1] == "从" and text.endswith("中") and end - pos > 2:
        end -= 1
    while end > pos and sentence[end - 1] in "的、，和及与 ":
        end -= 1
    return pos, end, skipped


@dataclass
class _Analysis:
    """What the words between the indicator and the number say."""

    core_end: int  # end of the indicator candidate
    change: str  # increase | decrease | level | ""
    comparator: Comparator | None
    verb: str  # the verb class seen: change, level, compare, ""
    gov_adjacent: bool  # a governing verb directly before the number
    gov_new: bool  # a new-stock verb (新增, 新建 …) anywhere in the tail
    marker: bool  # 的 / 等 right before the number (the count qualifies a following noun)
    action_len: int  # length of an action noun right before the number (改造), 0 if none


def _analyse_pre(sentence: str, left: int, right: int) -> _Analysis:
    pre = sentence[left:right]
    change = ""
    comparator: Comparator | None = None
    verb = ""
    marker = False
    # 比去年增加 …: cut the comparison base, read its verb.
    cut = len(pre)
    m = _BASE_RE.search(pre)
    if m:
        cut = m.start()
    base_tail = pre[cut:]
    core = pre[:cut]
    for _word, cat, _payload in _tail_tokens(base_tail):
        if cat == "inc" and not change:
            change, verb = "increase", "change"
        elif cat == "dec" and not change:
            change, verb = "decrease", "change"
    tokens = [] if core.endswith(_KEEP_TAILS) else _tail_tokens(core)
    # Strip the words nearest the number. A governing verb is stripped only when nothing but
    # modal words separates it from the number; an action noun (改造, 搬迁) stays in the
    # indicator unless the count turns out to qualify an object after it.
    stripped = 0
    gov_adjacent = False
    gov_new = False
    action_len = 0
    for i, (word, cat, payload) in enumerate(tokens):
        if cat == "gov":
            if any(c not in ("mod", "gov") for _, c, _ in tokens[:i]):
                break
            gov_adjacent = True
            gov_new = gov_new or payload == "increase"
            if word in _ACTION_NOUNS and i == 0:
                action_len = len(word)
        elif cat == "cmp":
            comparator = comparator or _CMP_WORDS[word]
            verb = verb or "compare"
        elif cat in ("inc", "dec"):
            change = change or ("increase" if cat == "inc" else "decrease")
            gov_new = gov_new or (i == 0 and word in ("增加", "新增", "增"))
            verb = "change" if verb in ("", "compare") else verb
        elif cat == "level":
            change = change or "level"
            verb = verb or "level"
        stripped += len(word)
    core_end = left + len(core) - stripped
    before = sentence[left:core_end]
    marker = before.endswith(("的", "等"))
    return _Analysis(core_end, change, comparator, verb, gov_adjacent, gov_new, marker, action_len)


def _object_after(sentence: str, start: int) -> tuple[int, int, bool]:
    """The noun phrase after a quantity: (start, end, descriptive). ``descriptive`` is True when
    the phrase is followed or led by 的 (14亿人的粮食安全): the number describes, not counts."""
    pos = start
    led_by_de = sentence.startswith("的", pos)
    if led_by_de:
        pos += 1
    end = pos
    limit = min(len(sentence), pos + 30)
    while end < limit:
        ch = sentence[end]
        if ch in _CLAUSE_PUNCT or ch in '、（(“”"《》 ' or ch.isdigit():
            break
        end += 1
    window_end = end
    m = _OBJ_STOP.search(sentence, pos + 1, end) if end > pos + 1 else None
    if m:
        end = m.start()
    if end - pos > 20:
        end = pos + 20
    descriptive = led_by_de or "的" in sentence[pos : min(window_end, end + 8)]
    while end > pos and sentence[end - 1] in "等的":
        end -= 1
    if sentence[pos:end] in _GENERIC_OBJ:
        end = pos
    return pos, end, descriptive


def _split_conjuncts(sentence: str, start: int, end: int) -> list[tuple[int, int]]:
    """Conjuncts of a coordinated indicator, outside quotes/brackets; [] if not coordinated."""
    text = sentence[start:end]
    depth = 0
    cuts: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "“《（(「":
            depth += 1
        elif ch in "”》）)」":
            depth = max(0, depth - 1)
        elif depth == 0:
            m = _CONJ_RE.match(text, i)
            if m:
                cuts.append((i, m.end()))
                i = m.end()
                continue
        i += 1
    if not cuts:
        return []
    parts: list[tuple[int, int]] = []
    prev = 0
    for a, b in cuts:
        parts.append((start + prev, start + a))
        prev = b
    parts.append((start + prev, end))
    if any(e - s < 2 for s, e in parts):
        return []
    return parts


def _head_of(text: str) -> str:
    head = next((h for h in _HEADS if text.endswith(h)), "")
    if head == "率":
        head = text[-3:]  # 失业率, 参保率: a bare 率 says nothing
    return head


def _distribute(sentence: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Split 项目开工率和投资完成率 / 二氧化硫、氮氧化物排放量 into separate indicators.

    "X、Y等Z" lists examples of Z: split only when Z is a head noun (…等增幅)."""
    whole = [(sentence[start:end], start, end)]
    parts = _split_conjuncts(sentence, start, end)
    if not parts:
        return whole
    last_s, last_e = parts[-1]
    last = sentence[last_s:last_e]
    if "等" in last:
        after = last[last.rindex("等") + 1 :]
        if after and after not in _HEADS:
            return whole
    head = _head_of(last)
    out: list[tuple[str, int, int]] = []
    for s, e in parts:
        text = sentence[s:e].rstrip("等")
        if not _head_of(text):
            if not head:
                return whole
            text = text + head
        out.append((text, s, e))
    return out


# ------------------------------------------------------------------ extraction


def _clause_start(sentence: str, pos: int) -> int:
    i = pos
    while i > 0 and sentence[i - 1] not in _CLAUSE_PUNCT:
        if sentence.startswith("——", i - 2) and i >= 2:
            return i
        i -= 1
    return i


_BINDING_LABEL = re.compile(
    r"[（(\[【]\s*(约束性|预期性)\s*[）)\]】]|(约束性|预期性)(?:指标)?[：:]"
)


def _binding(sentence: str, start: int, end: int) -> Binding | None:
    """约束性/预期性 in the target's own clause, or as a label for the whole sentence
    (（约束性）, 约束性指标：). "单位GDP能耗等约束性指标" in another clause does not spread."""
    left = _clause_start(sentence, start)
    right = end
    while right < len(sentence) and sentence[right] not in _CLAUSE_PUNCT:
        right += 1
    clause = sentence[left:right]
    in_clause = ("约束性" in clause, "预期性" in clause)
    if in_clause == (True, False):
        return "binding"
    if in_clause == (False, True):
        return "expected"
    if any(in_clause):
        return None
    labels = {m.group(1) or m.group(2) for m in _BINDING_LABEL.finditer(sentence)}
    if len(labels) == 1:
        return "binding" if labels.pop() == "约束性" else "expected"
    return None


def _unit_class_name(q: _Quantity, unit_norm: str) -> str:
    if q.unit_class == "classifier":
        return "count" if unit_norm == "count" else unit_norm
    return q.unit_class or unit_norm


@dataclass
class _Context:
    last_indicator: tuple[str, int, int] | None = None
    last_change: str = ""
    last_clause: int = -1  # where the clause of the last target starts
    prev_end: int = 0  # end of the previous target (a left boundary)


def _previous_clause_indicator(sentence: str, clause_start: int) -> tuple[str, int, int] | None:
    """The previous clause, trimmed, when it has no number (下调X比例，各地可降至16%)."""
    if clause_start < 2:
        return None
    end = clause_start - 1
    start = _clause_start(sentence, end)
    text = sentence[start:end]
    if not text or any(ch.isdigit() for ch in text):
        return None
    if "是" in text:  # 经济增速是综合性指标 → 经济增速
        end = start + text.index("是")
    s, e, _ = _clean_indicator(sentence, start, end)
    if 2 <= e - s <= 30:
        return sentence[s:e], s, e
    return None


def extract_targets(sentence: str, *, reported: bool = False) -> list[Target]:
    """Every quantitative target (or, with ``reported=True``, outcome) in one cleaned sentence.

    Offsets index ``sentence``. Targets come in textual order; a number shared by coordinated
    indicators yields one target per indicator.
    """
    kind: TargetKind = "outcome" if reported else "target"
    quantities = _quantities(sentence)
    # Baselines: 从X提高到Y, 由X降至Y, 现行X的税率 — X is not a target.
    baseline_cut: dict[int, int] = {}
    kept: list[_Quantity] = []
    for q in quantities:
        left = _clause_start(sentence, q.start)
        window = sentence[max(left, q.start - 12) : q.start]
        frm = max(window.rfind("从"), window.rfind("由"))
        if frm >= 0 and _BASELINE_AFTER.match(sentence, q.end):
            baseline_cut[q.start] = max(left, q.start - 12) + frm
            continue
        if _CURRENT_BEFORE.search(sentence, left, q.start) and sentence.startswith("的", q.end):
            continue
        kept.append(q)
    targets: list[Target] = []
    ctx = _Context()
    group: list[_Quantity] = []
    groups: list[list[_Quantity]] = []
    for q in kept:
        # 13.5%、18% / 30元和5元: values written one after another share one indicator phrase
        if group and sentence[group[-1].end : q.start] in ("、", "和", "与", "及"):
            group.append(q)
            continue
        if group:
            groups.append(group)
        group = [q]
    if group:
        groups.append(group)
    cuts = sorted(baseline_cut.values())
    for grp in groups:
        targets.extend(_targets_for_group(sentence, grp, cuts, ctx, kind))
    targets.extend(_flat_targets(sentence, kind, targets))
    targets.sort(key=lambda t: (t.start, t.indicator_start))
    return targets


def _as_change(value: str) -> Change:
    if value == "increase":
        return "increase"
    if value == "decrease":
        return "decrease"
    return "level"


def _targets_for_group(
    sentence: str, group: list[_Quantity], cuts: list[int], ctx: _Context, kind: TargetKind
) -> list[Target]:
    first = group[0]
    clause = _clause_start(sentence, first.start)
    left = clause
    if ctx.last_clause == clause:
        left = max(left, ctx.prev_end)
    # a baseline 从X in this clause: the indicator ends before 从
    right = first.start
    for c in cuts:
        if left <= c < right:
            right = c
            break
    ana = _analyse_pre(sentence, left, right)
    if right < first.start:
        # the verb after the baseline (从X提高到Y): read it for change/comparator
        between = _analyse_pre(sentence, right, first.start)
        ana.comparator = ana.comparator or between.comparator
        ana.change = ana.change or "level"
        ana.verb = ana.verb or "level"
        ana.core_end = min(ana.core_end, right)
    ind_start, ind_end, lead_skipped = _clean_indicator(
        sentence, left, ana.core_end, keep_new=bool(ana.verb)
    )
    if sentence[ind_start:ind_end] in _GENERIC_IND:
        ind_end = ind_start
    # 对…不到100万元的部分: a condition on the scope of a measure, not a target
    if sentence.startswith("的", group[-1].end) and sentence.startswith("对", clause):
        return []
    last = group[-1]
    obj_start, obj_end, descriptive = _object_after(sentence, last.end)
    has_obj = obj_end > obj_start
    lead_new = any(w in _NEW_VERBS or w in ("增加",) for w in lead_skipped)
    pattern = "indicator"
    indicators: list[tuple[str, int, int]]
    ind_len = ind_end - ind_start
    counted = (
        (first.unit_class == "classifier" or not first.unit)
        and first.number.kind != "fraction"
        and len(group) == 1
        and not ana.verb
    )
    use_object = has_obj and (
        ind_len <= 0
        or ana.gov_adjacent
        or ana.marker
        or counted
        or (ind_len <= 2 and not ana.verb and first.unit_class != "percent")  # 严守18亿亩耕地红线
    )
    if use_object:
        if descriptive and not first.has_suffix:
            return []
        pattern = "object"
        indicators = [(sentence[obj_start:obj_end], obj_start, obj_end)]
        span_start = first.start
        span_end = obj_end
    elif ind_end > ind_start or ana.action_len:
        if ana.action_len:  # 农村危房改造190万户: the action names the indicator
            ind_start, ind_end, lead_skipped = _clean_indicator(
                sentence, left, ana.core_end + ana.action_len, keep_new=bool(ana.verb)
            )
        indicators = [(sentence[ind_start:ind_end], ind_start, ind_end)]
        span_start = ind_start
        span_end = last.end
    else:
        # the last indicator of this or the previous clause, else the previous clause itself
        previous_clause = _clause_start(sentence, clause - 1) if clause > 0 else -1
        inherited = None
        if ctx.last_indicator and ctx.last_clause in (clause, previous_clause):
            inherited = ctx.last_indicator
        else:
            inherited = _previous_clause_indicator(sentence, clause)
        if inherited is None:
            return []
        pattern = "inherited"
        indicators = [inherited]
        span_start = max(left, clause)
        while span_start < first.start and sentence[span_start] in "、，":
            span_start += 1
        span_end = last.end
    # change: from the verbs, from new-stock verbs, or carried over inside a 、 series
    change: str = ana.change
    if change in ("", "level") and (ana.gov_new or lead_new or "新增" in indicators[0][0]):
        change = "increase"
    if pattern == "object" and ana.change == "increase" and not (ana.gov_new or lead_new):
        change = "level"  # 提高6000万农村人口供水保障水平: the verb governs, the count is a level
    if not change and ctx.prev_end == left and ctx.last_change and left > clause:
        change = ctx.last_change
    final_change = _as_change(change)
    distribute = (
        first.unit_class == "percent"
        or "分别" in sentence[left : first.start]
        or "均" in sentence[ana.core_end : first.start]
    )
    named: list[tuple[str, int, int]] = indicators
    if pattern == "indicator" and len(group) > 1 and "分别" in sentence[left : first.start]:
        # 分别: one indicator per value, in order, each as written
        conj = _split_conjuncts(sentence, indicators[0][1], indicators[0][2])
        named = [(sentence[s:e], s, e) for s, e in conj] or indicators
    elif pattern == "indicator" and distribute:
        named = _distribute(sentence, indicators[0][1], indicators[0][2])
    pairs: list[tuple[tuple[str, int, int], _Quantity]]
    if len(group) > 1 and len(named) == len(group):
        pairs = list(zip(named, group, strict=True))
    elif len(group) > 1:
        pairs = [(named[0], q) for q in group]
    else:
        pairs = [(ind, first) for ind in named]
    out: list[Target] = []
    binding = _binding(sentence, span_start, span_end)
    for (text, s, e), q in pairs:
        comparator: Comparator = q.comparator or ana.comparator or "="
        unit_norm = q.unit_norm
        if not q.unit and q.unit_class != "percent":
            probe = text if pattern != "object" else sentence[obj_start:obj_end]
            unit_norm = "person" if _PERSON_RE.search(probe) else "count"
        verb_class = ana.verb or "none"
        rule = f"{kind}:{pattern}-{verb_class}-{_unit_class_name(q, unit_norm)}"
        out.append(
            Target(
                indicator=text,
                value=q.value_text,
                unit=q.unit,
                comparator=comparator,
                value_normalized=q.value,
                unit_normalized=unit_norm,
                start=span_start if pattern == "inherited" else min(s, span_start, q.start),
                end=max(span_end, q.end),
                indicator_start=s,
                indicator_end=e,
                rule=rule,
                value_max_normalized=q.value_max,
                binding=binding,
                kind=kind,
                change=final_change,
            )
        )
    if out:
        ctx.last_indicator = (out[-1].indicator, out[-1].indicator_start, out[-1].indicator_end)
    ctx.last_change = final_change
    ctx.last_clause = clause
    ctx.prev_end = max(span_end, last.end)
    return out


def _flat_targets(sentence: str, kind: TargetKind, found: Sequence[Target]) -> list[Target]:
    """一般公共预算收入与上年持平: a zero-growth target."""
    out: list[Target] = []
    for m in _FLAT_RE.finditer(sentence):
        clause = _clause_start(sentence, m.start())
        if any(t.start <= m.start() < t.end for t in found):
            continue
        s, e, _ = _clean_indicator(sentence, clause, m.start())
        if e - s < 2:
            continue
        out.append(
            Target(
                indicator=sentence[s:e],
                value="持平",
                unit="",
                comparator="=",
                value_normalized=0.0,
                unit_normalized="percent",
                start=s,
                end=m.end(),
                indicator_start=s,
                indicator_end=e,
                rule=f"{kind}:indicator-flat-percent",
                binding=_binding(sentence, s, m.end()),
                kind=kind,
                change="increase",
            )
        )
    return out


# ------------------------------------------------------------- reported outcomes

# Headings of review parts: 一、2018年工作回顾, 过去五年工作回顾, 2019年计划执行情况.
_REVIEW_HEADING = re.compile(
    r"回顾|过去一年|过去五年|过去的一年|一年来|五年来|执行情况|完成情况|工作总结|发展成就|"
    r"主要成就|主要成绩|取得的成绩"
)
_PLAN_HEADING = re.compile(r"目标|任务|计划(?!执行)|安排|思路|要求|取向|重点工作|主要工作|措施")
_YEAR = re.compile(r"(?<![\d到至])((?:19|20)\d\d)\s*年")
# Time words that place a sentence in the past; 去年/上年 as a comparison base (比去年,
# 高于去年, 与上年持平) do not.
_PAST_TIME = re.compile(
    r"过去一年|过去五年|过去的一年|一年来|五年来|(?<![比较于与同])(?:去年|上年)(?!同期)|"
    r"“?十三五”?(?:时期|期间)(?!末)|截至"
)
_ACHIEVED = re.compile(
    r"(?:实现|取得|完成|增长|下降|提高|达到|突破|超过|减少|降低|增加|提升|建成|落户|脱贫|摆脱)了|"
    r"已经|(?<![不而])已(?![知])|顺利实现|胜利完成|如期完成|圆满完成|成效显著|成果丰硕|"
    r"举世瞩目|取得(?:新的|重大|重要|积极|明显|决定性|全面)?(?:进展|成就|成效|突破|成果|胜利)|"
    r"得到(?:加强|解决|改善|提升|巩固)|再获丰收|相继问世|成功(?:举办|组建|实施|应对)|"
    r"(?:显著|大幅)(?:提高|提升|改善|增强|加强)"
)
_FUTURE_STRONG = re.compile(
    r"今年|明年|今后|未来|预期目标|预计|力争|目标是|目标为|(?<![拟])计划(?!执行|单列)|"
    r"(?<![模])拟|务必|“?十四五”?|下一步|争取|确保"
)
_FUTURE_WEAK = re.compile(r"(?<![主需重只纲])要(?![求素点害事])|(?<![即])将(?![近来])|必须|应当")
_FROM_TO = re.compile(
    r"从[^，。；]{0,12}?\d[^，。；]{0,12}?(?:增加|提高|增长|下降|降低|减少|扩大)(?:到|至)"
)


def _year_cues(text: str, document_year: int | None) -> tuple[bool, bool]:
    """(mentions a past year, mentions the plan year or later) relative to ``document_year``."""
    if document_year is None:
        return False, False
    past = future = False
    for m in _YEAR.finditer(text):
        year = int(m.group(1))
        if year < document_year:
            past = True
        else:
            future = True
    for m in re.finditer(r"(?:到|至)\s*((?:19|20)\d\d)\s*年", text):
        if int(m.group(1)) >= document_year:
            future = True
    return past, future


def _heading_mode(headings: Sequence[str], document_year: int | None) -> str:
    """ "review", "mixed" (a review and a plan under one heading) or "plan" for the innermost
    heading that says anything."""
    mode = "plan"
    for heading in headings:
        past_year, future_year = _year_cues(heading, document_year)
        review = bool(_REVIEW_HEADING.search(heading)) or (
            past_year and not future_year and "工作" in heading
        )
        plan = bool(_PLAN_HEADING.search(heading)) or future_year
        if review and plan:
            mode = "mixed"
        elif review:
            mode = "review"
        elif plan:
            mode = "plan"
    return mode


def is_reported_outcome(
    sentence: str,
    headings: Sequence[str],
    document_year: int | None,
    *,
    preceding: Sequence[str] = (),
) -> bool:
    """True when ``sentence`` reports past results rather than committing to future ones.

    Heuristic, in order:
    1. Planning language (今年, 预期目标, 力争, 确保, 目标是, 拟, 计划, “十四五”, a year ≥
       ``document_year``) makes a sentence a commitment, whatever its heading.
    2. Under a review heading (工作回顾, 过去一年, 执行情况, or "2020年工作…" in a 2021
       document) every other sentence is reported, unless it only has weak planning words
       (要, 将, 必须) and no sign of the past.
    3. Elsewhere, and under a heading that mixes a review with a plan ("十三五"时期发展成就和
       "十四五"时期主要目标任务), a sentence is reported when it carries its own past cue:
       a past time word (过去五年, 去年, 一年来, "十三五"时期, an earlier year), an achieved
       form (实现了, 增长了, 已, 顺利实现, 取得…成就, 得到加强), or, under a mixed heading, a
       "从X增加到Y" comparison; or when ``preceding`` (the earlier sentences of the same
       paragraph) opens with a past time word.
    """
    past_year, future_year = _year_cues(sentence, document_year)
    strong_future = bool(_FUTURE_STRONG.search(sentence)) or future_year
    weak_future = bool(_FUTURE_WEAK.search(sentence))
    past_time = bool(_PAST_TIME.search(sentence)) or past_year
    achieved = bool(_ACHIEVED.search(sentence))
    if strong_future and not (past_time and achieved):
        return False
    mode = _heading_mode(headings, document_year)
    if mode == "review":
        return not (weak_future and not (past_time or achieved))
    if weak_future:
        return False
    if past_time or achieved:
        return True
    if mode == "mixed" and _FROM_TO.search(sentence):
        return True
    return any(_PAST_TIME.match(p) or _PAST_TIME.search(p[:8]) for p in preceding)
