"""The built-in texts: the 2022 《信访工作条例》 (the default everywhere) and the 2005 《信访条例》
it replaced, for reading the old text and setting the two side by side (xuezhi compare)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from xuezhi.errors import XuezhiError, shown
from xuezhi.files import data_file


@dataclass(frozen=True)
class Edition:
    name: str  # what --edition takes
    file: str  # in data/
    title: str


EDITIONS: dict[str, Edition] = {e.name: e for e in (
    Edition("2022", "条例.yaml", "《信访工作条例》（2022年）"),
    Edition("2005", "信访条例2005.yaml", "《信访条例》（2005年，已被2022年《信访工作条例》取代）"),
)}
DEFAULT = "2022"
# What people call them: 新/旧, or the year they were issued or took effect.
_ALIASES = {"新": "2022", "新条例": "2022", "旧": "2005", "旧条例": "2005"}


def edition(name: str) -> Edition:
    """`2005`, `2005年`, `旧` → the 2005 edition; anything else is one Chinese line naming the choices."""
    key = name.strip().removesuffix("年")
    key = _ALIASES.get(key, key)
    if key not in EDITIONS:
        choices = "；".join(f"{e.name}：{e.title}" for e in EDITIONS.values())
        raise XuezhiError(f"没有“{shown(name)}”这一版本，可选 {choices}。")
    return EDITIONS[key]


def edition_path(name: str) -> Path:
    """The shipped corpus file of an edition."""
    return data_file(edition(name).file)


def edition_of(path: Path) -> Edition | None:
    """The built-in edition a corpus file is, if it is one (compare uses the curated alignment then)."""
    try:
        resolved = path.resolve()
        return next((e for e in EDITIONS.values() if data_file(e.file).resolve() == resolved), None)
    except OSError:
        return None
