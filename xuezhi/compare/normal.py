"""The comparable form of a text, and where each of its characters came from.

A raw character diff of the 2005 and 2022 texts reports amendments that are none: punctuation,
（二）/第二项, and the systematic renamings (行政机关 → 机关、单位). So both texts are compared in a
normal form (renamings applied to the old text, cross-references mapped to the new numbering,
numerals as digits, no punctuation or spaces), while every normal character remembers the span
of the original it stands for: what is shown and exported is always the original text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from xuezhi.text.numerals import CN_DIGITS, NUMERAL, parse_number
from xuezhi.text.refs import cross_references


@dataclass(frozen=True)
class Renaming:
    """One systematic renaming, old wording → new wording, applied to the old text before comparing."""

    old: str
    new: str
    why: str = ""


@dataclass(frozen=True)
class Piece:
    """Part of a displayed text: body text is compared, markup (①, （一）, 第九条 labels, line breaks) is not."""

    text: str
    body: bool = True


@dataclass(frozen=True)
class Normalised:
    text: str  # the original, as displayed
    norm: str  # the comparable form
    spans: tuple[tuple[int, int], ...]  # per normal character: the span of `text` it stands for
    renamed: tuple[bool, ...]  # per normal character: produced by a renaming
    markup: frozenset[int]  # positions of `text` that are markup, never marked as changed

    def gap(self, k: int) -> str:
        """The original between normal characters k-1 and k (punctuation, markers, line breaks)."""
        start = self.spans[k - 1][1] if k > 0 else 0
        end = self.spans[k][0] if k < len(self.spans) else len(self.text)
        return self.text[start:end] if start < end else ""

    def body(self, a: int, b: int, markup: bool = True) -> str:
        """The original from normal character a to b-1, with what lies between them (without the
        markup when `markup` is false)."""
        if a >= b:
            return ""
        start, end = self.spans[a][0], self.spans[b - 1][1]
        if markup:
            return self.text[start:end]
        return "".join(c for p, c in enumerate(self.text[start:end], start) if p not in self.markup)

    def into_unit(self, k: int) -> int:
        """How far a cut before normal character k is inside a word that stands as one (a renaming,
        a 第N条): 0 when the cut is clean, else the distance back to the word's start."""
        d = 0
        while 0 < k - d < len(self.spans) and self.spans[k - d - 1] == self.spans[k]:
            d += 1
        return d

    def out_of_unit(self, k: int) -> int:
        """The distance forward from a cut inside a word to the word's end (0 when clean)."""
        d = 0
        while 0 < k + d < len(self.spans) and self.spans[k + d] == self.spans[k - 1]:
            d += 1
        return d


# A ReferenceMap turns an article number cited in the text into the text used for comparing:
# the new article that continues it, or a placeholder while the alignment is being found.
ReferenceMap = Callable[[int], str]

_ITEM_NO = rf"[（(][{CN_DIGITS}]+[）)]"


@cache
def _pattern(renamings: tuple[Renaming, ...]) -> re.Pattern[str]:
    words = sorted({r.old for r in renamings}, key=len, reverse=True)  # longest first: 本行政机关 before 行政机关
    ren = "|".join(map(re.escape, words)) or r"(?!x)x"
    return re.compile(
        rf"(?P<ren>{ren})"
        rf"|(?P<cite>第(?P<cn>{NUMERAL})条)"
        rf"|(?P<part>第(?:(?P<pn>{NUMERAL})|{_ITEM_NO})(?P<unit>[条款项章]))"
        r"|(?P<digits>[0-9０-９]+)")  # a number is one word: 2005 → 2022 is not 20〔05〕→20〔22〕


@cache
def _plain(c: str) -> str:
    """One character in normal form: full-width digits and letters as ASCII, punctuation and space gone."""
    return "".join(x for x in unicodedata.normalize("NFKC", c) if unicodedata.category(x)[0] in "LN")


def normalise(pieces: Sequence[Piece], renamings: tuple[Renaming, ...] = (),
              refs: ReferenceMap | None = None) -> Normalised:
    """The comparable form of `pieces`. `renamings` are applied (old text only); `refs` maps the
    article numbers of cross-references (本条例第十八条) — without it they are kept as they are."""
    table = {r.old: "".join(map(_plain, r.new)) for r in renamings}
    pat = _pattern(renamings)
    text, norm, spans, renamed, markup = [], [], [], [], set()
    pos = 0

    def emit(chars: str, span: tuple[int, int], ren: bool = False) -> None:
        for c in chars:
            norm.append(c)
            spans.append(span)
            renamed.append(ren)

    for piece in pieces:
        if not piece.body:
            markup.update(range(pos, pos + len(piece.text)))
        else:
            cited = _citations(piece.text)
            done = 0
            for m in [*pat.finditer(piece.text), None]:
                for k in range(done, m.start() if m else len(piece.text)):  # ordinary characters
                    emit(_plain(piece.text[k]), (pos + k, pos + k + 1))
                if m is None:
                    break
                done = m.end()
                span = (pos + m.start(), pos + m.end())
                if m.group("ren"):
                    emit(table[m.group("ren")], span, True)
                elif m.group("cite"):
                    n = parse_number(m.group("cn"))
                    emit(f"第{refs(n) if refs and n and m.start() in cited else n}条", span)
                elif m.group("digits"):
                    emit(unicodedata.normalize("NFKC", m.group("digits")), span)
                else:
                    digits = m.group("pn") or m.group("part").strip("第条款项章（()）")
                    emit(f"第{parse_number(digits)}{m.group('unit')}", span)
        text.append(piece.text)
        pos += len(piece.text)
    return Normalised("".join(text), "".join(norm), tuple(spans), tuple(renamed), frozenset(markup))


def _citations(text: str) -> set[int]:
    """Where a 第N条 cites this regulation: in a list after 本条例 (本条例第十八条、第二十条). 前款第（二）项
    and 第431号 are no article citations."""
    return {start for start, _ in cross_references(text)}

