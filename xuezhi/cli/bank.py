"""xuezhi validate: check a question bank against the text."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from xuezhi.cli.common import (
    CorpusOpt,
    JsonOpt,
    print_json,
    regulation,
    ui_for,
)
from xuezhi.errors import ExitCode

app = typer.Typer()


@app.command()
def validate(
    file: Annotated[Path | None, typer.Argument(help="要检查的题库文件；省略时检查内置题库。", show_default=False,
                                                metavar="[题库文件]")] = None,
    corpus: CorpusOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help="提醒（如近似重复）也算不通过。")] = False,
    as_json: JsonOpt = False,
) -> None:
    """校验题库：编号唯一、依据存在、答案在所引条文中有据可查、选项不重复等。"""
    from xuezhi.bank.load import read_bank
    from xuezhi.bank.validation import review_bank, standard_figures

    if file is not None and file.suffix.lower() in (".yaml", ".yml"):
        from xuezhi.cli.compare import validate_curation

        if validate_curation(file, strict, as_json):  # an alignment file (新旧对照.yaml), not a bank
            return
    reg = regulation(corpus)
    bank = read_bank(file)
    review = review_bank(bank, reg)
    problems = review.problems
    errors = [p for p in problems if not p.warning]
    warnings = [p for p in problems if p.warning]
    curated = _curated(reg) if file is None else None  # the shipped 时限/流程/要点 quote the shipped text
    if as_json:
        print_json({"file": str(bank.source), "questions": bank.entries,
                     "errors": len(errors), "warnings": len(warnings),
                     "problems": [{"file": p.file, "line": p.line, "id": p.qid, "rule": p.rule,
                                   "message": p.message, "warning": p.warning} for p in problems],
                     "standard": review.figures()}
                   | ({"curated": [{"file": p.file, "line": p.line, "what": p.what, "message": p.message}
                                   for p in curated]} if curated is not None else {}))
    else:
        for p in problems:
            print(p, file=sys.stderr)
        for c in curated or ():
            print(c, file=sys.stderr)
        ui = ui_for()
        for line in standard_figures(review):
            ui.out.print(line)
        verdict = "通过" if not errors and not (strict and warnings) else "未通过"
        ui.out.print(f"{bank.source}：{bank.entries} 道题，"
                     f"错误 {len(errors)} 处，提醒 {len(warnings)} 处，{verdict}。")
        if curated is not None:
            ui.out.print(f"时限一览、办理流程和教学要点的原文引用：错误 {len(curated)} 处，"
                         f"{'通过' if not curated else '未通过'}。")
    if errors or curated or (strict and warnings):
        raise typer.Exit(int(ExitCode.BAD_INPUT))


def _curated(reg) -> list | None:
    """Problems of the curated layers of xuezhi deadlines, flow and the handout; None for another corpus."""
    from xuezhi.text.corpus import default_corpus_path

    if reg.source.resolve() != default_corpus_path().resolve():
        return None
    from xuezhi.guide.curated import check_all

    return check_all(reg)
