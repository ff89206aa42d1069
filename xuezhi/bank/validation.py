"""Content rules for a question bank: is every answer supported by the article it cites?

A trainer's own bank goes through the same rules as the shipped one (`xuezhi validate`),
so a question that teaches something the regulation does not say is caught before use.
"""

from __future__ import annotations

from xuezhi.bank.model import Problem as Problem
from xuezhi.bank.model import QType, Question, QuestionBank, Unbuilt
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


def validate_bank(bank: QuestionBank, reg: Regulation, near_duplicates: bool = True) -> list[Problem]:
    """All problems of `bank`: shape problems found while parsing, then content rules — every
    problem of every question, so a trainer fixes a file in one pass."""
    problems = list(bank.problems)
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
