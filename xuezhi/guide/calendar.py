"""Counting a period in China's official calendar: days (日) and working days (工作日).

Rules (the general rule for periods, 《中华人民共和国民法典》):
- 第二百零一条: the day the period starts from is not counted; counting starts the next day;
- 第二百零三条: when the last day of a period is a statutory rest day or holiday, the period ends on
  the day after it (here: the first working day after it);
- 工作日: the days the State Council's yearly arrangement makes working days — Monday to Friday
  unless a holiday, plus the weekend days made working days in exchange (调休上班).

The official arrangement comes from the `chinese-calendar` package, which knows a fixed range of
years (it is updated when the State Council publishes the next year's arrangement); a count or a
roll-forward that needs a day outside that range is refused, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from xuezhi.errors import ExitCode, XuezhiError

WEEKDAYS = "一二三四五六日"


class OutsideCalendar(XuezhiError):
    """A day the official calendar in use does not cover."""

    def __init__(self, day: date, first: int, last: int, version: str) -> None:
        super().__init__(
            f"{chinese(day)}所在的 {day.year} 年不在节假日日历的范围内：chinese-calendar {version} 只收录 "
            f"{first}–{last} 年国务院公布的放假和调休安排，无法判断这一天是不是工作日。"
            + ("请升级 chinese-calendar（pip install -U chinese-calendar；离线安装的电脑换用新的离线安装包）后再算，"
               "或按当年的放假通知手工核对。" if day.year > last else
               f"{first} 年以前的安排不在任何版本中，请按当年的放假通知手工核对。"),
            ExitCode.BAD_INPUT)
        self.day = day


@dataclass(frozen=True)
class DayInfo:
    day: date
    workday: bool
    name: str | None  # 春节 / 国庆节 …, for holidays and make-up working days

    def describe(self) -> str:
        """星期三，工作日 / 星期六，春节调休上班 / 星期日，休息日 / 星期二，春节假期."""
        week = f"星期{WEEKDAYS[self.day.weekday()]}"
        weekend = self.day.weekday() >= 5
        if self.workday:
            return f"{week}，{self.name}调休上班" if weekend and self.name else f"{week}，工作日"
        if self.name:
            return f"{week}，{self.name}假期"
        return f"{week}，休息日"


@dataclass
class Calendar:
    """The official working-day calendar (chinese-calendar), with its range of years."""

    first_year: int
    last_year: int
    version: str
    _module: Any = field(repr=False)

    def check(self, day: date) -> None:
        if not self.first_year <= day.year <= self.last_year:
            raise OutsideCalendar(day, self.first_year, self.last_year, self.version)

    def info(self, day: date) -> DayInfo:
        self.check(day)
        holiday, name = self._module.get_holiday_detail(day)
        return DayInfo(day, not holiday, _CHINESE_NAMES.get(name, name) if name else None)

    def is_workday(self, day: date) -> bool:
        return self.info(day).workday

    def known(self, day: date) -> bool:
        return self.first_year <= day.year <= self.last_year


_CHINESE_NAMES: dict[str, str] = {}


def official() -> Calendar:
    """The calendar of the installed chinese-calendar (imported only by the calculator)."""
    import chinese_calendar

    _CHINESE_NAMES.update({h.value: h.chinese for h in chinese_calendar.Holiday})
    _CHINESE_NAMES["Anti-Fascist 70th Day"] = "抗战胜利70周年纪念日"
    years = [d.year for d in chinese_calendar.holidays]
    return Calendar(min(years), max(years), chinese_calendar.__version__, chinese_calendar)


@dataclass(frozen=True)
class Count:
    """How a period ends: the last day counted and, when it fell on a rest day, the day it moves to."""

    start: date
    amount: int
    unit: str  # 日 / 工作日
    last_counted: date  # the Nth day (日) or the Nth working day (工作日)
    due: date  # the last day of the period, after the roll-forward
    skipped: tuple[DayInfo, ...] = ()  # rest days between last_counted and due (the roll-forward)

    @property
    def rolled(self) -> bool:
        return self.due != self.last_counted


def count_days(cal: Calendar, start: date, days: int) -> Count:
    """N 日 from `start`: the start day not counted, the last day moved past rest days and holidays."""
    last = start + timedelta(days=days)
    due, skipped = _roll_forward(cal, last)
    return Count(start, days, "日", last, due, skipped)


def count_workdays(cal: Calendar, start: date, days: int) -> Count:
    """N 个工作日 from `start`: the start day not counted, the Nth working day after it."""
    day, counted = start, 0
    while counted < days:
        day += timedelta(days=1)
        if cal.is_workday(day):
            counted += 1
    return Count(start, days, "工作日", day, day)


def _roll_forward(cal: Calendar, day: date) -> tuple[date, tuple[DayInfo, ...]]:
    skipped: list[DayInfo] = []
    info = cal.info(day)
    while not info.workday:
        skipped.append(info)
        day += timedelta(days=1)
        info = cal.info(day)
    return day, tuple(skipped)


def count(cal: Calendar, start: date, amount: int, unit: str) -> Count:
    return count_workdays(cal, start, amount) if unit == "工作日" else count_days(cal, start, amount)


def chinese(day: date) -> str:
    """2026年2月24日."""
    return f"{day.year}年{day.month}月{day.day}日"


_SEPARATORS = str.maketrans({"/": "-", ".": "-", "年": "-", "月": "-", "－": "-"})


def parse_date(text: str, today: date | None = None) -> date:
    """2026-02-10, 2026/2/10, 2026.2.10, 2026年2月10日, 20260210, or 今天 (with `today`)."""
    raw = text.strip()
    if raw in ("今天", "今日", "today") and today is not None:
        return today
    s = raw.replace("日", "").translate(_SEPARATORS).strip("-")
    parts = s.split("-") if "-" in s else ([s[:4], s[4:6], s[6:]] if len(s) == 8 and s.isdigit() else [])
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        try:
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:
            raise XuezhiError(f"日期“{raw[:20]}”不存在（请检查月份和日子）。") from None
    raise XuezhiError(f"无法识别日期“{raw[:20]}”：请写成 2026-02-10 或 2026年2月10日。")
