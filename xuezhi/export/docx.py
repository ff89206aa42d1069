"""Word paper for printing: title, 单位/姓名/得分, a score table, instructions, sections with
numbered questions; optionally a 答题卡 and a 密封线 (xuezhi.export.docx_sheet); then the
answer key with 解析 and article citations, or the key alone with `--key separate`.

Each of these parts is a section of the file that starts on a new page and counts its own pages:
the footer reads 第 X 页 共 Y 页 (答题卡 …, 参考答案 …). Y is NUMPAGES in a file of one part and,
since LibreOffice cannot count a section's pages (SECTIONPAGES), a PAGEREF to a bookmark on the
part's last page otherwise, which Word and LibreOffice both show as that page's number.

Pages break by themselves: keep-with-next only on headings and within a question (every paragraph
but its last, so a question is never split from its options, which examiners do not accept), each
paragraph's lines kept together, no page break before anything but a new part.
"""

from __future__ import annotations

from io import BytesIO
from typing import IO, Any

from xuezhi.bank.model import LETTERS, QType
from xuezhi.export import Layout
from xuezhi.export.docx_base import (
    HEI,
    KAI,
    LATIN,
    OPTION_INDENT,
    PLAIN,
    SEALED,
    SONG,
    TEXT_W,
    _set_fonts,
    chinese_font_table,
    new_document,
    style_ids,
    twips,
)
from xuezhi.export.docx_sheet import answer_sheet, candidate_fields, seal_line
from xuezhi.export.docx_xml import (
    NAMESPACES,
    W_NS,
    blank_line,
    bookmark,
    field,
    insert_body,
    line_png,
    para,
    run,
    set_footer,
    table,
    width_em,
)
from xuezhi.quiz.paper import Item, Paper, Section, Variant
from xuezhi.quiz.paper_text import instructions, key_answer, section_hint, split_blanks

__all__ = ["HEI", "KAI", "LATIN", "SONG", "_set_fonts", "chinese_font_table", "option_lines", "write"]

BODY_EM_CM = 12 * 0.03528  # one character of body text (12 pt), in cm
KEY_EM_CM = 10.5 * 0.03528
# The answer bracket: （ with two characters' letter spacing, then ）. Spaces inside the brackets
# would let LibreOffice break the line between them; letter spacing cannot be broken.
ANSWER_BRACKET = '<w:r><w:rPr><w:spacing w:val="480"/></w:rPr><w:t>（</w:t></w:r><w:r><w:t>）</w:t></w:r>'
BLANK_MARK = "（　）"
KEY_COLUMNS = 10
KEY_LABEL_W = 1.3  # cm


def option_lines(options: list[str]) -> list[tuple[str, int]]:
    """Options as printed lines: four to a line when short, two when medium, else one each."""
    if not options:
        return []
    labelled = [f"{LETTERS[k]}．{o}" for k, o in enumerate(options)]
    widest = max(width_em(t) for t in labelled)
    room = (TEXT_W - OPTION_INDENT) / BODY_EM_CM  # characters per line
    candidates = {2: (2,), 3: (3,), 4: (4, 2)}.get(len(options), (3, 2))
    per_line = next((n for n in candidates if widest + 1.5 <= room / n), 1)
    return [("\t".join(labelled[i:i + per_line]), per_line) for i in range(0, len(labelled), per_line)]


def key_cell_cm(answers: list[str]) -> float:
    """A key grid column that holds the widest answer in bold on one line: capitals are up to 0.75 em
    wide in Times New Roman bold, √ and × one em; plus the cell's margins and a little air."""
    ink = max((sum(0.75 if c.isascii() else 1.0 for c in a) for a in answers), default=1.0) * KEY_EM_CM
    return max(1.0, round(ink + 0.5, 2))


