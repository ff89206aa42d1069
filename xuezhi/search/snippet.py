"""Presenting a hit: the paragraph or item that matched best, a window of it, and the words
to highlight as they are written in the text."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from xuezhi.search.query import bigrams, flat
from xuezhi.text.numerals import to_chinese

if TYPE_CHECKING:
    from xuezhi.search.index import _Doc, _Unit


SNIPPET_CHARS = 72


WHOLE = "\x00"  # marks a probe word (a corrected spelling) that counts only where it occurs whole


class Hit:
    """One article found, best first. `paragraph` is the 款 the snippet quotes (1-based), or
    None for an article-number jump, and `item` the 项 of it, if the snippet is one;
    `matched` lists the matched words as written in the text.

    A plain slotted class, compared and printed like a frozen dataclass: creating a dataclass
    costs most of a millisecond at import, and import time is start-up time for every search."""

    __slots__ = ("article", "chapter", "item", "match", "matched", "paragraph", "score", "snippet")
    _FIELDS = ("article", "chapter", "score", "paragraph", "snippet", "matched", "match", "item")

    def __init__(self, article: int, chapter: int, score: float, paragraph: int | None, snippet: str,
                 matched: tuple[str, ...], match: str = "exact", item: int | None = None) -> None:
        self.article, self.chapter, self.score, self.paragraph = article, chapter, score, paragraph
        self.snippet, self.matched, self.item = snippet, matched, item
        self.match = match  # "article" (number jump), "exact", or "approximate" (typo, other words)

    def _key(self) -> tuple:
        return tuple(getattr(self, f) for f in self._FIELDS)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Hit) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return "Hit(" + ", ".join(f"{f}={getattr(self, f)!r}" for f in self._FIELDS) + ")"

    def to_json(self) -> dict:
        return {"article": self.article, "chapter": self.chapter, "score": round(self.score, 3),
                "paragraph": self.paragraph, "item": self.item, "snippet": self.snippet,
                "matched": list(self.matched), "match": self.match}


def _runs(seg: str, text: str) -> list[str]:
    """The longest pieces (two characters or more) of `seg` that occur in `text`, left to right."""
    out: list[str] = []
    i = 0
    while i < len(seg) - 1:
        j = i + 2
        if seg[i:j] not in text:
            i += 1
            continue
        while j < len(seg) and seg[i : j + 1] in text:
            j += 1
        out.append(seg[i:j])
        i = j
    return out


def _flat_map(text: str) -> tuple[str, list[int]]:
    """Flat form of `text` and, for each flat character, its index in `text`."""
    chars: list[str] = []
    where: list[int] = []
    for i, c in enumerate(text):
        for ch in flat(c):
            chars.append(ch)
            where.append(i)
    return "".join(chars), where


def _spans(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """Where each flat word occurs in `text` (first occurrence), as spans of the original text."""
    f, where = _flat_map(text)
    spans: list[tuple[int, int]] = []
    for w in words:
        k = f.find(w) if w else -1
        if k >= 0:
            spans.append((where[k], where[k + len(w) - 1] + 1))
    return sorted(spans)


_CLAUSE_ENDS = "，。；：！？"


def _window(text: str, start: int, end: int, keep: list[tuple[int, int]] | None = None) -> str:
    """About SNIPPET_CHARS characters of `text` around [start, end), with … where cut.

    Cuts fall after punctuation (，。；：！？), so a snippet is whole clauses: never half of 30日
    or of a highlighted term. The clause holding the match comes first; the clauses after it,
    then before it, are added while they fit. Only a single clause longer than the snippet is
    cut inside, and then not inside a number or a span in `keep`."""
    if len(text) <= SNIPPET_CHARS:
        return text
    ends = [i + 1 for i, c in enumerate(text) if c in _CLAUSE_ENDS and i + 1 < len(text)]
    bounds = [0, *ends, len(text)]
    k = max(j for j in range(len(bounds) - 1) if bounds[j] <= start)
    lo, hi = bounds[k], bounds[k + 1]
    if hi - lo > SNIPPET_CHARS:  # one long clause: cut it, but not through a number or a term
        lo = max(lo, min(start - 16, hi - SNIPPET_CHARS))
        hi = min(hi, lo + SNIPPET_CHARS)
        lo, hi = _not_inside(text, lo, keep or []), _not_inside(text, hi, keep or [], forward=True)
    else:
        a, b = k, k + 1
        grew = True
        while grew:
            grew = False
            if b < len(bounds) - 1 and bounds[b + 1] - bounds[a] <= SNIPPET_CHARS:
                b += 1
                grew = True
            if a > 0 and bounds[b] - bounds[a - 1] <= SNIPPET_CHARS:
                a -= 1
                grew = True
        lo, hi = bounds[a], bounds[b]
    return ("…" if lo > 0 else "") + text[lo:hi] + ("…" if hi < len(text) else "")


def _not_inside(text: str, cut: int, keep: list[tuple[int, int]], forward: bool = False) -> int:
    """`cut` moved outwards until it splits neither a run of digits nor a span in `keep`."""
    step = 1 if forward else -1
    while 0 < cut < len(text) and (
            (text[cut - 1].isdecimal() and text[cut].isdecimal()) or any(a < cut < b for a, b in keep)):
        cut += step
    return cut


def make_hit(doc: _Doc, score: float, kind: str, probes: tuple[str, ...], prefer: tuple[str, ...] = ()) -> Hit:
    """The Hit for one ranked article: the unit that matched best, quoted around the match. Of
    the paragraphs and items that match, one stating what the question asks for (`prefer`: 日内
    for a deadline, 不得 for a prohibition) comes first; then the one matching most; then the
    first in reading order."""
    a = doc.article
    if kind == "article":
        return Hit(a.number, a.chapter, score, None, _window(doc.body[0].text, 0, 0), (), kind)
    words: list[str] = []
    for p in probes:
        if p.startswith(WHOLE):  # a corrected spelling: highlighted only where it occurs whole
            words += [p[1:]] if p[1:] in doc.flat else []
        else:
            words += [p] if p in doc.flat else _runs(p, doc.flat)
    words = sorted(dict.fromkeys(words), key=len, reverse=True)
    words = [w for j, w in enumerate(words) if not any(w in longer for longer in words[:j])]
    def fit(u: _Unit) -> tuple[bool, bool, int, int]:
        found = sum(len(w) for w in words if w in u.flat)
        return found > 0, found > 0 and any(p in u.flat for p in prefer), found, -doc.body.index(u)

    unit = max(doc.body, key=fit)
    if not any(w in unit.flat for w in words):  # keyword or 条旨 only: the paragraph sharing most
        grams = set().union(*map(bigrams, words)) if words else set()
        unit = max(doc.body, key=lambda u: (len(grams & bigrams(u.flat)), -doc.body.index(u)))
    spans = _spans(unit.text, words)
    matched = [unit.text[s:e] for s, e in spans]
    for w in words:  # matches in a keyword or the 条旨 are still worth reporting
        if w not in unit.flat:
            source = next((t for t in (a.summary, *a.keywords) if w in flat(t)), None)
            sp = _spans(source, [w]) if source else []
            matched.append(source[sp[0][0] : sp[0][1]] if sp and source else w)
    lo, hi = spans[0] if spans else (0, 0)
    prefix = f"（{to_chinese(unit.item)}）" if unit.item else ""
    return Hit(a.number, a.chapter, score, unit.paragraph, prefix + _window(unit.text, lo, hi, spans),
               tuple(dict.fromkeys(matched)), kind, unit.item)
