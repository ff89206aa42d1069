"""xuezhi compare and --edition as a user sees them: the table, one article, JSON, the exported
对照表 read back, and bad input as one Chinese line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROW_KEYS = {"new_article", "new_label", "new_summary", "old", "old_label", "kind", "kind_label", "similarity",
            "aligned_by", "merged", "split", "why", "point"}
DETAIL_KEYS = ROW_KEYS | {"old_text", "new_text", "marked", "old_marked", "new_marked", "changes", "deleted_chars",
                          "inserted_chars"}


def test_the_table_lists_every_article_with_its_class(invoke):
    r = invoke("compare")
    assert r.exit_code == 0
    out = r.stdout
    assert "《信访条例》（2005年）与《信访工作条例》（2022年）新旧对照" in out
    line20 = next(line for line in out.splitlines() if line.startswith("第二十条"))
    assert "第十六条、第十八条" in line20 and "修改（合并、拆分）" in line20 and "55%" in line20
    assert "第三条" in out and "新增" in out
    assert ("2022年条文 50 条：新增 12 条，修改 36 条，基本未变 2 条。"
            "2005年条文 51 条，未被延续（删除）的：第十四条第一款。") in out


def test_one_article_in_plain_output_marks_the_changes_in_words(invoke):
    out = invoke("compare", "26").stdout
    assert out.startswith("2022年第二十六条（信访人的禁止行为） ← 2005年第二十条\n修改 · 相似度 96% · 按相似度自动配对")
    assert "要点：第（三）项新增“毁坏财物”" in out
    assert "（三）侮辱、殴打、威胁机关、单位工作人员，非法限制他人人身自由，〔增：或者毁坏财物〕；" in out
    assert "交通〔删：的〕；" in out
    assert "〔删：…〕2005年条文有、2022年条文没有；〔增：…〕2022年条文新增。" in out


def test_stacked_puts_the_old_text_first_side_puts_them_in_columns(invoke):
    stacked = invoke("compare", "35", "--layout", "stacked").stdout
    assert stacked.index("2005年第三十四条\n") < stacked.index("2022年第三十五条\n")
    side = invoke("compare", "35", "--layout", "side", env={"COLUMNS": "140"}).stdout
    head = next(line for line in side.splitlines() if line.startswith("2005年第三十四条"))
    assert head.rstrip().endswith("2022年第三十五条")


def test_a_new_article_shows_its_reason_and_text_without_marks(invoke):
    out = invoke("compare", "49").stdout
    assert "2022年第四十九条（解释机关）：2005年条文中没有对应条文" in out
    assert "理由：新增解释条款" in out and "本条例由国家信访局负责解释。" in out and "〔增：" not in out


def test_by_old_finds_every_row_an_old_article_went_to(invoke):
    out = invoke("compare", "16", "--by-old").stdout
    assert "2022年第十九条（信访事项的提出要求） ← 2005年第十七条、第十九条、第十六条" in out
    assert "2022年第二十条（走访的提出） ← 2005年第十六条、第十八条" in out
    deleted = invoke("compare", "14", "--by-old").stdout
    assert "2005年第十四条第一款：2022年条文中没有延续" in deleted
    assert "理由：2022 年条例适用于各级机关、单位" in deleted


def test_kind_filters_the_table(invoke):
    out = invoke("compare", "--kind", "新增", "--kind", "deleted").stdout
    rows = [line.split()[0] for line in out.splitlines() if line.startswith(("第", "—"))]
    assert rows == ["第三条", "第四条", "第八条", "第九条", "第十一条", "第十二条", "第十三条", "第十六条",
                    "第二十七条", "第三十三条", "第三十八条", "第四十九条", "—"]


def test_json_has_stable_keys(invoke):
    data = json.loads(invoke("compare", "--json").stdout)
    assert set(data) == {"title", "old", "new", "curation", "counts", "rows"}
    assert data["counts"] == {"unchanged": 2, "modified": 36, "added": 12, "deleted": 1}
    assert data["old"]["edition"] == "2005年" and data["new"]["articles"] == 50
    assert all(set(row) == ROW_KEYS for row in data["rows"])
    row20 = next(r for r in data["rows"] if r["new_article"] == 20)
    assert [o["label"] for o in row20["old"]] == ["第十六条", "第十八条"] and row20["aligned_by"] == "curated"
    one = json.loads(invoke("compare", "26", "--json").stdout)["rows"]
    assert len(one) == 1 and set(one[0]) == DETAIL_KEYS
    assert {"op": "replace", "old": "的", "new": "或者毁坏财物"} in one[0]["changes"]


def test_docx_is_a_three_column_table_read_back(invoke, tmp_path):
    from docx import Document

    target = tmp_path / "对照表.docx"
    r = invoke("compare", "--output", str(target))
    assert r.exit_code == 0 and f"已导出新旧对照表：{target}（51 行）" in r.stdout
    doc = Document(str(target))
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["2005年《信访条例》", "2022年《信访工作条例》", "变化"]
    assert len(table.rows) == 52
    row20 = next(row for row in table.rows if row.cells[1].text.startswith("第二十条"))
    assert row20.cells[0].text.startswith("第十六条\n信访人采用走访形式提出信访事项")
    assert row20.cells[2].text.startswith("修改（相似度 55%）\n合并、拆分\n要点：")
    struck = [r.text for p in row20.cells[0].paragraphs for r in p.runs if r.font.strike]
    inserted = [r.text for p in row20.cells[1].paragraphs for r in p.runs if r.font.underline]
    assert "向依法" in struck and "引导信访人就地反映问题" in "".join(inserted)
    assert doc.sections[0].page_width > doc.sections[0].page_height  # landscape


def test_xlsx_is_read_back_with_openpyxl(invoke, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "对照表.xlsx"
    assert invoke("compare", "-o", str(target)).exit_code == 0
    ws = load_workbook(target).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:5] == ("2022年条文", "条旨", "2005年条文", "变化", "相似度")
    assert len(rows) == 52
    r26 = next(r for r in rows if r[0] == "第二十六条")
    assert r26[2] == "第二十条" and r26[3] == "修改" and r26[4] == pytest.approx(96.2)
    assert "〔增：或者毁坏财物〕" in r26[8] and r26[9].startswith("第（三）项新增")
    r3 = next(r for r in rows if r[0] == "第三条")
    assert r3[3] == "新增" and r3[4] is None and r3[8] is None


def test_an_export_never_overwrites_silently(invoke, tmp_path):
    target = tmp_path / "对照表.xlsx"
    target.write_text("mine", encoding="utf-8")
    r = invoke("compare", "-o", str(target))
    assert r.exit_code == 2 and "文件已存在" in r.stderr and "--force" in r.stderr
    assert target.read_text(encoding="utf-8") == "mine"
    assert invoke("compare", "-o", str(target), "--force").exit_code == 0


@pytest.mark.parametrize(("args", "message"), [
    (["51"], "第 51 条不存在：有效范围是第 1–50 条"),
    (["52", "--by-old"], "第 52 条不存在：有效范围是第 1–51 条"),
    (["--layout", "wide"], "--layout 只能是 auto、side 或 stacked"),
    (["--kind", "其他"], "--kind 只能是 新增、删除、修改、基本未变"),
    (["-o", "对照表.pdf"], "对照表只能导出为 Word 或 Excel 文件，请把文件名写成 对照表.docx 或 对照表.xlsx"),
    (["--old", "没有这个文件.yaml"], "没有这个文件.yaml：文件不存在"),
])
def test_bad_input_is_one_chinese_line(invoke, args, message):
    r = invoke("compare", *args)
    assert r.exit_code == 2
    assert message in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_any_two_corpora_can_be_compared(invoke, tmp_path):
    """--old/--new with texts of the schema: without a curated file, similarity alone."""
    import yaml

    data = yaml.safe_load(Path("data/条例.yaml").read_text(encoding="utf-8"))
    data["chapters"][0]["articles"] = [a for a in data["chapters"][0]["articles"] if a["number"] != 3]
    data["chapters"][0]["articles"][0]["paragraphs"][0]["text"] += "本条为地方补充。"
    local = tmp_path / "地方.yaml"
    local.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = json.loads(invoke("compare", "--old", "data/条例.yaml", "--new", str(local), "--json").stdout)
    assert out["curation"] is None
    kinds = {r["kind"] for r in out["rows"]}
    assert kinds == {"unchanged", "modified", "deleted"}
    assert [r["old_label"] for r in out["rows"] if r["kind"] == "deleted"] == ["第三条"]
    first = next(r for r in out["rows"] if r["new_article"] == 1)
    assert first["kind"] == "modified" and first["aligned_by"] == "similarity"


def test_validate_checks_an_alignment_file(invoke, tmp_path):
    ok = invoke("validate", "data/新旧对照.yaml")
    assert ok.exit_code == 0 and "新旧对照 51 行，要点 37 条，错误 0 处，提醒 0 处，通过。" in ok.stdout
    text = Path("data/新旧对照.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "对照.yaml"
    bad.write_text(text.replace("新增“毁坏财物”", "新增“损毁财物”").replace("old: 信访条例2005.yaml",
                                                                       "old: 信访条例2005.yaml"), encoding="utf-8")
    r = invoke("validate", str(bad))
    assert r.exit_code == 2
    line = text[:text.index("  - new: 26\n")].count("\n") + 1
    assert (f"{bad} 第 {line} 行：错误：2022年第二十六条的要点引用了“损毁财物”，"
            "2005年第二十条、2022年第二十六条原文中没有这几个字") in r.stderr
    assert invoke("validate", "data/questions.yaml").exit_code == 0  # a bank is still a bank


def test_show_and_toc_read_the_2005_text(invoke):
    out = invoke("show", "18", "--edition", "2005").stdout
    assert out.startswith("以下是《信访条例》（2005年，已被2022年《信访工作条例》取代）的条文。\n"
                          "第十八条  走访的场所和代表人数")
    assert "代表人数不得超过5人" in out and "有关机关设立或者指定的接待场所" in out
    toc = invoke("toc", "-e", "旧").stdout
    assert "《信访条例》 共7章51条" in toc and "第七章 附则（第四十九条至第五十一条）" in toc
    info = json.loads(invoke("info", "--edition", "2005", "--json").stdout)
    assert (info["title"], info["articles"], info["issuer"]) == ("信访条例", 51, "国务院")
    assert "以下是" not in invoke("show", "18", "--edition", "2022").stdout  # the default needs no notice
    hits = json.loads(invoke("search", "走访", "-e", "2005", "--json").stdout)
    assert hits[0]["article"] in (16, 18)


@pytest.mark.parametrize(("args", "message"), [
    (["show", "18", "--edition", "1995"], "没有“1995”这一版本，可选 2022：《信访工作条例》（2022年）；2005："),
    (["show", "18", "-e", "2005", "--corpus", "data/条例.yaml"], "--edition 和 --corpus 只能用一个"),
    (["principles", "-e", "2005"], "《信访条例》中没有整理出的信访工作原则"),
    (["show", "52", "-e", "2005"], "第 52 条不存在：有效范围是第 1–51 条"),
])
def test_edition_errors(invoke, args, message):
    r = invoke(*args)
    assert r.exit_code == 2 and message in r.stderr


def test_edition_wins_over_the_environment(invoke):
    out = invoke("show", "1", "-e", "2005", env={"XUEZHI_CORPUS": "data/条例.yaml"}).stdout
    assert "为了保持各级人民政府同人民群众的密切联系" in out


def test_one_article_in_a_no_color_terminal_wraps_at_its_width(invoke, monkeypatch):
    """NO_COLOR means no colour, not no layout: a 60-column terminal gets lines of 60 at most, the
    same text as a file gets on one line per paragraph."""
    from rich.cells import cell_len

    import xuezhi.terminal.console

    whole = invoke("compare", "26").stdout
    monkeypatch.setattr(xuezhi.terminal.console, "is_terminal", lambda stream=None: True)  # NO_COLOR stays set
    monkeypatch.setenv("COLUMNS", "60")
    out = invoke("compare", "26").stdout
    assert max(map(cell_len, out.splitlines())) <= 60 < max(map(cell_len, whole.splitlines()))
    assert "".join(out.split()) == "".join(whole.split())
