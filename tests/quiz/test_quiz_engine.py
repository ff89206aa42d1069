"""Selection, sessions, scoring and time limits, without a terminal."""

from __future__ import annotations

import pytest
from answers import right_answer

from xuezhi.bank.grading import parse_answer
from xuezhi.bank.model import QType
from xuezhi.errors import XuezhiError
from xuezhi.quiz.select import Filters, parse_filters, select_questions
from xuezhi.quiz.session import QuizSession, parse_duration


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_same_seed_same_questions_and_no_repeats(bank, reg):
    a = select_questions(bank, reg, 30, seed=42)
    b = select_questions(bank, reg, 30, seed=42)
    assert [q.id for q in a] == [q.id for q in b]
    assert len({q.id for q in a}) == 30
    assert [q.id for q in select_questions(bank, reg, 30, seed=43)] != [q.id for q in a]


def test_chapters_are_drawn_in_proportion_to_their_questions(bank, reg):
    """Not one question from every chapter in every short quiz: 第六章's few questions came back
    within minutes. Each chapter's share of 200 ten-question quizzes is its share of the bank."""
    from collections import Counter

    drawn = Counter(bank.chapter_of(q, reg) for seed in range(200) for q in select_questions(bank, reg, 10, seed=seed))
    sizes = Counter(bank.chapter_of(q, reg) for q in bank.questions)
    for chapter, n in sizes.items():
        assert abs(drawn[chapter] / 2000 - n / len(bank)) < 0.02, (chapter, drawn[chapter], n)
    with_six = sum(any(bank.chapter_of(q, reg) == 6 for q in select_questions(bank, reg, 10, seed=s))
                   for s in range(50))
    assert 0 < with_six < 40


def test_filters_are_respected(bank, reg):
    f = parse_filters(reg, types=["judge,blank"], chapters=["第四章"], difficulty=["1-2"])
    qs = select_questions(bank, reg, 15, f, seed=1)
    assert qs and all(q.type in (QType.JUDGE, QType.BLANK) for q in qs)
    assert all(27 <= q.basis.article <= 37 and q.difficulty <= 2 for q in qs)
    qs = select_questions(bank, reg, 5, parse_filters(reg, articles=["34"]), seed=1)
    assert {q.basis.article for q in qs} == {34}
    qs = select_questions(bank, reg, 50, parse_filters(reg, tags=["用条例"]), seed=1)
    assert len(qs) == 50 and all("用条例" in q.tags for q in qs)


def test_impossible_filters_explain_in_chinese(bank, reg):
    with pytest.raises(XuezhiError) as info:
        select_questions(bank, reg, 5, Filters(articles=(49,), types=(QType.MULTIPLE,)))
    assert "没有符合条件的题目" in info.value.message
    with pytest.raises(XuezhiError):
        parse_filters(reg, types=["essay"])
    with pytest.raises(XuezhiError):
        parse_filters(reg, difficulty=["5"])


def test_a_perfect_session_scores_100_and_counts_by_type(bank, reg):
    s = QuizSession(select_questions(bank, reg, 12, seed=3), seed=3)
    while (p := s.next_question()):
        s.answer(parse_answer(p, right_answer(p)))
    r = s.result()
    assert r.score == 100 and r.total.correct == 12 and not r.unanswered
    assert sum(t.total for t in r.by_type().values()) == 12


def test_score_weights_points_per_type(bank, reg):
    single = next(q for q in bank.questions if q.type is QType.SINGLE)
    judge = next(q for q in bank.questions if q.type is QType.JUDGE)
    s = QuizSession([single, judge], points={QType.SINGLE: 3, QType.JUDGE: 1})
    p = s.next_question()
    s.answer(parse_answer(p, right_answer(p)))
    p = s.next_question()
    s.answer(parse_answer(p, "错" if p.question.answer else "对"))
    assert s.result().score == 75.0


def test_time_limit_turns_the_rest_into_unanswered_without_sleeping(bank, reg):
    clock = FakeClock()
    s = QuizSession(select_questions(bank, reg, 5, seed=9), seed=9, time_limit=60, clock=clock)
    p = s.next_question()
    clock.now += 20
    s.answer(parse_answer(p, right_answer(p)))
    p = s.next_question()
    clock.now += 50  # past the limit while answering: this answer does not count
    rec = s.answer(parse_answer(p, right_answer(p)))
    assert rec.response is None and rec.timed_out
    assert s.finished and s.next_question() is None
    r = s.result()
    assert r.time_up and r.total.correct == 1 and len(r.unanswered) == 4
    assert s.remaining_time() == 0


def test_per_question_limit_marks_a_late_answer_wrong(bank, reg):
    clock = FakeClock()
    s = QuizSession(select_questions(bank, reg, 3, seed=2), question_limit=45, clock=clock)
    p = s.next_question()
    clock.now += 46
    rec = s.answer(parse_answer(p, right_answer(p)))
    assert rec.timed_out and not rec.correct


def test_stopping_keeps_what_was_answered(bank, reg):
    s = QuizSession(select_questions(bank, reg, 5, seed=4), seed=4)
    p = s.next_question()
    s.answer(parse_answer(p, right_answer(p)))
    s.stop()
    r = s.result()
    assert r.stopped_early and len(r.records) == 1 and len(r.unanswered) == 4


@pytest.mark.parametrize(("text", "seconds"), [("15m", 900), ("90s", 90), ("1h30m", 5400), ("15", 900),
                                               ("15分钟", 900), ("2分30秒", 150)])
def test_durations(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "abc", "0", "-5m", "15x"])
def test_bad_durations(text):
    with pytest.raises(XuezhiError):
        parse_duration(text)


def test_time_left_counts_down_the_nearer_limit_and_expiry_ends_or_fails_the_question(bank, reg):
    clock = FakeClock()
    s = QuizSession(select_questions(bank, reg, 3, seed=2), question_limit=45, time_limit=100, clock=clock)
    assert s.time_left() == 100  # no question shown yet: only the whole quiz's limit
    s.next_question()
    clock.now += 10
    assert s.time_left() == 35  # this question's own limit is nearer
    clock.now += 35
    rec = s.expire()  # the screen waited 35 s more and nothing came
    assert rec is not None and rec.timed_out and rec.response is None and not rec.correct
    assert len(s.records) == 1 and not s.finished
    s.next_question()
    clock.now += 55  # 100 s in all: the whole quiz is over
    assert s.time_left() == 0
    assert s.expire() is None and s.finished
    r = s.result()
    assert r.time_up and len(r.unanswered) == 2
