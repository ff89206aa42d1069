"""A whole quiz driven through the CLI with typed input, as a cadre would answer it."""

from __future__ import annotations

import re

import pytest

from xuezhi.bank.load import load_bank
from xuezhi.bank.model import QType
from xuezhi.quiz.select import Filters, select_questions
from xuezhi.quiz.session import QuizSession
from xuezhi.text.corpus import load_regulation


def answers_for(count: int, seed: int, right: bool = True, types: str | None = None) -> list[str]:
    """The right (or a wrong) answer per question, computed from the same seed the CLI uses."""
    bank, reg = load_bank(), load_regulation()
    filters = Filters(types={QType(t) for t in types.split(",")}) if types else Filters()
    s = QuizSession(select_questions(bank, reg, count, filters, seed=seed), seed=seed)
    out = []
    while (p := s.next_question()):
        q = p.question
        if q.type in (QType.SINGLE, QType.MULTIPLE):
            ans = p.correct_letters()
            if not right:
                ans = next(c for c in "ABCD" if c not in ans)
        elif q.type is QType.JUDGE:
            ans = "对" if q.answer is right else "错"
        else:
            ans = "；".join(b[0] for b in q.blanks) if right else "；".join("不知道" for _ in q.blanks)
        out.append(ans)
        from xuezhi.bank.grading import parse_answer

        s.answer(parse_answer(p, ans))
    return out


def test_practice_quiz_all_right(invoke):
    answers = answers_for(5, seed=11)
    r = invoke("quiz", "--count", "5", "--seed", "11", "--no-save", input="\n".join(answers) + "\n")
    assert r.exit_code == 0, r.output
    assert r.stdout.count("√ 回答正确") == 5
    assert "第 1/5 题" in r.stdout and "第 5/5 题" in r.stdout
    assert "得分 100 / 100" in r.stdout
    assert "解析：" in r.stdout and re.search(r"【第[一二三四五六七八九十]+条", r.stdout)  # the article quoted


def test_practice_quiz_wrong_answers_are_explained_and_listed(invoke):
    answers = answers_for(4, seed=5, right=False)
    r = invoke("quiz", "-n", "4", "--seed", "5", "--no-save", input="\n".join(answers) + "\n")
    assert r.exit_code == 0
    assert r.stdout.count("× 回答错误") == 4
    assert "正确答案：" in r.stdout
    for block in r.stdout.split("【第 ")[1:]:  # 漏选/错选 only make sense for multiple choice
        if "· 多选题】" not in block:
            assert "漏选" not in block and "错选" not in block
    assert "答错的题目：" in r.stdout and "建议复习：xuezhi show" in r.stdout
    assert "得分 0 / 100" in r.stdout


def test_quiet_skips_the_article_quote(invoke):
    answers = answers_for(3, seed=2)
    r = invoke("quiz", "-n", "3", "--seed", "2", "--quiet", "--no-save", input="\n".join(answers) + "\n")
    assert "解析：" in r.stdout and not re.search(r"【第[一二三四五六七八九十]+条", r.stdout)


def test_exam_mode_gives_no_feedback_until_the_end(invoke):
    answers = answers_for(4, seed=8, right=False)
    r = invoke("quiz", "-n", "4", "--seed", "8", "--exam", "--no-save", input="\n".join(answers) + "\n")
    assert r.exit_code == 0
    report_at = r.stdout.index("得分")
    assert "回答错误" not in r.stdout[:report_at] and "解析：" not in r.stdout[:report_at]
    assert "正确答案：" in r.stdout[report_at:] and "解析：" in r.stdout[report_at:]



def test_exam_report_lists_each_wrong_question_whole_with_the_options_words(invoke):
    """After an exam the options have scrolled away: the report spells them out, stems uncut."""
    from xuezhi.bank.grading import parse_answer

    answers = answers_for(6, seed=8, right=False, types="single,multiple")
    r = invoke("quiz", "-n", "6", "--seed", "8", "--type", "single,multiple", "--exam", "--no-save",
               input="\n".join(answers) + "\n")
    report = r.stdout[r.stdout.index("答错的题目："):]
    filters = Filters(types={QType.SINGLE, QType.MULTIPLE})
    session = QuizSession(select_questions(load_bank(), load_regulation(), 6, filters, seed=8), seed=8)
    choices = 0
    for typed in answers:  # the same presentations the CLI showed
        p = session.next_question()
        q = p.question
        assert q.stem in report  # whole, not cut at 40 characters
        if q.type is QType.SINGLE:
            right, given = q.correct_indexes[0], parse_answer(p, typed).choices
            assert f"正确答案：{p.letter_of(right)}（{q.options[right]}）" in report
            assert f"你的答案：{typed}（{q.options[next(iter(given))]}）" in report
            choices += 1
        session.answer(parse_answer(p, typed))
    assert choices

