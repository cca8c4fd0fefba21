"""Graph files for Gephi, Gephi Lite, Cytoscape, igraph, networkx, pandas and spreadsheets.

Every writer works on a flattened COPY of the graph (`flatten_graph`): lists
become ``"; "``-joined strings plus a ``<name>_count`` integer, ``None`` values
are dropped, dates become ISO strings, control characters are stripped, each
attribute keeps one type, and a text or list attribute that some node (edge)
has is given to every node (edge), empty (``""``) where it has no value. So
every format carries the same attribute names with the same empty values.
Edges get ids ``e0, e1, ...`` (the same in every file) and a boolean
``directed``, false for the symmetric relations (``co_quoted``).

The graph files (GraphML, GEXF, both JSON files) cap every list at
``max_list_items`` items (``<name>_count`` keeps the full number); the CSV
files keep full lists. Files are written as UTF-8, atomically (a temporary
file in the same folder, then `os.replace`, by `quotegraph.io.atomic`).

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("person:a", label="A", kind="person", aliases=["Al", "Ally"], role=None)
>>> g.add_node("person:b", role="mayor")
>>> flat = flatten_graph(g)
>>> flat.nodes["person:a"]["aliases"], flat.nodes["person:a"]["aliases_count"]
('Al; Ally', 2)
>>> flat.nodes["person:a"]["role"], flat.nodes["person:b"]["aliases"]
('', '')
"""

from __future__ import annotations

import csv
import json
import logging
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

import networkx as nx

from quotegraph.errors import QuotegraphError
from quotegraph.graph.flat import flatten_graph
from quotegraph.graph.gexf import write_gexf13
from quotegraph.graph.style import apply_style
from quotegraph.io.atomic import atomic_write

__all__ = [
    "GRAPH_FORMATS",
    "FILE_NAMES",
    "MAX_LIST_ITEMS",
    "export_graph",
    "flatten_graph",
    "write_graphml",
    "write_gexf",
    "write_nodes_csv",
    "write_edges_csv",
    "write_json",
    "write_graphology_json",
]

logger = logging.getLogger(__name__)

#: Formats `export_graph` writes (``html`` belongs to `quotegraph.views.page`).
GRAPH_FORMATS = ("graphml", "gexf", "csv", "json")
#: File names written per format.
FILE_NAMES: Mapping[str, tuple[str, ...]] = {
    "graphml": ("graph.graphml",),
    "gexf": ("graph.gexf",),
    "csv": ("nodes.csv", "edges.csv"),
    "json": ("graph.json", "graph.graphology.json"),
}
#: Items kept of each list in the graph files (CSV files keep every item).
MAX_LIST_ITEMS = 20

#: What the GraphML files have always had removed from values (a line-wise round trip of the XML).
_LINE_BREAKS = dict.fromkeys(map(ord, "\n\r\x0b\x0c\x1c\x1d\x1e"))
_NODE_COLUMNS = (
    "id", "label", "kind", "quote_count", "spoken_count", "community", "centrality",
    "weighted_degree", "role", "organisation", "aliases", "aliases_count", "articles",
    "articles_count", "sources", "sources_count", "first_seen", "last_seen",
    "x", "y", "size", "color", "r", "g", "b",
)  # fmt: skip
_EDGE_COLUMNS = (
    "source", "target", "id", "relation", "directed", "weight", "role", "topics", "topics_count",
    "first_seen", "last_seen", "doc_ids", "doc_ids_count", "quote_ids", "quote_ids_count",
)  # fmt: skip


