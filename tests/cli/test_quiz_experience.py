"""The quiz as a learner meets it (issue 10, "the quiz experience"): the report after an early stop,
the wording of a wrong judgement, the letters history shows, the key of an exam whose time ran out,
prompts and messages. Layout that needs a terminal is checked in a real pseudo-terminal (tty_session).
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys

import pytest
from answers import right_answer
from rich.cells import cell_len
from tty_session import Terminal, clean_env

from xuezhi.bank.grading import Presentation, parse_answer
from xuezhi.bank.load import load_bank
from xuezhi.bank.model import QType
from xuezhi.quiz.select import parse_filters, select_questions
from xuezhi.quiz.session import QuizSession
from xuezhi.terminal.linebreak import NO_LINE_START
from xuezhi.terminal.quiz_screen import prompt_for
from xuezhi.text.corpus import load_regulation


def plan(n: int, seed: int, types: str | None = None, articles: str | None = None) -> tuple[list[str], list]:
    """The CLI arguments of a quiz and the presentations it will show (same draw, same shuffle)."""
    reg, bank = load_regulation(), load_bank()
    filters = parse_filters(reg, [types] if types else None, None, [articles] if articles else None)
    s = QuizSession(select_questions(bank, reg, n, filters, seed=seed), seed=seed)
    shown: list[Presentation] = []
    while (p := s.next_question()) is not None:
        shown.append(p)
        s.answer(parse_answer(p, right_answer(p)))
    args = ["quiz", "-n", str(n), "--seed", str(seed)]
    args += ["--type", types] if types else []
    args += ["--article", articles] if articles else []
    return args, shown


def wrong_answer(p: Presentation) -> str:
    q = p.question
    if q.type in (QType.SINGLE, QType.MULTIPLE):
        return next(c for c in "ABCDEF"[: len(q.options)] if c not in p.correct_letters())
    if q.type is QType.JUDGE:
        return "错" if q.answer else "对"
    return "；".join("不知道" for _ in q.blanks)


def lines(*answers: str) -> str:
    return "".join(a + "\n" for a in answers)


# ---------------------------------------------------------------- the report after an early stop

def test_an_early_stop_counts_only_the_answered_questions_per_type_and_chapter(invoke):
    """Two answered, both right, then the input ended: the tables read 2/2 100 %, not 单选题 1/3 33 %."""
    args, shown = plan(6, seed=3)
    r = invoke(*args, "--no-save", input=lines(*(right_answer(p) for p in shown[:2])))
    assert r.exit_code == 0, r.output
    report = r.stdout[r.stdout.index("已提前结束"):]
    assert "答对 2/6 题（已答 2 题）" in report
    rows = re.findall(r"^(\S+(?: \S+)?)\s+(\d+)/(\d+)\s+(\d+%)", report, re.M)
    by_type = [row for row in rows if row[0].endswith("题")]
    assert sum(int(row[2]) for row in by_type) == 2 and all(row[3] == "100%" for row in rows), report
    assert report.count("答对/已答") == 2 and "答对/题数" not in report
    assert "未作答 4 题，不计入以上统计。" in report


def test_a_quiz_answered_to_the_end_keeps_the_plain_tables(invoke):
    args, shown = plan(3, seed=3)
    r = invoke(*args, "--no-save", input=lines(*(right_answer(p) for p in shown)))
    assert "答对/题数" in r.stdout and "答对/已答" not in r.stdout and "未作答" not in r.stdout


# ---------------------------------------------------------------- a wrong judgement

def test_a_wrong_judgement_does_not_read_like_praise(invoke):
    args, shown = plan(2, seed=1, types="judge")
    r = invoke(*args, "--no-save", input=lines(*(wrong_answer(p) for p in shown)))
    for p in shown:
        given, right = ("错", "对（该说法正确）") if p.question.answer else ("对", "错（该说法错误）")
        assert f"× 回答错误。你判断为“{given}”，正确答案：{right}" in r.stdout
    assert "你的答案：正确" not in r.stdout and "你的答案：错误" not in r.stdout


def test_the_exam_report_and_history_word_a_wrong_judgement_the_same_way(invoke):
    args, shown = plan(2, seed=1, types="judge")
    r = invoke(*args, "--exam", input=lines(*(wrong_answer(p) for p in shown)))
    report = r.stdout[r.stdout.index("答错的题目："):]
    history = invoke("history", "1").stdout
    history = history[history.index("答错的题目："):]
    for text in (report, history):
        assert text.count("你判断为“") == 2 and "你的答案：" not in text
        for p in shown:  # the key as the quiz words it, not 正确答案：正确
            assert f"正确答案：{'对（该说法正确）' if p.question.answer else '错（该说法错误）'}" in text


# ---------------------------------------------------------------- history shows the letters that were shown

def _choice_plan() -> tuple[list[str], list[Presentation], list[str]]:
    """Single-choice questions, each answered with a wrong letter as shown; at least one of those
    letters names a different option in the bank's own order (else the test could not fail)."""
    for seed in range(1, 50):
        args, shown = plan(4, seed=seed, types="single")
        typed = [wrong_answer(p) for p in shown]
        if any(p.order["ABCDEF".index(t)] != "ABCDEF".index(t) for p, t in zip(shown, typed, strict=True)):
            return args, shown, typed
    raise AssertionError("no seed shuffles the options")


