"""Writing export files safely: never over an existing file unless asked, never half a file.

The files of one export are written together by xuezhi.files.write_all_atomic: all of them
are replaced, or none.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from xuezhi.errors import ExitCode, XuezhiError
from xuezhi.files import WriteFailed, Writer, os_reason, write_all_atomic

T = TypeVar("T")


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


def write_files(jobs: Sequence[tuple[Path, Writer[T]]], force: bool = False) -> list[T]:
    """Check the targets, then write them all atomically (xuezhi.files.write_all_atomic)."""
    check_targets([p for p, _ in jobs], force)
    try:
        return write_all_atomic(jobs)
    except WriteFailed as e:
        raise XuezhiError(_os_message(e.path, e.cause), ExitCode.OS_ERROR) from e


def _os_message(path: Path, e: OSError) -> str:
    hint = "，或文件正被 Word、WPS、Excel 等程序打开（请先关闭）" if isinstance(e, PermissionError) else ""
    return f"无法写入“{path}”：{os_reason(e)}{hint}。"
