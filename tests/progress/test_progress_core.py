"""The store, the scheduler and the statistics without the CLI: exact rules, injected times."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from xuezhi.bank.grading import Grade, Presentation, Response
from xuezhi.clock import now
from xuezhi.errors import XuezhiError
from xuezhi.progress.interchange import export_data, import_data
from xuezhi.progress.review import (
    AGAIN,
    EASY,
    GOOD,
    due_states,
    end_of_day,
    fast_limit_ms,
    mix,
    next_state,
    rating_for,
    replay,
    wrong_book,
)
from xuezhi.progress.schema import SCHEMA_VERSION
from xuezhi.progress.stats import activity, level, streaks
from xuezhi.progress.store import NewAnswer, ReviewState, Store
from xuezhi.quiz.session import AnswerRecord

CST = timezone(timedelta(hours=8))
T0 = datetime(2025, 3, 3, 9, 0, tzinfo=CST)


def record(q, correct: bool, ms: int) -> AnswerRecord:
    return AnswerRecord(q, Presentation(q, tuple(range(len(q.options)))), Response(judge=True), Grade(correct), ms)


# ---------------------------------------------------------------- rating and scheduling

def test_rating_wrong_is_again_fast_is_easy_slow_is_good(bank):
    q = bank.questions[0]
    limit = fast_limit_ms(q)
    assert 3000 < limit < 60000
    assert rating_for(record(q, False, 100)) == AGAIN
    assert rating_for(record(q, True, limit)) == EASY
    assert rating_for(record(q, True, limit + 1)) == GOOD


def test_wrong_answer_is_due_again_today_right_ones_in_days():
    wrong = next_state(None, "Q1", AGAIN, False, T0)
    assert wrong.due - T0 == timedelta(minutes=10) and not wrong.last_correct and wrong.lapses == 1
    good = next_state(None, "Q1", GOOD, True, T0)
    easy = next_state(None, "Q1", EASY, True, T0)
    assert timedelta(days=1) <= good.due - T0 < easy.due - T0
    assert good.last_correct and good.reps == 1 and good.lapses == 0
    again = next_state(good, "Q1", GOOD, True, good.due)
    assert again.due - good.due > good.due - T0  # intervals grow with each right answer


def test_replay_is_the_same_as_answering_one_by_one():
    history = [(AGAIN, False, T0), (GOOD, True, T0 + timedelta(hours=1)), (EASY, True, T0 + timedelta(days=3))]
    state = None
    for rating, correct, when in history:
        state = next_state(state, "Q", rating, correct, when)
    assert replay("Q", history) == state


def test_clock_going_backwards_between_computers_is_tolerated():
    later = next_state(None, "Q", GOOD, True, T0 + timedelta(days=1))
    earlier = next_state(later, "Q", AGAIN, False, T0)  # an imported answer from a computer whose clock was behind
    assert earlier.reps == 2 and not earlier.last_correct


def state(qid: str, due: datetime, last_correct: bool = True, lapses: int = 0) -> ReviewState:
    return ReviewState(qid, 2, None, 3.0, 5.0, due, due - timedelta(days=2), 1, lapses, last_correct)


def test_due_means_before_the_end_of_the_local_day(bank):
    ids = [q.id for q in bank.questions[:4]]
    midnight = end_of_day(T0)
    assert midnight == datetime(2025, 3, 4, 0, 0, tzinfo=CST)
    states = {
        ids[0]: state(ids[0], midnight - timedelta(minutes=1)),  # late tonight: due today
        ids[1]: state(ids[1], midnight + timedelta(minutes=1)),  # just after midnight: tomorrow
        ids[2]: state(ids[2], T0 - timedelta(days=5)),  # long overdue
        ids[3]: state(ids[3], T0 + timedelta(hours=2), last_correct=False),  # wrong: first
        "GONE": state("GONE", T0 - timedelta(days=9), last_correct=False),  # not in the bank
    }
    assert [s.question_id for s in due_states(states, bank, T0)] == [ids[3], ids[2], ids[0]]
    assert len(due_states(states, bank, T0, days=6)) == 4
    assert [q.id for q in wrong_book(states, bank)] == [ids[3]]


def test_mix_takes_half_due_and_half_new(bank, reg):
    due_ids = [q.id for q in bank.questions[:10]]
    states = {i: state(i, T0 - timedelta(days=1)) for i in due_ids}
    picked = mix(states, bank, reg, T0, 5, seed=1)
    assert len(picked) == 5 and len({q.id for q in picked}) == 5
    assert sum(q.id in states for q in picked) == 3
    only_new = mix({}, bank, reg, T0, 5, seed=1)
    assert len(only_new) == 5 and only_new == mix({}, bank, reg, T0, 5, seed=1)  # same day, same set


# ---------------------------------------------------------------- streaks and activity

D = date(2025, 3, 10)


@pytest.mark.parametrize("days, expected", [
    ([], (0, 0, False)),
    ([D], (1, 1, True)),
    ([D - timedelta(days=1)], (1, 1, False)),  # yesterday still counts until today ends
    ([D - timedelta(days=2)], (0, 1, False)),
    ([D - timedelta(days=i) for i in range(5)], (5, 5, True)),
    ([D - timedelta(days=i) for i in (0, 1, 3, 4, 5, 6)], (2, 4, True)),
    ([D - timedelta(days=i) for i in (1, 2, 3)] * 2, (3, 3, False)),  # duplicates do not count twice
])
def test_streaks(days, expected):
    s = streaks(days, D)
    assert (s["current"], s["longest"], s["studied_today"]) == expected


def test_activity_has_thirty_days_ending_today():
    counts = {D: 25, D - timedelta(days=1): 3, D - timedelta(days=29): 7, D - timedelta(days=30): 99}
    a = activity(counts, D)
    assert len(a) == 30 and a[-1]["date"] == "2025-03-10" and a[0]["date"] == "2025-02-09"
    assert [x["level"] for x in a if x["answers"]] == [2, 1, 4]
    assert [level(n) for n in (0, 1, 4, 5, 9, 10, 19, 20)] == [0, 1, 1, 2, 2, 3, 3, 4]


# ---------------------------------------------------------------- the store itself

def answer(qid: str, correct: bool, when: datetime) -> NewAnswer:
    return NewAnswer(qid, "judge", 1, "true", correct, 1000, False, GOOD if correct else AGAIN, when)


def test_fresh_store_has_schema_wal_and_reopens(tmp_path):
    path = tmp_path / "p.db"
    with Store.open(path) as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
        sid = s.start_session("practice", {"count": 1}, 1, T0)
        s.record_answer(sid, 1, answer("Q1", True, T0), next_state)
    with Store.open(path) as s:  # migrations are not re-run; the data is there
        assert [r["question_id"] for r in s.answers_of(sid)] == ["Q1"]
        assert s.session(sid)["status"] == "unfinished"  # never finished: found by the next open


def test_answer_and_review_state_are_one_transaction(tmp_path):
    with Store.open(tmp_path / "p.db") as s:
        sid = s.start_session("practice", {}, 2, T0)

        def broken(*args):
            raise RuntimeError("scheduler failed")

        with pytest.raises(RuntimeError):
            s.record_answer(sid, 1, answer("Q1", True, T0), broken)
        assert s.answers_of(sid) == [] and s.review_states() == {}


def test_export_import_merges_by_uid_and_replays_schedule(tmp_path):
    a, b = Store.open(tmp_path / "a.db"), Store.open(tmp_path / "b.db")
    sid = a.start_session("practice", {}, 2, T0)
    a.record_answer(sid, 1, answer("Q1", False, T0), next_state)
    a.record_answer(sid, 2, answer("Q2", True, T0 + timedelta(minutes=1)), next_state)
    a.finish_session(sid, "finished", 50.0, 60.0, T0 + timedelta(minutes=2))
    sid_b = b.start_session("review", {}, 1, T0 + timedelta(hours=3))
    b.record_answer(sid_b, 1, answer("Q1", True, T0 + timedelta(hours=3)), next_state)

    r = import_data(b, export_data(a), replay)
    assert (r["sessions_added"], r["answers_added"], r["answers_skipped"]) == (1, 2, 0)
    again = import_data(b, export_data(a), replay)
    assert (again["sessions_added"], again["answers_added"], again["answers_skipped"]) == (0, 0, 2)
    states = b.review_states()
    # Q1: wrong at 09:00 (from a), right at 12:00 (b's own): the merged history, in time order
    assert states["Q1"] == replay("Q1", [(AGAIN, False, T0), (GOOD, True, T0 + timedelta(hours=3))])
    assert states["Q1"].last_correct and states["Q1"].reps == 2
    assert b.conn.execute("SELECT count(*) FROM answers").fetchone()[0] == 3
    a.close()
    b.close()


def test_now_can_be_fixed_and_rejects_nonsense(monkeypatch):
    monkeypatch.setenv("XUEZHI_NOW", "2025-03-03T09:00:00+08:00")
    assert now() == T0 and now().astimezone(UTC).hour == 1
    monkeypatch.setenv("XUEZHI_NOW", "yesterday")
    with pytest.raises(XuezhiError, match="XUEZHI_NOW"):
        now()


# ---------------------------------------------------------------- the recorder

def _screen(reg, bank, read_line, recorder):
    import io

    from rich.console import Console

    from xuezhi.terminal.console import Ui
    from xuezhi.terminal.quiz_screen import QuizScreen

    console = Console(file=io.StringIO(), markup=False, color_system=None, width=100)
    return QuizScreen(Ui(out=console, err=console, plain=True), reg, bank, read_line, recorder=recorder)


def test_time_up_session_is_recorded_as_such(tmp_path, bank, reg):
    from xuezhi.bank.model import QType
    from xuezhi.progress.review import StoreRecorder
    from xuezhi.quiz.session import QuizSession

    clock = [0.0]
    questions = [q for q in bank.questions if q.type is QType.JUDGE][:3]
    session = QuizSession(questions, time_limit=60, clock=lambda: clock[0])

    def read_line(prompt: str, timeout: float | None = None) -> str:
        clock[0] += 40  # the second answer comes after the limit (a reader that ignores the timeout)
        return "对"

    with Store.open(tmp_path / "p.db") as store:
        _screen(reg, bank, read_line, StoreRecorder(store, print)).run(session, "exam")
        [s] = store.sessions()
        assert (s["mode"], s["status"], s["answered"], s["planned"]) == ("exam", "time_up", 1, 3)



def test_a_question_left_unanswered_past_its_limit_is_recorded_wrong_without_waiting(tmp_path, bank, reg):
    """挑战答题: the reader gives up after the question's time; the quiz does not wait for Enter."""
    from xuezhi.bank.model import QType
    from xuezhi.progress.review import StoreRecorder
    from xuezhi.quiz.session import QuizSession

    questions = [q for q in bank.questions if q.type is QType.JUDGE][:3]
    session = QuizSession(questions, question_limit=45)
    asked: list[float | None] = []

    def read_line(prompt: str, timeout: float | None = None) -> str:
        asked.append(timeout)
        if len(asked) == 1:
            return "对" if questions[0].answer else "错"
        raise TimeoutError  # nothing typed within `timeout` seconds

    with Store.open(tmp_path / "p.db") as store:
        result = _screen(reg, bank, read_line, StoreRecorder(store, print)).run(session, "challenge", challenge=True)
        assert asked[0] is not None and 0 < asked[0] <= 45
        assert [r.correct for r in result.records] == [True, False] and result.records[1].timed_out
        [s] = store.sessions()
        given = [(a["given"], a["correct"], a["timed_out"]) for a in store.answers_of(s["id"])]
        assert given[1] == ("", 0, 1) and s["answered"] == 2

