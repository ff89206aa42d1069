"""The question bank: questions as dataclasses, loaded from YAML and checked for shape.

Shape problems (missing field, wrong type) are collected per question so that a trainer
running `xuezhi validate` sees every problem at once; `load_bank` raises on the first.
Content rules (does the answer occur in the cited article?) live in validation.py.
"""

from __future__ import annotations

import difflib
import string
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from xuezhi.errors import DataFileError
from xuezhi.files import data_file, resolve_data_path
from xuezhi.text.corpus import Regulation
from xuezhi.text.numerals import to_chinese
from xuezhi.text.textnorm import unprintable
from xuezhi.text.yamlfile import line_of, parsed_once

BANK_FILE = "questions.yaml"
LETTERS = string.ascii_uppercase[:6]  # A–F
BLANK_MARKS = ("（　）", "____")
_FIELDS = ("id", "type", "stem", "options", "answer", "basis", "explanation", "difficulty", "tags", "quote")


class QType(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    JUDGE = "judge"
    BLANK = "blank"

    @property
    def label(self) -> str:
        return TYPE_LABELS[self]


TYPE_LABELS = {QType.SINGLE: "单选题", QType.MULTIPLE: "多选题", QType.JUDGE: "判断题", QType.BLANK: "填空题"}
TYPE_ALIASES = {
    "single": QType.SINGLE, "单选": QType.SINGLE, "单选题": QType.SINGLE,
    "multiple": QType.MULTIPLE, "多选": QType.MULTIPLE, "多选题": QType.MULTIPLE,
    "judge": QType.JUDGE, "判断": QType.JUDGE, "判断题": QType.JUDGE,
    "blank": QType.BLANK, "填空": QType.BLANK, "填空题": QType.BLANK,
}


@dataclass(frozen=True, slots=True)
class Basis:
    """Where the answer rests: an article, optionally one 款 and/or one 项."""

    article: int
    paragraph: int | None = None
    item: int | None = None

    def label(self) -> str:
        out = f"第{to_chinese(self.article)}条"
        if self.paragraph:
            out += f"第{to_chinese(self.paragraph)}款"
        if self.item:
            out += f"第{to_chinese(self.item)}项"
        return out

    def as_dict(self) -> dict[str, int]:
        d = {"article": self.article}
        if self.paragraph:
            d["paragraph"] = self.paragraph
        if self.item:
            d["item"] = self.item
        return d


Blank = tuple[str, ...]  # accepted alternatives for one blank, canonical first


@dataclass(frozen=True)
class Question:
    id: str
    type: QType
    stem: str
    answer: str | bool | tuple[Blank, ...]
    basis: Basis
    explanation: str
    difficulty: int = 1
    tags: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    quote: str | None = None
    index: int = 0  # position in the file, for error messages

    @property
    def correct_indexes(self) -> tuple[int, ...]:
        """Original option indexes that are correct (choice questions)."""
        if self.type in (QType.SINGLE, QType.MULTIPLE):
            return tuple(LETTERS.index(c) for c in str(self.answer))
        return ()

    @property
    def blanks(self) -> tuple[Blank, ...]:
        return self.answer if self.type is QType.BLANK else ()  # type: ignore[return-value]

    def answer_text(self) -> str:
        """The answer as a person reads it: B / ACD / 正确 / 5人；60日."""
        if self.type is QType.JUDGE:
            return "正确" if self.answer else "错误"
        if self.type is QType.BLANK:
            return "；".join(b[0] for b in self.blanks)
        return str(self.answer)

    def as_dict(self) -> dict[str, Any]:
        """The question's fields as in the YAML file (for JSON export and progress files)."""
        d: dict[str, Any] = {"id": self.id, "type": str(self.type), "stem": self.stem}
        if self.options:
            d["options"] = list(self.options)
        if self.type is QType.BLANK:
            d["answer"] = [list(b) if len(b) > 1 else b[0] for b in self.blanks]
        else:
            d["answer"] = self.answer
        d |= {"basis": self.basis.as_dict(), "explanation": self.explanation,
              "difficulty": self.difficulty, "tags": list(self.tags)}
        if self.quote:
            d["quote"] = self.quote
        return d


@dataclass(frozen=True)
class Problem:
    """One broken rule in a bank file, located for the person who has to fix it."""

    file: str
    line: int | None
    qid: str | None
    rule: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = self.file + (f" 第 {self.line} 行" if self.line else "")
        who = f" 题目 {self.qid}" if self.qid else ""
        kind = "提醒" if self.warning else "错误"
        return f"{where}{who}：[{kind}·{self.rule}] {self.message}"


@dataclass(frozen=True)
class Unbuilt:
    """What could be read of a question with shape problems, so validate can still check its
    citation and options: a trainer should see every mistake of a question in one run."""

    index: int
    qid: str | None
    basis: Basis | None
    options: tuple[str, ...]


@dataclass
class QuestionBank:
    questions: tuple[Question, ...]
    source: Path
    text: str = field(repr=False, default="")
    problems: list[Problem] = field(default_factory=list)
    _by_id: dict[str, Question] = field(default_factory=dict, repr=False)
    root: tuple[str, ...] = ()  # ("questions",) when the list sits under a questions: key
    duplicates: tuple[Question, ...] = ()  # well-formed questions whose id was already taken
    unbuilt: tuple[Unbuilt, ...] = ()

    def __post_init__(self) -> None:
        self._by_id = {q.id: q for q in self.questions}

    def get(self, qid: str) -> Question | None:
        return self._by_id.get(qid)

    def __len__(self) -> int:
        return len(self.questions)

    def line(self, q: Question | int) -> int | None:
        index = q.index if isinstance(q, Question) else q
        return line_of(self.text, [*self.root, index]) if self.text else None

    @property
    def entries(self) -> int:
        """How many questions the file holds, well-formed or not."""
        return len(self.questions) + len(self.duplicates) + len(self.unbuilt)

    def chapter_of(self, q: Question, reg: Regulation) -> int:
        art = reg.article(q.basis.article)
        return art.chapter if art else 0


# ---------------------------------------------------------------- parsing

def _problem(bank_file: Path, text: str, index: int | None, qid: str | None, rule: str, msg: str,
             sub: list | None = None, root: tuple[str, ...] = ()) -> Problem:
    path: list = [] if index is None else [*root, index, *(sub or [])]
    return Problem(str(bank_file), line_of(text, path) if text else None, qid, rule, msg)


def _parse_blank(value: Any) -> Blank | None:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return (str(value),)
    if isinstance(value, list) and value and all(isinstance(v, str | int | float) and not isinstance(v, bool)
                                                  for v in value):
        return tuple(str(v) for v in value)
    return None


def parse_question(raw: Any, index: int, file: Path, text: str,
                   root: tuple[str, ...] = ()) -> tuple[Question | Unbuilt, list[Problem]]:
    """Build one Question, or report every shape problem it has (and keep what was readable)."""
    probs: list[Problem] = []
    notes: list[Problem] = []  # warnings: the question is still built
    if not isinstance(raw, dict):
        return Unbuilt(index, None, None, ()), [
            _problem(file, text, index, None, "格式", "每道题应为映射（含 id、type、stem、answer 等字段）", root=root)]
    qid = raw.get("id")
    qid_s = str(qid) if isinstance(qid, str | int) else None

    def bad(rule: str, msg: str, key: str | None = None) -> None:
        probs.append(_problem(file, text, index, qid_s, rule, msg, [key] if key else None, root))

    if qid is None or (isinstance(qid, str) and not qid.strip()):
        bad("必填字段", "缺少 id（如 Q0001）", "id" if "id" in raw else None)
    elif not isinstance(qid, str):  # id: 123 or id: yes — YAML reads them as a number or true
        qid_s = None
        bad("编号", f"id 应为文本（如 Q0001），实际是 {qid!r}；纯数字或 yes/no 请加引号，如 id: \"{qid}\"", "id")
    unknown = sorted(str(k) for k in raw if k not in _FIELDS)
    for key in unknown:  # a misspelt optional field (dificulty) would silently be ignored
        close = difflib.get_close_matches(key, _FIELDS, n=1)
        notes.append(Problem(str(file), line_of(text, [*root, index, key]) if text else None, qid_s, "未知字段",
                             f"未知字段 {key}" + (f"（是否想写 {close[0]}？）" if close else "，将被忽略"),
                             warning=True))
    for key in ("type", "stem", "answer", "basis", "explanation"):
        if raw.get(key) is None:
            bad("必填字段", f"缺少字段 {key}")
    qtype = TYPE_ALIASES.get(str(raw.get("type", "")).strip()) if raw.get("type") is not None else None
    if raw.get("type") is not None and qtype is None:
        bad("题型", f"type 应为 single、multiple、judge 或 blank，实际是 {raw.get('type')!r}", "type")
    stem = raw.get("stem")
    if stem is not None and (not isinstance(stem, str) or not stem.strip()):
        bad("格式", "stem（题干）应为非空文本", "stem")
    explanation = raw.get("explanation")
    if explanation is not None and (not isinstance(explanation, str) or not explanation.strip()):
        bad("格式", "explanation（解析）应为非空文本", "explanation")
    difficulty = raw.get("difficulty", 1)
    if isinstance(difficulty, bool) or not isinstance(difficulty, int) or not 1 <= difficulty <= 3:
        bad("格式", f"difficulty 应为 1、2 或 3，实际是 {difficulty!r}", "difficulty")
        difficulty = 1
    tags = raw.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        bad("格式", "tags 应为文本列表", "tags")
        tags = []
    quote = raw.get("quote")
    if quote is not None and not isinstance(quote, str):
        bad("格式", "quote 应为文本", "quote")
        quote = None
    basis = None
    b = raw.get("basis")
    if isinstance(b, int) and not isinstance(b, bool):
        basis = Basis(b)
    elif isinstance(b, dict):
        vals = {k: b.get(k) for k in ("article", "paragraph", "item")}
        if any(v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 1) for v in vals.values()) \
                or vals["article"] is None:
            bad("依据", "basis 应为 {article: 条号, paragraph: 款号, item: 项号}，均为正整数", "basis")
        else:
            basis = Basis(vals["article"], vals["paragraph"], vals["item"])
        unknown = set(b) - {"article", "paragraph", "item"}
        if unknown:
            bad("依据", f"basis 中有未知字段 {', '.join(sorted(map(str, unknown)))}", "basis")
    elif b is not None:
        bad("依据", "basis 应为 {article: 条号, paragraph: 款号, item: 项号}", "basis")

    options: tuple[str, ...] = ()
    answer: Any = raw.get("answer")
    if qtype in (QType.SINGLE, QType.MULTIPLE):
        opts = raw.get("options")
        if not isinstance(opts, list) or not all(isinstance(o, str | int | float) and not isinstance(o, bool)
                                                 for o in opts):
            bad("选项", "选择题需要 options：2–6 个文本选项", "options")
        elif not 2 <= len(opts) <= 6:
            bad("选项", f"选项应为 2–6 个，实际 {len(opts)} 个", "options")
        else:
            options = tuple(str(o).strip() for o in opts)
        if answer is not None:
            letters = str(answer).strip().upper().replace(",", "").replace("，", "").replace(" ", "")
            if not letters or any(c not in LETTERS for c in letters):
                bad("答案", f"答案应为选项字母（A–F），实际是 {answer!r}", "answer")
            elif options and any(LETTERS.index(c) >= len(options) for c in letters):
                bad("答案", f"答案 {letters} 中有不存在的选项（本题只有 A–{LETTERS[len(options) - 1]}）", "answer")
            elif len(set(letters)) != len(letters):
                bad("答案", f"答案 {letters} 有重复字母", "answer")
            elif qtype is QType.SINGLE and len(letters) != 1:
                bad("答案", f"单选题只能有一个答案，实际是 {letters}", "answer")
            elif qtype is QType.MULTIPLE and len(letters) < 2:
                bad("答案", f"多选题至少两个正确选项，实际是 {letters}", "answer")
            answer = "".join(sorted(letters))
    elif qtype is QType.JUDGE:
        if answer is not None and not isinstance(answer, bool):
            bad("答案", f"判断题答案应为 true 或 false，实际是 {answer!r}", "answer")
    elif qtype is QType.BLANK and answer is not None:
        items = answer if isinstance(answer, list) else [answer]
        blanks = [_parse_blank(v) for v in items]
        if not items or any(x is None for x in blanks):
            bad("答案", "填空题答案应为列表，每空一项（文本，或可接受答案的列表）", "answer")
        else:
            answer = tuple(blanks)
            if isinstance(stem, str):
                marks = sum(stem.count(m) for m in BLANK_MARKS)
                if marks != len(answer):
                    bad("空位", f"题干有 {marks} 个空（（　）或 ____），答案有 {len(answer)} 项", "stem")
    texts = [("stem", stem), ("explanation", explanation), ("quote", quote), *(("options", o) for o in options),
             *(("tags", t) for t in tags)]
    if isinstance(answer, tuple):  # blanks
        texts += [("answer", alt) for blank in answer for alt in blank]
    for key, value in texts:
        bad_char = unprintable(value) if isinstance(value, str) else None
        if bad_char:
            bad("控制字符", f"{key} 中有不可见的控制字符 {bad_char}（常见于从 Word 粘贴的文字），"
                "Word、Excel 和 Moodle 文件都无法保存，请删去", key)
            break
    if probs or qtype is None or basis is None:
        if not options and isinstance(raw.get("options"), list):
            options = tuple(str(o).strip() for o in raw["options"] if isinstance(o, str | int | float))
        return Unbuilt(index, qid_s, basis, options), probs + notes
    return Question(qid.strip(), qtype, stem.strip(), answer, basis, explanation.strip(), difficulty,
                    tuple(tags), options, quote, index), notes


