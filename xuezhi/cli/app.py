"""The command line: parse arguments, call the core, render. Nothing else lives here."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.core

from . import __version__, cli_zh
from .console import wants_plain
from .errors import ExitCode, XuezhiError, os_reason, shown

cli_zh.install()


class _Group(typer.core.TyperGroup):
    """Turns core errors into one Chinese line on stderr and a named exit code."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            # `xuezhi` alone is a request for help, not a usage error (click exits 2 here)
            text = ctx.get_help()  # the Rich layout prints itself and returns ""
            if text:
                print(text)
            ctx.exit(0)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except XuezhiError as e:
            if os.environ.get("XUEZHI_DEBUG"):
                raise
            print(f"错误：{e.message}", file=sys.stderr)
            raise typer.Exit(int(e.code)) from None
        except KeyboardInterrupt:
            if os.environ.get("XUEZHI_DEBUG"):
                raise
            print("\n已中断。", file=sys.stderr)
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except BrokenPipeError:  # `xuezhi show 1-50 --json | head`: the reader has what it wanted (Rich
            # handles a broken pipe itself for its own output and exits 1)
            raise typer.Exit(int(ExitCode.OK)) from None
        except OSError as e:  # writing the output failed (a full disk behind `> file`, …)
            if os.environ.get("XUEZHI_DEBUG"):
                raise
            print(f"错误：读写失败：{os_reason(e)}。", file=sys.stderr)
            raise typer.Exit(int(ExitCode.ERROR)) from None
        except Exception as e:
            if os.environ.get("XUEZHI_DEBUG") or type(e).__module__.startswith("typer"):
                raise
            if type(e).__module__ == "sqlite3":  # the store failed outside the answer recorder (import, reset)
                from .store import reason as db_reason

                print(f"错误：学习记录读写失败：{db_reason(e)}。", file=sys.stderr)
                raise typer.Exit(int(ExitCode.ERROR)) from None
            print(f"内部错误：{type(e).__name__}: {e}\n请设置环境变量 XUEZHI_DEBUG=1 重新运行，并把输出报告给维护者。",
                  file=sys.stderr)
            raise typer.Exit(int(ExitCode.ERROR)) from None


app = typer.Typer(
    name="xuezhi",
    cls=_Group,
    help="学知：《信访工作条例》学习、检索与自测工具。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Piped or NO_COLOR: click's plain help, without Rich's boxes.
    rich_markup_mode=None if wants_plain() else "rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)

CorpusOpt = Annotated[
    Path | None,
    typer.Option("--corpus", envvar="XUEZHI_CORPUS", help="使用另一份条文 YAML（格式同 data/条例.yaml）。",
                 show_default=False, show_envvar=True),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="输出 JSON（键名稳定，见 README）。")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"xuezhi {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                          help="显示版本号并退出。")] = False,
) -> None:
    """学知：《信访工作条例》学习、检索与自测工具。"""


def _print_json(data: Any) -> None:
    import json

    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _ui():
    from .console import make_ui

    return make_ui()


def _regulation(corpus: Path | None):
    from .corpus import load_regulation

    return load_regulation(corpus)


# ---------------------------------------------------------------- reading

@app.command()
def toc(corpus: CorpusOpt = None, as_json: JsonOpt = False) -> None:
    """目录：各章及其条文范围、每条的条旨。"""
    from .reading import toc_json
    from .render import toc_table

    reg = _regulation(corpus)
    if as_json:
        _print_json(toc_json(reg))
        return
    ui = _ui()
    ui.out.print(f"《{reg.title}》 共{len(reg.chapters)}章{len(reg.articles)}条", style="bold")
    ui.out.print(toc_table(reg, ui))


