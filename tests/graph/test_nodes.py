"""One node per thing, unnamed sources and topic folding (issue 14), on names we wrote."""

from __future__ import annotations

import pytest

from quotegraph.graph.build import build_speaker_graph as _build_graph
from quotegraph.graph.sources import short_source_label, unnamed_source_node
from quotegraph.model import EntityMention, Quote, QuoteKind, Speaker, SpeakerKind
from quotegraph.nlp.node_ids import body_name, canonical_bodies, settle_ids


def build_speaker_graph(quotes, **options):  # type: ignore[no-untyped-def]
    """The graph of hand-made quotes as the linking stage hands them over (ids settled)."""
    return _build_graph(settle_ids(quotes), **options)


def _quote(doc: str, n: int, speaker: Speaker, topics: tuple[str, ...] = (), **kw: object) -> Quote:
    return Quote(doc, f"{doc}:{n}", "words", n, n + 5, QuoteKind.DIRECT, speaker, topics=topics, **kw)  # type: ignore[arg-type]


def _person(name: str, org: str | None = None) -> Speaker:
    return Speaker(name, kind=SpeakerKind.PERSON, organisation=org)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a senior official close to the presidential office", "senior official"),
        ("aides to gov. chris christie of new jersey, a former federal prosecutor", "aide"),
        ("several residents", "resident"),
        ("two White House officials", "official"),
        ("port officials", "port official"),
        ("shipping agents in Brask", "shipping agent"),
        ("the analysts, who asked not to be named", "analyst"),
    ],
    ids=["modifier-and-clause", "clause-and-apposition", "quantifier", "name-run", "noun-modifier",
         "place", "relative"],
)  # fmt: skip
def test_sources_short_label(name: str, expected: str) -> None:
    assert short_source_label(name) == expected


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [
        (Speaker("a harbour official", kind=SpeakerKind.PERSON), True),
        (Speaker("Business groups", kind=SpeakerKind.GROUP), True),
        (Speaker("Mara Lindqvist", kind=SpeakerKind.PERSON), False),
        (Speaker("Haldport Harbour Authority", kind=SpeakerKind.ORGANISATION), False),
        (Speaker.unknown(), False),
    ],
    ids=["described", "group", "person", "organisation", "unknown"],
)
def test_sources_is_unnamed(speaker: Speaker, expected: bool) -> None:
    assert speaker.is_unnamed is expected


def test_sources_node_per_kind_and_outlet() -> None:
    one = unnamed_source_node(Speaker("a harbour official", kind=SpeakerKind.PERSON), "Northern Ledger")
    two = unnamed_source_node(Speaker("harbour officials", kind=SpeakerKind.GROUP), "Northern Ledger")
    assert one == two == ("group:unnamed-harbour-official-northern-ledger",
                          "unnamed harbour official (Northern Ledger)")  # fmt: skip


UNNAMED = [
    _quote("ledger", 0, Speaker("a harbour official", kind=SpeakerKind.PERSON), source="Northern Ledger"),
    _quote("ledger2", 0, Speaker("harbour officials", kind=SpeakerKind.GROUP), source="Northern Ledger"),
    _quote("mail", 0, Speaker("a harbour official", kind=SpeakerKind.PERSON), source="Haldport Evening Mail"),
    _quote("mail", 5, _person("Mara Lindqvist"), source="Haldport Evening Mail"),
]


def test_build_unnamed_sources_counted_per_outlet_by_default() -> None:
    graph = build_speaker_graph(UNNAMED, layout=False)
    assert [d["kind"] for _, d in graph.nodes(data=True)] == ["person"]
    assert graph.graph["unnamed_source_quotes"] == {"Haldport Evening Mail": 1, "Northern Ledger": 2}


def test_build_unnamed_sources_as_nodes_per_kind_and_outlet() -> None:
    graph = build_speaker_graph(UNNAMED, unnamed_sources="node", layout=False)
    groups = sorted(d["label"] for _, d in graph.nodes(data=True) if d["kind"] == "group")
    assert groups == ["unnamed harbour official (Haldport Evening Mail)",
                      "unnamed harbour official (Northern Ledger)"]  # fmt: skip
    assert graph.nodes["group:unnamed-harbour-official-northern-ledger"]["spoken_count"] == 2


@pytest.mark.parametrize(
    ("option", "value"), [("count", "everything"), ("unnamed_sources", "drop")], ids=["count", "unnamed"]
)
def test_build_rejects_unknown_modes(option: str, value: str) -> None:
    with pytest.raises(ValueError, match=option):
        build_speaker_graph(UNNAMED, **{option: value})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        # Dunmere: the mayor's organisation (an affiliation, no evidence) and a place named in quotes.
        ([("organisation", "Dunmere", 0.0)] * 6 + [("place", "Dunmere", 1.0)] * 2,
         {"organisation:dunmere": "place:dunmere"}),
        ([("organisation", "Haldport Harbour Authority", 1.0), ("organisation", "Harbour Authority", 1.0)],
         {"organisation:harbour-authority": "organisation:haldport-harbour-authority"}),
        ([("organisation", "Corvane Energy", 1.0), ("organisation", "Corvane", 1.0)],
         {"organisation:corvane": "organisation:corvane-energy"}),
        # Two longer names begin with Valmont: no guess.
        ([("organisation", "Valmont City Council", 1.0), ("organisation", "Valmont University", 1.0),
          ("organisation", "Valmont", 1.0)], {}),
        ([("person", "Brask", 1.0), ("place", "Brask", 1.0), ("place", "Brask", 1.0)],
         {"person:brask": "place:brask"}),
    ],
    ids=["kind-by-evidence", "shortened-name", "first-word", "ambiguous", "person-or-place"],
)  # fmt: skip
def test_identity_canonical_bodies(names: list[tuple[str, str, float]], expected: dict[str, str]) -> None:
    assert canonical_bodies(names) == expected


