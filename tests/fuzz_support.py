"""benchmarks/fuzz_cli.py as a module, for the tests that use its campaign or its English check."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

PATH = Path(__file__).resolve().parent.parent / "benchmarks" / "fuzz_cli.py"


def fuzz_cli():
    if "fuzz_cli" not in sys.modules:
        spec = importlib.util.spec_from_file_location("fuzz_cli", PATH)
        module = importlib.util.module_from_spec(spec)
        sys.modules["fuzz_cli"] = module  # dataclasses look their module up here
        spec.loader.exec_module(module)
    return sys.modules["fuzz_cli"]
