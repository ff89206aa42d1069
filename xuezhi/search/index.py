"""Find the right article from what a cadre types: a term, an alias, a typo, an article number
or a whole question.

Pure: no printing and no Rich; the CLI renders the `Hit`s. Text is compared in a "flat" form
(NFKC, lower case, no punctuation or spaces), so 谁主管谁负责 finds 谁主管、谁负责. Ranking:

1. article references (第二十七条, 第34条, 34条) jump to the top;
2. every typed term must match (AND). A term that occurs verbatim (in the text, an item,
   the 条旨 or the curated keywords) scores by rarity and by where it occurs: keywords and
   条旨 beat short items, which beat long paragraphs;
3. a term that does not occur verbatim is matched loosely: question words are stripped, the
   rest is split into content segments, and each segment matches verbatim, by shared
   character bigrams, or with one or two wrong characters (联系会议 → 联席会议). Articles
   matched loosely always rank below articles where every term matched verbatim.

Start-up is part of every search (one process per command), so the index is cheap to build
(about 2 ms for the regulation), regexes compile on first need, and rapidfuzz is imported only
for a term with a missing or extra character and for suggestions when nothing matches.
"""

from __future__ import annotations

import heapq
import math
from functools import cached_property
from typing import TYPE_CHECKING

from xuezhi.search.match import MAX_META, META_WEIGHT, idf, loose_matches
from xuezhi.search.plain import (
    INTENT_BONUS,
    KnownChars,
    Term,
    intent_bonus,
    intents_of,
    numeral_form,
    plain_matches,
    stand_ins,
)
from xuezhi.search.query import Query, flat, has_content, parse_query
from xuezhi.search.snippet import Hit, make_hit
from xuezhi.search.typo import near_windows
from xuezhi.text.numerals import to_chinese
from xuezhi.text.script import to_simplified

if TYPE_CHECKING:  # the CLI imports the corpus anyway; search itself only needs its types
    from xuezhi.search.thesaurus import Thesaurus
    from xuezhi.text.corpus import Article, Regulation


_FEW_EXACT = 3  # a term found verbatim in fewer articles also gets typo/segment matches below them
_SCAN_UP_TO = 400  # articles; beyond that, candidates come from character postings


Scope = frozenset[int] | None  # document positions searched; None is every article


# The internal records below are plain slotted classes, not dataclasses: creating a dataclass
# costs about a millisecond at import, and import time is start-up time for every search.

class _Unit:
    """A searchable piece of one article: a paragraph's own text (`item` None) or an item."""

    __slots__ = ("flat", "item", "paragraph", "text", "weight")

    def __init__(self, paragraph: int | None, item: int | None, text: str, flat: str, weight: float) -> None:
        self.paragraph, self.item = paragraph, item
        self.text, self.flat, self.weight = text, flat, weight


class _Doc:
    """One article as the index sees it."""

    __slots__ = ("article", "body", "flat", "max_body", "meta", "meta_words", "starts", "weights")

    def __init__(self, article: Article, body: list[_Unit], flat: str, starts: tuple[int, ...],
                 weights: tuple[float, ...], meta: str, meta_words: frozenset[str], max_body: float) -> None:
        self.article = article
        self.body = body  # paragraphs and items in reading order
        # 条旨 and keywords, then the body units by decreasing weight, \x00-separated so that no
        # term spans two units: the first occurrence of a term is in its best unit.
        self.flat = flat
        self.starts = starts  # where each unit of `flat` starts …
        self.weights = weights  # … and its weight
        self.meta = meta  # 条旨 and keywords only (the start of `flat`)
        self.meta_words = meta_words
        self.max_body = max_body  # the most a verbatim match in the body can score


def _body_weight(length: int) -> float:
    """Short items say one thing; a match there is worth more than one in a long paragraph.
    Always below META_WEIGHT, so keywords and 条旨 stay the strongest evidence."""
    return 1.0 + 40.0 / (40.0 + length)


