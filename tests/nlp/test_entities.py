"""Corpus-wide linking of speaker names (`quotegraph.nlp.entities.link_entities`), no model."""

from __future__ import annotations

import pytest

from quotegraph.model import EntityMention, Quote, QuoteKind, Resolution, Speaker, SpeakerKind, TextSpan
from quotegraph.nlp.entities import link_entities


def _quote(doc_id: str, name: str, kind: SpeakerKind = SpeakerKind.PERSON, **speaker: object) -> Quote:
    text = f"{name} said it."
    return Quote(
        doc_id=doc_id,
        quote_id=f"{doc_id}:{name}",
        text=text,
        start=0,
        end=len(text),
        type=QuoteKind.INDIRECT,
        speaker=Speaker(name=name, kind=kind, resolution=Resolution.SUBJECT, **speaker),  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (
            [("a", "White House official John Kirby"), ("b", "John Kirby"), ("c", "Kirby"), ("d", "Mr Kirby")],
            ("John Kirby", "John Kirby", "John Kirby", "John Kirby"),
        ),
        (
            [("a", "US Secretary of State Antony Blinken"), ("b", "Blinken")],
            ("Antony Blinken", "Antony Blinken"),
        ),
        (
            [("a", "Col. Gen. Oleksandr Syrskyi"), ("b", "Syrskyi")],
            ("Oleksandr Syrskyi", "Oleksandr Syrskyi"),
        ),
    ],
    ids=["kirby-four-forms", "blinken-title", "syrskyi-rank"],
)
def test_entities_merge_name_variants(names: list[tuple[str, str]], expected: tuple[str, ...]) -> None:
    quotes, entities = link_entities([_quote(doc, name) for doc, name in names])
    assert tuple(q.speaker.name for q in quotes) == expected
    assert len({q.speaker.entity_id for q in quotes}) == 1
    assert len(entities) == 1
    assert sorted(entities[0].articles) == sorted(doc for doc, _ in names)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        # Two people share a surname; a bare surname elsewhere fits both and stays apart.
        (
            [("a", "John Smith"), ("b", "Jane Smith"), ("c", "Smith")],
            ("John Smith", "Jane Smith", "Smith"),
        ),
        # In its own article a bare surname goes to the Smith named there.
        (
            [("a", "John Smith"), ("b", "Jane Smith"), ("b", "Smith")],
            ("John Smith", "Jane Smith", "Jane Smith"),
        ),
    ],
    ids=["ambiguous-surname-apart", "surname-in-own-article"],
)
def test_entities_shared_surname(names: list[tuple[str, str]], expected: tuple[str, ...]) -> None:
    quotes, entities = link_entities([_quote(doc, name) for doc, name in names])
    assert tuple(q.speaker.name for q in quotes) == expected
    assert len(entities) == len(set(expected))


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ([("The US", SpeakerKind.PLACE), ("the United States", SpeakerKind.PLACE)], "United States"),
        ([("U.S.", SpeakerKind.ORGANISATION), ("United States", SpeakerKind.PLACE), ("US", SpeakerKind.PLACE)], "United States"),
        ([("The Ukrainian military", SpeakerKind.ORGANISATION), ("Ukrainian military", SpeakerKind.ORGANISATION)], "Ukrainian military"),
        ([("Transport Workers’ Union", SpeakerKind.ORGANISATION), ("Transport Workers' Union", SpeakerKind.ORGANISATION)], "Transport Workers’ Union"),
        ([("Harbour Authority", SpeakerKind.ORGANISATION), ("Haldport Harbour Authority", SpeakerKind.ORGANISATION)], "Haldport Harbour Authority"),
    ],
    ids=["us-the-united-states", "us-kinds-disagree", "military", "apostrophe-styles", "shorter-body-name"],
)
def test_entities_bodies_by_alias(names: list[tuple[str, SpeakerKind]], expected: str) -> None:
    quotes, entities = link_entities([_quote(str(i), n, kind) for i, (n, kind) in enumerate(names)])
    assert {q.speaker.name for q in quotes} == {expected}
    assert len(entities) == 1 and entities[0].name == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Mr Kirby", None), ("Col. Gen. Oleksandr Syrskyi", "Col. Gen."), ("Secretary of State Antony Blinken", "Secretary of State")],
    ids=["honorific", "rank", "title"],
)
def test_entities_titles_become_roles(name: str, expected: str | None) -> None:
    quotes, _ = link_entities([_quote("a", name)])
    assert quotes[0].speaker.role == expected


@pytest.mark.parametrize(
    ("name", "kind"),
    [("a senior official", SpeakerKind.PERSON), ("the campaign", SpeakerKind.ORGANISATION)],
    ids=["person", "organisation"],
)
def test_entities_unnamed_sources_stay_per_article(name: str, kind: SpeakerKind) -> None:
    quotes, entities = link_entities([_quote("a", name, kind), _quote("b", name, kind)])
    assert [q.speaker.name for q in quotes] == [name, name]
    assert quotes[0].speaker.entity_id != quotes[1].speaker.entity_id
    assert len(entities) == 2


def test_entities_role_and_organisation_kept() -> None:
    quotes, entities = link_entities(
        [
            _quote("a", "White House official John Kirby"),
            _quote("b", "John Kirby", role="national security spokesperson", organisation="the White House"),
            _quote("c", "Kirby"),
        ]
    )
    assert [q.speaker.role for q in quotes] == ["official", "national security spokesperson", "official"]
    assert {q.speaker.organisation for q in quotes} == {"White House"}
    (kirby,) = entities
    assert (kirby.name, kirby.organisation) == ("John Kirby", "White House")
    assert {"White House official John Kirby", "Kirby"} <= set(kirby.aliases)


def test_entities_mentions_share_speaker_ids() -> None:
    text = "Blinken said Kirby and the US agree."
    mentions = (
        EntityMention("Kirby", 13, 18, SpeakerKind.PERSON, "Kirby"),
        EntityMention("the US", 23, 29, SpeakerKind.PLACE, "US"),
    )
    said = Quote("b", "q2", text, 0, len(text), QuoteKind.INDIRECT,
                 Speaker("Antony Blinken", mention=TextSpan(0, 7, "Blinken"), kind=SpeakerKind.PERSON),
                 entities=mentions)
    quotes, entities = link_entities([_quote("a", "John Kirby"), said, _quote("c", "United States", SpeakerKind.PLACE)])
    kirby_id = quotes[0].speaker.entity_id
    assert [m.entity_id for m in quotes[1].entities] == [kirby_id, quotes[2].speaker.entity_id]
    assert [m.name for m in quotes[1].entities] == ["John Kirby", "United States"]
    assert {e.entity_id for e in entities} == {kirby_id, "person:antony-blinken", "place:united-states"}


def test_entities_single_word_body_stays_apart() -> None:
    quotes, entities = link_entities([
        _quote("a", "Union", SpeakerKind.ORGANISATION),
        _quote("b", "Transport Workers' Union", SpeakerKind.ORGANISATION),
    ])
    assert [q.speaker.name for q in quotes] == ["Union", "Transport Workers' Union"]
    assert len(entities) == 2


def test_entities_unknown_speakers_untouched() -> None:
    unknown = Quote("a", "q", "x", 0, 1, QuoteKind.DIRECT, Speaker.unknown())
    quotes, entities = link_entities([unknown])
    assert quotes == [unknown] and entities == []
