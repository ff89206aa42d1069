"""What the curated layers (data/时限.yaml, data/流程.yaml, data/要点.yaml) share: places in the text,
quotations that must occur there character for character, and the problems `validate` reports.

A curated file is read strictly: a field of the wrong shape is a DataFileError naming the file,
line and field (the command cannot work without it). A quotation that is not in the text is a
Problem, collected for every row, so `xuezhi validate` lists them all at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from xuezhi.text.corpus import CitationError, Regulation, label
from xuezhi.text.yamlfile import FieldCheck, Path_, line_of


@dataclass(frozen=True)
class Place:
    """An article, optionally one 款 and/or one 项."""

    article: int
    paragraph: int | None = None
    item: int | None = None

    def label(self) -> str:
        return label(self.article, self.paragraph, self.item)

    def as_dict(self) -> dict[str, int | None]:
        return {"article": self.article, "paragraph": self.paragraph, "item": self.item}


@dataclass(frozen=True)
class Quote:
    """Words of the text at `place`."""

    text: str
    place: Place
    where: tuple = ()  # its path in the curated file; the line is looked up only for a problem

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, **self.place.as_dict()}


@dataclass(frozen=True)
class Problem:
    """A curated quotation the text does not support."""

    file: str
    line: int | None
    what: str  # 时限 登记转送 / 要点 第二十条 …
    message: str

    def __str__(self) -> str:
        where = self.file + (f" 第 {self.line} 行" if self.line else "")
        return f"{where} {self.what}：[错误·原文不符] {self.message}"


def cited(reg: Regulation, place: Place) -> Place:
    """The place as a citation names it: 第三十四条, not 第三十四条第一款, when the article has one 款
    (第三十一条第六项, 第二十二条第一款第三项)."""
    art = reg.article(place.article)
    if art is not None and len(art.paragraphs) == 1 and place.paragraph == 1:
        return Place(place.article, None, place.item)
    return place


def cited_quote(reg: Regulation, quote: Quote) -> Quote:
    place = cited(reg, quote.place)
    return quote if place == quote.place else Quote(quote.text, place, quote.where)


def line_at(text: str, where: tuple) -> int | None:
    return line_of(text, list(where)) if where else None


def place_text(reg: Regulation, place: Place) -> str:
    """The text at a place (item, paragraph with its items, or the whole article)."""
    return reg.cited_text(place.article, place.paragraph, place.item)


def check_quote(reg: Regulation, quote: Quote) -> str | None:
    """Why `quote` is not in the text at its place; None when it is."""
    try:
        text = place_text(reg, quote.place)
    except CitationError as e:
        return str(e)
    if quote.text not in text:
        return f"“{quote.text}”未出现在{quote.place.label()}中"
    return None


_QUOTED = re.compile(r"“([^“”]*(?:“[^“”]*”[^“”]*)*)”")


def quoted_words(text: str) -> list[str]:
    """The words a teaching point puts in “…”, inner quotations ‘…’ read as the text's “…”."""
    return [m.group(1).replace("‘", "“").replace("’", "”") for m in _QUOTED.finditer(text)]


class Reader(FieldCheck):
    """Strict field access on a curated YAML document, with file and line in every error."""

    def where(self, path: Path_) -> tuple:
        """A field's path, kept for a message: looking its line up composes the YAML (and imports
        PyYAML, which the cached parse avoids), so it is done only when a problem is reported."""
        return tuple(path)

    def mapping(self, node: Any, path: Path_) -> dict:
        if not isinstance(node, dict):
            raise self.fail(path, "应为映射（键: 值）")
        return node

    def items(self, node: Any, key: str, path: Path_) -> list:
        value = self.mapping(node, path).get(key)
        if not isinstance(value, list) or not value:
            raise self.fail([*path, key], "应为非空列表")
        return value

    def text_field(self, node: dict, key: str, path: Path_, optional: bool = False) -> str | None:
        value = node.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail([*path, key], "应为非空文本" if value is not None else f"缺少必填字段 {key}")
        return value

    def int_field(self, node: dict, key: str, path: Path_, optional: bool = False) -> int | None:
        value = node.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise self.fail([*path, key], "应为正整数" if value is not None else f"缺少必填字段 {key}")
        return value

    def place(self, node: dict, path: Path_) -> Place:
        return Place(self.int_field(node, "article", path),  # type: ignore[arg-type]
                     self.int_field(node, "paragraph", path, optional=True),
                     self.int_field(node, "item", path, optional=True))

    def quote(self, node: dict, key: str, path: Path_, home: Place | None) -> Quote | None:
        """A quotation: plain text (words of `home`) or {quote, article, paragraph, item}."""
        value = node.get(key)
        if value is None:
            return None
        if isinstance(value, dict):
            return Quote(self.text_field(value, "quote", [*path, key]),  # type: ignore[arg-type]
                         self.place(value, [*path, key]), self.where([*path, key]))
        if home is None:
            raise self.fail([*path, key], "应写成 {quote: 原文, article: 条号, paragraph: 款号, item: 项号}")
        return Quote(self.text_field(node, key, path), home, self.where([*path, key]))  # type: ignore[arg-type]

    def known(self, node: dict, keys: tuple[str, ...], path: Path_) -> None:
        for k in node:
            if k not in keys:
                raise self.fail([*path, k], f"未知字段 {k}（可用：{'、'.join(keys)}）")


def check_all(reg: Regulation) -> list[Problem]:
    """Every curated quotation of the shipped layers that the text does not support."""
    from xuezhi.guide.deadlines import check as check_deadlines
    from xuezhi.guide.flow import check as check_flow
    from xuezhi.guide.points import check as check_points

    return check_deadlines(reg) + check_flow(reg) + check_points(reg)
