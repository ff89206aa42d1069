"""Helpers for the progress tests: small banks whose answers are known without seeing the screen.

A bank of true-or-false questions that are all true makes every answer predictable whatever
the option shuffle or the order a review picks: "对" is right, "错" is wrong.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from xuezhi.bank.load import load_bank
from xuezhi.bank.model import QType, Question

ROOT = Path(__file__).resolve().parent.parent


def true_questions() -> list[Question]:
    return [q for q in load_bank().questions if q.type is QType.JUDGE and q.answer is True]


def write_bank(path: Path, questions: list[Question]) -> Path:
    path.write_text(yaml.safe_dump([q.as_dict() for q in questions], allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def true_bank(tmp_path: Path, n: int | None = None, name: str = "true-bank.yaml") -> tuple[Path, list[Question]]:
    qs = true_questions()[:n] if n else true_questions()
    return write_bank(tmp_path / name, qs), qs


def lines(*answers: str) -> str:
    return "".join(a + "\n" for a in answers)

