"""How strongly an article matches a term: verbatim (by the unit it occurs in) or loosely (content
segments, shared bigrams, one or two wrong characters). Articles matched loosely always rank
below articles where every term matched verbatim."""

from __future__ import annotations

import heapq
import math
from bisect import bisect_right
from collections.abc import Iterator
from typing import TYPE_CHECKING

from xuezhi.search.query import bigrams, stop_patterns
from xuezhi.search.snippet import WHOLE
from xuezhi.search.typo import indel_fixes, spellings

if TYPE_CHECKING:
    from xuezhi.search.index import Scope, SearchIndex, _Doc

# Curated keywords and the 条旨 name what an article is about: a match there weighs most.
META_WEIGHT = 2.2
EQUAL_BONUS = 1.25  # the term *is* a keyword or the 条旨
MIN_LOOSE = 0.3  # share of a loose term's content an article must cover to count as a hit
MAX_FIXES = 5
KEEP = 100  # loose matches kept per term (the most sharing): more than a corpus of 50 has, and
# in one of 10,000 articles a long question's common words would otherwise be scored everywhere
MAX_META = META_WEIGHT * EQUAL_BONUS + 0.3  # the most a verbatim match can score (see exact_strength)


def idf(df: int, n: int) -> float:
    return math.log(1.0 + n / max(df, 1))


def exact_strength(doc: _Doc, term: str) -> float:
    """How well a verbatim occurrence of `term` speaks for `doc`: the weight of the best unit
    holding it (its first occurrence, see _Doc.flat), plus a little for repeats."""
    pos = doc.flat.find(term)
    if pos < 0:
        return 0.0
    if pos < len(doc.meta):
        best = META_WEIGHT * EQUAL_BONUS if term in doc.meta_words else META_WEIGHT
    else:
        best = doc.weights[bisect_right(doc.starts, pos) - 1]
    tf = doc.flat.count(term)
    return best + (0.1 * (tf - 1) if tf < 4 else 0.3)


def segments(ix: SearchIndex, token: str, scope: Scope) -> list[str]:
    """Content segments of a term that is not found verbatim: question words removed."""
    phrases, chars = stop_patterns()
    out: list[str] = []
    for p in phrases.split(token):
        if len(p) >= 2 and ix.containing(p, scope):
            out.append(p)
        else:
            out += [s for s in chars.split(p) if len(s) >= 2]
    return list(dict.fromkeys(out))


class Strengths:
    """Article → how well it holds a segment (the best of its forms, each with a factor), as a
    read-only mapping that computes a value when first asked: a common word of a long question
    is in thousands of articles of a large corpus, and only a few of them can make the top."""

    __slots__ = ("_base", "_cap", "_forms", "_ix", "_keys", "_memo")

    def __init__(self, ix: SearchIndex, forms: list[tuple[str, float, list[int]]], cap: float = 1.0,
                 base: dict[int, float] | None = None) -> None:
        self._ix, self._forms, self._memo, self._base, self._cap = ix, forms, {}, base or {}, cap
        self._keys = set(self._base).union(*(docs for _, _, docs in forms))

    def __contains__(self, i: object) -> bool:
        return i in self._keys

    def __iter__(self) -> Iterator[int]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __getitem__(self, i: int) -> float:
        v = self._memo.get(i)
        if v is None:
            doc, cap = self._ix.docs[i], self._cap
            v = max((f * min(exact_strength(doc, w) / META_WEIGHT, cap) for w, f, _ in self._forms
                     if w in doc.flat), default=0.0)
            v = self._memo[i] = max(v, self._base.get(i, 0.0))
        return v

    def get(self, i: int, default: float = 0.0) -> float:
        return self[i] if i in self._keys else default

    def items(self) -> Iterator[tuple[int, float]]:
        return ((i, self[i]) for i in self._keys)


Piece = tuple[float, "dict[int, float] | Strengths", list[str]]  # weight, article → strength, words to highlight


def loose_matches(ix: SearchIndex, token: str, scope: Scope) -> tuple[dict[int, float], tuple[str, ...]]:
    """Articles matching `token` approximately → strength, and the words to highlight.
    Every content segment counts by its rarity; an article must cover MIN_LOOSE of them."""
    segs = [token] if ix.containing(token, scope) else segments(ix, token, scope)
    return combine([segment_match(ix, seg, token, scope) for seg in segs])


def segment_match(ix: SearchIndex, seg: str, token: str, scope: Scope) -> Piece:
    """One content segment of `token`: verbatim, else by shared bigrams or a near spelling."""
    n = ix.size(scope)
    exact = ix.containing(seg, scope) if seg != token else []
    if exact:
        return idf(len(exact), n), Strengths(ix, [(seg, 1.0, exact)]), [seg]
    probes: list[str] = []
    fuzzy, fixes = fuzzy_matches(ix, seg, scope, indel=seg != token or not ix.containing(token, scope))
    w, m = soft(ix, seg, scope, typo=bool(fixes))
    if m:
        probes.append(seg)
    if any(docs for _, _, docs in fuzzy):
        w = max(w, 0.5 * idf(1, n))
        probes += [WHOLE + f for f in fixes]
        return w, Strengths(ix, fuzzy, cap=1.1, base=m), probes
    return w, m, probes