def test_history_shows_the_letters_the_learner_saw_and_typed(invoke):
    args, shown, typed = _choice_plan()
    r = invoke(*args, input=lines(*typed))
    assert r.exit_code == 0, r.output
    detail = json.loads(invoke("history", "1", "--json").stdout)
    assert [a["given_display"] for a in detail["answers"]] == typed
    assert [a["answer_display"] for a in detail["answers"]] == [p.correct_letters() for p in shown]
    assert all(a["shown_order"] == "".join("ABCDEF"[i] for i in p.order)
               for a, p in zip(detail["answers"], shown, strict=True))
    out = invoke("history", "1").stdout
    table = out[: out.index("答错的题目：")]
    for p, t in zip(shown, typed, strict=True):
        assert re.search(rf"{p.question.id}\s+\S+\s+{t}\s+{p.correct_letters()}\s", table), table
        option = p.options["ABCDEF".index(t)]
        assert f"你的答案：{t}（{option}）" in out
    assert "原始选项顺序" not in out


def test_the_shown_order_survives_export_and_import(invoke, tmp_path, monkeypatch):
    args, _shown, typed = _choice_plan()
    invoke(*args, input=lines(*typed))
    exported = tmp_path / "记录.json"
    assert invoke("progress", "export", str(exported)).exit_code == 0
    monkeypatch.setenv("XUEZHI_HOME", str(tmp_path / "另一台电脑"))
    assert invoke("progress", "import", str(exported)).exit_code == 0
    [session] = json.loads(invoke("history", "--json").stdout)
    detail = json.loads(invoke("history", str(session["id"]), "--json").stdout)
    assert [a["given_display"] for a in detail["answers"]] == typed


def test_import_refuses_a_shown_order_that_is_not_letters(invoke, tmp_path):
    args, _shown, typed = _choice_plan()
    invoke(*args, input=lines(*typed))
    exported = tmp_path / "记录.json"
    invoke("progress", "export", str(exported))
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["sessions"][0]["answers"][0]["shown"] = "AAB"
    exported.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = invoke("progress", "import", str(exported))
    assert r.exit_code == 2 and "shown" in r.stderr and "不重复的选项字母" in r.stderr


def test_a_store_from_before_the_shown_order_is_migrated_and_says_whose_letters_it_shows(invoke, tmp_path):
    """A version-1 store (no shown order): opened, it gains the column; its old choice answers
    are shown in the bank's letters, and history says so for exactly those."""
    from xuezhi.progress.schema import MIGRATIONS, SCHEMA_VERSION

    bank = load_bank()
    q = next(q for q in bank.questions if q.type is QType.SINGLE)
    home = tmp_path / "xuezhi-home"
    home.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(home / "progress.db")
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO sessions (uid, mode, planned, started_at, finished_at, status, score, elapsed_s) "
                 "VALUES ('s1', 'practice', 1, '2025-03-03T01:00:00Z', '2025-03-03T01:01:00Z', 'finished', 0, 60)")
    conn.execute("INSERT INTO answers (uid, session_id, seq, question_id, qtype, article, given, correct, elapsed_ms, "
                 "rating, answered_at, day) VALUES ('a1', 1, 1, ?, 'single', ?, 'B', 0, 5000, 1, "
                 "'2025-03-03T01:00:30Z', '2025-03-03')", (q.id, q.basis.article))
    conn.commit()
    conn.close()
    out = invoke("history", "1").stdout
    assert "第 1 题的字母按题库中的原始选项顺序" in out
    assert f"你的答案：{q.options[1]}" in out  # the bank's B, its words: no letter that might mislead
    conn = sqlite3.connect(home / "progress.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT shown FROM answers").fetchone()[0] is None


# ---------------------------------------------------------------- the key of an exam whose time ran out

