"""讲条例、用条例: xuezhi deadlines (时限一览 and the calculator) and xuezhi flow (办理流程)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from xuezhi.cli.common import CorpusOpt, JsonOpt, print_json, regulation, ui_for
from xuezhi.errors import XuezhiError

app = typer.Typer()


@app.command()
def deadlines(
    start: Annotated[str | None, typer.Option(
        "--from", help="推算日期：起算事件发生的那一天，如 2026-02-10、2026年2月10日 或 今天。",
        show_default=False, metavar="日期")] = None,
    kind: Annotated[list[str] | None, typer.Option(
        "--kind", "-k", help="起算事件：收到（默认）、受理、处理意见、复查请求、复查意见、复核请求、全部；"
        "或一行的编号，如 办结。可写多个。", show_default=False)] = None,
    corpus: CorpusOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """时限一览：条例中的每个期限、人数及其依据；加 --from 日期 推算各期限的最后一天。

    例如 xuezhi deadlines、xuezhi deadlines --from 2026-02-10、xuezhi deadlines --from 2026-08-03 --kind 受理"""
    from xuezhi.guide.deadlines import load_table

    reg = regulation(corpus)
    table = load_table(reg)
    _fits(reg)
    if start is None:
        if kind:
            raise XuezhiError("--kind 用于推算日期，请同时写 --from 日期，例如 xuezhi deadlines --from 2026-02-10 "
                              "--kind 受理。")
        _show_table(table, reg, as_json)
        return
    _calculate(table, start, kind, as_json)


def _fits(reg) -> None:
    """The curated rows quote the shipped text; another --corpus must contain the same words."""
    from xuezhi.guide.deadlines import check as check_deadlines
    from xuezhi.guide.flow import check as check_flow

    problems = check_deadlines(reg) + check_flow(reg)
    if problems:
        raise XuezhiError(f"时限表和流程是按内置条文逐字核对的，与 {reg.source} 的条文不符"
                          f"（共 {len(problems)} 处，如：{problems[0].message}）。")


def _show_table(table, reg, as_json: bool) -> None:
    from xuezhi.guide.deadlines import table_json

    if as_json:
        print_json(table_json(table))
        return
    from xuezhi.terminal.deadline_view import table_view, wraps

    ui = ui_for()
    ui.out.print(table_view(table, ui, reg.title), soft_wrap=not wraps(ui))


def _calculate(table, start: str, kind: list[str] | None, as_json: bool) -> None:
    import sys

    from xuezhi.clock import now
    from xuezhi.errors import ExitCode
    from xuezhi.guide.calculator import calculate
    from xuezhi.guide.calendar import official, parse_date

    day = parse_date(start, today=now().date())
    calc = calculate(table, day, official(), kind)
    refused = calc.refused
    if refused and len(refused) == len(calc.dues):
        raise XuezhiError(refused[0].refused or "")
    if as_json:
        print_json(calc.as_dict())
    else:
        from xuezhi.terminal.deadline_view import calculation_view, wraps

        ui = ui_for()
        ui.out.print(calculation_view(calc, ui), soft_wrap=not wraps(ui))
    if refused:
        names = "、".join(d.row.task for d in refused)
        print(f"错误：{names}无法推算：{refused[0].refused}", file=sys.stderr)
        raise typer.Exit(int(ExitCode.BAD_INPUT))


@app.command()
def flow(
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="另存为 SVG 图片（浏览器可直接打开），如 办理流程.svg。", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的文件。")] = False,
    corpus: CorpusOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """信访事项办理流程：提出、登记、转送交办与受理告知、分类办理、信访处理意见书、复查、复核，各步的期限和依据。

    例如 xuezhi flow、xuezhi flow -o 办理流程.svg"""
    from xuezhi.guide.flow import flow_json, load_flow

    reg = regulation(corpus)
    _fits(reg)
    steps = load_flow(reg)
    if output is not None:
        if output.suffix.lower() != ".svg":
            raise XuezhiError(f"流程图只能另存为 SVG 图片，请把文件名写成 {output.stem or '办理流程'}.svg。")
        from xuezhi.export.files import write_files
        from xuezhi.guide.flow_svg import write

        write_files([(output, lambda fh: write(steps, fh, reg.title))], force=force)
        if as_json:
            print_json({"file": str(output), "steps": len(steps.steps)})
        else:
            ui_for().out.print(f"已导出办理流程图：{output}（用浏览器打开即可查看、打印）")
        return
    if as_json:
        print_json(flow_json(steps))
        return
    from xuezhi.terminal.deadline_view import wraps
    from xuezhi.terminal.flow_view import flow_view

    ui = ui_for()
    ui.out.print(flow_view(steps, ui), soft_wrap=not wraps(ui))
