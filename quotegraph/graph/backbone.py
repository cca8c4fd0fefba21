"""The backbone of a big graph: the few hundred nodes a reader sees first.

A page of 17,000 nodes is a grey disc; the same page opened on its 300 most
central, most quoted nodes, each community represented, reads like a map.
`backbone_order` ranks every node; the page shows the first `BACKBONE_SIZE`
and grows the view on request ("show more"), while search reaches them all.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("a", quote_count=9, centrality=0.5, community=0)
>>> g.add_node("b", quote_count=1, centrality=0.1, community=0)
>>> g.add_node("c", quote_count=2, centrality=0.2, community=1)
>>> backbone_order(g)
['a', 'c', 'b']
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Mapping

import networkx as nx
import numpy as np

__all__ = ["BACKBONE_SIZE", "backbone_order"]

#: Nodes the page shows on opening when the graph is bigger than this.
BACKBONE_SIZE = 300
_MIN_COMMUNITY = 3


def backbone_order(graph: nx.Graph, *, leaders: int = BACKBONE_SIZE // 5) -> list[str]:
    """Every node id, most important first: community leaders, then by score.

    Parameters
    ----------
    graph : networkx.Graph
        Nodes may carry ``centrality`` (PageRank), ``quote_count`` and ``community``.
    leaders : int, optional (default=60)
        The best node of each of the largest ``leaders`` communities (of three
        nodes or more) comes first, so the backbone shows every big community and not only the
        densest one.

    Returns
    -------
    list of str

    Notes
    -----
    The score is the mean of a node's percentile rank by centrality and by
    quote count: rank-based, so neither measure's scale dominates.
    """
    nodes = [str(n) for n in graph.nodes]
    data = {str(n): d for n, d in graph.nodes(data=True)}
    score = _mean_rank(nodes, data)
    by_score = sorted(nodes, key=lambda n: (-score[n], n))
    communities: dict[Any, list[str]] = defaultdict(list)
    for node in by_score:
        group = data[node].get("community")
        if group is not None:
            communities[group].append(node)
    # A community of one or two (an isolated quote) has no claim to a place of its own.
    real = [members for members in communities.values() if len(members) >= _MIN_COMMUNITY]
    biggest = sorted(real, key=lambda members: (-len(members), members[0]))
    first = [members[0] for members in biggest[:leaders]]
    chosen = set(first)
    return first + [n for n in by_score if n not in chosen]


def _mean_rank(nodes: list[str], data: Mapping[str, Mapping[str, Any]]) -> dict[str, float]:
    score = {n: 0.0 for n in nodes}
    for key in ("centrality", "quote_count"):
        values = np.array([float(data[n].get(key) or 0.0) for n in nodes])
        # Ties share their average rank (scipy's rankdata, without importing scipy.stats).
        _, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
        ends = np.cumsum(counts)
        ranks = ((ends - counts + 1 + ends) / 2.0)[inverse]
        for node, rank in zip(nodes, ranks):
            score[node] += float(rank) / len(nodes) / 2.0
    return score
