"""Topics and entity mentions inside quotes; user topic files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from quotegraph.errors import InputFormatError
from quotegraph.model import (
    Quote,
    QuoteKind,
    Speaker,
    SpeakerKind,
    TextSpan,
    make_entity_id,
    slugify,
)
from quotegraph.nlp.topics import assign_topics, load_user_topics


def _quote_of(text: str, content: str, *, mention: str | None = None) -> Quote:
    start = text.index(content)
    speaker = Speaker.unknown()
    if mention is not None:
        at = text.index(mention)
        speaker = Speaker(
            mention, mention=TextSpan.of(text, at, at + len(mention)), kind=SpeakerKind.PERSON
        )
    return Quote("t", "t:0", content, start, start + len(content), QuoteKind.INDIRECT, speaker)


def _slugs(labels: tuple[str, ...]) -> set[str]:
    return {slugify(label) for label in labels}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "names", "topics"),
    [
        (
            "Kirby said that Russia had failed to take the city of Bakhmut after months.",
            "Russia had failed to take the city of Bakhmut after months",
            {"Bakhmut", "Russia"},
            set(),
        ),
        (
            '"Bakhmut\'s defences are holding firm," Syrskyi said on Monday.',
            '"Bakhmut\'s defences are holding firm,"',
            {"Bakhmut"},
            {"defences"},
        ),
        (
            "Prigozhin said his fighters needed 300 tonnes of artillery shells a day in Bakhmut.",
            "his fighters needed 300 tonnes of artillery shells a day in Bakhmut",
            {"Bakhmut"},
            {"artillery shells"},
        ),
        (
            "Blinken said the United States wants the release of Evan Gershkovich.",
            "the United States wants the release of Evan Gershkovich",
            {"United States", "Evan Gershkovich"},
            set(),
        ),
        (
            "Brandt said the army engineers were reinforcing the Millford embankment against the winter floods.",
            "the army engineers were reinforcing the Millford embankment against the winter floods",
            set(),
            {"army engineers", "Millford embankment"},
        ),
    ],
    ids=["city-of-bakhmut", "possessive", "noun-phrase", "names", "modifiers-as-written"],
)
def test_topics_names_are_mentions_and_phrases_candidates(
    nlp, text: str, content: str, names: set[str], topics: set[str]
) -> None:
    """Issue 14: a named person, organisation or place is a mention, never a topic too."""
    quote = assign_topics(nlp(text), [_quote_of(text, content)])[0]
    assert names <= {e.name for e in quote.entities}, quote.entities
    assert topics <= set(quote.topics), quote.topics
    assert not {e.name for e in quote.entities} & set(quote.topics)


@pytest.mark.model
def test_topics_plural_common_noun_at_sentence_start_is_no_name(nlp) -> None:
    """"Cranes run on electricity": the tagger's ORG is a plural common noun."""
    text = '"Cranes run on electricity, not goodwill," Ms Lindqvist said.'
    quote = assign_topics(nlp(text), [_quote_of(text, '"Cranes run on electricity, not goodwill,"')])[0]
    assert "Cranes" not in {e.name for e in quote.entities}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "mention", "expected"),
    [
        (
            "Kirby said the White House would not share the figures with Moscow.",
            "the White House would not share the figures with Moscow",
            "Kirby",
            (("White House", "organisation"), ("Moscow", "place")),
        ),
        (
            '"President Zelensky has not agreed to talks," John Smith said.',
            '"President Zelensky has not agreed to talks,"',
            "John Smith",
            (("Zelensky", "person"),),
        ),
    ],
    ids=["org-and-place", "title-dropped-speaker-excluded"],
)
def test_topics_entities_have_exact_offsets(
    nlp, text: str, content: str, mention: str, expected: tuple[tuple[str, str], ...]
) -> None:
    quote = assign_topics(nlp(text), [_quote_of(text, content, mention=mention)])[0]
    assert tuple((e.name, e.kind.value) for e in quote.entities) == expected
    for entity in quote.entities:
        assert text[entity.start : entity.end] == entity.text
        assert quote.start <= entity.start < entity.end <= quote.end
        assert entity.entity_id == make_entity_id(entity.kind, entity.name)
    assert mention not in {e.name for e in quote.entities}


