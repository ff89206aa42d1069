"""The cloze generator: every card passes the machine checks (verified here independently of the
generator's own code), every paragraph that states a deadline, a count, a list or a modal rule has a
card, refused candidates say why, and the same text gives the same cards with the same ids."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

import pytest
import yaml

from xuezhi.cloze import patterns as P
from xuezhi.cloze.generate import generate, generate_all
from xuezhi.cloze.model import Kind
from xuezhi.text.corpus import load_regulation
from xuezhi.text.numerals import to_chinese

SEP = "\x00" * P.WINDOW


def units(reg):
    return {(a.number, p.number, i): t for a in reg.articles for p in a.paragraphs
            for i, t in enumerate((p.text, *p.items))}


def whole(reg) -> str:
    return SEP + SEP.join(units(reg).values()) + SEP


def window(reg, card) -> tuple[str, str]:
    text = SEP + units(reg)[(card.article, card.paragraph, card.item)] + SEP
    at, end = card.start + len(SEP), card.end + len(SEP)
    return text[at - P.WINDOW:at], text[end:end + P.WINDOW]


def other_fills(text: str, left: str, right: str, answer: str) -> set[str]:
    """Every text between `left` and the nearest `right` (a regex, not the generator's index)."""
    most = 2 * len(answer) + 4
    pattern = re.compile(f"(?={re.escape(left)}([^\\x00]{{1,{most}}}?){re.escape(right)})")
    return {m.group(1) for m in pattern.finditer(text)} - {answer}


@pytest.fixture(scope="module")
def cards():
    return generate(load_regulation())


def test_every_card_passes_the_machine_checks(reg, cards):
    text, own = whole(reg), units(reg)
    phrases = [p for p in P.SET_PHRASES]
    for c in cards:
        unit = own[(c.article, c.paragraph, c.item)]
        assert unit[c.start:c.end] == c.answer, c  # exactly the hidden text
        assert c.sentence[c.sentence_start:c.sentence_start + len(c.answer)] == c.answer
        shown = c.before + c.after
        assert c.answer not in shown, c  # the context does not give it away
        if c.kind is not Kind.TERM or c.answer not in ("信访人",):  # a definition may hide a common word
            assert c.answer.strip("“”") not in P.STOP_WORDS, c
        for phrase in phrases:  # no set phrase touched
            for m in re.finditer(re.escape(phrase), unit):
                assert not (m.start() < c.end and c.start < m.end()), (c, phrase)
        if "\n（" not in c.before:  # a card of running text: its context is the text around the blank
            assert c.before.lstrip("…") + c.answer + c.after.rstrip("…") in unit or c.item, c
        if c.kind is Kind.LIST and c.item and c.start == 0 and "\n" in c.after + c.before:
            continue  # an item of a list: checked against its neighbours (test below)
        left, right = window(reg, c)
        assert not other_fills(text, left, right, c.answer), (c, other_fills(text, left, right, c.answer))


def test_the_same_item_context_never_has_two_fills(reg, cards):
    seen: dict[tuple[str, str], set[str]] = {}
    for c in cards:
        if c.kind is Kind.LIST and "\n" in c.before:
            seen.setdefault((c.before.split("\n（")[0], c.after), set()).add(c.answer)
    assert all(len(v) == 1 for v in seen.values())


def states_a_rule(text: str, has_items: bool) -> bool:
    """Written for this test, not taken from the generator: 15日/5个工作日/5人, a list, 应当/可以/不得…"""
    if re.search(r"\d+(?:日|人|个工作日|年)", text) or has_items:
        return True
    if any(len(re.findall("、", clause)) >= 2 for clause in re.split("[，。；：]", text)):
        return True
    return bool(re.search("应当|可以|不得|不予|不再|必须", text))


def test_every_paragraph_with_a_deadline_count_list_or_modal_rule_has_a_card(reg, cards):
    have = {(c.article, c.paragraph) for c in cards}
    needed = [(a.number, p.number) for a in reg.articles for p in a.paragraphs
              if states_a_rule(p.text + "".join(p.items), bool(p.items))]
    assert len(needed) > 80
    missing = [f"第{to_chinese(a)}条第{to_chinese(p)}款" for a, p in needed if (a, p) not in have]
    assert not missing


def test_what_an_examiner_asks_is_there(cards):
    def has(article, answer, kind=None):
        return any(c.article == article and c.answer == answer and (kind is None or c.kind is kind) for c in cards)

    assert has(34, "60日", Kind.NUMBER) and has(34, "30日", Kind.NUMBER) and has(34, "可以", Kind.MODAL)
    assert has(20, "5人", Kind.NUMBER) and has(23, "5个工作日", Kind.NUMBER)
    principles = [c for c in cards if c.article == 5 and c.kind is Kind.LIST and c.item]
    assert [c.answer for c in principles] == ["坚持党的全面领导", "坚持以人民为中心", "坚持落实信访工作责任",
                                              "坚持依法按政策解决问题", "坚持源头治理化解矛盾"]
    # overlapping cloze: one item hidden, the ones beside it shown
    second = principles[1]
    assert "（一）坚持党的全面领导" in second.before and "（三）坚持落实信访工作责任" in second.after
    assert {"党委统一领导", "政府组织落实", "信访工作联席会议协调", "信访部门推动"} <= {
        c.answer for c in cards if c.article == 7 and c.kind is Kind.LIST}
    assert has(15, "枫桥经验", Kind.TERM) and has(15, "两代表一委员", Kind.TERM)
    assert has(24, "共同的上一级机关、单位", Kind.BODY) and has(49, "国家信访局", Kind.BODY)


def test_every_card_names_its_place(reg, cards):
    for c in cards:
        art = reg.article(c.article)
        assert art is not None and c.chapter == art.chapter
        assert c.label.startswith(art.label) and "款" in c.label and (("项" in c.label) == bool(c.item))


def test_the_same_text_gives_the_same_cards_and_ids(reg, tmp_path):
    first = generate_all(reg).cards
    assert first == generate_all(load_regulation()).cards
    assert len({c.id for c in first}) == len(first)
    # editing one article leaves the ids of the others as they were (review history, Anki notes)
    raw = yaml.safe_load(reg.source.read_text(encoding="utf-8"))
    art = raw["chapters"][0]["articles"][0]
    art["paragraphs"][0]["text"] = art["paragraphs"][0]["text"].replace("制定本条例", "特制定本条例")
    edited = tmp_path / "edited.yaml"
    edited.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    again = {c.id for c in generate(load_regulation(edited)) if c.article != 1}
    assert again == {c.id for c in first if c.article != 1}


NEGATIVE = """
meta: {title: 测试条例}
chapters:
  - number: 1
    title: 总则
    articles:
      - number: 1
        summary: 一般规定
        keywords: [改正]
        paragraphs:
          - text: "各级机关、单位应当做好“工作”。违反规定的，由其上级机关责令改正。"
      - number: 2
        summary: 答复期限
        paragraphs:
          - text: "收到申请的机关应当自收到之日起15日内答复。"
      - number: 3
        summary: 复查期限
        paragraphs:
          - text: "收到复查申请的机关应当自收到之日起30日内答复。"
"""


def test_a_generic_word_a_set_phrase_and_a_repeated_context_make_no_card(tmp_path):
    path = tmp_path / "测试条例.yaml"
    path.write_text(NEGATIVE, encoding="utf-8")
    result = generate_all(load_regulation(path))
    answers = {c.answer for c in result.cards}
    assert "工作" not in answers  # a generic word, though quoted
    assert "改正" not in answers and "责令改正" not in answers  # a keyword inside 责令改正
    assert "15日" not in answers and "30日" not in answers  # the same context, another fill
    why = {(c.answer, r) for c, r in result.refused}
    assert ("工作", "泛用词") in why and ("改正", "固定搭配") in why
    assert ("15日", "有歧义") in why and ("30日", "有歧义") in why


def test_any_corpus_in_the_schema(tmp_path):
    from xuezhi.files import data_file

    old = load_regulation(data_file("信访条例2005.yaml"))
    cards = generate(old)
    assert len(cards) > 150
    kinds = Counter(c.kind for c in cards)
    assert all(kinds[k] for k in Kind)
    text = whole(old)
    for c in cards[::7]:
        left, right = window(old, c)
        if not (c.kind is Kind.LIST and "\n" in c.before):
            assert not other_fills(text, left, right, c.answer), c


def test_the_cache_serves_the_same_cards_and_survives_a_bad_file(tmp_path):
    from xuezhi.cloze import cards as cache
    from xuezhi.text.yamlfile import cache_dir

    reg = load_regulation()
    expected = generate(reg)
    # dataclasses.replace: the text loaded again, as by the next command (nothing kept in memory)
    assert cache.cards(replace(reg)) == expected  # generated, then written
    (written,) = cache_dir().glob("cloze-*.json")
    assert cache.cards(replace(reg)) == expected  # read back
    written.write_text("{not json", encoding="utf-8")
    assert cache.cards(replace(reg)) == expected  # a broken file is generated again
