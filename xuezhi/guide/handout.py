"""What the 讲条例 handout and slides contain, decided once for both: per chapter its articles, each
with its text, 条旨, teaching points, cross-references and typical questions from the bank; the
deadline table for the chapters that have periods; the flow for the chapters it runs through; and,
where the 新旧对照 of issue 14 is available, the chapter's changes since 2005."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from xuezhi.errors import XuezhiError
from xuezhi.guide.deadlines import Deadline, DeadlineTable, load_table
from xuezhi.guide.flow import Flow, load_flow
from xuezhi.guide.points import Points, Teaching, load_points
from xuezhi.text.corpus import Article, Chapter, Regulation

QUESTIONS_PER_ARTICLE = 3
TYPE_ORDER = ("single", "judge", "blank", "multiple")  # the first questions of an article: different types


@dataclass(frozen=True)
class Change:
    """One row of the 新旧对照 for an article of the handout."""

    article: int
    kind: str  # 新增 / 修改 / 基本未变
    old: str  # 第十条、第十一条 of 2005, or ""
    point: str


@dataclass
class ArticleSheet:
    article: Article
    teaching: Teaching
    references: list[str]  # 第三十一条第六项（申诉求决类事项的分类办理）
    referenced_by: list[str]
    questions: list[Any]  # bank questions


@dataclass
class ChapterSheet:
    chapter: Chapter
    articles: list[ArticleSheet]
    deadlines: list[Deadline]
    flow: bool  # the flow is drawn after this chapter
    changes: list[Change] | None = None  # None: no 新旧对照 available


@dataclass
class Handout:
    title: str  # 《信访工作条例》讲稿
    regulation: Regulation
    chapters: list[ChapterSheet]
    table: DeadlineTable
    flow: Flow
    points: Points
    unit: str | None = None
    day: date | None = None
    changes_note: str | None = None  # why there is no changes section
    warnings: list[str] = field(default_factory=list)

    @property
    def scope(self) -> str:
        """全文 or 第三章 信访事项的提出和受理."""
        if len(self.chapters) == len(self.regulation.chapters):
            return "全文"
        return "、".join(f"{c.chapter.label} {c.chapter.title}" for c in self.chapters)

    def groups(self) -> list[tuple[str, list[ArticleSheet]]]:
        """The slide groups of data/要点.yaml, cut to the chapters of the handout."""
        sheets = {s.article.number: s for c in self.chapters for s in c.articles}
        out = []
        for g in self.points.groups:
            chosen = [sheets[n] for n in g.articles if n in sheets]
            if chosen:
                out.append((g.title, chosen))
        return out


def _questions(bank: Any, number: int) -> list[Any]:
    """Up to three questions on the article: of different types and different sentences (the bank's
    groups) first, then of different sentences, then any. The answers are printed, so two questions
    on one sentence give nothing away; they only say less than two on different ones."""
    pool = sorted((q for q in bank.questions if q.basis.article == number),
                  key=lambda q: (TYPE_ORDER.index(str(q.type)), q.difficulty, q.id))
    chosen: list[Any] = []

    def fresh(q: Any, same_type: bool, same_group: bool) -> bool:
        return (q not in chosen and (same_type or all(c.type != q.type for c in chosen))
                and (same_group or not q.group or all(c.group != q.group for c in chosen)))

    for same_type, same_group in ((False, False), (True, False), (False, True), (True, True)):
        for q in pool:
            if len(chosen) < QUESTIONS_PER_ARTICLE and fresh(q, same_type, same_group):
                chosen.append(q)
    return sorted(chosen, key=lambda q: TYPE_ORDER.index(str(q.type)))


def _refs(reg: Regulation, art: Article) -> tuple[list[str], list[str]]:
    refs = [f"{r.label()}（{reg.article(r.article).summary}）" for r in art.references if reg.article(r.article)]
    back = [f"{a.label}（{a.summary}）" for a in reg.referenced_by(art.number)]
    return refs, back


def _changes(reg: Regulation) -> tuple[dict[int, Change] | None, str | None]:
    """The 新旧对照 per new article (xuezhi.compare, issue 14), or why there is none."""
    try:
        from xuezhi.compare.sources import load_alignment
    except ImportError:
        return None, "新旧对照（xuezhi compare）尚未提供，本讲稿不含“本章新旧变化”。"
    try:
        al = load_alignment()
    except XuezhiError as e:
        return None, f"新旧对照无法加载（{e.message}），本讲稿不含“本章新旧变化”。"
    if [a.text for a in al.new.articles] != [a.text for a in reg.articles]:
        return None, "所用条文与新旧对照的 2022 年条文不同，本讲稿不含“本章新旧变化”。"
    return {r.new: Change(r.new, r.kind_label, r.old_label(), r.point) for r in al.rows if r.new}, None


def build(reg: Regulation, bank: Any, chapters: list[int] | None = None, unit: str | None = None,
          title: str | None = None, day: date | None = None) -> Handout:
    """The handout of the whole regulation, or of the chapters given."""
    points, table = load_points(), load_table(reg)
    flow = load_flow(reg, table=table)
    missing = [a.label for a in reg.articles if points.of(a.number) is None]
    if missing:
        raise XuezhiError(f"教学要点（data/要点.yaml）没有写到{'、'.join(missing[:5])}等条，无法生成讲稿。")
    chosen = [c for c in reg.chapters if not chapters or c.number in chapters]
    flow_articles = {n for s in flow.steps for n in s.articles}
    flow_chapters = [c.number for c in chosen if any(a.number in flow_articles for a in c.articles)]
    changes, note = _changes(reg)
    sheets = []
    for ch in chosen:
        arts = []
        for a in ch.articles:
            refs, back = _refs(reg, a)
            arts.append(ArticleSheet(a, points.of(a.number), refs, back, _questions(bank, a.number)))  # type: ignore[arg-type]
        sheets.append(ChapterSheet(ch, arts, table.in_chapter(ch.number),
                                   bool(flow_chapters) and ch.number == flow_chapters[-1],
                                   [changes[a.number] for a in ch.articles if a.number in changes]
                                   if changes is not None else None))
    name = title or f"《{reg.title}》讲稿"
    return Handout(name, reg, sheets, table, flow, points, unit, day, note)
