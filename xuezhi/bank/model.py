"""The question bank: questions as dataclasses, loaded from YAML and checked for shape.

Shape problems (missing field, wrong type) are collected per question so that a trainer
running `xuezhi validate` sees every problem at once; `load_bank` raises on the first.
Content rules (does the answer occur in the cited article?) live in validation.py.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from xuezhi.bank.wording import blanks_text, verdict
from xuezhi.text.corpus import Regulation, label
from xuezhi.text.yamlfile import line_of

BANK_FILE = "questions.yaml"
LETTERS = string.ascii_uppercase[:6]  # A–F
BLANK_MARKS = ("（　）", "____")
FIELDS = ("id", "type", "stem", "options", "answer", "basis", "explanation", "difficulty", "tags", "quote",
          "order_free", "group")


class QType(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    JUDGE = "judge"
    BLANK = "blank"

    @property
    def label(self) -> str:
        return TYPE_LABELS[self]


TYPE_LABELS = {QType.SINGLE: "单选题", QType.MULTIPLE: "多选题", QType.JUDGE: "判断题", QType.BLANK: "填空题"}
TYPE_ALIASES = {
    "single": QType.SINGLE, "单选": QType.SINGLE, "单选题": QType.SINGLE,
    "multiple": QType.MULTIPLE, "多选": QType.MULTIPLE, "多选题": QType.MULTIPLE,
    "judge": QType.JUDGE, "判断": QType.JUDGE, "判断题": QType.JUDGE,
    "blank": QType.BLANK, "填空": QType.BLANK, "填空题": QType.BLANK,
}


@dataclass(frozen=True, slots=True)
class Basis:
    """Where the answer rests: an article, optionally one 款 and/or one 项."""

    article: int
    paragraph: int | None = None
    item: int | None = None

    def label(self) -> str:
        return label(self.article, self.paragraph, self.item)

    @property
    def place(self) -> tuple[int, int | None, int | None]:
        """(article, paragraph, item), as Regulation.cited_text takes them."""
        return self.article, self.paragraph, self.item

    def as_dict(self) -> dict[str, int]:
        d = {"article": self.article}
        if self.paragraph:
            d["paragraph"] = self.paragraph
        if self.item:
            d["item"] = self.item
        return d


Blank = tuple[str, ...]  # accepted alternatives for one blank, canonical first


@dataclass(frozen=True)
class Question:
    id: str
    type: QType
    stem: str
    answer: str | bool | tuple[Blank, ...]
    basis: Basis
    explanation: str
    difficulty: int = 1
    tags: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    quote: str | None = None
    index: int = 0  # position in the file, for error messages
    order_free: bool = False  # blanks that are items of one list, graded in any order
    group: str | None = None  # questions of one group never share a quiz or a paper

    @property
    def correct_indexes(self) -> tuple[int, ...]:
        """Original option indexes that are correct (choice questions)."""
        if self.type in (QType.SINGLE, QType.MULTIPLE):
            return tuple(LETTERS.index(c) for c in str(self.answer))
        return ()

    @property
    def blanks(self) -> tuple[Blank, ...]:
        return self.answer if self.type is QType.BLANK else ()  # type: ignore[return-value]

    def answer_text(self) -> str:
        """The answer as a person reads it: B / ACD / 正确 / 5人；60日."""
        if self.type is QType.JUDGE:
            return verdict(bool(self.answer))
        if self.type is QType.BLANK:
            return blanks_text(b[0] for b in self.blanks)
        return str(self.answer)

    def as_dict(self) -> dict[str, Any]:
        """The question's fields as in the YAML file (for JSON export and progress files)."""
        d: dict[str, Any] = {"id": self.id, "type": str(self.type), "stem": self.stem}
        if self.options:
            d["options"] = list(self.options)
        if self.type is QType.BLANK:
            d["answer"] = [list(b) if len(b) > 1 else b[0] for b in self.blanks]
        else:
            d["answer"] = self.answer
        d |= {"basis": self.basis.as_dict(), "explanation": self.explanation,
              "difficulty": self.difficulty, "tags": list(self.tags)}
        if self.quote:
            d["quote"] = self.quote
        if self.order_free:
            d["order_free"] = True
        if self.group:
            d["group"] = self.group
        return d


@dataclass(frozen=True)
class Problem:
    """One broken rule in a bank file, located for the person who has to fix it."""

    file: str
    line: int | None
    qid: str | None
    rule: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = self.file + (f" 第 {self.line} 行" if self.line else "")
        who = f" 题目 {self.qid}" if self.qid else ""
        kind = "提醒" if self.warning else "错误"
        return f"{where}{who}：[{kind}·{self.rule}] {self.message}"


@dataclass(frozen=True)
class Unbuilt:
    """What could be read of a question with shape problems, so validate can still check its
    citation and options: a trainer should see every mistake of a question in one run."""

    index: int
    qid: str | None
    basis: Basis | None
    options: tuple[str, ...]


@dataclass
class QuestionBank:
    questions: tuple[Question, ...]
    source: Path
    text: str = field(repr=False, default="")
    problems: list[Problem] = field(default_factory=list)
    _by_id: dict[str, Question] = field(default_factory=dict, repr=False)
    root: tuple[str, ...] = ()  # ("questions",) when the list sits under a questions: key
    duplicates: tuple[Question, ...] = ()  # well-formed questions whose id was already taken
    unbuilt: tuple[Unbuilt, ...] = ()

    def __post_init__(self) -> None:
        self._by_id = {q.id: q for q in self.questions}

    def get(self, qid: str) -> Question | None:
        return self._by_id.get(qid)

    def __len__(self) -> int:
        return len(self.questions)

    def line(self, q: Question | int) -> int | None:
        index = q.index if isinstance(q, Question) else q
        return line_of(self.text, [*self.root, index]) if self.text else None

    @property
    def entries(self) -> int:
        """How many questions the file holds, well-formed or not."""
        return len(self.questions) + len(self.duplicates) + len(self.unbuilt)

    def chapter_of(self, q: Question, reg: Regulation) -> int:
        art = reg.article(q.basis.article)
        return art.chapter if art else 0
