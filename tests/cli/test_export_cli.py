"""`xuezhi export` as a trainer runs it."""

from __future__ import annotations

import csv
import json

import pytest
from export_support import small_bank, write_bank

from xuezhi.bank.load import load_bank
from xuezhi.bank.model import QType
from xuezhi.quiz.select import Filters, eligible
from xuezhi.text.corpus import load_regulation


def test_default_export_is_a_docx_paper_with_a_summary(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = invoke("export", "--seed", "1", "--unit", "某县信访局", "--title", "2024年信访条例测试")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "信访工作条例测试卷.docx").is_file()
    out = r.stdout
    assert "信访工作条例测试卷.docx" in out
    for line in ("单项选择题    20         2    40", "合计          50             100"):
        assert line in out
    assert "随机种子：1" in out
    assert "\x1b[" not in out

    import docx

    texts = [p.text for p in docx.Document(str(tmp_path / "信访工作条例测试卷.docx")).paragraphs]
    assert texts[0] == "2024年信访条例测试" and texts[1].startswith("单位：某县信访局")



def test_output_file_can_be_given_without_o(invoke, tmp_path):
    """What a trainer types first: xuezhi export 试卷.docx."""
    r = invoke("export", str(tmp_path / "试卷.docx"), "--variants", "2", "--seed", "7")
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["试卷-A卷.docx", "试卷-B卷.docx"]
    r = invoke("export", str(tmp_path / "甲.xlsx"), "-o", str(tmp_path / "乙.xlsx"))
    assert r.exit_code == 2 and r.stderr.startswith("错误：输出文件写了两次")
    assert not (tmp_path / "甲.xlsx").exists() and not (tmp_path / "乙.xlsx").exists()

def test_refuses_to_overwrite_then_force(invoke, tmp_path):
    out = tmp_path / "卷.docx"
    assert invoke("export", "-o", str(out), "--seed", "1").exit_code == 0
    first = out.read_bytes()
    r = invoke("export", "-o", str(out), "--seed", "2")
    assert r.exit_code == 2
    assert r.stderr.startswith("错误：文件已存在") and "--force" in r.stderr
    assert out.read_bytes() == first
    r = invoke("export", "-o", str(out), "--seed", "2", "--force")
    assert r.exit_code == 0 and out.read_bytes() != first


def test_variants_and_separate_key(invoke, tmp_path):
    r = invoke("export", "-o", str(tmp_path / "卷.docx"), "--variants", "2", "--key", "separate", "--seed", "3")
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["卷-A卷-答案.docx", "卷-A卷.docx", "卷-B卷-答案.docx",
                                                          "卷-B卷.docx"]
    assert "A卷、B卷" in r.stdout


@pytest.mark.parametrize("fmt, suffix", [("xlsx", ".xlsx"), ("csv", ".csv"), ("txt", ".txt"), ("md", ".md"),
                                         ("json", ".json"), ("gift", ".gift"), ("moodle", ".xml"), ("apkg", ".apkg")])
def test_every_format_from_the_command_line(invoke, tmp_path, fmt, suffix):
    r = invoke("export", "-f", fmt, "-o", str(tmp_path), "--seed", "5")
    assert r.exit_code == 0, r.output
    assert (tmp_path / f"信访工作条例测试卷{suffix}").stat().st_size > 1000


def test_format_from_extension_and_filters(invoke, tmp_path):
    out = tmp_path / "第三章.json"
    r = invoke("export", "-o", str(out), "-c", "3,4", "-t", "single,judge", "-d", "1-2", "--seed", "4", "--json")
    assert r.exit_code == 0, r.output
    summary = json.loads(r.stdout)
    assert summary["format"] == "json" and summary["files"] == [str(out)]
    assert [s["type"] for s in summary["sections"]] == ["single", "judge"]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {q["chapter"] for q in data["questions"]} == {3, 4}
    assert {q["type"] for q in data["questions"]} == {"single", "judge"}
    assert {q["difficulty"] for q in data["questions"]} <= {1, 2}


