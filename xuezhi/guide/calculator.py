"""The deadline calculator (xuezhi deadlines --from DATE): each period of the table that runs from the
given event, as a date in the official calendar, with the rule that produced it.

A study aid: it applies the general rule for counting periods to the regulation's words; it does
not know the facts of a case (when a matter was really 受理, whether a hearing was held)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from xuezhi.errors import XuezhiError, shown
from xuezhi.guide.calendar import Calendar, Count, OutsideCalendar, chinese, count
from xuezhi.guide.deadlines import EVENTS, Deadline, DeadlineTable

RULES = (
    ("期间开始的当日不计入，自下一日开始计算。", "民法典第二百零一条"),
    ("期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日（顺延到其后第一个工作日）。",
     "民法典第二百零三条"),
    ("“工作日”按国务院公布的放假和调休安排计算：节假日和公休日不计，调休上班日计入。", "国务院办公厅放假通知"),
    ("延长期限自原期限届满的次日起算，同样适用上面的规则。", "本工具的理解，条例未写明"),
)
DISCLAIMER = ("本结果是学习辅助，按条文和期间计算的一般规则推算，不是法律意见；"
              "办理具体案件请以有关规定和机关的认定为准。")


@dataclass(frozen=True)
class Due:
    row: Deadline
    count: Count | None
    extended: Count | None = None
    refused: str | None = None  # why it could not be computed (a year the calendar does not know)

    def as_dict(self) -> dict[str, Any]:
        def one(c: Count | None) -> dict[str, Any] | None:
            if c is None:
                return None
            return {"amount": c.amount, "unit": c.unit, "last_counted": c.last_counted.isoformat(),
                    "due": c.due.isoformat(), "rolled_over": c.rolled,
                    "skipped": [{"date": s.day.isoformat(), "what": s.describe()} for s in c.skipped]}

        return {"id": self.row.id, "task": self.row.task, "label": self.row.place.label(),
                "event": self.row.event, "limit": self.row.q("limit"), "due": one(self.count),
                "extended": one(self.extended), "excluded": self.row.q("excluded") or None,
                "error": self.refused}


@dataclass(frozen=True)
class Calculation:
    start: date
    events: tuple[str, ...]
    dues: tuple[Due, ...]
    calendar: str  # chinese-calendar 1.11.0（2004–2026 年）

    @property
    def refused(self) -> list[Due]:
        return [d for d in self.dues if d.refused]

    def as_dict(self) -> dict[str, Any]:
        return {"from": self.start.isoformat(), "events": list(self.events),
                "calendar": self.calendar, "rules": [{"rule": r, "basis": b} for r, b in RULES],
                "disclaimer": DISCLAIMER, "deadlines": [d.as_dict() for d in self.dues]}


def choose(table: DeadlineTable, kinds: list[str] | None) -> tuple[tuple[str, ...], list[Deadline]]:
    """The rows to compute: by event (收到, 受理 …) or by row id (受理告知, 办结 …); 收到 by default;
    全部 for every period."""
    countable = [r for r in table.rows if r.event and r.unit in ("日", "工作日")]
    wanted = [k.strip() for part in (kinds or ["收到"]) for k in part.replace("，", ",").replace("、", ",").split(",")
              if k.strip()]
    events: list[str] = []
    rows: list[Deadline] = []
    for k in wanted:
        if k in ("全部", "all"):
            events += [e for e in EVENTS if e not in events]
            rows += [r for r in countable if r not in rows]
        elif k in EVENTS:
            events += [k] if k not in events else []
            rows += [r for r in countable if r.event == k and r not in rows]
        elif (row := table.get(k)) is not None and row in countable:
            events += [row.event] if row.event not in events else []  # type: ignore[list-item]
            rows += [row] if row not in rows else []
        else:
            names = "、".join(EVENTS) + "、全部，或一行的编号（" + "、".join(r.id for r in countable) + "）"
            raise XuezhiError(f"--kind 的值“{shown(k)}”无效：可选 {names}。")
    return tuple(events), rows


def calculate(table: DeadlineTable, start: date, cal: Calendar, kinds: list[str] | None = None) -> Calculation:
    events, rows = choose(table, kinds)
    dues = tuple(_due(row, start, cal) for row in rows)
    return Calculation(start, events, dues, f"chinese-calendar {cal.version}（{cal.first_year}–{cal.last_year} 年）")


def _due(row: Deadline, start: date, cal: Calendar) -> Due:
    assert row.amount is not None and row.unit is not None
    try:
        first = count(cal, start, row.amount, row.unit)
    except OutsideCalendar as e:
        return Due(row, None, refused=e.message)
    ext = row.extension_days
    if not ext:
        return Due(row, first)
    try:
        return Due(row, first, count(cal, first.due, ext, "日"))
    except OutsideCalendar as e:
        return Due(row, first, refused=f"延长后的期限：{e.message}")


def explain(c: Count) -> str:
    """第15日是2026年2月25日 / 第15日是2026年2月22日，遇休息日、春节假期，顺延至2026年2月24日."""
    nth = f"第{c.amount}{'个工作日' if c.unit == '工作日' else '日'}"
    if not c.rolled:
        return f"{nth}是{chinese(c.last_counted)}"
    reasons = "、".join(dict.fromkeys(s.describe().split("，", 1)[1] for s in c.skipped))
    return f"{nth}是{chinese(c.last_counted)}，遇{reasons}，顺延至{chinese(c.due)}"
