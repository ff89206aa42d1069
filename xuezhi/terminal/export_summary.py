"""What `xuezhi export` prints: where the files went, and questions and points per type."""

from __future__ import annotations

from typing import Any

from xuezhi.export import ExportResult
from xuezhi.quiz.assemble import summary_rows
from xuezhi.quiz.paper import Paper, number, points_text
from xuezhi.terminal.console import Ui


def print_summary(ui: Ui, paper: Paper, result: ExportResult) -> None:
    from rich.table import Table

    out = ui.out
    out.print(f"已导出（{result.format.label}）：")
    for path in result.files:
        out.print(f"  {path}", soft_wrap=True, markup=False)
    table = Table(**ui.table_kwargs())
    for name, justify in (("题型", "left"), ("题数", "right"), ("每题分值", "right"), ("小计", "right")):
        table.add_column(name, justify=justify)
    rows = summary_rows(paper)
    for name, count, each, subtotal in rows:
        table.add_row(name, str(count), each, subtotal)
    table.add_row("合计", str(sum(r[1] for r in rows)), "", points_text(paper.total))
    out.print(table)
    if len(paper.variants) > 1:
        out.print(f"共 {len(paper.variants)} 套：{'、'.join(v.label for v in paper.variants)}，题型和分值相同。")
    if paper.seed is not None and paper.whole_bank:
        out.print(f"随机种子：{paper.seed}（选项已按此打乱；加 --seed {paper.seed} 得到同样的顺序，"
                  "加 --keep-order 按题库顺序）")
    elif paper.seed is not None:
        out.print(f"随机种子：{paper.seed}（加 --seed {paper.seed} 可再次生成同一份试卷）")
    for w in result.warnings:
        ui.err.print(f"提醒：{w}", soft_wrap=True, markup=False)


def summary_json(paper: Paper, result: ExportResult) -> dict[str, Any]:
    return {
        "format": result.format.name,
        "files": [str(p) for p in result.files],
        "seed": paper.seed,
        "variants": [v.name or "A" for v in paper.variants],
        "sections": [{"type": str(s.type), "name": s.name, "count": len(s.items), "points_each": number(s.part.points),
                      "points": number(s.total)} for s in paper.variants[0].sections],
        "total_points": number(paper.total),
        "warnings": result.warnings,
    }
