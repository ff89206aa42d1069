"""Every transcript in README.md is what the command prints, so the README cannot drift.

A transcript is a ```text block whose first line starts with `$ xuezhi ` (or `$ printf '…' |
xuezhi `: what the pipe types is the command's input). Each `$ ` line is a command; the lines
after it, up to the next `$ ` line, are its output (trailing spaces and blank lines at the end are
not compared). A line beginning with `……` stands for any number of lines: the lines before it must
begin the output, the lines after it end it. An HTML comment on the line just before the block
sets how it runs (README: 开发):

    <!-- readme: input=C\n错\n story=学习记录 now=2025-03-14T12:30 files=my.yaml -->

- `input`: what is typed (`\n` ends a line), the same for each command of the block;
- `now`: XUEZHI_NOW, local time (default 2025-03-14T09:00, as the examples were made);
- `story`: blocks of the same story run in README order in one home and folder, after the
  commands listed for it in tests/data/readme_stories.yaml (the days before the examples);
- `files`: files copied from tests/data/readme/ into the folder the command runs in.

Each command runs in a process of its own (tests/readme_run.py: the real program, with a quiz
clock that moves one second each time it is read and options shuffled alike every run), at 80
columns with NO_COLOR, in <tmp>/home/zhangsan, which the output shows as /home/zhangsan, with the
learning record in .local/share/xuezhi below it (XUEZHI_HOME).

`python tests/test_readme.py --update` writes what the commands print now into README.md (the
lines around each `……` keep their number): read the diff before committing it.
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

TESTS = Path(__file__).resolve().parent
README = TESTS.parent / "README.md"
DATA = TESTS / "data"
RUN = TESTS / "readme_run.py"
NOW = "2025-03-14T09:00:00"
_BLOCK = re.compile(r"(?:^<!-- readme: (?P<opts>[^\n]*?) -->\n)?^```text\n(?P<body>.*?)^```", re.S | re.M)
_OPTION = re.compile(r"(\w+)=(?:'([^']*)'|(\S*))")
_COMMAND = re.compile(r"\$ (xuezhi|printf '[^']*' \| xuezhi) ")


@dataclass
class Step:
    command: str  # as written after `$ `
    shown: list[str] = field(default_factory=list)

    @property
    def args(self) -> list[str]:
        words = shlex.split(self.command)
        return words[words.index("xuezhi") + 1:]

    @property
    def typed(self) -> str | None:
        """What `printf '…' |` types, if the command is piped."""
        words = shlex.split(self.command)
        return words[1].replace("\\n", "\n") if words[0] == "printf" else None


@dataclass
class Transcript:
    start: int  # offset of the block's body in the README
    end: int
    steps: list[Step]
    opts: dict[str, str]
    line: int

    @property
    def name(self) -> str:
        return f"README:{self.line}"


def _options(text: str | None) -> dict[str, str]:
    """key=value pairs; a value with spaces in 'single quotes'."""
    opts = {m[1]: m[2] if m[2] is not None else m[3] for m in _OPTION.finditer(text or "")}
    if "input" in opts:
        opts["input"] = opts["input"].replace("\\n", "\n")
    return opts


def transcripts(text: str) -> list[Transcript]:
    found = []
    for m in _BLOCK.finditer(text):
        lines = m["body"].splitlines()
        if not lines or not _COMMAND.match(lines[0]):
            continue
        steps: list[Step] = []
        for line in lines:
            if line.startswith("$ "):
                steps.append(Step(line[2:]))
            else:
                steps[-1].shown.append(line)
        line = text.count("\n", 0, m.start("body")) + 1
        found.append(Transcript(m.start("body"), m.end("body"), steps, _options(m["opts"]), line))
    return found


def runs(text: str) -> list[list[Transcript]]:
    """One run per story (its blocks in order), one per block outside a story."""
    stories: dict[str, list[Transcript]] = {}
    alone = []
    for t in transcripts(text):
        if "story" in t.opts:
            stories.setdefault(t.opts["story"], []).append(t)
        else:
            alone.append([t])
    return alone + list(stories.values())


def _trimmed(lines: list[str]) -> list[str]:
    lines = [line.rstrip() for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _parts(shown: list[str]) -> list[list[str]]:
    """The shown lines between `……` lines."""
    parts: list[list[str]] = [[]]
    for line in _trimmed(shown):
        if line.lstrip().startswith("……"):
            parts.append([])
        else:
            parts[-1].append(line)
    return parts


def differences(shown: list[str], printed: list[str]) -> bool:
    """Whether the printed lines differ from the shown ones, where a `……` line elides lines."""
    parts, printed = _parts(shown), _trimmed(printed)
    if len(parts) == 1:
        return parts[0] != printed
    head, *middle, tail = parts
    if len(printed) < len(head) + len(tail) or printed[:len(head)] != head:
        return True
    if tail and printed[-len(tail):] != tail:
        return True
    rest = printed[len(head):len(printed) - len(tail)]
    for part in middle:
        at = next((i for i in range(len(rest) - len(part) + 1) if rest[i:i + len(part)] == part), None)
        if at is None:
            return True
        rest = rest[at + len(part):]
    return False


def _stories() -> dict[str, list[dict]]:
    return yaml.safe_load((DATA / "readme_stories.yaml").read_text(encoding="utf-8")) or {}


def _run(home: Path, args: list[str], now: str, typed: str | None) -> list[str]:
    """The command's output as a terminal shows it (errors where they were printed), in a process
    of its own: CliRunner would print what went to stderr after all of stdout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("XUEZHI_")}
    env |= {"XUEZHI_HOME": str(home / ".local" / "share" / "xuezhi"), "XUEZHI_NOW": now,
            "NO_COLOR": "1", "COLUMNS": "80", "PYTHONIOENCODING": "utf-8", "PYTHONUTF8": "1"}
    if env.get("PYTHONPATH"):  # the same xuezhi as this process, from the user's folder too
        env["PYTHONPATH"] = os.pathsep.join(os.path.abspath(p) for p in env["PYTHONPATH"].split(os.pathsep))
    done = subprocess.run([sys.executable, str(RUN), *args], input=typed or "", cwd=home, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, encoding="utf-8", timeout=120)
    assert "内部错误" not in done.stdout and done.returncode != 4, done.stdout
    return done.stdout.replace(str(home), "/home/zhangsan").splitlines()


