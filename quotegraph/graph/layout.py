"""Node positions for every view of the graph, from ten nodes to an archive of 50,000.

`layout_positions` is the one layout function: the page, the Gephi exports
and the notebook all read the ``x``/``y`` it gives. Small graphs get a
networkx spring layout; graphs above `LARGE_GRAPH` nodes get igraph's
Fruchterman-Reingold with its grid approximation (repulsion only between
nodes in neighbouring grid cells, so one step costs O(n + m), not O(n²)).
``docs/html.md`` compares it with ForceAtlas2 (Barnes-Hut) and DrL on a
5,000-article graph; ``benchmarks/layouts.py`` repeats the comparison.

A re-run passes the positions of the previous run as ``previous``: known
nodes start where they were and new ones beside their neighbours, and a short
run of steps settles them, so an archive that grows by 50 articles keeps its
picture and costs a fraction of a fresh layout.

Examples
--------
>>> import networkx as nx
>>> g = nx.path_graph(["a", "b", "c"])
>>> layout_positions(g, seed=1) == layout_positions(g, seed=1)
True
>>> sorted(layout_positions(g, seed=1))
['a', 'b', 'c']
"""

from __future__ import annotations

import math
import random
from typing import Any, Mapping

import networkx as nx
import numpy as np

__all__ = ["LARGE_GRAPH", "layout_positions", "simple_weighted"]

#: Above this many nodes the O(n + m) grid layout replaces the O(n²) spring layout.
LARGE_GRAPH = 300
#: Steps of the grid layout on a fresh run, and when warm-started from ``previous``.
_STEPS_FRESH, _STEPS_WARM = 500, 60
_SCALE = 1000.0

Position = tuple[float, float]


def layout_positions(
    graph: nx.Graph,
    *,
    seed: int = 0,
    scale: float = _SCALE,
    previous: Mapping[str, Position] | None = None,
) -> dict[str, Position]:
    """Seeded positions within ``[-scale, scale]``, rounded to 0.01, keyed by ``str(node)``.

    Parameters
    ----------
    graph : networkx.Graph
        Any networkx graph; multigraph edges are summed by ``weight`` and
        direction is ignored.
    seed : int, optional (default=0)
        The same graph and seed give the same positions.
    scale : float, optional (default=1000.0)
        Half the width of the drawing, in Gephi's units.
    previous : mapping of str to (x, y), optional (default=None)
        Positions from an earlier run (``graph.json`` or the layout cache):
        nodes found there start from them, and fewer steps are run.

    Returns
    -------
    dict of str to (float, float)

    Notes
    -----
    Edge weights are log-damped (``1 + log w``) so one very heavy link does
    not collapse the drawing. The grid layout is Fruchterman and Reingold
    (1991), "Graph drawing by force-directed placement", section 5.
    """
    if graph.number_of_nodes() == 0:
        return {}
    simple = simple_weighted(graph)
    for _, _, data in simple.edges(data=True):
        data["weight"] = 1.0 + math.log(data["weight"])
    if simple.number_of_nodes() <= LARGE_GRAPH:
        raw = nx.spring_layout(simple, seed=seed, weight="weight", iterations=50)
        points = {str(n): (float(xy[0]), float(xy[1])) for n, xy in raw.items()}
    else:
        points = _grid_layout(simple, seed=seed, previous=previous or {})
    return _scaled(points, scale)


def simple_weighted(graph: nx.Graph) -> nx.Graph:
    """Collapse any graph into a simple undirected one, summing ``weight`` (self-loops dropped).

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", weight=2)
    >>> _ = g.add_edge("b", "a", weight=3)
    >>> simple_weighted(g)["a"]["b"]["weight"]
    5.0
    """
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    for u, v, data in graph.edges(data=True):
        if u == v:
            continue
        weight = float(data.get("weight", 1) or 1)
        if simple.has_edge(u, v):
            simple[u][v]["weight"] += weight
        else:
            simple.add_edge(u, v, weight=weight)
    return simple


