"""How often search puts the right article first, and in the first three, for questions asked in
plain words (tests/data/plain_queries.yaml), reported per group: 口语, 繁体, 数字, 错字, 长问句, 用条例.

    python benchmarks/search_quality.py            # the table, and every query not answered first
    python benchmarks/search_quality.py --quiet    # the table only
    python benchmarks/search_quality.py --queries other.yaml   # a held-out set in the same format

tests/search/test_search_plain.py runs the same numbers and holds them to the targets of issue 11
(recall@1 ≥ 0.85, recall@3 ≥ 0.95 over the whole set).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "data" / "plain_queries.yaml"
sys.path.insert(0, str(ROOT))


@dataclass
class Query:
    group: str
    text: str
    want: frozenset[int]
    para: int | None = None
    issue: bool = False


@dataclass
class Result:
    """Per group: how many queries, found first, found in the first three, and the misses."""

    total: int = 0
    first: int = 0
    top3: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def r1(self) -> float:
        return self.first / self.total if self.total else 0.0

    @property
    def r3(self) -> float:
        return self.top3 / self.total if self.total else 0.0


def load_queries(path: Path = QUERIES) -> list[Query]:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(group, str(e["q"]), frozenset(e["want"]), e.get("para"), bool(e.get("issue")))
            for group, entries in data.items() for e in entries]


def evaluate(reg, queries: list[Query]) -> dict[str, Result]:
    """Results per group and over all ("全部")."""
    from xuezhi.search.index import search

    out: dict[str, Result] = {}
    for q in queries:
        got = [h.article for h in search(reg, q.text, limit=3)]
        for key in (q.group, "全部"):
            r = out.setdefault(key, Result())
            r.total += 1
            r.first += bool(set(got[:1]) & q.want)
            r.top3 += bool(set(got[:3]) & q.want)
        if not set(got[:1]) & q.want:
            mark = "前三条内" if set(got[:3]) & q.want else "前三条外"
            out[q.group].misses.append(f"[{mark}] {q.text} → {got}（应为 {sorted(q.want)}）")
    out["全部"] = out.pop("全部")  # the total last
    return out


def table(results: dict[str, Result]) -> str:
    lines = [f"{'组':<6}{'查询数':>6}{'recall@1':>10}{'recall@3':>10}"]
    lines += [f"{g:<6}{r.total:>7}{r.r1:>10.3f}{r.r3:>10.3f}" for g, r in results.items()]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description="口语检索质量：按组报告前一条、前三条命中率。")
    ap.add_argument("--queries", type=Path, default=QUERIES, help="质量集文件（默认 tests/data/plain_queries.yaml）")
    ap.add_argument("--quiet", action="store_true", help="只打印表格")
    args = ap.parse_args()
    from xuezhi.text.corpus import load_regulation

    results = evaluate(load_regulation(), load_queries(args.queries))
    print(table(results))
    if not args.quiet:
        for group, r in results.items():
            for m in r.misses:
                print(f"  {group} {m}")


if __name__ == "__main__":
    main()
