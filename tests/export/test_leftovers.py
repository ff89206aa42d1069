"""A write killed half-way (SIGKILL, a power cut) leaves its hidden temporary file: the next write
into that folder removes it, unless its writer is still running."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from xuezhi.files import STALE_S, clean_stale_temporaries, write_text_atomic


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_the_next_write_removes_what_a_killed_write_left(tmp_path):
    dead = tmp_path / f".卷.docx.{_dead_pid()}.ab_cd123.tmp"
    old = tmp_path / ".学习记录.json.x1y2z3w4.tmp"  # an older version's name: no pid, so by age
    live = tmp_path / f".卷.docx.{os.getppid()}.q1w2e3r4.tmp"  # a writer still running
    mine = tmp_path / "notes.tmp"  # not ours: never touched
    for f in (dead, old, live, mine):
        f.write_bytes(b"half")
    os.utime(old, (time.time() - STALE_S - 1,) * 2)
    write_text_atomic(tmp_path / "卷.txt", "完整")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, mine.name, "卷.txt"])


def test_an_export_killed_mid_write_is_cleaned_by_the_next_export(tmp_path, monkeypatch, invoke):
    monkeypatch.chdir(tmp_path)
    left = tmp_path / f".卷.docx.{_dead_pid()}.zzzzzzzz.tmp"
    left.write_bytes(b"PK\x03\x04 half a docx")
    r = invoke("export", "-o", "卷.docx")
    assert r.exit_code == 0, r.output
    assert not left.exists() and (tmp_path / "卷.docx").exists()


def test_a_fresh_temporary_without_pid_is_kept(tmp_path):
    young = tmp_path / ".x.json.abcdefgh.tmp"
    young.write_bytes(b"")
    clean_stale_temporaries(tmp_path)
    assert young.exists()
