"""Coming back to what was learnt: review, daily, stats, history."""

from __future__ import annotations

from typing import Annotated

import typer

from xuezhi.cli.common import (
    BankOpt,
    CorpusOpt,
    JsonOpt,
    NoSaveOpt,
    QuietOpt,
    bank_for,
    materials,
    open_store,
    print_json,
    recorder,
    regulation,
    run_set,
    streak_line,
    ui_for,
)
from xuezhi.errors import XuezhiError, shown

app = typer.Typer()


@app.command()
def review(
    wrong: Annotated[bool, typer.Option("--wrong", help="错题本：最近一次答错的全部题目，不论是否到期。")] = False,
    count: Annotated[int, typer.Option("--count", "-n", min=1, max=1000, help="本次最多做多少题。")] = 20,
    cloze: Annotated[bool, typer.Option("--cloze", help="复习填空卡（由条文生成，见 xuezhi cloze）：到期的在前，"
                                        "再加没学过的。")] = False,
    quiet: QuietOpt = False,
    no_save: NoSaveOpt = False,
    bank: BankOpt = None,
    corpus: CorpusOpt = None,
) -> None:
    """复习：按间隔重复（FSRS）安排到期的题目，答错过的排在最前；--wrong 做错题本，--cloze 复习填空卡。"""
    from xuezhi.clock import now
    from xuezhi.progress.review import plan_review, wrong_book

    reg, qbank, store = materials(corpus, bank, save=not no_save)
    states = store.review_states() if store else {}
    ui = ui_for()
    if cloze:
        from xuezhi.cli.cloze import card_bank, review_plan

        cards, empty = review_plan(reg, states, now(), wrong, count)
        if empty:
            ui.out.print(empty)
            return
        # quiet: the feedback is the card's whole sentence, the answer set off; the paragraph again adds nothing
        run_set(ui, reg, card_bank(reg), cards, "cloze", "填空卡", recorder(store, not no_save), True,
                {"count": count, "cloze": True, "wrong": wrong})
        return
    plan = plan_review(states, qbank, now(), wrong)
    if plan.empty:
        ui.out.print(plan.empty)
        return
    questions, mode, title = plan.questions, plan.mode, plan.title
    more = len(questions) - count
    run_set(ui, reg, qbank, questions[:count], mode, title, recorder(store, not no_save), quiet, {"count": count})
    if more > 0:
        ui.out.print(f"还有 {more} 道{'错题' if wrong else '到期的题目'}，再次运行 xuezhi review"
                     f"{' --wrong' if wrong else ''} 继续。", style="cyan")
    elif wrong and store is not None and not no_save and not store.readonly:
        left = len(wrong_book(store.review_states(), qbank))
        ui.out.print("错题本已清空！" if not left else f"错题本还剩 {left} 道（这次又答错的题）。", style="cyan")


@app.command()
def daily(
    count: Annotated[int, typer.Option("--count", "-n", min=1, max=100, help="每组题数。")] = 5,
    more: Annotated[bool, typer.Option("--more", help="今天已完成时，不再询问，直接加练一组。")] = False,
    quiet: QuietOpt = False,
    no_save: NoSaveOpt = False,
    bank: BankOpt = None,
    corpus: CorpusOpt = None,
) -> None:
    """每日一练：每天一组（默认 5 题），到期的复习题搭配没做过的新题（另带到期的填空卡）；记录连续学习天数。"""
    from xuezhi.cli.cloze import daily_cards
    from xuezhi.clock import now
    from xuezhi.progress.review import daily_result, daily_seed, mix, plan_daily
    from xuezhi.terminal.reader import is_yes, terminal_reader

    reg, qbank, store = materials(corpus, bank, save=not no_save)
    at = now()
    ui = ui_for()
    if store is None or store.readonly or no_save:  # a set to practise, nothing recorded
        questions = mix(store.review_states() if store else {}, qbank, reg, at, count, seed=daily_seed(at.date()))
        questions += daily_cards(reg, store, at)
        run_set(ui, reg, qbank, questions, "daily", "每日一练", recorder(None), quiet)  # the screen: 本次不保存
        return
    plan = plan_daily(store, qbank, reg, at, count)
    if plan.done:
        _answered, correct = daily_result(store, plan.day, plan.set_ids)
        ui.out.print(f"今天的每日一练已经完成（{len(plan.set_ids)} 题，答对 {correct} 题）。"
                     + streak_line(store, plan.day), style="bold")
        if not more:
            reply = terminal_reader(ui)(f"再练 {count} 道吗？[y/N] ")
            if not is_yes(reply):
                ui.out.print("明天见！也可以运行 xuezhi review 复习到期的题目，或 xuezhi quiz 自由练习。")
                return
        exclude = set(plan.set_ids) | store.answered_ids_on(plan.day)
        questions = mix(store.review_states(), qbank, reg, at, count, exclude=exclude)
        if not questions:
            ui.out.print("题库里的题目今天都已做过了，明天再来吧。")
            return
        run_set(ui, reg, qbank, questions, "extra", "加练", recorder(store), quiet)
        ui.out.print(streak_line(store, plan.day), style="cyan")
        return
    title = "继续今天的每日一练" if plan.resumed else "每日一练"
    run_set(ui, reg, qbank, plan.questions + daily_cards(reg, store, at), "daily", title, recorder(store), quiet,
            {"count": len(plan.set_ids)})
    after = plan_daily(store, qbank, reg, now(), count)
    if after.done:
        ui.out.print("今天的每日一练完成！" + streak_line(store, plan.day), style="bold green")
    else:
        ui.out.print(f"今天的每日一练还剩 {len(after.questions)} 题，再次运行 xuezhi daily 继续。", style="cyan")


