"""How long `xuezhi validate` takes on a big trainer's bank, with and without mistakes.

    python benchmarks/bench_validate.py            # 3000 questions
    python benchmarks/bench_validate.py --questions 1000

Every problem is reported with its line; finding lines once cost a YAML parse per problem,
which made a bank with a thousand bad questions take minutes (found by adversarial testing).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml


def bank(n: int, broken: bool) -> list[dict]:
    # `answer: 对` instead of true: an easy mistake for a trainer, one error per question
    return [{"id": f"E{i:05d}", "type": "judge", "stem": f"第{i}题：信访工作坚持党的全面领导，编号{i}。",
             "answer": "对" if broken else True, "basis": {"article": 5, "item": 1},
             "explanation": "第五条第一项：坚持党的全面领导。把党的领导贯彻到信访工作各方面和全过程。"}
            for i in range(n)]


def main() -> None:
    ap = argparse.ArgumentParser(description="题库校验耗时。")
    ap.add_argument("--questions", type=int, default=3000, help="题数（默认 3000）")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for broken in (False, True):
            path = Path(tmp) / f"bank-{'broken' if broken else 'good'}.yaml"
            path.write_text(yaml.safe_dump(bank(args.questions, broken), allow_unicode=True), encoding="utf-8")
            t0 = time.perf_counter()
            r = subprocess.run([sys.executable, "-m", "xuezhi", "validate", str(path)], capture_output=True,
                               text=True, encoding="utf-8", env={"XUEZHI_HOME": tmp, "PATH": ""})
            took = time.perf_counter() - t0
            errors = r.stderr.count("[错误·")
            what = "每题一处错误" if broken else "没有错误"
            print(f"{args.questions} 题，{what}：{took:.2f} s（报告错误 {errors} 处）")


if __name__ == "__main__":
    main()
