"""The speaker graph from hand-made quotes (no model)."""

from __future__ import annotations

import networkx as nx
import pytest

from quotegraph.graph.build import build_speaker_graph as _build_graph
from quotegraph.model import EntityMention, Quote, QuoteKind, Speaker, SpeakerKind, TextSpan
from quotegraph.nlp.node_ids import settle_ids


def build_speaker_graph(quotes, **options):  # type: ignore[no-untyped-def]
    """The graph of hand-made quotes as the linking stage hands them over (ids settled)."""
    return _build_graph(settle_ids(quotes), **options)


def _speaker(name: str, org: str | None = None, role: str | None = None, **kw: object) -> Speaker:
    kind = kw.pop("kind", SpeakerKind.PERSON)
    return Speaker(name, kind=kind, organisation=org, role=role, **kw)  # type: ignore[arg-type]


def _quote(doc: str, n: int, speaker: Speaker, topics: tuple[str, ...] = (), **kw: object) -> Quote:
    return Quote(doc, f"{doc}:{n}", "words", n, n + 5, QuoteKind.DIRECT, speaker, topics=topics, **kw)  # type: ignore[arg-type]


def _mention(name: str, kind: SpeakerKind, text: str | None = None) -> EntityMention:
    return EntityMention(text or name, 0, len(text or name), kind, name)


KIRBY = _speaker("John Kirby", "White House", "spokesperson")
SYRSKYI = _speaker("Oleksandr Syrskyi", "Ukrainian ground forces", "commander")
PRIGOZHIN = _speaker("Yevgeny Prigozhin", "Wagner", "head")
CHEREVATYI = _speaker("Serhii Cherevatyi", "Eastern Grouping", "spokesperson")


@pytest.fixture()
def corpus() -> list[Quote]:
    return [
        _quote("cnn", 0, KIRBY, ("Bakhmut", "casualty"), date="2023-05-01", source="CNN"),
        _quote("cnn", 10, CHEREVATYI, ("Bakhmut",), date="2023-05-01", source="CNN"),
        _quote("cnn", 20, Speaker.unknown(), ("Bakhmut",), date="2023-05-01", source="CNN"),
        _quote("wion", 0, KIRBY, ("the Bakhmut",), date="2023-05-02", source="WION"),
        _quote("wion", 10, SYRSKYI, ("bakhmut", "position"), date="2023-05-02", source="WION"),
        _quote("wion", 20, PRIGOZHIN, ("Bakhmut", "artillery shell"), date="2023-05-02",
               entities=(_mention("Kirby", SpeakerKind.PERSON),)),
        _quote("wion", 30, SYRSKYI, ("position",), date="2023-05-02", source="WION"),
    ]  # fmt: skip


def _relations(graph: nx.MultiDiGraph, node: str) -> set[tuple[str, str]]:
    return {(k, v) for _, v, k in graph.out_edges(node, keys=True)}


def test_build_person_nodes_with_labels_and_roles(corpus: list[Quote]) -> None:
    graph = build_speaker_graph(corpus)
    people = {n: d for n, d in graph.nodes(data=True) if d["kind"] == "person"}
    assert sorted(people) == [
        "person:john-kirby",
        "person:oleksandr-syrskyi",
        "person:serhii-cherevatyi",
        "person:yevgeny-prigozhin",
    ]
    kirby = people["person:john-kirby"]
    assert (kirby["label"], kirby["role"], kirby["organisation"]) == (
        "John Kirby",
        "spokesperson",
        "White House",
    )
    assert (kirby["spoken_count"], kirby["articles"], kirby["sources"]) == (
        2,
        ["cnn", "wion"],
        ["CNN", "WION"],
    )
    assert (kirby["first_seen"], kirby["last_seen"]) == ("2023-05-01", "2023-05-02")


