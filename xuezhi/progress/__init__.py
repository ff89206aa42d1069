"""The learner's record: the SQLite schema and migrations (schema), connecting, checking and
recovering the file (db), the queries (store), export/import (interchange), spaced review and
the daily set (review), statistics (stats). The only package that writes SQL."""
