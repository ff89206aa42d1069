"""Paper assembly: blueprints, determinism, variants, and the errors a trainer can act on."""

from __future__ import annotations

import pytest
from export_support import SEED, bank, paper, reg

from xuezhi.bank.model import LETTERS, QType
from xuezhi.errors import ExitCode, XuezhiError
from xuezhi.quiz.assemble import make_paper, whole_bank
from xuezhi.quiz.paper import BLUEPRINT_SYNTAX, DEFAULT_BLUEPRINT, Part, parse_blueprint, resolve_blueprint
from xuezhi.quiz.select import Filters, eligible


def test_default_blueprint_is_a_100_point_paper():
    parts = parse_blueprint(DEFAULT_BLUEPRINT)
    assert sum(p.total for p in parts) == 100
    p = paper()
    assert p.total == 100
    assert [s.heading for s in p.variants[0].sections] == [
        "一、单项选择题（每题2分，共40分）", "二、多项选择题（每题3分，共30分）",
        "三、判断题（每题1分，共10分）", "四、填空题（每题2分，共20分）"]
    assert [i.number for i in p.variants[0].items] == list(range(1, 51))


@pytest.mark.parametrize("text, expected", [
    ("single:20x2,multiple:10x3", (Part(QType.SINGLE, 20, 2), Part(QType.MULTIPLE, 10, 3))),
    ("单选：5×1.5，判断:4", (Part(QType.SINGLE, 5, 1.5), Part(QType.JUDGE, 4, 1))),
    ("单选20x2、多选10*3", (Part(QType.SINGLE, 20, 2), Part(QType.MULTIPLE, 10, 3))),
    (" blank : 3 x 4 ; judge:2x1 ", (Part(QType.BLANK, 3, 4), Part(QType.JUDGE, 2, 1))),
])
def test_blueprint_syntax(text, expected):
    assert parse_blueprint(text) == expected


@pytest.mark.parametrize("text, fragment", [
    ("", "蓝图为空"),
    ("single", "无法识别蓝图中的“single”"),
    ("20x2", "无法识别蓝图中的“20x2”"),
    ("essay:3x5", "题型“essay”无法识别"),
    ("single:0x2", "题数应至少为 1"),
    ("single:2x0", "大于 0"),
    ("single:3x0.001", "0.5 的整数倍"),  # a 0.0031-point paper was accepted
    ("single:2x2,单选:3x1", "单选题出现了两次"),
    ("single:ax2", "无法识别"),
])
def test_malformed_blueprint_explains_the_syntax_with_an_example(text, fragment):
    with pytest.raises(XuezhiError) as e:
        parse_blueprint(text)
    assert fragment in e.value.message
    assert BLUEPRINT_SYNTAX in e.value.message
    assert "single:20x2,multiple:10x3,judge:10x1,blank:10x2" in e.value.message
    assert e.value.code is ExitCode.BAD_INPUT


def test_type_filter_limits_the_default_blueprint_and_checks_a_given_one():
    assert [p.type for p in resolve_blueprint(None, [QType.JUDGE])] == [QType.JUDGE]
    with pytest.raises(XuezhiError, match="多选题不在 --type"):
        resolve_blueprint("judge:2x1,multiple:2x3", [QType.JUDGE])


def test_a_blueprint_the_bank_cannot_fill_says_how_many_there_are():
    f = Filters(chapters=(6,))
    available = len(eligible(bank(), reg(), Filters(types=(QType.MULTIPLE,), chapters=(6,))))
    with pytest.raises(XuezhiError) as e:
        make_paper(reg(), bank(), f, blueprint="multiple:50x3")
    msg = e.value.message
    assert f"多选题只有 {available} 道，蓝图要求 50 道" in msg
    assert "第六章" in msg
    assert e.value.code is ExitCode.BAD_INPUT


def test_same_seed_same_paper_other_seed_other_paper():
    def fingerprint(p):
        return [(i.question.id, i.presentation.order) for v in p.variants for i in v.items]

    assert fingerprint(paper()) == fingerprint(paper())
    assert fingerprint(paper()) != fingerprint(paper(seed=SEED + 1))


