"""Content rules for a question bank: is every answer supported by the article it cites?

A trainer's own bank goes through the same rules as the shipped one (`xuezhi validate`),
so a question that teaches something the regulation does not say is caught before use.
"""

from __future__ import annotations

from dataclasses import dataclass

from xuezhi.bank.model import Problem as Problem
from xuezhi.bank.model import QType, Question, QuestionBank, Unbuilt
from xuezhi.bank.retired import reused_ids
from xuezhi.bank.standard import Shares
from xuezhi.text.corpus import CitationError, Regulation
from xuezhi.text.textnorm import normalise, shares_run

BANNED_OPTIONS = ("以上都是", "以上都不是", "以上都对", "以上都错", "以上皆是", "以上皆非", "以上均是", "以上均不是")
MIN_QUOTE = 8  # characters of the article an explanation of a false statement must reproduce
NEAR_DUPLICATE = 90


def check_question(q: Question, reg: Regulation) -> list[tuple[str, str, bool]]:
    """(rule, message, is_warning) for every rule `q` breaks."""
    out: list[tuple[str, str, bool]] = []
    try:
        source = reg.cited_text(*q.basis.place)
    except CitationError as e:
        return [("依据", str(e), False)]
    src = normalise(source)
    quote = normalise(q.quote) if q.quote else ""
    if quote and quote not in src:
        out.append(("引文", f"quote 不是{q.basis.label()}的原文", False))

    def supported(answer: str) -> bool:
        a = normalise(answer)
        return bool(a) and (a in src or (quote and quote in src and a in quote))

    if q.options:
        out += _repeated_option(q.options)
        for o in q.options:
            if any(b in o for b in BANNED_OPTIONS):
                out.append(("选项", f"不要使用“{o}”这类选项，干扰项应依条文明确错误", False))
            if not o.strip():
                out.append(("选项", "有空白选项", False))
    if q.type is QType.SINGLE:
        right = q.options[q.correct_indexes[0]]
        if not supported(right):
            out.append(("答案无依据", f"正确选项“{right}”未出现在{q.basis.label()}原文中"
                        "（可用 quote: 给出含答案的原文）", False))
    elif q.type is QType.BLANK:
        for i, blank in enumerate(q.blanks, 1):
            if not supported(blank[0]):
                out.append(("答案无依据", f"第 {i} 空的答案“{blank[0]}”未出现在{q.basis.label()}原文中", False))
    elif q.type is QType.JUDGE and not shares_run(normalise(q.explanation), src, min(MIN_QUOTE, len(src))):
        if q.answer is False:
            out.append(("解析缺原文", f"错误表述的解析须引用{q.basis.label()}的正确原文"
                        f"（至少连续 {MIN_QUOTE} 个字）", False))
        else:
            out.append(("解析缺原文", f"解析最好引用{q.basis.label()}原文", True))
    return out


def _repeated_option(options: tuple[str, ...]) -> list[tuple[str, str, bool]]:
    norm = [normalise(o) for o in options]
    if len(set(norm)) == len(norm):
        return []
    dup = next(o for o, n in zip(options, norm, strict=True) if norm.count(n) > 1)
    return [("选项重复", f"选项“{dup}”出现不止一次", False)]


def _check_unbuilt(u: Unbuilt, reg: Regulation) -> list[tuple[str, str, bool]]:
    """The rules that still apply to a question with shape problems: its citation and options."""
    out = _repeated_option(u.options)
    if u.basis is not None:
        try:
            reg.cited_text(*u.basis.place)
        except CitationError as e:
            out.append(("依据", str(e), False))
    return out


@dataclass
class Review:
    """What `xuezhi validate` reports: the problems, and the figures of the item-writing standard."""

    bank: QuestionBank
    problems: list[Problem]
    shares: Shares | None = None  # key positions, keyed-option counts (standard checks only)
    cue_pairs: int = 0  # pairs that give each other away and share no group: each is an error
    sentence_groups: int = 0  # sentences tested by two or more questions (kept apart when drawing)

    def figures(self) -> dict:
        """The standard's figures under stable keys (validate --json)."""
        s = self.shares
        return {"single_keys": {k: round(v, 4) for k, v in s.single_keys.items()} if s else {},
                "single_key_longest": _rounded(s.single_longest) if s else None,
                "multiple_two_or_more_wrong": _rounded(s.multiple_two_wrong) if s else None,
                "multiple_all_correct": _rounded(s.multiple_all_right) if s else None,
                "multiple_leading_letters": _rounded(s.multiple_leading) if s else None,
                "cue_pairs": self.cue_pairs, "same_sentence_groups": self.sentence_groups}


