"""The 答题卡 (answer sheet) and the 密封线 (binding strip) of a Word paper.

The answer sheet is its own part of the paper file, starting on a new page: the candidate's
details (or the 密封线), the score table, then per section numbered boxes — ten to a row for
single-choice and judge questions, five wider ones for multiple choice (up to six letters by
hand), and for blanks two questions to a row with a place for each blank. It fits one page for
the default paper.

The 密封线 is a rotated text box in the page header, so it is on every page of the part: 单位、
姓名、考号 along the left (binding) edge, then a dashed line with 密封线内不要答题. It is a VML
text box — the format Word itself still uses for header watermarks, read by Word, WPS and
LibreOffice alike; the dashed line is the dashed underline of a distributed paragraph, so it runs
the whole strip whatever the font's width (a row of dash characters would not).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from xuezhi.bank.model import QType
from xuezhi.export.docx_base import PAGE_H, SEALED, STYLE_IDS, TEXT_W, twips
from xuezhi.export.docx_xml import NBSP, para, run
from xuezhi.quiz.paper import Item, Paper, Section, Variant

if TYPE_CHECKING:
    from xuezhi.export.docx import Builder

LABEL_W = 1.3  # cm: the 题号/答案 column
BOX_H = 0.85  # cm: room to write an answer by hand
PER_ROW = {QType.SINGLE: 10, QType.JUDGE: 10, QType.MULTIPLE: 5}
SHEET_NOTE = ((QType.SINGLE, "选择题写字母"), (QType.JUDGE, "判断题写“√”或“×”"), (QType.BLANK, "填空题按空的顺序写"))


def candidate_fields(paper: Paper, last: str = "考号", size_pt: float | None = None, longer: float = 1.0) -> str:
    """单位：______　姓名：______　考号：______ (or 得分) as runs; the unit printed when it is given.
    `longer` stretches the lines (the 密封线 has room for longer ones)."""
    def text(t: str) -> str:
        return run(t, size_pt=size_pt)

    def line(n: int) -> str:
        return run(NBSP * round(n * longer), underline="single", size_pt=size_pt)

    unit = text(f"单位：{paper.unit}") if paper.unit else text("单位：") + line(28)
    return unit + text("　　姓名：") + line(20) + text(f"　　{last}：") + line(14 if last == "得分" else 20)


def sheet_note(v: Variant) -> str:
    """One line: what to write with, how each type present is answered, and that only the sheet counts."""
    types = {QType.SINGLE if s.type is QType.MULTIPLE else s.type for s in v.sections}
    return "用黑色钢笔或签字笔作答，" + "，".join(t for q, t in SHEET_NOTE if q in types) + "；写在试卷上无效。"


def answer_sheet(b: Builder, v: Variant, sealed: bool) -> None:
    b.p("试卷标题", run(f"{b.paper.variant_title(v)}答题卡"))
    if not sealed:
        b.p("考生信息", candidate_fields(b.paper))
    b.score_table(v)
    b.p("考试说明", run("注意：", bold=True) + run(sheet_note(v)))
    for s in v.sections:
        b.p("大题标题", run(s.heading), keep_next=True)
        if s.type is QType.BLANK:
            _blank_boxes(b, s)
        else:
            _boxes(b, s)


def _boxes(b: Builder, s: Section) -> None:
    per_row = PER_ROW[s.type]
    width = (TEXT_W - 0.5 - LABEL_W) / per_row
    rows: list[list[str]] = []
    items = list(s.items)
    for i in range(0, len(items), per_row):
        chunk = items[i:i + per_row]
        pad = [""] * (per_row - len(chunk))
        rows += [["题号", *(str(it.number) for it in chunk), *pad], ["答案", *[""] * per_row]]
    b.table(rows, [LABEL_W] + [width] * per_row, bold_rows=set(range(0, len(rows), 2)),
            heights=[0.6 if k % 2 == 0 else BOX_H for k in range(len(rows))], keep_rows=set(range(0, len(rows), 2)))


def _blank_boxes(b: Builder, s: Section) -> None:
    """Two questions to a row: a number, then a line to write on for each blank, marked （1）（2）…
    when there are several."""
    num_w = 1.0
    answer_w = (TEXT_W - 0.5) / 2 - num_w
    cell_style, pitch, half = b.ids["表格"], twips(BOX_H), twips(answer_w / 2)

    def cells(item: Item | None) -> str:
        n = len(item.question.blanks) if item else 1
        labels = [f"（{k}）" for k in range(1, n + 1)] if n > 1 else [""]
        lines = "".join(f'<w:p><w:pPr><w:pStyle w:val="{cell_style}"/><w:tabs><w:tab w:val="left" w:pos="{half}"/>'
                        f'</w:tabs><w:spacing w:line="{pitch}" w:lineRule="exact"/></w:pPr>'
                        f'{run(chr(9).join(labels[k:k + 2]))}</w:p>' for k in range(0, n, 2))
        number = run(str(item.number), bold=True) if item else ""
        return (f'<w:tc><w:tcPr><w:tcW w:w="{twips(num_w)}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
                f'<w:p><w:pPr><w:pStyle w:val="{cell_style}"/><w:jc w:val="center"/></w:pPr>{number}</w:p></w:tc>'
                f'<w:tc><w:tcPr><w:tcW w:w="{twips(answer_w)}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
                f'{lines}</w:tc>')

    items: list[Item | None] = list(s.items)
    rows = "".join(f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{pitch}"/></w:trPr>'
                   f'{cells(items[i])}{cells(items[i + 1] if i + 1 < len(items) else None)}</w:tr>'
                   for i in range(0, len(items), 2))
    widths = [num_w, answer_w, num_w, answer_w]
    grid = "".join(f'<w:gridCol w:w="{twips(w)}"/>' for w in widths)
    b.body.append(
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{b.ids["Table Grid"]}"/><w:tblW w:w="{twips(sum(widths))}" '
        'w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0"/></w:tblPr>'
        f'<w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>')


# ---------------------------------------------------------------- 密封线

SEAL_X, SEAL_W = 0.6, 2.3  # cm from the page's left edge: the strip, left of the 3.6 cm margin
SEAL_SHAPE_ID = "XzSeal"


def seal_line(paper: Paper, n: int = 1) -> str:
    """The runs of a header paragraph that draw the 密封线 on every page of the section; `n` numbers
    the shape (each header has its own, and Word expects shape ids to be unique in a file)."""
    top, height = SEALED.top, PAGE_H - SEALED.top - SEALED.bottom
    fields = candidate_fields(paper, size_pt=10.5, longer=1.6)
    line = run("密　封　线　内　不　要　答　题", underline="dash", size_pt=10.5)
    style_id = STYLE_IDS["表格"]
    content = (para(style_id, fields, jc="center", extra_ppr='<w:spacing w:after="160"/>')
               + para(style_id, line, jc="distribute"))
    style = (f"position:absolute;margin-left:{SEAL_X}cm;margin-top:{top}cm;width:{SEAL_W}cm;height:{height}cm;"
             "z-index:251659264;mso-position-horizontal-relative:page;mso-position-vertical-relative:page;"
             "layout-flow:vertical;mso-layout-flow-alt:bottom-to-top;v-text-anchor:middle")
    return ('<w:r><w:pict><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
            'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
            '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
            f'<v:shape id="{SEAL_SHAPE_ID}{n}" o:spid="_x0000_s{1024 + n}" type="#_x0000_t202" style="{style}" '
            'filled="f" stroked="f"><v:textbox style="layout-flow:vertical;mso-layout-flow-alt:bottom-to-top" '
            f'inset="0,0,0,0"><w:txbxContent>{content}</w:txbxContent></v:textbox>'
            '<w10:wrap anchorx="page" anchory="page"/></v:shape></w:pict></w:r>')
