"""Search hits for the terminal: a table with highlighted words, or one plain line per hit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from xuezhi.terminal.console import Ui
from xuezhi.text.corpus import Regulation, chapter_label
from xuezhi.text.numerals import circled


def hits_block(hits: Sequence[Any], reg: Regulation, ui: Ui) -> RenderableType:
    if ui.plain:  # no styles to show: skip importing the renderers (start-up time)
        def highlighted(text: str, _words: Any) -> Text:
            return Text(text)
    else:
        from xuezhi.terminal.render import highlighted
    rows = []
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
    from rich.table import Table

    table = Table(**ui.table_kwargs())
    columns = (("条号", {"no_wrap": True}), ("章", {"no_wrap": True}),
               ("条旨", {"max_width": 16, "overflow": "fold"}), ("摘录", {"ratio": 1, "overflow": "fold"}))
    for name, kwargs in columns:
        table.add_column(name, **kwargs)
    for row in rows:
        table.add_row(*row)
    return table
