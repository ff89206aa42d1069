"""Candidate blanks of one unit of text (a paragraph's own text or an item), by kind. Nothing is
checked here: checks.py decides which candidates become cards.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from xuezhi.cloze import patterns as P
from xuezhi.cloze.model import Kind


@dataclass(frozen=True)
class Unit:
    """A paragraph's own text (item 0) or one of its items, and where it sits in the whole text."""

    article: int
    paragraph: int
    item: int
    chapter: int
    text: str
    offset: int  # of text[0] in Text.whole


@dataclass(frozen=True, slots=True)
class Candidate:
    unit: Unit
    kind: Kind
    start: int
    end: int
    role: str = ""  # modal 应当: "contrast" or "fallback"; list: "item" or "inline"
    group: str = ""
    key: str = ""  # an inline list: its items joined by 、
    key_at: int = 0  # …and where the list starts in Text.whole

    @property
    def answer(self) -> str:
        return self.unit.text[self.start:self.end]


@lru_cache(maxsize=4096)
def _marks(text: str, ends: str) -> list[int]:
    return [m.start() for m in _ends_pattern(ends).finditer(text)]


@lru_cache(maxsize=8)
def _ends_pattern(ends: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(ends)}]")


def _span(text: str, i: int, ends: str) -> tuple[int, int]:
    """The stretch of `text` around offset i bounded by any of `ends` (the end mark included)."""
    marks = _marks(text, ends)
    k = bisect_left(marks, i)
    return (marks[k - 1] + 1 if k else 0), (marks[k] + 1 if k < len(marks) else len(text))


def piece_of(text: str, i: int) -> tuple[int, int]:
    """The ；/。-delimited piece holding offset i: the context a card shows."""
    return _span(text, i, P.PIECE_END)


def sentence_of(text: str, i: int) -> tuple[int, int]:
    return _span(text, i, P.SENTENCE_END)


def numbers(u: Unit) -> Iterator[Candidate]:
    for m in P.NUMBER.finditer(u.text):
        yield Candidate(u, Kind.NUMBER, m.start(), m.end())


def modals(u: Unit, paragraph_text: str) -> Iterator[Candidate]:
    """可以/不得/不予… always; 应当 where the paragraph also has a contrasting word, else as a fallback."""
    contrast = any(w in paragraph_text for w in P.CONTRAST)
    for word in P.MODALS:
        start, spare = 0, P.SPARE_SHOULD  # of the many 应当 only one is kept: the first few are enough to try
        while (i := u.text.find(word, start)) >= 0:
            start = i + len(word)
            if i and u.text[i - 1] in "相适":  # 相应当事人, 适当: not the modal
                continue
            if word == "应当":
                if spare <= 0:
                    break
                spare -= 1
                yield Candidate(u, Kind.MODAL, i, i + 2, "contrast" if contrast else "fallback")
            else:
                yield Candidate(u, Kind.MODAL, i, i + len(word))


def quoted(u: Unit) -> Iterator[Candidate]:
    for m in P.QUOTED.finditer(u.text):
        yield Candidate(u, Kind.TERM, m.start(1), m.end(1))
    for m in P.DEFINED.finditer(u.text):  # …的公民、法人或者其他组织，称信访人: the word defined
        yield Candidate(u, Kind.TERM, m.start(1), m.end(1), "definition")


def keywords(u: Unit, words: tuple[str, ...], taken: set[str]) -> Iterator[Candidate]:
    """The article's curated keywords where its text has them, each at its first occurrence."""
    for w in words:
        if w in taken or len(w) < 2:
            continue
        i = u.text.find(w)
        if i >= 0:
            taken.add(w)
            if i and u.text[i - 1] not in P.CLAUSE_END + "“" and w.startswith(P.GLUED_HEADS):
                continue  # 信访|工作格局: the keyword is the tail of a longer word here
            yield Candidate(u, Kind.TERM, i, i + len(w))


_CLAUSE = re.compile(f"[^{P.CLAUSE_END}]+")


def _clauses(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _CLAUSE.finditer(text)]


def bodies(u: Unit) -> Iterator[Candidate]:
    """Who acts: a body opening a clause before 应当/负责/收到…, or right after 由/向/报告/转送…."""
    seen: set[int] = set()
    for pattern in (P.subject_pattern(), P.triggered_pattern()):
        for m in pattern.finditer(u.text):
            yield from _body(u, m.start(1), m.end(1), seen)


def _body(u: Unit, start: int, end: int, seen: set[int]) -> Iterator[Candidate]:
    text = u.text
    while start < end and text[start] in "其的":  # 由其上级机关 → 上级机关
        start += 1
    name = text[start:end]
    if name.startswith(P.BODY_TRIGGERS) or any(w in name for w in P.NOT_IN_BODY):
        return  # 中央信访工作联席会议由党中央…, 经本机关、单位: a clause, not a name
    if end - start >= 2 and start not in seen:
        seen.add(start)
        yield Candidate(u, Kind.BODY, start, end)


_PROTECT = re.compile(r"、(?=单位)")  # 机关、单位 is one name, not a list of two


