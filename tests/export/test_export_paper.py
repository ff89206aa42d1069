"""The printed paper (issue 10): 答题卡, 密封线, 第 X 页 共 Y 页 in every part, √/× in the key, a key
grid that never wraps, blanks that never split, pages that break by themselves, the Excel bank's
print setup. Each reads the file back with python-docx or openpyxl; one renders it with LibreOffice.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from export_support import SEED, paper

from xuezhi.bank.grading import Presentation
from xuezhi.bank.model import QType
from xuezhi.export import FORMATS, Layout, export
from xuezhi.quiz.paper import Item, Section, Variant

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VML_SHAPE = "{urn:schemas-microsoft-com:vml}shape"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
TEXT_W_CM = 21.0 - 2 * 2.6
ROOT = Path(__file__).resolve().parents[2]


def _write(p, tmp_path: Path, name: str = "卷.docx", **kw) -> list[Path]:
    return export(p, FORMATS["docx"], tmp_path / name, **kw).files


def _doc(path: Path):
    import docx

    return docx.Document(str(path))


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(f"{W}t"))


def _parts(doc) -> list[list]:
    """The body's paragraphs and tables, one list per part (section)."""
    parts: list[list] = [[]]
    for el in doc.element.body.iterchildren():
        if el.tag == f"{W}sectPr":
            continue
        parts[-1].append(el)
        if el.tag == f"{W}p" and el.find(f"{W}pPr/{W}sectPr") is not None:
            parts.append([])
    return parts


def _rows(tbl) -> list[list[str]]:
    return [[_text(tc) for tc in tr.iter(f"{W}tc")] for tr in tbl.iter(f"{W}tr")]


def _tables(part: list) -> list:
    return [el for el in part if el.tag == f"{W}tbl"]


def _texts(part: list) -> list[str]:
    return [_text(el) for el in part if el.tag == f"{W}p"]


# ---------------------------------------------------------------- footers

@pytest.mark.parametrize("key, layout, files", [
    (None, Layout(), [["", "参考答案 "]]),
    ("separate", Layout(), [[""], ["参考答案 "]]),
    (None, Layout(answer_sheet=True), [["", "答题卡 ", "参考答案 "]]),
    ("separate", Layout(answer_sheet=True, seal=True), [["", "答题卡 "], ["参考答案 "]]),
])
def test_every_part_reads_page_x_of_y(tmp_path, key, layout, files):
    """With --key end the footers read 第1页 without 共N页: LibreOffice cannot count a section's pages,
    so the total of a part is a PAGEREF to a bookmark on its last paragraph."""
    paths = _write(paper(), tmp_path, key=key, layout=layout)
    assert len(paths) == len(files)
    for path, labels in zip(paths, files, strict=True):
        doc = _doc(path)
        parts = _parts(doc)
        assert len(doc.sections) == len(labels) == len(parts)
        for n, (sec, label, part) in enumerate(zip(doc.sections, labels, parts, strict=True), 1):
            footer = sec.footer.paragraphs[0]._p
            assert _text(footer) == f"{label}第 1 页 共 1 页"  # the fields show 1 until laid out
            instr = [f.get(f"{W}instr").split() for f in footer.iter(f"{W}fldSimple")]
            if len(labels) == 1:
                assert instr == [["PAGE"], ["NUMPAGES"]]
            else:
                assert instr == [["PAGE"], ["PAGEREF", f"_XzPart{n}"]]
                marks = [b.get(f"{W}name") for b in part[-1].iter(f"{W}bookmarkStart")]
                assert marks == [f"_XzPart{n}"]  # on the part's last paragraph, so on its last page
            assert sec._sectPr.find(f"{W}pgNumType").get(f"{W}start") == "1"


# ---------------------------------------------------------------- 答题卡

