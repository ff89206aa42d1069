"""A real quiz session through the engine and the store, in a process of its own (for the fault tests).

usage: python store_worker.py COUNT [--wait]

Prints READY once the store is open; with --wait it starts answering only after a line on
stdin, so that several workers answer at the same moment. Every answer is the right one.
Ends with DONE <answers saved>; any notice the recorder gave is printed as WARN <text>.
"""

from __future__ import annotations

import sys

from answers import right_answer

from xuezhi.bank.grading import parse_answer
from xuezhi.bank.load import load_bank
from xuezhi.progress.review import StoreRecorder
from xuezhi.progress.store import Store
from xuezhi.quiz.select import select_questions
from xuezhi.quiz.session import QuizSession
from xuezhi.text.corpus import load_regulation


def main() -> None:
    count = int(sys.argv[1])
    bank, reg = load_bank(), load_regulation()
    store = Store.open()
    warnings: list[str] = []
    recorder = StoreRecorder(store, warnings.append)
    questions = select_questions(bank, reg, count)
    session = QuizSession(questions)
    recorder.start("practice", {"worker": True}, questions)
    print("READY", flush=True)
    if "--wait" in sys.argv:
        sys.stdin.readline()
    while (p := session.next_question()) is not None:
        recorder.answer(session.answer(parse_answer(p, right_answer(p))))
    recorder.finish(session.result())
    for w in warnings:
        print("WARN", w, flush=True)
    print("DONE", recorder.saved, flush=True)


if __name__ == "__main__":
    main()
