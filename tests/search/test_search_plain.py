"""Search in plain words (issue 11): questions as cadres and citizens ask them, traditional
characters, Chinese numerals, the thesaurus in data/俗语.yaml, intent-aware ranking, snippets."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from xuezhi.errors import DataFileError
from xuezhi.search.index import search
from xuezhi.search.thesaurus import load_thesaurus, parse_thesaurus
from xuezhi.text import script

ROOT = Path(__file__).resolve().parents[2]


def _quality():
    spec = importlib.util.spec_from_file_location("search_quality", ROOT / "benchmarks" / "search_quality.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["search_quality"] = mod  # dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod


QUALITY = _quality()
PLAIN = QUALITY.load_queries()


def numbers(hits) -> list[int]:
    return [h.article for h in hits]


# ---------------------------------------------------------------- the plain-language quality set


def test_plain_language_quality_per_group(reg, capsys):
    results = QUALITY.evaluate(reg, PLAIN)
    with capsys.disabled():
        print("\n口语检索质量（tests/data/plain_queries.yaml）\n" + QUALITY.table(results))
        for group, r in results.items():
            for m in r.misses:
                print(f"  {group} {m}")
    total = results["全部"]
    assert total.total >= 120 and len(results) >= 6
    assert total.r1 >= 0.85, total.misses
    assert total.r3 >= 0.95
    for group, r in results.items():  # no kind of question is left behind
        assert r.r3 >= 0.85, (group, r.misses)


@pytest.mark.parametrize("q", [q for q in PLAIN if q.issue], ids=lambda q: q.text)
def test_the_questions_of_the_issue_find_their_article_in_the_top_three(reg, q):
    hits = search(reg, q.text, limit=3)
    assert set(numbers(hits)) & q.want, numbers(hits)
    if q.para:
        assert hits[0].article in q.want and hits[0].paragraph == q.para


def test_quality_set_articles_exist_and_queries_are_new(reg):
    old = (ROOT / "tests" / "search" / "test_search.py").read_text(encoding="utf-8")
    for q in PLAIN:
        assert all(reg.article(n) is not None for n in q.want), q.text
        assert f'("{q.text}",' not in old, f"{q.text} is already in the original quality set"
    assert len({q.text for q in PLAIN}) == len(PLAIN)


# ---------------------------------------------------------------- the thesaurus is data that holds


def _body_text(reg) -> str:
    from xuezhi.search.query import flat

    return "\x00".join(flat(t) for a in reg.articles for p in a.paragraphs for t in (p.text, *p.items))


def test_every_thesaurus_target_occurs_in_the_text(reg):
    """Each stand-in and each intent marker is written in the regulation's body (not only in the
    project's keywords): the thesaurus never points at words the text does not have."""
    body = _body_text(reg)
    th = load_thesaurus()
    missing = sorted({t for targets in th.words.values() for t in targets if t not in body})
    missing += sorted({p for i in th.intents.values() for p in i.prefer if p not in body})
    assert not missing


def test_thesaurus_words_are_unique_and_not_single_characters():
    raw = yaml.safe_load((ROOT / "data" / "俗语.yaml").read_text(encoding="utf-8"))
    says = [w for e in raw["words"] for w in e["say"]]
    says += [w for i in raw["intents"].values() for k in ("say", "terms") for w in i.get(k) or []]
    assert len(says) == len(set(says))
    assert all(len(w) >= 2 for w in says)
    assert {"deadline", "prohibition", "permission", "procedure", "responsible"} <= raw["intents"].keys()


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("words: 3\n", "words"),
        ("words:\n  - say: [上访]\n    means: []\n", "means"),
        ("words:\n  - say: [上访]\n    means: [走访]\n  - say: [上访]\n    means: [信访人]\n", "重复"),
        ("words: []\nintents:\n  deadline: {say: [多久]}\n", "label"),
    ],
)
def test_a_malformed_thesaurus_names_file_line_and_field(tmp_path, text, says):
    path = tmp_path / "俗语.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as e:
        parse_thesaurus(yaml.safe_load(text), path, text)
    assert str(path) in str(e.value) and says in str(e.value)


