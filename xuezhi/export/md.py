"""Markdown: the paper to read on screen or put on an intranet page, answer key at the end."""

from __future__ import annotations

import re
from typing import IO

from xuezhi.bank.model import LETTERS, QType
from xuezhi.quiz.paper import Item, Paper, Variant
from xuezhi.quiz.paper_text import SECTION_HINTS, fill_blanks, instructions, key_answer

BLANK = "＿＿＿＿＿＿"  # full-width low lines: an underline in any renderer, no Markdown meaning
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def esc(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def _stem(item: Item) -> str:
    q = item.question
    if q.type is QType.BLANK:
        return esc(fill_blanks(q.stem, "\0")).replace("\0", BLANK)
    return esc(q.stem) + ("（　）" if q.type is QType.JUDGE else "")


def _paper(paper: Paper, variant: Variant) -> list[str]:
    out = [f"# {esc(paper.variant_title(variant))}", ""]
    who = [f"单位：{esc(paper.unit)}" if paper.unit else "单位：＿＿＿＿＿＿", "姓名：＿＿＿＿＿＿", "得分：＿＿＿＿"]
    out += ["　　".join(who), "", f"> 考试说明：{instructions(paper, variant)}", ""]
    for s in variant.sections:
        out += [f"## {s.heading}", "", f"*{SECTION_HINTS[s.type]}*", ""]
        for item in s.items:
            out += [f"**{item.number}.** {_stem(item)}", ""]
            if item.options:
                out += [f"- {LETTERS[k]}. {esc(o)}" for k, o in enumerate(item.options)] + [""]
    return out


def _key(paper: Paper, variant: Variant, standalone: bool) -> list[str]:
    title = f"{paper.variant_title(variant)} 参考答案及解析"
    out = [f"# {esc(title)}", ""] if standalone else ["---", "", "## 参考答案及解析", ""]
    level = "##" if standalone else "###"
    for s in variant.sections:
        out += [f"{level} {s.numeral}、{s.name}", ""]
        for item in s.items:
            q = item.question
            answer = esc(key_answer(item, marks=True))
            out += [f"**{item.number}. {answer}**　{esc(q.explanation)}（依据：{q.basis.label()}）", ""]
    return out


def render(paper: Paper, variant: Variant, part: str = "all") -> str:
    lines: list[str] = []
    if part in ("all", "paper"):
        lines += _paper(paper, variant)
    if part in ("all", "key"):
        lines += _key(paper, variant, standalone=part == "key")
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def write(paper: Paper, variant: Variant | None, fh: IO[bytes], part: str = "all") -> list[str]:
    assert variant is not None
    fh.write(render(paper, variant, part).encode("utf-8"))
    return []