@app.command()
def show(
    articles: Annotated[list[str] | None, typer.Argument(
        help="条号：20、第二十条、第20条、二十，范围 17-20，可写多个。", show_default=False,
        metavar="条号...")] = None,
    chapter: Annotated[str | None, typer.Option("--chapter", "-c", help="显示整章，如 3 或 第三章。",
                                                show_default=False)] = None,
    corpus: CorpusOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """显示条文原文，例如 xuezhi show 20、xuezhi show 17-20、xuezhi show --chapter 3。"""
    from .reading import article_json
    from .refs import parse_article_refs, parse_chapter_number

    reg = _regulation(corpus)
    numbers: list[int] = []
    if chapter is not None:
        ch = reg.chapter(parse_chapter_number(chapter, [c.number for c in reg.chapters]))
        numbers += [a.number for a in ch.articles]
    if articles:
        numbers += [n for n in parse_article_refs(articles, [a.number for a in reg.articles]) if n not in numbers]
    if not numbers:
        raise XuezhiError(f"请给出条号或 --chapter，例如 xuezhi show 20；本条例共 {len(reg.articles)} 条。")
    selected = [reg.article(n) for n in numbers]
    if as_json:
        _print_json([article_json(a, reg) for a in selected])
        return
    from .render import article_block

    ui = _ui()
    for i, a in enumerate(selected):
        if i:
            ui.out.print()
        ui.out.print(article_block(a, reg, hanging=not ui.plain), soft_wrap=ui.plain)


@app.command()
def principles(corpus: CorpusOpt = None, as_json: JsonOpt = False) -> None:
    """信访工作五项原则（第五条）及其出处。"""
    from .reading import principles_json
    from .render import principles_block

    reg = _regulation(corpus)
    if as_json:
        _print_json(principles_json(reg))
        return
    ui = _ui()
    ui.out.print(principles_block(reg, hanging=not ui.plain), soft_wrap=ui.plain)


def _info_extra() -> dict:
    """What other parts of the tool add to `info` (question bank, progress store)."""
    extra: dict = {}
    for provider in _INFO_PROVIDERS:
        extra |= provider()
    return extra


_INFO_PROVIDERS: list = []


@app.command()
def info(corpus: CorpusOpt = None, as_json: JsonOpt = False) -> None:
    """条例基本信息：名称、发布机关、日期、章条数量、数据文件位置。"""
    from .reading import info_json
    from .render import info_table

    reg = _regulation(corpus)
    data = info_json(reg, _info_extra())
    if as_json:
        _print_json(data)
        return
    ui = _ui()
    ui.out.print(info_table(data, ui))


# ---------------------------------------------------------------- search

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９＋－", "0123456789+-")


@app.command()
def search(
    query: Annotated[list[str] | None, typer.Argument(
        help="检索词，可写多个（须同时出现）；加引号查整句；也可写条号，如 第二十七条、34条。",
        show_default=False, metavar="检索词...")] = None,
    limit: Annotated[str, typer.Option("--limit", "-n", help="最多显示几条（正整数）。", metavar="N")] = "10",
    chapter: Annotated[str | None, typer.Option("--chapter", "-c", help="只在某一章里查，如 4 或 第四章。",
                                                show_default=False)] = None,
    full: Annotated[bool, typer.Option("--full", help="显示命中条文的全文，而不是摘录。")] = False,
    corpus: CorpusOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """按关键词、俗称、错别字、问句或条号查找条文，例如 xuezhi search 枫桥经验。"""
    from .search import index_for, parse_query, query_problem

    text = " ".join(query or [])
    if not text.strip():
        raise XuezhiError("请给出检索词，例如 xuezhi search 枫桥经验 或 xuezhi search 第二十七条。")
    problem = query_problem(text)
    if problem:
        raise XuezhiError(problem)
    # Parsed here, not by typer: its "not a valid int" message would reach the user in English.
    size = limit.strip().translate(_FULLWIDTH_DIGITS).lstrip("+").lstrip("0") or "0"
    if not size.isascii() or not size.isdigit() or size == "0":
        raise XuezhiError(f"--limit 应为正整数（例如 --limit 5），收到的是“{shown(limit)}”。")
    limit_n = int(size) if len(size) <= 6 else 1_000_000  # more than any corpus has articles
    reg = _regulation(corpus)
    chapter_no = None
    if chapter is not None:
        from .refs import parse_chapter_number

        chapter_no = parse_chapter_number(chapter, [c.number for c in reg.chapters])
    index = index_for(reg)
    bad = parse_query(text, index.position).bad_refs
    span = f"本条例共 {len(reg.articles)} 条（第 {reg.article_numbers.start}–{reg.article_numbers.stop - 1} 条）"
    hits = index.search(text, chapter=chapter_no, limit=limit_n + 1)
    if bad and not hits:
        raise XuezhiError(f"第 {bad[0]} 条不存在：{span}。")
    more, hits = len(hits) > limit_n, hits[:limit_n]
    if as_json:
        _print_json([h.to_json() | {"summary": reg.article(h.article).summary} for h in hits])
        return
    from rich.text import Text

    from .numerals import to_chinese

    ui = _ui()
    if bad:
        ui.err.print(f"提示：第 {bad[0]} 条不存在（{span}），已忽略。")
    where = f"在第{to_chinese(chapter_no)}章中" if chapter_no else ""
    if not hits:
        asked = " ".join("".join(c if c.isprintable() else " " for c in text).split())
        ui.out.print(f"{where}没有找到与“{asked}”相关的条文。")
        tips = index.suggest(text)
        ui.out.print(f"可以试试：{'、'.join(tips)}" if tips else "可以换个说法，或用 xuezhi toc 查看目录。")
        return
    ui.out.print(f"{where}找到不止 {len(hits)} 条，按相关度显示前 {len(hits)} 条（可用 --limit 调整）：" if more
                 else f"{where}找到 {len(hits)} 条，按相关度排序：")
    if full:
        from .render import article_block

        for h in hits:
            ui.out.print()
            if h.match == "approximate":
                ui.out.print(Text("〔近似〕", style="dim"))
            ui.out.print(article_block(reg.article(h.article), reg, highlight=h.matched, hanging=not ui.plain),
                         soft_wrap=ui.plain)
        return
    from .search_view import hits_block

    ui.out.print(hits_block(hits, reg, ui))
    if any(h.match == "approximate" for h in hits):
        ui.out.print(Text("〔近似〕：按相近的写法找到（可能有错别字或换了说法），请核对原文。", style="dim"))


# ---------------------------------------------------------------- questions

BankOpt = Annotated[
    Path | None,
    typer.Option("--bank", envvar="XUEZHI_BANK", help="使用另一份题库 YAML（先校验再使用）。", show_default=False),
]


def _bank(bank: Path | None, reg: Any):
    """The question bank; a user-supplied one is fully validated first."""
    from .bank import load_bank

    if bank is None and not os.environ.get("XUEZHI_BANK"):
        return _citing(load_bank(), reg)
    from .bank import read_bank
    from .validation import validate_bank

    b = read_bank(bank)  # every problem, shape and content, counted once
    errors = [p for p in validate_bank(b, reg, near_duplicates=False) if not p.warning]
    if errors:
        more = f"（共 {len(errors)} 处问题，运行 xuezhi validate {b.source} 查看全部）" if len(errors) > 1 else ""
        raise XuezhiError(f"题库未通过校验：{errors[0]}{more}", ExitCode.BAD_INPUT)
    return load_bank(bank)


def _citing(qbank: Any, reg: Any) -> Any:
    """The shipped bank against another --corpus: only the questions whose article it has."""
    from dataclasses import replace

    kept = tuple(q for q in qbank.questions if reg.article(q.basis.article) is not None)
    if len(kept) == len(qbank.questions):
        return qbank
    if not kept:
        raise XuezhiError(f"内置题库中没有题目引用 {reg.source} 里的条文；请用 --bank 指定与之配套的题库。")
    _warn(f"内置题库中有 {len(qbank.questions) - len(kept)} 道题引用的条文不在 {reg.source} 中，本次略去。")
    return replace(qbank, questions=kept)


@app.command()
def validate(
    file: Annotated[Path | None, typer.Argument(help="要检查的题库文件；省略时检查内置题库。", show_default=False,
                                                metavar="[题库文件]")] = None,
    corpus: CorpusOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help="提醒（如近似重复）也算不通过。")] = False,
    as_json: JsonOpt = False,
) -> None:
    """校验题库：编号唯一、依据存在、答案在所引条文中有据可查、选项不重复等。"""
    from .bank import read_bank
    from .validation import validate_bank

    reg = _regulation(corpus)
    bank = read_bank(file)
    problems = validate_bank(bank, reg)
    errors = [p for p in problems if not p.warning]
    warnings = [p for p in problems if p.warning]
    if as_json:
        _print_json({"file": str(bank.source), "questions": bank.entries,
                     "errors": len(errors), "warnings": len(warnings),
                     "problems": [{"file": p.file, "line": p.line, "id": p.qid, "rule": p.rule,
                                   "message": p.message, "warning": p.warning} for p in problems]})
    else:
        for p in problems:
            print(p, file=sys.stderr)
        ui = _ui()
        verdict = "通过" if not errors and not (strict and warnings) else "未通过"
        ui.out.print(f"{bank.source}：{bank.entries} 道题，"
                     f"错误 {len(errors)} 处，提醒 {len(warnings)} 处，{verdict}。")
    if errors or (strict and warnings):
        raise typer.Exit(int(ExitCode.BAD_INPUT))


