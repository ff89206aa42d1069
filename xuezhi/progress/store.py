"""The progress store: one SQLite file with every session, every answer and each question's review state.

Design rules, because a cadre's record must survive whatever the office PC does:

* Each answer is committed in its own short write transaction the moment it is given
  (WAL journal, synchronous=FULL), so a crash, a kill or Ctrl-C loses nothing answered.
* Several processes may share the file: WAL lets readers and one writer work together,
  a busy timeout plus `BEGIN IMMEDIATE` and a retry loop make writers wait for each other
  instead of failing with "database is locked".
* The schema is versioned (PRAGMA user_version) and upgraded by ordered migrations.
  A file that is corrupt or was written by a newer xuezhi is moved aside to a timestamped
  backup and a fresh store is created; the caller shows `notices` to the user.
* A home directory that cannot be written raises StoreUnavailable with a Chinese reason;
  the quiz then runs without saving.

Times are stored as UTC ISO strings of fixed width (they sort as text); `day` columns hold
the user's local calendar date at the moment of answering, which is what streaks count.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from .errors import ExitCode, XuezhiError, os_reason

DB_NAME = "progress.db"
HOME_ENV = "XUEZHI_HOME"
NOW_ENV = "XUEZHI_NOW"  # a fixed "now" (ISO datetime) for tests and demonstrations
BUSY_TIMEOUT_MS = 5000
WRITE_PATIENCE_S = 30.0  # how long a writer keeps retrying a locked store before giving up

MODE_LABELS = {
    "practice": "练习", "exam": "考试", "challenge": "挑战", "review": "复习",
    "wrong": "错题本", "daily": "每日一练", "extra": "加练",
}
STATUS_LABELS = {
    "running": "进行中", "finished": "完成", "stopped": "提前结束", "time_up": "时间到", "unfinished": "未完成（中断）",
}

# ---------------------------------------------------------------- schema

MIGRATIONS: list[list[str]] = [
    # 1: sessions, answers, review state, daily sets
    [
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE sessions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL UNIQUE,
            mode TEXT NOT NULL,
            filters TEXT NOT NULL DEFAULT '{}',
            planned INTEGER NOT NULL DEFAULT 0,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL DEFAULT 'running',
            score REAL,
            elapsed_s REAL
        )""",
        """CREATE TABLE answers (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL UNIQUE,
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            question_id TEXT NOT NULL,
            qtype TEXT NOT NULL,
            article INTEGER,
            given TEXT NOT NULL,
            correct INTEGER NOT NULL,
            elapsed_ms INTEGER NOT NULL,
            timed_out INTEGER NOT NULL DEFAULT 0,
            rating INTEGER NOT NULL,
            answered_at TEXT NOT NULL,
            day TEXT NOT NULL
        )""",
        "CREATE INDEX answers_session ON answers(session_id, seq)",
        "CREATE INDEX answers_question ON answers(question_id, answered_at)",
        "CREATE INDEX answers_day ON answers(day)",
        """CREATE TABLE review_state (
            question_id TEXT PRIMARY KEY,
            state INTEGER NOT NULL,
            step INTEGER,
            stability REAL,
            difficulty REAL,
            due TEXT NOT NULL,
            last_review TEXT,
            reps INTEGER NOT NULL DEFAULT 0,
            lapses INTEGER NOT NULL DEFAULT 0,
            last_correct INTEGER NOT NULL
        )""",
        "CREATE INDEX review_due ON review_state(due)",
        """CREATE TABLE daily (
            day TEXT PRIMARY KEY,
            question_ids TEXT NOT NULL,
            created_at TEXT NOT NULL,
            completed_at TEXT
        )""",
    ],
]
SCHEMA_VERSION = len(MIGRATIONS)


# ---------------------------------------------------------------- time and place

