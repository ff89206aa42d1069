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
import itertools
import math
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from typing import TYPE_CHECKING, NamedTuple

from .numerals import parse_number, to_chinese

if TYPE_CHECKING:  # the CLI imports the corpus anyway; search itself only needs its types
    from .corpus import Article, Regulation

MAX_QUERY_CHARS = 200
"""Longer queries are refused by the CLI and truncated by `search` (which never raises)."""
MAX_TERMS = 12
SNIPPET_CHARS = 72

TEXT, ITEM = "text", "item"  # the two kinds of body unit
# Curated keywords and the 条旨 name what an article is about: a match there weighs most.
_META_WEIGHT = 2.2
_EQUAL_BONUS = 1.25  # the term *is* a keyword or the 条旨
_FEW_EXACT = 3  # a term found verbatim in fewer articles also gets typo/segment matches below them
_MIN_LOOSE = 0.3  # share of a loose term's content an article must cover to count as a hit
_WHOLE = "\x00"  # marks a probe word (a corrected spelling) that counts only where it occurs whole
_SCAN_UP_TO = 400  # articles; beyond that, candidates come from character postings
_MAX_FIXES = 5  # spellings tried for a mistyped term
_MAX_META = _META_WEIGHT * _EQUAL_BONUS + 0.3  # the most a verbatim match can score (see _exact_strength)

_NON_WORD = re.compile(r"[\W_]+")
_CN_DIGITS = "零〇一二两三四五六七八九十百千万"
_REF = rf"第\s*(\d+|[{_CN_DIGITS}]+)\s*条"
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
    ],
    key=len,
    reverse=True,
)
# Function characters that split a term that is not found verbatim (never inside exact terms).
_STOP_CHARS = "的了吗呢吧啊呀嘛么是对和我你啥咋谁哪都也"