def _quiz_recorder(no_save: bool):
    """Where answers are saved: the progress store, or nowhere with --no-save (the store is not
    even opened) or an unwritable home."""
    return _recorder(None if no_save else _open_store(save=True))


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
                                             show_default=False)] = None,
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
    from .quiz import QuizSession, parse_duration, parse_filters, select_questions
    from .quiz_screen import QuizScreen, terminal_reader

    if exam and challenge:
        raise XuezhiError("--exam 与 --challenge 不能同时使用：挑战答题每题都要立即判定对错。")
    if per_question is not None and not challenge:
        raise XuezhiError("--per-question 只用于挑战答题，请同时写 --challenge；整场限时请用 --time。")
    reg = _regulation(corpus)
    qbank = _bank(bank, reg)
    filters = parse_filters(reg, qtype, chapter, article, difficulty, tag)
    limit = parse_duration(time_limit) if time_limit else None
    if challenge:
        questions = select_questions(qbank, reg, len(qbank), filters, seed=seed, balanced=False)
        session = QuizSession(questions, seed=seed, question_limit=parse_duration(per_question or "45s"),
                              time_limit=limit)
        mode = "challenge"
    else:
        questions = select_questions(qbank, reg, count, filters, seed=seed)
        session = QuizSession(questions, seed=seed, time_limit=limit)
        mode = "exam" if exam else "practice"
        if len(questions) < count:
            _warn(f"符合条件的题目只有 {len(questions)} 道，少于要求的 {count} 道。")
    ui = _ui()
    screen = QuizScreen(ui, reg, qbank, terminal_reader(ui), exam=exam, quiet=quiet,
                        recorder=_quiz_recorder(no_save))
    result = screen.run(session, mode, {"count": count, **filters.describe()}, challenge=challenge)
    ui.out.print(screen.report(result, challenge=challenge))


