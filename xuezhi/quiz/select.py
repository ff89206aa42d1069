"""Choosing questions: the quiz filters, the eligible pool, a sample balanced across types and
chapters, and the shuffled presentation of one question."""

from __future__ import annotations

import random
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from xuezhi.bank.cues import keep_apart
from xuezhi.bank.grading import Presentation
from xuezhi.bank.model import QType, Question, QuestionBank
from xuezhi.errors import XuezhiError
from xuezhi.quiz.draw import draw_parts
from xuezhi.text.corpus import Regulation

DEFAULT_POINTS = {QType.SINGLE: 2, QType.MULTIPLE: 3, QType.JUDGE: 1, QType.BLANK: 2}
ATTEMPTS = 12  # draws tried when the questions that may sit together are barely enough


@dataclass(frozen=True)
class Filters:
    """Which questions are eligible. Empty collections mean 'any'."""

    types: Collection[QType] = ()
    chapters: Collection[int] = ()
    articles: Collection[int] = ()
    difficulty: Collection[int] = ()
    tags: Collection[str] = ()

    def describe(self) -> dict:
        return {k: sorted(map(str, v)) for k, v in (
            ("types", self.types), ("chapters", self.chapters), ("articles", self.articles),
            ("difficulty", self.difficulty), ("tags", self.tags)) if v}


class TooFewApart(XuezhiError):
    """Enough questions match, but not enough of them may sit together (quiz.draw)."""

    def __init__(self, matching: int, fit: int, wanted: int, part: int = 0) -> None:
        super().__init__(f"符合条件的 {matching} 道题中，能放在同一张卷子上而不互相提示、不重复考同一句原文的只有 "
                         f"{fit} 道，不足 {wanted} 道。")
        self.fit, self.part = fit, part


def eligible(bank: QuestionBank, reg: Regulation, f: Filters, exclude: Collection[str] = ()) -> list[Question]:
    out = []
    for q in bank.questions:
        if q.id in exclude:
            continue
        if f.types and q.type not in f.types:
            continue
        if f.articles and q.basis.article not in f.articles:
            continue
        if f.chapters and bank.chapter_of(q, reg) not in f.chapters:
            continue
        if f.difficulty and q.difficulty not in f.difficulty:
            continue
        if f.tags and not set(f.tags) & set(q.tags):
            continue
        out.append(q)
    return out


def select_questions(bank: QuestionBank, reg: Regulation, count: int, filters: Filters = Filters(),
                     seed: int | None = None, exclude: Collection[str] = (), balanced: bool = True,
                     strict: bool = False, *, taken: Sequence[Question] = (),
                     last_seen: Mapping[str, datetime] | None = None) -> list[Question]:
    """Draw up to `count` distinct questions that may sit together (quiz.draw): no cue pair, group or
    sentence twice, two per article at most while the pool allows, chapters in proportion unless
    `balanced` is off (challenge) or articles were chosen. `taken`: questions already on the same
    paper; `last_seen`: when each question was last answered (progress), for practice to prefer
    questions not seen, or not seen recently. `strict` raises when fewer than `count` can be drawn."""
    if count < 1:
        raise XuezhiError("题目数量至少为 1。")
    pool = eligible(bank, reg, filters, exclude)
    if not pool:
        raise XuezhiError("没有符合条件的题目，请放宽 --type、--chapter、--article、--difficulty 等条件。")
    if strict and len(pool) < count:
        raise XuezhiError(f"符合条件的题目只有 {len(pool)} 道，不足 {count} 道。")
    return select_parts(bank, reg, [(pool, count)], seed, balanced=balanced and not filters.articles,
                        strict=strict, taken=taken, last_seen=last_seen)[0]


def select_parts(bank: QuestionBank, reg: Regulation, wants: Sequence[tuple[Sequence[Question], int]],
                 seed: int | None, *, balanced: bool = True, strict: bool = True, taken: Sequence[Question] = (),
                 last_seen: Mapping[str, datetime] | None = None) -> list[list[Question]]:
    """The parts of a paper (pool, count) drawn together, so that no question of one part clashes
    with one of another (quiz.draw); a tight pool is drawn a few times over, keeping the fullest.
    `strict`: TooFewApart (with the part) when a part cannot be filled."""
    rng = random.Random(seed)
    chapter_of = (lambda q: bank.chapter_of(q, reg)) if balanced else None
    apart = keep_apart(bank, reg)
    best: list[list[Question]] = []
    best_short = None
    enough = all(len(pool) >= n for pool, n in wants)
    for _ in range(ATTEMPTS if enough else 1):  # the questions that may sit together barely enough: try again
        got = draw_parts(wants, rng, chapter_of=chapter_of, apart=apart, taken=taken, last_seen=last_seen)
        short = sum(max(0, n - len(g)) for g, (_, n) in zip(got, wants, strict=True))
        if best_short is None or short < best_short:
            best, best_short = got, short
        if not short:
            break
    if strict and best_short:
        part = next(i for i, (g, (_, n)) in enumerate(zip(best, wants, strict=True)) if len(g) < n)
        raise TooFewApart(len(wants[part][0]), len(best[part]), wants[part][1], part)
    if balanced:
        for g in best:
            rng.shuffle(g)
    return best


def present(q: Question, rng: random.Random, shuffle: bool = True) -> Presentation:
    order = list(range(len(q.options)))
    if shuffle:
        rng.shuffle(order)
    return Presentation(q, tuple(order))


def _split(values: Iterable[str] | None) -> list[str]:
    return [v for raw in values or () for v in re.split(r"[,，、\s]+", raw.strip()) if v]


def parse_filters(reg: Regulation, types: Iterable[str] | None = None, chapters: Iterable[str] | None = None,
                  articles: Iterable[str] | None = None, difficulty: Iterable[str] | None = None,
                  tags: Iterable[str] | None = None) -> Filters:
    """Filters from what a user typed (--type single,judge --chapter 3 --article 17-20 …)."""
    from xuezhi.bank.model import TYPE_ALIASES
    from xuezhi.text.refs import parse_article_refs, parse_chapter_number

    for option, given in (("--type", types), ("--chapter", chapters), ("--article", articles),
                          ("--difficulty", difficulty), ("--tag", tags)):
        if given is not None and list(given) and not _split(given):  # --type '' is not "no filter"
            raise XuezhiError(f"{option} 的值是空的：请写上要筛选的内容，或去掉 {option}。")
    qtypes = []
    for t in _split(types):
        if t.lower() not in TYPE_ALIASES and t not in TYPE_ALIASES:
            raise XuezhiError(f"未知题型“{t}”：可选 single（单选）、multiple（多选）、judge（判断）、blank（填空）。")
        qtypes.append(TYPE_ALIASES.get(t.lower(), TYPE_ALIASES.get(t)))
    chapter_numbers = [c.number for c in reg.chapters]
    chs = [parse_chapter_number(c, chapter_numbers) for c in _split(chapters)]
    arts = parse_article_refs(_split(articles), [a.number for a in reg.articles]) if _split(articles) else []
    diffs: list[int] = []
    for d in _split(difficulty):
        m = re.fullmatch(r"([123])(?:-([123]))?", d)
        if not m:
            raise XuezhiError(f"难度“{d}”无效：请写 1、2、3 或范围如 1-2。")
        lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
        if lo > hi:
            raise XuezhiError(f"难度范围“{d}”起点大于终点，请写成 {hi}-{lo}。")
        diffs += range(lo, hi + 1)
    return Filters(tuple(qtypes), tuple(chs), tuple(arts), tuple(sorted(set(diffs))), tuple(_split(tags)))
