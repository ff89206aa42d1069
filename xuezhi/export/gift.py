"""Moodle GIFT: one $CATEGORY per chapter, ::ID:: titles, general feedback with the 解析.

Multiple choice gives each correct option 100/n percent (from Moodle's list of allowed
grades) and each wrong option -100 percent, so any wrong choice scores nothing, as on a
Chinese paper (Moodle cannot refuse credit for a partly correct answer). GIFT holds one
blank per question: questions with several blanks are left out with a warning (the Moodle
XML export keeps them as cloze questions).
"""

from __future__ import annotations

from typing import IO

from xuezhi.bank.model import QType
from xuezhi.errors import XuezhiError
from xuezhi.quiz.paper import Item, Paper, Variant, points_text
from xuezhi.quiz.paper_text import split_blanks

# Moodle's allowed answer grades (question/format.php) for 2–6 correct options.
WEIGHTS = {1: "100", 2: "50", 3: "33.33333", 4: "25", 5: "20", 6: "16.66667"}
WRONG = "-100"


def esc(text: str) -> str:
    """Escape GIFT's special characters ~ = # { } : and the backslash itself."""
    out = text.replace("\\", "\\\\")
    for c in "~=#{}:":
        out = out.replace(c, "\\" + c)
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def category(paper: Paper, chapter: int) -> str:
    return f"$CATEGORY: $course$/top/{paper.regulation}/{paper.chapter_label(chapter)}"


def _feedback(item: Item) -> str:
    q = item.question
    return f"####{esc(q.explanation)}（依据：{q.basis.label()}）"


def question(item: Item) -> str | None:
    """One question in GIFT, or None for a question GIFT cannot hold (several blanks)."""
    q = item.question
    head = f"::{esc(q.id)}::"
    if q.type is QType.SINGLE:
        right = set(q.correct_indexes)
        answers = [("=" if orig in right else "~") + esc(q.options[orig]) for orig in item.presentation.order]
        return head + esc(q.stem) + "{\n" + "\n".join(answers) + "\n" + _feedback(item) + "\n}"
    if q.type is QType.MULTIPLE:
        right = set(q.correct_indexes)
        good = WEIGHTS[len(right)]
        answers = [f"~%{good if orig in right else WRONG}%{esc(q.options[orig])}" for orig in item.presentation.order]
        return head + esc(q.stem) + "{\n" + "\n".join(answers) + "\n" + _feedback(item) + "\n}"
    if q.type is QType.JUDGE:
        return head + esc(q.stem) + "{" + ("T" if q.answer else "F") + _feedback(item) + "}"
    if len(q.blanks) != 1:
        return None
    before, after = split_blanks(q.stem)
    answers = " ".join("=" + esc(alt) for alt in q.blanks[0])
    return head + esc(before) + "{" + answers + _feedback(item) + "}" + esc(after)


def render(paper: Paper, variant: Variant) -> tuple[str, list[str]]:
    """The GIFT text and the ids of the questions it had to leave out."""
    items = sorted(variant.items, key=lambda i: (i.chapter, i.number))
    skipped = [i.question.id for i in items if question(i) is None]
    out = [f"// {paper.variant_title(variant)}：由 xuezhi 导出，可在 Moodle 题库中用 GIFT 格式导入。"]
    if skipped:
        out.append(f"// 未导出 {len(skipped)} 道多空填空题（GIFT 每题只能有一个空）：{'、'.join(skipped)}")
    out.append("")
    chapter = None
    for item in items:
        text = question(item)
        if text is None:
            continue
        if item.chapter != chapter:
            chapter = item.chapter
            out += [category(paper, chapter), ""]
        out += [f"// {item.question.id} {item.question.type.label} {item.question.basis.label()}", text, ""]
    return "\n".join(out), skipped


def write(paper: Paper, variant: Variant | None, fh: IO[bytes], part: str = "all") -> list[str]:
    assert variant is not None
    text, skipped = render(paper, variant)
    if len(skipped) == len(variant.items):
        raise XuezhiError("选中的题目都是多空填空题，GIFT 一题只能有一个空，没有可写入的题目；请改用 --format moodle。")
    fh.write(text.encode("utf-8"))
    if not skipped:
        return []
    kept = [i for i in variant.items if i.question.id not in skipped]
    return [f"GIFT 每题只能有一个空：{len(skipped)} 道多空填空题未写入 GIFT 文件（{'、'.join(skipped[:5])}"
            f"{' 等' if len(skipped) > 5 else ''}），文件中实际为 {len(kept)} 题、共 "
            f"{points_text(sum(i.points for i in kept))} 分，与上表不同；如需全部导出，请用 --format moodle。"]
