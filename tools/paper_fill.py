"""How full is each printed page of a Word paper? Renders with LibreOffice and measures.

    python tools/paper_fill.py 卷.docx …                 # papers already written
    python tools/paper_fill.py --seeds 30                  # default papers, seeds 1–30
    python tools/paper_fill.py --seeds 30 --variants 2 --answer-sheet --seal

Each file goes through `soffice --headless --convert-to pdf`, then `pdftotext -bbox` gives every
word's box. A page's fill is how far down its text reaches, as a share of the text area (the
footer and the 密封线 strip left of the text are not counted). Every page but the last of its
part (paper, 答题卡, key: told apart by their footers, 第 X 页 共 Y 页) should be at least 75 %
full; the footers are checked too (X runs 1…Y on every part). Needs LibreOffice and poppler-utils;
exit code 1 if a page is under 75 % or a footer is wrong.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

PT_PER_CM = 72 / 2.54
TOP, BOTTOM = 2.5 * PT_PER_CM, 2.5 * PT_PER_CM
SEAL_EDGE = 2.95 * PT_PER_CM  # words ending left of this are the 密封线
MIN_FILL = 0.75
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
_FOOTER = re.compile(r"(答题卡|参考答案)?第(\d+)页(?:共(\d+)页)?")


@dataclass
class Page:
    number: int  # in the PDF
    fill: float
    footer: str
    part: str = ""
    x: int = 0
    y: int = 0
    total_missing: bool = False

    @property
    def last_of_part(self) -> bool:
        return self.x == self.y


def pages(pdf: Path) -> list[Page]:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    result = []
    for n, (_w, h, body) in enumerate(_PAGE.findall(out), 1):
        height = float(h)
        bottom_of_text, footer = TOP, []
        for _x0, y0, x1, y1, text in _WORD.findall(body):
            if float(y0) > height - BOTTOM:
                footer.append(html.unescape(text))
            elif float(x1) > SEAL_EDGE:
                bottom_of_text = max(bottom_of_text, float(y1))
        page = Page(n, (bottom_of_text - TOP) / (height - TOP - BOTTOM), "".join(footer))
        m = _FOOTER.search(page.footer)
        if m:
            page.part, page.x, page.y = m[1] or "试卷", int(m[2]), int(m[3] or 0)
        result.append(page)
    for k, page in enumerate(result):  # a footer without 共 Y 页 (older papers): the part ends before a 第1页
        if page.x and not page.y:
            page.total_missing = True
            page.y = page.x if k + 1 == len(result) or result[k + 1].x == 1 else page.x + 1
    return result


def problems(ps: list[Page]) -> list[str]:
    out = []
    expected = 1
    for p in ps:
        if not p.x:
            out.append(f"第 {p.number} 页没有“第 X 页”页脚（{p.footer!r}）")
            continue
        if p.total_missing:
            out.append(f"第 {p.number} 页的页脚没有“共 Y 页”（{p.footer}）")
        if p.x != expected:
            out.append(f"第 {p.number} 页的页脚是 {p.part}第{p.x}页，应为第{expected}页")
        expected = 1 if p.last_of_part else p.x + 1
        if not p.last_of_part and p.fill < MIN_FILL:
            out.append(f"第 {p.number} 页（{p.part}第{p.x}页）只排到 {p.fill:.0%}")
    return out


def render(files: list[Path], outdir: Path) -> list[Path]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("需要 LibreOffice（soffice）：apt-get install libreoffice-writer")
    profile = outdir / "lo-profile"  # its own profile: another LibreOffice running would take the job and drop it
    subprocess.run([soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(outdir), *map(str, files)], capture_output=True, check=True)
    return [outdir / f"{f.stem}.pdf" for f in files]


def make_papers(seeds: int, variants: int, answer_sheet: bool, seal: bool, outdir: Path) -> list[Path]:
    from xuezhi.bank.load import load_bank
    from xuezhi.export import FORMATS, Layout, export
    from xuezhi.quiz.assemble import assemble
    from xuezhi.text.corpus import load_regulation

    reg, bank = load_regulation(), load_bank()
    files: list[Path] = []
    for seed in range(1, seeds + 1):
        paper = assemble(bank, reg, seed=seed, variants=variants)
        files += export(paper, FORMATS["docx"], outdir / f"seed{seed}.docx",
                        layout=Layout(answer_sheet=answer_sheet, seal=seal)).files
    return files


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--seeds", type=int, default=0, help="write default papers for seeds 1…N and measure them")
    ap.add_argument("--variants", type=int, default=1)
    ap.add_argument("--answer-sheet", action="store_true")
    ap.add_argument("--seal", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every page's fill")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        files = list(args.files)
        if args.seeds:
            files += make_papers(args.seeds, args.variants, args.answer_sheet, args.seal, work)
        if not files:
            ap.error("给出 .docx 文件或 --seeds N")
        bad = 0
        fills: list[float] = []
        for docx, pdf in zip(files, render(files, work), strict=True):
            ps = pages(pdf)
            inner = [p.fill for p in ps if p.y and not p.last_of_part]
            fills += inner
            issues = problems(ps)
            bad += bool(issues)
            parts = "、".join(f"{p.part} {p.y} 页" for p in ps if p.last_of_part)
            worst = f"，非末页最少 {min(inner):.0%}" if inner else ""
            print(f"{docx.name}：{len(ps)} 页（{parts}）{worst}")
            if args.verbose:
                print("  " + "  ".join(f"{p.number}:{p.fill:.0%}" for p in ps))
            for issue in issues:
                print(f"  ✗ {issue}")
        if fills:
            print(f"共 {len(files)} 个文件，{len(fills)} 个非末页：最少 {min(fills):.0%}，"
                  f"平均 {sum(fills) / len(fills):.0%}；有问题的文件 {bad} 个。")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
