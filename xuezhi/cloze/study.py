"""Cloze cards in the review loop: each card asked as a one-blank question, so the quiz screen, the
grading (numbers in any form: 15日, 十五日, 15) and the FSRS scheduling of the questions serve the
cards too; the store tells them apart by their ids (model.CARD_PREFIX) and records them as "cloze".
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from pathlib import Path

from xuezhi.bank.model import Basis, QType, Question, QuestionBank
from xuezhi.cloze.model import Card, is_card_id
from xuezhi.cloze.patterns import CLAUSE_END
from xuezhi.text.corpus import Regulation

TYPE_LABEL = "填空卡"
DAILY_CARDS = 2  # cards mixed into each daily set
STEM_BLANK = "（　）"


def accepted(answer: str) -> tuple[str, ...]:
    """The answer, and the answer without the commas and 、 inside it (受理转送交办 for 受理、转送、交办)."""
    bare = "".join(ch for ch in answer if ch not in CLAUSE_END + "、")
    return (answer, bare) if bare != answer else (answer,)


def card_question(card: Card) -> Question:
    return Question(
        id=card.id, type=QType.BLANK, stem=f"{card.label}：{card.before}{STEM_BLANK}{card.after}",
        answer=(accepted(card.answer),),
        basis=Basis(card.article, card.paragraph, card.item or None),
        explanation="原句：" + card.marked_sentence(), tags=(TYPE_LABEL, card.kind.label), group=card.group or None)


def card_bank(cards: list[Card], reg: Regulation) -> QuestionBank:
    return QuestionBank(tuple(card_question(c) for c in cards), Path(reg.source))


def due_cards(due_ids: list[str], bank: QuestionBank) -> list[Question]:
    return [q for qid in due_ids if (q := bank.get(qid)) is not None]


def daily_cards(due_ids: list[str], answered_today: Collection[str], bank: QuestionBank,
                count: int = DAILY_CARDS) -> list[Question]:
    """The few cards mixed into the day's set: cards due for review (those answered wrong first), once
    the learner has begun them with `review --cloze`. New cards are not pushed into a daily set: it
    stays the set of questions it always was for whoever does not use the cards. Cards answered in
    today's daily sets count toward the few."""
    want = count - len([q for q in answered_today if is_card_id(q)])
    if want <= 0:
        return []
    return spread([q for q in due_cards(due_ids, bank) if q.id not in answered_today])[:want]


def spread(questions: list[Question]) -> list[Question]:
    """At most one card of a paragraph or item in one set: a card's context shows the answers of the
    others there. The rest wait for the next set."""
    seen: set[tuple] = set()
    out = []
    for q in questions:
        if q.basis.place not in seen:
            seen.add(q.basis.place)
            out.append(q)
    return out


def summary(cards: list[Card], states: dict, known: list[int], articles: int, at: datetime) -> dict:
    """What `stats` says of 学原文: articles known by heart, cards seen and due today."""
    from xuezhi.progress.review import end_of_day

    ids = {c.id for c in cards}
    seen = [s for qid, s in states.items() if qid in ids]
    limit = end_of_day(at)
    return {"articles": articles, "known_by_heart": len(known), "known_articles": sorted(known),
            "cards": len(cards), "cards_seen": len(seen), "cards_due": sum(1 for s in seen if s.due < limit)}
