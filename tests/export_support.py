"""Helpers for the export tests: the shipped bank and corpus, papers with a fixed seed, small banks."""

from __future__ import annotations

from pathlib import Path

import yaml

from xuezhi.bank.load import load_bank
from xuezhi.bank.model import QType, Question
from xuezhi.quiz.assemble import assemble
from xuezhi.quiz.paper import Item, Paper, parse_blueprint
from xuezhi.text.corpus import load_regulation

SEED = 20240501


def reg():
    return load_regulation()


def bank():
    return load_bank()


def paper(seed: int = SEED, variants: int = 1, blueprint: str | None = None, **kw) -> Paper:
    parts = parse_blueprint(blueprint) if blueprint else None
    return assemble(bank(), reg(), parts, seed=seed, variants=variants, **kw)


def write_bank(path: Path, questions: list[Question] | list[dict]) -> Path:
    raw = [q.as_dict() if isinstance(q, Question) else q for q in questions]
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def small_bank(path: Path, per_type: int = 3) -> Path:
    """A few questions of every type from the shipped bank, multi-blank ones included."""
    qs: list[Question] = []
    for t in QType:
        of_type = [q for q in load_bank().questions if q.type is t]
        if t is QType.BLANK:
            of_type.sort(key=lambda q: -len(q.blanks))  # make sure several blanks are in
        qs += of_type[:per_type]
    return write_bank(path, qs)


def correct_options(item: Item) -> set[str]:
    """The texts of the correct options (independent of the printed order)."""
    q = item.question
    return {q.options[i] for i in q.correct_indexes}



def import_apkg(col, path):
    """Import an .apkg into an Anki collection as a user would (notes whose copy in the file is newer
    are updated); the import log."""
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    request = ImportAnkiPackageRequest(
        package_path=str(path),
        options=ImportAnkiPackageOptions(merge_notetypes=True, with_scheduling=False, with_deck_configs=False))
    return col.import_anki_package(request).log
