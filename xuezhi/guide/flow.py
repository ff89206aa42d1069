"""信访事项办理流程: the steps from 提出 to 不再受理, from the curated layer data/流程.yaml, each with the
articles it rests on and the periods of the deadline table that apply to it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from xuezhi.files import data_file
from xuezhi.guide.curated import Problem, Quote, Reader, check_quote, cited_quote, line_at
from xuezhi.guide.deadlines import Deadline, DeadlineTable, load_table
from xuezhi.text.corpus import Regulation, label
from xuezhi.text.yamlfile import parsed_once

FLOW_FILE = "流程.yaml"
STEP_KEYS = ("id", "title", "who", "lines", "deadlines", "branches")


@dataclass(frozen=True)
class Branch:
    label: str  # the project's short name of one of 第三十一条's six kinds
    quote: Quote  # what happens to it, in the text's words
    continues: bool = False  # the branch the flow goes on with (第六项 → 信访处理意见书)


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    who: Quote
    lines: tuple[Quote, ...]
    deadline_ids: tuple[str, ...]
    branches: tuple[Branch, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    where: tuple = ()

    @property
    def articles(self) -> list[int]:
        """The articles the step rests on, in order."""
        found = [self.who.place.article, *(q.place.article for q in self.lines),
                 *(b.quote.place.article for b in self.branches), *(d.place.article for d in self.deadlines)]
        return sorted(dict.fromkeys(found))

    def basis(self) -> str:
        """第二十二条、第二十三条."""
        return "、".join(label(a) for a in self.articles)

    def deadline_lines(self) -> list[str]:
        """受理告知（直接提出的）：15日（第二十三条第二款）."""
        return [f"{d.task}：{d.length_with_extension}（{d.place.label()}）" for d in self.deadlines]


@dataclass
class Flow:
    steps: tuple[Step, ...]
    source: Path
    text: str = field(repr=False, default="")


def _step(rd: Reader, raw: Any, i: int) -> Step:
    path = ["steps", i]
    node = rd.mapping(raw, path)
    rd.known(node, STEP_KEYS, path)
    who = node.get("who")
    if not isinstance(who, dict):
        raise rd.fail([*path, "who"], "应为 {quote: 原文, article: N, …}")
    lines = [rd.quote({"q": q}, "q", [*path, "lines", j], None) for j, q in enumerate(rd.items(node, "lines", path))]
    ids = node.get("deadlines") or []
    if not isinstance(ids, list) or not all(isinstance(x, str) for x in ids):
        raise rd.fail([*path, "deadlines"], "应为 data/时限.yaml 中编号的列表")
    branches = []
    for j, b in enumerate(node.get("branches") or []):
        bp = [*path, "branches", j]
        bnode = rd.mapping(b, bp)
        quote = Quote(rd.text_field(bnode, "quote", bp), rd.place(bnode, bp), rd.where(bp))  # type: ignore[arg-type]
        branches.append(Branch(rd.text_field(bnode, "label", bp), quote, bool(bnode.get("continues"))))  # type: ignore[arg-type]
    return Step(rd.text_field(node, "id", path), rd.text_field(node, "title", path),  # type: ignore[arg-type]
                rd.quote(node, "who", path, None), tuple(lines), tuple(ids), tuple(branches),  # type: ignore[arg-type]
                where=rd.where(path))


def parse_flow(raw: Any, file: Path, text: str) -> Flow:
    rd = Reader(file, text)
    return Flow(tuple(_step(rd, s, i) for i, s in enumerate(rd.items(raw, "steps", []))), file, text)


def load_flow(reg: Regulation | None = None, path: Path | None = None,
              table: DeadlineTable | None = None) -> Flow:
    """The shipped flow, each step with its rows of the deadline table."""
    flow = parsed_once(path or data_file(FLOW_FILE), parse_flow)
    table = table or load_table(reg)
    rd = Reader(flow.source, flow.text)
    steps = []
    for i, step in enumerate(flow.steps):
        rows = []
        for j, rid in enumerate(step.deadline_ids):
            row = table.get(rid)
            if row is None:
                raise rd.fail(["steps", i, "deadlines", j], f"{table.source.name} 中没有编号为 {rid} 的时限")
            rows.append(row)
        if reg is not None:
            step = replace(step, who=cited_quote(reg, step.who), lines=tuple(cited_quote(reg, q) for q in step.lines),
                           branches=tuple(replace(b, quote=cited_quote(reg, b.quote)) for b in step.branches))
        steps.append(replace(step, deadlines=tuple(rows)))
    return Flow(tuple(steps), flow.source, flow.text)


def check(reg: Regulation, flow: Flow | None = None) -> list[Problem]:
    flow = flow or load_flow()
    problems = []
    for step in flow.steps:
        quotes = [step.who, *step.lines, *(b.quote for b in step.branches)]
        problems += [Problem(str(flow.source), line_at(flow.text, q.where or step.where), f"流程 {step.id}", why)
                     for q in quotes if (why := check_quote(reg, q))]
    return problems


def flow_json(flow: Flow) -> list[dict[str, Any]]:
    return [{"id": s.id, "title": s.title, "who": s.who.as_dict(), "lines": [q.as_dict() for q in s.lines],
             "articles": s.articles, "basis": s.basis(),
             "deadlines": [{"id": d.id, "task": d.task, "length": d.length_with_extension, "label": d.place.label()}
                           for d in s.deadlines],
             "branches": [{"label": b.label, **b.quote.as_dict(), "continues": b.continues} for b in s.branches]}
            for s in flow.steps]
