"""A large corpus in the schema of data/条例.yaml, to show that search stays fast at scale.

The text comes from a character Markov chain trained on the real regulation, so characters,
bigrams and terms (信访事项, 联席会议, 复核…) occur with the frequencies of Chinese legal prose:
many shared words and long paragraphs, which is what makes a search slow. It is not meant to
be read. The output is deterministic for a given seed.

    python benchmarks/synthetic_corpus.py --articles 10000 --out synthetic.yaml
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xuezhi.text.corpus import load_regulation  # noqa: E402

_END = "。；"


class _Chain:
    """Order-2 character Markov chain over the regulation's sentences."""

    def __init__(self, sentences: list[str], rng: random.Random) -> None:
        self.rng = rng
        self.next: dict[str, list[str]] = defaultdict(list)
        self.starts: list[str] = []
        for s in sentences:
            if len(s) < 3:
                continue
            self.starts.append(s[:2])
            for i in range(len(s) - 2):
                self.next[s[i : i + 2]].append(s[i + 2])

    def sentence(self, lo: int, hi: int, end: str = "。") -> str:
        out = self.rng.choice(self.starts)
        limit = self.rng.randint(lo, hi)
        while len(out) < limit:
            choices = self.next.get(out[-2:])
            if not choices:
                break
            c = self.rng.choice(choices)
            if c in _END:
                if len(out) >= lo:
                    break
                c = "，"  # too short to end: go on after a comma, from a fresh start
                out += c + self.rng.choice(self.starts)
                continue
            out += c
        return out.rstrip("，、：") + end

    def phrase(self, lo: int, hi: int) -> str:
        """A short run without punctuation, for 条旨 and keywords."""
        s = self.sentence(lo + 4, hi + 12, end="")
        parts = [p for p in "".join(c if c.isalnum() else " " for c in s).split() if len(p) >= lo]
        return (parts[0] if parts else s)[:hi]


def _sentences(reg) -> list[str]:
    out: list[str] = []
    for a in reg.articles:
        for p in a.paragraphs:
            for line in [p.text, *p.items]:
                buf = ""
                for c in line:
                    buf += c
                    if c in _END:
                        out.append(buf)
                        buf = ""
                if buf:
                    out.append(buf + "。")
    return out


def generate(n_articles: int = 10_000, seed: int = 7, per_chapter: int = 100) -> dict:
    """The YAML document (as Python data) of a synthetic regulation with `n_articles` articles."""
    rng = random.Random(seed)
    reg = load_regulation()
    chain = _Chain(_sentences(reg), rng)
    real_keywords = [k for a in reg.articles for k in a.keywords]
    chapters: list[dict] = []
    number = 0
    for c in range(1, (n_articles + per_chapter - 1) // per_chapter + 1):
        articles: list[dict] = []
        while len(articles) < per_chapter and number < n_articles:
            number += 1
            paragraphs: list[dict] = []
            for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
                text = "".join(chain.sentence(20, 90) for _ in range(rng.randint(1, 3)))
                par: dict = {"text": text}
                if rng.random() < 0.2:
                    par["text"] = chain.sentence(12, 40, end="：")
                    par["items"] = [chain.sentence(10, 50, end="；") for _ in range(rng.randint(3, 7))]
                paragraphs.append(par)
            keywords = rng.sample(real_keywords, rng.randint(0, 2)) + [chain.phrase(2, 6)
                                                                     for _ in range(rng.randint(1, 3))]
            articles.append({"number": number, "summary": chain.phrase(3, 12),
                             "keywords": list(dict.fromkeys(keywords)), "paragraphs": paragraphs})
        chapters.append({"number": c, "title": chain.phrase(4, 12), "articles": articles})
    return {"meta": {"title": f"合成条例（{n_articles}条，仅供性能测试）"}, "chapters": chapters}


def write(path: Path, n_articles: int = 10_000, seed: int = 7) -> Path:
    """Write the synthetic corpus to `path` (UTF-8 YAML) and return the path."""
    doc = generate(n_articles, seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    path.write_text(yaml.dump(doc, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000),
                    encoding="utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description="生成用于性能测试的合成条文 YAML。")
    ap.add_argument("--articles", type=int, default=10_000, help="条数（默认 10000）")
    ap.add_argument("--seed", type=int, default=7, help="随机种子（默认 7）")
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "xuezhi-bench" / "synthetic_10000_7.yaml",
                    help="输出文件（默认在临时目录）")
    args = ap.parse_args()
    out = write(args.out, args.articles, args.seed)
    print(f"已写入 {out}（{args.articles} 条）")


if __name__ == "__main__":
    main()
