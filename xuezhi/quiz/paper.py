"""Paper assembly (组卷): a blueprint, the quiz filters and a seed give one or more variants.

Pure: no files, no terminal. Every export format renders the Paper built here, so the
docx, the answer key, the spreadsheet and the JSON of one run always hold the same
questions in the same order with the same option permutation.

Determinism: every random choice draws from a generator seeded with a string made of
the paper's seed and what is being drawn (variant, question type), so the same seed and
the same bank always give the same paper, on any machine and any Python 3.11+.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from .bank import BLANK_MARKS, TYPE_ALIASES, QType, Question, QuestionBank
from .corpus import Regulation
from .errors import XuezhiError
from .grading import Presentation
from .numerals import to_chinese
from .quiz import DEFAULT_POINTS, Filters, eligible, present, select_questions

DEFAULT_BLUEPRINT = "single:20x2,multiple:10x3,judge:10x1,blank:10x2"
BLUEPRINT_SYNTAX = (
    "蓝图格式为“题型:题数x每题分值”，多个题型用逗号分隔，例如 "
    f"--blueprint \"{DEFAULT_BLUEPRINT}\"（共 100 分）；"
    "题型可写 single/multiple/judge/blank 或 单选/多选/判断/填空，分值可省略（默认单选2、多选3、判断1、填空2）"
)
TYPE_ORDER = (QType.SINGLE, QType.MULTIPLE, QType.JUDGE, QType.BLANK)
SECTION_NAMES = {QType.SINGLE: "单项选择题", QType.MULTIPLE: "多项选择题", QType.JUDGE: "判断题",
                 QType.BLANK: "填空题"}
DEFAULT_MINUTES = 60
MAX_VARIANTS = 6  # A卷–F卷
VARIANT_NAMES = "ABCDEF"
ANY = Filters()


def number(p: float) -> int | float:
    """2.0 → 2 for JSON and spreadsheets; 1.5 stays 1.5."""
    return int(p) if float(p).is_integer() else p


def points_text(p: float) -> str:
    """2.0 → '2', 1.5 → '1.5' (as printed on a paper)."""
    return str(int(p)) if float(p).is_integer() else f"{p:g}"


# ---------------------------------------------------------------- blueprint

@dataclass(frozen=True)
class Part:
    """One line of the blueprint: `count` questions of `type`, `points` each."""

    type: QType
    count: int
    points: float

    @property
    def total(self) -> float:
        return self.count * self.points

    def spec(self) -> str:
        return f"{self.type}:{self.count}x{points_text(self.points)}"


# single:20x2, 单选：20×2, 单选20x2 (the colon may be left out), judge:10 (default points)
_PART = re.compile(r"^(?P<type>[^:：\s\d]+)\s*[:：]?\s*(?P<count>\d+)\s*(?:[xX×*]\s*(?P<points>\d+(?:\.\d+)?))?$")


def _syntax_error(detail: str) -> XuezhiError:
    return XuezhiError(f"{detail}。{BLUEPRINT_SYNTAX}。")


def parse_blueprint(text: str) -> tuple[Part, ...]:
    """`single:20x2,multiple:10x3` → Parts; a malformed text raises with the syntax and an example."""
    pieces = [p.strip() for p in re.split(r"[,，;；、]", text or "")]
    if not any(pieces):
        raise _syntax_error("蓝图为空")
    parts: list[Part] = []
    for piece in pieces:
        if not piece:
            continue
        m = _PART.match(piece)
        if not m:
            raise _syntax_error(f"无法识别蓝图中的“{piece}”")
        qtype = TYPE_ALIASES.get(m["type"].lower())
        if qtype is None:
            raise _syntax_error(f"蓝图中的题型“{m['type']}”无法识别")
        count = int(m["count"])
        points = float(m["points"]) if m["points"] else float(DEFAULT_POINTS[qtype])
        if count < 1:
            raise _syntax_error(f"“{piece}”的题数应至少为 1")
        if points <= 0 or points > 100 or points * 2 != int(points * 2):
            raise _syntax_error(f"“{piece}”的每题分值应为 0.5 的整数倍，大于 0 且不超过 100")
        if any(p.type is qtype for p in parts):
            raise _syntax_error(f"蓝图中{qtype.label}出现了两次")
        parts.append(Part(qtype, count, points))
    return tuple(parts)


def resolve_blueprint(text: str | None, types: Iterable[QType] = ()) -> tuple[Part, ...]:
    """The blueprint to use: the given one, or the default limited to `--type`."""
    types = set(types)
    if text is None:
        parts = tuple(p for p in parse_blueprint(DEFAULT_BLUEPRINT) if not types or p.type in types)
        return parts
    parts = parse_blueprint(text)
    outside = [p.type.label for p in parts if types and p.type not in types]
    if outside:
        raise XuezhiError(f"蓝图中的{'、'.join(outside)}不在 --type 所选题型之内；请去掉 --type 或调整蓝图。")
    return parts


# ---------------------------------------------------------------- filters

def describe_filters(f: Filters) -> str:
    """'第六章、难度3' — how the filters read in a message; '' when there are none."""
    bits: list[str] = []
    if f.chapters:
        bits.append("、".join(f"第{to_chinese(c)}章" for c in f.chapters))
    if f.articles:
        bits.append("、".join(f"第{to_chinese(a)}条" for a in f.articles))
    if f.difficulty:
        bits.append("难度" + "、".join(map(str, f.difficulty)))
    if f.tags:
        bits.append("标签" + "、".join(f"“{t}”" for t in f.tags))
    return "，".join(bits)


# ---------------------------------------------------------------- the paper

@dataclass(frozen=True)
class Item:
    """One question as printed: its number on the paper, option order and points."""

    number: int
    presentation: Presentation
    points: float
    chapter: int

    @property
    def question(self) -> Question:
        return self.presentation.question

    @property
    def options(self) -> list[str]:
        return self.presentation.options

    def answer_letters(self) -> str:
        """Choice questions: the correct letters as printed on this paper (after shuffling)."""
        return self.presentation.correct_letters()


@dataclass(frozen=True)
class Section:
    index: int  # 0-based position on the paper: 一、二、…
    part: Part
    items: tuple[Item, ...]

    @property
    def type(self) -> QType:
        return self.part.type

    @property
    def name(self) -> str:
        return SECTION_NAMES[self.part.type]

    @property
    def total(self) -> float:
        return sum(i.points for i in self.items)

    @property
    def numeral(self) -> str:
        return to_chinese(self.index + 1)

    @property
    def heading(self) -> str:
        """一、单项选择题（每题2分，共40分）"""
        return (f"{self.numeral}、{self.name}（每题{points_text(self.part.points)}分，"
                f"共{points_text(self.total)}分）")


@dataclass(frozen=True)
class Variant:
    name: str  # "A", "B", … or "" when the paper has one variant
    sections: tuple[Section, ...]
    reused: tuple[QType, ...] = ()  # types whose questions repeat an earlier variant's

    @property
    def label(self) -> str:
        return f"{self.name}卷" if self.name else ""

    @property
    def items(self) -> list[Item]:
        return [i for s in self.sections for i in s.items]

    @property
    def total(self) -> float:
        return sum(s.total for s in self.sections)


@dataclass(frozen=True)
class Paper:
    title: str
    unit: str | None
    minutes: int | None
    seed: int | None  # None for a whole-bank export (nothing was drawn)
    blueprint: tuple[Part, ...]
    filters: Filters
    variants: tuple[Variant, ...]
    chapters: dict[int, str] = field(default_factory=dict)  # number → title, for categories and decks
    regulation: str = "信访工作条例"
    whole_bank: bool = False
    warnings: tuple[str, ...] = ()

    @property
    def total(self) -> float:
        return self.variants[0].total

    def questions(self) -> list[Question]:
        """Every distinct question on any variant, in the order of first appearance."""
        seen: dict[str, Question] = {}
        for v in self.variants:
            for i in v.items:
                seen.setdefault(i.question.id, i.question)
        return list(seen.values())

    def variant_title(self, v: Variant) -> str:
        return f"{self.title}（{v.label}）" if v.label else self.title

    def chapter_label(self, number: int) -> str:
        title = self.chapters.get(number, "")
        return f"第{to_chinese(number)}章" + (f" {title}" if title else "") if number else "其他"


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


def _differs(order: list, before: list) -> list:
    """`order`, rotated by one if it happens to equal `before` (a reused part must look different)."""
    return order[1:] + order[:1] if order == before and len(order) > 1 else order


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
    first: dict[QType, list[Item]] = {}
    out: list[Variant] = []
    warnings: list[str] = []
    for v in range(variants):
        name = VARIANT_NAMES[v] if variants > 1 else ""
        key = VARIANT_NAMES[v]  # a one-variant paper is the A卷 of the same seed with --variants 2
        option_rng = _rng(seed, key, "options")
        sections: list[Section] = []
        reused: list[QType] = []
        number = 1
        for index, part in enumerate(parts):
            f = replace(filters, types=(part.type,))
            fresh = len(eligible(bank, reg, f, exclude=used))
            items: list[Item] = []
            if v == 0 or fresh >= part.count:
                qs = select_questions(bank, reg, part.count, f, seed=_rng(seed, key, part.type).randrange(2**32),
                                      exclude=used, strict=True)
                for q in qs:
                    p = present(q, option_rng, shuffle_options)
                    items.append(Item(number, p, part.points, bank.chapter_of(q, reg)))
                    number += 1
            else:
                reused.append(part.type)
                before = first[part.type]
                order = list(range(len(before)))
                _rng(seed, key, part.type, "reuse").shuffle(order)
                order = _differs(order, list(range(len(before))))
                for k in order:
                    old = before[k]
                    opts = list(range(len(old.question.options)))
                    option_rng.shuffle(opts)
                    opts = _differs(opts, list(old.presentation.order))
                    items.append(Item(number, Presentation(old.question, tuple(opts)), part.points, old.chapter))
                    number += 1
                warnings.append(f"{name}卷的{SECTION_NAMES[part.type]}与 A卷题目相同（符合条件的题目不够另选 "
                                f"{part.count} 道，未用的只剩 {fresh} 道），已打乱题序和选项顺序。")
            if v == 0:
                first[part.type] = items
            used.update(i.question.id for i in items)
            sections.append(Section(index, part, tuple(items)))
        out.append(Variant(name, tuple(sections), tuple(reused)))
    return Paper(title or default_title(reg), unit, minutes, seed, tuple(parts), filters, tuple(out),
                 {c.number: c.title for c in reg.chapters}, reg.title or "信访工作条例", False, tuple(warnings))


def whole_bank(bank: QuestionBank, reg: Regulation, filters: Filters = ANY, *, title: str | None = None,
               unit: str | None = None, minutes: int | None = None) -> Paper:
    """Every eligible question, in bank order, options unshuffled, grouped by type: for keeping
    the bank in a spreadsheet, importing it into Moodle or studying it in Anki."""
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
            items.append(Item(number, present(q, random.Random(0), shuffle=False), part.points,
                              bank.chapter_of(q, reg)))
            number += 1
        parts.append(part)
        sections.append(Section(len(sections), part, tuple(items)))
    return Paper(title or f"《{reg.title or '信访工作条例'}》题库", unit, minutes, None, tuple(parts), filters,
                 (Variant("", tuple(sections)),), {c.number: c.title for c in reg.chapters},
                 reg.title or "信访工作条例", True)


def make_paper(reg: Regulation, bank: QuestionBank, filters: Filters = ANY, *, blueprint: str | None = None,
               variants: int = 1, whole: bool = False, seed: int | None = None, title: str | None = None,
               unit: str | None = None, minutes: int | None = DEFAULT_MINUTES) -> Paper:
    """The paper `xuezhi export` asks for, from its option values."""
    if minutes is not None and not 1 <= minutes <= 600:
        raise XuezhiError(f"--minutes 应为 1–600 分钟，实际是 {minutes}。")
    if whole:
        if blueprint is not None or variants != 1:
            raise XuezhiError("--all 导出全部符合条件的题目，不能与 --blueprint、--variants 同时使用。")
        return whole_bank(bank, reg, filters, title=title, unit=unit, minutes=minutes)
    parts = resolve_blueprint(blueprint, filters.types)
    return assemble(bank, reg, parts, filters, seed=seed, variants=variants, title=title, unit=unit, minutes=minutes)


def summary_rows(paper: Paper) -> list[tuple[str, int, str, str]]:
    """(题型, 题数, 每题分值, 小计) per part of the blueprint, as the CLI prints them."""
    v = paper.variants[0]
    return [(s.name, len(s.items), points_text(s.part.points), points_text(s.total)) for s in v.sections]


def default_title(reg: Regulation) -> str:
    return f"《{reg.title or '信访工作条例'}》知识测试卷"


# ---------------------------------------------------------------- shared text helpers for exporters

def fill_blanks(stem: str, mark: str) -> str:
    """The stem with every blank mark (（　） or ____) replaced by `mark`."""
    for m in BLANK_MARKS:
        stem = stem.replace(m, mark)
    return stem


def split_blanks(stem: str) -> list[str]:
    """The stem cut at its blanks: n blanks give n + 1 pieces."""
    return re.split("|".join(re.escape(m) for m in BLANK_MARKS), stem)


def judge_text(value: bool) -> str:
    return "正确" if value else "错误"


def _letters_or_verdict(item: Item) -> str | None:
    """B / ACD / 正确 / 错误 — written the same everywhere; None for a blank question."""
    q = item.question
    if q.type in (QType.SINGLE, QType.MULTIPLE):
        return item.answer_letters()
    if q.type is QType.JUDGE:
        return judge_text(bool(q.answer))
    return None


def table_answer(item: Item) -> str:
    """The answer for spreadsheets and text import: ABD, 正确/错误, alternatives `;`, blanks `|`."""
    fixed = _letters_or_verdict(item)
    return fixed if fixed is not None else "|".join(";".join(alts) for alts in item.question.blanks)


def key_answer(item: Item) -> str:
    """The answer as a reader of the key expects it: B / ACD / 正确 / 全面领导；人民群众."""
    fixed = _letters_or_verdict(item)
    if fixed is not None:
        return fixed
    return "；".join(alts[0] + (f"（或{'、'.join(alts[1:])}）" if len(alts) > 1 else "")
                    for alts in item.question.blanks)


def instructions(paper: Paper, variant: Variant) -> str:
    count = len(variant.items)
    time = f"考试时间 {paper.minutes} 分钟，" if paper.minutes else ""
    return (f"本卷共{to_chinese(len(variant.sections))}大题 {count} 小题，满分 {points_text(variant.total)} 分，{time}"
            "请在规定时间内独立作答。")


SECTION_HINTS = {
    QType.SINGLE: "每题只有一个正确答案，请将其字母填入括号内。",
    QType.MULTIPLE: "每题有两个或两个以上正确答案，请将其字母填入括号内；多选、少选、错选均不得分。",
    QType.JUDGE: "正确的在括号内画“√”，错误的画“×”。",
    QType.BLANK: "请在横线上填写正确内容。",
}
