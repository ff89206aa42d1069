"""The Word document every paper is written into: A4 page geometry, Chinese fonts and the styles.

Fonts are set in the styles, for Chinese through w:eastAsia (宋体 body, 黑体 headings, 楷体 notes)
with Times New Roman for Latin text and digits, so Word, WPS and LibreOffice all use a Chinese
font instead of a theme font.

Line spacing is exact (固定值), as Chinese exam papers are set: the line pitch is then the same
whatever font a machine substitutes (SimSun's lines are about 1.0 em high, Noto CJK's 1.45 em),
so a paper breaks into pages the same way in Word, WPS and LibreOffice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LATIN = "Times New Roman"
SONG, HEI, KAI = "宋体", "黑体", "楷体"
BODY_PT = 12  # 小四
PAGE_W, PAGE_H = 21.0, 29.7  # A4, cm
TWIPS_PER_CM = 567
EMU_PER_CM = 360000


@dataclass(frozen=True)
class Margins:
    """Page margins in cm. With a 密封线 the left margin makes room for the binding strip and the
    right one gives it back, so the text width (and every layout computed from it) stays the same."""

    top: float = 2.5
    bottom: float = 2.5
    left: float = 2.6
    right: float = 2.6

    @property
    def text_width(self) -> float:
        return PAGE_W - self.left - self.right


PLAIN = Margins()
SEALED = Margins(left=3.6, right=1.6)
TEXT_W = PLAIN.text_width
assert abs(SEALED.text_width - TEXT_W) < 1e-9

STYLE_IDS = {"试卷标题": "XzTitle", "试卷副标题": "XzSubtitle", "考生信息": "XzCandidate", "考试说明": "XzNotice",
             "大题标题": "XzSection", "大题说明": "XzSectionNote", "题干": "XzStem", "选项": "XzOption",
             "答案": "XzKey", "表格": "XzTable", "页脚": "XzFooter"}
# name: (east-asian font, size pt, exact line pitch pt, bold, space before, space after, centred, left indent cm)
STYLES = {
    "试卷标题": (HEI, 18, 30, True, 0, 10, True, 0),
    "试卷副标题": (HEI, 14, 24, False, 0, 8, True, 0),
    "考生信息": (SONG, BODY_PT, 22, False, 0, 8, True, 0),
    "考试说明": (KAI, 10.5, 18, False, 8, 4, False, 0),
    "大题标题": (HEI, 14, 24, False, 10, 2, False, 0),
    "大题说明": (KAI, 10.5, 18, False, 0, 4, False, 0),
    "题干": (SONG, BODY_PT, 20, False, 6, 0, False, 0),
    "选项": (SONG, BODY_PT, 20, False, 0, 0, False, 0.85),
    "答案": (SONG, 10.5, 18, False, 3, 0, False, 0),
    "表格": (SONG, 10.5, 15, False, 0, 0, False, 0),
    "页脚": (SONG, 9, 14, False, 0, 0, True, 0),
}
OPTION_INDENT = STYLES["选项"][7]


def twips(cm: float) -> int:
    return round(cm * TWIPS_PER_CM)


def set_fonts(rpr: Any, latin: str, east: str) -> None:
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east)


_set_fonts = set_fonts  # the name xuezhi.compare.docx imports


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


def plain_document(landscape: bool = False, margins_cm: tuple[float, float] = (2.5, 2.6), body_pt: float = 10.5,
                   line_spacing: float = 1.15, space_after_pt: float = 0) -> Any:
    """An empty A4 document for reading matter (the 新旧对照表, a handout) rather than a paper: the
    Chinese fonts in the document defaults and the Normal style, proportional line spacing, and the
    template's headings in 黑体 without their theme colour. margins_cm: (top and bottom, left and right)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    sec = doc.sections[0]
    if landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = (Cm(PAGE_H), Cm(PAGE_W)) if landscape else (Cm(PAGE_W), Cm(PAGE_H))
    sec.top_margin = sec.bottom_margin = Cm(margins_cm[0])
    sec.left_margin = sec.right_margin = Cm(margins_cm[1])
    set_fonts(doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")), LATIN, SONG)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(body_pt)
    set_fonts(normal.element.get_or_add_rPr(), LATIN, SONG)
    pf = normal.paragraph_format
    pf.space_before, pf.space_after, pf.line_spacing = Pt(0), Pt(space_after_pt), line_spacing
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        st = doc.styles[name]
        set_fonts(st.element.get_or_add_rPr(), LATIN, HEI)
        st.font.color.rgb = None
    chinese_font_table(doc)
    doc.core_properties.author = doc.core_properties.last_modified_by = "xuezhi"
    return doc


def new_document(title: str, comments: str) -> Any:
    """An empty A4 document with the paper's styles (ids in STYLE_IDS) and Chinese fonts."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(PAGE_W), Cm(PAGE_H)
    sec.top_margin, sec.bottom_margin = Cm(PLAIN.top), Cm(PLAIN.bottom)
    sec.left_margin, sec.right_margin = Cm(PLAIN.left), Cm(PLAIN.right)
    sec.header_distance = sec.footer_distance = Cm(1.5)

    # Document defaults: explicit fonts instead of the template's theme fonts, Chinese language.
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr_default, LATIN, SONG)
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")

    styles = doc.styles
    normal = styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    set_fonts(normal.element.get_or_add_rPr(), LATIN, SONG)
    pf = normal.paragraph_format
    pf.space_before, pf.space_after = Pt(0), Pt(0)
    pf.line_spacing_rule, pf.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(20)
    pf.widow_control = True
    for name, (east, size, pitch, bold, before, after, center, indent) in STYLES.items():
        st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.style_id = STYLE_IDS[name]  # ASCII ids, as Word itself writes for Chinese style names
        st.base_style = normal
        st.quick_style = True
        st.font.size = Pt(size)
        st.font.bold = bold
        set_fonts(st.element.get_or_add_rPr(), LATIN, east)
        f = st.paragraph_format
        f.space_before, f.space_after = Pt(before), Pt(after)
        f.line_spacing_rule, f.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(pitch)
        if center:
            f.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if indent:
            f.left_indent = Cm(indent)
    chinese_font_table(doc)
    doc.core_properties.title = title[:255]  # the document property holds 255 characters
    doc.core_properties.author = doc.core_properties.last_modified_by = "xuezhi"
    doc.core_properties.comments = comments
    return doc


def style_ids(doc: Any) -> dict[str, str]:
    return {st.name: st.style_id for st in doc.styles}
