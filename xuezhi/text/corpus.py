"""The regulation as data: loaded once from YAML, validated, and frozen into dataclasses.

Everything else (show, search, questions, exports) reads the text from here, so a single
check at load time guarantees that no command quotes a malformed article.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from xuezhi.files import data_file, resolve_data_path
from xuezhi.text.numerals import parse_number, to_chinese
from xuezhi.text.refs import cross_references
from xuezhi.text.yamlfile import FieldCheck, Path_, field_name, parsed_once

T = TypeVar("T")

CORPUS_FILE = "条例.yaml"
MAX_NUMBER = 99_999  # numbers beyond any real regulation (and the synthetic 10,000-article one) are typos

# Not slots=True: each slotted dataclass is built twice, a quarter millisecond of every start-up.


def label(article: int, paragraph: int | None = None, item: int | None = None) -> str:
    """第三十一条, 第三十一条第二款, 第三十一条第六项: the one way a place in the text is named."""
    out = f"第{to_chinese(article)}条"
    if paragraph:
        out += f"第{to_chinese(paragraph)}款"
    if item:
        out += f"第{to_chinese(item)}项"
    return out


def chapter_label(number: int) -> str:
    return f"第{to_chinese(number)}章"


class CitationError(ValueError):
    """A place cited (by a question, a card) that the text does not have; the message says why."""


@dataclass(frozen=True)
class Paragraph:
    """A 款: its own text and, when it introduces a list, the 项 in order (without （一） markers)."""

    number: int
    text: str
    items: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """The paragraph as printed in the official text, items re-marked （一）（二）…."""
        return [self.text] + [f"（{to_chinese(i)}）{t}" for i, t in enumerate(self.items, 1)]


@dataclass(frozen=True)
class Reference:
    """A cross-reference in the text, such as 本条例第三十一条第六项."""

    article: int
    item: int | None = None

    def label(self) -> str:
        return label(self.article, item=self.item)


@dataclass(frozen=True)
class Article:
    number: int
    chapter: int
    chapter_title: str
    summary: str
    keywords: tuple[str, ...]
    paragraphs: tuple[Paragraph, ...]

    @property
    def label(self) -> str:
        return label(self.number)

    @cached_property
    def text(self) -> str:
        """The whole article, one paragraph or item per line, as in the official text."""
        return "\n".join(line for p in self.paragraphs for line in p.lines())

    @cached_property
    def references(self) -> tuple[Reference, ...]:
        return tuple(find_references(self.text, self.number))

    def items(self) -> tuple[str, ...]:
        """The article's 项. Articles with items have them in exactly one paragraph."""
        return next((p.items for p in self.paragraphs if p.items), ())


@dataclass(frozen=True)
class Chapter:
    number: int
    title: str
    articles: tuple[Article, ...]

    @property
    def label(self) -> str:
        return chapter_label(self.number)

    @property
    def article_range(self) -> tuple[int, int]:
        return self.articles[0].number, self.articles[-1].number


@dataclass(frozen=True)
class Principle:
    name: str
    text: str
    article: int
    item: int


