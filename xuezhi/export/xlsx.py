"""Excel workbook: one row per question under a header row, ready for an exam platform's import,
and readable on screen and on paper.

Every text cell wraps and each row is as high as its longest cell needs (estimated from the text:
LibreOffice does not fit a row to wrapped text when it opens the file, and Excel only on editing),
columns are sized for their content, the header row stays in
view and is repeated on every printed page, and the sheet prints landscape on A4, fitted to the
page width (a bank of 350 questions is about 40 pages instead of 37 portrait pages cut into
column strips).

Written in openpyxl's write-only mode: a 1,000-question bank takes a fraction of a second.
"""

from __future__ import annotations

from typing import IO

from xuezhi.export.cells import HEADER, rows
from xuezhi.export.docx_xml import width_em
from xuezhi.quiz.paper import Paper, Variant

# Column widths in characters (Excel's unit: one digit of the default font; a Chinese character is two).
WIDTHS = {"题型": 7, "题干": 36, "选项A": 14, "选项B": 14, "选项C": 14, "选项D": 14, "选项E": 8, "选项F": 8,
          "答案": 7, "解析": 36, "分值": 5, "难度": 5, "条文依据": 12, "题目编号": 9, "章": 10}
CENTRED = {"题型", "答案", "分值", "难度", "题目编号"}
A4 = 9  # the page setup's paperSize code
FONT_PT, LINE_PT = 10, 13  # 宋体 10 pt, and a line of it (Excel: 12.75 pt, LibreOffice with Noto CJK: 11 pt)
CJK_UNITS = 1.8  # width units of a CJK character of that font (a unit is a digit of the default font)


def row_height(values: list[object], widths: list[float]) -> float:
    """Points: enough lines for the longest cell (wrapped text is estimated, not measured)."""
    lines = 1
    for value, width in zip(values, widths, strict=True):
        if isinstance(value, str) and value:
            per_line = max(1.0, width - 1)  # the cell's padding
            lines = max(lines, sum(-(-CJK_UNITS * width_em(part) // per_line) or 1 for part in value.split("\n")))
    return lines * LINE_PT + 4


def write(paper: Paper, variant: Variant | None, fh: IO[bytes], part: str = "all") -> list[str]:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    assert variant is not None
    wb = Workbook(write_only=True)
    ws = wb.create_sheet((variant.label or "题目")[:31])
    widths = [WIDTHS.get(name, 14) for name in HEADER]
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    data = rows(paper, variant)
    last_col = get_column_letter(len(HEADER))
    ws.auto_filter.ref = f"A1:{last_col}{len(data) + 1}"

    # Print: landscape A4, one page wide, the header row on every page, 第 X 页 共 Y 页 in the footer.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = "1:1"
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.8  # inches; the title and page number sit in the 0.35 above
    ws.page_margins.header = ws.page_margins.footer = 0.35
    ws.print_options.gridLines = False
    ws.oddHeader.center.text = paper.variant_title(variant)[:200].replace("&", "&&")
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"

    # Named styles: a cell takes one by name, where setting font, border and alignment one by one
    # hashes each of them again for every cell (three times slower for 1,000 questions).
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    font = Font(name="宋体", size=FONT_PT)
    styles = {
        "题库表头": NamedStyle("题库表头", font=Font(name="黑体", size=FONT_PT), border=border,
                           fill=PatternFill("solid", fgColor="D9D9D9"),
                           alignment=Alignment(wrap_text=True, vertical="center", horizontal="center")),
        "题库文字": NamedStyle("题库文字", font=font, border=border,
                           alignment=Alignment(wrap_text=True, vertical="top")),
        "题库居中": NamedStyle("题库居中", font=font, border=border,
                           alignment=Alignment(wrap_text=True, vertical="top", horizontal="center")),
    }
    for st in styles.values():
        wb.add_named_style(st)

    def cell(value: object, style: str) -> WriteOnlyCell:
        c = WriteOnlyCell(ws, value=value)
        if isinstance(value, str):
            c.data_type = TYPE_STRING  # text stays text, whatever it begins with
        c.style = style
        return c

    ws.row_dimensions[1].height = row_height(list(HEADER), widths)
    ws.append([cell(h, "题库表头") for h in HEADER])
    kinds = ["题库居中" if name in CENTRED else "题库文字" for name in HEADER]
    for n, r in enumerate(data, 2):
        ws.row_dimensions[n].height = row_height(r, widths)
        ws.append([cell(value, kind) for value, kind in zip(r, kinds, strict=True)])
    wb.properties.title = paper.variant_title(variant)
    wb.properties.creator = "xuezhi"
    wb.save(fh)
    return []
