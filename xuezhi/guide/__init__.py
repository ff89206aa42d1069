"""讲条例、用条例: the deadline table and calculator, the handling flow, the teaching points, and the
handout and slides built from them. Plain modules; every curated word is checked against the text."""