def export_graph(
    graph: nx.MultiDiGraph,
    out_dir: str | Path,
    *,
    formats: Iterable[str] = GRAPH_FORMATS,
    max_list_items: int = MAX_LIST_ITEMS,
) -> list[Path]:
    """Write the chosen graph formats into ``out_dir`` and return the paths written.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A graph from `quotegraph.graph.build.build_speaker_graph`; it is not changed.
    out_dir : str or Path
        Folder to write into; created when missing.
    formats : iterable of str, optional (default=GRAPH_FORMATS)
        Any of ``graphml`` (graph.graphml), ``gexf`` (graph.gexf, GEXF 1.3),
        ``csv`` (nodes.csv and edges.csv) and ``json`` (graph.json, networkx
        node-link; graph.graphology.json, graphology's serialized graph).
    max_list_items : int, optional (default=MAX_LIST_ITEMS)
        Items kept of each list attribute in the graph files; CSV keeps all.

    Raises
    ------
    QuotegraphError
        When a format is not one of `GRAPH_FORMATS`, or ``max_list_items < 1``.

    Examples
    --------
    >>> import tempfile
    >>> g = nx.MultiDiGraph([("person:a", "topic:b")])
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [p.name for p in export_graph(g, folder, formats=["csv", "json"])]
    ['nodes.csv', 'edges.csv', 'graph.json', 'graph.graphology.json']
    """
    chosen = list(dict.fromkeys(f.strip().lower() for f in formats))
    unknown = [f for f in chosen if f not in GRAPH_FORMATS]
    if unknown:
        raise QuotegraphError(
            f"unknown graph format(s) {', '.join(map(repr, unknown))}; "
            f"allowed: {', '.join(GRAPH_FORMATS)}"
        )
    if max_list_items < 1:
        raise QuotegraphError(f"max_list_items must be at least 1, not {max_list_items}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    writers: dict[str, tuple[Callable[[nx.MultiDiGraph, Path], Path], ...]] = {
        "graphml": (_write_graphml,),
        "gexf": (_write_gexf,),
        "csv": (_write_nodes_csv, _write_edges_csv),
        "json": (_write_json, _write_graphology_json),
    }
    variants: dict[tuple[bool, int | None], nx.MultiDiGraph] = {}  # flattened once per shape
    written: list[Path] = []
    for name in chosen:
        shape = (name == "json", None if name == "csv" else max_list_items)
        if shape not in variants:
            variants[shape] = _prepared(graph, keep_lists=shape[0], max_items=shape[1])
        for writer, file_name in zip(writers[name], FILE_NAMES[name]):
            written.append(writer(variants[shape], out / file_name))
    return written


def write_graphml(
    graph: nx.MultiDiGraph, path: str | Path, *, max_list_items: int = MAX_LIST_ITEMS
) -> Path:
    """Write GraphML (directed; edge ids ``e0, e1, ...``) that Gephi, igraph and networkx read.

    Attribute names are the same as in every other format. Key ids are the
    names too (``<key id="label" for="node" attr.name="label">``), except that a
    name already used in an earlier scope gets its scope as a prefix:
    ``<key id="edge.role" for="edge" attr.name="role">``. Readers show
    ``attr.name``; the id only links ``<data>`` to its key.

    Notes
    -----
    GraphML can mark one edge undirected (``directed="false"``), but networkx's
    reader rejects such mixed files and igraph and graphology ignore the mark,
    so every edge is written directed; ``co_quoted`` edges carry
    ``directed=false`` as data, and run from the smaller id. The edge id is
    also written as data ``id`` (as in edges.csv), because igraph 1.0 reads
    the ``id`` of GraphML edges wrongly.
    """
    return _write_graphml(_prepared(graph, max_items=max_list_items), Path(path))


def write_gexf(
    graph: nx.MultiDiGraph, path: str | Path, *, max_list_items: int = MAX_LIST_ITEMS
) -> Path:
    """Write GEXF 1.3 (`quotegraph.graph.gexf.write_gexf13`) with viz, ``kind`` and direction.

    ``start``/``end`` come from ``first_seen``/``last_seen`` (article dates), so
    Gephi's timeline can play the graph; nodes without dates are always shown.
    """
    return _write_gexf(_prepared(graph, max_items=max_list_items), Path(path))


