"""Messages that reached users in English or said the wrong thing (issue 15's fuzz campaign)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest


@pytest.mark.parametrize("args", [["progress", "export", "."], ["progress", "export", ".", "--force"]])
def test_progress_export_to_a_directory_says_so(args, invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = invoke(*args)
    assert r.exit_code == 2 and "是一个目录" in r.stderr and "已存在" not in r.stderr, r.output
    assert "busy" not in r.output.lower()


@pytest.mark.parametrize(("args", "expected"), [
    (["it's"], "没有命令“it's”"),
    (["quiz", "--count", "5'"], "--count 的值“5'”不是整数"),
    (["toc", ""], "多余的参数：一个空的参数"),
    (["toc", "x", ""], "多余的参数：x"),
])
def test_click_messages_are_chinese_whatever_the_quoting(args, expected, invoke):
    r = invoke(*args)
    assert r.exit_code == 2 and expected in r.stderr, r.output
    assert "No such" not in r.stderr and "is not a valid" not in r.stderr and "Got unexpected" not in r.stderr


@pytest.mark.skipif(not os.path.exists("/proc/sys/vm/compact_memory"), reason="a file even root cannot read")
@pytest.mark.parametrize("args", [["validate", "{}"], ["quiz", "--bank", "{}"], ["show", "1", "--corpus", "{}"],
                                  ["progress", "import", "{}"]])
def test_an_unreadable_file_is_one_chinese_line(args, invoke):
    r = invoke(*(a.replace("{}", "/proc/sys/vm/compact_memory") for a in args))
    assert r.exit_code == 2 and r.stderr.count("\n") == 1 and "没有读取权限" in r.stderr, r.output
    assert "readable" not in r.stderr


def test_an_import_range_is_written_as_integers(invoke, tmp_path):
    invoke("quiz", "-n", "1", "--type", "judge", input="对\n")
    exported = tmp_path / "a.json"
    invoke("progress", "export", str(exported))
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["sessions"][0]["answers"][0]["seq"] = 2_000_000
    spoilt = tmp_path / "b.json"
    spoilt.write_text(json.dumps(data), encoding="utf-8")
    r = invoke("progress", "import", str(spoilt))
    assert r.exit_code == 2 and "（1–1000000）" in r.stderr and "e+06" not in r.stderr, r.output
    assert r.stderr.startswith(f"错误：{spoilt}：")


def test_a_byte_that_is_not_utf8_is_named_by_line(invoke, tmp_path):
    bank = tmp_path / "题库.yaml"
    bank.write_bytes("- id: M1\n  type: judge\n  stem: 信访人".encode() + "可以".encode("gbk") + b"\n")
    r = invoke("validate", str(bank))
    assert r.exit_code == 2 and "第 3 行" in r.stderr and "字节处" not in r.stderr, r.output
    assert Path(bank).read_bytes().count(b"\n") == 3
