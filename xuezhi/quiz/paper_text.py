"""How a paper's items read in an export: blanks, the answer key, judge verdicts, instructions."""

from __future__ import annotations

import re

from xuezhi.bank.model import BLANK_MARKS, QType
from xuezhi.bank.wording import blanks_text, verdict, verdict_mark, with_alternatives
from xuezhi.quiz.paper import Item, Paper, Variant, points_text
from xuezhi.text.numerals import to_chinese


def fill_blanks(stem: str, mark: str) -> str:
    """The stem with every blank mark (（　） or ____) replaced by `mark`."""
    for m in BLANK_MARKS:
        stem = stem.replace(m, mark)
    return stem


def split_blanks(stem: str) -> list[str]:
    """The stem cut at its blanks: n blanks give n + 1 pieces."""
    return re.split("|".join(re.escape(m) for m in BLANK_MARKS), stem)


def _letters_or_verdict(item: Item, marks: bool = False) -> str | None:
    """B / ACD / 正确 / 错误 (√ / × with `marks`) — written the same everywhere; None for a blank question."""
    q = item.question
    if q.type in (QType.SINGLE, QType.MULTIPLE):
        return item.answer_letters()
    if q.type is QType.JUDGE:
        return verdict_mark(bool(q.answer)) if marks else verdict(bool(q.answer))
    return None


def table_answer(item: Item) -> str:
    """The answer for spreadsheets and text import: ABD, 正确/错误, alternatives `;`, blanks `|`."""
    fixed = _letters_or_verdict(item)
    return fixed if fixed is not None else "|".join(";".join(alts) for alts in item.question.blanks)


def key_answer(item: Item, marks: bool = False) -> str:
    """The answer as a reader of the key expects it: B / ACD / 正确 / 全面领导；人民群众. A paper that
    asks for √/× (docx, md) passes `marks` so that its key answers in the same signs."""
    fixed = _letters_or_verdict(item, marks)
    if fixed is not None:
        return fixed
    return blanks_text(with_alternatives(alts) for alts in item.question.blanks)


def instructions(paper: Paper, variant: Variant, sheet: bool = False) -> str:
    count = len(variant.items)
    time = f"考试时间 {paper.minutes} 分钟，" if paper.minutes else ""
    where = "请将答案写在答题卡上，写在试卷上无效。" if sheet else ""
    return (f"本卷共{to_chinese(len(variant.sections))}大题 {count} 小题，满分 {points_text(variant.total)} 分，{time}"
            f"请在规定时间内独立作答。{where}")


SECTION_HINTS = {
    QType.SINGLE: "每题只有一个正确答案，请将其字母填入括号内。",
    QType.MULTIPLE: "每题有两个或两个以上正确答案，请将其字母填入括号内；多选、少选、错选均不得分。",
    QType.JUDGE: "正确的在括号内画“√”，错误的画“×”。",
    QType.BLANK: "请在横线上填写正确内容。",
}

SHEET_HINTS = {
    QType.SINGLE: "每题只有一个正确答案，请将其字母填在答题卡上。",
    QType.MULTIPLE: "每题有两个或两个以上正确答案，请将其字母填在答题卡上；多选、少选、错选均不得分。",
    QType.JUDGE: "正确的在答题卡上填“√”，错误的填“×”。",
    QType.BLANK: "请将答案按空的顺序填在答题卡上。",
}


def section_hint(qtype: QType, sheet: bool = False) -> str:
    """How to answer a section: in the paper's brackets and lines, or on the 答题卡."""
    return (SHEET_HINTS if sheet else SECTION_HINTS)[qtype]
