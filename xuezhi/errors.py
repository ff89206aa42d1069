"""Exit codes and the one exception type the CLI turns into a Chinese message."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1  # something failed that is not the user's input (disk full, I/O)
    BAD_INPUT = 2  # the user's arguments or data file are wrong; the message says how
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


def os_reason(e: BaseException) -> str:
    """A short Chinese reason for a file-system failure (the OS's own text is often English)."""
    if isinstance(e, PermissionError):
        return "没有权限"
    if isinstance(e, FileNotFoundError):
        return "路径不存在"
    if isinstance(e, IsADirectoryError):
        return "这是一个目录，不是文件"
    if isinstance(e, NotADirectoryError | FileExistsError):
        return "路径中有同名文件挡住了目录"
    if isinstance(e, OSError) and e.errno == 28:  # ENOSPC
        return "磁盘空间已满"
    if isinstance(e, OSError) and e.errno == 30:  # EROFS
        return "文件系统是只读的"
    if isinstance(e, OSError) and e.errno in (36, 206):  # ENAMETOOLONG (206: Windows)
        return "文件名或路径太长"
    if isinstance(e, OSError) and e.errno == 40:  # ELOOP
        return "符号链接形成了循环"
    if isinstance(e, OSError) and e.errno == 5:  # EIO
        return "读写设备出错"
    detail = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
    return f"系统错误（{detail}）"


def shown(text: str, most: int = 20) -> str:
    """What the user typed, quoted back in a message: cut short, control characters made visible
    (an escape sequence typed at a prompt must not reach the terminal)."""
    clean = "".join(c if c.isprintable() or c == " " else "\ufffd" for c in text)
    return clean if len(clean) <= most else clean[:most] + "…"
