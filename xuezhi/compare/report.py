"""What `xuezhi compare` reports: the --json documents (stable keys, see README), the headings the
views and exports share, and the checks `xuezhi validate` runs on a curated alignment file."""

from __future__ import annotations

import re
from dataclasses import dataclass

from xuezhi.compare.align import KINDS, Alignment, Row
from xuezhi.compare.diff import changed_counts, diff, marked, marked_side, segments
from xuezhi.text.corpus import Regulation

QUOTE = re.compile(r"“([^“”]+)”")


def edition_name(reg: Regulation, fallback: str) -> str:
    """2005年 / 2022年 from the corpus's dates; `fallback` (旧/新) when it has none."""
    for key in ("published", "approved", "effective"):
        year = reg.meta.get(key, "")[:4]
        if year.isdigit():
            return f"{year}年"
    return fallback


@dataclass(frozen=True)
class Names:
    old: str  # 2005年
    new: str  # 2022年

    @classmethod
    def of(cls, al: Alignment) -> Names:
        old, new = edition_name(al.old, "旧"), edition_name(al.new, "新")
        return cls(old, new) if old != new else cls("旧", "新")


def new_label(al: Alignment, row: Row) -> str:
    return al.new.article(row.new).label if row.new else ""


def new_summary(al: Alignment, row: Row) -> str:
    return al.new.article(row.new).summary if row.new else ""


def title(al: Alignment) -> str:
    names = Names.of(al)
    return f"《{al.old.title}》（{names.old}）与《{al.new.title}》（{names.new}）新旧对照"


def counts_line(al: Alignment) -> str:
    names, c = Names.of(al), al.counts()
    parts = [f"{KINDS[k]} {c[k]} 条" for k in ("added", "modified", "unchanged") if c[k]]
    line = f"{names.new}条文 {len(al.new.articles)} 条：" + "，".join(parts) + "。"
    gone = [r.old_label() for r in al.rows if r.kind == "deleted"]
    line += f"{names.old}条文 {len(al.old.articles)} 条，" + (
        f"未被延续（删除）的：{'、'.join(gone)}。" if gone else "每一条都有延续。")
    return line


def _corpus(reg: Regulation) -> dict:
    return {"title": reg.title, "edition": edition_name(reg, ""), "articles": len(reg.articles),
            "file": str(reg.source)}


def row_json(al: Alignment, row: Row, detail: bool = False) -> dict:
    out = {
        "new_article": row.new,
        "new_label": new_label(al, row),
        "new_summary": new_summary(al, row),
        "old": [{"article": r.article, "paragraph": r.paragraph, "label": r.label(),
                 "summary": al.old.article(r.article).summary} for r in row.old],
        "old_label": row.old_label(),
        "kind": row.kind,
        "kind_label": row.kind_label,
        "similarity": row.similarity,
        "aligned_by": "curated" if row.curated else "similarity",
        "merged": row.merged,
        "split": row.split,
        "why": row.why,
        "point": row.point,
    }
    if detail:
        old, new = al.old_side(row), al.new_side(row)
        changes = diff(old, new)
        deleted, inserted = changed_counts(changes)
        out |= {
            "old_text": old.text,
            "new_text": new.text,
            "marked": marked(old, new, changes),
            "old_marked": marked_side(segments(old, changes, "old"), "old"),
            "new_marked": marked_side(segments(new, changes, "new"), "new"),
            "changes": [{"op": c.tag, "old": old.body(c.a0, c.a1, markup=False), "new": new.body(c.b0, c.b1)}
                        for c in changes if not c.equal],
            "deleted_chars": deleted,
            "inserted_chars": inserted,
        }
    return out


def table_json(al: Alignment, rows: list[Row] | None = None, detail: bool = False) -> dict:
    return {
        "title": title(al),
        "old": _corpus(al.old),
        "new": _corpus(al.new),
        "curation": str(al.curation.source) if al.curation.source else None,
        "counts": al.counts(),
        "rows": [row_json(al, r, detail) for r in (al.rows if rows is None else rows)],
    }


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.file}" + (f" 第 {self.line} 行" if self.line else "")
        return f"{where}：{'提醒' if self.warning else '错误'}：{self.message}"


def check_curation(al: Alignment) -> list[Problem]:
    """Errors: a 要点 quoting words that are in neither text of its row. Reminders: a curated 新增
    or 删除 without its reason, and old provisions that no row continues and no entry declares."""
    file = str(al.curation.source)
    problems: list[Problem] = []
    names = Names.of(al)
    for row in al.rows:
        where = f"{names.new}{new_label(al, row)}" if row.new else f"{names.old}{row.old_label()}"
        if row.point:
            texts = al.old_side(row).text + "\n" + al.new_side(row).text
            for quoted in QUOTE.findall(row.point):
                if quoted not in texts:
                    sources = "、".join(x for x in (f"{names.old}{row.old_label()}" if row.old else "",
                                                   f"{names.new}{new_label(al, row)}" if row.new else "") if x)
                    problems.append(Problem(file, row.line,
                                            f"{where}的要点引用了“{quoted}”，{sources}原文中没有这几个字"))
        if row.curated and row.kind in ("added", "deleted") and not row.why:
            problems.append(Problem(file, row.line, f"{where}（{row.kind_label}）没有写 why（理由）", True))
        if not row.curated and row.kind == "deleted":
            problems.append(Problem(file, None, f"{where}没有被任何一条延续，也没有列在 deleted 中", True))
    return problems


def article_heading(al: Alignment, row: Row) -> str:
    """第二十条（走访的提出） ← 2005年第十六条、第十八条 — one line naming both sides of a row."""
    names = Names.of(al)
    if row.new is None:
        return f"{names.old}{row.old_label()}：{names.new}条文中没有延续"
    head = f"{names.new}{new_label(al, row)}"
    if new_summary(al, row):
        head += f"（{new_summary(al, row)}）"
    return head + (f" ← {names.old}{row.old_label()}" if row.old else f"：{names.old}条文中没有对应条文")


def percent(similarity: float | None) -> str:
    return "" if similarity is None else f"{similarity:.0f}%"
