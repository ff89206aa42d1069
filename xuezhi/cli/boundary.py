"""The error boundary: every command runs inside `Boundary.invoke`, which turns a domain error into
its exit code and one Chinese line on stderr."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import suppress
from typing import Any

import typer
import typer.core
from typer._click.exceptions import ClickException

from xuezhi.cli import zh
from xuezhi.errors import ExitCode, XuezhiError
from xuezhi.files import os_reason


class Boundary(typer.core.TyperGroup):
    """Turns core errors into one Chinese line on stderr and a named exit code."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            # `xuezhi` alone is a request for help, not a usage error (click exits 2 here)
            zh.rich_utils()
            text = ctx.get_help()  # the Rich layout prints itself and returns ""
            if text:
                print(text)
            ctx.exit(0)
        try:
            return super().parse_args(ctx, args)
        except (ClickException, typer.Abort):
            zh.rich_utils()  # typer reports it with its Rich layout: in Chinese
            raise

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (ClickException, typer.Abort):  # a subcommand's usage error, a declined prompt
            zh.rich_utils()  # typer reports it with its Rich layout: in Chinese
            raise
        except XuezhiError as e:
            if os.environ.get("XUEZHI_DEBUG"):
                raise
            print(f"错误：{e.message}", file=sys.stderr)
            raise typer.Exit(int(e.code)) from None
        except KeyboardInterrupt:
            if os.environ.get("XUEZHI_DEBUG"):
                raise
            print("\n已中断。", file=sys.stderr)
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except (typer.Exit, SystemExit):
            raise
        except BrokenPipeError:  # `xuezhi show 1-50 --json | head`: the reader has what it wanted (Rich
            # handles a broken pipe itself for its own output and exits 1)
            raise typer.Exit(int(ExitCode.OK)) from None
        except OSError as e:  # writing the output failed (a full disk behind `> file`, …)
            if os.environ.get("XUEZHI_DEBUG"):
                raise
            print(f"错误：读写失败：{os_reason(e)}。", file=sys.stderr)
            raise typer.Exit(int(ExitCode.OS_ERROR)) from None
        except Exception as e:
            if os.environ.get("XUEZHI_DEBUG") or type(e).__module__.startswith("typer"):
                raise
            if type(e).__module__ == "sqlite3":  # the store failed outside the answer recorder (import, reset)
                from xuezhi.progress.db import reason as db_reason

                print(f"错误：学习记录读写失败：{db_reason(e)}。", file=sys.stderr)
                raise typer.Exit(int(ExitCode.ERROR)) from None
            print(f"内部错误：{type(e).__name__}: {e}\n请设置环境变量 XUEZHI_DEBUG=1 重新运行，并把输出报告给维护者。",
                  file=sys.stderr)
            raise typer.Exit(int(ExitCode.INTERNAL)) from None


def run_guarded(run: Callable[[], Any]) -> None:
    """Run the app and flush its output inside the boundary: a write to stdout that fails
    (`xuezhi --version > /dev/full`, a full disk behind `> file`) is one Chinese line and exit
    code 3, never a traceback (--version and --help write before any command runs) nor
    Python's own exit code 120 (output still buffered when the interpreter exits)."""
    try:
        run()
        code = 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except OSError as e:
        code = _output_failed(e)
    try:
        sys.stdout.flush()
    except OSError as e:
        failed = _output_failed(e, quiet=code != 0)  # the command's own error has been printed
        code = code or failed
    sys.exit(code)


def _output_failed(e: OSError, quiet: bool = False) -> int:
    if os.environ.get("XUEZHI_DEBUG"):
        raise e
    with suppress(OSError, ValueError, AttributeError):  # Python flushes stdout again at exit: to nowhere
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    if isinstance(e, BrokenPipeError):  # `xuezhi show 1-50 | head`: the reader has what it wanted
        return int(ExitCode.OK)
    if not quiet:
        print(f"错误：无法输出结果：{os_reason(e)}。", file=sys.stderr)
    return int(ExitCode.OS_ERROR)


NARROW = 80  # columns below which Rich's boxed three-column help leaves the descriptions ~16 wide


def markup_mode() -> str | None:
    """Rich help on a terminal; click's plain help when piped or NO_COLOR (no boxes, no colour),
    and on a narrow terminal, where its two columns give the descriptions the room."""
    import shutil

    from xuezhi.terminal.console import wants_plain

    return None if wants_plain() or shutil.get_terminal_size().columns < NARROW else "rich"
