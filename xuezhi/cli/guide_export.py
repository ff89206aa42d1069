"""xuezhi export --handout / --deadlines: the 讲条例 handout (docx), its slides (pptx) and the deadline
table (docx, xlsx). Each writer, and the library it needs, is imported only here, when asked for."""

from __future__ import annotations

from pathlib import Path

from xuezhi.cli.common import bank_for, print_json, regulation, ui_for
from xuezhi.errors import XuezhiError

HANDOUT = {".docx": ("讲稿", "Word 讲稿"), ".pptx": ("讲条例", "PowerPoint 幻灯片")}
TABLE = {".docx": ("时限一览", "Word 时限一览表"), ".xlsx": ("时限一览", "Excel 时限一览表")}


def _target(output: Path | None, fmt: str | None, kinds: dict[str, tuple[str, str]], what: str) -> tuple[Path, str]:
    """The file to write and its suffix: from --format, the output's extension, or docx."""
    if fmt:
        suffix = "." + fmt.strip().lower().lstrip(".")
        if suffix not in kinds:
            raise XuezhiError(f"{what}只能导出为 {'、'.join(s[1:] for s in kinds)}，收到的是 --format {fmt}。")
    if output is not None and output.is_dir():
        output = output / f"{kinds['.docx'][0]}{suffix if fmt else '.docx'}"
    if output is None:
        suffix = suffix if fmt else ".docx"
        return Path(f"{kinds['.docx'][0]}{suffix}"), suffix
    if output.suffix.lower() not in kinds:
        names = "或 ".join(f"{output.stem or kinds['.docx'][0]}{s}" for s in kinds)
        raise XuezhiError(f"{what}只能导出为 {'、'.join(s[1:] for s in kinds)} 文件，请把文件名写成 {names}。")
    if fmt and output.suffix.lower() != suffix:
        raise XuezhiError(f"--format {fmt} 与文件扩展名“{output.suffix}”不一致。")
    return output, output.suffix.lower()


def export_guide(output: Path | None, fmt: str | None, *, handout: bool, deadlines: bool, chapters: list[str] | None,
                 title: str | None, unit: str | None, bank: Path | None, corpus: Path | None, force: bool,
                 as_json: bool) -> None:
    from xuezhi.export.files import write_files

    if handout and deadlines:
        raise XuezhiError("--handout 和 --deadlines 一次只能用一个：讲稿里已经含有各章的时限表。")
    reg = regulation(corpus)
    from xuezhi.cli.guide import _fits

    _fits(reg)
    if deadlines:
        path, suffix = _target(output, fmt, TABLE, "时限一览表")
        from xuezhi.guide.deadlines import load_table

        rows = list(load_table(reg).rows)
        if suffix == ".docx":
            from xuezhi.guide.word import write_deadline_table as write
        else:
            from xuezhi.guide.deadline_xlsx import write
        write_files([(path, lambda fh: write(rows, fh, reg.title))], force=force)
        _done(path, TABLE[suffix][1], f"{len(rows)} 项时限和人数", as_json, {"rows": len(rows)})
        return
    path, suffix = _target(output, fmt, HANDOUT, "讲稿")
    from xuezhi.clock import now
    from xuezhi.guide.handout import build
    from xuezhi.text.refs import parse_chapter_number

    parts = [c for value in chapters or [] for c in value.replace("，", ",").replace("、", ",").split(",") if c.strip()]
    numbers = sorted({parse_chapter_number(c, [ch.number for ch in reg.chapters]) for c in parts})
    h = build(reg, bank_for(bank, reg), numbers or None, unit=unit, title=title, day=now().date())
    if suffix == ".docx":
        from xuezhi.guide.handout_docx import write as write_handout
    else:
        from xuezhi.guide.slides import write as write_handout
    write_files([(path, lambda fh: write_handout(h, fh))], force=force)
    articles = sum(len(c.articles) for c in h.chapters)
    questions = sum(len(s.questions) for c in h.chapters for s in c.articles)
    detail = f"{h.scope}，{len(h.chapters)} 章 {articles} 条，典型题 {questions} 道"
    if suffix == ".pptx":
        from pptx import Presentation

        slides = len(Presentation(str(path)).slides)
        detail += f"，{slides} 张幻灯片"
    _done(path, HANDOUT[suffix][1], detail, as_json,
          {"chapters": [c.chapter.number for c in h.chapters], "articles": articles, "questions": questions,
           "changes": h.changes_note is None})
    if h.changes_note and not as_json:
        ui_for().out.print(h.changes_note, style="dim")


def _done(path: Path, kind: str, detail: str, as_json: bool, extra: dict) -> None:
    if as_json:
        print_json({"file": str(path), "kind": kind} | extra)
        return
    ui = ui_for()
    ui.out.print(f"已导出（{kind}）：")
    ui.out.print(f"  {path}")
    ui.out.print(f"  {detail}", style="dim")
