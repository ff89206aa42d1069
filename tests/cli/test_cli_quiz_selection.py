"""The quiz command draws as an examiner would: practice prefers questions not seen yet, a --seed
still draws the same quiz, and a quiz the bank cannot fill apart says why (issue 10)."""

from __future__ import annotations

import json

from progress_support import lines, true_bank


def asked(invoke, session: int) -> list[str]:
    return [a["question_id"] for a in json.loads(invoke("history", str(session), "--json").stdout)["answers"]]


def test_practice_asks_questions_not_seen_before(invoke, tmp_path):
    path, qs = true_bank(tmp_path)  # every statement true: 对 is always right
    for _ in range(6):
        r = invoke("quiz", "--bank", str(path), "-n", "5", "-q", input=lines(*["对"] * 5))
        assert r.exit_code == 0, r.output
    seen = [qid for s in range(1, 7) for qid in asked(invoke, s)]
    assert len(qs) > 30 and len(seen) == 30 and len(set(seen)) == 30  # 30 of the bank's questions, none twice


def test_a_seed_draws_the_same_quiz_whatever_was_seen(invoke, tmp_path):
    path, _ = true_bank(tmp_path)
    for _ in range(2):
        invoke("quiz", "--bank", str(path), "-n", "5", "-q", "--seed", "7", input=lines(*["对"] * 5))
    assert asked(invoke, 1) == asked(invoke, 2)


def test_a_quiz_that_cannot_be_filled_apart_says_why(invoke):
    r = invoke("quiz", "--article", "1", "-n", "3", "--no-save", input="")
    assert r.exit_code == 0
    assert "不互相提示、不重复考同一句原文的只有 1 道" in r.stderr
