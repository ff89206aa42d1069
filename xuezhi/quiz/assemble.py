"""Assembling a paper: draw each variant's questions from the bank by the blueprint, or take the
whole bank; the same seed and bank always give the same paper (see quiz.paper)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace

from xuezhi.bank.grading import Presentation
from xuezhi.bank.model import Question, QuestionBank
from xuezhi.errors import XuezhiError
from xuezhi.quiz.paper import (
    ANY,
    DEFAULT_MINUTES,
    MAX_VARIANTS,
    SECTION_NAMES,
    TYPE_ORDER,
    VARIANT_NAMES,
    Item,
    Paper,
    Part,
    Section,
    Variant,
    _syntax_error,
    describe_filters,
    points_text,
    resolve_blueprint,
)
from xuezhi.quiz.select import DEFAULT_POINTS, Filters, TooFewApart, eligible, present, select_parts
from xuezhi.text.corpus import Regulation


def _rng(seed: int, *what: object) -> random.Random:
    return random.Random(":".join(map(str, (seed, *what))))


def _shortage(bank: QuestionBank, reg: Regulation, parts: Sequence[Part], f: Filters) -> str | None:
    short = []
    for p in parts:
        have = len(eligible(bank, reg, replace(f, types=(p.type,))))
        if have < p.count:
            hint = f"（可改为 {p.type}:{have}x{points_text(p.points)}）" if have else ""
            short.append(f"{p.type.label}只有 {have} 道，蓝图要求 {p.count} 道{hint}")
    if not short:
        return None
    where = describe_filters(f)
    scope = f"符合条件（{where}）的" if where else "题库中"
    return (f"题库不够组卷：{scope}{'；'.join(short)}。"
            "请减少题数或放宽 --chapter、--article、--difficulty、--tag 等条件。")


def _apart_shortage(bank: QuestionBank, reg: Regulation, parts: Sequence[Part], f: Filters, seed: int) -> str:
    """Why the paper cannot be drawn: how many of the matching questions fit on one paper, about."""
    pool = [q for q in eligible(bank, reg, f) if q.type in {p.type for p in parts}]
    wanted = sum(p.count for p in parts)
    fit = len(select_parts(bank, reg, [(pool, wanted)], seed, balanced=not f.articles, strict=False)[0])
    where = describe_filters(f)
    scope = f"符合条件（{where}）的" if where else "题库中的"
    return (f"题库不够组卷：{scope} {len(pool)} 道题中，能放在同一张卷子上的（互不提示答案、同一句原文只出一道）"
            f"约 {fit} 道，蓝图共要求 {wanted} 道。请减少题数（--blueprint）或放宽 --chapter、--article、"
            "--difficulty、--tag 等条件。")


def _differs(order: list, before: list) -> list:
    """`order`, rotated by one if it happens to equal `before` (a reused part must look different)."""
    return order[1:] + order[:1] if order == before and len(order) > 1 else order


def _draw_variant(bank: QuestionBank, reg: Regulation, parts: Sequence[Part], filters: Filters, seed: int,
                  key: str, used: set[str], first: dict[int, list[Item]] | None,
                  ) -> tuple[dict[int, list[Question]], dict[int, int]]:
    """The questions of one variant per part, all drawn together so that none clashes with another
    on the paper (quiz.draw). A later variant (`first`: the A卷's items) reuses the A卷's questions
    of a part when too few others are left — with the number of unused ones, for the warning."""
    reuse: dict[int, int] = {}
    if first is not None:
        for index, part in enumerate(parts):
            fresh = len(eligible(bank, reg, replace(filters, types=(part.type,)), exclude=used))
            if fresh < part.count:
                reuse[index] = fresh
    while True:
        taken = [i.question for index in reuse for i in first[index]] if first is not None else []
        drawing = [index for index in range(len(parts)) if index not in reuse]
        wants = [(eligible(bank, reg, replace(filters, types=(parts[i].type,)), exclude=used), parts[i].count)
                 for i in drawing]
        try:
            got = select_parts(bank, reg, wants, _rng(seed, key, "draw").randrange(2**32),
                               balanced=not filters.articles, taken=taken)
            return dict(zip(drawing, got, strict=True)), reuse
        except TooFewApart as e:
            index = drawing[e.part]
            if first is None:
                raise XuezhiError(_apart_shortage(bank, reg, parts, filters, seed)) from None
            reuse[index] = len(wants[e.part][0])  # too few beside the rest: keep the A卷's, draw the rest again


def _reused(before: list[Item], seed: int, key: str, part: Part, option_rng: random.Random,
            number: int) -> list[Item]:
    """The A卷's items of a part in another order, each with another option order."""
    order = list(range(len(before)))
    _rng(seed, key, part.type, "reuse").shuffle(order)
    order = _differs(order, list(range(len(before))))
    items = []
    for k in order:
        old = before[k]
        opts = list(range(len(old.question.options)))
        option_rng.shuffle(opts)
        opts = _differs(opts, list(old.presentation.order))
        items.append(Item(number, Presentation(old.question, tuple(opts)), part.points, old.chapter))
        number += 1
    return items


def assemble(bank: QuestionBank, reg: Regulation, blueprint: Sequence[Part] | None = None,
             filters: Filters = ANY, *, seed: int | None = None, variants: int = 1,
             title: str | None = None, unit: str | None = None, minutes: int | None = DEFAULT_MINUTES,
             shuffle_options: bool = True) -> Paper:
    """Draw a paper. Variant B gets other questions where the bank allows, per question type;
    where it does not, the same questions in another order with other option orders."""
    if not 1 <= variants <= MAX_VARIANTS:
        last = VARIANT_NAMES[MAX_VARIANTS - 1]
        raise XuezhiError(f"--variants 应为 1–{MAX_VARIANTS}（A卷–{last}卷），实际是 {variants}。")
    parts = tuple(blueprint) if blueprint is not None else resolve_blueprint(None, filters.types)
    if not parts:
        raise _syntax_error("蓝图中没有题型")
    problem = _shortage(bank, reg, parts, filters)
    if problem:
        raise XuezhiError(problem)
    if seed is None:
        seed = random.SystemRandom().randrange(1, 1_000_000)
    used: set[str] = set()
    first: dict[int, list[Item]] = {}
    out: list[Variant] = []
    warnings: list[str] = []
    for v in range(variants):
        name = VARIANT_NAMES[v] if variants > 1 else ""
        key = VARIANT_NAMES[v]  # a one-variant paper is the A卷 of the same seed with --variants 2
        drawn, reuse = _draw_variant(bank, reg, parts, filters, seed, key, used, first if v else None)
        option_rng = _rng(seed, key, "options")
        sections: list[Section] = []
        number = 1
        for index, part in enumerate(parts):
            items: list[Item] = []
            if index in drawn:
                for q in drawn[index]:
                    p = present(q, option_rng, shuffle_options)
                    items.append(Item(number, p, part.points, bank.chapter_of(q, reg)))
                    number += 1
            else:
                items = _reused(first[index], seed, key, part, option_rng, number)
                number += len(items)
                warnings.append(f"{name}卷的{SECTION_NAMES[part.type]}与 A卷题目相同（符合条件的题目不够另选 "
                                f"{part.count} 道，未用的只剩 {reuse[index]} 道），已打乱题序和选项顺序。")
            if v == 0:
                first[index] = items
            used.update(i.question.id for i in items)
            sections.append(Section(index, part, tuple(items)))
        out.append(Variant(name, tuple(sections), tuple(parts[i].type for i in sorted(reuse))))
    return Paper(title or default_title(reg), unit, minutes, seed, tuple(parts), filters, tuple(out),
                 {c.number: c.title for c in reg.chapters}, reg.title or "信访工作条例", False, tuple(warnings))


def whole_bank(bank: QuestionBank, reg: Regulation, filters: Filters = ANY, *, title: str | None = None,
               unit: str | None = None, minutes: int | None = None, seed: int | None = None,
               shuffle_options: bool = True) -> Paper:
    """Every eligible question, in bank order, grouped by type: for keeping the bank in a spreadsheet,
    importing it into Moodle or studying it in Anki. The options are shuffled with the seed (the key
    letters then mean nothing: in bank order, a deck or an Excel bank would teach where the key
    sits), unless `shuffle_options` is False (--keep-order)."""
    if shuffle_options and seed is None:
        seed = random.SystemRandom().randrange(1, 1_000_000)
    option_rng = _rng(seed, "all", "options") if shuffle_options else random.Random(0)
    pool = eligible(bank, reg, filters)
    if not pool:
        where = describe_filters(filters)
        raise XuezhiError(f"没有符合条件{('（' + where + '）') if where else ''}的题目，请放宽筛选条件。")
    sections: list[Section] = []
    parts: list[Part] = []
    number = 1
    for qtype in TYPE_ORDER:
        qs = [q for q in pool if q.type is qtype]
        if not qs:
            continue
        part = Part(qtype, len(qs), float(DEFAULT_POINTS[qtype]))
        items = []
        for q in qs:
            items.append(Item(number, present(q, option_rng, shuffle=shuffle_options), part.points,
                              bank.chapter_of(q, reg)))
            number += 1
        parts.append(part)
        sections.append(Section(len(sections), part, tuple(items)))
    return Paper(title or f"《{reg.title or '信访工作条例'}》题库", unit, minutes, seed if shuffle_options else None,
                 tuple(parts), filters,
                 (Variant("", tuple(sections)),), {c.number: c.title for c in reg.chapters},
                 reg.title or "信访工作条例", True)


def make_paper(reg: Regulation, bank: QuestionBank, filters: Filters = ANY, *, blueprint: str | None = None,
               variants: int = 1, whole: bool = False, seed: int | None = None, title: str | None = None,
               unit: str | None = None, minutes: int | None = DEFAULT_MINUTES, keep_order: bool = False) -> Paper:
    """The paper `xuezhi export` asks for, from its option values; `keep_order`: options as in the bank."""
    if minutes is not None and not 1 <= minutes <= 600:
        raise XuezhiError(f"--minutes 应为 1–600 分钟，实际是 {minutes}。")
    if whole:
        if blueprint is not None or variants != 1:
            raise XuezhiError("--all 导出全部符合条件的题目，不能与 --blueprint、--variants 同时使用。")
        return whole_bank(bank, reg, filters, title=title, unit=unit, minutes=minutes, seed=seed,
                          shuffle_options=not keep_order)
    parts = resolve_blueprint(blueprint, filters.types)
    return assemble(bank, reg, parts, filters, seed=seed, variants=variants, title=title, unit=unit, minutes=minutes,
                    shuffle_options=not keep_order)


def summary_rows(paper: Paper) -> list[tuple[str, int, str, str]]:
    """(题型, 题数, 每题分值, 小计) per part of the blueprint, as the CLI prints them."""
    v = paper.variants[0]
    return [(s.name, len(s.items), points_text(s.part.points), points_text(s.total)) for s in v.sections]


def default_title(reg: Regulation) -> str:
    return f"《{reg.title or '信访工作条例'}》知识测试卷"
