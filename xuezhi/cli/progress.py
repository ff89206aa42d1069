"""xuezhi progress: export, import (merge on another computer) and reset of the learning record."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from xuezhi.cli.boundary import Boundary, markup_mode
from xuezhi.cli.common import (
    open_store,
    ui_for,
    warn,
)
from xuezhi.errors import ExitCode, XuezhiError

app = typer.Typer(
    name="progress", cls=Boundary, help="学习记录：导出、导入（换电脑时合并）、清空。", no_args_is_help=True,
    add_completion=False, rich_markup_mode=markup_mode(),
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.command("export")
def progress_export(
    file: Annotated[Path, typer.Argument(help="导出到的 JSON 文件。", show_default=False, metavar="文件.json")],
    force: Annotated[bool, typer.Option("--force", "-f", help="文件已存在时覆盖。")] = False,
) -> None:
    """把全部学习记录导出为 JSON 文件（可在另一台电脑上导入）。"""
    from xuezhi.files import write_json_atomic
    from xuezhi.progress.db import reason
    from xuezhi.progress.interchange import empty_export, export_data

    if file.is_dir():  # `progress export .`: said "exists", and with --force "Device or resource busy"
        raise XuezhiError(f"{file} 是一个目录；请给出要导出到的文件名，如 {file / '学习记录.json'}。")
    if file.exists() and not force:
        raise XuezhiError(f"文件 {file} 已存在；如要覆盖，请加 --force。")
    if not file.parent.is_dir():
        raise XuezhiError(f"目录 {file.parent} 不存在。")
    store = open_store(save=False)
    data = empty_export() if store is None else export_data(store)
    try:
        write_json_atomic(file, data)
    except OSError as e:
        raise XuezhiError(f"无法写入 {file}：{reason(e)}", ExitCode.OS_ERROR) from None
    n = sum(len(s["answers"]) for s in data["sessions"])
    print(f"已导出 {len(data['sessions'])} 次答题、{n} 道次作答到 {file}。"
          f"在另一台电脑上运行 xuezhi progress import {file.name} 即可合并。")


@app.command("import")
def progress_import(
    file: Annotated[Path, typer.Argument(help="由 xuezhi progress export 导出的 JSON 文件。", show_default=False,
                                         metavar="文件.json")],
) -> None:
    """导入并合并学习记录：已有的作答不会重复计入，复习安排按合并后的记录重新计算。"""
    from xuezhi.progress.interchange import check_export, import_data, read_export
    from xuezhi.progress.review import replay
    from xuezhi.progress.store import Store

    data = read_export(file)
    check_export(data, str(file))  # a file that cannot be imported does not even open the store
    store = Store.open()
    for notice in store.notices:
        warn(notice)
    r = import_data(store, data, replay, source=str(file))
    msg = f"已导入 {file}：新增 {r['sessions_added']} 次答题、{r['answers_added']} 道次作答"
    if r["answers_skipped"]:
        msg += f"；另有 {r['answers_skipped']} 道次作答此前已有，已跳过"
    msg += "。"
    if r["questions_rescheduled"]:
        msg += f"已按合并后的记录重新安排 {r['questions_rescheduled']} 道题的复习。"
    print(msg)


@app.command("reset")
def progress_reset(
    yes: Annotated[bool, typer.Option("--yes", "-y", help="不再询问，直接清空（仍会先备份）。")] = False,
) -> None:
    """清空全部学习记录（会先备份为 JSON 文件，可用 progress import 恢复）。"""
    from xuezhi.files import write_json_atomic
    from xuezhi.progress.db import reason, store_path
    from xuezhi.progress.interchange import export_data
    from xuezhi.progress.store import Store
    from xuezhi.terminal.reader import is_yes, terminal_reader

    if not store_path().exists():
        print("还没有学习记录，无需清空。")
        return
    store = Store.open()
    for notice in store.notices:
        warn(notice)
    from xuezhi.clock import now

    backup = store.new_backup_path(now())  # XUEZHI_NOW fixes its name too
    n = store.answer_count()
    if not yes:
        ui = ui_for()
        reply = terminal_reader(ui)(f"确定要清空全部学习记录（{store.session_count()} 次答题、{n} 道次作答）吗？"
                                    f"清空前会先备份到 {backup}。[y/N] ")
        if not is_yes(reply):
            print("已取消，学习记录没有改动。")  # the user's answer, not a failure: exit 0
            return
    try:
        write_json_atomic(backup, export_data(store))
    except OSError as e:
        raise XuezhiError(f"备份失败（{reason(e)}），学习记录没有清空。", ExitCode.OS_ERROR) from None
    store.reset()
    # the path on a line of its own: long, and made to be copied
    print(f"已清空学习记录。备份文件：\n  {backup}\n需要时可运行以下命令恢复：\n  xuezhi progress import {backup}")
