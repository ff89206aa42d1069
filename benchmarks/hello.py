"""The floor of this stack: a minimal Typer app that prints one line with Rich.

`xuezhi show 20` and `xuezhi search …` are measured side by side with this
(see benchmarks/bench_search.py).
"""

import typer
from rich.console import Console

app = typer.Typer(add_completion=False)


@app.command()
def hello() -> None:
    Console().print("你好，学知")


if __name__ == "__main__":
    app()
