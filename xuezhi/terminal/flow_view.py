"""The handling flow on a terminal: numbered steps joined by ↓, each with who, what (the text's words),
its periods and its articles. No box-drawing characters, so it reads the same in a console without
them, in a file and at 60 columns."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from xuezhi.guide.flow import Flow, Step
from xuezhi.terminal.console import Ui
from xuezhi.terminal.deadline_view import labelled
from xuezhi.terminal.render import hanging
from xuezhi.text.numerals import to_chinese

ARROW = "    ↓"


def _arrowed(text: Text, ui: Ui) -> RenderableType:
    """`      → text`, wrapped lines under the text on a terminal."""
    return hanging("      → ", [text], ui)


def _step(step: Step, number: int, ui: Ui) -> RenderableType:
    head = Text(f"【{number}】")
    head.append(step.title, style="bold")
    head.append(f"　{step.basis()}", style="dim")
    lines: list[RenderableType] = [head, labelled("由谁", f"“{step.who.text}”", ui, indent=4)]
    lines += [labelled("要求", f"“{q.text}”（{q.place.label()}）", ui, indent=4) for q in step.lines]
    for i, b in enumerate(step.branches, 1):
        t = Text(f"“{b.quote.text}”（{b.quote.place.label()}）")
        if b.continues:
            t.append("　继续下一步", style="bold")
        lines += [Text(f"    （{to_chinese(i)}）{b.label}"), _arrowed(t, ui)]
    for d in step.deadlines:
        t = Text(d.task + "：")
        t.append(d.length_with_extension, style="bold cyan")
        t.append(f"（{d.place.label()}）", style="dim")
        lines.append(labelled("时限", t, ui, indent=4))
    return Group(*lines)


def flow_view(flow: Flow, ui: Ui) -> RenderableType:
    parts: list[RenderableType] = [
        Text("信访事项办理流程（《信访工作条例》）", style="bold"),
        Text("引号内是条文原文；步骤名和分支名是本工具所加。xuezhi flow -o 办理流程.svg 另存为图片。", style="dim"),
        Text(""),
    ]
    for i, step in enumerate(flow.steps, 1):
        if i > 1:
            parts.append(Text(ARROW, style="bold"))
        parts.append(_step(step, i, ui))
    return Group(*parts)
