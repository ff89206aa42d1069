"""xuezhi search: find articles by term, alias, typo, question or number."""

from __future__ import annotations

from typing import Annotated

import typer

from xuezhi.cli.common import (
    CorpusOpt,
    EditionOpt,
    JsonOpt,
    edition_notice,
    print_json,
    regulation,
    ui_for,
)
from xuezhi.errors import XuezhiError

app = typer.Typer()


@app.command()
def search(
    query: Annotated[list[str] | None, typer.Argument(
        help="检索词，可写多个（须同时出现）；加引号查整句；也可写条号，如 第二十七条、34条。",
        show_default=False, metavar="检索词...")] = None,
    limit: Annotated[str, typer.Option("--limit", "-n", help="最多显示几条（正整数）。", metavar="N")] = "10",
    chapter: Annotated[str | None, typer.Option("--chapter", "-c", help="只在某一章里查，如 4 或 第四章。",
                                                show_default=False)] = None,
    full: Annotated[bool, typer.Option("--full", help="显示命中条文的全文，而不是摘录。")] = False,
    corpus: CorpusOpt = None,
    edition: EditionOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """按关键词、俗称、错别字、问句或条号查找条文，例如 xuezhi search 枫桥经验。"""
    from xuezhi.search.index import index_for
    from xuezhi.search.query import parse_limit, query_problem

    text = " ".join(query or [])
    if not text.strip():
        raise XuezhiError("请给出检索词，例如 xuezhi search 枫桥经验 或 xuezhi search 第二十七条。")
    problem = query_problem(text)
    if problem:
        raise XuezhiError(problem)
    limit_n = parse_limit(limit)
    reg = regulation(corpus, edition)
    chapter_no = None
    if chapter is not None:
        from xuezhi.text.refs import parse_chapter_number

        chapter_no = parse_chapter_number(chapter, [c.number for c in reg.chapters])
    index = index_for(reg)
    bad = index.parse(text).bad_refs
    span = f"本条例共 {len(reg.articles)} 条（第 {reg.article_numbers.start}–{reg.article_numbers.stop - 1} 条）"
    hits = index.search(text, chapter=chapter_no, limit=limit_n + 1)
    if bad and not hits:
        raise XuezhiError(f"第 {bad[0]} 条不存在：{span}。")
    more, hits = len(hits) > limit_n, hits[:limit_n]
    if as_json:
        print_json([h.to_json() | {"summary": reg.article(h.article).summary} for h in hits])
        return
    from rich.text import Text

    from xuezhi.text.numerals import to_chinese

    ui = ui_for()
    edition_notice(ui, edition)
    if bad:
        ui.err.print(f"提示：第 {bad[0]} 条不存在（{span}），已忽略。")
    where = f"在第{to_chinese(chapter_no)}章中" if chapter_no else ""
    if not hits:
        asked = " ".join("".join(c if c.isprintable() else " " for c in text).split())
        ui.out.print(f"{where}没有找到与“{asked}”相关的条文。")
        tips = index.suggest(text)
        ui.out.print(f"可以试试：{'、'.join(tips)}" if tips else "可以换个说法，或用 xuezhi toc 查看目录。")
        return
    ui.out.print(f"{where}找到不止 {len(hits)} 条，按相关度显示前 {len(hits)} 条（可用 --limit 调整）：" if more
                 else f"{where}找到 {len(hits)} 条，按相关度排序：")
    if full:
        from xuezhi.terminal.render import article_block

        for h in hits:
            ui.out.print()
            if h.match == "approximate":
                ui.out.print(Text("〔近似〕", style="dim"))
            ui.out.print(article_block(reg.article(h.article), reg, highlight=h.matched, hanging=ui.wraps),
                         soft_wrap=not ui.wraps)
        return
    from xuezhi.terminal.search_view import hits_block

    ui.out.print(hits_block(hits, reg, ui))
    if any(h.match == "approximate" for h in hits):
        ui.out.print(Text("〔近似〕：按相近的写法找到（可能有错别字或换了说法），请核对原文。", style="dim"))