# ---------------------------------------------------------------- progress: store, review, daily, stats, history

def _warn(message: str) -> None:
    print(f"注意：{message}", file=sys.stderr)


def _materials(corpus: Path | None, bank: Path | None, save: bool) -> tuple[Any, Any, Any]:
    """Regulation, bank and progress store: what review, daily and stats all start from."""
    reg = _regulation(corpus)
    return reg, _bank(bank, reg), _open_store(save=save)


def _open_store(save: bool):
    """The progress store, or None. Saving: opened for writing; if the home cannot be written,
    say so and fall back to reading (the quiz still runs, unsaved). Not saving: read only."""
    from .store import Store, StoreUnavailable

    store = None
    try:
        store = Store.open() if save else Store.open_for_reading()
    except StoreUnavailable as e:
        if save:
            _warn(f"{e.message}\n本次答题照常进行，但不会保存（相当于 --no-save）。"
                  f"可设置环境变量 XUEZHI_HOME 指定一个可写的目录。")
            store = Store.open_read_only()  # not open_for_reading(): it would try to write again
        else:
            raise
    for notice in store.notices if store else ():
        if not (save and store.readonly):
            _warn(notice)
    return store


def _recorder(store: Any, save: bool = True):
    from .quiz import Recorder

    if store is None or store.readonly or not save:
        return Recorder()
    from .review import StoreRecorder

    return StoreRecorder(store, _warn)


