"""xuezhi export --handout and --deadlines, read back with python-docx, python-pptx and openpyxl."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from docx import Document
from pptx import Presentation
from pptx.dml.color import RGBColor

from xuezhi.guide.deadlines import load_table
from xuezhi.guide.handout import build
from xuezhi.guide.points import load_points


@pytest.fixture(scope="module")
def handout_docx(tmp_path_factory):
    from typer.testing import CliRunner

    from xuezhi.cli.app import app

    out = tmp_path_factory.mktemp("handout") / "讲稿.docx"
    r = CliRunner().invoke(app, ["export", str(out), "--handout", "--unit", "某县信访局"],
                           env={"NO_COLOR": "1", "XUEZHI_HOME": str(out.parent / "home")})
    assert r.exit_code == 0, r.output
    return Document(str(out)), r.stdout


@pytest.fixture(scope="module")
def slides(tmp_path_factory):
    from typer.testing import CliRunner

    from xuezhi.cli.app import app

    out = tmp_path_factory.mktemp("slides") / "讲条例.pptx"
    r = CliRunner().invoke(app, ["export", str(out), "--handout"], env={"NO_COLOR": "1",
                                                                        "XUEZHI_HOME": str(out.parent / "home")})
    assert r.exit_code == 0, r.output
    return Presentation(str(out))


def _texts(doc) -> list[str]:
    out = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        out += [c.text for row in t.rows for c in row.cells]
    return out


def test_handout_has_cover_contents_and_every_article(reg, handout_docx):
    doc, stdout = handout_docx
    paras = [p.text for p in doc.paragraphs]
    assert paras[6] == "《信访工作条例》讲稿"
    assert "某县信访局" in paras
    assert "目　录" in paras
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert headings == [f"{a.label}　{a.summary}" for a in reg.articles]
    assert "全文，6 章 50 条" in stdout


def test_each_article_has_its_text_points_and_questions_with_answers(reg, bank, handout_docx):
    doc, _ = handout_docx
    paras = [p.text for p in doc.paragraphs]
    heads = [i for i, p in enumerate(doc.paragraphs) if p.style.name == "Heading 2"]
    start = next(i for i in heads if paras[i] == "第二十条　走访的提出")
    block = paras[start:next(i for i in heads if i > start)]
    assert "③多人采用走访形式提出共同的信访事项的，应当推选代表，代表人数不得超过5人。" in block
    for point in load_points().of(20).points:
        assert any(line.endswith(point.text) for line in block)
    questions = [line for line in block if line.startswith(("1．〔", "2．〔", "3．〔"))]
    assert len(questions) == 3
    answers = [line for line in block if line.startswith("答案：")]
    assert len(answers) == 3
    ids = {q.stem: q for q in bank.questions if q.basis.article == 20}
    for line in questions:
        stem = line.split("〕", 1)[1]
        assert stem in ids  # the bank's own question, whose answer rests on 第二十条
    assert any(line.startswith("引用本条：第四十七条") for line in block)


def test_deadline_table_and_flow_only_where_they_belong(handout_docx):
    doc, _ = handout_docx
    h3 = [p.text for p in doc.paragraphs if p.style.name == "Heading 3"]
    assert h3.count("本章时限") == 4  # 第二、三、四、五章 have periods or counts
    assert h3.count("信访事项办理流程") == 1
    texts = _texts(doc)
    assert "“听证所需时间不计算在前款规定的期限内”" in "\n".join(texts)
    assert any(t.startswith("五、出具信访处理意见书") for t in texts)


def test_changes_section_when_the_comparison_is_there(handout_docx):
    doc, _ = handout_docx
    h3 = [p.text for p in doc.paragraphs if p.style.name == "Heading 3"]
    assert h3.count("本章新旧变化（与2005年《信访条例》对照）") == 6


def test_one_chapter(reg, bank):
    h = build(reg, bank, [1])
    assert [c.chapter.number for c in h.chapters] == [1]
    assert not h.chapters[0].deadlines and not h.chapters[0].flow
    h = build(reg, bank, [3, 4])
    assert [c.flow for c in h.chapters] == [False, True]  # drawn once, after the last chapter it runs through
    assert {r.id for r in h.chapters[1].deadlines} >= {"办结", "复核意见"}


def test_slides_title_groups_flow_and_table(slides):
    titles = []
    for s in slides.slides:
        texts = [sh.text_frame.text for sh in s.shapes if sh.has_text_frame and sh.text_frame.text]
        titles.append(texts[0] if texts else "")
    assert titles[0] == "学习《信访工作条例》"
    groups = load_points().groups
    assert sum(t.startswith(tuple(g.title for g in groups)) for t in titles) == len(groups)
    flow = titles.index("信访事项办理流程")
    assert titles[flow - 1].startswith("复查、复核与多元化解") and titles[flow + 1].startswith("时限一览")
    assert len(slides.slides) == 1 + len(groups) + 1 + 2  # 12 rows of periods and counts: two table slides


def test_key_sentences_are_highlighted_and_are_the_text(reg, slides):
    points = load_points()
    red = RGBColor.from_string("C00000")
    found = {}
    for s in slides.slides:
        for sh in s.shapes:
            if not sh.has_text_frame:
                continue
            for p in sh.text_frame.paragraphs:
                for r in p.runs:
                    if r.font.bold and r.font.color and r.font.color.type is not None and r.font.color.rgb == red \
                            and r.text.startswith("“"):
                        found[r.text.strip("“”")] = True
    keys = {points.of(a.number).key.text for a in reg.articles}
    assert keys <= set(found)
    for key in found:
        assert any(key in a.text for a in reg.articles)


def test_deadline_table_as_docx_and_xlsx(invoke, tmp_path):
    from openpyxl import load_workbook

    rows = load_table().rows
    r = invoke("export", str(tmp_path / "时限一览.docx"), "--deadlines")
    assert r.exit_code == 0, r.output
    doc = Document(str(tmp_path / "时限一览.docx"))
    (table,) = doc.tables
    assert [c.text for c in table.rows[0].cells] == ["事项", "时限", "由谁", "从何时起算", "要求（条文原文）", "依据"]
    assert len(table.rows) == len(rows) + 1
    r = invoke("export", "-o", str(tmp_path / "时限一览.xlsx"), "--deadlines", "--json")
    assert json.loads(r.stdout)["rows"] == len(rows)
    ws = load_workbook(tmp_path / "时限一览.xlsx").active
    values = list(ws.iter_rows(values_only=True))
    header = values[0]
    assert header[:8] == ("编号", "事项", "类别", "时限", "天数或人数", "单位", "可延长天数", "依据")
    done = next(v for v in values if v[0] == "办结")
    assert (done[4], done[5], done[6], done[7]) == (60, "日", 30, "第三十四条")


def test_never_overwrites_and_refuses_wrong_formats(invoke, tmp_path):
    out = tmp_path / "讲稿.docx"
    out.write_bytes(b"old")
    r = invoke("export", str(out), "--handout", "--chapter", "6")
    assert r.exit_code == 2 and "--force" in r.stderr and out.read_bytes() == b"old"
    assert invoke("export", str(out), "--handout", "--chapter", "6", "--force").exit_code == 0
    r = invoke("export", str(tmp_path / "讲稿.xlsx"), "--handout")
    assert r.exit_code == 2 and "讲稿.docx" in r.stderr and "讲稿.pptx" in r.stderr
    r = invoke("export", str(tmp_path / "表.pptx"), "--deadlines")
    assert r.exit_code == 2 and "表.xlsx" in r.stderr
    r = invoke("export", "--handout", "--deadlines")
    assert r.exit_code == 2 and "一次只能用一个" in r.stderr
    r = invoke("export", str(tmp_path / "三四章.docx"), "--handout", "--chapter", "4,第三章", "--json")
    assert json.loads(r.stdout)["chapters"] == [3, 4]
    r = invoke("export", str(out), "--handout", "--chapter", "9")
    assert r.exit_code == 2 and "第 1–6 章" in r.stderr


def test_each_library_is_imported_only_by_what_needs_it():
    code = ("import sys; from xuezhi.cli.app import main; sys.argv = ['xuezhi'] + sys.argv[1:]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('pptx', 'docx', 'openpyxl', 'chinese_calendar') if m in sys.modules),"
            " file=sys.stderr)")

    def loaded(*args: str) -> str:
        r = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, encoding="utf-8",
                           env={"NO_COLOR": "1", "PATH": "", "XUEZHI_HOME": "/nonexistent-xuezhi-home"}, check=False)
        return r.stderr.strip().splitlines()[-1]

    assert loaded("show", "20") == "[]"
    assert loaded("deadlines") == "[]"
    assert loaded("flow") == "[]"
    assert loaded("deadlines", "--from", "2026-02-10") == "['chinese_calendar']"
