"""Comparative Agendas Project (CAP) major topics of a commitment.

Two sources of evidence are added up:

* the departments ``catalog.rank_departments`` finds, each passing its confidence on to
  its CAP topics (a department with several topics splits it in proportion to the
  topic keywords below, so 发展和改革委员会 gives 1 Macroeconomics for investment
  wording and 8 Energy for energy wording);
* topic keywords of this module, general policy vocabulary per CAP major topic, which
  separate what departments lump together (7 Environment vs 8 Energy vs 21 Public Lands).

Scores are shares of the total evidence (they sum to at most 1), best first; topics
below ``MIN_SHARE`` are dropped. A commitment with no cue at all still gets one topic
with a low score: 1 Macroeconomics for development language, else 20 Government
Operations. Labels: ``catalog.load_cap_topics()``.
"""

from __future__ import annotations

import re
from functools import cache

from plankg.catalog import DepartmentType, load_cap_topics, rank_departments

DEPARTMENT_WEIGHT = 2.0  # a department at confidence 1 counts like two long keywords
MIN_SHARE = 0.12
MAX_TOPICS = 4
_FALLBACK_SCORE = 0.2
_MAX_DEPARTMENTS = 4

# General policy vocabulary per CAP major topic (not taken from any one document).
TOPIC_KEYWORDS: dict[int, str] = {
    1: """宏观 宏观调控 经济运行 地区生产总值 国内生产总值 经济增长 经济增速 财政政策 货币政策
        积极的财政政策 稳健的货币政策 减税 降费 减税降费 赤字 赤字率 预算 一般公共预算 财政收入
        财政支出 税收 增值税 所得税 物价 居民消费价格 通货膨胀 稳增长 扩大内需 内需 有效投资
        固定资产投资 政府投资 专项债 专项债券 地方政府债券 特别国债 政府债务 隐性债务
        供给侧结构性改革 经济体制改革 稳中求进 六稳 六保 逆周期调节 经济社会发展
        规划纲要 五年规划 发展规划""",
    2: """妇女权益 儿童权益 残疾人权益 民族团结 少数民族 民族地区 宗教 宗教事务 男女平等 性别
        未成年人保护 权益保障 人权 反歧视 民族区域自治""",
    3: """医疗 医院 医疗卫生 卫生健康 健康中国 公共卫生 疫情防控 疫苗 接种 传染病 疾病 医保
        医疗保障 基本医疗 大病保险 分级诊疗 家庭医生 中医药 中医院 药品 医药 控烟 妇幼保健
        社区卫生服务 全民健康 心理健康 精神卫生 医共体 医联体""",
    4: """农业 粮食 粮食生产 粮食安全 农产品 种植 养殖 生猪 畜牧 渔业 高标准农田 种业 农机
        家庭农场 农民专业合作社 菜篮子 米袋子 农民增收 乡村产业 乡村振兴 农村 农业农村
        特色高效农业 都市农业 农田水利 动物防疫 食品安全 食品药品 农产品质量安全 农村电商
        集体经济 农村改革 宅基地 脱贫 脱贫攻坚 防止返贫""",
    5: """就业 稳就业 就业优先 失业 失业率 工资 欠薪 劳动关系 劳动保障 技能培训 职业技能
        职业培训 技能提升 农民工 高校毕业生 创业 返乡创业 稳岗 援企稳岗 安全生产 工伤
        劳动者 灵活就业 新增就业 就业困难人员""",
    6: """教育 学校 学前教育 义务教育 高中 高等教育 高校 职业教育 职业院校 教师 学生 幼儿园
        中小学 双减 招生 学位 办学 立德树人 教育均衡 特殊教育 终身教育 助学""",
    7: """污染 污染防治 环境 生态环境 环境保护 生态环境保护 大气污染 水污染 土壤污染 排放 减排
        碳排放 碳达峰 碳中和 温室气体 气候变化 垃圾分类 生活垃圾 固体废物 危险废物 生态保护
        蓝天保卫战 清洁生产 空气质量 优良天数 噪音 噪声 扬尘 饮用水水源 水源地 环保 生态文明
        绿色发展 绿色低碳 污水处理 污水 排污 黑臭水体 生物多样性 环境质量 细颗粒物""",
    8: """能源 电力 用电 电价 电网 天然气 煤炭 成品油 油气 新能源 可再生能源 清洁能源 光伏
        风电 水电 核电 充电设施 充电桩 能耗 节能 节能降耗 能源安全 加气站 储能""",
    9: """移民 出入境 外国人 签证 侨务 华侨 归侨 侨眷 户籍 落户 农业转移人口""",
    10: """交通 道路 公路 高速公路 铁路 高铁 机场 航线 国际航线 港口 码头 航运 轨道交通
        地铁 公交 停车 停车场 快速路 干道 断头路 立交 桥梁 隧道 多式联运 物流通道 航空枢纽
        交通枢纽 城市交通 农村公路 便道 人行过街""",
    12: """治安 社会治安 犯罪 违法犯罪 公安 扫黑除恶 禁毒 电信诈骗 诈骗 司法 法治 执法 普法
        社区矫正 法律援助 反恐 平安建设 矛盾纠纷 枫桥经验 社会治理 信访 公共法律服务 监狱""",
    13: """低保 救助 社会救助 特困 特困人员 养老服务 养老 养老保险 养老金 残疾人 留守儿童
        困境儿童 社会福利 慈善 托育 社会保障 社保 参保 社会保险 优抚 低收入 困难群众
        社区服务 志愿服务 殡葬 婚姻登记 孤儿""",
    14: """住房 保障性住房 公租房 棚户区改造 安置房 房地产 房地产市场 老旧小区 住房公积金
        城市更新 安居工程 危房 旧房整治 新型城镇化 城市品质 城市功能 城市建设 物业
        城镇老旧小区 房屋征收 城市管理""",
    15: """消费 促消费 商贸 商圈 商业 零售 社会消费品零售总额 市场主体 中小企业 中小微企业
        小微企业 民营企业 民营经济 个体工商户 金融 银行 保险 证券 上市 融资 信贷 金融服务
        营商环境 市场监管 知识产权 专利 商标 旅游 旅游业 招商引资 招商 产业 产业集群 产业链
        制造业 工业 先进制造业 现代服务业 企业 国有企业 国资国企 会展 电商 夜间经济
        放管服 市场准入 公平竞争 价格监管 质量强国 标准化""",
    16: """国防 军队 兵役 征兵 国防教育 国防动员 双拥 军民融合 人民防空 人防 退役军人 后备力量
        强军 武警 拥军优属""",
    17: """科技 科技创新 创新 研发 研发机构 研发经费 基础研究 关键核心技术 实验室 大数据
        人工智能 5G 互联网 工业互联网 数字经济 信息化 智能化 软件 集成电路 物联网 区块链
        云计算 高新技术企业 科技型企业 成果转化 技术转移 众创空间 孵化器 创新创业 新基建
        数据中心 通信 网络安全 科学 航天""",
    18: """外贸 出口 进口 进出口 外资 利用外资 外商投资 引进外资 自贸区 自贸试验区 自由贸易
        跨境电商 服务贸易 对外贸易 关税 口岸 保税 综合保税区 海关 贸易摩擦 走出去
        对外投资 开放平台 内陆开放 开放型经济""",
    19: """一带一路 国际合作 外交 国际交往 友好城市 友好地区 对外援助 港澳 香港 澳门 台湾
        对台 两岸 领事 国际组织 多边主义 全球治理 国际会议 外事 一国两制""",
    20: """政府建设 放管服 政务服务 政务公开 审批 行政审批 机构改革 公务员 廉政 党风廉政 审计
        统计 普查 人口普查 数字政府 督查 依法行政 法治政府 政府效能 人大 政协 机关
        国有资产 政府采购 事业单位 编制 作风建设 形式主义 官僚主义 民生实事""",
    21: """自然资源 国土 国土空间 土地 耕地 耕地保护 基本农田 林业 森林 林长制 河长制 水利
        水资源 水库 防洪 湿地 自然保护区 国家公园 矿山 生态修复 国土绿化 水土保持 草原
        山水林田湖草 征地 用地 用地指标 调规 土地整治 复垦 地质灾害 河道 供水 饮水安全""",
    23: """文化 文艺 文物 非物质文化遗产 博物馆 图书馆 公共文化 文化产业 文化创意 体育
        全民健身 广播电视 新闻出版 精神文明 文明城市 文明城区 乡村文化 文化大院 移风易俗
        社会主义核心价值观 历史文化 红色文化""",
}

