"""Chinese line breaking on terminals: no comma or closing bracket starts a line, no blank is torn."""

from __future__ import annotations

import io
import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from xuezhi.terminal.linebreak import NO_LINE_END, NO_LINE_START, divide_line

WIDTHS = (17, 24, 40, 57, 80, 101)


def pieces(text: str, width: int) -> list[str]:
    cuts = [0, *divide_line(text, width), len(text)]
    return [text[a:b] for a, b in itertools.pairwise(cuts)]


def _texts(reg, bank) -> list[str]:
    out = []
    for a in reg.articles:
        for p in a.paragraphs:
            out += [p.text, *p.items]
    for q in bank.questions:
        out += [q.stem, q.explanation, *q.options]
    return out


@pytest.mark.parametrize("width", WIDTHS)
def test_every_text_of_the_tool_breaks_by_the_rules(reg, bank, width):
    for text in _texts(reg, bank):
        lines = pieces(text, width)
        assert "".join(lines) == text  # nothing lost, nothing added
        for i, line in enumerate(lines):
            assert cell_len(line.rstrip()) <= width, (text, line)
            if i:
                assert line[0] not in NO_LINE_START, (text, width, line)
                assert not line[0].isspace()
            if i < len(lines) - 1:
                assert line.rstrip()[-1] not in NO_LINE_END, (text, width, line)


def test_latin_words_and_numbers_stay_whole():
    text = "导出为 Moodle XML 格式，自2022年5月1日起施行，按Ctrl-C结束，--count 5"
    for width in range(10, 30):
        lines = pieces(text, width)
        for line in lines:
            assert line.strip() not in {"Moo", "Mood", "Moodl", "XM", "202", "20", "Ctrl", "-C", "--", "count"}
        for word in ("2022", "Ctrl-C", "--count"):
            assert any(word in line for line in lines)
    # a long ASCII list still breaks after its commas (typer would otherwise cut it with …)
    assert pieces("默认 single:20x2,multiple:10x3,judge:10x1", 24) == ["默认 single:20x2,", "multiple:10x3,judge:10x1"]


def test_a_sentence_after_a_space_is_not_pushed_to_the_next_line():
    """Rich alone moves the whole Chinese sentence after 'A. ' down, leaving 'A.' alone."""
    lines = pieces("A. 各级机关、单位工作人员与信访事项或者信访人有直接利害关系的，应当回避。", 30)
    assert lines[0].startswith("A. 各级机关")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("信访人（）　，。、“”ab1 —…\t①"), max_size=80), st.integers(1, 40))
def test_any_text_gets_increasing_breaks_and_lines_that_fit(text, width):
    cuts = divide_line(text, width)
    assert cuts == sorted(set(cuts)) and all(0 < c < len(text) for c in cuts)
    if width >= 2:  # a two-cell character fits any line at least two cells wide
        for line in pieces(text, width):
            assert cell_len(line.rstrip()) <= width


@pytest.mark.parametrize("width", range(40, 101, 3))
def test_quiz_panels_never_tear_a_blank_or_start_a_line_with_punctuation(reg, bank, width):
    """Seen in a terminal: 第（　 at the end of one line and ）条 at the start of the next."""
    from xuezhi.bank.model import QType
    from xuezhi.quiz.select import present
    from xuezhi.terminal.console import Ui, make_ui
    from xuezhi.terminal.quiz_screen import QuizScreen

    make_ui()  # what every command does first; installs the line breaking
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, markup=False, highlight=False)
    screen = QuizScreen(Ui(out=console, err=console, plain=False), reg, bank, lambda prompt: None)
    for q in bank.questions:
        if q.type is QType.BLANK:
            console.print(screen.question_block(present(q, random.Random(1)), 1, 1, None))
    inner = [line.strip("│ ") for line in out.getvalue().splitlines() if line.startswith("│")]
    assert inner
    for line in inner:
        assert line[0] not in NO_LINE_START, line
        assert line[-1] not in NO_LINE_END, line


def test_a_long_option_wraps_under_its_own_text(reg, bank):
    from xuezhi.bank.model import LETTERS, QType
    from xuezhi.quiz.select import present
    from xuezhi.terminal.console import Ui, make_ui
    from xuezhi.terminal.quiz_screen import QuizScreen

    make_ui()
    q = next(q for q in bank.questions if q.type is QType.MULTIPLE and max(map(cell_len, q.options)) > 40)
    p = present(q, random.Random(3))
    out = io.StringIO()
    console = Console(file=out, width=44, color_system=None, markup=False, highlight=False)
    console.print(QuizScreen(Ui(out=console, err=console, plain=False), reg, bank, lambda _: None)
                  .question_block(p, 1, 1, None))
    inner = [line[2:-2] for line in out.getvalue().splitlines() if line.startswith("│")]
    for letter, option in zip(LETTERS, p.options, strict=False):
        first = next(i for i, line in enumerate(inner) if line.startswith(f"  {letter}. "))
        rest = option[len(inner[first][5:].rstrip()):]
        while rest:  # every continuation line is indented past "  A. "
            first += 1
            assert inner[first].startswith("     ") and not inner[first][5].isspace()
            piece = inner[first][5:].rstrip()
            assert rest.startswith(piece)
            rest = rest[len(piece):]
