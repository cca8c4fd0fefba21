"""Every graph file is written, read back with its own reader and compared."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import json
import re
from pathlib import Path

import networkx as nx
import pytest

from quotegraph.errors import QuotegraphError
from quotegraph.graph.build import build_speaker_graph
from quotegraph.graph.export import (
    FILE_NAMES,
    GRAPH_FORMATS,
    export_graph,
    flatten_graph,
    write_edges_csv,
    write_gexf,
    write_graphml,
    write_json,
    write_nodes_csv,
)
from quotegraph.model import EntityMention, Quote, QuoteKind, Speaker, SpeakerKind

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _quote(doc: str, n: int, speaker: Speaker, topics: tuple[str, ...], **kw: object) -> Quote:
    return Quote(doc, f"{doc}:{n}", "words", n, n + 5, QuoteKind.INDIRECT, speaker, topics=topics, **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    """None fields, lists, dates, non-Latin names and control characters."""
    kirby = Speaker(
        "John Kirby", kind=SpeakerKind.PERSON, role="spokes\x01person", organisation="White House"
    )
    prigozhin = Speaker("Євген Пригожин", kind=SpeakerKind.PERSON, role=None, organisation="Вагнер")
    arabic = Speaker("محمد العلي", kind=SpeakerKind.PERSON, organisation=None)
    japanese = Speaker("岸田文雄", kind=SpeakerKind.PERSON, organisation="内閣\x0b")
    zelensky = EntityMention("Zelensky", 0, 8, SpeakerKind.PERSON, "Volodymyr Zelensky")
    quotes = [
        _quote(
            "a",
            0,
            kirby,
            ("Bakhmut", "casualty"),
            date="2023-05-01",
            source="CNN\x00",
            entities=(zelensky,),
        ),
        _quote("a", 10, prigozhin, ("Bakhmut",), date="2023-05-01", source=None),
        _quote("b", 0, arabic, ("Bakhmut", "casualty"), date=None, source="Al Jazeera"),
        _quote("b", 10, japanese, ("Бахмут", "Бахмут"), date="2023-05-03T10:00:00", source="NHK"),
        _quote("c", 0, japanese, ("Бахмут",), date="2023-05-04", source="NHK"),
        _quote("c", 10, Speaker.unknown(), ("Bakhmut",), date="2023-05-04"),
    ]
    built = build_speaker_graph(quotes)
    built.nodes["person:john-kirby"]["seen_on"] = dt.date(
        2023, 5, 1
    )  # a date object, as a user might add
    return built


def _files(tmp_path: Path, graph: nx.MultiDiGraph) -> dict[str, Path]:
    written = export_graph(graph, tmp_path)
    return {p.name: p for p in written}


def test_export_writes_every_format(tmp_path: Path, graph: nx.MultiDiGraph) -> None:
    names = sorted(_files(tmp_path, graph))
    assert names == sorted(name for fmt in GRAPH_FORMATS for name in FILE_NAMES[fmt])
    assert not list(tmp_path.glob(".*.tmp")), "temporary files were left behind"


def test_export_graphml_roundtrip(tmp_path: Path, graph: nx.MultiDiGraph) -> None:
    path = write_graphml(graph, tmp_path / "graph.graphml")
    back = nx.read_graphml(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (
        graph.number_of_nodes(),
        graph.number_of_edges(),
    )
    for node, data in graph.nodes(data=True):
        read = back.nodes[node]
        assert (read["label"], read["kind"]) == (CONTROL.sub("", data["label"]), data["kind"])
        assert (read["quote_count"], read["community"]) == (data["quote_count"], data["community"])
        assert (read["r"], read["g"], read["b"]) == (data["r"], data["g"], data["b"])
        assert read["articles"] == "; ".join(data["articles"]) and read["articles_count"] == len(
            data["articles"]
        )
        assert {"x", "y", "size"} <= set(read)
    relations = sorted(d["relation"] for _, _, d in back.edges(data=True))
    assert relations == sorted(d["relation"] for _, _, d in graph.edges(data=True))
    assert all(isinstance(d["weight"], int) for _, _, d in back.edges(data=True))


def test_export_graphml_named_keys_one_type_each(tmp_path: Path, graph: nx.MultiDiGraph) -> None:
    text = write_graphml(graph, tmp_path / "g.graphml").read_text(encoding="utf-8")
    keys = re.findall(r'<key id="([^"]+)" for="(\w+)" attr.name="([^"]+)" attr.type="(\w+)"', text)
    ids = [k[0] for k in keys]
    assert "label" in ids and "kind" in ids and "relation" in ids and "weight" in ids
    assert len(ids) == len(set(ids)), "a key id is used twice"
    assert all(key_id == name for key_id, _, name, _ in keys)
    assert ("edge_role", "edge") in {
        (k[0], k[1]) for k in keys
    }  # edge "role" renamed, node "role" kept


def test_export_gexf_roundtrip_with_viz_and_dates(tmp_path: Path, graph: nx.MultiDiGraph) -> None:
    path = write_gexf(graph, tmp_path / "graph.gexf")
    text = path.read_text(encoding="utf-8")
    assert 'version="1.2"' in text and "gexf.net/1.2draft" in text and 'timeformat="date"' in text
    back = nx.read_gexf(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (
        graph.number_of_nodes(),
        graph.number_of_edges(),
    )
    for node, data in graph.nodes(data=True):
        read = back.nodes[node]
        assert (read["label"], read["kind"]) == (data["label"], data["kind"])
        colour = read["viz"]["color"]
        assert (colour["r"], colour["g"], colour["b"]) == (data["r"], data["g"], data["b"])
        assert read["viz"]["position"]["x"] == pytest.approx(data["x"])
        assert read.get("start") == data.get("first_seen") and read.get("end") == data.get(
            "last_seen"
        )
    assert back.nodes["person:岸田文雄"]["start"] == "2023-05-03"


def test_export_csv_roundtrip(tmp_path: Path, graph: nx.MultiDiGraph) -> None:
    nodes_path = write_nodes_csv(graph, tmp_path / "nodes.csv")
    edges_path = write_edges_csv(graph, tmp_path / "edges.csv")
    with open(nodes_path, encoding="utf-8", newline="") as handle:
        nodes = {row["id"]: row for row in csv.DictReader(handle)}
    with open(edges_path, encoding="utf-8", newline="") as handle:
        edges = list(csv.DictReader(handle))
    assert set(nodes) == set(graph.nodes) and len(edges) == graph.number_of_edges()
    kirby = nodes["person:john-kirby"]
    assert (kirby["label"], kirby["kind"], kirby["role"]) == (
        "John Kirby",
        "person",
        "spokesperson",
    )
    assert (
        kirby["articles"] == "a"
        and int(kirby["quote_count"]) == graph.nodes["person:john-kirby"]["quote_count"]
    )
    assert list(nodes["person:john-kirby"])[:3] == ["id", "label", "kind"]
    pairs = {(e["source"], e["target"], e["relation"]) for e in edges}
    assert pairs == {(u, v, k) for u, v, k in graph.edges(keys=True)}
    assert all(int(e["weight"]) >= 1 for e in edges)


def test_export_json_roundtrip_keeps_lists(tmp_path: Path, graph: nx.MultiDiGraph) -> None:
    path = write_json(graph, tmp_path / "graph.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    back = nx.node_link_graph(data, edges="edges")
    assert (back.number_of_nodes(), back.number_of_edges()) == (
        graph.number_of_nodes(),
        graph.number_of_edges(),
    )
    assert back.is_multigraph() and back.is_directed()
    kirby = back.nodes["person:john-kirby"]
    assert kirby["articles"] == ["a"] and kirby["seen_on"] == "2023-05-01"
    assert back.nodes["person:євген-пригожин"]["label"] == "Євген Пригожин"
    assert "role" not in back.nodes["person:محمد-العلي"]  # None is dropped, not written as null
    assert "null" not in path.read_text(encoding="utf-8")


def test_export_strips_control_characters_everywhere(
    tmp_path: Path, graph: nx.MultiDiGraph
) -> None:
    for path in _files(tmp_path, graph).values():
        text = path.read_text(encoding="utf-8")
        assert not CONTROL.search(
            text.replace("\n", "").replace("\r", "").replace("\t", "")
        ), path.name
        assert "\\u0001" not in text and "\\u000b" not in text, path.name


def test_export_leaves_graph_unchanged(tmp_path: Path, graph: nx.MultiDiGraph) -> None:
    before = copy.deepcopy(graph)
    _files(tmp_path, graph)
    assert list(before.nodes(data=True)) == list(graph.nodes(data=True))
    assert list(before.edges(keys=True, data=True)) == list(graph.edges(keys=True, data=True))


def test_export_overwrites_atomically(tmp_path: Path, graph: nx.MultiDiGraph) -> None:
    target = tmp_path / "graph.graphml"
    target.write_text("old", encoding="utf-8")
    write_graphml(graph, target)
    assert nx.read_graphml(target).number_of_nodes() == graph.number_of_nodes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.graphml"]


@pytest.mark.parametrize("formats", [("pdf",), ("graphml", "svg")], ids=["pdf", "graphml-and-svg"])
def test_export_unknown_format_raises(
    tmp_path: Path, graph: nx.MultiDiGraph, formats: tuple[str, ...]
) -> None:
    with pytest.raises(QuotegraphError, match="allowed: graphml, gexf, csv, json"):
        export_graph(graph, tmp_path, formats=formats)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ((1, 2.5), (1.0, 2.5)),
        ((1, "a"), ("1", "a")),
        ((True, "x"), ("True", "x")),
        ((3, 4), (3, 4)),
    ],
    ids=["int-float", "int-str", "bool-str", "int-int"],
)
def test_export_flatten_unifies_types(
    values: tuple[object, object], expected: tuple[object, object]
) -> None:
    raw = nx.MultiDiGraph()
    raw.add_node("a", value=values[0])
    raw.add_node("b", value=values[1])
    flat = flatten_graph(raw)
    assert (flat.nodes["a"]["value"], flat.nodes["b"]["value"]) == expected
    assert flat.nodes["a"]["label"] == "a" and flat.nodes["a"]["kind"] == "unknown"


def test_export_graph_without_layout_gets_one(tmp_path: Path) -> None:
    raw = nx.MultiDiGraph()
    raw.add_edge("person:a\x02", "topic:b", key="speaks_about", weight=1)
    back = nx.read_graphml(write_graphml(raw, tmp_path / "g.graphml"))
    assert sorted(back.nodes) == ["person:a", "topic:b"]
    assert all({"x", "y", "size", "r", "g", "b"} <= set(d) for _, d in back.nodes(data=True))
    assert [d["relation"] for _, _, d in back.edges(data=True)] == ["speaks_about"]


def test_export_empty_graph(tmp_path: Path) -> None:
    files = export_graph(nx.MultiDiGraph(), tmp_path)
    assert nx.read_graphml(tmp_path / "graph.graphml").number_of_nodes() == 0
    assert nx.read_gexf(tmp_path / "graph.gexf").number_of_nodes() == 0
    assert len(files) == 5
