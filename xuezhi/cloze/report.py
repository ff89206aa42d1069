"""What the generator made of a corpus: cards per kind and per chapter, what it refused and why, and
whether every paragraph that states a deadline, a count, a duty list or a modal rule has a card.
A JSON-able dict: `xuezhi cloze stats --json` prints it and the view draws it.
"""

from __future__ import annotations

from collections import Counter

from xuezhi.cloze import patterns as P
from xuezhi.cloze.generate import Generated
from xuezhi.cloze.model import Kind
from xuezhi.text.corpus import Regulation, chapter_label, label


def needs_card(text: str, has_items: bool) -> str | None:
    """Why a paragraph (its own text and items) must have a card, or None."""
    if P.NUMBER.search(text):
        return "期限数量"
    if has_items or any(text.count("、", *span) >= 2 for span in _clause_spans(text)):
        return "列举"
    if any(w in text for w in P.MODALS):
        return "应当可以"
    return None


def _clause_spans(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in P.CLAUSE_END:
            out.append((start, i))
            start = i + 1
    return [*out, (start, len(text))]


def coverage(reg: Regulation, g: Generated) -> dict:
    have = {(c.article, c.paragraph) for c in g.cards}
    needed, missing = 0, []
    for art in reg.articles:
        for par in art.paragraphs:
            if needs_card("".join((par.text, *par.items)), bool(par.items)) is None:
                continue
            needed += 1
            if (art.number, par.number) not in have:
                missing.append(label(art.number, par.number))
    return {"paragraphs": needed, "covered": needed - len(missing), "missing": missing}


def report(reg: Regulation, g: Generated) -> dict:
    kinds = [k for k in Kind]
    by_chapter = Counter((c.chapter, c.kind) for c in g.cards)
    chapters = [{"chapter": ch.number, "label": chapter_label(ch.number), "title": ch.title,
                 "cards": sum(by_chapter[(ch.number, k)] for k in kinds),
                 "by_kind": {k.value: by_chapter[(ch.number, k)] for k in kinds}} for ch in reg.chapters]
    refused = Counter(reason for _, reason in g.refused)
    return {
        "corpus": reg.title,
        "cards": len(g.cards),
        "articles_with_cards": len({c.article for c in g.cards}),
        "articles": len(reg.articles),
        "by_kind": [{"kind": k.value, "label": k.label, "cards": g.by_kind()[k]} for k in kinds],
        "by_chapter": chapters,
        "refused": [{"reason": r, "candidates": n} for r, n in refused.most_common()],
        "coverage": coverage(reg, g),
    }
