"""Play a README story again when the questions it draws have changed (README: 开发).

    python tests/readme_story.py 学习记录

A simulated cadre answers each question of the story's commands, right with the odds given (four
in five by default, seeded per step, so the story is the same every time it is played): the days
before the examples in tests/data/readme_stories.yaml (`odds:`), then the README blocks of the
story that show questions or give `odds=` (their `input=`). It finds each next question by
running the command in a copy of the folder with the answers so far, reads the question off the
screen and looks it up in the bank. It rewrites the inputs in both files; then
`python tests/test_readme.py --update` writes the outputs, and the diff is read before committing.
"""

from __future__ import annotations

import random
import re
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

import yaml
from test_readme import DATA, NOW, README, _run, transcripts

from xuezhi.bank.load import load_bank
from xuezhi.bank.model import QType, Question

_HEAD = re.compile(r"^【第 (\d+)(?:/\d+)? 题 · .+?】$", re.M)
_OPTION = re.compile(r"^  ([A-F])\. (.*)$")


def _answer(q: Question, shown: list[str], right: bool, rng: random.Random) -> str:
    """What the cadre types: the answer, or a plausible wrong one."""
    if q.type is QType.JUDGE:
        return "对" if q.answer == right else "错"
    if q.type is QType.BLANK:
        return "；".join(b[0] if right else "不知道" for b in q.blanks)
    options = [m.groups() for m in map(_OPTION.match, shown) if m]
    correct = {q.options[i] for i in q.correct_indexes}
    good = [letter for letter, text in options if text in correct]
    bad = [letter for letter, text in options if text not in correct]
    if right:
        return "".join(good)
    if q.type is QType.SINGLE:
        return rng.choice(bad)
    return "".join(sorted([*good[:-1], rng.choice(bad)]))


def play(home: Path, args: list[str], now: str, odds: float, seed: int) -> str:
    """The typed lines that answer every question the command asks, found one at a time."""
    bank = {q.stem: q for q in load_bank().questions}
    rng = random.Random(seed)
    typed = ""
    while True:
        with tempfile.TemporaryDirectory() as tmp:
            probe = Path(tmp) / "home" / "zhangsan"
            shutil.copytree(home, probe)
            printed = "\n".join(_run(probe, args, now, typed))
        heads = list(_HEAD.finditer(printed))
        if not heads or int(heads[-1][1]) != typed.count("\n") + 1:
            return typed
        lines = printed[heads[-1].end():].lstrip("\n").splitlines()
        typed += _answer(bank[lines[0]], lines[1:], rng.random() < odds, rng) + "\n"


def main(story: str) -> None:
    stories_file = DATA / "readme_stories.yaml"
    steps = yaml.safe_load(stories_file.read_text(encoding="utf-8"))[story]
    text = README.read_text(encoding="utf-8")
    blocks = [t for t in transcripts(text) if t.opts.get("story") == story]
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home" / "zhangsan"
        home.mkdir(parents=True)
        for n, step in enumerate(steps):
            step["input"] = play(home, shlex.split(step["run"]), step["now"], step.get("odds", 0.8), n)
            _run(home, shlex.split(step["run"]), step["now"], step["input"])
        inputs = []  # (where the block's marker is, the new input)
        for n, block in enumerate(blocks, start=len(steps)):
            typed = block.opts.get("input")
            for s in block.steps:
                if typed is not None and ("odds" in block.opts or _HEAD.search("\n".join(s.shown))):
                    typed = play(home, s.args, block.opts.get("now", NOW), float(block.opts.get("odds", 0.8)), n)
                    inputs.append((text.rindex("<!-- readme: ", 0, block.start), typed))
                _run(home, s.args, block.opts.get("now", NOW), typed)
    for marker, typed in reversed(inputs):
        end = text.index("-->", marker)
        new = "input='" + typed.replace("\n", "\\n") + "'"
        text = text[:marker] + re.sub(r"input=(?:'[^']*'|\S*)", lambda _, new=new: new, text[marker:end]) + text[end:]
    lines = [line for line in stories_file.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    for name, played in yaml.safe_load(stories_file.read_text(encoding="utf-8")).items():
        lines.append(f"{name}:")
        for step in steps if name == story else played:
            extra = f", odds: {step['odds']}" if "odds" in step else ""
            typed = step["input"].replace("\n", "\\n")
            lines.append(f'  - {{now: "{step["now"]}", run: {step["run"]}, input: "{typed}"{extra}}}')
    stories_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    README.write_text(text, encoding="utf-8")
    print(f"已重新作答“{story}”：{len(steps)} 步在 {stories_file.name}，{len(blocks)} 段在 README.md。")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("用法：python tests/readme_story.py 故事名（如 学习记录）")
    main(sys.argv[1])
