"""The normal form and the character diff: no false amendments, marks in the right places, and the
original text always recoverable from what is shown."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xuezhi.compare.diff import diff, marked, marked_side, segments
from xuezhi.compare.normal import Piece, Renaming, normalise
from xuezhi.compare.sources import load_alignment

RENAMINGS = (Renaming("行政机关", "机关、单位"), Renaming("本行政机关", "本机关、单位"))


@pytest.fixture(scope="module")
def al():
    return load_alignment()


def detail(al, n):
    row = al.row_for_new(n)
    old, new = al.old_side(row), al.new_side(row)
    changes = diff(old, new)
    return old, new, changes


def test_punctuation_numerals_and_renamings_are_no_change():
    old = normalise([Piece("按照前款第(二)项规定，由本行政机关、有关行政机关处理；15日内。")], RENAMINGS)
    new = normalise([Piece("按照前款第二项规定，由本机关、单位，有关机关、单位处理。十五日内")])
    # 15日 and 十五日 are different words in a legal text: only 第…项/条/款/章 numbers are read as numbers
    assert old.norm == "按照前款第2项规定由本机关单位有关机关单位处理15日内"
    assert new.norm == "按照前款第2项规定由本机关单位有关机关单位处理十五日内"
    assert [c.tag for c in diff(old, new)] == ["equal", "replace", "equal"]


def test_a_renamed_word_is_never_cut_in_two():
    old = normalise([Piece("上一级行政机关复查")], RENAMINGS)
    new = normalise([Piece("上一级机关复查")])
    changes = diff(old, new)
    runs = segments(old, changes, "old")
    assert ("行政机关", "changed") in runs  # the whole word, not 行政机关 with 单位 half struck
    assert marked(old, new, changes) == "上一级〔删：行政机关〕〔增：机关〕复查"


def test_the_forbidden_acts_of_2022_26_against_2005_20(al):
    old, new, changes = detail(al, 26)
    text = marked(old, new, changes)
    assert "自由〔删：的〕，〔增：或者毁坏财物〕；" in text.replace("，〔删：的〕", "〔删：的〕，")
    assert "〔删：国家机关〕" not in text  # 国家机关 → 机关、单位 is a renaming
    assert "交通〔删：的〕；" in marked_side(segments(old, changes, "old"), "old")
    assert "（六）〔增：其他〕扰乱" in marked_side(segments(new, changes, "new"), "new")


def test_cross_references_renumbered_are_no_change(al):
    """2005 第四十七条 cites 第十八条、第二十条, 2022 第四十七条 cites 第二十条、第二十六条: the same articles."""
    old, new, changes = detail(al, 47)
    text = marked(old, new, changes)
    assert "违反本条例第二十条、第二十六条规定的" in text
    assert "第十八条" not in text


def test_a_cross_reference_that_changed_is_marked(al):
    old, new, changes = detail(al, 36)
    assert "本条例第三十一条〔删：第二款〕〔增：第六项〕的规定" in marked(old, new, changes)


def test_a_deletion_comes_before_the_punctuation_that_followed_it(al):
    old, new, changes = detail(al, 1)
    assert marked(old, new, changes) == (
        "为了〔删：保持各级人民政府〕〔增：坚持和加强党对信访工作的全面领导，做好新时代信访工作，保持党和政府〕"
        "同人民群众的密切联系〔删：保护信访人的合法权益，维护信访秩序〕，制定本条例。")


def test_long_shared_phrases_stay_visible_in_a_rewritten_article(al):
    """2022 第四十六条 merges five 2005 provisions: what it kept word for word is not marked."""
    _, new, changes = detail(al, 46)
    runs = segments(new, changes, "new")
    kept = "".join(t for t, kind in runs if kind != "changed")
    assert "将信访人的检举、揭发材料或者有关情况透露、转给被检举、揭发的人员或者单位" in kept
    assert "打击报复信访人" in kept


def test_views_show_the_original_texts_of_every_row(al):
    for row in al.rows:
        old, new = al.old_side(row), al.new_side(row)
        changes = diff(old, new)
        assert "".join(t for t, _ in segments(old, changes, "old")) == old.text
        assert "".join(t for t, _ in segments(new, changes, "new")) == new.text
        if row.new:
            assert new.text == "\n".join(f"{'①②③④⑤'[p.number - 1] if len(a.paragraphs) > 1 else ''}{line}"
                                         if i == 0 else line
                                         for a in [al.new.article(row.new)] for p in a.paragraphs
                                         for i, line in enumerate(p.lines()))
        assert _unmark_new(marked(old, new, changes)) == new.text


def _unmark_new(text: str) -> str:
    """The text without 〔删：…〕 and with 〔增：…〕 unwrapped; the regulation's own 〔办公厅（室）副主任〕 is
    balanced, so a mark ends at the 〕 that closes it."""
    out, stack, i = [], [], 0  # stack: for each open 〔, whether it is a mark ("增"/"删") or text ("")
    while i < len(text):
        if text.startswith(("〔增：", "〔删："), i):
            stack.append(text[i + 1])
            i += 3
            continue
        c = text[i]
        i += 1
        if c == "〔":
            stack.append("")
        elif c == "〕" and stack and stack[-1]:
            stack.pop()
            continue
        elif c == "〕" and stack:
            stack.pop()
        if "删" not in stack:
            out.append(c)
    return "".join(out)


CHARS = st.sampled_from(list("信访机关单位行政事项的，。、；（）一二第条款项15日和人"))


@settings(max_examples=300, deadline=None)
@given(st.lists(CHARS, max_size=40).map("".join), st.lists(CHARS, max_size=40).map("".join))
def test_any_two_texts_the_marks_rebuild_the_new_text_and_the_changes_cover_both(a, b):
    old, new = normalise([Piece(a)], RENAMINGS), normalise([Piece(b)])
    changes = diff(old, new)
    assert _unmark_new(marked(old, new, changes)) == b
    assert "".join(t for t, _ in segments(old, changes, "old")) == a
    # the changes tile both normal forms, in order, and equal runs are equal
    assert [c.a0 for c in changes] == [0, *[c.a1 for c in changes[:-1]]] if changes else old.norm == new.norm == ""
    for c in changes:
        if c.equal:
            assert old.norm[c.a0:c.a1] == new.norm[c.b0:c.b1]
        assert old.into_unit(c.a0) == 0 and new.into_unit(c.b0) == 0  # no cut inside a word


def test_a_change_gives_back_what_both_sides_begin_or_end_with(al):
    """2022 第二十条②: 信访人 is the same on both sides, not deleted and inserted again."""
    old, new, changes = detail(al, 20)
    new_marked = marked_side(segments(new, changes, "new"), "new")
    assert "②信访人采用走访形式提出〔增：涉及诉讼权利救济的〕信访事项" in new_marked
    assert "①信访人采用走访形式提出信访事项〔删：的〕" in marked_side(segments(old, changes, "old"), "old")


def test_a_number_changes_as_a_whole(al):
    old, new, changes = detail(al, 50)
    assert marked(old, new, changes).startswith("本条例自〔删：2005〕〔增：2022〕年5月1日起施行")
