"""Every input becomes an `Article` or an `InputFailure`: files, directories and stdin.

`iter_articles` is lazy: it opens one file at a time and reads JSONL/CSV row by
row, so memory stays flat however large the corpus. Kinds, by extension:

=================  ===========================================================
``.txt`` ``.md``   one article; doc_id = file name without extension; optional
                   ``---`` front matter and/or ``<name>.meta.json``/``<name>.json``
                   sidecar with title, source, date, url
``.html`` ``.htm`` one article, main text extracted by trafilatura
``.jsonl``         one article per line (``text``; ``id``/``doc_id``, ``title``,
                   ``source``, ``url``, ``date`` optional)
``.csv`` ``.tsv``  one article per row, same columns
``*.gz``           any of the above compressed with gzip (``news.jsonl.gz``)
``-``              standard input: JSONL when the first line is a JSON object,
                   HTML when it starts with ``<``, else plain text
=================  ===========================================================

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "kirby.txt").write_text(
...     "---\\ntitle: Kirby\\ndate: 1 May 2023\\n---\\nKirby said it failed.", encoding="utf-8")
>>> _ = (folder / "empty.txt").write_text("  \\n", encoding="utf-8")
>>> for item in iter_articles([folder], check_language=False):
...     print(type(item).__name__, getattr(item, "doc_id", None) or item.reason)
InputFailure only whitespace
Article kirby
>>> article = next(a for a in iter_articles([folder / "kirby.txt"], check_language=False))
>>> article.text, article.date
('Kirby said it failed.', '2023-05-01')
"""

from __future__ import annotations

import gzip
import io
import logging
import os
import sys
import zlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Iterable, Iterator, Sequence

from quotegraph.errors import InputFormatError
from quotegraph.io.dates import normalise_date
from quotegraph.io.drafts import ArticleDraft, draft_of, metadata_from
from quotegraph.io.encoding import DEFAULT_ENCODING_FALLBACKS, decode_bytes, detect_encoding
from quotegraph.io.failures import FailureLevel, InputFailure
from quotegraph.io.frontmatter import find_sidecar, read_sidecar, split_front_matter
from quotegraph.io.html import declared_charset, extract_html
from quotegraph.io.language import check_english
from quotegraph.io.paths import (
    ARTICLE_SUFFIXES,
    article_stem,
    is_gzip,
    is_sidecar,
    kind_of,
    suffix_of,
    uncompressed,
    without_suffix,
)
from quotegraph.io.tables import iter_csv_rows, iter_jsonl_rows
from quotegraph.model import Article

__all__ = ["ARTICLE_SUFFIXES", "STDIN", "iter_articles", "read_articles"]

logger = logging.getLogger(__name__)

#: The input name that means standard input.
STDIN = "-"
_STDIN_NAME = "<stdin>"
_PREFIX_BYTES = 1 << 16

Result = Article | InputFailure
Draft = ArticleDraft | InputFailure


@dataclass(frozen=True, slots=True)
class _Options:
    fallbacks: tuple[str, ...]
    check_language: bool
    stdin_format: str | None
    exclude: frozenset[Path] = frozenset()


@dataclass(frozen=True, slots=True)
class _Source:
    """One file to read: its path, the name shown to users, and its id candidates."""

    path: Path
    where: str
    qualified: str
    explicit: bool


