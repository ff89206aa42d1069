"""Reading YAML data files safely, and pointing at the line where a field went wrong.

Loading uses the C safe loader when PyYAML has it; the slower node walk that finds line
numbers only runs once something is already wrong. Aliases (*a) may add at most ALIAS_BUDGET
nodes: nine nested levels of them, a few hundred bytes, expand to a billion strings (minutes,
gigabytes, a MemoryError). A key written twice in one mapping is refused (PyYAML silently keeps
the last `answer:`). Parsed documents are cached as JSON,
keyed by the file's content hash: importing PyYAML and parsing the 180 KB question bank
costs about 0.1 s, reading the JSON copy a few milliseconds, and every command pays it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from xuezhi.errors import DataFileError
from xuezhi.files import checksum, read_text, write_text_atomic

CACHE_VERSION = "3"  # 2: entries carry the digest of their source; 3: no expanded alias bombs

Path_ = Sequence[str | int]
T = TypeVar("T")


_LOADER: Any = None


def _loader() -> Any:
    """The C safe loader (or the Python one) that refuses duplicate keys and names the line of a
    value it cannot build (2022-02-30, a 5000-digit integer) instead of raising a bare ValueError."""
    global _LOADER
    if _LOADER is None:
        import yaml
        from yaml.constructor import ConstructorError

        base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

        class Loader(base):  # type: ignore[misc, valid-type]
            def construct_object(self, node: Any, deep: bool = False) -> Any:
                try:
                    return super().construct_object(node, deep)
                except (ValueError, OverflowError, TypeError):
                    raise ConstructorError(None, None, "unreadable value", node.start_mark) from None

            def construct_mapping(self, node: Any, deep: bool = False) -> Any:
                if isinstance(node, yaml.MappingNode):
                    seen: dict[Any, int] = {}
                    for key_node, _value in node.value:
                        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
                            continue
                        key = self.construct_object(key_node)
                        if key in seen:
                            raise DuplicateKey(key, seen[key], key_node.start_mark)
                        seen[key] = key_node.start_mark.line + 1
                return super().construct_mapping(node, deep)

        class DuplicateKey(ConstructorError):
            def __init__(self, key: Any, first: int, mark: Any) -> None:
                super().__init__(None, None, "duplicate key", mark)
                self.key, self.first = key, first

        _LOADER = Loader
    return _LOADER


def cache_dir() -> Path:
    """XUEZHI_HOME/cache when set (tests, portable installs), else the platform cache dir."""
    home = os.environ.get("XUEZHI_HOME")
    if home:
        return Path(home) / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("xuezhi", appauthor=False))


def _digest(text: str) -> str:
    """The cache key of a text; an entry is trusted on it (files.checksum)."""
    return checksum((CACHE_VERSION + text).encode("utf-8"))


def _cache_file(digest: str) -> Path:
    return cache_dir() / f"{digest}.json"


def _cached(digest: str) -> Any:
    """The parsed data, if the cache holds it for exactly the text of `digest`. An entry that is
    not what `_store` wrote (damaged, edited, copied over) is ignored, and rewritten after the parse."""
    try:
        entry = json.loads(_cache_file(digest).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if isinstance(entry, dict) and entry.get("source") == digest and "data" in entry:
        return entry["data"]
    return None


def _store(digest: str, data: Any) -> None:
    """Best effort: a read-only or full disk (or data nested too deep for JSON) means no cache next time."""
    try:
        blob = json.dumps({"source": digest, "data": data}, ensure_ascii=False)
        target = _cache_file(digest)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(target, blob)
    except (OSError, TypeError, ValueError, RecursionError):
        pass


def read_yaml(path: Path) -> tuple[Any, str]:
    """Parse `path`; any failure (missing, not UTF-8, bad syntax) becomes a DataFileError."""
    text = read_text(path)
    digest = _digest(text)  # hashed once: the cache file's name and its check
    data = _cached(digest)
    if data is not None:
        return data, text
    import yaml

    loader = _loader()(text)
    try:
        node = loader.get_single_node()
        expanded = _alias_budget(node, path) if "*" in text else False
        data = None if node is None else loader.construct_document(node)
    except RecursionError:
        raise DataFileError(str(path), "嵌套层数过深，不是题库或条文文件") from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        if e.context_mark and e.problem and e.problem.startswith(("did not find expected ','", "found unexpected end")):
            mark = e.context_mark  # the bracket or quote left open, not where the parser gave up
        line = mark.line + 1 if mark else None
        if e.problem == "duplicate key":
            raise DataFileError(str(path), f"键“{e.key}”写了两次（第 {e.first} 行和第 {line} 行），"  # type: ignore[attr-defined]
                                "只能保留一个", line=line) from None
        if e.problem == "unreadable value":
            raise DataFileError(str(path), "这里的值无法读取（日期不存在、数字位数太多等）", line=line) from None
        problem = yaml_problem(e.problem or e.context or "")
        raise DataFileError(str(path), f"YAML 语法错误：{problem}", line=line) from None
    except yaml.reader.ReaderError as e:  # a control character: PyYAML gives its offset (in bytes, from C)
        at = text.find(chr(e.character)) if isinstance(e.character, int) else -1
        line = text.count("\n", 0, at) + 1 if at >= 0 else None
        raise DataFileError(str(path), f"YAML 语法错误：有不可见的控制字符 U+{e.character:04X}"
                            "（常见于从 Word 粘贴的文字），请删去", line=line) from None
    except yaml.YAMLError as e:
        raise DataFileError(str(path), f"YAML 语法错误：{yaml_problem(str(e))}") from None
    finally:
        loader.dispose()
    if data is not None and not expanded:  # an expanded document is never cached (it can be huge)
        _store(digest, data)
    return data, text


ALIAS_BUDGET = 10_000  # nodes that aliases may add (yaml.dump writes &id001 for a list used twice)


def _alias_budget(root: Any, path: Path) -> bool:
    """Whether aliases repeat any node; raise if they would expand the document by more than
    ALIAS_BUDGET nodes or refer to themselves. Sizes are summed over the node graph (an alias is
    the same node object), so a billion-laughs file is measured without being expanded."""
    import yaml

    if root is None:
        return False
    size: dict[int, int] = {}
    open_: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if isinstance(node, yaml.MappingNode):
            kids = [n for pair in node.value for n in pair]
        else:
            kids = node.value if isinstance(node, yaml.SequenceNode) else []
        if children_done:
            open_.discard(key)
            size[key] = 1 + sum(size[id(k)] for k in kids)
            continue
        if key in size:
            continue
        open_.add(key)
        stack.append((node, True))
        for k in kids:
            if id(k) in open_:
                raise DataFileError(str(path), "YAML 别名引用了自身（无限嵌套）", line=k.start_mark.line + 1)
            if id(k) not in size:
                stack.append((k, False))
    added = size[id(root)] - len(size)
    if added > ALIAS_BUDGET:
        raise DataFileError(str(path), f"YAML 锚点（&）与别名（*）展开后过大（多出 {added:,} 项）；"
                            "题库和条文文件请把内容直接写出", line=root.start_mark.line + 1)
    return added > 0


# PyYAML's problems, in the words a trainer editing a bank in Notepad can act on.
_YAML_PROBLEMS = (
    ("tab character", "用了制表符 Tab 缩进，请改用空格"),
    ("cannot start any token", "这里有不能出现的字符（常见原因：用了制表符 Tab 缩进，请改用空格）"),
    ("mapping values are not allowed", "这里不能出现“键: 值”（常见原因：冒号后面缺空格，或缩进不对）"),
    ("did not find expected ',' or ']'", "方括号 [ ] 没有闭合，或列表项之间缺逗号"),
    ("did not find expected ',' or '}'", "花括号 { } 没有闭合，或项之间缺逗号"),
    ("did not find expected key", "缩进不对，或少了“键:”"),
    ("did not find expected '-' indicator", "列表缩进不对（每一项应以“- ”开头并对齐）"),
    ("could not find expected ':'", "缺少冒号“:”"),
    ("found unexpected end of stream", "文件在引号或括号闭合之前就结束了"),
    ("found unknown escape character", "双引号里有无效的转义（\\ 后面的字符不对）"),
    ("found duplicate anchor", "锚点名称重复"),
    ("found undefined alias", "引用了未定义的锚点"),
    ("expected a single document", "文件里有多个文档（多余的“---”）"),
    ("but found another document", "文件里有多个文档（多余的“---”）"),
    ("block sequence entries are not allowed", "这里不能开始列表（“- ”的缩进不对，或上一行缺少冒号）"),
)


def yaml_problem(problem: str) -> str:
    """A Chinese explanation of PyYAML's problem. Its English words are shown only with
    XUEZHI_DEBUG=1: users read Chinese, whoever debugs can search the original."""
    debug = f"（{problem}）" if os.environ.get("XUEZHI_DEBUG") else ""
    for needle, chinese in _YAML_PROBLEMS:
        if needle in problem:
            return chinese + debug
    return "格式不正确，请检查这一行附近的缩进、冒号“: ”、引号和括号" + debug


_composed: dict[str, Any] = {}  # text → node tree; one entry: validate asks for many lines of one file


def _compose(text: str) -> Any:
    """The YAML node tree of `text`, composed once however many problems a file has (composing
    per problem made a bank with a thousand bad questions take minutes)."""
    import yaml

    if text not in _composed:
        _composed.clear()
        try:
            _composed[text] = yaml.compose(text, Loader=_loader())
        except (yaml.YAMLError, RecursionError):
            _composed[text] = None
    return _composed[text]


def line_of(text: str, path: Path_) -> int | None:
    """1-based line of the node at `path` (keys and list indexes), or of its nearest parent."""
    import yaml

    node = _compose(text)
    if node is None:
        return None
    line = node.start_mark.line + 1 if node else None
    for step in path:
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            for key, value in node.value:
                if key.value == step:
                    node = value
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            return line
        line = node.start_mark.line + 1
    return line


def field_name(path: Path_) -> str:
    """Render a path the way a person reads it: chapters[2].articles[0].number."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out


class FieldCheck:
    """The one way a loader of a YAML document reports a field: file, line and field name."""

    def __init__(self, file: Path, text: str) -> None:
        self.file, self.text = file, text

    def fail(self, path: Path_, message: str) -> DataFileError:
        return DataFileError(str(self.file), message, line=line_of(self.text, path), field=field_name(path))


_parsed: dict[tuple, Any] = {}


def parsed_once(path: Path, parse: Callable[[Any, Path, str], T]) -> T:
    """`parse(raw, path, text)` of the file, once per process and file version: every command
    loads the corpus and the bank through here, however many functions ask for them."""
    key = (parse, *file_key(path))
    if key not in _parsed:
        raw, text = read_yaml(path)
        _parsed[key] = parse(raw, path, text)
    return _parsed[key]


def file_key(path: Path) -> tuple:
    """Identifies a file's current version for in-process caches: a file rewritten while the
    process runs (an editor, a test) is read again."""
    try:
        st = path.stat()
        return path.resolve(), st.st_mtime_ns, st.st_size
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop, which read_yaml then reports
        return path.absolute(), None, None
