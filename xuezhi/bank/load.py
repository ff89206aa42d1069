"""Reading a question bank: each question's shape checked field by field, every problem pointing
at its line, a well-formed bank cached per file version (text.yamlfile.parsed_once)."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from xuezhi.bank.model import (
    BANK_FILE,
    BLANK_MARKS,
    FIELDS,
    LETTERS,
    TYPE_ALIASES,
    Basis,
    Blank,
    Problem,
    QType,
    Question,
    QuestionBank,
    Unbuilt,
)
from xuezhi.errors import DataFileError
from xuezhi.files import resolve_data_path
from xuezhi.text.corpus import MAX_NUMBER
from xuezhi.text.textnorm import unprintable
from xuezhi.text.yamlfile import line_of, parsed_once


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


class _Report:
    """The problems of one question, each pointing at its line (and field) in the bank file."""

    def __init__(self, file: Path, text: str, index: int, qid: str | None, root: tuple[str, ...]) -> None:
        self.file, self.text, self.index, self.qid, self.root = file, text, index, qid, root
        self.probs: list[Problem] = []
        self.notes: list[Problem] = []  # warnings: the question is still built

    def bad(self, rule: str, msg: str, key: str | None = None) -> None:
        self.probs.append(_problem(self.file, self.text, self.index, self.qid, rule, msg, [key] if key else None,
                                   self.root))

    def note(self, key: str, msg: str) -> None:
        line = line_of(self.text, [*self.root, self.index, key]) if self.text else None
        self.notes.append(Problem(str(self.file), line, self.qid, "未知字段", msg, warning=True))


def _check_id(raw: dict, r: _Report) -> None:
    qid = raw.get("id")
    if qid is None or (isinstance(qid, str) and not qid.strip()):
        r.bad("必填字段", "缺少 id（如 Q0001）", "id" if "id" in raw else None)
    elif not isinstance(qid, str):  # id: 123 or id: yes — YAML reads them as a number or true
        r.qid = None
        r.bad("编号", f"id 应为文本（如 Q0001），实际是 {qid!r}；纯数字或 yes/no 请加引号，如 id: \"{qid}\"", "id")


def _check_fields(raw: dict, r: _Report) -> None:
    for key in sorted(str(k) for k in raw if k not in FIELDS):  # a misspelt dificulty would be ignored
        close = difflib.get_close_matches(key, FIELDS, n=1)
        r.note(key, f"未知字段 {key}" + (f"（是否想写 {close[0]}？）" if close else "，将被忽略"))
    for key in ("type", "stem", "answer", "basis", "explanation"):
        if key in raw and raw[key] is None:  # `type:` with nothing after it: point at that line
            r.bad("必填字段", f"字段 {key} 没有填写内容", key)
        elif raw.get(key) is None:
            r.bad("必填字段", f"缺少字段 {key}")


def _qtype(raw: dict, r: _Report) -> QType | None:
    if raw.get("type") is None:
        return None
    qtype = TYPE_ALIASES.get(str(raw.get("type", "")).strip())
    if qtype is None:
        r.bad("题型", f"type 应为 single、multiple、judge 或 blank，实际是 {raw.get('type')!r}", "type")
    return qtype


def _texts(raw: dict, r: _Report) -> tuple[Any, Any, int, list, Any]:
    """stem, explanation, difficulty, tags and quote; a malformed optional field gets its default."""
    stem = raw.get("stem")
    if stem is not None and (not isinstance(stem, str) or not stem.strip()):
        r.bad("格式", "stem（题干）应为非空文本", "stem")
    explanation = raw.get("explanation")
    if explanation is not None and (not isinstance(explanation, str) or not explanation.strip()):
        r.bad("格式", "explanation（解析）应为非空文本", "explanation")
    difficulty = raw.get("difficulty", 1)
    if isinstance(difficulty, bool) or not isinstance(difficulty, int) or not 1 <= difficulty <= 3:
        r.bad("格式", f"difficulty 应为 1、2 或 3，实际是 {difficulty!r}", "difficulty")
        difficulty = 1
    tags = raw.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        r.bad("格式", "tags 应为文本列表", "tags")
        tags = []
    quote = raw.get("quote")
    if quote is not None and not isinstance(quote, str):
        r.bad("格式", "quote 应为文本", "quote")
        quote = None
    return stem, explanation, difficulty, tags, quote


def _basis(raw: dict, r: _Report) -> Basis | None:
    b = raw.get("basis")
    if isinstance(b, int) and not isinstance(b, bool):
        return Basis(b)
    if b is None:
        return None
    if not isinstance(b, dict):
        r.bad("依据", "basis 应为 {article: 条号, paragraph: 款号, item: 项号}", "basis")
        return None
    basis = None
    vals = {k: b.get(k) for k in ("article", "paragraph", "item")}
    # bounded: a label is written for each (第一亿项 cannot be, and item: 100000000 was an internal error)
    if any(v is not None and (isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= MAX_NUMBER)
           for v in vals.values()) or vals["article"] is None:
        r.bad("依据", f"basis 应为 {{article: 条号, paragraph: 款号, item: 项号}}，均为 1–{MAX_NUMBER} 的整数", "basis")
    else:
        basis = Basis(vals["article"], vals["paragraph"], vals["item"])
    unknown = set(b) - {"article", "paragraph", "item"}
    if unknown:
        r.bad("依据", f"basis 中有未知字段 {', '.join(sorted(map(str, unknown)))}", "basis")
    return basis


def _choice(raw: dict, qtype: QType, r: _Report) -> tuple[tuple[str, ...], Any]:
    """A choice question's options and its answer as sorted letters."""
    options: tuple[str, ...] = ()
    answer: Any = raw.get("answer")
    opts = raw.get("options")
    if not isinstance(opts, list) or not all(isinstance(o, str | int | float) and not isinstance(o, bool)
                                             for o in opts):
        r.bad("选项", "选择题需要 options：2–6 个文本选项", "options")
    elif not 2 <= len(opts) <= 6:
        r.bad("选项", f"选项应为 2–6 个，实际 {len(opts)} 个", "options")
    else:
        options = tuple(str(o).strip() for o in opts)
    if answer is None:
        return options, answer
    letters = str(answer).strip().upper().replace(",", "").replace("，", "").replace(" ", "")
    if not letters or any(c not in LETTERS for c in letters):
        r.bad("答案", f"答案应为选项字母（A–F），实际是 {answer!r}", "answer")
    elif options and any(LETTERS.index(c) >= len(options) for c in letters):
        r.bad("答案", f"答案 {letters} 中有不存在的选项（本题只有 A–{LETTERS[len(options) - 1]}）", "answer")
    elif len(set(letters)) != len(letters):
        r.bad("答案", f"答案 {letters} 有重复字母", "answer")
    elif qtype is QType.SINGLE and len(letters) != 1:
        r.bad("答案", f"单选题只能有一个答案，实际是 {letters}", "answer")
    elif qtype is QType.MULTIPLE and len(letters) < 2:
        r.bad("答案", f"多选题至少两个正确选项，实际是 {letters}", "answer")
    return options, "".join(sorted(letters))