def now() -> datetime:
    """The current time, timezone-aware in the local zone; XUEZHI_NOW fixes it (tests, demos)."""
    fixed = os.environ.get(NOW_ENV)
    if fixed:
        try:
            dt = datetime.fromisoformat(fixed)
            dt = dt if dt.tzinfo else dt.astimezone()
            if not 1970 <= dt.year <= 2999:  # dates around it (a 30-day strip, next week) must exist
                raise ValueError(dt.year)
        except (ValueError, OverflowError, OSError):
            raise XuezhiError(f"环境变量 {NOW_ENV} 的值“{fixed}”不是有效的时间"
                              f"（应为 1970–2999 年间的时间，如 2025-03-01T09:00:00+08:00）。") from None
        return dt
    return datetime.now().astimezone()


def iso(dt: datetime) -> str:
    """UTC, fixed width, sortable as text: 2025-03-01T01:00:00.000+00:00."""
    return dt.astimezone(UTC).isoformat(timespec="milliseconds")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text)


def home_dir() -> Path:
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("xuezhi", appauthor=False))


def store_path() -> Path:
    return home_dir() / DB_NAME


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


# ---------------------------------------------------------------- errors

class StoreUnavailable(XuezhiError):
    """The store cannot be opened or written: the message says where and why, in Chinese."""

    code = ExitCode.ERROR


class _NewerSchema(Exception):
    def __init__(self, version: int) -> None:
        self.version = version


class _Corrupt(Exception):
    def __init__(self, detail: str) -> None:
        self.detail = detail


_PRIMARY = {3: "PERM", 5: "BUSY", 6: "LOCKED", 8: "READONLY", 10: "IOERR", 11: "CORRUPT", 13: "FULL",
            14: "CANTOPEN", 26: "NOTADB"}
_REASONS = {
    "PERM": "没有权限", "BUSY": "正被其他程序占用", "LOCKED": "正被其他程序占用", "READONLY": "文件或目录是只读的",
    "IOERR": "读写磁盘出错", "CORRUPT": "文件已损坏", "FULL": "磁盘空间已满",
    "CANTOPEN": "无法打开或创建文件（目录不存在或没有写权限）", "NOTADB": "不是有效的数据库文件",
}


def _kind(e: sqlite3.Error) -> str:
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
        return _REASONS.get(_kind(e), f"数据库错误（{e}）")
    if isinstance(e, PermissionError):
        return "没有写权限"
    return os_reason(e)


def is_busy(e: BaseException) -> bool:
    return isinstance(e, sqlite3.OperationalError) and _kind(e) in ("BUSY", "LOCKED")


# ---------------------------------------------------------------- rows

@dataclass
class ReviewState:
    """fsrs card fields for one question plus what the 错题本 needs (was the last answer right?)."""

    question_id: str
    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    reps: int = 0
    lapses: int = 0
    last_correct: bool = True

    @classmethod
    def from_row(cls, r: sqlite3.Row) -> ReviewState:
        return cls(r["question_id"], r["state"], r["step"], r["stability"], r["difficulty"], parse_iso(r["due"]),
                   parse_iso(r["last_review"]) if r["last_review"] else None, r["reps"], r["lapses"],
                   bool(r["last_correct"]))

    def row(self) -> tuple:
        return (self.question_id, self.state, self.step, self.stability, self.difficulty, iso(self.due),
                iso(self.last_review) if self.last_review else None, self.reps, self.lapses, int(self.last_correct))


@dataclass(frozen=True)
class NewAnswer:
    question_id: str
    qtype: str
    article: int | None
    given: str
    correct: bool
    elapsed_ms: int
    timed_out: bool
    rating: int
    at: datetime


Reschedule = Callable[[ReviewState | None, str, int, bool, datetime], ReviewState]
Replay = Callable[[str, list[tuple[int, bool, datetime]]], ReviewState]

_SESSION_COLUMNS = ("uid", "mode", "filters", "planned", "started_at", "finished_at", "status", "score", "elapsed_s")
_ANSWER_COLUMNS = ("uid", "seq", "question_id", "qtype", "article", "given", "correct", "elapsed_ms", "timed_out",
                   "rating", "answered_at", "day")
EXPORT_FORMAT = "xuezhi-progress"
EXPORT_VERSION = 1


# ---------------------------------------------------------------- the store

