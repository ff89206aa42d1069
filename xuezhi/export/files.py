"""Writing export files safely: never over an existing file unless asked, never half a file.

Every file of one export is first written to a temporary file in its target directory;
only when all of them are complete are they renamed into place with os.replace (atomic
on Windows and POSIX alike). A failure part-way leaves the old files untouched and no
temporary file behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TypeVar

from ..errors import ExitCode, XuezhiError, os_reason

T = TypeVar("T")
Writer = Callable[[IO[bytes]], T]


def check_targets(paths: Sequence[Path], force: bool) -> None:
    """Refuse before writing anything: a missing directory, a directory in the way, or an existing file."""
    for p in paths:
        if p.is_dir():
            raise XuezhiError(f"“{p}”是一个目录，请给出文件名，例如 {p / 'paper.docx'}。")
        if not p.parent.is_dir():
            raise XuezhiError(f"目录“{p.parent}”不存在，请先创建它或换一个输出位置。")
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        names = "、".join(f"“{p}”" for p in existing)
        raise XuezhiError(f"文件已存在：{names}。如需覆盖，请加 --force；或用 --output 换一个文件名。")


def _file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_files(jobs: Sequence[tuple[Path, Writer[T]]], force: bool = False) -> list[T]:
    """Run each writer on a temporary file beside its target, then move them all into place."""
    check_targets([p for p, _ in jobs], force)
    staged: list[tuple[Path, Path]] = []
    results: list[T] = []
    current: Path | None = None
    try:
        for path, writer in jobs:
            current = path
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((Path(tmp), path))
            with os.fdopen(fd, "wb") as fh:
                results.append(writer(fh))
        mode = _file_mode()
        for tmp, path in staged:
            current = path
            os.chmod(tmp, mode)
            os.replace(tmp, path)
    except OSError as e:
        raise XuezhiError(_os_message(current, e), ExitCode.ERROR) from e
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)  # already renamed when all went well
    return results


def _os_message(path: Path | None, e: OSError) -> str:
    where = f"“{path}”" if path else "文件"
    if isinstance(e, PermissionError):
        return f"无法写入{where}：没有权限，或文件正被 Word、WPS、Excel 等程序打开（请先关闭）。"
    if e.errno == 28:  # ENOSPC
        return f"无法写入{where}：磁盘空间不足。"
    return f"无法写入{where}：{os_reason(e)}。"
