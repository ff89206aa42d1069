"""Spaced review with fsrs, the 错题本, the daily set, and the recorder that writes sessions to the store.

Rating an answer: wrong → Again; right → Good, or Easy when it came faster than a quick
reading of the question (the cadre clearly knew it). The scheduler uses one 10-minute
learning step, so a question answered wrong is due again the same day, and no fuzz, so a
question's review state is a pure function of its answer history: after an import merges
two histories the state is simply recomputed (`replay`).

"Due" means due before the end of the local calendar day: this is a once-a-day study tool,
not a flash-card drill, so a question that fell due at 14:10 is offered at 09:00 as well.

fsrs is imported only when a card is actually scheduled (start-up speed).
"""

from __future__ import annotations

import math
import random
import sqlite3
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache

from xuezhi.bank.model import LETTERS, QType, Question, QuestionBank
from xuezhi.clock import now
from xuezhi.cloze.model import qtype_of
from xuezhi.errors import XuezhiError
from xuezhi.progress.db import is_busy, reason
from xuezhi.progress.store import NewAnswer, ReviewState, Store
from xuezhi.quiz.draw import draw
from xuezhi.quiz.session import AnswerRecord, Recorder, SessionResult
from xuezhi.text.corpus import Regulation

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
FAST_BASE_MS = 3000  # "fast": quicker than 3 s plus 0.1 s per character of stem and options
FAST_PER_CHAR_MS = 100
FAST_PER_BLANK_MS = 3000  # typing time for each blank


def fast_limit_ms(q: Question) -> int:
    chars = len(q.stem) + sum(len(o) for o in q.options)
    return FAST_BASE_MS + FAST_PER_CHAR_MS * chars + (FAST_PER_BLANK_MS * len(q.blanks) if q.type is QType.BLANK else 0)


def rating_for(rec: AnswerRecord) -> int:
    if not rec.correct:
        return AGAIN
    return EASY if rec.elapsed_ms <= fast_limit_ms(rec.question) else GOOD


@cache
def _scheduler():
    from fsrs import Scheduler

    return Scheduler(learning_steps=(timedelta(minutes=10),), relearning_steps=(timedelta(minutes=10),),
                     enable_fuzzing=False)


def next_state(prev: ReviewState | None, question_id: str, rating: int, correct: bool, at: datetime) -> ReviewState:
    """The question's review state after one more answer."""
    from fsrs import Card, Rating, State

    if prev is None:
        card = Card(card_id=1)
        reps = lapses = 0
    else:
        card = Card(card_id=1, state=State(prev.state), step=prev.step, stability=prev.stability,
                    difficulty=prev.difficulty, due=prev.due.astimezone(UTC),
                    last_review=prev.last_review.astimezone(UTC) if prev.last_review else None)
        reps, lapses = prev.reps, prev.lapses
    at_utc = at.astimezone(UTC)
    if card.last_review and at_utc < card.last_review:  # clocks of two computers disagree: never go backwards
        at_utc = card.last_review
    card, _log = _scheduler().review_card(card, Rating(rating), at_utc)
    return ReviewState(question_id, int(card.state.value), card.step, card.stability, card.difficulty, card.due,
                       card.last_review, reps + 1, lapses + (0 if correct else 1), correct)


def replay(question_id: str, history: list[tuple[int, bool, datetime]]) -> ReviewState:
    """Review state from a whole answer history (rating, correct, time), oldest first."""
    state: ReviewState | None = None
    for rating, correct, at in history:
        state = next_state(state, question_id, rating, correct, at)
    if state is None:
        raise ValueError("empty history")
    return state


# ---------------------------------------------------------------- what to ask

def end_of_day(at: datetime, days: int = 0) -> datetime:
    """Local midnight ending the day of `at` (plus `days` more days)."""
    return at.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1 + days)


def due_states(states: dict[str, ReviewState], bank: QuestionBank, at: datetime, days: int = 0) -> list[ReviewState]:
    """Questions due by the end of today (+days) that the bank still has: wrong ones first, then most overdue."""
    limit = end_of_day(at, days)
    due = [s for s in states.values() if s.due < limit and bank.get(s.question_id) is not None]
    due.sort(key=lambda s: (s.last_correct, s.due, s.question_id))
    return due


def due_questions(states: dict[str, ReviewState], bank: QuestionBank, at: datetime) -> list[Question]:
    return [bank.get(s.question_id) for s in due_states(states, bank, at)]  # type: ignore[misc]