class SearchIndex:
    """Everything `search` needs, computed once per corpus (see `index_for`)."""

    def __init__(self, reg: Regulation) -> None:
        self.reg = reg
        self.docs: list[_Doc] = []
        for a in reg.articles:
            body: list[_Unit] = []
            for p in a.paragraphs:
                f = flat(p.text)
                body.append(_Unit(p.number, None, p.text, f, _body_weight(len(f))))
                for i, item in enumerate(p.items, 1):
                    f = flat(item)
                    body.append(_Unit(p.number, i, item, f, _body_weight(len(f))))
            meta = [f for f in (flat(t) for t in (a.summary, *a.keywords)) if f]
            parts = [(f, META_WEIGHT) for f in meta]
            parts += [(u.flat, u.weight) for u in sorted(body, key=lambda u: -u.weight)]
            starts, pos = [], 0
            for f, _ in parts:
                starts.append(pos)
                pos += len(f) + 1
            meta_flat = "\x00".join(meta)
            self.docs.append(_Doc(a, body, "\x00".join(f for f, _ in parts), tuple(starts),
                                  tuple(w for _, w in parts), meta_flat, frozenset(meta),
                                  max(u.weight for u in body) + 0.3))
        self.position = {d.article.number: i for i, d in enumerate(self.docs)}
        self._flats = [d.flat for d in self.docs]
        self._posting_sets: dict[str, set[int]] = {}
        self._seen: dict[tuple[str, Scope], list[int]] = {}
        if len(self.docs) > _SCAN_UP_TO:
            self._postings  # noqa: B018 -- built now, so that index build time includes it

    @cached_property
    def _postings(self) -> dict[str, list[int]]:
        """Character → articles containing it. A term can only occur in the articles that have
        all its characters, so in a large corpus only those are checked with `in`."""
        postings: dict[str, list[int]] = {}
        for i, d in enumerate(self.docs):
            for c in set(d.flat):
                lst = postings.get(c)
                if lst is None:
                    postings[c] = [i]
                else:
                    lst.append(i)
        return postings

    @cached_property
    def _text(self) -> str:
        """All articles in one string, to look for near-miss spellings of a term."""
        return "\x01".join(d.flat for d in self.docs)

    def has_char(self, c: str) -> bool:
        """Whether any article has the character `c` (in its flat text)."""
        return c in self._postings if len(self.docs) > _SCAN_UP_TO else c in self._text

    @cached_property
    def _meta_text(self) -> str:
        """All 条旨 and keywords in one string: where short terms are corrected towards."""
        return "\x00".join(d.meta for d in self.docs)

    @cached_property
    def vocabulary(self) -> list[str]:
        """Curated terms (keywords, 条旨, principle names), as written: what suggestions offer."""
        words = [k for d in self.docs for k in d.article.keywords] + [d.article.summary for d in self.docs]
        words += [p.name for p in self.reg.principles]
        return [w for w in dict.fromkeys(words) if w and flat(w)]

    @cached_property
    def _vocabulary_flat(self) -> list[str]:
        return [flat(w) for w in self.vocabulary]

    # ------------------------------------------------------------ public API

    def search(self, query: str, *, chapter: int | None = None, limit: int | None = 10) -> list[Hit]:
        """Hits for `query`, best first; never raises for any string."""
        if limit is not None and limit <= 0:
            return []
        q = self.parse(query)
        scope = None if chapter is None else frozenset(
            i for i, d in enumerate(self.docs) if d.article.chapter == chapter)
        th = self.thesaurus if q.terms else None
        intents = intents_of(th, q.terms)
        prefer = tuple(p for i in intents for p in i.prefer)
        return [make_hit(self.docs[i], *rest, prefer) for i, *rest in self._rank(q, scope, limit, th, intents)]

    def parse(self, query: str) -> Query:
        """`query` taken apart, in simplified characters (楓橋經驗 → 枫桥经验, 第三十五條 → 第三十五条)."""
        return parse_query(to_simplified(query, KnownChars(self)), self.position)

    @cached_property
    def keyword_words(self) -> frozenset[str]:
        """Curated keywords and 条旨 (flat)."""
        return frozenset(w for d in self.docs for w in d.meta_words)

    @cached_property
    def thesaurus(self) -> Thesaurus:
        from xuezhi.search.thesaurus import load_thesaurus

        return load_thesaurus()

    def suggest(self, query: str, limit: int = 5) -> list[str]:
        """What to try instead when `query` finds nothing: with several terms, the ones that match
        on their own; otherwise the closest keywords and stretches of the text."""
        q = self.parse(query)
        scope = None
        terms = [t for t in (*q.phrases, *q.terms) if has_content(t)]
        found = [t for t in terms if self.containing(t, scope)]
        out = list(found) if len(terms) > 1 else []
        from rapidfuzz import fuzz, process

        for t in terms:
            close = [w for w, _, _ in process.extract(t, self.vocabulary, scorer=fuzz.ratio, processor=flat,
                                                      limit=limit, score_cutoff=40)]
            out += close
            if not close and t not in found:
                out += near_windows(t, self._text)
        return list(dict.fromkeys(out))[:limit]

    # ------------------------------------------------------------ ranking

    def containing(self, term: str, scope: Scope) -> list[int]:
        """Articles (positions, ascending) whose text, 条旨 or keywords contain `term`. Remembered
        for large corpora: cutting a long question into known words asks for many pieces twice."""
        if not term or "\x00" in term:
            return []
        if len(self.docs) <= _SCAN_UP_TO:
            return self._find(term, scope)
        key = (term, scope)
        found = self._seen.get(key)
        if found is None:
            if len(self._seen) > 4096:
                self._seen.clear()
            found = self._seen[key] = self._find(term, scope)
        return found

    def _find(self, term: str, scope: Scope) -> list[int]:
        flats = self._flats
        if len(flats) <= _SCAN_UP_TO:  # a small corpus: checking every article is quickest
            return [i for i in (range(len(flats)) if scope is None else sorted(scope)) if term in flats[i]]
        lists = []
        for c in set(term):
            lst = self._postings.get(c)
            if lst is None:
                return []
            lists.append((len(lst), c))
        lists.sort()
        sets = self._posting_sets
        cand: set[int] | list[int] = self._postings[lists[0][1]]
        for _, c in lists[1:3]:
            other = sets.get(c)
            if other is None:
                other = sets[c] = set(self._postings[c])
            cand = other.intersection(cand)
        if scope is not None:
            cand = scope.intersection(cand)
        if len(term) == 1:
            return sorted(cand) if scope is not None else list(cand)
        found = [i for i in cand if term in flats[i]]
        found.sort()
        return found

    def size(self, scope: Scope) -> int:
        return max(len(self.docs) if scope is None else len(scope), 1)

    def _rank(self, q: Query, scope: Scope, limit: int | None, th: Thesaurus | None = None,
              intents: tuple = ()) -> list[tuple[int, float, str, tuple[str, ...]]]:
        """(doc index, score, match kind, probe words), best first, at most `limit` rows."""
        n = self.size(scope)
        # a term that is only question words (怎么办) is dropped, unless the text has it verbatim
        tokens = [(p, True) for p in q.phrases] + [
            (t, False) for t in q.terms if len(t) == 1 or self.containing(t, scope) or has_content(t)]
        cited = not tokens and bool(q.refs)
        if cited:  # only article numbers: below the jumps, the articles that cite them
            tokens = [(flat(f"第{to_chinese(r)}条"), True) for r in q.refs]
        elif not tokens and q.bad_refs:  # 第99条: nothing to jump to, and the label occurs nowhere
            return []
        infos: list[Term] = []
        for tok, strict in tokens:
            typed, tok = tok, tok if strict else numeral_form(self, tok, scope)  # 十五日 → 15日
            alts = () if strict else stand_ins(th, typed) or stand_ins(th, tok)
            exact = self.containing(tok, scope)
            if alts:
                exact = sorted(set(exact).union(*(self.containing(a, scope) for a in alts)))
            loose: dict[int, float] = {}
            probes: tuple[str, ...] = ()
            if not strict and (not exact or (len(exact) < _FEW_EXACT and len(tok) >= 3)):
                found = plain_matches(self, th, typed, scope) if not exact else None
                loose, probes = found if found is not None else loose_matches(self, tok, scope)
                loose = {i: v for i, v in loose.items() if i not in exact}
            infos.append(Term(tok, set(exact), idf(len(exact), n), loose, probes, alts))
        jumps = [self.position[r] for r in q.refs if scope is None or self.position[r] in scope]
        candidates: set[int] = set()
        if cited:
            candidates = set().union(*(t.exact for t in infos))
        elif infos:  # AND, starting from the rarest term
            first, *rest = sorted(infos, key=lambda t: len(t.exact) + len(t.loose))
            candidates = first.exact | first.loose.keys()
            for t in rest:
                candidates = {i for i in candidates if i in t.exact or i in t.loose}
        candidates.difference_update(jumps)
        ranked = self._top(candidates, infos, limit, intents)
        level = 1 if cited else len(infos)
        out = [(i, level - approx + raw / (raw + 3.0), "approximate" if approx else "exact",
                self._words(i, infos)) for approx, raw, i in ranked]
        out.sort(key=lambda row: -row[1])  # stable: keeps the tie order, and best first means by score
        if jumps:
            top = math.floor(out[0][1]) + 1 if out else 1
            out = [(i, top + 0.9 - 0.001 * k, "article", ()) for k, i in enumerate(jumps)] + out
        return out if limit is None else out[:limit]

    @staticmethod
    def _words(i: int, infos: list[Term]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p for t in infos for p in (t.words() if i in t.exact else t.probes)))

    def _score(self, i: int, infos: list[Term], intents: tuple) -> float:
        d = self.docs[i]
        raw = 0.0
        for t in infos:
            if i in t.exact:
                raw += t.idf * t.strength(d)
            elif i in t.loose:
                raw += t.idf * t.loose[i]
        return raw * (1.0 + intent_bonus(d, intents, self._words(i, infos))) if intents else raw

    def _top(self, candidates: set[int], infos: list[Term], limit: int | None,
             intents: tuple = ()) -> list[tuple[int, float, int]]:
        """(loose count, raw score, doc) of the best `limit` candidates, best first.

        Articles are visited in the order of an upper bound on their score, and exact scores
        are computed only while an article could still enter the top `limit`: a common term
        in a large corpus touches thousands of articles, of which ten are shown."""
        docs = self.docs
        bounds: list[tuple[int, float, int]] = []
        if len(infos) == 1:  # the usual case, in bulk
            t = infos[0]
            bounds = [(0, -t.idf * (MAX_META if t.in_meta(docs[i]) else docs[i].max_body), i)
                      for i in t.exact if i in candidates]
            bounds += [(1, -t.idf * s, i) for i, s in t.loose.items() if i in candidates]
            candidates = set()
        for i in candidates:
            d = docs[i]
            ub, approx = 0.0, 0
            for t in infos:
                if i in t.exact:
                    ub += t.idf * (MAX_META if t.in_meta(d) else d.max_body)
                elif i in t.loose:
                    ub += t.idf * t.loose[i]
                    approx += 1
            bounds.append((approx, -ub, i))
        if intents:  # the bound must allow for the bonus
            bounds = [(a, ub * (1.0 + INTENT_BONUS), i) for a, ub, i in bounds]
        bounds.sort()
        best: list[tuple[int, float, int]] = []  # max-heap (negated keys) of the best so far
        for approx, neg_ub, i in bounds:
            if limit is not None and len(best) >= limit:
                worst = best[0]
                if (-worst[0], -worst[1], -worst[2]) <= (approx, neg_ub, i):
                    break
            raw = self._score(i, infos, intents)
            # summation order leaves noise in the last bits: equal scores must tie (and then
            # the lower article wins), or 第十七条 and 第二十条 swap places against their scores
            raw = round(raw, 9)
            key = (-approx, raw, -i)
            if limit is None or len(best) < limit:
                heapq.heappush(best, key)
            elif key > best[0]:
                heapq.heapreplace(best, key)
        return [(-a, raw, -j) for a, raw, j in sorted(best, reverse=True)]

    # ------------------------------------------------------------ presenting a hit

def index_for(reg: Regulation) -> SearchIndex:
    """The index of `reg`, built on first use and kept for the life of the process."""
    return reg.derived(SearchIndex)


def search(reg: Regulation, query: str, *, chapter: int | None = None, limit: int | None = 10) -> list[Hit]:
    """Search `reg` for `query` (see the module docstring for the rules)."""
    return index_for(reg).search(query, chapter=chapter, limit=limit)


