"""The command line: parse arguments, call the core, render. Nothing else lives here."""

from __future__ import annotations

import json
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


def main() -> None:
    """Console-script entry point."""
    app(prog_name="xuezhi")
