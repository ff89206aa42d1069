"""Fill-in answers graded as a fair examiner would (docs/命题规范.md 五).

Someone who knows the rule must not fail on form: blanks that are items of one list in another
order (order_free), blanks separated by spaces or commas when an answer itself contains 、, a date
as 2022-05-01, 十五日 for 15日, 第二十条 for the 二十 of 第（　）条. What counts is the value, never
a wording the text does not support: every part must still be an accepted answer of its blank.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import combinations
from math import comb

from xuezhi.bank.model import BLANK_MARKS, Blank, Question
from xuezhi.text.textnorm import normalise_answer

_GAP = re.compile(r"[\s;；，,、]+")
_STRENGTH = (("；;", 3), ("，,", 2), ("、", 0))  # how surely a separator ends a blank; spaces 1
MAX_SPLITS = 5000  # ways to split a long answer tried; beyond, only the strongest separators are
_DATE = re.compile(r"^(\d{4})(?:年|[-/.])(\d{1,2})(?:月|[-/.])(\d{1,2})日?$")
_MONTH_DAY = re.compile(r"^(\d{1,2})月(\d{1,2})日$")
_NUMBER_UNIT = re.compile(r"^(\d+)(日|天|人|名)$")
_PLACE = re.compile(r"^第?(\d+)(条|款|项)$")
_LIST_MARKS = str.maketrans("", "", "、,，")


def canonical(text: str) -> str:
    """A typed or accepted answer in the form values are compared in: normalised, numerals as digits,
    dates as 2022年5月1日, no list punctuation inside (机关、单位 = 机关 单位)."""
    t = normalise_answer(text)
    m = _DATE.match(t)
    if m:
        return f"{int(m.group(1))}年{int(m.group(2))}月{int(m.group(3))}日"
    m = _MONTH_DAY.match(t)
    if m:
        return f"{int(m.group(1))}月{int(m.group(2))}日"
    return t.translate(_LIST_MARKS)


def blank_forms(accepted: str, before: str = "", after: str = "") -> set[str]:
    """What counts as this accepted answer: 15日 also as 15, 十五, 15天; 5人 as 5名; 第二十条 as 20条 or
    20; and in 第（　）条 (`before`, `after`: the stem around the blank) 二十 also as 第二十条."""
    n = canonical(accepted)
    forms = {n}
    m = _NUMBER_UNIT.match(n)
    if m:
        num, unit = m.groups()
        forms |= {num} | ({num + "日", num + "天"} if unit in "日天" else {num + "人", num + "名"})
    m = _PLACE.match(n)
    if m:
        num, unit = m.groups()
        forms |= {num, num + unit, f"第{num}{unit}"}
    elif n.isdecimal() and before.endswith("第") and after[:1] in ("条", "款", "项"):
        forms |= {n + after[0], f"第{n}{after[0]}"}
    return forms


def contexts(q: Question) -> list[tuple[str, str]]:
    """(text before, text after) each blank of the stem."""
    parts = re.split("|".join(re.escape(m) for m in BLANK_MARKS), q.stem)
    return [(parts[i], parts[i + 1]) for i in range(len(parts) - 1)]


def matches(given: str, accepted: Blank, context: tuple[str, str] = ("", "")) -> bool:
    g = canonical(given)
    return bool(g) and any(g in blank_forms(a, *context) for a in accepted)


def blank_results(parts: Sequence[str], q: Question) -> tuple[bool, ...]:
    """Which typed parts are right: each against its own blank, or for order_free blanks against a
    blank of its own in any order (the most parts that can be matched, each blank used once)."""
    ctx = contexts(q)
    ctx += [("", "")] * (len(q.blanks) - len(ctx))
    if not q.order_free:
        return tuple(matches(p, b, c) for p, b, c in zip(parts, q.blanks, ctx, strict=True))
    fits = [[j for j, (b, c) in enumerate(zip(q.blanks, ctx, strict=True)) if matches(p, b, c)] for p in parts]
    owner: dict[int, int] = {}  # blank → part, grown by augmenting paths (Kuhn's matching)

    def claim(i: int, seen: set[int]) -> bool:
        for j in fits[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or claim(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(parts)):
        claim(i, set())
    matched = set(owner.values())
    return tuple(i in matched for i in range(len(parts)))


def _strength(gap: str) -> int:
    return next((s for chars, s in _STRENGTH if any(c in gap for c in chars)), 1)


def split_answer(text: str, q: Question) -> tuple[str, ...] | None:
    """The typed text cut into one part per blank, or None when it has too few parts. Of all the
    ways to cut it at its separators (；，、 spaces), the one that gets the most blanks right; among
    equals, the one cut at the strongest separators (； before ， before a space before 、)."""
    n = len(q.blanks)
    text = text.strip()
    if n == 1:
        return (text,)
    gaps = list(_GAP.finditer(text))
    if len(gaps) < n - 1:
        return None
    cuts: Sequence[int] = range(len(gaps))
    if comb(len(gaps), n - 1) > MAX_SPLITS:  # a paragraph typed into a quiz: the strongest gaps only
        m = n - 1
        while m < len(gaps) and comb(m + 1, n - 1) <= MAX_SPLITS:
            m += 1
        cuts = sorted(sorted(cuts, key=lambda k: -_strength(gaps[k].group()))[:m])
    best: tuple[tuple[int, int, int], tuple[str, ...]] | None = None
    for chosen in combinations(cuts, n - 1):
        bounds = [0, *(x for k in chosen for x in (gaps[k].start(), gaps[k].end())), len(text)]
        parts = tuple(text[bounds[i]:bounds[i + 1]] for i in range(0, len(bounds), 2))
        if not all(parts):
            continue
        key = (sum(blank_results(parts, q)), sum(_strength(gaps[k].group()) for k in chosen), -sum(chosen))
        if best is None or key > best[0]:
            best = (key, parts)
    return best[1] if best else None
