"""xuezhi flow: the steps and their periods, in the terminal and as an SVG file."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from xuezhi.guide.flow import check, load_flow

SVG = "{http://www.w3.org/2000/svg}"
ORDER = ["提出信访事项", "登记", "转送、交办、受理告知", "分类办理", "出具信访处理意见书", "复查", "复核", "不再受理"]


@pytest.fixture(scope="module")
def flow(reg):
    return load_flow(reg)


def test_steps_in_order_with_their_quotes_in_the_text(reg, flow):
    assert [s.title for s in flow.steps] == ORDER
    assert check(reg, load_flow()) == []
    handling = next(s for s in flow.steps if s.id == "办理")
    assert [b.quote.place.label() for b in handling.branches] == [f"第三十一条第{n}项" for n in "一二三四五六"]
    assert [b.continues for b in handling.branches] == [False] * 5 + [True]


def test_each_step_has_the_periods_of_its_articles(flow):
    by_id = {s.id: s for s in flow.steps}
    assert [d.id for d in by_id["意见书"].deadlines] == ["办结"]
    assert by_id["复核"].deadline_lines() == ["信访人请求复核：30日（第三十六条第一款）",
                                             "提出复核意见：30日（第三十六条第一款）"]
    assert "第二十三条" in by_id["转送"].basis()


def test_terminal_flow_at_60_columns_without_colour_or_boxes(invoke):
    r = invoke("flow", env={"COLUMNS": "60"})
    assert r.exit_code == 0, r.output
    positions = [r.stdout.index(f"】{title}") for title in ORDER]
    assert positions == sorted(positions)
    assert r.stdout.count("↓") == len(ORDER) - 1
    assert "（六）以上之外的事项" in r.stdout and "继续下一步" in r.stdout
    assert "办结（出具信访处理意见书的事项）：60日（可延长，最多30日）（第三十四条）" in r.stdout
    assert "\x1b[" not in r.stdout and not re.search("[┌┐└┘│─]", r.stdout)


def test_flow_json(invoke):
    data = json.loads(invoke("flow", "--json").stdout)
    assert [s["title"] for s in data] == ORDER
    assert data[5]["deadlines"][0] == {"id": "请求复查", "task": "信访人请求复查", "length": "30日",
                                       "label": "第三十五条"}


def test_svg_file_is_well_formed_chinese_and_never_overwritten(invoke, tmp_path):
    out = tmp_path / "办理流程.svg"
    r = invoke("flow", "-o", str(out))
    assert r.exit_code == 0 and "已导出办理流程图" in r.stdout
    root = ET.fromstring(out.read_bytes())
    assert root.tag == f"{SVG}svg" and int(root.get("width")) == 820
    texts = "".join(t.text or "" for t in root.iter(f"{SVG}text"))
    for title in ORDER:
        assert title in texts
    assert "“听取信访人陈述事实和理由，并调查核实”（第三十一条第六项）" in texts
    assert "60日（可延长，最多30日）" in texts
    before = out.read_bytes()
    r = invoke("flow", "-o", str(out))
    assert r.exit_code == 2 and "--force" in r.stderr and out.read_bytes() == before
    assert invoke("flow", "-o", str(out), "--force").exit_code == 0
    assert [p.name for p in tmp_path.iterdir() if p.name != "xuezhi-home"] == ["办理流程.svg"]  # no temporary left


def test_svg_only(invoke, tmp_path):
    r = invoke("flow", "-o", str(tmp_path / "流程.png"))
    assert r.exit_code == 2 and "流程.svg" in r.stderr


def test_svg_text_stays_inside_its_boxes(flow):
    """Every text line fits the width of the box it is drawn in (the wrap counts a Chinese character
    as one em at the font size)."""
    from xuezhi.guide.flow_svg import _em, render

    root = ET.fromstring(render(flow, "信访工作条例").encode("utf-8"))
    rects = [(float(r.get("x")), float(r.get("y")), float(r.get("width")), float(r.get("height")))
             for r in root.iter(f"{SVG}rect") if r.get("x")]
    for t in root.iter(f"{SVG}text"):
        x, y, size = float(t.get("x")), float(t.get("y")), float(t.get("font-size"))
        box = next((b for b in rects if b[0] <= x <= b[0] + b[2] and b[1] <= y <= b[1] + b[3]), None)
        if box is None or t.get("text-anchor") == "end":
            continue
        assert x + sum(_em(c) for c in t.text) * size <= box[0] + box[2] + 1, t.text
        assert y <= box[1] + box[3], t.text
