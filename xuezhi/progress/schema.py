"""The progress store's schema: ordered migrations, one per PRAGMA user_version."""

from __future__ import annotations

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
    # 2: the order a choice question's options were shown in, as the bank's letters in display
    # order ('CADB': the learner's A was the bank's C), so that history shows the letters the learner
    # saw and typed. NULL for other types and for answers recorded before.
    [
        "ALTER TABLE answers ADD COLUMN shown TEXT",
    ],
    # 3: 背诵 (xuezhi recite): one row per typed part of a round, committed as it is answered;
    # `attempt` groups the parts of one go at a round, `text_hash` the article's text it was of
    # (progress/recitation.py reads how far each article has got from these rows).
    [
        """CREATE TABLE recitations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL UNIQUE,
            attempt TEXT NOT NULL,
            article INTEGER NOT NULL,
            text_hash TEXT NOT NULL,
            round INTEGER NOT NULL,
            part INTEGER NOT NULL,
            parts INTEGER NOT NULL,
            given TEXT NOT NULL,
            correct INTEGER NOT NULL,
            answered_at TEXT NOT NULL,
            day TEXT NOT NULL
        )""",
        "CREATE INDEX recitations_article ON recitations(article, text_hash)",
        "CREATE INDEX recitations_day ON recitations(day)",
    ],
]


SCHEMA_VERSION = len(MIGRATIONS)
