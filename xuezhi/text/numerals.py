"""Chinese numerals for article numbers: 第二十条 ⇄ 20.

The regulation and every study material cite articles in Chinese numerals, while people
type Arabic digits; both have to mean the same article.
"""

from __future__ import annotations

import re
from functools import cache

CN_DIGITS = "零〇一二两三四五六七八九十百千万"
"""Every character a Chinese numeral is written with (`from_chinese` reads each of them)."""
NUMERAL = rf"(?:\d+|[{CN_DIGITS}]+)"
"""One number as texts and people write it, 20, ２０ or 二十, for a regex (`parse_number` reads it)."""

_DIGITS = "零一二三四五六七八九"
_VALUES = {c: i for i, c in enumerate(_DIGITS)} | {"〇": 0, "两": 2}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def to_chinese(n: int) -> str:
    """Render 1–99999999 the way legal texts do: 十, 十五, 二十, 一百零一, 一万零一十."""
    if not 0 < n < 100_000_000:
        raise ValueError(n)
    if n >= 10000:  # 万 groups four digits; a gap inside is read 零: 一万零五, 一万零一十
        high, low = divmod(n, 10000)
        head = to_chinese(high) + "万"
        if not low:
            return head
        tail = _below_10000(low)
        return head + ("零" + ("一" + tail if tail.startswith("十") else tail) if low < 1000 else tail)
    text = _below_10000(n)
    # 一十五 is written 十五 when it stands alone.
    return text[1:] if text.startswith("一十") else text


def _below_10000(n: int) -> str:
    parts: list[str] = []
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, unit)
        if d:
            if zero:
                parts.append("零")
                zero = False
            parts.append(_DIGITS[d] + name)
        elif parts:
            zero = True
    return "".join(parts)


def from_chinese(text: str) -> int | None:
    """Parse 二十, 十五, 一百零一, 三〇, 一万零一; None when the text is not a Chinese numeral."""
    if "万" in text:
        high, _, low = text.partition("万")
        h = from_chinese(high)
        rest = from_chinese(low.lstrip("零〇")) if low.strip("零〇") else 0
        if h is None or rest is None or rest >= 10000 or "万" in low:
            return None
        return h * 10000 + rest
    if not text or any(c not in _VALUES and c not in _UNITS for c in text):
        return None
    if all(c in _VALUES for c in text):  # digit by digit: 三〇 → 30
        return int("".join(str(_VALUES[c]) for c in text))
    total, digit = 0, None
    for c in text:
        if c in _VALUES:
            if digit is not None and _VALUES[c] != 0:
                return None  # 二三十 is not a number
            digit = _VALUES[c] if _VALUES[c] else None
        else:
            unit = _UNITS[c]
            total += (1 if digit is None else digit) * unit
            digit = None
    if digit is not None:
        total += digit
    return total or None


def parse_number(token: str) -> int | None:
    """20 or 二十 → 20; None for anything else, and for more digits than any article number has
    (int() refuses 4300 digits and more)."""
    if not token or len(token) > 6:
        return None
    return int(token) if token.isdecimal() else from_chinese(token)


QUANTITY_UNITS = "个工作日|工作日|日|天|人|个|名|年|月|周|星期|次|条|项|款"
"""What a number counts in running text: 十五日, 五人, 两个月 are quantities; 同一事实, 一站式 are not."""
_CN_RUN = f"[{CN_DIGITS}]+"


def arabic_in(text: str, units: str = "") -> str:
    """Chinese numerals in running text as digits: 十五日 → 15日, 二〇二二年 → 2022年. With `units`
    (a regex alternation such as "日|人"), only numerals followed by one of them: 同一事实 stays.
    A run that is not a number (二三十) is left as it is. Answers and queries compare through this."""
    return _units_pattern(units).sub(lambda m: str(from_chinese(m.group(0)) or m.group(0)), text)


@cache
def _units_pattern(units: str) -> re.Pattern[str]:
    """Compiled on first use (start-up time)."""
    return re.compile(f"{_CN_RUN}(?={units})" if units else _CN_RUN)


def chinese_in(text: str) -> str:
    """Every run of digits in running text as a Chinese numeral: 3到位1处理 → 三到位一处理, for
    names and labels the text writes in Chinese (四个意识, 第三十一条第六项)."""
    def cn(m: re.Match[str]) -> str:
        n = int(m.group(0)) if len(m.group(0)) <= 8 else 0
        return to_chinese(n) if 0 < n < 100_000_000 and not m.group(0).startswith("0") else m.group(0)

    return re.sub(r"\d+", cn, text)


def circled(n: int) -> str:
    """①…⑳ for paragraph (款) markers; plain (21) beyond that."""
    return chr(0x2460 + n - 1) if 1 <= n <= 20 else f"({n})"
