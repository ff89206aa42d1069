"""Everything drawn on a terminal with Rich: the console, Chinese line breaking, prompts, and the
views of articles, quizzes, search hits, progress and export summaries. Domain packages never
import this package."""