def test_answer_sheet_has_a_numbered_box_for_every_question(tmp_path):
    p = paper(unit="某市信访局")
    v = p.variants[0]
    (path,) = _write(p, tmp_path, layout=Layout(answer_sheet=True))
    paper_part, sheet, key = _parts(_doc(path))
    texts = _texts(sheet)
    assert texts[0] == f"{p.title}答题卡" and any("写在试卷上无效" in t for t in texts)
    assert any("请将答案写在答题卡上" in t for t in _texts(paper_part))  # the paper says where to answer
    assert not any("答题卡" in t for t in _texts(key))
    score, *boxes = _tables(sheet)
    assert _rows(score)[0] == ["题号", "一", "二", "三", "四", "总分"]
    assert _tables(paper_part) == []  # the score table moved to the sheet, where the marker scores
    assert len(boxes) == len(v.sections)
    for s, tbl in zip(v.sections, boxes, strict=True):
        rows = _rows(tbl)
        if s.type is QType.BLANK:  # two questions to a row: number, then (1)(2)… for several blanks
            cells = [c for r in rows for c in r]
            assert [int(c) for c in cells[::2] if c] == [i.number for i in s.items]
            for item, room in zip(s.items, cells[1::2], strict=False):
                n = len(item.question.blanks)
                assert room == ("".join(f"（{k}）" for k in range(1, n + 1)) if n > 1 else "")
        else:
            numbers = [int(c) for r in rows[::2] for c in r[1:] if c]
            assert numbers == [i.number for i in s.items]
            for head, answer in zip(rows[::2], rows[1::2], strict=True):
                assert head[0] == "题号" and answer[0] == "答案" and not any(answer[1:])
                assert len(head) == (5 if s.type is QType.MULTIPLE else 10) + 1


def test_without_the_option_there_is_no_answer_sheet(tmp_path):
    (path,) = _write(paper(), tmp_path)
    doc = _doc(path)
    assert len(doc.sections) == 2
    assert not any("答题卡" in _text(el) for part in _parts(doc) for el in part)


# ---------------------------------------------------------------- 密封线

def test_seal_line_is_on_every_page_of_the_paper_and_the_sheet_not_the_key(tmp_path):
    p = paper()
    (path,) = _write(p, tmp_path, layout=Layout(answer_sheet=True, seal=True))
    doc = _doc(path)
    *sealed, key = doc.sections
    for sec in sealed:
        (shape,) = sec.header._element.iter(VML_SHAPE)  # a header is on every page of its section
        style = shape.get("style")
        assert "mso-position-horizontal-relative:page" in style and "mso-layout-flow-alt:bottom-to-top" in style
        text = _text(shape)
        assert all(label in text for label in ("单位：", "姓名：", "考号："))
        assert "密　封　线　内　不　要　答　题" in text
        left = float(re.search(r"margin-left:([\d.]+)cm", style)[1])
        width = float(re.search(r"width:([\d.]+)cm", style)[1])
        assert left + width < sec.left_margin.cm  # the strip is in the binding margin, clear of the text
        assert abs((sec.page_width - sec.left_margin - sec.right_margin) / 360000 - TEXT_W_CM) < 0.01
    assert not list(key.header._element.iter(VML_SHAPE))
    assert not any(t.startswith("单位：") for t in _texts(_parts(doc)[0]))  # not printed twice


def test_without_the_option_there_is_no_seal_line(tmp_path):
    (path,) = _write(paper(), tmp_path, layout=Layout(answer_sheet=True))
    doc = _doc(path)
    assert not any(list(s.header._element.iter(VML_SHAPE)) for s in doc.sections)
    assert doc.sections[0].left_margin.cm == pytest.approx(2.6, abs=0.01)


# ---------------------------------------------------------------- the key

def _long_key_paper():
    """A paper whose multiple-choice keys run to six letters (the bank's longest is four)."""
    p = paper(blueprint="multiple:12x3,judge:4x1")
    multi, judge = p.variants[0].sections
    items = []
    for k, it in enumerate(multi.items):
        q = replace(it.question, options=[f"选项{j}" for j in range(6)], answer="ABCDEF"[: 2 + k % 5])
        items.append(Item(it.number, Presentation(q, tuple(range(6))), it.points, it.chapter))
    v = Variant("", (Section(0, multi.part, tuple(items)), judge))
    return replace(p, variants=(v,))


