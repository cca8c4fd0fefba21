"""Graph files for Gephi, Gephi Lite, Cytoscape, igraph, pandas and spreadsheets.

Every writer works on a flattened COPY of the graph (`flatten_graph`): lists
become ``"; "``-joined strings plus a ``<name>_count`` integer, ``None`` values
are dropped, dates become ISO strings, control characters are stripped and each
attribute keeps one type. Files are written as UTF-8, atomically (a temporary
file in the same folder, then `os.replace`, by `quotegraph.io.atomic`).

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("person:a", label="A", kind="person", aliases=["Al", "Ally"], role=None)
>>> flat = flatten_graph(g)
>>> flat.nodes["person:a"]["aliases"], flat.nodes["person:a"]["aliases_count"]
('Al; Ally', 2)
>>> "role" in flat.nodes["person:a"]
False
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
import numbers
import re
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import networkx as nx

from quotegraph.errors import QuotegraphError
from quotegraph.graph.style import apply_style
from quotegraph.io.atomic import atomic_write

__all__ = [
    "GRAPH_FORMATS",
    "FILE_NAMES",
    "export_graph",
    "flatten_graph",
    "write_graphml",
    "write_gexf",
    "write_nodes_csv",
    "write_edges_csv",
    "write_json",
]

logger = logging.getLogger(__name__)

#: Formats `export_graph` writes (``html`` belongs to `quotegraph.views.page`).
GRAPH_FORMATS = ("graphml", "gexf", "csv", "json")
#: File names written per format.
FILE_NAMES: Mapping[str, tuple[str, ...]] = {
    "graphml": ("graph.graphml",),
    "gexf": ("graph.gexf",),
    "csv": ("nodes.csv", "edges.csv"),
    "json": ("graph.json",),
}

_LIST_SEPARATOR = "; "
# XML 1.0 forbids these; JSON and CSV readers choke on them too.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_NODE_COLUMNS = (
    "id", "label", "kind", "quote_count", "spoken_count", "community", "centrality", "degree",
    "role", "organisation", "aliases", "aliases_count", "articles", "articles_count",
    "sources", "sources_count", "first_seen", "last_seen", "x", "y", "size", "color", "r", "g", "b",
)  # fmt: skip
_EDGE_COLUMNS = (
    "source", "target", "id", "relation", "weight", "role", "topics", "topics_count",
    "first_seen", "last_seen", "doc_ids", "doc_ids_count", "quote_ids", "quote_ids_count",
)  # fmt: skip


def export_graph(
    graph: nx.MultiDiGraph, out_dir: str | Path, *, formats: Iterable[str] = GRAPH_FORMATS
) -> list[Path]:
    """Write the chosen graph formats into ``out_dir`` and return the paths written.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A graph from `quotegraph.graph.build.build_speaker_graph`; it is not changed.
    out_dir : str or Path
        Folder to write into; created when missing.
    formats : iterable of str, optional (default=GRAPH_FORMATS)
        Any of ``graphml`` (graph.graphml), ``gexf`` (graph.gexf), ``csv``
        (nodes.csv and edges.csv) and ``json`` (graph.json, node-link).

    Raises
    ------
    QuotegraphError
        When a format is not one of `GRAPH_FORMATS`.

    Examples
    --------
    >>> import tempfile
    >>> g = nx.MultiDiGraph([("person:a", "topic:b")])
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [p.name for p in export_graph(g, folder, formats=["csv", "json"])]
    ['nodes.csv', 'edges.csv', 'graph.json']
    """
    chosen = list(dict.fromkeys(f.strip().lower() for f in formats))
    unknown = [f for f in chosen if f not in GRAPH_FORMATS]
    if unknown:
        raise QuotegraphError(
            f"unknown graph format(s) {', '.join(map(repr, unknown))}; "
            f"allowed: {', '.join(GRAPH_FORMATS)}"
        )
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    writers = {
        "graphml": (_write_graphml,),
        "gexf": (_write_gexf,),
        "csv": (_write_nodes_csv, _write_edges_csv),
        "json": (_write_json,),
    }
    flat = _prepared(graph)  # flattened and laid out once for every format
    flat_lists = _prepared(graph, keep_lists=True) if "json" in chosen else flat
    written: list[Path] = []
    for name in chosen:
        for writer, file_name in zip(writers[name], FILE_NAMES[name]):
            written.append(writer(flat_lists if name == "json" else flat, out / file_name))
    return written


def flatten_graph(graph: nx.MultiDiGraph, *, keep_lists: bool = False) -> nx.MultiDiGraph:
    """A copy whose attributes every graph format accepts.

    Node ids and strings lose control characters; ``None`` values are dropped;
    dates become ISO strings; numbers become plain ``int``/``float``; lists,
    tuples and sets become ``"; "``-joined strings plus ``<name>_count`` (kept as
    lists when ``keep_lists``); dicts become JSON strings. An attribute with
    mixed types is made ``float`` (numbers only) or ``str``. Each node gets
    ``label`` and ``kind``; edges get unique keys ``e0, e1, ...`` (in sorted
    order) with the original key kept as ``relation`` when that is missing.
    """
    nodes = {_clean_id(n): (n, _flat_data(d, keep_lists)) for n, d in graph.nodes(data=True)}
    flat = nx.MultiDiGraph()
    flat.graph.update(_flat_data(graph.graph, keep_lists))
    for node_id, (_, data) in nodes.items():
        data.setdefault("label", node_id)
        data.setdefault("kind", "unknown")
        flat.add_node(node_id, **data)
    edges = sorted(
        graph.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2]))
    )
    for index, (u, v, key, data) in enumerate(edges):
        attributes = _flat_data(data, keep_lists)
        attributes.setdefault("relation", _clean_text(str(key)))
        flat.add_edge(_clean_id(u), _clean_id(v), key=f"e{index}", **attributes)
    _unify_types(flat.nodes.values())
    _unify_types(d for _, _, d in flat.edges(data=True))
    return flat


def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write GraphML with named key ids (``label``, ``kind``, ...) that Gephi reads.

    Edge attributes whose name is also a node attribute (``role``, ``first_seen``)
    are written as ``edge_<name>``, and graph attributes likewise as
    ``graph_<name>``: with named key ids, one name in two scopes would give two
    keys with the same id.
    """
    return _write_graphml(_prepared(graph), Path(path))


