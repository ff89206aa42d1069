"""A store that lost its version mark, an empty or a directory store file, and SQLite's English."""

from __future__ import annotations

import os
import sqlite3
import time

from progress_support import lines


def test_a_dumped_and_reloaded_store_keeps_its_answers(invoke, tmp_path):
    """`sqlite3 old.db .dump | sqlite3 progress.db` keeps every row but not PRAGMA user_version:
    migrating it from 0 failed on "table meta already exists" at every later start."""
    invoke("quiz", "-n", "2", "--type", "judge", input=lines("对", "错"))
    db = tmp_path / "xuezhi-home" / "progress.db"
    with sqlite3.connect(db) as old:
        dump = list(old.iterdump())
    old.close()
    for f in db.parent.glob("progress.db*"):
        f.unlink()
    with sqlite3.connect(db) as new:
        new.executescript("\n".join(dump))
    new.close()
    r = invoke("stats", "--json")
    assert r.exit_code == 0 and '"answers": 2' in r.stdout, r.output
    r = invoke("quiz", "-n", "1", "--type", "judge", input=lines("对"))
    assert r.exit_code == 0 and "注意" not in r.stderr, r.output
    assert '"answers": 3' in invoke("stats", "--json").stdout
    kept = sorted(p.name for p in db.parent.glob("progress*") if not p.name.endswith(("-wal", "-shm")))
    assert kept == ["progress.db"]  # nothing moved aside


def test_an_empty_store_file_is_reported(invoke, tmp_path):
    home = tmp_path / "xuezhi-home"
    home.mkdir()
    empty = home / "progress.db"
    empty.write_bytes(b"")
    os.utime(empty, (time.time() - 60, time.time() - 60))  # left by a failed copy, not being created now
    r = invoke("quiz", "-n", "1", "--type", "judge", input=lines("对"))
    assert r.exit_code == 0 and "是空的（0 字节" in r.stderr, r.output


def test_a_store_file_another_xuezhi_is_creating_is_not_called_empty(invoke, tmp_path):
    """Two quizzes started together: the second sees the first's new, still empty file."""
    home = tmp_path / "xuezhi-home"
    home.mkdir()
    (home / "progress.db").write_bytes(b"")
    r = invoke("quiz", "-n", "1", "--type", "judge", input=lines("对"))
    assert r.exit_code == 0 and "0 字节" not in r.stderr, r.output


def test_a_store_that_is_a_directory_says_so(invoke, tmp_path):
    (tmp_path / "xuezhi-home" / "progress.db").mkdir(parents=True)
    r = invoke("stats")
    assert r.exit_code == 1 and "是一个目录，不是文件" in r.stderr and "没有写权限" not in r.stderr, r.output
    r = invoke("quiz", "-n", "1", "--type", "judge", input=lines("对"))
    assert r.exit_code == 0 and "是一个目录，不是文件" in r.stderr, r.output


def test_sqlite_english_is_not_shown(monkeypatch):
    from xuezhi.progress.db import reason

    e = sqlite3.OperationalError("table meta already exists")
    assert reason(e) == "数据库错误"
    monkeypatch.setenv("XUEZHI_DEBUG", "1")
    assert "table meta already exists" in reason(e)
