"""The Typer app: the root group, the command registry (COMMANDS), and the console-script entry point.

How a command is registered is described in xuezhi/cli/__init__.py.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterator, Mapping
from typing import Annotated, Any

import typer
import typer.core
import typer.main

from xuezhi import __version__
from xuezhi.cli import zh
from xuezhi.cli.boundary import Boundary, markup_mode, run_guarded

zh.install()

COMMANDS: dict[str, str] = {
    # command name → the module of xuezhi.cli that defines it, in the order `xuezhi --help` lists them
    "toc": "reading",
    "show": "reading",
    "principles": "reading",
    "info": "reading",
    "search": "search",
    "deadlines": "guide",
    "flow": "guide",
    "compare": "compare",
    "validate": "bank",
    "quiz": "quiz",
    "recite": "recite",
    "cloze": "cloze",
    "review": "study",
    "daily": "study",
    "stats": "study",
    "history": "study",
    "export": "export",
    "progress": "progress",
}


def load_command(name: str) -> Any:
    """The click command `name`, built from the `app` of its module in COMMANDS.

    Only the invoked command is imported and built: typer turns a command's signature into
    click parameters (evaluating all its annotations) at about 2 ms a command, and every run is
    one process. A module whose `app` is itself named `name` is a command group (progress)."""
    module = importlib.import_module(f"xuezhi.cli.{COMMANDS[name]}")
    sub: typer.Typer = module.app
    if sub.info.name == name:
        return typer.main.get_group(sub)
    for info in sub.registered_commands:
        if (info.name or typer.main.get_command_name(info.callback.__name__)) == name:  # type: ignore[union-attr]
            return typer.main.get_command_from_info(info, pretty_exceptions_short=False,
                                                    rich_markup_mode=markup_mode())
    raise LookupError(f"xuezhi.cli.{COMMANDS[name]} does not define the command {name!r}")


class _LazyCommands(Mapping):
    """TyperGroup.commands, filled on first access of each name (click's lazy-loading pattern:
    https://click.palletsprojects.com/en/stable/complex/#lazily-loading-subcommands). The keys
    are known without importing anything, so "did you mean" suggestions still see them all."""

    def __init__(self) -> None:
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in COMMANDS:
            raise KeyError(name)
        if name not in self._built:
            self._built[name] = load_command(name)
        return self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


class _Root(Boundary):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.commands = _LazyCommands()  # type: ignore[assignment]


app = typer.Typer(
    name="xuezhi",
    cls=_Root,
    help="学知：《信访工作条例》学习、检索与自测工具。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Piped or NO_COLOR: click's plain help, without Rich's boxes.
    rich_markup_mode=markup_mode(),
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"xuezhi {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                          help="显示版本号并退出。")] = False,
) -> None:
    """学知：《信访工作条例》学习、检索与自测工具。"""


def main() -> None:
    """Console-script entry point."""
    # A Windows console or pipe in a legacy code page (GBK) cannot encode every character
    # (e.g. the en dash of 1–50); print a replacement instead of failing mid-output.
    for stream in (sys.stdout, sys.stderr, sys.stdin):  # stdin: bytes of another encoding become �
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    if not os.environ.get("XUEZHI_DEBUG"):
        # "Exception ignored in: <ZipFile.__del__> Traceback …" after a handled failure (a full
        # disk during an export) is noise to a user: the Chinese message has been printed.
        sys.unraisablehook = lambda _unraisable: None
    run_guarded(lambda: app(prog_name="xuezhi"))
