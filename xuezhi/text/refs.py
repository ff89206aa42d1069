"""What people type for an article: 20, 第二十条, 第20条, 二十, 17-20, 第十七条至第二十条, 17,18,
第二十条第三款."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterator
from functools import cache

from xuezhi.errors import ArticleRefError, shown
from xuezhi.text.numerals import NUMERAL, parse_number

ARTICLE = rf"第\s*({NUMERAL})\s*[条條]"
"""第二十条, 第 20 条, 第二十條: one article as texts and people cite it (the group is its number)."""
CROSS_REFERENCE = rf"本条例((?:第{NUMERAL}条(?:第{NUMERAL}[款项])?[、和及]?)+)"
"""A regulation citing itself: 本条例第十八条、第二十条, 本条例第三十一条第六项 (the group is the list)."""

_ONE = rf"第?\s*({NUMERAL})\s*[条條]?"
_SINGLE = rf"^{_ONE}$"
_RANGE = rf"^{_ONE}\s*(?:-|~|～|—|－|至|到)\s*{_ONE}$"
_CHAPTER = rf"^第?\s*({NUMERAL})\s*章?$"
# 第二十条第三款, 第三十一条第六项: the article is what is shown (the quiz and search cite this way)
_PART = rf"(?<=[条條])(?:\s*第?\s*{NUMERAL}\s*[款项項])+$"
_LIST = r"[,，、;；]"


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    """Compiled when first needed, not at every start."""
    return re.compile(pattern)


def cross_references(text: str) -> Iterator[tuple[int, re.Match[str]]]:
    """Each article a 本条例… cross-reference in `text` cites: where its 第N条 starts, and the match
    (groups: the article's number, then the 款 or 项 number and which of the two, if given).
    前款第（二）项 and 第431号 cite no article."""
    one = _regex(rf"第({NUMERAL})条(?:第({NUMERAL})([款项]))?")
    for run in _regex(CROSS_REFERENCE).finditer(text):
        for m in one.finditer(run.group(1)):
            yield run.start(1) + m.start(), m


def take_articles(text: str) -> tuple[list[int], str]:
    """The articles `text` names as 第N条, in order (an unreadable number left out), and the text
    with each of them replaced by a space."""
    found = [n for m in _regex(ARTICLE).finditer(text) if (n := parse_number(m.group(1))) is not None]
    return found, _regex(ARTICLE).sub(" ", text) if found or "第" in text else text


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


_number = parse_number


def parse_article_number(text: str) -> int | None:
    """The article number `text` names, or None if it is not an article reference at all."""
    m = _regex(_SINGLE).match(_normalise(text))
    return _number(m.group(1)) if m else None


def parse_article_refs(tokens: list[str], valid: Collection[int]) -> list[int]:
    """Expand every token (single article or range) into article numbers, in the order given.

    Raises ArticleRefError naming the token and the valid range when a token is not an
    article of the regulation, so the user sees exactly which argument to fix.
    """
    valid = frozenset(valid)  # a list of 10,000 articles made every membership test a scan
    span = f"有效范围是第 {min(valid)}–{max(valid)} 条"
    out: dict[int, None] = {}  # in the order given, without repeats
    pieces = [(token, _regex(_PART).sub("", p.strip())) for token in tokens
              for p in (_regex(_LIST).split(_normalise(token)) if _regex(_LIST).sub("", token).strip() else [token])
              if p.strip() or not token.strip()]
    for token, t in pieces:
        m = _regex(_RANGE).match(t)
        if m:
            lo, hi = _number(m.group(1)), _number(m.group(2))
            if lo is None or hi is None:
                raise ArticleRefError(f"无法识别条号“{shown(token)}”：{span}，例如 20、第二十条、17-20")
            if lo > hi:
                raise ArticleRefError(f"条号范围“{shown(token)}”起点大于终点，请写成 {hi}-{lo}")
            bad = [n for n in (lo, hi) if n not in valid]
            if bad:
                raise ArticleRefError(f"第 {bad[0]} 条不存在：{span}")
            numbers = [n for n in range(lo, hi + 1) if n in valid]
        else:
            n = parse_article_number(t)
            if n is None:
                raise ArticleRefError(f"无法识别条号“{shown(token)}”：{span}，例如 20、第二十条、17-20")
            if n not in valid:
                raise ArticleRefError(f"第 {n} 条不存在：{span}")
            numbers = [n]
        out.update(dict.fromkeys(numbers))
    return list(out)


def parse_chapter_number(text: str, valid: Collection[int]) -> int:
    """`3`, `第三章`, `三` → 3; anything else is an ArticleRefError naming the valid chapters."""
    m = _regex(_CHAPTER).match(_normalise(text))
    n = _number(m.group(1)) if m else None
    if n is None or n not in valid:
        raise ArticleRefError(f"没有“{shown(text)}”这一章：有效范围是第 {min(valid)}–{max(valid)} 章，例如 3 或 第三章")
    return n
