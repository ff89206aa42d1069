"""The regulation itself: the corpus model and its loader, YAML reading, Chinese numerals,
article references and text normalisation. Pure: no terminal, no Rich."""
