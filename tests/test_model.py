from __future__ import annotations

import json

import pytest

from quotegraph.errors import OffsetMismatchError
from quotegraph.model import (
    Article,
    Entity,
    EntityMention,
    Quote,
    QuoteKind,
    Resolution,
    Speaker,
    SpeakerKind,
    TextSpan,
    make_entity_id,
)

TEXT = 'Kirby said: "Russia’s attempt has failed." He added that it was over.'


def _quote() -> Quote:
    return Quote(
        doc_id="d1",
        quote_id="d1:12-42",
        text=TEXT[12:42],
        start=12,
        end=42,
        type=QuoteKind.DIRECT,
        speaker=Speaker(
            "John Kirby",
            mention=TextSpan.of(TEXT, 0, 5),
            entity_id="person:john-kirby",
            kind=SpeakerKind.PERSON,
            role="spokesperson",
            organisation="White House",
            resolution=Resolution.SUBJECT,
        ),
        cue=TextSpan.of(TEXT, 6, 10),
        topics=("Russia",),
        entities=(EntityMention("Russia", 13, 19, SpeakerKind.PLACE, "Russia", "place:russia"),),
        date="2023-05-01",
    )


def test_model_quote_json_round_trip():
    quote = _quote()
    data = json.loads(json.dumps(quote.to_dict()))
    assert Quote.from_dict(data) == quote
    assert data["schema_version"] == 2
    assert data["speaker"]["mention"] == {"text": "Kirby", "start": 0, "end": 5}
    assert data["parts"] == [{"text": TEXT[12:42], "start": 12, "end": 42}]
    assert data["statement_id"] is None


RUN = '"We won," she said. "Again."'


def _run_quote() -> Quote:
    parts = (TextSpan.of(RUN, 0, 9), TextSpan.of(RUN, 20, 28))
    return Quote("d1", "d1:0-28", RUN, 0, 28, QuoteKind.DIRECT, Speaker("she"), parts=parts)


@pytest.mark.parametrize("schema", [1, 2], ids=["schema-1-no-parts", "schema-2"])
def test_model_quote_parts_round_trip(schema):
    data = _run_quote().to_dict()
    if schema == 1:
        del data["parts"], data["statement_id"]
        assert Quote.from_dict(data).parts == ()
    else:
        assert [p["text"] for p in data["parts"]] == ['"We won,"', '"Again."']
        assert Quote.from_dict(json.loads(json.dumps(data))) == _run_quote()


@pytest.mark.parametrize("span", [(0, 9), (21, 30)], ids=["inside", "outside"])
def test_model_quote_check_parts(span):
    text = RUN + "  x"
    quote = Quote("d1", "q", RUN, 0, 28, QuoteKind.DIRECT, Speaker("she"), parts=(TextSpan.of(text, *span),))
    if span == (0, 9):
        quote.check(text)
    else:
        with pytest.raises(OffsetMismatchError, match="outside the quote"):
            quote.check(text)


def test_model_quote_check_accepts_exact_offsets():
    _quote().check(TEXT)


@pytest.mark.parametrize(
    "field, value",
    [("start", 11), ("end", 41)],
    ids=["start-off-by-one", "end-off-by-one"],
)
def test_model_quote_check_rejects_shifted_offsets(field, value):
    from dataclasses import replace

    with pytest.raises(OffsetMismatchError, match="d1/d1:12-42"):
        replace(_quote(), **{field: value}).check(TEXT)


def test_model_textspan_of_rejects_outside_text():
    with pytest.raises(OffsetMismatchError, match="outside a text of 3 characters"):
        TextSpan.of("abc", 2, 5)


def test_model_speaker_from_empty_dict_is_unknown():
    speaker = Speaker.from_dict({})
    assert speaker == Speaker.unknown()
    assert not speaker.is_known


@pytest.mark.parametrize(
    "cls, value",
    [
        (Article, Article("a", "text", title="T", date="2026-01-02", url="https://x.test/a")),
        (Entity, Entity("person:a-b", "A B", SpeakerKind.PERSON, aliases=("B",), articles=("a",))),
    ],
    ids=["article", "entity"],
)
def test_model_round_trip(cls, value):
    assert cls.from_dict(json.loads(json.dumps(value.to_dict()))) == value


@pytest.mark.parametrize(
    "kind, name, expected",
    [
        (SpeakerKind.PERSON, "John Kirby", "person:john-kirby"),
        ("organisation", "Transport Workers' Union", "organisation:transport-workers-union"),
        (SpeakerKind.PERSON, "Олександр Сирський", "person:олександр-сирський"),
        (SpeakerKind.PLACE, "  ", "place:x"),
    ],
    ids=["person", "apostrophe", "cyrillic", "blank"],
)
def test_model_make_entity_id(kind, name, expected):
    assert make_entity_id(kind, name) == expected
