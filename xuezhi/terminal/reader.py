"""Reading what the user types: a line at a time from a terminal or a pipe, optionally with a timeout."""

from __future__ import annotations

import queue
import sys
import threading
import time
from collections.abc import Callable

from xuezhi.terminal.console import Ui

ReadLine = Callable[..., str | None]  # (prompt, timeout=None) → line; None at end of input; TimeoutError


class _LineFeed:
    """Lines of input read by a background thread, so that waiting for one can time out.

    Standard input cannot be read with a timeout portably (select() does not work on a Windows
    console), so a daemon thread does the blocking read and the quiz waits on a queue. Waiting
    in short slices keeps Ctrl-C prompt on Windows, where a lock wait is not interrupted."""

    def __init__(self, read: Callable[[], str | None]) -> None:
        self._read = read
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._ended = False
        threading.Thread(target=self._pump, name="xuezhi-input", daemon=True).start()

    def _pump(self) -> None:
        while True:
            try:
                line = self._read()
            except (EOFError, OSError, ValueError, UnicodeDecodeError):  # closed or unreadable input: end
                line = None
            self._lines.put(line)
            if line is None:
                return

    def get(self, timeout: float | None) -> str | None:
        """The next line; None at the end of input; TimeoutError when `timeout` seconds pass."""
        if self._ended:
            return None
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            wait = 0.2 if deadline is None else min(0.2, deadline - time.monotonic())
            if wait <= 0:
                raise TimeoutError
            try:
                line = self._lines.get(timeout=wait)
            except queue.Empty:
                continue
            self._ended = line is None
            return line


def terminal_reader(ui: Ui) -> ReadLine:
    """input() on a terminal (line editing works); plain readline on a pipe. Called with a
    `timeout`, it raises TimeoutError when no line came in time (from then on a background
    thread reads, for this and every later prompt)."""
    interactive = sys.stdin is not None and hasattr(sys.stdin, "isatty") and sys.stdin.isatty()
    feed: _LineFeed | None = None

    def raw() -> str | None:
        if sys.stdin is None:  # started with stdin closed: nothing will ever be typed
            return None
        try:
            if interactive:
                return input()
            line = sys.stdin.readline()
        except UnicodeDecodeError:  # bytes of another encoding (a ValueError: caught before it)
            return "\ufffd"  # the line cannot be an answer: asked again
        except (EOFError, OSError, ValueError):  # ValueError: stdin closed under us
            return None
        return line.rstrip("\r\n") if line else None

    def read(prompt: str, timeout: float | None = None) -> str | None:
        nonlocal feed
        ui.out.print(prompt, end="", style="bold")
        if timeout is not None and feed is None:
            feed = _LineFeed(raw)
        line = feed.get(timeout) if feed is not None else raw()
        if line is not None and not interactive:
            ui.out.print(line, style="dim")  # echo, so a transcript shows the answer
        return line

    return read


YES = frozenset({"y", "yes", "是", "好", "要", "确定"})


def is_yes(reply: str | None, also: frozenset[str] = frozenset()) -> bool:
    """A [y/N] prompt's answer: only an explicit yes counts; EOF or Enter mean no."""
    return reply is not None and reply.strip().lower() in YES | also
