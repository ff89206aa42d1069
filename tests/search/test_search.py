"""Search: finds the right article from a term, an alias, a typo, a number or a question."""

from __future__ import annotations

import importlib.util
import json
import math
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from xuezhi.errors import XuezhiError
from xuezhi.search.index import index_for, search
from xuezhi.search.query import MAX_QUERY_CHARS, parse_limit, parse_query, query_problem
from xuezhi.search.snippet import Hit
from xuezhi.text.corpus import Article, Chapter, Paragraph, load_regulation

ROOT = Path(__file__).resolve().parents[2]
THESAURUS = ROOT / "data" / "俗语.yaml"


def numbers(hits: list[Hit]) -> list[int]:
    return [h.article for h in hits]


# ---------------------------------------------------------------- search quality

# How cadres ask: the official term, the alias used in training, a word typed with the wrong
# homophone, several words, an article number, or a whole question. Each query lists the
# article(s) a cadre would accept as the answer; a query counts as found at k when one of them
# is among the first k hits.
QUALITY: list[tuple[str, set[int]]] = [
    # exact terms from the text
    ("枫桥经验", {15}),
    ("联席会议", {11, 12, 13}),
    ("信访督查专员", {16}),
    ("代表人数", {20}),
    ("人民建议征集", {29}),
    ("信访处理意见书", {31, 32}),
    ("听证", {31, 36}),
    ("调解协议书", {33}),
    ("年度报告", {41}),
    ("约谈", {39}),
    ("无国籍人", {48}),
    ("管制器具", {26}),
    ("回避", {28}),
    ("涉法涉诉", {22, 31, 37}),
    ("60日", {34}),
    ("两代表一委员", {15}),
    ("施行日期", {50}),
    # curated keywords and aliases
    ("三到位一处理", {27}),
    ("诉访分离", {28}),
    ("五个坚持", {5}),
    ("小事不出村", {15}),
    ("缠访闹访", {26, 47}),
    ("领导接访", {18}),
    ("三项建议", {40}),
    ("以访敛财", {26}),
    ("信访终结", {36}),
    ("五项原则", {5}),
    ("越级上访", {19, 20}),
    ("集体访", {20, 46}),
    # typos (pinyin-IME homophones and near-synonyms typed by mistake)
    ("联系会议", {11, 12, 13}),
    ("抱复", {18, 46}),
    ("打击抱复", {18, 46}),
    ("风桥经验", {15}),
    ("诉访分里", {28}),
    ("复核一见", {36}),
    ("信访督察专员", {16}),
    ("三到为一处理", {27}),
    ("调节协议书", {33}),
    # two wrong characters
    ("联系会意", {11, 12, 13}),
    ("信访督察专圆", {16}),
    ("调节协义书", {33}),
    ("包按化节", {18}),
    # several terms
    ("复核 期限", {36}),
    ("走访 5人", {20}),
    ("信访部门 15日", {22}),
    ("检举 揭发 材料", {30, 46}),
    ("打击报复 信访人", {18, 46}),
    ("集体访 处置不力", {46}),
    ("延长 办理期限", {34}),
    # article numbers
    ("第二十七条", {27}),
    ("第34条", {34}),
    ("36条", {36}),
    ("第三十一条第六项", {31}),
    # questions in plain language
    ("信访人对复核意见不服怎么办", {36}),
    ("对处理意见不服怎么办", {35}),
    ("信访事项办理期限是多久", {34}),
    ("多人走访最多可以派几个代表", {20}),
    ("信访人有哪些行为是禁止的", {26}),
    ("生活困难的信访人怎么帮扶救助", {27, 37}),
    ("谁负责解释这个条例", {49}),
    ("打击报复信访人要承担什么责任", {46}),
    ("收到信访事项后多长时间内要告知信访人", {23}),
    ("复查的期限是多少天", {35}),
    ("网上信访怎么办理", {21}),
    ("乡镇可以建立联席会议吗", {13}),
    ("检举材料能不能转给被检举人", {30, 46}),
    ("信访干部态度恶劣怎么处理", {46}),
    ("什么是三到位一处理", {27}),
    ("领导干部要不要定期接访", {18}),
    ("条例什么时候开始施行", {50}),
    # paraphrases: how people ask, not how the text says it
    ("上访人数不能超过几个", {20}),
    ("信访局是干什么的", {14}),
    ("信访可以用哪些方式", {17}),
    ("信访人需要写清楚什么", {19}),
    ("重复信访不予受理", {19}),
    ("告知时限", {23}),
    ("信访事项涉及两个部门谁来受理", {24}),
    ("重大紧急信访事项要上报吗", {25}),
    ("信访人围堵机关", {26}),
    ("信访人诬告陷害他人怎么处理", {47, 19}),
    ("工作人员吃拿卡要", {46}),
    ("领导班子考核", {39}),
    ("信访工作经费", {16}),
    ("年轻干部到信访岗位锻炼", {16}),
    ("外国人信访", {48}),
    ("信访工作的原则是什么", {5}),
    ("申诉求决类事项怎么办理", {31}),
    ("建议被采纳有奖励吗", {29}),
    ("司法救助", {37}),
    ("推诿敷衍拖延", {28, 40, 45}),
    ("信访处理意见书要写什么", {32}),
    ("复核后还能再上访吗", {36}),
    ("常委会听取信访工作汇报", {9}),
    ("专项督查", {38}),
    ("信访部门负责人由谁兼任", {16}),
    ("联合节访", {18}),
    ("包按化解", {18}),
    ("无告陷害", {19, 47}),
]


