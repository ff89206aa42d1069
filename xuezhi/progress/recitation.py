"""背诵 in the progress store: every typed part of a round is one row, committed the moment it is
answered (a Ctrl-C or a kill mid-round keeps what was typed); how far each article has got is
read back from those rows, so an import that merges two computers' rows needs nothing recomputed.

A round is passed when one attempt at it has every part right; an article is known by heart when
its last round (默写) is passed. Rows carry a hash of the article's text: a passed round counts
for that text only, so an edited article (or another corpus numbered the same) starts over.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from xuezhi.clock import iso
from xuezhi.progress.store import Store

COLUMNS = ("uid", "attempt", "article", "text_hash", "round", "part", "parts", "given", "correct",
           "answered_at", "day")
_INTO = f"INTO recitations ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"


@dataclass(frozen=True)
class Recited:
    """One typed part of one round: `attempt` is the same for every part of one go at a round."""

    attempt: str
    article: int
    text_hash: str
    round: int
    part: int
    parts: int
    given: str
    correct: bool
    at: datetime


@dataclass(frozen=True)
class ArticleProgress:
    article: int
    best_round: int  # the highest round passed, 0 for none
    known: bool
    last: str  # when it was last recited (UTC ISO)


def new_attempt() -> str:
    return uuid.uuid4().hex


def record(store: Store, r: Recited) -> None:
    """One part, in its own transaction (written before the next part is asked)."""
    with store._tx() as c:
        c.execute(f"INSERT {_INTO}",
                  (uuid.uuid4().hex, r.attempt, r.article, r.text_hash, r.round, r.part, r.parts, r.given,
                   int(r.correct), iso(r.at), r.at.date().isoformat()))


def progress(store: Store, texts: dict[int, str], known_round: int) -> dict[int, ArticleProgress]:
    """Per article of `texts` (article → text hash) that has been recited: the best round passed."""
    rows = store.conn.execute(
        "SELECT article, text_hash, round, attempt, COUNT(*) AS n, SUM(correct) AS ok, MAX(parts) AS parts, "
        "MAX(answered_at) AS last FROM recitations GROUP BY attempt, article, text_hash, round").fetchall()
    out: dict[int, ArticleProgress] = {}
    for r in rows:
        if texts.get(r["article"]) != r["text_hash"]:
            continue
        passed = r["n"] >= r["parts"] and r["ok"] == r["n"]
        prev = out.get(r["article"])
        best = max(prev.best_round if prev else 0, r["round"] if passed else 0)
        last = max(prev.last if prev else "", r["last"])
        out[r["article"]] = ArticleProgress(r["article"], best, best >= known_round, last)
    return out


def days(store: Store) -> list[str]:
    """Every calendar day on which something was recited (a study day for the streak)."""
    return [r[0] for r in store.conn.execute("SELECT DISTINCT day FROM recitations")]


def count(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM recitations").fetchone()[0]


def export_rows(store: Store) -> list[dict]:
    return [dict(r) | {"correct": bool(r["correct"])}
            for r in store.conn.execute(f"SELECT {', '.join(COLUMNS)} FROM recitations ORDER BY id")]


def import_rows(c: sqlite3.Connection, rows: Iterable[dict]) -> tuple[int, int]:
    """Merge by uid inside the caller's transaction: (added, already there)."""
    added = skipped = 0
    for r in rows:
        cur = c.execute(f"INSERT OR IGNORE {_INTO}",
                        tuple(int(bool(r[k])) if k == "correct" else r[k] for k in COLUMNS))
        if cur.rowcount:
            added += 1
        else:
            skipped += 1
    return added, skipped
