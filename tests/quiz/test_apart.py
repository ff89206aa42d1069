"""Quizzes and papers keep apart what gives answers away (docs/命题规范.md 四; issue 10): no cue pair,
no declared group twice, no sentence tested twice; two questions per article at most while the pool
allows; practice prefers questions not seen, or not seen recently."""

from __future__ import annotations

import random
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from xuezhi.bank.load import load_bank
from xuezhi.errors import XuezhiError
from xuezhi.quiz.assemble import make_paper
from xuezhi.quiz.draw import chapter_quotas
from xuezhi.quiz.select import Filters, select_questions

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from paper_apart import faults  # the benchmark's own count: one definition of a fault

CLEAN = Counter()


def test_200_default_papers_and_ab_pairs_give_nothing_away(bank, reg):
    for seed in range(1, 201):
        for variants in (1, 2):
            for v in make_paper(reg, bank, seed=seed, variants=variants).variants:
                qs = [i.question for i in v.items]
                assert faults(qs, reg) == CLEAN, (seed, variants, v.label, faults(qs, reg))


def test_practice_quizzes_give_nothing_away(bank, reg):
    for seed in range(100):
        qs = select_questions(bank, reg, 30, seed=seed)
        assert len(qs) == 30 and faults(qs, reg) == CLEAN, seed


def _bank(tmp_path: Path, questions: list[dict]):
    path = tmp_path / "b.yaml"
    path.write_text(yaml.safe_dump(questions, allow_unicode=True), encoding="utf-8")
    return load_bank(path)


def blank(qid: str, article: int, stem: str, answer: str, paragraph: int | None = None, **extra) -> dict:
    basis = {"article": article} | ({"paragraph": paragraph} if paragraph else {})
    return {"id": qid, "type": "blank", "stem": stem, "answer": [answer], "basis": basis,
            "explanation": "解析。"} | extra


FIVE = blank("P1", 20, "多人走访的，应当推选代表，代表人数不得超过（　）。", "5人", 3)
GIVES_FIVE = {"id": "P2", "type": "judge", "stem": "8名群众一起走访，推选代表，代表人数不得超过5人的要求不适用。",
              "answer": False, "basis": {"article": 20, "paragraph": 1},
              "explanation": "第二十条第三款：“代表人数不得超过5人。”"}
SAME_SENTENCE = blank("P3", 20, "多人采用走访形式提出共同的信访事项的，应当推选（　）。", "代表", 3)
OTHER = [blank("P4", 34, "自受理之日起（　）内办结。", "60日"),
         blank("P5", 2, "以及群团组织、（　）等。", "国有企事业单位"),
         blank("P6", 22, "应当予以登记，并区分情况，在（　）内分别按照下列方式处理。", "15日", 1)]


def test_a_cue_pair_and_a_shared_sentence_are_never_drawn_together(tmp_path, reg):
    bank = _bank(tmp_path, [FIVE, GIVES_FIVE, SAME_SENTENCE, *OTHER])
    for seed in range(40):
        ids = {q.id for q in select_questions(bank, reg, 6, seed=seed)}
        assert len(ids) == 4 and len(ids & {"P1", "P2", "P3"}) == 1, ids  # P1 clashes with P2 (cue), P3 (sentence)


def test_a_declared_group_is_never_drawn_together(tmp_path, reg):
    grouped = [q | {"group": "一组"} for q in OTHER[:2]] + [OTHER[2]]
    bank = _bank(tmp_path, grouped)
    for seed in range(20):
        assert len(select_questions(bank, reg, 3, seed=seed)) == 2


def test_a_paper_that_cannot_be_drawn_says_how_many_fit(tmp_path, reg):
    bank = _bank(tmp_path, [FIVE, GIVES_FIVE, SAME_SENTENCE, *OTHER])
    with pytest.raises(XuezhiError) as e:
        make_paper(reg, bank, blueprint="blank:5x2,judge:1x1", seed=1)
    assert "能放在同一张卷子上的" in e.value.message and "约 4 道" in e.value.message and "要求 6 道" in e.value.message


def test_two_per_article_while_the_pool_allows(bank, reg):
    for seed in range(30):
        per_article = Counter(q.basis.article for q in select_questions(bank, reg, 60, seed=seed))
        assert max(per_article.values()) <= 2
    only = select_questions(bank, reg, 10, Filters(articles=(22,)), seed=1)  # one article asked for: more
    assert len(only) > 2 and {q.basis.article for q in only} == {22}


def test_practice_prefers_questions_not_seen_then_seen_longest_ago(bank, reg):
    now = datetime(2025, 3, 14, tzinfo=UTC)
    ids = [q.id for q in bank.questions]
    rng = random.Random(5)
    unseen = set(rng.sample(ids, 40))
    last_seen = {qid: now - timedelta(minutes=rng.randrange(1, 10_000)) for qid in ids if qid not in unseen}
    qs = select_questions(bank, reg, 10, seed=2, last_seen=last_seen)
    assert {q.id for q in qs} <= unseen
    rng.shuffle(ids)
    everyone = {qid: now - timedelta(minutes=i) for i, qid in enumerate(ids)}  # ids[-1] seen longest ago
    by_age = sorted(ids, key=lambda qid: everyone[qid])
    for seed in range(10):
        ranks = [by_age.index(q.id) for q in select_questions(bank, reg, 10, seed=seed, last_seen=everyone)]
        assert max(ranks) < len(ids) // 2 and sum(ranks) / len(ranks) < len(ids) / 6, ranks



def test_a_chapters_share_never_brings_back_a_question_seen_while_fresher_ones_fit(bank, reg):
    """The questions not seen (or seen longest ago) all in one chapter: practice asks them, not its
    share of them and the rest from questions just answered (the chapter quotas used to win: the
    sixth of six 5-question quizzes on a 40-question bank brought one back about one time in twelve)."""
    now = datetime(2025, 3, 14, tzinfo=UTC)
    fresh = {q.id for q in select_questions(bank, reg, 10, Filters(chapters=(5,)), seed=3)}  # they fit together
    recent = {q.id: now - timedelta(minutes=i) for i, q in enumerate(bank.questions) if q.id not in fresh}
    oldest = recent | {qid: now - timedelta(days=30, minutes=i) for i, qid in enumerate(sorted(fresh))}
    for last_seen in (recent, oldest):
        for seed in range(20):
            assert {q.id for q in select_questions(bank, reg, 10, seed=seed, last_seen=last_seen)} == fresh, seed

def test_chapter_quotas_are_proportional_on_average():
    sizes = {1: 36, 2: 76, 3: 79, 4: 85, 5: 63, 6: 8}
    total = Counter()
    for seed in range(4000):
        q = chapter_quotas(sizes, 10, random.Random(seed))
        assert sum(q.values()) == 10 and all(int(10 * n / 347) <= q[k] <= int(10 * n / 347) + 1
                                             for k, n in sizes.items())
        total.update(q)
    for k, n in sizes.items():
        assert abs(total[k] / 4000 - 10 * n / 347) < 0.05, k


def test_variant_b_fresh_parts_do_not_clash_with_reused_ones(bank, reg):
    f = Filters(chapters=(5,))
    for seed in range(1, 11):
        p = make_paper(reg, bank, f, blueprint="single:10x2,judge:5x1", variants=2, seed=seed)
        for v in p.variants:  # a short pool may put three on an article; never what gives answers away
            found = faults([i.question for i in v.items], reg)
            assert found["cue pairs"] == found["sentences tested twice"] == found["groups drawn twice"] == 0
