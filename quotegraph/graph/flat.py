"""Graph attributes every format accepts: `flatten_graph` and its value rules.

`quotegraph.graph.export` writes every file from such a flattened copy.
"""

from __future__ import annotations

import datetime as dt
import json
import numbers
import re
from typing import Any, Iterable, Mapping

import networkx as nx

from quotegraph.graph.build import SYMMETRIC_RELATIONS

__all__ = ["flatten_graph"]

_LIST_SEPARATOR = "; "
# XML 1.0 forbids these; JSON and CSV readers choke on them too.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def flatten_graph(
    graph: nx.MultiDiGraph, *, keep_lists: bool = False, max_items: int | None = None
) -> nx.MultiDiGraph:
    """A copy whose attributes every graph format accepts.

    Node ids and strings lose control characters; ``None`` values are dropped;
    dates become ISO strings; numbers become plain ``int``/``float``; lists,
    tuples and sets become ``"; "``-joined strings plus ``<name>_count`` (kept as
    lists when ``keep_lists``; only the first ``max_items`` kept when given);
    dicts become JSON strings. An attribute with mixed types is made ``float``
    (numbers only) or ``str``. A text or list attribute missing on some nodes
    (edges) is added to them empty (``""`` or ``[]``, count 0). Each node gets
    ``label`` and ``kind``; edges get unique keys ``e0, e1, ...`` (in sorted
    order), ``relation`` (the original key when missing) and ``directed``
    (false for `SYMMETRIC_RELATIONS`).
    """
    nodes = {_clean_id(n): _flat_data(d, keep_lists, max_items) for n, d in graph.nodes(data=True)}
    flat = nx.MultiDiGraph()
    flat.graph.update(_flat_data(graph.graph, keep_lists, max_items))
    for node_id, data in nodes.items():
        data.setdefault("label", node_id)
        data.setdefault("kind", "unknown")
        flat.add_node(node_id, **data)
    edges = sorted(
        graph.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2]))
    )
    for index, (u, v, key, data) in enumerate(edges):
        attributes = _flat_data(data, keep_lists, max_items)
        attributes.setdefault("relation", _clean_text(str(key)))
        if not isinstance(attributes.get("directed"), bool):
            attributes["directed"] = attributes["relation"] not in SYMMETRIC_RELATIONS
        flat.add_edge(_clean_id(u), _clean_id(v), key=f"e{index}", **attributes)
    for records in (list(flat.nodes.values()), [d for _, _, d in flat.edges(data=True)]):
        _unify_types(records)
        _fill_missing(records)
    return flat


def _flat_data(
    data: Mapping[str, Any], keep_lists: bool, max_items: int | None = None
) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for raw_name, value in data.items():
        name = _clean_text(str(raw_name))
        if isinstance(value, (list, tuple, set, frozenset)):
            ordered = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
            items = [item for item in map(_scalar, ordered) if item is not None]
            kept = items if max_items is None else items[:max_items]
            flat[name] = kept if keep_lists else _LIST_SEPARATOR.join(str(v) for v in kept)
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


def _fill_missing(rows: list[dict[str, Any]]) -> None:
    """Give every row each text or list attribute some row has: empty, count 0.

    One shape everywhere: a reader never sees an attribute absent on some rows
    and ``""`` on others (pandas and igraph turn the absent ones into NaN).
    Missing numbers stay missing: no number would be an honest "unknown".
    """
    empty: dict[str, Any] = {}
    for row in rows:
        for name, value in row.items():
            if name not in empty and isinstance(value, (str, list)):
                empty[name] = [] if isinstance(value, list) else ""
    counted = {name for name in empty if any(f"{name}_count" in row for row in rows)}
    for row in rows:
        for name, value in empty.items():
            if name not in row:
                row[name] = list(value) if isinstance(value, list) else value
                if name in counted:
                    row[f"{name}_count"] = 0
