"""The alignment of the 2005 and 2022 texts: complete, as verified by reading both, and general."""

from __future__ import annotations

import dataclasses

import pytest

from xuezhi.compare.align import AUTO_MIN, align
from xuezhi.compare.curation import NO_CURATION, OldRef, parse_curation, parse_ref
from xuezhi.compare.report import check_curation, counts_line
from xuezhi.compare.sources import load_alignment
from xuezhi.errors import DataFileError
from xuezhi.text.corpus import Chapter, Regulation

# Pairs verified by reading both texts (see /work/notes/issue14.md): 2022 article → the 2005
# provisions it continues, in the order the curated file gives them.
VERIFIED = {
    1: [(1, None)], 2: [(15, None), (49, None)], 5: [(4, None)], 6: [(3, 1), (3, 2)], 7: [(5, 2)],
    10: [(5, 1)], 14: [(6, None)], 15: [(13, 2)], 17: [(2, None)], 18: [(9, None), (5, 3), (10, None), (3, 3)],
    19: [(17, None), (19, None), (16, None)], 20: [(16, None), (18, None)], 21: [(11, None), (12, None)],
    22: [(21, 1)], 23: [(22, None), (21, 2)], 24: [(24, None), (25, None)], 25: [(26, 1), (27, None)],
    26: [(20, None)], 28: [(28, None), (30, None)], 29: [(29, None), (8, 1)], 30: [(23, None)],
    31: [(14, 2), (31, None)], 32: [(32, None)], 34: [(33, None)], 35: [(34, None)], 36: [(35, None)],
    37: [(13, 1)], 39: [(7, None), (8, 2)], 40: [(36, None), (37, None), (38, None)], 41: [(39, None)],
    42: [(40, None)], 43: [(41, None)], 44: [(42, None)], 45: [(43, None)],
    46: [(44, 2), (26, 2), (45, None), (44, 1), (46, None)], 47: [(47, None), (48, None)], 48: [(50, None)],
    50: [(51, None)],
}
ADDED = {3, 4, 8, 9, 11, 12, 13, 16, 27, 33, 38, 49}


@pytest.fixture(scope="module")
def al():
    return load_alignment()


def test_every_2022_article_is_in_the_table_exactly_once(al):
    assert [r.new for r in al.rows if r.new is not None] == list(range(1, 51))


def test_every_2005_provision_is_continued_or_declared_deleted(al):
    """Each paragraph of each 2005 article is in some row (as its article or itself); one that is in
    several rows is a split the curated file declares (similarity never reuses an article)."""
    for a in al.old.articles:
        for p in a.paragraphs:
            rows = [r for r in al.rows if OldRef(a.number) in r.old or OldRef(a.number, p.number) in r.old]
            assert rows, f"2005 第{a.number}条第{p.number}款 is in no row"
            assert len(rows) == 1 or all(r.curated for r in rows)
    assert [(r.old, r.curated) for r in al.rows if r.kind == "deleted"] == [((OldRef(14, 1),), True)]


def test_the_alignment_is_the_verified_one(al):
    got = {r.new: [(o.article, o.paragraph) for o in r.old] for r in al.rows if r.new and r.old}
    assert got == VERIFIED
    assert {r.new for r in al.rows if r.kind == "added"} == ADDED


def test_the_examples_of_the_issue(al):
    assert OldRef(18) in al.row_for_new(20).old  # 走访
    assert al.row_for_new(35).old == (OldRef(34),)  # 复查
    assert [r.new for r in al.rows_for_old(16)] == [19, 20]  # split between 提出要求 and 走访


def test_pairs_the_similarity_finds_by_itself_are_the_verified_ones(al):
    """Without the curated file, every automatic pair of the full run is found again."""
    bare = align(al.old, al.new)
    auto = {r.new: r.old for r in al.rows if r.old and not r.curated}
    assert len(auto) == 12
    found = {r.new: r.old for r in bare.rows if r.new in auto}
    assert found == auto


def test_every_added_article_and_the_deletion_have_a_reason_and_the_file_passes(al):
    assert all(r.why for r in al.rows if r.kind in ("added", "deleted"))
    assert check_curation(al) == []
    assert sum(1 for r in al.rows if r.point) >= 30


def test_classes_and_similarity(al):
    counts = al.counts()
    assert counts == {"unchanged": 2, "modified": 36, "added": 12, "deleted": 1}
    assert al.row_for_new(48).similarity == 100.0 and al.row_for_new(48).kind == "unchanged"
    # 第二十六条 adds 毁坏财物: similar, but changed
    assert 95 < al.row_for_new(26).similarity < 97 and al.row_for_new(26).kind == "modified"
    assert all(r.similarity is None for r in al.rows if r.kind in ("added", "deleted"))
    assert counts_line(al).startswith("2022年条文 50 条：新增 12 条，修改 36 条，基本未变 2 条。")