def _grid_layout(simple: nx.Graph, *, seed: int, previous: Mapping[str, Position]) -> dict[str, Position]:
    import igraph

    nodes = list(simple.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in simple.edges()]
    weights = [data["weight"] for _, _, data in simple.edges(data=True)]
    start, warm = _start_positions(simple, nodes, seed=seed, previous=previous)
    shared = igraph.Graph(n=len(nodes), edges=edges)
    # igraph draws from Python's `random` by default: give it our own seeded generator.
    igraph.set_random_number_generator(random.Random(seed))
    try:
        layout = shared.layout_fruchterman_reingold(
            weights=weights or None,
            seed=start.tolist(),
            niter=_STEPS_WARM if warm else _STEPS_FRESH,
            start_temp=math.sqrt(len(nodes)) / (100.0 if warm else 1.0),
            grid="grid",
        )
    finally:
        igraph.set_random_number_generator(random)
    coords = np.asarray(layout.coords, dtype=float)
    if warm:  # igraph turns its result to the principal axes: turn it back to the old picture
        coords = _aligned(coords, start)
    giant = max(nx.connected_components(simple), key=len)
    coords = _pulled_in(coords, np.array([node in giant for node in nodes]))
    return {str(node): (float(x), float(y)) for node, (x, y) in zip(nodes, coords)}


def _pulled_in(coords: np.ndarray, main: np.ndarray, *, share: float = 95.0, margin: float = 1.1) -> np.ndarray:
    """Bring the small components to a ring just outside the main component.

    Fruchterman-Reingold has no gravity: a pair of nodes linked only to each
    other drifts far away, and fitting the view to it shrinks everything else.
    Nodes beyond ``margin`` times the ``share``-th percentile distance of the
    main component's nodes from its centre keep their direction and land in a
    ring from that radius to 1.25 times it.
    """
    centred: np.ndarray = coords - np.median(coords[main], axis=0)
    distance = np.linalg.norm(centred, axis=1)
    limit = float(np.percentile(distance[main], share)) * margin
    far = distance > limit
    if limit > 0 and far.any():
        ring = limit * (1.0 + 0.25 * (distance[far] - limit) / (distance[far].max() - limit + 1e-9))
        centred[far] *= (ring / distance[far])[:, None]
    return centred


def _aligned(coords: np.ndarray, target: np.ndarray) -> np.ndarray:
    """``coords`` rotated (or mirrored) to best match ``target`` (orthogonal Procrustes)."""
    from scipy.linalg import orthogonal_procrustes

    centred = coords - coords.mean(axis=0)
    rotation, _ = orthogonal_procrustes(centred, target - target.mean(axis=0))
    turned: np.ndarray = centred @ rotation
    return turned


def _start_positions(
    simple: nx.Graph, nodes: list[Any], *, seed: int, previous: Mapping[str, Position]
) -> tuple[np.ndarray, bool]:
    """Previous positions where known, else beside known neighbours, else a seeded disc.

    The layout counts as warm when most nodes were placed before.
    """
    rng = np.random.default_rng(seed)
    radius = math.sqrt(len(nodes)) * 2.0
    angle = rng.uniform(0.0, 2.0 * math.pi, len(nodes))
    reach = radius * np.sqrt(rng.uniform(0.0, 1.0, len(nodes)))
    points = np.c_[np.cos(angle), np.sin(angle)] * reach[:, None]
    known = [str(n) in previous for n in nodes]
    if sum(known) < len(nodes) / 2:
        return points, False
    old = np.array([previous[str(n)] for n, k in zip(nodes, known) if k], dtype=float)
    # Previous positions were scaled for the page: bring them back to the layout's own units.
    spread = float(np.abs(old - old.mean(axis=0)).max()) or 1.0
    centre = old.mean(axis=0)
    for i, node in enumerate(nodes):
        near = [previous[str(m)] for m in (node, *simple.neighbors(node)) if str(m) in previous]
        if near:  # a known node has itself first; a new one goes beside its known neighbours
            at = (np.asarray(near[0] if known[i] else np.mean(near, axis=0)) - centre) * radius / spread
            points[i] = at if known[i] else at + rng.normal(0.0, 1.0, 2)
    return points, True


def _scaled(points: Mapping[str, Position], scale: float) -> dict[str, Position]:
    keys = list(points)
    array = np.array([points[k] for k in keys], dtype=float)
    array -= array.mean(axis=0)
    reach = float(np.abs(array).max()) or 1.0
    array *= scale / reach
    return {k: (round(float(x), 2), round(float(y), 2)) for k, (x, y) in zip(keys, array)}
