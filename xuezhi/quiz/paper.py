"""Paper assembly (组卷): a blueprint, the quiz filters and a seed give one or more variants.

Pure: no files, no terminal. Every export format renders the Paper built here, so the
docx, the answer key, the spreadsheet and the JSON of one run always hold the same
questions in the same order with the same option permutation.

Determinism: every random choice draws from a generator seeded with a string made of
the paper's seed and what is being drawn (variant, question type), so the same seed and
the same bank always give the same paper, on any machine and any Python 3.11+.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from xuezhi.bank.grading import Presentation
from xuezhi.bank.model import TYPE_ALIASES, QType, Question
from xuezhi.errors import XuezhiError
from xuezhi.quiz.select import DEFAULT_POINTS, Filters
from xuezhi.text.corpus import chapter_label, label
from xuezhi.text.numerals import to_chinese

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
        bits.append("、".join(map(chapter_label, f.chapters)))
    if f.articles:
        bits.append("、".join(map(label, f.articles)))
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
        return chapter_label(number) + (f" {title}" if title else "") if number else "其他"


















# ---------------------------------------------------------------- shared text helpers for exporters