def test_invalid_input_reprompts_and_never_counts(invoke):
    answers = answers_for(1, seed=21, types="single")
    r = invoke("quiz", "-n", "1", "--seed", "21", "--type", "single", "--no-save",
               input="\n？？\nZZ\n" + answers[0] + "\n")
    assert r.exit_code == 0
    assert "√ 回答正确" in r.stdout and "得分 100 / 100" in r.stdout
    # Each bad line got its own hint, and only the valid answer was graded.
    assert "  请输入答案。" in r.stdout
    assert "“Z”不是选项" in r.stdout
    assert r.stdout.count("回答正确") + r.stdout.count("回答错误") == 1


def test_input_ending_early_still_reports_what_was_answered(invoke):
    answers = answers_for(6, seed=13)
    r = invoke("quiz", "-n", "6", "--seed", "13", "--no-save", input="\n".join(answers[:2]) + "\n")
    assert r.exit_code == 0
    assert "已提前结束" in r.stdout
    assert re.search(r"答对 2/6 题（已答 2 题）", r.stdout)
    assert "未作答 4 题" in r.stdout


def test_same_seed_same_paper(invoke):
    a = invoke("quiz", "-n", "3", "--seed", "99", "--no-save", input="")
    b = invoke("quiz", "-n", "3", "--seed", "99", "--no-save", input="")
    first = lambda out: re.sub(r"用时 \S+", "", out.split("\n请")[0])  # noqa: E731
    assert first(a.stdout) == first(b.stdout)


def test_filters_from_the_command_line(invoke):
    r = invoke("quiz", "-n", "3", "--type", "judge", "--article", "34-36", "--seed", "1", "--no-save", input="")
    assert r.exit_code == 0 and "判断题" in r.stdout
    r = invoke("quiz", "-n", "3", "--type", "essay", "--no-save")
    assert r.exit_code == 2 and "未知题型" in r.stderr
    r = invoke("quiz", "-n", "3", "--article", "51", "--no-save")
    assert r.exit_code == 2 and "1–50" in r.stderr
    r = invoke("quiz", "--count", "0", "--no-save")
    assert r.exit_code == 2


def test_challenge_stops_at_the_first_wrong_answer(invoke):
    # Answering 对 to every statement goes wrong at the first false one; plenty of input is left.
    r = invoke("quiz", "--challenge", "--type", "judge", "--seed", "4", "--no-save", input="对\n" * 60)
    assert r.exit_code == 0
    assert r.stdout.count("× 回答错误") == 1
    after_wrong = r.stdout.split("× 回答错误")[1]
    assert "题 · 判断题" not in after_wrong  # no question after the first wrong answer
    right = r.stdout.count("√ 回答正确")
    assert f"挑战结束：连续答对 {right} 题" in r.stdout


def _write_bank(tmp_path, text: str):
    p = tmp_path / "my.yaml"
    p.write_text(text, encoding="utf-8")
    return p


GOOD = """
- id: M001
  type: single
  stem: 多人走访，代表人数不得超过（　）。
  options: [3人, 5人, 7人, 10人]
  answer: B
  basis: {article: 20, paragraph: 3}
  explanation: 第二十条第三款规定：“代表人数不得超过5人。”
  difficulty: 1
  tags: [数字期限]
"""


def test_quiz_with_a_trainers_bank(invoke, tmp_path):
    bank = _write_bank(tmp_path, GOOD)
    r = invoke("quiz", "--bank", str(bank), "-n", "1", "--seed", "1", "--no-save", input="")
    assert r.exit_code == 0 and "多人走访" in r.stdout


def test_validate_reports_file_line_id_and_rule(invoke, tmp_path):
    bad = GOOD + GOOD + GOOD.replace("M001", "M002").replace(
        "options: [3人, 5人, 7人, 10人]", "options: [3人, 6人, 7人, 10人]") + GOOD.replace("M001", "M003").replace(
        "answer: B", "answer: E")
    path = _write_bank(tmp_path, bad)
    r = invoke("validate", str(path))
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    dup = next(line for line in lines if "重复编号" in line)
    assert str(path) in dup and "第 12 行" in dup and "M001" in dup
    missing = next(line for line in lines if "答案无依据" in line)
    assert "M002" in missing and "6人" in missing and "第二十条第三款" in missing
    letter = next(line for line in lines if "M003" in line)
    assert "[错误·答案]" in letter and "A–D" in letter
    assert "未通过" in r.stdout



