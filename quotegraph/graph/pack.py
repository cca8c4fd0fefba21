"""A compact JSON form of a big page's data, unpacked by the page script on load.

A 5,000-article archive has about 70,000 links and quotes. Written as one
JSON object each, their keys and repeated ids (``"from":"person:…"``) take
more room than the content. `pack_page_data` writes links and quotes as rows
of numbers that point into the node list and into small tables (documents,
speaker names, relations), and leaves empty node fields out; ``graph.js``
turns the rows back into the same objects before anything else runs, so the
rest of the page never sees the difference.

Examples
--------
>>> data = {"nodes": [{"id": "a", "label": "A", "aliases": []}, {"id": "b", "label": "B", "aliases": []}],
...         "edges": [{"id": "e0", "from": "a", "to": "b", "key": "mentions", "relation": "mentions",
...                    "weight": 1.0, "role": None, "topics": [], "article_count": 1, "quotes": [0],
...                    "curve": 0.0}],
...         "quotes": [], "relations": [{"relation": "mentions"}]}
>>> packed = pack_page_data(data)
>>> packed["edges"], packed["packed"]["edges"]
([], [[0, 1, 0, 1.0, None, [], 1, [0], 0.0]])
>>> packed["packed"]["edge_keys"]
['weight', 'role', 'topics', 'article_count', 'quotes', 'curve']
>>> packed["nodes"][0]
{'id': 'a', 'label': 'A'}
"""

from __future__ import annotations

from typing import Any, Mapping

__all__ = ["pack_page_data", "NODE_DEFAULTS"]

#: Node fields left out of a packed node when they hold these values (the page restores them).
NODE_DEFAULTS: Mapping[str, Any] = {
    "aliases": [], "quote_count": 0, "article_count": 0, "sources": [], "first_seen": None,
    "last_seen": None, "role": None, "organisation": None, "community": None, "centrality": None,
    "x": None, "y": None, "said": [], "linked": [],
}  # fmt: skip

_QUOTE_DOC_FIELDS = ("doc_id", "title", "source", "date", "url")


def pack_page_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """The page data with nodes trimmed and links and quotes as rows (see module notes).

    Parameters
    ----------
    data : mapping
        What `quotegraph.views.page` puts in the page: ``nodes``, ``edges``,
        ``quotes`` and ``relations`` are read; other keys pass through.

    Returns
    -------
    dict
        ``edges`` and ``quotes`` are empty lists; ``packed`` holds ``edges``
        (``[from, to, relation, *edge_keys]``: nodes and relations by index),
        ``docs`` (``[doc_id, title, source, date, url]``), ``names`` and
        ``quotes`` (``[doc, speaker, speaker_id, *quote_keys]``: documents and
        names by index), the two key lists and ``node_defaults``.
    """
    where = {node["id"]: i for i, node in enumerate(data["nodes"])}
    relations = {r["relation"]: i for i, r in enumerate(data["relations"])}
    edge_keys = _other_keys(data["edges"], ("id", "from", "to", "key", "relation"))
    edges = [
        [where[e["from"]], where[e["to"]], relations[e["relation"]], *(e.get(k) for k in edge_keys)]
        for e in data["edges"]
    ]
    quote_keys = _other_keys(data["quotes"], (*_QUOTE_DOC_FIELDS, "speaker", "speaker_id"))
    docs: dict[tuple[Any, ...], int] = {}
    names: dict[str, int] = {}
    quotes = []
    for q in data["quotes"]:
        doc = docs.setdefault(tuple(q.get(f) for f in _QUOTE_DOC_FIELDS), len(docs))
        speaker = names.setdefault(q["speaker"], len(names))
        speaker_id = names.setdefault(q["speaker_id"], len(names))
        quotes.append([doc, speaker, speaker_id, *(q.get(k) for k in quote_keys)])
    # ``linked`` repeats the edges' quote lists: the page derives it again from the edges.
    nodes = [
        {k: v for k, v in n.items() if k != "linked" and NODE_DEFAULTS.get(k, object()) != v}
        for n in data["nodes"]
    ]
    packed = {"edges": edges, "edge_keys": edge_keys, "docs": [list(d) for d in docs], "names": list(names),
              "quotes": quotes, "quote_keys": quote_keys, "node_defaults": dict(NODE_DEFAULTS)}  # fmt: skip
    return {**data, "nodes": nodes, "edges": [], "quotes": [], "packed": packed}


def _other_keys(records: list[Mapping[str, Any]], known: tuple[str, ...]) -> list[str]:
    keys: dict[str, None] = {}
    for record in records:
        keys.update(dict.fromkeys(k for k in record if k not in known))
    return list(keys)
