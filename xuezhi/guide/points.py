"""讲条例的教学要点 (data/要点.yaml): per article a key sentence and 1–3 points, and the article groups
the slides follow. A point is the project's explanation; whatever it puts in “…” is the text's own
words, checked character for character against the article."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xuezhi.files import data_file
from xuezhi.guide.curated import Place, Problem, Quote, Reader, check_quote, line_at, quoted_words
from xuezhi.text.corpus import Regulation, label
from xuezhi.text.yamlfile import parsed_once

POINTS_FILE = "要点.yaml"
MAX_POINTS = 3


@dataclass(frozen=True)
class Point:
    text: str
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class Teaching:
    article: int
    key: Quote
    points: tuple[Point, ...]
    where: tuple = ()


@dataclass(frozen=True)
class Group:
    title: str
    articles: tuple[int, ...]


@dataclass
class Points:
    articles: dict[int, Teaching]
    groups: tuple[Group, ...]
    source: Path
    text: str = field(repr=False, default="")

    def of(self, article: int) -> Teaching | None:
        return self.articles.get(article)


def _teaching(rd: Reader, raw: Any, i: int, seen: set[int]) -> Teaching:
    path = ["articles", i]
    node = rd.mapping(raw, path)
    rd.known(node, ("article", "key", "points"), path)
    number = rd.int_field(node, "article", path)
    if number in seen:
        raise rd.fail([*path, "article"], f"第 {number} 条的要点写了两次")
    seen.add(number)  # type: ignore[arg-type]
    place = Place(number)  # type: ignore[arg-type]
    points = []
    for j, p in enumerate(rd.items(node, "points", path)):
        pp = [*path, "points", j]
        if not isinstance(p, str) or not p.strip():
            raise rd.fail(pp, "每个要点应为一段非空文字")
        points.append(Point(p, tuple(Quote(q, place, rd.where(pp)) for q in quoted_words(p))))
    if len(points) > MAX_POINTS:
        raise rd.fail([*path, "points"], f"每条最多 {MAX_POINTS} 个要点，这里有 {len(points)} 个")
    return Teaching(number, rd.quote(node, "key", path, place), tuple(points), rd.where(path))  # type: ignore[arg-type]


def parse_points(raw: Any, file: Path, text: str) -> Points:
    rd = Reader(file, text)
    seen: set[int] = set()
    teachings = [_teaching(rd, t, i, seen) for i, t in enumerate(rd.items(raw, "articles", []))]
    groups = []
    for i, g in enumerate(rd.items(raw, "groups", [])):
        gp = ["groups", i]
        node = rd.mapping(g, gp)
        numbers = node.get("articles")
        if not isinstance(numbers, list) or not numbers or not all(isinstance(n, int) for n in numbers):
            raise rd.fail([*gp, "articles"], "应为条号的列表，如 [1, 2, 3]")
        groups.append(Group(rd.text_field(node, "title", gp), tuple(numbers)))  # type: ignore[arg-type]
    return Points({t.article: t for t in teachings}, tuple(groups), file, text)


def load_points(path: Path | None = None) -> Points:
    return parsed_once(path or data_file(POINTS_FILE), parse_points)


def check(reg: Regulation, points: Points | None = None) -> list[Problem]:
    """Quotations and key sentences not in their article; articles without points; groups that
    miss an article, repeat one or cite one the text does not have."""
    points = points or load_points()
    src = str(points.source)
    problems: list[Problem] = []
    for t in points.articles.values():
        what = f"要点 {label(t.article)}"
        for quote in (t.key, *(q for p in t.points for q in p.quotes)):
            why = check_quote(reg, quote)
            if why:
                problems.append(Problem(src, line_at(points.text, quote.where or t.where), what, why))
        if not any(p.quotes for p in t.points):
            problems.append(Problem(src, line_at(points.text, t.where), what, "没有一个要点引用本条原文（用“……”引出）"))
    missing = [a.number for a in reg.articles if a.number not in points.articles]
    if missing:
        problems.append(Problem(src, None, "要点", "这些条没有要点：" + "、".join(label(n) for n in missing)))
    grouped = [n for g in points.groups for n in g.articles]
    if grouped != [a.number for a in reg.articles]:
        problems.append(Problem(src, None, "要点 groups", "分组应按顺序、不重不漏地覆盖每一条"))
    return problems
