"""Answer parsing and grading, including shuffled options and blank normalisation."""

from __future__ import annotations

import random

import pytest

from xuezhi.bank.blanks import matches as blank_matches
from xuezhi.bank.grading import InvalidAnswer, Presentation, grade, parse_answer
from xuezhi.bank.model import Basis, QType, Question
from xuezhi.quiz.select import present


def q_single(order=(0, 1, 2, 3)):
    q = Question("T1", QType.SINGLE, "代表人数不得超过（　）。", "B", Basis(20, 3), "解析",
                 options=("3人", "5人", "7人", "10人"))
    return Presentation(q, tuple(order))


def q_multiple(order=(0, 1, 2, 3)):
    q = Question("T2", QType.MULTIPLE, "属于信访形式的有（　）。", "ABD", Basis(17, 1), "解析",
                 options=("书信", "电话", "集会", "走访"))
    return Presentation(q, tuple(order))


def q_judge(answer: bool):
    return Presentation(Question("T3", QType.JUDGE, "陈述", answer, Basis(20, 3), "解析"))


def q_blank(*blanks):
    stem = "（　）" * len(blanks)
    return Presentation(Question("T4", QType.BLANK, stem, tuple(blanks), Basis(22), "解析"))


def test_shuffled_options_are_graded_by_their_original_identity():
    # Displayed: A=10人, B=7人, C=5人, D=3人 → the right answer (5人) is shown as C.
    p = q_single(order=(3, 2, 1, 0))
    assert p.options == ["10人", "7人", "5人", "3人"]
    assert p.correct_letters() == "C"
    assert grade(p, parse_answer(p, "c")).correct
    assert not grade(p, parse_answer(p, "B")).correct


@pytest.mark.parametrize("typed", ["ABD", "abd", "A B D", "a,b,d", "D，A、B", "ＡＢＤ", "dba"])
def test_multiple_choice_input_forms(typed):
    p = q_multiple()
    assert grade(p, parse_answer(p, typed)).correct


def test_multiple_choice_reports_missed_and_wrong_letters_in_display_order():
    p = q_multiple(order=(3, 2, 1, 0))  # displayed: A=走访 B=集会 C=电话 D=书信; right = A C D
    g = grade(p, parse_answer(p, "AB"))
    assert not g.correct and g.missed == ("C", "D") and g.wrong == ("B",)


@pytest.mark.parametrize("typed", ["E", "z", "A1", "?"])
def test_letters_that_are_not_options_are_refused_not_graded(typed):
    with pytest.raises(InvalidAnswer) as info:
        parse_answer(q_single(), typed)
    assert "A–D" in str(info.value)



def test_typing_something_else_is_quoted_back_as_typed():
    """A shell command typed into the quiz was once echoed as the letter soup “&-1246HILM…”."""
    with pytest.raises(InvalidAnswer) as info:
        parse_answer(q_multiple(), "clear && xuezhi quiz --article 46")
    assert str(info.value).startswith("“clear && xuezhi quiz…”不是有效的答案")
    assert "多选如 AC" in str(info.value)
    with pytest.raises(InvalidAnswer) as info:
        parse_answer(q_single(), "F")
    assert str(info.value).startswith("“F”不是选项")

def test_single_choice_refuses_two_letters_and_empty_input():
    with pytest.raises(InvalidAnswer):
        parse_answer(q_single(), "AB")
    with pytest.raises(InvalidAnswer):
        parse_answer(q_single(), "   ")


@pytest.mark.parametrize(("typed", "value"), [
    ("对", True), ("正确", True), ("T", True), ("y", True), ("√", True), ("true", True),
    ("错", False), ("错误", False), ("F", False), ("n", False), ("×", False), ("false", False),
])
def test_judge_input_forms(typed, value):
    assert grade(q_judge(value), parse_answer(q_judge(value), typed)).correct
    assert not grade(q_judge(not value), parse_answer(q_judge(not value), typed)).correct


def test_judge_refuses_other_words():
    with pytest.raises(InvalidAnswer):
        parse_answer(q_judge(True), "也许")


@pytest.mark.parametrize("typed", ["15日", "15", "十五", "十五日", "１５日", " 15 日 ", "15天"])
def test_day_numbers_are_equivalent(typed):
    assert blank_matches(typed, ("15日",))


def test_working_days_are_not_calendar_days():
    assert blank_matches("5个工作日", ("5个工作日",))
    assert blank_matches("五个工作日", ("5个工作日",))
    assert not blank_matches("5日", ("5个工作日",))


@pytest.mark.parametrize("typed", ["“枫桥经验”", "「枫桥经验」", "枫桥经验。", " 枫 桥 经 验 "])
def test_blank_ignores_quotes_spaces_and_trailing_punctuation(typed):
    assert blank_matches(typed, ("枫桥经验",))


def test_several_blanks_split_on_either_semicolon_and_alternatives_accepted():
    p = q_blank(("60日",), ("30日",), ("负责人", "本机关、单位负责人"))
    assert grade(p, parse_answer(p, "60；30日;本机关、单位负责人")).correct
    g = grade(p, parse_answer(p, "60日;15日;负责人"))
    assert not g.correct and g.blank_results == (True, False, True)
    with pytest.raises(InvalidAnswer) as info:
        parse_answer(p, "60日")
    assert "3 个空" in str(info.value)



@pytest.mark.parametrize("typed", ["教育、协商、疏导", "教育，协商，疏导", "教育 协商 疏导", "教育；协商；疏导"])
def test_several_blanks_typed_with_the_separator_people_use(typed):
    p = q_blank(("教育",), ("协商",), ("疏导",))
    assert grade(p, parse_answer(p, typed)).correct


def test_an_answer_with_a_comma_inside_is_split_where_it_gives_right_blanks():
    """、 both inside an answer and between blanks: the cut that makes every blank right is the one."""
    p = q_blank(("本机关、单位负责人",), ("30日",))
    assert grade(p, parse_answer(p, "本机关、单位负责人、30日")).correct
    assert grade(p, parse_answer(p, "本机关、单位负责人；30日")).correct
    assert parse_answer(p, "本机关、单位负责人、30日").blanks == ("本机关、单位负责人", "30日")


@pytest.mark.parametrize("typed", ["5人", "5名", "5", "五人", "五名"])
def test_people_count_in_ren_or_ming(typed):
    assert blank_matches(typed, ("5人",))

def test_a_single_blank_may_contain_a_semicolon_free_text():
    p = q_blank(("属地管理、分级负责",))
    assert grade(p, parse_answer(p, "属地管理、分级负责")).correct


def test_presentation_shuffle_is_a_permutation_and_reproducible():
    q = q_multiple().question
    a = present(q, random.Random(7))
    b = present(q, random.Random(7))
    assert a.order == b.order and sorted(a.order) == [0, 1, 2, 3]
