"""Opening the SQLite file: where it lives, connecting, migrating, checking, moving a bad file
aside, and the Chinese reason for a SQLite failure."""

from __future__ import annotations

import os
import sqlite3
import uuid
from contextlib import suppress
from pathlib import Path

from xuezhi.clock import iso, now, stamp
from xuezhi.errors import ExitCode, XuezhiError
from xuezhi.files import os_reason
from xuezhi.progress.schema import MIGRATIONS, SCHEMA_VERSION

DB_NAME = "progress.db"


HOME_ENV = "XUEZHI_HOME"


BUSY_TIMEOUT_MS = 5000


def home_dir() -> Path:
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("xuezhi", appauthor=False))


def store_path() -> Path:
    return home_dir() / DB_NAME


class StoreUnavailable(XuezhiError):
    """The store cannot be opened or written: the message says where and why, in Chinese."""

    code = ExitCode.ERROR


class NewerSchema(Exception):
    def __init__(self, version: int) -> None:
        self.version = version


class Corrupt(Exception):
    def __init__(self, detail: str) -> None:
        self.detail = detail


_PRIMARY = {3: "PERM", 5: "BUSY", 6: "LOCKED", 8: "READONLY", 10: "IOERR", 11: "CORRUPT", 13: "FULL",
            14: "CANTOPEN", 26: "NOTADB"}


_REASONS = {
    "PERM": "没有权限", "BUSY": "正被其他程序占用", "LOCKED": "正被其他程序占用", "READONLY": "文件或目录是只读的",
    "IOERR": "读写磁盘出错", "CORRUPT": "文件已损坏", "FULL": "磁盘空间已满",
    "CANTOPEN": "无法打开或创建文件（目录不存在或没有写权限）", "NOTADB": "不是有效的数据库文件",
}


def kind(e: sqlite3.Error) -> str:
    code = getattr(e, "sqlite_errorcode", None)
    if code is not None:
        return _PRIMARY.get(code & 0xFF, "OTHER")
    msg = str(e).lower()  # very old sqlite3 modules: fall back to the message
    for needle, kind in (("locked", "BUSY"), ("readonly", "READONLY"), ("unable to open", "CANTOPEN"),
                         ("not a database", "NOTADB"), ("malformed", "CORRUPT"), ("disk is full", "FULL"),
                         ("disk i/o", "IOERR")):
        if needle in msg:
            return kind
    return "OTHER"


def reason(e: BaseException) -> str:
    """A short Chinese reason for an OS or SQLite failure."""
    if isinstance(e, sqlite3.Error):
        # SQLite's own words are English: shown only with XUEZHI_DEBUG=1
        return _REASONS.get(kind(e), "数据库错误" + (f"（{e}）" if os.environ.get("XUEZHI_DEBUG") else ""))
    if isinstance(e, PermissionError):
        return "没有写权限"
    return os_reason(e)


def is_busy(e: BaseException) -> bool:
    return isinstance(e, sqlite3.OperationalError) and kind(e) in ("BUSY", "LOCKED")


def connect(target: str, uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, uri=uri,
                           check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the schema to SCHEMA_VERSION; raise NewerSchema for a file from a newer xuezhi."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version < 0:  # no xuezhi ever wrote that: the file was damaged or tampered with
        raise Corrupt(f"数据版本 {version}")
    if version > SCHEMA_VERSION:
        raise NewerSchema(version)
    if version == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]  # another process may have done it meanwhile
        if version > SCHEMA_VERSION:
            raise NewerSchema(version)
        fresh = version == 0
        if fresh and _schema(conn):  # tables but no version: `sqlite3 old.db .dump | sqlite3 progress.db`
            version = _version_by_schema(conn)
            conn.execute(f"PRAGMA user_version = {version}")
        for v in range(version, SCHEMA_VERSION):
            for statement in MIGRATIONS[v]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {v + 1}")
        if fresh:
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('store_id', ?), ('created_at', ?)",
                         (uuid.uuid4().hex, iso(now())))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _schema(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    """(table, column) of every table of ours in the file."""
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                         "AND name NOT LIKE 'sqlite_%'")]
    return {(t, r[1]) for t in tables for r in conn.execute(f"PRAGMA table_info(\"{t}\")")}


def _version_by_schema(conn: sqlite3.Connection) -> int:
    """The schema version whose tables and columns the file has exactly (a dump and reload keeps
    every table and row but not PRAGMA user_version; migrating it from 0 failed on "table meta
    already exists" at every later start). Corrupt if no version has that layout."""
    have = _schema(conn)
    probe = sqlite3.connect(":memory:")
    try:
        for v, statements in enumerate(MIGRATIONS, 1):
            for statement in statements:
                probe.execute(statement)
            if _schema(probe) == have:
                return v
    finally:
        probe.close()
    raise Corrupt("数据表的结构不是学知的任何版本")


_TABLES = frozenset({"meta", "sessions", "answers", "review_state", "daily", "recitations"})


def check(conn: sqlite3.Connection) -> None:
    rows = [r[0] for r in conn.execute("PRAGMA quick_check(3)")]
    if rows != ["ok"]:
        raise Corrupt("；".join(map(str, rows)))
    # Sound pages but a schema that is not ours (a table dropped by hand): as unusable as garbage.
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = _TABLES - tables
    if missing:
        raise Corrupt("缺少数据表 " + "、".join(sorted(missing)))


def move_aside(path: Path, tag: str) -> Path:
    """Rename the store (and its -wal/-shm companions) to progress.<tag>-<time>.db; return the new path."""
    stem = path.stem
    for n in range(100):
        suffix = f"-{n}" if n else ""
        backup = path.with_name(f"{stem}.{tag}-{stamp()}{suffix}{path.suffix}")
        if not backup.exists():
            break
    path.rename(backup)
    for extra in ("-wal", "-shm"):
        side = path.with_name(path.name + extra)
        if side.exists():
            with suppress(OSError):
                side.rename(backup.with_name(backup.name + extra))
    return backup


def close_quietly(conn: sqlite3.Connection | None) -> None:
    if conn is not None:
        with suppress(sqlite3.Error):
            conn.close()


def aside(path: Path, tag: str) -> str:
    """Move the store aside; the backup's name for the message."""
    try:
        return str(move_aside(path, tag))
    except FileNotFoundError:  # another xuezhi process found the same problem and moved it first
        return f"{path.parent} 下的 {path.stem}.{tag}-*{path.suffix}"
    except OSError as e:
        raise StoreUnavailable(f"学习记录 {path} 无法读取，也无法移走备份（{reason(e)}）。"
                               f"请关闭其他正在运行的学知后重试，或设置 XUEZHI_HOME 指定别的目录。") from None
