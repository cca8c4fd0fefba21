"""Quotes, articles and failures survive write → read exactly (issue 9, STYLE §18)."""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from quotegraph.errors import InputFormatError, OffsetMismatchError, QuotegraphError
from quotegraph.io import (
    QUOTE_COLUMNS,
    InputFailure,
    iter_articles,
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
from quotegraph.model import (
    SCHEMA_VERSION,
    Article,
    EntityMention,
    Quote,
    QuoteKind,
    Resolution,
    Speaker,
    SpeakerKind,
    TextSpan,
)

TEXT = (
    "Володимир Зеленський said:\r\n\u201cWe\u00a0will\u200b win,\u201d\u2028and\x0bthen\x1f "
    'he added "nothing", with\ttabs; commas, and "quotes".'
)


def _quotes() -> list[Quote]:
    direct_start = TEXT.index("\u201c")
    direct_end = TEXT.index("\u201d") + 1
    speaker = Speaker(
        name="Володимир Зеленський",
        mention=TextSpan.of(TEXT, 0, 20),
        entity_id="person:володимир-зеленський",
        kind=SpeakerKind.PERSON,
        role="President",
        organisation="Україна",
        resolution=Resolution.SUBJECT,
    )
    full = Quote(
        doc_id="doc-ü",
        quote_id="doc-ü-q0",
        text=TEXT[direct_start:direct_end],
        start=direct_start,
        end=direct_end,
        type=QuoteKind.DIRECT,
        speaker=speaker,
        cue=TextSpan.of(TEXT, 21, 25),
        topics=("war", "Україна"),
        source="WION",
        date="2023-05-01",
        url="https://example.org/a?b=1,2",
        title='A "title", with commas',
    )
    nothing = TEXT.index('"nothing"')
    bare = Quote(
        doc_id="doc-ü",
        quote_id="doc-ü-q1",
        text=TEXT[nothing : nothing + 9],
        start=nothing,
        end=nothing + 9,
        type=QuoteKind.INDIRECT,
        speaker=Speaker.unknown(),
    )
    return [full, bare]


def test_writers_quotes_jsonl_round_trip(tmp_path: Path) -> None:
    quotes = _quotes()
    place = EntityMention("Во", 0, 2, SpeakerKind.PLACE, "Україна", entity_id="place:україна")
    with_entities = [replace(quotes[0], quote_id="doc-ü-q2", entities=(place,))]
    path = tmp_path / "out" / "quotes.jsonl"
    assert write_quotes_jsonl(quotes + with_entities, path, texts={"doc-ü": TEXT}) == 3
    assert read_quotes_jsonl(path) == quotes + with_entities
    raw = path.read_bytes()
    assert raw.count(b"\n") == 3  # U+2028, \r and \x0b inside strings never split a line
    assert "Зеленський".encode() in raw  # written as UTF-8, not \u escapes
    for quote in read_quotes_jsonl(path):
        quote.check(TEXT)


def test_writers_jsonl_lines_have_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "quotes.jsonl"
    write_quotes_jsonl(_quotes(), path)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]
    assert [row["schema_version"] for row in rows] == [SCHEMA_VERSION, SCHEMA_VERSION]


def test_writers_quotes_csv_round_trip(tmp_path: Path) -> None:
    quotes = _quotes()
    path = tmp_path / "quotes.csv"
    assert write_quotes_csv(quotes, path) == 2
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert tuple(header) == QUOTE_COLUMNS
    assert read_quotes_csv(path) == quotes
    for quote in read_quotes_csv(path):
        quote.check(TEXT)


def test_writers_quotes_to_rows_is_the_csv_schema() -> None:
    rows = quotes_to_rows(_quotes())
    assert [tuple(row) for row in rows] == [QUOTE_COLUMNS, QUOTE_COLUMNS]
    assert rows[0]["topics"] == "war; Україна"
    assert rows[0]["mention_text"] == "Володимир Зеленський"
    assert (rows[1]["cue_text"], rows[1]["mention_start"], rows[1]["speaker_name"]) == (None, None, "unknown")
    assert rows[1]["speaker_kind"] == "unknown" and rows[1]["topics"] == ""