def test_search_quality_recall(reg, capsys):
    found1 = found3 = 0
    misses = []
    for query, expected in QUALITY:
        got = numbers(search(reg, query, limit=3))
        found1 += bool(set(got[:1]) & expected)
        found3 += bool(set(got[:3]) & expected)
        if not set(got[:3]) & expected:
            misses.append(f"{query} → {got}（应为 {sorted(expected)}）")
    r1, r3 = found1 / len(QUALITY), found3 / len(QUALITY)
    with capsys.disabled():
        print(f"\nsearch quality: {len(QUALITY)} queries, recall@1 = {r1:.3f}, recall@3 = {r3:.3f}")
        for m in misses:
            print("  not in top 3:", m)
    assert len(QUALITY) >= 40
    assert r3 >= 0.95, misses


# ---------------------------------------------------------------- the rules, one by one

@pytest.mark.parametrize("query", ["第二十七条", "第27条", "27条", "27", "第 27 条", "第２７条"])
def test_article_reference_jumps_to_the_article(reg, query):
    hits = search(reg, query)
    assert hits[0].article == 27 and hits[0].match == "article" and hits[0].paragraph is None
    assert hits[0].snippet.startswith("各级机关、单位及其工作人员应当根据各自职责")


def test_article_reference_comes_before_text_hits(reg):
    hits = search(reg, "第三十一条第六项")
    assert hits[0].article == 31
    assert {34, 36} <= set(numbers(hits[1:]))  # the articles that cite 第三十一条第六项
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_every_term_must_match(reg):
    hits = search(reg, "复核 期限")
    assert numbers(hits)[0] == 36
    for h in hits:
        text = reg.article(h.article).text
        assert "复核" in text and "期限" in text
    assert search(reg, "复核 枫桥经验") == []


def test_keywords_and_aliases_count_as_matches(reg):
    assert "诉访分离" not in reg.article(28).text
    hits = search(reg, "诉访分离")
    assert hits[0].article == 28 and hits[0].match == "exact"
    assert "诉访分离" in hits[0].matched
    assert search(reg, "五个坚持")[0].article == 5


def test_punctuation_and_width_do_not_matter(reg):
    hits = search(reg, "谁主管谁负责")
    assert set(numbers(hits)) == {5, 22}
    assert hits[0].matched == ("谁主管、谁负责",)
    assert search(reg, "ＦＥＮＧ 枫桥经验") == []  # full-width Latin is normalised, and still ANDed
    assert numbers(search(reg, "枫桥经验！"))[:1] == [15]


