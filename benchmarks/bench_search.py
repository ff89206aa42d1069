"""How fast search is: index build and per-query latency, in process, on the real corpus and
on a synthetic 10,000-article one; and `xuezhi search 枫桥经验` end to end against the minimal
Typer+Rich app in benchmarks/hello.py.

    python benchmarks/bench_search.py                 # everything
    python benchmarks/bench_search.py --no-startup    # in-process numbers only
    python benchmarks/bench_search.py --articles 2000 --runs 10

Targets (issues 3 and 11): median ≤ 5 ms per query on the real corpus, ≤ 50 ms on 10,000
articles, and start-up within 1.2× of hello.py. Timing belongs here, not in the tests; how
often the right article comes first is benchmarks/search_quality.py.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xuezhi.search.index import SearchIndex  # noqa: E402
from xuezhi.text.corpus import load_regulation  # noqa: E402

QUERIES = {
    "exact": ["枫桥经验", "联席会议", "信访事项", "三到位一处理", "诉访分离", "听证"],
    "multi-term": ["复核 期限", "打击报复 信访人", "信访部门 15日", "检举 揭发 材料"],
    "fuzzy": ["联系会议", "抱复", "风桥经验", "诉访分里", "信访督察专员", "调节协议书"],
    "question": ["信访人对复核意见不服怎么办", "多人走访最多可以派几个代表", "信访事项办理期限是多久"],
    "article no.": ["第34条", "第二十七条"],
    # issue 11: everyday words, traditional characters, Chinese numerals, long questions
    "plain": ["上访最多几个人", "不满意处理结果怎么办", "多久要答复", "信访人不能干什么", "举报干部"],
    "traditional": ["楓橋經驗", "信訪人對處理意見不服怎麼辦"],
    "numerals": ["十五日", "六十日内办结", "二〇二二年五月一日"],
    "long question": ["我去年反映的问题县里给了处理意见我觉得不公平想再找上一级看看应该怎么弄",
                      "我们村十几个人想一起去县信访局反映征地的事最多能去几个人"],
}


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f}"


def _p95(samples: list[float]) -> float:
    s = sorted(samples)
    return s[min(len(s) - 1, round(0.95 * (len(s) - 1)))]


def bench_corpus(name: str, reg, runs: int) -> dict:
    """Index build time and per-category query latency for one corpus."""
    builds = []
    for _ in range(max(3, runs // 4)):
        t0 = time.perf_counter()
        index = SearchIndex(reg)
        builds.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    index._text, index._meta_text, index._vocabulary_flat  # noqa: B018 -- parts built on first typo
    lazy = time.perf_counter() - t0
    for queries in QUERIES.values():  # warm-up: rapidfuzz import, compiled regexes
        for q in queries:
            index.search(q)
    print(f"\n{name}：{len(reg.articles)} 条")
    print(f"  建索引（中位数）{_ms(statistics.median(builds))} ms；首次纠错时另建 {_ms(lazy)} ms")
    print(f"  {'类别':<12}{'查询数':>6}{'中位数 ms':>12}{'p95 ms':>10}{'最慢 ms':>10}")
    result: dict = {"articles": len(reg.articles), "build_ms": statistics.median(builds) * 1000,
                    "lazy_ms": lazy * 1000, "queries": {}}
    for category, queries in QUERIES.items():
        samples = []
        for _ in range(runs):
            for q in queries:
                t0 = time.perf_counter()
                index.search(q)
                samples.append(time.perf_counter() - t0)
        med, p95 = statistics.median(samples), _p95(samples)
        print(f"  {category:<14}{len(queries):>6}{_ms(med):>12}{_ms(p95):>10}{_ms(max(samples)):>10}")
        result["queries"][category] = {"median_ms": med * 1000, "p95_ms": p95 * 1000}
    return result


def synthetic_path(articles: int, seed: int = 7) -> Path:
    """The synthetic corpus, generated once into the temp directory."""
    path = Path(tempfile.gettempdir()) / "xuezhi-bench" / f"synthetic_{articles}_{seed}.yaml"
    if not path.exists():
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from synthetic_corpus import write

        t0 = time.perf_counter()
        write(path, articles, seed)
        print(f"生成合成条文 {path}（{time.perf_counter() - t0:.1f} s）")
    return path


def bench_startup(runs: int) -> dict:
    """`xuezhi search 枫桥经验` against `python benchmarks/hello.py`, side by side."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # users have .pyc
    env.pop("NO_COLOR", None)
    python = sys.executable
    xuezhi = shutil.which("xuezhi", path=str(Path(python).parent)) or ""
    search = [xuezhi, "search", "枫桥经验"] if xuezhi else [python, "-m", "xuezhi", "search", "枫桥经验"]
    commands = {"hello": [python, str(ROOT / "benchmarks" / "hello.py")], "search": search,
                "show": [*search[:-2], "show", "20"]}
    for cmd in commands.values():  # warm-up, and write the bytecode caches
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True, cwd=ROOT)
    # Interleaved runs: load on the machine changes over time, and must hit every command alike.
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            t0 = time.perf_counter()
            subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True, cwd=ROOT)
            times[name].append(time.perf_counter() - t0)
    medians = {name: statistics.median(t) for name, t in times.items()}
    how = f"交替运行 {runs} 轮"
    hyperfine = shutil.which("hyperfine")
    if hyperfine:  # for reference; it runs each command in a block, so it is more sensitive to load
        out = Path(tempfile.gettempdir()) / "xuezhi-bench" / "hyperfine.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        shell = [" ".join(f"'{a}'" for a in cmd) for cmd in commands.values()]
        subprocess.run([hyperfine, "-N", "-w", "3", "-r", str(runs), "--export-json", str(out), *shell],
                       env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        data = json.loads(out.read_text(encoding="utf-8"))
        ref = {name: statistics.median(res["times"]) for name, res in zip(commands, data["results"], strict=True)}
        how += "；hyperfine 中位数比值 " + "、".join(f"{n} {ref[n] / ref['hello']:.2f}×" for n in commands)
    print(f"\n启动到退出（{how}，中位数）")
    for name, cmd in commands.items():
        ratio = medians[name] / medians["hello"]
        shown = " ".join([Path(cmd[0]).name, *cmd[1:]])
        print(f"  {name:<8}{_ms(medians[name])} ms  {ratio:5.2f}×   {shown}")
    return {name: m * 1000 for name, m in medians.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description="检索性能基准。")
    ap.add_argument("--articles", type=int, default=10_000, help="合成条文的条数（默认 10000）")
    ap.add_argument("--runs", type=int, default=20, help="每条查询重复次数（默认 20）")
    ap.add_argument("--startup-runs", type=int, default=40, help="启动测量的次数（默认 40）")
    ap.add_argument("--no-startup", action="store_true", help="不测启动时间")
    ap.add_argument("--json", type=Path, help="把结果另存为 JSON")
    args = ap.parse_args()
    results: dict = {"real": bench_corpus("真实条文", load_regulation(), args.runs)}
    path = synthetic_path(args.articles)
    t0 = time.perf_counter()
    big = load_regulation(path)
    print(f"\n载入合成条文：{time.perf_counter() - t0:.2f} s（YAML 解析与校验，不属于检索）")
    results["synthetic"] = bench_corpus("合成条文", big, max(3, args.runs // 4))
    if not args.no_startup:
        results["startup_ms"] = bench_startup(args.startup_runs)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
