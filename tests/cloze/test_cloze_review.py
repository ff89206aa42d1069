"""Cloze cards in the review loop: scheduled by FSRS in the same store as the questions, asked by
`review --cloze`, brought back into `daily` when due, with the whole sentence as feedback."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from xuezhi.cloze.generate import generate
from xuezhi.text.corpus import load_regulation


@pytest.fixture(autouse=True)
def _morning(monkeypatch):
    """A card answered wrong is due again in minutes: "due today" must not depend on how near
    midnight the suite runs (a minute before, the card was due tomorrow and daily had 5 questions)."""
    monkeypatch.setenv("XUEZHI_NOW", "2025-03-14T09:00:00+08:00")


def store_rows(home: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(home / "progress.db") as c:
        return c.execute(sql).fetchall()


def first_cards(n: int) -> list:
    """The cards review --cloze starts with: one per paragraph or item, in the order of the text."""
    seen, out = set(), []
    for c in generate(load_regulation()):
        if (c.article, c.paragraph, c.item) not in seen:
            seen.add((c.article, c.paragraph, c.item))
            out.append(c)
    return out[:n]


def test_review_cloze_asks_cards_and_schedules_them_with_the_questions(invoke, tmp_path):
    a, b = first_cards(2)
    r = invoke("review", "--cloze", "-n", "2", input=f"{a.answer}\n不知道\n")
    assert r.exit_code == 0, r.output
    assert "填空卡：共 2 题" in r.stdout and "（　）" in r.stdout
    assert f"原句：{a.marked_sentence()}" in r.stdout  # the whole sentence, the answer set off
    assert f"正确答案：{b.answer}" in r.stdout or f"答案：{b.answer}" in r.stdout
    home = tmp_path / "xuezhi-home"
    assert store_rows(home, "SELECT question_id, qtype, correct FROM answers ORDER BY id") == [
        (a.id, "cloze", 1), (b.id, "cloze", 0)]
    states = dict(store_rows(home, "SELECT question_id, last_correct FROM review_state"))
    assert states == {a.id: 1, b.id: 0}
    data = json.loads(invoke("stats", "--json").stdout)
    cloze = next(t for t in data["by_type"] if t["type"] == "cloze")
    assert cloze["label"] == "填空卡" and cloze["answers"] == 2
    assert data["questions_not_in_bank"] == 0  # cards are not questions the bank lost
    assert data["recitation"]["cards_seen"] == 2 and data["recitation"]["cards_due"] >= 1
    history = invoke("history").stdout
    assert "填空卡" in history


def test_a_card_answered_wrong_comes_back_in_review_and_in_daily(invoke):
    (a,) = first_cards(1)
    invoke("review", "--cloze", "-n", "1", input="不知道\n")
    again = invoke("review", "--cloze", "--wrong", input=f"{a.answer}\n")
    assert "填空卡：共 1 题" in again.stdout and "√ 回答正确" in again.stdout
    invoke("review", "--cloze", "-n", "1", input="不知道\n")  # the next card, wrong: due again today
    daily = invoke("daily", input="\n" * 0)
    assert "每日一练：共 6 题" in daily.stdout  # five questions and the card that is due


def test_without_cards_begun_daily_is_questions_only(invoke):
    r = invoke("daily", input="")
    assert "每日一练：共 5 题" in r.stdout
