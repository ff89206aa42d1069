"""Numbers a user may type anywhere: Unicode digits (², ٣), hundreds of digits, negative values. Each
is one Chinese line and exit code 2; before, ² and a 308-digit --time were internal errors and a
251-digit --seed failed half-way through writing the Word file."""

from __future__ import annotations

import pytest

from xuezhi.errors import XuezhiError
from xuezhi.quiz.session import parse_duration


@pytest.mark.parametrize("text", ["²", "٣", "²m", "9" * 400, "9" * 400 + "s", "1e400s", "25h", "0", "", "15 分 钟"])
def test_a_duration_that_is_not_one_is_refused(text):
    with pytest.raises(XuezhiError):
        parse_duration(text)


@pytest.mark.parametrize(("text", "seconds"), [("15m", 900), ("90s", 90), ("1h30m", 5400), ("15", 900),
                                                ("１５ｍ", 900), ("15分钟", 900), ("24h", 86400)])
def test_durations_people_write(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("args", [["quiz", "--time", "²"], ["quiz", "--challenge", "--per-question", "²"],
                                  ["quiz", "--time", "9" * 400], ["quiz", "--seed", "9" * 260],
                                  ["quiz", "--seed", "-1"], ["export", "--seed", "9" * 260, "-o", "x.docx"]])
def test_bad_numbers_are_one_chinese_line(args, invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = invoke(*args, input="")
    assert r.exit_code == 2, r.output
    assert r.stderr.startswith("错误：") and "Traceback" not in r.output
    assert not list(tmp_path.glob("*.docx"))
