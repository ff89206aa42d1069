"""Traditional → simplified characters for what people type (楓橋經驗 → 枫桥经验).

The conversion is OpenCC's (phrase-aware: 乾部 and 幹部 both become 干部, while 乾隆 stays). Its
C++ library costs about 10 ms to import and set up, so it is loaded only for a text that has a
character the caller does not already know (`known`: the characters of the corpus, in which
every character is simplified); a query in simplified characters never pays for it. Without
the library (a platform it has no wheel for) text is returned unchanged: the search still runs,
it only stops finding traditional spellings.
"""

from __future__ import annotations

from collections.abc import Container
from functools import cache
from typing import Any


def _is_han(c: str) -> bool:
    o = ord(c)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3134F


def needs_conversion(text: str, known: Container[str]) -> bool:
    """Whether `text` has a Han character outside `known` (so it may be a traditional one)."""
    return any(c not in known and _is_han(c) for c in text)


@cache
def _converter() -> Any:
    try:
        import opencc

        return opencc.OpenCC("t2s")
    except Exception:  # a missing wheel or a broken install: search on without conversion
        return None


def to_simplified(text: str, known: Container[str] = frozenset()) -> str:
    """`text` in simplified characters; untouched (and OpenCC not loaded) when every Han
    character is in `known`."""
    if not needs_conversion(text, known):
        return text
    converter = _converter()
    return converter.convert(text) if converter is not None else text
