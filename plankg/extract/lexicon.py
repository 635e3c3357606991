"""Shared lookup resources for the name extractors (places, organizations, projects).

* jieba's dictionary: word frequencies and POS tags (read once from dict.txt), and a
  small segmenter (jieba's route without HMM) used only on the few characters left of
  a name suffix, never on whole sentences.
* cpca's national table of administrative divisions (provinces, prefecture-level
  cities, county-level districts) with containment derived from the adcodes, and the
  short forms people write (四川 for 四川省, 渝北 for 渝北区).
* General tables: countries, continents, well-known multi-province regions, function
  words and the verbs that govern a name (推进、加快 …) rather than sit inside one.
* The left-boundary grammar: where does the proper name in front of a suffix start?

Everything is built lazily once (functools.cache); nothing here is document-specific.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from dataclasses import dataclass
from functools import cache
from math import log
from pathlib import Path
from typing import NamedTuple

import jieba

# ---------------------------------------------------------------------------
# jieba dictionary


def words(text: str) -> list[str]:
    """Whitespace-separated word list (keeps long vocabularies readable in source)."""
    return text.split()


@cache
def word_table() -> dict[str, tuple[int, str]]:
    """word → (frequency, POS tag) from jieba's bundled dict.txt."""
    table: dict[str, tuple[int, str]] = {}
    handle = jieba.get_dict_file()
    try:
        for raw in handle:
            parts = raw.decode("utf-8").split()
            if len(parts) == 3:
                table[parts[0]] = (int(parts[1]), parts[2])
    finally:
        handle.close()
    return table


def word_info(word: str) -> tuple[int, str] | None:
    info = word_table().get(word)
    if info is None and word in GENRE_WORDS:
        return 50, GENRE_WORDS[word]
    return info


def pos_of(word: str) -> str | None:
    info = word_table().get(word)
    if info:
        return info[1]
    return GENRE_WORDS.get(word)


class Token(NamedTuple):
    start: int
    end: int
    word: str
    pos: str | None


# Plan vocabulary missing from jieba's dictionary; without it these verbs fall apart
# into single characters, which look like out-of-vocabulary names (提质 → 提/质).
GENRE_WORDS: dict[str, str] = {
    w: "v"
    for w in words(
        """提质 提标 扩能 提档 增效 降本 技改 调规 补链 强链 延链 扩面 稳岗 惠企 减负 纾困 保供
        兜底 提效 扩容提质 提档升级 降费 减税 增收 控违 拆违 治违 美颜 复垦 复绿 提级 扩绿
        增绿 补短 强弱项 赋能 走深 走实 提能 增量 盘活 挖潜 招引 落地 见效 开园 通车 投用
        筑牢 守牢 守好 护好 用活 抓实 压实 做靓 擦亮 打响 唱响 叫响 建强 育强 提级扩能
        降碳 护绿 治气 治土 控烟 棚改 旧改"""
    )
} | {
    w: "n"
    for w in words(
        """放管服 农旅 文旅 商旅 体旅 康养 医养 托育 研学 智造 数智 规上 规下 双创 三农 民企 国企
        央企 冷链 智慧化 文创 众创 网红 夜经济 首店 新基建 碳达峰 碳中和 数字经济 专精特新 链主
        物联 车联网 算力 智算 信创 城投 普惠 云计算 大数据 区块链 元宇宙 智能网联 充换电 充电桩
        换电 海绵城市 一网通办 一网统管 跨省通办 减污降碳 垃圾分类 厕所革命 背街小巷 口袋公园
        绿道 碧道 邻里中心 智慧商圈 气网 自贸 综保区"""
    )
}


@cache
def _segmenter() -> tuple[dict[str, int], float]:
    """Frequencies with every word prefix present (0 for pure prefixes), and the log total."""
    freq: dict[str, int] = {}
    for word, (count, _pos) in word_table().items():
        freq[word] = count
    for word in GENRE_WORDS:
        freq.setdefault(word, 50)
    total = sum(freq.values())
    for word in list(freq):
        for k in range(1, len(word)):
            freq.setdefault(word[:k], 0)
    return freq, log(total)


