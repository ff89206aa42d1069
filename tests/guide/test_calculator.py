"""The deadline calculator on dates around the 2026 holidays, make-up working days and month ends.

The 2026 arrangement, as the installed chinese-calendar 1.11.0 holds it (chinese_calendar.constants;
it is the State Council's notice for 2026):
- 元旦: off 1月1日(四)–3日(六); 1月4日(日) is a working day;
- 春节: off 2月15日(日)–23日(一), nine days; 2月14日(六) and 2月28日(六) are working days;
- 清明 4月4日–6日; 劳动节 off 5月1日–5日, 5月9日(六) a working day; 端午 6月19日–21日;
- 中秋 9月25日(五)–27日(日);
- 国庆: off 10月1日(四)–7日(三); 9月20日(日) and 10月10日(六) are working days.
The first test checks that the package says exactly this, so the hand computations below rest on it.
Counting: the start day is not counted (民法典第二百零一条); a last day that is a rest day or holiday
moves to the next working day (第二百零三条); working days follow the arrangement above.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from xuezhi.guide.calculator import calculate, explain
from xuezhi.guide.calendar import OutsideCalendar, count_days, count_workdays, official, parse_date
from xuezhi.guide.deadlines import load_table


@pytest.fixture(scope="module")
def cal():
    return official()


def d(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


def test_the_package_holds_the_2026_arrangement(cal):
    def off(a: date, b: date) -> list[date]:
        return [a + timedelta(days=i) for i in range((b - a).days + 1)]

    for first, last in ((d(1, 1), d(1, 3)), (d(2, 15), d(2, 23)), (d(5, 1), d(5, 5)), (d(10, 1), d(10, 7))):
        assert not any(cal.is_workday(x) for x in off(first, last)), (first, last)
    for makeup in (d(1, 4), d(2, 14), d(2, 28), d(5, 9), d(9, 20), d(10, 10)):
        assert makeup.weekday() >= 5 and cal.is_workday(makeup), makeup
    assert cal.is_workday(d(2, 24)) and cal.is_workday(d(10, 8))
    assert cal.info(d(2, 14)).describe() == "星期六，春节调休上班"
    assert cal.info(d(10, 3)).describe() == "星期六，国庆节假期"


def test_spring_festival_moves_a_15_day_period_past_the_holiday(cal):
    # received Sat 2月7日: day 1 is 2月8日, day 15 is Sun 2月22日, inside the holiday (15–23日);
    # 23日 (Mon) is still a holiday, so the period ends Tue 2月24日.
    c = count_days(cal, d(2, 7), 15)
    assert (c.last_counted, c.due, c.rolled) == (d(2, 22), d(2, 24), True)
    assert explain(c) == "第15日是2026年2月22日，遇春节假期，顺延至2026年2月24日"


def test_a_make_up_working_day_ends_a_period_without_moving_it(cal):
    # received Fri 1月30日: day 15 is Sat 2月14日, a make-up working day before the holiday: no roll-forward.
    assert count_days(cal, d(1, 30), 15).due == d(2, 14)
    # received Fri 2月13日: day 15 is Sat 2月28日, the make-up working day after the holiday.
    assert count_days(cal, d(2, 13), 15).due == d(2, 28)


def test_five_working_days_across_the_spring_festival(cal):
    # received Tue 2月10日: 11日(三) 1, 12日(四) 2, 13日(五) 3, 14日(六, 调休上班) 4, 15–23日 off, 24日(二) 5.
    assert count_workdays(cal, d(2, 10), 5).due == d(2, 24)
    # received Sat 2月7日: 9日(一) 1 … 13日(五) 5 (8日 is a Sunday; the start day is never counted).
    assert count_workdays(cal, d(2, 7), 5).due == d(2, 13)


def test_five_working_days_around_national_day(cal):
    # received Thu 9月17日: 18日(五) 1, 19日(六) off, 20日(日, 调休上班) 2, 21日 3, 22日 4, 23日(三) 5.
    assert count_workdays(cal, d(9, 17), 5).due == d(9, 23)
    # received Tue 9月29日: 30日(三) 1, 10月1–7日 off, 8日(四) 2, 9日(五) 3, 10日(六, 调休上班) 4, 12日(一) 5.
    assert count_workdays(cal, d(9, 29), 5).due == d(10, 12)


def test_sixty_days_and_the_extension_over_national_day(cal):
    # accepted Mon 8月3日: 28 days to 8月31日, 30 in September (58), day 60 is 10月2日 — a holiday until
    # 10月7日, so the period ends Thu 10月8日. The extension of at most 30日 runs from the day after:
    # 9–31日 are 23 days, day 30 is Sat 11月7日, 8日 is a Sunday: the extended period ends Mon 11月9日.
    calc = calculate(load_table(), d(8, 3), cal, ["受理"])
    (due,) = calc.dues
    assert due.row.id == "办结"
    assert (due.count.last_counted, due.count.due) == (d(10, 2), d(10, 8))
    assert (due.extended.last_counted, due.extended.due) == (d(11, 7), d(11, 9))


def test_month_ends(cal):
    # 2026 is not a leap year: from Sat 1月31日, day 28 is 2月28日 and day 30 is Mon 3月2日.
    assert count_days(cal, d(1, 31), 30).due == d(3, 2)
    # from Sat 5月16日, day 15 is Sun 5月31日: the period ends in the next month, Mon 6月1日.
    c = count_days(cal, d(5, 16), 15)
    assert (c.last_counted, c.due) == (d(5, 31), d(6, 1))
    assert explain(c) == "第15日是2026年5月31日，遇休息日，顺延至2026年6月1日"
    # from Tue 3月31日, day 30 is Thu 4月30日 (April has 30 days), a working day.
    assert count_days(cal, d(3, 31), 30).due == d(4, 30)


def test_a_count_past_the_known_years_is_refused(cal):
    assert cal.last_year == 2026  # chinese-calendar 1.11.0; a newer release moves these cases on
    # from 12月20日, day 15 is 2027年1月4日: whether it is a working day is not known yet.
    with pytest.raises(OutsideCalendar, match="2027 年不在节假日日历的范围内"):
        count_days(cal, d(12, 20), 15)
    # five working days from Mon 12月28日: 29日 1, 30日 2, 31日 3, then 2027.
    with pytest.raises(OutsideCalendar, match="只收录 2004–2026 年"):
        count_workdays(cal, d(12, 28), 5)


def test_a_year_before_the_calendar_is_not_told_to_upgrade(cal):
    """Upgrading cannot help for 1990: no release knows the years before 2004."""
    with pytest.raises(OutsideCalendar) as e:
        count_days(cal, date(1990, 1, 1), 15)
    assert "手工核对" in str(e.value) and "升级" not in str(e.value)
    with pytest.raises(OutsideCalendar) as later:
        count_days(cal, d(12, 20), 15)
    assert "升级 chinese-calendar" in str(later.value)


@pytest.mark.parametrize("text", ["2026-02-10", "2026/2/10", "2026.2.10", "2026年2月10日", "20260210", " 2026-2-10 "])
def test_dates_in_every_usual_form(text):
    assert parse_date(text) == d(2, 10)


def test_today_comes_from_the_clock(invoke):
    r = invoke("deadlines", "--from", "今天", "--json", env={"XUEZHI_NOW": "2026-02-07T09:00:00+08:00"})
    assert json.loads(r.stdout)["from"] == "2026-02-07"


def test_command_prints_dates_rules_basis_and_the_disclaimer(invoke):
    r = invoke("deadlines", "--from", "2026-02-07", env={"COLUMNS": "60"})
    assert r.exit_code == 0, r.output
    assert "若 2026年2月7日 是收到信访事项之日" in r.stdout
    assert "最迟：2026年2月24日（星期二）" in r.stdout
    assert "最迟：2026年2月13日（星期五）" in r.stdout  # the 5 working days of 提出异议
    for basis in ("民法典第二百零一条", "民法典第二百零三条"):
        assert basis in r.stdout
    assert "不是法律意见" in r.stdout
    assert "chinese-calendar" in r.stdout


def test_command_kind_by_event_or_row(invoke):
    r = invoke("deadlines", "--from", "2026-08-03", "--kind", "受理", "--json")
    data = json.loads(r.stdout)
    assert [x["id"] for x in data["deadlines"]] == ["办结"]
    assert data["deadlines"][0]["extended"]["due"] == "2026-11-09"
    r = invoke("deadlines", "--from", "2026-08-03", "-k", "复核意见,请求复查", "--json")
    assert [x["id"] for x in json.loads(r.stdout)["deadlines"]] == ["复核意见", "请求复查"]
    r = invoke("deadlines", "--from", "2026-08-03", "-k", "全部", "--json")
    assert len(json.loads(r.stdout)["deadlines"]) == 9


def test_command_refuses_what_the_calendar_does_not_know(invoke):
    r = invoke("deadlines", "--from", "2026-12-20")
    assert r.exit_code == 2
    assert r.stderr.startswith("错误：") and "2027 年不在节假日日历的范围内" in r.stderr
    # some rows can be computed, one cannot: the others are shown, the refusal said, the exit code not 0
    r = invoke("deadlines", "--from", "2026-12-01", "--kind", "全部")
    assert r.exit_code == 2
    assert "2026年12月16日" in r.stdout and "无法推算" in r.stdout
    assert "办结（出具信访处理意见书的事项）无法推算" in r.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--from", "2026-02-30"], "不存在"),
    (["--from", "明天"], "无法识别日期"),
    (["--from", "2026-02-10", "--kind", "立案"], "--kind 的值“立案”无效"),
])
def test_bad_input_is_one_chinese_line(invoke, args, message):
    r = invoke("deadlines", *args)
    assert r.exit_code == 2 and message in r.stderr and "Traceback" not in r.output