def test_identity_body_names_are_short() -> None:
    name = "Valmont Institute for Flood Studies at the Faculty of Engineering of Valmont University"
    assert len(body_name(name)) <= 60 and body_name(name).startswith("Valmont Institute")


def test_build_one_node_per_thing_with_the_full_name() -> None:
    lindqvist = _person("Mara Lindqvist", "Harbour Authority")
    calloway = _person("Ruth Calloway", "Dunmere")
    quotes = [
        _quote("a", 0, lindqvist),
        _quote("b", 0, Speaker("Haldport Harbour Authority", kind=SpeakerKind.ORGANISATION)),
        _quote("c", 0, calloway, entities=(EntityMention("Dunmere", 0, 7, SpeakerKind.PLACE, "Dunmere"),)),
        _quote("d", 0, calloway),
        _quote("d", 9, _person("Agnes Dahl"),
               entities=(EntityMention("Dunmere", 0, 7, SpeakerKind.PLACE, "Dunmere"),)),
    ]  # fmt: skip
    graph = build_speaker_graph(quotes, layout=False)
    assert graph.nodes["organisation:haldport-harbour-authority"]["label"] == "Haldport Harbour Authority"
    assert "Harbour Authority" in graph.nodes["organisation:haldport-harbour-authority"]["aliases"]
    assert "organisation:harbour-authority" not in graph and "organisation:dunmere" not in graph
    assert graph.has_edge("person:ruth-calloway", "place:dunmere", "affiliated_with")
    assert graph.has_edge("person:agnes-dahl", "place:dunmere", "mentions")


def test_build_topic_naming_an_entity_folds_into_it() -> None:
    """"HALDPORT" from a dateline, "Lindqvist" as a noun phrase: mentions, never topics."""
    reyes, lindqvist = _person("Tomas Reyes"), _person("Mara Lindqvist")
    haldport = (EntityMention("Haldport", 0, 8, SpeakerKind.PLACE, "Haldport"),)

    def said(doc: str, n: int, speaker: Speaker, text: str, topics: tuple[str, ...], **kw: object) -> Quote:
        return Quote(doc, f"{doc}:{n}", text, n, n + len(text), QuoteKind.DIRECT, speaker, topics=topics, **kw)  # type: ignore[arg-type]

    quotes = [
        said("a", 0, reyes, "HALDPORT wants a pay ceiling", ("HALDPORT", "pay ceiling"), entities=haldport),
        said("b", 100, reyes, "Ask Lindqvist about the pay ceiling", ("Lindqvist", "pay ceiling")),
        said("b", 200, lindqvist, "Haldport waits", ("Haldport",), entities=haldport),
        said("c", 0, reyes, "They will see", ("Lindqvist",)),  # named nowhere in the quote: dropped
    ]
    settled = settle_ids(quotes)
    assert [q.topics for q in settled] == [("pay ceiling",), ("pay ceiling",), (), ()]
    folded = settled[1].entities[0]
    assert (folded.text, folded.start, folded.end, folded.name, folded.entity_id) == (
        "Lindqvist", 104, 113, "Mara Lindqvist", "person:mara-lindqvist"
    )
    assert settled[1].text[folded.start - 100 : folded.end - 100] == folded.text
    graph = build_speaker_graph(quotes, layout=False)
    topics = {d["label"] for _, d in graph.nodes(data=True) if d["kind"] == "topic"}
    assert topics == {"pay ceiling"}
    assert graph.has_edge("person:tomas-reyes", "person:mara-lindqvist", "mentions")
    assert graph.has_edge("person:tomas-reyes", "place:haldport", "mentions")
    assert graph.nodes["place:haldport"]["label"] == "Haldport"


def test_settle_ids_a_name_settled_as_a_body_has_no_gender() -> None:
    """Two articles call Corvane a company, one tags it a person with "he": the vote says
    organisation, so the gender a pronoun gave it must not survive on an organisation."""
    as_person = Speaker("Corvane", kind=SpeakerKind.PERSON, gender="male", gender_evidence="pronoun")
    quotes = [
        _quote("a", 0, as_person),
        _quote("b", 0, Speaker("Corvane", kind=SpeakerKind.ORGANISATION)),
        _quote("c", 0, Speaker("Corvane", kind=SpeakerKind.ORGANISATION)),
    ]
    settled = settle_ids(quotes)
    assert {q.speaker.entity_id for q in settled} == {"organisation:corvane"}
    assert [(q.speaker.gender, q.speaker.gender_evidence) for q in settled] == [(None, None)] * 3


def test_settle_ids_a_person_keeps_the_gender() -> None:
    speaker = Speaker("Mara Lindqvist", kind=SpeakerKind.PERSON, gender="female", gender_evidence="pronoun")
    settled = settle_ids([_quote("a", 0, speaker)])
    assert (settled[0].speaker.gender, settled[0].speaker.gender_evidence) == ("female", "pronoun")
