from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xuezhi.errors import ArticleRefError
from xuezhi.text.numerals import from_chinese, to_chinese
from xuezhi.text.refs import cross_references, parse_article_refs, parse_chapter_number, take_articles

VALID = range(1, 51)


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (["20"], [20]),
        (["第二十条"], [20]),
        (["第20条"], [20]),
        (["二十"], [20]),
        (["十"], [10]),
        (["第十五条"], [15]),
        (["５０"], [50]),
        (["17-20"], [17, 18, 19, 20]),
        (["17～20"], [17, 18, 19, 20]),
        (["第十七条至第二十条"], [17, 18, 19, 20]),
        (["34", "31", "34"], [34, 31]),
        (["第三十一条", "36"], [31, 36]),
        (["17,18"], [17, 18]),  # lists in one argument, as people write them
        (["17、18，20-21"], [17, 18, 20, 21]),
        (["第二十条第三款"], [20]),  # how quiz feedback and search cite: the article is shown
        (["第三十一条第六项"], [31]),
        (["第31条第1款第2项"], [31]),
    ],
)
def test_article_forms_people_type(tokens, expected):
    assert parse_article_refs(tokens, VALID) == expected


@pytest.mark.parametrize("token", ["0", "51", "第五十一条", "abc", "", "第一百条", "1-51", "20款", "17,abc",
                                   "第五十一条第一款", "1" * 5000, "1-" + "9" * 5000])
def test_unknown_articles_are_refused_with_the_valid_range(token):
    with pytest.raises(ArticleRefError) as info:
        parse_article_refs([token], VALID)
    assert "1–50" in info.value.message


def test_a_reversed_range_says_how_to_write_it():
    with pytest.raises(ArticleRefError) as info:
        parse_article_refs(["20-17"], VALID)
    assert "起点大于终点，请写成 17-20" in info.value.message


@given(st.integers(min_value=1, max_value=99_999_999))
def test_chinese_numerals_round_trip(n):
    assert from_chinese(to_chinese(n)) == n


@given(st.text(max_size=30))
def test_parsing_never_crashes_on_arbitrary_text(text):
    try:
        result = parse_article_refs([text], VALID)
    except ArticleRefError:
        return
    assert result and all(n in VALID for n in result)


def test_chapter_forms():
    assert parse_chapter_number("3", range(1, 7)) == 3
    assert parse_chapter_number("第三章", range(1, 7)) == 3
    assert parse_chapter_number("六", range(1, 7)) == 6
    with pytest.raises(ArticleRefError):
        parse_chapter_number("第七章", range(1, 7))


def test_what_was_typed_is_quoted_back_short_and_harmless():
    with pytest.raises(ArticleRefError) as info:
        parse_article_refs(["9" * 5000], VALID)
    assert "“99999999999999999999…”" in info.value.message
    with pytest.raises(ArticleRefError) as info:
        parse_article_refs(["\x1b[31m"], VALID)
    assert "\x1b" not in info.value.message


def test_ten_thousand_and_beyond_in_chinese():
    """A corpus beyond 9999 articles (the 10,000-article benchmark one): 第一万条 showed an internal error."""
    assert to_chinese(10000) == "一万" and to_chinese(10010) == "一万零一十"
    assert to_chinese(12345) == "一万二千三百四十五"
    assert parse_article_refs(["第一万零一条", "10000"], range(1, 10002)) == [10001, 10000]


@pytest.mark.parametrize(("text", "expected"), [
    ("依照第二十条和第 34 条、第２０条", [20, 34, 20]),
    ("第二十條", [20]),
    ("第一百零一条", [101]),
    ("第431号、前款第（二）项", []),
])
def test_articles_named_in_running_text(text, expected):
    """What search reads as article numbers in a query: the same numerals as the other readers."""
    found, rest = take_articles(text)
    assert found == expected and take_articles(rest)[0] == []


def test_a_cross_reference_cites_articles_and_items_not_paragraphs():
    text = "依照本条例第十八条、第二十条第三款和第三十一条第六项的规定；前款第（二）项"
    cited = [(m.group(1), m.group(2), m.group(3)) for _, m in cross_references(text)]
    assert cited == [("十八", None, None), ("二十", "三", "款"), ("三十一", "六", "项")]
    assert [text[at:at + 3] for at, _ in cross_references(text)] == ["第十八", "第二十", "第三十"]
