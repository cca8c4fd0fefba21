"""One look for every view of the graph: colours per kind, sizes, a seeded layout.

The HTML view (`quotegraph.views.page`) and the Gephi exports
(`quotegraph.graph.export`) both read the node attributes set here, so a node
has the same colour and place everywhere.

Examples
--------
>>> kind_colour("person")
'#4e79a7'
>>> hex_to_rgb(kind_colour("topic"))
(176, 122, 161)
>>> node_size(0.0, 1.0), node_size(1.0, 1.0)
(10.0, 40.0)
"""

from __future__ import annotations

import math
from typing import Mapping

import networkx as nx

from quotegraph.graph.layout import layout_positions
from quotegraph.graph.layout import simple_weighted as project_undirected

__all__ = [
    "KIND_COLOURS",
    "COMMUNITY_COLOURS",
    "GENDER_COLOURS",
    "kind_colour",
    "community_colour",
    "hex_to_rgb",
    "node_size",
    "project_undirected",
    "layout_positions",
    "apply_style",
]

#: Node colour per kind (Tableau 10, readable on white and on Gephi's grey).
KIND_COLOURS: Mapping[str, str] = {
    "person": "#4e79a7",
    "organisation": "#f28e2b",
    "place": "#59a14f",
    "topic": "#b07aa1",
    "group": "#edc948",
    "unknown": "#bab0ac",
}

#: Colours for community ids 0, 1, 2, ... (cycled when there are more).
COMMUNITY_COLOURS: tuple[str, ...] = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
)  # fmt: skip

#: Node colour per speaker gender on the page ("none": not a person; Okabe-Ito, colour-blind safe).
GENDER_COLOURS: Mapping[str, str] = {
    "female": "#cc79a7",
    "male": "#0072b2",
    "unknown": "#e69f00",
    "none": "#d9d9d9",
}

_MIN_SIZE = 10.0
_MAX_SIZE = 40.0


def kind_colour(kind: str) -> str:
    """Hex colour of a node kind; unknown kinds are grey.

    >>> kind_colour("no-such-kind")
    '#bab0ac'
    """
    return KIND_COLOURS.get(kind, KIND_COLOURS["unknown"])


def community_colour(community: int) -> str:
    """Hex colour of a community id, cycling through `COMMUNITY_COLOURS`.

    >>> community_colour(0) == community_colour(len(COMMUNITY_COLOURS))
    True
    """
    return COMMUNITY_COLOURS[community % len(COMMUNITY_COLOURS)]


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    """``"#rrggbb"`` as three integers (what Gephi reads as ``r``/``g``/``b``).

    >>> hex_to_rgb("#ff8000")
    (255, 128, 0)
    """
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"colour {colour!r} is not of the form '#rrggbb'")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def node_size(centrality: float, max_centrality: float) -> float:
    """Display size from 10 to 40, growing with the square root of centrality."""
    if max_centrality <= 0:
        return _MIN_SIZE
    share = max(0.0, min(1.0, centrality / max_centrality))
    return round(_MIN_SIZE + (_MAX_SIZE - _MIN_SIZE) * math.sqrt(share), 2)


def apply_style(
    graph: nx.MultiDiGraph, *, seed: int = 0, previous: Mapping[str, tuple[float, float]] | None = None
) -> None:
    """Set ``x``, ``y``, ``size``, ``color`` and ``r``/``g``/``b`` on every node, in place.

    ``size`` follows the node's ``centrality`` attribute (0 when absent) and
    ``color`` its ``kind``; ``x``/``y`` come from `quotegraph.graph.layout.layout_positions`
    (``previous`` positions warm-start it).

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("person:a", kind="person", centrality=1.0)
    >>> apply_style(g)
    >>> g.nodes["person:a"]["color"], g.nodes["person:a"]["size"]
    ('#4e79a7', 40.0)
    """
    positions = layout_positions(graph, seed=seed, previous=previous)
    centralities = [float(d.get("centrality", 0.0)) for _, d in graph.nodes(data=True)]
    top = max(centralities, default=0.0)
    for node, data in graph.nodes(data=True):
        colour = kind_colour(str(data.get("kind", "unknown")))
        data["x"], data["y"] = positions.get(str(node), (0.0, 0.0))
        data["size"] = node_size(float(data.get("centrality", 0.0)), top)
        data["color"] = colour
        data["r"], data["g"], data["b"] = hex_to_rgb(colour)
