"""Pairing the articles of two editions: each new article with the old provisions it continues
(or none: 新增), each old provision not continued 删除.

The curated file decides where the structure changed (a split, a merger, a move between
chapters, a new article); every other article is paired by rapidfuzz similarity of the normal
forms (xuezhi.compare.normal), best pairs first, each article at most once, none below AUTO_MIN.
Without a curated file (any two corpora, `compare --old/--new`) the similarity does it all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xuezhi.compare.curation import NO_CURATION, Curation, OldRef
from xuezhi.compare.normal import Normalised, Piece, normalise
from xuezhi.text.corpus import Article, Regulation, label
from xuezhi.text.numerals import circled, to_chinese

AUTO_MIN = 40.0  # similarity (0–100) below which two articles are not paired: unrelated articles of
# the 2005 and 2022 texts score 15–35, the lowest true pair found automatically 47 (第一条)
UNCHANGED_MIN = 97.0  # at or above: 基本未变 (wording only), below: 修改. Not lower: 2022 第二十六条 scores
# 96.2 against 2005 第二十条 and adds 毁坏财物 to the forbidden acts, a change a reader must see

KINDS = {"unchanged": "基本未变", "modified": "修改", "added": "新增", "deleted": "删除"}


@dataclass(frozen=True)
class Row:
    """One line of the 对照表."""

    new: int | None  # the new article; None for a provision not continued
    old: tuple[OldRef, ...]
    kind: str  # a key of KINDS
    similarity: float | None  # of the normal forms, 0–100; None for 新增 and 删除
    curated: bool  # paired by the curated file, not by similarity
    split: bool = False  # one of its old provisions continues in another row too
    why: str = ""
    point: str = ""
    line: int | None = None  # of its entry in the curated file

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def merged(self) -> bool:
        return len({r.article for r in self.old}) > 1

    @property
    def shape(self) -> str:
        """合并 (several old articles), 拆分 (an old provision continues in another row too), both or ""."""
        return "、".join(x for x, on in (("合并", self.merged), ("拆分", self.split)) if on)

    def old_label(self) -> str:
        return "、".join(r.label() for r in self.old)


@dataclass
class Alignment:
    old: Regulation
    new: Regulation
    curation: Curation
    rows: list[Row]
    ref_map: dict[int, int] = field(default_factory=dict)  # old article → the one new article continuing it

    def row_for_new(self, number: int) -> Row:
        return next(r for r in self.rows if r.new == number)

    def rows_for_old(self, number: int) -> list[Row]:
        return [r for r in self.rows if any(o.article == number for o in r.old)]

    def counts(self) -> dict[str, int]:
        return {k: sum(r.kind == k for r in self.rows) for k in KINDS}

    def old_side(self, row: Row, labelled: bool | None = None) -> Normalised:
        """The row's old provisions in normal form; each under its label (〔第九条〕) when there are
        several or only a paragraph is taken, or when `labelled`."""
        if labelled is None:
            labelled = len(row.old) > 1 or any(r.paragraph for r in row.old)
        return normalise(old_pieces(self.old, row.old, labelled), self.curation.renamings, self._cite)

    def new_side(self, row: Row) -> Normalised:
        return normalise(article_pieces(self.new.article(row.new)) if row.new else [])

    def _cite(self, n: int) -> str:
        return str(self.ref_map[n]) if n in self.ref_map else f"旧{n}"


def article_pieces(article: Article, paragraphs: list[int] | None = None) -> list[Piece]:
    """The article as displayed: ① before each paragraph when there are several, （一） before items."""
    several = len(article.paragraphs) > 1
    pieces: list[Piece] = []
    for p in article.paragraphs:
        if paragraphs is not None and p.number not in paragraphs:
            continue
        if pieces:
            pieces.append(Piece("\n", False))
        if several:
            pieces.append(Piece(circled(p.number), False))
        pieces.append(Piece(p.text))
        for i, item in enumerate(p.items, 1):
            pieces += [Piece(f"\n（{to_chinese(i)}）", False), Piece(item)]
    return pieces


def old_pieces(reg: Regulation, refs: tuple[OldRef, ...], labelled: bool) -> list[Piece]:
    """The old provisions of a row, one after another, each under its label when there are several."""
    pieces: list[Piece] = []
    for ref in refs:
        if pieces:
            pieces.append(Piece("\n", False))
        if labelled:
            pieces.append(Piece(f"〔{ref.label()}〕\n", False))
        pieces += article_pieces(reg.article(ref.article), [ref.paragraph] if ref.paragraph else None)
    return pieces


def similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return round(fuzz.ratio(a, b), 1)


def _check(curation: Curation, old: Regulation, new: Regulation) -> None:
    """Every article the curated file names exists in the texts it is used with."""
    def check_ref(ref: OldRef, line: int | None) -> None:
        art = old.article(ref.article)
        if art is None:
            raise curation.fail(line, f"旧条文中没有{ref.label()}（{old.title}共 {len(old.articles)} 条）")
        if ref.paragraph and ref.paragraph > len(art.paragraphs):
            raise curation.fail(line, f"旧条文{art.label}只有 {len(art.paragraphs)} 款，没有{ref.label()}")

    for pair in curation.pairs.values():
        if new.article(pair.new) is None:
            raise curation.fail(pair.line, f"新条文中没有{label(pair.new)}"
                                           f"（{new.title}共 {len(new.articles)} 条）")
        for ref in pair.old or ():
            check_ref(ref, pair.line)
    used = {r for p in curation.pairs.values() for r in p.old or ()}
    for d in curation.deleted:
        check_ref(d.old, d.line)
        if d.old in used or OldRef(d.old.article) in used:
            raise curation.fail(d.line, f"{d.old.label()}已在 pairs 中配对，不能同时列为删除")


Link = tuple[int | None, tuple[OldRef, ...], bool]  # new article (None: 删除), old provisions, curated


def _auto_pairs(old: Regulation, new: Regulation, curation: Curation, taken_new: set[int],
                taken_old: set[int]) -> dict[int, int]:
    """new → old for the articles the curated file leaves open: best similarity first, each once."""
    def form(pieces: list[Piece], renamed: bool) -> str:
        return normalise(pieces, curation.renamings if renamed else (), lambda n: "X").norm

    free_new = [a for a in new.articles if a.number not in taken_new]
    free_old = [a for a in old.articles if a.number not in taken_old]
    old_forms = {a.number: form(article_pieces(a), True) for a in free_old}
    new_forms = {a.number: form(article_pieces(a), False) for a in free_new}
    scores = sorted(((similarity(new_forms[n], old_forms[o]), n, o) for n in new_forms for o in old_forms),
                    key=lambda s: (-s[0], s[1], s[2]))
    auto: dict[int, int] = {}
    for score, n, o in scores:
        if score < AUTO_MIN:
            break
        if n not in auto and o not in auto.values():
            auto[n] = o
    return auto


def _not_continued(old: Regulation, curation: Curation, links: list[Link]) -> list[Link]:
    """The declared deletions, then every old article or paragraph no row continues, in text order."""
    deleted: list[Link] = [(None, (d.old,), True) for d in curation.deleted]
    covered = {r for _, refs, _ in links for r in refs} | {d.old for d in curation.deleted}
    whole = {r.article for r in covered if r.paragraph is None}
    for a in old.articles:
        if a.number in whole:
            continue
        parts = [OldRef(a.number, p.number) for p in a.paragraphs]
        if not any(p in covered for p in parts):
            deleted.append((None, (OldRef(a.number),), False))
        else:
            deleted += [(None, (p,), False) for p in parts if p not in covered]
    return sorted(deleted, key=lambda link: link[1][0])


def align(old: Regulation, new: Regulation, curation: Curation = NO_CURATION) -> Alignment:
    _check(curation, old, new)
    curated = {n: p.old for n, p in curation.pairs.items() if p.old is not None}
    taken = {r.article for refs in curated.values() for r in refs} | {d.old.article for d in curation.deleted}
    auto = _auto_pairs(old, new, curation, set(curated), taken)
    links: list[Link] = [
        (a.number, curated[a.number], True) if a.number in curated
        else (a.number, (OldRef(auto[a.number]),) if a.number in auto else (), False)
        for a in new.articles]
    links += _not_continued(old, curation, links)

    continued_in: dict[int, set[int | None]] = {}
    for n, refs, _ in links:
        for r in refs:
            continued_in.setdefault(r.article, set()).add(n)
    result = Alignment(old, new, curation, [])
    result.ref_map = {o: next(iter(ns)) for o, ns in continued_in.items() if len(ns) == 1 and None not in ns}
    result.rows = [_row(result, link, continued_in) for link in links]
    return result


def _row(al: Alignment, link: Link, continued_in: dict[int, set[int | None]]) -> Row:
    n, refs, is_curated = link
    why, point, line = "", "", None
    if n is not None and n in al.curation.pairs:
        pair = al.curation.pairs[n]
        why, point, line = pair.why, pair.point, pair.line
    elif n is None:
        d = next((d for d in al.curation.deleted if d.old == refs[0]), None)
        why, line = (d.why, d.line) if d else ("", None)
    split = n is not None and any(len(continued_in[r.article]) > 1 for r in refs)
    if n is None or not refs:
        return Row(n, refs, "deleted" if n is None else "added", None, is_curated, split, why, point, line)
    row = Row(n, refs, "modified", None, is_curated, split, why, point, line)
    score = similarity(al.old_side(row).norm, al.new_side(row).norm)
    return Row(n, refs, "unchanged" if score >= UNCHANGED_MIN else "modified", score, is_curated, split,
               why, point, line)
