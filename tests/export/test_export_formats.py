"""Every export format read back by a reader this project did not write.

python-docx reads the Word paper and key, openpyxl the workbook, the csv module the CSV,
pygiftparser (PyPI: pygiftparserrgmf) the GIFT file, xml.etree the Moodle XML, json the
JSON. The reader's view is compared with the Paper the file was made from.
"""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from export_support import correct_options, paper

from xuezhi.bank.model import LETTERS, QType
from xuezhi.export import FORMATS, export
from xuezhi.quiz.paper import Paper
from xuezhi.quiz.paper_text import split_blanks


@pytest.fixture(scope="module")
def p() -> Paper:
    return paper(unit="某市信访局", minutes=90)


def write(p: Paper, fmt: str, tmp_path: Path, name: str = "卷", **kw) -> list[Path]:
    f = FORMATS[fmt]
    return export(p, f, tmp_path / f"{name}{f.suffix}", **kw).files


# ---------------------------------------------------------------- docx

def _doc(path: Path):
    import docx

    return docx.Document(str(path))


def _texts(path: Path) -> list[str]:
    return [para.text for para in _doc(path).paragraphs]


def _check_paper_text(p: Paper, texts: list[str]) -> None:
    v = p.variants[0]
    joined = "\n".join(texts)
    assert texts[0] == p.variant_title(v)
    assert f"单位：{p.unit or ''}" in joined and "姓名：" in joined and "得分：" in joined
    assert f"满分 {int(v.total)} 分" in joined and f"考试时间 {p.minutes} 分钟" in joined
    for s in v.sections:
        assert s.heading in texts
    for item in v.items:
        q = item.question
        at = next(k for k, t in enumerate(texts) if t.startswith(f"{item.number}．"))
        stem_line = texts[at]
        for piece in split_blanks(q.stem):  # blanks are underlined runs; the rest is verbatim
            assert piece.replace("（　）", "（）") in stem_line  # the bracket is widened by letter spacing
        if q.options:
            lines = []
            for t in texts[at + 1:]:
                if not re.match("[A-F]．", t):
                    break
                lines.append(t)
            printed = "\t".join(lines).split("\t")
            assert printed == [f"{LETTERS[k]}．{o}" for k, o in enumerate(item.options)]


def _check_key_text(p: Paper, texts: list[str]) -> None:
    for item in p.variants[0].items:
        line = next(t for t in texts if t.startswith(f"{item.number}．答案："))
        q = item.question
        if q.type in (QType.SINGLE, QType.MULTIPLE):
            assert line.startswith(f"{item.number}．答案：{item.answer_letters()}")
        elif q.type is QType.JUDGE:  # the paper asks for √/×, so the key answers in them
            assert line.startswith(f"{item.number}．答案：{'√' if q.answer else '×'}")
        else:
            assert all(b[0] in line for b in q.blanks)
        assert q.explanation in line and f"依据：{q.basis.label()}" in line


def test_docx_paper_and_key_read_back(p, tmp_path):
    (path,) = write(p, "docx", tmp_path)
    doc = _doc(path)
    texts = [para.text for para in doc.paragraphs]
    cut = texts.index("参考答案及解析")
    _check_paper_text(p, texts[:cut])
    _check_key_text(p, texts[cut:])
    assert not any(t.startswith("1．答案") for t in texts[:cut])  # no answers on the students' pages
    # the key starts a new section on a new page
    from docx.enum.section import WD_SECTION

    assert len(doc.sections) == 2 and doc.sections[1].start_type == WD_SECTION.NEW_PAGE
    assert doc.sections[1].footer.paragraphs[0].text.startswith("参考答案")
    # the score table has a column per section plus 题号 and 总分
    assert [c.text for c in doc.tables[0].rows[0].cells] == ["题号", "一", "二", "三", "四", "总分"]


