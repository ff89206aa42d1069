"""The 新旧对照表 as a Word document: A4 landscape, one three-column table (old text, new text,
变化) whose header repeats on every page, then the list of systematic renamings.

Deleted words are struck through (red), inserted ones bold and underlined, so the marks survive
a black-and-white printer. Fonts as in the exported papers (xuezhi.export.docx_base): 宋体 text,
黑体 headings, declared so that WPS and LibreOffice pick a Simplified Chinese font.
"""

from __future__ import annotations

import re
from typing import IO, Any

from xuezhi.compare.align import Alignment, Row
from xuezhi.compare.diff import diff, segments
from xuezhi.compare.report import Names, counts_line, new_label, new_summary, percent, title

MARGIN = 1.8  # cm, all round (A4 landscape)
COLUMNS = (10.7, 10.7, 4.7)  # cm: old text, new text, 变化
BODY_PT, TITLE_PT = 10.5, 16  # 五号, 三号
DELETED_RGB, INSERTED_RGB = "C00000", "1F3864"
LABEL = re.compile(r"^〔(第.+)〕$")


class _Doc:
    def __init__(self) -> None:
        from docx.oxml.ns import qn
        from docx.shared import Cm, Pt

        from xuezhi.export.docx_base import HEI, LATIN, plain_document, set_fonts

        self.Pt, self.Cm, self.qn, self.hei = Pt, Cm, qn, HEI
        self.doc = plain_document(landscape=True, margins_cm=(MARGIN, MARGIN), body_pt=BODY_PT, line_spacing=1.15)
        self._latin = LATIN
        self._set_fonts = set_fonts

    def heading(self, text: str, size: float, center: bool = False) -> None:
        p = self.doc.add_paragraph()
        r = p.add_run(text)
        r.font.size, r.font.bold = self.Pt(size), True
        self._set_fonts(r._r.get_or_add_rPr(), self._latin, self.hei)
        p.paragraph_format.space_after = self.Pt(6)
        p.paragraph_format.space_before = self.Pt(0 if center else 12)
        if center:
            p.alignment = 1

    def para(self, text: str, size: float = BODY_PT, grey: bool = False) -> None:
        from docx.shared import RGBColor

        p = self.doc.add_paragraph()
        r = p.add_run(text)
        r.font.size = self.Pt(size)
        if grey:
            r.font.color.rgb = RGBColor.from_string("595959")
        p.paragraph_format.space_after = self.Pt(4)

    def page_numbers(self) -> None:
        from docx.oxml import OxmlElement

        p = self.doc.sections[0].footer.paragraphs[0]
        p.alignment = 1
        p.add_run("第 ")
        fld = OxmlElement("w:fldSimple")
        fld.set(self.qn("w:instr"), " PAGE ")
        r, t = OxmlElement("w:r"), OxmlElement("w:t")
        t.text = "1"
        r.append(t)
        fld.append(r)
        p._p.append(fld)
        p.add_run(" 页")


def _fill(cell: Any, runs: list[tuple[str, str]], which: str, first: bool = True) -> None:
    """Write `runs` into a table cell, a paragraph per line; a 〔第九条〕 line becomes a bold label."""
    from docx.shared import RGBColor

    para = cell.paragraphs[0] if first else cell.add_paragraph()
    for chunk, kind in runs:
        for k, line in enumerate(chunk.split("\n")):
            if k:
                para = cell.add_paragraph()
            if not line:
                continue
            m = LABEL.match(line) if kind == "" else None
            r = para.add_run(m.group(1) if m else line)
            if m:
                r.font.bold = True
            elif kind == "changed" and which == "old":
                r.font.strike = True
                r.font.color.rgb = RGBColor.from_string(DELETED_RGB)
            elif kind == "changed":
                r.font.bold = True
                r.font.underline = True
                r.font.color.rgb = RGBColor.from_string(INSERTED_RGB)


def _bold_line(cell: Any, text: str, first: bool = True) -> None:
    p = cell.paragraphs[0] if first else cell.add_paragraph()
    p.add_run(text).font.bold = True


def _change_cell(cell: Any, row: Row) -> None:
    facts = row.kind_label + (f"（相似度 {percent(row.similarity)}）" if row.similarity is not None else "")
    _bold_line(cell, facts)
    if row.shape:
        cell.add_paragraph(row.shape)
    if row.point:
        cell.add_paragraph("要点：" + row.point)
    elif row.why:
        cell.add_paragraph(("理由：" if row.kind in ("added", "deleted") else "对齐依据：") + row.why)


def write(al: Alignment, rows: list[Row], fh: IO[bytes]) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement

    d = _Doc()
    names = Names.of(al)
    d.heading(title(al), TITLE_PT, center=True)
    d.para(counts_line(al))
    d.para(f"删去的文字加删除线，新增的文字加粗并加下划线。比较前去掉标点、统一数字写法，并把{names.old}条文中的"
           "系统性改称（见文末）换成新的说法，这些不算变化。相似度为两段文字在这一处理后的相似程度（0–100%）。",
           grey=True)
    table = d.doc.add_table(rows=1, cols=3)
    table.style = d.doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    head = table.rows[0]
    tr_pr = head._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the header row is printed again on every page
    repeat.set(d.qn("w:val"), "true")
    tr_pr.append(repeat)
    for cell, text in zip(head.cells, (f"{names.old}《{al.old.title}》", f"{names.new}《{al.new.title}》", "变化"),
                          strict=True):
        _bold_line(cell, text)
        cell.paragraphs[0].alignment = 1
    for row in rows:
        old, new = al.old_side(row, labelled=True), al.new_side(row)
        changes = diff(old, new) if row.old and row.new else []
        cells = table.add_row().cells
        if row.old:
            _fill(cells[0], segments(old, changes, "old") if changes else [(old.text, "")], "old")
        else:
            cells[0].paragraphs[0].add_run("（无）")
        if row.new:
            _bold_line(cells[1], new_label(al, row) + (f"　{new_summary(al, row)}" if new_summary(al, row) else ""))
            _fill(cells[1], segments(new, changes, "new") if changes else [(new.text, "")], "new", first=False)
        else:
            cells[1].paragraphs[0].add_run("（无）")
        _change_cell(cells[2], row)
    for r in table.rows:
        for cell, width in zip(r.cells, COLUMNS, strict=True):
            cell.width = d.Cm(width)
    if al.curation.renamings:
        d.heading(f"比较时视为相同的系统性改称（{names.old} → {names.new}）", 12)
        for ren in al.curation.renamings:
            d.para(f"{ren.old} → {ren.new}" + (f"：{ren.why}" if ren.why else ""))
    d.page_numbers()
    d.doc.core_properties.title = title(al)[:255]
    d.doc.save(fh)