def test_flags(al):
    assert al.row_for_new(2).merged and not al.row_for_new(2).split
    assert al.row_for_new(7).split and not al.row_for_new(7).merged
    assert al.row_for_new(18).shape == "合并、拆分"
    assert al.row_for_new(17).shape == ""


def test_cross_references_follow_the_new_numbering(al):
    """2005 第十八条 is 2022 第二十条 and 第二十条 is 第二十六条; 第十六条 was split, so it maps to none."""
    assert al.ref_map[18] == 20 and al.ref_map[20] == 26
    assert 16 not in al.ref_map and 14 not in al.ref_map


def test_a_text_compared_with_itself_is_unchanged_throughout(reg):
    same = align(reg, reg)
    assert all(r.kind == "unchanged" and r.similarity == 100.0 and r.old == (OldRef(r.new),) for r in same.rows)


def test_without_a_curated_file_new_and_dropped_articles_are_found(reg):
    """Any two texts: drop 第三条 and 第五条 from a copy of the 2022 text and compare both ways."""
    def without(numbers: set[int]) -> Regulation:
        chapters = tuple(Chapter(c.number, c.title, tuple(a for a in c.articles if a.number not in numbers))
                         for c in reg.chapters)
        return dataclasses.replace(reg, chapters=chapters, _by_number={})

    shorter = without({3, 5})
    forward = align(shorter, reg, NO_CURATION)
    assert {r.new for r in forward.rows if r.kind == "added"} == {3, 5}
    backward = align(reg, shorter, NO_CURATION)
    assert [r.old for r in backward.rows if r.kind == "deleted"] == [(OldRef(3),), (OldRef(5),)]
    assert AUTO_MIN > 0


def _curation(text: str):
    import yaml

    return parse_curation(yaml.safe_load(text), _file(), text)


def _file():
    from pathlib import Path

    return Path("对照.yaml")


@pytest.mark.parametrize(("entry", "message", "line"), [
    ("  - new: 51\n    old: [1]\n", "新条文中没有第五十一条", 2),
    ("  - new: 1\n    old: [52]\n", "旧条文中没有第五十二条", 2),
    ("  - new: 1\n    old: [第一条第二款]\n", "旧条文第一条只有 1 款，没有第一条第二款", 2),
])
def test_a_curated_file_naming_articles_the_texts_lack_is_refused_with_its_line(al, entry, message, line):
    cur = _curation("pairs:\n" + entry)
    with pytest.raises(DataFileError, match=message) as e:
        align(al.old, al.new, cur)
    assert e.value.line == line and e.value.file == "对照.yaml"


@pytest.mark.parametrize(("text", "message"), [
    ("pairs:\n  - new: 1\n    old: [1]\n  - new: 1\n    old: [2]\n", "第一条写了两次"),
    ("pairs:\n  - new: 1\n    old: [一条半]\n", "无法识别条文“一条半”"),
    ("pairs:\n  - new: 1\n    old: 1\n", "应为列表"),
    ("pairs:\n  - new: 1\n", "缺少 point"),
    ("pairs:\n  - new: 1\n    old: [1, 第一条]\n", "同一条文写了两次"),
    ("renamings:\n  - old: 甲\n", "缺少必填字段 new"),
    ("- 1\n", "文件顶层应为映射"),
    ("pair:\n  - new: 1\n", "未知字段 pair"),  # a typo compared by similarity alone, without a word
])
def test_a_malformed_curated_file_is_refused(text, message):
    with pytest.raises(DataFileError, match=message):
        _curation(text)


def test_deleting_what_is_also_paired_is_refused(al):
    cur = _curation("pairs:\n  - new: 1\n    old: [1]\ndeleted:\n  - old: 第一条\n")
    with pytest.raises(DataFileError, match="第一条已在 pairs 中配对，不能同时列为删除"):
        align(al.old, al.new, cur)


def test_a_point_quoting_words_that_are_in_neither_text_is_an_error(al):
    cur = _curation("pairs:\n  - new: 20\n    old: [16, 18]\n    point: 新增“就地反映问题”，删去“越级上访”\n"
                    "  - new: 3\n    old: []\n")
    problems = check_curation(align(al.old, al.new, cur))
    errors = [p for p in problems if not p.warning]
    assert len(errors) == 1 and errors[0].line == 2 and "“越级上访”" in errors[0].message
    reminders = [p.message for p in problems if p.warning]
    assert "2022年第三条（新增）没有写 why（理由）" in reminders
    assert any("没有被任何一条延续，也没有列在 deleted 中" in m for m in reminders)


@pytest.mark.parametrize(("value", "ref"), [
    (18, OldRef(18)), ("第五条第三款", OldRef(5, 3)), ("第5条第3款", OldRef(5, 3)), ("十八", OldRef(18)),
    (0, None), (True, None), ("第五条第〇款", None), (1.5, None)])
def test_parse_ref(value, ref):
    assert parse_ref(value) == ref
