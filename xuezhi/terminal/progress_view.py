"""How `stats` and `history` look in a terminal, drawn from the dicts in stats.py.

Bars and the activity strip are Rich Text: coloured blocks on a terminal, '#'-style ASCII
in plain mode (pipes, files, NO_COLOR), so they stay readable everywhere.
"""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from xuezhi.bank.wording import spelled, verdict_given, verdict_said
from xuezhi.clock import format_duration
from xuezhi.terminal.console import Ui
from xuezhi.terminal.render import hanging, phrases

BAR_WIDTH = 20
STRIP_PLAIN = ".-+*#"  # activity levels 0–4 without colour
STRIP_GLYPHS = "□■■■■"  # a day without study is hollow even where colours are lost (copied text)
STRIP_COLOURS = ("grey42", "color(22)", "color(28)", "color(34)", "color(46)")  # darker to brighter green
DASH = "—"
ANSWER_WIDTH = 14  # cells for a given or correct answer in the session view


def pct(x: float | None) -> str:
    return DASH if x is None else f"{x:.0%}"


def bar(fraction: float | None, ui: Ui, width: int = BAR_WIDTH) -> Text:
    if fraction is None:
        return Text("")
    filled = round(fraction * width)
    if ui.plain:
        return Text("#" * filled + "." * (width - filled))
    colour = "green" if fraction >= 0.8 else ("yellow" if fraction >= 0.6 else "red")
    return Text("█" * filled, style=colour) + Text("░" * (width - filled), style="grey42")


def _accuracy_table(ui: Ui, first: str, rows: list[tuple[list[str], dict]], bar_width: int | None) -> Table:
    t = Table(**ui.table_kwargs())
    for i, name in enumerate(first.split("|")):
        t.add_column(name, max_width=30 if i else None)
    t.add_column("答对/作答", justify="right", no_wrap=True)
    t.add_column("正确率", justify="right", no_wrap=True)
    if bar_width:
        t.add_column("", no_wrap=True)
    for labels, d in rows:
        bars = [bar(d["accuracy"], ui, bar_width)] if bar_width else []
        t.add_row(*labels, f"{d['correct']}/{d['answers']}", pct(d["accuracy"]), *bars)
    return t


