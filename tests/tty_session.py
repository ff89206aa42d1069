"""xuezhi in a real pseudo-terminal of a given width, for layout that only a terminal shows
(wrapping, NO_COLOR in a terminal, Rich's help). POSIX only: the tests using it skip on Windows.

The terminal echoes what is typed, as a real one does: a prompt's line holds the typed answer.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def clean_env(tmp_path: Path, colour: bool = True) -> dict[str, str]:
    """The test's XUEZHI_HOME; no COLUMNS (the terminal's size decides); NO_COLOR only if asked."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "TERM")}
    env |= {"TERM": "xterm-256color", "PYTHONIOENCODING": "utf-8", "XUEZHI_HOME": str(tmp_path / "xuezhi-home")}
    if not colour:
        env["NO_COLOR"] = "1"
    return env


class Terminal:
    def __init__(self, tmp_path: Path, args: list[str], columns: int = 80, rows: int = 50,
                 colour: bool = True) -> None:
        import fcntl
        import pty
        import struct
        import termios

        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.proc = subprocess.Popen([sys.executable, "-m", "xuezhi", *args], stdin=slave, stdout=slave,
                                     stderr=slave, env=clean_env(tmp_path, colour), close_fds=True)
        os.close(slave)
        self.raw = b""
        self.seen = 0  # how far expect() has looked

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)

    def _read(self, timeout: float) -> bool:
        import select

        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # EIO: the program ended and closed the terminal
            return False
        self.raw += chunk
        return bool(chunk)

    @property
    def text(self) -> str:
        return ANSI.sub("", self.raw.decode("utf-8", "replace")).replace("\r\n", "\n").replace("\r", "")

    def expect(self, marker: str, after: str | None = None, timeout: float = 30) -> None:
        """Wait until `marker` is printed (after the next `after`, if given) beyond what was seen."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.text
            start = self.seen
            if after is not None:
                found = text.find(after, start)
                start = -1 if found < 0 else found + len(after)
            at = text.find(marker, start) if start >= 0 else -1
            if at >= 0:
                self.seen = at + len(marker)
                return
            if time.monotonic() > deadline or (not self._read(0.2) and self.proc.poll() is not None):
                raise AssertionError(f"{marker!r} never came; the terminal shows:\n{text}")

    def type(self, line: str) -> None:
        os.write(self.master, (line + "\r").encode("utf-8"))

    def interrupt(self) -> None:
        """Ctrl-C once the program is blocked reading the terminal, as a person's Ctrl-C is. A SIGINT
        that lands after the prompt is printed but before the read() system call starts is only acted
        on when that read returns (CPython checks signals on EINTR), so the test would wait forever."""
        self._wait_until_reading()
        self.proc.send_signal(signal.SIGINT)

    def _wait_until_reading(self, timeout: float = 5) -> None:
        stat = Path(f"/proc/{self.proc.pid}/stat")
        if not stat.exists():  # not Linux: give the program a moment to reach its read
            time.sleep(0.5)
            return
        deadline, asleep = time.monotonic() + timeout, 0
        while time.monotonic() < deadline and asleep < 3:  # sleeping (S) three samples in a row
            state = stat.read_text().rsplit(")", 1)[1].split()[0]
            asleep = asleep + 1 if state == "S" else 0
            time.sleep(0.05)

    def close_input(self) -> None:
        os.write(self.master, b"\x04")  # Ctrl-D at the start of a line: end of input

    def finish(self, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while (self._read(0.2) or self.proc.poll() is None) and time.monotonic() < deadline:
            pass
        while self._read(0.05):  # what is left in the buffer
            pass
        assert self.proc.poll() is not None, f"still running:\n{self.text}"
        return self.text
