"""Question ids that were removed and are never used again (docs/命题规范.md 六、2).

Progress files, exported papers and Anki decks name questions by id: a new question under an old id
would inherit someone's history with the old one. The list sits beside the bank it belongs to
(data/retired_ids.yaml beside data/questions.yaml); a bank elsewhere without one has none.
"""

from __future__ import annotations

from pathlib import Path

from xuezhi.bank.model import Problem, QuestionBank
from xuezhi.errors import DataFileError
from xuezhi.text.yamlfile import line_of, parsed_once

RETIRED_FILE = "retired_ids.yaml"


def retired_path(bank_file: Path) -> Path:
    return Path(bank_file).parent / RETIRED_FILE


def _parse(raw: object, file: Path, text: str) -> dict[str, int | None]:
    if raw is None:
        return {}
    if not isinstance(raw, list):
        raise DataFileError(str(file), "已删除题号文件应为题号列表（- Q1012）", line=1)
    out: dict[str, int | None] = {}
    for i, qid in enumerate(raw):
        if not isinstance(qid, str) or not qid.strip():
            raise DataFileError(str(file), f"第 {i + 1} 项应为题号文本（如 Q1012），实际是 {qid!r}",
                                line=line_of(text, [i]))
        out.setdefault(qid.strip(), line_of(text, [i]))
    return out


def retired_ids(bank_file: Path) -> dict[str, int | None]:
    """The retired ids next to `bank_file`, each with its line; empty when there is no such file."""
    path = retired_path(bank_file)
    if not path.is_file():
        return {}
    return parsed_once(path, _parse)


def reused_ids(bank: QuestionBank) -> list[Problem]:
    """An error for every question whose id is on the retired list."""
    retired = retired_ids(bank.source)
    path = retired_path(bank.source)
    return [Problem(str(bank.source), bank.line(q), q.id, "复用已删除题号",
                    f"题号 {q.id} 已删除（见 {path.name} 第 {retired[q.id]} 行），不能再用：请给这道题换一个新题号")
            for q in (*bank.questions, *bank.duplicates) if q.id in retired]
