"""The one reader of Chinese numerals (三千, 两万, 一千二百万, 二〇三五, 零点五), on cn2an.

Structure (一、 （二） 三是), slogans (两个一百年) and targets (新建三所, 超千亿元) all read
numerals here. cn2an does the arithmetic; this module adds the conventions of the genre:

- two bare digits in a row are no number (三五成群, 一一对应); three or more are read digit
  by digit, as years are written (二〇三五);
- a numeral that opens with a magnitude (千亿, 万, 百) is a word (千方百计, 万众一心) unless
  the caller says it stands for a quantity (``bare_magnitude=True``: 超千亿元 is 1e11); even
  then a lone magnitude character (万, 百) is a word;
- 廿 and 卅 are twenty and thirty; anything longer than a real numeral is refused, so a
  run of numeral characters in random text costs nothing.
"""

from __future__ import annotations

from functools import lru_cache

NUMERAL_CHARS = "零〇一二两三四五六七八九十廿卅百千万亿"
DIGITS = "零〇一二两三四五六七八九"
MAGNITUDES = "百千万亿"
_ALLOWED = frozenset(NUMERAL_CHARS + "点")
_MAX_LENGTH = 32  # 一千二百三十四万五千六百七十八亿… : longer runs are not numerals
_SPELLED = str.maketrans({"廿": "二十", "卅": "三十"})


def chinese_numeral(text: str, *, bare_magnitude: bool = False) -> int | float | None:
    """Value of a Chinese numeral, or None when ``text`` is not one.

    三千 → 3000, 两万 → 20000, 十二 → 12, 一千二百万 → 12000000, 二〇三五 → 2035,
    零点五 → 0.5, 廿 → 20; 三五, 十三五, 万, 千方 → None; 千亿 → None, or 1e11 with
    ``bare_magnitude``.
    """
    if not text or len(text) > _MAX_LENGTH or not _ALLOWED.issuperset(text):
        return None
    whole = text.partition("点")[0]
    if not whole or (whole[0] in MAGNITUDES and (not bare_magnitude or len(whole) < 2)):
        return None  # 千方百计, 万众一心; a lone 万 or 百 is a word even before a unit
    if len(whole) == 2 and all(ch in DIGITS for ch in whole):
        return None  # 三五成群, 一一对应: two digits are a word, not a number
    return _read(text)


@lru_cache(maxsize=4096)
def _read(text: str) -> int | float | None:
    import cn2an  # imported on first use: it costs about 0.1 s

    spelled = text.translate(_SPELLED)
    if spelled[0] in MAGNITUDES:
        spelled = "一" + spelled  # 千亿 → 一千亿
    try:
        value = cn2an.cn2an(spelled, "normal")
    except (ValueError, KeyError, IndexError):
        return None
    return value if isinstance(value, int | float) else None