def _blanks(answer: Any, stem: Any, r: _Report) -> Any:
    """A blank question's answer: one tuple of accepted texts per blank of the stem."""
    items = answer if isinstance(answer, list) else [answer]
    blanks = [_parse_blank(v) for v in items]
    if not items or any(x is None for x in blanks):
        r.bad("答案", "填空题答案应为列表，每空一项（文本，或可接受答案的列表）", "answer")
        return answer
    if isinstance(stem, str):
        marks = sum(stem.count(m) for m in BLANK_MARKS)
        if marks != len(blanks):
            r.bad("空位", f"题干有 {marks} 个空（（　）或 ____），答案有 {len(blanks)} 项", "stem")
    return tuple(blanks)


def _answer(raw: dict, qtype: QType | None, stem: Any, r: _Report) -> tuple[tuple[str, ...], Any]:
    answer: Any = raw.get("answer")
    if qtype in (QType.SINGLE, QType.MULTIPLE):
        return _choice(raw, qtype, r)
    if qtype is QType.JUDGE and answer is not None and not isinstance(answer, bool):
        r.bad("答案", f"判断题答案应为 true 或 false，实际是 {answer!r}", "answer")
    elif qtype is QType.BLANK and answer is not None:
        answer = _blanks(answer, stem, r)
    return (), answer


def _pairing(raw: dict, qtype: QType | None, r: _Report) -> tuple[bool, str | None]:
    """order_free (blank questions whose blanks are items of one list) and group (questions never
    drawn together), docs/命题规范.md 四、五."""
    order_free = raw.get("order_free", False)
    if not isinstance(order_free, bool):
        r.bad("格式", f"order_free 应为 true 或 false，实际是 {order_free!r}", "order_free")
        order_free = False
    elif order_free and qtype is not None and qtype is not QType.BLANK:
        r.bad("格式", "order_free 只用于填空题（各空顺序无关）", "order_free")
    group = raw.get("group")
    if group is not None and (isinstance(group, bool) or not isinstance(group, str | int) or not str(group).strip()):
        r.bad("格式", f"group 应为组名（文本），实际是 {group!r}", "group")
        group = None
    return order_free, str(group).strip() if group is not None else None


def _check_characters(texts: list[tuple[str, Any]], r: _Report) -> None:
    for key, value in texts:
        bad_char = unprintable(value) if isinstance(value, str) else None
        if bad_char:
            r.bad("控制字符", f"{key} 中有不可见的控制字符 {bad_char}（常见于从 Word 粘贴的文字），"
                  "Word、Excel 和 Moodle 文件都无法保存，请删去", key)
            return


def parse_question(raw: Any, index: int, file: Path, text: str,
                   root: tuple[str, ...] = ()) -> tuple[Question | Unbuilt, list[Problem]]:
    """Build one Question, or report every shape problem it has (and keep what was readable)."""
    if not isinstance(raw, dict):
        return Unbuilt(index, None, None, ()), [
            _problem(file, text, index, None, "格式", "每道题应为映射（含 id、type、stem、answer 等字段）", root=root)]
    qid = raw.get("id")
    r = _Report(file, text, index, str(qid) if isinstance(qid, str | int) else None, root)
    _check_id(raw, r)
    _check_fields(raw, r)
    qtype = _qtype(raw, r)
    stem, explanation, difficulty, tags, quote = _texts(raw, r)
    basis = _basis(raw, r)
    options, answer = _answer(raw, qtype, stem, r)
    order_free, group = _pairing(raw, qtype, r)
    texts = [("stem", stem), ("explanation", explanation), ("quote", quote), *(("options", o) for o in options),
             *(("tags", t) for t in tags), ("group", group)]
    if isinstance(answer, tuple):  # blanks
        texts += [("answer", alt) for blank in answer for alt in blank]
    _check_characters(texts, r)
    if r.probs or qtype is None or basis is None:
        if not options and isinstance(raw.get("options"), list):
            options = tuple(str(o).strip() for o in raw["options"] if isinstance(o, str | int | float))
        return Unbuilt(index, r.qid, basis, options), r.probs + r.notes
    return Question(qid.strip(), qtype, stem.strip(), answer, basis, explanation.strip(), difficulty,
                    tuple(tags), options, quote, index, order_free, group), r.notes


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
