"""Every graph file is written, read back with its own reader and compared."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from quotegraph.errors import QuotegraphError
from quotegraph.graph.build import build_speaker_graph as _build_graph
from quotegraph.graph.export import (
    FILE_NAMES,
    GRAPH_FORMATS,
    export_graph,
    flatten_graph,
    write_edges_csv,
    write_gexf,
    write_graphml,
    write_graphology_json,
    write_json,
    write_nodes_csv,
)
from quotegraph.model import EntityMention, Quote, QuoteKind, Speaker, SpeakerKind
from quotegraph.nlp.node_ids import settle_ids


def build_speaker_graph(quotes, **options):  # type: ignore[no-untyped-def]
    """The graph of hand-made quotes as the linking stage hands them over (ids settled)."""
    return _build_graph(settle_ids(quotes), **options)


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
    white_house = EntityMention("White House", 0, 11, SpeakerKind.ORGANISATION, "White House")
    quotes = [
        _quote(
            "a",
            0,
            kirby,
            ("Bakhmut", "casualty"),
            date="2023-05-01",
            source="CNN\x00",
            entities=(zelensky, white_house),
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
    assert sorted(k for _, _, k in back.edges(keys=True)) == sorted(
        f"e{i}" for i in range(graph.number_of_edges())
    )
    assert all(d["id"] == k for _, _, k, d in back.edges(keys=True, data=True))
    for _, _, data in back.edges(data=True):
        assert data["directed"] is (data["relation"] != "co_quoted")
    assert all("weighted_degree" in d and "degree" not in d for _, d in back.nodes(data=True))


def test_export_graphml_names_are_the_plain_attribute_names(
    tmp_path: Path, graph: nx.MultiDiGraph
) -> None:
    text = write_graphml(graph, tmp_path / "g.graphml").read_text(encoding="utf-8")
    keys = re.findall(r'<key id="([^"]+)" for="(\w+)" attr.name="([^"]+)" attr.type="(\w+)"', text)
    ids = [k[0] for k in keys]
    assert len(ids) == len(set(ids)), "a key id is used twice"
    scoped = {(scope, name) for _, scope, name, _ in keys}
    assert len(scoped) == len(keys), "one name has two types in one scope"
    assert {("node", "role"), ("edge", "role"), ("edge", "first_seen")} <= scoped  # no edge_ prefix
    assert not [name for _, _, name, _ in keys if name.startswith(("edge_", "graph_"))]
    named = {(key_id, scope) for key_id, scope, _, _ in keys}
    assert {("label", "node"), ("kind", "node"), ("relation", "edge"), ("edge.role", "edge")} <= named
    assert "networkx_key" not in text


def _read_gexf(path: Path) -> tuple[dict[str, dict], list[dict]]:  # type: ignore[type-arg]
    """Nodes and edges of a GEXF 1.3 file, with attvalues, viz and XML attributes.

    networkx reads no mixed GEXF (it raises on the undirected ``co_quoted``), so
    the round trip reads the XML itself.
    """
    ns = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
    graph = ET.parse(path).getroot().find("g:graph", ns)
    assert graph is not None
    types = {
        a.get("id"): a.get("type") for a in graph.iterfind("g:attributes/g:attribute", ns)
    }
    cast = {"long": int, "double": float, "boolean": lambda v: v == "true", "string": str}

    def values(element: ET.Element) -> dict[str, object]:
        found = element.iterfind("g:attvalues/g:attvalue", ns)
        return {a.get("for"): cast[types[a.get("for")]](a.get("value")) for a in found}

    nodes = {}
    for node in graph.iterfind("g:nodes/g:node", ns):
        viz = {child.tag.split("}")[1]: dict(child.attrib) for child in node if "viz" in child.tag}
        nodes[node.get("id")] = {**values(node), "@": dict(node.attrib), "viz": viz}
    edges = [{**values(e), "@": dict(e.attrib)} for e in graph.iterfind("g:edges/g:edge", ns)]
    return nodes, edges


def test_export_gexf_roundtrip_with_viz_kinds_and_dates(
    tmp_path: Path, graph: nx.MultiDiGraph
) -> None:
    path = write_gexf(graph, tmp_path / "graph.gexf")
    text = path.read_text(encoding="utf-8")
    assert 'version="1.3"' in text and "gexf.net/1.3" in text and 'timeformat="date"' in text
    nodes, edges = _read_gexf(path)
    assert (len(nodes), len(edges)) == (graph.number_of_nodes(), graph.number_of_edges())
    for node, data in graph.nodes(data=True):
        read = nodes[node]
        assert (read["@"]["label"], read["kind"]) == (data["label"], data["kind"])
        assert read["quote_count"] == data["quote_count"]
        colour = {k: str(data[k]) for k in ("r", "g", "b")}
        assert read["viz"]["color"] == colour
        assert float(read["viz"]["position"]["x"]) == pytest.approx(data["x"])
        assert float(read["viz"]["size"]["value"]) == pytest.approx(data["size"])
        assert not {"x", "y", "size", "color", "r", "g", "b"} & set(read), "viz repeated"
        assert read["@"].get("start") == data.get("first_seen")
        assert read["@"].get("end") == data.get("last_seen")
    assert nodes["person:岸田文雄"]["@"]["start"] == "2023-05-03"
    pairs = {(e["@"]["source"], e["@"]["target"], e["@"]["kind"]) for e in edges}
    assert pairs == {(u, v, k) for u, v, k in graph.edges(keys=True)}
    for edge in edges:
        assert edge["relation"] == edge["@"]["kind"]
        assert (edge["@"].get("type") == "undirected") is (edge["relation"] == "co_quoted")
        assert int(edge["@"]["weight"]) >= 1 and "weight" not in set(edge) - {"@"}
    assert sorted(e["@"]["id"] for e in edges) == sorted(f"e{i}" for i in range(len(edges)))


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
    assert {e["directed"] for e in edges if e["relation"] == "co_quoted"} == {"False"}
    assert all(e["topics_count"] == "0" for e in edges if e["topics"] == "")


@pytest.mark.parametrize("edges_key", ["edges", "links"], ids=["networkx-3.6", "networkx-3.2-3.5"])
def test_export_json_roundtrip_keeps_lists(
    tmp_path: Path, graph: nx.MultiDiGraph, edges_key: str
) -> None:
    """networkx 3.6 reads ``edges`` by default, 3.2 to 3.5 ``links``: both are there."""
    path = write_json(graph, tmp_path / "graph.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    back = nx.node_link_graph(data, edges=edges_key)
    assert (back.number_of_nodes(), back.number_of_edges()) == (
        graph.number_of_nodes(),
        graph.number_of_edges(),
    )
    assert back.is_multigraph() and back.is_directed()
    kirby = back.nodes["person:john-kirby"]
    assert kirby["articles"] == ["a"] and kirby["seen_on"] == "2023-05-01"
    assert back.nodes["person:євген-пригожин"]["label"] == "Євген Пригожин"
    assert back.nodes["person:محمد-العلي"]["role"] == ""  # empty, as in every other format
    assert "null" not in path.read_text(encoding="utf-8")
    assert sorted(k for _, _, k in back.edges(keys=True)) == sorted(
        f"e{i}" for i in range(graph.number_of_edges())
    )
    assert all(isinstance(d["topics"], list) for _, _, d in back.edges(data=True))


def test_export_json_default_reader_of_this_networkx(
    tmp_path: Path, graph: nx.MultiDiGraph
) -> None:
    data = json.loads(write_json(graph, tmp_path / "graph.json").read_text(encoding="utf-8"))
    assert data["edges"] == data["links"]
    assert nx.node_link_graph(data).number_of_edges() == graph.number_of_edges()


def test_export_graphology_json_shape(tmp_path: Path, graph: nx.MultiDiGraph) -> None:
    path = write_graphology_json(graph, tmp_path / "graph.graphology.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["options"] == {"type": "mixed", "multi": True, "allowSelfLoops": True}
    assert {n["key"] for n in data["nodes"]} == set(graph.nodes)
    assert all(set(n) == {"key", "attributes"} for n in data["nodes"])
    for edge in data["edges"]:
        assert set(edge) == {"key", "source", "target", "undirected", "attributes"}
        assert edge["undirected"] is (edge["attributes"]["relation"] == "co_quoted")
        assert "directed" not in edge["attributes"]
    assert data["attributes"]["total_quotes"] == graph.graph["total_quotes"]


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
    assert "<nodes count=\"0\"" in (tmp_path / "graph.gexf").read_text(encoding="utf-8")
    assert len(files) == 6


@pytest.mark.parametrize(("cap", "kept"), [(1, 1), (3, 3), (100, 5)], ids=["1", "3", "over"])
def test_export_caps_lists_in_graph_files_not_in_csv(tmp_path: Path, cap: int, kept: int) -> None:
    raw = nx.MultiDiGraph()
    raw.add_edge("person:a", "topic:b", key="speaks_about", quote_ids=[f"q{i}" for i in range(5)])
    export_graph(raw, tmp_path, max_list_items=cap)
    data = json.loads((tmp_path / "graph.json").read_text(encoding="utf-8"))
    edge = data["edges"][0]
    assert (edge["quote_ids"], edge["quote_ids_count"]) == ([f"q{i}" for i in range(kept)], 5)
    graphml = nx.read_graphml(tmp_path / "graph.graphml")
    assert next(iter(graphml.edges(data=True)))[2]["quote_ids"] == "; ".join(edge["quote_ids"])
    with open(tmp_path / "edges.csv", encoding="utf-8", newline="") as handle:
        assert next(csv.DictReader(handle))["quote_ids"] == "q0; q1; q2; q3; q4"


def test_export_rejects_a_cap_below_one(tmp_path: Path) -> None:
    with pytest.raises(QuotegraphError, match="max_list_items must be at least 1, not 0"):
        export_graph(nx.MultiDiGraph(), tmp_path, max_list_items=0)


def test_export_writes_empty_values_the_same_everywhere(
    tmp_path: Path, graph: nx.MultiDiGraph
) -> None:
    """``topics`` is ``""`` (JSON: ``[]``) on edges without topics, never absent."""
    files = _files(tmp_path, graph)
    graphml = nx.read_graphml(files["graph.graphml"])
    assert all(d["topics"] == "" or d["topics_count"] > 0 for _, _, d in graphml.edges(data=True))
    assert all("role" in d for _, d in graphml.nodes(data=True))
    _, gexf_edges = _read_gexf(files["graph.gexf"])
    assert all("topics" in e for e in gexf_edges)
    data = json.loads(files["graph.json"].read_text(encoding="utf-8"))
    assert all(e["topics"] == [] or e["topics_count"] > 0 for e in data["edges"])
    assert any(e["topics"] == [] for e in data["edges"]), "the fixture needs an edge without topics"


def _graphml_by_string_round_trip(flat: nx.MultiDiGraph) -> bytes:
    """How graph.graphml was written before the direct writer: networkx's text, parsed again."""
    import io
    import xml.etree.ElementTree as ET

    ns = "{http://graphml.graphdrawing.org/xmlns}"
    flat = flat.copy()
    for _, _, key, data in flat.edges(keys=True, data=True):
        data["id"] = key
    root = ET.fromstring("".join(nx.generate_graphml(flat, named_key_ids=False)))
    scopes = {"graph": 0, "node": 1, "edge": 2}
    keys = sorted(root.iterfind(f"{ns}key"), key=lambda k: (scopes.get(k.get("for", ""), 3), k.get("attr.name", "")))
    renamed: dict[str, str] = {}
    for key in keys:
        name = key.get("attr.name", "")
        new_id = name if name not in renamed.values() else f"{key.get('for', 'all')}.{name}"
        renamed[key.get("id", "")] = new_id
        key.set("id", new_id)
        root.remove(key)
    for index, key in enumerate(keys):
        root.insert(index, key)
    for data in root.iter(f"{ns}data"):
        data.set("key", renamed[data.get("key", "")])
    for element in root.iter():
        element.tag = element.tag.removeprefix(ns)
    root.set("xmlns", "http://graphml.graphdrawing.org/xmlns")
    ET.indent(root, space="  ")
    buffer = io.BytesIO()
    ET.ElementTree(root).write(buffer, encoding="utf-8", xml_declaration=True)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "role",
    ["plain", "two\nlines", "crlf\r\nend", "vertical\x0btab", "tab\tkept", "line\u2028separator", "<&> \"quoted\" é"],
    ids=["plain", "newline", "crlf", "vtab", "tab", "u2028", "markup"],
)
def test_export_graphml_bytes_as_the_string_round_trip_wrote_them(tmp_path: Path, role: str) -> None:
    from quotegraph.graph.export import _prepared, _write_graphml

    graph = nx.MultiDiGraph(name="g")
    graph.add_node("person:ann-lee", label="Ann Lee", kind="person", quote_count=2)
    graph.add_node("organisation:port", label=f"Port {role}", kind="organisation", quote_count=0)
    graph.add_edge("person:ann-lee", "organisation:port", key="e0", relation="member_of", role=role, weight=1.5)
    flat = _prepared(graph)
    written = _write_graphml(flat, tmp_path / "graph.graphml").read_bytes()
    assert written == _graphml_by_string_round_trip(flat)
