"""Every reader meets the malformed-files corpus (tests/malformed/): one Chinese line that names the
file (and the line, where the manifest gives one), a non-zero exit, nothing changed; the harmless
variations (BOM, CRLF, yaml.dump's &id001) are accepted."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "malformed"))
import make_files as malformed  # noqa: E402
from fuzz_support import fuzz_cli  # noqa: E402

english_words = fuzz_cli().english_words

# Each reader and the commands that use it; {} is the file.
READERS = {
    "bank": [("validate", "{}"), ("quiz", "--bank", "{}", "-n", "1"), ("export", "--bank", "{}", "--all", "-o",
                                                                        "out.xlsx"), ("stats", "--bank", "{}")],
    "corpus": [("show", "20", "--corpus", "{}"), ("search", "走访", "--corpus", "{}"), ("validate", "--corpus", "{}"),
               ("toc", "--corpus", "{}")],
    "import": [("progress", "import", "{}")],
}
ENTRIES = malformed.load_manifest()


def _state(folder: Path) -> dict[str, bytes]:
    """The files a failed command must leave as they were: their bytes, but the store by its
    content (SQLite moves pages from the -wal file into the main file whenever it likes) and
    without the YAML cache."""
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if not p.is_file() or "cache" in rel.parts or p.name.endswith(("-wal", "-shm")):
            continue
        if p.name == "progress.db":
            with sqlite3.connect(p) as conn:
                out[str(rel)] = "\n".join(conn.iterdump()).encode()
            conn.close()
        else:
            out[str(rel)] = p.read_bytes()
    return out


@pytest.fixture
def place(tmp_path, monkeypatch, invoke):
    """A working folder and a home that already holds one answer (an import must not touch it)."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    seed = malformed.materialize({"file": "import-bom.json"}, tmp_path)
    assert invoke("progress", "import", str(seed)).exit_code == 0
    return work


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_every_reader_meets_the_corpus(entry, place, invoke, tmp_path):
    home = tmp_path / "xuezhi-home"
    target = malformed.materialize(entry, place)
    commands = READERS[entry["reader"]]
    given = (malformed.FILES / entry["file"]).read_text("utf-8", "replace") if "make" not in entry else ""
    if entry["expect"] == "ok":
        r = invoke(*(a.replace("{}", str(target)) for a in commands[0]))
        assert r.exit_code == 0, r.output
        return
    for command in commands:
        before = _state(place), _state(home)
        r = invoke(*(a.replace("{}", str(target)) for a in command))
        out = (r.stdout + r.stderr).strip()
        assert r.exit_code not in (0, None), (command, out)
        lines = out.splitlines()
        if command[0] == "validate" and entry["reader"] == "bank":  # a report: every problem, then a summary
            assert any(str(target) in line for line in lines), (command, out)
        else:
            assert len(lines) == 1 and lines[0].startswith("错误："), (command, out)
            assert str(target) in lines[0], (command, out)
        for n in entry.get("lines", []):
            assert f"第 {n} 行" in out, (command, n, out)
        assert not english_words(out, str(target) + str(tmp_path) + given), (command, out)  # its words are the user's
        assert (_state(place), _state(home)) == before, (command, "changed something")