def test_quoted_phrase_is_taken_verbatim(reg):
    assert numbers(search(reg, "“枫桥经验”")) == [15]
    assert numbers(search(reg, '"谁主管、谁负责"')) == [5, 22]
    assert search(reg, '"联系会议"') == []  # no typo tolerance inside quotes
    assert set(numbers(search(reg, "联系会议"))) >= {11, 12, 13}


def test_typos_rank_below_exact_matches(reg):
    hits = search(reg, "联系会议")
    assert numbers(hits)[:3] == [11, 12, 13]
    assert all(h.match == "approximate" for h in hits)
    assert "联席会议" in hits[0].matched
    exact = search(reg, "联席会议")
    assert all(h.match == "exact" for h in exact)
    assert exact[0].score > hits[0].score
    # a term found verbatim in a single article: that one first, near spellings after it
    mixed = search(reg, "信访督察专员")
    assert mixed[0].article == 16


def test_homophone_typo_of_two_characters(reg):
    hits = search(reg, "抱复")
    assert {18, 46} & set(numbers(hits)[:2])
    assert "报复" in hits[0].matched


def test_question_in_plain_language(reg):
    hits = search(reg, "信访人对复核意见不服怎么办")
    assert hits[0].article == 36 and hits[0].paragraph == 3
    assert "信访人对复核意见不服" in hits[0].matched
    # question words alone are not terms: the same articles and paragraphs (only the score may
    # differ, since 怎么办 asks for a procedure and the ranking prefers paragraphs that state one)
    assert [(h.article, h.paragraph, h.snippet) for h in search(reg, "复核 怎么办")] == [
        (h.article, h.paragraph, h.snippet) for h in search(reg, "复核")]


def test_snippet_quotes_the_matching_paragraph_or_item(reg):
    hit = search(reg, "枫桥经验")[0]
    assert hit.article == 15 and hit.paragraph == 3
    assert "枫桥经验" in hit.snippet and hit.snippet.startswith("…")
    item = search(reg, "管制器具")[0]
    assert item.article == 26 and item.snippet == "（二）携带危险物品、管制器具；"


def test_chapter_and_limit(reg):
    hits = search(reg, "信访部门", chapter=5, limit=3)
    assert len(hits) == 3 and all(h.chapter == 5 for h in hits)
    assert search(reg, "枫桥经验", chapter=4) == []
    assert search(reg, "第十五条", chapter=4) == []
    assert search(reg, "复核", limit=0) == []
    containing = [a.number for a in reg.articles if "信访" in a.text + a.summary + "".join(a.keywords)]
    assert sorted(numbers(search(reg, "信访", limit=None))) == containing


def test_no_hit_suggests_terms_that_occur(reg):
    ix = index_for(reg)
    assert ix.suggest("复核 枫桥经验")[:2] == ["复核", "枫桥经验"]  # each on its own does match
    assert "召集人" in ix.suggest("召集仁员会")
    for word in ix.suggest("联系会议 复核"):
        assert search(reg, word), word


def test_index_is_built_once_per_corpus(reg):
    assert index_for(reg) is index_for(reg)


def with_chapter_of_others(reg, count: int):
    """The regulation and a seventh chapter of `count` articles written in characters that neither
    it nor any query has, so that a search within chapters 1–6 finds exactly the same."""
    used = set("".join(a.text + a.summary + "".join(a.keywords) for a in reg.articles))
    used |= set("".join(q for q, _ in QUALITY)) | set(THESAURUS.read_text(encoding="utf-8"))
    others = [chr(c) for c in range(0x4E00, 0x9FA6) if chr(c) not in used][:300]
    first = max(reg.article_numbers) + 1
    articles = tuple(Article(n, 7, "其他", "".join(others[n % 97: n % 97 + 4]), (),
                             (Paragraph(1, "".join(others[(n * 7 + k) % 300] for k in range(80))),))
                     for n in range(first, first + count))
    return replace(reg, chapters=(*reg.chapters, Chapter(7, "其他", articles)), _by_number={})