def inline_lists(u: Unit) -> Iterator[Candidate]:
    """Each item of a 、-list of three or more inside one clause (党委统一领导、政府组织落实、…).
    以及/及其/等/而 inside a piece end one list and start the next (法律、政策、经济、行政|等手段和|
    教育、协商、疏导); a piece joined by 和/或者 is shown but not hidden; the hidden items must be
    alike in length, or the 、 were not a list (检举、揭发材料或者有关情况透露、转给被检举、…)."""
    text = u.text
    if "、" not in text:
        return
    for lo, hi in _clauses(text):
        if "、" not in text[lo:hi]:
            continue
        for k, spans in enumerate(_lists(_PROTECT.sub("\x01", text[lo:hi]), lo)):
            yield from _list_items(u, spans, f"{u.article}-{u.paragraph}-{u.item}-{lo}-{k}")


def _lists(clause: str, lo: int) -> Iterator[list[list[int]]]:
    current: list[list[int]] = []
    pos = lo
    for piece in clause.split("、"):
        start = pos
        pos += len(piece) + 1
        if len(piece) > P.MAX_SEGMENT and current:  # 公民、法人或者其他组织可以采用|信息网络、书信…
            yield current
            current = []
        while True:
            m = P.list_break().search(piece, 1)
            if not m or m.end() >= len(piece):
                current.append([start, start + len(piece)])
                break
            current.append([start, start + m.start()])
            yield current
            current = []
            start += m.end()
            piece = piece[m.end():]
    yield current


def _list_items(u: Unit, spans: list[list[int]], group: str) -> Iterator[Candidate]:
    text = u.text
    short = len(spans) == 2  # A、B或者C: a list only if A can be told (重大、紧急信访事项和信访信息 is not)
    if len(spans) >= 2:  # 劝阻、批评或者教育, 接收、受理、办理和反馈: the last two joined by 或者/和
        s, e = spans[-1]
        m = P.last_join().search(text, s, e)
        if m and m.start() > s and e - m.end() >= 2 and "的" not in text[s:m.start()]:
            spans[-1:] = [[s, m.start()], [m.end(), e]]
    if len(spans) < 3:
        return
    inner = [text[s:e] for s, e in spans[1:-1]]
    for edge in (spans[0], spans[-1]):  # 信访接待的时间和地点: not an item that ends at 的
        if P.joined().search(text, *edge):
            edge[1] = edge[0]
    _trim_first(text, spans[0], inner)
    _trim_last(text, spans[-1], inner)
    if short and spans[0][0] == spans[0][1]:
        return
    hideable = [(s, e) for s, e in spans
                if 2 <= e - s <= P.MAX_SEGMENT and not P.joined().search(text, s, e)]
    lengths = [e - s for s, e in hideable]
    if len(hideable) < 2 or max(lengths) > 2 * min(lengths):
        return
    key = text[hideable[0][0]:hideable[-1][1]]  # the same list again later is a duplicate
    for s, e in hideable:
        yield Candidate(u, Kind.LIST, s, e, "inline", group, key, u.offset + hideable[0][0])


def _common_end(inner: list[str]) -> str:
    """The character the inner items all end with (机关, 到位, 化), or ""."""
    ends = {t[-1] for t in inner if t}
    return ends.pop() if len(ends) == 1 else ""


def _median(inner: list[str]) -> int:
    lengths = sorted(len(t) for t in inner)
    return lengths[len(lengths) // 2]


def _trim_first(text: str, span: list[int], inner: list[str]) -> None:
    """构建|党委统一领导, 本条例适用于各级|党的机关: where the first item starts. Left unhideable
    (empty) when that cannot be told."""
    s, e = span
    seg, median, end = text[s:e], _median(inner), _common_end(inner)
    if end and seg.endswith(end) and len(seg) > median:  # …党的机关、人大机关: as long as the others
        span[0] = e - median
        return
    longest = max(len(t) for t in inner) + 1
    cut = max((i + len(w) for w in P.LIST_LEADS if (i := seg.rfind(w)) >= 0), default=0)
    if len(seg) - cut > longest:  # 负责本地区信访工作的|统筹协调
        cut = seg.rfind("的") + 1
    if 0 < cut < len(seg) and seg[cut] == "的":  # 提出|的改进工作
        cut += 1
    span[0] = s + cut if cut < len(seg) - 1 and len(seg) - cut <= longest else e


def _trim_last(text: str, span: list[int], inner: list[str]) -> None:
    """各方齐抓共管|的信访工作格局, 司法调解|联动, 规范化|水平: where the last item ends."""
    s, e = span
    seg, median, end = text[s:e], _median(inner), _common_end(inner)
    cut = min((i for w in P.LIST_ENDS if (i := seg.find(w)) > 1), default=len(seg))
    if end and end in seg[1:cut]:
        cut = seg.index(end, 1) + 1
    if (cut > median + 1 and not (end and seg[cut - 1] == end)) or cut > max(len(t) for t in inner) + 1:
        cut = 0  # 习近平新时代中国特色社会主义思想为指导: no telling where the item ends
    span[1] = s + cut if cut else s


def item_head(item: str) -> tuple[int, int] | None:
    """What an item card hides: its heading sentence (坚持党的全面领导。把党的领导…), else its first
    clause (超越或者滥用职权|，侵害…), else the whole item without its end mark. None for a catch-all
    item (其他…的情形, 承担…交办的其他事项): nobody has to learn that a list ends with one."""
    body = item.rstrip("；。，：")
    if body.startswith("其他") or body.endswith(("其他事项", "其他情形")):
        return None
    first = item.find("。")
    if 0 < first < len(item) - 1 and first <= 16:
        return 0, first
    comma = body.find("，")
    if 4 <= comma <= P.MAX_ANSWER:
        return 0, comma
    return (0, len(body)) if len(body) <= P.MAX_ITEM else None
