"""The machine checks every card passes: the blank is exactly the hidden text, not a generic word,
not part of a set phrase its neighbours complete, not given away by its own context, and not
ambiguous (the same context with another fill somewhere in the text).

The ambiguity check compares WINDOW characters either side of a blank with every other place of
the whole text that has the same left window: one pass over the text finds those places for all
blanks at once, so 10,000 articles take a fraction of a second, not one search per card.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable

from xuezhi.cloze import patterns as P
from xuezhi.cloze.extract import Candidate, Unit
from xuezhi.cloze.model import Kind

SEP = "\x00" * P.WINDOW  # between units in Text.whole: no window runs from one unit into the next

# the reasons a candidate is refused, as the report and the tests name them
GENERIC, SET_PHRASE, GIVEN_AWAY, AMBIGUOUS, LENGTH, NOT_EXACT, DUPLICATE = (
    "泛用词", "固定搭配", "上下文已给出", "有歧义", "长度不当", "与原文不符", "重复")


class Text:
    """The units of a corpus joined into one string, with the places of the left windows asked for."""

    def __init__(self, units: list[Unit], whole: str) -> None:
        self.units, self.whole = units, whole
        self._places: dict[str, list[int]] = {}
        self._frequency: dict[str, int] = {}
        self._fills: dict[tuple[str, str, int], list[str]] = {}

    def window(self, c: Candidate) -> tuple[str, str]:
        at = c.unit.offset + c.start
        end = c.unit.offset + c.end
        return self.whole[at - P.WINDOW:at], self.whole[end:end + P.WINDOW]

    def locate(self, windows: Iterable[str]) -> None:
        """Every place of each window in the whole text (one scan for all of them)."""
        wanted = set(windows) - self._places.keys()
        if not wanted:
            return
        w, n = self.whole, P.WINDOW
        found: dict[str, list[int]] = defaultdict(list)
        for i in [i for i in range(len(w) - n + 1) if w[i:i + n] in wanted]:  # a comprehension: 2× a loop
            found[w[i:i + n]].append(i)
        for g in wanted:
            self._places[g] = found.get(g, [])

    def other_fill(self, c: Candidate) -> str | None:
        """A different text between the same windows somewhere else, or None."""
        left, right = self.window(c)
        most = 2 * len(c.answer) + 4
        key = (left, right, most)
        fills = self._fills.get(key)
        if fills is None:
            fills = self._fills[key] = self._between(left, right, most)
        return next((f for f in fills if f != c.answer), None)

    def _between(self, left: str, right: str, most: int) -> list[str]:
        """Up to two different texts found between `left` and the nearest `right` (at most `most`
        characters on). Each place of the rarer window is paired with the other by a binary search,
        so a window found at every unit's start costs nothing when the other side is rare; two
        different fills are all any card needs to know, so the search stops there."""
        lefts, rights = self._places.get(left, ()), self._places.get(right, ())
        n, w = P.WINDOW, self.whole
        fills: list[str] = []
        if len(lefts) <= len(rights):
            for x in lefts:
                i = bisect_left(rights, x + n + 1)
                if i < len(rights) and rights[i] <= x + n + most:
                    f = w[x + n:rights[i]]
                    if f not in fills and "\x00" not in f:
                        fills.append(f)
                        if len(fills) > 1:
                            break
        else:
            for q in rights:
                i = bisect_right(lefts, q - 1 - n)
                if i and lefts[i - 1] >= q - most - n:
                    f = w[lefts[i - 1] + n:q]
                    if f not in fills and "\x00" not in f:
                        fills.append(f)
                        if len(fills) > 1:
                            break
        return fills

    def occurrences(self, term: str) -> int:
        """How often `term` occurs in the whole text, up to FREQUENT + 1 (counted once per term)."""
        n = self._frequency.get(term)
        if n is None:  # counted up to FREQUENT + 1: a frequent term is found long before the end
            w, n, at = self.whole, 0, 0
            while n <= P.FREQUENT and (at := w.find(term, at)) >= 0:
                n, at = n + 1, at + len(term)
            self._frequency[term] = n
        return n


def set_phrase_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in P.set_phrase_pattern().finditer(text)]


def answer_reason(c: Candidate, phrases: list[tuple[int, int]], text: Text) -> str | None:
    """Why the hidden text cannot be a blank, before its context is looked at; None when it can."""
    answer = c.answer
    if not answer or answer.strip() != answer:
        return NOT_EXACT
    limit = P.MAX_ITEM if c.role == "item" else P.MAX_ANSWER
    if not 1 <= len(answer) <= limit or (len(answer) == 1 and c.kind is not Kind.NUMBER):
        return LENGTH
    if answer.strip("“”") in P.STOP_WORDS and c.role != "definition":
        return GENERIC
    for s, e in phrases:
        if s < c.end and c.start < e:
            return SET_PHRASE
    if c.kind is Kind.TERM and c.role != "definition" and text.occurrences(answer) > P.FREQUENT:
        return GENERIC
    return None


def given_away(c: Candidate, shown: str) -> bool:
    """The answer is in its own context; or, for a body, what qualifies it is (收到复查请求的机关、
    单位 beside 自收到复查请求之日起): the blank then tests nothing."""
    if c.answer in shown:
        return True
    qualifier = c.answer.rpartition("的")[0]
    return c.kind is Kind.BODY and len(qualifier) >= 3 and qualifier in shown