def wrong_book(states: dict[str, ReviewState], bank: QuestionBank) -> list[Question]:
    """Every question whose last answer was wrong (and that the bank still has): most lapses first."""
    wrong = [s for s in states.values() if not s.last_correct and bank.get(s.question_id) is not None]
    wrong.sort(key=lambda s: (-s.lapses, s.due, s.question_id))
    return [bank.get(s.question_id) for s in wrong]  # type: ignore[misc]


def mix(states: dict[str, ReviewState], bank: QuestionBank, reg: Regulation, at: datetime, count: int,
        exclude: Collection[str] = (), seed: int | None = None) -> list[Question]:
    """`count` questions: up to about half due reviews, the rest never seen (spread over chapters).

    Whichever kind runs short is made up from the other; if both run short, questions seen
    before and due soonest fill the set.
    """
    from xuezhi.bank.cues import keep_apart

    apart = keep_apart(bank, reg)  # like a quiz: no cue pair, group or sentence twice in one day's set

    def add(q: Question) -> None:
        if len(picked) < count and not any(apart.clash(q.id, p.id) for p in picked):
            picked.append(q)

    due = [q for q in due_questions(states, bank, at) if q.id not in exclude]
    unseen = [q for q in bank.questions if q.id not in states and q.id not in exclude]
    want_due = min(len(due), max(math.ceil(count / 2), count - len(unseen)))
    picked: list[Question] = []
    for q in due:  # a clashing due question waits for another day
        if len(picked) < want_due:
            add(q)
    rng = random.Random(seed)
    if count - len(picked) > 0 and unseen:
        new = draw(unseen, count - len(picked), rng, chapter_of=lambda q: bank.chapter_of(q, reg),
                   apart=apart, taken=picked)
        rng.shuffle(new)
        picked += new
    if len(picked) < count:
        have = {q.id for q in picked} | set(exclude)
        rest = sorted((s for s in states.values() if s.question_id not in have and bank.get(s.question_id)),
                      key=lambda s: (s.due, s.question_id))
        for s in rest:
            add(bank.get(s.question_id))  # type: ignore[arg-type]
    return picked


@dataclass
class ReviewPlan:
    """What `xuezhi review` will ask, or why there is nothing to ask (`empty`, a sentence)."""

    questions: list[Question]
    mode: str
    title: str
    empty: str = ""


def plan_review(states: dict[str, ReviewState], bank: QuestionBank, at: datetime, wrong: bool) -> ReviewPlan:
    """The due questions (wrong ones first), or the 错题本; with a helpful note when empty."""
    if wrong:
        questions = wrong_book(states, bank)
        empty = "" if questions else ("错题本是空的：每道题最近一次都答对了。" if states else
                                      "还没有答题记录，错题本是空的。先运行 xuezhi daily 或 xuezhi quiz 做几道题吧。")
        return ReviewPlan(questions, "wrong", "错题本", empty)
    questions = due_questions(states, bank, at)
    if questions:
        return ReviewPlan(questions, "review", "复习")
    if not states:
        return ReviewPlan([], "review", "复习",
                          "还没有答题记录，暂无需要复习的题目。先运行 xuezhi daily 或 xuezhi quiz 做几道题吧。")
    msg = "今天没有到期的复习题。"
    upcoming = sorted(s.due for s in states.values() if bank.get(s.question_id))
    if upcoming:
        first = upcoming[0].astimezone(at.tzinfo).date()
        n = sum(1 for d in upcoming if d.astimezone(at.tzinfo).date() == first)
        msg += f"下一批 {n} 道在 {first.month}月{first.day}日到期。"
    wrong_n = len(wrong_book(states, bank))
    if wrong_n:
        msg += f"错题本里有 {wrong_n} 道题，可运行 xuezhi review --wrong。"
    return ReviewPlan([], "review", "复习", msg + "想多练可以运行 xuezhi daily 或 xuezhi quiz。")


@dataclass
class DailyPlan:
    day: date
    set_ids: list[str]  # the day's whole set
    questions: list[Question]  # what is still to be answered
    done: bool
    resumed: bool


def daily_seed(day: date) -> int:
    return day.toordinal()