@pytest.mark.model
def test_topics_skip_dates_numbers_and_vague_nouns(nlp) -> None:
    text = "Kirby said that in December the situation was a lot of things for many people."
    content = text[text.index("in December") : -1]
    quote = assign_topics(nlp(text), [_quote_of(text, content)])[0]
    assert not [t for t in quote.topics if "December" in t] and quote.entities == ()


@pytest.mark.model
@pytest.mark.shared
def test_topics_seeds_bakhmut_for_four_speakers(nlp, seeds_gold: Path) -> None:
    speakers: set[str] = set()
    for line in seeds_gold.read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        text = article["text"]
        quotes = [
            Quote(
                article["doc_id"],
                str(i),
                text[s:e],
                s,
                e,
                QuoteKind(g["type"]),
                Speaker(g["speaker_name"]),
            )
            for i, g in enumerate(article["quotes"])
            for s, e in [g["quote_span"]]
        ]
        for quote in assign_topics(nlp(text), quotes):
            quote.check(text)
            assert all(text[m.start : m.end] == m.text for m in quote.entities)
            if "Bakhmut" in {m.name for m in quote.entities}:
                speakers.add(quote.speaker.name)
    assert {"John Kirby", "Oleksandr Syrskyi", "Yevgeny Prigozhin", "Serhii Cherevatyi"} <= speakers


@pytest.mark.parametrize(
    ("text", "user", "expected"),
    [
        ("Bakhmut will hold", {"Battle of Bakhmut": ["bakhmut"]}, ("Battle of Bakhmut",)),
        ("The shells ran out", {"ammunition": ["shell", "re:ammo\\w*"]}, ("ammunition",)),
        ("Ammo is short", {"ammunition": ["/ammo(unition)?/"]}, ("ammunition",)),
        (
            "Peace talks stalled",
            {"diplomacy": ["peace talks"], "war": ["offensive"]},
            ("diplomacy",),
        ),
        ("Nothing matches", {"diplomacy": ["peace talks"]}, ()),
        ("The grain deal is off", {"grain deal": []}, ("grain deal",)),
        ("Shellfish are fine", {"ammunition": ["shell"]}, ()),
    ],
    ids=[
        "keyword",
        "plural-and-regex",
        "slash-regex",
        "first-only",
        "none",
        "label-as-keyword",
        "whole-word",
    ],
)
def test_topics_user_topics_take_precedence(
    text: str, user: dict[str, list[str]], expected: tuple[str, ...]
) -> None:
    doc = spacy.blank("en")(text)
    quote = Quote("t", "t:0", text, 0, len(text), QuoteKind.DIRECT, Speaker.unknown())
    assert assign_topics(doc, [quote], user_topics=user)[0].topics == expected


