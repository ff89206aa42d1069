"""Taking a query apart: the flat comparison form, article references, quoted phrases, terms,
and the question words that say nothing about the subject."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from xuezhi.errors import XuezhiError, shown
from xuezhi.text.numerals import CN_DIGITS, parse_number
from xuezhi.text.refs import take_articles

if TYPE_CHECKING:  # the CLI imports the corpus anyway; search itself only needs its types
    pass


MAX_QUERY_CHARS = 200
"""Longer queries are refused by the CLI and truncated by `search` (which never raises)."""


MAX_TERMS = 12


_NON_WORD = re.compile(r"[\W_]+")


_QUOTES = "\"“”「」『』‘’'"


_QUOTED = r"[\"“”「『‘'](.*?)[\"“”」』’']"


# Words that make a question a question but say nothing about its subject. Longest first, so
# 怎么办 goes before 怎么. Split points only: a term that occurs verbatim is never cut.
_STOP_PHRASES = sorted(
    [
        "怎么办", "怎么样", "怎样", "怎么", "咋办", "如何", "什么样", "什么是", "是什么", "什么",
        "为什么", "为何", "干什么", "干啥", "做什么", "哪些", "哪个", "哪里", "哪儿", "哪一条",
        "哪条", "多久", "多长时间", "多少天", "多少", "几天", "几日", "几个", "几条", "是不是",
        "是否", "能不能", "能否", "可不可以", "可以吗", "可以", "有没有", "要不要", "会不会", "该不该",
        "应不应该", "需不需要", "需要", "应该", "应当", "请问", "我想", "想问", "想知道", "知道",
        "一下", "规定", "条例", "本条例", "信访工作条例", "有关", "关于", "的话", "之后", "以后",
        "的时候", "时候", "情况下", "怎么处理", "如何处理", "怎么算", "算不算",
        # fillers of a spoken question
        "这个", "那个", "这种", "这样", "那么", "到底", "究竟", "已经", "一直", "现在", "同时", "还是",
        "我们", "他们", "自己", "大家", "有人", "比如", "就是", "然后", "但是", "可是", "因为", "所以",
        "如果", "要是", "一件事", "这件事", "事情", "问题是", "请教", "麻烦问", "咨询一下",
    ],
    key=len,
    reverse=True,
)


# Function characters that split a term that is not found verbatim (never inside exact terms).
_STOP_CHARS = "的了吗呢吧啊呀嘛么是对和我你啥咋谁哪都也"


@cache
def stop_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Compiled on first need: most searches are plain terms and never get here."""
    return re.compile("|".join(map(re.escape, _STOP_PHRASES))), re.compile(f"[{_STOP_CHARS}]")


class Query(NamedTuple):
    """A query taken apart: article references, verbatim phrases and free terms (all flat)."""

    refs: tuple[int, ...] = ()
    bad_refs: tuple[int, ...] = ()
    phrases: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()


def flat(text: str) -> str:
    """Comparison form: NFKC, lower case, letters and digits only."""
    t = _NON_WORD.sub("", text)
    if not unicodedata.is_normalized("NFKC", t):  # NFKC itself is slow on CJK text; rarely needed
        t = _NON_WORD.sub("", unicodedata.normalize("NFKC", t))
    return t.lower()


def _clean(text: str) -> str:
    """Control, format and unassigned characters become spaces; length is capped."""
    text = text[: MAX_QUERY_CHARS * 2]
    return "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text)[:MAX_QUERY_CHARS]


def query_problem(query: str) -> str | None:
    """Why `query` cannot be searched, in Chinese for the user, or None if it can."""
    if len(query) > MAX_QUERY_CHARS:
        return f"检索词过长（{len(query)} 个字符），请控制在 {MAX_QUERY_CHARS} 个字符以内，只写关键的词语。"
    if not flat(_clean(query)):
        return "检索词里没有可查找的文字（只有空格、标点或控制字符）：请输入词语或条号，例如 xuezhi search 枫桥经验。"
    return None


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９＋－", "0123456789+-")


def parse_limit(typed: str) -> int:
    """--limit as typed: a positive whole number (full-width digits, a leading + or zeros are
    fine); one longer than six digits means every hit. Anything else: XuezhiError, in Chinese.
    (Not typer's int: its "not a valid int" would reach the user in English.)"""
    size = typed.strip().translate(_FULLWIDTH_DIGITS).lstrip("+").lstrip("0") or "0"
    if not size.isascii() or not size.isdigit() or size == "0":
        raise XuezhiError(f"--limit 应为正整数（例如 --limit 5），收到的是“{shown(typed)}”。")
    return int(size) if len(size) <= 6 else 1_000_000  # more than any corpus has articles


_number = parse_number


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    """Compiled on first use: each compile is start-up time, and most queries need few."""
    return re.compile(pattern)


def parse_query(query: str, valid: Iterable[int] = ()) -> Query:
    """Split a raw query into article references (valid / not), quoted phrases and terms."""
    valid = set(valid)
    text = unicodedata.normalize("NFKC", _clean(query)).lower()
    refs: list[int] = []
    bad: list[int] = []

    def ref(n: int | None) -> None:
        if n is None:
            return
        (refs if n in valid else bad).append(n)

    phrases: list[str] = []
    if any(c in text for c in _QUOTES):
        quoted = _regex(_QUOTED)
        phrases = [p for p in (flat(m.group(1)) for m in quoted.finditer(text)) if p]
        text = quoted.sub(" ", text)
    if "第" in text:
        cited, text = take_articles(text)
        for n in cited:
            ref(n)
    terms: list[str] = []
    for token in flat_tokens(text):
        core = token.removeprefix("第").removesuffix("条")  # 34, 34条, 三十四
        n = _number(core) if core and (core.isdecimal() or all(c in CN_DIGITS for c in core)) else None
        if n is not None and (n in valid or token.endswith("条")):
            ref(n)
        elif token not in terms:
            terms.append(token)
    return Query(tuple(dict.fromkeys(refs)), tuple(dict.fromkeys(bad)), tuple(dict.fromkeys(phrases)),
                 tuple(terms[:MAX_TERMS]))


def flat_tokens(text: str) -> list[str]:
    """Whitespace and punctuation separate terms."""
    return [t for t in (flat(w) for w in _NON_WORD.split(text)) if t]


def bigrams(s: str) -> set[str]:
    return {s[i : i + 2] for i in range(len(s) - 1)}


def has_content(term: str) -> bool:
    """Whether anything is left of `term` once question words are removed (怎么办 → no)."""
    phrases, chars = stop_patterns()
    return bool(chars.sub("", phrases.sub("", term)))
