"""Quantitative targets (and reported outcomes) in one cleaned sentence.

Modules: ``extract`` (pairs quantities with indicators: ``extract_targets``), ``quantities``
(a number, its unit and qualifier), ``units`` (read from ``ontology/units.ttl``),
``blocked`` (where numbers are never targets), ``indicator`` (the indicator grammar),
``tails`` (clauses and the words between indicator and number), ``outcome`` (target or
reported outcome), ``words`` (the vocabulary in ``data/``).

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

from plankg.extract.targets.extract import extract_targets
from plankg.extract.targets.outcome import is_reported_outcome

__all__ = ["extract_targets", "is_reported_outcome"]
