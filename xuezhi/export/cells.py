"""The spreadsheet layout shared by xlsx and csv, and formula neutralisation.

A cell that begins with =, +, -, @, a tab or a carriage return would be read as a formula
by Excel, WPS or LibreOffice when the file is opened ("CSV injection"). Such cells get a
leading apostrophe, the usual defence: the text shows as typed and nothing is evaluated.
"""

from __future__ import annotations

from xuezhi.bank.model import LETTERS
from xuezhi.quiz.paper import Item, Paper, Variant, number, points_text
from xuezhi.quiz.paper_text import table_answer

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DIFFICULTY_NAMES = {1: "易", 2: "中", 3: "难"}
HEADER = ("题型", "题干", *(f"选项{c}" for c in LETTERS), "答案", "解析", "分值", "难度", "条文依据", "题目编号", "章")


def neutralise(value: str) -> str:
    """'=1+1' → \"'=1+1\"; anything else unchanged."""
    return "'" + value if value.startswith(FORMULA_START) else value


def row(paper: Paper, item: Item) -> list[str | int | float]:
    q = item.question
    options = item.options + [""] * (len(LETTERS) - len(item.options))
    return [q.type.label, q.stem, *options, table_answer(item), q.explanation, number(item.points),
            DIFFICULTY_NAMES.get(q.difficulty, str(q.difficulty)), q.basis.label(), q.id,
            paper.chapter_label(item.chapter)]


def rows(paper: Paper, variant: Variant) -> list[list[str | int | float]]:
    """One row per question, in paper order; strings already neutralised."""
    return [[neutralise(c) if isinstance(c, str) else c for c in row(paper, i)] for i in variant.items]


def text_cells(r: list[str | int | float]) -> list[str]:
    return [c if isinstance(c, str) else points_text(c) for c in r]
