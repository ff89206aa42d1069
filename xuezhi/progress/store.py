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
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from xuezhi.clock import iso, now, parse_iso
from xuezhi.files import clean_stale_temporaries
from xuezhi.progress import db
from xuezhi.progress.db import StoreUnavailable, is_busy, reason, store_path
from xuezhi.progress.schema import SCHEMA_VERSION

WRITE_PATIENCE_S = 30.0  # how long a writer keeps retrying a locked store before giving up


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
    shown: str | None = None  # choice questions: the bank's letters in the order they were shown


Reschedule = Callable[[ReviewState | None, str, int, bool, datetime], ReviewState]
Replay = Callable[[str, list[tuple[int, bool, datetime]]], ReviewState]

_SESSION_COLUMNS = ("uid", "mode", "filters", "planned", "started_at", "finished_at", "status", "score", "elapsed_s")
_ANSWER_COLUMNS = ("uid", "seq", "question_id", "qtype", "article", "given", "correct", "elapsed_ms", "timed_out",
                   "rating", "answered_at", "day", "shown")
_INTO_ANSWERS = (f"INTO answers ({', '.join(_ANSWER_COLUMNS)}, session_id) "
                 f"VALUES ({', '.join('?' * (len(_ANSWER_COLUMNS) + 1))})")
SAVE_STATE = "INSERT OR REPLACE INTO review_state VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"


# ---------------------------------------------------------------- the store











