"""Property tests: reading never raises, and text and offsets survive exactly (issue 9)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotegraph.io import InputFailure, iter_articles, read_quotes_csv, read_quotes_jsonl, write_quotes_csv, write_quotes_jsonl
from quotegraph.io.frontmatter import split_front_matter
from quotegraph.model import Article, Quote, QuoteKind, Resolution, Speaker, SpeakerKind, TextSpan

QUOTE_MARKS = list("\"'\u201c\u201d\u2018\u2019\u201e\u201a\u00ab\u00bb\u2039\u203a\u300c\u300d`")
WHITESPACE = list(" \t\n\r\u00a0\u2002\u2009\u200b\u200c\u200d\u2028\u2029\u3000\ufeff\x0b\x0c\x85")
PIECES = st.sampled_from(QUOTE_MARKS + WHITESPACE + ["---\n", "title: x\n", "said", "Kirby", "\r\n"])
TEXTS = st.lists(PIECES | st.text(min_size=1, max_size=8), max_size=40).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


@SETTINGS
@given(text=TEXTS, suffix=st.sampled_from([".txt", ".md"]), check_language=st.booleans())
def test_properties_text_files_read_exactly(folder: Path, text: str, suffix: str, check_language: bool) -> None:
    path = folder / f"article{suffix}"
    path.write_bytes(text.encode("utf-8"))
    items = list(iter_articles([path], check_language=check_language))
    assert len(items) == 1
    [item] = items
    as_read = text.removeprefix("\ufeff")  # a leading U+FEFF is a byte-order mark
    if isinstance(item, InputFailure):
        assert item.path == str(path) and item.message.startswith(str(path))
        assert "\n" not in item.message
        return
    _, start = split_front_matter(as_read)
    assert item.text == as_read[start:]
    assert item.text.strip() and any(char.isalnum() for char in item.text)


@SETTINGS
@given(texts=st.lists(TEXTS, min_size=1, max_size=6), ascii_only=st.booleans())
def test_properties_jsonl_rows_read_exactly(folder: Path, texts: list[str], ascii_only: bool) -> None:
    path = folder / "rows.jsonl"
    lines = [json.dumps({"id": f"r{i}", "text": t}, ensure_ascii=ascii_only) for i, t in enumerate(texts)]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(iter_articles([path], check_language=False))
    articles = {a.doc_id: a.text for a in items if isinstance(a, Article)}
    expected = {f"r{i}": t for i, t in enumerate(texts) if t.strip() and any(c.isalnum() for c in t)}
    assert articles == expected
    failures = [f for f in items if isinstance(f, InputFailure)]
    assert all(f.level == "notice" and f.line is not None for f in failures)
    assert len(articles) + len(failures) == len(texts)


@SETTINGS
@given(texts=st.lists(TEXTS.filter(lambda t: "\x00" not in t), min_size=1, max_size=6))
def test_properties_csv_rows_read_exactly(folder: Path, texts: list[str]) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["id", "text"])
    writer.writerows([f"r{i}", t] for i, t in enumerate(texts))
    path = folder / "rows.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    items = list(iter_articles([path], check_language=False))
    articles = {a.doc_id: a.text for a in items if isinstance(a, Article)}
    # A row whose text is only whitespace or empty is skipped with a notice.
    expected = {f"r{i}": t for i, t in enumerate(texts) if t.strip() and any(c.isalnum() for c in t)}
    assert articles == expected


def _quotes(draw: st.DrawFn) -> tuple[str, list[Quote]]:
    text = draw(TEXTS)
    optional = st.none() | st.text(min_size=1, max_size=10)
    quotes = []
    for index in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        mention = TextSpan.of(text, start, end) if draw(st.booleans()) else None
        speaker = Speaker(
            name=draw(st.text(min_size=1, max_size=12).filter(lambda n: n != "unknown")),
            mention=mention,
            entity_id=draw(optional),
            kind=draw(st.sampled_from(SpeakerKind)),
            role=draw(optional),
            organisation=draw(optional),
            resolution=draw(st.sampled_from(Resolution)),
        )
        topics = draw(st.lists(st.text(min_size=1, max_size=6).filter(lambda t: ";" not in t), max_size=3))
        quotes.append(
            Quote(
                doc_id="d", quote_id=f"d-q{index}", text=text[start:end], start=start, end=end,
                type=draw(st.sampled_from(QuoteKind)), speaker=speaker,
                cue=TextSpan.of(text, start, start) if draw(st.booleans()) else None,
                topics=tuple(topics), source=draw(optional), date=draw(optional), url=draw(optional),
                title=draw(optional),
            )  # fmt: skip
        )
    return text, quotes


@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_properties_quotes_round_trip(folder: Path, data: st.DataObject) -> None:
    text, quotes = _quotes(data.draw)
    jsonl, table = folder / "quotes.jsonl", folder / "quotes.csv"
    write_quotes_jsonl(quotes, jsonl, texts={"d": text})
    assert read_quotes_jsonl(jsonl) == quotes
    write_quotes_csv(quotes, table)
    back = read_quotes_csv(table)
    for quote in back:
        quote.check(text)
    assert back == quotes


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.binary(max_size=400) | TEXTS.map(lambda t: t.encode("utf-8")),
    suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl", ".csv", ".tsv", ".txt.gz", ".xyz"]),
)
def test_properties_any_bytes_never_raise(folder: Path, data: bytes, suffix: str) -> None:
    path = folder / f"random{suffix}"
    path.write_bytes(data)
    items = list(iter_articles([path]))
    assert items  # an article, or a failure saying why not
    for item in items:
        if isinstance(item, InputFailure):
            assert item.path == str(path) and "\n" not in item.message
        else:
            assert item.doc_id and item.text.strip()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs=st.lists(TEXTS, min_size=1, max_size=5), script=TEXTS)
def test_properties_html_never_raises(folder: Path, paragraphs: list[str], script: str) -> None:
    from html import escape

    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    page = f"<html><head><script>{escape(script)}</script></head><body><article>{body}</article></body></html>"
    path = folder / "page.html"
    path.write_text(page, encoding="utf-8")
    [item] = list(iter_articles([path], check_language=False))
    if isinstance(item, Article):
        assert item.text.strip()
