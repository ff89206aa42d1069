"""The item-writing standard's machine checks (docs/命题规范.md, the rules marked 【机检】).

A bank can have every answer right and still be a poor exam: keys that sit at A, a keyed option that
is always the longest, multiple-choice items where "all but the odd one" scores, a stem that prints
its own answer, a judge statement copied from the text. These rules look at one question or at the
bank as a whole; the cue rules (questions answering each other) are in cues.py.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from xuezhi.bank.cues import key_groups
from xuezhi.bank.model import BLANK_MARKS, LETTERS, QType, Question
from xuezhi.text.corpus import Regulation
from xuezhi.text.sentences import flat, text_index

KEY_SHARE = (0.20, 0.30)  # each letter's share of the single-choice keys
LONGEST_SHARE = 0.40  # single-choice questions whose key is the one longest option, at most
TWO_WRONG_SHARE = 1 / 3  # multiple-choice questions with two or more wrong options, at least
ALL_RIGHT_SHARE = 1 / 5  # multiple-choice questions whose every option is keyed, at most
LEADING_SHARE = 1 / 3  # multiple-choice keys that are the leading letters (AB, ABC), at most
MIN_FOR_SHARES = 20  # fewer questions of a type than this say nothing about its proportions
MIN_KEY = 2  # a one-character key (是, 可) in the stem is no giveaway
ABSOLUTE_WORDS = ("一律", "仅限", "无需", "不予过问", "所有", "完全", "绝对")
COPY_RATIO = 90  # a true statement this similar to a sentence of the text is a copy …
COPY_PART_RATIO = 95  # … or to a piece of one
COPY_MIN = 12  # characters; a shorter statement is a name or a phrase, not a copied sentence
OPTION_COUNTS = {QType.SINGLE: (4, 4), QType.MULTIPLE: (4, 5)}  # rule 三、1 and 三、2: options a choice question has
_JOINS = "、|和|及|以及|或者|与"  # how the text joins the items of one list
_PREAMBLE = re.compile(r"^(?:根据|依照|按照|依据)?(?:《[^》]*》)?(?:第[^，,：:]{1,12}?[条款项])+(?:的?规定)?[，,：:]?")


@dataclass(frozen=True)
class Finding:
    """One broken rule: on a question (qid) or on the bank (qid None)."""

    rule: str
    message: str
    warning: bool = False
    qid: str | None = None


@dataclass
class Shares:
    """The proportions validate prints, and the findings they lead to."""

    single_keys: dict[str, float] = field(default_factory=dict)
    single_longest: float | None = None
    multiple_two_wrong: float | None = None
    multiple_all_right: float | None = None
    multiple_leading: float | None = None
    findings: list[Finding] = field(default_factory=list)


def _pct(x: float) -> str:
    return f"{x:.0%}"


def bank_shares(questions: Sequence[Question]) -> Shares:
    """Key positions and keyed-option counts over the bank (rules 三、1, 三、2, 三、5)."""
    out = Shares()
    _single_shares([q for q in questions if q.type is QType.SINGLE], out)
    _multiple_shares([q for q in questions if q.type is QType.MULTIPLE], out)
    return out


def _single_shares(singles: list[Question], out: Shares) -> None:
    if not singles:
        return
    width = Counter(len(q.options) for q in singles).most_common(1)[0][0]
    keys = Counter(str(q.answer) for q in singles)
    out.single_keys = {c: keys[c] / len(singles) for c in LETTERS[:width]}
    out.single_longest = sum(_key_is_longest(q) for q in singles) / len(singles)
    if len(singles) < MIN_FOR_SHARES:
        return
    lo, hi = KEY_SHARE
    for letter, share in out.single_keys.items():
        if not lo <= share <= hi:
            out.findings.append(Finding("答案位置", f"单选题答案为 {letter} 的占 {_pct(share)}"
                                        f"（{len(singles)} 道单选题），应在 {_pct(lo)}–{_pct(hi)} 之间：调整选项顺序"))
    if out.single_longest > LONGEST_SHARE:
        out.findings.append(Finding("最长选项", f"正确项是唯一最长选项的单选题占 {_pct(out.single_longest)}，"
                                    f"不应超过 {_pct(LONGEST_SHARE)}：把干扰项写得同样完整"))


def _multiple_shares(multiples: list[Question], out: Shares) -> None:
    if not multiples:
        return
    wrong = [len(q.options) - len(str(q.answer)) for q in multiples]
    out.multiple_two_wrong = two = sum(w >= 2 for w in wrong) / len(multiples)
    out.multiple_all_right = every = sum(w == 0 for w in wrong) / len(multiples)
    partial = [str(q.answer) for q, w in zip(multiples, wrong, strict=True) if w > 0]
    out.multiple_leading = lead = sum(k == LETTERS[:len(k)] for k in partial) / len(partial) if partial else 0.0
    if len(multiples) < MIN_FOR_SHARES:
        return
    n = f"（{len(multiples)} 道多选题）"
    if two < TWO_WRONG_SHARE:
        out.findings.append(Finding("多选正确项个数", f"有两个及以上错误选项的多选题只占 {_pct(two)}{n}，"
                                    "应至少三分之一：不能总是“只有一个错误选项”"))
    if every > ALL_RIGHT_SHARE:
        out.findings.append(Finding("多选正确项个数", f"全部选项都正确的多选题占 {_pct(every)}{n}，不应超过五分之一"))
    if lead > LEADING_SHARE:
        out.findings.append(Finding("答案位置", f"正确选项排在最前（AB、ABC……）的多选题占 {_pct(lead)}{n}，"
                                    "不应超过三分之一：调整选项顺序"))


def _key_is_longest(q: Question) -> bool:
    lengths = [len(flat(o)) for o in q.options]
    k = q.correct_indexes[0]
    return all(n < lengths[k] for i, n in enumerate(lengths) if i != k)


def question_findings(q: Question, reg: Regulation) -> list[Finding]:
    """The per-question rules: how many options (三、1, 三、2), a stem with its own answer (二、1),
    absolute words in a distractor (三、4), a true statement copied from the text (二、4), blanks that
    should be order_free (五、1)."""
    out: list[Finding] = _option_count(q)
    stem = flat(q.stem)
    for keys in key_groups(q):
        given = next((k for k in keys if len(flat(k)) >= MIN_KEY and flat(k) in stem), None)
        if given is not None:
            out.append(Finding("题干含答案", f"题干中就有答案“{given}”", qid=q.id))
            break
    if q.options:
        right = set(q.correct_indexes)
        for i, o in enumerate(q.options):
            word = next((w for w in ABSOLUTE_WORDS if w in o), None)
            if i not in right and word:
                out.append(Finding("绝对化干扰项", f"干扰项“{o}”含绝对化用语“{word}”，容易一眼排除："
                                   "请确认它是条文的常见误读而不是送分", True, q.id))
    if q.type is QType.JUDGE and q.answer is True:
        copied = _copied_sentence(q, reg)
        if copied:
            out.append(Finding("照抄原文", f"判断题与原文“{copied}”几乎相同：请换一种说法考查理解", True, q.id))
    if q.type is QType.BLANK and len(q.blanks) > 1 and not q.order_free and _listed(q, reg):
        out.append(Finding("空的顺序", "各空的答案在原文中是并列的同一组内容（用“、”“和”“或者”连接或分项列出）："
                           "顺序无关时请写 order_free: true，答题人按任意顺序填写都算对", True, q.id))
    return out


def _option_count(q: Question) -> list[Finding]:
    """A 3-option single choice is easier to guess than its neighbours, a 6-option one harder: the
    loader takes 2–6 options (a trainer's quiz still runs), the standard wants every paper alike."""
    span = OPTION_COUNTS.get(q.type)
    if span is None or span[0] <= len(q.options) <= span[1]:
        return []
    want = f"{span[0]} 个" if span[0] == span[1] else f"{span[0]}–{span[1]} 个"
    return [Finding("选项个数", f"{q.type.label}应有 {want}选项，本题有 {len(q.options)} 个", qid=q.id)]


def _copied_sentence(q: Question, reg: Regulation) -> str | None:
    from rapidfuzz import fuzz

    statement = flat(_PREAMBLE.sub("", q.stem))
    idx = text_index(reg)
    for s in idx.region(q.basis.article, q.basis.paragraph, q.basis.item):
        if len(statement) >= COPY_MIN and (fuzz.ratio(statement, s.text) >= COPY_RATIO
                                           or (len(statement) <= len(s.text)
                                               and fuzz.partial_ratio(statement, s.text) >= COPY_PART_RATIO)):
            return s.text if len(s.text) <= 30 else s.text[:28] + "……"
    return None


def _listed(q: Question, reg: Regulation) -> bool:
    """The blanks are items of one list: the stem joins them with 、, or the text lists every answer
    with 、 next to another, or each answer is an item of the cited paragraph."""
    marks = "|".join(re.escape(m) for m in BLANK_MARKS)
    if re.search(f"(?:{marks})(?:{_JOINS})(?:{marks})", q.stem):
        return True
    try:
        text = reg.cited_text(q.basis.article, q.basis.paragraph, q.basis.item)
    except ValueError:
        return False
    answers = [b[0] for b in q.blanks]
    if all(_beside(a, answers, text) for a in answers):
        return True
    items = [flat(i) for i in _items_of(q, reg)]  # an answer that opens an item: a name in a list of items
    hit = [next((n for n, it in enumerate(items) if flat(a) and it.startswith(flat(a))), None) for a in answers]
    return None not in hit and len(set(hit)) == len(hit)


def _beside(answer: str, answers: list[str], text: str) -> bool:
    return any(other != answer and re.search(f"{re.escape(answer)}(?:{_JOINS}){re.escape(other)}|"
                                             f"{re.escape(other)}(?:{_JOINS}){re.escape(answer)}", text)
               for other in answers)


def _items_of(q: Question, reg: Regulation) -> tuple[str, ...]:
    art = reg.article(q.basis.article)
    if art is None or q.basis.item:
        return ()
    if q.basis.paragraph:
        return art.paragraphs[q.basis.paragraph - 1].items if q.basis.paragraph <= len(art.paragraphs) else ()
    return art.items()
