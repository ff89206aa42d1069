"""CSV: the spreadsheet columns, UTF-8 with a BOM so that Excel shows the Chinese correctly."""

from __future__ import annotations

import csv
import io
from typing import IO

from xuezhi.export.cells import HEADER, rows, text_cells
from xuezhi.quiz.paper import Paper, Variant


def render(paper: Paper, variant: Variant) -> str:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")  # RFC 4180 line ends, as Excel writes them
    w.writerow(HEADER)
    for r in rows(paper, variant):
        w.writerow(text_cells(r))
    return buf.getvalue()


def write(paper: Paper, variant: Variant | None, fh: IO[bytes], part: str = "all") -> list[str]:
    assert variant is not None
    fh.write(render(paper, variant).encode("utf-8-sig"))
    return []
