"""How the cloze cards look in a terminal: the count per kind and chapter, and a list of cards."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from xuezhi.cloze.model import Card
from xuezhi.terminal.console import Ui
from xuezhi.terminal.render import hanging


def report_view(data: dict, ui: Ui) -> RenderableType:
    covers = f"{data['articles_with_cards']}/{data['articles']}"
    parts: list[RenderableType] = [Text(f"《{data['corpus']}》生成填空卡 {data['cards']} 张，涉及 {covers} 条。",
                                        style="bold")]
    t = Table(**ui.table_kwargs())
    titled = ui.out.width >= 72  # narrower, the chapter's title was squeezed a character or two a line
    t.add_column("章", no_wrap=not titled)
    for k in data["by_kind"]:
        t.add_column(k["label"], justify="right", no_wrap=True)
    t.add_column("合计", justify="right", no_wrap=True)
    for ch in data["by_chapter"]:
        name = f"{ch['label']} {ch['title']}" if titled else ch["label"]
        t.add_row(name, *(str(ch["by_kind"][k["kind"]]) for k in data["by_kind"]), str(ch["cards"]))
    t.add_row("合计", *(str(k["cards"]) for k in data["by_kind"]), str(data["cards"]), style="bold")
    parts.append(t)
    cov = data["coverage"]
    line = f"写有期限、数量、列举或应当/可以等规则的 {cov['paragraphs']} 款中，{cov['covered']} 款有填空卡"
    parts.append(Text(line + ("。" if not cov["missing"] else "；没有的：" + "、".join(cov["missing"]) + "。")))
    if data["refused"]:
        why = "，".join(f"{r['reason']} {r['candidates']}" for r in data["refused"])
        parts.append(Text(f"未通过机器检查而没有成卡的候选：{why}。", style="dim"))
    return Group(*parts)


def card_lines(cards: list[Card], ui: Ui) -> RenderableType:
    rows: list[RenderableType] = []
    for c in cards:
        head = f"{c.id}  {c.label} · {c.kind.label}  "
        body = [Text(c.text.replace("\n", " / ")), Text(f"答案：{c.answer}", style="green")]
        rows.append(hanging(head, body, ui))
    return Group(*rows)
