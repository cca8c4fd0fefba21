"""GEXF 1.3 for Gephi and Gephi Lite: viz, per-edge direction and edge ``kind``.

networkx writes GEXF only up to 1.2draft, which has no edge ``kind``; Gephi's
importer keeps parallel edges apart only by their kind, so two relations
between one pair would merge into one edge. This writer takes a graph already
flattened by `quotegraph.graph.export.flatten_graph` (scalar attributes, one
type each) and writes:

- ``<graph defaultedgetype="directed">`` with no ``name`` (the schema has none);
  an edge whose ``directed`` attribute is false gets ``type="undirected"``;
- ``kind`` and a ``relation`` attvalue from the edge's relation, ``weight`` as
  the edge's own XML attribute;
- ``label`` on the node element, and ``x``/``y``/``size``/``color`` (with
  ``r``/``g``/``b``) only as ``viz:position``/``viz:size``/``viz:color``, never
  repeated as plain attributes;
- ``start``/``end`` from ``first_seen``/``last_seen`` for Gephi's timeline.

The result validates against the GEXF 1.3 schema (tests/interop/test_schemas.py).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import IO, Any, Iterable, Mapping

import networkx as nx

__all__ = ["GEXF_NS", "VIZ_NS", "write_gexf13"]

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
_XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

#: Node attributes GEXF carries in its own places (the element or viz), not as attvalues.
NODE_BUILTINS = frozenset({"label", "x", "y", "size", "color", "r", "g", "b"})
#: Edge attributes GEXF carries on the edge element itself.
EDGE_BUILTINS = frozenset({"weight", "directed"})
_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_DATE_LENGTH = 10  # YYYY-MM-DD: the only form `timeformat="date"` accepts


def write_gexf13(flat: nx.MultiDiGraph, handle: IO[bytes], *, description: str = "") -> None:
    """Write ``flat`` (a flattened graph) to a binary ``handle`` as GEXF 1.3.

    Parameters
    ----------
    flat : networkx.MultiDiGraph
        A graph from `quotegraph.graph.export.flatten_graph`; edge keys are the
        edge ids, ``relation`` is the edge kind.
    handle : binary file
        Where the UTF-8 XML goes.
    description : str, optional (default="")
        Written as ``<meta><description>``.

    Examples
    --------
    >>> import io
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", label="A", x=0.0, y=1.0, size=10.0, r=1, g=2, b=3, color="#010203")
    >>> g.add_edge("a", "a", key="e0", relation="mentions", weight=1, directed=True)
    'e0'
    >>> out = io.BytesIO()
    >>> write_gexf13(g, out)
    >>> b'kind="mentions"' in out.getvalue() and b'attvalue for="x"' not in out.getvalue()
    True
    """
    ET.register_namespace("viz", VIZ_NS)
    # GEXF elements are left unqualified under a literal default xmlns: ElementTree
    # would otherwise name the namespace ns0, or need the global register_namespace("").
    root = ET.Element(
        "gexf",
        {
            "xmlns": GEXF_NS,
            "version": "1.3",
            f"{{{_XSI_NS}}}schemaLocation": f"{GEXF_NS} {GEXF_NS}/gexf.xsd",
        },
    )
    meta = ET.SubElement(root, _q("meta"))
    ET.SubElement(meta, _q("creator")).text = "quotegraph"
    if description:
        ET.SubElement(meta, _q("description")).text = description
    nodes = [(str(n), d) for n, d in flat.nodes(data=True)]
    edges = [(str(u), str(v), str(k), d) for u, v, k, d in flat.edges(keys=True, data=True)]
    dated = any(_date(d.get("first_seen")) for _, d in nodes) or any(
        _date(d.get("first_seen")) for *_, d in edges
    )
    graph = ET.SubElement(root, _q("graph"), {"defaultedgetype": "directed"})
    if dated:
        graph.set("mode", "dynamic")
        graph.set("timeformat", "date")
    node_ids = _declare(graph, "node", (d for _, d in nodes), NODE_BUILTINS)
    edge_ids = _declare(graph, "edge", (d for *_, d in edges), EDGE_BUILTINS)
    nodes_element = ET.SubElement(graph, _q("nodes"), {"count": str(len(nodes))})
    for node_id, data in nodes:
        _node(nodes_element, node_id, data, node_ids)
    edges_element = ET.SubElement(graph, _q("edges"), {"count": str(len(edges))})
    for u, v, key, data in edges:
        _edge(edges_element, (u, v, key), data, edge_ids)
    ET.indent(root, space=" ")
    ET.ElementTree(root).write(handle, encoding="utf-8", xml_declaration=True)


def _q(tag: str, ns: str | None = None) -> str:
    return f"{{{ns}}}{tag}" if ns else tag


def _declare(
    graph: ET.Element, kind: str, records: Iterable[Mapping[str, Any]], builtins: frozenset[str]
) -> dict[str, str]:
    """Declare every attvalue attribute once (sorted); return name -> attribute id."""
    types: dict[str, str] = {}
    for data in records:
        for name, value in data.items():
            if name not in builtins and name not in types:
                types[name] = _TYPES.get(type(value), "string")
    ids = {name: name for name in sorted(types)}
    block = ET.SubElement(graph, _q("attributes"), {"class": kind, "mode": "static"})
    for name in ids:
        ET.SubElement(block, _q("attribute"), {"id": name, "title": name, "type": types[name]})
    return ids


def _node(parent: ET.Element, node_id: str, data: Mapping[str, Any], ids: dict[str, str]) -> None:
    label = str(data.get("label", node_id))
    element = ET.SubElement(parent, _q("node"), {"id": node_id, "label": label})
    _spell(element, data)
    _attvalues(element, data, ids)
    if all(k in data for k in ("r", "g", "b")):
        ET.SubElement(element, _q("color", VIZ_NS), {k: str(int(data[k])) for k in ("r", "g", "b")})
    if isinstance(data.get("size"), (int, float)):
        ET.SubElement(element, _q("size", VIZ_NS), {"value": repr(float(data["size"]))})
    if isinstance(data.get("x"), (int, float)) and isinstance(data.get("y"), (int, float)):
        position = {"x": repr(float(data["x"])), "y": repr(float(data["y"]))}
        ET.SubElement(element, _q("position", VIZ_NS), position)


def _edge(
    parent: ET.Element, ends: tuple[str, str, str], data: Mapping[str, Any], ids: dict[str, str]
) -> None:
    u, v, key = ends
    attributes = {"id": key, "source": u, "target": v}
    if data.get("directed") is False:
        attributes["type"] = "undirected"
    if isinstance(data.get("weight"), (int, float)) and not isinstance(data["weight"], bool):
        attributes["weight"] = str(data["weight"])
    if data.get("relation"):
        attributes["kind"] = str(data["relation"])
    element = ET.SubElement(parent, _q("edge"), attributes)
    _spell(element, data)
    _attvalues(element, data, ids)


def _spell(element: ET.Element, data: Mapping[str, Any]) -> None:
    start, end = _date(data.get("first_seen")), _date(data.get("last_seen"))
    if start:
        element.set("start", start)
    if end:
        element.set("end", end)


def _attvalues(element: ET.Element, data: Mapping[str, Any], ids: dict[str, str]) -> None:
    values = [(ids[name], value) for name, value in sorted(data.items()) if name in ids]
    if not values:
        return
    block = ET.SubElement(element, _q("attvalues"))
    for attribute_id, value in values:
        text = str(value).lower() if isinstance(value, bool) else str(value)
        ET.SubElement(block, _q("attvalue"), {"for": attribute_id, "value": text})


def _date(value: Any) -> str | None:
    """``YYYY-MM-DD`` from an ISO date or date-time string, else None."""
    if isinstance(value, str) and len(value) >= _DATE_LENGTH and value[4:5] == "-":
        return value[:_DATE_LENGTH]
    return None