def test_one_variant_paper_is_the_a_paper_of_the_same_seed():
    single, double = paper(), paper(variants=2)
    assert [(i.question.id, i.presentation.order) for i in single.variants[0].items] == \
           [(i.question.id, i.presentation.order) for i in double.variants[0].items]


def test_variants_draw_different_questions_when_the_bank_allows():
    p = paper(variants=2)
    a, b = p.variants
    assert (a.label, b.label) == ("A卷", "B卷")
    assert not {i.question.id for i in a.items} & {i.question.id for i in b.items}
    assert [len(s.items) for s in a.sections] == [len(s.items) for s in b.sections]
    assert a.total == b.total == 100
    assert not p.warnings


def test_variants_reuse_questions_in_other_orders_when_the_bank_is_small():
    f = Filters(chapters=(5,))  # 21 single, 17 judge: too few that fit one paper to draw a second one
    p = make_paper(reg(), bank(), f, blueprint="single:10x2,judge:8x1", variants=2, seed=1)
    a, b = p.variants
    assert b.reused == (QType.SINGLE, QType.JUDGE)
    assert sorted(i.question.id for i in a.items) == sorted(i.question.id for i in b.items)
    assert [i.question.id for i in a.items] != [i.question.id for i in b.items]
    a_orders = {i.question.id: i.presentation.order for i in a.items if i.question.options}
    for i in b.items:
        if i.question.options:
            assert i.presentation.order != a_orders[i.question.id]  # the options moved too
    assert len(p.warnings) == 2 and all("与 A卷题目相同" in w for w in p.warnings)


def test_options_are_shuffled_but_the_key_follows_them():
    p = paper()
    moved = 0
    for item in p.variants[0].items:
        q = item.question
        if q.type in (QType.SINGLE, QType.MULTIPLE):
            shown = item.options
            assert {shown["ABCDEF".index(c)] for c in item.answer_letters()} == {q.options[i] for i in
                                                                                 q.correct_indexes}
            moved += item.presentation.order != tuple(range(len(q.options)))
    assert moved > 10


def test_chapters_are_balanced_without_filters():
    chapters = {i.chapter for i in paper().variants[0].items}
    assert chapters >= {1, 2, 3, 4, 5}


def test_whole_bank_keeps_bank_order_and_shuffles_options_with_the_seed():
    """Issue 10: in bank order the key letters of an Anki deck or an Excel bank give the answer away."""
    p = whole_bank(bank(), reg(), Filters(chapters=(1,)), seed=5)
    items = p.variants[0].items
    ids = [q.id for q in bank().questions if bank().chapter_of(q, reg()) == 1]
    assert sorted(i.question.id for i in items) == sorted(ids)
    choice = [i for i in items if i.question.options]
    assert sum(i.presentation.order != tuple(range(len(i.question.options))) for i in choice) > len(choice) / 2
    for i in choice:  # the printed letters still point at the bank's correct options
        assert {i.options[LETTERS.index(c)] for c in i.answer_letters()} == {
            i.question.options[k] for k in i.question.correct_indexes}
    assert p.seed == 5 and p.whole_bank
    again = whole_bank(bank(), reg(), Filters(chapters=(1,)), seed=5)
    assert [i.presentation.order for i in again.variants[0].items] == [i.presentation.order for i in items]


def test_whole_bank_keep_order_prints_the_options_as_in_the_bank():
    p = whole_bank(bank(), reg(), Filters(chapters=(1,)), shuffle_options=False)
    assert all(i.presentation.order == tuple(range(len(i.question.options))) for i in p.variants[0].items)
    assert p.seed is None


@pytest.mark.parametrize("kw, fragment", [
    ({"whole": True, "blueprint": "single:2"}, "--all"),
    ({"variants": 7}, "--variants 应为 1–6"),
    ({"minutes": 0}, "--minutes"),
])
def test_bad_options_are_explained(kw, fragment):
    with pytest.raises(XuezhiError, match=fragment):
        make_paper(reg(), bank(), **kw)
