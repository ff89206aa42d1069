"""Word paper for printing: title, 单位/姓名/得分, a score table, instructions, sections with
numbered questions, then the answer key with 解析 and article citations in a new section
(its own page numbering), or in a separate file with `--key separate`.

Fonts are set in the styles, for Chinese through w:eastAsia (宋体 body, 黑体 headings,
楷体 notes) with Times New Roman for Latin text and digits, so Word, WPS and LibreOffice
all use a Chinese font instead of a theme font. A4, 2.5 cm margins.

python-docx provides the package, the styles and the footer; the body is written as
WordprocessingML text and parsed once, because python-docx's paragraph and table API
slows down quadratically with document size (a 1,000-question paper took over 20 s).
"""

from __future__ import annotations

import unicodedata
from typing import IO, Any
from xml.sax.saxutils import escape

from xuezhi.bank.model import LETTERS, QType
from xuezhi.quiz.paper import Item, Paper, Section, Variant
from xuezhi.quiz.paper_text import SECTION_HINTS, instructions, key_answer, split_blanks

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LATIN = "Times New Roman"
SONG, HEI, KAI = "宋体", "黑体", "楷体"
BODY_PT = 12  # 小四
PAGE_W, PAGE_H = 21.0, 29.7  # A4, cm
MARGIN_TB, MARGIN_LR = 2.5, 2.6
TEXT_W = PAGE_W - 2 * MARGIN_LR  # cm
OPTION_INDENT = 0.85  # cm, two characters
NBSP = "\u00a0"  # underlined at the end of a line too, where Word drops trailing spaces; and no line break
BLANK = NBSP * 26  # underlined: room (about 7 characters) to write a blank's answer by hand, never split
# The answer bracket: （ with two characters' letter spacing, then ）. Spaces inside the brackets
# would let LibreOffice break the line between them; letter spacing cannot be broken.
ANSWER_BRACKET = '<w:r><w:rPr><w:spacing w:val="480"/></w:rPr><w:t>（</w:t></w:r><w:r><w:t>）</w:t></w:r>'
BLANK_MARK = "（　）"
KEY_COLUMNS = 10
STYLE_IDS = {"试卷标题": "XzTitle", "试卷副标题": "XzSubtitle", "考生信息": "XzCandidate", "考试说明": "XzNotice",
             "大题标题": "XzSection", "大题说明": "XzSectionNote", "题干": "XzStem", "选项": "XzOption",
             "答案": "XzKey", "表格": "XzTable"}
TWIPS_PER_CM = 567


def _width(text: str) -> float:
    """Printed width in em: CJK and full-width characters 1, others ½."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def _twips(cm: float) -> int:
    return round(cm * TWIPS_PER_CM)


def run(text: str, bold: bool = False, underline: bool = False) -> str:
    """A w:r; tabs in `text` become w:tab."""
    if not text:
        return ""
    rpr = ""
    if bold or underline:
        rpr = "<w:rPr>" + ("<w:b/>" if bold else "") + ('<w:u w:val="single"/>' if underline else "") + "</w:rPr>"
    parts = text.split("\t")
    body = "<w:tab/>".join(f'<w:t xml:space="preserve">{escape(p)}</w:t>' if p else "" for p in parts)
    return f"<w:r>{rpr}{body}</w:r>"


def para(style: str, runs: str, keep_next: bool = False, tabs: list[int] | None = None) -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' + ("<w:keepNext/>" if keep_next else "")
    if tabs:
        ppr += "<w:tabs>" + "".join(f'<w:tab w:val="left" w:pos="{t}"/>' for t in tabs) + "</w:tabs>"
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"


def table(rows: list[list[str]], widths: list[int], style: str, cell_style: str, bold_rows: set[int] = frozenset(),
          height: int | None = None) -> str:
    """A centred grid table of plain text cells; widths in twips."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="{style}"/><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/>'
           f'<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>']
    for r, cells in enumerate(rows):
        tr = "<w:trPr><w:cantSplit/>" + (f'<w:trHeight w:val="{height}"/>' if height else "") + "</w:trPr>"
        tcs = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{cell_style}"/><w:jc w:val="center"/></w:pPr>'
            f'{run(text, bold=r in bold_rows) if text else ""}</w:p></w:tc>'
            for text, w in zip(cells, widths, strict=True))
        out.append(f"<w:tr>{tr}{tcs}</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def option_lines(options: list[str]) -> list[tuple[str, int]]:
    """Options as printed lines: four to a line when short, two when medium, else one each."""
    if not options:
        return []
    labelled = [f"{LETTERS[k]}．{o}" for k, o in enumerate(options)]
    widest = max(_width(t) for t in labelled)
    room = (TEXT_W - OPTION_INDENT) / (BODY_PT * 0.03528)  # characters per line (1 pt = 0.03528 cm)
    candidates = {2: (2,), 3: (3,), 4: (4, 2)}.get(len(options), (3, 2))
    per_line = next((n for n in candidates if widest + 1.5 <= room / n), 1)
    return [("\t".join(labelled[i:i + per_line]), per_line) for i in range(0, len(labelled), per_line)]


def _set_fonts(rpr: Any, latin: str, east: str) -> None:
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east)