@pytest.mark.parametrize(
    ("speaker", "organisation", "role"),
    [
        ("person:john-kirby", "organisation:white-house", "spokesperson"),
        ("person:yevgeny-prigozhin", "organisation:wagner", "head"),
    ],
    ids=["kirby-white-house", "prigozhin-wagner"],
)
def test_build_affiliated_with_edge(
    corpus: list[Quote], speaker: str, organisation: str, role: str
) -> None:
    graph = build_speaker_graph(corpus)
    edge = graph.edges[speaker, organisation, "affiliated_with"]
    assert (edge["relation"], edge["role"]) == ("affiliated_with", role)
    assert edge["weight"] == len(edge["quote_ids"]) >= 1
    assert graph.nodes[organisation]["kind"] == "organisation"


def test_build_bakhmut_topic_merges_variants_and_links_speakers(corpus: list[Quote]) -> None:
    graph = build_speaker_graph(corpus)
    topics = [n for n, d in graph.nodes(data=True) if d["kind"] == "topic"]
    assert "topic:bakhmut" in topics and "topic:the-bakhmut" not in topics
    speakers = {u for u, _, k in graph.in_edges("topic:bakhmut", keys=True) if k == "speaks_about"}
    assert speakers == {
        "person:john-kirby",
        "person:serhii-cherevatyi",
        "person:oleksandr-syrskyi",
        "person:yevgeny-prigozhin",
    }
    assert graph.nodes["topic:bakhmut"]["label"] == "Bakhmut"
    assert (
        graph.nodes["topic:bakhmut"]["quote_count"] == 5
    )  # the unknown speaker's quote is left out


@pytest.mark.parametrize(
    ("min_support", "expected"),
    [
        (1, {"topic:artillery-shell", "topic:bakhmut", "topic:casualty", "topic:position"}),
        # "position": Syrskyi twice in one article, one speaker and one article.
        (2, {"topic:bakhmut"}),
        (4, {"topic:bakhmut"}),  # four speakers, two articles
        (5, set()),
    ],
    ids=["one", "two", "four", "five"],
)
def test_build_min_topic_support(corpus: list[Quote], min_support: int, expected: set[str]) -> None:
    graph = build_speaker_graph(corpus, min_topic_support=min_support)
    assert {n for n, d in graph.nodes(data=True) if d["kind"] == "topic"} == expected


def test_build_co_quoted_weight_counts_articles() -> None:
    quotes = [
        _quote(doc, n, speaker, ("Bakhmut",))
        for doc in ("a", "b")
        for n, speaker in enumerate((KIRBY, SYRSKYI))
    ] + [
        _quote("c", 0, KIRBY, ("Bakhmut",)),
        _quote("c", 1, PRIGOZHIN, ("casualty",)),
        _quote("d", 0, PRIGOZHIN, ("casualty",)),
    ]
    graph = build_speaker_graph(quotes)
    edge = graph.edges["person:john-kirby", "person:oleksandr-syrskyi", "co_quoted"]
    assert (edge["weight"], edge["doc_ids"], edge["topics"]) == (2, ["a", "b"], ["topic:bakhmut"])
    assert not graph.has_edge("person:john-kirby", "person:yevgeny-prigozhin")


def test_build_unknown_speakers_left_out_and_counted(corpus: list[Quote]) -> None:
    graph = build_speaker_graph(corpus)
    assert "unknown:unknown" not in graph and not any(
        d["kind"] == "unknown" for _, d in graph.nodes(data=True)
    )
    assert (graph.graph["unknown_speaker_quotes"], graph.graph["total_quotes"]) == (1, 7)


def test_build_mention_of_surname_links_to_speaker(corpus: list[Quote]) -> None:
    graph = build_speaker_graph(corpus)
    assert ("mentions", "person:john-kirby") in _relations(graph, "person:yevgeny-prigozhin")
    assert "person:kirby" not in graph


