"""What the commands share: common options, loading the corpus, bank and store, warnings, running a
question set. Thin: the work is done by the domain packages."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from xuezhi.errors import ExitCode, XuezhiError, shown

CorpusOpt = Annotated[
    Path | None,
    typer.Option("--corpus", envvar="XUEZHI_CORPUS", help="使用另一份条文 YAML（格式同 data/条例.yaml）。",
                 show_default=False, show_envvar=True),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="输出 JSON（键名稳定，见 README）。")]
SEED_MAX = 999_999_999_999  # --seed: any seed a person types, and short enough to print in a paper's properties


def seed_in_range(value: int | None) -> int | None:
    """--seed's check (a callback, not min/max: those print the range in every help line)."""
    if value is not None and not 0 <= value <= SEED_MAX:
        raise typer.BadParameter(f"随机种子应为 0–{SEED_MAX} 的整数，收到的是 {shown(str(value), most=24)}")
    return value


def print_json(data: Any) -> None:
    import json

    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def ui_for():
    from xuezhi.terminal.console import make_ui

    return make_ui()


EditionOpt = Annotated[
    str | None,
    typer.Option("--edition", "-e", help="看哪一版：2022（《信访工作条例》，默认）或 2005（已被取代的《信访条例》）。",
                 show_default=False),
]


def regulation(corpus: Path | None, edition: str | None = None):
    """The text a command reads: --edition's built-in text, else --corpus / XUEZHI_CORPUS, else the 2022 text."""
    from xuezhi.text.corpus import load_regulation

    if edition is not None:
        from xuezhi.text.editions import edition_path

        from_env = os.environ.get("XUEZHI_CORPUS")
        if corpus is not None and not (from_env and Path(from_env) == corpus):
            raise XuezhiError("--edition 和 --corpus 只能用一个：--edition 选内置的条文，--corpus 指定自己的文件。")
        return load_regulation(edition_path(edition))
    return load_regulation(corpus)


def edition_notice(ui: Any, edition: str | None) -> None:
    """A line above an old edition's text, so that nobody quotes it as the regulation in force."""
    if edition is not None:
        from xuezhi.text.editions import DEFAULT
        from xuezhi.text.editions import edition as find

        e = find(edition)
        if e.name != DEFAULT:
            ui.out.print(f"以下是{e.title}的条文。", style="dim")


BankOpt = Annotated[
    Path | None,
    typer.Option("--bank", envvar="XUEZHI_BANK", help="使用另一份题库 YAML（先校验再使用）。", show_default=False),
]


def chosen_articles(reg: Any, articles: list[str] | None, chapter: str | None) -> list[int]:
    """The article numbers of `--chapter` and then of the article arguments (20, 17-20, 第二十条), in that
    order without repeats; [] when neither was given (the command says what it needs)."""
    from xuezhi.text.refs import parse_article_refs, parse_chapter_number

    numbers: list[int] = []
    if chapter is not None:
        ch = reg.chapter(parse_chapter_number(chapter, [c.number for c in reg.chapters]))
        numbers += [a.number for a in ch.articles]
    if articles:
        numbers += [n for n in parse_article_refs(articles, [a.number for a in reg.articles]) if n not in numbers]
    return numbers


def bank_for(bank: Path | None, reg: Any):
    """The question bank; a user-supplied one is fully validated first."""
    from xuezhi.bank.load import load_bank

    if bank is None and not os.environ.get("XUEZHI_BANK"):
        return citing(load_bank(), reg)
    from xuezhi.bank.load import read_bank
    from xuezhi.bank.validation import validate_bank

    b = read_bank(bank)  # every problem, shape and content, counted once
    errors = [p for p in validate_bank(b, reg, near_duplicates=False, standard=False) if not p.warning]
    if errors:
        more = f"（共 {len(errors)} 处问题，运行 xuezhi validate {b.source} 查看全部）" if len(errors) > 1 else ""
        raise XuezhiError(f"题库未通过校验：{errors[0]}{more}", ExitCode.BAD_INPUT)
    return load_bank(bank)


def citing(qbank: Any, reg: Any) -> Any:
    """The shipped bank against another --corpus: only the questions whose article it has."""
    from dataclasses import replace

    kept = tuple(q for q in qbank.questions if reg.article(q.basis.article) is not None)
    if len(kept) == len(qbank.questions):
        return qbank
    if not kept:
        raise XuezhiError(f"内置题库中没有题目引用 {reg.source} 里的条文；请用 --bank 指定与之配套的题库。")
    warn(f"内置题库中有 {len(qbank.questions) - len(kept)} 道题引用的条文不在 {reg.source} 中，本次略去。")
    return replace(qbank, questions=kept)


def quiz_recorder(no_save: bool):
    """Where answers are saved: the progress store, or nowhere with --no-save (the store is not
    even opened) or an unwritable home."""
    return recorder(None if no_save else open_store(save=True))


def warn(message: str) -> None:
    print(f"注意：{message}", file=sys.stderr)


def materials(corpus: Path | None, bank: Path | None, save: bool) -> tuple[Any, Any, Any]:
    """Regulation, bank and progress store: what review, daily and stats all start from."""
    reg = regulation(corpus)
    return reg, bank_for(bank, reg), open_store(save=save)


def open_store(save: bool):
    """The progress store, or None. Saving: opened for writing; if the home cannot be written,
    say so and fall back to reading (the quiz still runs, unsaved). Not saving: read only."""
    from xuezhi.progress.db import StoreUnavailable
    from xuezhi.progress.store import Store

    store = None
    try:
        store = Store.open() if save else Store.open_for_reading()
    except StoreUnavailable as e:
        if save:
            warn(f"{e.message}\n本次答题照常进行，但不会保存（相当于 --no-save）。"
                  f"可设置环境变量 XUEZHI_HOME 指定一个可写的目录。")
            store = Store.open_read_only()  # not open_for_reading(): it would try to write again
        else:
            raise
    for notice in store.notices if store else ():
        if not (save and store.readonly):
            warn(notice)
    return store


def recorder(store: Any, save: bool = True):
    from xuezhi.quiz.session import Recorder

    if store is None or store.readonly or not save:
        return Recorder()
    from xuezhi.progress.review import StoreRecorder

    return StoreRecorder(store, warn)


NoSaveOpt = Annotated[bool, typer.Option("--no-save", help="不保存本次答题记录（也不影响复习安排）。")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="答题反馈中不引用条文原文。")]


def streak_line(store: Any, today: Any) -> str:
    from xuezhi.progress.stats import streaks

    s = streaks(store.study_days(), today)
    return f"已连续学习 {s['current']} 天（最长 {s['longest']} 天）。"


def run_set(ui: Any, reg: Any, qbank: Any, questions: list, mode: str, title: str, recorder: Any,
             quiet: bool, filters: dict | None = None) -> Any:
    from xuezhi.quiz.session import QuizSession
    from xuezhi.terminal.quiz_screen import QuizScreen
    from xuezhi.terminal.reader import terminal_reader

    screen = QuizScreen(ui, reg, qbank, terminal_reader(ui), quiet=quiet, recorder=recorder, title=title)
    result = screen.run(QuizSession(questions), mode, filters or {})
    ui.out.print(screen.report(result))
    return result