_RUN_RE = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]+|[A-Za-z0-9][A-Za-z0-9\-/.#]*|.", re.S)


def segment(text: str, offset: int = 0) -> list[Token]:
    """Dictionary-only segmentation (jieba's maximum-probability route without HMM, over
    its bundled dict.txt plus GENRE_WORDS). Unknown names stay single characters.

    It reads the dictionary file itself, so words other code adds to jieba at run time
    do not change where names are cut.
    """
    tokens: list[Token] = []
    for run in _RUN_RE.finditer(text):
        chunk, base = run.group(), offset + run.start()
        if not is_cjk(chunk[0]):
            tokens.append(Token(base, base + len(chunk), chunk, "x" if chunk.isalnum() or
                                _is_code_char(chunk) else None))
            continue
        for start, end in _best_route(chunk):
            word = chunk[start:end]
            tokens.append(Token(base + start, base + end, word, pos_of(word)))
    return tokens


def _best_route(chunk: str) -> list[tuple[int, int]]:
    freq, log_total = _segmenter()
    n = len(chunk)
    route: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
    for i in range(n - 1, -1, -1):
        best = (-1e300, i)
        j = i
        while j < n:
            frag = chunk[i : j + 1]
            count = freq.get(frag)
            if count is None:
                break
            if count or j == i:
                score = log(count or 1) - log_total + route[j + 1][0]
                if score > best[0]:
                    best = (score, j)
            j += 1
        route[i] = best
    spans = []
    i = 0
    while i < n:
        j = route[i][1] + 1
        spans.append((i, j))
        i = j
    return spans


def _is_code_char(word: str) -> bool:
    return all(c.isascii() and (c.isalnum() or c in "-/.#") for c in word) and bool(word)


def is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


# ---------------------------------------------------------------------------
# Closed word classes used by the boundary grammar

PUNCTUATION = frozenset("，。、；：？！“”‘’《》〈〉【】「」『』,;:?!\"'…—～~·\n\r\t 　")
OPEN_BRACKETS = frozenset("（(")
CLOSE_BRACKETS = frozenset("）)")

# Words that end a name when met on its left: particles, conjunctions, prepositions,
# determiners, quantity words.
FUNCTION_WORDS = frozenset(words(
    """和 与 及 以及 或 或者 等 等等 的 之 在 对 向 把 将 为 从 由 于 至 到 并 同 跟 给 被 让
    使 以 按 按照 依照 通过 围绕 依托 是 有 也 又 还 都 就 即 其 该 此 各 每 全 本 这 那 我
    你 他 我们 其中 包括 如 像 例如 比如 特别 尤其 重点 加之 个 所 位于 地处 沿 沿线 经 经过
    及其 之间 当中 方面 领域 一批 一些 一个 部分 有关 相关 所有 主要 若干 多个 一流 这些 那些
    我区 我市 我省 本区 本市 本省 全区 全市 全省 全县 全镇 全国 全球 全面 各类 各级 各地 各个
    诸如 实现 作为 成为 具有 属于 进入 继续 持续 进一步 积极 主动 大力 全力 着力 努力 切实
    扎实 加快 加大 加强 推进 推动 支持 建设 新建 改建 扩建 续建 在建 建成 开工 完工 竣工 完成
    实施 打造 启动 引进 争取 提升 深化 促进 做好 抓好 用好 对接 配合 融入 参与 参加 举办 开展
    落实 推广 利用 发挥 培育 壮大 强化 优化 完善 巩固 组织 确保 力争 争创 创建 申报 激活 带动
    吸引 鼓励 引导 谋划 策划 形成 构建 提高 设立 成立 组建 新设 新增 新培育 新引进 招引 加速
    加紧 抓紧 尽快 尽早 早日 全速 提速 保障 服务于 联合 携手 协同推进 协调 对标 瞄准 聚焦
    助推 助力 推行 推出 出台 制定 编制 修编 规划建设 开发建设 改造 提档 升级 提质 扩容 筹建
    筹备 规划 布局 整合 落地 投产 达产 入驻 落户 签约 招商 围绕着 依靠 坚持 维护 清理 排查
    调查 评估 管控 查处 严厉 严格 依法 不断 进行 给予 受 遭 被 由于 因 因为 所以 但 但是 而
    而且 并且 同时 以来 以上 以下 左右 约 近 达 达到 超过 不少于 不低于 突破 老 原 现 旧 大
    小 少 好 高 低 更 最 很 较 再 才 已 已经 正在 将要 要 应 须 必须 可 能 可以 需要 不 没有
    无 非 未 一 两 几 首 第 每年 今年 明年 去年 当年 年度 年内 年底 年初 上半年 下半年 期间
    之前 之后 以后 以前 目前 当前 今后 区域内 境内 辖区 区内 市内 域内 周边 附近 一带 做优
    做强 做大 做精 做实 做细 做深"""
))

# Verbs that commonly sit *inside* institution and facility names (生态修复研究院,
# 污水处理厂, 软件开发云平台); they do not end a name on its left.
COMPOUND_VERBS = frozenset(words(
    """处理 修复 开发 示范 交易 检测 监测 创新 创意 创业 研发 孵化 转化 服务 展示 体验 培训
    治理 管理 设计 制造 生产 加工 应用 发展 改革 感知 计算 通信 传感 协同 合作 融合 运营 投资
    控股 保护 保税 物流 贸易 会展 博览 综合 集成 供应 认证 评价 咨询 教育 医疗 康复 养老 护理
    仓储 配送 分拨 转运 集散 贸易 出口 进口 商贸 创客 众创 试验 实验 测试 制药 研究 勘察 勘探
    规划设计 运输 储备 回收 利用 焚烧 填埋 净化 供水 排水 发电 输变电 交换 结算 清算 托管
    登记 调度 指挥 应急 救援 质检 监督 防疫 疾控 保障 监控 学习 科研 振兴"""
))

_NUMERAL_RE = re.compile(
    r"^(?:第)?(?![多余半数几]$)[0-9０-９一二三四五六七八九十百千万亿两几数多半余]+"
    r"(?:个|批|家|座|条|处|项|类|种|块|所|名|位|只|件|次|年|月|日|期|届|号|大|万|亿|千|百|"
    r"多|余|级|片|区|镇|村|宗|套|户|人|亩|公里|平方米|米|吨|元|%)?$"
)

# A small set of single characters that end a name on its left when they stand alone.
_SINGLE_STOPS = frozenset(
    "和与及或等的之在对向把将为从由于至到并同跟给被让使以按是有也又还都就即其该此各每全本这那我"
    "建改扩续促抓育争创设办用做保优强精实活美细深级你他她它哪谁彼"
)

# Locative words that end a name on its left (前海 and 南岸 are "f" in jieba but names).
_FUNCTION_LOCATIVES = frozenset(words(
    """以上 以下 之间 之前 之后 以内 以外 之内 之外 前后 上下 左右 内外 中间 周围 附近 里面
    外面 上面 下面 前面 后面 旁边 当中 其中 之中 以来 以前 以后 此外 期间 同时 当时 之际"""
))
_PLACEHOLDERS = frozenset(words("某某 某 XX ××"))

# Directional single characters that do start names (东环线, 西永组团).
_DIRECTION_CHARS = frozenset("东西南北中")


def is_numeral(word: str) -> bool:
    return bool(_NUMERAL_RE.match(word))


def is_stop_token(token: Token, *, last: bool = False) -> bool:
    """True when ``token`` cannot be part of a proper name to the left of a suffix.

    ``last`` marks the token right before the suffix: there adjectives are allowed
    (幸福村, 团结路) because whole names are often made of ordinary words.
    """
    word, pos = token.word, token.pos
    if not word or any(c in PUNCTUATION or c in OPEN_BRACKETS or c in CLOSE_BRACKETS
                       for c in word):
        return True
    if pos == "x" and _is_code_char(word):
        return False  # letters and digits (T3B, D6F, E88-2/01) are name material
    if word in FUNCTION_WORDS:
        return True
    if len(word) >= 4 and word[:2] in FUNCTION_WORDS:
        return True  # 全力支持, 加快推进: phrases the dictionary happens to hold
    if is_numeral(word):
        return True
    if len(word) == 1:
        if word in _SINGLE_STOPS:
            return True
        # Other single characters are typical of out-of-vocabulary proper names.
        return pos in ("p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "y", "e", "o", "d")
    if pos is None:
        return False
    if word in _PLACEHOLDERS:
        return False
    if pos in ("p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "y", "e", "o", "r", "rr",
               "rz", "d", "ad", "df", "dg", "q", "i", "z"):
        return True  # (numerals were decided above: 两路 is a name, 一批 is not)
    if pos == "f":
        return word in _FUNCTION_LOCATIVES
    if pos in ("v", "vd", "vi", "vq", "vg"):
        return word not in COMPOUND_VERBS
    if pos == "a":
        return not last
    return False


# ---------------------------------------------------------------------------
# Administrative divisions (cpca)

Level = str  # "province" | "city" | "district"


@dataclass(frozen=True)
class AdminDivision:
    name: str  # full name: 渝北区
    adcode: str
    level: Level  # province | city | district
    parent: str | None  # full name of the containing division, when unambiguous
    short: str | None  # accepted short form: 渝北


_SKIP_NAMES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划",
                         "中沙群岛的岛礁及其海域"})