def test_build_mention_kind_by_majority_and_self_mention_skipped() -> None:
    bakhmut = [
        _mention("Bakhmut", SpeakerKind.PLACE),
        _mention("Bakhmut", SpeakerKind.ORGANISATION, "Bakhmut's"),
        _mention("Bakhmut", SpeakerKind.PLACE),
        _mention("John Kirby", SpeakerKind.PERSON),
    ]
    quotes = [_quote("a", n, KIRBY, entities=(m,)) for n, m in enumerate(bakhmut)]
    graph = build_speaker_graph(quotes)
    assert "place:bakhmut" in graph and "organisation:bakhmut" not in graph
    assert graph.edges["person:john-kirby", "place:bakhmut", "mentions"]["weight"] == 3
    assert not graph.has_edge("person:john-kirby", "person:john-kirby")
    assert graph.nodes["place:bakhmut"]["aliases"] == ["Bakhmut's"]


def test_build_aliases_from_mentions_sharing_a_word() -> None:
    text = "White House official John Kirby said it. He said more."
    mentions = [TextSpan.of(text, 0, 31), TextSpan.of(text, 41, 43)]
    quotes = [
        _quote("a", n, Speaker("John Kirby", mention=m, kind=SpeakerKind.PERSON))
        for n, m in enumerate(mentions)
    ]
    graph = build_speaker_graph(quotes)
    assert graph.nodes["person:john-kirby"]["aliases"] == ["White House official John Kirby"]


def test_build_same_graph_from_dicts_in_any_order(corpus: list[Quote]) -> None:
    first = build_speaker_graph(corpus, seed=3)
    reread = [Quote.from_dict(q.to_dict()) for q in reversed(corpus)]
    second = build_speaker_graph(reread, seed=3)
    assert list(first.nodes(data=True)) == list(second.nodes(data=True))
    assert list(first.edges(keys=True, data=True)) == list(second.edges(keys=True, data=True))
    assert first.graph == second.graph


def test_build_communities_centrality_and_style_on_every_node(corpus: list[Quote]) -> None:
    graph = build_speaker_graph(corpus)
    for _, data in graph.nodes(data=True):
        assert isinstance(data["community"], int) and data["community"] >= 0
        assert 0.0 <= data["centrality"] <= 1.0
        assert {"x", "y", "size", "r", "g", "b", "color"} <= set(data)
    communities = {d["community"] for _, d in graph.nodes(data=True)}
    assert communities == set(range(len(communities)))


def test_build_without_layout_has_no_positions(corpus: list[Quote]) -> None:
    graph = build_speaker_graph(corpus, layout=False)
    assert not any("x" in d for _, d in graph.nodes(data=True))


def test_build_empty_and_unknown_only() -> None:
    assert build_speaker_graph([]).number_of_nodes() == 0
    graph = build_speaker_graph([_quote("a", 0, Speaker.unknown(), ("Bakhmut",))])
    assert graph.number_of_nodes() == 0 and graph.graph["unknown_speaker_quotes"] == 1


@pytest.mark.parametrize("value", [0, -1], ids=["zero", "negative"])
def test_build_rejects_min_support_below_one(value: int) -> None:
    with pytest.raises(ValueError, match="min_topic_support"):
        build_speaker_graph([], min_topic_support=value)


def test_build_non_latin_and_group_speakers() -> None:
    quotes = [
        _quote("a", 0, _speaker("Євген Пригожин", "Вагнер", "голова"), ("Бахмут",)),
        _quote("a", 1, _speaker("the West", kind=SpeakerKind.GROUP), ("Бахмут",)),
    ]
    graph = build_speaker_graph(quotes, unnamed_sources="node", min_topic_support=1)
    assert graph.nodes["person:євген-пригожин"]["label"] == "Євген Пригожин"
    assert graph.nodes["group:west-unknown-outlet"]["kind"] == "group"
    assert graph.has_edge("person:євген-пригожин", "organisation:вагнер", "affiliated_with")
    assert graph.has_edge("group:west-unknown-outlet", "person:євген-пригожин", "co_quoted")
