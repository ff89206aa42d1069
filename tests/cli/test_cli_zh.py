"""What typer and click print themselves (help, usage errors) reaches users in Chinese.

cli_zh patches typer internals; if a typer upgrade moves them, these tests fail first.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

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
    ["toc", "extra"],  # click 8.2 writes "argument(s)"; this once came through in English
    ["export", "a.docx", "b.docx"],
])
def test_usage_errors_are_chinese_with_exit_2(invoke, args):
    r = invoke(*args)
    assert r.exit_code == 2, r.output
    assert r.stderr.startswith("错误：")
    assert not ENGLISH.search(r.stderr), r.stderr


@pytest.mark.parametrize("command", ["", "quiz", "show", "search", "export", "review", "daily", "stats",
                                     "history", "progress", "progress export", "validate", "toc", "info"])
def test_help_pages_are_chinese(invoke, command):
    r = invoke(*command.split(), "--help")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("用法：")
    assert not ENGLISH.search(r.stdout), r.stdout


def test_translation_keeps_unknown_messages():
    from xuezhi.cli.zh import translate

    assert translate("Invalid value for '--count' / '-n': 'abc' is not a valid int range.") == \
        "--count 的值“abc”不是整数。"
    assert translate("No such option: --lmit Did you mean --limit?") == "没有选项 --lmit（是否想用 --limit？）。"
    # one it does not know is Chinese too (click's English only with XUEZHI_DEBUG=1)
    assert translate("something new") == "命令行有误，请对照下面的用法检查。"



def _help_on_a_terminal(command: str, columns: int) -> str:
    """`xuezhi COMMAND --help` as a terminal shows it (Rich panels), without colour codes."""
    import pty

    try:
        master, slave = pty.openpty()
    except OSError as e:  # a container without /dev/pts
        pytest.skip(f"no pseudo-terminal here: {e}")
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "XUEZHI_DEBUG")}
    env |= {"COLUMNS": str(columns), "TERM": "xterm", "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen([sys.executable, "-m", "xuezhi", command, "--help"], stdout=slave,
                            stderr=subprocess.DEVNULL, env=env)
    os.close(slave)
    chunks = []
    while True:  # read while it writes: a full terminal buffer would block the child
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child has exited and everything was read
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.wait(timeout=60) == 0
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode("utf-8"))


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal (POSIX)")
@pytest.mark.parametrize("command", ["quiz", "export", "search", "review", "daily"])
def test_help_on_an_80_column_terminal_keeps_every_word(command):
    """Rich alone cut long Chinese help sentences short with "…": the user never saw the end."""
    text = _help_on_a_terminal(command, 80)
    assert "╭─ 选项" in text  # the Rich layout, as on a terminal
    lines = [line for line in text.splitlines() if line.startswith("│")]
    assert lines and all(not line.rstrip(" │").endswith("…") for line in lines)
    if command == "quiz":
        flat = "".join(ch for ch in text if not ch.isspace() and ch != "│")
        assert "随机种子：同一种子抽到同样的题和选项顺序。" in flat


def test_the_bare_command_shows_help_and_succeeds(invoke):
    """`xuezhi` alone asks what the tool does; click treated it as a usage error (exit 2)."""
    r = invoke()
    assert r.exit_code == 0 and r.stdout.startswith("用法：") and "quiz" in r.stdout