def test_docx_fonts_margins_and_page(p, tmp_path):
    from docx.oxml.ns import qn
    from docx.shared import Cm

    (path,) = write(p, "docx", tmp_path)
    doc = _doc(path)
    sec = doc.sections[0]
    assert abs(sec.page_width - Cm(21)) < Cm(0.05) and abs(sec.page_height - Cm(29.7)) < Cm(0.05)
    assert Cm(2) <= sec.left_margin <= Cm(3) and Cm(2) <= sec.top_margin <= Cm(3)
    for name, east in (("Normal", "宋体"), ("试卷标题", "黑体"), ("大题标题", "黑体"), ("题干", "宋体")):
        fonts = doc.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == east
        assert fonts.get(qn("w:eastAsiaTheme")) is None
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.rFonts.get(qn("w:eastAsia")) == "宋体" and defaults.rFonts.get(qn("w:eastAsiaTheme")) is None
    # answer brackets are widened by letter spacing (a space inside would let the line break there)
    spaced = [r for para in doc.paragraphs for r in para.runs if r.text == "（"
              and r._r.rPr is not None and r._r.rPr.find(qn("w:spacing")) is not None]
    assert len(spaced) == sum(1 for i in p.variants[0].items if i.question.type is not QType.BLANK)
    # each blank is a line drawn as an inline picture (one glyph: it cannot split across lines)
    drawn = [d for para in doc.paragraphs for d in para._p.iter(qn("wp:docPr")) if d.get("descr") == "填空横线"]
    assert len(drawn) == sum(len(i.question.blanks) for i in p.variants[0].items)


def test_docx_key_separate_writes_two_files_per_variant(tmp_path):
    p = paper(variants=2)
    files = write(p, "docx", tmp_path, key="separate")
    assert [f.name for f in files] == ["卷-A卷.docx", "卷-A卷-答案.docx", "卷-B卷.docx", "卷-B卷-答案.docx"]
    for v, (paper_file, key_file) in zip(p.variants, [files[:2], files[2:]], strict=True):
        texts, key = _texts(paper_file), _texts(key_file)
        assert texts[0] == p.variant_title(v)
        assert not any("答案：" in t for t in texts)
        assert len(_doc(paper_file).sections) == 1
        one = Paper(**{**p.__dict__, "variants": (v,)})
        _check_paper_text(one, texts)
        _check_key_text(one, key)
        assert key[:2] == [p.variant_title(v), "参考答案及解析"]


# ---------------------------------------------------------------- xlsx and csv

HEADER = ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "答案", "解析", "分值", "难度",
          "条文依据"]


def _check_rows(p: Paper, header: list, rows: list[list]) -> None:
    assert header[: len(HEADER)] == HEADER
    items = p.variants[0].items
    assert len(rows) == len(items)
    for item, row in zip(items, rows, strict=True):
        q = item.question
        cells = dict(zip(header, row, strict=False))
        assert cells["题干"] == q.stem and cells["题型"] == q.type.label
        assert str(cells["分值"]) == str(int(item.points))
        assert cells["条文依据"] == q.basis.label() and cells["解析"] == q.explanation
        answer = cells["答案"]
        if q.type in (QType.SINGLE, QType.MULTIPLE):
            options = [cells[f"选项{c}"] for c in LETTERS]
            assert options[: len(q.options)] == item.options and not any(options[len(q.options):])
            assert re.fullmatch("[A-F]+", answer) and list(answer) == sorted(answer)
            assert {options[LETTERS.index(c)] for c in answer} == correct_options(item)
        elif q.type is QType.JUDGE:
            assert answer == ("正确" if q.answer else "错误")
        else:
            assert [b.split(";") for b in answer.split("|")] == [list(b) for b in q.blanks]


def test_xlsx_reads_back_with_openpyxl(p, tmp_path):
    from openpyxl import load_workbook

    (path,) = write(p, "xlsx", tmp_path)
    ws = load_workbook(path).active
    values = [list(r) for r in ws.iter_rows(values_only=True)]
    header = values[0]
    _check_rows(p, header, [["" if c is None else c for c in r] for r in values[1:]])
    assert ws.freeze_panes == "A2"