def test_an_exam_whose_time_runs_out_shows_the_key_of_the_unanswered_questions(tmp_path):
    """Nothing typed in 2 s: the paper is handed in and every question left open gets its answer
    and explanation (before, the report ended with '未作答 3 题。')."""
    args, shown = plan(3, seed=2)
    proc = subprocess.Popen([sys.executable, "-m", "xuezhi", *args, "--exam", "--time", "2s", "--no-save"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env=clean_env(tmp_path, colour=False))
    try:  # stdin stays open (nothing typed, no end of input): the quiz ends by its clock
        text = proc.stdout.read().decode("utf-8")
        assert proc.wait(timeout=60) == 0, text
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdin.close()
    assert "时间到，交卷。" in text and "未作答 3 题。" in text
    key = text[text.index("未作答的题目："):]
    for p in shown:
        q = p.question
        assert q.stem in key and f"解析：{q.explanation}" in key
        right = ("对（该说法正确）" if q.answer else "错（该说法错误）") if q.type is QType.JUDGE else q.answer_text()
        assert f"正确答案：{right}" in key  # never shown: choices in the letters of the bank's order
    assert "题型" not in text[text.index("时间到，得分"):]  # nothing answered: no table of zeros


def test_the_question_on_screen_when_time_runs_out_keeps_its_letters_in_the_key(tmp_path):
    """The question shown when the time ran out is listed with the option order it was shown in
    (it was reshuffled to the bank's order, so C and D swapped between the screen and the key)."""
    seed = next(s for s in range(1, 50) if plan(1, seed=s, types="single")[1][0].order != (0, 1, 2, 3))
    args, shown = plan(2, seed=seed, types="single")
    p = shown[0]
    proc = subprocess.Popen([sys.executable, "-m", "xuezhi", *args, "--exam", "--time", "2s", "--no-save"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env=clean_env(tmp_path, colour=False))
    try:
        text = proc.stdout.read().decode("utf-8")
        assert proc.wait(timeout=60) == 0, text
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdin.close()
    screen, key = text.split("未作答的题目：", 1)
    entry = key[key.index(p.question.stem):]
    entry = entry[:entry.index("解析：")]
    for letter, option in zip("ABCD", p.options, strict=True):
        assert f"{letter}. {option}" in screen and f"{letter}. {option}" in entry
    assert f"正确答案：{p.correct_letters()}" in entry


# ---------------------------------------------------------------- prompts and messages

def test_the_blank_prompt_mentions_the_separator_only_for_several_blanks(invoke):
    args, shown = plan(4, seed=1, types="blank", articles="5")
    counts = [len(p.question.blanks) for p in shown]
    assert 1 in counts and any(c > 1 for c in counts)
    r = invoke(*args, "--no-save", input=lines(*(right_answer(p) for p in shown)))
    prompts = re.findall(r"^(请填空.*?：)", r.stdout, re.M)
    assert len(prompts) == len(shown)
    for prompt, n in zip(prompts, counts, strict=True):
        assert prompt == ("请填空：" if n == 1 else f"请填空（共 {n} 个空，用“；”分隔）："), prompt


def test_no_save_says_so_instead_of_promising_to_keep_the_answers(invoke):
    args, shown = plan(2, seed=1)
    r = invoke(*args, "--no-save", input=lines(right_answer(shown[0])))
    assert "本次不保存答题记录。" in r.stdout
    r = invoke(*args, input=lines(right_answer(shown[0])))
    assert "不保存" not in r.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")
@pytest.mark.parametrize("no_save", [True, False])
def test_ctrl_c_with_no_save_does_not_say_the_answers_are_kept(tmp_path, no_save):
    args, shown = plan(3, seed=1)
    with Terminal(tmp_path, [*args, *(["--no-save"] if no_save else [])], columns=80) as t:
        t.expect(prompt_for(shown[0].question))
        t.type(right_answer(shown[0]))
        t.expect(prompt_for(shown[1].question), after="第 2/3 题")
        t.interrupt()
        t.expect("[y/N]")
        t.type("y")
        out = t.finish()
    ask = re.search(r"要结束本次答题吗？(.*?)\[y/N\]", out).group(1)
    assert ask == ("已作答的题目照样计分，但本次不保存。" if no_save else "已作答的题目会保留。")
    assert "已提前结束" in out


def test_history_with_a_number_that_is_not_one_says_so_in_chinese(invoke):
    r = invoke("history", "abc")
    assert r.exit_code == 2
    assert r.stderr.startswith("错误：答题编号应为正整数（如 xuezhi history 17），收到的是“abc”。")
    assert " 的值" not in r.stderr
    r = invoke("history", "0")
    assert r.exit_code == 2 and "答题编号 0 超出允许范围" in r.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")
def test_plain_help_lines_up_after_chinese_metavars(tmp_path):
    """click measured <整数> as 4 columns (it is 6): those descriptions sat two columns off, and wrapped
    by characters, a Chinese description ran past the width. (A terminal: CliRunner forces 80 columns.)"""
    with Terminal(tmp_path, ["quiz", "--help"], columns=60, colour=False) as t:
        out = t.finish()
    options = out[re.search("选项[:：]", out).start():]
    starts = set()
    for line in options.splitlines()[1:]:
        assert cell_len(line) <= 60, line
        m = re.match(r"(  (?:-\w, )?--[\w-]+(?: <[^>]+>)?\s+)\S", line)
        if m:
            starts.add(cell_len(m.group(1)))
    assert len(starts) == 1, options
    assert "<=" not in out and "[默认：10; 1–1000]" in out and "选项：" in out


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")
def test_plain_help_lists_each_command_with_its_whole_first_sentence(tmp_path):
    """click cut a command's line at the last space that fit: “每日一练：每天一组（默认 5...”, “flow ...”."""
    with Terminal(tmp_path, ["--help"], columns=60, colour=False) as t:
        out = t.finish()
    listed = out[re.search("命令[:：]", out).start():]
    assert "..." not in listed and all(cell_len(line) <= 60 for line in out.splitlines())
    commands = re.sub(r"\n {14}", "", listed)  # the wrapped lines joined again
    assert re.search(r"^  daily +每日一练：每天一组（默认 5 题）[^\n]*。$", commands, re.M), commands


# ---------------------------------------------------------------- in a terminal

def _line_breaks_are_chinese(out: str, width: int) -> None:
    for line in out.splitlines():
        if line.startswith(("请输入", "请填空", "对 还是 错")):  # a prompt and what was typed (the terminal's echo)
            continue
        assert cell_len(line) <= width, line
        assert not line or line[0] not in NO_LINE_START, line
        assert not line.rstrip().endswith(("（", "（　")) and not line.startswith("　）"), line


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")
def test_no_color_in_a_terminal_still_lays_the_quiz_out(tmp_path):
    """NO_COLOR means no colour, not no layout: lines fit the terminal, （　） stays whole, the quoted
    article keeps its indent (before, nothing wrapped and the terminal broke the lines itself)."""
    args, shown = plan(3, seed=1)
    with Terminal(tmp_path, [*args, "--no-save"], columns=60, colour=False) as t:
        for p in shown:
            t.expect(prompt_for(p.question))
            t.type(wrong_answer(p))
        out = t.finish()
    assert "\x1b[" not in out and "╭" not in out  # no colour, no box
    _line_breaks_are_chinese(out, 60)
    quotes = re.findall(r"^【第[一二三四五六七八九十]+条[^】]*】.*\n((?:.*\n)*?)(?:\n|【|已提前|得分|\Z)", out, re.M)
    assert len(quotes) == len(shown)
    for quote in quotes:
        assert all(line.startswith("  ") for line in quote.splitlines() if line), quote


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")
def test_stats_at_60_columns_keeps_the_article_summaries_readable(invoke, tmp_path):
    """The bar went, not the 条旨: it was squeezed to 4 characters a line."""
    reg = load_regulation()
    args, shown = plan(8, seed=4)
    invoke(*args, input=lines(*(wrong_answer(p) for p in shown)))
    with Terminal(tmp_path, ["stats"], columns=60) as t:
        out = t.finish()
    _line_breaks_are_chinese(out, 60)
    weak = out[out.index("最薄弱的"):out.index("建议复习")]
    for p in shown:
        summary = reg.article(p.question.basis.article).summary
        if cell_len(summary) <= 20:
            assert summary in weak, weak


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")
def test_at_60_columns_a_report_line_breaks_between_its_phrases(tmp_path):
    args, shown = plan(12, seed=5)
    with Terminal(tmp_path, [*args, "--no-save"], columns=60) as t:
        t.expect(prompt_for(shown[0].question))
        t.type(right_answer(shown[0]))
        t.expect(prompt_for(shown[1].question), after="第 2/12 题")
        t.close_input()
        out = t.finish()
    first, second = out[out.index("已提前结束"):].splitlines()[:2]
    whole = f"{first.strip()}　{second.strip()}"
    assert re.fullmatch(r"已提前结束，得分 [\d.]+ / 100　答对 1/12 题（已答 1 题）　用时 \d+秒", whole)
    assert cell_len(whole) > 60 and cell_len(first) <= 60  # too long for one line: broken between phrases
    with Terminal(tmp_path, ["--help"], columns=60) as t:  # narrow: the two-column help, no boxes
        out = t.finish()
    assert "╭" not in out and all(cell_len(line) <= 60 for line in out.splitlines())
