"""What `stats` and `history` report, computed from store rows: pure functions, JSON-able dicts.

The dicts are the documented --json output; the terminal views in progress_view.py are
drawn from the same dicts, so both always say the same thing.

An answer to a question the bank no longer has still counts everywhere here: its type and
article were recorded with the answer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta

from xuezhi.bank.model import LETTERS, TYPE_LABELS, QType, QuestionBank
from xuezhi.bank.wording import in_words, verdict
from xuezhi.clock import parse_iso
from xuezhi.cloze.model import QTYPE as CARD_QTYPE
from xuezhi.cloze.model import is_card_id
from xuezhi.progress.labels import MODE_LABELS, STATUS_LABELS
from xuezhi.progress.review import due_states, wrong_book
from xuezhi.progress.store import ReviewState
from xuezhi.text.corpus import Regulation, chapter_label, label

ACTIVITY_DAYS = 30
ACTIVITY_LEVELS = (1, 5, 10, 20)  # answers in a day for level 1, 2, 3, 4
WEAKEST = 10
OTHER_TYPES = {CARD_QTYPE: "填空卡"}  # answers that are not to bank questions


def tally(n: int, correct: int) -> dict:
    return {"answers": n, "correct": correct, "accuracy": round(correct / n, 4) if n else None}


def level(count: int) -> int:
    return sum(count >= t for t in ACTIVITY_LEVELS)


def streaks(days: Iterable[date], today: date) -> dict:
    """Consecutive study days. The current streak still counts yesterday's run until today ends."""
    ds = sorted(set(days))
    longest = run = 0
    prev: date | None = None
    for d in ds:
        run = run + 1 if prev is not None and (d - prev).days == 1 else 1
        longest = max(longest, run)
        prev = d
    current = 0
    have = set(ds)
    d = today if today in have else today - timedelta(days=1)
    while d in have:
        current += 1
        d -= timedelta(days=1)
    return {"current": current, "longest": longest, "studied_today": today in have}


def activity(counts: Mapping[date, int], today: date, days: int = ACTIVITY_DAYS) -> list[dict]:
    out = []
    for i in range(days - 1, -1, -1):
        d = today - timedelta(days=i)
        n = counts.get(d, 0)
        out.append({"date": d.isoformat(), "answers": n, "level": level(n)})
    return out


def chapter_of_article(reg: Regulation, article: int | None) -> int:
    a = reg.article(article) if article else None
    return a.chapter if a else 0


def compute_stats(answers: Iterable[Mapping], states: dict[str, ReviewState], bank: QuestionBank,
                  reg: Regulation, at: datetime, sessions: int = 0, other_days: Iterable[date] = ()) -> dict:
    """Everything `xuezhi stats` shows. `answers`: rows with question_id, qtype, article, correct, day;
    `other_days`: days of study that are not answers (背诵), for the streak."""
    today = at.date()
    total = correct = 0
    by_type: dict[str, list[int]] = {str(t): [0, 0] for t in QType}
    by_chapter: dict[int, list[int]] = {c.number: [0, 0] for c in reg.chapters}
    by_article: dict[int, list[int]] = {}
    per_day: Counter[date] = Counter()
    seen: set[str] = set()
    for a in answers:
        ok = int(bool(a["correct"]))
        total += 1
        correct += ok
        seen.add(a["question_id"])
        by_type.setdefault(a["qtype"], [0, 0])
        by_type[a["qtype"]][0] += 1
        by_type[a["qtype"]][1] += ok
        art = a["article"]
        ch = chapter_of_article(reg, art)
        by_chapter.setdefault(ch, [0, 0])
        by_chapter[ch][0] += 1
        by_chapter[ch][1] += ok
        if art:
            by_article.setdefault(art, [0, 0])
            by_article[art][0] += 1
            by_article[art][1] += ok
        per_day[date.fromisoformat(a["day"])] += 1
    weak = sorted(((art, n, c) for art, (n, c) in by_article.items() if c < n),
                  key=lambda x: (x[2] / x[1], -x[1], x[0]))[:WEAKEST]
    chapters = []
    for ch, (n, c) in sorted(by_chapter.items()):
        chap = reg.chapter(ch) if ch else None
        chapters.append({"chapter": ch, "label": chapter_label(ch) if ch else "其他",
                         "title": chap.title if chap else "", **tally(n, c)})
    articles = []
    for art, n, c in weak:
        a = reg.article(art)
        articles.append({"article": art, "label": label(art), "summary": a.summary if a else "",
                         "chapter": a.chapter if a else 0, **tally(n, c)})
    return {
        "today": today.isoformat(),
        "sessions": sessions,
        **tally(total, correct),
        "questions_seen": len([q for q in seen if bank.get(q) is not None]),  # of this bank: "80/4" read wrong
        "questions_in_bank": len(bank),
        "questions_not_in_bank": len([q for q in seen if bank.get(q) is None and not is_card_id(q)]),
        "by_type": [{"type": t, "label": TYPE_LABELS.get(QType(t), t) if t in set(QType) else OTHER_TYPES.get(t, t),
                     **tally(n, c)}
                    for t, (n, c) in by_type.items()],
        "by_chapter": chapters,
        "weakest_articles": articles,
        "activity": activity(per_day, today),
        "streak": streaks([*per_day, *other_days], today),
        "due": {"today": len(due_states(states, bank, at)), "week": len(due_states(states, bank, at, days=6))},
        "wrong_book": len(wrong_book(states, bank)),
    }


