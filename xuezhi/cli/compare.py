"""xuezhi compare: the 2005 《信访条例》 beside the 2022 《信访工作条例》 (or any two texts), aligned and diffed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from xuezhi.cli.common import JsonOpt, print_json, ui_for
from xuezhi.errors import XuezhiError, shown

app = typer.Typer()

KIND_NAMES = {"新增": "added", "删除": "deleted", "修改": "modified", "基本未变": "unchanged", "未变": "unchanged",
              "added": "added", "deleted": "deleted", "modified": "modified", "unchanged": "unchanged"}
LAYOUTS = {"auto": "auto", "side": "side", "stacked": "stacked", "并排": "side", "上下": "stacked", "自动": "auto"}
EXPORTS = (".docx", ".xlsx")


@app.command()
def compare(
    articles: Annotated[list[str] | None, typer.Argument(
        help="只看这几条的逐字对照：新条例的条号，如 20、17-20；省略时列出全表。", show_default=False,
        metavar="[条号]...")] = None,
    by_old: Annotated[bool, typer.Option(
        "--by-old", help="条号指旧条例（2005年）的条号，如 xuezhi compare 18 --by-old。")] = False,
    kind: Annotated[list[str] | None, typer.Option(
        "--kind", "-k", help="只列某类：新增、删除、修改、基本未变，可写多个。", show_default=False)] = None,
    layout: Annotated[str, typer.Option(
        "--layout", help="逐字对照的排法：auto（终端不少于 100 列时左右并排，否则上下排）、"
        "side（并排）、stacked（上下）。")] = "auto",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="导出对照表：.docx（Word，三栏：旧条文、新条文、变化）或 .xlsx（Excel）。",
        show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的文件。")] = False,
    old: Annotated[Path | None, typer.Option(
        "--old", help="旧条文 YAML（格式同 data/条例.yaml）；默认内置的 2005 年《信访条例》。",
        show_default=False)] = None,
    new: Annotated[Path | None, typer.Option(
        "--new", help="新条文 YAML；默认内置的 2022 年《信访工作条例》。", show_default=False)] = None,
    curation: Annotated[Path | None, typer.Option(
        "--curation", help="人工核对的对照文件（格式同 data/新旧对照.yaml）；比较两部内置条例时默认用内置的，"
        "其他条文不用（只按相似度配对）。", show_default=False)] = None,
    as_json: JsonOpt = False,
) -> None:
    """新旧对照：2005 年《信访条例》与 2022 年《信访工作条例》逐条对齐、逐字比较，可导出对照表。

    例如 xuezhi compare、xuezhi compare 20、xuezhi compare --kind 新增、xuezhi compare -o 对照表.docx"""
    from xuezhi.compare.report import table_json
    from xuezhi.compare.sources import load_alignment
    from xuezhi.text.refs import parse_article_refs

    style = LAYOUTS.get(layout.strip().lower())
    if style is None:
        raise XuezhiError(f"--layout 只能是 auto、side 或 stacked，收到的是“{shown(layout)}”。")
    kinds = set()
    for k in kind or []:
        if k.strip().lower() not in KIND_NAMES:
            raise XuezhiError(f"--kind 只能是 新增、删除、修改、基本未变，收到的是“{shown(k)}”。")
        kinds.add(KIND_NAMES[k.strip().lower()])
    if output is not None and output.suffix.lower() not in EXPORTS:
        raise XuezhiError(f"对照表只能导出为 Word 或 Excel 文件，请把文件名写成 {output.stem or '对照表'}.docx 或 "
                          f"{output.stem or '对照表'}.xlsx。")
    al = load_alignment(old, new, curation)
    rows = al.rows
    if articles:
        if by_old:
            numbers = parse_article_refs(articles, [a.number for a in al.old.articles])
            rows = [r for n in numbers for r in al.rows_for_old(n)]
            rows = [r for i, r in enumerate(rows) if r not in rows[:i]]
        else:
            numbers = parse_article_refs(articles, [a.number for a in al.new.articles])
            rows = [al.row_for_new(n) for n in numbers]
    if kinds:
        rows = [r for r in rows if r.kind in kinds]
    if output is not None:
        _export(al, rows, output, force, as_json)
        return
    if as_json:
        print_json(table_json(al, rows, detail=bool(articles)))
        return
    from xuezhi.terminal.compare_view import detail, table

    ui = ui_for()
    if not rows:
        ui.out.print("没有符合条件的条文。")
        return
    if not articles:
        ui.out.print(table(al, rows, ui))
        return
    for i, r in enumerate(rows):
        if i:
            ui.out.print()
        ui.out.print(detail(al, r, ui, style), soft_wrap=not ui.wraps)


def _export(al, rows, path: Path, force: bool, as_json: bool) -> None:
    from xuezhi.compare.report import counts_line
    from xuezhi.export.files import write_files

    if path.suffix.lower() == ".docx":
        from xuezhi.compare.docx import write
    else:
        from xuezhi.compare.xlsx import write
    write_files([(path, lambda fh: write(al, rows, fh))], force=force)
    if as_json:
        print_json({"file": str(path), "rows": len(rows)})
        return
    ui = ui_for()
    ui.out.print(f"已导出新旧对照表：{path}（{len(rows)} 行）")
    ui.out.print(counts_line(al), style="dim")


def validate_curation(file: Path, strict: bool, as_json: bool) -> bool:
    """`xuezhi validate 新旧对照.yaml`: False when `file` is not an alignment file (a question bank is
    validated as before); otherwise report its problems and exit non-zero on an error."""
    import sys

    from xuezhi.compare.curation import is_curation
    from xuezhi.compare.report import check_curation
    from xuezhi.compare.sources import load_alignment
    from xuezhi.errors import ExitCode
    from xuezhi.text.yamlfile import read_yaml

    try:
        raw, _ = read_yaml(file)
    except XuezhiError:
        return False  # the bank reader reports it, in its own words
    if not is_curation(raw):
        return False
    al = load_alignment(curation=file)
    problems = check_curation(al)
    errors = [p for p in problems if not p.warning]
    warnings = [p for p in problems if p.warning]
    if as_json:
        print_json({"file": str(file), "rows": len(al.rows), "errors": len(errors), "warnings": len(warnings),
                    "problems": [{"file": p.file, "line": p.line, "message": p.message, "warning": p.warning}
                                 for p in problems]})
    else:
        for p in problems:
            print(p, file=sys.stderr)
        verdict = "通过" if not errors and not (strict and warnings) else "未通过"
        points = sum(1 for r in al.rows if r.point)
        ui_for().out.print(f"{file}：新旧对照 {len(al.rows)} 行，要点 {points} 条，"
                           f"错误 {len(errors)} 处，提醒 {len(warnings)} 处，{verdict}。")
    if errors or (strict and warnings):
        raise typer.Exit(int(ExitCode.BAD_INPUT))
    return True
