"""The bank fields of the item-writing standard: order_free, group (docs/命题规范.md 七)."""

from __future__ import annotations

from pathlib import Path

import yaml

from xuezhi.bank.load import read_bank

BLANK = {"id": "F1", "type": "blank", "stem": "以及（　）、（　）等开展信访工作。",
         "answer": ["群团组织", "国有企事业单位"], "basis": {"article": 2}, "explanation": "第二条。"}
SINGLE = {"id": "F2", "type": "single", "stem": "代表人数不得超过（　）。", "options": ["3人", "5人", "7人", "10人"],
          "answer": "B", "basis": {"article": 20, "paragraph": 3}, "explanation": "第二十条第三款。"}


def _bank(tmp_path: Path, *questions: dict):
    path = tmp_path / "b.yaml"
    path.write_text(yaml.safe_dump(list(questions), allow_unicode=True), encoding="utf-8")
    return read_bank(path)


def test_order_free_and_group_are_read(tmp_path):
    b = _bank(tmp_path, BLANK | {"order_free": True, "group": "第二条"}, SINGLE | {"group": "第二条"})
    assert b.problems == []
    q1, q2 = b.questions
    assert (q1.order_free, q1.group, q2.order_free, q2.group) == (True, "第二条", False, "第二条")
    assert q1.as_dict()["order_free"] is True and q2.as_dict()["group"] == "第二条"


def test_order_free_only_on_blank_questions(tmp_path):
    b = _bank(tmp_path, SINGLE | {"order_free": True})
    line = b.text.splitlines().index("  order_free: true") + 1
    assert [(p.qid, p.rule, p.line) for p in b.problems] == [("F2", "格式", line)]
    assert "只用于填空题" in b.problems[0].message


def test_malformed_order_free_and_group(tmp_path):
    b = _bank(tmp_path, BLANK | {"order_free": "yes", "group": ["a"]})
    messages = [p.message for p in b.problems]
    assert any("order_free 应为 true 或 false" in m for m in messages)
    assert any("group 应为组名" in m for m in messages)
