"""Text normalisation shared by grading and validation.

People type half-width digits, spaces, and different quotation marks; the regulation uses
full-width punctuation. Comparing through one normal form keeps the two consistent.
"""

from __future__ import annotations

import re
import unicodedata

from xuezhi.text.numerals import arabic_in

_QUOTES = str.maketrans("", "", "“”‘’\"'「」『』《》〈〉")
_SPACE = re.compile(r"\s+")
_TRAILING = "。，、；：！？.,;:!?"


def normalise(text: str) -> str:
    """NFKC (full→half width), no whitespace or quotes, lower case."""
    t = unicodedata.normalize("NFKC", str(text))
    t = _SPACE.sub("", t).translate(_QUOTES)
    return t.lower()


def normalise_answer(text: str) -> str:
    """A typed answer in comparable form: also Chinese numerals → digits, no trailing punctuation."""
    t = normalise(text).strip(_TRAILING)
    return arabic_in(t)


def shares_run(a: str, b: str, k: int) -> bool:
    """Whether a and b have k characters in a row in common (an explanation quoting the article).
    Substring search, not a longest-common-substring table: half of validate's time went there."""
    return k <= 0 or any(a[i:i + k] in b for i in range(len(a) - k + 1))


def unprintable(text: str, allow: str = "\t\n\r") -> str | None:
    """The first character that a Word, Excel or XML file cannot hold (control characters, often
    pasted in from Word), as U+000B; None when there is none."""
    for c in text:
        o = ord(c)
        if c not in allow and (o < 0x20 or 0x7F <= o < 0xA0 or 0xD800 <= o < 0xE000 or o in (0xFFFE, 0xFFFF)):
            return f"U+{o:04X}"
    return None
