"""The README's 新旧对照 section: its counts line and its examples (its transcripts are checked with
every other in tests/test_readme.py)."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def section() -> str:
    text = README.read_text(encoding="utf-8")
    return text[text.index("## 新旧对照 compare"):text.index("## 题库与校验 validate")]


def test_the_counts_line_is_the_tables_last_but_one(invoke):
    counts = re.search(r"```text\n(2022年条文 50 条：.+?)\n```", section()).group(1)
    assert invoke("compare").stdout.splitlines()[-2] == counts


def test_every_command_in_the_examples_runs(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    commands = re.findall(r"^xuezhi (\S.*?)\s+#", section().split("```bash\n")[1].split("```")[0], re.M)
    assert len(commands) == 9
    for command in commands:
        assert invoke(*command.split()).exit_code == 0, command