def play(blocks: list[Transcript], home: Path) -> Iterator[tuple[Transcript, Step, list[str]]]:
    """Run a story's blocks (or one block) in `home`: each step with what it printed."""
    story = blocks[0].opts.get("story")
    for before in _stories().get(story, []) if story else []:
        _run(home, shlex.split(before["run"]), before["now"], before.get("input"))
    for block in blocks:
        for name in filter(None, block.opts.get("files", "").split(",")):
            shutil.copy(DATA / "readme" / name, home / name)
        for step in block.steps:
            typed = step.typed if step.typed is not None else block.opts.get("input")
            yield block, step, _run(home, step.args, block.opts.get("now", NOW), typed)


@pytest.fixture
def home(tmp_path):
    """The user's folder, where commands run, with the learning record in its default place."""
    user = tmp_path / "home" / "zhangsan"
    user.mkdir(parents=True)
    return user


@pytest.mark.parametrize("blocks", runs(README.read_text(encoding="utf-8")), ids=lambda blocks: blocks[0].name)
def test_the_transcript_is_what_the_command_prints(blocks, home):
    for block, step, printed in play(blocks, home):
        if differences(step.shown, printed):
            diff = difflib.unified_diff(_trimmed(step.shown), _trimmed(printed), "README.md", "printed", lineterm="")
            pytest.fail(f"README.md line {block.line}: $ {step.command}\n" + "\n".join(diff)
                        + "\n(python tests/test_readme.py --update writes the new output into the README)")


def test_the_elision_marks_a_gap():
    assert not differences(["a", "……", "z"], ["a", "b", "c", "z"])
    assert not differences(["a", "  ……（从略）"], ["a", "b"])
    assert differences(["a", "……", "z"], ["a", "b"])
    assert differences(["a", "……", "a"], ["a"])
    assert differences(["a", "b"], ["a", "b", "c"])
    assert not differences(["a", "……", "c", "……", "e"], ["a", "b", "c", "d", "e"])
    assert differences(["a", "……", "x", "……", "e"], ["a", "b", "c", "d", "e"])


def _updated(step: Step, printed: list[str]) -> list[str]:
    """The step's lines with the printed output, keeping its elisions and the blank lines after it."""
    printed = _trimmed(printed)
    gap = len(step.shown) - len(_trimmed(step.shown))
    shown = _trimmed(step.shown)
    marks = [line for line in shown if line.lstrip().startswith("……")]
    if not marks:
        return printed + [""] * gap
    head, *middle, tail = _parts(step.shown)
    lines = printed[:len(head)]
    for mark, part in zip(marks, middle, strict=False):  # the parts between two elisions stay as written
        lines += [mark, *part]
    lines += [marks[-1], *(printed[len(printed) - len(tail):] if tail else [])]
    return lines + [""] * gap


def update() -> int:
    """Write what the commands print into README.md; the number of transcripts changed."""
    text = README.read_text(encoding="utf-8")
    changed: dict[int, tuple[int, str]] = {}
    for blocks in runs(text):
        with tempfile.TemporaryDirectory() as tmp:
            user = Path(tmp) / "home" / "zhangsan"
            user.mkdir(parents=True)
            bodies: dict[int, list[str]] = {}
            for block, step, printed in play(blocks, user):
                bodies.setdefault(block.start, []).extend([f"$ {step.command}", *_updated(step, printed)])
            for block in blocks:
                body = "\n".join(bodies[block.start]) + "\n"
                if body != text[block.start:block.end]:
                    changed[block.start] = (block.end, body)
    for start in sorted(changed, reverse=True):
        end, body = changed[start]
        text = text[:start] + body + text[end:]
    README.write_text(text, encoding="utf-8")
    return len(changed)


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("用法：python tests/test_readme.py --update（把命令现在的输出写进 README.md）")
    print(f"README.md：更新了 {update()} 段示例输出。")
