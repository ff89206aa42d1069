"""Exports of a Paper: the formats, where their files go, and writing them safely.

Each format lives in its own module with `write(paper, variant, fh, part) -> warnings`;
the module (and the library it needs: python-docx, openpyxl, genanki) is imported only
when that format is asked for, so the rest of the CLI starts fast.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from xuezhi.errors import XuezhiError
from xuezhi.export.files import write_files
from xuezhi.quiz.paper import Paper, Variant

DEFAULT_STEM = "信访工作条例测试卷"
DEFAULT_BANK_STEM = "信访工作条例题库"
KEY_SUFFIX = "-答案"


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str
    label: str
    per_variant: bool = True  # one file per variant (A卷, B卷); False: one file holds every variant
    keyable: bool = False  # --key separate writes the answer key to its own file
    printed: bool = False  # a printed paper: takes a Layout (答题卡, 密封线)


@dataclass(frozen=True)
class Layout:
    """Options of a printed paper: a separate 答题卡 page, a 密封线 along the binding edge."""

    answer_sheet: bool = False
    seal: bool = False

    def __bool__(self) -> bool:
        return self.answer_sheet or self.seal


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("docx", ".docx", "Word 试卷，可直接打印", keyable=True, printed=True),
    Format("xlsx", ".xlsx", "Excel 表格，导入考试平台或保存题库"),
    Format("csv", ".csv", "CSV 表格（UTF-8 带 BOM），同 xlsx 列"),
    Format("txt", ".txt", "文本，粘贴到考试平台的文本导入"),
    Format("md", ".md", "Markdown，阅读或发布到内网", keyable=True),
    Format("json", ".json", "JSON，供脚本处理", per_variant=False),
    Format("gift", ".gift", "Moodle GIFT 格式"),
    Format("moodle", ".xml", "Moodle XML 格式"),
    Format("apkg", ".apkg", "Anki 卡组"),
)}
SUFFIXES = {f.suffix: f.name for f in FORMATS.values()} | {".markdown": "md", ".gift.txt": "gift"}


def format_names() -> str:
    return "、".join(FORMATS)


def resolve(fmt: str | None, output: Path | None, whole_bank: bool = False) -> tuple[Format, Path]:
    """The format (given, or from the output's extension; docx by default) and the output path.

    An output that is an existing directory gets the default file name inside it.
    """
    directory = Path()
    if output is not None and output.is_dir():
        directory, output = output, None
    if fmt:
        chosen = FORMATS.get(fmt.strip().lower().lstrip("."))
        if chosen is None:
            if fmt.strip().lower() == "xml":
                chosen = FORMATS["moodle"]
            else:
                raise XuezhiError(f"不支持的格式“{fmt}”：可选 {format_names()}。")
        if output is not None:  # -f docx -o 卷.xlsx: a Word file Excel would refuse to open
            name = output.name.lower()
            known = next((s for s in sorted(SUFFIXES, key=len, reverse=True) if name.endswith(s)), None)
            gift_as_text = chosen.name == "gift" and known == ".txt"  # Moodle takes GIFT in .txt files
            if known is not None and FORMATS[SUFFIXES[known]] is not chosen and not gift_as_text:
                raise XuezhiError(f"--format {chosen.name} 与文件扩展名“{known}”不一致：请把文件名改为 "
                                  f"{output.name[:-len(known)]}{chosen.suffix}，或去掉 --format 按扩展名导出。")
    elif output is not None:
        name = output.name.lower()
        key = next((s for s in sorted(SUFFIXES, key=len, reverse=True) if name.endswith(s)), None)
        if key is None:
            raise XuezhiError(f"无法从文件名“{output.name}”判断导出格式：请用 --format 指定（{format_names()}），"
                              "或使用 .docx、.xlsx、.csv、.txt、.md、.json、.gift、.xml、.apkg 等扩展名。")
        chosen = FORMATS[SUFFIXES[key]]
    else:
        chosen = FORMATS["docx"]
    if output is None:
        output = directory / f"{DEFAULT_BANK_STEM if whole_bank else DEFAULT_STEM}{chosen.suffix}"
    return chosen, output


@dataclass(frozen=True)
class Target:
    path: Path
    variant: Variant | None
    part: str = "all"  # "all", or "paper"/"key" with --key separate


def _with_suffix(path: Path, extra: str) -> Path:
    """卷.docx + '-A卷' → 卷-A卷.docx (the extension stays last)."""
    return path.with_name(f"{path.stem}{extra}{path.suffix}")


def plan(paper: Paper, fmt: Format, output: Path, key: str | None = None) -> list[Target]:
    variants: list[Variant | None] = list(paper.variants) if fmt.per_variant else [None]
    targets: list[Target] = []
    for v in variants:
        path = _with_suffix(output, f"-{v.label}") if v is not None and v.name else output
        if key == "separate" and fmt.keyable:
            assert v is not None
            targets += [Target(path, v, "paper"), Target(_with_suffix(path, KEY_SUFFIX), v, "key")]
        else:
            targets.append(Target(path, v))
    return targets


@dataclass
class ExportResult:
    format: Format
    targets: list[Target]
    warnings: list[str] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        return [t.path for t in self.targets]


def export(paper: Paper, fmt: Format, output: Path, *, force: bool = False, key: str | None = None,
           layout: Layout | None = None) -> ExportResult:
    """Write `paper` in `fmt`; every file is complete or not written at all."""
    if key not in (None, "end", "separate"):
        raise XuezhiError(f"--key 的值“{key}”无效：可选 end（答案附在试卷最后，另起一页）"
                          "或 separate（答案单独成文件）。")
    targets = plan(paper, fmt, output, key)
    module = importlib.import_module(f"{__name__}.{fmt.name}")
    extra = {"layout": layout} if layout and fmt.printed else {}
    jobs = [(t.path, partial(module.write, paper, t.variant, part=t.part, **extra)) for t in targets]
    warnings: list[str] = list(paper.warnings)
    if key and not fmt.keyable:
        warnings.append(f"--key 只对 docx、md 格式有效（{fmt.name} 格式已忽略）。")
    if layout and not fmt.printed:
        warnings.append(f"--answer-sheet、--seal 只对 docx 格式有效（{fmt.name} 格式已忽略）。")
    for w in write_files(jobs, force=force):
        warnings += [x for x in w if x not in warnings]
    return ExportResult(fmt, targets, warnings)
