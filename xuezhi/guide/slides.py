"""The 讲条例 slides (xuezhi export 讲条例.pptx --handout), python-pptx, 16:9: a title slide, one slide per
article group of data/要点.yaml (each article a column: 条旨, its key sentence highlighted, the
points), the handling flow drawn with shapes and arrows, and the deadline table.

PowerPoint does not shrink text that overflows a box unless it renders it; the font size of each
column is chosen here from the length of its text instead, so no slide needs fixing by hand."""

from __future__ import annotations

import math
from typing import IO, Any

from xuezhi.guide.deadlines import Deadline
from xuezhi.guide.handout import ArticleSheet, Handout
from xuezhi.guide.word import deadline_rows
from xuezhi.text.corpus import label
from xuezhi.text.numerals import to_chinese

W, H = 13.333, 7.5  # inches, 16:9
MARGIN = 0.45
FONT = "Microsoft YaHei"  # with the East Asian font set too (see _font), so any Chinese font is used
BLUE, RED, GREY, INK, PALE = "1F3864", "C00000", "595959", "1A1A1A", "EEF3FA"
TABLE_ROWS = 9  # deadline rows per slide


class _Deck:
    def __init__(self) -> None:
        from pptx import Presentation
        from pptx.dml.color import RGBColor
        from pptx.util import Inches, Pt

        self.Inches, self.Pt, self.RGB = Inches, Pt, RGBColor
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = Inches(W), Inches(H)
        self.blank = self.prs.slide_layouts[6]

    def slide(self, title: str | None = None, note: str | None = None) -> Any:
        s = self.prs.slides.add_slide(self.blank)
        if title:
            bar = self.box(s, 0, 0, W, 0.95, fill=BLUE)
            self.text(bar, [[(title, 24, True, "FFFFFF")]], margin=0.35)
        if note:
            tb = self.box(s, MARGIN, H - 0.45, W - 2 * MARGIN, 0.35)
            self.text(tb, [[(note, 10, False, GREY)]])
        return s

    def box(self, slide: Any, x: float, y: float, w: float, h: float, fill: str | None = None,
            line: str | None = None, shape: int = 1, width: float = 1.0) -> Any:
        from pptx.enum.shapes import MSO_SHAPE

        kind = MSO_SHAPE.ROUNDED_RECTANGLE if shape == 5 else MSO_SHAPE.RECTANGLE
        if fill is None and line is None:
            shp = slide.shapes.add_textbox(self.Inches(x), self.Inches(y), self.Inches(w), self.Inches(h))
        else:
            shp = slide.shapes.add_shape(kind, self.Inches(x), self.Inches(y), self.Inches(w), self.Inches(h))
            if shape == 5:
                shp.adjustments[0] = 0.08
            if fill:
                shp.fill.solid()
                shp.fill.fore_color.rgb = self.RGB.from_string(fill)
            else:
                shp.fill.background()
            if line:
                shp.line.color.rgb = self.RGB.from_string(line)
                shp.line.width = self.Pt(width)
            else:
                shp.line.fill.background()
            shp.shadow.inherit = False
        return shp

    def text(self, shape: Any, paragraphs: list[list[tuple[str, float, bool, str]]], margin: float = 0.1,
             centre: bool = False, top: bool = False, space: float = 0) -> None:
        """Paragraphs of runs (text, size, bold, colour)."""
        from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

        tf = shape.text_frame
        tf.word_wrap = True
        tf.margin_left = tf.margin_right = self.Inches(margin)
        tf.margin_top = tf.margin_bottom = self.Inches(0.05)
        tf.vertical_anchor = MSO_ANCHOR.TOP if top else MSO_ANCHOR.MIDDLE
        for i, runs in enumerate(paragraphs):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            if centre:
                p.alignment = PP_ALIGN.CENTER
            if space:
                p.space_after = self.Pt(space)
            for text, size, bold, colour in runs:
                r = p.add_run()
                r.text = text
                _font(r, size, bold, self.RGB.from_string(colour), self.Pt)

    def arrow(self, slide: Any, x1: float, y1: float, x2: float, y2: float) -> None:
        from pptx.enum.shapes import MSO_CONNECTOR
        from pptx.oxml.ns import qn

        c = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, self.Inches(x1), self.Inches(y1), self.Inches(x2),
                                       self.Inches(y2))
        c.line.color.rgb = self.RGB.from_string(BLUE)
        c.line.width = self.Pt(2)
        ln = c.line._get_or_add_ln()
        tail = ln.makeelement(qn("a:tailEnd"), {"type": "triangle", "w": "med", "len": "med"})
        ln.append(tail)


