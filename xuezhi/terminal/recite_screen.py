"""背诵 in a terminal: each round of an article shown with its holes numbered 〔1〕〔2〕…, the learner
types each hole, and a wrong answer is shown in place: the text with what was written wrong, left
out or added marked in brackets (readable without colour: NO_COLOR, a pipe, a Windows console).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from xuezhi.cloze.recite import ROUND_HINTS, Hole, Round
from xuezhi.terminal.console import Ui
from xuezhi.terminal.reader import ReadLine, is_yes
from xuezhi.text.corpus import Article

if TYPE_CHECKING:
    from xuezhi.cloze.compare import Checked

RIGHT, WRONG_MARK = "√", "×"
Save = Callable[[Round, Hole, str, bool], None]  # (round, hole, typed, correct): one answer, kept at once


class RoundResult:
    """How a round went (a plain class: no dataclass exec() at every start)."""

    __slots__ = ("answered", "number", "parts", "right")

    def __init__(self, number: int, parts: int) -> None:
        self.number, self.parts, self.right, self.answered = number, parts, 0, 0

    @property
    def passed(self) -> bool:
        return self.answered == self.parts and self.right == self.parts


class ArticleResult:
    __slots__ = ("article", "rounds", "stopped")

    def __init__(self, article: Article) -> None:
        self.article, self.rounds, self.stopped = article, [], False


def marked(checked: Checked, typed: str) -> Text:
    """The original with the mistakes in place: 应【当】（写成“该”）, 不【得】（漏写）, 〔多写“和电话”〕."""
    from xuezhi.cloze.compare import EXTRA, MISSING, SAME, WRONG

    out = Text()
    if checked.similarity < 0.5:  # another text altogether: brackets on every word would say less
        expected = "".join(s.expected for s in checked.segments)
        return out.append(expected, style="bold").append(f"（你写的是“{typed}”）", style="red")
    for s in checked.segments:
        if s.kind == SAME:
            out.append(s.expected)
        elif s.kind == WRONG:
            out.append(f"【{s.expected}】", style="bold red")
            out.append(f"（写成“{s.typed}”）", style="red")
        elif s.kind == MISSING:
            out.append(f"【{s.expected}】", style="bold red")
            out.append("（漏写）", style="red")
        elif s.kind == EXTRA:
            out.append(f"〔多写“{s.typed}”〕", style="red")
    return out


def round_text(r: Round, ui: Ui, done: dict[int, bool] | None = None) -> RenderableType:
    """The article as this round shows it; holes answered so far marked right or wrong. Where the
    text wraps (a terminal), a paragraph's lines stay indented under it."""
    done = done or {}
    lines: list[RenderableType] = []
    for i, line in enumerate(r.lines):
        t = Text(line.marker)
        for text, hole in r.pieces(i):
            if hole is None:
                t.append(text)
                continue
            mark = f"〔{hole.number}〕"
            style = "bold cyan" if hole.number not in done else ("green" if done[hole.number] else "red")
            t.append(mark, style=style)
            if text:
                t.append(text, style="dim")
        lines.append(Padding(t, (0, 0, 0, 2)) if ui.wraps else Text("  ") + t)
    return Group(*lines)


class ReciteScreen:
    def __init__(self, ui: Ui, read_line: ReadLine, save: Save) -> None:
        self.ui, self.read_line, self.save = ui, read_line, save

    def confirm_stop(self) -> bool:
        self.ui.out.print()
        try:
            reply = self.read_line("要结束背诵吗？已答的部分会保留。[y/N] ")
        except KeyboardInterrupt:
            return True
        return reply is None or is_yes(reply, frozenset({"结束", "q"}))

    def ask(self, hole: Hole) -> str | None:
        """What was typed for the hole ("" for 不会); None when the learner stopped."""
        while True:
            try:
                line = self.read_line(f"填〔{hole.number}〕：")
            except KeyboardInterrupt:
                if self.confirm_stop():
                    return None
                continue
            return None if line is None else line.strip()

    def run_round(self, r: Round, title: str) -> tuple[RoundResult, bool]:
        """One round: (result, stopped)."""
        out = self.ui.out
        result = RoundResult(r.number, len(r.holes))
        out.print()
        out.print(Text(f"{title} 第 {r.number} 轮 · {r.name}：{ROUND_HINTS[r.number]}（共 {len(r.holes)} 处）",
                       style="bold"))
        out.print(round_text(r, self.ui))
        for hole in r.holes:
            typed = self.ask(hole)
            if typed is None:
                return result, True
            checked = hole.check(typed) if typed else None
            ok = bool(checked and checked.correct)
            self.save(r, hole, typed, ok)
            result.answered += 1
            result.right += ok
            if ok:
                out.print(Text(f"  {RIGHT} 正确", style="green"))
            elif checked is None:
                out.print(Text(f"  {WRONG_MARK} 原文：", style="bold red") + Text(hole.expected, style="bold"))
            else:
                out.print(Text(f"  {WRONG_MARK} 原文：", style="bold red") + marked(checked, typed))
        verdict = "全部正确！" if result.passed else f"答对 {result.right}/{result.parts} 处。"
        out.print(Text(f"第 {r.number} 轮{verdict}", style="bold green" if result.passed else "bold yellow"))
        return result, False

    def run(self, article: Article, rounds: list[Round]) -> ArticleResult:
        result = ArticleResult(article)
        title = f"{article.label}" + (f" {article.summary}" if article.summary else "")
        for r in rounds:
            if not r.holes:
                continue
            res, stopped = self.run_round(r, title)
            result.rounds.append(res)
            if stopped:
                result.stopped = True
                break
        return result

    def summary(self, results: list[ArticleResult], known: set[int]) -> RenderableType:
        lines: list[RenderableType] = [Text("")]
        for res in results:
            rounds = "，".join(f"第 {r.number} 轮 {r.right}/{r.parts}" + ("" if r.answered == r.parts else "（未完）")
                              for r in res.rounds) or "未作答"
            line = Text(f"{res.article.label}：{rounds}")
            if res.article.number in known:
                line.append("　已背会", style="bold green")
            lines.append(line)
        return Group(*lines)