def _connect(target: str, uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, uri=uri,
                           check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _migrate(conn: sqlite3.Connection) -> None:
    """Bring the schema to SCHEMA_VERSION; raise _NewerSchema for a file from a newer xuezhi."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version < 0:  # no xuezhi ever wrote that: the file was damaged or tampered with
        raise _Corrupt(f"数据版本 {version}")
    if version > SCHEMA_VERSION:
        raise _NewerSchema(version)
    if version == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]  # another process may have done it meanwhile
        if version > SCHEMA_VERSION:
            raise _NewerSchema(version)
        for v in range(version, SCHEMA_VERSION):
            for statement in MIGRATIONS[v]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {v + 1}")
        if version == 0:
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('store_id', ?), ('created_at', ?)",
                         (uuid.uuid4().hex, iso(now())))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


_TABLES = frozenset({"meta", "sessions", "answers", "review_state", "daily"})


def _check(conn: sqlite3.Connection) -> None:
    rows = [r[0] for r in conn.execute("PRAGMA quick_check(3)")]
    if rows != ["ok"]:
        raise _Corrupt("；".join(map(str, rows)))
    # Sound pages but a schema that is not ours (a table dropped by hand): as unusable as garbage.
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = _TABLES - tables
    if missing:
        raise _Corrupt("缺少数据表 " + "、".join(sorted(missing)))


def move_aside(path: Path, tag: str) -> Path:
    """Rename the store (and its -wal/-shm companions) to progress.<tag>-<time>.db; return the new path."""
    stem = path.stem
    for n in range(100):
        suffix = f"-{n}" if n else ""
        backup = path.with_name(f"{stem}.{tag}-{_stamp()}{suffix}{path.suffix}")
        if not backup.exists():
            break
    path.rename(backup)
    for extra in ("-wal", "-shm"):
        side = path.with_name(path.name + extra)
        if side.exists():
            with suppress(OSError):
                side.rename(backup.with_name(backup.name + extra))
    return backup


class Store:
    """An open progress store. Use `Store.open()`; `notices` holds what the user must be told."""

    def __init__(self, path: Path, conn: sqlite3.Connection, notices: list[str] | None = None,
                 readonly: bool = False) -> None:
        self.path = path
        self.conn = conn
        self.notices = notices or []
        self.readonly = readonly

    # -- opening
    @classmethod
    def open(cls, path: Path | None = None) -> Store:
        """Open (creating if needed) the store for reading and writing.

        Corrupt or newer-schema files are moved aside and replaced; StoreUnavailable when the
        directory or file cannot be written at all.
        """
        path = path or store_path()
        notices: list[str] = []
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreUnavailable(f"无法创建学习记录目录 {path.parent}：{reason(e)}") from None
        for _attempt in range(3):
            conn = None
            try:
                conn = _connect(str(path))
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":  # e.g. a network drive: fall back, still safe
                    conn.execute("PRAGMA journal_mode = DELETE")
                conn.execute("PRAGMA synchronous = FULL")
                conn.execute("PRAGMA foreign_keys = ON")
                _migrate(conn)
                _check(conn)
                store = cls(path, conn, notices)
                store._opened()
                return store
            except _NewerSchema as e:
                _close(conn)
                backup = _aside(path, f"newer-v{e.version}")
                notices.append(
                    f"学习记录文件来自更新版本的学知（数据版本 {e.version}，本程序支持到 {SCHEMA_VERSION}），"
                    f"本程序无法读取。已把它原样移到 {backup}，并新建了一份空的学习记录。"
                    f"升级学知后，把该文件改名回 {path.name} 即可恢复。")
            except (_Corrupt, sqlite3.DatabaseError) as e:
                _close(conn)
                if isinstance(e, sqlite3.Error) and _kind(e) not in ("CORRUPT", "NOTADB"):
                    if is_busy(e):
                        raise StoreUnavailable(f"学习记录 {path} 正被其他程序长时间占用，请稍后再试。") from None
                    raise StoreUnavailable(f"无法打开学习记录 {path}：{reason(e)}") from None
                backup = _aside(path, "corrupt")
                notices.append(f"学习记录文件已损坏，无法读取。已把它原样移到 {backup}（可交给维护人员尝试修复），"
                               f"并新建了一份空的学习记录。")
            except OSError as e:
                _close(conn)
                raise StoreUnavailable(f"无法打开学习记录 {path}：{reason(e)}") from None
        raise StoreUnavailable(f"无法打开学习记录 {path}：反复新建仍然失败。")

    @classmethod
    def open_for_reading(cls, path: Path | None = None) -> Store | None:
        """For stats, history and export: None when there is no store yet; read-only when it cannot be written."""
        path = path or store_path()
        if not path.exists():
            return None
        try:
            return cls.open(path)
        except StoreUnavailable as first:
            store = cls.open_read_only(path)
            if store is None:
                raise first from None
            return store

    @classmethod
    def open_read_only(cls, path: Path | None = None) -> Store | None:
        """The store opened read-only (a home that cannot be written), or None. Never waits for a
        writer: after Store.open() has given up, trying it again would double the wait."""
        path = path or store_path()
        if not path.exists():
            return None
        for query in ("mode=ro", "mode=ro&immutable=1"):
            conn = None
            try:
                conn = _connect(f"{path.resolve().as_uri()}?{query}", uri=True)
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version != SCHEMA_VERSION:
                    return None
                conn.execute("SELECT count(*) FROM sessions").fetchone()
                return cls(path, conn, [f"学习记录目录不可写，以只读方式打开 {path}。"], readonly=True)
            except sqlite3.Error:
                _close(conn)
        return None

    def close(self) -> None:
        _close(self.conn)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing
    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, retried while another process holds the write lock."""
        if self.readonly:
            raise StoreUnavailable(f"学习记录 {self.path} 以只读方式打开，无法写入。")
        delay, deadline = 0.02, time.monotonic() + WRITE_PATIENCE_S
        while True:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                break
            except sqlite3.OperationalError as e:
                if not is_busy(e) or time.monotonic() > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 0.5)
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def _opened(self) -> None:
        """Prove the store is writable now (a read-only file opens fine and fails on the first
        answer otherwise), and mark sessions left 'running' by a process that died 'unfinished'.

        A session that is in fact still running in another process sets itself back to
        'running' with its next answer, and to its final status when it ends.
        """
        with self._tx() as c:
            c.execute("INSERT OR REPLACE INTO meta VALUES ('last_opened', ?)", (iso(now()),))
            c.execute("UPDATE sessions SET status = 'unfinished' WHERE status = 'running'")

    def start_session(self, mode: str, filters: dict, planned: int, at: datetime) -> int:
        with self._tx() as c:
            cur = c.execute("INSERT INTO sessions (uid, mode, filters, planned, started_at) VALUES (?, ?, ?, ?, ?)",
                            (uuid.uuid4().hex, mode, json.dumps(filters, ensure_ascii=False, sort_keys=True),
                             planned, iso(at)))
            return int(cur.lastrowid)

    def record_answer(self, session_id: int, seq: int, a: NewAnswer, reschedule: Reschedule) -> None:
        """The answer and the question's new review state, committed together."""
        with self._tx() as c:
            c.execute(f"INSERT INTO answers ({', '.join(_ANSWER_COLUMNS)}, session_id) "
                      f"VALUES ({', '.join('?' * (len(_ANSWER_COLUMNS) + 1))})",
                      (uuid.uuid4().hex, seq, a.question_id, a.qtype, a.article, a.given, int(a.correct),
                       a.elapsed_ms, int(a.timed_out), a.rating, iso(a.at), a.at.date().isoformat(), session_id))
            c.execute("UPDATE sessions SET status = 'running' WHERE id = ? AND status = 'unfinished'", (session_id,))
            row = c.execute("SELECT * FROM review_state WHERE question_id = ?", (a.question_id,)).fetchone()
            state = reschedule(ReviewState.from_row(row) if row else None, a.question_id, a.rating, a.correct, a.at)
            c.execute("INSERT OR REPLACE INTO review_state VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", state.row())

    def finish_session(self, session_id: int, status: str, score: float | None, elapsed_s: float,
                       at: datetime) -> None:
        with self._tx() as c:
            c.execute("UPDATE sessions SET status = ?, score = ?, elapsed_s = ?, finished_at = ? WHERE id = ?",
                      (status, score, round(elapsed_s, 3), iso(at), session_id))

    # -- reading
    def review_states(self) -> dict[str, ReviewState]:
        return {r["question_id"]: ReviewState.from_row(r) for r in self.conn.execute("SELECT * FROM review_state")}

    def answer_facts(self) -> list[sqlite3.Row]:
        """Every answer, lean: for stats."""
        return self.conn.execute(
            "SELECT question_id, qtype, article, correct, day, elapsed_ms FROM answers").fetchall()

    def sessions(self, limit: int | None = None) -> list[dict]:
        sql = ("SELECT s.*, COUNT(a.id) AS answered, COALESCE(SUM(a.correct), 0) AS correct "
               "FROM sessions s LEFT JOIN answers a ON a.session_id = s.id GROUP BY s.id "
               "ORDER BY s.started_at DESC, s.id DESC")
        params: tuple = ()
        if limit is not None:
            sql += " LIMIT ?"
            params = (limit,)
        return [dict(r) for r in self.conn.execute(sql, params)]

    def session(self, session_id: int) -> dict | None:
        row = self.conn.execute(
            "SELECT s.*, COUNT(a.id) AS answered, COALESCE(SUM(a.correct), 0) AS correct "
            "FROM sessions s LEFT JOIN answers a ON a.session_id = s.id WHERE s.id = ? GROUP BY s.id",
            (session_id,)).fetchone()
        return dict(row) if row else None

    def session_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM sessions").fetchone()[0]

    def answer_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM answers").fetchone()[0]

    def study_days(self) -> list[date]:
        """Every calendar day on which at least one answer was given."""
        return [date.fromisoformat(r[0]) for r in self.conn.execute("SELECT DISTINCT day FROM answers")]

    def new_backup_path(self, at: datetime) -> Path:
        """progress-backup-<time>.json beside the store; never the name of an earlier backup."""
        stamp = f"{at:%Y%m%d-%H%M%S}"
        backup = self.path.with_name(f"progress-backup-{stamp}.json")
        n = 1
        while backup.exists():
            n += 1
            backup = self.path.with_name(f"progress-backup-{stamp}-{n}.json")
        return backup

    def answers_of(self, session_id: int) -> list[dict]:
        return [dict(r) for r in self.conn.execute(
            "SELECT * FROM answers WHERE session_id = ? ORDER BY seq, answered_at", (session_id,))]

    def best_challenge(self, exclude: int | None = None) -> int | None:
        row = self.conn.execute(
            "SELECT MAX(n) FROM (SELECT COALESCE(SUM(a.correct), 0) AS n FROM sessions s "
            "LEFT JOIN answers a ON a.session_id = s.id WHERE s.mode = 'challenge' AND s.id != ? GROUP BY s.id)",
            (exclude if exclude is not None else -1,)).fetchone()
        return None if row[0] is None else int(row[0])

    def answered_on(self, day: date, modes: Iterable[str]) -> set[str]:
        modes = tuple(modes)
        return {r[0] for r in self.conn.execute(
            f"SELECT DISTINCT a.question_id FROM answers a JOIN sessions s ON s.id = a.session_id "
            f"WHERE a.day = ? AND s.mode IN ({', '.join('?' * len(modes))})", (day.isoformat(), *modes))}

    def answered_ids_on(self, day: date) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT DISTINCT question_id FROM answers WHERE day = ?",
                                                (day.isoformat(),))}

    # -- daily sets
    def daily(self, day: date) -> dict | None:
        row = self.conn.execute("SELECT * FROM daily WHERE day = ?", (day.isoformat(),)).fetchone()
        if not row:
            return None
        return {"day": row["day"], "question_ids": json.loads(row["question_ids"]),
                "created_at": row["created_at"], "completed_at": row["completed_at"]}

    def create_daily(self, day: date, question_ids: list[str], at: datetime) -> dict:
        """The day's set; if another process created it first, theirs wins (one set per day)."""
        with self._tx() as c:
            c.execute("INSERT OR IGNORE INTO daily (day, question_ids, created_at) VALUES (?, ?, ?)",
                      (day.isoformat(), json.dumps(question_ids), iso(at)))
        return self.daily(day)  # type: ignore[return-value]

    def complete_daily(self, day: date, at: datetime) -> None:
        with self._tx() as c:
            c.execute("UPDATE daily SET completed_at = ? WHERE day = ? AND completed_at IS NULL",
                      (iso(at), day.isoformat()))

    # -- export, import, reset
    def export_data(self) -> dict:
        meta = dict(self.conn.execute("SELECT key, value FROM meta").fetchall())
        answers: dict[int, list[dict]] = {}
        for r in self.conn.execute(f"SELECT session_id, {', '.join(_ANSWER_COLUMNS)} FROM answers ORDER BY id"):
            d = dict(r)
            sid = d.pop("session_id")
            d["correct"], d["timed_out"] = bool(d["correct"]), bool(d["timed_out"])
            answers.setdefault(sid, []).append(d)
        sessions = []
        for r in self.conn.execute(f"SELECT id, {', '.join(_SESSION_COLUMNS)} FROM sessions ORDER BY started_at, id"):
            d = dict(r)
            sid = d.pop("id")
            d["filters"] = json.loads(d["filters"] or "{}")
            d["answers"] = answers.get(sid, [])
            sessions.append(d)
        daily = [{"day": r["day"], "question_ids": json.loads(r["question_ids"]), "created_at": r["created_at"],
                  "completed_at": r["completed_at"]} for r in self.conn.execute("SELECT * FROM daily ORDER BY day")]
        return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "schema": SCHEMA_VERSION,
                "store_id": meta.get("store_id"), "exported_at": iso(now()),
                "sessions": sessions, "daily": daily}

    def import_data(self, data: Any, replay: Replay) -> dict:
        """Merge an export: sessions and answers are matched by uid, so importing twice adds nothing."""
        sessions, daily = _validate_export(data)
        added_sessions = added_answers = skipped_answers = 0
        touched: set[str] = set()
        with self._tx() as c:
            for s in sessions:
                status = s.get("status") or "running"  # null or missing: as the exporting process left it
                row = c.execute("SELECT id, status FROM sessions WHERE uid = ?", (s["uid"],)).fetchone()
                if row is None:
                    cur = c.execute(
                        f"INSERT INTO sessions ({', '.join(_SESSION_COLUMNS)}) VALUES ({', '.join('?' * 9)})",
                        (s["uid"], s["mode"], json.dumps(s.get("filters") or {}, sort_keys=True),
                         int(s.get("planned") or 0), s["started_at"], s.get("finished_at"),
                         "unfinished" if status == "running" else status,
                         s.get("score"), s.get("elapsed_s")))
                    sid = int(cur.lastrowid)
                    added_sessions += 1
                else:
                    sid = row["id"]
                    if row["status"] in ("running", "unfinished") and s.get("finished_at"):
                        c.execute("UPDATE sessions SET status = ?, finished_at = ?, score = ?, elapsed_s = ? "
                                  "WHERE id = ?", (status, s["finished_at"], s.get("score"),
                                                   s.get("elapsed_s"), sid))
                for a in s["answers"]:
                    cur = c.execute(
                        f"INSERT OR IGNORE INTO answers ({', '.join(_ANSWER_COLUMNS)}, session_id) "
                        f"VALUES ({', '.join('?' * (len(_ANSWER_COLUMNS) + 1))})",
                        (a["uid"], int(a["seq"]), a["question_id"], a["qtype"], a.get("article"), a["given"],
                         int(bool(a["correct"])), int(a["elapsed_ms"]), int(bool(a.get("timed_out"))),
                         int(a["rating"]), a["answered_at"], a["day"], sid))
                    if cur.rowcount:
                        added_answers += 1
                        touched.add(a["question_id"])
                    else:
                        skipped_answers += 1
            for d in daily:
                c.execute("INSERT OR IGNORE INTO daily (day, question_ids, created_at, completed_at) "
                          "VALUES (?, ?, ?, ?)", (d["day"], json.dumps(d["question_ids"]), d["created_at"],
                                                  d.get("completed_at")))
                if d.get("completed_at"):
                    c.execute("UPDATE daily SET completed_at = ? WHERE day = ? AND completed_at IS NULL",
                              (d["completed_at"], d["day"]))
            self._rebuild(c, touched, replay)
        return {"sessions_added": added_sessions, "answers_added": added_answers,
                "answers_skipped": skipped_answers, "questions_rescheduled": len(touched)}

    def _rebuild(self, c: sqlite3.Connection, qids: Iterable[str], replay: Replay) -> None:
        """Recompute review states from the full answer history (after a merge changed it)."""
        for qid in qids:
            history = [(r["rating"], bool(r["correct"]), parse_iso(r["answered_at"])) for r in c.execute(
                "SELECT rating, correct, answered_at FROM answers WHERE question_id = ? ORDER BY answered_at, id",
                (qid,))]
            if history:
                c.execute("INSERT OR REPLACE INTO review_state VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          replay(qid, history).row())

    def reset(self) -> None:
        with self._tx() as c:
            for table in ("answers", "sessions", "review_state", "daily"):
                c.execute(f"DELETE FROM {table}")


def _close(conn: sqlite3.Connection | None) -> None:
    if conn is not None:
        with suppress(sqlite3.Error):
            conn.close()


def _aside(path: Path, tag: str) -> str:
    """Move the store aside; the backup's name for the message."""
    try:
        return str(move_aside(path, tag))
    except FileNotFoundError:  # another xuezhi process found the same problem and moved it first
        return f"{path.parent} 下的 {path.stem}.{tag}-*{path.suffix}"
    except OSError as e:
        raise StoreUnavailable(f"学习记录 {path} 无法读取，也无法移走备份（{reason(e)}）。"
                               f"请关闭其他正在运行的学知后重试，或设置 XUEZHI_HOME 指定别的目录。") from None


_QTYPES = ("single", "multiple", "judge", "blank")


class _Shape:
    """Checks one value of an imported progress file; the error says where and what was expected.
    Everything is checked before anything is written: a file that passes cannot break a later
    history or stats (a date that does not parse, a score that is text, a rating fsrs refuses)."""

    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, key: str, expected: str) -> XuezhiError:
        return XuezhiError(f"学习记录文件{self.where}的 {key} 应为{expected}，这份文件不能导入（没有导入任何内容）。")

    def text(self, d: dict, key: str, optional: bool = False, longest: int = 200) -> None:
        v = d.get(key)
        if v is None and optional:
            return
        if not isinstance(v, str) or len(v) > longest or (not optional and not v.strip() and key != "given"):
            raise self.fail(key, f"不超过 {longest} 个字的文本")
        if not v.isprintable() and any(0xD800 <= ord(c) < 0xE000 for c in v):  # "\ud800": not storable
            raise self.fail(key, "正常的文本（其中有无效的字符）")

    def number(self, d: dict, key: str, lo: float, hi: float, optional: bool = False, whole: bool = True) -> None:
        v = d.get(key)
        if v is None and optional:
            return
        kinds = (int,) if whole else (int, float)
        if isinstance(v, bool) or not isinstance(v, kinds) or not lo <= v <= hi:
            raise self.fail(key, f"{'整数' if whole else '数字'}（{lo:g}–{hi:g}）")

    def flag(self, d: dict, key: str, optional: bool = False) -> None:
        if (key in d or not optional) and not isinstance(d.get(key), bool):
            raise self.fail(key, " true 或 false")

    def one_of(self, d: dict, key: str, allowed: Iterable[str], optional: bool = False) -> None:
        allowed = tuple(allowed)
        if (d.get(key) is not None or not optional) and d.get(key) not in allowed:
            raise self.fail(key, "以下之一：" + "、".join(allowed))

    def moment(self, d: dict, key: str, optional: bool = False) -> None:
        v = d.get(key)
        if v is None and optional:
            return
        try:
            ok = isinstance(v, str) and 1970 <= parse_iso(v).year <= 2999
        except (TypeError, ValueError, OverflowError):
            ok = False
        if not ok:
            raise self.fail(key, "时间（如 2025-03-03T09:00:00+08:00）")

    def day(self, d: dict, key: str) -> None:
        try:
            ok = isinstance(d.get(key), str) and 1970 <= date.fromisoformat(d[key]).year <= 2999
        except ValueError:
            ok = False
        if not ok:
            raise self.fail(key, "日期（如 2025-03-03）")


