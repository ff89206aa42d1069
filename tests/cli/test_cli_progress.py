"""The progress commands as a cadre uses them: quiz/review/daily record, stats/history read, progress moves.

Every test runs against its own XUEZHI_HOME (conftest) and a fixed XUEZHI_NOW, so nothing
depends on the wall clock. The banks here hold true statements only: "对" is right, "错" wrong.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from progress_support import lines, true_bank

from xuezhi.progress.store import Store

DAY1 = "2025-03-03T09:00:00+08:00"


@pytest.fixture
def bank(tmp_path, monkeypatch):
    path, qs = true_bank(tmp_path, n=12)
    monkeypatch.setenv("XUEZHI_BANK", str(path))
    monkeypatch.setenv("XUEZHI_NOW", DAY1)
    return qs


def at(monkeypatch, when: str) -> None:
    monkeypatch.setenv("XUEZHI_NOW", when)


def sessions(invoke) -> list[dict]:
    r = invoke("history", "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def asked_ids(stdout: str, qs) -> list[str]:
    """Question ids in the order their stems appear in the output."""
    found = [(stdout.find(q.stem), q.id) for q in qs if q.stem in stdout]
    return [qid for _, qid in sorted(found)]


# ---------------------------------------------------------------- quiz records

def test_quiz_records_every_answer(invoke, bank):
    r = invoke("quiz", "-n", "3", input=lines("对", "错", "对"))
    assert r.exit_code == 0, r.output
    [s] = sessions(invoke)
    assert (s["mode"], s["status"], s["answered"], s["correct"], s["planned"]) == ("practice", "finished", 3, 2, 3)
    assert s["mode_label"] == "练习" and s["status_label"] == "完成"
    detail = json.loads(invoke("history", str(s["id"]), "--json").stdout)
    assert [a["given"] for a in detail["answers"]] == ["true", "false", "true"]
    assert [a["correct"] for a in detail["answers"]] == [True, False, True]


def test_quiz_no_save_records_nothing(invoke, bank):
    r = invoke("quiz", "-n", "2", "--no-save", input=lines("对", "对"))
    assert r.exit_code == 0
    assert sessions(invoke) == []


def test_quiz_stopped_early_is_recorded_as_such(invoke, bank):
    r = invoke("quiz", "-n", "4", input=lines("对"))
    assert r.exit_code == 0
    [s] = sessions(invoke)
    assert s["status"] == "stopped" and s["answered"] == 1


def test_quiz_left_before_any_answer_leaves_no_session(invoke, bank):
    assert invoke("quiz", "-n", "4", input="").exit_code == 0
    assert sessions(invoke) == []


def test_challenge_reports_the_best_run_from_the_store(invoke, bank):
    r = invoke("quiz", "--challenge", input=lines("对", "对", "错"))
    assert "连续答对 2 题" in r.stdout and "历史最佳" not in r.stdout  # nothing before it
    r = invoke("quiz", "--challenge", input=lines("对", "对", "对", "错"))
    assert "连续答对 3 题" in r.stdout and "历史最佳 3 题（新纪录！）" in r.stdout
    r = invoke("quiz", "--challenge", input=lines("错"))
    assert "历史最佳 3 题" in r.stdout and "新纪录" not in r.stdout
    assert [s["mode"] for s in sessions(invoke)] == ["challenge"] * 3


def test_info_shows_where_the_store_is(invoke, tmp_path):
    r = invoke("info")
    assert "学习记录" in r.stdout
    data = json.loads(invoke("info", "--json").stdout)
    assert Path(data["store"]) == tmp_path / "xuezhi-home" / "progress.db"


# ---------------------------------------------------------------- review

def test_review_with_nothing_recorded(invoke, bank):
    r = invoke("review")
    assert r.exit_code == 0 and "还没有答题记录" in r.stdout
    r = invoke("review", "--wrong")
    assert r.exit_code == 0 and "错题本是空的" in r.stdout


def test_wrong_answers_are_due_the_same_day_right_ones_are_not(invoke, bank):
    invoke("quiz", "-n", "4", input=lines("错", "对", "错", "对"))
    r = invoke("review", input=lines("对", "对"))
    assert r.exit_code == 0, r.output
    assert "复习：共 2 题" in r.stdout and "得分 100 / 100" in r.stdout
    r = invoke("review")
    assert "今天没有到期的复习题" in r.stdout and re.search(r"下一批 \d+ 道在 \d+月\d+日到期", r.stdout)
    assert sessions(invoke)[0]["mode"] == "review"


def test_review_asks_wrong_ones_first_then_the_most_overdue(invoke, bank, monkeypatch):
    r = invoke("quiz", "-n", "4", input=lines("对", "错", "对", "错"))
    first = asked_ids(r.stdout, bank)
    assert len(first) == 4
    at(monkeypatch, "2025-03-20T09:00:00+08:00")  # everything is due by now
    r = invoke("review", input=lines("对", "对", "对", "对"))
    order = asked_ids(r.stdout, bank)
    assert set(order[:2]) == {first[1], first[3]}  # the two answered wrong
    assert set(order[2:]) == {first[0], first[2]}


def test_review_count_limits_and_says_how_many_are_left(invoke, bank):
    invoke("quiz", "-n", "5", input=lines(*["错"] * 5))
    r = invoke("review", "-n", "2", input=lines("对", "对"))
    assert "复习：共 2 题" in r.stdout and "还有 3 道到期的题目" in r.stdout


def test_wrong_book_regardless_of_schedule_and_emptied_by_right_answers(invoke, bank, monkeypatch):
    invoke("quiz", "-n", "3", input=lines("错", "对", "错"))
    at(monkeypatch, "2025-03-03T09:30:00+08:00")
    r = invoke("review", "--wrong", input=lines("对", "错"))
    assert "错题本：共 2 题" in r.stdout
    assert "错题本还剩 1 道" in r.stdout
    r = invoke("review", "--wrong", input=lines("对"))
    assert "错题本：共 1 题" in r.stdout and "错题本已清空！" in r.stdout
    assert sessions(invoke)[0]["mode_label"] == "错题本"


def test_review_no_save_leaves_the_schedule_alone(invoke, bank):
    invoke("quiz", "-n", "2", input=lines("错", "错"))
    invoke("review", "--no-save", input=lines("对", "对"))
    r = invoke("review", input=lines("对", "对"))
    assert "复习：共 2 题" in r.stdout


# ---------------------------------------------------------------- daily

def test_daily_once_a_day_then_offers_more(invoke, bank):
    r = invoke("daily", input=lines(*["对"] * 5))
    assert r.exit_code == 0, r.output
    assert "每日一练：共 5 题" in r.stdout and "今天的每日一练完成！已连续学习 1 天" in r.stdout
    r = invoke("daily", input=lines("n"))
    assert "今天的每日一练已经完成（5 题，答对 5 题）" in r.stdout and "再练 5 道吗？[y/N]" in r.stdout
    assert "明天见" in r.stdout
    r = invoke("daily", input=lines("y", "对", "对", "对", "对", "对"))
    assert "加练：共 5 题" in r.stdout
    r = invoke("daily", "--more", "-n", "2", input=lines("对", "对"))
    assert "再练" not in r.stdout and "加练：共 2 题" in r.stdout
    modes = [s["mode"] for s in sessions(invoke)]
    assert modes == ["extra", "extra", "daily"]


def test_extra_sets_do_not_repeat_todays_questions(invoke, bank):
    first = asked_ids(invoke("daily", input=lines(*["对"] * 5)).stdout, bank)
    extra = asked_ids(invoke("daily", "--more", input=lines(*["对"] * 5)).stdout, bank)
    assert len(first) == 5 and len(extra) == 5 and not set(first) & set(extra)


def test_daily_interrupted_resumes_the_same_set(invoke, bank):
    r = invoke("daily", input=lines("对", "对"))
    planned = asked_ids(r.stdout, bank)[:2]
    assert len(planned) == 2 and "今天的每日一练还剩 3 题" in r.stdout
    r = invoke("daily", input=lines("对", "对", "对"))
    assert "继续今天的每日一练：共 3 题" in r.stdout
    assert not set(asked_ids(r.stdout, bank)) & set(planned)
    assert "今天的每日一练完成！" in r.stdout


def test_daily_mixes_due_reviews_with_new_questions(invoke, bank):
    r = invoke("quiz", "-n", "3", input=lines("错", "错", "错"))
    wrong = set(asked_ids(r.stdout, bank))
    r = invoke("daily", input=lines(*["对"] * 5))
    asked = asked_ids(r.stdout, bank)
    assert len(set(asked) & wrong) == 3  # ceil(5/2) due ones …
    assert len(set(asked) - wrong) == 2  # … and the rest never seen


def test_streak_counts_consecutive_days_and_breaks(invoke, bank, monkeypatch):
    for day in ("03", "04", "05"):
        at(monkeypatch, f"2025-03-{day}T20:00:00+08:00")
        r = invoke("daily", "-n", "1", input=lines("对"))
    assert "已连续学习 3 天（最长 3 天）" in r.stdout
    at(monkeypatch, "2025-03-07T08:00:00+08:00")  # the 6th was missed
    r = invoke("daily", "-n", "1", input=lines("对"))
    assert "已连续学习 1 天（最长 3 天）" in r.stdout
    data = json.loads(invoke("stats", "--json").stdout)
    assert data["streak"] == {"current": 1, "longest": 3, "studied_today": True}


def test_daily_no_save_runs_a_set_without_marking_the_day(invoke, bank):
    r = invoke("daily", "--no-save", input=lines(*["对"] * 5))
    assert "每日一练：共 5 题" in r.stdout and "本次不保存答题记录" in r.stdout
    r = invoke("daily", input=lines(*["对"] * 5))
    assert "每日一练：共 5 题" in r.stdout and "不保存" not in r.stdout


# ---------------------------------------------------------------- stats

def test_stats_with_nothing_recorded(invoke, bank):
    r = invoke("stats")
    assert r.exit_code == 0 and "还没有答题记录" in r.stdout
    data = json.loads(invoke("stats", "--json").stdout)
    assert data["answers"] == 0 and data["accuracy"] is None and len(data["activity"]) == 30


def test_stats_text_has_every_section_and_plain_bars(invoke, bank):
    invoke("quiz", "-n", "6", input=lines("对", "错", "对", "对", "错", "对"))
    r = invoke("stats")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "共作答 6 题次，答对 4，正确率 67%" in out
    for heading in ("按题型", "按章", "最薄弱的", "近 30 天", "连续学习：当前 1 天", "待复习：今天 2 道"):
        assert heading in out
    assert re.search(r"判断题\s+4/6\s+67%\s+#{13}\.{7}", out)  # a bar of '#' in plain mode
    assert "\x1b[" not in out and "█" not in out and "■" not in out
    strip = out.splitlines()[out.splitlines().index(next(x for x in out.splitlines() if x.startswith("近 30 天"))) + 1]
    assert strip.split() == ["."] * 29 + ["+"]  # 6 answers today: level 2



@pytest.mark.parametrize("width", [60, 80, 120])
def test_stats_on_a_narrow_terminal_keeps_numbers_and_headers_whole(invoke, bank, width):
    """At 80 columns the 答对/作答 header was once stacked one character per line, and names cut with …"""
    import io

    from rich.console import Console

    from xuezhi.terminal.console import Ui
    from xuezhi.terminal.progress_view import stats_view

    invoke("quiz", "-n", "6", input=lines("对", "错", "对", "对", "错", "对"))
    data = json.loads(invoke("stats", "--json").stdout)
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, markup=False, highlight=False)
    console.print(stats_view(data, Ui(out=console, err=console, plain=False)))
    text = out.getvalue()
    assert "…" not in text
    assert sum("答对/作答" in line and "正确率" in line for line in text.splitlines()) == 3
    assert re.search(r"判断题\s+4/6\s+67%", text)


@pytest.mark.parametrize("width", [50, 60, 80])
def test_history_on_a_narrow_terminal_drops_columns_instead_of_cutting_all(invoke, bank, width):
    """At 60 columns the 编号 column once vanished, though history N needs it, and every cell read '…'."""
    import io

    from rich.console import Console

    from xuezhi.terminal.console import Ui
    from xuezhi.terminal.progress_view import history_table, session_view

    invoke("quiz", "-n", "3", input=lines("对", "错", "对"))
    [s] = sessions(invoke)
    detail = json.loads(invoke("history", str(s["id"]), "--json").stdout)
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, markup=False, highlight=False)
    ui = Ui(out=console, err=console, plain=False)
    console.print(history_table([s], ui))
    assert "…" not in out.getvalue()
    console.print(session_view(detail, ui))
    text = out.getvalue()
    head = next(line for line in text.splitlines() if "开始时间" in line)
    assert head.split()[:2] == ["编号", "开始时间"]
    # only the stem, the last column, may be shortened (the list below has it whole)
    assert all(line.rstrip().endswith("…") for line in text.splitlines() if "…" in line)
    assert re.search(rf"^\s+{s['id']}\s+\d{{4}}-\d\d-\d\d \d\d:\d\d", text, re.M)
    assert next(line for line in text.splitlines() if "题号" in line).split()[:3] == ["#", "结果", "题号"]


def test_a_late_challenge_answer_reads_as_timed_out_in_history(invoke, bank):
    from xuezhi.terminal.console import Ui
    from xuezhi.terminal.progress_view import session_view

    invoke("quiz", "--challenge", input=lines("对", "错"))
    [s] = sessions(invoke)
    detail = json.loads(invoke("history", str(s["id"]), "--json").stdout)
    late = detail["answers"][0]
    late.update(correct=False, timed_out=True)  # what a right answer given after the limit is
    import io

    from rich.console import Console

    out = io.StringIO()
    console = Console(file=out, width=100, color_system=None)
    console.print(session_view(detail, Ui(out=console, err=console, plain=True)))
    if late["type"] == "judge":  # a judgement reads 你判断为“对”, not 你的答案：正确 (which reads like praise)
        given = f"你判断为“{'对' if late['given'] == 'true' else '错'}”"
    else:
        given = f"你的答案：{late['given_display']}（{late['given_text']}）" if late["given_text"] else \
            f"你的答案：{late['given_display']}"
    assert f"超时，不计分（{given}）" in out.getvalue()

def test_stats_json_has_documented_keys(invoke, bank):
    invoke("quiz", "-n", "4", input=lines("对", "错", "错", "对"))
    data = json.loads(invoke("stats", "--json").stdout)
    assert {"answers", "correct", "accuracy", "by_type", "by_chapter", "weakest_articles", "activity", "streak",
            "due", "wrong_book", "questions_seen", "questions_in_bank", "store"} <= data.keys()
    assert (data["answers"], data["correct"], data["accuracy"]) == (4, 2, 0.5)
    assert data["due"] == {"today": 2, "week": 2} and data["wrong_book"] == 2
    judge = next(t for t in data["by_type"] if t["type"] == "judge")
    assert judge == {"type": "judge", "label": "判断题", "answers": 4, "correct": 2, "accuracy": 0.5}
    assert all(a["accuracy"] < 1 for a in data["weakest_articles"]) and len(data["weakest_articles"]) <= 10
    assert data["activity"][-1] == {"date": "2025-03-03", "answers": 4, "level": 1}


# ---------------------------------------------------------------- history

def test_history_lists_and_shows_one_session(invoke, bank):
    invoke("quiz", "-n", "2", input=lines("对", "错"))
    invoke("review", input=lines("对"))
    r = invoke("history")
    assert r.exit_code == 0
    assert "最近 2 次答题（共 2 次）" in r.stdout and "复习" in r.stdout and "练习" in r.stdout
    r = invoke("history", "1")
    assert r.exit_code == 0
    assert "第 1 次答题：练习" in r.stdout and "√" in r.stdout and "×" in r.stdout
    assert "选择题的字母" not in r.stdout  # true/false only


def test_history_unknown_session_is_one_chinese_line(invoke, bank):
    r = invoke("history", "99")
    assert r.exit_code == 2 and r.stderr.strip().startswith("错误：没有编号为 99 的答题记录")


def test_history_empty(invoke):
    r = invoke("history")
    assert r.exit_code == 0 and "还没有答题记录" in r.stdout


# ---------------------------------------------------------------- progress export / import / reset

def test_export_refuses_to_overwrite_without_force(invoke, bank, tmp_path):
    invoke("quiz", "-n", "2", input=lines("对", "错"))
    target = tmp_path / "我的记录.json"
    r = invoke("progress", "export", str(target))
    assert r.exit_code == 0 and "已导出 1 次答题、2 道次作答" in r.stdout
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "xuezhi-progress" and len(data["sessions"][0]["answers"]) == 2
    r = invoke("progress", "export", str(target))
    assert r.exit_code == 2 and "已存在" in r.stderr and "--force" in r.stderr
    invoke("quiz", "-n", "1", input=lines("对"))
    assert invoke("progress", "export", str(target), "--force").exit_code == 0
    assert len(json.loads(target.read_text(encoding="utf-8"))["sessions"]) == 2
    assert not list(tmp_path.glob(".*.tmp"))  # the temporary file of the atomic write is gone


def test_import_merges_without_duplicating(invoke, bank, tmp_path, monkeypatch):
    invoke("quiz", "-n", "3", input=lines("对", "错", "对"))
    exported = tmp_path / "a.json"
    invoke("progress", "export", str(exported))
    monkeypatch.setenv("XUEZHI_HOME", str(tmp_path / "other-computer"))
    invoke("quiz", "-n", "2", input=lines("错", "错"))
    r = invoke("progress", "import", str(exported))
    assert r.exit_code == 0, r.output
    assert "新增 1 次答题、3 道次作答" in r.stdout
    r = invoke("progress", "import", str(exported))
    assert "新增 0 次答题、0 道次作答" in r.stdout and "另有 3 道次作答此前已有，已跳过" in r.stdout
    data = json.loads(invoke("stats", "--json").stdout)
    assert data["answers"] == 5 and data["sessions"] == 2



def _spoil(data: dict, where: str, value) -> None:
    """Set one field of an export: 'version', 's.started_at' (first session), 'a.rating' (its first answer)."""
    kind, _, key = where.partition(".")
    target = {"s": data["sessions"][0], "a": data["sessions"][0]["answers"][0]}.get(kind, data)
    target[key or kind] = value


@pytest.mark.parametrize(("where", "value", "field"), [
    ("s.started_at", "garbage", "started_at"), ("s.finished_at", "garbage", "finished_at"),
    ("s.score", "abc", "score"), ("s.elapsed_s", "abc", "elapsed_s"), ("s.planned", "abc", "planned"),
    ("s.mode", ["a"], "mode"), ("s.uid", ["a"], "uid"), ("s.status", "xyz", "status"),
    ("a.given", "\ud800", "given"), ("s.uid", "\udfff", "uid"),  # lone surrogates cannot be stored
    ("a.article", "abc", "article"), ("a.article", 99999, "article"), ("a.given", ["a"], "given"),
    ("a.rating", 0, "rating"), ("a.rating", 99, "rating"), ("a.seq", 10**30, "seq"),
    ("a.correct", "false", "correct"), ("a.answered_at", "9999-12-31T23:59:59+00:00", "answered_at"),
    ("version", "1", "版本"), ("version", 0, "版本"), ("version", -1, "版本"),
])
def test_import_refuses_a_damaged_file_whole_and_history_keeps_working(invoke, bank, tmp_path, monkeypatch,
                                                                        where, value, field):
    """Each of these once imported (or crashed half-way) and then broke every later history."""
    invoke("quiz", "-n", "2", input=lines("对", "错"))
    exported = tmp_path / "a.json"
    invoke("progress", "export", str(exported))
    data = json.loads(exported.read_text(encoding="utf-8"))
    _spoil(data, where, value)
    damaged = tmp_path / "damaged.json"
    damaged.write_text(json.dumps(data), encoding="utf-8")  # \u escapes: lone surrogates too
    monkeypatch.setenv("XUEZHI_HOME", str(tmp_path / "other-computer"))
    r = invoke("progress", "import", str(damaged))
    assert r.exit_code == 2, r.output
    assert r.stderr.startswith(f"错误：{damaged}：") and field in r.stderr and "内部错误" not in r.stderr
    assert invoke("history").exit_code == 0 and sessions(invoke) == []  # nothing half-imported


def test_import_of_deeply_nested_json_is_refused(invoke, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    r = invoke("progress", "import", str(path))
    assert r.exit_code == 2 and "嵌套层数过深" in r.stderr

def test_import_rebuilds_the_review_schedule(invoke, bank, tmp_path, monkeypatch):
    r = invoke("quiz", "-n", "2", input=lines("错", "错"))
    exported = tmp_path / "a.json"
    invoke("progress", "export", str(exported))
    monkeypatch.setenv("XUEZHI_HOME", str(tmp_path / "new"))
    invoke("progress", "import", str(exported))
    r = invoke("review", "--wrong", input=lines("对", "对"))
    assert "错题本：共 2 题" in r.stdout


@pytest.mark.parametrize("content, message", [
    ("not json", "不是有效的 JSON"),
    ('{"hello": 1}', "不是学知导出的学习记录文件"),
    ('{"format": "xuezhi-progress", "version": 9, "sessions": []}', "请升级学知"),
    ('{"format": "xuezhi-progress", "version": 1, "sessions": [{"uid": "x"}]}', "缺少字段"),
])
def test_import_rejects_bad_files_in_chinese(invoke, tmp_path, content, message):
    f = tmp_path / "bad.json"
    f.write_text(content, encoding="utf-8")
    r = invoke("progress", "import", str(f))
    assert r.exit_code == 2 and message in r.stderr


def test_import_missing_file(invoke, tmp_path):
    r = invoke("progress", "import", str(tmp_path / "nope.json"))
    assert r.exit_code == 2 and "不存在" in r.stderr


def test_reset_asks_backs_up_and_can_be_restored(invoke, bank, tmp_path):
    home = tmp_path / "xuezhi-home"
    invoke("quiz", "-n", "2", input=lines("对", "错"))
    r = invoke("progress", "reset", input=lines("n"))
    assert r.exit_code == 0 and "已取消" in r.stdout and len(sessions(invoke)) == 1
    r = invoke("progress", "reset", input="")  # no answer is no
    assert r.exit_code == 0 and len(sessions(invoke)) == 1
    r = invoke("progress", "reset", input=lines("y"))
    assert r.exit_code == 0 and "已清空学习记录" in r.stdout
    assert sessions(invoke) == []
    [backup] = home.glob("progress-backup-*.json")
    assert f"  xuezhi progress import {backup}\n" in r.stdout  # a line to copy as it is
    assert f"\n  {backup}\n" in r.stdout
    invoke("progress", "import", str(backup))
    assert len(sessions(invoke)) == 1


def test_reset_yes_skips_the_question(invoke, bank, tmp_path):
    invoke("quiz", "-n", "1", input=lines("对"))
    r = invoke("progress", "reset", "--yes")
    assert r.exit_code == 0 and "[y/N]" not in r.stdout and sessions(invoke) == []
    assert list((tmp_path / "xuezhi-home").glob("progress-backup-*.json"))


def test_reset_with_no_store(invoke):
    r = invoke("progress", "reset", "--yes")
    assert r.exit_code == 0 and "无需清空" in r.stdout


def test_progress_without_subcommand_shows_help(invoke):
    r = invoke("progress")
    assert "export" in r.output and "import" in r.output and "reset" in r.output


def test_store_is_sqlite_with_wal_and_schema_version(invoke, bank, tmp_path):
    invoke("quiz", "-n", "1", input=lines("对"))
    store = Store.open(tmp_path / "xuezhi-home" / "progress.db")
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] >= 1
    store.close()


def test_history_shows_wrong_choices_as_option_text(invoke, monkeypatch):
    """Letters were shuffled on screen; the history names the options themselves."""
    from xuezhi.bank.grading import parse_answer
    from xuezhi.bank.load import load_bank
    from xuezhi.bank.model import QType
    from xuezhi.quiz.select import Filters, select_questions
    from xuezhi.quiz.session import QuizSession
    from xuezhi.text.corpus import load_regulation

    monkeypatch.setenv("XUEZHI_NOW", DAY1)
    bank, reg = load_bank(), load_regulation()
    qs = select_questions(bank, reg, 2, Filters(types=(QType.SINGLE,)), seed=4)
    s = QuizSession(qs, seed=4)
    typed, chosen = [], []
    while (p := s.next_question()):
        letter = next(c for c in "ABCD" if c not in p.correct_letters())  # a wrong option, as displayed
        typed.append(letter)
        chosen.append(p.options["ABCD".index(letter)])
        s.answer(parse_answer(p, letter))
    r = invoke("quiz", "-n", "2", "--type", "single", "--seed", "4", input=lines(*typed))
    assert r.stdout.count("× 回答错误") == 2
    detail = json.loads(invoke("history", "1", "--json").stdout)
    assert [a["given_text"] for a in detail["answers"]] == chosen
    assert [a["answer_full"] for a in detail["answers"]] == [q.options[q.correct_indexes[0]] for q in qs]
    out = invoke("history", "1").stdout
    # the letters as shown and typed, with the option's words
    assert "答错的题目：" in out and all(f"你的答案：{t}（{c}）" in out for t, c in zip(typed, chosen, strict=True))


def test_reset_twice_in_a_second_keeps_both_backups(invoke, bank, tmp_path):
    invoke("quiz", "-n", "1", input=lines("对"))
    invoke("progress", "reset", "--yes")
    invoke("progress", "reset", "--yes")
    backups = sorted((tmp_path / "xuezhi-home").glob("progress-backup-*.json"))
    assert len(backups) == 2
    assert sorted(len(json.loads(b.read_text(encoding="utf-8"))["sessions"]) for b in backups) == [0, 1]


def test_quiz_no_save_does_not_touch_the_store(invoke, bank, tmp_path):
    assert invoke("quiz", "-n", "1", "--no-save", input=lines("对")).exit_code == 0
    assert not (tmp_path / "xuezhi-home" / "progress.db").exists()


@pytest.mark.parametrize("fixed", ["not a time", "0001-01-01", "9999-12-31T23:59:59"])
def test_a_fixed_now_out_of_range_is_one_chinese_line(invoke, bank, monkeypatch, fixed):
    """XUEZHI_NOW (for tests and demos) at year 1 or 9999 failed with an internal error."""
    monkeypatch.setenv("XUEZHI_NOW", fixed)
    for command in ("stats", "daily"):
        r = invoke(command, input="")
        assert r.exit_code == 2 and "XUEZHI_NOW" in r.stderr and "内部错误" not in r.stderr


def test_a_database_failure_outside_a_quiz_is_one_chinese_line(invoke, bank, monkeypatch):
    """A full disk during progress reset or import showed '内部错误：OperationalError …'."""
    import sqlite3

    from xuezhi.progress.store import Store

    invoke("quiz", "-n", "1", input=lines("对"))

    def full(self):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Store, "reset", full)
    r = invoke("progress", "reset", "--yes")
    assert r.exit_code == 1 and r.stderr.startswith("错误：学习记录读写失败") and "内部错误" not in r.stderr
    assert len(sessions(invoke)) == 1


def test_import_of_a_session_without_a_status_takes_it_as_interrupted(invoke, bank, tmp_path, monkeypatch):
    """"status": null once passed the checks and then failed the insert (IntegrityError)."""
    invoke("quiz", "-n", "1", input=lines("对"))
    exported = tmp_path / "a.json"
    invoke("progress", "export", str(exported))
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["sessions"][0]["status"] = None
    exported.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv("XUEZHI_HOME", str(tmp_path / "other"))
    r = invoke("progress", "import", str(exported))
    assert r.exit_code == 0, r.output
    assert [s["status"] for s in sessions(invoke)] == ["unfinished"]


@pytest.mark.parametrize("args", [["99999999999999999999"], ["--limit", "99999999999999999999"]])
def test_history_numbers_beyond_sqlite_are_refused_in_chinese(invoke, bank, args):
    """With a session recorded, a 20-digit number was '内部错误：OverflowError'."""
    invoke("quiz", "-n", "1", input=lines("对"))
    r = invoke("history", *args)
    assert r.exit_code == 2 and "超出允许范围" in r.stderr and "<=" not in r.stderr


def test_read_only_commands_never_write_the_store(invoke, bank, tmp_path):
    """stats, history, show, search and progress export read the record; none of them changes it
    (not even the 'last opened' mark or the status of a session another process may be running)."""
    import hashlib

    invoke("quiz", "-n", "1", input=lines("对"))
    home = tmp_path / "xuezhi-home"

    def files() -> dict:
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                for p in home.glob("progress.db*") if not p.name.endswith("-shm")}

    [session] = sessions(invoke)
    before = files()
    for command in (["stats"], ["history"], ["history", str(session["id"])], ["show", "20"], ["search", "枫桥经验"],
                    ["progress", "export", str(tmp_path / "out.json")]):
        r = invoke(*command)
        assert r.exit_code == 0, (command, r.output)
        assert files() == before, command
