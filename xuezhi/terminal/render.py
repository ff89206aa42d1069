"""Rich renderables for the regulation's text, shared by show, search and the quiz feedback.

Every renderable here reads well in plain mode too: structure comes from text
(第N条, ①, （一）), never from colour or boxes alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from xuezhi.terminal.console import Ui
from xuezhi.text.corpus import Article, Regulation
from xuezhi.text.numerals import circled, to_chinese

HIGHLIGHT = "bold yellow"


def highlighted(text: str, terms: Iterable[str], style: str = HIGHLIGHT) -> Text:
    """`text` with every occurrence of each term styled (plain mode simply drops the style)."""
    t = Text(text)
    for term in terms:
        if term:
            t.highlight_words([term], style=style)
    return t


def hanging(label: str, lines: list[Text], ui: Ui) -> RenderableType:
    """`label` then the lines; on a terminal wrapped lines stay under the text, not under the label.
    In files and pipes each line stays whole (grep finds it)."""
    if not ui.wraps:
        pad = " " * cell_len(label)
        return Text("\n").join([Text(label) + lines[0], *(Text(pad) + line for line in lines[1:])])
    from rich.table import Table  # with fractions and decimal: ~6 ms that `show` never needs

    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column()
    for i, line in enumerate(lines):
        grid.add_row(label if i == 0 else "", line)
    return grid


def phrases(parts: list[str], ui: Ui, style: str | None = None, sep: str = "　") -> Text:
    """`parts` joined by `sep`. On a terminal too narrow for them all, lines break only between
    parts, so that a phrase such as “用时 1分12秒” is never torn in two (Chinese may otherwise
    break between any two characters)."""
    if not ui.wraps:
        return Text(sep.join(parts), style=style or "")
    lines = [""]
    for part in parts:
        joined = f"{lines[-1]}{sep}{part}" if lines[-1] else part
        if lines[-1] and cell_len(joined) > ui.out.width:
            lines.append(part)
        else:
            lines[-1] = joined
    return Text("\n".join(lines), style=style or "")


def article_heading(article: Article) -> Text:
    head = Text(article.label, style="bold")
    if article.summary:
        head.append(f"  {article.summary}", style="bold cyan")
    return head


def _body_lines(article: Article, terms: list[str]) -> list[tuple[int, Text]]:
    """(indent, line) per paragraph and item: ① ② when there are several paragraphs, （一）（二） for items."""
    several = len(article.paragraphs) > 1
    lines: list[tuple[int, Text]] = []
    for p in article.paragraphs:
        # No space after ①: Rich wraps at spaces, and would move the whole paragraph to the next line.
        line = Text(circled(p.number) if several else "")
        lines.append((2, line.append_text(highlighted(p.text, terms))))
        for i, item in enumerate(p.items, 1):
            lines.append((4 if several else 2, Text(f"（{to_chinese(i)}）").append_text(highlighted(item, terms))))
    return lines


def article_body(article: Article, highlight: Iterable[str] = (), hanging: bool = False) -> RenderableType:
    """The article's text. `hanging`: wrapped lines keep the indent (terminals); otherwise one
    line per paragraph, so files and pipes keep each paragraph whole."""
    lines = _body_lines(article, list(highlight))
    if hanging:
        return Group(*(Padding(t, (0, 0, 0, w)) for w, t in lines))
    return Text("\n").join(Text(" " * w).append_text(t) for w, t in lines)


def article_block(article: Article, reg: Regulation, highlight: Iterable[str] = (),
                  with_refs: bool = True, hanging: bool = False) -> RenderableType:
    parts: list[RenderableType] = [
        article_heading(article),
        Text(f"{to_chinese(article.chapter).join(['第', '章'])} {article.chapter_title}", style="dim"),
        article_body(article, highlight, hanging),
    ]
    if with_refs:
        refs = [f"{r.label()}（{reg.article(r.article).summary}）" for r in article.references
                if reg.article(r.article)]
        back = [f"{a.label}（{a.summary}）" for a in reg.referenced_by(article.number)]
        if refs:
            parts.append(Text("  本条引用：" + "；".join(refs), style="dim"))
        if back:
            parts.append(Text("  引用本条：" + "；".join(back), style="dim"))
    return Group(*parts)


def toc_table(reg: Regulation, ui: Ui) -> RenderableType:
    from rich.table import Table

    rows: list[RenderableType] = []
    # one width for every chapter's number column, so 第七条 lines up with 第二十一条 across chapters
    label_width = max(cell_len(a.label) for a in reg.articles)
    for ch in reg.chapters:
        lo, hi = ch.article_range
        rows.append(Text(f"{ch.label} {ch.title}（第{to_chinese(lo)}条至第{to_chinese(hi)}条）", style="bold"))
        t = Table(show_header=False, **ui.table_kwargs())
        t.add_column(justify="right", no_wrap=True, min_width=label_width)
        t.add_column()
        for a in ch.articles:
            t.add_row(a.label, a.summary)
        rows.append(t)
    return Group(*rows)


def principles_block(reg: Regulation, hanging: bool = False) -> RenderableType:
    """`hanging`: on a terminal the wrapped text keeps its indent."""
    rows: list[RenderableType] = [Text(f"信访工作五项原则（第{to_chinese(5)}条）", style="bold")]
    for i, p in enumerate(reg.principles, 1):
        line = Text(f"{i}. ")
        line.append(p.name, style="bold cyan")
        line.append(f"（第{to_chinese(p.article)}条第{to_chinese(p.item)}项）", style="dim")
        rows += [line, Padding(Text(p.text), (0, 0, 0, 3)) if hanging else Text("   " + p.text)]
    return Group(*rows)


def chinese_date(iso: str) -> str:
    """2022-05-01 → 2022年5月1日, as the regulation's own text writes dates; other text as is."""
    parts = iso.split("-")
    if len(parts) == 3 and all(x.isdigit() for x in parts):
        return f"{int(parts[0])}年{int(parts[1])}月{int(parts[2])}日"
    return iso


def info_table(data: dict, ui: Ui) -> RenderableType:
    from rich.table import Table

    labels = [
        ("title", "名称"), ("issuer", "发布机关"), ("approved", "审议批准"), ("published", "发布日期"),
        ("effective", "施行日期"), ("interpreted_by", "解释机关"), ("chapters", "章数"),
        ("articles", "条数"), ("corpus_file", "条文数据"), ("store", "学习记录"),
    ]
    t = Table(show_header=False, **ui.table_kwargs())
    t.add_column(no_wrap=True, style="bold")
    t.add_column(overflow="fold")
    for key, label in labels:
        if key in data and data[key] not in ("", None):
            value = str(data[key])
            if key in ("approved", "published", "effective"):
                value = chinese_date(value)
            if key == "approved" and data.get("approved_by"):
                value += f"（{data['approved_by']}）"
            t.add_row(label, value)
    return t
