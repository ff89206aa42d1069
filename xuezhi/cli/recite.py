"""xuezhi recite: 背诵 an article, a range or a chapter in rounds that hide more and more."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from xuezhi.cli.common import CorpusOpt, NoSaveOpt, chosen_articles, open_store, regulation, ui_for, warn
from xuezhi.errors import XuezhiError

app = typer.Typer()


@app.command()
def recite(
    articles: Annotated[list[str] | None, typer.Argument(
        help="条号：34、第三十四条，范围 31-36，可写多个。", show_default=False, metavar="条号...")] = None,
    chapter: Annotated[str | None, typer.Option("--chapter", "-c", help="背整章，如 4 或 第四章。",
                                                show_default=False)] = None,
    round_: Annotated[int | None, typer.Option(
        "--round", "-r", min=1, max=4, help="只做某一轮：1 挖空、2 隔句、3 首字、4 默写（默认四轮依次做）。",
        show_default=False)] = None,
    no_save: NoSaveOpt = False,
    corpus: CorpusOpt = None,
) -> None:
    """背诵：逐轮挖去更多（挖空 → 隔句 → 首字 → 默写），输入挖去的原文；标点和数字写法不计较，字词要准。"""
    reg = regulation(corpus)
    numbers = chosen_articles(reg, articles, chapter)
    if not numbers:
        raise XuezhiError(f"请给出要背诵的条号或 --chapter，例如 xuezhi recite 34；本条例共 {len(reg.articles)} 条。")

    from xuezhi.cloze.cards import cards as cards_of
    from xuezhi.cloze.recite import KNOWN_ROUND, ROUND_NAMES, ROUNDS, build_round, text_key
    from xuezhi.terminal.reader import terminal_reader
    from xuezhi.terminal.recite_screen import ReciteScreen

    cards = cards_of(reg)
    saver = _Saver(reg, no_save)
    ui = ui_for()
    screen = ReciteScreen(ui, terminal_reader(ui), saver.save)
    rounds = [round_] if round_ else list(ROUNDS)
    names = " → ".join(ROUND_NAMES[n] for n in rounds)
    what = reg.article(numbers[0]).label if len(numbers) == 1 else f"{len(numbers)} 条"
    ui.out.print(f"背诵 {what}（{names}）。每处输入后按回车；不会就直接回车看原文；"
                 "按 Ctrl-C 可随时结束，已答的部分会保留。", style="bold")
    results = []
    for n in numbers:
        art = reg.article(n)
        own = [c for c in cards if c.article == n]
        res = screen.run(art, [build_round(k, art, own) for k in rounds])
        results.append(res)
        if res.stopped:
            break
    known: set[int] = set()
    if saver.store is not None:
        from xuezhi.progress import recitation

        texts = {n: text_key(reg.article(n)) for n in numbers}
        known = {a for a, p in recitation.progress(saver.store, texts, KNOWN_ROUND).items() if p.known}
    ui.out.print(screen.summary(results, known))
    if saver.store is not None and saver.store.readonly:
        ui.out.print("（学习记录不可写，本次背诵没有保存。）", style="yellow")


class _Saver:
    """Each typed part into the store at once. The store is opened with the first answer: a
    recitation left before answering anything (or an empty pipe) leaves no trace and starts fast.
    A store that fails is said once, and the recitation goes on unsaved."""

    def __init__(self, reg: Any, no_save: bool) -> None:
        self.reg, self.no_save = reg, no_save
        self.store: Any = None
        self.failed = False
        self.attempts: dict[tuple[int, int], str] = {}

    def save(self, r: Any, hole: Any, typed: str, correct: bool) -> None:
        from xuezhi.clock import now
        from xuezhi.cloze.recite import text_key
        from xuezhi.progress import recitation

        if self.no_save or self.failed:
            return
        if self.store is None:
            self.store = open_store(save=True)
        if self.store is None or self.store.readonly:
            return
        attempt = self.attempts.setdefault((r.article, r.number), recitation.new_attempt())
        answer = recitation.Recited(attempt, r.article, text_key(self.reg.article(r.article)), r.number, hole.number,
                                    len(r.holes), typed, correct, now())
        try:
            recitation.record(self.store, answer)
        except Exception as e:  # the store failing must not end the recitation
            from xuezhi.progress.db import reason

            self.failed = True
            warn(f"保存背诵记录失败（{getattr(e, 'message', None) or reason(e)}），接下来的作答不再保存。")