def test_whole_bank_export(invoke, tmp_path):
    r = invoke("export", "--all", "-f", "csv", "-o", str(tmp_path))
    assert r.exit_code == 0, r.output
    with (tmp_path / "信访工作条例题库.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == len(load_bank().questions) + 1
    assert "随机种子" in r.stdout and "--keep-order" in r.stdout  # the options were shuffled with it


def test_blueprint_the_bank_cannot_fill(invoke, tmp_path):
    have = len(eligible(load_bank(), load_regulation(), Filters(types=(QType.MULTIPLE,), chapters=(6,))))
    r = invoke("export", "-c", "6", "-b", "multiple:50x3", "-o", str(tmp_path / "x.docx"))
    assert r.exit_code == 2
    assert r.stdout == ""
    assert f"多选题只有 {have} 道，蓝图要求 50 道" in r.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("blueprint", ["single", "single:20x", "判断:x2", "essay:2x5"])
def test_malformed_blueprint_shows_the_syntax(invoke, tmp_path, blueprint):
    r = invoke("export", "-b", blueprint, "-o", str(tmp_path / "x.docx"))
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：")
    assert "题型:题数x每题分值" in r.stderr and "single:20x2,multiple:10x3,judge:10x1,blank:10x2" in r.stderr


@pytest.mark.parametrize("args, fragment", [
    (["-f", "pdf"], "不支持的格式"),
    (["-o", "卷.pdf"], "--format"),
    (["--key", "inside"], "--key"),
    (["--variants", "0"], "--variants"),
    (["--all", "--variants", "2"], "--all"),
    (["-t", "essay"], "题型"),
    (["-c", "9"], "第 1–6 章"),
])
def test_bad_options_are_one_chinese_line(invoke, tmp_path, monkeypatch, args, fragment):
    monkeypatch.chdir(tmp_path)
    r = invoke("export", *args)
    assert r.exit_code == 2, r.output
    assert fragment in r.stderr and r.stderr.startswith("错误：")
    assert list(tmp_path.iterdir()) == []


def test_gift_warning_goes_to_stderr(invoke, tmp_path):
    r = invoke("export", "-f", "gift", "-t", "blank", "-o", str(tmp_path), "--seed", "1")
    assert r.exit_code == 0
    assert "提醒：GIFT 每题只能有一个空" in r.stderr and "--format moodle" in r.stderr


def test_trainer_bank_is_validated_first(invoke, tmp_path):
    good = small_bank(tmp_path / "good.yaml")
    r = invoke("export", "--bank", str(good), "--all", "-f", "xlsx", "-o", str(tmp_path / "b.xlsx"))
    assert r.exit_code == 0, r.output
    q = load_bank().questions[0].as_dict() | {"answer": "B"}  # an answer its article does not hold
    bad = write_bank(tmp_path / "bad.yaml", [q])
    r = invoke("export", "--bank", str(bad), "-o", str(tmp_path / "c.docx"))
    assert r.exit_code == 2
    assert "题库" in r.stderr
    assert not (tmp_path / "c.docx").exists()


def test_format_and_extension_must_agree(invoke, tmp_path):
    """-f docx -o 卷.xlsx once wrote a Word file named .xlsx, which Excel refuses to open."""
    r = invoke("export", "-f", "docx", str(tmp_path / "卷.xlsx"))
    assert r.exit_code == 2 and "与文件扩展名“.xlsx”不一致：请把文件名改为 卷.docx" in r.stderr
    assert not list(tmp_path.iterdir())
    assert invoke("export", "-f", "gift", str(tmp_path / "题库.txt"), "--all").exit_code == 0  # GIFT in .txt is usual
    assert invoke("export", "-f", "moodle", str(tmp_path / "题库.xml"), "--all").exit_code == 0


def test_a_very_long_title_is_printed_whole(invoke, tmp_path):
    import docx

    title = "学条例" * 100  # the Word document property holds 255 characters; the page takes it all
    r = invoke("export", str(tmp_path / "卷.docx"), "--title", title, "--seed", "1")
    assert r.exit_code == 0, r.output
    assert docx.Document(str(tmp_path / "卷.docx")).paragraphs[0].text == title


def test_anki_export_with_a_full_temp_disk_writes_nothing_and_says_why(invoke, tmp_path, monkeypatch):
    """The deck is built in a temporary SQLite file; a full temp disk was '内部错误：OperationalError'."""
    import sqlite3

    import genanki

    def full(*_args, **_kw):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(genanki.Package, "write_to_db", full)
    r = invoke("export", str(tmp_path / "卡组.apkg"), "--all")
    assert r.exit_code == 3 and r.stderr.startswith("错误：生成 Anki 卡组时无法写入临时目录")
    assert list(tmp_path.iterdir()) == []