def test_csv_reads_back_with_the_csv_module_and_has_a_bom(p, tmp_path):
    (path,) = write(p, "csv", tmp_path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    _check_rows(p, rows[0], rows[1:])


# ---------------------------------------------------------------- txt, md, json

def test_txt_is_the_text_import_layout(p, tmp_path):
    (path,) = write(p, "txt", tmp_path)
    blocks = path.read_text(encoding="utf-8").strip().split("\n\n")
    items = p.variants[0].items
    assert len(blocks) == len(items)
    for item, block in zip(items, blocks, strict=True):
        lines = block.split("\n")
        q = item.question
        assert lines[0].startswith(f"{item.number}.[{q.type.label}]")
        assert [ln for ln in lines if re.match("[A-F]\\.", ln)] == [f"{LETTERS[k]}.{o}" for k, o in
                                                                   enumerate(item.options)]
        assert lines[-2].startswith("答案：") and lines[-1].startswith("解析：")
        if q.type is QType.BLANK:
            assert lines[0].count("____") == len(q.blanks) and "（　）" not in lines[0]


def test_md_has_section_headings_and_the_key_at_the_end(p, tmp_path):
    (path,) = write(p, "md", tmp_path)
    text = path.read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings == [s.heading for s in p.variants[0].sections] + ["参考答案及解析"]
    key = text.split("## 参考答案及解析")[1]
    for item in p.variants[0].items:
        assert f"**{item.number}.** " in text.split("## 参考答案及解析")[0]
        assert f"**{item.number}. " in key


def test_json_holds_questions_blueprint_seed_and_permutations(tmp_path):
    p = paper(variants=2)
    (path,) = write(p, "json", tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["seed"] == p.seed and data["total_points"] == 100
    assert data["blueprint"][0] == {"type": "single", "count": 20, "points": 2}
    by_id = {q["id"]: q for q in data["questions"]}
    assert len(by_id) == 100  # two variants, no question twice
    assert [v["name"] for v in data["variants"]] == ["A", "B"]
    for v, jv in zip(p.variants, data["variants"], strict=True):
        items = [i for s in jv["sections"] for i in s["items"]]
        for item, ji in zip(v.items, items, strict=True):
            q = by_id[ji["id"]]
            assert q == item.question.as_dict() | {"chapter": item.chapter}
            assert sorted(ji["option_order"]) == list(range(len(q.get("options", []))))
            if q["type"] in ("single", "multiple"):
                shown = [q["options"][k] for k in ji["option_order"]]
                assert {shown[LETTERS.index(c)] for c in ji["answer"]} == {q["options"][LETTERS.index(c)]
                                                                           for c in q["answer"]}


# ---------------------------------------------------------------- GIFT

def _gift(path: Path):
    from pygiftparser import parser

    return parser.parse(path.read_text(encoding="utf-8"))


def _weight(option) -> float:
    """pygiftparser reads only whole-number weights; %33.33333% stays in the text, so read it here."""
    m = re.match(r"^[~=]%(-?[\d.]+)%", option.raw_text)
    return float(m.group(1)) if m else option.percentage * 100


ALLOWED = {100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5,
           11.11111, 10, 5}


def test_gift_parses_with_the_right_types_answers_and_categories(tmp_path):
    p = paper(blueprint="single:30x2,multiple:30x3,judge:30x1,blank:40x2")
    (path,) = write(p, "gift", tmp_path)
    parsed = {q.name: q for q in _gift(path).questions}
    items = {i.question.id: i for i in p.variants[0].items}
    multi_blank = {qid for qid, i in items.items() if len(i.question.blanks) > 1}
    assert multi_blank, "the sample should include multi-blank questions"
    assert set(parsed) == set(items) - multi_blank
    for qid, g in parsed.items():
        item = items[qid]
        q = item.question
        assert g.category == f"$course$/top/信访工作条例/{p.chapter_label(item.chapter)}"
        kind = type(g.answer).__name__
        opts = g.answer.options
        if q.type is QType.SINGLE:
            assert kind == "MultipleChoiceRadio"
            assert [o.text.strip() for o in opts if o.prefix == "="] == [q.options[q.correct_indexes[0]]]
        elif q.type is QType.MULTIPLE:
            assert kind == "MultipleChoiceCheckbox"
            weights = {re.sub(r"^%-?[\d.]+%", "", o.text).strip(): _weight(o) for o in opts}
            right = correct_options(item)
            assert {t for t, w in weights.items() if w > 0} == right
            assert all(w in ALLOWED for t, w in weights.items() if t in right)
            assert abs(sum(w for w in weights.values() if w > 0) - 100) < 0.001
            assert all(w == -100 for t, w in weights.items() if t not in right)
        elif q.type is QType.JUDGE:
            assert kind == "TrueFalse"
            assert opts[0].text == ("True" if q.answer else "False")
        else:
            assert kind == "Short"
            assert [o.text.strip() for o in opts] == list(q.blanks[0])
            before, after = split_blanks(q.stem)
            assert g.text.strip() == before.strip() and (g.text_continue or "") == after.strip()


def test_gift_escapes_special_characters():
    from xuezhi.export.gift import esc

    assert esc("a~b=c#d{e}f:g\\h") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"


def test_gift_warns_about_multi_blank_questions(tmp_path):
    p = paper(blueprint="blank:40x2")
    f = FORMATS["gift"]
    result = export(p, f, tmp_path / "b.gift")
    skipped = [i.question.id for i in p.variants[0].items if len(i.question.blanks) > 1]
    assert any("moodle" in w and str(len(skipped)) in w for w in result.warnings)
    assert "未导出" in (tmp_path / "b.gift").read_text(encoding="utf-8")
    kept = 40 - len(skipped)  # the summary table says 40 questions; the warning says what the file holds
    assert any(f"文件中实际为 {kept} 题、共 {kept * 2} 分" in w for w in result.warnings)



def test_gift_with_only_multi_blank_questions_writes_nothing_and_says_why(tmp_path):
    from dataclasses import replace

    from xuezhi.errors import XuezhiError

    p = paper(blueprint="blank:40x2")
    v = p.variants[0]
    multi = tuple(i for i in v.items if len(i.question.blanks) > 1)
    only_multi = replace(p, variants=(replace(v, sections=tuple(replace(s, items=multi) for s in v.sections)),))
    with pytest.raises(XuezhiError) as info:
        export(only_multi, FORMATS["gift"], tmp_path / "b.gift")
    assert "没有可写入的题目" in info.value.message and "moodle" in info.value.message
    assert not (tmp_path / "b.gift").exists()

# ---------------------------------------------------------------- Moodle XML

def test_moodle_xml_types_fractions_names_and_categories(tmp_path):
    p = paper(blueprint="single:30x2,multiple:30x3,judge:30x1,blank:40x2")
    (path,) = write(p, "moodle", tmp_path)
    raw = path.read_text(encoding="utf-8")
    assert "<![CDATA[" in raw
    root = ET.parse(path).getroot()
    assert root.tag == "quiz"
    questions = root.findall("question")
    categories = [q.findtext("category/text") for q in questions if q.get("type") == "category"]
    assert categories and all(c.startswith("$course$/top/信访工作条例/第") for c in categories)
    real = [q for q in questions if q.get("type") != "category"]
    items = {i.question.id: i for i in p.variants[0].items}
    assert sorted(q.findtext("name/text") for q in real) == sorted(items)
    for el in real:
        item = items[el.findtext("name/text")]
        q = item.question
        answers = [(a.get("fraction"), a.findtext("text")) for a in el.findall("answer")]
        assert el.findtext("defaultgrade") == str(int(item.points))
        assert q.explanation in el.findtext("generalfeedback/text")
        if q.type is QType.SINGLE:
            assert el.get("type") == "multichoice" and el.findtext("single") == "true"
            assert [t for f, t in answers if f == "100"] == [q.options[q.correct_indexes[0]]]
            assert sorted(f for f, _ in answers) == ["0"] * (len(q.options) - 1) + ["100"]
        elif q.type is QType.MULTIPLE:
            assert el.get("type") == "multichoice" and el.findtext("single") == "false"
            right = correct_options(item)
            good = [float(f) for f, t in answers if t in right]
            assert {t for f, t in answers if float(f) > 0} == right
            assert len(set(good)) == 1 and good[0] in ALLOWED and abs(sum(good) - 100) < 0.001
            assert all(f == "-100" for f, t in answers if t not in right)
        elif q.type is QType.JUDGE:
            assert el.get("type") == "truefalse"
            assert dict((t, f) for f, t in answers) == {"true": "100" if q.answer else "0",
                                                         "false": "0" if q.answer else "100"}
        elif len(q.blanks) == 1:
            assert el.get("type") == "shortanswer"
            assert [t for f, t in answers if f == "100"] == list(q.blanks[0])
        else:
            assert el.get("type") == "cloze"
            text = el.findtext("questiontext/text")
            assert len(re.findall(r"\{1:SHORTANSWER:=[^}]+\}", text)) == len(q.blanks)
            for blank in q.blanks:
                assert "=" + blank[0] in text


def test_cdata_survives_its_terminator():
    from xuezhi.export.moodle import cdata

    assert ET.fromstring(f"<t>{cdata('a]]>b')}</t>").text == "a]]>b"
