"""The 新旧对照 on a terminal: the table of all rows, and one row in detail (side by side when the
terminal has at least SIDE_BY_SIDE columns, one text above the other otherwise).

Changes are coloured (red struck-through: only in the old text; green: new) and, in plain output,
written in as 〔删：…〕 and 〔增：…〕, so a console without colour and a file say the same.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from xuezhi.compare.align import Alignment, Row
from xuezhi.compare.diff import CLOSE, DEL, INS, diff, segments
from xuezhi.compare.report import Names, article_heading, counts_line, new_label, new_summary, percent, title
from xuezhi.terminal.console import Ui

SIDE_BY_SIDE = 100
STYLES = {"old": "red strike", "new": "bold green", "renamed": "cyan"}
KIND_STYLES = {"added": "bold green", "deleted": "bold red", "modified": "yellow", "unchanged": "dim"}


def table(al: Alignment, rows: list[Row], ui: Ui) -> RenderableType:
    from rich.table import Table

    names = Names.of(al)
    t = Table(**ui.table_kwargs())
    t.add_column(f"{names.new}条文", no_wrap=True)
    t.add_column("条旨")
    t.add_column(f"{names.old}条文")
    t.add_column("变化", no_wrap=True)
    t.add_column("相似度", justify="right", no_wrap=True)
    for r in rows:
        kind = Text(r.kind_label, style="" if ui.plain else KIND_STYLES[r.kind])
        if r.shape:
            kind.append(f"（{r.shape}）")
        old = r.old_label() or "—"
        t.add_row(new_label(al, r) or "—", new_summary(al, r) or (al.old.article(r.old[0].article).summary
                                                                  if r.old else ""), old, kind, percent(r.similarity))
    return Group(Text(title(al), style="bold"), t, Text(counts_line(al)),
                 Text("某一条的逐字对照：xuezhi compare 条号（如 xuezhi compare 20）；导出对照表：--output 对照表.docx",
                      style="dim"))


def _text(runs: list[tuple[str, str]], which: str, plain: bool) -> Text:
    out = Text()
    for chunk, kind in runs:
        if kind == "changed":
            if plain:
                out.append(f"{DEL if which == 'old' else INS}{chunk}{CLOSE}")
            else:
                out.append(chunk, style=STYLES[which])
        elif kind == "renamed" and not plain:
            out.append(chunk, style=STYLES["renamed"])
        else:
            out.append(chunk)
    return out


def legend(al: Alignment, plain: bool) -> Text:
    names = Names.of(al)
    if plain:
        return Text(f"〔删：…〕{names.old}条文有、{names.new}条文没有；〔增：…〕{names.new}条文新增。"
                    "标点、数字写法和系统性改称（如 行政机关 → 机关、单位）不算变化。", style="dim")
    t = Text("说明：", style="dim")
    t.append("删去的文字", style=STYLES["old"])
    t.append(f"（只在{names.old}条文中）  ", style="dim")
    t.append("新增的文字", style=STYLES["new"])
    t.append(f"（只在{names.new}条文中）  ", style="dim")
    t.append("系统性改称", style=STYLES["renamed"])
    t.append("（如 行政机关 → 机关、单位，不算变化）", style="dim")
    return t


def _columns(ui: Ui) -> int:
    """The terminal's own width (0 when output goes to a file or pipe). Not the console's: in plain
    mode (NO_COLOR) that is set to 100 for pipes, and a side-by-side view would overflow 80 columns."""
    if not ui.out.is_terminal:
        return 0
    import shutil

    return min(shutil.get_terminal_size((ui.out.width, 24)).columns, ui.out.width)


def detail(al: Alignment, row: Row, ui: Ui, layout: str = "auto") -> RenderableType:
    """One row: heading, class and similarity, the reason and 要点, then both texts."""
    names = Names.of(al)
    parts: list[RenderableType] = [Text(article_heading(al, row), style="bold")]
    facts = Text(row.kind_label, style="" if ui.plain else KIND_STYLES[row.kind])
    if row.similarity is not None:
        facts.append(f" · 相似度 {percent(row.similarity)}")
    facts.append(" · " + ("人工核对的对齐" if row.curated else "按相似度自动配对"))
    if row.merged:
        facts.append(" · 合并")
    if row.split:
        facts.append(" · 拆分（旧条文的一部分在别的条中）")
    parts.append(facts)
    if row.why:
        parts.append(Text(("理由：" if row.kind in ("added", "deleted") else "对齐依据：") + row.why))
    if row.point:
        parts.append(Text("要点：" + row.point))
    old, new = al.old_side(row), al.new_side(row)
    changes = diff(old, new) if row.old and row.new else []
    if changes:
        old_text = _text(segments(old, changes, "old"), "old", ui.plain)
        new_text = _text(segments(new, changes, "new"), "new", ui.plain)
    else:  # 新增 or 删除: the whole text is the change, marking every character says nothing
        old_text = Text(old.text) if row.old else Text("（无）", style="dim")
        new_text = Text(new.text) if row.new else Text("（无）", style="dim")
    old_head = Text(f"{names.old}{row.old_label()}" if row.old else names.old, style="bold")
    new_head = Text(f"{names.new}{new_label(al, row)}" if row.new else names.new, style="bold")
    side = layout == "side" or (layout == "auto" and _columns(ui) >= SIDE_BY_SIDE)
    if side:
        from rich.table import Table

        grid = Table.grid(padding=(0, 2), expand=True)
        grid.add_column(ratio=1)
        grid.add_column(ratio=1)
        grid.add_row(old_head, new_head)
        grid.add_row(old_text, new_text)
        parts += [Text(""), grid]
    else:
        parts += [Text(""), old_head, old_text, Text(""), new_head, new_text]
    if any(not c.equal for c in changes):
        parts += [Text(""), legend(al, ui.plain)]
    return Group(*parts)
