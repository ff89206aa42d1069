"""Time `xuezhi export` of 1,000 questions to every format (target: at most 2 s each).

    python benchmarks/bench_export.py            # 1,000 questions, best of 3 runs
    python benchmarks/bench_export.py 5000 1     # other size, runs

A synthetic bank is made from the shipped one: its questions repeated with new ids (and a
marker in the stem, so that no two are identical) until the size is reached, written as
YAML and loaded like a trainer's bank. The paper holds every question of that bank, drawn
by a blueprint in the shipped bank's proportions, with shuffled options. "first" includes
importing the format's library (python-docx, openpyxl, genanki), as a user's run does.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml

from xuezhi.bank.load import load_bank
from xuezhi.export import FORMATS, export
from xuezhi.quiz.assemble import assemble
from xuezhi.quiz.paper import Part
from xuezhi.text.corpus import load_regulation

TARGET_S = 2.0


def make_bank(path: Path, size: int) -> Path:
    source = load_bank().questions
    raw = []
    for n in range(size):
        q = source[n % len(source)].as_dict()
        q["id"] = f"B{n + 1:05d}"
        if n >= len(source):
            q["stem"] += f"（{n // len(source) + 1}）"
        raw.append(q)
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def main(size: int = 1000, runs: int = 3) -> int:
    reg = load_regulation()
    with tempfile.TemporaryDirectory(prefix="xuezhi-bench-") as tmp:
        tmpdir = Path(tmp)
        t = time.perf_counter()
        bank = load_bank(make_bank(tmpdir / "bank.yaml", size))
        load_s = time.perf_counter() - t
        counts = Counter(q.type for q in bank.questions)
        parts = [Part(t, counts[t], p) for t, p in (("single", 2), ("multiple", 3), ("judge", 1), ("blank", 2))
                 if counts[t]]
        t = time.perf_counter()
        paper = assemble(bank, reg, parts, seed=1)
        assemble_s = time.perf_counter() - t
        print(f"题库 {len(bank)} 道：读取 {load_s:.2f} s，组卷 {assemble_s:.2f} s")
        print(f"{'format':8} {'first s':>8} {'best s':>8} {'size KB':>8}")
        worst = 0.0
        for fmt in FORMATS.values():
            times = []
            for r in range(runs):
                out = tmpdir / f"{fmt.name}-{r}{fmt.suffix}"
                t = time.perf_counter()
                result = export(paper, fmt, out)
                times.append(time.perf_counter() - t)
            size_kb = sum(p.stat().st_size for p in result.files) / 1024
            worst = max(worst, max(times))
            print(f"{fmt.name:8} {times[0]:8.2f} {min(times):8.2f} {size_kb:8.0f}")
        print(f"slowest single run: {worst:.2f} s (target ≤ {TARGET_S:.0f} s)")
    return 0 if worst <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main(*(int(a) for a in sys.argv[1:3])))