def _store_info() -> dict:
    from .store import store_path

    return {"store": str(store_path())}


_INFO_PROVIDERS.append(_store_info)

NoSaveOpt = Annotated[bool, typer.Option("--no-save", help="不保存本次答题记录（也不影响复习安排）。")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="答题反馈中不引用条文原文。")]


def _streak_line(store: Any, today: Any) -> str:
    from .stats import streaks

    s = streaks(store.study_days(), today)
    return f"已连续学习 {s['current']} 天（最长 {s['longest']} 天）。"


def _run_set(ui: Any, reg: Any, qbank: Any, questions: list, mode: str, title: str, recorder: Any,
             quiet: bool, filters: dict | None = None) -> Any:
    from .quiz import QuizSession
    from .quiz_screen import QuizScreen, terminal_reader

    screen = QuizScreen(ui, reg, qbank, terminal_reader(ui), quiet=quiet, recorder=recorder, title=title)
    result = screen.run(QuizSession(questions), mode, filters or {})
    ui.out.print(screen.report(result))
    return result


@app.command()
def review(
    wrong: Annotated[bool, typer.Option("--wrong", help="错题本：最近一次答错的全部题目，不论是否到期。")] = False,
    count: Annotated[int, typer.Option("--count", "-n", min=1, max=1000, help="本次最多做多少题。")] = 20,
    quiet: QuietOpt = False,
    no_save: NoSaveOpt = False,
    bank: BankOpt = None,
    corpus: CorpusOpt = None,
) -> None:
    """复习：按间隔重复（FSRS）安排到期的题目，答错过的排在最前；--wrong 做错题本。"""
    from .review import plan_review, wrong_book
    from .store import now

    reg, qbank, store = _materials(corpus, bank, save=not no_save)
    states = store.review_states() if store else {}
    ui = _ui()
    plan = plan_review(states, qbank, now(), wrong)
    if plan.empty:
        ui.out.print(plan.empty)
        return
    questions, mode, title = plan.questions, plan.mode, plan.title
    more = len(questions) - count
    _run_set(ui, reg, qbank, questions[:count], mode, title, _recorder(store, not no_save), quiet, {"count": count})
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
    """每日一练：每天一组（默认 5 题），到期的复习题搭配没做过的新题；记录连续学习天数。"""
    from .quiz_screen import is_yes, terminal_reader
    from .review import daily_result, daily_seed, mix, plan_daily
    from .store import now

    reg, qbank, store = _materials(corpus, bank, save=not no_save)
    at = now()
    ui = _ui()
    if store is None or store.readonly or no_save:  # a set to practise, nothing recorded
        questions = mix(store.review_states() if store else {}, qbank, reg, at, count, seed=daily_seed(at.date()))
        _run_set(ui, reg, qbank, questions, "daily", "每日一练（不保存）", _recorder(None), quiet)
        return
    plan = plan_daily(store, qbank, reg, at, count)
    if plan.done:
        _answered, correct = daily_result(store, plan.day, plan.set_ids)
        ui.out.print(f"今天的每日一练已经完成（{len(plan.set_ids)} 题，答对 {correct} 题）。"
                     + _streak_line(store, plan.day), style="bold")
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
        _run_set(ui, reg, qbank, questions, "extra", "加练", _recorder(store), quiet)
        ui.out.print(_streak_line(store, plan.day), style="cyan")
        return
    title = "继续今天的每日一练" if plan.resumed else "每日一练"
    _run_set(ui, reg, qbank, plan.questions, "daily", title, _recorder(store), quiet, {"count": len(plan.set_ids)})
    after = plan_daily(store, qbank, reg, now(), count)
    if after.done:
        ui.out.print("今天的每日一练完成！" + _streak_line(store, plan.day), style="bold green")
    else:
        ui.out.print(f"今天的每日一练还剩 {len(after.questions)} 题，再次运行 xuezhi daily 继续。", style="cyan")


