"""The Anki deck, imported by the real Anki library (offline) into a throwaway collection.

A second export after editing one question must update that note, not add a new one: the
note GUIDs come from the question ids and the model and deck ids are fixed.
"""

from __future__ import annotations

import time

import pytest
from export_support import import_apkg, small_bank, write_bank

from xuezhi.bank.load import read_bank
from xuezhi.bank.model import QType
from xuezhi.export import FORMATS, export
from xuezhi.quiz.assemble import whole_bank
from xuezhi.text.corpus import load_regulation

anki_collection = pytest.importorskip("anki.collection")


@pytest.fixture
def collection(tmp_path):
    (tmp_path / "anki").mkdir()
    col = anki_collection.Collection(str(tmp_path / "anki" / "collection.anki2"))
    yield col
    col.close()


def test_apkg_imports_and_a_second_export_updates_the_edited_note(tmp_path, collection, monkeypatch):
    reg = load_regulation()
    bank_path = small_bank(tmp_path / "bank.yaml")
    bank = read_bank(bank_path)
    paper = whole_bank(bank, reg)
    (apkg,) = export(paper, FORMATS["apkg"], tmp_path / "deck.apkg").files

    log = import_apkg(collection, apkg)
    assert len(log.new) == len(bank.questions)
    assert collection.note_count() == len(bank.questions)
    decks = {d.name for d in collection.decks.all_names_and_ids()}
    chapters = {bank.chapter_of(q, reg) for q in bank.questions}
    assert {f"信访工作条例::{paper.chapter_label(c)}" for c in chapters} <= decks

    by_id = {}
    for nid in collection.find_notes(""):
        note = collection.get_note(nid)
        fields = dict(note.items())
        by_id[fields["编号"]] = note
    assert set(by_id) == {q.id for q in bank.questions}
    for q in bank.questions:
        note = by_id[q.id]
        fields = dict(note.items())
        if q.type is QType.BLANK:
            assert note.note_type()["name"] == "学知·信访工作条例·填空"
            for k, blank in enumerate(q.blanks, 1):
                assert f"{{{{c{k}::{blank[0]}" in fields["文本"]
            assert len(note.cards()) == len(q.blanks)
        else:
            assert note.note_type()["name"] == "学知·信访工作条例·问答"
            assert fields["依据"] == q.basis.label()
            for option in q.options:
                assert option in fields["选项"]

    # A trainer fixes one explanation and exports again (later: notes carry the export time).
    edited = next(q for q in bank.questions if q.type is QType.SINGLE)
    raw = [q.as_dict() for q in bank.questions]
    for d in raw:
        if d["id"] == edited.id:
            d["explanation"] = "改正后的解析：" + d["explanation"]
    bank2 = read_bank(write_bank(tmp_path / "bank2.yaml", raw))
    later = time.time() + 120
    with monkeypatch.context() as m:  # undo() would also drop the autouse XUEZHI_HOME isolation
        m.setattr(time, "time", lambda: later)
        (apkg2,) = export(whole_bank(bank2, reg), FORMATS["apkg"], tmp_path / "deck2.apkg").files

    log = import_apkg(collection, apkg2)
    assert len(log.new) == 0
    assert collection.note_count() == len(bank.questions)
    note = collection.get_note(by_id[edited.id].id)
    assert dict(note.items())["解析"].startswith("改正后的解析：")
    updated = {dict(collection.get_note(n.id.nid).items())["编号"] for n in log.updated}
    assert edited.id in updated


def test_guids_and_ids_are_stable(tmp_path):
    import genanki

    from xuezhi.export.apkg import CHOICE_MODEL_ID, CLOZE_MODEL_ID, DECK_ID_BASE, build

    bank = read_bank(small_bank(tmp_path / "bank.yaml"))
    paper = whole_bank(bank, load_regulation())
    package = build(paper, paper.variants[0])
    notes = [n for d in package.decks for n in d.notes]
    assert {n.guid for n in notes} == {genanki.guid_for(q.id) for q in bank.questions}
    assert {n.model.model_id for n in notes} == {CHOICE_MODEL_ID, CLOZE_MODEL_ID}
    assert all(d.deck_id - DECK_ID_BASE in range(1, 7) for d in package.decks)