def chinese_font_table(doc: Any) -> None:
    """Declare the Chinese fonts with their English names and the GB2312 character set, so that a
    system without them (LibreOffice on Linux) substitutes a Simplified Chinese font."""
    from docx.oxml.ns import qn
    from lxml import etree

    part = next(p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    root = etree.fromstring(part.blob)
    for el in list(root):  # the template's Japanese fonts (ＭＳ 明朝 …) invite Japanese substitutes
        charset = el.find(qn("w:charset"))
        if charset is not None and charset.get(qn("w:val")) == "80":
            root.remove(el)
    for name, alt, family in ((SONG, "SimSun", "auto"), (HEI, "SimHei", "modern"), (KAI, "KaiTi", "modern")):
        font = etree.SubElement(root, qn("w:font"), {qn("w:name"): name})
        for tag, val in (("altName", alt), ("charset", "86"), ("family", family), ("pitch", "variable")):
            etree.SubElement(font, qn(f"w:{tag}"), {qn("w:val"): val})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    lang = doc.settings.element.find(qn("w:themeFontLang"))  # the template says ja-JP
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")


_SECTPR_AFTER_PGNUM = ("cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter",
                       "docGrid", "printerSettings", "sectPrChange")


class _Builder:
    def __init__(self, paper: Paper) -> None:
        from docx import Document
        from docx.enum.style import WD_STYLE_TYPE
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Cm, Pt

        self.qn, self.OxmlElement = qn, OxmlElement
        self.paper = paper
        self.body: list[str] = []
        self.key_only = False
        doc = self.doc = Document()
        sec = doc.sections[0]
        sec.page_width, sec.page_height = Cm(PAGE_W), Cm(PAGE_H)
        sec.top_margin = sec.bottom_margin = Cm(MARGIN_TB)
        sec.left_margin = sec.right_margin = Cm(MARGIN_LR)
        sec.header_distance = sec.footer_distance = Cm(1.5)

        # Document defaults: explicit fonts instead of the template's theme fonts, Chinese language.
        rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        _set_fonts(rpr_default, LATIN, SONG)
        lang = rpr_default.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr_default.append(lang)
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")

        styles = doc.styles
        normal = styles["Normal"]
        normal.font.size = Pt(BODY_PT)
        _set_fonts(normal.element.get_or_add_rPr(), LATIN, SONG)
        pf = normal.paragraph_format
        pf.space_before, pf.space_after, pf.line_spacing = Pt(0), Pt(0), 1.25
        pf.widow_control = True

        def add(name: str, east: str, size: float, bold: bool = False, before: float = 0, after: float = 0,
                center: bool = False, indent: float = 0, line: float | None = None) -> None:
            st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            st.style_id = STYLE_IDS[name]  # ASCII ids, as Word itself writes for Chinese style names
            st.base_style = normal
            st.quick_style = True
            st.font.size = Pt(size)
            st.font.bold = bold
            _set_fonts(st.element.get_or_add_rPr(), LATIN, east)
            f = st.paragraph_format
            f.space_before, f.space_after = Pt(before), Pt(after)
            if center:
                f.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if indent:
                f.left_indent = Cm(indent)
            if line:
                f.line_spacing = line

        add("试卷标题", HEI, 18, bold=True, after=10, center=True)
        add("试卷副标题", HEI, 14, after=8, center=True)
        add("考生信息", SONG, BODY_PT, after=8, center=True)
        add("考试说明", KAI, 10.5, before=8, after=4)
        add("大题标题", HEI, 14, before=12, after=2)
        add("大题说明", KAI, 10.5, after=4)
        add("题干", SONG, BODY_PT, before=6)
        add("选项", SONG, BODY_PT, indent=OPTION_INDENT)
        add("答案", SONG, 10.5, before=3)
        add("表格", SONG, 10.5, line=1.0)
        self.ids = {st.name: st.style_id for st in styles}
        self._font_table()
        doc.core_properties.title = paper.title[:255]  # the document property holds 255 characters
        doc.core_properties.author = doc.core_properties.last_modified_by = "xuezhi"
        doc.core_properties.comments = f"随机种子 {paper.seed}" if paper.seed is not None else ""

    def _font_table(self) -> None:
        chinese_font_table(self.doc)

    def _footer(self, sec: Any, before: str, total: bool) -> None:
        """`before`第 X 页（共 Y 页）. LibreOffice cannot count a section's pages (SECTIONPAGES), so the
        total is printed only when the file holds a single section."""
        sec.footer.is_linked_to_previous = False
        p = sec.footer.paragraphs[0]
        p.alignment = 1  # centre
        p.add_run(f"{before}第 ")
        self._field(p, "PAGE")
        p.add_run(" 页")
        if total:
            p.add_run(" 共 ")
            self._field(p, "NUMPAGES")
            p.add_run(" 页")

    def _field(self, p: Any, instr: str) -> None:
        fld = self.OxmlElement("w:fldSimple")
        fld.set(self.qn("w:instr"), f" {instr} ")
        r = self.OxmlElement("w:r")
        t = self.OxmlElement("w:t")
        t.text = "1"
        r.append(t)
        fld.append(r)
        p._p.append(fld)

    # -- building blocks
    def p(self, style: str, runs: str, keep_next: bool = False, tabs: list[int] | None = None) -> None:
        self.body.append(para(self.ids[style], runs, keep_next, tabs))

    def table(self, rows: list[list[str]], widths_cm: list[float], bold_rows: set[int] = frozenset(),
              height_cm: float | None = None) -> None:
        self.body.append(table(rows, [_twips(w) for w in widths_cm], self.ids["Table Grid"], self.ids["表格"],
                               bold_rows, _twips(height_cm) if height_cm else None))

    def section_break(self) -> None:
        """End the current section here; what follows starts on a new page numbered from 1."""
        from lxml import etree

        sect = self.doc.element.body.get_or_add_sectPr()
        self.body.append(f"<w:p><w:pPr>{etree.tostring(sect, encoding='unicode')}</w:pPr></w:p>")
        self._restart_numbering = True

    # -- the paper
    def paper_part(self, v: Variant) -> None:
        paper = self.paper
        self.p("试卷标题", run(paper.variant_title(v)))
        unit = run(f"单位：{paper.unit}") if paper.unit else run("单位：") + run(NBSP * 28, underline=True)
        self.p("考生信息", unit + run("　　姓名：") + run(NBSP * 20, underline=True)
               + run("　　得分：") + run(NBSP * 14, underline=True))
        heads = ["题号", *(s.numeral for s in v.sections), "总分"]
        width = min(2.2, TEXT_W / len(heads))
        self.table([heads, ["得分"] + [""] * (len(heads) - 1)], [width] * len(heads), height_cm=1.0)
        self.p("考试说明", run("考试说明：", bold=True) + run(instructions(paper, v)))
        for s in v.sections:
            self.section(s)

    def section(self, s: Section) -> None:
        self.p("大题标题", run(s.heading), keep_next=True)
        self.p("大题说明", run(SECTION_HINTS[s.type]), keep_next=True)
        for item in s.items:
            self.question(item)

    def question(self, item: Item) -> None:
        q = item.question
        runs = run(f"{item.number}．")
        if q.type is QType.BLANK:
            pieces = split_blanks(q.stem)
            runs += run(pieces[0]) + "".join(run(BLANK, underline=True) + run(p) for p in pieces[1:])
        elif q.type is QType.JUDGE:
            runs += run(q.stem) + ANSWER_BRACKET
        else:
            runs += ANSWER_BRACKET.join(run(piece) for piece in q.stem.split(BLANK_MARK))
        lines = option_lines(item.options)
        self.p("题干", runs, keep_next=bool(lines))
        for k, (line, per_line) in enumerate(lines):
            slot = (TEXT_W - OPTION_INDENT) / per_line
            tabs = [_twips(OPTION_INDENT + j * slot) for j in range(1, per_line)]
            self.p("选项", run(line), keep_next=k < len(lines) - 1, tabs=tabs)

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
                self.p("答案", run(f"{item.number}．答案：{key_answer(item)}", bold=True)
                       + run(f"　{q.explanation}（依据：{q.basis.label()}）"))

    def key_grid(self, s: Section) -> None:
        """Answers in rows of ten, for marking at a glance."""
        rows: list[list[str]] = []
        bold: set[int] = set()
        items = list(s.items)
        for i in range(0, len(items), KEY_COLUMNS):
            chunk = items[i:i + KEY_COLUMNS]
            pad = [""] * (KEY_COLUMNS - len(chunk))
            answers = [("√" if it.question.answer else "×") if it.question.type is QType.JUDGE else key_answer(it)
                       for it in chunk]
            rows.append(["题号", *(str(it.number) for it in chunk), *pad])
            bold.add(len(rows))
            rows.append(["答案", *answers, *pad])
        self.table(rows, [1.3] + [1.25] * KEY_COLUMNS, bold)
        self.p("答案", "")

    def save(self, fh: IO[bytes]) -> None:
        from docx.oxml import parse_xml

        body_el = self.doc.element.body
        sect = body_el.get_or_add_sectPr()
        fragment = parse_xml(f'<w:body xmlns:w="{W_NS}">{"".join(self.body)}</w:body>')
        for child in list(fragment):
            sect.addprevious(child)
        if getattr(self, "_restart_numbering", False):
            pg = self.OxmlElement("w:pgNumType")
            pg.set(self.qn("w:start"), "1")
            later = next((c for c in sect if c.tag.split("}")[1] in _SECTPR_AFTER_PGNUM), None)
            if later is not None:
                later.addprevious(pg)
            else:
                sect.append(pg)
        sections = self.doc.sections
        if len(sections) == 1:
            self._footer(sections[0], "参考答案 " if self.key_only else "", total=True)
        else:
            self._footer(sections[0], "", total=False)
            self._footer(sections[1], "参考答案 ", total=False)
        self.doc.save(fh)


def write(paper: Paper, variant: Variant | None, fh: IO[bytes], part: str = "all") -> list[str]:
    """part: 'all' (paper, then the key in a new section), 'paper' or 'key'."""
    assert variant is not None
    b = _Builder(paper)
    if part in ("all", "paper"):
        b.paper_part(variant)
    if part == "all":
        b.section_break()
    if part in ("all", "key"):
        b.key_only = part == "key"
        b.key_part(variant, standalone=part == "key")
    b.save(fh)
    return []