@app.command()
def stats(bank: BankOpt = None, corpus: CorpusOpt = None, as_json: JsonOpt = False) -> None:
    """学习统计：正确率（总体、按题型、按章、最薄弱的 10 条）、近 30 天活动、连续学习天数、待复习题数。"""
    from .stats import compute_stats
    from .store import now, store_path

    reg, qbank, store = _materials(corpus, bank, save=False)
    answers = store.answer_facts() if store else []
    states = store.review_states() if store else {}
    data = compute_stats(answers, states, qbank, reg, now(), store.session_count() if store else 0)
    data["store"] = str(store.path if store else store_path())
    if as_json:
        _print_json(data)
        return
    from .progress_view import stats_view

    ui = _ui()
    ui.out.print(stats_view(data, ui))


@app.command()
def history(
    session_id: Annotated[int | None, typer.Argument(help="答题编号：显示那次答题的每道题。", show_default=False,
                                                     metavar="[编号]", min=1, max=2**62)] = None,
    # bounded: SQLite's integers end at 2**63, a bigger value was an internal OverflowError
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=1_000_000, help="列出最近多少次答题。")] = 20,
    bank: BankOpt = None,
    corpus: CorpusOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """答题历史：最近的答题（时间、模式、得分）；给出编号则显示那次答题的每道题。"""
    from .stats import session_detail, session_json

    store = _open_store(save=False)
    if session_id is not None:
        row = store.session(session_id) if store else None
        if row is None:
            raise XuezhiError(f"没有编号为 {session_id} 的答题记录。运行 xuezhi history 查看全部编号。")
        data = session_detail(row, store.answers_of(session_id), _bank(bank, _regulation(corpus)))
        if as_json:
            _print_json(data)
            return
        from .progress_view import session_view

        ui = _ui()
        ui.out.print(session_view(data, ui))
        return
    sessions = [session_json(r) for r in store.sessions(limit)] if store else []
    if as_json:
        _print_json(sessions)
        return
    ui = _ui()
    if not sessions:
        ui.out.print("还没有答题记录。运行 xuezhi daily 或 xuezhi quiz 开始。")
        return
    from .progress_view import history_table

    total = store.session_count()
    ui.out.print(f"最近 {len(sessions)} 次答题（共 {total} 次）：", style="bold")
    ui.out.print(history_table(sessions, ui))
    ui.out.print("查看某次答题的每道题：xuezhi history 编号", style="dim")


progress_app = typer.Typer(
    name="progress", cls=_Group, help="学习记录：导出、导入（换电脑时合并）、清空。", no_args_is_help=True,
    add_completion=False, rich_markup_mode=None if wants_plain() else "rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(progress_app)


@progress_app.command("export")
def progress_export(
    file: Annotated[Path, typer.Argument(help="导出到的 JSON 文件。", show_default=False, metavar="文件.json")],
    force: Annotated[bool, typer.Option("--force", "-f", help="文件已存在时覆盖。")] = False,
) -> None:
    """把全部学习记录导出为 JSON 文件（可在另一台电脑上导入）。"""
    from .store import reason, write_json_atomic

    if file.exists() and not force:
        raise XuezhiError(f"文件 {file} 已存在；如要覆盖，请加 --force。")
    if not file.parent.is_dir():
        raise XuezhiError(f"目录 {file.parent} 不存在。")
    store = _open_store(save=False)
    if store is None:
        from .store import EXPORT_FORMAT, EXPORT_VERSION, SCHEMA_VERSION, iso, now

        data = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "schema": SCHEMA_VERSION, "store_id": None,
                "exported_at": iso(now()), "sessions": [], "daily": []}
    else:
        data = store.export_data()
    try:
        write_json_atomic(file, data)
    except OSError as e:
        raise XuezhiError(f"无法写入 {file}：{reason(e)}", ExitCode.ERROR) from None
    n = sum(len(s["answers"]) for s in data["sessions"])
    print(f"已导出 {len(data['sessions'])} 次答题、{n} 道次作答到 {file}。"
          f"在另一台电脑上运行 xuezhi progress import {file.name} 即可合并。")