def _validate_export(data: Any) -> tuple[list[dict], list[dict]]:
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise XuezhiError("这不是学知导出的学习记录文件（缺少 \"format\": \"xuezhi-progress\"）。")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise XuezhiError(f"学习记录文件的格式版本 {version!r} 无效（应为正整数），这份文件不能导入。")
    if version > EXPORT_VERSION:
        raise XuezhiError(f"学习记录文件的格式版本为 {version}，本程序只支持到 {EXPORT_VERSION}，请升级学知。")
    sessions, daily = data.get("sessions"), data.get("daily", [])
    if not isinstance(sessions, list) or not isinstance(daily, list):
        raise XuezhiError("学习记录文件中 sessions 或 daily 不是列表。")
    need_s = ("uid", "mode", "started_at", "answers")
    need_a = ("uid", "seq", "question_id", "qtype", "given", "correct", "elapsed_ms", "rating", "answered_at", "day")
    ratings = [int(r) for r in _fsrs_rating()]
    for i, s in enumerate(sessions, 1):
        if not isinstance(s, dict) or any(k not in s for k in need_s) or not isinstance(s["answers"], list):
            raise XuezhiError(f"学习记录文件第 {i} 次答题缺少字段（需要 {'、'.join(need_s)}）。")
        c = _Shape(f"第 {i} 次答题")
        c.text(s, "uid")
        c.one_of(s, "mode", MODE_LABELS)
        c.one_of(s, "status", STATUS_LABELS, optional=True)
        c.moment(s, "started_at")
        c.moment(s, "finished_at", optional=True)
        c.number(s, "planned", 0, 100_000, optional=True)
        c.number(s, "score", 0, 100, optional=True, whole=False)
        c.number(s, "elapsed_s", 0, 10**9, optional=True, whole=False)
        if s.get("filters") is not None and not isinstance(s["filters"], dict):
            raise c.fail("filters", "映射")
        for j, a in enumerate(s["answers"], 1):
            if not isinstance(a, dict) or any(k not in a for k in need_a):
                raise XuezhiError(f"学习记录文件第 {i} 次答题的第 {j} 条作答缺少字段（需要 {'、'.join(need_a)}）。")
            c = _Shape(f"第 {i} 次答题的第 {j} 条作答")
            c.text(a, "uid")
            c.number(a, "seq", 1, 1_000_000)
            c.text(a, "question_id", longest=100)
            c.one_of(a, "qtype", _QTYPES)
            c.number(a, "article", 1, 9999, optional=True)
            c.text(a, "given", longest=2000)
            c.flag(a, "correct")
            c.flag(a, "timed_out", optional=True)
            c.number(a, "elapsed_ms", 0, 10**10)
            if a.get("rating") not in ratings or isinstance(a.get("rating"), bool):
                raise c.fail("rating", "以下之一：" + "、".join(map(str, ratings)))
            c.moment(a, "answered_at")
            c.day(a, "day")
    for k, d in enumerate(daily, 1):
        if not isinstance(d, dict) or not {"day", "question_ids", "created_at"} <= d.keys():
            raise XuezhiError("学习记录文件中 daily 的条目缺少字段（需要 day、question_ids、created_at）。")
        c = _Shape(f"每日一练第 {k} 条")
        c.day(d, "day")
        ids = d["question_ids"]
        if not isinstance(ids, list) or not ids or not all(isinstance(x, str) and x for x in ids):
            raise c.fail("question_ids", "题号列表")
        c.moment(d, "created_at")
        c.moment(d, "completed_at", optional=True)
    return sessions, daily


def _fsrs_rating() -> Any:
    from fsrs import Rating

    return Rating


def write_json_atomic(path: Path, data: Any) -> None:
    """Write next to the target, flush to disk, then replace: a crash leaves the old file or the new one."""
    import tempfile

    text = json.dumps(data, ensure_ascii=False, indent=1)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.write("\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
