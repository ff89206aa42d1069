"""The right answer to a presented question, typed the way a user would (shared by tests and workers)."""

from __future__ import annotations

from xuezhi.bank.grading import Presentation
from xuezhi.bank.model import QType


def right_answer(p: Presentation) -> str:
    q = p.question
    if q.type in (QType.SINGLE, QType.MULTIPLE):
        return p.correct_letters()
    if q.type is QType.JUDGE:
        return "对" if q.answer else "错"
    return "；".join(b[0] for b in q.blanks)