def test_writers_articles_round_trip_and_are_inputs_too(tmp_path: Path) -> None:
    articles = [
        Article("a", TEXT, title="Заголовок", source=None, date="2023-05-01", url=None, path="x/a.txt"),
        Article("b", "\ufeffStarts with a BOM character?\r\n", title=None),
    ]
    path = tmp_path / "articles.jsonl"
    assert write_articles_jsonl(articles, path) == 2
    assert read_articles_jsonl(path) == articles
    again = [a for a in iter_articles([path], check_language=False) if isinstance(a, Article)]
    assert [(a.doc_id, a.text, a.title) for a in again] == [(a.doc_id, a.text, a.title) for a in articles]


def test_writers_errors_round_trip(tmp_path: Path) -> None:
    failures = [
        InputFailure("news.jsonl", "invalid JSON (Expecting value at column 1)", line=3),
        InputFailure("empty.txt", "empty file", level="notice"),
        InputFailure("ü/два.txt", "reason with\nnewline"),
    ]
    path = tmp_path / "errors.jsonl"
    assert write_errors_jsonl(failures, path) == 3
    assert read_errors_jsonl(path) == failures
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert rows[2]["message"] == "ü/два.txt: reason with newline"
    assert rows[0]["message"] == "news.jsonl:3: invalid JSON (Expecting value at column 1)"


def test_writers_stdout_dash(capsys: pytest.CaptureFixture[str]) -> None:
    write_quotes_jsonl(_quotes(), "-")
    out = capsys.readouterr().out
    assert [json.loads(line)["quote_id"] for line in out.splitlines()] == ["doc-ü-q0", "doc-ü-q1"]


def test_writers_stream_and_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    buffer = io.StringIO()
    write_quotes_jsonl(_quotes(), buffer)
    monkeypatch.setattr(sys, "stdin", io.StringIO(buffer.getvalue()))
    assert read_quotes_jsonl("-") == _quotes()


def test_writers_offset_check_keeps_previous_file(tmp_path: Path) -> None:
    path = tmp_path / "quotes.jsonl"
    path.write_text("previous\n", encoding="utf-8")
    with pytest.raises(OffsetMismatchError, match="doc-ü/doc-ü-q0"):
        write_quotes_jsonl(_quotes(), path, texts={"doc-ü": TEXT.replace("We", "Wi")})
    assert path.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["quotes.jsonl"]


def test_writers_nan_is_refused(tmp_path: Path) -> None:
    from quotegraph.io.writers import _json_line

    with pytest.raises(QuotegraphError, match="doc-ü/doc-ü-q1: cannot be written as JSON"):
        _json_line({"weight": float("nan")}, "doc-ü/doc-ü-q1")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"doc_id": "a"}\n', "{path}:1: not a quote (missing field 'quote_id')"),
        ("\n\n{oops\n", "{path}:3: invalid JSON (Expecting property name enclosed in double quotes at column 2)"),
        ("[1, 2]\n", "{path}:1: a JSON list, not an object"),
        (
            '{"schema_version": 99, "doc_id": "a"}\n',
            "{path}:1: schema_version 99 is newer than this quotegraph reads (2)",
        ),
        (
            '{"doc_id": "a", "quote_id": "q", "text": "x", "start": 0, "end": 1, "type": "rumour", "speaker": {}}\n',
            "{path}:1: not a quote (ValueError: 'rumour' is not a valid QuoteKind)",
        ),
    ],
    ids=["missing-field", "bad-json", "not-object", "newer-schema", "bad-enum"],
)
def test_writers_bad_quote_lines_are_located(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "quotes.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputFormatError) as error:
        read_quotes_jsonl(path)
    assert str(error.value) == message.format(path=path)


def test_writers_bad_csv_is_located(tmp_path: Path) -> None:
    path = tmp_path / "quotes.csv"
    write_quotes_csv(_quotes(), path)
    path.write_text(path.read_text(encoding="utf-8").replace(",direct,", ",rumour,"), encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"quotes.csv:2: not a quote \(ValueError: 'rumour'"):
        read_quotes_csv(path)
    (tmp_path / "other.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match="missing columns: doc_id, quote_id, type, text, start, end"):
        read_quotes_csv(tmp_path / "other.csv")
