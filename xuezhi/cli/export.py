"""xuezhi export: assemble a paper and write it as Word, Excel, CSV, text, Markdown, JSON, Moodle or Anki."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from xuezhi.cli.common import (
    BankOpt,
    CorpusOpt,
    JsonOpt,
    bank_for,
    print_json,
    regulation,
    seed_in_range,
    ui_for,
)
from xuezhi.errors import ExitCode, XuezhiError

app = typer.Typer()


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
        "--all", help="导出全部符合条件的题目（不抽题），用于保存题库、导入 Moodle 或 Anki；"
        "选项按随机种子打乱。")] = False,
    keep_order: Annotated[bool, typer.Option(
        "--keep-order", help="选项按题库中的顺序，不打乱（答案字母与题库一致）。")] = False,
    answer_sheet: Annotated[bool, typer.Option(
        "--answer-sheet", help="Word 试卷另附答题卡（单独一页，按题型排列的答题格）。")] = False,
    seal: Annotated[bool, typer.Option(
        "--seal", help="Word 试卷每页左侧印密封线（单位、姓名、考号）。")] = False,
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
        "--seed", help="随机种子：同一种子总是生成同一份试卷。", show_default=False,
        callback=seed_in_range)] = None,  # bounded: a 251-digit seed did not fit the Word file's properties
    handout: Annotated[bool, typer.Option(
        "--handout",
        help="导出讲条例的讲稿（.docx）或幻灯片（.pptx），而不是试卷；可用 --chapter 只讲某几章。")] = False,
    deadlines: Annotated[bool, typer.Option(
        "--deadlines", help="导出时限一览表（.docx 或 .xlsx），而不是试卷。")] = False,
    bank: BankOpt = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的文件。")] = False,
    corpus: CorpusOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """组卷并导出：Word 试卷（含答案）、Excel/CSV、文本导入、Markdown、JSON、Moodle、Anki。

    例如 xuezhi export 试卷.docx --variants 2 --unit 某县信访局 --seed 7"""
    from xuezhi.export import Layout, resolve
    from xuezhi.export import export as write_export
    from xuezhi.quiz.assemble import make_paper
    from xuezhi.quiz.select import parse_filters
    from xuezhi.terminal.export_summary import print_summary, summary_json
    from xuezhi.text.textnorm import unprintable

    for name, value in (("--title", title), ("--unit", unit)):
        if value is not None and unprintable(value, allow=""):
            raise XuezhiError(f"{name} 中有换行或不可见的控制字符，请写成一行普通文字。")
    if target is not None and output is not None and target != output:
        raise XuezhiError(f"输出文件写了两次：{target} 和 --output {output}，请只写一个。", ExitCode.BAD_INPUT)
    if handout or deadlines:  # 讲稿、幻灯片、时限一览 (issue 13), not a paper
        from xuezhi.cli.guide_export import export_guide

        export_guide(output or target, fmt, handout=handout, deadlines=deadlines, chapters=chapter, title=title,
                     unit=unit, bank=bank, corpus=corpus, force=force, as_json=as_json)
        return
    reg = regulation(corpus)
    fmt_, path = resolve(fmt, output or target, whole_bank=whole)
    filters = parse_filters(reg, qtype, chapter, article, difficulty, tag)
    paper = make_paper(reg, bank_for(bank, reg), filters, blueprint=blueprint, variants=variants, whole=whole,
                       seed=seed, title=title, unit=unit, minutes=minutes, keep_order=keep_order)
    result = write_export(paper, fmt_, path, force=force, key=key, layout=Layout(answer_sheet, seal))
    if as_json:
        print_json(summary_json(paper, result))
        return
    print_summary(ui_for(), paper, result)
