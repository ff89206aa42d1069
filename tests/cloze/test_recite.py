"""背诵: the check forgives punctuation and the form of a number, not words; the rounds hide more and
more; every typed part is in the store at once, so a kill mid-round keeps what was answered."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from xuezhi.cloze.compare import EXTRA, MISSING, SAME, WRONG, check
from xuezhi.cloze.generate import generate
from xuezhi.cloze.recite import build_round


def test_punctuation_and_numerals_are_forgiven_words_are_not():
    text = "对本条例第三十一条第六项规定的信访事项应当自受理之日起60日内办结；"
    assert check(text, "对本条例第31条第6项规定的信访事项应当自受理之日起六十日内办结").correct
    assert check("代表人数不得超过5人。", "代表人数不得超过五人").correct
    assert check("载明其姓名（名称）、住址", "载明其姓名名称，住址").correct
    wrong = check("应当推选代表，代表人数不得超过5人。", "应该推选代表代表人数不超过5人")
    assert not wrong.correct
    kinds = [(s.kind, s.expected, s.typed) for s in wrong.segments]
    assert (WRONG, "当", "该") in kinds and (MISSING, "得", "") in kinds
    assert "".join(s.expected for s in wrong.segments) == "应当推选代表，代表人数不得超过5人。"  # in place, whole
    extra = check("依法处理", "依法依法处理")
    assert [s.kind for s in extra.segments] in ([EXTRA, SAME], [SAME, EXTRA])


def test_the_rounds_hide_more_and_more(reg):
    art = reg.article(34)
    cards = [c for c in generate(reg) if c.article == 34]
    one, two, three, four = (build_round(n, art, cards) for n in (1, 2, 3, 4))
    assert [h.expected for h in one.holes] == ["60日", "可以", "30日"]  # the generated blanks
    assert [h.expected for h in two.holes] == ["情况复杂的", "可以适当延长办理期限", "并告知信访人延期理由"]
    assert [h.hint for h in three.holes] == ["对……", "情……，经……，可……，但……，并……"]  # first characters only
    assert [h.hint for h in four.holes] == ["", ""] and all(h.expected in art.text for h in four.holes)


def answers_for(reg, article: int) -> str:
    """Every hole of every round of `article`, right."""
    art = reg.article(article)
    cards = [c for c in generate(reg) if c.article == article]
    return "".join(h.expected + "\n" for n in (1, 2, 3, 4) for h in build_round(n, art, cards).holes)


def test_recite_to_the_end_marks_the_article_known_by_heart(invoke, reg):
    r = invoke("recite", "49", input=answers_for(reg, 49))
    assert r.exit_code == 0, r.output
    assert "第 4 轮 · 默写" in r.stdout and "第 4 轮全部正确！" in r.stdout
    assert "第四十九条：" in r.stdout and "已背会" in r.stdout
    data = json.loads(invoke("stats", "--json").stdout)
    assert data["recitation"]["known_by_heart"] == 1 and data["recitation"]["known_articles"] == [49]
    assert data["streak"]["studied_today"]
    plain = invoke("stats").stdout
    assert "学原文：背会 1/50 条" in plain


def test_a_wrong_part_is_shown_in_place(invoke):
    r = invoke("recite", "34", "--round", "1", input="60日\n应当\n\n")
    assert "√ 正确" in r.stdout
    assert "× 原文：可以（你写的是“应当”）" in r.stdout  # another word altogether
    assert "× 原文：30日" in r.stdout  # Enter alone: 不会, the answer is shown
    assert "第 1 轮答对 1/3 处。" in r.stdout
    slips = invoke("recite", "20", "--round", "4", input="信访人采用走访形式提出信访事项的，应该到有权处理的本级或者"
                   "上一级机关、单位设立或者指定的接待场所提出\n")
    assert "× 原文：信访人采用走访形式提出信访事项的，应【当】（写成“该”）到有权处理的" in slips.stdout


def test_a_range_and_a_chapter(invoke):
    r = invoke("recite", "48-49", "--round", "4", input="")
    assert "第四十八条" in r.stdout and r.exit_code == 0  # end of input: stops, keeps nothing unanswered
    r = invoke("recite", "--chapter", "6", "--round", "4",
               input="对外国人、无国籍人、外国组织信访事项的处理，参照本条例执行\n")
    assert "第 4 轮全部正确！" in r.stdout and "第四十九条" in r.stdout
    bad = invoke("recite", "99")
    assert bad.exit_code == 2 and "第 99 条不存在" in bad.stderr
    none = invoke("recite")
    assert none.exit_code == 2 and "请给出要背诵的条号" in none.stderr


def test_no_save_keeps_nothing(invoke, tmp_path):
    invoke("recite", "49", "--round", "4", "--no-save", input="本条例由国家信访局负责解释\n")
    assert not (tmp_path / "xuezhi-home" / "progress.db").exists()


def rows(db: Path) -> list[tuple]:
    if not db.exists():
        return []
    with sqlite3.connect(db) as c:
        try:
            return c.execute("SELECT article, round, part, given, correct FROM recitations ORDER BY id").fetchall()
        except sqlite3.OperationalError:  # the store is being created
            return []


@pytest.mark.parametrize("how", ["kill", "interrupt"])
def test_a_kill_mid_round_keeps_what_was_answered(tmp_path, how):
    home = tmp_path / "home"
    env = {**os.environ, "XUEZHI_HOME": str(home), "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen([sys.executable, "-m", "xuezhi", "recite", "34"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    seen: list[bytes] = []
    reader = threading.Thread(target=lambda: seen.extend(iter(lambda: proc.stdout.read1(4096), b"")), daemon=True)
    reader.start()

    def wait_for(condition) -> None:
        deadline = time.monotonic() + 60
        while not condition() and time.monotonic() < deadline:
            time.sleep(0.05)

    try:
        proc.stdin.write("60日\n可以\n".encode())
        proc.stdin.flush()
        wait_for(lambda: "填〔3〕".encode() in b"".join(seen))  # two answered, the third asked
        if how == "kill":
            proc.kill()  # no chance to clean up: only what was committed survives
        else:
            proc.send_signal(signal.SIGINT)  # Ctrl-C: asks first
            wait_for(lambda: "要结束背诵吗".encode() in b"".join(seen))
            proc.stdin.write(b"y\n")
            proc.stdin.flush()
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdin.close()
        reader.join(timeout=10)
    if how == "interrupt":
        assert proc.returncode == 0 and "第 1 轮 2/3（未完）".encode() in b"".join(seen)
    assert rows(home / "progress.db") == [(34, 1, 1, "60日", 1), (34, 1, 2, "可以", 1)]


def test_recitations_travel_with_a_progress_export(invoke, tmp_path, monkeypatch):
    invoke("recite", "49", "--round", "4", input="本条例由国家信访局负责解释\n")
    out = tmp_path / "记录.json"
    assert invoke("progress", "export", str(out)).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [r["given"] for r in data["recitations"]] == ["本条例由国家信访局负责解释"]
    monkeypatch.setenv("XUEZHI_HOME", str(tmp_path / "other"))
    assert invoke("progress", "import", str(out)).exit_code == 0
    assert invoke("progress", "import", str(out)).exit_code == 0  # twice: nothing doubled
    assert len(rows(tmp_path / "other" / "progress.db")) == 1
    data["recitations"][0]["round"] = 9
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    bad = invoke("progress", "import", str(out))
    assert bad.exit_code == 2 and "第 1 条背诵记录的 round" in bad.stderr