def test_key_grid_holds_each_answer_on_one_line(tmp_path):
    """ABCD once wrapped as ABC/D: cells were 1.25 cm whatever the answer."""
    p = _long_key_paper()
    (path,) = _write(p, tmp_path)
    key = _parts(_doc(path))[1]
    grids = _tables(key)
    assert len(grids) == 2
    for tbl in grids:
        assert tbl.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"
        widths = [int(c.get(f"{W}w")) / 567 for c in tbl.iter(f"{W}gridCol")]
        assert sum(widths) <= TEXT_W_CM
        for tr in tbl.iter(f"{W}tr"):
            for tc, w in zip(tr.iter(f"{W}tc"), widths, strict=True):
                assert tc.find(f"{W}tcPr/{W}noWrap") is not None
                answer = _text(tc)
                if re.fullmatch("[A-F]+", answer):  # bold capitals ≤ 0.72 em of 10.5 pt, plus the cell margins
                    assert w >= len(answer) * 0.267 + 0.2, (answer, w)
    rows = _rows(grids[0])
    assert rows[1][1:] == ["AB", "ABC", "ABCD", "ABCDE", "ABCDEF"]  # five to a row when ten do not fit
    assert rows[0][1:] == ["1", "2", "3", "4", "5"]


def test_key_answers_judge_questions_in_the_signs_the_paper_asks_for(tmp_path):
    p = paper()
    (path,) = _write(p, tmp_path)
    paper_part, key = _parts(_doc(path))
    assert "正确的在括号内画“√”，错误的画“×”。" in _texts(paper_part)
    judges = [i for i in p.variants[0].items if i.question.type is QType.JUDGE]
    grid = [r for t in _tables(key) for r in _rows(t)]
    lines = _texts(key)
    for item in judges:
        mark = "√" if item.question.answer else "×"
        assert any(t.startswith(f"{item.number}．答案：{mark}　") for t in lines)
    judged = {f"{i.number}．" for i in judges}
    assert not any(re.match(r"\d+．答案：(正确|错误)　", t) for t in lines if t.split("答案")[0] in judged)
    assert {c for r in grid for c in r[1:]} >= {"√", "×"}
    (md,) = export(p, FORMATS["md"], tmp_path / "卷.md").files
    key_md = md.read_text(encoding="utf-8").split("参考答案及解析")[1]
    assert all(f"**{i.number}. {'√' if i.question.answer else '×'}**" in key_md for i in judges)


# ---------------------------------------------------------------- blanks and pages

def test_a_blank_is_one_unbreakable_inline_line(tmp_path):
    """An underlined run of spaces split across lines in LibreOffice (NBSP, NBSP after ZWSP, underscores)."""
    p = paper()
    (path,) = _write(p, tmp_path)
    doc = _doc(path)
    stems = {t.split("．")[0]: el for el in _parts(doc)[0] if el.tag == f"{W}p" and re.match(r"\d+．", t := _text(el))}
    for item in p.variants[0].items:
        stem = stems[str(item.number)]
        inline = [d for d in stem.iter(f"{WP}inline")]
        assert len(inline) == len(item.question.blanks)
        for d in inline:
            assert d.get("distL") == d.get("distR") == "0"
            assert d.getparent().getparent().tag == f"{W}r"  # one glyph inside the stem's text
        assert not list(stem.iter(f"{W}u"))  # no underlined text that could split
    image = next(p for p in doc.part.package.iter_parts() if p.content_type == "image/png")
    assert image.blob.startswith(b"\x89PNG")


def test_pages_break_by_themselves(tmp_path):
    """Keep-with-next on headings and within questions only; nothing forces a page but a new part."""
    p = paper()
    (path,) = _write(p, tmp_path)
    doc = _doc(path)
    ids = {st.style_id: st.name for st in doc.styles}
    body = doc.element.body
    assert not list(body.iter(f"{W}pageBreakBefore"))
    assert not [br for br in body.iter(f"{W}br") if br.get(f"{W}type") == "page"]
    kept = {ids[el.find(f"{W}pPr/{W}pStyle").get(f"{W}val")] for el in body.iter(f"{W}p")
            if el.find(f"{W}pPr/{W}keepNext") is not None}
    assert kept <= {"大题标题", "大题说明", "题干", "选项", "表格"}  # 表格: a 题号 row keeps with its 答案 row
    for name in ("题干", "选项", "大题标题"):  # exact line pitch: the same page breaks whatever the font
        assert doc.styles[name].element.pPr.spacing.get(f"{W}lineRule") == "exact"


