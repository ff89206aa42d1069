"""学原文: the cloze cards of the shipped corpus (how many per kind and per chapter), how long the
generator takes on it and on the synthetic 10,000-article corpus, and how `xuezhi recite 34` starts
against the minimal Typer+Rich app in benchmarks/hello.py.

    python benchmarks/bench_cloze.py                 # everything
    python benchmarks/bench_cloze.py --no-startup    # in-process numbers only
    python benchmarks/bench_cloze.py --articles 2000

Targets (issue 12): the 10,000-article corpus in ≤ 5 s; `recite 34` within 1.3× of hello.py.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic_corpus import write as write_synthetic  # noqa: E402

from xuezhi.cloze.generate import generate_all  # noqa: E402
from xuezhi.cloze.report import report  # noqa: E402
from xuezhi.text.corpus import load_regulation  # noqa: E402


def timed(reg, runs: int) -> tuple[float, float, object]:
    """(median wall seconds, median CPU seconds, the last result)."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        result = generate_all(reg)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return statistics.median(walls), statistics.median(cpus), result


def counts(reg) -> None:
    wall, cpu, g = timed(reg, 5)
    data = report(reg, g)
    kinds = [k["label"] for k in data["by_kind"]]
    print(f"《{data['corpus']}》：{data['cards']} 张填空卡（{len(reg.articles)} 条），生成 {wall * 1000:.0f} ms"
          f"（CPU {cpu * 1000:.0f} ms）")
    print(f"  {'章':<16}" + "".join(f"{k:>8}" for k in kinds) + f"{'合计':>8}")
    for ch in data["by_chapter"]:
        name = f"{ch['label']} {ch['title']}"[:12]
        print(f"  {name:<16}" + "".join(f"{ch['by_kind'][k['kind']]:>10}" for k in data["by_kind"])
              + f"{ch['cards']:>10}")
    print(f"  {'合计':<16}" + "".join(f"{k['cards']:>10}" for k in data["by_kind"]) + f"{data['cards']:>10}")
    cov = data["coverage"]
    print(f"  有期限、数量、列举或应当/可以的款：{cov['paragraphs']}，其中有卡 {cov['covered']}"
          + (f"；缺：{'、'.join(cov['missing'])}" if cov["missing"] else ""))
    print("  未成卡的候选：" + "，".join(f"{r['reason']} {r['candidates']}" for r in data["refused"]))


def synthetic(n: int, runs: int) -> None:
    path = Path(tempfile.gettempdir()) / "xuezhi-bench" / f"synthetic_{n}_7.yaml"
    if not path.exists():
        write_synthetic(path, n)
    reg = load_regulation(path)
    wall, cpu, g = timed(reg, runs)
    print(f"合成条文 {n} 条：{len(g.cards)} 张填空卡，生成 {wall:.2f} s"
          f"（CPU {cpu:.2f} s，{runs} 次的中位数；目标 ≤ 5 s）")


def startup(runs: int) -> None:
    env = {**os.environ, "NO_COLOR": "1", "XUEZHI_HOME": tempfile.mkdtemp(prefix="xuezhi-bench-")}
    # An installed xuezhi has its bytecode compiled; a checkout run with PYTHONDONTWRITEBYTECODE=1
    # recompiles every module edited since its .pyc was written, at every start (5 modules: 30 ms).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    commands = {"hello.py": [sys.executable, str(ROOT / "benchmarks" / "hello.py")],
                "xuezhi show 20": [sys.executable, "-m", "xuezhi", "show", "20"],  # for comparison
                "xuezhi recite 34": [sys.executable, "-m", "xuezhi", "recite", "34"]}
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for cmd in commands.values():  # warm the caches (the corpus's JSON copy, the cards)
        subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL, capture_output=True, check=False)
    for _ in range(runs):  # interleaved: a busy moment slows both, not one
        for name, cmd in commands.items():
            t0 = time.perf_counter()
            subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL, capture_output=True, check=False)
            samples[name].append(time.perf_counter() - t0)
    for name, s in samples.items():
        print(f"  {name:<18}{statistics.median(s) * 1000:8.0f} ms（{runs} 次的中位数）")
    for name in ("xuezhi show 20", "xuezhi recite 34"):
        ratios = [r / h for r, h in zip(samples[name], samples["hello.py"], strict=True)]
        print(f"  {name[7:]} / hello = {statistics.median(ratios):.2f}（相邻两次之比的中位数）")
    print("  目标：recite 34 ≤ 1.3（到第一个输入提示为止，输入为空即结束）")


def main() -> None:
    ap = argparse.ArgumentParser(description="填空卡生成与背诵启动的耗时。")
    ap.add_argument("--articles", type=int, default=10_000, help="合成条文的条数（默认 10000）")
    ap.add_argument("--runs", type=int, default=3, help="合成条文生成的次数（取中位数）")
    ap.add_argument("--no-startup", action="store_true", help="不测启动时间")
    args = ap.parse_args()
    counts(load_regulation())
    synthetic(args.articles, args.runs)
    if not args.no_startup:
        print("启动时间：")
        startup(15)


if __name__ == "__main__":
    main()
