"""xuezhi cloze: the cloze cards generated from the text — how many of each kind, a list, the exports —
and the cards as review questions for `review --cloze` and `daily`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from xuezhi.cli.boundary import Boundary, markup_mode
from xuezhi.cli.common import CorpusOpt, JsonOpt, print_json, regulation, ui_for
from xuezhi.errors import XuezhiError

app = typer.Typer(
    name="cloze", cls=Boundary,
    help="填空卡：由条文自动生成的填空（期限、应当可以、列举、术语、主体），统计、列出、导出。",
    no_args_is_help=True, add_completion=False, rich_markup_mode=markup_mode(),
    context_settings={"help_option_names": ["-h", "--help"]},
)

FORMATS = {"apkg": (".apkg", "Anki 卡组（Cloze 填空，每章一个子卡组）"),
           "moodle": (".xml", "Moodle XML（简答题）"),
           "docx": (".docx", "Word 填空默写（每章一份，附答案）")}
ChapterOpt = Annotated[list[str] | None, typer.Option("--chapter", "-c", help="只要某章，如 4 或 第四章，可写多个。",
                                                      show_default=False)]


def _select(reg: Any, articles: list[str] | None, chapters: list[str] | None, kinds: list[str] | None) -> list:
    from xuezhi.cloze.cards import cards as generate
    from xuezhi.cloze.model import KIND_ALIASES, KIND_LABELS
    from xuezhi.text.refs import parse_article_refs, parse_chapter_number

    cards = generate(reg)
    if chapters:
        wanted = {parse_chapter_number(c, [ch.number for ch in reg.chapters]) for c in chapters}
        cards = [c for c in cards if c.chapter in wanted]
    if articles:
        numbers = set(parse_article_refs(articles, [a.number for a in reg.articles]))
        cards = [c for c in cards if c.article in numbers]
    if kinds:
        chosen = set()
        for k in (p.strip() for value in kinds for p in value.replace("，", ",").split(",")):
            if k not in KIND_ALIASES:
                choices = "、".join(f"{v.value}（{n}）" for v, n in KIND_LABELS.items())
                raise XuezhiError(f"没有“{k}”这种填空卡：可选 {choices}。")
            chosen.add(KIND_ALIASES[k])
        cards = [c for c in cards if c.kind in chosen]
    return cards


@app.command("stats")
def cloze_stats(corpus: CorpusOpt = None, as_json: JsonOpt = False) -> None:
    """各章、各类填空卡的张数，哪些款还没有卡，以及未通过检查的候选。"""
    from xuezhi.cloze.generate import generate_all
    from xuezhi.cloze.report import report

    reg = regulation(corpus)
    data = report(reg, generate_all(reg))
    if as_json:
        print_json(data)
        return
    from xuezhi.terminal.cloze_view import report_view

    ui = ui_for()
    ui.out.print(report_view(data, ui))


@app.command("list")
def cloze_list(
    articles: Annotated[list[str] | None, typer.Argument(help="条号：34、31-36，可写多个。", show_default=False,
                                                         metavar="[条号...]")] = None,
    chapter: ChapterOpt = None,
    kind: Annotated[list[str] | None, typer.Option(
        "--kind", "-k", help="类别：number 期限数量、modal 应当可以、list 列举、term 术语、body 主体，可逗号分隔。",
        show_default=False)] = None,
    sample: Annotated[int | None, typer.Option("--sample", min=1, help="随机抽出几张看看。",
                                               show_default=False)] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="--sample 的随机种子。", show_default=False)] = None,
    corpus: CorpusOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """列出填空卡：编号、出处、类别、题面和答案。"""
    import random
    reg = regulation(corpus)
    cards = _select(reg, articles, chapter, kind)
    if sample is not None and sample < len(cards):
        order = {c.id: i for i, c in enumerate(cards)}
        cards = sorted(random.Random(seed).sample(cards, sample), key=lambda c: order[c.id])
    if as_json:
        print_json([c._asdict() | {"kind": c.kind.value, "kind_label": c.kind.label, "label": c.label, "text": c.text}
                    for c in cards])
        return
    from xuezhi.terminal.cloze_view import card_lines

    ui = ui_for()
    ui.out.print(f"共 {len(cards)} 张填空卡。", style="bold")
    ui.out.print(card_lines(cards, ui), soft_wrap=not ui.wraps)


@app.command("export")
def cloze_export(
    target: Annotated[Path | None, typer.Argument(help="输出文件：.apkg（Anki）、.xml（Moodle）或 .docx（填空默写）。",
                                                  show_default=False, metavar="[输出文件]")] = None,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="apkg、moodle、docx；不写则按扩展名，默认 apkg。",
                                            show_default=False)] = None,
    chapter: ChapterOpt = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的文件。")] = False,
    corpus: CorpusOpt = None,
) -> None:
    """导出填空卡：Anki 卡组（可重复导入更新）、Moodle 简答题、Word 填空默写（每章附答案）。"""
    import importlib

    from xuezhi.export.files import write_files

    reg = regulation(corpus)
    name = _format(fmt, target)
    suffix, what = FORMATS[name]
    path = target if target is not None and not target.is_dir() else (target or Path()) / f"{reg.title}填空卡{suffix}"
    cards = _select(reg, None, chapter, None)
    if not cards:
        raise XuezhiError("没有可导出的填空卡（所选章节中没有生成填空卡）。")
    module = importlib.import_module(f"xuezhi.export.cloze_{name}")
    write_files([(path, lambda fh: module.write(reg, cards, fh))], force=force)
    ui = ui_for()
    ui.out.print(f"已导出（{what}）：", style="bold")
    ui.out.print(f"  {path}")
    chapters = len({c.chapter for c in cards})
    ui.out.print(f"填空卡 {len(cards)} 张，{chapters} 章。")


def _format(fmt: str | None, target: Path | None) -> str:
    if fmt:
        name = {"xml": "moodle", ".xml": "moodle"}.get(fmt.strip().lower(), fmt.strip().lower().lstrip("."))
        if name not in FORMATS:
            raise XuezhiError(f"不支持的格式“{fmt}”：填空卡可导出为 apkg、moodle、docx。")
        if target is not None and target.suffix and not target.is_dir() and target.suffix.lower() != FORMATS[name][0]:
            raise XuezhiError(f"--format {name} 与文件扩展名“{target.suffix}”不一致：请把文件名改为 "
                              f"{target.stem}{FORMATS[name][0]}，或去掉 --format 按扩展名导出。")
        return name
    if target is None or target.is_dir():
        return "apkg"
    by_suffix = {s: n for n, (s, _) in FORMATS.items()}
    name = by_suffix.get(target.suffix.lower())
    if name is None:
        raise XuezhiError(f"无法从文件名“{target.name}”判断导出格式：请用 .apkg、.xml、.docx，或用 --format 指定。")
    return name


# ---------------------------------------------------------------- the cards in review and daily

def card_bank(reg: Any) -> Any:
    from xuezhi.cloze.cards import cards as generate
    from xuezhi.cloze.study import card_bank as bank_of

    return bank_of(generate(reg), reg)


def with_cards(qbank: Any, reg: Any, ids: list[str]) -> Any:
    """The bank, and the cards too when `ids` has any (history of a 填空卡 session)."""
    from dataclasses import replace

    from xuezhi.cloze.model import is_card_id

    if not any(is_card_id(q) for q in ids):
        return qbank
    return replace(qbank, questions=qbank.questions + card_bank(reg).questions)


def review_plan(reg: Any, states: dict, at: Any, wrong: bool, count: int) -> tuple[list, str]:
    """(the cards to ask, the line to print when there are none): due cards first (those answered
    wrong before the rest), then cards never seen, in the order of the text; --wrong: the cards
    last answered wrong."""
    from xuezhi.cloze.study import spread
    from xuezhi.progress.review import due_questions, wrong_book

    bank = card_bank(reg)
    if wrong:
        cards = wrong_book(states, bank)
        return spread(cards)[:count], "" if cards else "填空卡的错题本是空的。"
    due = due_questions(states, bank, at)
    fresh = [q for q in bank.questions if q.id not in states]
    cards = spread(due + fresh)[:count]
    if cards:
        return cards, ""
    return [], "今天没有到期的填空卡，全部填空卡都已学过。可以运行 xuezhi recite 背诵条文。"


def daily_cards(reg: Any, store: Any, at: Any) -> list:
    """The few cards mixed into today's daily set (none without a store to schedule them)."""
    from xuezhi.cloze.model import is_card_id
    from xuezhi.cloze.study import daily_cards as pick
    from xuezhi.progress.review import due_questions

    states = store.review_states() if store is not None else {}
    if not any(is_card_id(qid) for qid in states):  # cards not begun: the daily set is questions only
        return []
    bank = card_bank(reg)
    answered = store.answered_on(at.date(), ("daily",))
    return pick([q.id for q in due_questions(states, bank, at)], answered, bank)


def recitation_days(store: Any) -> list:
    from datetime import date

    from xuezhi.progress import recitation

    return [date.fromisoformat(d) for d in recitation.days(store)] if store is not None else []


def study_summary(reg: Any, store: Any, states: dict, at: Any) -> dict:
    """stats' 学原文 line: articles known by heart, cards seen and due."""
    from xuezhi.cloze.cards import cards as generate
    from xuezhi.cloze.recite import KNOWN_ROUND, text_key
    from xuezhi.cloze.study import summary
    from xuezhi.progress import recitation

    known = []
    if store is not None:
        texts = {a.number: text_key(a) for a in reg.articles}
        known = [n for n, p in recitation.progress(store, texts, KNOWN_ROUND).items() if p.known]
    return summary(generate(reg), states, known, len(reg.articles), at)
