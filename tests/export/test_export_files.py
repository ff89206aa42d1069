"""Care with files: no overwriting without --force, no half-written file, no formula in a cell,
and the same seed giving byte-identical text exports."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from export_support import paper

from xuezhi.errors import ExitCode, XuezhiError
from xuezhi.export import FORMATS, export, resolve
from xuezhi.export.cells import neutralise
from xuezhi.export.files import write_files

# ---------------------------------------------------------------- overwrite and atomic writes


def _listing(d: Path) -> list[str]:
    """What an export left in `d`; not the test's XUEZHI_HOME, where the first load of the bank caches it."""
    return sorted(p.name for p in d.iterdir() if p.name != "xuezhi-home")


def test_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "卷.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(XuezhiError) as e:
        export(paper(), FORMATS["json"], target)
    assert "已存在" in e.value.message and "--force" in e.value.message
    assert e.value.code is ExitCode.BAD_INPUT
    assert target.read_text(encoding="utf-8") == "old"
    export(paper(), FORMATS["json"], target, force=True)
    assert target.read_text(encoding="utf-8").startswith("{")


def test_one_existing_file_of_several_stops_them_all(tmp_path):
    (tmp_path / "卷-B卷.txt").write_text("old", encoding="utf-8")
    with pytest.raises(XuezhiError, match=r"卷-B卷\.txt"):
        export(paper(variants=2), FORMATS["txt"], tmp_path / "卷.txt")
    assert _listing(tmp_path) == ["卷-B卷.txt"]


def _fail_midway(fh):
    fh.write(b"PK\x03\x04 half a file")
    raise RuntimeError("disk unplugged")


def test_a_failure_mid_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "卷.docx"
    target.write_bytes(b"the old paper")
    with pytest.raises(RuntimeError):
        write_files([(target, _fail_midway)], force=True)
    assert target.read_bytes() == b"the old paper"
    assert _listing(tmp_path) == ["卷.docx"]


def test_a_failure_in_the_second_file_writes_neither(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    with pytest.raises(RuntimeError):
        write_files([(a, lambda fh: fh.write(b"complete")), (b, _fail_midway)])
    assert _listing(tmp_path) == []


def test_a_failing_exporter_keeps_the_previous_export(tmp_path, monkeypatch):
    from xuezhi.export import docx

    target = tmp_path / "卷.docx"
    export(paper(), FORMATS["docx"], target)
    before = target.read_bytes()

    def broken(paper, variant, fh, part="all"):
        fh.write(before[:100])
        raise MemoryError

    monkeypatch.setattr(docx, "write", broken)
    with pytest.raises(MemoryError):
        export(paper(seed=1), FORMATS["docx"], target, force=True)
    assert target.read_bytes() == before
    assert zipfile.is_zipfile(target)
    assert _listing(tmp_path) == ["卷.docx"]


def test_os_errors_become_chinese_messages(tmp_path, monkeypatch):
    def denied(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", denied)
    with pytest.raises(XuezhiError) as e:
        write_files([(tmp_path / "a.txt", lambda fh: fh.write(b"x"))])
    assert "没有权限" in e.value.message and e.value.code is ExitCode.OS_ERROR
    assert _listing(tmp_path) == []


def test_missing_directory_and_directory_in_the_way(tmp_path):
    with pytest.raises(XuezhiError, match="不存在"):
        write_files([(tmp_path / "no" / "a.txt", lambda fh: None)])
    (tmp_path / "d.txt").mkdir()
    with pytest.raises(XuezhiError, match="是一个目录"):
        write_files([(tmp_path / "d.txt", lambda fh: None)])


# ---------------------------------------------------------------- format and file name


@pytest.mark.parametrize("name, fmt", [("x.docx", "docx"), ("x.XLSX", "xlsx"), ("x.csv", "csv"), ("x.txt", "txt"),
                                       ("x.md", "md"), ("x.json", "json"), ("x.gift", "gift"), ("x.gift.txt", "gift"),
                                       ("x.xml", "moodle"), ("x.apkg", "apkg")])
def test_format_from_the_extension(name, fmt):
    assert resolve(None, Path(name))[0].name == fmt


def test_default_name_and_directory_output(tmp_path):
    assert resolve(None, None) == (FORMATS["docx"], Path("信访工作条例测试卷.docx"))
    assert resolve("xlsx", tmp_path) == (FORMATS["xlsx"], tmp_path / "信访工作条例测试卷.xlsx")
    assert resolve("apkg", None, whole_bank=True)[1] == Path("信访工作条例题库.apkg")
    with pytest.raises(XuezhiError, match="--format"):
        resolve(None, Path("x.pdf"))
    with pytest.raises(XuezhiError, match="不支持的格式“pdf”"):
        resolve("pdf", None)


# ---------------------------------------------------------------- formula neutralisation

@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+86 10", "'+86 10"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("第二十条", "第二十条"), ("a=b", "a=b"), ("", ""),
])
def test_neutralise(value, expected):
    assert neutralise(value) == expected


@pytest.fixture
def hostile_paper(tmp_path):
    """A trainer's bank whose text begins with formula characters."""
    from xuezhi.bank.load import read_bank
    from xuezhi.quiz.assemble import whole_bank
    from xuezhi.text.corpus import load_regulation

    raw = [
        {"id": "X1", "type": "single", "stem": '=HYPERLINK("http://example.invalid","点我")（　）',
         "options": ["+1", "-1", "@A1", "正常"], "answer": "D", "basis": {"article": 1},
         "explanation": "=1+1"},
        {"id": "X2", "type": "judge", "stem": "-说法", "answer": True, "basis": {"article": 2},
         "explanation": "\t制表符开头"},
    ]
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return whole_bank(read_bank(path), load_regulation(), shuffle_options=False)


def test_csv_cells_cannot_start_a_formula(hostile_paper, tmp_path):
    (path,) = export(hostile_paper, FORMATS["csv"], tmp_path / "h.csv").files
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    cells = [c for r in rows[1:] for c in r]
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    assert rows[1][1].startswith("'=HYPERLINK") and rows[1][2:6] == ["'+1", "'-1", "'@A1", "正常"]


def test_xlsx_cells_are_text_not_formulas(hostile_paper, tmp_path):
    from openpyxl import load_workbook

    (path,) = export(hostile_paper, FORMATS["xlsx"], tmp_path / "h.xlsx").files
    ws = load_workbook(path).active
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                assert cell.data_type == "s"
                assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r"))
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet and "<f " not in sheet


# ---------------------------------------------------------------- determinism

@pytest.mark.parametrize("fmt", ["json", "md", "txt", "gift"])
def test_same_seed_byte_identical(fmt, tmp_path):
    f = FORMATS[fmt]
    (a,) = export(paper(), f, tmp_path / f"a{f.suffix}").files
    (b,) = export(paper(), f, tmp_path / f"b{f.suffix}").files
    (c,) = export(paper(seed=7), f, tmp_path / f"c{f.suffix}").files
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()


def test_same_seed_byte_identical_across_processes(tmp_path):
    """Another process, another string-hash seed: still the same bytes."""
    outputs = []
    for hash_seed in ("1", "2"):
        out = tmp_path / hash_seed
        out.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "NO_COLOR": "1"}
        for fmt in ("json", "gift"):
            subprocess.run([sys.executable, "-m", "xuezhi", "export", "--seed", "99", "--variants", "2", "-f", fmt,
                            "-o", str(out)], check=True, env=env, capture_output=True)
        outputs.append(sorted((p.name, p.read_bytes()) for p in out.iterdir()))
    assert outputs[0] == outputs[1] and len(outputs[0]) == 3
