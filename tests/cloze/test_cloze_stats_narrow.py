"""cloze stats in a narrow terminal: the chapter column is not squeezed to a character or two a line."""

from __future__ import annotations


def test_cloze_stats_at_60_columns_keeps_each_chapter_on_one_line(invoke):
    r = invoke("cloze", "stats", env={"COLUMNS": "60"})
    assert r.exit_code == 0, r.output
    rows = [line for line in r.stdout.splitlines() if line.startswith("第") and "章" in line[:4]]
    assert len(rows) == 6 and all(line.split()[1].isdigit() for line in rows), r.stdout


def test_cloze_stats_at_80_columns_names_the_chapters(invoke):
    r = invoke("cloze", "stats", env={"COLUMNS": "80"})
    assert "第三章 信访事项的提出和受理" in r.stdout, r.stdout
