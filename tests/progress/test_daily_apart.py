"""The daily set is held to the quiz's rule: no cue pair, declared group or sentence twice in one day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import combinations

from xuezhi.bank.cues import keep_apart
from xuezhi.progress.review import mix
from xuezhi.progress.store import ReviewState

AT = datetime(2026, 3, 2, 9, tzinfo=UTC)


def _due(qid: str) -> ReviewState:
    return ReviewState(qid, state=2, step=None, stability=3.0, difficulty=5.0,
                       due=AT - timedelta(days=1), last_review=AT - timedelta(days=4), reps=1)


def _clashing(picked, apart):
    return [(a.id, b.id) for a, b in combinations(picked, 2) if apart.clash(a.id, b.id)]


def test_a_new_learners_daily_sets_never_pair_questions_that_clash(bank, reg):
    apart = keep_apart(bank, reg)
    for seed in range(60):
        picked = mix({}, bank, reg, AT, 10, seed=seed)
        assert len(picked) == 10 and not _clashing(picked, apart), seed


def test_two_due_questions_on_one_sentence_are_not_asked_the_same_day(bank, reg):
    apart = keep_apart(bank, reg)
    a, b = next((a, b) for a, b in combinations(bank.questions, 2) if apart.clash(a.id, b.id))
    states = {a.id: _due(a.id), b.id: _due(b.id)}
    picked = mix(states, bank, reg, AT, 6, seed=1)
    ids = [q.id for q in picked]
    assert (a.id in ids) != (b.id in ids)  # one of them now, the other another day
    assert len(picked) == 6 and not _clashing(picked, apart)
