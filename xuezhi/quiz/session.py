"""The quiz engine: choose questions, present them shuffled, keep score. No terminal here.

The CLI drives a QuizSession one question at a time; tests drive it the same way with an
injected clock, so time limits are tested without sleeping.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from xuezhi.bank.grading import Grade, Presentation, Response, grade
from xuezhi.bank.model import QType, Question
from xuezhi.errors import XuezhiError, shown
from xuezhi.quiz.select import DEFAULT_POINTS, present

# ---------------------------------------------------------------- a session

@dataclass
class AnswerRecord:
    question: Question
    presentation: Presentation
    response: Response | None  # None: unanswered (time ran out, quiz stopped)
    grade: Grade | None
    elapsed_ms: int
    timed_out: bool = False

    @property
    def correct(self) -> bool:
        return bool(self.grade and self.grade.correct)


@dataclass
class Tally:
    answered: int = 0
    correct: int = 0
    total: int = 0
    points: float = 0
    max_points: float = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass
class SessionResult:
    records: list[AnswerRecord]
    unanswered: list[Question]
    elapsed_s: float
    points: dict[QType, float]
    stopped_early: bool = False
    time_up: bool = False

    def _tally(self, key: Callable[[Question], object]) -> dict[object, Tally]:
        out: dict[object, Tally] = {}
        for q, rec in [(r.question, r) for r in self.records] + [(q, None) for q in self.unanswered]:
            t = out.setdefault(key(q), Tally())
            pts = self.points.get(q.type, 1)
            t.total += 1
            t.max_points += pts
            if rec and rec.response is not None:
                t.answered += 1
            if rec and rec.correct:
                t.correct += 1
                t.points += pts
        return out

    @property
    def total(self) -> Tally:
        return self._tally(lambda q: "all").get("all", Tally())

    def by_type(self) -> dict[QType, Tally]:
        return self._tally(lambda q: q.type)  # type: ignore[return-value]

    def by_chapter(self, chapter_of: Callable[[Question], int]) -> dict[int, Tally]:
        return self._tally(chapter_of)  # type: ignore[return-value]

    @property
    def score(self) -> float:
        """Out of 100, weighted by points per type; unanswered questions score nothing."""
        t = self.total
        return round(100 * t.points / t.max_points, 1) if t.max_points else 0.0

    @property
    def wrong(self) -> list[AnswerRecord]:
        return [r for r in self.records if not r.correct]


class QuizSession:
    """One sitting: the drawn questions, the answers so far, and the clock.

    `clock` returns seconds (monotonic); tests pass a fake one.
    `time_limit` (seconds, whole quiz) and `question_limit` (seconds, each question): the screen
    waits at most `time_left()` and then calls `expire()`; an answer that still arrives late
    (a reader without a timeout) is turned into an unanswered/timed-out one by `answer()`.
    """

    def __init__(self, questions: Iterable[Question], *, seed: int | None = None, shuffle_options: bool = True,
                 points: dict[QType, float] | None = None, time_limit: float | None = None,
                 question_limit: float | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.questions = list(questions)
        self.rng = random.Random(seed)
        self.shuffle_options = shuffle_options
        self.points = dict(DEFAULT_POINTS) | (points or {})
        self.time_limit = time_limit
        self.question_limit = question_limit
        self.clock = clock
        self.records: list[AnswerRecord] = []
        self.started = clock()
        self._current: Presentation | None = None
        self._shown_at = 0.0
        self.stopped = False

    # -- flow
    @property
    def position(self) -> int:
        """1-based number of the question being asked (or about to be)."""
        return len(self.records) + 1

    def remaining_time(self) -> float | None:
        if self.time_limit is None:
            return None
        return max(0.0, self.time_limit - (self.clock() - self.started))

    def time_left(self) -> float | None:
        """Seconds until the current question must be answered (whole-quiz or per-question limit)."""
        now = self.clock()
        limits = []
        if self.time_limit is not None:
            limits.append(self.time_limit - (now - self.started))
        if self.question_limit is not None and self._current is not None:
            limits.append(self.question_limit - (now - self._shown_at))
        return max(0.0, min(limits)) if limits else None

    def expire(self) -> AnswerRecord | None:
        """The clock ran out while waiting for an answer. The whole quiz's limit: it is over, and
        the question unanswered (None). A question's own limit: it is recorded as timed out, wrong."""
        p = self._current
        if p is None:
            raise RuntimeError("no question is being asked")
        elapsed = self.clock() - self._shown_at
        self._current = None
        if self.time_limit is not None and self.clock() - self.started >= self.time_limit:
            self.stopped = True
            return None
        rec = AnswerRecord(p.question, p, None, Grade(False), int(elapsed * 1000), timed_out=True)
        self.records.append(rec)
        return rec

    @property
    def time_up(self) -> bool:
        return self.time_limit is not None and self.remaining_time() == 0

    @property
    def finished(self) -> bool:
        return self.stopped or self.time_up or len(self.records) >= len(self.questions)

    def next_question(self) -> Presentation | None:
        if self.finished:
            return None
        if self._current is None:
            q = self.questions[len(self.records)]
            self._current = present(q, self.rng, self.shuffle_options)
            self._shown_at = self.clock()
        return self._current

    def answer(self, response: Response) -> AnswerRecord:
        """Record the answer to the current question. A late answer is recorded as unanswered."""
        p = self._current
        if p is None:
            raise RuntimeError("no question is being asked")
        now = self.clock()
        elapsed = now - self._shown_at
        if self.time_limit is not None and now - self.started > self.time_limit:
            self._current = None
            self.stopped = True  # the quiz is over; this answer came too late to count
            return AnswerRecord(p.question, p, None, None, int(elapsed * 1000), timed_out=True)
        if self.question_limit is not None and elapsed > self.question_limit:
            rec = AnswerRecord(p.question, p, response, Grade(False), int(elapsed * 1000), timed_out=True)
        else:
            rec = AnswerRecord(p.question, p, response, grade(p, response), int(elapsed * 1000))
        self.records.append(rec)
        self._current = None
        return rec

    def stop(self) -> None:
        self.stopped = True
        self._current = None

    def result(self) -> SessionResult:
        answered = {id(r.question) for r in self.records}
        unanswered = [q for q in self.questions if id(q) not in answered]
        return SessionResult(list(self.records), unanswered, self.clock() - self.started, self.points,
                             stopped_early=self.stopped and not self.time_up and bool(unanswered),
                             time_up=self.time_up or (self.time_limit is not None and bool(unanswered)
                                                      and self.clock() - self.started >= self.time_limit))


