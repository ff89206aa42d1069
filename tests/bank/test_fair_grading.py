"""Fair grading of fill-in answers (docs/命题规范.md 五; issue 10): whoever knows the rule does not fail
on form, and nothing the text does not support is accepted."""

from __future__ import annotations

import pytest

from xuezhi.bank.grading import InvalidAnswer, Presentation, grade, parse_answer
from xuezhi.bank.model import Basis, QType, Question


def graded(q: Question, typed: str):
    p = Presentation(q)
    return grade(p, parse_answer(p, typed))


def shipped(bank, qid: str) -> Question:
    q = bank.get(qid)
    assert q is not None, qid
    return q


# Q1007: 以及（　）、（　）等 — the two bodies are items of one list
@pytest.mark.parametrize("typed", ["群团组织；国有企事业单位", "国有企事业单位；群团组织", "国有企事业单位、群团组织",
                                   "国有企事业单位 群团组织"])
def test_swapped_list_items_are_right_when_the_blanks_are_order_free(bank, typed):
    q = shipped(bank, "Q1007")
    assert q.order_free
    assert graded(q, typed).correct


def test_order_free_does_not_accept_one_item_twice_or_a_wrong_item(bank):
    q = shipped(bank, "Q1007")
    g = graded(q, "群团组织；群团组织")
    assert not g.correct and g.blank_results == (True, False)
    assert not graded(q, "国有企事业单位；人民团体").correct


def test_blanks_in_a_fixed_order_stay_in_order():
    q = Question("T1", QType.BLANK, "应当自受理之日起（　）内办结，延长期限不得超过（　）。", (("60日",), ("30日",)),
                 Basis(34), "解析")
    assert graded(q, "60日；30日").correct
    g = graded(q, "30日；60日")
    assert not g.correct and g.blank_results == (False, False)


# Q3048: 予以（　）；……告知信访人向（　）提出 — the second answer has 、 inside
@pytest.mark.parametrize("typed", ["登记 有权处理的机关、单位", "登记，有权处理的机关、单位",
                                   "登记,有权处理的机关、单位", "登记；有权处理的机关、单位",
                                   "登记、有权处理的机关、单位", "登记 有权处理的机关 单位"])
def test_an_answer_containing_a_comma_works_with_any_separator(bank, typed):
    q = shipped(bank, "Q3048")
    assert [b[0] for b in q.blanks] == ["登记", "有权处理的机关、单位"]
    assert graded(q, typed).correct


def test_a_wrong_part_is_still_wrong_however_it_is_split(bank):
    q = shipped(bank, "Q3048")
    assert not graded(q, "登记、上一级机关、单位").correct
    assert not graded(q, "登记、有权处理的机关、单位、信访部门").correct
    with pytest.raises(InvalidAnswer):
        parse_answer(Presentation(q), "登记")


def test_q4057_three_blanks_with_a_comma_inside_the_first():
    q = Question("Q4057", QType.BLANK,
                 "经（　）批准，可以适当延长办理期限，但延长期限不得超过（　），并告知信访人（　）。",
                 (("本机关、单位负责人", "本机关负责人"), ("30日",), ("延期理由",)), Basis(34), "解析")
    for typed in ("本机关、单位负责人 30日 延期理由", "本机关、单位负责人，三十日，延期理由",
                  "本机关、单位负责人、30日、延期理由"):
        assert graded(q, typed).correct, typed


# Q6007 (as first written): 本条例自（　）起施行 — 2022年5月1日
Q6007 = Question("Q6007", QType.BLANK, "依照第五十条，本条例自（　）起施行。", (("2022年5月1日",),), Basis(50), "解析")


@pytest.mark.parametrize("typed", ["2022年5月1日", "2022-05-01", "2022-5-1", "2022年05月01日", "2022/5/1", "2022.5.1",
                                   "二〇二二年五月一日", "２０２２年５月１日"])
def test_dates_are_compared_by_value(typed):
    assert graded(Q6007, typed).correct


@pytest.mark.parametrize("typed", ["2022年2月25日", "2022-05-02", "2005年5月1日", "5月1日", "2022年"])
def test_another_date_is_wrong(typed):
    assert not graded(Q6007, typed).correct


# Q5058: 违反本条例第（　）条、第（　）条规定的 — 二十 and 二十六
@pytest.mark.parametrize("typed", ["二十；二十六", "20；26", "第二十条；第二十六条", "第20条 第26条", "20条、26条",
                                   "第二十六条、第二十条"])
def test_article_numbers_in_any_form(bank, typed):
    assert graded(shipped(bank, "Q5058"), typed).correct


def test_an_article_form_only_where_the_blank_is_an_article_number():
    """第（　）条 takes 第二十条; a blank for a number of days does not take 第20条."""
    days = Question("T2", QType.BLANK, "应当在（　）内处理。", (("15日",),), Basis(22, 1), "解析")
    assert graded(days, "十五日").correct and graded(days, "15").correct
    assert not graded(days, "第15条").correct
    bare = Question("T3", QType.BLANK, "属于本条例第（　）条规定的情形。", (("二十",),), Basis(47, 1), "解析")
    assert graded(bare, "第二十条").correct and not graded(bare, "第二十一条").correct
    assert not graded(bare, "第二十款").correct


def test_numerals_do_not_make_a_working_day_a_day():
    q = Question("T4", QType.BLANK, "在（　）内告知。", (("5个工作日",),), Basis(23, 2), "解析")
    assert graded(q, "五个工作日").correct
    assert not graded(q, "5日").correct and not graded(q, "五日").correct