# County-level names that are ordinary words; they are only taken in their full form
# and never as short forms (城区 is a district of 阳泉, but "城区" in a plan is generic).
_GENERIC_FULL_NAMES = frozenset({"城区", "郊区", "矿区", "东区", "西区", "南区", "北区", "新区"})

# Short forms that are ordinary words; never matched on their own (the full form is).
COMMON_SHORT_FORMS = frozenset(words(
    """新建 城关 城区 郊区 矿区 东区 西区 和平 新华 红旗 建设 胜利 解放 光明 东风 向阳 太平
    新城 市中 城中 城东 城西 城北 城南 河东 河西 江南 中原 海港 路桥 桥西 桥东 铁西 铁东 站前
    平安 青山 金山 东方 大同 开发 高新 经开 白银 来宾 日照 安康 普洱 永安 安宁 长兴 和田 永康
    开平 高明 清河 新市 新民 兴安 通化 四平 白山 新兴 长治 长宁 安定 宁安 永定 城阳 三明 合作
    通道 延长 宝山 龙泉 龙湖 天山 东山 西山 南山 北山 吉利 双桥 永和 永年 兴业 富民 利民 惠民
    安居 乐业 长乐 河口 江口 湖里 江海 城子 元宝 宝塔 南湖 北湖 东湖 西湖 鼓楼 天河 黄埔 白云
    滨海 市北 市南 郊县 新区 老城 古城 城厢 城关镇 开放 前进 团结 友谊 红星 东升 新生 双城
    资源 公安 平原 石首 万年 光泽 江山 太和 方正 龙凤 大通 灯塔 振兴 复兴 友好 富裕 山城 天桥
    大城 文山 滨江"""
))
# Real places whose short form is also a common word or brand: taken only next to
# another place (长安、朝阳) or before a place suffix, never alone.
WEAK_SHORT_FORMS = frozenset(words("长安 朝阳 仙桃 江北 南岸 普陀 中山 黄山 泰山 金华 丽水 长寿"))

