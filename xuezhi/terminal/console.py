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
    try:
        return not stream.isatty()
    except (AttributeError, ValueError):
        return True


@dataclass
class Ui:
    """The consoles a command writes to, and whether they are plain."""

    out: Console
    err: Console
    plain: bool

    def table_kwargs(self) -> dict[str, Any]:
        """Table styling that degrades to aligned plain columns."""
        if self.plain:
            return {"box": None, "show_edge": False, "pad_edge": False, "header_style": None}
        return {"box": box.SIMPLE_HEAD, "header_style": "bold"}


def make_ui() -> Ui:
    from xuezhi.terminal.linebreak import install

    install()  # Chinese line breaking (避头尾) for everything Rich wraps
    plain = wants_plain(sys.stdout)
    # markup=False: question stems, paths and prompts such as "[y/N]" are printed as they are;
    # styling is always done with Text objects and style=.
    kwargs: dict[str, Any] = {"highlight": False, "markup": False}
    if plain:
        # soft_wrap: long Chinese lines stay whole in files and pipes (grep finds them).
        kwargs |= {"color_system": None, "no_color": True, "emoji": False, "soft_wrap": True}
        # Pipes have no width; Rich would assume 80. Respect COLUMNS when the user sets it.
        if not os.environ.get("COLUMNS"):
            kwargs["width"] = 100
    out = Console(**kwargs)
    err = Console(stderr=True, highlight=False, markup=False,
                  color_system=None if wants_plain(sys.stderr) else "auto")
    return Ui(out=out, err=err, plain=plain)
