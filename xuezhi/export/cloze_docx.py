"""A printable 填空默写 sheet per chapter (Word): the chapter's articles with the generated blanks
as numbered lines to write on, then the chapter's answer key on a page of its own, so a trainer can
print one chapter (sheet and key) or the whole regulation.

The blanks are the ones recitation hides first (xuezhi.cloze.recite.blank_spans): one per clause,
never overlapping. A blank's line is as long as its answer needs for handwriting.
"""

from __future__ import annotations

from io import BytesIO
from typing import IO

from xuezhi.cloze.model import Card
from xuezhi.cloze.recite import blank_spans, lines_of
from xuezhi.export.docx_base import new_document, style_ids
from xuezhi.export.docx_xml import blank_line, field, insert_body, line_png, para, run, set_footer
from xuezhi.text.corpus import Regulation, chapter_label
from xuezhi.text.numerals import to_chinese

PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
CM_PER_CHAR = 0.5  # handwriting needs a little more than the 12 pt text


def blank_width(answer: str) -> float:
    return min(12.0, max(2.2, CM_PER_CHAR * len(answer) + 0.8))


class Sheet:
    def __init__(self, reg: Regulation) -> None:
        self.reg = reg
        self.doc = new_document(f"《{reg.title}》填空默写", "由 xuezhi 生成")
        self.ids = style_ids(self.doc)
        self.body: list[str] = []
        self._rid: str | None = None
        self._next_id = 100

    def p(self, style: str, runs: str, keep_next: bool = False) -> None:
        self.body.append(para(self.ids[style], runs, keep_next))

    def blank(self, answer: str) -> str:
        if self._rid is None:
            self._rid, _ = self.doc.part.get_or_add_image(BytesIO(line_png()))
        self._next_id += 1
        return blank_line(self._rid, self._next_id, blank_width(answer))

    def chapter(self, number: int, cards: list[Card]) -> None:
        ch = self.reg.chapter(number)
        assert ch is not None
        lo, hi = ch.article_range
        if self.body:
            self.body.append(PAGE_BREAK)
        self.p("试卷标题", run(f"《{self.reg.title}》填空默写"))
        self.p("试卷副标题", run(f"{chapter_label(number)} {ch.title}（第{to_chinese(lo)}条至第{to_chinese(hi)}条）"))
        self.p("考生信息", run("单位：") + run("\u00a0" * 24, underline="single") + run("　　姓名：")
               + run("\u00a0" * 16, underline="single") + run("　　得分：") + run("\u00a0" * 10, underline="single"))
        key: list[tuple[str, list[str]]] = []
        n = 0
        body_start = len(self.body)
        for art in ch.articles:
            own = [c for c in cards if c.article == art.number]
            lines = lines_of(art)
            holes = blank_spans(lines, own)
            answers: list[str] = []
            self.p("题干", run(art.label, bold=True) + run(f"　{art.summary}" if art.summary else "", bold=True),
                   keep_next=True)
            for i, line in enumerate(lines):
                runs, pos = run(line.marker), 0
                for j, s, e in holes:
                    if j != i:
                        continue
                    n += 1
                    answers.append(line.text[s:e])
                    runs += run(line.text[pos:s]) + run(f"（{n}）", size_pt=9) + self.blank(line.text[s:e])
                    pos = e
                self.p("选项" if line.item else "题干", runs + run(line.text[pos:]))
            if answers:
                key.append((art.label, answers))
        note = (f"按原文在横线上写出挖去的内容，共 {n} 空；标点不计，数字写法不限，字词须与原文一致。"
                "参考答案见本章之后。")
        self.body.insert(body_start, para(self.ids["考试说明"], run("说明：", bold=True) + run(note)))
        self.body.append(PAGE_BREAK)
        self.p("试卷副标题", run(f"{chapter_label(number)} {ch.title}　参考答案"))
        k = 0
        for where, answers in key:
            text = "　".join(f"（{k + i}）{a}" for i, a in enumerate(answers, 1))
            k += len(answers)
            self.p("答案", run(f"{where}：", bold=True) + run(text))

    def save(self, fh: IO[bytes]) -> None:
        insert_body(self.doc, self.body)
        set_footer(self.doc.sections[0].footer,
                   para(self.ids["页脚"], run("第 ") + field("PAGE") + run(" 页 共 ") + field("NUMPAGES") + run(" 页")))
        self.doc.save(fh)


def write(reg: Regulation, cards: list[Card], fh: IO[bytes]) -> None:
    sheet = Sheet(reg)
    for number in sorted({c.chapter for c in cards}):
        sheet.chapter(number, cards)
    sheet.save(fh)

