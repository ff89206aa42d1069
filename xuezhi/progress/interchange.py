"""Moving a learner's record between computers: the export envelope, and an import that checks
every value before it writes anything and merges by uid (importing twice adds nothing)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from xuezhi.bank.model import LETTERS
from xuezhi.clock import iso, now, parse_iso
from xuezhi.errors import DataFileError, XuezhiError
from xuezhi.errors import shown as quoted
from xuezhi.files import read_text
from xuezhi.progress import recitation
from xuezhi.progress.labels import MODE_LABELS, STATUS_LABELS
from xuezhi.progress.schema import SCHEMA_VERSION
from xuezhi.progress.store import (
    _ANSWER_COLUMNS,
    _INTO_ANSWERS,
    _SESSION_COLUMNS,
    SAVE_STATE,
    Replay,
    Store,
    daily_set,
)

EXPORT_FORMAT = "xuezhi-progress"


EXPORT_VERSION = 1
IMPORT_LIMIT = 128 * 1024 * 1024  # a learner with 300,000 answers exports about 100 MB


def read_export(path: Path) -> Any:
    """The JSON of a progress file, read by the one file reader (regular files only, capped,
    UTF-8 with or without BOM). A key written twice, NaN/Infinity and numbers too long to read
    are refused: they are not what `progress export` writes, and each would be taken silently."""
    text = read_text(path, limit=IMPORT_LIMIT)

    def pairs(items: list[tuple[str, Any]]) -> dict:
        d: dict = {}
        for k, v in items:
            if k in d:
                raise DataFileError(str(path), f"键“{quoted(k)}”在同一个对象里写了两次，这份文件不能导入")
            d[k] = v
        return d

    def constant(name: str) -> Any:
        raise DataFileError(str(path), f"有 JSON 不允许的值 {name}，这份文件不能导入")

    try:
        return json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except json.JSONDecodeError as e:
        raise DataFileError(str(path), f"不是有效的 JSON（第 {e.colno} 列附近）", line=e.lineno) from None
    except RecursionError:  # [[[[…]]]] nested deeper than any export
        raise DataFileError(str(path), "嵌套层数过深，不是学知导出的学习记录文件") from None
    except ValueError:  # an integer of more than 4300 digits
        raise DataFileError(str(path), "有位数过多、无法读取的数字，不是学知导出的学习记录文件") from None


_QTYPES = ("single", "multiple", "judge", "blank", "cloze")  # cloze: a card of xuezhi cloze


class _Shape:
    """Checks one value of an imported progress file; the error says where and what was expected.
    Everything is checked before anything is written: a file that passes cannot break a later
    history or stats (a date that does not parse, a score that is text, a rating fsrs refuses)."""

    def __init__(self, where: str, source: str) -> None:
        self.where, self.source = where, source

    def fail(self, key: str, expected: str) -> XuezhiError:
        return XuezhiError(f"{self.source}：{self.where}的 {key} 应为{expected}，"
                           "这份文件不能导入（没有导入任何内容）。")

    def text(self, d: dict, key: str, optional: bool = False, longest: int = 200) -> None:
        v = d.get(key)
        if v is None and optional:
            return
        if not isinstance(v, str) or len(v) > longest or (not optional and not v.strip() and key != "given"):
            raise self.fail(key, f"不超过 {longest} 个字的文本")
        if not v.isprintable() and any(0xD800 <= ord(c) < 0xE000 or (ord(c) < 32 and c not in "\t\n\r") for c in v):
            raise self.fail(key, "正常的文本（其中有无效的字符）")  # "\ud800" is not storable, "\x00" not shown

    def number(self, d: dict, key: str, lo: float, hi: float, optional: bool = False, whole: bool = True) -> None:
        v = d.get(key)
        if v is None and optional:
            return
        kinds = (int,) if whole else (int, float)
        if isinstance(v, bool) or not isinstance(v, kinds) or not lo <= v <= hi:
            raise self.fail(key, f"{'整数' if whole else '数字'}（{lo}–{hi}）")

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


def _validate_export(data: Any, source: str) -> tuple[list[dict], list[dict]]:
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise XuezhiError(f"{source}：不是学知导出的学习记录文件（缺少 \"format\": \"xuezhi-progress\"）。")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise XuezhiError(f"{source}：格式版本 {quoted(repr(version))} 无效（应为正整数），这份文件不能导入。")
    if version > EXPORT_VERSION:
        raise XuezhiError(f"{source}：格式版本为 {quoted(str(version))}，本程序只支持到 {EXPORT_VERSION}，请升级学知。")
    sessions, daily = data.get("sessions"), data.get("daily", [])
    if not isinstance(sessions, list) or not isinstance(daily, list):
        raise XuezhiError(f"{source}：sessions 或 daily 不是列表，这份文件不能导入。")
    need_s = ("uid", "mode", "started_at", "answers")
    need_a = ("uid", "seq", "question_id", "qtype", "given", "correct", "elapsed_ms", "rating", "answered_at", "day")
    ratings = [int(r) for r in _fsrs_rating()]
    for i, s in enumerate(sessions, 1):
        if not isinstance(s, dict) or any(k not in s for k in need_s) or not isinstance(s["answers"], list):
            raise XuezhiError(f"{source}：第 {i} 次答题缺少字段（需要 {'、'.join(need_s)}）。")
        c = _Shape(f"第 {i} 次答题", source)
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
                raise XuezhiError(f"{source}：第 {i} 次答题的第 {j} 条作答缺少字段（需要 {'、'.join(need_a)}）。")
            c = _Shape(f"第 {i} 次答题的第 {j} 条作答", source)
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
            shown = a.get("shown")  # optional: exports before the option order was recorded lack it
            if shown is not None and (not isinstance(shown, str) or not shown or len(set(shown)) != len(shown)
                                      or not set(shown) <= set(LETTERS)):
                raise c.fail("shown", "不重复的选项字母（如 CADB）")
    for k, d in enumerate(daily, 1):
        if not isinstance(d, dict) or not {"day", "question_ids", "created_at"} <= d.keys():
            raise XuezhiError(f"{source}：daily 的条目缺少字段（需要 day、question_ids、created_at）。")
        c = _Shape(f"每日一练第 {k} 条", source)
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


def export_data(store: Store) -> dict:
    """Every session, answer and daily set, in the interchange format."""
    meta = dict(store.conn.execute("SELECT key, value FROM meta").fetchall())
    answers: dict[int, list[dict]] = {}
    for r in store.conn.execute(f"SELECT session_id, {', '.join(_ANSWER_COLUMNS)} FROM answers ORDER BY id"):
        d = dict(r)
        sid = d.pop("session_id")
        d["correct"], d["timed_out"] = bool(d["correct"]), bool(d["timed_out"])
        answers.setdefault(sid, []).append(d)
    sessions = []
    for r in store.conn.execute(f"SELECT id, {', '.join(_SESSION_COLUMNS)} FROM sessions ORDER BY started_at, id"):
        d = dict(r)
        sid = d.pop("id")
        d["filters"] = json.loads(d["filters"] or "{}")
        d["answers"] = answers.get(sid, [])
        sessions.append(d)
    daily = [daily_set(r) for r in store.conn.execute("SELECT * FROM daily ORDER BY day")]
    return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "schema": SCHEMA_VERSION,
            "store_id": meta.get("store_id"), "exported_at": iso(now()),
            "sessions": sessions, "daily": daily, "recitations": recitation.export_rows(store)}


def _validate_recitations(data: dict, source: str) -> list[dict]:
    """背诵 rows (optional: files from before recitation have none)."""
    rows = data.get("recitations", [])
    if not isinstance(rows, list):
        raise XuezhiError(f"{source}：recitations 不是列表，这份文件不能导入。")
    for i, r in enumerate(rows, 1):
        if not isinstance(r, dict) or any(k not in r for k in recitation.COLUMNS):
            raise XuezhiError(f"{source}：第 {i} 条背诵记录缺少字段（需要 {'、'.join(recitation.COLUMNS)}）。")
        c = _Shape(f"第 {i} 条背诵记录", source)
        for key in ("uid", "attempt", "text_hash"):
            c.text(r, key, longest=100)
        c.number(r, "article", 1, 99_999)
        c.number(r, "round", 1, 4)
        c.number(r, "part", 1, 100_000)
        c.number(r, "parts", 1, 100_000)
        c.text(r, "given", longest=5000)  # "" is an answer too: 不会
        c.flag(r, "correct")
        c.moment(r, "answered_at")
        c.day(r, "day")
    return rows

def check_export(data: Any, source: str) -> None:
    """Raise XuezhiError at the first value that cannot be imported, before any store is opened."""
    _validate_export(data, source)
    _validate_recitations(data, source)


def import_data(store: Store, data: Any, replay: Replay, source: str = "学习记录文件") -> dict:
    """Merge an export: sessions and answers are matched by uid, so importing twice adds nothing."""
    sessions, daily = _validate_export(data, source)
    recited = _validate_recitations(data, source)
    added_sessions = added_answers = skipped_answers = 0
    touched: set[str] = set()
    with store._tx() as c:
        for s in sessions:
            status = s.get("status") or "running"  # null or missing: as the exporting process left it
            row = c.execute("SELECT id, status FROM sessions WHERE uid = ?", (s["uid"],)).fetchone()
            if row is None:
                cur = c.execute(
                    f"INSERT INTO sessions ({', '.join(_SESSION_COLUMNS)}) "
                    f"VALUES ({', '.join('?' * len(_SESSION_COLUMNS))})",
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
                    f"INSERT OR IGNORE {_INTO_ANSWERS}",
                    (a["uid"], int(a["seq"]), a["question_id"], a["qtype"], a.get("article"), a["given"],
                     int(bool(a["correct"])), int(a["elapsed_ms"]), int(bool(a.get("timed_out"))),
                     int(a["rating"]), a["answered_at"], a["day"], a.get("shown"), sid))
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
        _rebuild(c, touched, replay)
        recitations_added, recitations_skipped = recitation.import_rows(c, recited)
    return {"sessions_added": added_sessions, "answers_added": added_answers,
            "answers_skipped": skipped_answers, "questions_rescheduled": len(touched),
            "recitations_added": recitations_added, "recitations_skipped": recitations_skipped}

def _rebuild(c: sqlite3.Connection, qids: Iterable[str], replay: Replay) -> None:
    """Recompute review states from the full answer history (after a merge changed it)."""
    for qid in qids:
        history = [(r["rating"], bool(r["correct"]), parse_iso(r["answered_at"])) for r in c.execute(
            "SELECT rating, correct, answered_at FROM answers WHERE question_id = ? ORDER BY answered_at, id",
            (qid,))]
        if history:
            c.execute(SAVE_STATE, replay(qid, history).row())


def empty_export() -> dict:
    """The export of a learner who has no store yet."""
    return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "schema": SCHEMA_VERSION, "store_id": None,
            "exported_at": iso(now()), "sessions": [], "daily": []}
