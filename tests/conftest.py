from __future__ import annotations

import pytest
from typer.testing import CliRunner


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path, monkeypatch):
    """No test reads or writes the real home directory or picks up the developer's settings."""
    home = tmp_path / "xuezhi-home"
    monkeypatch.setenv("XUEZHI_HOME", str(home))
    for var in ("XUEZHI_CORPUS", "XUEZHI_BANK", "XUEZHI_DEBUG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    yield


@pytest.fixture(scope="session")
def reg():
    """The shipped regulation (loaded once: tests only read it)."""
    from xuezhi.text.corpus import load_regulation

    return load_regulation()


@pytest.fixture(scope="session")
def bank():
    """The shipped question bank."""
    from xuezhi.bank.load import load_bank

    return load_bank()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def invoke(runner):
    """Run the CLI like a user would and return the result (stdout, stderr, exit_code)."""
    from xuezhi.cli.app import app
    from xuezhi.errors import ExitCode

    def _invoke(*args: str, input: str | None = None, env: dict | None = None):
        result = runner.invoke(app, list(args), input=input, env=env)
        # the boundary turned an unexpected exception into this line: that is a bug, not a behaviour
        assert "内部错误" not in result.output, result.output
        assert result.exit_code != ExitCode.INTERNAL, result.output
        return result

    return _invoke
