"""A cloze card: one span of the text hidden, with the context shown around it and where it stands.

Cards are plain data so that the review loop, the exports and the recitation all read the same
thing; the generator (generate.py) is the only place that makes them. Named tuples rather than
dataclasses: `recite 34` defines these classes at every start, and a dataclass costs a few exec()s.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from xuezhi.text.corpus import label

CARD_PREFIX = "C-"  # card ids in the progress store: never the id of a bank question (Q3022, M001)
BLANK = "____"


class Kind(StrEnum):
    NUMBER = "number"
    MODAL = "modal"
    LIST = "list"
    TERM = "term"
    BODY = "body"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {Kind.NUMBER: "期限数量", Kind.MODAL: "应当可以", Kind.LIST: "列举", Kind.TERM: "术语",
               Kind.BODY: "主体"}
KIND_ALIASES = {k.value: k for k in Kind} | {v: k for k, v in KIND_LABELS.items()} | {
    "期限": Kind.NUMBER, "数量": Kind.NUMBER, "情态": Kind.MODAL, "情态词": Kind.MODAL, "名词": Kind.TERM}


def card_id(article: int, paragraph: int, item: int, start: int, answer: str, kind: Kind) -> str:
    """Stable across runs and machines: where the blank is, what it hides and why. Editing another
    article leaves a card's id (and so its review history and Anki note) untouched."""
    import hashlib  # here, not at start-up: only the generator makes ids

    key = f"{article}|{paragraph}|{item}|{start}|{answer}|{kind.value}"
    return CARD_PREFIX + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def is_card_id(qid: str) -> bool:
    return qid.startswith(CARD_PREFIX)


QTYPE = "cloze"  # answers.qtype of a card in the progress store


def qtype_of(q: object) -> str:
    """What the store records as an answer's type: the question's, or "cloze" for a card."""
    return QTYPE if is_card_id(q.id) else str(q.type)  # type: ignore[attr-defined]


class Card(NamedTuple):
    """`before` + blank + `after` is what the learner sees; `answer` is exactly the hidden text,
    `start`/`end` its offsets in the unit (the paragraph's own text, or item `item`)."""

    id: str
    kind: Kind
    article: int
    paragraph: int
    item: int  # 0: the paragraph's own text
    start: int
    end: int
    answer: str
    before: str
    after: str
    sentence: str  # the whole sentence, for the feedback
    sentence_start: int  # offset of the answer within `sentence`
    chapter: int
    group: str = ""  # cards of one list share it (overlapping cloze)

    @property
    def label(self) -> str:
        return label(self.article, self.paragraph, self.item or None)

    @property
    def text(self) -> str:
        return self.before + BLANK + self.after

    def marked_sentence(self, left: str = "【", right: str = "】") -> str:
        """The whole sentence with the answer set off: 学习强国's hint, readable without colour."""
        s, i = self.sentence, self.sentence_start
        return s[:i] + left + self.answer + right + s[i + len(self.answer):]