_SUFFIXES_BY_LEVEL = {
    "province": ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"),
    "city": ("自治州", "地区", "盟", "市"),
    "district": ("自治县", "自治旗", "新区", "林区", "特区", "区", "县", "市", "旗"),
}


@cache
def _nations() -> tuple[str, ...]:
    path = _cpca_dir() / "56_nations.csv"
    with path.open(encoding="utf-8") as handle:
        names = [line.strip() for line in handle if line.strip()]
    # Longest first so 土家族 is stripped before 家族-like accidents.
    stems = {n[:-1] if n.endswith("族") else n for n in names}
    return tuple(sorted(stems, key=len, reverse=True))


@cache
def _cpca_dir() -> Path:
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the cpca package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "resources"


def _level_of(adcode: str) -> Level:
    if adcode[2:] == "0" * 10:
        return "province"
    if adcode[4:] == "0" * 8:
        return "city"
    return "district"


def _short_form(name: str, level: Level) -> str | None:
    for suffix in _SUFFIXES_BY_LEVEL[level]:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            if "自治" in suffix or suffix in ("自治州", "自治县", "自治旗"):
                stem = _strip_nations(stem)
            return stem if len(stem) >= 2 else None
    return None


def _strip_nations(stem: str) -> str:
    changed = True
    while changed:
        changed = False
        for nation in _nations():
            for form in (nation + "族", nation):
                if stem.endswith(form) and len(stem) > len(form) + 1:
                    stem = stem[: -len(form)]
                    changed = True
                    break
            if changed:
                break
    return stem


