"""One place that decides how output looks: Rich on a terminal, plain text everywhere else.

Office PCs often run consoles without colour, and people pipe output into files and
other tools; there the output must be plain: no ANSI codes, no box-drawing characters.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import IO, Any

from rich import box
from rich.console import Console


def wants_plain(stream: IO[str] | None = None) -> bool:
    """Plain output when NO_COLOR is set, TERM=dumb, or the stream is not a terminal."""
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return True
    return not is_terminal(stream)


def is_terminal(stream: IO[str] | None = None) -> bool:
    stream = stream or sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@dataclass
class Ui:
    """The consoles a command writes to. `plain`: no colour, no box characters (NO_COLOR, pipes,
    files). `wraps`: the output is a terminal of known width, so views lay text out for it (hanging
    indents, Chinese line breaking) even when plain; in files and pipes each line stays whole."""

    out: Console
    err: Console
    plain: bool
    wraps: bool | None = None  # None: a styled console is a terminal, a plain one a file

    def __post_init__(self) -> None:
        if self.wraps is None:
            self.wraps = not self.plain

    def table_kwargs(self) -> dict[str, Any]:
        """Table styling that degrades to aligned plain columns."""
        if self.plain:
            return {"box": None, "show_edge": False, "pad_edge": False, "header_style": None}
        return {"box": box.SIMPLE_HEAD, "header_style": "bold"}


def make_ui() -> Ui:
    from xuezhi.terminal.linebreak import install

    install()  # Chinese line breaking (避头尾) for everything Rich wraps
    plain = wants_plain(sys.stdout)
    # NO_COLOR means no colour, not no layout: in a terminal, text still wraps at its width with
    # the Chinese rules (a terminal wrapping it instead splits （　） and loses the indents).
    wraps = is_terminal(sys.stdout) and os.environ.get("TERM") != "dumb"
    # markup=False: question stems, paths and prompts such as "[y/N]" are printed as they are;
    # styling is always done with Text objects and style=.
    kwargs: dict[str, Any] = {"highlight": False, "markup": False}
    if plain:
        kwargs |= {"color_system": None, "no_color": True, "emoji": False}
    if not wraps:
        # soft_wrap: long Chinese lines stay whole in files and pipes (grep finds them).
        kwargs["soft_wrap"] = True
        # Pipes have no width; Rich would assume 80. Respect COLUMNS when the user sets it.
        if not os.environ.get("COLUMNS"):
            kwargs["width"] = 100
    out = Console(**kwargs)
    err = Console(stderr=True, highlight=False, markup=False,
                  color_system=None if wants_plain(sys.stderr) else "auto")
    return Ui(out=out, err=err, plain=plain, wraps=wraps)
