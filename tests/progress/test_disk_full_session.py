"""A disk that fills up in the middle of a quiz: the answers after it are lost (and the user is told),
but the session that then ends normally is recorded as finished, not later as 未完成（中断）."""

from __future__ import annotations

import sqlite3

from xuezhi.progress.store import Store


def test_a_session_that_ended_normally_after_a_full_disk_is_finished(tmp_path, bank, reg):
    from test_progress_core import _screen

    from xuezhi.bank.model import QType
    from xuezhi.progress.review import StoreRecorder
    from xuezhi.quiz.session import QuizSession

    warnings: list[str] = []
    questions = [q for q in bank.questions if q.type is QType.JUDGE][:3]
    with Store.open(tmp_path / "p.db") as store:
        real, calls = store.record_answer, {"n": 0}

        def full_once(*args, **kwargs):
            calls["n"] += 1
            if calls["n"] == 2:
                raise sqlite3.OperationalError("database or disk is full")
            return real(*args, **kwargs)

        store.record_answer = full_once
        _screen(reg, bank, lambda prompt, timeout=None: "对", StoreRecorder(store, warnings.append)).run(
            QuizSession(questions), "practice")
        [s] = store.sessions()
        assert s["status"] == "finished" and s["answered"] == 1
        assert len(warnings) == 1 and "磁盘空间已满" in warnings[0]
    with Store.open(tmp_path / "p.db") as again:  # the next start does not relabel it
        assert again.sessions()[0]["status"] == "finished"
