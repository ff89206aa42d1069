"""时限一览: every period and count of the text is in the table, each row's words are the text's own,
and the command shows it at 60 columns, as JSON and refuses a corpus the rows do not fit."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from xuezhi.errors import DataFileError
from xuezhi.guide.curated import Place
from xuezhi.guide.deadlines import SCANNED, check, load_table, parse_table, scan, uncovered


@pytest.fixture(scope="module")
def table(reg):
    return load_table(reg)


def test_every_number_of_days_workdays_and_persons_in_the_text_is_in_the_table(reg, table):
    found = scan(reg)
    # the scan itself sees them all: 11 occurrences in 7 places (a date such as 2022年5月1日 is not a period)
    assert [w for _, w, _ in found].count("30日") == 5
    assert ("5个工作日" in [w for _, w, _ in found]) and ("5人" in [w for _, w, _ in found])
    assert not any(p.article == 50 for p, _, _ in found)
    assert uncovered(reg, table) == []


def test_the_scan_fails_when_a_row_is_missing(reg, table):
    from dataclasses import replace

    without = replace(table, rows=tuple(r for r in table.rows if r.id != "提出异议"))
    assert uncovered(reg, without) == ["第二十三条第三款：5个工作日"]


def test_the_scan_pattern_reads_periods_not_dates():
    assert [m.group(0) for m in SCANNED.finditer("自2022年5月1日起，在15日内，5个工作日内，不得超过5人")] == [
        "15日", "5个工作日", "5人"]


def test_every_quoted_field_is_in_the_text(reg, table):
    assert check(reg, load_table()) == []
    for row in table.rows:
        for key, quote in row.quotes.items():
            assert quote.text in reg.cited_text(quote.place.article, quote.place.paragraph, quote.place.item), (
                row.id, key)


@pytest.mark.parametrize(("rid", "label", "length", "unit", "extension"), [
    ("登记转送", "第二十二条第一款", "15日", "日", None),
    ("受理告知", "第二十三条第二款", "15日", "日", None),
    ("转交告知", "第二十三条第三款", "15日", "日", None),
    ("提出异议", "第二十三条第三款", "5个工作日", "工作日", None),
    ("办结", "第三十四条", "60日", "日", 30),
    ("请求复查", "第三十五条", "30日", "日", None),
    ("复查意见", "第三十五条", "30日", "日", None),
    ("请求复核", "第三十六条第一款", "30日", "日", None),
    ("复核意见", "第三十六条第一款", "30日", "日", None),
    ("走访代表", "第二十条第三款", "5人", "人", None),
    ("交办反馈", "第二十二条第一款第三项", "指定期限", None, None),
])
def test_rows_name_the_right_place_and_length(table, rid, label, length, unit, extension):
    row = table.get(rid)
    assert (row.place.label(), row.length, row.unit, row.extension_days) == (label, length, unit, extension)


def test_the_hearing_time_is_not_counted_and_the_extension_has_its_condition(table):
    row = table.get("复核意见")
    assert row.quotes["excluded"].text == "听证所需时间不计算在前款规定的期限内"
    assert row.quotes["excluded"].place == Place(36, 2)
    done = table.get("办结")
    assert done.q("extension_condition") == "情况复杂的，经本机关、单位负责人批准"
    assert done.quotes["consequence"].place.label() == "第四十五条第一项"


def test_a_misquoted_field_is_reported_with_file_and_line(reg, tmp_path):
    text = Path(load_table().source).read_text(encoding="utf-8").replace("limit: 5个工作日内", "limit: 7个工作日内")
    bad = tmp_path / "时限.yaml"
    bad.write_text(text, encoding="utf-8")
    from xuezhi.text.yamlfile import read_yaml

    raw, src = read_yaml(bad)
    problems = check(reg, parse_table(raw, bad, src))
    assert len(problems) == 1
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "7个工作日内" in t)
    assert problems[0].line == line
    assert "“7个工作日内”未出现在第二十三条第三款中" in str(problems[0])


def test_a_malformed_row_names_the_field(tmp_path):
    bad = tmp_path / "时限.yaml"
    bad.write_text("deadlines:\n  - id: x\n    task: 某事\n    group: 期限\n    article: 0\n    limit: 15日\n",
                   encoding="utf-8")
    from xuezhi.text.yamlfile import read_yaml

    raw, src = read_yaml(bad)
    with pytest.raises(DataFileError, match=r"第 5 行.*article.*正整数"):
        parse_table(raw, bad, src)


def test_command_shows_every_row_in_60_columns(invoke, table):
    r = invoke("deadlines", env={"COLUMNS": "60"})
    assert r.exit_code == 0, r.output
    for row in table.rows:
        assert row.task in r.stdout and row.place.label() in r.stdout
    assert "“听证所需时间不计算在前款规定的期限内”（第三十六条第二款）" in r.stdout
    assert "60日（可延长，最多30日）" in r.stdout
    assert "\x1b[" not in r.stdout
    assert not re.search("[┌┐└┘│─━┃]", r.stdout)


def test_command_json_has_stable_keys(invoke):
    r = invoke("deadlines", "--json")
    data = json.loads(r.stdout)
    row = next(d for d in data if d["id"] == "提出异议")
    assert (row["amount"], row["unit"], row["label"], row["event"]) == (5, "工作日", "第二十三条第三款", "收到")
    assert row["fields"]["limit"] == {"text": "5个工作日内", "article": 23, "paragraph": 3, "item": None}


def test_kind_without_a_date_is_one_chinese_line(invoke):
    r = invoke("deadlines", "--kind", "受理")
    assert r.exit_code == 2 and "--from" in r.stderr and "Traceback" not in r.output