@progress_app.command("import")
def progress_import(
    file: Annotated[Path, typer.Argument(help="由 xuezhi progress export 导出的 JSON 文件。", show_default=False,
                                         metavar="文件.json")],
) -> None:
    """导入并合并学习记录：已有的作答不会重复计入，复习安排按合并后的记录重新计算。"""
    import json

    from .review import replay
    from .store import Store, reason

    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise XuezhiError(f"文件 {file} 不存在。") from None
    except (OSError, UnicodeDecodeError) as e:
        raise XuezhiError(f"无法读取 {file}：{reason(e) if isinstance(e, OSError) else '不是 UTF-8 文本'}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise XuezhiError(f"{file} 不是有效的 JSON（第 {e.lineno} 行第 {e.colno} 列）。") from None
    except RecursionError:  # [[[[…]]]] nested deeper than any export
        raise XuezhiError(f"{file} 嵌套层数过深，不是学知导出的学习记录文件。") from None
    store = Store.open()
    for notice in store.notices:
        _warn(notice)
    r = store.import_data(data, replay)
    msg = f"已导入 {file}：新增 {r['sessions_added']} 次答题、{r['answers_added']} 道次作答"
    if r["answers_skipped"]:
        msg += f"；另有 {r['answers_skipped']} 道次作答此前已有，已跳过"
    msg += "。"
    if r["questions_rescheduled"]:
        msg += f"已按合并后的记录重新安排 {r['questions_rescheduled']} 道题的复习。"
    print(msg)


@progress_app.command("reset")
def progress_reset(
    yes: Annotated[bool, typer.Option("--yes", "-y", help="不再询问，直接清空（仍会先备份）。")] = False,
) -> None:
    """清空全部学习记录（会先备份为 JSON 文件，可用 progress import 恢复）。"""
    from .quiz_screen import is_yes, terminal_reader
    from .store import Store, reason, store_path, write_json_atomic

    if not store_path().exists():
        print("还没有学习记录，无需清空。")
        return
    store = Store.open()
    for notice in store.notices:
        _warn(notice)
    from datetime import datetime

    backup = store.new_backup_path(datetime.now())
    n = store.answer_count()
    if not yes:
        ui = _ui()
        reply = terminal_reader(ui)(f"确定要清空全部学习记录（{store.session_count()} 次答题、{n} 道次作答）吗？"
                                    f"清空前会先备份到 {backup}。[y/N] ")
        if not is_yes(reply):
            print("已取消，学习记录没有改动。")
            raise typer.Exit(1)
    try:
        write_json_atomic(backup, store.export_data())
    except OSError as e:
        raise XuezhiError(f"备份失败（{reason(e)}），学习记录没有清空。", ExitCode.ERROR) from None
    store.reset()
    # the path on a line of its own: long, and made to be copied
    print(f"已清空学习记录。备份文件：\n  {backup}\n需要时可运行以下命令恢复：\n  xuezhi progress import {backup}")


# ---------------------------------------------------------------- export

@app.command()
def export(
    target: Annotated[Path | None, typer.Argument(
        help="输出文件或目录（同 --output），如 试卷.docx。", show_default=False, metavar="[输出文件]")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="输出文件或目录；默认当前目录下的 信访工作条例测试卷.<扩展名>。",
        show_default=False)] = None,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="docx、xlsx、csv、txt、md、json、gift、moodle、apkg；"
        "不写则按 --output 的扩展名，默认 docx。", show_default=False)] = None,
    blueprint: Annotated[str | None, typer.Option(
        "--blueprint", "-b", help="组卷蓝图“题型:题数x每题分值”，"
        "默认 single:20x2,multiple:10x3,judge:10x1,blank:10x2（100 分）。", show_default=False)] = None,
    variants: Annotated[int, typer.Option("--variants", help="生成几套卷：2 即 A卷、B卷（尽量不重题）。")] = 1,
    title: Annotated[str | None, typer.Option("--title", help="试卷标题。", show_default=False)] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="单位名称，印在卷首。", show_default=False)] = None,
    minutes: Annotated[int, typer.Option("--minutes", help="考试时间（分钟）。")] = 60,
    key: Annotated[str | None, typer.Option(
        "--key", help="答案位置：end（卷末另起一页，默认）或 separate（另存为“…-答案”文件）；用于 docx、md。",
        show_default=False)] = None,
    whole: Annotated[bool, typer.Option(
        "--all", help="导出全部符合条件的题目（不抽题），用于保存题库、导入 Moodle 或 Anki。")] = False,
    qtype: Annotated[list[str] | None, typer.Option(
        "--type", "-t", help="题型：single、multiple、judge、blank（或 单选、多选、判断、填空），可写多个。",
        show_default=False)] = None,
    chapter: Annotated[list[str] | None, typer.Option(
        "--chapter", "-c", help="只出某章的题，如 3 或 第三章，可写多个。", show_default=False)] = None,
    article: Annotated[list[str] | None, typer.Option(
        "--article", "-a", help="只出某些条的题，如 20 或 17-20。", show_default=False)] = None,
    difficulty: Annotated[list[str] | None, typer.Option(
        "--difficulty", "-d", help="难度 1–3，如 2 或 1-2。", show_default=False)] = None,
    tag: Annotated[list[str] | None, typer.Option(
        "--tag", help="只出带某标签的题，如 用条例。", show_default=False)] = None,
    seed: Annotated[int | None, typer.Option(
        "--seed", help="随机种子：同一种子总是生成同一份试卷。", show_default=False)] = None,
    bank: BankOpt = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的文件。")] = False,
    corpus: CorpusOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """组卷并导出：Word 试卷（含答案）、Excel/CSV、文本导入、Markdown、JSON、Moodle、Anki。

    例如 xuezhi export 试卷.docx --variants 2 --unit 某县信访局 --seed 7"""
    from .export import export as write_export
    from .export import resolve
    from .export.summary import print_summary, summary_json
    from .paper import make_paper
    from .quiz import parse_filters
    from .textnorm import unprintable

    for name, value in (("--title", title), ("--unit", unit)):
        if value is not None and unprintable(value, allow=""):
            raise XuezhiError(f"{name} 中有换行或不可见的控制字符，请写成一行普通文字。")
    if target is not None and output is not None and target != output:
        raise XuezhiError(f"输出文件写了两次：{target} 和 --output {output}，请只写一个。", ExitCode.BAD_INPUT)
    reg = _regulation(corpus)
    fmt_, path = resolve(fmt, output or target, whole_bank=whole)
    filters = parse_filters(reg, qtype, chapter, article, difficulty, tag)
    paper = make_paper(reg, _bank(bank, reg), filters, blueprint=blueprint, variants=variants, whole=whole, seed=seed,
                       title=title, unit=unit, minutes=minutes)
    result = write_export(paper, fmt_, path, force=force, key=key)
    if as_json:
        _print_json(summary_json(paper, result))
        return
    print_summary(_ui(), paper, result)


