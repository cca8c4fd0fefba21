"""Quotes, articles and failures to disk and back: JSONL (the default) and a flat CSV.

Files are written atomically (`atomic_write`): an interrupted run leaves the
previous output intact. ``-`` means stdout (written as it comes, not atomically).
Every JSONL line carries ``schema_version``; the formats are documented in
``docs/data_format.md``.

Examples
--------
>>> import tempfile, pathlib
>>> from quotegraph.model import Quote, QuoteKind, Speaker
>>> path = pathlib.Path(tempfile.mkdtemp()) / "quotes.jsonl"
>>> quote = Quote("a", "a-q0", '"No."', 0, 5, QuoteKind.DIRECT, Speaker("Kirby"))
>>> write_quotes_jsonl([quote], path)
1
>>> read_quotes_jsonl(path) == [quote]
True
>>> quotes_to_rows([quote])[0]["speaker_name"]
'Kirby'
"""

from __future__ import annotations

import csv
import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Mapping

from quotegraph.errors import InputFormatError, QuotegraphError
from quotegraph.io.atomic import atomic_write
from quotegraph.io.failures import InputFailure
from quotegraph.model import (
    SCHEMA_VERSION,
    Article,
    Quote,
    QuoteKind,
    Resolution,
    Speaker,
    SpeakerKind,
    TextSpan,
)

__all__ = [
    "QUOTE_COLUMNS",
    "TOPIC_SEPARATOR",
    "PathOrStream",
    "write_quotes_jsonl",
    "iter_quotes_jsonl",
    "read_quotes_jsonl",
    "write_quotes_csv",
    "iter_quotes_csv",
    "read_quotes_csv",
    "quotes_to_rows",
    "write_articles_jsonl",
    "iter_articles_jsonl",
    "read_articles_jsonl",
    "write_errors_jsonl",
    "read_errors_jsonl",
]

#: A file path, ``"-"`` for stdout/stdin, or an open text stream.
PathOrStream = str | Path | IO[str]

#: The flat quote schema shared by the CSV file and the API's pandas DataFrame.
QUOTE_COLUMNS: tuple[str, ...] = (
    "doc_id", "quote_id", "type", "text", "start", "end",
    "cue_text", "cue_start", "cue_end",
    "speaker_name", "speaker_kind", "speaker_entity_id", "speaker_role", "speaker_organisation",
    "speaker_resolution", "speaker_gender", "speaker_gender_evidence",
    "mention_text", "mention_start", "mention_end",
    "topics", "source", "date", "url", "title", "corrected",
    "reprint_id", "occurrences",
)  # fmt: skip
#: How the ``topics`` column joins a quote's topics.
TOPIC_SEPARATOR = "; "


def write_quotes_jsonl(
    quotes: Iterable[Quote], path_or_stream: PathOrStream, *, texts: Mapping[str, str] | None = None
) -> int:
    """Write one ``Quote.to_dict()`` per line, streaming; return how many were written.

    Parameters
    ----------
    quotes : iterable of Quote
        Consumed lazily: each quote is written as it comes.
    path_or_stream : str, Path or text stream
        A file (written atomically), ``"-"`` for stdout, or an open stream.
    texts : mapping of doc_id to article text, optional (default=None)
        When given, every quote whose article is in it is checked to slice that
        text exactly before it is written.

    Raises
    ------
    OffsetMismatchError
        When ``texts`` is given and a span does not slice its article; nothing
        is written to a file then (the previous file stays).
    QuotegraphError
        When a quote holds a value JSON cannot represent.
    """
    with _open_for_writing(path_or_stream) as handle:
        count = 0
        for quote in quotes:
            if texts is not None and quote.doc_id in texts:
                quote.check(texts[quote.doc_id])
            handle.write(_json_line(quote.to_dict(), f"{quote.doc_id}/{quote.quote_id}"))
            count += 1
    return count


def iter_quotes_jsonl(path_or_stream: PathOrStream) -> Iterator[Quote]:
    """Read quotes back lazily with `Quote.from_dict`.

    Raises
    ------
    InputFormatError
        Naming the file and line of the first line that is not a valid quote
        (bad JSON, missing field, unknown enum value, newer ``schema_version``).
    """
    for where, number, data in _iter_json_objects(path_or_stream):
        try:
            yield Quote.from_dict(data)
        except (KeyError, TypeError, ValueError) as error:
            raise InputFormatError(where, f"not a quote ({_describe(error)})", line=number) from None


def read_quotes_jsonl(path_or_stream: PathOrStream) -> list[Quote]:
    """All quotes of a JSONL file (see `iter_quotes_jsonl`)."""
    return list(iter_quotes_jsonl(path_or_stream))


def quotes_to_rows(quotes: Iterable[Quote]) -> list[dict[str, Any]]:
    """One flat dict per quote with the keys of `QUOTE_COLUMNS` (for CSV and pandas).

    Missing values are None; ``topics`` is joined with ``"; "``.
    """
    return [_quote_row(quote) for quote in quotes]


