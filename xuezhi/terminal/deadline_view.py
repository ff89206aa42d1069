"""The deadline table and the calculator's dates on a terminal.

One card per row rather than a wide table: at 60 columns a table of seven Chinese columns is
unreadable, a card of labelled lines is not. The text's own words are printed in “…”, the
project's notes after 说明, so a reader sees which is which without colour."""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.text import Text

from xuezhi.guide.calculator import DISCLAIMER, RULES, Calculation, Due, explain
from xuezhi.guide.calendar import WEEKDAYS, chinese
from xuezhi.guide.deadlines import EVENTS, FIELD_LABELS, GROUPS, Deadline, DeadlineTable
from xuezhi.terminal.console import Ui
from xuezhi.terminal.render import hanging
from xuezhi.text.numerals import to_chinese

INDENT = 3


def wraps(ui: Ui) -> bool:
    """Lay text out for a terminal's width (hanging indents): Ui.wraps where the console module has
    it (a terminal, coloured or not), else a styled console."""
    return bool(getattr(ui, "wraps", not ui.plain))
CARD_FIELDS = ("scope", "condition", "who", "start", "limit", "action", "then", "exception", "extension",
               "extension_condition", "extension_then", "excluded", "consequence")


def labelled(label: str, text: Text | str, ui: Ui, indent: int = INDENT) -> RenderableType:
    """`label：text`; on a terminal, wrapped lines stay under the text."""
    return hanging(" " * indent + label + "：", [text if isinstance(text, Text) else Text(text)], ui)


def _bullet(text: str, ui: Ui) -> RenderableType:
    """`  · text`, wrapped lines under the text on a terminal."""
    return hanging("  · ", [Text(text)], ui)


def _quoted(row: Deadline, key: str) -> Text:
    quote = row.quotes[key]
    t = Text(f"“{quote.text}”")
    if quote.place != row.place:
        t.append(f"（{quote.place.label()}）", style="dim")
    return t


def _head(number: int, task: str, length: str, place: str, ui: Ui) -> Text:
    """`1. 任务　15日　第二十二条第一款`; on a terminal too narrow, the length and the place go to the
    next line whole (a break inside 30日 or 第三十四条 is legal but hard to read)."""
    head = Text(f"{number}. ")
    head.append(task, style="bold")
    narrow = wraps(ui) and cell_len(f"{number}. {task}　{length}　{place}") > ui.out.width
    head.append(("\n   " if narrow else "　") + length, style="bold cyan")
    head.append(f"　{place}", style="dim")
    return head


def card(row: Deadline, number: int, ui: Ui) -> RenderableType:
    head = _head(number, row.task, row.length_with_extension, row.place.label(), ui)
    lines: list[RenderableType] = [head]
    lines += [labelled(FIELD_LABELS[k], _quoted(row, k), ui) for k in CARD_FIELDS if k in row.quotes]
    if row.note:
        lines.append(labelled("说明", Text(row.note, style="dim"), ui))
    return Group(*lines)


def table_view(table: DeadlineTable, ui: Ui, title: str) -> RenderableType:
    parts: list[RenderableType] = [
        Text(f"时限一览：《{title}》中的时限和人数（{len(table.rows)} 项）", style="bold"),
        Text("引号内是条文原文；“说明”是本工具的注释。用 xuezhi deadlines --from 日期 推算具体日期。", style="dim"),
    ]
    number = 0
    for gi, group in enumerate(GROUPS, 1):
        rows = [r for r in table.rows if r.group == group]
        if not rows:
            continue
        parts += [Text(""), Text(f"{to_chinese(gi)}、{group}", style="bold")]
        for row in rows:
            number += 1
            parts.append(card(row, number, ui))
    return Group(*parts)


def _due_lines(due: Due, number: int, ui: Ui) -> RenderableType:
    head = _head(number, due.row.task, f"“{due.row.q('limit')}”", due.row.place.label(), ui)
    lines: list[RenderableType] = [head]
    if due.refused or due.count is None:
        lines.append(labelled("无法推算", Text("超出节假日日历收录的年份（见下方说明）", style="bold red"), ui))
        if due.count is not None:
            lines.append(labelled("最迟", _date(due.count.due, ui), ui))
        return Group(*lines)
    lines.append(labelled("最迟", _date(due.count.due, ui), ui))
    lines.append(labelled("推算", explain(due.count), ui))
    if due.extended is not None:
        ext = Text(f"最迟 {chinese(due.extended.due)}", style="bold")
        ext.append(f"（{explain(due.extended)}）")
        lines.append(labelled("延长后", ext, ui))
        lines.append(labelled("延长条件", _quoted(due.row, "extension_condition"), ui))
    if "excluded" in due.row.quotes:
        lines.append(labelled("注意", Text(f"举行听证的，{due.row.q('excluded')}，期限相应顺延。"), ui))
    return Group(*lines)


def _weekday(day: date) -> str:
    return f"（星期{WEEKDAYS[day.weekday()]}）"


def _date(day: date, ui: Ui) -> Text:
    t = Text(chinese(day), style="bold")
    t.append(_weekday(day))
    return t


def calculation_view(calc: Calculation, ui: Ui) -> RenderableType:
    parts: list[RenderableType] = [Text(f"期限推算：自 {chinese(calc.start)}{_weekday(calc.start)}起",
                                        style="bold")]
    number = 0
    for event in calc.events:
        dues = [d for d in calc.dues if d.row.event == event]
        if not dues:
            continue
        parts += [Text(""), Text(f"若 {chinese(calc.start)} 是{EVENTS[event]}：", style="bold")]
        for due in dues:
            number += 1
            parts.append(_due_lines(due, number, ui))
    parts += [Text(""), Text("计算规则：", style="bold")]
    parts += [_bullet(f"{rule}（{basis}）", ui) for rule, basis in RULES]
    parts.append(Text(f"节假日日历：{calc.calendar}", style="dim"))
    parts.append(Text(DISCLAIMER, style="dim"))
    return Group(*parts)