@cache
def admin_divisions() -> dict[str, tuple[AdminDivision, ...]]:
    """Full name → divisions with that name (朝阳区 exists in 北京 and 长春)."""
    rows: list[tuple[str, str]] = []
    with (_cpca_dir() / "adcodes.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name, adcode = row["name"].strip(), row["adcode"].strip()
            if name and name not in _SKIP_NAMES and len(adcode) == 12:
                rows.append((adcode, name))
    by_code = dict(rows)
    result: dict[str, list[AdminDivision]] = {}
    for adcode, name in sorted(rows):
        level = _level_of(adcode)
        parent = None
        if level == "district":
            parent = by_code.get(adcode[:4] + "0" * 8) or by_code.get(adcode[:2] + "0" * 10)
        elif level == "city":
            parent = by_code.get(adcode[:2] + "0" * 10)
        short = _short_form(name, level)
        result.setdefault(name, []).append(AdminDivision(name, adcode, level, parent, short))
    return {name: tuple(divs) for name, divs in result.items()}


_LEVEL_RANK = {"province": 0, "city": 1, "district": 2}


def best_division(divisions: tuple[AdminDivision, ...]) -> AdminDivision:
    """Highest level first (吉林 → 吉林省 before 吉林市); parent dropped when ambiguous."""
    ordered = sorted(divisions, key=lambda d: (_LEVEL_RANK[d.level], d.adcode))
    best = ordered[0]
    same = [d for d in ordered if d.level == best.level]
    if len({d.parent for d in same}) > 1:
        return AdminDivision(best.name, best.adcode, best.level, None, best.short)
    return best


@cache
def admin_short_forms() -> dict[str, tuple[AdminDivision, ...]]:
    """Short form → divisions; only forms of ≥ 2 characters that are not full names."""
    full = admin_divisions()
    result: dict[str, list[AdminDivision]] = {}
    for divisions in full.values():
        for division in divisions:
            short = division.short
            if not short or short in full or short in _GENERIC_FULL_NAMES:
                continue
            result.setdefault(short, []).append(division)
    return {short: tuple(divs) for short, divs in result.items()}


def lookup_admin(name: str) -> AdminDivision | None:
    """A full or short admin name → its division (the highest level when ambiguous)."""
    divisions = admin_divisions().get(name) or admin_short_forms().get(name)
    return best_division(divisions) if divisions else None


def short_form_strength(short: str) -> str | None:
    """'strong' (match anywhere), 'weak' (only next to another place) or None.

    Province and prefecture short forms are strong unless listed as common words.
    County-level short forms are strong when jieba knows them as a rare place or
    name word (渝北, 余杭); frequent or non-name words (江北, 长安, 仙桃) are weak.
    """
    divisions = admin_short_forms().get(short)
    if not divisions or short in COMMON_SHORT_FORMS:
        return None
    if short in WEAK_SHORT_FORMS:
        return "weak"
    if best_division(divisions).level in ("province", "city"):
        return "strong"
    if short[0] in "一二三四五六七八九十两百千万":
        return "weak"  # 三山, 六合, 九台: county names that read as slogans (“三山一滩”)
    info = word_info(short)
    if info is None:
        return "strong"
    freq, pos = info
    if pos == "ns" and freq < 1000:
        return "strong"
    if pos in ("nr", "nrt", "nrfg", "nz", "j") and freq < 200:
        return "strong"
    if pos in ("n", "b") and freq < 100:
        return "strong"
    return "weak"


# ---------------------------------------------------------------------------
# Countries, continents and regions (general tables)

CONTINENTS = frozenset(words(
    """亚洲 欧洲 非洲 北美洲 南美洲 拉丁美洲 美洲 大洋洲 南极洲"""
))
COUNTRIES = frozenset(words(
    """中国 中华人民共和国 美国 日本 韩国 朝鲜 俄罗斯 英国 法国 德国 意大利 西班牙 葡萄牙
    荷兰 比利时 瑞士 瑞典 挪威 芬兰 丹麦 冰岛 爱尔兰 奥地利 波兰 捷克 斯洛伐克 匈牙利
    罗马尼亚 保加利亚 希腊 塞尔维亚 克罗地亚 土耳其 以色列 伊朗 伊拉克 叙利亚 约旦 沙特阿拉伯
    沙特 阿联酋 卡塔尔 科威特 阿曼 埃及 南非 尼日利亚 埃塞俄比亚 肯尼亚 坦桑尼亚 安哥拉
    阿尔及利亚 摩洛哥 印度 巴基斯坦 孟加拉国 斯里兰卡 尼泊尔 阿富汗 缅甸 泰国 越南 老挝
    柬埔寨 马来西亚 新加坡 印度尼西亚 印尼 菲律宾 文莱 澳大利亚 新西兰 加拿大 墨西哥 巴西
    阿根廷 智利 秘鲁 哥伦比亚 委内瑞拉 古巴 哈萨克斯坦 乌兹别克斯坦 吉尔吉斯斯坦 塔吉克斯坦
    土库曼斯坦 蒙古国 乌克兰 白俄罗斯 格鲁吉亚 阿塞拜疆 亚美尼亚 卢森堡"""
))
# Multi-province regions and world regions written by name (type "region").
REGIONS = frozenset(words(
    """京津冀 长三角 珠三角 长江三角洲 珠江三角洲 粤港澳大湾区 长江经济带 黄河流域 成渝地区
    成渝地区双城经济圈 成渝双城经济圈 东北地区 西部地区 东部地区 中部地区 中西部地区 北方地区
    南方地区 东北三省 港澳 港澳台 海峡两岸 东南亚 中东 中亚 东亚 南亚 西亚 北美 中东欧 亚太
    亚太地区 欧亚 拉美 关中平原 北部湾 海峡西岸 环渤海 西北地区 西南地区 华北地区 华东地区
    华南地区 华中地区"""
))
# Suffixes that make a region name from a proper head (京津冀城市群, 成渝地区双城经济圈).
REGION_SUFFIXES = ("双城经济圈", "经济圈", "经济带", "城市群", "大湾区", "都市圈", "都市区",
                   "三角洲", "经济区")

# Fixed policy phrases that contain place-like characters but name no place.
GENERIC_PHRASES = frozenset(words(
    """山水林田湖草沙 山水林田湖草 绿水青山 金山银山 青山绿水 碧水蓝天 蓝天碧水 江河湖泊
    江河湖库 五湖四海 大江南北 长江黄河 名山大川 河湖长制 河长制 湖长制 林长制 田长制
    中华民族 中国特色 中国共产党 中国人民 中国梦 中国式 中国制造 中国方案 中国智慧 中国经验
    中国故事 健康中国 平安中国 美丽中国 数字中国 法治中国 网络强国 交通强国 长江大保护
    文山会海 港人治港 澳人治澳 一国两制 高度自治 爱国者治港"""
))


# ---------------------------------------------------------------------------
# Dictionary scan: admin divisions, countries, continents, regions


class DictMatch(NamedTuple):
    start: int
    end: int
    text: str
    type: str  # province | city | district | country | continent | region | phrase
    name: str  # canonical (full) name
    strength: str  # full | strong | weak | phrase


@cache
def _dictionary() -> dict[str, tuple[str, str, str]]:
    """surface → (type, canonical name, strength)."""
    table: dict[str, tuple[str, str, str]] = {}
    for short in admin_short_forms():
        strength = short_form_strength(short)
        if strength:
            division = lookup_admin(short)
            if division:
                table[short] = (division.level, division.name, strength)
    for name, divisions in admin_divisions().items():
        if name in _GENERIC_FULL_NAMES:
            continue
        division = best_division(divisions)
        table[name] = (division.level, division.name, "full")
    for name in CONTINENTS:
        table[name] = ("continent", name, "full")
    for name in COUNTRIES:
        table[name] = ("country", "中华人民共和国" if name == "中国" else name, "full")
    table["沙特"] = ("country", "沙特阿拉伯", "full")
    table["印尼"] = ("country", "印度尼西亚", "full")
    for name in REGIONS:
        table[name] = ("region", name, "full")
    for phrase in GENERIC_PHRASES:
        table[phrase] = ("phrase", phrase, "phrase")
    return table


@cache
def _dictionary_lengths() -> dict[str, tuple[int, ...]]:
    lengths: dict[str, set[int]] = {}
    for surface in _dictionary():
        lengths.setdefault(surface[0], set()).add(len(surface))
    return {char: tuple(sorted(ls, reverse=True)) for char, ls in lengths.items()}


def is_place_word(word: str) -> bool:
    """A place name that may stand alone (full names, strong short forms, countries)."""
    entry = _dictionary().get(word)
    return entry is not None and entry[2] in ("full", "strong") and entry[0] != "phrase"


def dictionary_matches(sentence: str) -> list[DictMatch]:
    """Leftmost-longest, non-overlapping matches of the place dictionary."""
    table = _dictionary()
    lengths = _dictionary_lengths()
    matches: list[DictMatch] = []
    i, n = 0, len(sentence)
    while i < n:
        found = None
        for length in lengths.get(sentence[i], ()):
            surface = sentence[i : i + length]
            if len(surface) == length and surface in table:
                found = surface
                break
        if found is None:
            i += 1
            continue
        kind, name, strength = table[found]
        matches.append(DictMatch(i, i + len(found), found, kind, name, strength))
        i += len(found)
    return matches


def phrase_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of fixed policy phrases (山水林田湖草, 中国特色) that contain no names."""
    return [(m.start, m.end) for m in dictionary_matches(sentence) if m.type == "phrase"]


def crosses_word(sentence: str, start: int, end: int, *, min_freq: int = 20) -> bool:
    """True when a common dictionary word straddles ``start`` or ``end``.

    延长寿命 contains 长寿 but 延长 and 寿命 cross its edges; 朝阳产业 is one word.
    """
    table = word_table()
    for edge in (start, end):
        if edge <= 0 or edge >= len(sentence):
            continue
        for left in range(max(0, edge - 4), edge):
            for right in range(edge + 1, min(len(sentence), edge + 4) + 1):
                word = sentence[left:right]
                info = table.get(word)
                if info and info[0] >= min_freq and info[1] != "nt":
                    return True
    return False


# ---------------------------------------------------------------------------
# Left boundary of a name


def extend_left(
    sentence: str,
    end: int,
    *,
    floor: int = 0,
    max_chars: int = 12,
    allow_last_adjective: bool = False,
) -> tuple[int, list[Token]]:
    """Start of the proper name that ends at ``end`` (exclusive), and its tokens.

    Walks jieba tokens right to left from ``end`` and stops at punctuation, function
    words, numerals and governing verbs, at ``floor`` and before ``max_chars``.
    """
    lo = max(floor, end - max_chars - 6)
    window = sentence[lo:end]
    cut = max((window.rfind(c) for c in PUNCTUATION), default=-1)
    if cut >= 0:
        lo += cut + 1
        window = sentence[lo:end]
    tokens = segment(window, lo)
    taken: list[Token] = []
    start = end
    index = len(tokens) - 1
    while index >= 0:
        token = tokens[index]
        if token.word in ")）":
            # A bracketed place inside a name: 中交（重庆）江河湖泊生态修复研究院.
            open_index = _matching_open(tokens, index)
            if open_index is None or not taken:
                break
            inner = "".join(t.word for t in tokens[open_index + 1 : index])
            if lookup_admin(inner) is None and inner not in COUNTRIES:
                break
            taken = tokens[open_index : index + 1] + taken
            start = tokens[open_index].start
            index = open_index - 1
            continue
        if is_stop_token(token, last=not taken and allow_last_adjective):
            if token.word in ("之", "的") and taken and len(taken[0].word) == 1:
                taken.pop(0)  # 居然之家智能家居小镇: 家 belongs to the phrase before 之
                start = taken[0].start if taken else end
            elif taken and _steals_first_char(token, taken[0]):
                # 在前海…: the stop character 前 begins the name 前海.
                last = Token(token.end - 1, token.end, token.word[-1], pos_of(token.word[-1]))
                taken.insert(0, last)
                start = last.start
            break
        if end - token.start > max_chars:
            break
        taken.insert(0, token)
        start = token.start
        index -= 1
    # Never start a name at the very first token of a truncated window.
    if taken and taken[0].start == lo and lo > floor and lo > 0 and not _is_boundary_before(
        sentence, lo, floor
    ):
        taken.pop(0)
        start = taken[0].start if taken else end
    return start, taken


def _steals_first_char(stop: Token, first: Token) -> bool:
    if len(stop.word) > 2 or (len(stop.word) == 2 and stop.word[0] not in _SINGLE_STOPS):
        return False
    joined = stop.word[-1] + first.word
    info = word_info(joined)
    return (
        info is not None and info[1] in ("ns", "nz", "nr", "nrt", "f") and info[0] < 1000
        and len(joined) <= 4
    )


def _is_boundary_before(sentence: str, index: int, floor: int) -> bool:
    return index <= floor or sentence[index - 1] in PUNCTUATION


def _matching_open(tokens: list[Token], close_index: int) -> int | None:
    for j in range(close_index - 1, max(-1, close_index - 5), -1):
        if tokens[j].word in "(（":
            return j
    return None


# ---------------------------------------------------------------------------
# Generic heads: a suffix with only these in front names no particular thing

GENERIC_HEAD_WORDS = frozenset(words(
    """城市 城乡 农村 乡村 城镇 乡镇 村级 镇级 区级 市级 省级 县级 国家级 国家 全国 地方 各类
    一批 新型 现代 现代化 智慧 智能 特色 生态 绿色 文化 旅游 文旅 产业 工业 农业 科技 创新
    创业 物流 商业 商务 金融 综合 公共 示范 试点 高新 高新技术 经济 开发 技术 社会 公益 大型
    小型 中型 大中型 中小 中小型 小微 民营 国有 外资 合资 上市 龙头 骨干 领军 高端 新兴
    战略性 数字 信息 数据 网络 互联网 平台 服务 管理 研究 研发 教育 医疗 卫生 养老 体育 健身
    休闲 湿地 森林 郊野 主题 社区 口袋 街头 滨江 滨河 山地 矿山 地质 遗址 田园 重点 重大 关键
    核心 基础 基层 配套 专业 专项 特定 一般 普通 其他 相关 有关 新 老 大 小 高 先进 优质 优势
    主要 标准 标准化 规范化 集中 集中式 分散 独立 联合 共享 开放 对外 国际 区域 片区 园区
    功能 安置 保障性 公租 廉租 棚户区 老旧 危旧 公办 民办 普惠性 薄弱 寄宿制 中小学 学前 职业
    高等 应用型 研究型 本科 重点实验 工程技术 企业技术 技能 大师 院士 专家 博士后 科研 新能源
    污水 污水处理 垃圾 垃圾处理 固废 危废 医废 餐厨 再生 资源 环保 环境 节能 低碳 清洁 防洪
    水利 水源 饮用水 供水 排水 管网 电网 燃气 通信 基站 交通 公路 道路 桥梁 轨道 铁路 航空
    港口 码头 机场 枢纽 站场 停车 充电 加气 加油 消防 应急 救灾 避难 殡葬 农贸 市场 商圈 商贸
    消费 夜间 首店 步行 步行街 美食 特色小镇 小镇 风情 古镇 传统 历史 文化旅游 乡村旅游
    国家公园 自然保护 保护 自然 海洋 湖泊 河流 流域 水系 水体 黑臭 岸线 沿岸 沿江 沿河 两岸
    周边 市辖 区属 市属 省属 县属 镇属 各 本地 当地 外地 境外 海外 国内 国外 境内 全省 全市
    全区 全县 上级 下级 同级 所属 直属 有条件 符合条件 新增 新建 在建 续建 拟建 储备 后备
    预备 孵化 众创 双创 创客 加速 检验 检测 认证 知识产权 科技成果 成果转化 中试 实训 实习
    见习 培训 就业 创业孵化 人才 青年 妇女 儿童 老年 残疾人 退役军人 农民工 高校毕业生
    商业银行 政策性 开发性 股份制 城商 农商 村镇 中小银行 金融机构 融资 投资 担保 基金 保险
    证券 期货 信托 租赁 保理 小额贷款 典当 交易 结算 国有资本 国有企业 民营企业 外资企业 规上
    规模以上 上规 领头 头部 链主 专精特新 小巨人 单项冠军 隐形冠军 瞪羚 独角兽 科技型 高成长
    成长型 创新型 外向型 劳动密集型 资源型 服务型 制造型 生产型 出口型 平台型 总部 区域性
    全国性 国际性 世界级 国际化 一流 顶尖 知名 著名 品牌 老字号 旗舰 示范性 引领性 标志性
    功能性 基础性 战略 前沿 未来 新一代 下一代 第五代 人工智能 大数据 云计算 物联网 区块链
    车联网 工业互联网 集成电路 软件 电子 信息技术 生物 医药 医药器械 新材料 装备 汽车 摩托车
    智能终端 智能装备 装配式 建筑 房地产 住房 住宅 商品房 写字楼 楼宇 酒店 宾馆 餐饮 娱乐
    会展 展会 博览 演艺 影视 传媒 出版 广告 设计 咨询 法律 会计 审计 评估 人力资源 猎头 外包
    家政 物业 中介 研发设计 创新中心 工程中心 研发中心 技术中心 农业科技 农产品 粮食 生猪
    蔬菜 水果 花卉 苗木 茶叶 中药材 畜牧 水产 渔业 林业 果林 经果林 高效 精品 生态农业
    现代农业 都市农业 休闲农业 观光 采摘 康养 避暑 度假 温泉 滑雪 户外 露营 研学 红色 民宿
    农家乐 美丽 宜居 和美 幸福 文明 卫生城 园林 海绵 韧性 无废 低碳城市 碳中和 碳达峰 零碳
    近零碳 全域 全民 公共服务 便民 惠民 民生 安居 平安 法治 诚信 信用 营商 政务 党建 群团
    统战 宣传 组织 纪检 监察 审判 检察 公安 司法 政法 国防 双拥 拥军 人防 国家安全 创意 文创
    高标准 高水平 高质量 世界一流 国际一流 新时代 山水 江河 山区 平原 都市 高原 大街 古城
    江湖 英雄 太阳 治安 大国 深度 普及 庆典 王国 共和国 外国 爱国 建国 开国 回国 大桥 山脉
    城垣 故城 内河 海峡 边坡 城区 主城 主城区 中心城区 老城区 新城区 集群 新兴产业 冷链 山城
    数字经济 医养 托育 网红 夜经济 算力 智能网联 普惠"""
))


def is_generic_head(tokens: list[Token]) -> bool:
    """True when every token of a head is generic vocabulary (no proper-name part)."""
    if not tokens:
        return True
    for token in tokens:
        word = token.word
        if word in GENERIC_HEAD_WORDS:
            continue
        if is_numeral(word):
            continue
        if _strip_generic_chars(word):
            return False
    return True


_GENERIC_CHARS = frozenset("新老大小各全本该某其一二两三四五六七八九十百千万")


def _strip_generic_chars(word: str) -> str:
    # Single characters such as 新/老/大/小 alone carry no name.
    return "" if len(word) == 1 and word in _GENERIC_CHARS else word


def has_proper_evidence(tokens: list[Token]) -> bool:
    """Positive evidence of a proper name: a place name, a rare name-like word, an
    out-of-vocabulary run (single-character tokens), or a letter/digit code."""
    singles = 0
    rare_single = False
    for token in tokens:
        word, pos = token.word, token.pos
        if pos == "x" and _is_code_char(word) and any(c.isalpha() for c in word):
            return True
        if len(word) == 1 and is_cjk(word):
            singles += 1
            info = word_info(word)
            rare_single = rare_single or info is None or info[0] < 5000 or info[1] in (
                "nr", "ns", "nz", "ng", "g", "zg")
            # Two or more characters the dictionary could not join, one of them not a
            # common function character (徐堡, 碛, 柯马; not 新上).
            if singles >= 2 and rare_single:
                return True
            continue
        singles = 0
        rare_single = False
        if word in GENERIC_HEAD_WORDS:
            continue
        if is_place_word(word):
            return True
        info = word_info(word)
        if info is None:
            if all(is_cjk(c) for c in word):
                return True
            continue
        freq, tag = info
        # jieba's "nt"/"j" tags cover generic terms (新兴产业, 中小企业); not evidence.
        if tag in ("nz", "ns") and (freq < 3000 or word[-1] in "江河湖山海"):
            return True  # (长江, 黄河 are frequent but still names)
        if tag in ("nr", "nrt", "nrfg") and freq < 3000 and len(word) <= 3:
            return True  # person-name-like words; longer "nr" entries are mis-tagged phrases
    return False


def list_items(sentence: str, end: int, max_item: int = 14) -> list[tuple[int, int]]:
    """Items of a 、-separated list ending at ``end`` (the position of 等 or the noun)."""
    items: list[tuple[int, int]] = []
    cursor = end
    while True:
        start, _tokens = extend_left(sentence, cursor, max_chars=max_item)
        # Items may contain words that stop the grammar (御景雅居（二期）); fall back
        # to the previous separator when the item is short enough.
        sep = max(sentence.rfind("、", 0, cursor), sentence.rfind("，", 0, cursor),
                  sentence.rfind("；", 0, cursor), sentence.rfind("：", 0, cursor))
        if sep >= 0 and sentence[sep] == "、" and cursor - sep - 1 <= max_item:
            start = sep + 1
        if start >= cursor:
            break
        items.append((start, cursor))
        if start > 0 and sentence[start - 1] == "、":
            cursor = start - 1
            continue
        break
    items.reverse()
    return items