def write_quotes_csv(quotes: Iterable[Quote], path_or_stream: PathOrStream) -> int:
    """Write quotes as a flat CSV with the `QUOTE_COLUMNS` header; return the count.

    Notes
    -----
    CSV cannot tell None from an empty string: both are written as an empty
    cell and read back as None. Text is written as is (no spreadsheet-formula
    escaping), so offsets still slice the article.
    """
    with _open_for_writing(path_or_stream, newline="") as handle:
        # "\r\n" (RFC 4180) also makes the writer quote a field holding a lone "\r".
        writer = csv.DictWriter(handle, fieldnames=QUOTE_COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        count = 0
        for quote in quotes:
            writer.writerow(_quote_row(quote))
            count += 1
    return count


def iter_quotes_csv(path_or_stream: PathOrStream) -> Iterator[Quote]:
    """Read a quotes CSV back into quotes (entities, which the CSV lacks, are empty).

    Raises
    ------
    InputFormatError
        Naming the file and line of a row that is not a valid quote.
    """
    with _open_for_reading(path_or_stream, newline="") as (where, handle):
        reader = csv.DictReader(handle)
        columns = reader.fieldnames or []
        missing = [c for c in ("doc_id", "quote_id", "type", "text", "start", "end") if c not in columns]
        if missing:
            raise InputFormatError(where, f"not a quotes CSV (missing columns: {', '.join(missing)})", line=1)
        line = reader.line_num
        for row in reader:
            try:
                yield _row_quote(row)
            except (KeyError, TypeError, ValueError) as error:
                raise InputFormatError(where, f"not a quote ({_describe(error)})", line=line + 1) from None
            line = reader.line_num


def read_quotes_csv(path_or_stream: PathOrStream) -> list[Quote]:
    """All quotes of a CSV file (see `iter_quotes_csv`)."""
    return list(iter_quotes_csv(path_or_stream))


def write_articles_jsonl(articles: Iterable[Article], path_or_stream: PathOrStream) -> int:
    """Write one ``Article.to_dict()`` per line (plus ``schema_version``); return the count.

    The build saves the article texts beside the quotes so that views (the
    highlighted article pages, the graph) can be rebuilt from the output folder.
    The file is also a valid input of `iter_articles`.
    """
    with _open_for_writing(path_or_stream) as handle:
        count = 0
        for article in articles:
            row = {"schema_version": SCHEMA_VERSION, **article.to_dict()}
            handle.write(_json_line(row, article.doc_id))
            count += 1
    return count


def iter_articles_jsonl(path_or_stream: PathOrStream) -> Iterator[Article]:
    """Read articles written by `write_articles_jsonl` (strict: a bad line raises).

    Raises
    ------
    InputFormatError
        Naming the file and line of the first invalid line.
    """
    for where, number, data in _iter_json_objects(path_or_stream):
        try:
            yield Article.from_dict(data)
        except (KeyError, TypeError, ValueError) as error:
            raise InputFormatError(where, f"not an article ({_describe(error)})", line=number) from None


def read_articles_jsonl(path_or_stream: PathOrStream) -> list[Article]:
    """All articles of a JSONL file (see `iter_articles_jsonl`)."""
    return list(iter_articles_jsonl(path_or_stream))


def write_errors_jsonl(failures: Iterable[InputFailure], path_or_stream: PathOrStream) -> int:
    """Write one ``InputFailure.to_dict()`` per line (plus ``schema_version``); return the count."""
    with _open_for_writing(path_or_stream) as handle:
        count = 0
        for failure in failures:
            handle.write(_json_line({"schema_version": SCHEMA_VERSION, **failure.to_dict()}, failure.path))
            count += 1
    return count


def read_errors_jsonl(path_or_stream: PathOrStream) -> list[InputFailure]:
    """Failures written by `write_errors_jsonl`."""
    failures = []
    for where, number, data in _iter_json_objects(path_or_stream):
        try:
            failures.append(InputFailure.from_dict(data))
        except (KeyError, TypeError, ValueError) as error:
            raise InputFormatError(where, f"not a failure record ({_describe(error)})", line=number) from None
    return failures


def _quote_row(quote: Quote) -> dict[str, Any]:
    speaker, cue, mention = quote.speaker, quote.cue, quote.speaker.mention
    return {
        "doc_id": quote.doc_id, "quote_id": quote.quote_id, "type": quote.type.value,
        "text": quote.text, "start": quote.start, "end": quote.end,
        "cue_text": cue.text if cue else None,
        "cue_start": cue.start if cue else None,
        "cue_end": cue.end if cue else None,
        "speaker_name": speaker.name, "speaker_kind": speaker.kind.value,
        "speaker_entity_id": speaker.entity_id, "speaker_role": speaker.role,
        "speaker_organisation": speaker.organisation, "speaker_resolution": speaker.resolution.value,
        "speaker_gender": speaker.gender, "speaker_gender_evidence": speaker.gender_evidence,
        "mention_text": mention.text if mention else None,
        "mention_start": mention.start if mention else None,
        "mention_end": mention.end if mention else None,
        "topics": TOPIC_SEPARATOR.join(quote.topics),
        "source": quote.source, "date": quote.date, "url": quote.url, "title": quote.title,
        "corrected": TOPIC_SEPARATOR.join(quote.corrected),
        "reprint_id": quote.reprint_id, "occurrences": quote.occurrences,
    }  # fmt: skip


def _row_quote(row: Mapping[str, str | None]) -> Quote:
    value = {key: (cell if cell != "" else None) for key, cell in row.items() if key is not None}
    return Quote(
        doc_id=str(value["doc_id"]),
        quote_id=str(value["quote_id"]),
        text=row["text"] or "",
        start=int(str(value["start"])),
        end=int(str(value["end"])),
        type=QuoteKind(value["type"]),
        speaker=_row_speaker(value),
        cue=_row_span(value, "cue"),
        topics=tuple(t for t in (value.get("topics") or "").split(TOPIC_SEPARATOR) if t),
        source=value.get("source"),
        date=value.get("date"),
        url=value.get("url"),
        title=value.get("title"),
        corrected=tuple(c for c in (value.get("corrected") or "").split(TOPIC_SEPARATOR) if c),
        reprint_id=value.get("reprint_id"),
        occurrences=int(str(value["occurrences"])) if value.get("occurrences") else None,
    )


def _row_speaker(value: Mapping[str, str | None]) -> Speaker:
    return Speaker(
        name=value.get("speaker_name") or "unknown",
        mention=_row_span(value, "mention"),
        entity_id=value.get("speaker_entity_id"),
        kind=SpeakerKind(value.get("speaker_kind") or "unknown"),
        role=value.get("speaker_role"),
        organisation=value.get("speaker_organisation"),
        resolution=Resolution(value.get("speaker_resolution") or "unknown"),
        gender=value.get("speaker_gender"),
        gender_evidence=value.get("speaker_gender_evidence"),
    )


def _row_span(value: Mapping[str, str | None], prefix: str) -> TextSpan | None:
    start, end = value.get(f"{prefix}_start"), value.get(f"{prefix}_end")
    if start is None or end is None:
        return None
    return TextSpan(int(start), int(end), value.get(f"{prefix}_text") or "")


def _json_line(data: Mapping[str, Any], what: str) -> str:
    try:
        line = json.dumps(data, ensure_ascii=False, allow_nan=False)
    except ValueError as error:
        raise QuotegraphError(f"{what}: cannot be written as JSON ({error})") from None
    # U+2028/U+2029 are line breaks to JavaScript and to str.splitlines: escape them.
    return line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n"


def _iter_json_objects(path_or_stream: PathOrStream) -> Iterator[tuple[str, int, dict[str, Any]]]:
    with _open_for_reading(path_or_stream) as (where, handle):
        for number, line in enumerate(_split_lines(handle, where), start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as error:
                reason = f"invalid JSON ({error.msg} at column {error.colno})"
                raise InputFormatError(where, reason, line=number) from None
            if not isinstance(data, dict):
                raise InputFormatError(where, f"a JSON {type(data).__name__}, not an object", line=number)
            version = data.get("schema_version", SCHEMA_VERSION)
            if not isinstance(version, int) or version > SCHEMA_VERSION:
                reason = f"schema_version {version!r} is newer than this quotegraph reads ({SCHEMA_VERSION})"
                raise InputFormatError(where, reason, line=number)
            yield where, number, data


def _split_lines(handle: IO[str], where: str) -> Iterator[str]:
    """Lines split on ``\\n`` only (not on U+2028, U+0085 or a lone ``\\r``)."""
    pending, number = "", 0
    try:
        for chunk in iter(lambda: handle.read(1 << 16), ""):
            pending += chunk
            *lines, pending = pending.split("\n")
            number += len(lines)
            yield from lines
    except UnicodeDecodeError as error:
        raise InputFormatError(where, f"not UTF-8 ({error.reason})", line=number + 1) from None
    if pending:
        yield pending


@contextmanager
def _open_for_writing(target: PathOrStream, *, newline: str | None = None) -> Iterator[IO[str]]:
    if isinstance(target, (str, Path)) and str(target) == "-":
        yield sys.stdout
        sys.stdout.flush()
    elif isinstance(target, (str, Path)):
        with atomic_write(target, newline=newline) as handle:
            yield handle
    else:
        yield target


@contextmanager
def _open_for_reading(source: PathOrStream, *, newline: str | None = "") -> Iterator[tuple[str, IO[str]]]:
    if isinstance(source, (str, Path)) and str(source) == "-":
        yield "<stdin>", sys.stdin
    elif isinstance(source, (str, Path)):
        with open(source, encoding="utf-8-sig", newline=newline) as handle:
            yield str(source), handle
    else:
        yield str(getattr(source, "name", "<stream>")), source


def _describe(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"missing field {error.args[0]!r}"
    return f"{type(error).__name__}: {error}"