@dataclass(frozen=True)
class Regulation:
    meta: dict[str, str]
    chapters: tuple[Chapter, ...]
    principles: tuple[Principle, ...]
    source: Path
    _by_number: dict[int, Article] = field(default_factory=dict, repr=False)
    # what was built from this text (init=False: dataclasses.replace starts a new one empty)
    _derived: dict[tuple, tuple] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_number.update({a.number: a for c in self.chapters for a in c.articles})

    def derived(self, build: Callable[..., T], *inputs: object) -> T:
        """build(self, *inputs), made once per regulation and inputs in a process: the indexes and
        cards made from the text. Inputs are told apart by identity and kept alive with what was
        built from them, so that no other object can take their id."""
        key = (build, *map(id, inputs))
        hit = self._derived.get(key)
        if hit is None:
            hit = self._derived[key] = (inputs, build(self, *inputs))
        return hit[1]

    @property
    def title(self) -> str:
        return self.meta.get("title", "")

    @property
    def articles(self) -> tuple[Article, ...]:
        return tuple(self._by_number.values())

    @property
    def article_numbers(self) -> range:
        nums = list(self._by_number)
        return range(min(nums), max(nums) + 1)

    def article(self, number: int) -> Article | None:
        return self._by_number.get(number)

    def chapter(self, number: int) -> Chapter | None:
        return next((c for c in self.chapters if c.number == number), None)

    def referenced_by(self, number: int) -> list[Article]:
        """Articles whose text points at `number` (第三十四条 → 第三十一条第六项)."""
        return [a for a in self.articles if any(r.article == number for r in a.references)]

    def cited_text(self, article: int, paragraph: int | None = None, item: int | None = None) -> str:
        """The text at a place: the item, the paragraph (with its items) or the whole article.
        CitationError when the text has no such place."""
        art = self.article(article)
        if art is None:
            raise CitationError(f"引用的第 {article} 条不存在（本条例共 {len(self.articles)} 条）")
        if paragraph:
            if paragraph > len(art.paragraphs):
                raise CitationError(f"{art.label}只有 {len(art.paragraphs)} 款，没有第 {paragraph} 款")
            par = art.paragraphs[paragraph - 1]
            if item:
                if item > len(par.items):
                    raise CitationError(f"{label(article, paragraph, item)}不存在：该款有 {len(par.items)} 项")
                return par.items[item - 1]
            return "\n".join(par.lines())
        if item:
            items = art.items()
            if item > len(items):
                raise CitationError(f"{label(article, paragraph, item)}不存在：{art.label}有 {len(items)} 项")
            return items[item - 1]
        return art.text


def find_references(text: str, own: int = 0) -> list[Reference]:
    """Every 本条例第N条(第M项) in `text`, in order, without repeats or self-references (a 款 cited
    refers to its article); a number that cannot be read (第0条 in an edited corpus) is no reference."""
    refs: list[Reference] = []
    for _, part in cross_references(text):
        article = parse_number(part.group(1))
        sub = parse_number(part.group(2)) if part.group(2) else None
        if not article or (part.group(2) and not sub):
            continue
        found = Reference(article, sub if part.group(3) == "项" else None)
        if found.article != own and found not in refs:
            refs.append(found)
    return refs


# ---------------------------------------------------------------- loading and validation

