"""WordprocessingML building blocks, written as text: runs, paragraphs, tables,
bookmarks, fields and the blank's line.

The body of a paper is written as XML text and parsed once, because python-docx's paragraph
and table API slows down quadratically with document size (a 1,000-question paper took over 20 s).
"""

from __future__ import annotations

import struct
import unicodedata
import zlib
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from xuezhi.export.docx_base import EMU_PER_CM

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (f'xmlns:w="{W_NS}" '
              'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
              'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
              'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
              'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
              'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
              'xmlns:w10="urn:schemas-microsoft-com:office:word"')
NBSP = "\u00a0"


def width_em(text: str) -> float:
    """Printed width in em: CJK and full-width characters 1, others ½."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def run(text: str, bold: bool = False, underline: str | None = None, size_pt: float | None = None,
        spacing: int | None = None) -> str:
    """A w:r; tabs in `text` become w:tab. underline: a w:u value ('single', 'dash'); spacing: twips
    of letter spacing after each character."""
    if not text:
        return ""
    rpr = ("<w:b/>" if bold else "") + (f'<w:spacing w:val="{spacing}"/>' if spacing else "")
    rpr += (f'<w:sz w:val="{round(size_pt * 2)}"/><w:szCs w:val="{round(size_pt * 2)}"/>' if size_pt else "")
    rpr += f'<w:u w:val="{underline}"/>' if underline else ""
    parts = text.split("\t")
    body = "<w:tab/>".join(f'<w:t xml:space="preserve">{escape(p)}</w:t>' if p else "" for p in parts)
    return f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}{body}</w:r>"


def para(style: str, runs: str, keep_next: bool = False, keep_lines: bool = False, tabs: list[int] | None = None,
         jc: str | None = None, extra_ppr: str = "") -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' + ("<w:keepNext/>" if keep_next else "") + (
        "<w:keepLines/>" if keep_lines else "")
    if tabs:
        ppr += "<w:tabs>" + "".join(f'<w:tab w:val="left" w:pos="{t}"/>' for t in tabs) + "</w:tabs>"
    ppr += extra_ppr + (f'<w:jc w:val="{jc}"/>' if jc else "")
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"


def table(rows: list[list[str]], widths: list[int], style: str, cell_style: str, bold_rows: set[int] = frozenset(),
          height: int | None = None, exact: bool = False, header_rows: int = 0, jc: list[str] | None = None) -> str:
    """A centred grid table of plain text cells; widths and height in twips. Fixed layout and no-wrap
    cells: a cell never grows to fit, so the widths given must hold the text (see width_em)."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="{style}"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
           '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
           '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
           f'<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>']
    rule = ' w:hRule="exact"' if exact else ""
    for r, cells in enumerate(rows):
        tr = ("<w:trPr><w:cantSplit/>" + (f'<w:trHeight w:val="{height}"{rule}/>' if height else "")
              + ("<w:tblHeader/>" if r < header_rows else "") + "</w:trPr>")
        tcs = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:noWrap/><w:vAlign w:val="center"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{cell_style}"/><w:jc w:val="{jc[k] if jc else "center"}"/></w:pPr>'
            f'{run(text, bold=r in bold_rows) if text else ""}</w:p></w:tc>'
            for k, (text, w) in enumerate(zip(cells, widths, strict=True)))
        out.append(f"<w:tr>{tr}{tcs}</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def bookmark(name: str, ident: int) -> str:
    return f'<w:bookmarkStart w:id="{ident}" w:name="{name}"/><w:bookmarkEnd w:id="{ident}"/>'


def field(instr: str) -> str:
    """A simple field (PAGE, NUMPAGES, PAGEREF …) showing 1 until the application lays the page out."""
    return f'<w:fldSimple w:instr={quoteattr(f" {instr} ")}><w:r><w:t>1</w:t></w:r></w:fldSimple>'


# ---------------------------------------------------------------- the blank

BLANK_W_CM, BLANK_H_CM = 3.6, 0.45


def line_png(width: int = 360, height: int = 45, thickness: int = 2) -> bytes:
    """A transparent PNG with a black line along its bottom edge: the blank's underline."""
    row = b"\x00" + b"\x00\x00\x00\x00" * width
    black = b"\x00" + b"\x00\x00\x00\xff" * width
    raw = row * (height - thickness) + black * thickness

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def blank_line(rid: str, ident: int, width_cm: float = BLANK_W_CM) -> str:
    """The space for a blank's answer: an inline picture of a line, 3.6 cm long (or `width_cm`).

    An inline picture is one unbreakable glyph in Word, WPS and LibreOffice, so the line can never
    split across two lines of text. An underlined run of spaces can: LibreOffice breaks runs of
    NBSP (also after a ZWSP) and lets letter-spaced spaces hang past the margin.
    distL/distR are written as 0: left out, LibreOffice puts 0.32 cm of space on either side.
    """
    cx, cy = round(width_cm * EMU_PER_CM), round(BLANK_H_CM * EMU_PER_CM)
    return (f'<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
            f'<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="{ident}" name="填空{ident}" descr="填空横线"/>'
            '<wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{ident}" name="blank.png"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
            '</wp:inline></w:drawing></w:r>')


def insert_body(doc: Any, parts: list[str]) -> None:
    """The body's XML text, parsed once, put before the document's last section properties."""
    from docx.oxml import parse_xml

    sect = doc.element.body.get_or_add_sectPr()
    for child in list(parse_xml(f'<w:body {NAMESPACES}>{"".join(parts)}</w:body>')):
        sect.addprevious(child)


def set_footer(footer: Any, xml: str) -> None:
    """The footer's paragraph replaced by `xml` (a w:p as `para` writes it)."""
    from docx.oxml import parse_xml

    old = footer.paragraphs[0]._p
    old.addprevious(parse_xml(xml.replace("<w:p>", f"<w:p {NAMESPACES}>", 1)))
    old.getparent().remove(old)
