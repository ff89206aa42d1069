"""The shipped corpus is the official text, and broken corpora are reported precisely."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
import yaml

from xuezhi.errors import DataFileError
from xuezhi.text.corpus import default_corpus_path, find_references, load_regulation, parse_regulation
from xuezhi.text.yamlfile import read_yaml

# SHA-256 of the official text of ../shared/sources/信访工作条例(2022-02-25).md after its
# info block: the six chapter titles, one per line, then every article line as printed
# ("第一条 为了……", items as "（一）……"). Computed from the source file itself, so a
# single changed character in data/条例.yaml changes the digest.
OFFICIAL_SHA256 = "dd94fe2aaa0b53f2438c9c245827a1a079cdb25ebc582190ea7a9e87c04de589"


def test_corpus_reproduces_official_text_character_for_character():
    reg = load_regulation()
    blob = "\n".join(f"{c.label} {c.title}" for c in reg.chapters) + "\n" + "\n".join(
        f"{a.label} {a.text}" for a in reg.articles
    )
    assert hashlib.sha256(blob.encode("utf-8")).hexdigest() == OFFICIAL_SHA256


def test_corpus_against_official_source_when_available():
    """Where ../shared is present (developer machines), run the project's fidelity checker too."""
    source = Path(__file__).resolve().parents[3] / "shared" / "sources" / "信访工作条例(2022-02-25).md"
    if not source.exists():
        pytest.skip("official source not beside the checkout")
    text = source.read_text(encoding="utf-8").split("<!-- INFO END -->")[1]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    chapters = [line[3:] for line in lines if line.startswith("## ")]
    body = [line for line in lines if not line.startswith("## ")]
    blob = "\n".join(chapters) + "\n" + "\n".join(body)
    assert hashlib.sha256(blob.encode("utf-8")).hexdigest() == OFFICIAL_SHA256


def test_structure_counts_and_meta():
    reg = load_regulation()
    assert [c.article_range for c in reg.chapters] == [(1, 6), (7, 16), (17, 26), (27, 37), (38, 47), (48, 50)]
    assert len(reg.articles) == 50
    assert reg.meta["issuer"] == "中共中央、国务院"
    assert reg.meta["effective"] == "2022-05-01"
    assert reg.meta["interpreted_by"] == "国家信访局"
    a31 = reg.article(31)
    assert len(a31.items()) == 6 and a31.items()[5].startswith("不属于以上情形的")
    assert [p.name for p in reg.principles] == [
        "坚持党的全面领导", "坚持以人民为中心", "坚持落实信访工作责任", "坚持依法按政策解决问题",
        "坚持源头治理化解矛盾"]
    for p in reg.principles:
        assert reg.article(5).items()[p.item - 1] == f"{p.name}。{p.text}"


def test_every_article_has_a_short_summary_and_keywords():
    for a in load_regulation().articles:
        assert 0 < len(a.summary) <= 20, a.label
        assert a.keywords, a.label
    assert "三到位一处理" in load_regulation().article(27).keywords
    assert "诉访分离" in load_regulation().article(28).keywords
    assert "五个坚持" in load_regulation().article(5).keywords


def test_cross_references_are_found():
    reg = load_regulation()
    assert [r.label() for r in reg.article(34).references] == ["第三十一条第六项"]
    assert [r.label() for r in reg.article(36).references] == ["第三十一条第六项"]
    assert [r.label() for r in reg.article(47).references] == ["第二十条", "第二十六条"]
    assert find_references("前款规定的期限") == []


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "corpus.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def _good_text() -> str:
    return default_corpus_path().read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("mutate", "field", "words"),
    [
        (lambda t: t.replace("      - number: 21\n", "      - number: 20\n", 1), "number", "重复"),
        (lambda t: t.replace("    title: 总则\n", "", 1), "chapters[0]", "title"),
        (lambda t: t.replace("      - number: 3\n", "      - number: 三\n", 1), "number", "整数"),
        (lambda t: t.replace("summary: 立法目的", "summary: " + "很长" * 11, 1), "summary", "20"),
        # numbers that once passed and then failed every command with an internal error
        (lambda t: t.replace("  - number: 1\n", "  - number: 0\n", 1), "number", "章号应为 1–99999"),
        (lambda t: t.replace("  - number: 1\n", "  - number: -3\n", 1), "number", "章号应为 1–99999"),
        (lambda t: t.replace("      - number: 1\n", "      - number: 100000\n", 1), "number", "条号应为 1–99999"),
        (lambda t: t.replace("    item: 1\n", "    item: -1\n", 1), "item", "没有第 -1 项"),
        (lambda t: t.replace("    item: 5\n", "    item: 99\n", 1), "item", "没有第 99 项"),
    ],
)
def test_broken_corpus_names_file_line_and_field(tmp_path, mutate, field, words):
    path = _write(tmp_path, mutate(_good_text()))
    with pytest.raises(DataFileError) as info:
        raw, text = read_yaml(path)
        parse_regulation(raw, path, text)
    err = info.value
    assert str(path) in err.message
    assert err.line is not None and err.line > 1
    assert field in (err.field or "")
    assert words in err.message


