"""The quiz in a terminal: show a question, read an answer, give feedback, print the report.

Input comes from a `read_line` callable (terminal.reader) so that a real terminal, piped stdin
and tests all go through the same code. EOF means "stop here"; Ctrl-C asks before stopping.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from xuezhi.bank.grading import InvalidAnswer, Presentation, Response, parse_answer
from xuezhi.bank.model import LETTERS, QType, Question, QuestionBank
from xuezhi.bank.wording import in_words, spelled, verdict_given, verdict_said
from xuezhi.clock import format_duration
from xuezhi.quiz.session import AnswerRecord, QuizSession, Recorder, SessionResult, Tally
from xuezhi.terminal.console import Ui
from xuezhi.terminal.reader import ReadLine, is_yes
from xuezhi.terminal.render import hanging, highlighted, phrases
from xuezhi.text.corpus import CitationError, Regulation, chapter_label

PROMPTS = {
    QType.SINGLE: "请输入答案（一个字母）：",
    QType.MULTIPLE: "请输入全部正确选项（如 AC）：",
    QType.JUDGE: "对 还是 错？（对/错，T/F）：",
    QType.BLANK: "请填空：",
}


def prompt_for(q: Question) -> str:
    """The answer prompt; how to separate blanks only where there are several."""
    if q.type is QType.BLANK and len(q.blanks) > 1:
        return f"请填空（共 {len(q.blanks)} 个空，用“；”分隔）："
    return PROMPTS[q.type]


RIGHT, WRONG = "√", "×"  # both exist in GBK, so they survive a Windows console


def quoted_terms(text: str) -> list[str]:
    """The words an explanation quotes (“…”), to highlight them in the article."""
    return [t for t in re.findall(r"[“‘「]([^“”‘’「」]{2,})[”’」]", text)]


def _spelled(p: Presentation, indexes: tuple[int, ...], response: Response | None = None) -> str:
    """B（信访接待场所或者网站）: the letters as shown in this quiz, with the options' words, since
    the options have long scrolled away when the report is read. Judge and blank answers as they are."""
    q = p.question
    if q.type is QType.JUDGE and response is None:
        return verdict_said(bool(q.answer))
    if q.type not in (QType.SINGLE, QType.MULTIPLE):
        return response.display(p) if response is not None else q.answer_text()
    shown = sorted(indexes, key=p.order.index)
    return spelled("".join(p.letter_of(i) for i in shown), in_words(q.options, shown))


class QuizScreen:
    def __init__(self, ui: Ui, reg: Regulation, bank: QuestionBank, read_line: ReadLine, *,
                 exam: bool = False, quiet: bool = False, recorder: Recorder | None = None,
                 title: str = "自测") -> None:
        self.ui, self.reg, self.bank, self.read_line = ui, reg, bank, read_line
        self.exam, self.quiet = exam, quiet
        self.recorder = recorder or Recorder()
        self.title = title
        self.shown: dict[str, Presentation] = {}  # the option order each question was shown in

    # -- one question
    def question_block(self, p: Presentation, number: int, total: int | None,
                       remaining: float | None) -> RenderableType:
        q = p.question
        head = f"第 {number}/{total} 题" if total else f"第 {number} 题"
        head += f" · {q.type.label}"
        if remaining is not None:
            head += f" · 剩余 {format_duration(remaining)}"
        body = Text(q.stem)
        if not self.ui.wraps:  # a file or pipe: one line per option, kept whole
            for i, opt in enumerate(p.options):
                body.append(f"\n  {LETTERS[i]}. {opt}")
            return Group(Text(f"【{head}】", style="bold"), body)
        options = Table.grid()  # a long option wraps under its own text, not under the letter
        options.add_column(no_wrap=True)
        options.add_column()
        for i, opt in enumerate(p.options):
            options.add_row(f"  {LETTERS[i]}. ", opt)
        content = Group(body, options) if p.options else body
        if self.ui.plain:  # NO_COLOR in a terminal: no box, but the layout still fits the width
            return Group(Text(f"【{head}】", style="bold"), content)
        return Panel(content, title=head, title_align="left", border_style="cyan", padding=(0, 1))

    def ask(self, p: Presentation, time_left: Callable[[], float | None] = lambda: None) -> str | None:
        """Read until the input is a valid answer. None: the user stopped (EOF or confirmed Ctrl-C).
        TimeoutError: `time_left()` seconds passed without one."""
        while True:
            try:
                left = time_left()
                if left is None:
                    line = self.read_line(prompt_for(p.question))
                else:
                    line = self.read_line(prompt_for(p.question), timeout=left)
            except KeyboardInterrupt:
                if self.confirm_stop():
                    return None
                continue
            if line is None:
                return None
            try:
                parse_answer(p, line)
            except InvalidAnswer as e:
                self.ui.out.print(f"  {e}", style="yellow")
                continue
            return line

    def confirm_stop(self) -> bool:
        self.ui.out.print()
        try:
            kept = "已作答的题目会保留。" if self.recorder.saves else "已作答的题目照样计分，但本次不保存。"
            reply = self.read_line(f"要结束本次答题吗？{kept}[y/N] ")
        except KeyboardInterrupt:
            return True
        return reply is None or is_yes(reply, frozenset({"结束", "q"}))  # EOF: nothing more to read, stop

    def feedback(self, rec: AnswerRecord) -> RenderableType:
        q, p = rec.question, rec.presentation
        lines: list[RenderableType] = []
        answer = p.display_answer()
        if q.type is QType.JUDGE:  # "回答正确。答案：错误" read like a contradiction
            answer = verdict_said(bool(q.answer))
        if rec.timed_out:
            lines.append(Text(f"{WRONG} 超时，正确答案：{answer}", style="bold red"))
        elif rec.correct:
            lines.append(Text(f"{RIGHT} 回答正确。答案：{answer}", style="bold green"))
        else:
            given = (verdict_given(bool(rec.response.judge)) if q.type is QType.JUDGE
                     else f"你的答案：{rec.response.display(p)}")
            line = Text(f"{WRONG} 回答错误。{given}，正确答案：{answer}", style="bold red")
            if q.type is QType.MULTIPLE and rec.grade and (rec.grade.missed or rec.grade.wrong):
                extra = []
                if rec.grade.missed:
                    extra.append("漏选 " + "".join(rec.grade.missed))
                if rec.grade.wrong:
                    extra.append("错选 " + "".join(rec.grade.wrong))
                line.append(f"（{'，'.join(extra)}）")
            lines.append(line)
        lines.append(Text("解析：" + q.explanation))
        if not self.quiet:
            lines.append(self.citation(rec))
        return Group(*lines)

    def citation(self, rec: AnswerRecord) -> RenderableType:
        q = rec.question
        try:
            text = self.reg.cited_text(*q.basis.place)
        except CitationError:
            return Text("")
        terms = quoted_terms(q.explanation)
        if q.type is QType.BLANK:
            terms += [b[0] for b in q.blanks]
        elif q.type is QType.SINGLE:
            terms.append(q.options[q.correct_indexes[0]])
        art = self.reg.article(q.basis.article)
        head = Text(f"【{q.basis.label()}】", style="bold cyan")
        if art and art.summary:
            head.append(f" {art.summary}", style="cyan")
        words = [t for t in terms if t in text]
        if self.ui.wraps:  # on a terminal wrapped lines keep the indent
            return Group(head, *(Padding(highlighted(line, words), (0, 0, 0, 2)) for line in text.split("\n")))
        body = Text("  ")
        body.append_text(highlighted(text.replace("\n", "\n  "), words))
        return Group(head, body)

    # -- the whole quiz
    def run(self, session: QuizSession, mode: str = "quiz", filters: dict | None = None,
            challenge: bool = False) -> SessionResult:
        out = self.ui.out
        total = None if challenge else len(session.questions)
        self.recorder.start(mode, filters or {}, session.questions)
        intro = f"{self.title}：共 {len(session.questions)} 题" if not challenge else "挑战答题：答错即止"
        if session.time_limit:
            intro += f"，限时 {format_duration(session.time_limit)}"
        if session.question_limit:
            intro += f"，每题限时 {format_duration(session.question_limit)}"
        if self.exam:
            intro += "（考试模式：交卷后统一显示对错与解析）"
        intro += "。输入答案后按回车；按 Ctrl-C 可随时结束。"
        if not self.recorder.saves:
            intro += "本次不保存答题记录。"
        out.print(intro, style="bold")
        while (p := session.next_question()) is not None:
            out.print()
            self.shown[p.question.id] = p
            out.print(self.question_block(p, session.position, total, session.remaining_time()))
            try:
                line = self.ask(p, session.time_left)
            except TimeoutError:  # nothing typed in time: the quiz moves on without waiting for Enter
                out.print()
                expired = session.expire()
                if expired is None:
                    out.print("时间到，交卷。", style="bold red")
                    break
                self.recorder.answer(expired)
                out.print(self.feedback(expired))
                if challenge:
                    break
                continue
            if line is None:
                session.stop()
                break
            rec = session.answer(parse_answer(p, line))
            if rec.response is None:  # too late: the time limit passed while answering
                out.print("时间到，本题不计入。", style="bold red")
                break
            self.recorder.answer(rec)
            if not self.exam:
                out.print(self.feedback(rec))
            if challenge and not rec.correct:
                break
        result = session.result()
        self.recorder.finish(result)
        return result

    # -- the report
    def report(self, result: SessionResult, challenge: bool = False) -> RenderableType:
        parts: list[RenderableType] = [Text("")]
        t = result.total
        if challenge:
            run = sum(1 for r in result.records if r.correct)
            best = self.recorder.best_challenge()
            line = f"挑战结束：连续答对 {run} 题，用时 {format_duration(result.elapsed_s)}。"
            if best is not None:
                line += f" 历史最佳 {max(best, run)} 题" + ("（新纪录！）" if run > best else "") + "。"
            parts.append(Text(line, style="bold"))
        else:
            status = "时间到，" if result.time_up else ("已提前结束，" if result.stopped_early else "")
            parts.append(phrases([f"{status}得分 {result.score:g} / 100",
                                  f"答对 {t.correct}/{t.total} 题（已答 {t.answered} 题）",
                                  f"用时 {format_duration(result.elapsed_s)}"], self.ui, style="bold"))
            if t.answered:  # per type and chapter: what was answered; the unanswered apart, not as wrong
                parts.append(self._tally_table("题型", [(k.label, v) for k, v in result.by_type().items()]))
                by_ch = result.by_chapter(lambda q: self.bank.chapter_of(q, self.reg))
                parts.append(self._tally_table("章", [
                    (f"{chapter_label(k)} {self.reg.chapter(k).title if self.reg.chapter(k) else ''}", v)
                    for k, v in sorted(by_ch.items())]))
                if result.unanswered:
                    parts.append(Text(f"未作答 {len(result.unanswered)} 题，不计入以上统计。", style="yellow"))
        wrong = result.wrong
        if wrong:
            parts.append(Text("答错的题目：", style="bold"))
            for n, r in enumerate(wrong, 1):
                lines = [Text(f"{r.question.id}  {r.question.basis.label()}  {r.question.stem}"),
                         Text(f"正确答案：{_spelled(r.presentation, r.question.correct_indexes)}", style="green")]
                if self.exam:  # nothing was shown during the exam: the answer given and the why
                    lines += [Text(self._given(r), style="red"), Text(f"解析：{r.question.explanation}", style="dim")]
                parts.append(hanging(f"  {n}. ", lines, self.ui))
            arts = sorted({r.question.basis.article for r in wrong})
            parts.append(Text("建议复习：" + "　".join(f"xuezhi show {a}" for a in arts), style="cyan"))
        if result.unanswered and not challenge:
            if not t.answered:
                parts.append(Text(f"未作答 {len(result.unanswered)} 题。", style="yellow"))
            if self.exam:  # the paper is handed in: its key, for the questions left open as well
                parts.append(self._unanswered(result.unanswered))
        return Group(*parts)

    def _given(self, r: AnswerRecord) -> str:
        if r.response is None:
            return "超时未答" if r.timed_out else "未作答"
        late = "超时，不计分。" if r.timed_out else ""
        if r.question.type is QType.JUDGE:
            return late + verdict_given(bool(r.response.judge))
        return late + "你的答案：" + _spelled(r.presentation, tuple(sorted(r.response.choices)), r.response)

    def _unanswered(self, questions: list[Question]) -> RenderableType:
        parts: list[RenderableType] = [Text("未作答的题目：", style="bold")]
        for n, q in enumerate(questions, 1):
            # the question on screen when the time ran out keeps the letters it was shown with;
            # questions never reached are listed in the bank's own order
            p = self.shown.get(q.id) or Presentation(q, tuple(range(len(q.options))))
            lines = [Text(f"{q.id}  {q.basis.label()}  {q.stem}")]
            lines += [Text(f"{LETTERS[i]}. {opt}") for i, opt in enumerate(p.options)]
            lines += [Text(f"正确答案：{_spelled(p, q.correct_indexes)}", style="green"),
                      Text(f"解析：{q.explanation}", style="dim")]
            parts.append(hanging(f"  {n}. ", lines, self.ui))
        return Group(*parts)

    def _tally_table(self, title: str, rows: list[tuple[str, Tally]]) -> Table:
        """答对/题数 per row; once questions were left unanswered, only what was answered (答对/已答),
        so that a quiz stopped after two right answers does not read 单选题 1/3 33%."""
        open_ = any(tally.answered < tally.total for _, tally in rows)
        table = Table(**self.ui.table_kwargs())
        table.add_column(title)
        table.add_column("答对/已答" if open_ else "答对/题数", justify="right", no_wrap=True)
        table.add_column("正确率", justify="right", no_wrap=True)
        for label, tally in rows:
            done = tally.answered if open_ else tally.total
            if done:
                table.add_row(label, f"{tally.correct}/{done}", f"{tally.correct / done:.0%}")
        return table