def test_validate_reports_every_problem_of_every_question_in_one_run(invoke, tmp_path):
    """A trainer's file under a questions: key, one question with three mistakes, a duplicate id
    whose answer is also wrong: all five problems, each with its line, counted the same everywhere."""
    import json

    indented = "".join("  " + line + "\n" for line in GOOD.strip("\n").splitlines())
    broken = (GOOD.replace("options: [3人, 5人, 7人, 10人]", "options: [甲, 甲]").replace("answer: B", "answer: C")
              .replace("{article: 20, paragraph: 3}", "{article: 60}").replace("M001", "M006"))
    dup_wrong = GOOD.replace("options: [3人, 5人, 7人, 10人]", "options: [3人, 6人, 7人, 10人]")
    text = "questions:\n" + indented + "".join("  " + line + "\n" for line in (dup_wrong + broken).strip("\n")
                                                .splitlines())
    path = tmp_path / "trainer.yaml"
    path.write_text(text, encoding="utf-8")
    r = invoke("validate", str(path))
    assert r.exit_code == 2
    found = {(line.split("题目 ")[1].split("：")[0], line.split("[错误·")[1].split("]")[0])
             for line in r.stderr.splitlines()}
    assert found == {("M001", "重复编号"), ("M001", "答案无依据"), ("M006", "选项重复"), ("M006", "依据"),
                     ("M006", "答案")}
    assert all(" 第 " in line and " 行 " in line for line in r.stderr.splitlines())
    assert "3 道题，错误 5 处" in r.stdout
    data = json.loads(invoke("validate", str(path), "--json").stdout)
    assert (data["questions"], data["errors"]) == (3, 5)
    r = invoke("quiz", "--bank", str(path), "--no-save")
    assert r.exit_code == 2 and "共 5 处问题" in r.stderr and f"xuezhi validate {path}" in r.stderr
    assert "字段" not in r.stderr

def test_quiz_refuses_an_invalid_bank_with_the_question_id(invoke, tmp_path):
    path = _write_bank(tmp_path, GOOD.replace("answer: B", "answer: E"))
    r = invoke("quiz", "--bank", str(path), "--no-save")
    assert r.exit_code == 2
    assert "M001" in r.stderr and "答案" in r.stderr


def test_validate_shipped_bank_passes(invoke):
    r = invoke("validate", "--json")
    import json

    data = json.loads(r.stdout)
    assert r.exit_code == 0 and data["errors"] == 0 and data["questions"] >= 240


def test_yaml_syntax_error_in_bank(invoke, tmp_path):
    path = _write_bank(tmp_path, GOOD + "\n- id: [unclosed\n")
    r = invoke("validate", str(path))
    assert r.exit_code == 2 and "YAML 语法错误" in r.stderr and "第 " in r.stderr


def test_ctrl_c_asks_before_stopping_and_keeps_the_answers():
    import io

    from rich.console import Console

    from xuezhi.terminal.console import Ui
    from xuezhi.terminal.quiz_screen import QuizScreen

    bank, reg = load_bank(), load_regulation()
    questions = select_questions(bank, reg, 3, seed=5)
    session = QuizSession(questions, seed=5)
    first = QuizSession(questions, seed=5).next_question()
    right = answers_for(3, seed=5)[0]
    assert first is not None
    script = iter([right, KeyboardInterrupt, "n", KeyboardInterrupt, "y"])

    def read_line(prompt: str):
        out.write(prompt)
        step = next(script)
        if step is KeyboardInterrupt:
            raise KeyboardInterrupt
        return step

    out = io.StringIO()
    console = Console(file=out, markup=False, color_system=None, width=100)
    ui = Ui(out=console, err=console, plain=True)
    screen = QuizScreen(ui, reg, bank, read_line)
    result = screen.run(session)
    text = out.getvalue()
    # asked twice, "n" continued; nothing records this screen's answers, so it does not promise to keep them
    assert text.count("要结束本次答题吗？已作答的题目照样计分，但本次不保存。[y/N]") == 2
    assert len(result.records) == 1 and result.records[0].correct
    assert result.stopped_early and len(result.unanswered) == 2


@pytest.mark.parametrize(("args", "words"), [
    (["--exam", "--challenge"], "--exam 与 --challenge 不能同时使用"),
    (["--per-question", "5s"], "--per-question 只用于挑战答题"),
])
def test_contradictory_quiz_options_are_refused(invoke, args, words):
    r = invoke("quiz", *args, "--no-save", input="")
    assert r.exit_code == 2 and r.stderr.startswith("错误：") and words in r.stderr