def key_columns(cell_cm: float) -> int:
    """Ten to a row when they fit, else five (rows still run 1–5, 6–10 …), else as many as fit."""
    for n in (KEY_COLUMNS, KEY_COLUMNS // 2):
        if KEY_LABEL_W + n * cell_cm <= TEXT_W:
            return n
    return max(1, int((TEXT_W - KEY_LABEL_W) // cell_cm))


class Builder:
    """Collects the body as WordprocessingML text, part by part (paper, 答题卡, key)."""

    def __init__(self, paper: Paper, layout: Layout) -> None:
        self.paper, self.layout = paper, layout
        self.doc = new_document(paper.title, f"随机种子 {paper.seed}" if paper.seed is not None else "")
        self.ids = style_ids(self.doc)
        self.body: list[str] = []
        self.parts: list[tuple[str, bool]] = []  # (footer label, sealed) per part
        self._blank_rid: str | None = None
        self._next_id = 100

    # -- building blocks
    def p(self, style: str, runs: str, keep_next: bool = False, keep_lines: bool = False,
          tabs: list[int] | None = None) -> None:
        self.body.append(para(self.ids[style], runs, keep_next, keep_lines, tabs))

    def table(self, rows: list[list[str]], widths_cm: list[float], bold_rows: set[int] = frozenset(),
              height_cm: float | None = None, heights: list[float] | None = None,
              keep_rows: set[int] = frozenset()) -> None:
        xml = table(rows, [twips(w) for w in widths_cm], self.ids["Table Grid"], self.ids["表格"], bold_rows,
                    twips(height_cm) if height_cm else None)
        if heights or keep_rows:  # per-row heights, and rows kept with the next one (题号 with its 答案 row)
            trs = xml.split("<w:tr>")
            for k in range(len(trs) - 1):
                tr = trs[k + 1]
                if heights:
                    tr = tr.replace("<w:cantSplit/>", f'<w:cantSplit/><w:trHeight w:val="{twips(heights[k])}"/>', 1)
                if k in keep_rows:
                    tr = tr.replace("<w:jc ", "<w:keepNext/><w:jc ")
                trs[k + 1] = tr
            xml = "<w:tr>".join(trs)
        self.body.append(xml)

    def blank(self) -> str:
        if self._blank_rid is None:
            self._blank_rid, _ = self.doc.part.get_or_add_image(BytesIO(line_png()))
        self._next_id += 1
        return blank_line(self._blank_rid, self._next_id)

    def start_part(self, label: str, sealed: bool) -> None:
        """Close the part written so far (its last paragraph takes the section break and the bookmark
        its footer counts to) and begin a new one."""
        if self.parts:
            self._close_part(final=False)
        self.parts.append((label, sealed))

    def _close_part(self, final: bool) -> None:
        n = len(self.parts)
        mark = bookmark(f"_XzPart{n}", n)
        sect = "" if final else "<w:sectPr/>"
        last = self.body[-1] if self.body else ""
        if last.startswith("<w:p>"):
            head = last[: -len("</w:p>")]
            self.body[-1] = head.replace("</w:pPr>", f"{sect}</w:pPr>", 1) + mark + "</w:p>"
        else:  # a table: a paragraph of no height after it
            self.body.append(f'<w:p><w:pPr><w:spacing w:line="20" w:lineRule="exact"/>{sect}</w:pPr>{mark}</w:p>')

    def score_table(self, v: Variant) -> None:
        heads = ["题号", *(s.numeral for s in v.sections), "总分"]
        width = min(2.2, TEXT_W / len(heads))
        self.table([heads, ["得分"] + [""] * (len(heads) - 1)], [width] * len(heads), height_cm=1.0)

    # -- the paper
    def paper_part(self, v: Variant) -> None:
        paper, layout = self.paper, self.layout
        self.p("试卷标题", run(paper.variant_title(v)))
        if not (layout.seal or layout.answer_sheet):
            self.p("考生信息", candidate_fields(paper, last="得分"))
        if not layout.answer_sheet:
            self.score_table(v)
        self.p("考试说明", run("考试说明：", bold=True) + run(instructions(paper, v, sheet=layout.answer_sheet)))
        for s in v.sections:
            self.section(s)

    def section(self, s: Section) -> None:
        self.p("大题标题", run(s.heading), keep_next=True)
        self.p("大题说明", run(section_hint(s.type, sheet=self.layout.answer_sheet)), keep_next=True)
        for item in s.items:
            self.question(item)

    def question(self, item: Item) -> None:
        q = item.question
        runs = run(f"{item.number}．")
        if q.type is QType.BLANK:
            pieces = split_blanks(q.stem)
            runs += run(pieces[0]) + "".join(self.blank() + run(p) for p in pieces[1:])
        elif q.type is QType.JUDGE:
            runs += run(q.stem) + ANSWER_BRACKET
        else:
            runs += ANSWER_BRACKET.join(run(piece) for piece in q.stem.split(BLANK_MARK))
        lines = option_lines(item.options)
        self.p("题干", runs, keep_next=bool(lines), keep_lines=True)
        for k, (line, per_line) in enumerate(lines, 1):
            slot = (TEXT_W - OPTION_INDENT) / per_line
            self.p("选项", run(line), keep_next=k < len(lines), keep_lines=True,
                   tabs=[twips(OPTION_INDENT + j * slot) for j in range(1, per_line)])

    # -- the key
    def key_part(self, v: Variant, standalone: bool) -> None:
        title, subtitle = self.paper.variant_title(v), "参考答案及解析"
        if not standalone:
            title, subtitle = subtitle, title
        self.p("试卷标题", run(title))
        self.p("试卷副标题", run(subtitle))
        for s in v.sections:
            self.p("大题标题", run(s.heading), keep_next=True)
            if s.type is not QType.BLANK:
                self.key_grid(s)
            for item in s.items:
                q = item.question
                self.p("答案", run(f"{item.number}．答案：{key_answer(item, marks=True)}", bold=True)
                       + run(f"　{q.explanation}（依据：{q.basis.label()}）"))

    def key_grid(self, s: Section) -> None:
        """Answers in rows of ten (five when they are long), for marking at a glance."""
        items = list(s.items)
        answers = [key_answer(it, marks=True) for it in items]
        cell = key_cell_cm(answers)
        per_row = key_columns(cell)
        rows: list[list[str]] = []
        bold: set[int] = set()
        for i in range(0, len(items), per_row):
            pad = [""] * (per_row - len(items[i:i + per_row]))
            rows.append(["题号", *(str(it.number) for it in items[i:i + per_row]), *pad])
            bold.add(len(rows))
            rows.append(["答案", *answers[i:i + per_row], *pad])
        self.table(rows, [KEY_LABEL_W] + [cell] * per_row, bold, keep_rows=set(range(0, len(rows), 2)))
        self.p("答案", "")

    # -- the file
    def save(self, fh: IO[bytes]) -> None:
        self._close_part(final=True)
        insert_body(self.doc, self.body)
        sections = self.doc.sections
        assert len(sections) == len(self.parts)
        sealed_any = any(sealed for _, sealed in self.parts)
        for n, (sec, (label, sealed)) in enumerate(zip(sections, self.parts, strict=True), 1):
            self._geometry(sec, sealed)
            total = "NUMPAGES" if len(self.parts) == 1 else f"PAGEREF _XzPart{n}"
            self._footer(sec, label, total)
            if sealed_any:
                self._header(sec, seal_line(self.paper, n) if sealed else "")
        self.doc.save(fh)

    def _geometry(self, sec: Any, sealed: bool) -> None:
        from docx.oxml import parse_xml
        from docx.shared import Cm

        from xuezhi.export.docx_base import PAGE_H, PAGE_W

        m = SEALED if sealed else PLAIN
        sec.page_width, sec.page_height = Cm(PAGE_W), Cm(PAGE_H)
        sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = (
            Cm(m.top), Cm(m.bottom), Cm(m.left), Cm(m.right))
        sec.header_distance = sec.footer_distance = Cm(1.5)
        sec.gutter = Cm(0)
        sp = sec._sectPr
        if sp.find(f"{{{W_NS}}}pgNumType") is None:  # every part counts its pages from 1
            later = next((c for c in sp if c.tag.split("}")[1] in _SECTPR_AFTER_PGNUM), None)
            pg = parse_xml(f'<w:pgNumType xmlns:w="{W_NS}" w:start="1"/>')
            if later is not None:
                later.addprevious(pg)
            else:
                sp.append(pg)

    def _footer(self, sec: Any, label: str, total: str) -> None:
        sec.footer.is_linked_to_previous = False
        runs = run(f"{label}第 ") + field("PAGE") + run(" 页 共 ") + field(total) + run(" 页")
        set_footer(sec.footer, para(self.ids["页脚"], runs))

    def _header(self, sec: Any, runs: str) -> None:
        from docx.oxml import parse_xml

        sec.header.is_linked_to_previous = False
        if runs:
            p = sec.header.paragraphs[0]._p
            for r in list(parse_xml(f"<w:p {NAMESPACES}>{runs}</w:p>")):
                p.append(r)


_SECTPR_AFTER_PGNUM = ("cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter",
                       "docGrid", "printerSettings", "sectPrChange")


def write(paper: Paper, variant: Variant | None, fh: IO[bytes], part: str = "all",
          layout: Layout | None = None) -> list[str]:
    """part: 'all' (paper, then the key in a new section), 'paper' or 'key'."""
    assert variant is not None
    layout = layout or Layout()
    b = Builder(paper, layout)
    if part in ("all", "paper"):
        b.start_part("", layout.seal)
        b.paper_part(variant)
        if layout.answer_sheet:
            b.start_part("答题卡 ", layout.seal)
            answer_sheet(b, variant, layout.seal)
    if part in ("all", "key"):
        b.start_part("参考答案 ", False)
        b.key_part(variant, standalone=part == "key")
    b.save(fh)
    return []