def _rounded(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def standard_figures(review: Review) -> list[str]:
    """validate's lines on the standard: key positions (for a bank big enough to have proportions),
    cue pairs and same-sentence groups."""
    from xuezhi.bank.standard import MIN_FOR_SHARES

    s = review.shares
    if s is None:
        return []
    out = []
    n_single = sum(q.type is QType.SINGLE for q in review.bank.questions)
    n_multiple = sum(q.type is QType.MULTIPLE for q in review.bank.questions)
    if n_single >= MIN_FOR_SHARES and s.single_longest is not None:
        keys = "　".join(f"{k} {v:.0%}" for k, v in s.single_keys.items())
        out.append(f"单选题答案位置：{keys}；正确项为唯一最长选项 {s.single_longest:.0%}")
    if n_multiple >= MIN_FOR_SHARES and s.multiple_two_wrong is not None:
        out.append(f"多选题：两个及以上错误选项 {s.multiple_two_wrong:.0%}，全部选项正确 {s.multiple_all_right:.0%}，"
                   f"正确项排在最前 {s.multiple_leading:.0%}")
    out.append(f"互相提示的题 {review.cue_pairs} 对；同一句原文由多道题考查 {review.sentence_groups} 处"
               "（组卷和自测时同一句只出一道）")
    return out


def review_bank(bank: QuestionBank, reg: Regulation, near_duplicates: bool = True, standard: bool = True) -> Review:
    """All problems of `bank` (see validate_bank) with the standard's figures."""
    review = Review(bank, validate_bank(bank, reg, near_duplicates, standard=False))
    if standard:
        _standard(bank, reg, review)
        review.problems.sort(key=lambda p: (p.line or 0, p.warning))
    return review


def _standard(bank: QuestionBank, reg: Regulation, review: Review) -> None:
    """The item-writing standard (docs/命题规范.md): bank proportions, per-question rules, cue pairs."""
    from xuezhi.bank.cues import find_cues, sentence_groups
    from xuezhi.bank.standard import bank_shares, question_findings

    file = str(bank.source)
    review.shares = bank_shares(bank.questions)
    review.problems += [Problem(file, None, None, f.rule, f.message, f.warning) for f in review.shares.findings]
    for q in bank.questions:
        review.problems += [Problem(file, bank.line(q), q.id, f.rule, f.message, f.warning)
                            for f in question_findings(q, reg)]
    cues = find_cues(bank.questions, reg)
    review.cue_pairs = len(cues)
    for c in cues:
        review.problems.append(Problem(
            file, bank.line(c.giver), c.giver.id, "提示对",
            f"题干或选项中的“{c.phrase}”是 {c.answered.id} 的答案（{c.answered.basis.label()}原文中只此一处的说法），"
            f"两题同卷时一题提示另一题：请改写其一，或给 {c.giver.id}、{c.answered.id} 写同一个 group:"))
    review.sentence_groups = len(sentence_groups(bank.questions, reg))


def validate_bank(bank: QuestionBank, reg: Regulation, near_duplicates: bool = True,
                  standard: bool = True) -> list[Problem]:
    """All problems of `bank`: shape problems found while parsing, then content rules — every
    problem of every question, so a trainer fixes a file in one pass. `standard` adds the
    item-writing standard (key balance, cues …): `xuezhi validate` applies it, a bank merely used
    for a quiz or a paper is held to the content rules only."""
    if standard:
        return review_bank(bank, reg, near_duplicates).problems
    problems = list(bank.problems)
    problems += reused_ids(bank)
    for q in (*bank.questions, *bank.duplicates):
        for rule, msg, warn in check_question(q, reg):
            problems.append(Problem(str(bank.source), bank.line(q), q.id, rule, msg, warn))
    for u in bank.unbuilt:
        for rule, msg, warn in _check_unbuilt(u, reg):
            problems.append(Problem(str(bank.source), bank.line(u.index), u.qid, rule, msg, warn))
    if near_duplicates:
        problems += _near_duplicates(bank)
    problems.sort(key=lambda p: (p.line or 0, p.warning))
    return problems


def _near_duplicates(bank: QuestionBank) -> list[Problem]:
    from rapidfuzz import fuzz, process

    qs = list(bank.questions)
    stems = [normalise(q.stem) for q in qs]
    out: list[Problem] = []
    lines: dict[int, int | None] = {}  # one lookup per question, not one per similar pair
    for i, stem in enumerate(stems):
        later = stems[i + 1:]
        for _, score, k in process.extract(stem, later, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE, limit=None):
            j = i + 1 + k
            if j not in lines:
                lines[j] = bank.line(qs[j])
            out.append(Problem(str(bank.source), lines[j], qs[j].id, "近似重复",
                               f"题干与 {qs[i].id} 几乎相同（相似度 {score:.0f}）", warning=True))
    return out