def _accuracy_tables(ui: Ui, specs: list[tuple[str, list[tuple[list[str], dict]]]]) -> list[Table]:
    """The tables of names (章, 条文|条旨), 答对/作答, 正确率 and a bar, all with one bar width. On a
    narrow terminal the bars shrink, then go (正确率 says the same), before a name is squeezed into
    a column a few characters wide."""
    if not ui.wraps:
        return [_accuracy_table(ui, first, rows, BAR_WIDTH) for first, rows in specs]
    from rich.measure import Measurement

    unbounded = ui.out.options.update_width(10_000)  # the width each table wants, not what it is given
    for bar_width in (BAR_WIDTH, BAR_WIDTH // 2):
        tables = [_accuracy_table(ui, first, rows, bar_width) for first, rows in specs]
        if all(Measurement.get(ui.out, unbounded, t).maximum <= ui.out.width for t in tables):
            return tables
    return [_accuracy_table(ui, first, rows, None) for first, rows in specs]


def _md(d: date) -> str:
    return f"{d.month}月{d.day}日"


def activity_strip(days: list[dict], ui: Ui) -> RenderableType:
    """One cell per day, oldest left; a date ruler under it every 7 days; a legend."""
    cells = Text()
    for i, d in enumerate(days):
        if i:
            cells.append(" ")
        if ui.plain:
            cells.append(STRIP_PLAIN[d["level"]])
        else:
            cells.append(STRIP_GLYPHS[d["level"]], style=STRIP_COLOURS[d["level"]])
    ruler = [" "] * (len(days) * 2 + 8)
    for i in range(len(days) - 1, -1, -7):
        dd = date.fromisoformat(days[i]["date"])
        label = "今天" if i == len(days) - 1 else f"{dd.month}/{dd.day}"
        pos = i * 2
        width = sum(2 if ord(c) > 0x2E80 else 1 for c in label)
        start = max(0, pos - width + 1) if i == len(days) - 1 else pos
        for j, c in enumerate(label):
            if start + j < len(ruler):
                ruler[start + j] = c
                if ord(c) > 0x2E80:  # a wide character takes two cells
                    ruler[start + j + 1] = ""
    legend = Text("图例：")
    names = ("未学习", "1–4 题", "5–9 题", "10–19 题", "20 题以上")
    for lv, name in enumerate(names):
        legend.append(STRIP_PLAIN[lv] if ui.plain else STRIP_GLYPHS[lv], style=None if ui.plain else STRIP_COLOURS[lv])
        legend.append(f" {name}  ")
    return Group(cells, Text("".join(ruler).rstrip(), style="dim"), legend)


def stats_view(data: dict, ui: Ui) -> RenderableType:
    parts: list[RenderableType] = []
    s = data["streak"]
    parts.append(Text(f"学习统计（截至 {data['today']}）", style="bold"))
    # phrases: a narrow terminal breaks these lines after a clause, not inside "答题 6 次" or a command
    seen = f"{data['questions_seen']}/{data['questions_in_bank']}"
    parts.append(phrases([f"共作答 {data['answers']} 题次，答对 {data['correct']}，正确率 {pct(data['accuracy'])}；",
                          f"做过 {seen} 道题，答题 {data['sessions']} 次。"], ui, sep=""))
    today = "今天已学习" if s["studied_today"] else ("今天还没学习，做一组每日一练就能续上" if s["current"] else "")
    parts.append(Text(f"连续学习：当前 {s['current']} 天，最长 {s['longest']} 天" + (f"（{today}）" if today else "")
                      + "。"))
    due = data["due"]
    parts.append(phrases([f"待复习：今天 {due['today']} 道，7 天内 {due['week']} 道；错题本 {data['wrong_book']} 道。",
                          *(["运行 xuezhi review 开始复习。"] if due["today"] else [])], ui, sep=""))
    rec = data.get("recitation")
    if rec and (rec["known_by_heart"] or rec["cards_seen"]):
        parts.append(phrases([f"学原文：背会 {rec['known_by_heart']}/{rec['articles']} 条；",
                              f"填空卡学过 {rec['cards_seen']}/{rec['cards']} 张，今天到期 {rec['cards_due']} 张。",
                              *(["运行 xuezhi review --cloze 复习填空卡。"] if rec["cards_due"] else [])], ui, sep=""))
    if data["questions_not_in_bank"]:
        parts.append(Text(f"（其中 {data['questions_not_in_bank']} 道题已不在当前题库中，仍计入统计。）", style="dim"))
    if not data["answers"] and not (rec and rec["known_by_heart"]):
        parts.append(Text("\n还没有答题记录。运行 xuezhi daily 做今天的每日一练，或 xuezhi quiz 自测。", style="cyan"))
        return Group(*parts)

    weak = data["weakest_articles"]
    types, chapters, *articles = _accuracy_tables(ui, [
        ("题型", [([r["label"]], r) for r in data["by_type"] if r["answers"]]),
        ("章", [([f"{r['label']} {r['title']}".strip()], r) for r in data["by_chapter"] if r["answers"]]),
        *([("条文|条旨", [([r["label"], r["summary"]], r) for r in weak])] if weak else [])])
    parts += [Text("\n按题型", style="bold"), types, Text("按章", style="bold"), chapters]
    parts.append(Text(f"最薄弱的 {len(weak)} 条" if weak else "最薄弱的条文", style="bold"))
    if weak:
        parts += articles
        parts.append(Text("建议复习：" + "　".join(f"xuezhi show {r['article']}" for r in weak[:3]), style="cyan"))
    else:
        parts.append(Text("作答过的条文全部答对。", style="green"))
    first = date.fromisoformat(data["activity"][0]["date"])
    parts.append(Text(f"\n近 {len(data['activity'])} 天（{_md(first)}—今天）每格一天：", style="bold"))
    parts.append(activity_strip(data["activity"], ui))
    return Group(*parts)


# ---------------------------------------------------------------- history

def _when(ts: str | None) -> str:
    return ts[:16].replace("T", " ") if ts else DASH


def score_text(s: dict) -> str:
    if s["mode"] == "challenge":
        return f"连对 {s['correct']}"
    return DASH if s["score"] is None else f"{s['score']:g}"


def _overhead(ui: Ui, columns: int) -> int:
    """Cells a table spends on padding and edges besides its columns' content."""
    return 2 * (columns + 1) if ui.plain else 3 * (columns + 1) + 2


def _fitting(ui: Ui, heads: list[str], rows: list[list[Text]], droppable: list[str], spare: int = 0) -> list[int]:
    """Indexes of the columns to show: on a narrow terminal the least needed go first, so that
    what remains is shown whole instead of every column squeezed to '…'. `spare`: cells to keep free."""
    widths = {h: max(cell_len(h), *(r[i].cell_len for r in rows)) if rows else cell_len(h)
              for i, h in enumerate(heads)}
    shown = list(heads)
    for h in droppable:
        if not ui.wraps or sum(widths[k] for k in shown) + _overhead(ui, len(shown)) + spare <= ui.out.width:
            break
        shown.remove(h)
    return [heads.index(h) for h in shown]


def history_table(sessions: list[dict], ui: Ui) -> Table:
    heads = ["编号", "开始时间", "模式", "得分", "答对/已答/题数", "用时", "状态"]
    rows = []
    for s in sessions:
        planned = DASH if s["mode"] == "challenge" else str(s["planned"])
        elapsed = format_duration(s["elapsed_s"]) if s["elapsed_s"] is not None else DASH
        status = Text(s["status_label"], style="yellow" if s["status"] in ("unfinished", "running") else None)
        rows.append([Text(str(s["id"])), Text(_when(s["started_at"])), Text(s["mode_label"]), Text(score_text(s)),
                     Text(f"{s['correct']}/{s['answered']}/{planned}"), Text(elapsed), status])
    keep = _fitting(ui, heads, rows, ["用时", "答对/已答/题数", "模式"])
    t = Table(**ui.table_kwargs())
    for i in keep:
        t.add_column(heads[i], no_wrap=heads[i] != "状态", justify="right" if i in (0, 3, 4, 5) else "left")
    for r in rows:
        t.add_row(*(r[i] for i in keep))
    return t


def _answers_table(d: dict, ui: Ui) -> Table:
    """One row per answer; the stem takes what width the other columns leave."""
    heads = ("#", "结果", "题号", "条文", "你的答案", "正确答案", "用时")
    rows: list[list[Text]] = []
    for a in d["answers"]:
        if a["timed_out"]:
            verdict = Text("超时", style="red")
        else:
            verdict = Text("√" if a["correct"] else "×", style="green" if a["correct"] else "red")
        cells = [Text(str(a["seq"])), verdict, Text(a["question_id"]), Text(a["article_label"]),
                 Text(a["given_display"]), Text(a["answer_display"] if a["answer_display"] is not None else DASH),
                 Text(f"{a['elapsed_ms'] / 1000:.0f}秒")]
        for c in cells[4:6]:
            c.truncate(ANSWER_WIDTH, overflow="ellipsis")
        rows.append(cells)
    # The stem gets the width the other columns leave (at least 12 cells, else it is dropped:
    # the list of wrong answers below has it in full); then 用时, 条文 go on a narrow terminal.
    def budget_for(keep: list[int]) -> int:
        widths = [max(cell_len(heads[i]), *(r[i].cell_len for r in rows)) for i in keep]
        return ui.out.width - sum(widths) - _overhead(ui, len(keep) + 1)

    keep = _fitting(ui, list(heads), rows, ["用时", "条文"], spare=12 + 3)
    budget = budget_for(keep)
    with_stem = not ui.wraps or budget >= 12
    if not with_stem:  # no room for the stem anyway: keep what else fits
        keep = _fitting(ui, list(heads), rows, ["用时", "条文"])
    t = Table(**ui.table_kwargs())
    for i in keep:
        t.add_column(heads[i], no_wrap=True, justify="right" if heads[i] in ("#", "用时") else "left")
    if with_stem:
        t.add_column("题干", no_wrap=True)
    for a, cells in zip(d["answers"], rows, strict=True):
        stem = Text(a["stem"]) if a["stem"] is not None else Text("（题库中已无此题）", style="dim")
        stem.truncate(max(10, budget), overflow="ellipsis")
        t.add_row(*(cells[i] for i in keep), *([stem] if with_stem else []))
    return t


def session_view(d: dict, ui: Ui) -> RenderableType:
    head = [f"第 {d['id']} 次答题：{d['mode_label']}", _when(d["started_at"]), d["status_label"],
            f"得分 {score_text(d)}", f"答对 {d['correct']}/{d['answered']}"]
    if d["mode"] != "challenge":
        head[-1] += f"（共 {d['planned']} 题）"
    if d["elapsed_s"] is not None:
        head.append(f"用时 {format_duration(d['elapsed_s'])}")
    parts: list[RenderableType] = [phrases(head, ui, style="bold")]
    if not d["answers"]:
        parts.append(Text("这次没有作答记录。"))
        return Group(*parts)
    parts.append(_answers_table(d, ui))
    bank_order = [str(a["seq"]) for a in d["answers"] if a["type"] in ("single", "multiple") and a["in_bank"]
                  and not a["shown_order"]]
    if bank_order:  # recorded before the shown order was kept (or the question's options changed since)
        parts.append(Text(f"第 {'、'.join(bank_order)} 题的字母按题库中的原始选项顺序（未记下答题时打乱后的顺序）。",
                          style="dim"))
    wrong = [a for a in d["answers"] if not a["correct"] and a["in_bank"]]
    if wrong:
        parts.append(Text("答错的题目：", style="bold"))
        for a in wrong:
            parts.append(hanging(f"  {a['seq']}. ", [
                Text(f"{a['question_id']}  {a['article_label']}  {a['stem']}"), Text(_given(a), style="red"),
                Text(f"正确答案：{_right(a)}", style="green")], ui))
    return Group(*parts)


def _right(a: dict) -> str:
    if a["type"] == "judge" and a["answer"] in ("正确", "错误"):  # as the quiz said it: 错（该说法错误）
        return verdict_said(a["answer"] == "正确")
    return _spelled(a["answer_display"], a["answer_full"], a)


def _spelled(letters: str | None, words: str | None, a: dict) -> str:
    """B（信访接待场所或者网站） where the letters are the ones the learner saw; the words alone otherwise."""
    if letters and words and a["shown_order"]:
        return spelled(letters, words)
    return words or letters or DASH


def _given(a: dict) -> str:
    if a["type"] == "judge" and a["given"] in ("true", "false"):  # not "你的答案：正确", which reads like praise
        given = verdict_given(a["given"] == "true")
    else:
        given = f"你的答案：{_spelled(a['given_display'], a['given_text'], a)}"
    if a["timed_out"]:  # a challenge answer given too late counts as wrong, whatever it was
        return f"超时，不计分（{given}）" if a["given_display"] not in (None, "", DASH) else "超时未答"
    return given

