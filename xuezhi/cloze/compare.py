"""Checking a recited text against the original: punctuation and the form of a number are forgiven
(，or 、, 15日 or 十五日), words are not (应当 is not 应该). The result marks, in the original's
order, what was right, what was written wrong, what is missing and what was added, so that a view
can show the mistakes in place.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache

from xuezhi.text.numerals import CN_DIGITS, QUANTITY_UNITS, arabic_in

SAME, WRONG, MISSING, EXTRA = "same", "wrong", "missing", "extra"


@dataclass(frozen=True)
class Segment:
    kind: str  # SAME, WRONG (expected written as typed), MISSING, EXTRA (typed, not in the text)
    expected: str = ""
    typed: str = ""


@dataclass(frozen=True)
class Checked:
    segments: tuple[Segment, ...]
    similarity: float = 1.0  # 0–1: below about ½ the answer is another text, not the text with slips

    @property
    def correct(self) -> bool:
        return all(s.kind == SAME for s in self.segments)

    @property
    def mistakes(self) -> int:
        return sum(1 for s in self.segments if s.kind != SAME)


@cache
def _tokens_pattern() -> re.Pattern[str]:
    """A numeral followed by a unit as one token (十五 of 十五日, 三十一 of 第三十一条), digits as one
    token, anything else one character."""
    return re.compile(rf"(?P<num>[{CN_DIGITS}]+(?=(?:{QUANTITY_UNITS})))|(?P<digits>\d+)|.", re.S)


def _ignored(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch)[0] in "PSZC"


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(comparable key, start, end) of every word-bearing token of `text`; punctuation, spaces and
    symbols are left out, and so forgiven."""
    flat = "".join((unicodedata.normalize("NFKC", c) or c)[0] for c in text)  # full width → half, 1:1
    out = []
    for m in _tokens_pattern().finditer(flat):
        tok = m.group(0)
        if m.lastgroup == "num":
            key = arabic_in(tok)
        elif m.lastgroup == "digits":
            key = str(int(tok)) if len(tok) < 20 else tok
        elif _ignored(tok):
            continue
        else:
            key = tok.lower()
        out.append((key, m.start(), m.end()))
    return out


def check(expected: str, typed: str) -> Checked:
    """Compare what was typed with the text; the segments cover the whole of `expected` in order."""
    exp, got = tokens(expected), tokens(typed)
    matcher = SequenceMatcher(None, [k for k, _, _ in exp], [k for k, _, _ in got], autojunk=False)
    segments: list[Segment] = []
    pos = 0  # how far into `expected` the segments reach

    def upto(i: int) -> int:  # where expected token i starts (the end of the text after the last)
        return exp[i][1] if i < len(exp) else len(expected)

    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        typed_part = typed[got[j1][1]:got[j2 - 1][2]] if j2 > j1 else ""
        if op == "equal":
            end = upto(i2)
            segments.append(Segment(SAME, expected[pos:end]))
            pos = end
            continue
        start, end = upto(i1), (exp[i2 - 1][2] if i2 > i1 else upto(i1))
        if start > pos:
            segments.append(Segment(SAME, expected[pos:start]))
        if op == "insert":
            segments.append(Segment(EXTRA, "", typed_part))
        elif op == "delete":
            segments.append(Segment(MISSING, expected[start:end]))
        else:
            segments.append(Segment(WRONG, expected[start:end], typed_part))
        pos = max(pos, end)
    if pos < len(expected):
        segments.append(Segment(SAME, expected[pos:]))
    return Checked(tuple(s for s in segments if s.expected or s.typed), matcher.ratio() if exp or got else 1.0)