def daily_set(row: sqlite3.Row) -> dict:
    """A row of the daily table as the store and its export give it."""
    return {"day": row["day"], "question_ids": json.loads(row["question_ids"]),
            "created_at": row["created_at"], "completed_at": row["completed_at"]}


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
        clean_stale_temporaries(path.parent)  # a backup killed half-way (progress reset)
        if path.is_dir():  # SQLite says only "unable to open"
            raise StoreUnavailable(f"学习记录 {path} 是一个目录，不是文件：请移走或改名这个目录，"
                                   f"或设置环境变量 XUEZHI_HOME 指定别的目录。")
        with suppress(OSError):  # an empty file is a valid new database to SQLite: say it was empty
            # (not one a concurrent xuezhi has just created and is about to write its schema into)
            st = path.stat()
            if st.st_size == 0 and time.time() - st.st_mtime > 5 and not path.with_name(path.name + "-wal").exists():
                notices.append(f"学习记录文件 {path} 是空的（0 字节，可能是复制或保存时出了问题），"
                               f"已把它当作新的学习记录使用。")
        for _attempt in range(3):
            conn = None
            try:
                conn = db.connect(str(path))
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":  # e.g. a network drive: fall back, still safe
                    conn.execute("PRAGMA journal_mode = DELETE")
                conn.execute("PRAGMA synchronous = FULL")
                conn.execute("PRAGMA foreign_keys = ON")
                db.migrate(conn)
                db.check(conn)
                store = cls(path, conn, notices)
                store._opened()
                return store
            except db.NewerSchema as e:
                db.close_quietly(conn)
                backup = db.aside(path, f"newer-v{e.version}")
                notices.append(
                    f"学习记录文件来自更新版本的学知（数据版本 {e.version}，本程序支持到 {SCHEMA_VERSION}），"
                    f"本程序无法读取。已把它原样移到 {backup}，并新建了一份空的学习记录。"
                    f"升级学知后，把该文件改名回 {path.name} 即可恢复。")
            except (db.Corrupt, sqlite3.DatabaseError) as e:
                db.close_quietly(conn)
                if isinstance(e, sqlite3.Error) and db.kind(e) not in ("CORRUPT", "NOTADB"):
                    if is_busy(e):
                        raise StoreUnavailable(f"学习记录 {path} 正被其他程序长时间占用，请稍后再试。") from None
                    raise StoreUnavailable(f"无法打开学习记录 {path}：{reason(e)}") from None
                backup = db.aside(path, "corrupt")
                notices.append(f"学习记录文件已损坏，无法读取。已把它原样移到 {backup}（可交给维护人员尝试修复），"
                               f"并新建了一份空的学习记录。")
            except OSError as e:
                db.close_quietly(conn)
                raise StoreUnavailable(f"无法打开学习记录 {path}：{reason(e)}") from None
        raise StoreUnavailable(f"无法打开学习记录 {path}：反复新建仍然失败。")

    @classmethod
    def open_for_reading(cls, path: Path | None = None) -> Store | None:
        """For stats, history and export: None when there is no store yet. A sound store of this
        version is opened read-only and never written; only a file that needs a migration or is
        damaged is opened as `open` does (upgraded, or moved aside with a notice)."""
        path = path or store_path()
        if not path.exists():
            return None
        store = cls.open_read_only(path)
        if store is not None:
            store.notices = []  # reading is all that was asked: nothing to tell
            return store
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
                conn = db.connect(f"{path.resolve().as_uri()}?{query}", uri=True)
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version != SCHEMA_VERSION:
                    return None
                db.check(conn)
                return cls(path, conn, [f"学习记录目录不可写，以只读方式打开 {path}。"], readonly=True)
            except (sqlite3.Error, db.Corrupt):
                db.close_quietly(conn)
        return None

    def close(self) -> None:
        db.close_quietly(self.conn)

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
            c.execute(f"INSERT {_INTO_ANSWERS}",
                      (uuid.uuid4().hex, seq, a.question_id, a.qtype, a.article, a.given, int(a.correct),
                       a.elapsed_ms, int(a.timed_out), a.rating, iso(a.at), a.at.date().isoformat(), a.shown,
                       session_id))
            c.execute("UPDATE sessions SET status = 'running' WHERE id = ? AND status = 'unfinished'", (session_id,))
            row = c.execute("SELECT * FROM review_state WHERE question_id = ?", (a.question_id,)).fetchone()
            state = reschedule(ReviewState.from_row(row) if row else None, a.question_id, a.rating, a.correct, a.at)
            c.execute(SAVE_STATE, state.row())

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
        return [self._as_seen(r) for r in self.conn.execute(sql, params)]

    def session(self, session_id: int) -> dict | None:
        row = self.conn.execute(
            "SELECT s.*, COUNT(a.id) AS answered, COALESCE(SUM(a.correct), 0) AS correct "
            "FROM sessions s LEFT JOIN answers a ON a.session_id = s.id WHERE s.id = ? GROUP BY s.id",
            (session_id,)).fetchone()
        return self._as_seen(row) if row else None

    def _as_seen(self, row: sqlite3.Row) -> dict:
        """A session row as the user sees it. Opening for writing marks sessions left running
        'unfinished' (`_opened`); a store opened read-only shows them so without writing."""
        d = dict(row)
        if self.readonly and d["status"] == "running":
            d["status"] = "unfinished"
        return d

    def session_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM sessions").fetchone()[0]

    def answer_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM answers").fetchone()[0]

    def study_days(self) -> list[date]:
        """Every calendar day on which at least one answer was given (背诵 counts too)."""
        return [date.fromisoformat(r[0]) for r in self.conn.execute(
            "SELECT day FROM answers UNION SELECT day FROM recitations")]

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
        return daily_set(row)

    def create_daily(self, day: date, question_ids: list[str], at: datetime) -> dict:
        """The day's set; if another process created it first, theirs wins (one set per day)."""
        with self._tx() as c:
            c.execute("INSERT OR IGNORE INTO daily (day, question_ids, created_at) VALUES (?, ?, ?)",
                      (day.isoformat(), json.dumps(question_ids), iso(at)))
        return self.daily(day)  # type: ignore[return-value]

    def daily_answers(self, day: date) -> list[tuple[str, bool]]:
        """(question id, correct) of every answer given in a daily session on `day`, in the order given."""
        return [(r[0], bool(r[1])) for r in self.conn.execute(
            "SELECT a.question_id, a.correct FROM answers a JOIN sessions s ON s.id = a.session_id "
            "WHERE a.day = ? AND s.mode = 'daily' ORDER BY a.answered_at, a.id", (day.isoformat(),))]

    def complete_daily(self, day: date, at: datetime) -> None:
        with self._tx() as c:
            c.execute("UPDATE daily SET completed_at = ? WHERE day = ? AND completed_at IS NULL",
                      (iso(at), day.isoformat()))

    # -- reset
    def reset(self) -> None:
        with self._tx() as c:
            for table in ("answers", "sessions", "review_state", "daily", "recitations"):
                c.execute(f"DELETE FROM {table}")