class _Checker(FieldCheck):
    """Walks the raw YAML and raises DataFileError at the first field that breaks the schema."""

    def get(self, node: dict, key: str, path: Path_, kind: type | tuple[type, ...], optional: bool = False) -> Any:
        if key not in node or node[key] is None:
            if optional:
                return None
            raise self.fail(list(path), f"缺少必填字段 {key}")
        value = node[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail([*path, key], f"类型应为{_KIND_NAMES.get(kind, '正确类型')}，实际是 {value!r:.40}")
        if isinstance(value, str) and not value.strip():
            raise self.fail([*path, key], "不能为空")
        return value

    def strings(self, values: list, path: Path_) -> tuple[str, ...]:
        for i, v in enumerate(values):
            if not isinstance(v, str) or not v.strip():
                raise self.fail([*path, i], "应为非空文本")
        return tuple(values)


_KIND_NAMES = {str: "文本", int: "整数", list: "列表", dict: "映射（键: 值）", (str, int): "文本或整数"}


def _paragraphs(ck: _Checker, art: dict, ap: Path_) -> tuple[Paragraph, ...]:
    paragraphs: list[Paragraph] = []
    par_list = ck.get(art, "paragraphs", ap, list)
    if not par_list:
        raise ck.fail([*ap, "paragraphs"], "一条至少要有一款")
    for pi, par in enumerate(par_list):
        pp: Path_ = [*ap, "paragraphs", pi]
        if not isinstance(par, dict):
            raise ck.fail(pp, "每一款应为映射（含 text，可有 items）")
        ptext = ck.get(par, "text", pp, str)
        items = ck.get(par, "items", pp, list, optional=True) or []
        paragraphs.append(Paragraph(pi + 1, ptext, ck.strings(items, [*pp, "items"])))
    return tuple(paragraphs)


def _article(ck: _Checker, art: Any, ap: Path_, chapter: int, ctitle: str, seen: dict[int, Path_]) -> Article:
    if not isinstance(art, dict):
        raise ck.fail(ap, "每一条应为映射（含 number、paragraphs）")
    anum = ck.get(art, "number", ap, int)
    if not 1 <= anum <= MAX_NUMBER:
        raise ck.fail([*ap, "number"], f"条号应为 1–{MAX_NUMBER} 的整数，实际是 {anum}")
    if anum in seen:
        raise ck.fail([*ap, "number"], f"条号 {anum} 重复（另见 {field_name(seen[anum])}）")
    seen[anum] = [*ap, "number"]
    paragraphs = _paragraphs(ck, art, ap)
    keywords = ck.get(art, "keywords", ap, list, optional=True) or []
    summary = ck.get(art, "summary", ap, str, optional=True) or ""
    if len(summary) > 20:
        raise ck.fail([*ap, "summary"], f"条旨不超过 20 个字，实际 {len(summary)} 个字")
    return Article(anum, chapter, ctitle, summary, ck.strings(keywords, [*ap, "keywords"]), paragraphs)


def _chapter(ck: _Checker, ch: Any, cp: Path_, seen_chapters: set[int], seen_articles: dict[int, Path_]) -> Chapter:
    if not isinstance(ch, dict):
        raise ck.fail(cp, "每一章应为映射（含 number、title、articles）")
    cnum = ck.get(ch, "number", cp, int)
    if not 1 <= cnum <= MAX_NUMBER:
        raise ck.fail([*cp, "number"], f"章号应为 1–{MAX_NUMBER} 的整数，实际是 {cnum}")
    if cnum in seen_chapters:
        raise ck.fail([*cp, "number"], f"章号 {cnum} 重复")
    seen_chapters.add(cnum)
    ctitle = ck.get(ch, "title", cp, str)
    art_list = ck.get(ch, "articles", cp, list)
    if not art_list:
        raise ck.fail([*cp, "articles"], "一章至少要有一条")
    articles = [_article(ck, art, [*cp, "articles", ai], cnum, ctitle, seen_articles)
                for ai, art in enumerate(art_list)]
    return Chapter(cnum, ctitle, tuple(articles))


def _principles(ck: _Checker, raw: dict, chapters: list[Chapter], seen_articles: dict[int, Path_]) -> list[Principle]:
    principles: list[Principle] = []
    for i, pr in enumerate(ck.get(raw, "principles", [], list, optional=True) or []):
        pp: Path_ = ["principles", i]
        if not isinstance(pr, dict):
            raise ck.fail(pp, "每条原则应为映射（含 name、text、article、item）")
        art_no = ck.get(pr, "article", pp, int)
        if art_no not in seen_articles:
            raise ck.fail([*pp, "article"], f"引用的第 {art_no} 条不存在")
        item = ck.get(pr, "item", pp, int)
        items = next(a for c in chapters for a in c.articles if a.number == art_no).items()
        if not 1 <= item <= len(items):
            raise ck.fail([*pp, "item"], f"第 {art_no} 条共 {len(items)} 项，没有第 {item} 项")
        principles.append(Principle(ck.get(pr, "name", pp, str), ck.get(pr, "text", pp, str), art_no, item))
    return principles


def parse_regulation(raw: Any, file: Path, text: str) -> Regulation:
    """Validate the raw YAML document and build the dataclasses (the first problem is raised)."""
    ck = _Checker(file, text)
    if not isinstance(raw, dict):
        raise ck.fail([], "文件顶层应为映射（含 meta、chapters）")
    meta_raw = ck.get(raw, "meta", [], dict)
    meta = {str(k): str(v) for k, v in meta_raw.items()}
    ck.get(meta_raw, "title", ["meta"], str)
    seen_articles: dict[int, Path_] = {}
    seen_chapters: set[int] = set()
    chapters = [_chapter(ck, ch, ["chapters", ci], seen_chapters, seen_articles)
                for ci, ch in enumerate(ck.get(raw, "chapters", [], list))]
    if not chapters:
        raise ck.fail(["chapters"], "至少要有一章")
    return Regulation(meta, tuple(chapters), tuple(_principles(ck, raw, chapters, seen_articles)), file)


def default_corpus_path() -> Path:
    """The corpus shipped in the wheel (xuezhi/data), or data/ beside the package in a checkout."""
    return data_file(CORPUS_FILE)


def resolve_corpus_path(path: Path | str | None = None) -> Path:
    """--corpus wins, then XUEZHI_CORPUS, then the shipped file."""
    return resolve_data_path(CORPUS_FILE, "XUEZHI_CORPUS", path)


def load_regulation(path: Path | str | None = None) -> Regulation:
    """Load and validate the corpus once per process."""
    return parsed_once(resolve_corpus_path(path), parse_regulation)
