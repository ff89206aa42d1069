"""The curated part of an alignment (data/新旧对照.yaml): systematic renamings, the pairs where the
structure changed (split, merged, moved, new), the provisions not continued, and one-line 要点.

Read and checked for shape here; whether the articles it names exist is checked against the two
texts when the alignment is built (xuezhi.compare.align), and the 要点's quotations by
`check_points` (run by xuezhi validate).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xuezhi.compare.normal import Renaming
from xuezhi.errors import DataFileError
from xuezhi.files import data_file
from xuezhi.text.corpus import label
from xuezhi.text.numerals import NUMERAL, parse_number
from xuezhi.text.yamlfile import FieldCheck, Path_, line_of, parsed_once

CURATION_FILE = "新旧对照.yaml"
_NUM = f"({NUMERAL})"
_REF = re.compile(rf"^第?\s*{_NUM}\s*条?(?:\s*第\s*{_NUM}\s*款)?$")


@dataclass(frozen=True, order=True)
class OldRef:
    """An article of the old text, or one paragraph (款) of it."""

    article: int
    paragraph: int | None = None

    def label(self) -> str:
        return label(self.article, self.paragraph)


@dataclass(frozen=True)
class CuratedPair:
    new: int
    old: tuple[OldRef, ...] | None  # None: paired by similarity, the entry only adds a 要点
    why: str
    point: str
    line: int | None


@dataclass(frozen=True)
class Deletion:
    old: OldRef
    why: str
    line: int | None


@dataclass(frozen=True)
class Curation:
    source: Path | None
    title: str
    old_file: str
    new_file: str
    renamings: tuple[Renaming, ...]
    pairs: dict[int, CuratedPair]
    deleted: tuple[Deletion, ...]
    text: str = ""  # the file's text, for line numbers in later messages

    def line(self, path: Path_) -> int | None:
        return line_of(self.text, path) if self.text else None

    def fail(self, line: int | None, message: str, field: str | None = None) -> DataFileError:
        return DataFileError(str(self.source), message, line=line, field=field)


NO_CURATION = Curation(None, "", "", "", (), {}, ())


def parse_ref(value: Any) -> OldRef | None:
    """18 → 第十八条; "第五条第三款" → 第五条第三款; anything else None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return OldRef(value) if value > 0 else None
    if not isinstance(value, str):
        return None
    m = _REF.match(value.strip())
    if not m:
        return None
    article = parse_number(m.group(1))
    paragraph = parse_number(m.group(2)) if m.group(2) else None
    if not article or (m.group(2) and not paragraph):
        return None
    return OldRef(article, paragraph)


class _Reader(FieldCheck):
    def entries(self, raw: dict, key: str) -> list[tuple[Path_, dict]]:
        value = raw.get(key) or []
        if not isinstance(value, list):
            raise self.fail([key], "应为列表（每一项以“- ”开头）")
        for i, entry in enumerate(value):
            if not isinstance(entry, dict):
                raise self.fail([key, i], "每一项应为映射（“键: 值”）")
        return [([key, i], entry) for i, entry in enumerate(value)]

    def text_field(self, entry: dict, key: str, path: Path_, required: bool = False) -> str:
        value = entry.get(key)
        if value is None:
            if required:
                raise self.fail(path, f"缺少必填字段 {key}")
            return ""
        if not isinstance(value, str) or not value.strip():
            raise self.fail([*path, key], "应为非空文本")
        if "\n" in value.strip():
            raise self.fail([*path, key], "应写成一行")
        return value.strip()

    def ref(self, value: Any, path: Path_) -> OldRef:
        ref = parse_ref(value)
        if ref is None:
            raise self.fail(path, f"无法识别条文“{str(value)[:30]}”：整条写条号（如 18），一款写“第五条第三款”")
        return ref


def parse_curation(raw: Any, file: Path, text: str) -> Curation:
    rd = _Reader(file, text)
    if not isinstance(raw, dict):
        raise rd.fail([], "文件顶层应为映射（含 meta、renamings、pairs、deleted）")
    unknown = sorted(str(k) for k in raw if k not in ("meta", "renamings", "pairs", "deleted"))
    if unknown:  # a typo (pair:) would otherwise compare by similarity alone without a word
        raise rd.fail([unknown[0]], f"未知字段 {unknown[0]}：顶层只能有 meta、renamings、pairs、deleted")
    meta = raw.get("meta") or {}
    if not isinstance(meta, dict):
        raise rd.fail(["meta"], "应为映射（title、old、new）")
    renamings = []
    for path, entry in rd.entries(raw, "renamings"):
        old, new = rd.text_field(entry, "old", path, True), rd.text_field(entry, "new", path, True)
        renamings.append(Renaming(old, new, rd.text_field(entry, "why", path)))
    pairs: dict[int, CuratedPair] = {}
    for path, entry in rd.entries(raw, "pairs"):
        new = entry.get("new")
        if not isinstance(new, int) or isinstance(new, bool) or new < 1:
            raise rd.fail([*path, "new"], "应为新条例的条号（正整数）")
        if new in pairs:
            raise rd.fail([*path, "new"], f"{label(new)}写了两次（另见第 {pairs[new].line} 行）")
        old: tuple[OldRef, ...] | None = None
        if "old" in entry:
            value = entry["old"] if entry["old"] is not None else []
            if not isinstance(value, list):
                raise rd.fail([*path, "old"], "应为列表，如 [16, 18] 或 [第五条第三款]；新增写 []")
            old = tuple(rd.ref(v, [*path, "old", k]) for k, v in enumerate(value))
            if len(set(old)) != len(old):
                raise rd.fail([*path, "old"], "同一条文写了两次")
        why, point = rd.text_field(entry, "why", path), rd.text_field(entry, "point", path)
        if old is None and not point:
            raise rd.fail(path, "没有 old 的条目只用来加要点，缺少 point")
        pairs[new] = CuratedPair(new, old, why, point, line_of(text, path))
    deleted = []
    for path, entry in rd.entries(raw, "deleted"):
        if "old" not in entry:
            raise rd.fail(path, "缺少必填字段 old")
        deleted.append(Deletion(rd.ref(entry["old"], [*path, "old"]), rd.text_field(entry, "why", path),
                                line_of(text, path)))
    return Curation(file, str(meta.get("title") or ""), str(meta.get("old") or ""), str(meta.get("new") or ""),
                    tuple(renamings), pairs, tuple(deleted), text)


def default_curation_path() -> Path:
    return data_file(CURATION_FILE)


def load_curation(path: Path | str | None = None) -> Curation:
    """The curated alignment file, read and shape-checked once per process."""
    return parsed_once(Path(path) if path else default_curation_path(), parse_curation)


def is_curation(raw: Any) -> bool:
    """Whether a parsed YAML document is an alignment file (validate tells it from a question bank)."""
    return isinstance(raw, dict) and "pairs" in raw and "questions" not in raw