def write_nodes_csv(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write one row per node: ``id``, ``label``, ``kind``, counts, layout, then the rest."""
    return _write_nodes_csv(_prepared(graph), Path(path))


def write_edges_csv(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write one row per edge: ``source``, ``target``, ``id``, ``relation``, ``directed``, ..."""
    return _write_edges_csv(_prepared(graph), Path(path))


def write_json(
    graph: nx.MultiDiGraph, path: str | Path, *, max_list_items: int = MAX_LIST_ITEMS
) -> Path:
    """Write networkx node-link JSON that networkx 3.2 and later read with their defaults.

    networkx 3.2 to 3.5 read the edges from ``links``, 3.6 from ``edges``: the
    file has both keys, with the same list. Lists stay JSON lists.
    """
    return _write_json(_prepared(graph, keep_lists=True, max_items=max_list_items), Path(path))


def write_graphology_json(
    graph: nx.MultiDiGraph, path: str | Path, *, max_list_items: int = MAX_LIST_ITEMS
) -> Path:
    """Write graphology's serialized graph, read by ``Graph.from`` (Gephi Lite's JSON loader).

    ``{"attributes", "options": {"type": "mixed", "multi": true}, "nodes": [{"key",
    "attributes"}], "edges": [{"key", "source", "target", "undirected", "attributes"}]}``;
    ``undirected`` replaces the ``directed`` attribute.
    """
    flat = _prepared(graph, keep_lists=True, max_items=max_list_items)
    return _write_graphology_json(flat, Path(path))


def _prepared(
    graph: nx.MultiDiGraph, *, keep_lists: bool = False, max_items: int | None = None
) -> nx.MultiDiGraph:
    return _styled(flatten_graph(graph, keep_lists=keep_lists, max_items=max_items))


def _write_graphml(flat: nx.MultiDiGraph, target: Path) -> Path:
    flat = flat.copy()
    for _, _, key, data in flat.edges(keys=True, data=True):
        # Also as data: igraph 1.0 fills its edge "id" from the node ids, not the edge ids.
        data["id"] = key
    # networkx's element tree, written by us: no string round trip (same bytes, a third faster).
    root = nx.GraphMLWriter(flat, prettyprint=False).xml
    for element in root.iter():
        if element.text:
            element.text = element.text.translate(_LINE_BREAKS)
        for name in ("id", "source", "target"):
            if name in element.attrib:
                element.set(name, element.attrib[name].translate(_LINE_BREAKS))
    _name_graphml_keys(root)
    ET.indent(root, space="  ")
    with atomic_write(target, "wb") as handle:
        ET.ElementTree(root).write(handle, encoding="utf-8", xml_declaration=True)
    return target


def _name_graphml_keys(root: ET.Element) -> None:
    """Key ids from ``attr.name`` (scope-prefixed when taken); keys sorted graph, node, edge."""
    scopes = {"graph": 0, "node": 1, "edge": 2}
    keys = sorted(
        root.iterfind("key"),
        key=lambda k: (scopes.get(k.get("for", ""), 3), k.get("attr.name", "")),
    )
    renamed: dict[str, str] = {}
    for key in keys:
        name, scope = key.get("attr.name", ""), key.get("for", "all")
        new_id = name if name not in renamed.values() else f"{scope}.{name}"
        renamed[key.get("id", "")] = new_id
        key.set("id", new_id)
        root.remove(key)
    for index, key in enumerate(keys):
        root.insert(index, key)
    for data in root.iter("data"):
        data.set("key", renamed[data.get("key", "")])
    # The namespace declarations in the order the files have always had.
    root.attrib = {name: root.attrib[name] for name in ("xmlns:xsi", "xsi:schemaLocation", "xmlns")}


def _write_gexf(flat: nx.MultiDiGraph, target: Path) -> Path:
    with atomic_write(target, "wb") as handle:
        write_gexf13(flat, handle, description=str(flat.graph.get("name", "quotegraph graph")))
    return target


def _write_nodes_csv(flat: nx.MultiDiGraph, path: Path) -> Path:
    rows = [{"id": node, **data} for node, data in flat.nodes(data=True)]
    return _write_csv(path, rows, _NODE_COLUMNS)


def _write_edges_csv(flat: nx.MultiDiGraph, path: Path) -> Path:
    rows = [
        {"source": u, "target": v, "id": k, **d} for u, v, k, d in flat.edges(keys=True, data=True)
    ]
    return _write_csv(path, rows, _EDGE_COLUMNS)


def _write_json(flat: nx.MultiDiGraph, target: Path) -> Path:
    data = nx.node_link_data(flat, edges="edges")
    data["links"] = data["edges"]  # the key networkx 3.2-3.5 read by default
    return _dump_json(data, target)


def _write_graphology_json(flat: nx.MultiDiGraph, target: Path) -> Path:
    edges = []
    for u, v, key, data in flat.edges(keys=True, data=True):
        attributes = {k: value for k, value in data.items() if k != "directed"}
        edge = {"key": key, "source": u, "target": v, "undirected": data["directed"] is False}
        edges.append({**edge, "attributes": attributes})
    serialized = {
        "attributes": dict(flat.graph),
        "options": {"type": "mixed", "multi": True, "allowSelfLoops": True},
        "nodes": [{"key": node, "attributes": dict(data)} for node, data in flat.nodes(data=True)],
        "edges": edges,
    }
    return _dump_json(serialized, target)


def _dump_json(data: Mapping[str, Any], target: Path) -> Path:
    with atomic_write(target, "w", encoding="utf-8") as handle:
        # One write: json.dump with an indent hands the file thousands of small pieces.
        handle.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return target


def _styled(flat: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Add layout and colours when the graph was built without them (or filtered)."""
    needed = ("x", "y", "size", "r", "g", "b")
    if any(k not in d for _, d in flat.nodes(data=True) for k in needed):
        seed = flat.graph.get("seed", 0)
        apply_style(flat, seed=seed if isinstance(seed, int) else 0)
    return flat


def _write_csv(path: Path, rows: list[dict[str, Any]], preferred: Sequence[str]) -> Path:
    present = {k for row in rows for k in row}
    columns = [c for c in preferred if c in present] + sorted(present - set(preferred))
    if not columns:
        columns = list(preferred[:3])
    with atomic_write(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path
