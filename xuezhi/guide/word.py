"""Word documents of issue 13 (the handout, the deadline table): a small python-docx builder on the
project's reading-matter document (xuezhi.export.docx_base.plain_document: 宋体 text, 黑体 headings,
fonts declared so WPS and LibreOffice pick Simplified Chinese ones), with 楷体 for the regulation's
words, page numbers, and the deadline table and the flow as Word tables.

python-docx's object API is fine here: a handout is a few hundred paragraphs (the quadratic cost
that made the exam paper write raw XML shows above ten thousand)."""

from __future__ import annotations

from typing import IO, Any

from xuezhi.guide.deadlines import Deadline
from xuezhi.guide.flow import Flow
from xuezhi.text.numerals import to_chinese

BODY_PT, SMALL_PT = 12, 10.5  # 小四, 五号
GREY, BLUE, RED = "595959", "1F3864", "C00000"


class WordDoc:
    def __init__(self, landscape: bool = False) -> None:
        from docx.oxml.ns import qn
        from docx.shared import Cm, Pt, RGBColor

        from xuezhi.export.docx_base import HEI, KAI, LATIN, SONG, plain_document, set_fonts

        self.Pt, self.Cm, self.RGB, self.qn = Pt, Cm, RGBColor, qn
        self.fonts = {"song": SONG, "hei": HEI, "kai": KAI}
        self.latin, self._set_fonts = LATIN, set_fonts
        doc = self.doc = plain_document(landscape, margins_cm=(2.5, 2.4), body_pt=BODY_PT, line_spacing=1.25,
                                        space_after_pt=3)
        for name, size in (("Title", 26), ("Heading 1", 16), ("Heading 2", 14), ("Heading 3", 12)):
            st = doc.styles[name]
            st.font.size, st.font.bold = Pt(size), True
            st.font.color.rgb = RGBColor.from_string(BLUE if name != "Title" else "000000")
            st.paragraph_format.space_before = Pt(12 if name == "Heading 1" else 8)
            st.paragraph_format.space_after = Pt(6)
            st.paragraph_format.keep_with_next = True
        self._page_numbers()

    @property
    def text_width_cm(self) -> float:
        sec = self.doc.sections[0]
        return (sec.page_width - sec.left_margin - sec.right_margin) / 360000

    def _page_numbers(self) -> None:
        from docx.oxml import OxmlElement

        p = self.doc.sections[0].footer.paragraphs[0]
        p.alignment = 1
        fld = OxmlElement("w:fldSimple")
        fld.set(self.qn("w:instr"), "PAGE")
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = "1"
        r.append(t)
        fld.append(r)
        p.add_run("— ")
        p._p.append(fld)
        p.add_run(" —")

    def run(self, p: Any, text: str, font: str = "song", size: float | None = None, bold: bool = False,
            colour: str | None = None, highlight: bool = False) -> Any:
        r = p.add_run(text)
        self._set_fonts(r._r.get_or_add_rPr(), self.latin, self.fonts[font])
        if size:
            r.font.size = self.Pt(size)
        r.font.bold = bold or None
        if colour:
            r.font.color.rgb = self.RGB.from_string(colour)
        if highlight:
            from docx.enum.text import WD_COLOR_INDEX

            r.font.highlight_color = WD_COLOR_INDEX.YELLOW
        return r

    def para(self, text: str = "", font: str = "song", size: float | None = None, bold: bool = False,
             colour: str | None = None, indent: float = 0, first: float = 0, align: int | None = None,
             after: float | None = None, keep: bool = False) -> Any:
        p = self.doc.add_paragraph()
        if text:
            self.run(p, text, font, size, bold, colour)
        pf = p.paragraph_format
        if indent:
            pf.left_indent = self.Cm(indent)
        if first:
            pf.first_line_indent = self.Cm(first)
        if align is not None:
            p.alignment = align
        if after is not None:
            pf.space_after = self.Pt(after)
        if keep:
            pf.keep_with_next = True
        return p

    def heading(self, text: str, level: int) -> Any:
        return self.doc.add_heading(text, level)

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def table(self, header: list[str], rows: list[list[str]], widths_cm: list[float], size: float = SMALL_PT,
              bold_first: bool = False) -> Any:
        from docx.oxml import OxmlElement

        t = self.doc.add_table(rows=1, cols=len(header))
        t.style = "Table Grid"
        t.autofit = False
        for col, width in zip(t.columns, widths_cm, strict=True):  # the grid: LibreOffice reads only this
            col.width = self.Cm(width)
        for cells, is_head in [(header, True)] + [(r, False) for r in rows]:
            row = t.rows[0] if is_head else t.add_row()
            trpr = row._tr.get_or_add_trPr()
            trpr.append(OxmlElement("w:cantSplit"))
            if is_head:
                trpr.append(OxmlElement("w:tblHeader"))  # repeated on every page
            for i, (cell, text) in enumerate(zip(row.cells, cells, strict=True)):
                cell.width = self.Cm(widths_cm[i])
                p = cell.paragraphs[0]
                p.paragraph_format.space_after = self.Pt(0)
                p.paragraph_format.line_spacing = 1.1
                for j, line in enumerate(text.split("\n")):
                    if j:
                        p = cell.add_paragraph()
                        p.paragraph_format.space_after = self.Pt(0)
                        p.paragraph_format.line_spacing = 1.1
                    self.run(p, line, "hei" if is_head else "song", size, bold=is_head or (bold_first and i == 0))
                if is_head:
                    shd = OxmlElement("w:shd")
                    for k, v in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", "D9E2F3")):
                        shd.set(self.qn(k), v)
                    cell._tc.get_or_add_tcPr().append(shd)
        return t

    def save(self, fh: IO[bytes]) -> None:
        self.doc.save(fh)


