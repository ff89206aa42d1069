"""The thin Typer shell: parse arguments, call the domain, hand the result to a terminal view.

Registering a new command (say `xuezhi recite`):

1. Write a module here, e.g. xuezhi/cli/recite.py, with its own Typer instance named `app`
   and the command on it::

       import typer

       from xuezhi.cli.common import CorpusOpt, regulation, ui_for

       app = typer.Typer()


       @app.command()
       def recite(corpus: CorpusOpt = None) -> None:
           \"\"\"背诵：……（the first line is the help line shown by `xuezhi --help`）\"\"\"
           from xuezhi.text.recitation import ...   # domain and views imported inside the command
           ...

   A module may hold several commands (reading.py has toc, show, principles, info). A command
   group (`xuezhi progress export|import|reset`) is a module whose `app` is
   `typer.Typer(name="progress", cls=Boundary, ...)`; see progress.py.
2. Add one line per command to COMMANDS in xuezhi/cli/app.py: `"recite": "recite"` (command
   name → module name). Its position there is its position in `xuezhi --help`.
3. Test it through the `invoke` fixture (tests/conftest.py) like the other commands.

Nothing else: app.py imports and builds only the invoked command (click's lazy loading), so a
new command costs other commands no start-up time. Keep the module thin: parse and check the
arguments, call the domain, print through a view in xuezhi/terminal/. Raise XuezhiError (or a
subclass) with a Chinese message for anything the user can fix; boundary.py turns it into one
line on stderr and its exit code.
"""
