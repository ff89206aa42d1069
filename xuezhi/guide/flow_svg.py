"""The handling flow as an SVG picture: plain SVG text (no library, no binary to install), laid out
here — a column of step boxes joined by arrows, 第三十一条's six kinds as a row of small boxes
under 分类办理, the sixth going on to 信访处理意见书.

Text is wrapped by its printed width (a Chinese character one em, Latin half) with the 避头尾
rules (wrap below), since SVG does not wrap. Fonts: a list of Simplified Chinese
fonts common on Windows, macOS and Linux, so any browser finds one.
"""

from __future__ import annotations

from typing import IO
from xml.sax.saxutils import escape

from xuezhi.guide.flow import Flow, Step
from xuezhi.text.numerals import to_chinese

FONTS = ("'Microsoft YaHei','PingFang SC','Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei',"
         "SimHei,sans-serif")
WIDTH = 820
MARGIN = 30
BOX_W = WIDTH - 2 * MARGIN
PAD = 14
TITLE_PT, TEXT_PT, SMALL_PT = 17, 13.5, 12
LINE = 1.5  # line height in em
GAP = 34  # between boxes: room for the arrow
INK, BLUE, GREY, FILL, ACCENT = "#1a1a1a", "#1f4e79", "#595959", "#f3f6fa", "#c00000"


class _Svg:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.y = MARGIN

    def text(self, x: float, y: float, s: str, size: float, fill: str = INK, bold: bool = False,
             anchor: str = "start") -> None:
        weight = ' font-weight="bold"' if bold else ""
        self.parts.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{fill}"{weight} '
                          f'text-anchor="{anchor}">{escape(s)}</text>')

    def lines(self, x: float, y: float, lines: list[str], size: float, fill: str = INK, bold: bool = False) -> float:
        """Draw `lines` from baseline `y`; return the y below them."""
        for line in lines:
            y += size * LINE
            self.text(x, y - size * 0.4, line, size, fill, bold)
        return y

    def rect(self, x: float, y: float, w: float, h: float, stroke: str = BLUE, width: float = 1.4,
             fill: str = FILL) -> None:
        self.parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="8" ry="8" '
                          f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>')

    def arrow(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self.parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{BLUE}" '
                          'stroke-width="1.6" marker-end="url(#arrow)"/>')

    def polyline(self, points: list[tuple[float, float]]) -> None:
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        self.parts.append(f'<polyline points="{pts}" fill="none" stroke="{BLUE}" stroke-width="1.6"/>')


def _step_lines(step: Step, chars: float) -> tuple[list[str], list[str]]:
    """(the body lines, the period lines) of a step, wrapped to `chars` em."""
    body = wrap(f"由谁：“{step.who.text}”", chars)
    for q in step.lines:
        body += wrap(f"· “{q.text}”（{q.place.label()}）", chars, indent=1)
    periods: list[str] = []
    for d in step.deadlines:
        periods += wrap(f"时限 {d.task}：{d.length_with_extension}（{d.place.label()}）", chars, indent=1)
    return body, periods


def _box(svg: _Svg, step: Step, number: int) -> tuple[float, float]:
    """Draw one step box at svg.y; return its top and bottom."""
    chars = (BOX_W - 2 * PAD) / TEXT_PT
    body, periods = _step_lines(step, chars)
    height = PAD + TITLE_PT * LINE + (len(body) * TEXT_PT + len(periods) * TEXT_PT) * LINE + PAD
    top = svg.y
    svg.rect(MARGIN, top, BOX_W, height)
    y = top + PAD + TITLE_PT * LINE
    svg.text(MARGIN + PAD, y - TITLE_PT * 0.4, f"{to_chinese(number)}、{step.title}", TITLE_PT, BLUE, bold=True)
    svg.text(MARGIN + BOX_W - PAD, y - TITLE_PT * 0.4, step.basis(), SMALL_PT, GREY, anchor="end")
    y = svg.lines(MARGIN + PAD, y, body, TEXT_PT)
    svg.lines(MARGIN + PAD, y, periods, TEXT_PT, ACCENT, bold=True)
    svg.y = top + height
    return top, top + height