@cache
def _stop_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Compiled on first need: most searches are plain terms and never get here."""
    return re.compile("|".join(map(re.escape, _STOP_PHRASES))), re.compile(f"[{_STOP_CHARS}]")


@dataclass(frozen=True)  # not slots=True: that rebuilds the class, another ms of start-up
class Hit:
    """One article found, best first. `paragraph` is the 款 the snippet quotes (1-based), or
    None for an article-number jump; `matched` lists the matched words as written in the text."""

    article: int
    chapter: int
    score: float
    paragraph: int | None
    snippet: str
    matched: tuple[str, ...]
    match: str = "exact"  # "article" (number jump), "exact", or "approximate" (typo, segments)

    def to_json(self) -> dict:
        return {"article": self.article, "chapter": self.chapter, "score": round(self.score, 3),
                "paragraph": self.paragraph, "snippet": self.snippet, "matched": list(self.matched),
                "match": self.match}


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
        for m in _regex(_REF).finditer(text):
            ref(_number(m.group(1)))
        text = _regex(_REF).sub(" ", text)
    terms: list[str] = []
    for token in flat_tokens(text):
        core = token.removeprefix("第").removesuffix("条")  # 34, 34条, 三十四
        n = _number(core) if core and (core.isdecimal() or all(c in _CN_DIGITS for c in core)) else None
        if n is not None and (n in valid or token.endswith("条")):
            ref(n)
        elif token not in terms:
            terms.append(token)
    return Query(tuple(dict.fromkeys(refs)), tuple(dict.fromkeys(bad)), tuple(dict.fromkeys(phrases)),
                 tuple(terms[:MAX_TERMS]))


def flat_tokens(text: str) -> list[str]:
    """Whitespace and punctuation separate terms."""
    return [t for t in (flat(w) for w in _NON_WORD.split(text)) if t]


Scope = frozenset[int] | None  # document positions searched; None is every article


# The internal records below are plain slotted classes, not dataclasses: creating a dataclass
# costs about a millisecond at import, and import time is start-up time for every search.

class _Term:
    """One typed term of a query and the articles it matches, verbatim or loosely."""

    __slots__ = ("exact", "idf", "loose", "probes", "term")

    def __init__(self, term: str, exact: set[int], idf: float, loose: dict[int, float],
                 probes: tuple[str, ...]) -> None:
        self.term, self.exact, self.idf = term, exact, idf
        self.loose = loose  # article → strength, for articles not in `exact`
        self.probes = probes  # what the loose matches may contain, for highlighting


class _Unit:
    """A searchable piece of one article: a paragraph's own text or an item."""

    __slots__ = ("flat", "item", "kind", "paragraph", "text", "weight")

    def __init__(self, kind: str, paragraph: int | None, item: int | None, text: str, flat: str,
                 weight: float) -> None:
        self.kind, self.paragraph, self.item = kind, paragraph, item
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
    Always below _META_WEIGHT, so keywords and 条旨 stay the strongest evidence."""
    return 1.0 + 40.0 / (40.0 + length)


def _bigrams(s: str) -> set[str]:
    return {s[i : i + 2] for i in range(len(s) - 1)}


class SearchIndex:
    """Everything `search` needs, computed once per corpus (see `index_for`)."""

    def __init__(self, reg: Regulation) -> None:
        self.reg = reg
        self.docs: list[_Doc] = []
        for a in reg.articles:
            body: list[_Unit] = []
            for p in a.paragraphs:
                f = flat(p.text)
                body.append(_Unit(TEXT, p.number, None, p.text, f, _body_weight(len(f))))
                for i, item in enumerate(p.items, 1):
                    f = flat(item)
                    body.append(_Unit(ITEM, p.number, i, item, f, _body_weight(len(f))))
            meta = [f for f in (flat(t) for t in (a.summary, *a.keywords)) if f]
            parts = [(f, _META_WEIGHT) for f in meta]
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
        q = parse_query(query, self.position)
        scope = None if chapter is None else frozenset(
            i for i, d in enumerate(self.docs) if d.article.chapter == chapter)
        return [self._hit(*r) for r in self._rank(q, scope, limit)]

    def suggest(self, query: str, limit: int = 5) -> list[str]:
        """What to try instead when `query` finds nothing: with several terms, the ones that match
        on their own; otherwise the closest keywords and stretches of the text."""
        q = parse_query(query, self.position)
        scope = None
        terms = [t for t in (*q.phrases, *q.terms) if _content(t)]
        found = [t for t in terms if self._containing(t, scope)]
        out = list(found) if len(terms) > 1 else []
        from rapidfuzz import fuzz, process

        for t in terms:
            close = [w for w, _, _ in process.extract(t, self.vocabulary, scorer=fuzz.ratio, processor=flat,
                                                      limit=limit, score_cutoff=40)]
            out += close
            if not close and t not in found:
                out += self._near_windows(t)
        return list(dict.fromkeys(out))[:limit]

    # ------------------------------------------------------------ ranking

    def _containing(self, term: str, scope: Scope) -> list[int]:
        """Articles (positions, ascending) whose text, 条旨 or keywords contain `term`."""
        if not term or "\x00" in term:
            return []
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

    def _size(self, scope: Scope) -> int:
        return max(len(self.docs) if scope is None else len(scope), 1)

    @staticmethod
    def _idf(df: int, n: int) -> float:
        return math.log(1.0 + n / max(df, 1))

    @staticmethod
    def _exact_strength(doc: _Doc, term: str) -> float:
        """How well a verbatim occurrence of `term` speaks for `doc`: the weight of the best unit
        holding it (its first occurrence, see _Doc.flat), plus a little for repeats."""
        pos = doc.flat.find(term)
        if pos < 0:
            return 0.0
        if pos < len(doc.meta):
            best = _META_WEIGHT * _EQUAL_BONUS if term in doc.meta_words else _META_WEIGHT
        else:
            best = doc.weights[bisect_right(doc.starts, pos) - 1]
        tf = doc.flat.count(term)
        return best + (0.1 * (tf - 1) if tf < 4 else 0.3)

    def _rank(self, q: Query, scope: Scope, limit: int | None) -> list[tuple[int, float, str, tuple[str, ...]]]:
        """(doc index, score, match kind, probe words), best first, at most `limit` rows."""
        n = self._size(scope)
        # a term that is only question words (怎么办) is dropped, unless the text has it verbatim
        tokens = [(p, True) for p in q.phrases] + [
            (t, False) for t in q.terms if len(t) == 1 or self._containing(t, scope) or _content(t)]
        cited = not tokens and bool(q.refs)
        if cited:  # only article numbers: below the jumps, the articles that cite them
            tokens = [(flat(f"第{to_chinese(r)}条"), True) for r in q.refs]
        elif not tokens and q.bad_refs:  # 第99条: nothing to jump to, and the label occurs nowhere
            return []
        infos: list[_Term] = []
        for tok, strict in tokens:
            exact = self._containing(tok, scope)
            loose: dict[int, float] = {}
            probes: tuple[str, ...] = ()
            if not strict and (not exact or (len(exact) < _FEW_EXACT and len(tok) >= 3)):
                loose, probes = self._loose(tok, scope)
                loose = {i: v for i, v in loose.items() if i not in exact}
            infos.append(_Term(tok, set(exact), self._idf(len(exact), n), loose, probes))
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
        ranked = self._top(candidates, infos, limit)
        level = 1 if cited else len(infos)
        out = [(i, level - approx + raw / (raw + 3.0), "approximate" if approx else "exact",
                tuple(dict.fromkeys(p for t in infos for p in ((t.term,) if i in t.exact else t.probes))))
               for approx, raw, i in ranked]
        out.sort(key=lambda row: -row[1])  # stable: keeps the tie order, and best first means by score
        if jumps:
            top = math.floor(out[0][1]) + 1 if out else 1
            out = [(i, top + 0.9 - 0.001 * k, "article", ()) for k, i in enumerate(jumps)] + out
        return out if limit is None else out[:limit]

    def _top(self, candidates: set[int], infos: list[_Term], limit: int | None) -> list[tuple[int, float, int]]:
        """(loose count, raw score, doc) of the best `limit` candidates, best first.

        Articles are visited in the order of an upper bound on their score, and exact scores
        are computed only while an article could still enter the top `limit`: a common term
        in a large corpus touches thousands of articles, of which ten are shown."""
        docs = self.docs
        bounds: list[tuple[int, float, int]] = []
        if len(infos) == 1:  # the usual case, in bulk
            t = infos[0]
            bounds = [(0, -t.idf * (_MAX_META if t.term in docs[i].meta else docs[i].max_body), i)
                      for i in t.exact if i in candidates]
            bounds += [(1, -t.idf * s, i) for i, s in t.loose.items() if i in candidates]
            candidates = set()
        for i in candidates:
            d = docs[i]
            ub, approx = 0.0, 0
            for t in infos:
                if i in t.exact:
                    ub += t.idf * (_MAX_META if t.term in d.meta else d.max_body)
                elif i in t.loose:
                    ub += t.idf * t.loose[i]
                    approx += 1
            bounds.append((approx, -ub, i))
        bounds.sort()
        best: list[tuple[int, float, int]] = []  # max-heap (negated keys) of the best so far
        for approx, neg_ub, i in bounds:
            if limit is not None and len(best) >= limit:
                worst = best[0]
                if (-worst[0], -worst[1], -worst[2]) <= (approx, neg_ub, i):
                    break
            d = docs[i]
            raw = 0.0
            for t in infos:
                if i in t.exact:
                    raw += t.idf * self._exact_strength(d, t.term)
                elif i in t.loose:
                    raw += t.idf * t.loose[i]
            # summation order leaves noise in the last bits: equal scores must tie (and then
            # the lower article wins), or 第十七条 and 第二十条 swap places against their scores
            raw = round(raw, 9)
            key = (-approx, raw, -i)
            if limit is None or len(best) < limit:
                heapq.heappush(best, key)
            elif key > best[0]:
                heapq.heapreplace(best, key)
        return [(-a, raw, -j) for a, raw, j in sorted(best, reverse=True)]

    def _segments(self, token: str, scope: Scope) -> list[str]:
        """Content segments of a term that is not found verbatim: question words removed."""
        phrases, chars = _stop_patterns()
        out: list[str] = []
        for p in phrases.split(token):
            if len(p) >= 2 and self._containing(p, scope):
                out.append(p)
            else:
                out += [s for s in chars.split(p) if len(s) >= 2]
        return list(dict.fromkeys(out))

    def _loose(self, token: str, scope: Scope) -> tuple[dict[int, float], tuple[str, ...]]:
        """Articles matching `token` approximately → strength, and the words to highlight.
        Every content segment counts by its rarity; an article must cover _MIN_LOOSE of them."""
        n = self._size(scope)
        weights: list[float] = []
        matches: list[dict[int, float]] = []
        probes: list[str] = []
        for seg in [token] if self._containing(token, scope) else self._segments(token, scope):
            exact = self._containing(seg, scope) if seg != token else []
            if exact:
                w = self._idf(len(exact), n)
                m = {i: min(self._exact_strength(self.docs[i], seg) / _META_WEIGHT, 1.0) for i in exact}
                probes.append(seg)
            else:
                fuzzy, fixes = self._fuzzy(seg, scope, indel=seg != token or not self._containing(token, scope))
                w, m = self._soft(seg, scope, typo=bool(fixes))
                if m:
                    probes.append(seg)
                if fuzzy:
                    w = max(w, 0.5 * self._idf(1, n))
                    probes += [_WHOLE + f for f in fixes]
                for i, sim in fuzzy.items():
                    if sim > m.get(i, 0.0):
                        m[i] = sim
            if w > 0 and m:
                weights.append(w)
                matches.append(m)
        if not matches:
            return {}, ()
        total = sum(weights)
        if len(matches) == 1:
            scale = _META_WEIGHT * 0.8
            return {i: s * scale for i, s in matches[0].items() if s >= _MIN_LOOSE}, tuple(probes)
        out: dict[int, float] = {}
        for i in set().union(*matches):
            share = sum(w * m[i] for w, m in zip(weights, matches, strict=True) if i in m) / total
            if share >= _MIN_LOOSE:
                out[i] = share * _META_WEIGHT * 0.8
        return out, tuple(dict.fromkeys(probes))

    def _soft(self, seg: str, scope: Scope, typo: bool = False) -> tuple[float, dict[int, float]]:
        """Share of the segment's bigrams (weighted by rarity) that each article contains; the
        segment's weight is that of its rarest bigram. With `typo` (a near spelling of the
        whole segment exists), an article holding less than half the bigrams of a short
        segment does not count: 联系 of 联系会意 is the typo's remnant, not a word meant."""
        n = self._size(scope)
        known: list[tuple[str, float, list[int]]] = []
        grams = _bigrams(seg)
        for bg in grams:
            docs = self._containing(bg, scope)
            if docs:
                known.append((bg, self._idf(len(docs), n), docs))
        if not known:
            return 0.0, {}
        total = sum(w for _, w, _ in known)
        cover: dict[int, float] = {}
        for bg, w, docs in known:
            for i in docs:
                cover[i] = cover.get(i, 0.0) + (w * 1.3 if bg in self.docs[i].meta else w)
        # A short segment is one word: half of it (联系 of 联系会议) is no evidence. A long one
        # is several words run together, and most of them is enough.
        need = total * (0.99 if len(seg) <= 4 else 0.5)
        out = {i: min(0.8 * c / total, 1.0) for i, c in cover.items() if c >= need}
        if typo and len(seg) <= 4:
            out = {i: v for i, v in out.items()
                   if 2 * sum(bg in self.docs[i].flat for bg, _, _ in known) >= len(grams)}
        return max(w for _, w, _ in known), out

    def _fuzzy(self, seg: str, scope: Scope, indel: bool = True) -> tuple[dict[int, float], list[str]]:
        """Articles containing `seg` with one wrong character (two from six characters on), and
        the spellings found.

        First the spellings that do occur are found, then searched verbatim. Substitutions (the
        usual pinyin-IME typo: 联系 for 联席) come from the pigeonhole rule: of k+1 disjoint
        pieces of the term, one occurs intact. A missing or extra character in a keyword is
        found by rapidfuzz (when `indel` and no substitution fits: it is the slow path). Terms of
        two or three characters are corrected only towards the curated keywords and 条旨, since
        almost anything is one character away from them."""
        size = len(seg)
        if not 2 <= size <= 12:
            return {}, []
        k = 1 if size < 6 else 2
        fixes = self._spellings(seg, k, self._meta_text if size <= 3 else self._text)
        if not fixes and 4 <= size <= 5:  # two wrong in a short word: only towards curated terms
            fixes = self._spellings(seg, 2, self._meta_text)
        if size >= 4 and indel and not fixes:
            fixes = {w: (d, 0) for w, d in self._indel_fixes(seg, k).items()}
        out: dict[int, float] = {}
        used: list[str] = []
        # the likeliest spellings: fewest wrong characters, then the most frequent
        for w, (d, _) in sorted(fixes.items(), key=lambda x: x[1])[:_MAX_FIXES]:
            sim = 0.9 * (1.0 - d / size)
            used.append(w)
            for i in self._containing(w, scope):
                strength = sim * min(self._exact_strength(self.docs[i], w) / _META_WEIGHT, 1.1)
                if strength > out.get(i, 0.0):
                    out[i] = strength
        return out, used

    @staticmethod
    def _spellings(seg: str, k: int, hay: str) -> dict[str, tuple[int, int]]:
        """Stretches of `hay` as long as `seg` with 1..k different characters → (how many
        differ, minus how often the spelling occurs). Pigeonhole: of k+1 disjoint pieces of
        `seg`, one occurs intact in any such stretch, so only their occurrences are looked at."""
        size = len(seg)
        cut = [round(j * size / (k + 1)) for j in range(k + 2)]
        seen: dict[str, int] = {}  # spelling → occurrences
        for a, b in itertools.pairwise(cut):
            piece, budget = seg[a:b], 200_000
            pos = hay.find(piece)
            while pos >= 0 and budget:
                budget -= 1
                w = hay[pos - a : pos - a + size] if pos >= a else ""
                if w in seen:
                    seen[w] += 1
                elif len(w) == size and "\x00" not in w and "\x01" not in w:
                    seen[w] = 1
                pos = hay.find(piece, pos + 1)
        return {w: (d, -c) for w, c in seen.items() if 0 < (d := _hamming(w, seg)) <= k}

    def _indel_fixes(self, seg: str, k: int) -> dict[str, int]:
        """Keywords containing `seg` with a character missing or added (rapidfuzz)."""
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import Levenshtein

        size = len(seg)
        words = self._vocabulary_flat
        found: dict[str, int] = {}
        for word, _, _ in process.extract(seg, words, scorer=fuzz.partial_ratio,
                                          score_cutoff=100.0 * (1 - k / size) - 1, limit=8):
            al = fuzz.partial_ratio_alignment(seg, word)
            if al is None:
                continue
            a, b = al.dest_start, al.dest_end
            spans = {word[x:y] for x in range(a - k, a + k + 1) for y in range(b - k, b + k + 1)
                     if 0 <= x < y <= len(word)}
            d, w = min((Levenshtein.distance(seg, s), s) for s in spans)
            if 0 < d <= k and len(w) >= 2:
                found[w] = min(d, found.get(w, d))
        return found

    def _near_windows(self, term: str, limit: int = 3) -> list[str]:
        """Stretches of the text that differ least from `term` (for suggestions). Not for two
        characters: half of a two-character word matches countless unrelated ones."""
        size = len(term)
        if not 3 <= size <= 12:
            return []
        from rapidfuzz.distance import Levenshtein

        hay = self._text
        seen: set[str] = set()
        for c in set(term):
            pos, budget = hay.find(c), 20_000
            while pos >= 0 and budget:
                budget -= 1
                for s0 in range(max(0, pos - size + 1), pos + 1):
                    w = hay[s0 : s0 + size]
                    if len(w) == size and "\x00" not in w and "\x01" not in w:
                        seen.add(w)
                pos = hay.find(c, pos + 1)
        scored = sorted((Levenshtein.distance(term, w), w) for w in seen)
        return [w for d, w in scored[:limit] if d <= max(1, size // 2)]

    # ------------------------------------------------------------ presenting a hit

    def _hit(self, i: int, score: float, kind: str, probes: tuple[str, ...]) -> Hit:
        doc = self.docs[i]
        a = doc.article
        if kind == "article":
            return Hit(a.number, a.chapter, score, None, _window(doc.body[0].text, 0, 0), (), kind)
        words: list[str] = []
        for p in probes:
            if p.startswith(_WHOLE):  # a corrected spelling: highlighted only where it occurs whole
                words += [p[1:]] if p[1:] in doc.flat else []
            else:
                words += [p] if p in doc.flat else _runs(p, doc.flat)
        words = sorted(dict.fromkeys(words), key=len, reverse=True)
        words = [w for j, w in enumerate(words) if not any(w in longer for longer in words[:j])]
        unit = max(doc.body, key=lambda u: (sum(len(w) for w in words if w in u.flat), -doc.body.index(u)))
        if not any(w in unit.flat for w in words):  # keyword or 条旨 only: the paragraph sharing most
            grams = set().union(*map(_bigrams, words)) if words else set()
            unit = max(doc.body, key=lambda u: (len(grams & _bigrams(u.flat)), -doc.body.index(u)))
        spans = _spans(unit.text, words)
        matched = [unit.text[s:e] for s, e in spans]
        for w in words:  # matches in a keyword or the 条旨 are still worth reporting
            if w not in unit.flat:
                source = next((t for t in (a.summary, *a.keywords) if w in flat(t)), None)
                sp = _spans(source, [w]) if source else []
                matched.append(source[sp[0][0] : sp[0][1]] if sp and source else w)
        lo, hi = spans[0] if spans else (0, 0)
        prefix = f"（{to_chinese(unit.item)}）" if unit.item else ""
        return Hit(a.number, a.chapter, score, unit.paragraph, prefix + _window(unit.text, lo, hi),
                   tuple(dict.fromkeys(matched)), kind)


def _content(term: str) -> bool:
    """Whether anything is left of `term` once question words are removed (怎么办 → no)."""
    phrases, chars = _stop_patterns()
    return bool(chars.sub("", phrases.sub("", term)))


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


def _window(text: str, start: int, end: int) -> str:
    """At most SNIPPET_CHARS characters of `text` around [start, end), with … where cut."""
    if len(text) <= SNIPPET_CHARS:
        return text
    lo = max(0, min(start - 16, len(text) - SNIPPET_CHARS))
    hi = min(len(text), lo + SNIPPET_CHARS)
    return ("…" if lo > 0 else "") + text[lo:hi] + ("…" if hi < len(text) else "")


_indexes: dict[int, tuple[Regulation, SearchIndex]] = {}


def index_for(reg: Regulation) -> SearchIndex:
    """The index of `reg`, built on first use and kept for the life of the process."""
    entry = _indexes.get(id(reg))
    if entry is None or entry[0] is not reg:
        entry = (reg, SearchIndex(reg))
        _indexes[id(reg)] = entry
    return entry[1]


def search(reg: Regulation, query: str, *, chapter: int | None = None, limit: int | None = 10) -> list[Hit]:
    """Search `reg` for `query` (see the module docstring for the rules)."""
    return index_for(reg).search(query, chapter=chapter, limit=limit)


def _hamming(a: str, b: str) -> int:
    return sum(x != y for x, y in zip(a, b, strict=True))