def _font(run: Any, size: float, bold: bool, colour: Any, Pt: Any) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = colour
    run.font.name = FONT
    rpr = run._r.get_or_add_rPr()
    from pptx.oxml.ns import qn

    for tag in ("a:ea", "a:cs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = rpr.makeelement(qn(tag), {})
            rpr.append(el)
        el.set("typeface", FONT)


def _title_slide(d: _Deck, h: Handout) -> None:
    s = d.slide()
    d.box(s, 0, 0, W, H, fill=BLUE)
    t = d.box(s, 0.8, 2.0, W - 1.6, 1.4)
    d.text(t, [[(f"学习《{h.regulation.title}》", 40, True, "FFFFFF")]], centre=True)
    sub = d.box(s, 0.8, 3.5, W - 1.6, 0.8)
    d.text(sub, [[(f"学条例、讲条例、用条例　·　{h.scope}", 22, False, "DDE6F3")]], centre=True)
    who = " ".join(x for x in (h.unit or "", f"{h.day.year}年{h.day.month}月" if h.day else "") if x)
    if who:
        u = d.box(s, 0.8, 5.2, W - 1.6, 0.6)
        d.text(u, [[(who, 18, False, "FFFFFF")]], centre=True)


def _lines(text: str, size: float, width_in: float) -> int:
    per_line = max(1, int(width_in * 72 / size))
    return math.ceil(len(text) / per_line)


def _column(d: _Deck, slide: Any, s: ArticleSheet, x: float, y: float, w: float, h: float) -> None:
    d.box(slide, x, y, w, h, fill=PALE, line="B4C6E7", shape=5)
    inner = w - 0.3
    key = f"“{s.teaching.key.text}”"
    texts = [s.article.summary, key, *(p.text for p in s.teaching.points)]
    size = 18.0
    while size > 10 and sum(_lines(t, size, inner) for t in texts) * size * 1.45 / 72 + 0.9 > h:
        size -= 0.5
    head = d.box(slide, x, y + 0.05, w, 0.75)
    d.text(head, [[(s.article.label, size + 4, True, BLUE)], [(s.article.summary, size, True, INK)]], margin=0.15,
           top=True)
    body = d.box(slide, x, y + 0.85, w, h - 0.9)
    paras = [[("关键句　", size - 2, True, GREY), (key, size, True, RED)]]
    paras += [[("● ", size - 3, False, BLUE), (p.text, size - 1, False, INK)] for p in s.teaching.points]
    d.text(body, paras, margin=0.15, top=True, space=6)


def _group_slide(d: _Deck, h: Handout, title: str, sheets: list[ArticleSheet]) -> None:
    ch = h.regulation.chapter(sheets[0].article.chapter)
    first, last = sheets[0].article.number, sheets[-1].article.number
    span = label(first) + (f"至{label(last)}" if last != first else "")
    slide = d.slide(f"{title}（{span}）", f"{ch.label} {ch.title}　·　关键句和引号内为条文原文" if ch else None)
    n, gap = len(sheets), 0.25
    w = (W - 2 * MARGIN - gap * (n - 1)) / n
    for i, s in enumerate(sheets):
        _column(d, slide, s, MARGIN + i * (w + gap), 1.2, w, H - 1.85)


def _flow_slide(d: _Deck, h: Handout) -> None:
    slide = d.slide("信访事项办理流程",
                    "第三十一条第一至五项的事项按相应程序处理；第六项出具信访处理意见书，可复查、复核。")
    steps = h.flow.steps
    per_row = math.ceil(len(steps) / 2)
    gap_x, gap_y = 0.45, 0.55
    w = (W - 2 * MARGIN - gap_x * (per_row - 1)) / per_row
    bh = (H - 1.25 - 0.6 - gap_y) / 2
    places = []
    for i, step in enumerate(steps):
        row, col = divmod(i, per_row)
        if row == 1:
            col = per_row - 1 - col  # a snake: the second row runs back from the right
        x, y = MARGIN + col * (w + gap_x), 1.2 + row * (bh + gap_y)
        places.append((x, y))
        d.box(slide, x, y, w, bh, fill=PALE if not step.deadlines else "FFF4F4",
              line=BLUE if not step.deadlines else RED, shape=5, width=1.5)
        tb = d.box(slide, x, y, w, bh)
        paras = [[(f"{to_chinese(i + 1)}、{step.title}", 17, True, BLUE)], [(step.basis(), 11, False, GREY)]]
        if step.branches:
            paras.append([(f"分{to_chinese(len(step.branches))}类：" + "、".join(b.label for b in step.branches), 12,
                           False, INK)])
        paras += [[(f"{dl.task}：", 12, False, INK), (dl.length_with_extension, 12, True, RED)]
                  for dl in step.deadlines[:4]]
        if len(step.deadlines) > 4:
            paras.append([(f"等 {len(step.deadlines)} 项时限，见时限一览", 12, False, GREY)])
        d.text(tb, paras, margin=0.12, top=True, space=2)
    for i in range(len(steps) - 1):
        (x1, y1), (x2, y2) = places[i], places[i + 1]
        if y1 == y2:
            left_to_right = x2 > x1
            d.arrow(slide, x1 + (w if left_to_right else 0), y1 + bh / 2, x2 + (0 if left_to_right else w), y2 + bh / 2)
        else:
            d.arrow(slide, x1 + w / 2, y1 + bh, x2 + w / 2, y2)


def _table_slides(d: _Deck, rows: list[Deadline]) -> None:
    header, cells = deadline_rows(rows)
    keep = [0, 1, 2, 3, 5]  # 事项, 时限, 由谁, 起算, 依据: the 要求 column does not fit a slide
    widths = [3.3, 2.3, 2.8, 2.3, 1.73]
    for start in range(0, len(cells), TABLE_ROWS):
        part = cells[start:start + TABLE_ROWS]
        more = f"（{start // TABLE_ROWS + 1}）" if len(cells) > TABLE_ROWS else ""
        slide = d.slide(f"时限一览{more}", "期间开始的当日不计入；最后一日是法定休假日的，顺延至休假日结束的次日"
                                        "（民法典第二百零一条、第二百零三条）。")
        shape = slide.shapes.add_table(len(part) + 1, len(keep), d.Inches(MARGIN), d.Inches(1.2),
                                       d.Inches(W - 2 * MARGIN), d.Inches(0.4 * (len(part) + 1)))
        table = shape.table
        for j, wd in enumerate(widths):
            table.columns[j].width = d.Inches(wd)
        for r, row in enumerate([header, *part]):
            for j, k in enumerate(keep):
                cell = table.cell(r, j)
                cell.text = ""
                p = cell.text_frame.paragraphs[0]
                run = p.add_run()
                run.text = row[k]
                colour = "FFFFFF" if r == 0 else (RED if k == 1 else INK)
                _font(run, 13 if r == 0 else 12, r == 0 or k in (0, 1), d.RGB.from_string(colour), d.Pt)


def write(h: Handout, fh: IO[bytes]) -> None:
    d = _Deck()
    _title_slide(d, h)
    flow_after = next((c.chapter.number for c in h.chapters if c.flow), None)
    rows = [r for c in h.chapters for r in c.deadlines if r.group != "定期"]
    for title, sheets in h.groups():
        _group_slide(d, h, title, sheets)
        last_of_chapter = sheets[-1].article is h.regulation.chapter(sheets[-1].article.chapter).articles[-1]
        if flow_after is not None and last_of_chapter and sheets[-1].article.chapter == flow_after:
            _flow_slide(d, h)
            if rows:
                _table_slides(d, rows)
                rows = []
    if rows:
        _table_slides(d, rows)
    d.prs.save(fh)
