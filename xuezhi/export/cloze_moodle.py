"""The cloze cards as Moodle short-answer questions (Moodle XML): one category per chapter, the
blank as a line in the text, every accepted form of the answer at 100 % (15日 also as 十五日 and
15, 受理、转送、交办 also without the 、), the whole sentence with the answer as general feedback.
"""

from __future__ import annotations

import html
import re
from typing import IO

from xuezhi.cloze.model import Card, Kind
from xuezhi.cloze.study import accepted
from xuezhi.export.moodle import category_xml, cdata, html_text
from xuezhi.text.corpus import Regulation, chapter_label
from xuezhi.text.numerals import chinese_in

_COUNT = re.compile(r"^(\d+)(日|人|个工作日|个月|天|名|年|次|项)$")


def answers(card: Card) -> list[str]:
    """What Moodle accepts: the text's form first, then the same in other writings."""
    out = list(accepted(card.answer))
    m = _COUNT.match(card.answer) if card.kind is Kind.NUMBER else None
    if m:
        out.append(chinese_in(card.answer))  # 十五日
        if m.group(2) in ("日", "人"):
            out.append(m.group(1))  # 15: the unit is printed after the blank
    return list(dict.fromkeys(out))


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def question(reg: Regulation, card: Card) -> list[str]:
    art = reg.article(card.article)
    where = card.label + (f"（{art.summary}）" if art and art.summary else "")
    text = f"<p>{html_text(where)}</p><p>{html_text(card.before)}________{html_text(card.after)}</p>"
    feedback = (f"<p>{html_text(card.sentence[:card.sentence_start])}<b>{html_text(card.answer)}</b>"
                f"{html_text(card.sentence[card.sentence_start + len(card.answer):])}</p><p>（依据：{card.label}）</p>")
    out = ['  <question type="shortanswer">',
           f"    <name><text>{_esc(card.label + ' ' + card.kind.label + ' ' + card.id)}</text></name>",
           f'    <questiontext format="html"><text>{cdata(text)}</text></questiontext>',
           f'    <generalfeedback format="html"><text>{cdata(feedback)}</text></generalfeedback>',
           "    <defaultgrade>1</defaultgrade>", "    <penalty>0</penalty>", "    <hidden>0</hidden>",
           f"    <idnumber>{_esc(card.id)}</idnumber>", "    <usecase>0</usecase>"]
    out += [f'    <answer fraction="100" format="moodle_auto_format"><text>{_esc(a)}</text>'
            '<feedback format="html"><text></text></feedback></answer>' for a in answers(card)]
    tags = ["填空卡", card.kind.label, card.label]
    out.append("    <tags>" + "".join(f"<tag><text>{_esc(t)}</text></tag>" for t in tags) + "</tags>")
    out.append("  </question>")
    return out


def render(reg: Regulation, cards: list[Card]) -> str:
    title = _esc(reg.title).replace("--", "- -")  # "--" may not appear inside an XML comment
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f"<!-- {title}条文填空：由 xuezhi 导出 -->", "<quiz>"]
    chapter = None
    for card in cards:
        if card.chapter != chapter:
            chapter = card.chapter
            ch = reg.chapter(chapter)
            path = f"$course$/top/{reg.title}·条文填空/{chapter_label(chapter)}" + (f" {ch.title}" if ch else "")
            out += category_xml(path)
        out += question(reg, card)
    out.append("</quiz>")
    return "\n".join(out) + "\n"


def write(reg: Regulation, cards: list[Card], fh: IO[bytes]) -> None:
    fh.write(render(reg, cards).encode("utf-8"))
