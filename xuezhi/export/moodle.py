"""Moodle XML: a <quiz> with one category per chapter and every question type the bank has.

single → multichoice (single=true), multiple → multichoice (single=false, 100/n for each
correct option, -100 for each wrong one), judge → truefalse (answers literally true/false),
one blank → shortanswer (every accepted alternative at 100), several blanks → cloze with
{1:SHORTANSWER:=…} per blank. Text goes in CDATA as HTML.
"""

from __future__ import annotations

import html
from typing import IO

from xuezhi.bank.model import QType
from xuezhi.export.gift import WEIGHTS, WRONG
from xuezhi.quiz.paper import Item, Paper, Variant, points_text
from xuezhi.quiz.paper_text import split_blanks


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def html_text(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def _text(tag: str, text: str, fmt: str = "html", indent: str = "    ") -> str:
    return f'{indent}<{tag} format="{fmt}"><text>{cdata(text)}</text></{tag}>'


def _plain(tag: str, value: str, indent: str = "    ") -> str:
    return f"{indent}<{tag}>{html.escape(value, quote=False)}</{tag}>"


def _answer(fraction: str, text: str, fmt: str = "html") -> str:
    body = cdata(text) if fmt == "html" else html.escape(text, quote=False)
    return (f'    <answer fraction="{fraction}" format="{fmt}"><text>{body}</text>'
            '<feedback format="html"><text></text></feedback></answer>')


def cloze_escape(text: str) -> str:
    """Characters with a meaning inside a cloze {…} answer."""
    for c in "\\}#~/\"":
        text = text.replace(c, "\\" + c)
    return text


def question(item: Item) -> list[str]:
    q = item.question
    qtype = {QType.SINGLE: "multichoice", QType.MULTIPLE: "multichoice", QType.JUDGE: "truefalse",
             QType.BLANK: "shortanswer" if len(q.blanks) == 1 else "cloze"}[q.type]
    feedback = f"{html_text(q.explanation)}<br>（依据：{q.basis.label()}）"
    if qtype == "cloze":
        pieces = split_blanks(q.stem)
        text = html_text(pieces[0])
        for k, alts in enumerate(q.blanks):
            text += "{1:SHORTANSWER:" + "~".join("=" + cloze_escape(html_text(a)) for a in alts) + "}"
            text += html_text(pieces[k + 1])
    else:
        text = html_text(q.stem)
    out = [f'  <question type="{qtype}">',
           f"    <name><text>{html.escape(q.id, quote=False)}</text></name>",
           _text("questiontext", f"<p>{text}</p>"),
           _text("generalfeedback", f"<p>{feedback}</p>"),
           _plain("defaultgrade", points_text(item.points)),
           _plain("penalty", "0"),
           _plain("hidden", "0"),
           _plain("idnumber", q.id)]
    if q.type in (QType.SINGLE, QType.MULTIPLE):
        right = set(q.correct_indexes)
        single = q.type is QType.SINGLE
        out += [_plain("single", "true" if single else "false"), _plain("shuffleanswers", "true"),
                _plain("answernumbering", "ABCD")]
        for orig in item.presentation.order:
            good, bad = ("100", "0") if single else (WEIGHTS[len(right)], WRONG)
            fraction = good if orig in right else bad
            out.append(_answer(fraction, html_text(q.options[orig])))
    elif q.type is QType.JUDGE:
        out += [_answer("100" if q.answer else "0", "true", "moodle_auto_format"),
                _answer("0" if q.answer else "100", "false", "moodle_auto_format")]
    elif qtype == "shortanswer":
        out.append(_plain("usecase", "0"))
        out += [_answer("100", a, "moodle_auto_format") for a in q.blanks[0]]
    tags = [q.type.label, q.basis.label(), *q.tags]
    out.append("    <tags>" + "".join(f"<tag><text>{html.escape(t, quote=False)}</text></tag>" for t in tags)
               + "</tags>")
    out.append("  </question>")
    return out


def category(paper: Paper, chapter: int) -> list[str]:
    return category_xml(f"$course$/top/{paper.regulation}/{paper.chapter_label(chapter)}")


def category_xml(path: str) -> list[str]:
    """The pseudo-question that puts the questions after it in the category `path` (course/a/b)."""
    return ['  <question type="category">',
            f"    <category><text>{html.escape(path, quote=False)}</text></category>",
            '    <info format="html"><text></text></info>',
            "  </question>"]


def render(paper: Paper, variant: Variant) -> str:
    items = sorted(variant.items, key=lambda i: (i.chapter, i.number))
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f"<!-- {html.escape(paper.variant_title(variant)).replace('--', '- -')}：由 xuezhi 导出 -->",
           "<quiz>"]
    chapter = None
    for item in items:
        if item.chapter != chapter:
            chapter = item.chapter
            out += category(paper, chapter)
        out += question(item)
    out.append("</quiz>")
    return "\n".join(out) + "\n"


def write(paper: Paper, variant: Variant | None, fh: IO[bytes], part: str = "all") -> list[str]:
    assert variant is not None
    fh.write(render(paper, variant).encode("utf-8"))
    return []
