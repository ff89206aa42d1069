"""Drawing questions for one quiz or one paper, as an examiner would (docs/命题规范.md 四).

Never together: two questions of which one prints the other's answer (a cue pair), two of one
declared group, two on the same sentence of the text (bank.cues.KeepApart). Spread out: at most two
questions per article while the pool allows it, chapters in proportion to the questions they have.
For practice, questions not seen come first, then those seen longest ago: the spread rules choose
only among questions of the same freshness (bank.cues' clashes still rule out any), so a chapter's
share never brings back a question just answered while one not yet seen fits.

A paper's parts (single, multiple …) compete for the same sentences, so they are drawn together, the
part furthest behind taking the next question; and a question that shares its sentence with many
others is drawn with a weight to match (each sentence, not each question, has about the same chance),
which also leaves more questions that fit beside it.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from itertools import pairwise

from xuezhi.bank.cues import KeepApart
from xuezhi.bank.model import Question

PER_ARTICLE = 2  # questions on one article in a quiz or paper, while the pool allows


def chapter_quotas(sizes: Mapping[int, int], count: int, rng: random.Random) -> dict[int, int]:
    """`count` split over chapters in proportion to `sizes`: each chapter gets the whole part of its
    share, and the fractions are drawn so that every chapter gets its exact share on average (a
    chapter of 8 questions out of 350 is in a 10-question quiz about one time in four, not in all)."""
    total = sum(sizes.values())
    count = min(count, total)
    if not total:
        return {}
    shares = {k: count * n / total for k, n in sizes.items()}
    quota = {k: int(s) for k, s in shares.items()}
    keys = list(sizes)
    rng.shuffle(keys)
    left = count - sum(quota.values())
    point = rng.random()  # systematic sampling over the fractions, in a random chapter order
    acc = 0.0
    for k in keys:
        frac = shares[k] - quota[k]
        if left > 0 and point < acc + frac:
            quota[k] += 1
            left -= 1
            point += 1
        acc += frac
    for k in sorted(keys, key=lambda k: quota[k] - shares[k]):  # rounding left one over: the most behind
        if left <= 0:
            break
        quota[k] += 1
        left -= 1
    return quota


def _degrees(pool: Sequence[Question], apart: KeepApart | None) -> dict[str, int]:
    """How many others of the pool each question clashes with."""
    if apart is None:
        return {}
    ids = {q.id for q in pool}
    shared = Counter(m for q in pool for m in apart.marks.get(q.id, ()))
    return {q.id: sum(shared[m] - 1 for m in apart.marks.get(q.id, ())) + len(apart.cued.get(q.id, frozenset()) & ids)
            for q in pool}


def _order(pool: Sequence[Question], rng: random.Random, last_seen: Mapping[str, datetime] | None,
           degrees: Mapping[str, int]) -> list[Question]:
    """Unseen questions first, then the seen ones, longest ago first; within that, a random order in
    which a question clashing with d others comes up as if it had weight 1/(1+d)."""
    def key(q: Question) -> tuple:
        u = rng.random() ** (1 + degrees.get(q.id, 0))  # Efraimidis–Spirakis: u^(1/w), largest first
        seen = last_seen.get(q.id) if last_seen else None
        return (0, 0.0, -u) if seen is None else (1, seen.timestamp(), -u)

    keys = {q.id: key(q) for q in pool}  # one draw per question, in pool order: reproducible by seed
    return sorted(pool, key=lambda q: keys[q.id])


class _Paper:
    """What is on the quiz or paper so far: ids, clash marks, questions per article."""

    def __init__(self, apart: KeepApart | None, taken: Sequence[Question]) -> None:
        self.apart = apart
        self.ids: set[str] = set()
        self.marks: set[object] = set()
        self.per_article: Counter[int] = Counter()
        for q in taken:
            self.add(q)

    def fits(self, q: Question, cap: int | None) -> bool:
        if q.id in self.ids or (cap is not None and self.per_article[q.basis.article] >= cap):
            return False
        return self.apart is None or not self.apart.clashes(q.id, self.marks, self.ids)

    def add(self, q: Question) -> None:
        self.ids.add(q.id)
        self.per_article[q.basis.article] += 1
        if self.apart is not None:
            self.marks |= self.apart.marks.get(q.id, frozenset())


def draw_parts(wants: Sequence[tuple[Sequence[Question], int]], rng: random.Random, *,
               chapter_of: Callable[[Question], int] | None, apart: KeepApart | None = None,
               taken: Sequence[Question] = (), last_seen: Mapping[str, datetime] | None = None,
               ) -> list[list[Question]]:
    """For each (pool, count) up to `count` questions, none clashing with another or with `taken`
    (the questions already on the paper). When the pools cannot meet every rule, the chapter
    proportions are given up first, then two per article; the clashes never. With `last_seen` this
    is done tier by tier (_tiers), so a fresher question is never passed over for a spread rule."""
    orders = [_order(pool, rng, last_seen, _degrees(pool, apart)) for pool, _ in wants]
    quotas = [chapter_quotas(dict(sorted(Counter(map(chapter_of, pool)).items())), n, rng) if chapter_of else None
              for pool, n in wants]
    tiers = [_tiers(order, n, last_seen) for order, (_, n) in zip(orders, wants, strict=True)]
    paper = _Paper(apart, taken)
    chosen: list[list[Question]] = [[] for _ in wants]
    for level in range(max(map(len, tiers), default=0)):  # a tier's left-overs clash with what was chosen: never again
        spans = [t[level] if level < len(t) else (0, 0) for t in tiers]
        for relax in range(3):  # 0: chapter quotas and two per article; 1: two per article; 2: neither
            cap = None if relax == 2 else PER_ARTICLE
            cursor = [start for start, _ in spans]
            while True:
                active = [i for i, (_, n) in enumerate(wants) if len(chosen[i]) < n and cursor[i] < spans[i][1]]
                if not active:
                    break
                i = min(active, key=lambda i: len(chosen[i]) / wants[i][1])  # the part furthest behind
                q = orders[i][cursor[i]]
                cursor[i] += 1
                quota = quotas[i] if relax == 0 else None
                if (quota is not None and chapter_of is not None and quota.get(chapter_of(q), 0) <= 0) \
                        or not paper.fits(q, cap):
                    continue
                paper.add(q)
                chosen[i].append(q)
                if quota is not None and chapter_of is not None:
                    quota[chapter_of(q)] -= 1
    return chosen


def _tiers(order: Sequence[Question], count: int, last_seen: Mapping[str, datetime] | None) -> list[tuple[int, int]]:
    """Spans of `order` (unseen first, then longest ago) that the spread rules may reorder: the
    questions not seen, then the seen ones in batches of `count`. Without progress, the whole pool."""
    unseen = sum(1 for q in order if (last_seen.get(q.id) if last_seen else None) is None)
    bounds = [0, unseen, *range(unseen + max(count, 1), len(order), max(count, 1)), len(order)]
    return [(a, b) for a, b in pairwise(bounds) if b > a]


def draw(pool: Sequence[Question], count: int, rng: random.Random, *, chapter_of: Callable[[Question], int] | None,
         apart: KeepApart | None = None, taken: Sequence[Question] = (),
         last_seen: Mapping[str, datetime] | None = None) -> list[Question]:
    """Up to `count` questions of one pool (draw_parts with one part)."""
    return draw_parts([(pool, count)], rng, chapter_of=chapter_of, apart=apart, taken=taken, last_seen=last_seen)[0]