def test_a_corpus_too_large_to_scan_finds_what_scanning_finds(reg):
    """A corpus of a few hundred articles is scanned; beyond that, candidates come from
    character postings (the regulation library of 26,000 articles). Both find the same."""
    large = with_chapter_of_others(reg, 1000)
    assert len(large.articles) == 1050 and search(large, "第一千条")[0].article == 1000
    for query, _ in QUALITY:
        for chapter in (1, 4):
            assert search(large, query, chapter=chapter) == search(reg, query, chapter=chapter), query


def test_query_parsing():
    q = parse_query("第27条 “枫桥 经验” 信访，人 34条 第99条", range(1, 51))
    assert q.refs == (27, 34) and q.bad_refs == (99,)
    assert q.phrases == ("枫桥经验",) and q.terms == ("信访", "人")
    assert parse_query("60日 2022", range(1, 51)).terms == ("60日", "2022")


@pytest.mark.parametrize("query", ["", "   ", "，。！？", "\x00\x07\n\t", "“”"])
def test_query_problem_for_empty_queries(reg, query):
    assert "检索词" in query_problem(query)
    assert search(reg, query) == []


def test_query_problem_for_long_queries(reg):
    long = "信访" * 5000
    assert "过长" in query_problem(long) and str(MAX_QUERY_CHARS) in query_problem(long)
    assert isinstance(search(reg, long), list)  # the function itself truncates
    assert query_problem("枫桥经验") is None


def test_control_characters_separate_terms(reg):
    assert numbers(search(reg, "枫桥\x07经验"))[:1] == [15]


def _valid(reg, hits):
    assert isinstance(hits, list)
    for h in hits:
        assert isinstance(h, Hit)
        a = reg.article(h.article)
        assert a is not None and h.chapter == a.chapter
        assert math.isfinite(h.score)
        assert h.paragraph is None or 1 <= h.paragraph <= len(a.paragraphs)
        assert isinstance(h.snippet, str) and all(isinstance(m, str) for m in h.matched)
        assert h.match in {"article", "exact", "approximate"}
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert len({h.article for h in hits}) == len(hits)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_unicode_gives_valid_hits(reg, text):
    _valid(reg, search(reg, text))


_PIECES = st.sampled_from(["信访", "复核", "联系会议", "抱复", "第34条", "怎么办", "“", "”", " ", "第", "条",
                           "枫桥", "经验", "\x00", "、", "人", "十", "0", "的", "是"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join), st.one_of(st.none(), st.integers(1, 7)))
@example("人十的第人", None)  # found in CI: two equal scores, apart in the last bits, came out of order
def test_query_like_input_gives_valid_hits(reg, text, chapter):
    hits = search(reg, text, chapter=chapter, limit=20)
    _valid(reg, hits)
    assert chapter is None or all(h.chapter == chapter for h in hits)


