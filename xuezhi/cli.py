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
from .errors import ExitCode, XuezhiError

cli_zh.install()


class _Group(typer.core.TyperGroup):
    """Turns core errors into one Chinese line on stderr and a named exit code."""

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
        except Exception as e:
            if os.environ.get("XUEZHI_DEBUG") or type(e).__module__.startswith("typer"):
                raise
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
        ui.out.print(article_block(a, reg), soft_wrap=ui.plain)


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
    ui.out.print(principles_block(reg), soft_wrap=ui.plain)


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


# ---------------------------------------------------------------- questions

BankOpt = Annotated[
    Path | None,
    typer.Option("--bank", envvar="XUEZHI_BANK", help="使用另一份题库 YAML（先校验再使用）。", show_default=False),
]


def _bank(bank: Path | None, reg: Any):
    """The question bank; a user-supplied one is fully validated first."""
    from .bank import load_bank

    if bank is None and not os.environ.get("XUEZHI_BANK"):
        return load_bank()
    from .validation import validate_bank

    b = load_bank(bank)
    errors = [p for p in validate_bank(b, reg, near_duplicates=False) if not p.warning]
    if errors:
        more = f"（共 {len(errors)} 处问题，运行 xuezhi validate {b.source} 查看全部）" if len(errors) > 1 else ""
        raise XuezhiError(f"题库未通过校验：{errors[0]}{more}")
    return b


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
        _print_json({"file": str(bank.source), "questions": len(bank.questions),
                     "errors": len(errors), "warnings": len(warnings),
                     "problems": [{"file": p.file, "line": p.line, "id": p.qid, "rule": p.rule,
                                   "message": p.message, "warning": p.warning} for p in problems]})
    else:
        for p in problems:
            print(p, file=sys.stderr)
        ui = _ui()
        verdict = "通过" if not errors and not (strict and warnings) else "未通过"
        ui.out.print(f"{bank.source}：{len(bank.questions) + len(bank.problems)} 道题，"
                     f"错误 {len(errors)} 处，提醒 {len(warnings)} 处，{verdict}。")
    if errors or (strict and warnings):
        raise typer.Exit(int(ExitCode.BAD_INPUT))


def _quiz_recorder(no_save: bool, bank: Any):
    """Where answers are saved; the progress store plugs in here."""
    from .quiz import Recorder

    return Recorder()


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
    per_question: Annotated[str, typer.Option("--per-question", help="挑战答题每题时限。")] = "45s",
    no_save: Annotated[bool, typer.Option("--no-save", help="不保存本次答题记录。")] = False,
    bank: BankOpt = None,
    corpus: CorpusOpt = None,
) -> None:
    """自测答题：逐题作答，答后即看对错、解析与条文原文；结束时给出得分和错题。"""
    from .quiz import QuizSession, parse_duration, parse_filters, select_questions
    from .quiz_screen import QuizScreen, terminal_reader

    reg = _regulation(corpus)
    qbank = _bank(bank, reg)
    filters = parse_filters(reg, qtype, chapter, article, difficulty, tag)
    limit = parse_duration(time_limit) if time_limit else None
    if challenge:
        questions = select_questions(qbank, reg, len(qbank), filters, seed=seed, balanced=False)
        session = QuizSession(questions, seed=seed, question_limit=parse_duration(per_question), time_limit=limit)
        mode = "challenge"
    else:
        questions = select_questions(qbank, reg, count, filters, seed=seed)
        session = QuizSession(questions, seed=seed, time_limit=limit)
        mode = "exam" if exam else "practice"
    ui = _ui()
    screen = QuizScreen(ui, reg, qbank, terminal_reader(ui), exam=exam, quiet=quiet,
                        recorder=_quiz_recorder(no_save, qbank))
    result = screen.run(session, mode, {"count": count, **filters.describe()}, challenge=challenge)
    ui.out.print(screen.report(result, challenge=challenge))


# ---------------------------------------------------------------- export

@app.command()
def export(
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
    """组卷并导出：Word 试卷（含答案）、Excel/CSV、文本导入、Markdown、JSON、Moodle、Anki。"""
    from .export import export as write_export
    from .export import resolve
    from .export.summary import print_summary, summary_json
    from .paper import make_paper
    from .quiz import parse_filters

    reg = _regulation(corpus)
    fmt_, path = resolve(fmt, output, whole_bank=whole)
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
    app(prog_name="xuezhi")
