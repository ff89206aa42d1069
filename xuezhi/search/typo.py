"""Typo correction: spellings in the text that differ from a typed term by one or two
characters (pigeonhole search), and by a missing or extra character (rapidfuzz)."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI imports the corpus anyway; search itself only needs its types
    pass


def hamming(a: str, b: str) -> int:
    return sum(x != y for x, y in zip(a, b, strict=True))


def spellings(seg: str, k: int, hay: str) -> dict[str, tuple[int, int]]:
    """Stretches of `hay` as long as `seg` with 1..k different characters → (how many
    differ, minus how often the spelling occurs). Pigeonhole: of k+1 disjoint pieces of
    `seg`, one occurs intact in any such stretch, so only their occurrences are looked at."""
    size = len(seg)
    cut = [round(j * size / (k + 1)) for j in range(k + 2)]
    seen: dict[str, int] = {}  # spelling → occurrences
    for a, b in itertools.pairwise(cut):
        piece, budget = seg[a:b], 200_000
        pos = hay.find(piece)
        while pos >= 0 and budget:
            budget -= 1
            w = hay[pos - a : pos - a + size] if pos >= a else ""
            if w in seen:
                seen[w] += 1
            elif len(w) == size and "\x00" not in w and "\x01" not in w:
                seen[w] = 1
            pos = hay.find(piece, pos + 1)
    return {w: (d, -c) for w, c in seen.items() if 0 < (d := hamming(w, seg)) <= k}


def indel_fixes(seg: str, k: int, words: list[str]) -> dict[str, int]:
    """Keywords containing `seg` with a character missing or added (rapidfuzz)."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import Levenshtein

    size = len(seg)
    found: dict[str, int] = {}
    for word, _, _ in process.extract(seg, words, scorer=fuzz.partial_ratio,
                                      score_cutoff=100.0 * (1 - k / size) - 1, limit=8):
        al = fuzz.partial_ratio_alignment(seg, word)
        if al is None:
            continue
        a, b = al.dest_start, al.dest_end
        spans = {word[x:y] for x in range(a - k, a + k + 1) for y in range(b - k, b + k + 1)
                 if 0 <= x < y <= len(word)}
        d, w = min((Levenshtein.distance(seg, s), s) for s in spans)
        if 0 < d <= k and len(w) >= 2:
            found[w] = min(d, found.get(w, d))
    return found


def near_windows(term: str, hay: str, limit: int = 3) -> list[str]:
    """Stretches of the text that differ least from `term` (for suggestions). Not for two
    characters: half of a two-character word matches countless unrelated ones."""
    size = len(term)
    if not 3 <= size <= 12:
        return []
    from rapidfuzz.distance import Levenshtein

    seen: set[str] = set()
    for c in set(term):
        pos, budget = hay.find(c), 20_000
        while pos >= 0 and budget:
            budget -= 1
            for s0 in range(max(0, pos - size + 1), pos + 1):
                w = hay[s0 : s0 + size]
                if len(w) == size and "\x00" not in w and "\x01" not in w:
                    seen.add(w)
            pos = hay.find(c, pos + 1)
    scored = sorted((Levenshtein.distance(term, w), w) for w in seen)
    return [w for d, w in scored[:limit] if d <= max(1, size // 2)]
