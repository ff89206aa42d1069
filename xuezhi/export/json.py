"""JSON for scripts: the questions with their original fields, the blueprint, the seed, and for
every variant the order of questions and each question's option permutation.

`option_order[i]` is the original index (0 = the bank's option A) of the option printed at
position i; `answer` is the answer as printed on that variant.
"""

from __future__ import annotations

import json
from typing import IO, Any

from xuezhi.quiz.paper import Paper, Variant, number
from xuezhi.quiz.paper_text import table_answer

SCHEMA = "xuezhi-paper/1"


def _variant(v: Variant) -> dict[str, Any]:
    return {
        "name": v.name or "A",
        "total_points": number(v.total),
        "reused_types": [str(t) for t in v.reused],
        "sections": [{
            "type": str(s.type),
            "heading": s.heading,
            "points_each": number(s.part.points),
            "items": [{
                "number": i.number,
                "id": i.question.id,
                "points": number(i.points),
                "option_order": list(i.presentation.order),
                "answer": table_answer(i),
            } for i in s.items],
        } for s in v.sections],
    }


def data(paper: Paper) -> dict[str, Any]:
    chapter_of = {i.question.id: i.chapter for v in paper.variants for i in v.items}
    return {
        "schema": SCHEMA,
        "title": paper.title,
        "unit": paper.unit,
        "minutes": paper.minutes,
        "seed": paper.seed,
        "whole_bank": paper.whole_bank,
        "blueprint": [{"type": str(p.type), "count": p.count, "points": number(p.points)} for p in paper.blueprint],
        "blueprint_text": ",".join(p.spec() for p in paper.blueprint),
        "total_points": number(paper.total),
        "filters": paper.filters.describe(),
        "questions": [q.as_dict() | {"chapter": chapter_of[q.id]} for q in paper.questions()],
        "variants": [_variant(v) for v in paper.variants],
    }


def render(paper: Paper) -> str:
    return json.dumps(data(paper), ensure_ascii=False, indent=2) + "\n"


def write(paper: Paper, variant: Variant | None, fh: IO[bytes], part: str = "all") -> list[str]:
    fh.write(render(paper).encode("utf-8"))
    return []
