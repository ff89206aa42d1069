"""The plain-language thesaurus (data/俗语.yaml): everyday words → the regulation's own terms,
and question words → what kind of answer is asked for (a deadline, a prohibition, who is
responsible…). Curated data, reviewed like the corpus keywords; this module only reads it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from xuezhi.files import data_file
from xuezhi.search.query import flat
from xuezhi.text.yamlfile import FieldCheck, Path_, parsed_once

THESAURUS_FILE = "俗语.yaml"


# Plain slotted classes, not NamedTuples or dataclasses: creating those classes is start-up time,
# and every search with a word in it loads the thesaurus.

class Intent:
    """What a question word asks for, and the words of the text that state it (flat)."""

    __slots__ = ("label", "name", "prefer")

    def __init__(self, name: str, label: str, prefer: tuple[str, ...]) -> None:
        self.name, self.label, self.prefer = name, label, prefer


class Thesaurus:
    __slots__ = ("intents", "longest", "questions", "words")

    def __init__(self, words: dict[str, tuple[str, ...]], intents: dict[str, Intent], longest: int,
                 questions: frozenset[str] = frozenset()) -> None:
        self.words = words  # flat everyday word → flat terms of the text
        self.intents = intents  # flat question word or intent term → its intent
        self.longest = longest  # the longest word of either kind, for scanning
        self.questions = questions  # the question words of `intents` (never search terms)

    def scan(self, token: str) -> list[tuple[int, int, str]]:
        """Everyday and question words in `token`, left to right, longest first where they
        overlap: (start, end, word)."""
        out: list[tuple[int, int, str]] = []
        i, n = 0, len(token)
        while i < n - 1:
            for j in range(min(n, i + self.longest), i + 1, -1):
                w = token[i:j]
                if w in self.words or w in self.intents:
                    out.append((i, j, w))
                    i = j
                    break
            else:
                i += 1
        return out


def _words(node: Any, path: Path_, check: FieldCheck) -> list[str]:
    if not isinstance(node, list) or not node or not all(isinstance(w, str) for w in node):
        raise check.fail(path, "应为非空的词语列表，例如 [上访, 访民]")
    # Most entries are plain Chinese words, already in flat form; flat() (a regex and an NFKC
    # check) runs only on the others: it was most of the load time, which every search pays.
    out = [w if w.isalnum() and not w.isascii() and w.isidentifier() else flat(w) for w in node]
    if not all(out):
        raise check.fail(path, "应为非空的词语列表，例如 [上访, 访民]")
    return out


def parse_thesaurus(raw: Any, file: Path, text: str) -> Thesaurus:
    """Check the schema described in the file's header and build the lookup tables."""
    check = FieldCheck(file, text)
    if not isinstance(raw, dict) or not isinstance(raw.get("words"), list):
        raise check.fail([], "缺少 words 列表")
    words: dict[str, tuple[str, ...]] = {}
    declared: set[str] = set()
    for k, entry in enumerate(raw["words"]):
        if not isinstance(entry, dict):
            raise check.fail(["words", k], "每一项应有 say 和 means")
        means = tuple(dict.fromkeys(_words(entry.get("means"), ["words", k, "means"], check)))
        for w in _words(entry.get("say"), ["words", k, "say"], check):
            if w in declared:
                raise check.fail(["words", k, "say"], f"说法“{w}”重复出现")
            declared.add(w)
            words[w] = means
    intents: dict[str, Intent] = {}
    questions: set[str] = set()
    for name, node in (raw.get("intents") or {}).items():
        if not isinstance(node, dict) or not isinstance(node.get("label"), str):
            raise check.fail(["intents", name], "每个意图应有 label、say 和 prefer")
        intent = Intent(str(name), node["label"], tuple(_words(node.get("prefer"), ["intents", name, "prefer"], check)))
        for key in ("say", "terms"):
            if key == "terms" and node.get("terms") is None:
                continue
            for w in _words(node.get(key), ["intents", name, key], check):
                if w in declared or w in intents:
                    raise check.fail(["intents", name, key], f"说法“{w}”重复出现")
                intents[w] = intent
                if key == "say":
                    questions.add(w)
    return Thesaurus(words, intents, max(map(len, [*words, *intents]), default=0), frozenset(questions))


def load_thesaurus(path: Path | None = None) -> Thesaurus:
    """The shipped thesaurus, read once per process (through the YAML cache)."""
    return parsed_once(path or data_file(THESAURUS_FILE), parse_thesaurus)
