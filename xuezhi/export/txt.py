"""Plain text in the layout Chinese exam platforms import: one block per question.

    1.[单选题]根据第三条，信访工作是（　）的重要组成部分。
    A.政府行政管理工作
    B.政法工作
    答案：C
    解析：第三条规定：……（依据：第三条）

Blank questions show their blanks as ____; several blanks' answers are separated by |,
accepted alternatives for one blank by ;.
"""

from __future__ import annotations

from typing import IO

from xuezhi.bank.model import LETTERS, QType
from xuezhi.quiz.paper import Paper, Variant
from xuezhi.quiz.paper_text import fill_blanks, table_answer


def render(paper: Paper, variant: Variant) -> str:
    blocks: list[str] = []
    for item in variant.items:
        q = item.question
        stem = fill_blanks(q.stem, "____") if q.type is QType.BLANK else q.stem
        lines = [f"{item.number}.[{q.type.label}]{stem}"]
        lines += [f"{LETTERS[k]}.{opt}" for k, opt in enumerate(item.options)]
        lines.append(f"答案：{table_answer(item)}")
        lines.append(f"解析：{q.explanation}（依据：{q.basis.label()}）")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def write(paper: Paper, variant: Variant | None, fh: IO[bytes], part: str = "all") -> list[str]:
    assert variant is not None
    fh.write(render(paper, variant).encode("utf-8"))
    return []
