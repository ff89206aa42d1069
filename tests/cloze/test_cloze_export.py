"""The cloze cards exported: an Anki deck the real Anki library imports (and re-imports as updates),
Moodle short-answer questions, and the Word 填空默写 sheet with its key, read back."""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET

import pytest

from xuezhi.cloze.generate import generate
from xuezhi.cloze.recite import blank_spans, lines_of
from xuezhi.text.corpus import load_regulation

anki_collection = pytest.importorskip("anki.collection")
from export_support import import_apkg  # noqa: E402 -- after the skip: it imports anki


def test_the_anki_deck_imports_with_a_card_per_cloze_and_updates_on_reimport(tmp_path, invoke, monkeypatch):
    reg = load_regulation()
    cards = generate(reg)
    deck = tmp_path / "填空卡.apkg"
    r = invoke("cloze", "export", str(deck))
    assert r.exit_code == 0 and f"填空卡 {len(cards)} 张" in r.stdout
    (tmp_path / "anki").mkdir()
    col = anki_collection.Collection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        log = import_apkg(col, deck)
        assert len(log.new) == len(cards)
        assert col.note_count() == len(cards) and col.card_count() == len(cards)  # the cards Anki makes
        names = {d.name for d in col.decks.all_names_and_ids()}
        assert "信访工作条例·条文填空::第四章 信访事项的办理" in names and len(
            [n for n in names if n.startswith("信访工作条例·条文填空::")]) == 6
        by_id = {}
        for nid in col.find_notes(""):
            note = col.get_note(nid)
            by_id[dict(note.items())["编号"]] = note
        assert set(by_id) == {c.id for c in cards}
        card = next(c for c in cards if c.article == 34 and c.answer == "60日")
        note = by_id[card.id]
        assert note.note_type()["type"] == 1  # Anki's cloze note type
        (anki_card,) = note.cards()
        question, answer = anki_card.question(), anki_card.answer()
        assert "[...]" in question and "60日" not in re.sub("<[^>]+>", "", question).split("第三十四条")[0]
        assert "60日" in answer and "对本条例第三十一条第六项规定的信访事项" in answer  # the article on the back
        # a second export (later) of the same text: every note updated in place, none added
        later = time.time() + 120
        with monkeypatch.context() as m:
            m.setattr(time, "time", lambda: later)
            assert invoke("cloze", "export", str(tmp_path / "again.apkg")).exit_code == 0
        log = import_apkg(col, tmp_path / "again.apkg")
        assert len(log.new) == 0 and col.note_count() == len(cards)
    finally:
        col.close()


def test_moodle_short_answer_questions(tmp_path, invoke):
    reg = load_regulation()
    cards = generate(reg)
    out = tmp_path / "填空卡.xml"
    assert invoke("cloze", "export", str(out)).exit_code == 0
    root = ET.parse(out).getroot()
    questions = [q for q in root if q.get("type") == "shortanswer"]
    categories = [q for q in root if q.get("type") == "category"]
    assert len(questions) == len(cards) and len(categories) == 6
    by_id = {q.findtext("idnumber"): q for q in questions}
    q = by_id[next(c.id for c in cards if c.article == 34 and c.answer == "60日")]
    assert "________内办结" in q.findtext("questiontext/text")
    accepted = {a.findtext("text"): a.get("fraction") for a in q.findall("answer")}
    assert accepted == {"60日": "100", "六十日": "100", "60": "100"}
    assert "<b>60日</b>" in q.findtext("generalfeedback/text")


def test_the_fill_in_sheet_per_chapter_with_its_key(tmp_path, invoke):
    import docx

    reg = load_regulation()
    out = tmp_path / "默写.docx"
    r = invoke("cloze", "export", str(out), "--chapter", "4")
    assert r.exit_code == 0
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "《信访工作条例》填空默写" in text and "第四章 信访事项的办理（第二十七条至第三十七条）" in text
    assert "第四章 信访事项的办理　参考答案" in text and "第一章" not in text
    cards = [c for c in generate(reg) if c.chapter == 4]
    art = reg.article(34)
    spans = blank_spans(lines_of(art), [c for c in cards if c.article == 34])
    expected = [lines_of(art)[i].text[s:e] for i, s, e in spans]
    key = next(line for line in text.split("\n") if line.startswith("第三十四条："))
    assert [a.strip("　") for a in re.split(r"（\d+）", key.split("：", 1)[1]) if a.strip()] == expected
    sheet = next(line for line in text.split("\n") if line.startswith("对本条例第三十一条第六项"))
    assert "60日" not in sheet and "可以适当延长" not in sheet  # the blanks are blank on the sheet


def test_export_refuses_what_it_cannot_write(tmp_path, invoke):
    out = tmp_path / "卡.apkg"
    out.write_bytes(b"old")
    r = invoke("cloze", "export", str(out))
    assert r.exit_code == 2 and "已存在" in r.stderr and out.read_bytes() == b"old"
    assert invoke("cloze", "export", str(out), "--force").exit_code == 0
    bad = invoke("cloze", "export", str(tmp_path / "卡.pdf"))
    assert bad.exit_code == 2 and "无法从文件名" in bad.stderr
    clash = invoke("cloze", "export", str(tmp_path / "卡.xml"), "-f", "docx")
    assert clash.exit_code == 2 and "不一致" in clash.stderr


def test_stats_reports_cards_per_kind_and_chapter(invoke):
    import json

    data = json.loads(invoke("cloze", "stats", "--json").stdout)
    assert data["cards"] == sum(k["cards"] for k in data["by_kind"]) == sum(c["cards"] for c in data["by_chapter"])
    assert {k["kind"] for k in data["by_kind"]} == {"number", "modal", "list", "term", "body"}
    assert data["coverage"]["missing"] == [] and data["coverage"]["paragraphs"] > 80
    plain = invoke("cloze", "stats").stdout
    assert "第四章 信访事项的办理" in plain and "期限数量" in plain and "合计" in plain
    listed = invoke("cloze", "list", "34", "--kind", "number").stdout
    assert "共 2 张填空卡。" in listed and "答案：60日" in listed and "答案：30日" in listed
    bad = invoke("cloze", "list", "--kind", "颜色")
    assert bad.exit_code == 2 and "没有“颜色”这种填空卡" in bad.stderr
