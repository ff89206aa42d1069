"""学原文: cloze cards generated from the corpus, recitation rounds, and the cards as review questions."""
