"""时限一览: every time limit and count of the regulation, from the curated layer data/时限.yaml checked
against the text. The numbers (15日, 5个工作日, 60日, 不得超过30日, 5人) are read from the quoted words,
never typed twice, so a row cannot say 15 where the text says 15日内 of something else."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xuezhi.files import data_file
from xuezhi.guide.curated import (
    Place,
    Problem,
    Quote,
    Reader,
    check_quote,
    cited,
    cited_quote,
    line_at,
    place_text,
)
from xuezhi.text.corpus import Regulation
from xuezhi.text.yamlfile import parsed_once

DEADLINES_FILE = "时限.yaml"
GROUPS = ("期限", "当场或指定期限", "人数", "定期")
# The events a period runs from; the calculator's --kind takes these names (or a row's id).
EVENTS = {
    "收到": "收到信访事项之日",
    "受理": "受理之日",
    "处理意见": "信访人收到信访处理意见（书面答复）之日",
    "复查请求": "收到复查请求之日",
    "复查意见": "信访人收到复查意见（书面答复）之日",
    "复核请求": "收到复核请求之日",
}
QUOTED_FIELDS = ("scope", "who", "condition", "start", "limit", "action", "then", "exception", "extension",
                 "extension_condition", "extension_then", "excluded", "consequence")
FIELD_LABELS = {"scope": "适用", "who": "由谁", "condition": "情形", "start": "起算", "limit": "时限",
                "action": "做什么", "then": "随后", "exception": "除外", "extension": "延长",
                "extension_condition": "延长条件", "extension_then": "延长时", "excluded": "不计入",
                "consequence": "逾期后果"}
KEYS = ("id", "task", "group", "event", "article", "paragraph", "item", "note", *QUOTED_FIELDS)
AMOUNT = re.compile(r"(\d+)(个工作日|日|人)")
EXTENSION = re.compile(r"不得超过(\d+)日")
# What the scan test looks for in the text: a number of days, working days or persons (not a date: 5月1日).
SCANNED = re.compile(r"(?<![月\d])(\d+)(个工作日|日|人)")


@dataclass(frozen=True)
class Deadline:
    id: str
    task: str
    group: str
    place: Place
    quotes: dict[str, Quote]
    event: str | None = None
    note: str = ""
    where: tuple = ()
    chapter: int = 0

    def q(self, key: str) -> str:
        quote = self.quotes.get(key)
        return quote.text if quote else ""

    @property
    def amount(self) -> int | None:
        m = AMOUNT.search(self.q("limit"))
        return int(m.group(1)) if m else None

    @property
    def unit(self) -> str | None:
        """日 / 工作日 / 人, or None for 当场, 每年, 指定期限."""
        m = AMOUNT.search(self.q("limit"))
        return None if m is None else ("工作日" if m.group(2) == "个工作日" else m.group(2))

    @property
    def extension_days(self) -> int | None:
        m = EXTENSION.search(self.q("extension"))
        return int(m.group(1)) if m else None

    @property
    def length(self) -> str:
        """15日 / 5个工作日 / 5人 / 当场 / 每年 / 指定期限: the limit in a few characters."""
        m = AMOUNT.search(self.q("limit"))
        if m:
            return m.group(0)
        for word in ("当场", "每年", "定期", "指定办理期限", "限期"):
            if word in self.q("limit"):
                return {"指定办理期限": "指定期限"}.get(word, word)
        return self.q("limit")

    @property
    def length_with_extension(self) -> str:
        ext = self.extension_days
        return f"{self.length}（可延长，最多{ext}日）" if ext else self.length

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "task": self.task, "group": self.group, "event": self.event,
                "event_text": EVENTS.get(self.event or ""), **self.place.as_dict(),
                "label": self.place.label(), "chapter": self.chapter,
                "length": self.length, "amount": self.amount, "unit": self.unit,
                "extension_days": self.extension_days,
                "fields": {k: v.as_dict() for k, v in self.quotes.items()}, "note": self.note or None}


@dataclass
class DeadlineTable:
    rows: tuple[Deadline, ...]
    source: Path
    text: str = field(repr=False, default="")

    def get(self, key: str) -> Deadline | None:
        return next((r for r in self.rows if r.id == key), None)

    def in_chapter(self, chapter: int) -> list[Deadline]:
        return [r for r in self.rows if r.chapter == chapter]


def _row(rd: Reader, raw: Any, i: int, seen: set[str]) -> Deadline:
    path = ["deadlines", i]
    node = rd.mapping(raw, path)
    rd.known(node, KEYS, path)
    rid = rd.text_field(node, "id", path)
    if rid in seen:
        raise rd.fail([*path, "id"], f"编号 {rid} 重复")
    seen.add(rid)  # type: ignore[arg-type]
    group = rd.text_field(node, "group", path)
    if group not in GROUPS:
        raise rd.fail([*path, "group"], f"应为 {'、'.join(GROUPS)} 之一")
    event = rd.text_field(node, "event", path, optional=True)
    if event is not None and event not in EVENTS:
        raise rd.fail([*path, "event"], f"应为 {'、'.join(EVENTS)} 之一")
    home = rd.place(node, path)
    quotes = {k: q for k in QUOTED_FIELDS if (q := rd.quote(node, k, path, home)) is not None}
    if "limit" not in quotes:
        raise rd.fail(path, "缺少必填字段 limit")
    return Deadline(rid, rd.text_field(node, "task", path), group, home, quotes,  # type: ignore[arg-type]
                    event, rd.text_field(node, "note", path, optional=True) or "", rd.where(path))


def parse_table(raw: Any, file: Path, text: str) -> DeadlineTable:
    rd = Reader(file, text)
    seen: set[str] = set()
    rows = [_row(rd, r, i, seen) for i, r in enumerate(rd.items(raw, "deadlines", []))]
    return DeadlineTable(tuple(rows), file, text)


def load_table(reg: Regulation | None = None, path: Path | None = None) -> DeadlineTable:
    """The shipped table; with `reg`, each row knows its chapter (for the handout)."""
    table = parsed_once(path or data_file(DEADLINES_FILE), parse_table)
    if reg is None:
        return table
    rows = tuple(_with_chapter(r, reg) for r in table.rows)
    return DeadlineTable(rows, table.source, table.text)


def _with_chapter(row: Deadline, reg: Regulation) -> Deadline:
    """The row with its chapter, and its places as citations name them (cited)."""
    from dataclasses import replace

    art = reg.article(row.place.article)
    return replace(row, chapter=art.chapter if art else 0, place=cited(reg, row.place),
                   quotes={k: cited_quote(reg, q) for k, q in row.quotes.items()})


def check(reg: Regulation, table: DeadlineTable | None = None) -> list[Problem]:
    """Every quoted field that is not in the text, and every limit without a number it should have."""
    table = table or load_table()
    problems: list[Problem] = []

    def problem(where: tuple, row: Deadline, message: str) -> None:
        problems.append(Problem(str(table.source), line_at(table.text, where or row.where), f"时限 {row.id}", message))

    for row in table.rows:
        for key, quote in row.quotes.items():
            why = check_quote(reg, quote)
            if why:
                problem(quote.where, row, f"字段 {key}：{why}")
        if row.group in ("期限", "人数") and row.amount is None:
            problem((), row, f"字段 limit“{row.q('limit')}”中没有天数或人数")
        if row.group == "期限" and row.event is None:
            problem((), row, "期限行缺少起算事件 event")
    return problems


def scan(reg: Regulation) -> list[tuple[Place, str, int]]:
    """Every N日, N个工作日 and N人 in the text: (place, the words, position in the place's text).
    Items are places of their own; a paragraph's own text excludes its items."""
    found: list[tuple[Place, str, int]] = []
    for art in reg.articles:
        for par in art.paragraphs:
            texts = [(cited(reg, Place(art.number, par.number)), par.text)]
            texts += [(cited(reg, Place(art.number, par.number, i)), t) for i, t in enumerate(par.items, 1)]
            for place, text in texts:
                found += [(place, m.group(0), m.start()) for m in SCANNED.finditer(text)]
    return found


def uncovered(reg: Regulation, table: DeadlineTable | None = None) -> list[str]:
    """The scanned numbers that no row quotes, as 第二十条第三款：5人."""
    table = table or load_table(reg)
    spans: dict[Place, list[tuple[int, int]]] = {}
    for row in table.rows:
        for quote in row.quotes.values():
            text = _own_text(reg, quote.place)
            start = text.find(quote.text)
            while start >= 0:
                spans.setdefault(quote.place, []).append((start, start + len(quote.text)))
                start = text.find(quote.text, start + 1)
    missing = []
    for place, words, pos in scan(reg):
        if not any(a <= pos and pos + len(words) <= b for a, b in spans.get(place, ())):
            missing.append(f"{place.label()}：{words}")
    return missing


def _own_text(reg: Regulation, place: Place) -> str:
    """A paragraph without its items, or an item: the texts scan() reads."""
    art = reg.article(place.article)
    if place.item or art is None:
        return place_text(reg, place)
    if not place.paragraph:
        return art.paragraphs[0].text if len(art.paragraphs) == 1 else art.text
    return art.paragraphs[place.paragraph - 1].text


def table_json(table: DeadlineTable) -> list[dict[str, Any]]:
    return [r.as_dict() for r in table.rows]


