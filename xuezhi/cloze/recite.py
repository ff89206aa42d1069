"""背诵: an article in rounds that hide more and more of it — the generated blanks, then every second
clause, then all but each clause's first character, then everything — and what the learner must
type in each round. Plain data; the terminal view draws it, the progress store keeps the answers.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from xuezhi.cloze.model import Card, Kind
from xuezhi.files import checksum
from xuezhi.text.corpus import Article
from xuezhi.text.numerals import circled, to_chinese

if TYPE_CHECKING:
    from xuezhi.cloze.compare import Checked

ROUNDS = (1, 2, 3, 4)
ROUND_NAMES = {1: "挖空", 2: "隔句", 3: "首字", 4: "默写"}
ROUND_HINTS = {1: "挖去要点（期限、应当可以、列举、术语、主体），填出空处",
               2: "每隔一句挖去一句，填出挖去的句子",
               3: "每句只留第一个字，逐款（项）写出全文",
               4: "不给提示，逐款（项）默写全文"}
KNOWN_ROUND = 4  # an article passed in the last round is known by heart


@cache
def _pattern(ends: str) -> re.Pattern[str]:
    return re.compile(f"[^{ends}]+")


_BLANK_ORDER = {Kind.NUMBER: 0, Kind.MODAL: 1, Kind.TERM: 2, Kind.BODY: 3, Kind.LIST: 4}


def text_key(article: Article) -> str:
    """The article's text, hashed: what was learnt by heart is this text, not a number. An edited
    corpus (or another one with the same numbering) starts that article over."""
    return checksum(article.text.encode("utf-8"))


class Line(NamedTuple):
    """A paragraph's own text or one of its items, as the article prints them."""

    paragraph: int
    item: int
    marker: str  # ① / （一） / ""
    text: str


class Hole(NamedTuple):
    """One thing to type: the text of `line` between start and end."""

    number: int  # 1-based in the round
    line: int  # index into Round.lines
    start: int
    end: int
    expected: str
    hint: str = ""  # what stands in its place (round 3: each clause's first character)

    def check(self, typed: str) -> Checked:
        from xuezhi.cloze.compare import check  # when something was typed: not at start-up

        return check(self.expected, typed)


class Round(NamedTuple):
    number: int
    article: int
    lines: tuple[Line, ...]
    holes: tuple[Hole, ...]

    @property
    def name(self) -> str:
        return ROUND_NAMES[self.number]

    def pieces(self, line: int) -> list[tuple[str, Hole | None]]:
        """The line as shown: stretches of text and the holes between them."""
        text = self.lines[line].text
        out: list[tuple[str, Hole | None]] = []
        pos = 0
        for h in (h for h in self.holes if h.line == line):
            if h.start > pos:
                out.append((text[pos:h.start], None))
            out.append((h.hint, h))
            pos = h.end
        if pos < len(text):
            out.append((text[pos:], None))
        return out


def lines_of(article: Article) -> tuple[Line, ...]:
    several = len(article.paragraphs) > 1
    out = []
    for p in article.paragraphs:
        out.append(Line(p.number, 0, circled(p.number) if several else "", p.text))
        out += [Line(p.number, i, f"（{to_chinese(i)}）", t) for i, t in enumerate(p.items, 1)]
    return tuple(out)


def _clauses(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _pattern("，。；：！？").finditer(text)]


def _sentences(text: str) -> list[tuple[int, int]]:
    """Up to each 。/；: what is typed at once in rounds 3 and 4 (a paragraph of 170 characters is
    not one line to type)."""
    spans = (m.span() for m in _pattern("。；！？").finditer(text))
    return [(s, e - 1 if text[e - 1] in "：" else e) for s, e in spans]


def blank_spans(lines: tuple[Line, ...], cards: list[Card]) -> list[tuple[int, int, int]]:
    """(line, start, end) of the cards' blanks that do not overlap, at most one per clause; the kinds
    that teach most first."""
    index = {(ln.paragraph, ln.item): i for i, ln in enumerate(lines)}
    chosen: list[tuple[int, int, int]] = []
    used: set[tuple[int, int]] = set()  # (line, clause start)
    for c in sorted(cards, key=lambda c: (_BLANK_ORDER[c.kind], c.paragraph, c.item, c.start)):
        i = index.get((c.paragraph, c.item))
        if i is None:
            continue
        clauses = [s for s, e in _clauses(lines[i].text) if s < c.end and c.start < e]
        if any((i, s) in used for s in clauses) or any(i == j and s < c.end and c.start < e for j, s, e in chosen):
            continue
        chosen.append((i, c.start, c.end))
        used.update((i, s) for s in clauses)
    return sorted(chosen)


def build_round(number: int, article: Article, cards: list[Card]) -> Round:
    """Round `number` of reciting `article`; `cards` are the article's cloze cards (round 1)."""
    lines = lines_of(article)
    spans: list[tuple[int, int, int, str]] = []
    if number == 1:  # no holes when no card of the article is worth a blank: the round is skipped
        spans = [(i, s, e, "") for i, s, e in blank_spans(lines, cards)]
    if number == 2:
        k = 0
        for i, ln in enumerate(lines):
            for s, e in _clauses(ln.text):
                if k % 2:
                    spans.append((i, s, e, ""))
                k += 1
        if not spans:  # a one-clause article: the whole of it
            spans = [(i, 0, len(ln.text), "") for i, ln in enumerate(lines)]
    if number in (3, 4):
        for i, ln in enumerate(lines):
            for s, e in _sentences(ln.text):
                hint = ""
                if number == 3:
                    marks = list(ln.text[s:e])
                    for cs, ce in _clauses(ln.text[s:e]):
                        marks[cs + 1:ce] = ["\x00"] * (ce - cs - 1)
                    hint = re.sub("\x00+", "……", "".join(marks))
                spans.append((i, s, e, hint))
    holes = tuple(Hole(n, i, s, e, lines[i].text[s:e], hint) for n, (i, s, e, hint) in enumerate(spans, 1))
    return Round(number, article.number, lines, holes)
