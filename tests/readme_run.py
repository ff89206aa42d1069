"""Run xuezhi as the README's transcripts are made (tests/test_readme.py): the same program, except
that what would differ from run to run is fixed, as XUEZHI_NOW fixes the date. A quiz's clock
moves one second each time it is read, and its options are shuffled the same way every time."""

from __future__ import annotations

import itertools

from xuezhi.cli.app import main
from xuezhi.quiz.session import QuizSession

_seconds = itertools.count(1)
QuizSession.__init__.__kwdefaults__["clock"] = lambda: float(next(_seconds))
if QuizSession.__init__.__kwdefaults__["seed"] is None:
    QuizSession.__init__.__kwdefaults__["seed"] = 2025

if __name__ == "__main__":
    main()
