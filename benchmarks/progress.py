"""How fast the progress store is where a cadre would notice: recording an answer, stats, history.

    python benchmarks/progress.py [--answers 10000] [--home DIR]

Builds a store of synthetic but realistic history (sessions of 10 over the last 60 days,
weaker on some articles) through `progress import`'s code path, then times:
recording one answer (commit + fsync, fsrs update), stats and history on that store both
in-process and as a whole `xuezhi` command, export and import.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xuezhi.bank.grading import Response  # noqa: E402
from xuezhi.bank.model import load_bank  # noqa: E402
from xuezhi.clock import iso  # noqa: E402
from xuezhi.progress.interchange import EXPORT_FORMAT, EXPORT_VERSION, export_data, import_data  # noqa: E402
from xuezhi.progress.review import AGAIN, EASY, GOOD, StoreRecorder, replay  # noqa: E402
from xuezhi.progress.stats import compute_stats  # noqa: E402
from xuezhi.progress.store import Store  # noqa: E402
from xuezhi.quiz.session import QuizSession, SessionResult  # noqa: E402
from xuezhi.text.corpus import load_regulation  # noqa: E402


def synthetic_export(n_answers: int, days: int = 60, seed: int = 7) -> dict:
    bank = load_bank()
    rng = random.Random(seed)
    weak = set(rng.sample(range(1, 51), 8))
    today = datetime.now().astimezone().replace(hour=8, minute=0, second=0, microsecond=0)
    sessions = []
    made = 0
    while made < n_answers:
        start = today - timedelta(days=rng.randrange(days), hours=-rng.randrange(12))
        answers = []
        for seq, q in enumerate(rng.sample(bank.questions, 10), 1):
            when = start + timedelta(seconds=20 * seq)
            ok = rng.random() < (0.45 if q.basis.article in weak else 0.85)
            answers.append({"uid": uuid.uuid4().hex, "seq": seq, "question_id": q.id, "qtype": str(q.type),
                            "article": q.basis.article, "given": "A", "correct": ok,
                            "elapsed_ms": rng.randrange(3000, 40000), "timed_out": False,
                            "rating": (EASY if rng.random() < 0.3 else GOOD) if ok else AGAIN,
                            "answered_at": iso(when), "day": when.date().isoformat()})
        made += len(answers)
        sessions.append({"uid": uuid.uuid4().hex, "mode": "practice", "filters": {}, "planned": 10,
                         "started_at": iso(start), "finished_at": iso(start + timedelta(minutes=4)),
                         "status": "finished", "score": 80.0, "elapsed_s": 240.0, "answers": answers})
    return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "sessions": sessions, "daily": []}


def timed(fn, repeat: int = 5) -> float:
    """Median wall time of fn() in milliseconds."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--answers", type=int, default=10000)
    ap.add_argument("--home", type=Path)
    args = ap.parse_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="xuezhi-bench-"))
    os.environ["XUEZHI_HOME"] = str(home)
    bank, reg = load_bank(), load_regulation()

    data = synthetic_export(args.answers)
    store = Store.open(home / "progress.db")
    t = time.perf_counter()
    import_data(store, data, replay)
    print(f"import {args.answers} answers into an empty store: {(time.perf_counter() - t) * 1000:.0f} ms")

    # Recording: the real recorder, one commit (WAL, synchronous=FULL) per answer.
    rec = StoreRecorder(store, print)
    qs = bank.questions[:200]
    session = QuizSession(qs)
    rec.start("practice", {}, qs)
    per_answer = []
    for q in qs:
        session.next_question()
        record = session.answer(Response(choices=frozenset(q.correct_indexes), judge=q.answer is True,
                                         blanks=tuple(b[0] for b in q.blanks), raw="x"))
        t = time.perf_counter()
        rec.answer(record)
        per_answer.append((time.perf_counter() - t) * 1000)
    rec.finish(SessionResult(session.records, [], 1.0, session.points))
    per_answer.sort()
    print(f"record one answer (commit + fsync + fsrs), {len(per_answer)} answers: median "
          f"{statistics.median(per_answer):.2f} ms, p95 {per_answer[int(len(per_answer) * 0.95)]:.2f} ms, "
          f"max {per_answer[-1]:.2f} ms")

    total = store.conn.execute("SELECT count(*) FROM answers").fetchone()[0]
    at = datetime.now().astimezone()
    print(f"stats computation on {total} answers (read + compute): "
          f"{timed(lambda: compute_stats(store.answer_facts(), store.review_states(), bank, reg, at, 1)):.1f} ms")
    print(f"history list (20 sessions): {timed(lambda: store.sessions(20)):.1f} ms")
    print(f"export {total} answers to a dict: {timed(lambda: export_data(store), 3):.0f} ms")
    store.close()

    env = dict(os.environ, NO_COLOR="1")
    for cmd in (["stats"], ["stats", "--json"], ["history"], ["history", "1"], ["info"]):
        ms = timed(lambda cmd=cmd: subprocess.run([sys.executable, "-m", "xuezhi", *cmd], env=env, cwd=ROOT,
                                                  capture_output=True, check=True), 5)
        print(f"xuezhi {' '.join(cmd)} (whole process): {ms:.0f} ms")
    print(f"store: {home / 'progress.db'} ({(home / 'progress.db').stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
