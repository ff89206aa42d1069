"""Reading a typed answer and deciding whether it is right.

Parsing is separate from grading so that a malformed answer (a letter that is not an
option, an empty line) can be refused and re-prompted without ever counting as wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xuezhi.bank.blanks import blank_results, split_answer
from xuezhi.bank.model import LETTERS, QType, Question
from xuezhi.bank.wording import blanks_text, verdict
from xuezhi.errors import shown
from xuezhi.text.textnorm import normalise_answer


class InvalidAnswer(ValueError):
    """The input is not an answer to this question; the message is a Chinese hint."""


@dataclass(frozen=True)
class Presentation:
    """How a question is shown: order[i] is the original index of displayed option i."""

    question: Question
    order: tuple[int, ...] = ()

    @property
    def options(self) -> list[str]:
        return [self.question.options[i] for i in self.order]

    def letter_of(self, original: int) -> str:
        return LETTERS[self.order.index(original)]

    def correct_letters(self) -> str:
        """The correct answer in displayed letters, e.g. 'BD'."""
        return "".join(sorted(self.letter_of(i) for i in self.question.correct_indexes))

    def display_answer(self) -> str:
        q = self.question
        if q.type in (QType.SINGLE, QType.MULTIPLE):
            return self.correct_letters()
        return q.answer_text()


@dataclass(frozen=True)
class Response:
    """A parsed answer in terms of the original question (option indexes, not letters)."""

    choices: frozenset[int] = frozenset()
    judge: bool | None = None
    blanks: tuple[str, ...] = ()
    raw: str = ""

    def display(self, p: Presentation) -> str:
        q = p.question
        if q.type in (QType.SINGLE, QType.MULTIPLE):
            return "".join(sorted(p.letter_of(i) for i in self.choices))
        if q.type is QType.JUDGE:
            return verdict(bool(self.judge))
        return blanks_text(self.blanks)

    def stored(self) -> str:
        """A display-independent form for the store: original option letters / true / blanks."""
        if self.choices:
            return "".join(sorted(LETTERS[i] for i in self.choices))
        if self.judge is not None:
            return "true" if self.judge else "false"
        return "；".join(self.blanks)


@dataclass(frozen=True)
class Grade:
    correct: bool
    missed: tuple[str, ...] = ()  # displayed letters of correct options not chosen (multiple)
    wrong: tuple[str, ...] = ()  # displayed letters chosen but not correct
    blank_results: tuple[bool, ...] = field(default=())


_TRUE = {"对", "正确", "是", "t", "true", "y", "yes", "√", "✓", "✔", "1", "o"}
_FALSE = {"错", "错误", "否", "不对", "f", "false", "n", "no", "×", "✗", "✘", "x", "0"}
_SEPARATORS = re.compile(r"[\s,，、;；/]+")


def parse_answer(p: Presentation, raw: str) -> Response:
    """Turn what the user typed into a Response, or raise InvalidAnswer with a hint."""
    q = p.question
    text = raw.strip()
    if not text:
        raise InvalidAnswer("请输入答案。")
    if q.type in (QType.SINGLE, QType.MULTIPLE):
        letters = _SEPARATORS.sub("", normalise_answer(text)).upper()
        valid = LETTERS[: len(q.options)]
        bad = sorted({c for c in letters if c not in valid})
        if not letters:
            raise InvalidAnswer(f"请输入 {valid[0]}–{valid[-1]} 中的字母。")
        if bad and all(c.isascii() and c.isalpha() for c in bad) and len(bad) <= 2:  # a letter too far: G
            raise InvalidAnswer(f"“{''.join(bad)}”不是选项，请输入 {valid[0]}–{valid[-1]} 中的字母。")
        if bad:  # something else typed (a command, a sentence): show it as typed, not as a letter soup
            raise InvalidAnswer(f"“{shown(text)}”不是有效的答案，请输入 {valid[0]}–{valid[-1]} 中的字母"
                                f"{'（多选如 AC）' if q.type is QType.MULTIPLE else ''}。")
        chosen = frozenset(p.order[valid.index(c)] for c in letters)
        if q.type is QType.SINGLE and len(chosen) != 1:
            raise InvalidAnswer("单选题只能选一个字母。")
        return Response(choices=chosen, raw=raw)
    if q.type is QType.JUDGE:
        t = normalise_answer(text)
        if t in _TRUE:
            return Response(judge=True, raw=raw)
        if t in _FALSE:
            return Response(judge=False, raw=raw)
        raise InvalidAnswer("判断题请输入 对/错（也可用 T/F、Y/N、√/×）。")
    parts = split_answer(text, q)
    if parts is None:
        raise InvalidAnswer(f"本题有 {len(q.blanks)} 个空，请用分号“；”分隔各空的答案。")
    return Response(blanks=parts, raw=raw)


def grade(p: Presentation, r: Response) -> Grade:
    q = p.question
    if q.type in (QType.SINGLE, QType.MULTIPLE):
        right = set(q.correct_indexes)
        missed = tuple(sorted(p.letter_of(i) for i in right - r.choices))
        wrong = tuple(sorted(p.letter_of(i) for i in r.choices - right))
        return Grade(not missed and not wrong, missed, wrong)
    if q.type is QType.JUDGE:
        return Grade(r.judge is q.answer)
    results = blank_results(r.blanks, q)
    return Grade(all(results), blank_results=results)