def main() -> None:
    """Console-script entry point."""
    # A Windows console or pipe in a legacy code page (GBK) cannot encode every character
    # (e.g. the en dash of 1–50); print a replacement instead of failing mid-output.
    for stream in (sys.stdout, sys.stderr, sys.stdin):  # stdin: bytes of another encoding become �
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    if not os.environ.get("XUEZHI_DEBUG"):
        # "Exception ignored in: <ZipFile.__del__> Traceback …" after a handled failure (a full
        # disk during an export) is noise to a user: the Chinese message has been printed.
        sys.unraisablehook = lambda _unraisable: None
    _only_the_invoked_command(sys.argv[1:])
    app(prog_name="xuezhi")


def _only_the_invoked_command(args: list[str]) -> None:
    """Start-up time: on every run typer turns each command's signature into click parameters
    (evaluating all its annotations), about 2 ms a command. When the first argument names a
    command, only that one is built; help, --version and unknown names still see them all."""
    if not args or args[0].startswith("-"):
        return
    name = args[0]
    commands = [c for c in app.registered_commands
                if (c.name or (c.callback.__name__.replace("_", "-") if c.callback else None)) == name]
    groups = [g for g in app.registered_groups
              if name in (g.name, getattr(g.typer_instance, "info", None) and g.typer_instance.info.name)]
    if len(commands) + len(groups) == 1:
        app.registered_commands[:] = commands
        app.registered_groups[:] = groups
