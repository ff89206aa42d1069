"""Choosing questions: the quiz filters, the eligible pool, a sample balanced across types and
chapters, and the shuffled presentation of one question."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from xuezhi.bank.grading import Presentation
from xuezhi.bank.model import QType, Question, QuestionBank
from xuezhi.errors import XuezhiError
from xuezhi.text.corpus import Regulation

DEFAULT_POINTS = {QType.SINGLE: 2, QType.MULTIPLE: 3, QType.JUDGE: 1, QType.BLANK: 2}


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


def balanced_sample(pool: list[Question], count: int, rng: random.Random,
                    group: Callable[[Question], int]) -> list[Question]:
    """`count` questions spread over groups (chapters) in proportion to what each offers.

    Every group with questions gets at least one when `count` allows, so a short quiz
    still touches every chapter instead of drawing five questions from chapter 3.
    """
    groups: dict[int, list[Question]] = {}
    for q in pool:
        groups.setdefault(group(q), []).append(q)
    for qs in groups.values():
        rng.shuffle(qs)
    keys = sorted(groups)
    count = min(count, len(pool))
    quota = dict.fromkeys(keys, 0)
    if count >= len(keys):
        for k in keys:
            quota[k] = 1
    remaining = count - sum(quota.values())
    if remaining > 0:
        total = sum(len(groups[k]) - quota[k] for k in keys)
        shares = {k: remaining * (len(groups[k]) - quota[k]) / total for k in keys}
        for k in keys:
            quota[k] += int(shares[k])
        left = count - sum(quota.values())
        by_remainder = sorted(keys, key=lambda k: (shares[k] - int(shares[k]), rng.random()), reverse=True)
        for k in by_remainder:
            if left <= 0:
                break
            if quota[k] < len(groups[k]):
                quota[k] += 1
                left -= 1
    elif count < len(keys):
        for k in rng.sample(keys, count):
            quota[k] = 1
    chosen = [q for k in keys for q in groups[k][: quota[k]]]
    # Top up if some group ran dry (its share exceeded what it holds).
    if len(chosen) < count:
        rest = [q for k in keys for q in groups[k][quota[k]:]]
        chosen += rest[: count - len(chosen)]
    rng.shuffle(chosen)
    return chosen


def select_questions(bank: QuestionBank, reg: Regulation, count: int, filters: Filters = Filters(),
                     seed: int | None = None, exclude: Collection[str] = (), balanced: bool = True,
                     strict: bool = False) -> list[Question]:
    """Draw up to `count` distinct questions; `strict` raises when fewer are available."""
    if count < 1:
        raise XuezhiError("题目数量至少为 1。")
    pool = eligible(bank, reg, filters, exclude)
    if not pool:
        raise XuezhiError("没有符合条件的题目，请放宽 --type、--chapter、--article、--difficulty 等条件。")
    if strict and len(pool) < count:
        raise XuezhiError(f"符合条件的题目只有 {len(pool)} 道，不足 {count} 道。")
    rng = random.Random(seed)
    if balanced and not filters.articles:
        return balanced_sample(pool, count, rng, lambda q: bank.chapter_of(q, reg))
    rng.shuffle(pool)
    return pool[:count]


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
