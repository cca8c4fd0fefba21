"""Compare large-graph layouts on one built graph, by time and by a screenshot of the page.

Usage: ``python benchmarks/layouts.py output/graph.json [--out-dir output]``
(``benchmarks/archive.py`` runs it on the 5,000-article graph).

- ``igraph-fr-grid``: what quotegraph uses (`quotegraph.graph.layout.layout_positions`);
- ``igraph-drl``: igraph's DrL;
- ``fa2-barnes-hut``: ForceAtlas2 with Barnes-Hut from ``fa2-modified`` (``pip install
  quotegraph[bench]``), 100 iterations;
- ``networkx-fa2``: ``networkx.forceatlas2_layout``, 100 iterations; it keeps
  n x n arrays, so it is skipped above 6,000 nodes (17,000 nodes: 4.6 GB).

Each layout is timed alone, then drawn by our page (positions carried) and
screenshotted in headless Chromium.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any, Callable

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_NX_FA2_MAX_NODES = 6000


def compare_layouts(graph_json: Path, *, out_dir: Path) -> dict[str, Any]:
    """Time each layout on the graph in ``graph_json`` and screenshot its page in ``out_dir``."""
    from quotegraph.graph.layout import simple_weighted

    data = json.loads(Path(graph_json).read_text(encoding="utf-8"))
    graph = nx.node_link_graph(data, edges="edges")
    simple = simple_weighted(graph)
    results: dict[str, Any] = {"nodes": simple.number_of_nodes(), "edges": simple.number_of_edges()}
    for name, run in _layouts(simple).items():
        started = time.perf_counter()
        try:
            positions = run()
        except (ImportError, MemoryError, ValueError) as error:
            results[name] = {"skipped": str(error)}
            print(f"  layout {name}: skipped ({error})")
            continue
        seconds = time.perf_counter() - started
        shot = out_dir / f"layout-{name}.png"
        results[name] = {"seconds": round(seconds, 2), **_screenshot(graph, positions, shot)}
        print(f"  layout {name}: {seconds:.1f} s, {shot}")
    return results


def _layouts(simple: nx.Graph) -> dict[str, Callable[[], dict[str, tuple[float, float]]]]:
    from quotegraph.graph.layout import layout_positions

    return {
        "igraph-fr-grid": lambda: layout_positions(simple, seed=0),
        "fa2-barnes-hut": lambda: _fa2(simple),
        "networkx-fa2": lambda: _networkx_fa2(simple),
        "igraph-drl": lambda: _igraph_drl(simple),  # the slowest: last
    }


def _igraph_drl(simple: nx.Graph) -> dict[str, tuple[float, float]]:
    import igraph

    nodes = list(simple)
    index = {n: i for i, n in enumerate(nodes)}
    shared = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in simple.edges()])
    igraph.set_random_number_generator(random.Random(0))
    try:
        layout = shared.layout_drl(weights=[d["weight"] for _, _, d in simple.edges(data=True)])
    finally:
        igraph.set_random_number_generator(random)
    return {str(n): (float(x), float(y)) for n, (x, y) in zip(nodes, layout.coords)}


def _fa2(simple: nx.Graph) -> dict[str, tuple[float, float]]:
    from fa2_modified import ForceAtlas2  # the bench extra

    random.seed(0)
    layout = ForceAtlas2(barnesHutOptimize=True, barnesHutTheta=1.2, scalingRatio=2.0, gravity=1.0, verbose=False)
    raw = layout.forceatlas2_networkx_layout(simple, pos=None, iterations=100, weight_attr="weight")
    return {str(n): (float(x), float(y)) for n, (x, y) in raw.items()}


def _networkx_fa2(simple: nx.Graph) -> dict[str, tuple[float, float]]:
    if simple.number_of_nodes() > _NX_FA2_MAX_NODES:
        gigabytes = 2 * 8 * simple.number_of_nodes() ** 2 / 1e9
        raise MemoryError(f"{simple.number_of_nodes()} nodes: n x n arrays need about {gigabytes:.1f} GB")
    raw = nx.forceatlas2_layout(simple, max_iter=100, seed=0, weight="weight")
    return {str(n): (float(x), float(y)) for n, (x, y) in raw.items()}


def _screenshot(graph: nx.MultiDiGraph, positions: dict[str, tuple[float, float]], shot: Path) -> dict[str, Any]:
    from archive import _browser  # benchmarks/archive.py

    from quotegraph.views.page import write_html

    placed = graph.copy()
    for node, data in placed.nodes(data=True):
        data["x"], data["y"] = positions[str(node)]
    page = shot.with_suffix(".html")
    write_html(placed, [], page, title=f"layout: {shot.stem}")
    found = _browser(page, shot)
    page.unlink()
    return {k: v for k, v in found.items() if k in ("browser_ready_s", "screenshot")}


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("graph_json", type=Path)
    parser.add_argument("--out-dir", type=Path, default=ROOT / "output")
    args = parser.parse_args()
    print(json.dumps(compare_layouts(args.graph_json, out_dir=args.out_dir), indent=2))
