"""The teaching points: 1–3 for every article, every “…” in them and every key sentence the text's own
words, the groups covering the articles in order; `xuezhi validate` reports the curated layers."""

from __future__ import annotations

import pytest

from xuezhi.guide.curated import check_all, quoted_words
from xuezhi.guide.points import check, load_points, parse_points
from xuezhi.text.yamlfile import read_yaml


@pytest.fixture(scope="module")
def points():
    return load_points()


def test_every_article_has_one_to_three_points_quoting_it(reg, points):
    assert sorted(points.articles) == [a.number for a in reg.articles]
    for t in points.articles.values():
        assert 1 <= len(t.points) <= 3, t.article
        text = reg.article(t.article).text
        assert t.key.text in text, t.article
        quotes = [q for p in t.points for q in quoted_words(p.text)]
        assert quotes, t.article
        for q in quotes:
            assert q in text, (t.article, q)


def test_inner_quotation_marks_are_the_texts_quotation_marks():
    assert quoted_words("要点：“坚持和发展新时代‘枫桥经验’”，努力做到“小事不出村”。") == [
        "坚持和发展新时代“枫桥经验”", "小事不出村"]


def test_groups_cover_every_article_once_in_order(reg, points):
    assert [n for g in points.groups for n in g.articles] == [a.number for a in reg.articles]
    assert check(reg, points) == []
    assert check_all(reg) == []


def test_a_misquoted_point_is_reported_at_its_line(reg, points, tmp_path):
    text = points.source.read_text(encoding="utf-8")
    bad_text = text.replace("“应当推选代表，代表人数不得超过5人”", "“应当推选代表，代表人数不得超过10人”")
    assert bad_text != text
    bad = tmp_path / "要点.yaml"
    bad.write_text(bad_text, encoding="utf-8")
    raw, src = read_yaml(bad)
    (problem,) = check(reg, parse_points(raw, bad, src))
    line = next(i for i, t in enumerate(bad_text.splitlines(), 1) if "不得超过10人" in t)
    assert problem.line == line
    assert "“应当推选代表，代表人数不得超过10人”未出现在第二十条中" in str(problem)


def test_validate_checks_the_curated_layers(invoke):
    r = invoke("validate")
    assert "时限一览、办理流程和教学要点的原文引用：错误 0 处，通过。" in r.stdout
    r = invoke("validate", "--json")
    import json

    assert json.loads(r.stdout)["curated"] == []
