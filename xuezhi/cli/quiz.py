"""xuezhi quiz: a self-test, an exam or a challenge run."""

from __future__ import annotations

from typing import Annotated

import typer

from xuezhi.cli.common import (
    BankOpt,
    CorpusOpt,
    bank_for,
    quiz_recorder,
    regulation,
    seed_in_range,
    ui_for,
    warn,
)
from xuezhi.errors import XuezhiError

app = typer.Typer()


@app.command()
def quiz(
    count: Annotated[int, typer.Option("--count", "-n", min=1, max=1000, help="题目数量。")] = 10,
    qtype: Annotated[list[str] | None, typer.Option(
        "--type", "-t", help="题型：single 单选、multiple 多选、judge 判断、blank 填空，可逗号分隔。",
        show_default=False)] = None,
    chapter: Annotated[list[str] | None, typer.Option("--chapter", "-c", help="只考某章，如 3 或 第三章。",
                                                      show_default=False)] = None,
    article: Annotated[list[str] | None, typer.Option("--article", "-a", help="只考某些条，如 34 或 31-36。",
                                                      show_default=False)] = None,
    difficulty: Annotated[list[str] | None, typer.Option("--difficulty", "-d", help="难度 1–3，如 2 或 1-2。",
                                                         show_default=False)] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="按标签选题，如 用条例、数字期限。",
                                                  show_default=False)] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="随机种子：同一种子抽到同样的题和选项顺序。",
                                             show_default=False, callback=seed_in_range)] = None,
    exam: Annotated[bool, typer.Option("--exam", help="考试模式：交卷后才显示对错与解析。")] = False,
    time_limit: Annotated[str | None, typer.Option("--time", help="总时限，如 15m、90s、1h；到时未答的题记为未作答。",
                                                   show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="答题反馈中不引用条文原文。")] = False,
    challenge: Annotated[bool, typer.Option("--challenge", help="挑战答题：一直出题，答错即止。")] = False,
    per_question: Annotated[str | None, typer.Option(
        "--per-question", help="挑战答题每题时限，默认 45s；只用于 --challenge。", show_default=False)] = None,
    no_save: Annotated[bool, typer.Option("--no-save", help="不保存本次答题记录。")] = False,
    bank: BankOpt = None,
    corpus: CorpusOpt = None,
) -> None:
    """自测答题：逐题作答，答后即看对错、解析与条文原文；结束时给出得分和错题。"""
    from xuezhi.quiz.select import parse_filters, select_questions
    from xuezhi.quiz.session import QuizSession, parse_duration
    from xuezhi.terminal.quiz_screen import QuizScreen
    from xuezhi.terminal.reader import terminal_reader

    if exam and challenge:
        raise XuezhiError("--exam 与 --challenge 不能同时使用：挑战答题每题都要立即判定对错。")
    if per_question is not None and not challenge:
        raise XuezhiError("--per-question 只用于挑战答题，请同时写 --challenge；整场限时请用 --time。")
    reg = regulation(corpus)
    qbank = bank_for(bank, reg)
    filters = parse_filters(reg, qtype, chapter, article, difficulty, tag)
    limit = parse_duration(time_limit) if time_limit else None
    answers = quiz_recorder(no_save)
    if challenge:
        questions = select_questions(qbank, reg, len(qbank), filters, seed=seed, balanced=False)
        session = QuizSession(questions, seed=seed, question_limit=parse_duration(per_question or "45s"),
                              time_limit=limit)
        mode = "challenge"
    else:
        # practice prefers questions not seen, or seen longest ago; a --seed draws the same quiz every time
        seen = None if exam or seed is not None else last_seen(answers)
        questions = select_questions(qbank, reg, count, filters, seed=seed, last_seen=seen)
        session = QuizSession(questions, seed=seed, time_limit=limit)
        mode = "exam" if exam else "practice"
        if len(questions) < count:
            warn(fewer_than_asked(qbank, reg, filters, len(questions), count))
    ui = ui_for()
    screen = QuizScreen(ui, reg, qbank, terminal_reader(ui), exam=exam, quiet=quiet,
                        recorder=answers)
    result = screen.run(session, mode, {"count": count, **filters.describe()}, challenge=challenge)
    ui.out.print(screen.report(result, challenge=challenge))


def last_seen(answers: object) -> dict | None:
    """When each question was last answered, from the store the quiz records into (none with --no-save)."""
    store = getattr(answers, "store", None)
    if store is None:
        return None
    return {qid: s.last_review for qid, s in store.review_states().items() if s.last_review}


def fewer_than_asked(qbank: object, reg: object, filters: object, got: int, count: int) -> str:
    from xuezhi.quiz.select import eligible

    matching = len(eligible(qbank, reg, filters))  # type: ignore[arg-type]
    if matching > got:  # enough questions, but not that many that may sit together
        return (f"符合条件的 {matching} 道题中，能放在一次自测里而不互相提示、不重复考同一句原文的只有 {got} 道，"
                f"少于要求的 {count} 道。")
    return f"符合条件的题目只有 {got} 道，少于要求的 {count} 道。"
