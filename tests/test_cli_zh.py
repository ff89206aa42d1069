"""What typer and click print themselves (help, usage errors) reaches users in Chinese.

cli_zh patches typer internals; if a typer upgrade moves them, these tests fail first.
"""

from __future__ import annotations

import re

import pytest

ENGLISH = re.compile(r"Invalid|not a valid|Usage|Error|Missing|No such|requires|Try |Options|Arguments|"
                     r"Commands|Show this|default:|env var|<str>|<int|<path>|<file>")


@pytest.mark.parametrize("args", [
    ["quiz", "--count", "abc"],
    ["quiz", "--count", "0"],
    ["quiz", "--count"],
    ["history", "abc"],
    ["show", "--bogus"],
    ["bogus-command"],
    ["progress", "import"],
    ["progress", "frobnicate"],
    ["export", "--variants", "x"],
    ["show", "1", "2", "--chapter"],
])
def test_usage_errors_are_chinese_with_exit_2(invoke, args):
    r = invoke(*args)
    assert r.exit_code == 2, r.output
    assert r.stderr.startswith("错误：")
    assert not ENGLISH.search(r.stderr), r.stderr
    assert "Traceback" not in r.output


@pytest.mark.parametrize("command", ["", "quiz", "show", "search", "export", "review", "daily", "stats",
                                     "history", "progress", "progress export", "validate", "toc", "info"])
def test_help_pages_are_chinese(invoke, command):
    r = invoke(*command.split(), "--help")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("用法：")
    assert not ENGLISH.search(r.stdout), r.stdout


def test_translation_keeps_unknown_messages():
    from xuezhi.cli_zh import translate

    assert translate("Invalid value for '--count' / '-n': 'abc' is not a valid int range.") == \
        "--count 的值“abc”不是整数。"
    assert translate("No such option: --lmit Did you mean --limit?") == "没有选项 --lmit（是否想用 --limit？）。"
    assert translate("something new") == "something new"
