"""新旧对照: two editions of a regulation aligned article by article and diffed character by character.

`curation` reads the curated alignment file (data/新旧对照.yaml), `normal` puts a text in the form
the comparison uses, `align` pairs the articles, `diff` finds and marks what changed, `report`
gives the documented --json, and `docx`/`xlsx` write the 对照表. Plain functions and dataclasses:
the terminal views are in xuezhi/terminal/compare_view.py.
"""
