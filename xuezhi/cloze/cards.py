"""The cards of a corpus, as every command gets them: from a cache file when this text has been through
this generator before, else generated (and cached). `xuezhi recite 34` then starts without importing
the generator or running it: about 25 ms of a 100 ms start.

The cache key is a hash of the corpus's words (every field the generator reads) and of the
generator's own source files, so an edited corpus or a changed generator is never served stale
cards. A cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import json
from pathlib import Path

from xuezhi.cloze.model import Card, Kind
from xuezhi.files import checksum
from xuezhi.text.corpus import Regulation

_SOURCES = ("extract.py", "checks.py", "generate.py", "patterns.py", "model.py")


def corpus_key(reg: Regulation) -> str:
    parts: list[bytes] = []
    here = Path(__file__).resolve().parent
    for name in _SOURCES:
        try:
            parts.append((here / name).read_bytes())
        except OSError:  # a frozen install without sources: the version is the key
            from xuezhi import __version__

            parts.append(__version__.encode())
    words = [reg.title]
    for ch in reg.chapters:
        words.append(f"\x01{ch.number}\x02{ch.title}")
        for a in ch.articles:
            words.append(f"\x03{a.number}\x04{a.summary}\x04{chr(5).join(a.keywords)}")
            words += ["\x06" + "\x07".join((p.text, *p.items)) for p in a.paragraphs]
    parts.append("".join(words).encode("utf-8"))
    return checksum(b"\x00".join(parts))


def _from_json(d: dict) -> Card:
    return Card(**(d | {"kind": Kind(d["kind"])}))


KEEP = 4  # cache files kept: a few corpora (2022, 2005, a trainer's own) without re-generating


def _forget_old(path: Path) -> None:
    """The cache files of earlier generators or edited corpora, beyond the newest KEEP, go."""
    old = sorted(path.parent.glob("cloze-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]
    for p in old:
        p.unlink(missing_ok=True)


def cards(reg: Regulation) -> list[Card]:
    """Every card of `reg`, in the order of the text (the same list generate.generate makes), made
    once in a process, and kept on disk for the next."""
    return reg.derived(_cards)


def _cards(reg: Regulation) -> list[Card]:
    from xuezhi.text.yamlfile import cache_dir

    path = cache_dir() / f"cloze-{corpus_key(reg)}.json"
    out: list[Card] | None = None
    try:
        out = [_from_json(d) for d in json.loads(path.read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError, KeyError):
        out = None
    if out is None:
        from xuezhi.cloze.generate import generate_all
        from xuezhi.files import write_text_atomic

        out = generate_all(reg).cards
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(path, json.dumps([c._asdict() | {"kind": c.kind.value} for c in out], ensure_ascii=False))
            _forget_old(path)
        except OSError:
            pass
    return out
