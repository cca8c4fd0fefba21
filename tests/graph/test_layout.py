"""The large-graph layout, the backbone and the packed page data (issue 16)."""

from __future__ import annotations

import networkx as nx
import pytest

from quotegraph.graph.backbone import backbone_order
from quotegraph.graph.layout import LARGE_GRAPH, layout_positions
from quotegraph.graph.pack import pack_page_data


def _big(nodes: int = LARGE_GRAPH + 200) -> nx.Graph:
    return nx.relabel_nodes(nx.barabasi_albert_graph(nodes, 2, seed=1), str)


@pytest.mark.parametrize("nodes", [5, LARGE_GRAPH + 200], ids=["spring", "grid"])
def test_layout_is_seeded_and_scaled(nodes):
    graph = _big(nodes) if nodes > LARGE_GRAPH else nx.path_graph(list("abcde"))
    first = layout_positions(graph, seed=3)
    assert first == layout_positions(graph, seed=3)
    assert set(first) == {str(n) for n in graph}
    assert max(max(abs(x), abs(y)) for x, y in first.values()) == pytest.approx(1000.0)


def test_layout_warm_start_keeps_the_picture():
    graph = _big()
    before = layout_positions(graph, seed=0)
    grown = graph.copy()
    grown.add_edge("new", "0")
    after = layout_positions(grown, seed=0, previous=before)
    assert "new" in after
    # Known nodes move little: the nearest neighbour of most nodes is unchanged.
    moved = sum(
        1 for n in before if abs(after[n][0] - before[n][0]) + abs(after[n][1] - before[n][1]) > 400
    )
    assert moved < len(before) // 10


@pytest.mark.parametrize(
    ("nodes", "expected"),
    [
        (
            [("a", 9, 0.9, 0), ("b", 8, 0.8, 0), ("c", 7, 0.7, 0), ("d", 1, 0.1, 1), ("e", 0, 0.0, 1),
             ("f", 0, 0.05, 1), ("g", 5, 0.5, 2)],
            ["a", "d", "b", "c", "g", "f", "e"],
        ),
        ([("a", 9, 0.5, None), ("b", 1, 0.9, None), ("c", 0, 0.0, None)], ["a", "b", "c"]),
    ],
    ids=["community-leaders-first", "score"],
)
def test_backbone_order(nodes, expected):
    graph = nx.Graph()
    for node, quotes, centrality, community in nodes:
        graph.add_node(node, quote_count=quotes, centrality=centrality, community=community)
    assert backbone_order(graph) == expected


def test_pack_page_data_keeps_every_field():
    data = {
        "nodes": [{"id": "a", "label": "A", "said": [0], "x": 1.0}, {"id": "b", "label": "B", "said": []}],
        "edges": [{"id": "e0", "from": "a", "to": "b", "relation": "mentions", "weight": 2.0,
                   "role": "r", "topics": ["t"], "article_count": 1, "quotes": [0], "curve": 0.0}],
        "quotes": [{"text": "x", "doc_id": "d", "title": None, "source": "s", "date": None, "url": None,
                    "speaker": "A", "speaker_id": "a", "type": "direct", "anchor": "q-0"}],
        "relations": [{"relation": "mentions"}],
    }  # fmt: skip
    packed = pack_page_data(data)
    assert packed["nodes"][1] == {"id": "b", "label": "B"}
    assert packed["packed"]["edges"] == [[0, 1, 0, 2.0, "r", ["t"], 1, [0], 0.0]]
    assert packed["packed"]["docs"] == [["d", None, "s", None, None]]
    assert packed["packed"]["quotes"] == [[0, 0, 1, "x", "direct", "q-0"]]
    assert packed["packed"]["quote_keys"] == ["text", "type", "anchor"]
