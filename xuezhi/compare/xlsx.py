"""The 新旧对照表 as an Excel workbook: one row per line of the table, for filtering and sorting
(by 变化, by similarity) and for pasting into a trainer's own materials.

The texts are plain: the change marks are written in as 〔删：…〕 and 〔增：…〕 (the 逐字对照 column),
which survive copying into any other program. Written in openpyxl's write-only mode.
"""

from __future__ import annotations

from typing import IO

from xuezhi.compare.align import Alignment, Row
from xuezhi.compare.diff import diff, marked
from xuezhi.compare.report import Names, new_label, new_summary, title

WIDTHS = (11, 26, 30, 18, 8, 10, 50, 50, 60, 50)
WRAPPED = {1, 2, 6, 7, 8, 9}  # the columns of text


def header(al: Alignment) -> list[str]:
    names = Names.of(al)
    return [f"{names.new}条文", "条旨", f"{names.old}条文", "变化", "相似度", "对齐", f"{names.old}原文",
            f"{names.new}原文", "逐字对照（〔删：〕〔增：〕）", "要点或理由"]


def cells(al: Alignment, row: Row) -> list[str | float | None]:
    old, new = al.old_side(row, labelled=True), al.new_side(row)
    both = bool(row.old and row.new)
    return [new_label(al, row), new_summary(al, row), row.old_label(),
            row.kind_label + (f"（{row.shape}）" if row.shape else ""),
            row.similarity, "人工核对" if row.curated else "按相似度", old.text, new.text,
            marked(old, new, diff(old, new)) if both else "", row.point or row.why]


def write(al: Alignment, rows: list[Row], fh: IO[bytes]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.styles import Alignment as CellAlignment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from xuezhi.export.cells import neutralise

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("新旧对照")
    names = header(al)
    for i, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(names))}{len(rows) + 1}"
    bold, wrap, top = Font(bold=True), CellAlignment(wrap_text=True, vertical="top"), CellAlignment(vertical="top")

    def cell(value: str | float | None, col: int, head: bool = False) -> WriteOnlyCell:
        c = WriteOnlyCell(ws, value=neutralise(value) if isinstance(value, str) else value)
        if isinstance(value, str):
            c.data_type = TYPE_STRING  # text stays text, whatever it begins with
        if head:
            c.font = bold
        elif isinstance(value, float):
            c.number_format = "0.0"
        c.alignment = wrap if col in WRAPPED else top
        return c

    ws.append([cell(h, i, head=True) for i, h in enumerate(names)])
    for row in rows:
        ws.append([cell(v, i) for i, v in enumerate(cells(al, row))])
    wb.properties.title = title(al)
    wb.properties.creator = "xuezhi"
    wb.save(fh)