def write_gexf(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write GEXF 1.2draft with viz colour, size, position and ``start``/``end`` dates.

    ``start``/``end`` come from ``first_seen``/``last_seen`` (article dates), so
    Gephi's timeline can play the graph; nodes without dates are always shown.
    """
    return _write_gexf(_prepared(graph), Path(path))


def write_nodes_csv(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write one row per node: ``id``, ``label``, ``kind``, counts, layout, then the rest."""
    return _write_nodes_csv(_prepared(graph), Path(path))


def write_edges_csv(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write one row per edge: ``source``, ``target``, ``id``, ``relation``, ``weight``, ..."""
    return _write_edges_csv(_prepared(graph), Path(path))


def write_json(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write networkx node-link JSON (``nodes``, ``edges``); lists stay JSON lists."""
    return _write_json(_prepared(graph, keep_lists=True), Path(path))


def _prepared(graph: nx.MultiDiGraph, *, keep_lists: bool = False) -> nx.MultiDiGraph:
    return _styled(flatten_graph(graph, keep_lists=keep_lists))


def _write_graphml(flat: nx.MultiDiGraph, target: Path) -> Path:
    flat = flat.copy()  # renames below must not leak into the other formats
    node_names = {k for _, d in flat.nodes(data=True) for k in d}
    for _, _, data in flat.edges(data=True):
        for name in [k for k in data if k in node_names]:
            data[f"edge_{name}"] = data.pop(name)
    edge_names = {k for _, _, d in flat.edges(data=True) for k in d}
    for name in [k for k in flat.graph if k in node_names | edge_names]:
        flat.graph[f"graph_{name}"] = flat.graph.pop(name)
    with atomic_write(target, "wb") as handle:
        nx.write_graphml(flat, handle, encoding="utf-8", named_key_ids=True)
    return target


def _write_gexf(flat: nx.MultiDiGraph, target: Path) -> Path:
    flat = flat.copy()
    for _, data in flat.nodes(data=True):
        data["viz"] = {
            "color": {"r": data["r"], "g": data["g"], "b": data["b"], "a": 1.0},
            "size": data["size"],
            "position": {"x": data["x"], "y": data["y"], "z": 0.0},
        }
        _add_start_end(data)
    for _, _, data in flat.edges(data=True):
        _add_start_end(data)
    # networkx's GEXF writer takes the graph name from here only.
    flat.graph = {"name": str(flat.graph.get("name", "quotegraph"))}
    with atomic_write(target, "wb") as handle:
        nx.write_gexf(flat, handle, encoding="utf-8", version="1.2draft")
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
    with atomic_write(target, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
        handle.write("\n")
    return target


def _styled(flat: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Add layout and colours when the graph was built without them (or filtered)."""
    needed = ("x", "y", "size", "r", "g", "b")
    if any(k not in d for _, d in flat.nodes(data=True) for k in needed):
        seed = flat.graph.get("seed", 0)
        apply_style(flat, seed=seed if isinstance(seed, int) else 0)
    return flat


def _add_start_end(data: dict[str, Any]) -> None:
    if isinstance(data.get("first_seen"), str):
        data["start"] = data["first_seen"]
    if isinstance(data.get("last_seen"), str):
        data["end"] = data["last_seen"]


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


def _flat_data(data: Mapping[str, Any], keep_lists: bool) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for raw_name, value in data.items():
        name = _clean_text(str(raw_name))
        if isinstance(value, (list, tuple, set, frozenset)):
            ordered = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
            items = [item for item in map(_scalar, ordered) if item is not None]
            flat[name] = items if keep_lists else _LIST_SEPARATOR.join(str(v) for v in items)
            flat[f"{name}_count"] = len(items)
        else:
            scalar = _scalar(value)
            if scalar is not None:
                flat[name] = scalar
    return flat


def _scalar(value: Any) -> bool | int | float | str | None:
    """One JSON-ish scalar, or None to drop the value."""
    kind = type(value)
    if kind is str:  # the common case first: most values are plain strings
        text = str(value)
        return _clean_text(text) if _CONTROL.search(text) else text
    if kind is int:
        return int(value)
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        return number if number == number else None  # NaN has no place in XML numbers
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return _clean_text(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str))
    return _clean_text(str(value))


def _clean_text(text: str) -> str:
    return _CONTROL.sub("", text)


def _clean_id(node: Any) -> str:
    return _clean_text(str(node)) or "x"


def _unify_types(records: Iterable[dict[str, Any]]) -> None:
    """Give every attribute one type: mixed numbers become float, anything else str."""
    rows = list(records)
    kinds: dict[str, set[type]] = {}
    for row in rows:
        for name, value in row.items():
            kinds.setdefault(name, set()).add(type(value))
    for name, types in kinds.items():
        if len(types) < 2:
            continue
        cast: type = float if types <= {int, float} else str
        for row in rows:
            if name in row and not isinstance(row[name], list):
                row[name] = cast(row[name])
