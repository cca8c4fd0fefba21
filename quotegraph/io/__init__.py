"""Reading articles and writing results: every input becomes an `Article` or an `InputFailure`.

The file formats are documented in ``docs/data_format.md``.

- Readers: `iter_articles` / `read_articles` (txt, md, html, jsonl, csv, tsv,
  directories, ``-`` for stdin) yield `Article` or `InputFailure`.
- Writers and their readers: `write_quotes_jsonl` / `iter_quotes_jsonl` /
  `read_quotes_jsonl`, `write_quotes_csv` / `iter_quotes_csv` /
  `read_quotes_csv`, `quotes_to_rows` with `QUOTE_COLUMNS` (one flat schema for
  CSV and pandas), `write_articles_jsonl` / `iter_articles_jsonl` /
  `read_articles_jsonl`, `write_errors_jsonl` / `read_errors_jsonl`.
- `atomic_write`: the context manager every output file goes through.
"""

from __future__ import annotations

from quotegraph.io.atomic import atomic_write
from quotegraph.io.dates import normalise_date
from quotegraph.io.encoding import DEFAULT_ENCODING_FALLBACKS, decode_bytes
from quotegraph.io.failures import FailureLevel, InputFailure
from quotegraph.io.language import check_english
from quotegraph.io.paths import ARTICLE_SUFFIXES
from quotegraph.io.readers import STDIN, iter_articles, read_articles
from quotegraph.io.writers import (
    QUOTE_COLUMNS,
    TOPIC_SEPARATOR,
    PathOrStream,
    iter_articles_jsonl,
    iter_quotes_csv,
    iter_quotes_jsonl,
    quotes_to_rows,
    read_articles_jsonl,
    read_errors_jsonl,
    read_quotes_csv,
    read_quotes_jsonl,
    write_articles_jsonl,
    write_errors_jsonl,
    write_quotes_csv,
    write_quotes_jsonl,
)

__all__ = [
    "ARTICLE_SUFFIXES",
    "DEFAULT_ENCODING_FALLBACKS",
    "QUOTE_COLUMNS",
    "STDIN",
    "TOPIC_SEPARATOR",
    "FailureLevel",
    "InputFailure",
    "PathOrStream",
    "atomic_write",
    "check_english",
    "decode_bytes",
    "iter_articles",
    "iter_articles_jsonl",
    "iter_quotes_csv",
    "iter_quotes_jsonl",
    "normalise_date",
    "quotes_to_rows",
    "read_articles",
    "read_articles_jsonl",
    "read_errors_jsonl",
    "read_quotes_csv",
    "read_quotes_jsonl",
    "write_articles_jsonl",
    "write_errors_jsonl",
    "write_quotes_csv",
    "write_quotes_jsonl",
]
