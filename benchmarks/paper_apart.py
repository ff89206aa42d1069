"""Do drawn papers and quizzes keep apart what gives answers away? Counts, over many seeds, the cue
pairs (one question printing a distinctive phrase of another's key), the sentences tested twice, the
declared groups drawn twice and the articles with more than two questions, per paper.

    python benchmarks/paper_apart.py                 # 200 seeds: default paper, --variants 2, quizzes
    python benchmarks/paper_apart.py --seeds 1000 --bank /work/bankwork/merged.yaml

Each paper is checked from scratch (bank.cues.find_cues, anchors), not through the KeepApart table
that the drawing itself uses. Exit status 1 when any paper breaks a rule.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from xuezhi.bank.cues import anchors, find_cues
from xuezhi.bank.load import load_bank
from xuezhi.bank.model import Question
from xuezhi.quiz.assemble import make_paper
from xuezhi.quiz.select import select_questions
from xuezhi.text.corpus import load_regulation
from xuezhi.text.sentences import text_index


def faults(questions: Sequence[Question], reg) -> Counter:
    """What one paper breaks: cue pairs, repeated sentences, repeated groups, articles over two."""
    idx = text_index(reg)
    out: Counter = Counter()
    out["cue pairs"] = len(find_cues(questions, reg, grouped=True))
    sentences = Counter(s for q in questions for s in anchors(q, idx))
    out["sentences tested twice"] = sum(n - 1 for n in sentences.values() if n > 1)
    groups = Counter(q.group for q in questions if q.group)
    out["groups drawn twice"] = sum(n - 1 for n in groups.values() if n > 1)
    out["articles with 3+"] = sum(n > 2 for n in Counter(q.basis.article for q in questions).values())
    return out


def papers(reg, bank, seeds: range, variants: int) -> list[list[Question]]:
    out = []
    for seed in seeds:
        paper = make_paper(reg, bank, seed=seed, variants=variants)
        out += [[i.question for i in v.items] for v in paper.variants]
    return out


def quizzes(reg, bank, seeds: range, count: int) -> list[list[Question]]:
    return [select_questions(bank, reg, count, seed=seed) for seed in seeds]


def main() -> int:
    ap = argparse.ArgumentParser(description="组卷与自测是否错开了互相提示、考同一句原文的题。")
    ap.add_argument("--seeds", type=int, default=200, help="随机种子个数（默认 200）")
    ap.add_argument("--bank", type=Path, default=None, help="题库文件（默认内置题库）")
    args = ap.parse_args()
    reg, bank = load_regulation(), load_bank(args.bank)
    seeds = range(1, args.seeds + 1)
    bad = 0
    for name, make in (("default paper", lambda: papers(reg, bank, seeds, 1)),
                       ("--variants 2 (A and B)", lambda: papers(reg, bank, seeds, 2)),
                       ("quiz of 10", lambda: quizzes(reg, bank, seeds, 10)),
                       ("quiz of 30", lambda: quizzes(reg, bank, seeds, 30))):
        t0 = time.perf_counter()
        drawn = make()
        took = (time.perf_counter() - t0) / len(drawn)
        total: Counter = Counter()
        for qs in drawn:
            total += faults(qs, reg)
        per_article = max(max(Counter(q.basis.article for q in qs).values()) for qs in drawn)
        print(f"{name}: {len(drawn)} papers, {took * 1000:.1f} ms each to draw; "
              f"cue pairs {total['cue pairs']}, sentences tested twice {total['sentences tested twice']}, "
              f"groups drawn twice {total['groups drawn twice']}, articles with 3+ {total['articles with 3+']} "
              f"(most on one article: {per_article})")
        bad += total["cue pairs"] + total["sentences tested twice"] + total["groups drawn twice"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