def deadline_rows(rows: list[Deadline]) -> tuple[list[str], list[list[str]]]:
    """The deadline table as text cells: 事项, 时限, 由谁, 起算, 要求, 依据."""
    header = ["事项", "时限", "由谁", "从何时起算", "要求（条文原文）", "依据"]
    out = []
    for r in rows:
        demand = [f"“{r.q(k)}”" for k in ("condition", "action", "then") if r.q(k)]
        extras = [(label, r.q(k)) for label, k in (("延长：", "extension"), ("延长条件：", "extension_condition"),
                                                   ("不计入：", "excluded"), ("除外：", "exception")) if r.q(k)]
        demand += [f"{label}“{text}”" for label, text in extras]
        if r.note:
            demand.append(f"说明：{r.note}")
        out.append([r.task, r.length_with_extension, r.q("who"), r.q("start") or "—", "\n".join(demand),
                    r.place.label()])
    return header, out


def add_deadline_table(w: WordDoc, rows: list[Deadline]) -> None:
    header, cells = deadline_rows(rows)
    total = w.text_width_cm
    shares = [0.15, 0.11, 0.14, 0.12, 0.34, 0.14]
    w.table(header, cells, [total * s for s in shares], bold_first=True)


def add_flow(w: WordDoc, flow: Flow) -> None:
    """The flow as a table, one step a row (Word and WPS draw tables; an SVG picture they may not)."""
    rows = []
    for i, s in enumerate(flow.steps, 1):
        what = [f"由谁：“{s.who.text}”"] + [f"“{q.text}”（{q.place.label()}）" for q in s.lines]
        what += [f"（{to_chinese(j)}）{b.label} → “{b.quote.text}”" + ("，继续下一步" if b.continues else "")
                 for j, b in enumerate(s.branches, 1)]
        limits = "\n".join(f"{d.task}：{d.length_with_extension}（{d.place.label()}）" for d in s.deadlines) or "—"
        rows.append([f"{to_chinese(i)}、{s.title}" + ("\n↓" if i < len(flow.steps) else ""), "\n".join(what),
                     limits, s.basis()])
    total = w.text_width_cm
    w.table(["步骤", "要求（引号内为条文原文）", "时限", "依据"], rows,
            [total * s for s in (0.17, 0.45, 0.24, 0.14)], bold_first=True)


def write_deadline_table(rows: list[Deadline], fh: IO[bytes], title: str) -> None:
    """xuezhi export 时限一览.docx --deadlines: the table alone, A4 landscape."""
    w = WordDoc(landscape=True)
    w.para(f"《{title}》时限一览", "hei", 18, bold=True, align=1, after=4)
    w.para("引号内为条文原文，“说明”为学知所加的注释。期间的计算：开始的当日不计入；最后一日是法定休假日的，"
           "顺延至休假日结束的次日（民法典第二百零一条、第二百零三条）。", "kai", SMALL_PT, colour=GREY, after=8)
    add_deadline_table(w, rows)
    w.save(fh)