def iter_articles(
    inputs: Iterable[str | Path] | str | Path,
    *,
    encoding_fallbacks: Sequence[str] = DEFAULT_ENCODING_FALLBACKS,
    check_language: bool = True,
    stdin_format: str | None = None,
    exclude: Iterable[str | Path] = (),
) -> Iterator[Article | InputFailure]:
    """Read articles lazily from any mix of files, directories and ``-`` (stdin).

    Parameters
    ----------
    inputs : iterable of str or Path (a single one is accepted too)
        Files, directories (walked recursively in sorted order; hidden files and
        folders skipped) and ``"-"`` for standard input, read in the order given.
    encoding_fallbacks : sequence of str, optional (default=("cp1252", "latin_1"))
        Legacy encodings tried for text and CSV files that are not UTF-8.
    check_language : bool, optional (default=True)
        Report articles that are not English as failures instead of yielding them.
    stdin_format : {"text", "html", "jsonl", "csv", "tsv"} or None, optional (default=None)
        Kind of standard input; None sniffs it from the first line.
    exclude : iterable of str or Path, optional (default=())
        Files or folders a directory walk skips silently, such as the output
        folder of the run when it lies inside an input folder.

    Yields
    ------
    Article or InputFailure
        In input order. Every ``doc_id`` is unique within the call: a taken id is
        qualified by its relative path (``b/x`` for ``b/x.txt``) or its file
        (``news/7`` for row ``id`` 7 of ``news.jsonl``), then numbered (``x-2``).
        ``Article.text`` is exactly the text as read, after a front matter block.

    Notes
    -----
    Never raises for bad input: an unreadable file, a bad row, an empty or
    non-English text each become an `InputFailure` (``level="notice"`` for
    inputs skipped on purpose, such as empty files).
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    excluded = frozenset(Path(path).resolve() for path in exclude)
    options = _Options(tuple(encoding_fallbacks), check_language, stdin_format, excluded)
    taken: set[str] = set()
    for item in inputs:
        for result in _read_input(item, options):
            if isinstance(result, InputFailure):
                yield result
            else:
                yield _finish(result, options, taken)


def read_articles(
    inputs: Iterable[str | Path] | str | Path,
    *,
    encoding_fallbacks: Sequence[str] = DEFAULT_ENCODING_FALLBACKS,
    check_language: bool = True,
    stdin_format: str | None = None,
    exclude: Iterable[str | Path] = (),
) -> tuple[list[Article], list[InputFailure]]:
    """All articles and all failures of `iter_articles` as two lists (small corpora only)."""
    articles: list[Article] = []
    failures: list[InputFailure] = []
    items = iter_articles(
        inputs,
        encoding_fallbacks=encoding_fallbacks,
        check_language=check_language,
        stdin_format=stdin_format,
        exclude=exclude,
    )
    for item in items:
        if isinstance(item, Article):
            articles.append(item)
        else:
            failures.append(item)
    return articles, failures


def _read_input(item: str | Path, options: _Options) -> Iterator[ArticleDraft | InputFailure]:
    if str(item) == STDIN:
        yield from _read_stdin(options)
        return
    path = Path(item)
    if path.is_dir():
        found = False
        for source in _walk(path, options.exclude):
            found = True
            yield from _read_source(source, options) if isinstance(source, _Source) else [source]
        if not found:
            yield InputFailure(str(path), "directory has no files to read", level="notice")
    elif path.is_file():
        yield from _read_source(_Source(path, str(path), without_suffix(str(path)), True), options)
    elif path.exists():
        yield InputFailure(str(path), "not a regular file or directory")
    else:
        yield InputFailure(str(path), "no such file or directory")


def _walk(root: Path, exclude: frozenset[Path]) -> Iterator[_Source | InputFailure]:
    """Files under ``root`` in sorted path order (``a/x``, ``b/x``, ``c``), hidden ones skipped.

    Symbolic links to folders are not followed (as `os.walk`), so a link loop cannot hang a run.
    """
    try:
        with os.scandir(root) as scan:
            entries = sorted((e for e in scan if _wanted(e, exclude)), key=lambda e: e.name)
    except OSError as error:
        yield InputFailure(str(root), f"cannot read directory ({error.strerror or error})")
        return
    names = [e.name for e in entries if not e.is_dir()]
    stems = {article_stem(n) for n in names if kind_of(n) in ("text", "html")}
    for entry in entries:
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            for found in _walk(path, exclude):
                if isinstance(found, _Source):
                    found = replace(found, qualified=f"{entry.name}/{found.qualified}")
                yield found
        elif not entry.is_dir() and not is_sidecar(entry.name, stems):
            yield _Source(path, str(path), without_suffix(entry.name), False)


def _wanted(entry: os.DirEntry[str], exclude: frozenset[Path]) -> bool:
    if entry.name.startswith("."):
        return False
    return not exclude or Path(entry.path).resolve() not in exclude


def _read_source(source: _Source, options: _Options) -> Iterator[ArticleDraft | InputFailure]:
    kind = kind_of(source.path.name)
    if kind is None:
        expected = ", ".join(ARTICLE_SUFFIXES)
        suffix = suffix_of(uncompressed(source.path.name)) or "(no extension)"
        reason = f"unsupported file type {suffix!r} (expected {expected}, optionally .gz)"
        yield InputFailure(source.where, reason, level="error" if source.explicit else "notice")
        return
    try:
        if kind in ("jsonl", "csv", "tsv"):
            yield from _read_table(source, kind, options)
        else:
            yield from _read_document(source, kind, options)
    except (OSError, EOFError, zlib.error) as error:  # EOFError, zlib.error: a truncated or corrupt .gz
        yield InputFailure(source.where, f"cannot read file ({getattr(error, 'strerror', None) or error})")
    except InputFormatError as error:
        yield InputFailure(source.where, error.reason, line=error.line)


def _read_document(source: _Source, kind: str, options: _Options) -> Iterator[ArticleDraft | InputFailure]:
    data = source.path.read_bytes()
    if is_gzip(source.path.name):
        data = gzip.decompress(data)
    if not data:
        yield InputFailure(source.where, "empty file", level="notice")
        return
    declared = declared_charset(data) if kind == "html" else None
    text = decode_bytes(data, where=source.where, fallbacks=options.fallbacks, declared=declared)
    if not text.strip():
        yield InputFailure(source.where, "only whitespace", level="notice")
        return
    sidecar, failure = _sidecar_metadata(source.path.with_name(uncompressed(source.path.name)))
    if failure is not None:
        yield failure
    stem = article_stem(source.path.name)
    ids = (stem, source.qualified)
    yield _document_draft(text, kind, source.where, ids, sidecar)


def _document_draft(
    text: str, kind: str, where: str, ids: tuple[str, ...], extra: dict[str, str]
) -> ArticleDraft:
    if kind == "html":
        page = extract_html(text, where=where)
        found = {"title": page.title, "source": page.source, "date": page.date, "url": page.url}
        return draft_of(ids, page.text, where, metadata_from(found, extra))
    front, start = split_front_matter(text)
    return draft_of(ids, text[start:], where, metadata_from(front, extra))


def _sidecar_metadata(path: Path) -> tuple[dict[str, str], InputFailure | None]:
    sidecar = find_sidecar(path)
    if sidecar is None:
        return {}, None
    try:
        return metadata_from(read_sidecar(sidecar)), None
    except InputFormatError as error:
        return {}, InputFailure(error.path, error.reason, level="notice")
    except OSError as error:
        reason = f"cannot read sidecar ({error.strerror or error}); ignored"
        return {}, InputFailure(str(sidecar), reason, level="notice")


def _read_table(source: _Source, kind: str, options: _Options) -> Iterator[ArticleDraft | InputFailure]:
    stem = article_stem(source.path.name)
    with _open_binary(source.path) as handle:
        prefix = handle.peek(_PREFIX_BYTES)[:_PREFIX_BYTES]
        if not prefix:
            yield InputFailure(source.where, "empty file", level="notice")
            return
        if kind == "jsonl":
            if b"\x00" in prefix:
                raise InputFormatError(source.where, "binary file (contains NUL bytes), not JSONL")
            yield from _counted(iter_jsonl_rows(handle, where=source.where, stem=stem), source.where)
            return
        encoding = detect_encoding(prefix, where=source.where, fallbacks=options.fallbacks)
        stream = io.TextIOWrapper(handle, encoding=encoding, newline="")
        yield from _read_csv_stream(stream, kind, source.where, stem)


def _open_binary(path: Path) -> io.BufferedReader:
    """A buffered binary reader whose `peek` shows up to 64 KiB; .gz files are decompressed."""
    raw: io.RawIOBase | gzip.GzipFile = io.FileIO(path, "rb")
    if is_gzip(path.name):
        raw = gzip.GzipFile(fileobj=raw, mode="rb")
    return io.BufferedReader(raw, buffer_size=_PREFIX_BYTES)


def _read_csv_stream(stream: IO[str], kind: str, where: str, stem: str) -> Iterator[Draft]:
    rows = iter_csv_rows(stream, where=where, stem=stem, delimiter="\t" if kind == "tsv" else ",")
    try:
        yield from _counted(rows, where)
    except UnicodeDecodeError as error:
        reason = f"undecodable bytes part-way through ({error.reason}); the rest of the file was skipped"
        yield InputFailure(where, reason)


def _counted(rows: Iterator[Draft], where: str) -> Iterator[Draft]:
    """Pass rows through; a file with no data rows at all gets one notice."""
    empty = True
    for row in rows:
        empty = False
        yield row
    if empty:
        yield InputFailure(where, "no rows", level="notice")


def _read_stdin(options: _Options) -> Iterator[ArticleDraft | InputFailure]:
    stream: IO[str] | None = sys.stdin
    if stream is None:  # started without a standard input (pythonw, some daemons)
        yield InputFailure(_STDIN_NAME, "there is no standard input to read")
        return
    try:
        yield from _read_stdin_stream(stream, options)
    except (OSError, UnicodeDecodeError) as error:
        yield InputFailure(_STDIN_NAME, f"cannot read standard input ({error})")


def _read_stdin_stream(stream: IO[str], options: _Options) -> Iterator[ArticleDraft | InputFailure]:
    binary: IO[bytes] | None = getattr(stream, "buffer", None)
    first: bytes | str = binary.readline() if binary is not None else stream.readline()
    first_text = first.decode("utf-8", "replace") if isinstance(first, bytes) else first
    kind = options.stdin_format or _sniff(first_text)
    if kind not in ("text", "html", "jsonl", "csv", "tsv"):
        reason = f"unknown stdin format {kind!r} (expected text, html, jsonl, csv or tsv)"
        yield InputFailure(_STDIN_NAME, reason)
        return
    try:
        yield from _read_stdin_kind(kind, first, binary if binary is not None else stream, options)
    except InputFormatError as error:
        yield InputFailure(_STDIN_NAME, error.reason, line=error.line)


def _read_stdin_kind(
    kind: str, first: bytes | str, rest: IO[bytes] | IO[str], options: _Options
) -> Iterator[ArticleDraft | InputFailure]:
    if kind == "jsonl":
        lines: Iterable[bytes | str] = _chain(first, rest)
        yield from _counted(iter_jsonl_rows(lines, where=_STDIN_NAME, stem="stdin"), _STDIN_NAME)
        return
    data = first + rest.read()  # type: ignore[operator]
    if isinstance(data, bytes):
        data = decode_bytes(data, where=_STDIN_NAME, fallbacks=options.fallbacks) if data else ""
    else:
        data = data.removeprefix("\ufeff")
    if not data:
        yield InputFailure(_STDIN_NAME, "empty input", level="notice")
    elif kind in ("csv", "tsv"):
        yield from _read_csv_stream(io.StringIO(data, newline=""), kind, _STDIN_NAME, "stdin")
    else:
        yield _document_draft(data, kind, _STDIN_NAME, ("stdin",), {})


def _chain(first: bytes | str, rest: IO[bytes] | IO[str]) -> Iterator[bytes | str]:
    yield first
    yield from rest


def _sniff(first_line: str) -> str:
    stripped = first_line.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        return "jsonl"
    if stripped.startswith("<"):
        return "html"
    return "text"


def _finish(draft: ArticleDraft, options: _Options, taken: set[str]) -> Result:
    problem = _text_problem(draft.text, options)
    if problem is not None:
        level: FailureLevel = "error" if problem.startswith("not English") else "notice"
        return InputFailure(draft.where, problem, line=draft.line, level=level)
    date = normalise_date(draft.date)
    if draft.date and date is None:
        logger.warning("%s: date %r is not a full date; left out", _where(draft), draft.date)
    return Article(
        doc_id=_claim(draft.doc_ids, taken, _where(draft)),
        text=draft.text,
        title=draft.title,
        source=draft.source,
        date=date,
        url=draft.url,
        path=draft.where,
    )


def _text_problem(text: str, options: _Options) -> str | None:
    if not text.strip():
        return "only whitespace" if text else "no text"
    if not any(char.isalnum() for char in text):
        return "no words (only punctuation or invisible characters)"
    if options.check_language:
        return check_english(text)
    return None


def _claim(candidates: tuple[str, ...], taken: set[str], where: str) -> str:
    for candidate in candidates:
        if candidate and candidate not in taken:
            break
    else:
        base = candidates[-1] or "doc"
        number = 2
        while f"{base}-{number}" in taken:
            number += 1
        candidate = f"{base}-{number}"
    if candidate != candidates[0]:
        logger.warning("%s: doc_id %r is already used; this article is %r", where, candidates[0], candidate)
    taken.add(candidate)
    return candidate


def _where(draft: ArticleDraft) -> str:
    return f"{draft.where}:{draft.line}" if draft.line is not None else draft.where