def combine(pieces: list[Piece]) -> tuple[dict[int, float], tuple[str, ...]]:
    """The pieces of one term together: each article's rarity-weighted share of them."""
    pieces = [p for p in pieces if p[0] > 0 and p[1]]
    if not pieces:
        return {}, ()
    probes = tuple(dict.fromkeys(w for p in pieces for w in p[2]))
    if len(pieces) == 1:
        scale = META_WEIGHT * 0.8
        m = pieces[0][1]
        if len(m) > KEEP:  # a common word of a large corpus: only the best KEEP are worked out
            return {i: s * scale for s, i in heapq.nlargest(KEEP, ((m[i], i) for i in m)) if s >= MIN_LOOSE}, probes
        return {i: s * scale for i, s in m.items() if s >= MIN_LOOSE}, probes
    total = sum(w for w, _, _ in pieces)
    # An article needs MIN_LOOSE of the total weight, and no piece gives more than its weight:
    # one that is in none of the heaviest pieces (all but a lighter remainder) cannot make it.
    heavy, rest = [], total
    for p in sorted(pieces, key=lambda p: -p[0]):
        if rest < MIN_LOOSE * total - 1e-9:
            break
        heavy.append(p)
        rest -= p[0]
    need = MIN_LOOSE * total - 1e-9
    bounds = []  # (the most an article could share, article): only the best KEEP are worked out
    for i in set().union(*(m for _, m, _ in heavy)):
        ub = sum(w for w, m, _ in pieces if i in m)
        if ub >= need:
            bounds.append((ub, i))
    bounds.sort(reverse=True)
    best: list[tuple[float, int]] = []  # min-heap of (share, -article) of the best so far
    for ub, i in bounds:
        if len(best) >= KEEP and ub / total < best[0][0]:
            break
        share = sum(w * m[i] for w, m, _ in pieces if i in m) / total
        if share >= MIN_LOOSE:
            heapq.heappush(best, (share, -i))
            if len(best) > KEEP:
                heapq.heappop(best)
    return {-j: share * META_WEIGHT * 0.8 for share, j in best}, probes


def soft(ix: SearchIndex, seg: str, scope: Scope, typo: bool = False) -> tuple[float, dict[int, float]]:
    """Share of the segment's bigrams (weighted by rarity) that each article contains; the
    segment's weight is that of its rarest bigram. With `typo` (a near spelling of the
    whole segment exists), an article holding less than half the bigrams of a short
    segment does not count: 联系 of 联系会意 is the typo's remnant, not a word meant."""
    n = ix.size(scope)
    known: list[tuple[str, float, list[int]]] = []
    grams = bigrams(seg)
    for bg in grams:
        docs = ix.containing(bg, scope)
        if docs:
            known.append((bg, idf(len(docs), n), docs))
    if not known:
        return 0.0, {}
    total = sum(w for _, w, _ in known)
    cover: dict[int, float] = {}
    for bg, w, docs in known:
        for i in docs:
            cover[i] = cover.get(i, 0.0) + (w * 1.3 if bg in ix.docs[i].meta else w)
    # A short segment is one word: half of it (联系 of 联系会议) is no evidence. A long one
    # is several words run together, and most of them is enough.
    need = total * (0.99 if len(seg) <= 4 else 0.5)
    out = {i: min(0.8 * c / total, 1.0) for i, c in cover.items() if c >= need}
    if typo and len(seg) <= 4:
        out = {i: v for i, v in out.items()
               if 2 * sum(bg in ix.docs[i].flat for bg, _, _ in known) >= len(grams)}
    return max(w for _, w, _ in known), out


def fuzzy_matches(ix: SearchIndex, seg: str, scope: Scope,
                  indel: bool = True) -> tuple[list[tuple[str, float, list[int]]], list[str]]:
    """The spellings of `seg` with one wrong character (two from six characters on) that occur,
    each with its similarity and the articles holding it (for `Strengths`, capped at 1.1), and
    the spellings alone.

    First the spellings that do occur are found, then searched verbatim. Substitutions (the
    usual pinyin-IME typo: 联系 for 联席) come from the pigeonhole rule: of k+1 disjoint
    pieces of the term, one occurs intact. A missing or extra character in a keyword is
    found by rapidfuzz (when `indel` and no substitution fits: it is the slow path). Terms of
    two or three characters are corrected only towards the curated keywords and 条旨, since
    almost anything is one character away from them."""
    size = len(seg)
    if not 2 <= size <= 12:
        return [], []
    k = 1 if size < 6 else 2
    fixes = spellings(seg, k, ix._meta_text if size <= 3 else ix._text)
    if not fixes and 4 <= size <= 5:  # two wrong in a short word: only towards curated terms
        fixes = spellings(seg, 2, ix._meta_text)
    if size >= 4 and indel and not fixes:
        fixes = {w: (d, 0) for w, d in indel_fixes(seg, k, ix._vocabulary_flat).items()}
    # the likeliest spellings: fewest wrong characters, then the most frequent
    best = sorted(fixes.items(), key=lambda x: x[1])[:MAX_FIXES]
    return [(w, 0.9 * (1.0 - d / size), ix.containing(w, scope)) for w, (d, _) in best], [w for w, _ in best]
