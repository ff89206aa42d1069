"""Questions that give each other away (docs/命题规范.md 四).

A question's key, or a distinctive phrase of it — a piece of the cited text that contains the key, at
least 4 characters, at most the key plus 4, found at only one place of the whole text — printed in
another question's stem or options answers the first one. Two questions whose keys (or statement) sit
in one sentence of the text test it twice. Both are worked out from the text, so any bank on any corpus
is checked the same way; quiz selection and paper assembly read the same answers (KeepApart).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from xuezhi.bank.model import QType, Question, QuestionBank
from xuezhi.text.corpus import Regulation
from xuezhi.text.numerals import NUMERAL
from xuezhi.text.sentences import GRAM, SEP, Sentence, TextIndex, flat, text_index

MAX_CONTEXT = 4  # characters of the text around the key that a distinctive phrase may add
LONE_KEY = 6  # a key not found in the cited text is distinctive by itself from this length


def key_groups(q: Question) -> list[tuple[str, ...]]:
    """The texts a question's answer is, one group per thing to find: each correct option, each
    blank's accepted answers. A judge question has none (its statement is its stem)."""
    if q.type in (QType.SINGLE, QType.MULTIPLE):
        return [(q.options[i],) for i in q.correct_indexes]
    if q.type is QType.BLANK:
        return [tuple(b) for b in q.blanks]
    return []


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _best(sentences: Sequence[Sentence], context: str) -> Sentence:
    grams = _bigrams(context)
    return max(sentences, key=lambda s: (len(grams & _bigrams(s.text)), -s.index))


def anchors(q: Question, idx: TextIndex) -> frozenset[int]:
    """The sentences (TextIndex.sentences indexes) a question tests: where each key sits in the cited
    text (the sentence nearest the stem when a key occurs twice), or for a judge question the
    sentence its statement follows most closely."""
    region = idx.region(q.basis.article, q.basis.paragraph, q.basis.item)
    if not region:
        return frozenset()
    stem = flat(q.stem)
    groups = [[flat(k) for k in g if flat(k)] for g in key_groups(q)]
    if not groups:
        return frozenset({_best(region, stem).index})
    quote = flat(q.quote) if q.quote else ""
    found = set()
    for keys in groups:
        hits = [s for s in region if any(k in s.text for k in keys)]
        if not hits and quote:
            hits = [s for s in region if quote in s.text or s.text in quote]
        found.add(_best(hits, stem).index if hits else _best(region, stem + "".join(keys)).index)
    return frozenset(found)


def _positions(text: str, part: str) -> list[int]:
    out, at = [], text.find(part)
    while at >= 0:
        out.append(at)
        at = text.find(part, at + 1)
    return out


def distinctive_phrases(key: str, region: Sequence[Sentence], idx: TextIndex) -> list[str]:
    """The shortest pieces of the cited sentences that contain `key` (flat) and occur nowhere else."""
    hits = [(s.text, at) for s in region for at in _positions(s.text, key)] if key else []
    if not hits:
        return [key] if len(key) >= LONE_KEY else []
    out: set[str] = set()
    for text, start in hits:
        end = start + len(key)
        for before in range(MAX_CONTEXT + 1):
            for after in range(MAX_CONTEXT + 1 - before):
                a, b = start - before, end + after
                if a >= 0 and b <= len(text) and b - a >= GRAM and idx.count(text[a:b]) == 1:
                    out.add(text[a:b])
    return sorted(p for p in out if not any(o != p and o in p for o in out))


@dataclass(frozen=True)
class Cue:
    """`giver` prints `phrase`, which answers `answered`."""

    answered: Question
    giver: Question
    phrase: str


_CITATION = re.compile(f"(?<!本条例)第{NUMERAL}条(?:第{NUMERAL}款)?(?:第{NUMERAL}项)?")


