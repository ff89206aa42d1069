"""A standard output that cannot be written (`> /dev/full`, a full disk behind `> file`): one Chinese
line on stderr and exit code 3, for --version and --help (written before any command runs) as for a
command whose output is still buffered when it ends (Python's own exit code was 120)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["show", "20"], ["show", "1-50"], ["toc", "--json"],
                                  ["progress", "export", "学习记录.json"]])
def test_a_full_stdout_is_one_chinese_line_and_exit_3(args, tmp_path):
    with open("/dev/full", "wb") as full:
        r = subprocess.run([sys.executable, "-m", "xuezhi", *args], stdout=full, stderr=subprocess.PIPE,
                           cwd=tmp_path, env={**os.environ, "XUEZHI_HOME": str(tmp_path / "home")}, timeout=60)
    err = r.stderr.decode("utf-8")
    assert r.returncode == 3, err
    assert err.count("\n") == 1 and err.startswith("错误：") and "磁盘空间已满" in err, err
    assert "Traceback" not in err
