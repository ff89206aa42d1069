"""The deadline table as Excel (xuezhi export 时限一览.xlsx --deadlines): one row per period or count,
one column per field, the text's words as they are (cells guarded against formula injection)."""

from __future__ import annotations

from typing import IO

from xuezhi.export.cells import neutralise as safe_cell
from xuezhi.guide.deadlines import FIELD_LABELS, QUOTED_FIELDS, Deadline

HEADER = ["编号", "事项", "类别", "时限", "天数或人数", "单位", "可延长天数", "依据",
          *(FIELD_LABELS[k] for k in QUOTED_FIELDS), "说明"]


def write(rows: list[Deadline], fh: IO[bytes], title: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "时限一览"
    ws.append([safe_cell(h) for h in HEADER])
    for r in rows:
        fields = [r.q(k) + (f"（{q.place.label()}）" if (q := r.quotes.get(k)) and q.place != r.place else "")
                  for k in QUOTED_FIELDS]
        ws.append([safe_cell(x) if isinstance(x, str) else x for x in (
            r.id, r.task, r.group, r.length, r.amount, r.unit or "", r.extension_days, r.place.label(), *fields,
            r.note)])
    head_font, fill = Font(bold=True), PatternFill("solid", fgColor="D9E2F3")
    for cell in ws[1]:
        cell.font, cell.fill = head_font, fill
    widths = {"A": 10, "B": 24, "C": 12, "D": 20, "H": 20}
    for col in ws.iter_cols(min_row=1, max_row=1):
        letter = col[0].column_letter
        ws.column_dimensions[letter].width = widths.get(letter, 30 if col[0].column > 8 else 10)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "C2"
    wb.properties.title = f"《{title}》时限一览"
    wb.save(fh)