_PLANNING_RE = re.compile("经济|发展|增长|规划|计划|目标")
_CJK_RE = re.compile("[\u4e00-\u9fff]")


@cache
def _keyword_table() -> dict[str, tuple[int, ...]]:
    table: dict[str, list[int]] = {}
    for code, words in TOPIC_KEYWORDS.items():
        for word in words.split():
            table.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in table.items()}


@cache
def _keyword_regex() -> re.Pattern[str]:
    # Longest alternative first, so 污染防治 is one cue rather than 污染.
    words = sorted(_keyword_table(), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


def _weight(word: str) -> float:
    return 0.8 if len(word) <= 2 else 1.0 if len(word) == 3 else 1.2


def keyword_topics(text: str) -> dict[int, float]:
    """Topic scores from the topic keywords alone (a cue shared by n topics counts 1/n)."""
    table = _keyword_table()
    scores: dict[int, float] = {}
    for match in _keyword_regex().finditer(text):
        codes = table[match.group(0)]
        for code in codes:
            scores[code] = scores.get(code, 0.0) + _weight(match.group(0)) / len(codes)
    return scores


@cache
def _primary_topic(dept: DepartmentType) -> int:
    """The department's CAP topic its own keywords support most (catalog order on ties)."""
    if len(dept.cap_topics) == 1:
        return dept.cap_topics[0]
    support = keyword_topics(" ".join((*dept.strong_keywords, *dept.keywords)))
    return max(dept.cap_topics, key=lambda t: (support.get(t, 0.0), -dept.cap_topics.index(t)))


def commitment_topics(text: str) -> list[tuple[int, float]]:
    """CAP major topic codes of a commitment text with their shares, best first."""
    if not _CJK_RE.search(text):
        return []
    scores = keyword_topics(text)
    keyword_scores = dict(scores)
    for dept, confidence, _ in rank_departments(text)[:_MAX_DEPARTMENTS]:
        topics = dept.cap_topics
        support = {t: keyword_scores.get(t, 0.0) for t in topics}
        total = sum(support.values())
        if not total:  # no topic wording: the department's main topic takes it all
            support, total = {_primary_topic(dept): 1.0}, 1.0
        for topic, value in support.items():
            scores[topic] = scores.get(topic, 0.0) + DEPARTMENT_WEIGHT * confidence * value / total
    known = load_cap_topics()
    scores = {code: score for code, score in scores.items() if code in known and score > 0}
    if not scores:
        return [(1 if _PLANNING_RE.search(text) else 20, _FALLBACK_SCORE)]
    total = sum(scores.values())
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    out = [(code, round(score / total, 3)) for code, score in ranked
           if score / total >= MIN_SHARE]
    return (out or [(ranked[0][0], round(ranked[0][1] / total, 3))])[:MAX_TOPICS]


def topic_label(code: int, lang: str = "en") -> str:
    """The bilingual label of a CAP major topic (``lang`` "en" or "zh")."""
    topic = load_cap_topics()[code]
    return topic.zh if lang == "zh" else topic.en
