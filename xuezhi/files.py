"""Where the shipped data files are: inside the installed package, or data/ in a checkout.

The wheel carries data/ as xuezhi/data (see pyproject.toml). A plain path beside this
module is enough for that and avoids importing importlib.resources (and zipfile) at start-up.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_file(name: str) -> Path:
    packaged = _PACKAGE / "data" / name
    if packaged.is_file():
        return packaged
    return _PACKAGE.parent / "data" / name


def resolve_data_path(name: str, env_var: str, path: Path | str | None = None) -> Path:
    """The file to load: an explicit path wins, then the environment variable, then the shipped file."""
    if path:
        return Path(path)
    env = os.environ.get(env_var)
    return Path(env) if env else data_file(name)
