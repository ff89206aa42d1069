"""Questions in plain words: 上访最多几个人, 不满意处理结果怎么办, 十五天内告知.

Three things turn what people say into what the text says, before any matching:

1. numerals: the text writes quantities in digits (15日, 5人, 30日) and names in Chinese (三到位一处理,
   第三十一条第六项); a term that does not occur as typed is tried in the other form, and 天 after a
   number is the text's 日;
2. the thesaurus (data/俗语.yaml): an everyday word (上访, 不服, 举报) matches where any of its
   terms of the text occurs (走访 / 信访人, 复查 / 复核, 检举控告); the word itself still counts
   where the text has it, a little above its stand-ins;
3. question words name the kind of answer wanted (多久 → a deadline, 不能 → a prohibition): the
   articles whose matching paragraph or item states it (日内, 不得) are preferred.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from xuezhi.search.match import Piece, Strengths, combine, exact_strength, idf, segment_match
from xuezhi.search.query import stop_patterns
from xuezhi.search.snippet import WHOLE
from xuezhi.search.thesaurus import Thesaurus
from xuezhi.text.numerals import CN_DIGITS, QUANTITY_UNITS, arabic_in, chinese_in

if TYPE_CHECKING:
    from xuezhi.search.index import Scope, SearchIndex, _Doc
    from xuezhi.search.thesaurus import Intent

STAND_IN = 0.9  # a term of the text standing in for an everyday word, against the word itself
INTENT_BONUS = 0.35  # how much an article whose matching unit states the asked-for answer gains
SPECIFIC = 0.5
GRADE = 0.5  # how much less a later word of an intent's prefer list counts (日内 before 期限)


class KnownChars:
    """The characters a query may have without being taken for traditional ones: those of the
    corpus, then of the question words, then of the thesaurus (loaded only if it comes to that:
    a typo's stray character, say)."""

    def __init__(self, ix: SearchIndex) -> None:
        self.ix = ix

    def __contains__(self, c: object) -> bool:
        ix = self.ix
        if not isinstance(c, str):
            return False
        if ix.has_char(c) or any(c in p.pattern for p in stop_patterns()):
            return True
        th = ix.thesaurus
        return any(c in w for w in th.words) or any(c in w for w in th.intents)


@cache
def _pattern(p: str) -> re.Pattern[str]:
    return re.compile(p)


def numeral_form(ix: SearchIndex, token: str, scope: Scope) -> str:
    """`token`, or the numeral spelling of it the text uses: 十五日 → 15日, 4个意识 → 四个意识,
    六十天 → 60日. The typed form wins wherever it occurs."""
    if not any(c.isdecimal() or c in CN_DIGITS for c in token) or ix.containing(token, scope):
        return token
    arabic = _pattern(r"(\d)天").sub(r"\1日", arabic_in(token, QUANTITY_UNITS))
    arabic = _pattern(r"(\d)(?:个人|名)").sub(r"\1人", arabic)
    for form in (arabic, chinese_in(token)):
        if form != token and ix.containing(form, scope):
            return form
    return arabic


class Term:
    """One typed term of a query and the articles it matches, verbatim or loosely."""

    __slots__ = ("alts", "exact", "idf", "loose", "probes", "term")

    def __init__(self, term: str, exact: set[int], idf: float, loose: dict[int, float],
                 probes: tuple[str, ...], alts: tuple[str, ...] = ()) -> None:
        self.term, self.exact, self.idf = term, exact, idf
        self.loose = loose  # article → strength, for articles not in `exact`
        self.probes = probes  # what the loose matches may contain, for highlighting
        self.alts = alts  # the text's terms standing in for an everyday word (thesaurus)

    def strength(self, doc: _Doc) -> float:
        return group_strength(doc, self.term, self.alts) if self.alts else exact_strength(doc, self.term)

    def words(self) -> tuple[str, ...]:
        """What an exact match of this term may show, for highlighting."""
        return (self.term, *(WHOLE + a for a in self.alts))

    def in_meta(self, doc: _Doc) -> bool:
        return self.term in doc.meta or any(a in doc.meta for a in self.alts)



def stand_ins(th: Thesaurus | None, word: str) -> tuple[str, ...]:
    """The text's terms for an everyday word (empty when it is not one, or without a thesaurus)."""
    return th.words.get(word, ()) if th is not None else ()


def group_strength(doc: _Doc, word: str, alts: tuple[str, ...]) -> float:
    """How well `doc` matches an everyday word: the word itself where the text has it, else the
    best of its stand-ins."""
    best = exact_strength(doc, word)
    for a in alts:
        if a != word:
            best = max(best, STAND_IN * exact_strength(doc, a))
    return best


def _group_piece(ix: SearchIndex, word: str, alts: tuple[str, ...], scope: Scope) -> Piece:
    """An everyday word as one piece, weighing by how many articles have any of its forms; each
    article counts by the form it has, a rarer form a little more (两个或者两个以上机关 over 推诿)."""
    n = ix.size(scope)
    forms = [(word, 1.0), *((a, STAND_IN) for a in alts if a != word)]
    found = [(w, rel, docs) for w, rel in forms if (docs := ix.containing(w, scope))]
    if not found:
        return 0.0, {}, []
    weights = {w: idf(len(docs), n) for w, _, docs in found}
    top = max(weights.values())
    m = Strengths(ix, [(w, rel * (weights[w] / top) ** SPECIFIC, docs) for w, rel, docs in found])
    return idf(len(m), n), m, [word, *(WHOLE + a for a in alts)]


def _pieces_of_gap(ix: SearchIndex, gap: str, scope: Scope) -> list[str]:
    """Content segments of the text between everyday and question words: a number with its
    unit (30日, 5人) stands on its own; the rest is cut into the longest stretches the text has
    (一件事同时涉及 → 同时, 涉及), and what is left over goes to the loose matching (a typo)."""
    out: list[str] = []
    gap = numeral_form(ix, gap, scope) if len(gap) >= 2 else gap  # 十五天 → 15日
    for part in _pattern(r"(\d+(?:个工作日|日|人|年|月|项|条))").split(gap):
        if not part:
            continue
        if part[0].isdecimal():
            out.append(part)
        elif len(part) >= 2:
            out += _longest_known(ix, part, scope)
    return out


def _longest_known(ix: SearchIndex, part: str, scope: Scope) -> list[str]:
    """`part` cut into curated keywords first (办理期限 out of 信访事项办理期限), then into the
    longest stretches the text has; mostly unknown text is left whole for typo matching."""
    if ix.containing(part, scope):
        return [part]
    chars = stop_patterns()[1]
    out: list[str] = []
    for chunk in chars.split(part):
        if len(chunk) < 2:
            continue
        if ix.containing(chunk, scope):
            out.append(chunk)
            continue
        spans = _keyword_spans(ix, chunk)
        pos = 0
        found: list[str] = []
        for a, b in (*spans, (len(chunk), len(chunk))):
            found += _greedy(ix, chunk[pos:a], scope)
            if a < b:
                found.append(chunk[a:b])
            pos = b
        if sum(map(len, found)) * 2 < len(chunk):  # mostly unknown: a typo, for the loose matching
            out.append(chunk)
        else:
            out += found
    return out


def _keyword_spans(ix: SearchIndex, chunk: str) -> list[tuple[int, int]]:
    """Non-overlapping curated keywords (three characters or more) in `chunk`, longest first."""
    words = ix.keyword_words
    spans: list[tuple[int, int]] = []
    for size in range(min(len(chunk), 12), 2, -1):
        for a in range(len(chunk) - size + 1):
            b = a + size
            if chunk[a:b] in words and not any(x < b and a < y for x, y in spans):
                spans.append((a, b))
    return sorted(spans)


def _greedy(ix: SearchIndex, text: str, scope: Scope) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(text) - 1:
        j = i + 2
        if not ix.containing(text[i:j], scope):
            i += 1
            continue
        while j < len(text) and ix.containing(text[i : j + 1], scope):
            j += 1
        out.append(text[i:j])
        i = j
    return out


@cache
def _stop_words() -> frozenset[str]:
    return frozenset(stop_patterns()[0].pattern.split("|"))


def _split(th: Thesaurus, token: str) -> list[str]:
    """`token` cut at everyday words and question words (多久, 不能; not the intent terms such as
    期限), leftmost and longest first, as re.split with one group would: text, word, text, ….
    A dictionary scan, not one regex of 800 alternatives (compiling that took 15 ms)."""
    stops, words, questions = _stop_words(), th.words, th.questions
    longest = max(th.longest, 8)
    parts: list[str] = []
    start = i = 0
    n = len(token)
    while i < n - 1:
        for j in range(min(n, i + longest), i + 1, -1):
            w = token[i:j]
            if w in words or w in questions or w in stops:
                parts += [token[start:i], w]
                start = i = j
                break
        else:
            i += 1
    parts.append(token[start:])
    return parts


def plain_matches(ix: SearchIndex, th: Thesaurus | None, token: str,
                  scope: Scope) -> tuple[dict[int, float], tuple[str, ...]] | None:
    """Loose matches of a term that holds everyday or question words, or None when it has none
    (the usual loose matching then applies). Question words cut the term into stretches; a
    stretch the text has verbatim stays whole (信访人对复核意见不服), otherwise each everyday word
    in it matches through its stand-ins and the rest as content segments."""
    if th is None or not th.scan(token):
        return None
    parts = _split(th, token)
    pieces: list[Piece] = []
    run: list[str] = []  # the parts since the last question word

    def flush() -> None:
        whole = "".join(run)
        if len(whole) >= 2 and whole not in th.words and ix.containing(whole, scope):
            pieces.append(segment_match(ix, whole, token, scope))
        else:
            for k, part in run_parts:
                if k and part in th.words:
                    pieces.append(_group_piece(ix, part, stand_ins(th, part), scope))
                else:
                    pieces.extend(segment_match(ix, seg, token, scope) for seg in _pieces_of_gap(ix, part, scope))
        run.clear()
        run_parts.clear()

    run_parts: list[tuple[int, str]] = []
    for k, part in enumerate(parts):
        if k % 2 and part not in th.words:  # a question word: ends a stretch
            flush()
        elif part:
            run.append(part)
            run_parts.append((k % 2, part))
    flush()
    return combine(pieces) if pieces else ({}, ())


def intents_of(th: Thesaurus | None, terms: tuple[str, ...]) -> tuple[Intent, ...]:
    """The kinds of answer the query's question words ask for."""
    if th is None:
        return ()
    out: dict[str, Intent] = {}
    for t in terms:
        for _, _, word in th.scan(t):
            intent = th.intents.get(word)
            if intent is not None:
                out.setdefault(intent.name, intent)
        if t.endswith("吗") and _pattern(r"能|可以|准|许|让").search(t):  # 打电话能信访吗
            permission = next((i for i in th.intents.values() if i.name == "permission"), None)
            if permission is not None:
                out.setdefault(permission.name, permission)
    return tuple(out.values())


def intent_bonus(doc: _Doc, intents: tuple[Intent, ...], words: tuple[str, ...]) -> float:
    """INTENT_BONUS when one paragraph or item of `doc` holds a matched word and states what
    is asked for (日内 for a deadline, 不得 for a prohibition), else 0."""
    if not intents:
        return 0.0
    plain = [w.removeprefix(WHOLE) for w in words]
    best = 0.0
    for u in doc.body:
        if any(w in u.flat for w in plain):
            for i in intents:
                for k, p in enumerate(i.prefer):  # the first word states it best: 日内 over 期限
                    if p in u.flat:
                        best = max(best, INTENT_BONUS * (1.0 - GRADE * k / len(i.prefer)))
                        break
    return best
