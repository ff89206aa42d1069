"""The reading commands as a user runs them."""

from __future__ import annotations

import json

import pytest


def test_show_one_article(invoke):
    r = invoke("show", "20")
    assert r.exit_code == 0, r.output
    assert "第二十条" in r.stdout
    assert "第三章 信访事项的提出和受理" in r.stdout
    assert "代表人数不得超过5人。" in r.stdout
    assert "\x1b[" not in r.stdout  # plain when not a terminal


@pytest.mark.parametrize("arg", ["20", "第二十条", "第20条", "二十"])
def test_show_accepts_every_form(invoke, arg):
    r = invoke("show", arg, "--json")
    assert r.exit_code == 0
    assert [a["article"] for a in json.loads(r.stdout)] == [20]


def test_show_items_are_numbered_and_cross_references_listed(invoke):
    r = invoke("show", "第三十四条")
    assert "本条引用：第三十一条第六项" in r.stdout
    r = invoke("show", "31")
    assert "（六）不属于以上情形的" in r.stdout
    assert "引用本条：第三十四条" in r.stdout


def test_show_range_json_has_documented_keys(invoke):
    r = invoke("show", "17-20", "--json")
    data = json.loads(r.stdout)
    assert [a["article"] for a in data] == [17, 18, 19, 20]
    for a in data:
        assert {"article", "chapter", "chapter_title", "paragraphs", "text"} <= a.keys()
        assert all({"text", "items"} <= p.keys() for p in a["paragraphs"])
    assert data[3]["paragraphs"][2]["text"].endswith("代表人数不得超过5人。")


def test_show_chapter(invoke):
    r = invoke("show", "--chapter", "第六章", "--json")
    assert [a["article"] for a in json.loads(r.stdout)] == [48, 49, 50]


@pytest.mark.parametrize("arg", ["0", "51", "第五十一条", "abc"])
def test_show_unknown_article_is_one_chinese_line_and_exit_2(invoke, arg):
    r = invoke("show", arg)
    assert r.exit_code == 2
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：") and "1–50" in lines[0]


def test_show_without_arguments_explains(invoke):
    r = invoke("show")
    assert r.exit_code == 2 and "请给出条号" in r.stderr


def test_toc_lists_chapters_and_summaries(invoke):
    r = invoke("toc")
    assert r.exit_code == 0
    assert "第四章 信访事项的办理（第二十七条至第三十七条）" in r.stdout
    assert "三到位一处理" in r.stdout
    data = json.loads(invoke("toc", "--json").stdout)
    assert [(c["first_article"], c["last_article"]) for c in data][2] == (17, 26)



def test_toc_summaries_line_up_across_chapters(invoke, reg):
    """第七条 (3 characters) and 第二十一条 (5) in different chapters: the 条旨 start in one column."""
    from rich.cells import cell_len

    lines = invoke("toc").stdout.splitlines()
    starts = set()
    for a in reg.articles:
        line = next(x for x in lines if x.strip().startswith(a.label + " "))
        starts.add(cell_len(line[:line.index(a.summary)]))
    assert len(starts) == 1

def test_principles(invoke):
    r = invoke("principles")
    assert r.exit_code == 0
    assert "坚持源头治理化解矛盾" in r.stdout and "第五条第五项" in r.stdout
    data = json.loads(invoke("principles", "--json").stdout)
    assert len(data) == 5 and data[2]["text"] == "党政同责、一岗双责，属地管理、分级负责，谁主管、谁负责。"


def test_info(invoke):
    r = invoke("info", "--json")
    data = json.loads(r.stdout)
    assert data["articles"] == 50 and data["chapters"] == 6
    assert data["effective"] == "2022-05-01" and data["corpus_file"].endswith("条例.yaml")
    text = invoke("info").stdout
    assert "中共中央、国务院" in text and "2022年5月1日" in text
    assert "2022年1月24日（中共中央政治局会议审议批准）" in text


def test_broken_corpus_option_is_one_line_exit_2(invoke, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("meta:\n  title: x\nchapters:\n  - number: 1\n    title: 总则\n    articles:\n      - number: one\n",
                   encoding="utf-8")
    r = invoke("show", "1", "--corpus", str(bad))
    assert r.exit_code == 2
    line = r.stderr.strip()
    assert str(bad) in line and "第 7 行" in line and "number" in line
    assert "\n" not in line


def test_corpus_from_environment(invoke, tmp_path):
    r = invoke("toc", env={"XUEZHI_CORPUS": str(tmp_path / "missing.yaml")})
    assert r.exit_code == 2 and "文件不存在" in r.stderr


def test_version(invoke):
    from xuezhi import __version__

    r = invoke("--version")
    assert r.exit_code == 0 and __version__ in r.stdout


def test_unknown_option_is_chinese(invoke):
    r = invoke("show", "--bogus")
    assert r.exit_code == 2
    assert "没有选项 --bogus" in r.stderr and "用法：" in r.stderr


def test_help_is_chinese(invoke):
    r = invoke("--help")
    assert "用法：" in r.stdout and "显示本帮助并退出" in r.stdout
    assert "Show this message" not in r.stdout and "Usage:" not in r.stdout


def test_terminal_rendering_keeps_markers_with_their_text_at_60_columns(reg):
    """On a narrow terminal a paragraph wraps under itself; ① never stands alone on a line."""
    import io

    from rich.console import Console

    from xuezhi.terminal.render import article_block

    out = io.StringIO()
    Console(file=out, width=60, color_system=None).print(article_block(reg.article(36), reg, hanging=True))
    lines = out.getvalue().splitlines()
    flat = "".join(out.getvalue().split())
    assert all(p.text in flat for p in reg.article(36).paragraphs)  # wrapped, nothing cut
    for marker, start in (("①", "信访人"), ("②", "复核"), ("③", "信访人")):
        line = next(line for line in lines if marker in line)
        assert line.strip().startswith(marker + start)
    # Continuation lines keep the indent instead of starting at column 0.
    assert all(line.startswith("  ") for line in lines[2:] if line.strip() and "引用" not in line)


def test_show_does_not_load_rich_tables(tmp_path):
    """Start-up: rich.table brings fractions and decimal (~6 ms); `show` prints no table."""
    import os
    import subprocess
    import sys

    code = ("import sys\nfrom xuezhi.cli.app import main\nsys.argv = ['xuezhi', 'show', '20']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('rich.table' in sys.modules, file=sys.stderr)")
    env = dict(os.environ, XUEZHI_HOME=str(tmp_path), PYTHONIOENCODING="utf-8")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", env=env)
    assert "第二十条" in r.stdout
    assert r.stderr.strip().splitlines()[-1] == "False"