# ---------------------------------------------------------------- history

def _local(ts: str | None) -> str | None:
    return parse_iso(ts).astimezone().isoformat(timespec="seconds") if ts else None


def session_json(row: Mapping) -> dict:
    import json

    return {
        "id": row["id"],
        "mode": row["mode"],
        "mode_label": MODE_LABELS.get(row["mode"], row["mode"]),
        "started_at": _local(row["started_at"]),
        "finished_at": _local(row["finished_at"]),
        "status": row["status"],
        "status_label": STATUS_LABELS.get(row["status"], row["status"]),
        "planned": row["planned"],
        "answered": row["answered"],
        "correct": row["correct"],
        "score": row["score"],
        "elapsed_s": row["elapsed_s"],
        "filters": json.loads(row["filters"]) if isinstance(row["filters"], str) else row["filters"],
    }


def given_display(qtype: str, given: str) -> str:
    """A stored answer in the bank's letters, a judge one ("true"/"false") as 正确/错误."""
    return verdict(given == "true") if qtype == "judge" and given in ("true", "false") else given


def _as_shown(letters: str, shown: str) -> str:
    """The bank's option letters as the learner saw them: with shown 'CADB', the bank's C was A."""
    return "".join(sorted(LETTERS[shown.index(c)] for c in letters if c in shown))


def _choice_text(q, letters: str, shown: str | None = None) -> str | None:
    """Original option letters → the options' text (in the order they were shown, if known), for
    choice questions the bank still has."""
    if q is None or q.type not in (QType.SINGLE, QType.MULTIPLE):
        return None
    if shown:
        letters = "".join(shown[LETTERS.index(d)] for d in _as_shown(letters, shown))
    idx = [LETTERS.index(c) for c in letters if c in LETTERS and LETTERS.index(c) < len(q.options)]
    return in_words(q.options, idx) if idx else None


def answer_json(a: Mapping, bank: QuestionBank) -> dict:
    """One answer of a session. `given` and `answer` are in the bank's letters (stable across
    quizzes); `given_display` and `answer_display` in the letters the learner saw, when the order
    was recorded and still fits the question (`shown_order`; null before it was recorded)."""
    q = bank.get(a["question_id"])
    art = a["article"]
    shown = a.get("shown")
    if not (shown and q and q.type in (QType.SINGLE, QType.MULTIPLE) and len(shown) == len(q.options)):
        shown = None
    answer = q.answer_text() if q else None
    return {
        "seq": a["seq"],
        "question_id": a["question_id"],
        "in_bank": q is not None,
        "type": a["qtype"],
        "type_label": TYPE_LABELS.get(QType(a["qtype"]), a["qtype"]) if a["qtype"] in set(QType) else a["qtype"],
        "article": art,
        "article_label": label(art) if art else "",
        "stem": q.stem if q else None,
        "given": a["given"],
        "given_display": _as_shown(a["given"], shown) if shown else given_display(a["qtype"], a["given"]),
        "answer": answer,
        "answer_display": _as_shown(answer, shown) if shown and answer else answer,
        "shown_order": shown,
        "given_text": _choice_text(q, a["given"], shown),
        "answer_full": _choice_text(q, answer, shown) if q else None,
        "correct": bool(a["correct"]),
        "timed_out": bool(a["timed_out"]),
        "elapsed_ms": a["elapsed_ms"],
        "answered_at": _local(a["answered_at"]),
    }


def session_detail(row: Mapping, answers: Iterable[Mapping], bank: QuestionBank) -> dict:
    return session_json(row) | {"answers": [answer_json(a, bank) for a in answers]}
