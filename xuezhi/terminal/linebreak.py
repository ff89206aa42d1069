"""Line breaking for Chinese text on a terminal, following the 避头尾 rules of Chinese typesetting.

Rich breaks lines only at whitespace and chops anything longer at the cell boundary. For
Chinese that puts a comma or a closing bracket at the start of a line, tears the blank
（　） of a question in two (the ideographic space counts as whitespace), and moves a whole
sentence to the next line when a single space precedes it. `divide_line` here is a drop-in
for `rich._wrap.divide_line`: a break may fall between any two Chinese characters, never
before closing punctuation nor after opening punctuation, never inside a run of Latin letters
or digits (any run of ASCII, except after , ; |), and whitespace stays at the end of the line it follows.
"""

from __future__ import annotations

from rich.cells import get_character_cell_size

# 行首禁则: never the first character of a line.
NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉］｝”’…—％‰·～＿,.;:?!)]}%")
# 行尾禁则: never the last character of a line.
NO_LINE_END = frozenset("（《「『【〔〈［｛“‘([{")


_width = get_character_cell_size  # cached by Rich already


def _narrow_word(ch: str) -> bool:
    """ASCII (Ctrl-C, --count, 1-2, 2022): a run of it is one word, as in English."""
    return ch.isascii()


def can_break(before: str, after: str) -> bool:
    """May a line end with `before` and the next begin with `after`?"""
    if after.isspace():
        return False  # spaces stay at the end of the line they follow
    if before.isspace():
        return after not in NO_LINE_START
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    if _narrow_word(before) and _narrow_word(after):  # inside ASCII: only after a list separator
        return before in ",;|"
    return True


def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """Offsets at which to start new lines so that each line fits `width` cells.

    Trailing whitespace may run past `width` (Rich strips it). A run with no allowed break
    that is wider than a line is cut at the width when `fold`, else left to overflow."""
    breaks: list[int] = []
    width = max(1, width)
    start = 0  # where the current line starts
    last_ok = 0  # the latest offset after `start` before which a break is allowed (0: none)
    used = 0  # cells on the current line so far
    for i, ch in enumerate(text):
        if i > start and can_break(text[i - 1], ch):
            last_ok = i
        w = _width(ch)
        if ch.isspace() or used + w <= width or i == start:
            used += w
            continue
        if last_ok > start:
            start = last_ok
        elif fold:
            start = i
        else:
            used += w
            continue
        breaks.append(start)
        # the new line holds text[start:i + 1]; find its own break chances again
        used = sum(_width(c) for c in text[start:i + 1])
        last_ok = max((j for j in range(start + 1, i + 1) if can_break(text[j - 1], text[j])), default=0)
        if used > width and fold and i > start:  # even the carried-over part does not fit
            breaks.append(i)
            start, used, last_ok = i, w, 0
    return breaks


def install() -> None:
    """Make Rich wrap every Text with `divide_line`. Rich imports it by name into rich.text."""
    import rich.text

    if getattr(rich.text, "divide_line", None) is not None:
        rich.text.divide_line = divide_line
