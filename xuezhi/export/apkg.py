"""Anki deck package: one subdeck per chapter, choice and judge questions as basic notes,
blank questions as cloze notes.

Model ids, deck ids and note GUIDs are fixed (the GUID is genanki.guid_for(question id)),
and notes carry the time of export, so importing a later export into Anki updates the
notes of edited questions instead of adding duplicates.
"""

from __future__ import annotations

import html
import itertools
import sqlite3
import tempfile
import time
import zipfile
from pathlib import Path
from typing import IO

from xuezhi.bank.model import LETTERS, QType
from xuezhi.bank.wording import with_alternatives
from xuezhi.errors import ExitCode, XuezhiError
from xuezhi.quiz.paper import Item, Paper, Variant
from xuezhi.quiz.paper_text import key_answer, split_blanks

# Chosen once at random; never change them, or re-imports stop matching earlier ones.
CHOICE_MODEL_ID = 1_719_306_412
CLOZE_MODEL_ID = 1_719_306_413
DECK_ID_BASE = 1_719_306_500_000  # + chapter number; the parent deck is + 0

CSS = """.card { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif;
  font-size: 20px; line-height: 1.6; text-align: left; color: #222; background: #fff; }
.type { font-size: 14px; color: #888; }
.options div { margin: 0.2em 0; }
.answer { font-weight: bold; color: #0a7; }
.expl, .basis { font-size: 16px; margin-top: 0.6em; }
.cloze { font-weight: bold; color: #07c; }
"""


def _models():
    import genanki

    choice = genanki.Model(
        CHOICE_MODEL_ID, "学知·信访工作条例·问答",
        fields=[{"name": n} for n in ("编号", "题型", "题目", "选项", "答案", "解析", "依据")],
        templates=[{
            "name": "问答",
            "qfmt": '<div class="type">{{题型}}</div><div class="stem">{{题目}}</div>'
                    '{{#选项}}<div class="options">{{选项}}</div>{{/选项}}',
            "afmt": '{{FrontSide}}<hr id="answer"><div class="answer">答案：{{答案}}</div>'
                    '<div class="expl">{{解析}}</div><div class="basis">依据：{{依据}}</div>',
        }],
        css=CSS, sort_field_index=0)
    cloze = genanki.Model(
        CLOZE_MODEL_ID, "学知·信访工作条例·填空",
        fields=[{"name": n} for n in ("文本", "解析", "依据", "编号")],
        templates=[{
            "name": "填空",
            "qfmt": "{{cloze:文本}}",
            "afmt": '{{cloze:文本}}<hr id="answer"><div class="expl">{{解析}}</div>'
                    '<div class="basis">依据：{{依据}}</div>',
        }],
        css=CSS, model_type=genanki.Model.CLOZE)
    return choice, cloze


def h(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def cloze_text(item: Item) -> str:
    """The stem with blank k as {{ck::answer}}; alternatives follow the first in the hint-free answer."""
    q = item.question
    pieces = split_blanks(q.stem)
    out = h(pieces[0])
    for k, alts in enumerate(q.blanks, 1):
        answer = h(with_alternatives(alts)).replace("}}", "} }")
        out += f"{{{{c{k}::{answer}}}}}" + h(pieces[k])
    return out


def _tags(item: Item) -> list[str]:
    q = item.question
    raw = ["xuezhi", q.type.label, q.basis.label().split("条")[0] + "条", *q.tags]
    return list(dict.fromkeys(t.replace(" ", "_") for t in raw if t.strip()))


def note(item: Item, choice, cloze):
    import genanki

    q = item.question
    basis = q.basis.label()
    if q.type is QType.BLANK:
        fields = [cloze_text(item), h(q.explanation), basis, q.id]
        return genanki.Note(model=cloze, fields=fields, guid=genanki.guid_for(q.id), tags=_tags(item))
    options = "".join(f"<div>{LETTERS[k]}. {h(o)}</div>" for k, o in enumerate(item.options))
    stem = h(q.stem) + ("<br>（判断正误）" if q.type is QType.JUDGE else "")
    fields = [q.id, q.type.label, stem, options, h(key_answer(item)), h(q.explanation), basis]
    return genanki.Note(model=choice, fields=fields, guid=genanki.guid_for(q.id), tags=_tags(item))


def deck_name(paper: Paper, chapter: int) -> str:
    return f"{paper.regulation}::{paper.chapter_label(chapter)}"


def build(paper: Paper, variant: Variant):
    import genanki

    choice, cloze = _models()
    decks: dict[int, genanki.Deck] = {}
    for item in sorted(variant.items, key=lambda i: (i.chapter, i.number)):
        deck = decks.get(item.chapter)
        if deck is None:
            deck = decks[item.chapter] = genanki.Deck(DECK_ID_BASE + item.chapter, deck_name(paper, item.chapter))
        deck.add_note(note(item, choice, cloze))
    return genanki.Package(list(decks.values()))


def write(paper: Paper, variant: Variant | None, fh: IO[bytes], part: str = "all") -> list[str]:
    assert variant is not None
    write_package(build(paper, variant), fh)
    return []


def write_package(package, fh: IO[bytes]) -> None:
    """A genanki package into `fh` (the question deck and the cloze deck both). genanki's own
    write_to_file leaves its temporary database behind; this one cleans up."""
    now = time.time()
    with tempfile.TemporaryDirectory(prefix="xuezhi-apkg-") as tmp:
        db = Path(tmp) / "collection.anki2"
        conn = sqlite3.connect(db)
        try:
            package.write_to_db(conn.cursor(), now, itertools.count(int(now * 1000)))
            conn.commit()
        except sqlite3.Error:
            raise XuezhiError(f"生成 Anki 卡组时无法写入临时目录 {tmp}（常见原因：磁盘已满），"
                              "没有写出任何文件。", ExitCode.OS_ERROR) from None
        finally:
            conn.close()
        with zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as z:
            z.write(db, "collection.anki2")
            z.writestr("media", "{}")