def test_a_store_busy_for_long_keeps_answers_in_memory_until_it_frees(tmp_path, bank, reg, monkeypatch):
    import sqlite3

    from xuezhi.progress.review import StoreRecorder
    from xuezhi.quiz.session import QuizSession

    warnings: list[str] = []
    with Store.open(tmp_path / "p.db") as store:
        real = store.record_answer
        calls = {"n": 0}

        def flaky(*args, **kwargs):
            calls["n"] += 1
            if calls["n"] == 1:  # the first answer finds the store locked past every retry
                err = sqlite3.OperationalError("database is locked")
                err.sqlite_errorcode = 5
                raise err
            return real(*args, **kwargs)

        monkeypatch.setattr(store, "record_answer", flaky)
        questions = [q for q in bank.questions if q.type.value == "judge"][:3]
        answers = iter(["对", "错", "对"])
        _screen(reg, bank, lambda prompt: next(answers), StoreRecorder(store, warnings.append)).run(
            QuizSession(questions))
        assert len(warnings) == 1 and "稍后自动保存" in warnings[0]
        [s] = store.sessions()
        assert s["answered"] == 3 and s["status"] == "finished"
        assert [a["seq"] for a in store.answers_of(s["id"])] == [1, 2, 3]


def test_a_store_that_fails_stops_saving_but_not_the_quiz(tmp_path, bank, reg, monkeypatch):
    import sqlite3

    from xuezhi.progress.review import StoreRecorder
    from xuezhi.quiz.session import QuizSession

    warnings: list[str] = []
    with Store.open(tmp_path / "p.db") as store:
        def full(*args, **kwargs):
            err = sqlite3.OperationalError("database or disk is full")
            err.sqlite_errorcode = 13
            raise err

        monkeypatch.setattr(store, "record_answer", full)
        questions = [q for q in bank.questions if q.type.value == "judge"][:2]
        answers = iter(["对", "对"])
        result = _screen(reg, bank, lambda prompt: next(answers), StoreRecorder(store, warnings.append)).run(
            QuizSession(questions))
        assert len(result.records) == 2
        assert warnings == ["保存学习记录失败（磁盘空间已满），本次接下来的作答不再保存。"]