# ---------------------------------------------------------------- normalisation before anything else


@pytest.mark.parametrize(("traditional", "simplified"), [
    ("楓橋經驗", "枫桥经验"), ("領導接訪", "领导接访"), ("信訪人對處理意見不服怎麼辦", "信访人对处理意见不服怎么办"),
    ("第三十五條", "第三十五条"), ("楓橋經驗！", "枫桥经验！"), ("複查　期限", "复查 期限"),
])
def test_traditional_characters_find_what_simplified_ones_do(reg, traditional, simplified):
    assert numbers(search(reg, traditional)) == numbers(search(reg, simplified))
    assert numbers(search(reg, traditional))


def test_traditional_hits_quote_and_highlight_the_simplified_text(reg):
    hit = search(reg, "楓橋經驗")[0]
    assert hit.article == 15 and "枫桥经验" in hit.matched and "枫桥经验" in hit.snippet


def test_the_converter_is_loaded_only_for_characters_the_corpus_lacks():
    code = ("import sys; from xuezhi.text.corpus import load_regulation; from xuezhi.search.index import search; "
            "r = load_regulation(); [search(r, q) for q in ('枫桥经验', '上访最多几个人', '十五日', '联系会议', "
            "'不满意处理结果怎么办')]; a = 'opencc' in sys.modules; search(r, '楓橋經驗'); "
            "print(a, 'opencc' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_without_the_converter_search_still_answers(reg, monkeypatch):
    """A platform without OpenCC's wheel: traditional spellings stop matching, nothing breaks."""
    monkeypatch.setitem(sys.modules, "opencc", None)  # import opencc now fails
    script._converter.cache_clear()
    try:
        assert script.to_simplified("楓橋經驗") == "楓橋經驗"
        assert numbers(search(reg, "枫桥经验")) == [15]
        assert isinstance(search(reg, "楓橋經驗"), list)
    finally:
        script._converter.cache_clear()


@pytest.mark.parametrize(("query", "article", "word"), [
    ("十五日", 22, "15日"), ("五人", 20, "5人"), ("六十日内办结", 34, "60日"), ("六十天", 34, "60日"),
    ("延长三十日", 34, "30日"), ("五个工作日", 23, "5个工作日"), ("二〇二二年五月一日", 50, "2022年5月1日"),
    ("4个意识", 4, "四个意识"), ("3到位1处理", 27, "三到位一处理"),
])
def test_numerals_are_matched_in_the_form_the_text_uses(reg, query, article, word):
    hits = search(reg, query, limit=3)
    assert hits[0].article == article
    assert any(word in m for m in hits[0].matched)


def test_names_with_numerals_are_not_converted(reg):
    assert numbers(search(reg, "三到位一处理"))[:1] == [27]
    assert numbers(search(reg, "五个坚持"))[:1] == [5]
    assert numbers(search(reg, "两代表一委员"))[:1] == [15]
    assert numbers(search(reg, "同一事实和理由"))[:1] == [36]


# ---------------------------------------------------------------- thesaurus and intents in ranking


def test_everyday_words_match_the_texts_terms(reg):
    hit = search(reg, "方式")[0]
    assert hit.article == 17 and "形式" in hit.snippet
    assert search(reg, "写清楚")[0].article in {19, 32}
    assert "载明" in search(reg, "写清楚")[0].matched
    assert numbers(search(reg, "举报干部"))[:1] == [30]
    assert 36 in numbers(search(reg, "重复信访", limit=3))


def test_a_deadline_question_quotes_the_deadline(reg):
    hit = search(reg, "多久要答复")[0]
    assert hit.article in {23, 34} and re.search(r"\d+日内", hit.snippet)
    hit = search(reg, "复查要多久")[0]
    assert hit.article == 35 and "30日内" in hit.snippet


def test_a_count_question_quotes_the_limit(reg):
    hit = search(reg, "上访最多几个人")[0]
    assert (hit.article, hit.paragraph) == (20, 3)
    assert hit.snippet.endswith("代表人数不得超过5人。")


def test_a_prohibition_question_prefers_what_is_forbidden(reg):
    hit = search(reg, "信访人不能干什么")[0]
    assert hit.article == 26 and "不得" in hit.snippet


def test_a_plain_question_about_appeal_finds_the_review(reg):
    assert numbers(search(reg, "不满意处理结果怎么办"))[:1] == [35]
    assert numbers(search(reg, "怎么申请复查"))[:1] == [35]
    assert numbers(search(reg, "对复查结果还是不服"))[:1] == [36]


# ---------------------------------------------------------------- snippets


def _unit_texts(reg, hit) -> str:
    p = reg.article(hit.article).paragraphs[hit.paragraph - 1]
    return p.items[hit.item - 1] if hit.item else p.text


_QUESTIONS = st.sampled_from([q.text for q in PLAIN] + ["信访事项", "复核 期限", "信访部门", "登记", "机关、单位"])


@settings(max_examples=150, deadline=None)
@given(_QUESTIONS)
def test_snippets_are_whole_clauses_of_the_paragraph_or_item_that_matched(reg, query):
    for hit in search(reg, query, limit=5):
        if hit.paragraph is None:
            continue
        text = _unit_texts(reg, hit)
        body = re.sub(r"^（[一二三四五六七八九十]+）", "", hit.snippet) if hit.item else hit.snippet
        inner = body.removeprefix("…").removesuffix("…")
        at = text.find(inner)
        assert at >= 0, (query, hit.snippet)
        if body.startswith("…"):
            assert text[at - 1] in "，。；：！？"
        if body.endswith("…"):
            assert inner[-1] in "，。；：！？"
        assert len(inner) <= 72


def test_snippet_no_longer_cuts_a_number(reg):
    for hit in search(reg, "多久要答复", limit=10):
        assert not re.search(r"\d…|…\d", hit.snippet), hit.snippet


def test_json_hit_names_paragraph_and_item(reg, invoke):
    r = invoke("search", "管制器具", "--json")
    d = json.loads(r.stdout)[0]
    assert (d["article"], d["paragraph"], d["item"]) == (26, 1, 2)
    assert d["snippet"] == "（二）携带危险物品、管制器具；"
    r = invoke("search", "上访最多几个人", "--json")
    d = json.loads(r.stdout)[0]
    assert (d["article"], d["paragraph"], d["item"]) == (20, 3, None)


# ---------------------------------------------------------------- the command


def test_cli_plain_question_shows_the_paragraph_that_answers(invoke):
    r = invoke("search", "上访最多几个人")
    assert r.exit_code == 0, r.output
    first = r.stdout.splitlines()[1]
    assert first.startswith("第二十条  第三章  走访的提出")
    assert "③多人采用走访形式提出共同的信访事项的，应当推选代表，代表人数不得超过5人。" in first
    assert "〔近似〕" in first  # found through other words than those typed


def test_cli_traditional_query_and_article_number(invoke):
    r = invoke("search", "楓橋經驗")
    assert r.exit_code == 0 and r.stdout.splitlines()[1].startswith("第十五条")
    r = invoke("search", "第三十五條")
    assert r.exit_code == 0 and r.stdout.splitlines()[1].startswith("第三十五条")
    r = invoke("search", "第九十九條")
    assert r.exit_code == 2 and "第 99 条不存在" in r.stderr


def test_cli_chinese_numerals(invoke):
    r = invoke("search", "十五日", "--json")
    assert [d["article"] for d in json.loads(r.stdout)][:2] == [22, 23]