def test_rapidfuzz_is_not_imported_for_plain_or_typo_searches():
    code = ("import sys; from xuezhi.text.corpus import load_regulation; from xuezhi.search.index import search; "
            "r = load_regulation(); [search(r, q) for q in ('枫桥经验', '复核 期限', '联系会议', '第34条', "
            "'信访人对复核意见不服怎么办')]; print('rapidfuzz' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


def test_synthetic_corpus_has_the_real_schema(tmp_path):
    spec = importlib.util.spec_from_file_location("synthetic_corpus", ROOT / "benchmarks" / "synthetic_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    path = mod.write(tmp_path / "syn.yaml", n_articles=450, seed=3)  # large enough for the postings path
    big = load_regulation(path)
    assert len(big.articles) == 450
    _valid(big, search(big, "信访事项", limit=10))
    _valid(big, search(big, "联系会议 复核", limit=10))


# ---------------------------------------------------------------- the command


def test_cli_search_prints_one_plain_line_per_hit(invoke):
    r = invoke("search", "枫桥经验")
    assert r.exit_code == 0, r.output
    lines = r.stdout.strip().splitlines()
    assert lines[0] == "找到 1 条，按相关度排序："
    assert lines[1].startswith("第十五条  第二章  其他机关单位和基层的职责  ③")
    assert "枫桥经验" in lines[1]
    assert "\x1b[" not in r.stdout


def test_cli_search_json(invoke):
    r = invoke("search", "联系会议", "--json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert [d["article"] for d in data[:3]] == [11, 12, 13]
    for d in data:
        assert {"article", "chapter", "score", "paragraph", "snippet", "matched"} <= d.keys()
        assert isinstance(d["article"], int) and isinstance(d["chapter"], int)
        assert isinstance(d["score"], float) and isinstance(d["matched"], list)
        assert d["paragraph"] is None or isinstance(d["paragraph"], int)
    assert [d["score"] for d in data] == sorted((d["score"] for d in data), reverse=True)


def test_cli_search_json_empty_is_an_empty_array(invoke):
    r = invoke("search", "天气预报", "--json")
    assert r.exit_code == 0 and json.loads(r.stdout) == []


def test_cli_search_no_hit_says_so_and_suggests(invoke):
    r = invoke("search", "天气预报")
    assert r.exit_code == 0
    assert r.stdout.splitlines() == ["没有找到与“天气预报”相关的条文。", "可以换个说法，或用 xuezhi toc 查看目录。"]
    r = invoke("search", "复核", "枫桥经验")
    assert "可以试试：复核、枫桥经验" in r.stdout


def test_cli_search_limit_chapter_full(invoke):
    r = invoke("search", "信访部门", "--limit", "2", "--chapter", "第五章")
    assert r.exit_code == 0
    lines = r.stdout.strip().splitlines()
    assert lines[0] == "在第五章中找到不止 2 条，按相关度显示前 2 条（可用 --limit 调整）：" and len(lines) == 3
    assert all("第五章" in line for line in lines[1:])
    r = invoke("search", "三到位一处理", "--full")
    assert "第二十七条  三到位一处理" in r.stdout
    assert "行为违法的依法处理的要求" in r.stdout  # the whole article, not a snippet


def test_cli_search_article_number_and_approximate_note(invoke):
    r = invoke("search", "第34条")
    assert r.stdout.splitlines()[1].startswith("第三十四条  第四章  办理期限")
    r = invoke("search", "抱复")
    assert "〔近似〕" in r.stdout and "按相近的写法找到" in r.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ([], "请给出检索词"),
        ([""], "请给出检索词"),
        (["   "], "请给出检索词"),
        (["，。！"], "没有可查找的文字"),
        (["\x01\x02"], "没有可查找的文字"),
        (["信" * 10_000], "检索词过长"),
        (["复核", "--limit", "0"], "--limit 应为正整数"),
        (["复核", "--limit", "-5"], "--limit 应为正整数"),
        (["复核", "--limit", "abc"], "--limit 应为正整数"),
        (["复核", "--chapter", "9"], "有效范围是第 1–6 章"),
        (["复核", "--chapter", "1" * 5000], "有效范围是第 1–6 章"),  # more digits than int() converts
        (["第99条"], "第 99 条不存在"),
    ],
)
def test_cli_search_bad_input_is_one_chinese_line(invoke, args, says):
    r = invoke("search", *args)
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr.startswith("错误：") and says in r.stderr


def test_cli_search_huge_limit_means_all(invoke):
    r = invoke("search", "复核", "--limit", "1" * 5000, "--json")
    assert r.exit_code == 0 and len(json.loads(r.stdout)) >= 2


def test_cli_search_control_characters_are_separators(invoke):
    r = invoke("search", "枫桥\x07经验", "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)[0]["article"] == 15


def test_cli_search_other_corpus(invoke, tmp_path):
    corpus = tmp_path / "mini.yaml"
    corpus.write_text(
        "meta: {title: 示例条例}\n"
        "chapters:\n"
        "  - number: 1\n    title: 总则\n    articles:\n"
        "      - number: 1\n        summary: 目的\n        keywords: [立法宗旨]\n"
        "        paragraphs:\n          - text: 为了测试检索，制定本条例。\n"
        "      - number: 2\n        paragraphs:\n          - text: 本条例自公布之日起施行。\n",
        encoding="utf-8",
    )
    r = invoke("search", "施行", "--corpus", str(corpus), "--json")
    assert r.exit_code == 0, r.output
    assert [d["article"] for d in json.loads(r.stdout)] == [2]


def test_entry_point_builds_only_the_named_command_but_help_sees_all():
    def run(*args: str) -> subprocess.CompletedProcess:
        env = {**os.environ, "NO_COLOR": "1"}
        return subprocess.run([sys.executable, "-m", "xuezhi", *args], capture_output=True, text=True,
                              cwd=ROOT, env=env, encoding="utf-8")

    r = run("search", "枫桥经验")
    assert r.returncode == 0 and "第十五条" in r.stdout
    r = run("--help")
    assert "search" in r.stdout and "show" in r.stdout and "quiz" in r.stdout
    r = run("serch", "x")
    assert r.returncode == 2 and "search" in r.stderr
    r = run("progress", "--help")
    assert r.returncode == 0 and "export" in r.stdout


def test_cli_search_on_a_terminal_is_a_table(invoke, monkeypatch):
    import xuezhi.terminal.console

    monkeypatch.setattr(xuezhi.terminal.console, "wants_plain", lambda stream=None: False)
    monkeypatch.setattr(xuezhi.terminal.console, "is_terminal", lambda stream=None: True)  # Ui.wraps: a terminal
    r = invoke("search", "联系会议", "--limit", "2")
    assert r.exit_code == 0, r.output
    header = next(line for line in r.stdout.splitlines() if "条号" in line)
    assert "条旨" in header and "摘录" in header
    assert "第十一条" in r.stdout and "〔近似〕" in r.stdout



@pytest.mark.parametrize("width", [60, 40])
def test_cli_search_on_a_narrow_terminal_shows_each_hit_as_a_block(invoke, monkeypatch, width):
    """At 60 columns the table left the excerpt 9 characters a line: each hit is its heading (条号,
    章, 条旨) and the excerpt wrapped under it at the whole width instead, NO_COLOR or not."""
    from rich.cells import cell_len

    import xuezhi.terminal.console

    monkeypatch.setattr(xuezhi.terminal.console, "is_terminal", lambda stream=None: True)  # NO_COLOR stays set
    monkeypatch.setenv("COLUMNS", str(width))
    wanted = json.loads(invoke("search", "信访", "事项", "--limit", "3", "--json").stdout)
    lines = [line.rstrip() for line in invoke("search", "信访", "事项", "--limit", "3").stdout.splitlines()]
    assert "条号" not in "".join(lines) and max(map(cell_len, lines)) <= width
    blocks = "\n".join(lines).strip("\n").split("\n\n")[1:]  # after 找到…条
    assert len(blocks) == 3
    for hit, block in zip(wanted, blocks, strict=True):
        heading, *excerpt = block.splitlines()
        assert heading.startswith(load_regulation().article(hit["article"]).label + "  第")
        assert hit["summary"] in "".join(block.splitlines()[:2])  # the 条旨 whole, if on a line of its own
        assert all(line.startswith("  ") for line in excerpt[-2:])
        assert hit["snippet"] in "".join(line.strip() for line in excerpt)  # nothing cut
        body = [line for line in excerpt if line.startswith("  ")]
        assert all(cell_len(line) >= width - 4 for line in body[:-1])  # lines as long as the width allows


def test_narrow_hits_keep_the_highlighted_words(reg, monkeypatch):
    import io

    from rich.console import Console

    from xuezhi.terminal.console import Ui, make_ui
    from xuezhi.terminal.search_view import hits_block

    monkeypatch.delenv("NO_COLOR")
    make_ui()  # installs the Chinese line breaking, as every command does
    out = io.StringIO()
    console = Console(file=out, width=60, color_system="standard", force_terminal=True, highlight=False)
    console.print(hits_block(search(reg, "枫桥经验"), reg, Ui(out=console, err=console, plain=False)))
    assert "\x1b[1;33m枫桥经验\x1b[0m" in out.getvalue() and "条号" not in out.getvalue()

def test_limit_as_typed():
    assert [parse_limit(t) for t in ("5", " ５ ", "+007", "9" * 7)] == [5, 5, 7, 1_000_000]
    for typed in ("0", "-1", "abc", "1.5", "", "٣"):
        with pytest.raises(XuezhiError, match="--limit 应为正整数"):
            parse_limit(typed)
