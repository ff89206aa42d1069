"""A write never replaces a device, a FIFO or a directory: as root, an export to /dev/null once
replaced /dev/null itself with a regular file, and every later program lost its null device."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")


@pytest.mark.parametrize("args", [
    ("export", "{target}", "--force"),
    ("progress", "export", "{target}", "--force"),
])
def test_a_fifo_target_is_refused_and_left_a_fifo(invoke, tmp_path, args):
    name = "卷.docx" if args[0] == "export" else "记录.json"
    target = tmp_path / name
    os.mkfifo(target)
    r = invoke(*(a.format(target=target) for a in args))
    assert r.exit_code == 3, r.output
    assert "不是普通文件" in r.output and name in r.output
    assert stat.S_ISFIFO(os.stat(target).st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name != "xuezhi-home"] == [name]  # no temporary left


def test_the_writer_refuses_a_character_device(tmp_path):
    from xuezhi.files import WriteFailed, os_reason, write_text_atomic

    with pytest.raises(WriteFailed) as e:
        write_text_atomic(Path(os.devnull), "x")
    assert os_reason(e.value) == "这不是普通文件（是设备或管道），不能写入"
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