def parse_bank(raw: Any, file: Path, text: str) -> QuestionBank:
    """Every well-formed question, plus the problems of the others (duplicate ids included)."""
    root: tuple[str, ...] = ()
    if isinstance(raw, dict) and isinstance(raw.get("questions"), list):
        raw, root = raw["questions"], ("questions",)  # also accept {questions: [...]}
    if not isinstance(raw, list):
        raise DataFileError(str(file), "题库文件顶层应为题目列表（- id: …）", line=1)
    questions: list[Question] = []
    duplicates: list[Question] = []
    unbuilt: list[Unbuilt] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(raw):
        q, probs = parse_question(item, i, file, text, root)
        problems += probs
        if isinstance(q, Unbuilt):
            unbuilt.append(q)
        elif q.id in seen:
            problems.append(_problem(file, text, i, q.id, "重复编号",
                                     f"题目编号 {q.id} 与第 {seen[q.id] + 1} 道题重复", ["id"], root))
            duplicates.append(q)
        else:
            seen[q.id] = i
            questions.append(q)
    return QuestionBank(tuple(questions), file, text, problems, root=root, duplicates=tuple(duplicates),
                        unbuilt=tuple(unbuilt))


def default_bank_path() -> Path:
    return data_file(BANK_FILE)


def resolve_bank_path(path: Path | str | None = None) -> Path:
    """--bank wins, then XUEZHI_BANK, then the shipped file."""
    return resolve_data_path(BANK_FILE, "XUEZHI_BANK", path)


def read_bank(path: Path | str | None = None) -> QuestionBank:
    """Parse a bank file, keeping shape problems for the caller to report."""
    return parsed_once(resolve_bank_path(path), parse_bank)


def load_bank(path: Path | str | None = None) -> QuestionBank:
    """A bank ready for quizzes: raises a DataFileError at the first shape problem."""
    bank = read_bank(path)
    errors = [p for p in bank.problems if not p.warning]
    if errors:
        first = errors[0]
        more = ""
        if len(errors) > 1:
            more = f"（另有 {len(errors) - 1} 处问题，运行 xuezhi validate {first.file} 查看全部）"
        raise DataFileError(first.file, f"{'题目 ' + first.qid + '：' if first.qid else ''}"
                            f"[{first.rule}] {first.message}{more}", line=first.line)
    if not bank.questions:
        raise DataFileError(str(bank.source), "题库里没有题目")
    return bank
