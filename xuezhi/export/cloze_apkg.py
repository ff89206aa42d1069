"""The cloze cards as an Anki deck: Anki's Cloze note type ({{c1::…}}), one note per card, one
subdeck per chapter, the whole article on the back (back extra).

A list's items are cards of their own, each with the item before and after it shown: the
overlapping cloze Anki users make by hand for lists. Note GUIDs come from the card ids (position,
answer, kind), and the model and deck ids are fixed, so importing a later export updates the
notes instead of adding copies.
"""

from __future__ import annotations

import html
from typing import IO

from xuezhi.cloze.model import Card
from xuezhi.export.apkg import CSS, write_package
from xuezhi.text.corpus import Regulation, chapter_label

# Chosen once at random; never change them, or re-imports stop matching earlier ones.
MODEL_ID = 1_719_306_414
DECK_ID_BASE = 1_719_307_500_000  # + chapter number (the question decks are 1_719_306_500_000 + n)
CARD_CSS = CSS + """.src { font-size: 14px; color: #888; margin-top: 0.8em; }
.article { font-size: 16px; margin-top: 0.6em; color: #444; }
"""


def h(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def cloze_field(card: Card) -> str:
    answer = h(card.answer).replace("}}", "} }").replace("::", ": :")
    return h(card.before) + f"{{{{c1::{answer}}}}}" + h(card.after)


def article_field(reg: Regulation, card: Card) -> str:
    art = reg.article(card.article)
    if art is None:
        return ""
    head = f"<b>{h(art.label)}</b>" + (f" {h(art.summary)}" if art.summary else "")
    return head + "<br>" + h(art.text)


def _model():
    import genanki

    return genanki.Model(
        MODEL_ID, "学知·条文填空",
        fields=[{"name": n} for n in ("文本", "出处", "条文", "编号")],
        templates=[{
            "name": "条文填空",
            "qfmt": '{{cloze:文本}}<div class="src">{{出处}}</div>',
            "afmt": '{{cloze:文本}}<div class="src">{{出处}}</div><hr id="answer">'
                    '<div class="article">{{条文}}</div>',
        }],
        css=CARD_CSS, model_type=genanki.Model.CLOZE)


def deck_name(reg: Regulation, chapter: int) -> str:
    ch = reg.chapter(chapter)
    return f"{reg.title}·条文填空::{chapter_label(chapter)}" + (f" {ch.title}" if ch else "")


def build(reg: Regulation, cards: list[Card]):
    import genanki

    model = _model()
    decks: dict[int, genanki.Deck] = {}
    for card in cards:
        deck = decks.get(card.chapter)
        if deck is None:
            deck = decks[card.chapter] = genanki.Deck(DECK_ID_BASE + card.chapter, deck_name(reg, card.chapter))
        art = reg.article(card.article)
        source = card.label + (f"（{art.summary}）" if art and art.summary else "")
        tags = ["xuezhi", "填空卡", card.kind.label, f"第{card.label.split('条')[0][1:]}条"]
        fields = [cloze_field(card), h(source), article_field(reg, card), card.id]
        deck.add_note(genanki.Note(model=model, fields=fields, guid=genanki.guid_for(card.id), tags=tags))
    return genanki.Package(list(decks.values()))


def write(reg: Regulation, cards: list[Card], fh: IO[bytes]) -> None:
    write_package(build(reg, cards), fh)
