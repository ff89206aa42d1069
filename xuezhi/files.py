"""Files: where the shipped data is, the one atomic writer, and the one Chinese reason for an OS error.

Every file xuezhi writes for the user (exports, progress backups and exports, the YAML cache)
goes through `write_atomic`/`write_all_atomic`: a temporary file in the target's own folder,
flushed to disk (fsync), then moved into place with os.replace (atomic on Windows and POSIX
alike). A failure part-way leaves the old file untouched and no temporary file behind; a write
killed part-way (SIGKILL, a power cut: no `finally` runs) leaves one, and the next write into
that folder removes it (clean_stale_temporaries).

The wheel carries data/ as xuezhi/data (see pyproject.toml). A plain path beside this module
is enough for that and avoids importing importlib.resources (and zipfile) at start-up.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import IO, Any, TypeVar

from xuezhi.errors import DataFileError

T = TypeVar("T")
Writer = Callable[[IO[bytes]], T]

_PACKAGE = Path(__file__).resolve().parent


def checksum(data: bytes) -> str:
    """The key of a cached text (parsed YAML, the cards of a corpus): its length and two checksums.

    They tell apart the texts a user edits (two with the same key: about 1 in 2**64) and need not
    resist forgery: whoever can write a text to collide can write the cache folder itself. zlib
    is loaded anyway (shutil imports it); hashlib would add OpenSSL, about 2 ms, to every command
    that reads the corpus (benchmarks/bench_search.py: show 20 from 1.15x to 1.19x of hello)."""
    import zlib

    return f"{len(data):x}-{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def data_file(name: str) -> Path:
    """A shipped data file: inside the installed package, or data/ in a checkout."""
    packaged = _PACKAGE / "data" / name
    if packaged.is_file():
        return packaged
    return _PACKAGE.parent / "data" / name


def resolve_data_path(name: str, env_var: str, path: Path | str | None = None) -> Path:
    """The file to load: an explicit path wins, then the environment variable, then the shipped file."""
    if path:
        return Path(path)
    env = os.environ.get(env_var)
    return Path(env) if env else data_file(name)


DATA_LIMIT = 16 * 1024 * 1024  # a corpus or bank: the shipped bank is 0.2 MB, 10,000 articles 5 MB


def read_text(path: Path, limit: int = DATA_LIMIT) -> str:
    """The text of a file the user handed xuezhi (bank, corpus, progress import): the one reader.

    Only a regular file of at most `limit` bytes is read: /dev/zero or /dev/urandom would be read
    until memory runs out, a FIFO blocks forever. UTF-8, with or without a BOM (Notepad writes
    one); a byte that is not UTF-8 is reported with its line. Every failure is a DataFileError
    naming the file with a Chinese reason."""
    name = str(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise DataFileError(name, "这是一个目录，不是文件")
        if not stat.S_ISREG(info.st_mode):
            raise DataFileError(name, "这不是普通文件（而是设备、管道等），请给出一个文本文件")
        if info.st_size > limit:
            raise DataFileError(name, f"文件太大（{_megabytes(info.st_size)}，最多 {_megabytes(limit)}）")
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise DataFileError(name, "文件不存在") from None
    except PermissionError:
        raise DataFileError(name, "没有读取权限") from None
    except OSError as e:
        raise DataFileError(name, f"无法读取（{os_reason(e)}）") from None
    except ValueError:  # a NUL in the path
        raise DataFileError(name, "文件名中有无效的字符") from None
    if len(data) > limit:  # grew while read, or a special file that reports no size
        raise DataFileError(name, f"文件太大（最多 {_megabytes(limit)}）")
    return decode_text(data, name)


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text (a leading BOM dropped); the error names the line of the first bad byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataFileError(name, "是 UTF-16 编码（记事本的“Unicode”），请用记事本另存为 UTF-8")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = len((data[:e.start] + b"x").splitlines())
        raise DataFileError(name, "有不是 UTF-8 编码的文字（可能是 GBK/ANSI 编码），请用记事本另存为 UTF-8",
                            line=line) from None


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB" if size >= 1024 * 1024 else f"{size} 字节"


def os_reason(e: BaseException) -> str:
    """A short Chinese reason for a file-system failure (the OS's own text is often English)."""
    if isinstance(e, WriteFailed):
        e = e.cause
    if isinstance(e, PermissionError):
        return "没有权限"
    if isinstance(e, FileNotFoundError):
        return "路径不存在"
    if isinstance(e, NotARegularFile):
        return "这不是普通文件（是设备或管道），不能写入"
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


def _file_mode() -> int:
    """What a plain open() would give (mkstemp makes 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


class WriteFailed(OSError):
    """An OSError from `write_all_atomic`, with the target file it was writing (for the message)."""

    def __init__(self, path: Path, cause: OSError) -> None:
        super().__init__(cause.errno, cause.strerror or str(cause))
        self.path, self.cause = path, cause


def write_all_atomic(jobs: Sequence[tuple[Path, Writer[T]]]) -> list[T]:
    """Run each writer on a temporary file beside its target, then move them all into place:
    all the files are replaced, or (on any failure) none. Raises WriteFailed naming the file."""
    import tempfile

    for path, _ in jobs:
        _refuse_special(path)
    for folder in {path.parent for path, _ in jobs}:
        clean_stale_temporaries(folder)
    staged: list[tuple[Path, Path]] = []
    results: list[T] = []
    current = jobs[0][0] if jobs else Path()
    try:
        for path, writer in jobs:
            current = path
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
            staged.append((Path(tmp), path))
            with os.fdopen(fd, "wb") as fh:
                results.append(writer(fh))
                fh.flush()
                os.fsync(fh.fileno())
        mode = _file_mode()
        for tmp, path in staged:
            current = path
            os.chmod(tmp, mode)
            os.replace(tmp, path)
    except WriteFailed:
        raise
    except OSError as e:
        raise WriteFailed(current, e) from e
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)  # already renamed when all went well
    return results


class NotARegularFile(OSError):
    """The target exists and is a device, a FIFO or a socket."""


def _refuse_special(path: Path) -> None:
    """A replace would put a plain file where the system keeps a device: run as root, an export
    to /dev/null once replaced /dev/null itself. Directories and devices are refused, not replaced."""
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return
    except OSError as e:
        raise WriteFailed(path, e) from e
    if stat.S_ISDIR(mode):
        raise WriteFailed(path, IsADirectoryError(21, "is a directory"))
    if not stat.S_ISREG(mode):
        raise WriteFailed(path, NotARegularFile(19, "not a regular file"))


_OURS = re.compile(r"^\..+?\.(?:(\d+)\.)?[A-Za-z0-9_]{8}\.tmp$")  # .卷.docx.<pid>.<mkstemp>.tmp
STALE_S = 600  # a temporary file without a writer's pid (older versions) is abandoned after this long


def clean_stale_temporaries(folder: Path) -> None:
    """Remove what earlier writes into `folder` left behind when they were killed (SIGKILL, power
    cut: no `finally` runs): our temporary files whose writing process is gone. A writer that is
    still running (two exports at once) keeps its file; on Windows, where a pid cannot be probed
    without ctypes, only age tells."""
    import time

    try:
        names = [n for n in os.listdir(folder) if n.startswith(".") and n.endswith(".tmp")]
    except OSError:
        return
    for name in names:
        m = _OURS.match(name)
        if not m:
            continue
        tmp = folder / name
        with suppress(OSError):
            pid = int(m.group(1)) if m.group(1) else None
            if (pid is not None and pid != os.getpid() and not _running(pid)) or \
                    time.time() - tmp.stat().st_mtime > STALE_S:
                tmp.unlink()


def _running(pid: int) -> bool:
    if os.name != "posix":  # os.kill(pid, 0) would terminate the process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def write_atomic(path: Path, writer: Writer[T]) -> T:
    """One file, atomically (see write_all_atomic)."""
    return write_all_atomic([(path, writer)])[0]


def write_text_atomic(path: Path, text: str) -> None:
    """UTF-8 text with \\n line ends, atomically."""
    data = text.encode("utf-8")
    write_atomic(path, lambda fh: fh.write(data))


def write_json_atomic(path: Path, data: Any) -> None:
    """Pretty JSON (non-ASCII kept as is), atomically."""
    import json

    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
