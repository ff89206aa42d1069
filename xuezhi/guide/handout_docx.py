"""The 讲条例 handout as Word (xuezhi export 讲稿.docx --handout): a cover, a table of contents, then per
chapter each article's text, 条旨, teaching points, cross-references and typical questions with
answers, the chapter's deadline table, the flow and the changes since 2005 where they apply."""

from __future__ import annotations

from typing import IO

from xuezhi.bank.model import LETTERS
from xuezhi.guide.handout import ArticleSheet, ChapterSheet, Handout
from xuezhi.guide.word import BLUE, GREY, RED, SMALL_PT, WordDoc, add_deadline_table, add_flow
from xuezhi.text.corpus import label
from xuezhi.text.numerals import circled, to_chinese


def _cover(w: WordDoc, h: Handout) -> None:
    for _ in range(6):
        w.para()
    w.para(h.title, "hei", 26, bold=True, align=1, after=12)
    w.para(f"学条例、讲条例、用条例　培训讲稿（{h.scope}）", "kai", 16, align=1, after=36)
    if h.unit:
        w.para(h.unit, "song", 16, align=1, after=6)
    if h.day:
        w.para(f"{h.day.year}年{h.day.month}月{h.day.day}日", "song", 14, align=1, after=6)
    for _ in range(8):
        w.para()
    reg = h.regulation
    w.para(f"条文逐字取自{reg.meta.get('issuer', '')}发布的《{reg.title}》官方文本。"
           "要点是讲解，其中引号内的话是条文原文；典型题取自学知题库，答案均有条文依据。",
           "kai", SMALL_PT, colour=GREY, align=1)
    w.page_break()


def _contents(w: WordDoc, h: Handout) -> None:
    w.heading("目　录", 1)
    for c in h.chapters:
        lo, hi = c.chapter.article_range
        p = w.para(keep=True, after=2)
        w.run(p, f"{c.chapter.label}　{c.chapter.title}", "hei", 12, bold=True)
        w.run(p, f"（{label(lo)}至{label(hi)}）", "song", SMALL_PT, colour=GREY)
        for s in c.articles:
            w.para(f"{s.article.label}　{s.article.summary}", "song", SMALL_PT, indent=0.85, after=0)
        extras = [x for x, on in (("本章时限", c.deadlines), ("信访事项办理流程", c.flow),
                                  ("本章新旧变化", c.changes)) if on]
        if extras:
            w.para("　".join(extras), "song", SMALL_PT, colour=BLUE, indent=0.85, after=4)
    w.page_break()


def _article_text(w: WordDoc, s: ArticleSheet) -> None:
    several = len(s.article.paragraphs) > 1
    for p in s.article.paragraphs:
        w.para((circled(p.number) if several else "") + p.text, "kai", first=0.85, after=1)
        for i, item in enumerate(p.items, 1):
            w.para(f"（{to_chinese(i)}）{item}", "kai", first=0.85, after=1)


def _questions(w: WordDoc, s: ArticleSheet) -> None:
    if not s.questions:
        return
    w.para("典型题", "hei", SMALL_PT + 0.5, bold=True, colour=BLUE, keep=True, after=1)
    for i, q in enumerate(s.questions, 1):
        w.para(f"{i}．〔{q.type.label}〕{q.stem}", "song", SMALL_PT, indent=0.4, keep=bool(q.options), after=0)
        if q.options:
            w.para("　".join(f"{LETTERS[k]}．{o}" for k, o in enumerate(q.options)), "song", SMALL_PT,
                   indent=1.1, keep=True, after=0)
        p = w.para(indent=1.1, after=3)
        w.run(p, f"答案：{q.answer_text()}　", "hei", SMALL_PT, colour=RED)
        w.run(p, f"解析：{q.explanation}", "song", SMALL_PT, colour=GREY)


def _article(w: WordDoc, s: ArticleSheet) -> None:
    w.heading(f"{s.article.label}　{s.article.summary}", 2)
    _article_text(w, s)
    w.para("教学要点", "hei", SMALL_PT + 0.5, bold=True, colour=BLUE, keep=True, after=1)
    for i, point in enumerate(s.teaching.points, 1):
        w.para(f"{i}．{point.text}", "song", indent=0.4, after=1)
    refs = [x for x in (("本条引用：" + "；".join(s.references)) if s.references else "",
                        ("引用本条：" + "；".join(s.referenced_by)) if s.referenced_by else "") if x]
    for line in refs:
        w.para(line, "song", SMALL_PT, colour=GREY, indent=0.4, after=1)
    _questions(w, s)


def _changes(w: WordDoc, c: ChapterSheet) -> None:
    assert c.changes is not None
    w.heading("本章新旧变化（与2005年《信访条例》对照）", 3)
    rows = [[label(ch.article), ch.kind, ch.old or "—", ch.point or ""] for ch in c.changes]
    total = w.text_width_cm
    w.table(["2022年条文", "变化", "2005年条文", "要点"], rows, [total * x for x in (0.16, 0.12, 0.22, 0.50)])
    w.para("详见 xuezhi compare（逐条逐字对照，可导出对照表）。", "song", SMALL_PT, colour=GREY)


def _chapter(w: WordDoc, h: Handout, c: ChapterSheet, first: bool) -> None:
    if not first:
        w.page_break()
    lo, hi = c.chapter.article_range
    w.heading(f"{c.chapter.label}　{c.chapter.title}（{label(lo)}至{label(hi)}）", 1)
    for s in c.articles:
        _article(w, s)
    if c.deadlines:
        w.heading("本章时限", 3)
        add_deadline_table(w, c.deadlines)
        w.para("期间开始的当日不计入；最后一日是法定休假日的，顺延至休假日结束的次日（民法典第二百零一条、第二百零三条）。"
               "推算具体日期：xuezhi deadlines --from 日期。", "song", SMALL_PT, colour=GREY)
    if c.flow:
        w.heading("信访事项办理流程", 3)
        add_flow(w, h.flow)
    if c.changes:
        _changes(w, c)


def write(h: Handout, fh: IO[bytes]) -> None:
    w = WordDoc()
    _cover(w, h)
    _contents(w, h)
    for i, c in enumerate(h.chapters):
        _chapter(w, h, c, i == 0)
    if h.changes_note:
        w.para(h.changes_note, "song", SMALL_PT, colour=GREY)
    w.save(fh)