@pytest.mark.model
def test_topics_user_topic_absorbs_derived_topic(nlp) -> None:
    text = "Syrskyi said Russia had failed to capture Bakhmut despite heavy losses."
    quote = _quote_of(text, "Russia had failed to capture Bakhmut despite heavy losses")
    topics = assign_topics(nlp(text), [quote], user_topics={"Battle of Bakhmut": ["Bakhmut"]})[
        0
    ].topics
    assert topics[0] == "Battle of Bakhmut" and "Bakhmut" not in topics and "Russia" not in topics


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "t.yaml",
            "Battle of Bakhmut:\n  - bakhmut\n  - re:bachmut\nsanctions: sanction\n",
            {"Battle of Bakhmut": ["bakhmut", "re:bachmut"], "sanctions": ["sanction"]},
        ),
        (
            "t.json",
            '{"grain deal": ["grain"], "NATO": null}',
            {"grain deal": ["grain"], "NATO": []},
        ),
        ("t.yml", "- Bakhmut\n- sanctions\n", {"Bakhmut": [], "sanctions": []}),
        ("t.txt", '{"Кремль": ["Кремль", "Kremlin"]}', {"Кремль": ["Кремль", "Kremlin"]}),
    ],
    ids=["yaml-map", "json", "yaml-list", "unknown-suffix-json-as-yaml"],
)
def test_topics_load_user_topics(
    tmp_path: Path, name: str, content: str, expected: dict[str, list[str]]
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert load_user_topics(path) == expected


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("bad.json", '{"a": [1, 2]', "not valid JSON"),
        ("bad.yaml", "a: [b, c\n", "not valid YAML"),
        ("bad.yaml", "just a string\n", "expected a non-empty map"),
        ("bad.yaml", "a:\n  - 3\n", "topic 'a': expected a keyword"),
        ("bad.yaml", "a:\n  - 're:(unclosed'\n", "bad pattern"),
        ("bad.json", "{}", "expected a non-empty map"),
    ],
    ids=["json-syntax", "yaml-syntax", "scalar", "number-keyword", "bad-regex", "empty"],
)
def test_topics_load_user_topics_errors(
    tmp_path: Path, name: str, content: str, reason: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputFormatError, match=reason) as caught:
        load_user_topics(path)
    assert str(path) in str(caught.value)


def test_topics_load_user_topics_missing_file_and_reload(tmp_path: Path) -> None:
    path = tmp_path / "topics.yaml"
    with pytest.raises(InputFormatError, match="cannot read topics file"):
        load_user_topics(path)
    path.write_text("a: [x]\n", encoding="utf-8")
    assert load_user_topics(path) == {"a": ["x"]}
    path.write_text("b: [yy]\n", encoding="utf-8")  # a different size: read again
    assert load_user_topics(path) == {"b": ["yy"]}


@pytest.mark.model
def test_topics_list_of_places_gets_one_kind(nlp) -> None:
    text = (
        'He said, "Russia initiated a broad offensive across multiple lines of advance, including toward '
        'Vuhledar, Avdiivka, Bakhmut, and Kreminna."'
    )
    content = text[text.index('"') :]
    quote = assign_topics(nlp(text), [_quote_of(text, content)])[0]
    kinds = {e.name: e.kind.value for e in quote.entities}
    assert {kinds.get(n) for n in ("Vuhledar", "Avdiivka", "Bakhmut", "Kreminna")} == {
        "place"
    }, kinds


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "name", "kind"),
    [
        (
            "Visser said, “We have not seen the Senn this high since 1987.”",
            "“We have not seen the Senn this high since 1987.”",
            "Senn",
            "place",
        ),
        (
            "Visser said families in the Senn valley were still drying out their homes.",
            "families in the Senn valley were still drying out their homes",
            "Senn",
            "place",
        ),
    ],
    ids=["the-name", "name-valley"],
)
def test_topics_places_called_people_are_places(
    nlp, text: str, content: str, name: str, kind: str
) -> None:
    quote = assign_topics(nlp(text), [_quote_of(text, content)])[0]
    assert {(e.name, e.kind.value) for e in quote.entities} >= {(name, kind)}
    assert "valley" not in quote.topics


@pytest.mark.model
def test_topics_quantities_and_lowercase_names_are_no_topics(nlp) -> None:
    text = "Okafor said the strike would cost 30 million crowns a day and that people asked about bin collections."
    content = text[text.index("the strike") : -1]
    quote = assign_topics(nlp(text), [_quote_of(text, content)])[0]
    assert not [t for t in quote.topics if "crown" in t] and "strike" in quote.topics
    assert all(e.name[:1].isupper() for e in quote.entities)