@pytest.mark.parametrize(("args", "expected"), [
    (["--challenge", "--per-question", "1s"], ["× 超时，正确答案：", "挑战结束：连续答对 0 题"]),
    (["--exam", "-n", "3", "--time", "2s"], ["时间到，交卷。", "时间到，得分 0 / 100", "未作答 3 题"]),
])
def test_time_limits_cut_in_while_nobody_types(tmp_path, args, expected):
    """Seen in a terminal: the prompt waited past the limit until Enter. Now the quiz moves on by
    itself; stdin stays open (nothing typed, no end of input) until the process is done."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, XUEZHI_HOME=str(tmp_path / "home"), NO_COLOR="1", PYTHONIOENCODING="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "xuezhi", "quiz", *args, "--seed", "3", "--no-save"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            text=True, encoding="utf-8")
    try:
        code = proc.wait(timeout=60)
    finally:
        proc.stdin.close()
    out, err = proc.stdout.read(), proc.stderr.read()
    assert code == 0, err
    for words in expected:
        assert words in out


def test_control_characters_pasted_from_word_are_caught_before_any_export(invoke, tmp_path):
    """A \\v in a stem passed validate, then broke the Word, Excel and Moodle exports."""
    escaped = tmp_path / "escaped.yaml"
    escaped.write_text(GOOD.replace("stem: ", 'stem: "').replace("（　）。\n", '（　）。\\v"\n', 1), encoding="utf-8")
    r = invoke("validate", str(escaped))
    assert r.exit_code == 2 and "[错误·控制字符] stem 中有不可见的控制字符 U+000B" in r.stderr and "M001" in r.stderr
    raw = tmp_path / "raw.yaml"
    raw.write_text(GOOD.replace("（　）。", "（　）。\x0b", 1), encoding="utf-8")
    r = invoke("validate", str(raw))
    assert r.exit_code == 2 and "控制字符 U+000B" in r.stderr and " 第 " in r.stderr and "unacceptable" not in r.stderr
    for option in ("--title", "--unit"):
        r = invoke("export", str(tmp_path / "卷.docx"), option, "试卷\x01")
        assert r.exit_code == 2 and "控制字符" in r.stderr and not (tmp_path / "卷.docx").exists()


def test_the_shipped_bank_against_another_corpus_keeps_only_what_it_can_cite(invoke, tmp_path):
    """A one-chapter corpus with the shipped bank: every command failed with an internal error."""
    import yaml

    from xuezhi.text.corpus import default_corpus_path

    raw = yaml.safe_load(default_corpus_path().read_text(encoding="utf-8"))
    raw["chapters"] = raw["chapters"][:1]
    raw["principles"] = [p for p in raw.get("principles", []) if p["article"] <= 6]
    corpus = tmp_path / "one.yaml"
    corpus.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    r = invoke("quiz", "-n", "3", "--no-save", "--corpus", str(corpus), input="")
    assert r.exit_code == 0, r.output
    assert "本次略去" in r.stderr and "内部错误" not in r.output
    cited = re.findall(r"【第 \d+/3 题", r.stdout)
    assert len(cited) >= 1
    r = invoke("export", str(tmp_path / "卷.json"), "--all", "--corpus", str(corpus))
    assert r.exit_code == 0, r.output
    import json

    arts = {q["basis"]["article"] for q in json.loads((tmp_path / "卷.json").read_text(encoding="utf-8"))["questions"]}
    assert arts and max(arts) <= 6


def test_a_numeric_id_and_a_misspelt_field_are_pointed_out(invoke, tmp_path):
    path = _write_bank(tmp_path, GOOD.replace("id: M001", "id: 123").replace("difficulty: 1", "dificulty: 1"))
    r = invoke("validate", str(path))
    assert r.exit_code == 2
    assert "[错误·编号] id 应为文本（如 Q0001），实际是 123" in r.stderr and "缺少 id" not in r.stderr
    assert "[提醒·未知字段] 未知字段 dificulty（是否想写 difficulty？）" in r.stderr
    fixed = _write_bank(tmp_path, GOOD.replace("difficulty: 1", "dificulty: 1"))
    r = invoke("quiz", "--bank", str(fixed), "-n", "1", "--no-save", input="")
    assert r.exit_code == 0, r.output  # a warning does not stop a quiz


def test_asking_for_more_questions_than_the_filters_allow_says_so(invoke):
    r = invoke("quiz", "-n", "50", "--chapter", "6", "-t", "multiple", "--no-save", input="")
    assert r.exit_code == 0 and "符合条件的题目只有" in r.stderr and "少于要求的 50 道" in r.stderr


@pytest.mark.parametrize(("args", "words"), [
    (["--type", ""], "--type 的值是空的"),
    (["--chapter", ""], "--chapter 的值是空的"),
    (["--tag", " "], "--tag 的值是空的"),
    (["--difficulty", "3-1"], "起点大于终点"),
])
def test_empty_or_reversed_filters_are_refused_not_ignored(invoke, args, words):
    r = invoke("quiz", *args, "--no-save", input="")
    assert r.exit_code == 2 and words in r.stderr
