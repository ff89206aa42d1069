"""Which two texts are compared, and with which curated file.

By default the built-in 2005 and 2022 texts with data/新旧对照.yaml. A curated file names its two
texts in meta (a path beside the file, or a shipped data file); --old/--new override them. Two
texts that are not the built-in pair, without a curated file, are aligned by similarity alone.
"""

from __future__ import annotations

from pathlib import Path

from xuezhi.compare.align import Alignment, align
from xuezhi.compare.curation import NO_CURATION, Curation, default_curation_path, load_curation
from xuezhi.files import data_file
from xuezhi.text.corpus import load_regulation
from xuezhi.text.editions import edition_path


def _named(curation: Curation, name: str) -> Path | None:
    if not name:
        return None
    beside = curation.source.parent / name if curation.source else None
    return beside if beside is not None and beside.is_file() else data_file(name)


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def load_alignment(old: Path | None = None, new: Path | None = None, curation: Path | None = None) -> Alignment:
    if curation is not None:
        cur = load_curation(curation)
        old = old or _named(cur, cur.old_file)
        new = new or _named(cur, cur.new_file)
    old_path, new_path = old or edition_path("2005"), new or edition_path("2022")
    if curation is None:
        builtin = _same(old_path, edition_path("2005")) and _same(new_path, edition_path("2022"))
        cur = load_curation(default_curation_path()) if builtin else NO_CURATION
    return align(load_regulation(old_path), load_regulation(new_path), cur)