def plan_daily(store: Store, bank: QuestionBank, reg: Regulation, at: datetime, count: int) -> DailyPlan:
    """Today's set, created once per calendar day; later runs resume it or report it done."""
    day = at.date()
    row = store.daily(day)
    if row is None:
        picked = mix(store.review_states(), bank, reg, at, count, seed=daily_seed(day))
        if not picked:
            raise XuezhiError("题库里没有可用的题目。")
        row = store.create_daily(day, [q.id for q in picked], at)
        fresh = True
    else:
        fresh = False
    answered = store.answered_on(day, ("daily",))
    remaining = [q for qid in row["question_ids"] if qid not in answered and (q := bank.get(qid)) is not None]
    done = not remaining
    if done and row["completed_at"] is None:
        store.complete_daily(day, at)
    return DailyPlan(day, list(row["question_ids"]), remaining, done, resumed=not fresh and not done
                     and len(remaining) < len(row["question_ids"]))


def daily_result(store: Store, day: date, set_ids: list[str]) -> tuple[int, int]:
    """(answered, correct) for the day's set, from the daily sessions of that day (last answer counts)."""
    in_set = set(set_ids)
    last = {qid: correct for qid, correct in store.daily_answers(day) if qid in in_set}
    return len(last), sum(last.values())


# ---------------------------------------------------------------- recording

class StoreRecorder(Recorder):
    """Writes each answer to the store the moment it is given, and keeps the quiz going if the store fails.

    The session row is created with the first answer, so a quiz left before answering
    anything leaves no empty session behind. `warn` shows a one-line Chinese notice.
    """

    def __init__(self, store: Store, warn: Callable[[str], None]) -> None:
        self.store = store
        self.warn = warn
        self.session_id: int | None = None
        self.disabled = False
        self.pending: list[tuple[int, NewAnswer]] = []
        self.saved = 0
        self._seq = 0
        self._mode, self._filters, self._planned, self._started = "practice", {}, 0, now()
        self._warned_busy = False

    @property
    def saves(self) -> bool:  # type: ignore[override]
        return not self.disabled

    def start(self, mode: str, filters: dict, questions: list[Question]) -> None:
        self._mode, self._filters, self._planned = mode, filters, len(questions)
        self._started = now()

    def answer(self, record: AnswerRecord) -> None:
        if self.disabled or (record.response is None and record.grade is None):  # never asked to the end
            return
        self._seq += 1
        q = record.question
        given = record.response.stored() if record.response is not None else ""  # "": timed out unanswered
        order = record.presentation.order
        shown = "".join(LETTERS[i] for i in order) if q.type in (QType.SINGLE, QType.MULTIPLE) and order else None
        self.pending.append((self._seq, NewAnswer(
            q.id, qtype_of(q), q.basis.article, given, record.correct, record.elapsed_ms,
            record.timed_out, rating_for(record), now(), shown)))
        self._flush()

    def _flush(self) -> bool:
        while self.pending and not self.disabled:
            seq, a = self.pending[0]
            try:
                if self.session_id is None:
                    self.session_id = self.store.start_session(self._mode, self._filters, self._planned,
                                                               self._started)
                self.store.record_answer(self.session_id, seq, a, next_state)
            except sqlite3.Error as e:
                if is_busy(e):
                    if not self._warned_busy:
                        self.warn("学习记录暂时被其他程序占用，本题的作答先记在内存里，稍后自动保存。")
                        self._warned_busy = True
                    return False
                self._fail(e)
                return False
            except XuezhiError as e:
                self._fail(e)
                return False
            self.pending.pop(0)
            self.saved += 1
        return not self.pending

    def _fail(self, e: BaseException) -> None:
        self.disabled = True
        why = e.message if isinstance(e, XuezhiError) else reason(e)
        self.warn(f"保存学习记录失败（{why}），本次接下来的作答不再保存。")

    def finish(self, result: SessionResult) -> None:
        if not self.disabled and not self._flush():
            if self.pending and not self.disabled:
                self.warn(f"有 {len(self.pending)} 道题的作答因学习记录被长时间占用而未能保存。")
            return
        if self.session_id is None:
            return  # nothing answered, nothing to record
        # Also after a failed answer (a disk that filled up and may have room again): the session
        # ended as it did, and left 'running' it was later labelled 未完成（中断）.
        status = "time_up" if result.time_up else ("stopped" if result.stopped_early else "finished")
        try:
            self.store.finish_session(self.session_id, status, result.score, result.elapsed_s, now())
        except (sqlite3.Error, XuezhiError) as e:
            if not self.disabled:  # told once already otherwise
                self._fail(e)

    def best_challenge(self) -> int | None:
        try:
            return self.store.best_challenge(exclude=self.session_id)
        except sqlite3.Error:
            return None