def _branches(svg: _Svg, step: Step, above: float) -> float:
    """The six kinds of 第三十一条 as a row of boxes hanging from one line; return the x of the one
    the flow goes on from."""
    n, gap = len(step.branches), 8
    w = (BOX_W - gap * (n - 1)) / n
    chars = (w - 2 * 7) / SMALL_PT
    bus = svg.y + GAP / 2
    centres = [MARGIN + i * (w + gap) + w / 2 for i in range(n)]
    svg.polyline([(MARGIN + BOX_W / 2, above), (MARGIN + BOX_W / 2, bus)])
    svg.polyline([(centres[0], bus), (centres[-1], bus)])
    svg.y += GAP
    texts = [(wrap(f"（{to_chinese(i)}）{b.label}", chars), wrap(f"→“{b.quote.text}”", chars),
              wrap(f"（{b.quote.place.label()}）", chars)) for i, b in enumerate(step.branches, 1)]
    height = 16 + max(len(a) + len(b) + len(c) for a, b, c in texts) * SMALL_PT * LINE
    top, go_on = svg.y, MARGIN + BOX_W / 2
    for b, x, (head, tail, where) in zip(step.branches, centres, texts, strict=True):
        svg.arrow(x, bus, x, top - 2)
        svg.rect(x - w / 2, top, w, height, ACCENT if b.continues else BLUE, 2.2 if b.continues else 1.2,
                 "#fff5f5" if b.continues else "#ffffff")
        y = svg.lines(x - w / 2 + 7, top + 5, head, SMALL_PT, INK, bold=True)
        y = svg.lines(x - w / 2 + 7, y, tail, SMALL_PT, ACCENT if b.continues else INK)
        svg.lines(x - w / 2 + 7, y, where, SMALL_PT, GREY)
        if b.continues:
            go_on = x
    svg.y = top + height
    return go_on


# 避头尾 for the few lines SVG needs wrapped (the terminal's fuller rules live in terminal/linebreak.py).
NO_START = frozenset("，。、；：？！）》」』】〕〉”’…—,.;:?!)")
NO_END = frozenset("（《「『【〔〈“‘(")


def _em(ch: str) -> float:
    import unicodedata

    return 1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.55


def _can_break(a: str, b: str) -> bool:
    return not (b in NO_START or a in NO_END or (a.isascii() and a.isalnum() and b.isascii() and b.isalnum()))


def wrap(text: str, width: float, indent: int = 0) -> list[str]:
    """`text` in lines of at most `width` em; continuation lines indented by `indent` em (full-width
    spaces). A closing mark never starts a line, an opening one never ends it, and a run of digits
    or Latin letters is not split."""
    lines: list[str] = []
    line = ""
    for ch in text:
        if sum(_em(c) for c in line) + _em(ch) > width and line.strip("　"):
            rest = line + ch
            cut = len(line)
            while cut > indent + 1 and not _can_break(rest[cut - 1], rest[cut]):
                cut -= 1
            lines.append(line[:cut])
            line = "　" * indent + line[cut:]
        line += ch
    if line.strip("　"):
        lines.append(line)
    return lines


def render(flow: Flow, title: str) -> str:
    svg = _Svg()
    svg.text(WIDTH / 2, svg.y + 18, f"信访事项办理流程（《{title}》）", 22, INK, bold=True, anchor="middle")
    svg.y += 34
    svg.text(WIDTH / 2, svg.y + 8, "引号内为条文原文；步骤名、分支名为学知所加。红字为时限。", SMALL_PT, GREY,
             anchor="middle")
    svg.y += 26
    from_x: float | None = None
    for i, step in enumerate(flow.steps, 1):
        if i > 1:
            x = from_x if from_x is not None else MARGIN + BOX_W / 2
            if from_x is not None and from_x != MARGIN + BOX_W / 2:
                svg.polyline([(x, svg.y), (x, svg.y + GAP / 2), (MARGIN + BOX_W / 2, svg.y + GAP / 2)])
                svg.arrow(MARGIN + BOX_W / 2, svg.y + GAP / 2, MARGIN + BOX_W / 2, svg.y + GAP - 2)
            else:
                svg.arrow(x, svg.y, x, svg.y + GAP - 2)
            svg.y += GAP
        _, bottom = _box(svg, step, i)
        from_x = None
        if step.branches:
            from_x = _branches(svg, step, bottom)
    height = svg.y + MARGIN
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0f}" '
            f'viewBox="0 0 {WIDTH} {height:.0f}" font-family="{FONTS}">'
            f'<title>信访事项办理流程</title>'
            '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{BLUE}"/></marker></defs>'
            f'<rect width="100%" height="100%" fill="#ffffff"/>')
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + head + "\n".join(svg.parts) + "</svg>\n"


def write(flow: Flow, fh: IO[bytes], title: str = "信访工作条例") -> None:
    fh.write(render(flow, title).encode("utf-8"))
