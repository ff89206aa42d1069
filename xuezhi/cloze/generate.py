"""Cloze cards from the corpus: every paragraph and item is read for deadlines and counts, the words a
rule turns on, list items, named terms and acting bodies (extract.py); a candidate becomes a card
only if it passes every machine check (checks.py). Deterministic: the same corpus gives the same
cards, in text order, with the same ids.

    cards = generate(reg)                    # every card
    result = generate_all(reg)               # cards and the refused candidates with their reasons
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from xuezhi.cloze import checks as C
from xuezhi.cloze import extract as X
from xuezhi.cloze import patterns as P
from xuezhi.cloze.model import Card, Kind, card_id
from xuezhi.text.corpus import Article, Regulation
from xuezhi.text.numerals import to_chinese

# when blanks of one sentence overlap, the kind that teaches more keeps its blank
PRIORITY = {Kind.NUMBER: 0, Kind.MODAL: 1, Kind.TERM: 2, Kind.BODY: 3, Kind.LIST: 4}


@dataclass
class Generated:
    cards: list[Card]
    refused: list[tuple[X.Candidate, str]] = field(default_factory=list)

    def by_kind(self) -> Counter[Kind]:
        return Counter(c.kind for c in self.cards)

    def by_chapter(self) -> Counter[int]:
        return Counter(c.chapter for c in self.cards)


def units_of(reg: Regulation) -> tuple[list[X.Unit], str]:
    units: list[X.Unit] = []
    parts: list[str] = [C.SEP]
    offset = len(C.SEP)
    for art in reg.articles:
        for par in art.paragraphs:
            for item, text in enumerate((par.text, *par.items)):
                units.append(X.Unit(art.number, par.number, item, art.chapter, text, offset))
                parts += [text, C.SEP]
                offset += len(text) + len(C.SEP)
    return units, "".join(parts)


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    """The piece around a blank, far clauses dropped (……) when it is longer than MAX_CONTEXT."""
    lo, hi = X.piece_of(text, start)
    hi = max(hi, X.piece_of(text, end - 1)[1])
    if hi - lo > P.MAX_CONTEXT:
        cuts = [i + 1 for i in range(lo, hi - 1) if text[i] in "，："]
        left = [c for c in cuts if c <= start]
        right = [c for c in cuts if c >= end]
        while hi - lo > P.MAX_CONTEXT and (left or right):
            if right and (len(right) >= len(left) or not left):  # keep the conditions before the blank
                hi = right.pop()
            elif left:
                lo = left.pop(0)
        before = ("……" if lo > X.piece_of(text, start)[0] else "") + text[lo:start]
        after = text[end:hi] + ("……" if hi < X.piece_of(text, end - 1)[1] else "")
        return before, after
    return text[lo:start], text[end:hi]


def _lead(text: str) -> str:
    """A list's lead-in as a card shows it: whole when short, else its first clause and the clause
    that announces the list (信访人在信访过程中应当遵守法律、法规，……不得有下列行为：)."""
    if len(text) <= 40:
        return text
    clauses = [c for c in re.split(r"(?<=[，；。：])", text) if c]
    first, last = clauses[0], next((c for c in reversed(clauses) if "下列" in c), clauses[-1])
    if first == last:
        return first.rstrip("，；。：") + "，……" + text[-1]
    return first + "……" + last


def _item_context(art: Article, c: X.Candidate) -> tuple[str, str]:
    """Lead, the item before, the blank, the item after: an overlapping cloze shows the neighbours."""
    par = art.paragraphs[c.unit.paragraph - 1]
    k = c.unit.item
    lines = [_lead(par.text)]
    if k > 2:
        lines.append("……")
    if k > 1:
        lines.append(f"（{to_chinese(k - 1)}）{par.items[k - 2]}")
    before = "\n".join(lines) + f"\n（{to_chinese(k)}）"
    after = c.unit.text[c.end:]
    if k < len(par.items):
        after += f"\n（{to_chinese(k + 1)}）{par.items[k]}"
    if k + 1 < len(par.items):
        after += "\n……"
    return before, after


def _candidates(reg: Regulation, units: list[X.Unit]) -> list[X.Candidate]:
    out: list[X.Candidate] = []
    by_par: dict[int, dict[int, list[X.Unit]]] = defaultdict(lambda: defaultdict(list))
    for u in units:
        by_par[u.article][u.paragraph].append(u)
    for a, paragraphs in by_par.items():
        art = reg.article(a)
        assert art is not None
        taken: set[str] = set()  # a keyword is hidden at its first occurrence in the article
        for us in paragraphs.values():
            whole_par = "".join(u.text for u in us)
            for u in us:
                out += X.numbers(u)
                out += X.modals(u, whole_par)
                out += X.quoted(u)
                out += X.bodies(u)
                out += X.inline_lists(u)
                out += X.keywords(u, art.keywords, taken)
                head = X.item_head(u.text) if u.item and len(us) > 3 else None  # lists of three or more
                if head:
                    out.append(X.Candidate(u, Kind.LIST, *head, "item", f"{u.article}-{u.paragraph}"))
    return out


def _item_keys(reg: Regulation) -> dict[tuple[str, str, str], set[str]]:
    """(lead, item before, item after) → the heads of the items between them, for the leads that
    occur more than once (only there can an item's context recur)."""
    leads = Counter(p.text for a in reg.articles for p in a.paragraphs if p.items)
    keys: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for art in reg.articles:
        for par in art.paragraphs:
            if leads.get(par.text, 0) < 2:
                continue
            items = par.items
            for k, item in enumerate(items):
                s, e = X.item_head(item) or (0, 0)
                prev = items[k - 1] if k else ""
                nxt = items[k + 1] if k + 1 < len(items) else ""
                keys[(par.text, prev, nxt)].add(item[s:e])
    return keys


Shown = tuple[X.Candidate, str, str]  # a candidate and the context it shows (before, after the blank)


def _shown(reg: Regulation, c: X.Candidate) -> Shown:
    u = c.unit
    art = reg.article(u.article)
    assert art is not None
    if c.role == "item":
        return (c, *_item_context(art, c))
    before, after = _context(u.text, c.start, c.end)
    if u.item:  # an item on its own lacks what it is an item of
        before = f"{_lead(art.paragraphs[u.paragraph - 1].text)}\n（{to_chinese(u.item)}）{before}"
    return c, before, after


def _card(c: X.Candidate, before: str, after: str) -> Card:
    u = c.unit
    if c.role == "item":
        sentence, at = u.text, c.start
    else:
        lo, hi = X.sentence_of(u.text, c.start)
        sentence, at = u.text[lo:max(hi, X.sentence_of(u.text, c.end - 1)[1])], c.start - lo
    return Card(card_id(u.article, u.paragraph, u.item, c.start, c.answer, c.kind), c.kind, u.article,
                u.paragraph, u.item, c.start, c.end, c.answer, before, after, sentence, at, u.chapter, c.group)


def generate_all(reg: Regulation) -> Generated:
    """Every card of the corpus, and every refused candidate with the reason."""
    units, whole = units_of(reg)
    text = C.Text(units, whole)
    refused: list[tuple[X.Candidate, str]] = []
    local: list[Shown] = []
    phrases = {id(u): C.set_phrase_spans(u.text) for u in units}
    for c in _candidates(reg, units):
        reason = C.answer_reason(c, phrases[id(c.unit)], text)
        shown = None if reason else _shown(reg, c)
        if shown is not None and C.given_away(c, shown[1] + shown[2]):
            reason = C.GIVEN_AWAY
        if reason:
            refused.append((c, reason))
        else:
            local.append(shown)  # type: ignore[arg-type]
    text.locate(w for c, _, _ in local if c.role != "item" for w in text.window(c))
    item_keys = _item_keys(reg)

    def clear(c: X.Candidate) -> bool:
        """Not ambiguous: checked only for what is left after duplicates and spare 应当 are out."""
        if c.role == "item":
            par = reg.article(c.unit.article).paragraphs[c.unit.paragraph - 1]  # type: ignore[union-attr]
            k = c.unit.item - 1
            key = (par.text, par.items[k - 1] if k else "", par.items[k + 1] if k + 1 < len(par.items) else "")
            ok = len(item_keys.get(key, ())) <= 1
        else:
            ok = text.other_fill(c) is None
        if not ok:
            refused.append((c, C.AMBIGUOUS))
        return ok

    return Generated([_card(*kept) for kept in _select(local, refused, clear)], refused)


@lru_cache(maxsize=256)
def _runs(key: str) -> frozenset[str]:
    """Every run of two or more consecutive items of a list (推诿、敷衍 and 敷衍、拖延 of 推诿、敷衍、拖延)."""
    items = key.split("、")
    return frozenset("、".join(items[i:j]) for i in range(len(items)) for j in range(i + 2, len(items) + 1))


def _select(passed: list[Shown], refused: list[tuple[X.Candidate, str]],
            clear: Callable[[X.Candidate], bool]) -> list[Shown]:
    """In text order, so the first one stays: a card shown and answered as an earlier one, or from a
    list that repeats an earlier list (推诿、敷衍、拖延 again), is a duplicate; 应当 only where the
    paragraph contrasts it with 可以/不得 (once), or where the paragraph would have no card at all."""
    passed.sort(key=lambda x: (x[0].unit.offset, PRIORITY[x[0].kind], x[0].start))
    kept: list[Shown] = []
    spare: dict[tuple[int, int], list[Shown]] = defaultdict(list)
    should: set[tuple[int, int]] = set()
    seen: set[tuple[str, str, str]] = set()
    lists: dict[str, str] = {}  # a run of list items → the list it was first seen in
    listed: set[int] = set()
    for item in passed:
        c, before, after = item
        par = (c.unit.article, c.unit.paragraph)
        key = (before, c.answer, after)
        if c.role == "inline":
            first = lists.setdefault(c.key, c.group)
            if first == c.group and c.key_at not in listed:  # the list's runs, once per list
                listed.add(c.key_at)
                for run in _runs(c.key):
                    lists.setdefault(run, c.group)
            if first != c.group:
                refused.append((c, C.DUPLICATE))
                continue
        if key in seen:
            refused.append((c, C.DUPLICATE))
            continue
        if c.kind is Kind.MODAL and c.answer == "应当" and (c.role == "fallback" or par in should):
            spare[par].append(item)
            continue
        if clear(c):
            seen.add(key)
            kept.append(item)
            if c.kind is Kind.MODAL and c.answer == "应当":
                should.add(par)
    covered = {(c.unit.article, c.unit.paragraph) for c, _, _ in kept}
    for par, options in spare.items():
        if par not in covered:
            chosen = next((item for item in options if clear(item[0])), None)
            if chosen is not None:
                kept.append(chosen)
    kept.sort(key=lambda x: (x[0].unit.offset, x[0].start, PRIORITY[x[0].kind]))
    return kept


def generate(reg: Regulation) -> list[Card]:
    """The cards of `reg` (commands get them through cards.cards, which caches them)."""
    return generate_all(reg).cards
