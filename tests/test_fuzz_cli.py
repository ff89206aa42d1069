"""The quick profile of the CLI fuzz campaign (benchmarks/fuzz_cli.py): 300 generated command lines,
each a real `python -m xuezhi` process with its own XUEZHI_HOME, must give no internal error, no
traceback, no English, no hang, no file left behind and no undocumented exit. The full profile
(12,000 runs) is `python benchmarks/fuzz_cli.py --profile full`."""

from __future__ import annotations

import json
import os

from fuzz_support import fuzz_cli


def test_quick_fuzz_profile_is_clean(tmp_path):
    failures, report = tmp_path / "failures.jsonl", tmp_path / "report.json"
    workers = str(max(2, os.cpu_count() or 2))
    code = fuzz_cli().main(["--profile", "quick", "--timeout", "30", "--workers", workers,
                            "--failures", str(failures), "--report", str(report)])
    counts = json.loads(report.read_text(encoding="utf-8"))["counts"]
    shown = [json.loads(line) for line in failures.read_text(encoding="utf-8").splitlines()[:5]]
    detail = "\n".join(f"{f['why']} {f['case']['argv']!r}\n  {f['stderr'][-300:]}" for f in shown)
    assert code == 0, f"{counts}\n{detail}"
    assert counts["runs"] >= 290