def test_yaml_syntax_error_names_the_line(tmp_path):
    lines = _good_text().splitlines()
    lines[30] = "\t" + lines[30]  # a tab in the indentation is a YAML syntax error
    path = _write(tmp_path, "\n".join(lines))
    with pytest.raises(DataFileError) as info:
        read_yaml(path)
    assert info.value.line is not None and abs(info.value.line - 31) <= 2
    assert "YAML 语法错误：用了制表符 Tab 缩进，请改用空格" in info.value.message
    assert not re.search("[a-z]{3,}", info.value.message.replace(str(path), ""))  # no PyYAML English


def test_yaml_problems_shown_in_chinese_with_the_original_only_when_debugging(tmp_path, monkeypatch):
    path = _write(tmp_path, "chapters: [1, 2\n")
    with pytest.raises(DataFileError) as info:
        read_yaml(path)
    assert "方括号 [ ] 没有闭合" in info.value.message and "expected" not in info.value.message
    monkeypatch.setenv("XUEZHI_DEBUG", "1")
    with pytest.raises(DataFileError) as info:
        read_yaml(path)
    assert "did not find expected ',' or ']'" in info.value.message


def test_line_number_points_at_the_duplicate(tmp_path):
    text = _good_text()
    path = _write(tmp_path, text.replace("      - number: 21\n", "      - number: 20\n", 1))
    raw, body = read_yaml(path)
    with pytest.raises(DataFileError) as info:
        parse_regulation(raw, path, body)
    assert body.splitlines()[info.value.line - 1].strip() == "- number: 20"


def test_shipped_corpus_is_valid_yaml_for_other_tools():
    doc = yaml.safe_load(_good_text())
    assert doc["meta"]["title"] == "信访工作条例"


def test_parsed_yaml_is_cached_and_the_cache_never_changes_the_result(tmp_path, monkeypatch):
    from xuezhi.text import yamlfile

    monkeypatch.setenv("XUEZHI_HOME", str(tmp_path / "home"))
    path = _write(tmp_path, _good_text())
    first, _ = read_yaml(path)
    cached = list((tmp_path / "home" / "cache").glob("*.json"))
    assert len(cached) == 1
    second, _ = read_yaml(path)
    assert first == second
    # An edited file has another hash: the stale cache entry is not used.
    path.write_text(_good_text().replace("summary: 立法目的", "summary: 目的"), encoding="utf-8")
    third, _ = read_yaml(path)
    assert third["chapters"][0]["articles"][0]["summary"] == "目的"
    # A garbage cache entry is ignored, not trusted.
    for f in (tmp_path / "home" / "cache").glob("*.json"):
        f.write_text("{not json", encoding="utf-8")
    assert read_yaml(path)[0] == third
    assert yamlfile.cache_dir() == tmp_path / "home" / "cache"
    # Valid JSON that is not the entry for this text ([] once blocked every command, blaming
    # the shipped corpus) is ignored too, and replaced by a good entry.
    for junk in ("[]", '{"source": "0", "data": []}'):
        for f in (tmp_path / "home" / "cache").glob("*.json"):
            f.write_text(junk, encoding="utf-8")
        assert read_yaml(path)[0] == third
    assert any(len(f.read_text(encoding="utf-8")) > 1000 for f in (tmp_path / "home" / "cache").glob("*.json"))


def test_unwritable_cache_dir_is_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XUEZHI_HOME", str(blocker))  # cache dir cannot be created under a file
    path = _write(tmp_path, _good_text())
    assert read_yaml(path)[0]["meta"]["title"] == "信访工作条例"


def test_os_failures_are_explained_in_chinese():
    import errno

    from xuezhi.files import os_reason

    assert os_reason(PermissionError(errno.EACCES, "Permission denied")) == "没有权限"
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "磁盘空间已满"
    assert os_reason(OSError(errno.EIO, "Input/output error")) == "读写设备出错"
    assert os_reason(OSError(errno.ENAMETOOLONG, "File name too long")) == "文件名或路径太长"
    assert os_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == "系统错误（Invalid cross-device link）"


def test_references_that_cannot_be_read_are_not_references():
    """An edited corpus citing 本条例第0条 (or a 5000-digit number) made show fail with an internal error."""
    assert find_references("依照本条例第0条处理") == []
    assert find_references("本条例第" + "1" * 5000 + "条") == []
    assert [r.label() for r in find_references("本条例第0条、第二十条")] == ["第二十条"]
