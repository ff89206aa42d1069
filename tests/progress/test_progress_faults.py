"""The faults the progress store must survive, each with its own test (issue 5).

Concurrency and the kill run real processes (the CLI, or tests/store_worker.py driving the
quiz engine and the store); the rest drive the CLI in-process.
"""

from __future__ import annotations

import json
import os
import queue
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from progress_support import ROOT, lines, true_bank, true_questions, write_bank

from xuezhi.progress.store import Store

WORKER = Path(__file__).resolve().parents[1] / "store_worker.py"


def env_for(home: Path, bank: Path | None = None) -> dict:
    env = dict(os.environ, XUEZHI_HOME=str(home), PYTHONUNBUFFERED="1", NO_COLOR="1", PYTHONIOENCODING="utf-8")
    env.pop("XUEZHI_NOW", None)
    if bank:
        env["XUEZHI_BANK"] = str(bank)
    return env


def popen(args: list[str], env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, *args], cwd=ROOT, env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")


def line_reader(stream) -> queue.Queue:
    q: queue.Queue = queue.Queue()

    def pump() -> None:
        for line in stream:
            q.put(line)
        q.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return q


def wait_for(q: queue.Queue, needle: str, times: int = 1, timeout: float = 60) -> list[str]:
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while sum(needle in s for s in seen) < times:
        line = q.get(timeout=max(0.1, deadline - time.monotonic()))
        if line is None:
            raise AssertionError(f"process ended before {times}× {needle!r}:\n{''.join(seen)}")
        seen.append(line)
    return seen


