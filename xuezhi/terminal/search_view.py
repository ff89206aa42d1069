"""Search hits for the terminal: a table with highlighted words, a block per hit on a narrow
terminal, or one plain line per hit in files and pipes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from xuezhi.terminal.console import Ui
from xuezhi.text.corpus import Regulation, chapter_label
from xuezhi.text.numerals import circled

# Below this width the table leaves the excerpt too little room: 条号 (10 cells), 章 (6), 条旨 (16)
# and the padding take about 42 cells, so at 60 columns an excerpt line is 9 characters long.
TABLE_MIN_WIDTH = 72


def hits_block(hits: Sequence[Any], reg: Regulation, ui: Ui) -> RenderableType:
    if ui.plain:  # no styles to show: skip importing the renderers (start-up time)
        def highlighted(text: str, _words: Any) -> Text:
            return Text(text)
    else:
        from xuezhi.terminal.render import highlighted
    rows: list[tuple[str, str, str, Text]] = []
    for h in hits:
        a = reg.article(h.article)
        snippet = Text()
        if h.match == "approximate":
            snippet.append("〔近似〕", style="dim")
        if h.paragraph and len(a.paragraphs) > 1:
            snippet.append(circled(h.paragraph))
        snippet.append_text(highlighted(h.snippet, h.matched))
        rows.append((a.label, chapter_label(a.chapter), a.summary, snippet))
    if not ui.wraps:  # one line per hit: grep and files keep each hit whole
        return Group(*(Text("  ").join([Text(c) if isinstance(c, str) else c for c in row]) for row in rows))
    if ui.out.width < TABLE_MIN_WIDTH:
        return _blocks(rows, ui)
    from rich.table import Table

    table = Table(**ui.table_kwargs())
    columns = (("条号", {"no_wrap": True}), ("章", {"no_wrap": True}),
               ("条旨", {"max_width": 16, "overflow": "fold"}), ("摘录", {"ratio": 1, "overflow": "fold"}))
    for name, kwargs in columns:
        table.add_column(name, **kwargs)
    for row in rows:
        table.add_row(*row)
    return table


def _blocks(rows: Sequence[tuple[str, str, str, Text]], ui: Ui) -> RenderableType:
    """A narrow terminal: per hit a heading (条号, 章, 条旨, as the table's columns) and the excerpt
    wrapped under it at the whole width, with the Chinese line breaking; blank lines around each
    hit, as around the table."""
    from rich.padding import Padding

    out: list[RenderableType] = []
    for label, chapter, summary, snippet in rows:
        out.append(Text(""))
        parts = [Text(label, style="bold")] + [Text(t, style=st) for t, st in ((chapter, "dim"),
                                                                             (summary, "bold cyan")) if t]
        out.append(_between(parts, ui.out.width))
        out.append(Padding(snippet, (0, 0, 0, 2)))
    return Group(*out, Text(""))


def _between(parts: Sequence[Text], width: int, sep: str = "  ") -> Text:
    """`parts` on one line, or broken between parts when they do not fit: a 条旨 stays whole."""
    line = Text()
    for part in parts:
        if line.plain and line.cell_len + len(sep) + part.cell_len > width:
            line.append("\n")
        elif line.plain:
            line.append(sep)
        line.append_text(part)
    return line
