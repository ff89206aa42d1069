"""README's two set-up commands stay what .ci/run runs, and create the venv themselves (a Debian or
Ubuntu system Python refuses a bare `pip install .`: error: externally-managed-environment)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup_commands() -> list[str]:
    readme = ROOT.joinpath("README.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", readme, re.S).group(1)
    return [line for line in block.splitlines() if line and not line.startswith("#")]


def test_ci_runs_the_readme_test_command_verbatim():
    install, test = _setup_commands()
    ci = ROOT.joinpath(".ci", "run").read_text(encoding="utf-8").splitlines()
    assert test in ci
    assert "xuezhi quiz" in install and "pytest" in test


def test_both_commands_make_and_use_a_venv():
    for command in _setup_commands():
        assert command.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install ")