@pytest.mark.parametrize("layout", [Layout(), Layout(answer_sheet=True, seal=True)])
def test_a_question_is_never_split_from_its_options(tmp_path, layout):
    """Examiners do not accept a question whose last options are on the next page (seed 20240501 put
    Q5's D overleaf): every paragraph of a question keeps with the next one and its lines together;
    its last paragraph does not, so questions still break between each other by themselves."""
    (path,) = _write(paper(), tmp_path, layout=layout)
    doc = _doc(path)
    ids = {st.style_id: st.name for st in doc.styles}
    questions: list[list] = []
    for el in doc.element.body.iter(f"{W}p"):
        style = el.find(f"{W}pPr/{W}pStyle")
        name = ids.get(style.get(f"{W}val")) if style is not None else None
        if name == "题干":
            questions.append([el])
        elif name == "选项":
            questions[-1].append(el)
    assert len(questions) == 50 and sum(len(q) > 2 for q in questions) > 10  # options on two or more lines
    for q in questions:
        label = _text(q[0])[:12]
        assert [el.find(f"{W}pPr/{W}keepNext") is not None for el in q] == [True] * (len(q) - 1) + [False], label
        assert all(el.find(f"{W}pPr/{W}keepLines") is not None for el in q), label


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="needs LibreOffice and poppler-utils")
def test_rendered_pages_are_at_least_three_quarters_full(tmp_path, monkeypatch):
    """Pages ended 20–40 % empty. Rendered by LibreOffice; tools/paper_fill.py measures more seeds."""
    spec = importlib.util.spec_from_file_location("paper_fill", ROOT / "tools" / "paper_fill.py")
    fill = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "paper_fill", fill)  # its dataclass looks its module up
    spec.loader.exec_module(fill)
    files = _write(paper(seed=SEED), tmp_path, layout=Layout(answer_sheet=True))
    (pdf,) = fill.render(files, tmp_path)
    pages = fill.pages(pdf)
    assert fill.problems(pages) == []
    assert [p.part for p in pages if p.last_of_part] == ["试卷", "答题卡", "参考答案"]


# ---------------------------------------------------------------- Excel

def test_xlsx_wraps_sizes_columns_and_prints_landscape_fit_to_width(tmp_path):
    from openpyxl import load_workbook

    (path,) = export(paper(), FORMATS["xlsx"], tmp_path / "库.xlsx").files
    ws = load_workbook(path).active
    setup = ws.page_setup
    assert setup.orientation == "landscape" and str(setup.paperSize) == "9"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth == 1 and setup.fitToHeight == 0
    assert ws.print_title_rows == "$1:$1"  # the header row on every printed page
    header = [c.value for c in ws[1]]
    widths = {h: ws.column_dimensions[chr(65 + k)].width for k, h in enumerate(header)}
    assert widths["题干"] >= 30 and widths["解析"] >= 30 and widths["题型"] <= 10
    heights = []
    for row in ws.iter_rows(min_row=2):
        assert all(c.alignment.wrap_text for c in row if isinstance(c.value, str))
        longest = max(len(c.value) for c in row if isinstance(c.value, str))
        heights.append((longest, ws.row_dimensions[row[0].row].height))
    # a row is as high as its longest cell needs: 20 CJK characters a line in the 36-wide columns
    assert all(h >= 13 * -(-n // 20) for n, h in heights)
    assert len({h for _, h in heights}) > 1


# ---------------------------------------------------------------- the command

def test_cli_answer_sheet_seal_and_keep_order(invoke, tmp_path):
    r = invoke("export", str(tmp_path / "卷.docx"), "--answer-sheet", "--seal", "--seed", "3")
    assert r.exit_code == 0, r.output
    doc = _doc(tmp_path / "卷.docx")
    assert len(doc.sections) == 3 and list(doc.sections[0].header._element.iter(VML_SHAPE))
    r = invoke("export", str(tmp_path / "卷.xlsx"), "--answer-sheet", "--seed", "3")
    assert r.exit_code == 0 and "--answer-sheet、--seal 只对 docx 格式有效" in r.stderr

    import csv

    def options(*args: str) -> list[list[str]]:
        out = tmp_path / f"{len(list(tmp_path.iterdir()))}.csv"
        assert invoke("export", "--all", "-o", str(out), *args).exit_code == 0
        with out.open(encoding="utf-8-sig", newline="") as fh:
            return [row[2:8] for row in list(csv.reader(fh))[1:]]

    from xuezhi.bank.load import load_bank

    in_bank = [list(q.options) + [""] * (6 - len(q.options)) for q in load_bank().questions]
    kept = options("--keep-order")
    assert sorted(map(tuple, kept)) == sorted(map(tuple, in_bank))
    shuffled = options("--seed", "9")
    assert shuffled == options("--seed", "9") and shuffled != kept