@app.command()
def stats(bank: BankOpt = None, corpus: CorpusOpt = None, as_json: JsonOpt = False) -> None:
    """学习统计：正确率（总体、按题型、按章、最薄弱的 10 条）、近 30 天活动、连续学习天数、待复习题数。"""
    from xuezhi.clock import now
    from xuezhi.progress.db import store_path
    from xuezhi.progress.stats import compute_stats

    reg, qbank, store = materials(corpus, bank, save=False)
    answers = store.answer_facts() if store else []
    states = store.review_states() if store else {}
    from xuezhi.cli.cloze import recitation_days, study_summary

    data = compute_stats(answers, states, qbank, reg, now(), store.session_count() if store else 0,
                         recitation_days(store))
    data["recitation"] = study_summary(reg, store, states, now())
    data["store"] = str(store.path if store else store_path())
    if as_json:
        print_json(data)
        return
    from xuezhi.terminal.progress_view import stats_view

    ui = ui_for()
    ui.out.print(stats_view(data, ui))


MAX_SESSION = 2**62  # SQLite's integers end at 2**63: a bigger value was an internal OverflowError


def _session_number(text: str) -> int:
    """history's 编号, read here rather than by click, whose message read “编号 的值“abc”不是整数”."""
    t = text.strip()
    if not t.isdecimal():
        raise XuezhiError(f"答题编号应为正整数（如 xuezhi history 17），收到的是“{shown(text)}”。"
                          f"运行 xuezhi history 查看全部编号。")
    n = int(t)
    if not 1 <= n <= MAX_SESSION:
        raise XuezhiError(f"答题编号 {shown(t)} 超出允许范围（编号从 1 起）。运行 xuezhi history 查看全部编号。")
    return n


@app.command()
def history(
    number: Annotated[str | None, typer.Argument(help="答题编号：显示那次答题的每道题。", show_default=False,
                                                 metavar="[编号]")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=1_000_000, help="列出最近多少次答题。")] = 20,
    bank: BankOpt = None,
    corpus: CorpusOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """答题历史：最近的答题（时间、模式、得分）；给出编号则显示那次答题的每道题。"""
    from xuezhi.progress.stats import session_detail, session_json

    session_id = None if number is None else _session_number(number)
    store = open_store(save=False)
    if session_id is not None:
        row = store.session(session_id) if store else None
        if row is None:
            raise XuezhiError(f"没有编号为 {session_id} 的答题记录。运行 xuezhi history 查看全部编号。")
        from xuezhi.cli.cloze import with_cards

        answers = store.answers_of(session_id)
        reg = regulation(corpus)
        data = session_detail(row, answers, with_cards(bank_for(bank, reg), reg, [a["question_id"] for a in answers]))
        if as_json:
            print_json(data)
            return
        from xuezhi.terminal.progress_view import session_view

        ui = ui_for()
        ui.out.print(session_view(data, ui))
        return
    sessions = [session_json(r) for r in store.sessions(limit)] if store else []
    if as_json:
        print_json(sessions)
        return
    ui = ui_for()
    if not sessions:
        ui.out.print("还没有答题记录。运行 xuezhi daily 或 xuezhi quiz 开始。")
        return
    from xuezhi.terminal.progress_view import history_table

    total = store.session_count()
    ui.out.print(f"最近 {len(sessions)} 次答题（共 {total} 次）：", style="bold")
    ui.out.print(history_table(sessions, ui))
    ui.out.print("查看某次答题的每道题：xuezhi history 编号", style="dim")