def db(home: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(home / "progress.db")
    conn.row_factory = sqlite3.Row
    return conn


# ---------------------------------------------------------------- two processes at once

def test_concurrent_engine_sessions_lose_no_answer(tmp_path):
    """Four processes answer 120 questions each, released at the same instant, into one store."""
    home = tmp_path / "home"
    n, workers = 120, 4
    procs = [popen([str(WORKER), str(n), "--wait"], env_for(home)) for _ in range(workers)]
    readers = [line_reader(p.stdout) for p in procs]
    for r in readers:
        wait_for(r, "READY")
    for p in procs:  # the barrier: everyone starts answering now
        p.stdin.write("go\n")
        p.stdin.flush()
    outs = []
    for p, r in zip(procs, readers, strict=True):
        out = "".join(wait_for(r, "DONE", timeout=120))
        p.stdin.close()
        err = p.stderr.read()
        assert p.wait(timeout=60) == 0, err
        outs.append(out + err)
    for out in outs:
        assert f"DONE {n}" in out, out
        assert "WARN" not in out and "locked" not in out.lower() and "Traceback" not in out
    conn = db(home)
    counts = [r[0] for r in conn.execute("SELECT count(a.id) FROM sessions s JOIN answers a ON a.session_id = s.id "
                                         "WHERE s.status = 'finished' GROUP BY s.id")]
    assert counts == [n] * workers
    # No lost update of the review state either: every answer advanced its question's card once.
    per_question = dict(conn.execute("SELECT question_id, count(*) FROM answers GROUP BY question_id").fetchall())
    reps = dict(conn.execute("SELECT question_id, reps FROM review_state").fetchall())
    assert reps == per_question


def test_concurrent_cli_quizzes_lose_no_answer(tmp_path):
    """Three `xuezhi quiz` processes, answers piped in, against the same store."""
    home = tmp_path / "home"
    bank, _ = true_bank(tmp_path)
    n = 30
    procs = [popen(["-m", "xuezhi", "quiz", "-n", str(n), "--quiet"], env_for(home, bank)) for _ in range(3)]
    results = [p.communicate(lines(*["对"] * n), timeout=180) for p in procs]
    for p, (out, err) in zip(procs, results, strict=True):
        assert p.returncode == 0, err
        assert "得分 100 / 100" in out
        assert "locked" not in (out + err).lower() and "Traceback" not in err and "注意" not in err
    conn = db(home)
    rows = conn.execute("SELECT s.status, count(a.id) FROM sessions s JOIN answers a ON a.session_id = s.id "
                        "GROUP BY s.id").fetchall()
    assert [tuple(r) for r in rows] == [("finished", n)] * 3


# ---------------------------------------------------------------- killed mid-session

def test_killed_mid_session_keeps_every_answer_and_is_marked_unfinished(tmp_path):
    home = tmp_path / "home"
    bank, _ = true_bank(tmp_path)
    proc = popen(["-m", "xuezhi", "quiz", "-n", "10", "--quiet"], env_for(home, bank))
    out = line_reader(proc.stdout)
    proc.stdin.write(lines("对", "错", "对"))  # three answers; the quiz then waits for the fourth
    proc.stdin.flush()
    wait_for(out, "回答", times=3)  # feedback is printed after the answer is committed
    wait_for(out, "第 4/10 题")  # it is waiting for the fourth answer
    proc.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no chance to clean up
    proc.wait(timeout=30)
    conn = db(home)
    [s] = conn.execute("SELECT * FROM sessions").fetchall()
    assert s["status"] == "running" and s["finished_at"] is None
    given = [r["correct"] for r in conn.execute("SELECT correct FROM answers ORDER BY seq")]
    assert given == [1, 0, 1]
    conn.close()

    # The next run works, and sees the session for what it is.
    proc = popen(["-m", "xuezhi", "history", "--json"], env_for(home, bank))
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 0, stderr
    [h] = json.loads(stdout)
    assert (h["status"], h["status_label"], h["answered"], h["correct"]) == ("unfinished", "未完成（中断）", 3, 2)
    proc = popen(["-m", "xuezhi", "quiz", "-n", "2", "--quiet"], env_for(home, bank))
    stdout, stderr = proc.communicate(lines("对", "对"), timeout=60)
    assert proc.returncode == 0 and "得分 100 / 100" in stdout, stderr
    statuses = [r[0] for r in db(home).execute("SELECT status FROM sessions ORDER BY id")]
    assert statuses == ["unfinished", "finished"]


# ---------------------------------------------------------------- damaged files

def test_corrupt_store_is_moved_aside_and_replaced(invoke, tmp_path, monkeypatch):
    home = tmp_path / "xuezhi-home"
    home.mkdir()
    garbage = os.urandom(64) + b"this is not a database" * 200
    (home / "progress.db").write_bytes(garbage)
    bank, _ = true_bank(tmp_path, n=5)
    monkeypatch.setenv("XUEZHI_BANK", str(bank))
    r = invoke("quiz", "-n", "2", input=lines("对", "对"))
    assert r.exit_code == 0, r.output
    assert "学习记录文件已损坏" in r.stderr
    [backup] = home.glob("progress.corrupt-*.db")
    assert str(backup) in r.stderr
    assert backup.read_bytes() == garbage  # moved, not touched
    assert "得分 100 / 100" in r.stdout
    data = json.loads(invoke("stats", "--json").stdout)
    assert data["answers"] == 2  # the fresh store took the answers
    assert invoke("stats").stderr == ""  # and is not reported again


def test_store_damaged_inside_is_moved_aside(invoke, tmp_path, monkeypatch):
    home = tmp_path / "xuezhi-home"
    bank, _ = true_bank(tmp_path, n=5)
    monkeypatch.setenv("XUEZHI_BANK", str(bank))
    invoke("quiz", "-n", "3", input=lines("对", "对", "对"))
    store = Store.open(home / "progress.db")
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    path = home / "progress.db"
    raw = bytearray(path.read_bytes())
    raw[4096:] = b"\xff" * (len(raw) - 4096)  # keep the header page, wreck every table page
    path.write_bytes(bytes(raw))
    r = invoke("stats", "--json")
    assert r.exit_code == 0 and "已损坏" in r.stderr
    assert json.loads(r.stdout)["answers"] == 0
    assert list(home.glob("progress.corrupt-*.db"))



@pytest.mark.parametrize("damage", ["DROP TABLE answers", "PRAGMA user_version = -5"])
def test_store_with_sound_pages_but_a_broken_schema_is_moved_aside(invoke, tmp_path, monkeypatch, damage):
    """A table dropped by hand, a version no xuezhi writes: every command failed with an internal error."""
    home = tmp_path / "xuezhi-home"
    bank, _ = true_bank(tmp_path, n=5)
    monkeypatch.setenv("XUEZHI_BANK", str(bank))
    invoke("quiz", "-n", "1", input=lines("对"))
    conn = sqlite3.connect(home / "progress.db")
    conn.execute(damage)
    conn.commit()
    conn.close()
    for command in (["history"], ["stats"], ["quiz", "-n", "1"]):
        r = invoke(*command, input=lines("对"))
        assert r.exit_code == 0, r.output
        assert "内部错误" not in r.output
    assert len(list(home.glob("progress.corrupt-*.db"))) == 1  # moved aside once, then a fresh store
    assert json.loads(invoke("stats", "--json").stdout)["answers"] == 1

def test_store_from_a_newer_version_is_moved_aside(invoke, tmp_path, monkeypatch):
    home = tmp_path / "xuezhi-home"
    home.mkdir()
    conn = sqlite3.connect(home / "progress.db")
    conn.execute("CREATE TABLE future (x)")
    conn.execute("INSERT INTO future VALUES ('keep me')")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    bank, _ = true_bank(tmp_path, n=5)
    monkeypatch.setenv("XUEZHI_BANK", str(bank))
    r = invoke("quiz", "-n", "1", input=lines("对"))
    assert r.exit_code == 0, r.output
    assert "更新版本的学知" in r.stderr and "数据版本 99" in r.stderr and "改名回 progress.db" in r.stderr
    [backup] = home.glob("progress.newer-v99-*.db")
    kept = sqlite3.connect(backup)
    assert kept.execute("SELECT x FROM future").fetchone()[0] == "keep me"
    assert kept.execute("PRAGMA user_version").fetchone()[0] == 99
    kept.close()
    assert len(json.loads(invoke("history", "--json").stdout)) == 1


# ---------------------------------------------------------------- the bank changed

def test_question_removed_from_bank_is_ignored_in_quizzes_but_counted_in_history(invoke, tmp_path, monkeypatch):
    qs = true_questions()[:6]
    old = write_bank(tmp_path / "old.yaml", qs)
    monkeypatch.setenv("XUEZHI_BANK", str(old))
    monkeypatch.setenv("XUEZHI_NOW", "2025-03-03T09:00:00+08:00")
    r = invoke("quiz", "-n", "6", input=lines(*["错"] * 6))
    assert r.exit_code == 0
    gone = [q for q in qs if q.stem in r.stdout][:2]
    kept = [q for q in qs if q not in gone]
    new = write_bank(tmp_path / "edited.yaml", kept)  # the trainer deleted two questions
    monkeypatch.setenv("XUEZHI_BANK", str(new))

    for args in (["review", "--wrong", "--no-save"], ["daily", "-n", "6", "--no-save"], ["review"]):
        r = invoke(*args, input=lines(*["对"] * 6))
        assert r.exit_code == 0, r.output
        assert not any(q.stem in r.stdout for q in gone), args
        assert "共 4 题" in r.stdout
    stats = json.loads(invoke("stats", "--json").stdout)
    assert stats["answers"] == 6 + 4  # the removed questions' answers still count
    assert stats["questions_not_in_bank"] == 2 and stats["wrong_book"] == 0 and stats["due"]["today"] == 0
    assert (stats["questions_seen"], stats["questions_in_bank"]) == (4, 4)  # of this bank, not "6/4"
    [first] = [s for s in json.loads(invoke("history", "--json").stdout) if s["mode"] == "practice"]
    assert first["answered"] == 6
    detail = json.loads(invoke("history", str(first["id"]), "--json").stdout)
    missing = [a for a in detail["answers"] if not a["in_bank"]]
    assert {a["question_id"] for a in missing} == {q.id for q in gone}
    assert "题库中已无此题" in invoke("history", str(first["id"])).stdout


# ---------------------------------------------------------------- home not writable

def test_missing_home_that_cannot_be_created(invoke, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XUEZHI_HOME", str(blocker / "xuezhi"))
    bank, _ = true_bank(tmp_path, n=5)
    monkeypatch.setenv("XUEZHI_BANK", str(bank))
    r = invoke("quiz", "-n", "2", input=lines("对", "对"))
    assert r.exit_code == 0, r.output
    assert "无法创建学习记录目录" in r.stderr and "不会保存" in r.stderr
    assert "得分 100 / 100" in r.stdout
    r = invoke("daily", input=lines(*["对"] * 5))
    assert r.exit_code == 0 and "每日一练：共 5 题" in r.stdout and "本次不保存答题记录" in r.stdout
    r = invoke("stats")
    assert r.exit_code == 0 and "还没有答题记录" in r.stdout


def test_read_only_store_quiz_still_runs(invoke, tmp_path, monkeypatch):
    """The store file can be read but not written (as a read-only file or share gives it)."""
    import xuezhi.progress.db as store_mod

    bank, _ = true_bank(tmp_path, n=5)
    monkeypatch.setenv("XUEZHI_BANK", str(bank))
    invoke("quiz", "-n", "2", input=lines("对", "错"))
    real_connect = store_mod.connect

    def read_only(target: str, uri: bool = False):
        if not uri:
            target, uri = Path(target).resolve().as_uri() + "?mode=ro", True
        return real_connect(target, uri=uri)

    monkeypatch.setattr(store_mod, "connect", read_only)
    r = invoke("quiz", "-n", "2", input=lines("对", "对"))
    assert r.exit_code == 0, r.output
    assert "只读" in r.stderr and "不会保存" in r.stderr
    assert "得分 100 / 100" in r.stdout
    r = invoke("review", "--wrong", input=lines("对"))  # reads what is there, saves nothing
    assert r.exit_code == 0 and "错题本：共 1 题" in r.stdout
    r = invoke("stats", "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["answers"] == 2


def test_read_only_home_directory(invoke, tmp_path, monkeypatch):
    """A home the store cannot be created in. Permission bits mean nothing to root (CI runs as
    root) or on Windows; there the home is a file where the directory is expected, which no
    one can create a file inside."""
    home = tmp_path / "xuezhi-home"
    bits_hold = sys.platform != "win32" and os.geteuid() != 0
    if bits_hold:
        home.mkdir()
        home.chmod(0o500)
    else:
        home.write_text("不是目录", encoding="utf-8")
    bank, _ = true_bank(tmp_path, n=5)
    monkeypatch.setenv("XUEZHI_BANK", str(bank))
    try:
        r = invoke("quiz", "-n", "1", input=lines("对"))
        assert r.exit_code == 0 and "不会保存" in r.stderr and "得分 100 / 100" in r.stdout
        assert not (tmp_path / "xuezhi-home" / "progress.db").exists()
    finally:
        if bits_hold:
            home.chmod(0o700)
