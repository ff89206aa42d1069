"""How fast `xuezhi compare` is, whole process, against benchmarks/hello.py (the floor of the stack)
and `xuezhi show 20` (whose start-up the compare command must not change).

    python benchmarks/bench_compare.py            # 10 runs each
    python benchmarks/bench_compare.py --runs 20

Target (issue 14): `compare` of the two built-in texts ≤ 1 s whole process, with a cold YAML cache
(a new XUEZHI_HOME: both corpora and the curated file parsed) and a warm one; exports are shown
for information. Timing belongs here, not in the tests.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(cmd: list[str], env: dict, runs: int, fresh_home: bool = False) -> list[float]:
    import os

    times = []
    for _ in range(runs):
        home = tempfile.mkdtemp(prefix="xuezhi-bench-") if fresh_home else env["XUEZHI_HOME"]
        e = os.environ | env | {"XUEZHI_HOME": home}
        start = time.perf_counter()
        subprocess.run(cmd, env=e, stdout=subprocess.DEVNULL, check=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
        if fresh_home:
            shutil.rmtree(home, ignore_errors=True)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    python = sys.executable
    xuezhi = [python, "-m", "xuezhi"]
    out = Path(tempfile.mkdtemp(prefix="xuezhi-bench-out-"))
    home = tempfile.mkdtemp(prefix="xuezhi-bench-home-")
    env = {"XUEZHI_HOME": home, "NO_COLOR": "1"}
    subprocess.run([*xuezhi, "compare"], env={**__import__("os").environ, **env}, stdout=subprocess.DEVNULL,
                   check=True, cwd=ROOT)  # warm the cache once
    cases = {
        "hello.py": ([python, str(ROOT / "benchmarks" / "hello.py")], False),
        "show 20": ([*xuezhi, "show", "20"], False),
        "compare（冷缓存）": ([*xuezhi, "compare"], True),
        "compare": ([*xuezhi, "compare"], False),
        "compare 20": ([*xuezhi, "compare", "20"], False),
        "compare --json 1-50": ([*xuezhi, "compare", "1-50", "--json"], False),
        "compare -o 对照表.docx": ([*xuezhi, "compare", "-o", str(out / "t.docx"), "--force"], False),
        "compare -o 对照表.xlsx": ([*xuezhi, "compare", "-o", str(out / "t.xlsx"), "--force"], False),
    }
    print(f"{'命令':<24}{'中位数 s':>10}{'最大 s':>10}")
    medians = {}
    for name, (cmd, fresh) in cases.items():
        t = run(cmd, env, args.runs, fresh)
        medians[name] = statistics.median(t)
        print(f"{name:<24}{medians[name]:>10.3f}{max(t):>10.3f}")
    print(f"show 20 / hello.py = {medians['show 20'] / medians['hello.py']:.2f}×；"
          f"compare / hello.py = {medians['compare'] / medians['hello.py']:.2f}×")
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
