"""The regulation as sentences, and how often a phrase occurs in it.

Two questions that test the same sentence, or one that quotes a phrase found at only one place of
the text, give each other away on a paper (docs/命题规范.md 四). Deciding that needs the text cut
into sentences and a quick count of a short phrase over the whole text; both are generic (any
corpus in the schema) and built once per regulation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from xuezhi.text.corpus import Regulation

GRAM = 4  # the shortest phrase that can point at one place of the text
_NOT_WORD = re.compile(r"[\W_]+")  # punctuation, spaces, symbols: CJK, digits and letters stay
_SENTENCE_END = re.compile(r"(?<=[。！？])")
SEP = "\x00"  # between sentences: no phrase runs across two


def flat(text: str) -> str:
    """Text reduced to what a reader compares: no punctuation or spaces, half-width, lower case."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", str(text))).lower()


@dataclass(frozen=True)
class Sentence:
    """One sentence of the text: a paragraph's own text or an item, cut at 。！？."""

    index: int  # running number over the regulation
    article: int
    paragraph: int  # 1-based
    item: int  # 0 for the paragraph's own text
    text: str  # flat()


def _cut(text: str) -> Iterator[str]:
    for part in _SENTENCE_END.split(text):
        f = flat(part)
        if f:
            yield f


class TextIndex:
    """The sentences of a regulation and a 4-gram index of its whole text."""

    def __init__(self, reg: Regulation) -> None:
        self.sentences: list[Sentence] = []
        self._by_article: dict[int, list[Sentence]] = {}
        for art in reg.articles:
            for par in art.paragraphs:
                for item, text in enumerate((par.text, *par.items)):
                    for s in _cut(text):
                        sent = Sentence(len(self.sentences), art.number, par.number, item, s)
                        self.sentences.append(sent)
                        self._by_article.setdefault(art.number, []).append(sent)
        self._items_paragraph = {a.number: next((p.number for p in a.paragraphs if p.items), 0)
                                 for a in reg.articles}
        self.whole = SEP.join(s.text for s in self.sentences)
        grams: dict[str, list[int]] = {}
        w = self.whole
        for i in range(len(w) - GRAM + 1):
            grams.setdefault(w[i:i + GRAM], []).append(i)
        self._grams = grams

    def region(self, article: int, paragraph: int | None = None, item: int | None = None) -> list[Sentence]:
        """The sentences of a cited place, as text.corpus reads a basis: an item without its paragraph
        is an item of the one paragraph that has items."""
        if item and not paragraph:
            paragraph = self._items_paragraph.get(article, 0)
        return [s for s in self._by_article.get(article, ())
                if (not paragraph or s.paragraph == paragraph) and (not item or s.item == item)]

    def count(self, phrase: str, most: int = 2) -> int:
        """How often a flat phrase of 4+ characters occurs in the text, counting up to `most`."""
        if len(phrase) < GRAM:
            raise ValueError(phrase)
        n = 0
        for pos in self._grams.get(phrase[:GRAM], ()):
            if self.whole.startswith(phrase, pos):
                n += 1
                if n >= most:
                    break
        return n


def text_index(reg: Regulation) -> TextIndex:
    """The index of `reg`, built on first use and kept for the life of the process."""
    return reg.derived(TextIndex)