# ---------------------------------------------------------------- helpers for callers

_DURATION = re.compile(r"^(?:([0-9]{1,6})\s*(?:h|小时))?\s*(?:([0-9]{1,6})\s*(?:m|min|分|分钟))?\s*"
                       r"(?:([0-9]{1,6})\s*(?:s|秒))?$")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９ｈｍｓ", "0123456789hms")
LONGEST_S = 24 * 3600


def parse_duration(text: str) -> float:
    """'15m', '90s', '1h30m', '15' (minutes), '15分钟', '１５ｍ' → seconds; XuezhiError otherwise.
    Digits are 0–9 only: str.isdigit() also takes ² (which int() then refuses: an internal error),
    and a 400-digit number overflowed float()."""
    t = text.strip().lower().translate(_FULL_WIDTH)
    if re.fullmatch(r"[0-9]{1,6}", t):
        seconds = int(t) * 60
    else:
        m = _DURATION.match(t)
        if not t or not m or not any(m.groups()):
            raise XuezhiError(f"无法识别时长“{shown(text)}”，请写成 15m、90s、1h30m 或分钟数（如 15）。")
        h, mi, s = (int(g) if g else 0 for g in m.groups())
        seconds = h * 3600 + mi * 60 + s
    if seconds <= 0:
        raise XuezhiError("时长必须大于 0。")
    if seconds > LONGEST_S:
        raise XuezhiError(f"时长“{shown(text)}”太长：最多 24 小时。")
    return float(seconds)




class Recorder:
    """Where a session's answers go as they are given. The base class keeps nothing."""

    saves = False  # are the answers kept? (the screen must not promise it when they are not)

    def start(self, mode: str, filters: dict, questions: list[Question]) -> None:
        """A session begins."""

    def answer(self, record: AnswerRecord) -> None:
        """One answer was given; a persistent recorder commits it now."""

    def finish(self, result: SessionResult) -> None:
        """The session ended (normally, stopped, or time up)."""

    def best_challenge(self) -> int | None:
        """The longest 挑战答题 run recorded so far, if anything is recorded."""
        return None




