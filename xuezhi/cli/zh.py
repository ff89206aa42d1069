"""Chinese for the parts of the command line that Typer writes itself.

Typer (and the click it vendors) print help headings and usage errors in English. Users of
this tool read Chinese, so this module swaps those strings: click's at CLI start-up (`install`),
typer's Rich layout when help or an error is about to be shown (`rich_utils`). It touches
typer's internals; tests/cli/test_cli_zh.py fails loudly if a typer upgrade moves them.
"""

from __future__ import annotations

import os
import re
import sys
from functools import cache
from types import ModuleType
from typing import Any

import typer
import typer.core
from typer._click import core as _core
from typer._click import decorators as _decorators
from typer._click import exceptions as _exceptions
from typer._click import formatting as _formatting
from typer._click import types as _types

from xuezhi.errors import shown

# A parameter as click names it: '--count' / '-n', or an argument's metavar such as '[编号]'.
_P = r"'\[?([^'\]]+)\]?'(?: / '[^']+')*"
# A value as click quotes it, with repr(): '5' but "5'" (a value with an apostrophe).
_Q = r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    """Compiled on the first usage error, not at every start."""
    return [
        (re.compile(r"^No such option: (\S+?)(?:\s+Did you mean (.+?)\?|\s+\(Possible options: (.+?)\))?$", re.S),
         "no_option"),
        (re.compile(rf"^No such command {_Q}\.?(?:\s*Did you mean (.+?)\?)?$", re.S), "no_command"),
        (re.compile(r"^Missing argument '(.+?)'\.?$"), "缺少参数 {0}。"),
        (re.compile(r"^Missing option '(.+?)'\.?$"), "缺少选项 {0}。"),
        (re.compile(r"^Missing command\.?$"), "缺少子命令。"),
        (re.compile(r"^Option '(.+?)' requires an argument\.?$"), "选项 {0} 需要一个值。"),
        (re.compile(r"^Option '(.+?)' does not take a value\.?$"), "选项 {0} 不接受值。"),
        (re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((.*)\)$", re.S), "extra"),
        (re.compile(rf"^Invalid value for {_P}: {_Q} is not a valid (?:int(?:eger)?(?: range)?|整数)\.?$", re.S),
         "{0} 的值“{1}”不是整数。"),
        (re.compile(rf"^Invalid value for {_P}: {_Q} is not a valid (?:float(?: range)?|数字)\.?$", re.S),
         "{0} 的值“{1}”不是数字。"),
        (re.compile(rf"^Invalid value for {_P}: {_Q} is not a valid bool(?:ean)?\.?$", re.S),
         "{0} 的值“{1}”不是是/否。"),
        (re.compile(rf"^Invalid value for {_P}: (.+?) is not in the range (.+?)\.?$", re.S),
         "{0} 的值 {1} 超出允许范围（{2}）。"),
        (re.compile(rf"^Invalid value for {_P}: {_Q} is not one of (.+?)\.?$", re.S),
         "{0} 的值“{1}”无效，可选：{2}。"),
        (re.compile(rf"^Invalid value for {_P}: (?:File|Path|Directory|文件|路径|目录) {_Q} does not exist\.?$", re.S),
         "{0}：文件“{1}”不存在。"),
        (re.compile(rf"^Invalid value for {_P}: (?:File|Path|Directory|文件|路径|目录) {_Q} is not readable\.?$", re.S),
         "{0}：没有权限读取“{1}”。"),
        (re.compile(rf"^Invalid value for {_P}: (?:File|Path|Directory|文件|路径|目录) {_Q} is not writable\.?$", re.S),
         "{0}：没有权限写入“{1}”。"),
        (re.compile(rf"^Invalid value for {_P}: (?:File|Path|Directory|文件|路径|目录) {_Q} is a directory\.?$", re.S),
         "{0}：“{1}”是一个目录，不是文件。"),
        (re.compile(rf"^Invalid value for {_P}: (?:File|Path|Directory|文件|路径|目录) {_Q} is a file\.?$", re.S),
         "{0}：“{1}”是一个文件，不是目录。"),
        (re.compile(rf"^Invalid value for {_P}: (.+)$", re.S), "unknown_value"),
    ]


def _value(group: str | None) -> str | None:
    """A value click quoted with repr(), as the user typed it (control characters made visible)."""
    if group and len(group) > 1 and group[0] == group[-1] and group[0] in "'\"":
        import ast

        try:
            return shown(ast.literal_eval(group), most=40)
        except (ValueError, SyntaxError):
            return group[1:-1]
    return group


def _range_text(text: str) -> str:
    """click's 1<=x<=1000 and x>=1 in words: 1–1000, 不小于 1."""
    if m := re.fullmatch(r"(-?[\d.]+)<=x<=(-?[\d.]+)", text):
        return f"{m.group(1)}–{m.group(2)}"
    if m := re.fullmatch(r"x([<>])=(-?[\d.]+)", text):
        return ("不小于 " if m.group(1) == ">" else "不大于 ") + m.group(2)
    return text


def translate(message: str) -> str:
    """Turn one of click's English usage messages into Chinese. One it does not know becomes a
    Chinese sentence too (click's English is shown only with XUEZHI_DEBUG=1)."""
    message = message.strip()
    debug = f"（{message}）" if os.environ.get("XUEZHI_DEBUG") else ""
    for pattern, template in _patterns():
        m = pattern.match(message)
        if not m:
            continue
        if template == "extra":
            extra = m.group(1)
            return f"多余的参数：{shown(extra, most=40)}。" if extra.strip() else "多余的参数：一个空的参数（“”）。"
        if template == "unknown_value":  # our own callbacks' messages are Chinese already
            if not re.search(r"[A-Za-z]{3}", m.group(2)):
                return f"{m.group(1)} 的值无效：{m.group(2)}。"
            return f"{m.group(1)} 的值无效{debug}，请对照下面的用法检查。"
        if template == "no_option":
            maybe = m.group(2) or m.group(3)
            hint = f"（是否想用 {maybe}？）" if maybe else ""
            return f"没有选项 {m.group(1)}{hint}。"
        if template == "no_command":
            hint = f"（是否想用 {m.group(2)}？）" if m.group(2) else ""
            return f"没有命令“{_value(m.group(1))}”{hint}。"
        return template.format(*(_range_text(shown(_value(g), most=40)) if g else g for g in m.groups()))
    if re.search(r"[A-Za-z]{3}", message):
        return f"命令行有误{debug}，请对照下面的用法检查。"
    return message


def _format_error(exc: Any) -> None:
    """Usage errors as three plain Chinese lines on stderr: what is wrong, usage, where help is."""
    ctx = getattr(exc, "ctx", None)
    lines = [f"错误：{translate(exc.format_message())}"]
    if ctx is not None:
        lines.append(ctx.get_usage())
        lines.append(f"运行“{ctx.command_path} --help”查看帮助。")
    print("\n".join(lines), file=sys.stderr)


def _help_option(param_decls: list[str]):
    def show_help(ctx: Any, param: Any, value: bool) -> None:
        if value and not ctx.resilient_parsing:
            rich_utils()
            typer.echo(ctx.get_help(), color=ctx.color)
            ctx.exit()

    return _decorators.option(param_decls, is_flag=True, expose_value=False, is_eager=True,
                              help="显示本帮助并退出。", callback=show_help, required=False)


_CORE_STRINGS = {
    "Aborted!": "已中止。", "Options": "选项", "Arguments": "参数", "Commands": "命令",
    "default: {default}": "默认：{default}", "required": "必填", "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
}

_orig_write_usage = _formatting.HelpFormatter.write_usage


def _write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
    _orig_write_usage(self, prog, args.replace("[OPTIONS]", "[选项]").replace("COMMAND [ARGS]...", "命令 [参数]..."),
                      prefix="用法：" if prefix is None else prefix)


def rich_utils() -> ModuleType:
    """typer.rich_utils with the Chinese strings, imported when help or an error is shown.

    typer imports it (and with it rich.markdown, about 0.1 s) only to print help or an error,
    so it is patched there and then, not at start-up: `--help` calls this from the help option,
    a usage error or an abort from `Boundary` before typer reports it."""
    import typer.rich_utils as ru

    if getattr(ru, "_xuezhi", False):
        return ru
    ru._xuezhi = True  # type: ignore[attr-defined]
    ru.ARGUMENTS_PANEL_TITLE = "参数"
    ru.OPTIONS_PANEL_TITLE = "选项"
    ru.COMMANDS_PANEL_TITLE = "命令"
    ru.ERRORS_PANEL_TITLE = "错误"
    ru.ABORTED_TEXT = "已中止。"
    ru.DEFAULT_STRING = "[默认：{}]"
    ru.ENVVAR_STRING = "[环境变量：{}]"
    ru.REQUIRED_LONG_STRING = "[必填]"
    ru.DEPRECATED_STRING = "（已弃用）"
    ru.rich_format_error = _format_error
    ru.OptionHighlighter.highlights = [*ru.OptionHighlighter.highlights, r"(?P<usage>用法：)"]
    # Help columns truncate a Chinese sentence with "…" (Rich sees one long word); break it instead.
    from xuezhi.terminal.linebreak import install as chinese_line_breaking

    chinese_line_breaking()
    return ru


_PATH_NAMES = {"file": "文件", "directory": "目录", "path": "路径"}


def _cells(text: str) -> int:
    """Columns a help text takes: a Chinese character is two (click counts one, and the
    descriptions after <整数>, <文本> sat two columns to the right of the others)."""
    from rich.cells import cell_len

    return cell_len(text)


def _wrap(text: str, width: int = 78, initial_indent: str = "", subsequent_indent: str = "",
          preserve_paragraphs: bool = False) -> str:
    """click's wrap_text by columns and with the Chinese line-breaking rules: click wraps by
    characters at spaces, so a Chinese description ran twice the width and the terminal broke it."""
    from itertools import pairwise

    from xuezhi.terminal.linebreak import divide_line

    out = []
    paragraphs = text.expandtabs().split("\n\n") if preserve_paragraphs else [text.expandtabs()]
    for para in paragraphs:
        lines = para.splitlines() or [""]
        if lines[0].strip() == "\b":  # click's mark for a block not to rewrap
            out.append("\n".join(subsequent_indent + line for line in lines[1:]))
            continue
        extra = " " * (len(lines[0]) - len(lines[0].lstrip()))
        first, rest = initial_indent + extra, subsequent_indent + extra
        joined = " ".join(line.strip() for line in lines)
        room = max(10, width - max(_cells(first), _cells(rest)))
        starts = [0, *divide_line(joined, room), len(joined)]
        pieces = [joined[a:b].rstrip() for a, b in pairwise(starts)]
        out.append("\n".join((first if i == 0 else rest) + piece for i, piece in enumerate(pieces)))
    return "\n\n".join(out)


def _short_help(text: str, max_length: int = 45) -> str:
    """A command's line in the list of commands: its first sentence, whole (the list wraps it).
    click cut at the last space that fit, so “每日一练：每天一组（默认 5...” and “flow ...”."""
    text = " ".join(text.split("\n\n")[0].split())
    end = text.find("。")
    return text if end < 0 else text[: end + 1]


def _plain_help_layout() -> None:
    """click's plain help (pipes, NO_COLOR) measured in columns and wrapped the Chinese way."""
    _formatting.term_len = _cells
    _formatting.wrap_text = _wrap
    _core.make_default_short_help = _short_help
    _formatting.HelpFormatter.write_heading = lambda self, heading: self.write(  # 选项：, not 选项:
        f"{'':>{self.current_indent}}{heading}：\n")
    describe = _types._NumberRangeBase._describe_range
    if not getattr(describe, "_xuezhi", False):
        def described(self: Any) -> str:  # [1<=x<=1000] → [1–1000], in help and in errors
            return _range_text(describe(self))

        described._xuezhi = True  # type: ignore[attr-defined]
        _types._NumberRangeBase._describe_range = described  # type: ignore[method-assign]


def _chinese_type_names() -> None:
    """Help shows an option's type as <str>, <int range>, <path>: name them in Chinese."""
    _types.StringParamType.name = "文本"
    _types.IntParamType.name = "整数"
    _types.IntRange.name = "整数"
    _types.FloatParamType.name = "数字"
    _types.FloatRange.name = "数字"
    import typer.models

    path_type = typer.models.TyperPath
    if getattr(path_type.__init__, "_xuezhi", False):
        return
    original = path_type.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.name = _PATH_NAMES.get(self.name, self.name)
        # Readability is for the command's own reader to judge: it names the file in one Chinese
        # line (click's check printed usage around it, and as root it passes anyway).
        self.readable = False

    init._xuezhi = True  # type: ignore[attr-defined]
    path_type.__init__ = init  # type: ignore[method-assign]


def install() -> None:
    """Apply the Chinese strings (idempotent)."""
    _chinese_type_names()
    _plain_help_layout()
    if "typer.rich_utils" in sys.modules:  # imported already (tests): patch it now
        rich_utils()
    _decorators.help_option = _help_option
    _formatting.HelpFormatter.write_usage = _write_usage
    typer.core._ = lambda s: _CORE_STRINGS.get(s, s)
    _exceptions.UsageError.show = lambda self, file=None: _format_error(self)