def shown_text(q: Question) -> str:
    """What a question prints (stem and options), flat, without the stem's own citation (依照第二十条，…):
    citing an article is not quoting its text, while 本条例第二十条 inside a quoted sentence is."""
    stem = _CITATION.sub(SEP, q.stem)
    return SEP.join((*(flat(part) for part in stem.split(SEP)), *(flat(o) for o in q.options)))


class _Shown:
    """What the questions print, as one text, to find a phrase in all of them at once."""

    def __init__(self, questions: Sequence[Question]) -> None:
        texts = [shown_text(q) for q in questions]
        self.starts: list[int] = []
        at = 0
        for t in texts:
            self.starts.append(at)
            at += len(t) + 1
        self.all = SEP.join(texts)

    def containing(self, phrase: str) -> list[int]:
        """The questions (by position) whose text has `phrase`, in order."""
        return sorted({bisect_right(self.starts, at) - 1 for at in _positions(self.all, phrase)})


def find_cues(questions: Sequence[Question], reg: Regulation, *, grouped: bool = False) -> list[Cue]:
    """Every pair of questions of which one prints a distinctive phrase of the other's key, once per
    pair; pairs that share a `group` are declared (kept apart anyway) and left out unless `grouped`."""
    idx = text_index(reg)
    shown = _Shown(questions)
    seen: set[frozenset[str]] = set()
    out: list[Cue] = []
    for q in questions:
        region = idx.region(q.basis.article, q.basis.paragraph, q.basis.item)
        phrases = sorted({p for g in key_groups(q) for k in g for p in distinctive_phrases(flat(k), region, idx)})
        for phrase in phrases:
            for n in shown.containing(phrase):
                other = questions[n]
                pair = frozenset((q.id, other.id))
                if other is q or pair in seen or (not grouped and q.group and q.group == other.group):
                    continue
                seen.add(pair)
                out.append(Cue(q, other, phrase))
    return out


def sentence_groups(questions: Iterable[Question], reg: Regulation) -> list[tuple[Sentence, list[Question]]]:
    """The sentences that two or more questions test, with those questions."""
    idx = text_index(reg)
    by_sentence: dict[int, list[Question]] = {}
    for q in questions:
        for s in anchors(q, idx):
            by_sentence.setdefault(s, []).append(q)
    return [(idx.sentences[s], qs) for s, qs in sorted(by_sentence.items()) if len(qs) > 1]


@dataclass(frozen=True)
class KeepApart:
    """What may not share a quiz or a paper. Two questions clash when they share a mark (a sentence
    they test, a declared group) or one cues the other."""

    marks: dict[str, frozenset[object]]
    cued: dict[str, frozenset[str]]

    def clashes(self, qid: str, taken_marks: set[object], taken_ids: set[str]) -> bool:
        return bool(self.marks.get(qid, frozenset()) & taken_marks) or bool(self.cued.get(qid, frozenset())
                                                                              & taken_ids)

    def clash(self, a: str, b: str) -> bool:
        return self.clashes(a, set(self.marks.get(b, ())), {b})


def keep_apart(bank: QuestionBank, reg: Regulation) -> KeepApart:
    """The clashes of a bank's questions, worked out once per bank and text in a process."""
    return reg.derived(_keep_apart, bank)


def _keep_apart(reg: Regulation, bank: QuestionBank) -> KeepApart:
    idx = text_index(reg)
    marks: dict[str, frozenset[object]] = {}
    for q in bank.questions:
        own: set[object] = {("sentence", s) for s in anchors(q, idx)}
        if q.group:
            own.add(("group", q.group))
        marks[q.id] = frozenset(own)
    cued: dict[str, set[str]] = {}
    for c in find_cues(bank.questions, reg, grouped=True):
        cued.setdefault(c.answered.id, set()).add(c.giver.id)
        cued.setdefault(c.giver.id, set()).add(c.answered.id)
    return KeepApart(marks, {k: frozenset(v) for k, v in cued.items()})
