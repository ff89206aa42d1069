"""Time: the current moment (XUEZHI_NOW fixes it for tests and demonstrations), how it is
stored (UTC ISO text of fixed width, which sorts as text) and how a duration reads."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from xuezhi.errors import XuezhiError

NOW_ENV = "XUEZHI_NOW"  # a fixed "now" (ISO datetime) for tests and demonstrations


def now() -> datetime:
    """The current time, timezone-aware in the local zone; XUEZHI_NOW fixes it (tests, demos)."""
    fixed = os.environ.get(NOW_ENV)
    if fixed:
        try:
            dt = datetime.fromisoformat(fixed)
            dt = dt if dt.tzinfo else dt.astimezone()
            if not 1970 <= dt.year <= 2999:  # dates around it (a 30-day strip, next week) must exist
                raise ValueError(dt.year)
        except (ValueError, OverflowError, OSError):
            raise XuezhiError(f"环境变量 {NOW_ENV} 的值“{fixed}”不是有效的时间"
                              f"（应为 1970–2999 年间的时间，如 2025-03-01T09:00:00+08:00）。") from None
        return dt
    return datetime.now().astimezone()


def iso(dt: datetime) -> str:
    """UTC, fixed width, sortable as text: 2025-03-01T01:00:00.000+00:00."""
    return dt.astimezone(UTC).isoformat(timespec="milliseconds")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text)


def stamp() -> str:
    """The local time for a file name: 20250301-090000 (XUEZHI_NOW fixes it, as every other time)."""
    return now().strftime("%Y%m%d-%H%M%S")


def format_duration(seconds: float) -> str:
    s = round(seconds)
    h, rem = divmod(s, 3600)
    m, s = divmod(rem, 60)
    if h:
        return f"{h}小时{m}分{s}秒"
    return f"{m}分{s}秒" if m else f"{s}秒"
