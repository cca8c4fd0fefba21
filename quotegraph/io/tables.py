"""Many articles in one file: JSONL (one object a line) and CSV/TSV (one row each).

Both read lazily, row by row, and turn every row into an `ArticleDraft` or an
`InputFailure` carrying the row's line number, so one bad row never stops the
others. Columns: ``text`` (required), ``id`` or ``doc_id``, ``title``,
``source``, ``url``, ``date`` (and the aliases of `METADATA_KEYS`); other
columns, such as the ``quotes`` of a gold file, are ignored.
"""

from __future__ import annotations

import csv
import json
import sys
from typing import IO, Any, Iterable, Iterator, Mapping

from quotegraph.io.drafts import ArticleDraft, draft_of, metadata_from
from quotegraph.io.failures import InputFailure

__all__ = ["iter_jsonl_rows", "iter_csv_rows"]

Row = ArticleDraft | InputFailure


def iter_jsonl_rows(lines: Iterable[bytes | str], *, where: str, stem: str) -> Iterator[Row]:
    """One draft or failure per non-blank line of a JSONL stream.

    Parameters
    ----------
    lines : iterable of bytes or str
        The file's lines; bytes are decoded as UTF-8 line by line (JSON text is
        UTF-8 by definition), so one bad line does not spoil the rest.
    where : str
        The file name for messages and `ArticleDraft.where`.
    stem : str
        Base of the doc_id of rows without ``id``/``doc_id`` (``<stem>-<line>``).

    Examples
    --------
    >>> rows = list(iter_jsonl_rows(['{"id": "a", "text": "Hi."}', '{oops'], where="x.jsonl", stem="x"))
    >>> rows[0].doc_ids, rows[0].text
    (('a', 'x/a'), 'Hi.')
    >>> rows[1].message
    'x.jsonl:2: invalid JSON (Expecting property name enclosed in double quotes at column 2)'
    """
    seen_data = False
    for number, raw in enumerate(lines, start=1):
        line = _decode_line(raw, number, where)
        if isinstance(line, InputFailure):
            yield line
            continue
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputFailure(where, f"invalid JSON ({error.msg} at column {error.colno})", line=number)
            continue
        refusal = None if seen_data else _output_file_reason(data)
        if refusal is not None:
            yield InputFailure(where, refusal, line=number)
            return
        seen_data = True
        yield _draft(data, where=where, line=number, stem=stem)


def iter_csv_rows(stream: IO[str], *, where: str, stem: str, delimiter: str = ",") -> Iterator[Row]:
    """One draft or failure per data row of a CSV (or, with ``delimiter="\\t"``, TSV) stream.

    The first row is the header; names are matched case-insensitively. A file
    without a ``text`` column gives one failure (line 1) and nothing else. A row
    whose field count differs from the header's is reported, not guessed at.
    ``stream`` should be opened with ``newline=""``.

    >>> import io
    >>> rows = list(iter_csv_rows(io.StringIO('id,text\\nk,Yes he said.\\nbad\\n'), where='x.csv', stem='x'))
    >>> rows[0].text
    'Yes he said.'
    >>> rows[1].message
    'x.csv:3: row has 1 field, the header has 2'
    """
    _allow_long_fields()
    reader = csv.reader(stream, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as error:
        yield InputFailure(where, f"unreadable CSV header ({error})", line=1)
        return
    names = [name.strip().lower() for name in header]
    if "text" not in names:
        yield InputFailure(where, f"no 'text' column (columns: {', '.join(names) or 'none'})", line=1)
        return
    yield from _csv_body(reader, names, where, stem)


def _csv_body(reader: Any, names: list[str], where: str, stem: str) -> Iterator[Row]:
    previous = reader.line_num
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield InputFailure(where, f"malformed CSV row ({error})", line=previous + 1)
            previous = reader.line_num
            continue
        start, previous = previous + 1, reader.line_num
        if not any(field.strip() for field in fields):
            continue
        if len(fields) != len(names):
            plural = "" if len(fields) == 1 else "s"
            reason = f"row has {len(fields)} field{plural}, the header has {len(names)}"
            yield InputFailure(where, reason, line=start)
            continue
        yield _draft(dict(zip(names, fields)), where=where, line=start, stem=stem)


def _draft(data: Any, *, where: str, line: int, stem: str) -> Row:
    if not isinstance(data, Mapping):
        return InputFailure(where, f"row is a JSON {type(data).__name__}, not an object", line=line)
    text = data.get("text")
    if text is None:
        keys = ", ".join(sorted(str(k) for k in data)) or "none"
        return InputFailure(where, f"row has no 'text' field (fields: {keys})", line=line)
    if not isinstance(text, str):
        return InputFailure(where, f"'text' must be a string, not {type(text).__name__}", line=line)
    row_id = data.get("id") if data.get("id") not in (None, "") else data.get("doc_id")
    if isinstance(row_id, bool) or not isinstance(row_id, (str, int, type(None))):
        reason = f"'id' must be a string or an integer, not {type(row_id).__name__}"
        return InputFailure(where, reason, line=line)
    row_id = str(row_id).strip() if row_id is not None else ""
    ids = (row_id, f"{stem}/{row_id}") if row_id else (f"{stem}-{line}",)
    return draft_of(ids, text, where, metadata_from(data), line=line)


def _output_file_reason(data: Any) -> str | None:
    """Why a JSONL file is one of quotegraph's own outputs rather than articles, if it is."""
    if not isinstance(data, dict):
        return None
    if "quote_id" in data:
        return "a quotegraph quotes file (rows have 'quote_id'), not articles"
    if "schema_version" in data and "text" not in data:
        return "a quotegraph output file (rows have 'schema_version' but no 'text'), not articles"
    return None


def _decode_line(raw: bytes | str, number: int, where: str) -> str | InputFailure:
    if isinstance(raw, str):
        return raw.lstrip("\ufeff") if number == 1 else raw
    try:
        return raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as error:
        reason = f"not UTF-8 (byte 0x{raw[error.start]:02x} at column {error.start + 1})"
        return InputFailure(where, reason, line=number)


def _allow_long_fields() -> None:
    # The csv module refuses fields over 128 KiB by default; a long article is one field.
    limit = 2**31 - 1
    if csv.field_size_limit() < limit:
        csv.field_size_limit(min(limit, sys.maxsize))
