"""Reading the regulation: toc, show, principles, info."""

from __future__ import annotations

from typing import Annotated

import typer

from xuezhi.cli.common import (
    CorpusOpt,
    EditionOpt,
    JsonOpt,
    chosen_articles,
    edition_notice,
    print_json,
    regulation,
    ui_for,
)
from xuezhi.errors import XuezhiError

app = typer.Typer()


@app.command()
def toc(corpus: CorpusOpt = None, edition: EditionOpt = None, as_json: JsonOpt = False) -> None:
    """目录：各章及其条文范围、每条的条旨。"""
    from xuezhi.terminal.render import toc_table
    from xuezhi.text.reading import toc_json

    reg = regulation(corpus, edition)
    if as_json:
        print_json(toc_json(reg))
        return
    ui = ui_for()
    edition_notice(ui, edition)
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
    edition: EditionOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """显示条文原文，例如 xuezhi show 20、xuezhi show 17-20、xuezhi show --chapter 3。"""
    from xuezhi.text.reading import article_json

    reg = regulation(corpus, edition)
    numbers = chosen_articles(reg, articles, chapter)
    if not numbers:
        raise XuezhiError(f"请给出条号或 --chapter，例如 xuezhi show 20；本条例共 {len(reg.articles)} 条。")
    selected = [reg.article(n) for n in numbers]
    if as_json:
        print_json([article_json(a, reg) for a in selected])
        return
    from xuezhi.terminal.render import article_block

    ui = ui_for()
    edition_notice(ui, edition)
    for i, a in enumerate(selected):
        if i:
            ui.out.print()
        ui.out.print(article_block(a, reg, hanging=ui.wraps), soft_wrap=not ui.wraps)


@app.command()
def principles(corpus: CorpusOpt = None, edition: EditionOpt = None, as_json: JsonOpt = False) -> None:
    """信访工作五项原则（第五条）及其出处。"""
    from xuezhi.terminal.render import principles_block
    from xuezhi.text.reading import principles_json

    reg = regulation(corpus, edition)
    if not reg.principles:
        raise XuezhiError(f"《{reg.title}》中没有整理出的信访工作原则：五项原则是 2022 年《信访工作条例》第五条的内容"
                          "（xuezhi principles）。")
    if as_json:
        print_json(principles_json(reg))
        return
    ui = ui_for()
    ui.out.print(principles_block(reg, hanging=ui.wraps), soft_wrap=not ui.wraps)


@app.command()
def info(corpus: CorpusOpt = None, edition: EditionOpt = None, as_json: JsonOpt = False) -> None:
    """条例基本信息：名称、发布机关、日期、章条数量、数据文件位置。"""
    from xuezhi.progress.db import store_path
    from xuezhi.terminal.render import info_table
    from xuezhi.text.reading import info_json

    reg = regulation(corpus, edition)
    data = info_json(reg, {"store": str(store_path())})
    if as_json:
        print_json(data)
        return
    ui = ui_for()
    ui.out.print(info_table(data, ui))
