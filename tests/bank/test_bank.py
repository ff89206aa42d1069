"""The shipped question bank: enough questions, every article covered, every answer supported."""

from __future__ import annotations

import re
from collections import Counter

from xuezhi.bank.load import parse_bank
from xuezhi.bank.model import BLANK_MARKS, QType
from xuezhi.bank.validation import validate_bank
from xuezhi.text.textnorm import normalise


def test_shipped_bank_breaks_no_rule(bank, reg):
    problems = validate_bank(bank, reg)
    assert [str(p) for p in problems if not p.warning] == []


def test_counts_by_type(bank):
    c = Counter(q.type for q in bank.questions)
    assert len(bank) >= 240
    assert c[QType.SINGLE] >= 100 and c[QType.MULTIPLE] >= 50
    assert c[QType.JUDGE] >= 45 and c[QType.BLANK] >= 45


def test_every_article_is_covered(bank):
    per_article = Counter(q.basis.article for q in bank.questions)
    for n in range(1, 49):
        assert per_article[n] >= 3, f"第{n}条只有 {per_article[n]} 题"
    assert per_article[49] >= 1 and per_article[50] >= 1


def test_each_principle_has_two_questions(bank):
    per_item = Counter(q.basis.item for q in bank.questions if q.basis.article == 5 and q.basis.item)
    assert all(per_item[i] >= 2 for i in range(1, 6)), per_item


def test_situational_questions(bank):
    assert sum("用条例" in q.tags for q in bank.questions) >= 40


def test_ids_are_stable_and_unique(bank):
    ids = [q.id for q in bank.questions]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"Q\d{4}", i) for i in ids)


def test_no_catch_all_options(bank):
    for q in bank.questions:
        assert not any(o.startswith("以上") for o in q.options), q.id


def test_blank_marks_match_answers(bank):
    for q in bank.questions:
        if q.type is QType.BLANK:
            assert sum(q.stem.count(m) for m in BLANK_MARKS) == len(q.blanks), q.id


def test_key_deadlines_are_taught_as_the_text_says(bank, reg):
    """Every question whose answer is a number of days quotes a text that has that number."""
    for q in bank.questions:
        answers = [b[0] for b in q.blanks] if q.type is QType.BLANK else (
            [q.options[i] for i in q.correct_indexes] if q.type is QType.SINGLE else [])
        for a in answers:
            if re.fullmatch(r"\d+(日|个工作日|人)", a):
                assert normalise(a) in normalise(reg.cited_text(*q.basis.place)), q.id


def test_validation_catches_an_answer_the_article_does_not_support(reg, tmp_path):
    text = """
- id: X1
  type: blank
  stem: 复查请求应当自收到书面答复之日起（　）内提出。
  answer: [15日]
  basis: {article: 35}
  explanation: 第三十五条规定：“可以自收到书面答复之日起30日内请求原办理机关、单位的上一级机关、单位复查”。
- id: X2
  type: judge
  stem: 代表人数不得超过10人。
  answer: false
  basis: {article: 20, paragraph: 3}
  explanation: 错误。
- id: X3
  type: single
  stem: 代表人数不得超过（　）。
  options: [3人, 5人, 7人, 10人]
  answer: A
  basis: {article: 20, paragraph: 9}
  explanation: 见第二十条。
"""
    path = tmp_path / "b.yaml"
    path.write_text(text, encoding="utf-8")
    import yaml

    b = parse_bank(yaml.safe_load(text), path, text)
    rules = {(p.qid, p.rule) for p in validate_bank(b, reg) if not p.warning}
    assert rules == {("X1", "答案无依据"), ("X2", "解析缺原文"), ("X3", "依据")}
