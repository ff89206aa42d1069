"""Exit codes and the one exception type the CLI turns into a Chinese message."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What a script calling xuezhi can tell apart (README: 通用约定)."""

    OK = 0
    ERROR = 1  # something failed that is not the user's input (the progress store is busy or unusable)
    BAD_INPUT = 2  # the user's arguments or data file are wrong; the message says how
    OS_ERROR = 3  # the file system refused (disk full, no permission, read-only): files.os_reason says why
    INTERNAL = 4  # a bug: the message asks to rerun with XUEZHI_DEBUG=1 and report it
    INTERRUPTED = 130  # Ctrl-C, as shells report it


class XuezhiError(Exception):
    """A failure a user can act on: `message` is shown as is, in Chinese, without a traceback."""

    code: ExitCode = ExitCode.BAD_INPUT

    def __init__(self, message: str, code: ExitCode | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class DataFileError(XuezhiError):
    """A YAML data file (corpus or question bank) is unreadable or breaks the schema."""

    def __init__(self, file: str, message: str, line: int | None = None, field: str | None = None) -> None:
        where = f"{file}" + (f" 第 {line} 行" if line else "")
        what = f"字段 {field}：" if field else ""
        super().__init__(f"{where}：{what}{message}")
        self.file, self.line, self.field, self.detail = file, line, field, message


class ArticleRefError(XuezhiError):
    """An article reference the user typed does not name an article of the regulation."""


def shown(text: str, most: int = 20) -> str:
    """What the user typed, quoted back in a message: cut short, control characters made visible
    (an escape sequence typed at a prompt must not reach the terminal)."""
    clean = "".join(c if c.isprintable() or c == " " else "\ufffd" for c in text)
    return clean if len(clean) <= most else clean[:most] + "…"
