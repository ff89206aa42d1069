"""How an answer is written, the same wherever it is shown: the quiz's feedback and report, the
history, the paper's key, the exported tables, the handout. Letters are given by the caller (the
bank's, or the ones a quiz showed); these say the rest."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def verdict(value: bool) -> str:
    """A judge answer in tables, keys and history columns."""
    return "正确" if value else "错误"


def verdict_said(value: bool) -> str:
    """A judge answer as the quiz says it after a question (the statement is right or wrong)."""
    return "对（该说法正确）" if value else "错（该说法错误）"


def verdict_mark(value: bool) -> str:
    """√ / ×: what a paper asks the candidate to write for a judge question."""
    return "√" if value else "×"


def verdict_given(value: bool) -> str:
    """What a wrong judge answer was, worded so that it does not read like praise ("你的答案：正确")."""
    return f"你判断为“{'对' if value else '错'}”"


def in_words(options: Sequence[str], indexes: Iterable[int]) -> str:
    """The chosen options' words, in the order given: 采取必要的现场处置措施；给予治安管理处罚."""
    return "；".join(options[i] for i in indexes)


def spelled(letters: str, words: str) -> str:
    """BD（采取必要的现场处置措施；给予治安管理处罚）: letters with their words, for a report read
    after the options have scrolled away."""
    return f"{letters}（{words}）"


def blanks_text(blanks: Iterable[str]) -> str:
    """The blanks' answers in order: 60日；30日."""
    return "；".join(blanks)


def with_alternatives(alts: Sequence[str]) -> str:
    """A blank's answer as a key gives it: the text's word first, the other accepted ones after it:
    5人（或五人）."""
    return alts[0] + (f"（或{'、'.join(alts[1:])}）" if len(alts) > 1 else "")
