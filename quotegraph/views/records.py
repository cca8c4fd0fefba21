"""The graph page's data: JSON-ready records of nodes, edges, quotes and articles.

`quotegraph.views.page` puts them into ``graph.html`` as one JSON block; the
page script reads nothing else. Records are built from the graph as it is (never
changed) and the quotes behind it; positions come from the graph or, when it
carries none, from networkx's seeded layout (`quotegraph.graph.style`).
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter, defaultdict
from typing import Any, Iterable, Mapping, Sequence

import networkx as nx
import numpy as np

from quotegraph.graph.backbone import BACKBONE_SIZE
from quotegraph.graph.layout import layout_positions
from quotegraph.graph.style import kind_colour
from quotegraph.model import Article, Quote, make_entity_id
from quotegraph.views.articles import anchor_ids, article_fragment, page_names, safe_url

__all__ = [
    "ARTICLE_DIR",
    "INLINE_ARTICLES_LIMIT",
    "INLINE_ARTICLES_MAX",
    "article_records",
    "date_range",
    "edge_records",
    "kind_records",
    "linked_quotes",
    "node_record",
    "node_key",
    "positions",
    "quote_records",
    "relation_records",
    "source_records",
    "spoken_quotes",
]

logger = logging.getLogger(__name__)

#: Article views are embedded in the page for corpora of up to this many quoted articles;
#: above it every view links to ``articles/`` (a 5,000-article page would carry 40 MB of them).
INLINE_ARTICLES_MAX = 500
#: Characters of highlighted article views embedded in the page; beyond it, links to ``articles/``.
INLINE_ARTICLES_LIMIT = 10_000_000
#: Folder, relative to the page, of the article views that are not embedded.
ARTICLE_DIR = "articles"

_KINDS = (  # kind, legend name, singular, vis shape
    ("person", "People", "Person", "dot"),
    ("organisation", "Organisations", "Organisation", "square"),
    ("place", "Places", "Place", "triangle"),
    ("topic", "Topics", "Topic", "diamond"),
    ("group", "Groups", "Group", "hexagon"),
    ("unknown", "Other", "Other", "dot"),
)
_RELATIONS = (  # relation, legend name, directed, line style, colour, what it means
    ("affiliated_with", "affiliated with", True, "solid", "#f28e2b",
     "A speaker and the organisation they speak for, with their role."),
    ("speaks_about", "speaks about", True, "solid", "#b07aa1",
     "A speaker and a topic of their quotes."),
    ("mentions", "mentions", True, "dotted", "#76808f",
     "A quote names this person, organisation or place."),
    ("co_quoted", "quoted together", False, "dashed", "#4e79a7",
     "Two speakers quoted on the same topic in the same article (not that they agree)."),
)
_CENTRALITY_KEYS = ("centrality", "pagerank", "degree_centrality", "betweenness")

def spoken_quotes(quotes: Sequence[Quote], node_ids: set[str]) -> dict[str, list[int]]:
    """Node id -> indexes of the quotes its speaker said (the graph's own id rule)."""
    said: dict[str, list[int]] = defaultdict(list)
    for index, quote in enumerate(quotes):
        speaker = quote.speaker
        if not speaker.is_known:
            continue
        node = speaker.entity_id or make_entity_id(speaker.kind, speaker.name)
        if node in node_ids:
            said[node].append(index)
    return said


def edge_records(graph: nx.MultiDiGraph, quote_index: Mapping[str, int]) -> list[dict[str, Any]]:
    records = []
    pairs: Counter[frozenset[Any]] = Counter()
    for number, (u, v, key, data) in enumerate(graph.edges(keys=True, data=True)):
        pair = frozenset((u, v))
        curve = 0.12 + 0.1 * pairs[pair] if pairs[pair] else 0.0
        pairs[pair] += 1
        ids = [quote_index[q] for q in _as_list(data.get("quote_ids")) if q in quote_index]
        records.append({
            "id": f"e{number}",
            "from": node_key(u),
            "to": node_key(v),
            "key": _text(key),
            "relation": _text(data.get("relation")) or _text(key) or "link",
            "weight": _number(data.get("weight"), default=1.0),
            "role": _text(data.get("role")),
            "topics": [_text(t) for t in _as_list(data.get("topics"))],
            "article_count": len(_as_list(data.get("doc_ids"))),
            "quotes": sorted(set(ids)),
            "curve": round(curve, 2),
        })  # fmt: skip
    return records


def linked_quotes(edges: Sequence[Mapping[str, Any]]) -> dict[str, set[int]]:
    """Node id -> quotes behind its links (co-quoted links name other people's quotes)."""
    linked: dict[str, set[int]] = defaultdict(set)
    for edge in edges:
        if edge["relation"] == "co_quoted":
            continue
        linked[edge["from"]].update(edge["quotes"])
        linked[edge["to"]].update(edge["quotes"])
    return linked


def node_record(
    node: Any,
    data: Mapping[str, Any],
    position: tuple[float, float] | None,
    said: list[int],
    linked: set[int] | None,
) -> dict[str, Any]:
    kind = _text(data.get("kind")) or "unknown"
    community = data.get("community")
    return {
        "id": node_key(node),
        "label": _text(data.get("label")) or node_key(node),
        "kind": kind if kind in {k[0] for k in _KINDS} else "unknown",
        "aliases": [_text(a) for a in _as_list(data.get("aliases")) if _text(a)],
        "quote_count": int(_number(data.get("quote_count"), default=len(said))),
        "article_count": len(_as_list(data.get("articles"))),
        "sources": sorted({_text(s) for s in _as_list(data.get("sources")) if _text(s)}),
        "first_seen": _text(data.get("first_seen")),
        "last_seen": _text(data.get("last_seen")),
        "role": _text(data.get("role")),
        "organisation": _text(data.get("organisation")),
        "community": int(community) if isinstance(community, (int, np.integer)) else None,
        "gender": _text(data.get("gender")),
        "gender_evidence": _text(data.get("gender_evidence")),
        "gender_text_female": int(_number(data.get("gender_text_female"), default=0)),
        "gender_text_male": int(_number(data.get("gender_text_male"), default=0)),
        "centrality": _centrality(data),
        "x": position[0] if position else None,
        "y": position[1] if position else None,
        "said": said,
        "linked": sorted((linked or set()) - set(said)),
    }


def quote_records(quotes: Sequence[Quote]) -> list[dict[str, Any]]:
    anchors: dict[str, str] = {}
    by_doc: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        by_doc[quote.doc_id].append(quote)
    for doc_quotes in by_doc.values():
        anchors.update(anchor_ids(doc_quotes))
    return [
        {
            "text": q.text,
            "doc_id": q.doc_id,
            "speaker": q.speaker.name if q.speaker.is_known else "unknown speaker",
            "speaker_id": q.speaker.entity_id or make_entity_id(q.speaker.kind, q.speaker.name),
            "type": q.type.value,
            "anchor": anchors.get(q.quote_id),
            "title": q.title,
            "source": q.source,
            "date": (q.date or "")[:10] or None,
            "url": safe_url(q.url),
            "gender": q.speaker.gender if q.speaker.is_known else None,
            "corrected": list(q.corrected),
        }
        for q in quotes
    ]


def article_records(
    articles: Iterable[Article], quotes: Sequence[Quote], used: set[str]
) -> dict[str, dict[str, Any]]:
    """Highlighted views of the articles that have quotes, keyed by doc id.

    Views are embedded until they reach `INLINE_ARTICLES_LIMIT` characters; the
    rest are named by the file `quotegraph.views.articles.write_highlights` writes
    for them in ``articles/`` beside the page.
    """
    articles = list(articles)
    by_doc: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        by_doc[quote.doc_id].append(quote)
    names = page_names([a.doc_id for a in articles])
    records: dict[str, dict[str, Any]] = {}
    budget, full = INLINE_ARTICLES_LIMIT, len(used) > INLINE_ARTICLES_MAX
    for article in articles:
        if article.doc_id not in used or article.doc_id in records:
            continue
        record: dict[str, Any] = {"title": article.title or article.doc_id}
        fragment = "" if full else article_fragment(article, by_doc[article.doc_id])
        full = full or len(fragment) > budget  # the embedded views stay a prefix of the list
        if full:
            record["page"] = names[article.doc_id]
        else:
            record["html"] = fragment
            budget -= len(fragment)
        records[article.doc_id] = record
    if full:
        logger.info("article views exceed %d characters: the rest link to %s/",
                    INLINE_ARTICLES_LIMIT, ARTICLE_DIR)  # fmt: skip
    return records


def kind_records(nodes: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    counts = Counter(n["kind"] for n in nodes)
    return [
        {"kind": kind, "name": name, "singular": one, "shape": shape,
         "colour": kind_colour(kind), "count": counts[kind]}
        for kind, name, one, shape in _KINDS
    ]  # fmt: skip


def relation_records(edges: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    counts = Counter(e["relation"] for e in edges)
    known = [r[0] for r in _RELATIONS]
    extra = [(r, r.replace("_", " "), True, "solid", "#9aa5b1", "") for r in sorted(counts) if r not in known]
    return [
        {"relation": rel, "name": name, "directed": directed, "line": line, "dashes": line != "solid",
         "description": about, "colour": _rgba(colour, 0.45), "strong": colour, "count": counts[rel]}
        for rel, name, directed, line, colour, about in (*_RELATIONS, *extra)
    ]  # fmt: skip


def source_records(nodes: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    counts = Counter(s for n in nodes for s in n["sources"])
    return [{"name": s, "count": counts[s]} for s in sorted(counts, key=lambda s: (-counts[s], s))]


def date_range(quotes: Sequence[Mapping[str, Any]]) -> list[str]:
    # The page filters by the dates of quotes, so its range is theirs.
    dates = [q["date"] for q in quotes if q["date"] and _is_iso(q["date"])]
    return [min(dates), max(dates)] if dates else []


def positions(graph: nx.MultiDiGraph, seed: int) -> dict[Any, tuple[float, float]]:
    """Positions carried by the graph (as in Gephi), else `layout_positions`; scaled to the page.

    The drawing gets a radius of ``40 * sqrt(min(nodes, 600))`` pixels, so node density (of the
    backbone, on big graphs), not the layout's own units, decides how much room a graph takes.
    """
    if graph.number_of_nodes() == 0:
        return {}
    carried = {n: (d.get("x"), d.get("y")) for n, d in graph.nodes(data=True)}
    if all(_finite(x) and _finite(y) for x, y in carried.values()):
        raw = {n: (float(x), float(y)) for n, (x, y) in carried.items()}
    else:
        placed = layout_positions(graph, seed=seed)  # keyed by str(node)
        raw = {n: placed[str(n)] for n in graph.nodes}
    nodes = list(raw)
    points = np.array([raw[n] for n in nodes], dtype=float)
    points -= points.mean(axis=0)
    radius = float(np.abs(points).max()) or 1.0
    # Big graphs open on their backbone: size the drawing for that, so its labels are legible.
    points *= max(200.0, 40.0 * math.sqrt(min(len(nodes), 2 * BACKBONE_SIZE))) / radius
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in zip(nodes, points)}


def _rgba(colour: str, alpha: float) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _centrality(data: Mapping[str, Any]) -> float | None:
    for key in _CENTRALITY_KEYS:
        value = data.get(key)
        if value is not None and _finite(value):
            return round(float(value), 4)
    return None


def node_key(node: Any) -> str:
    return str(node)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text or None


def _as_list(value: Any) -> list[Any]:
    """Attribute lists may arrive as lists, tuples, sets or (after GraphML) one string."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, (list, tuple, set, frozenset)):
        return sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)
    return [value]


def _number(value: Any, *, default: float) -> float:
    return float(value) if _finite(value) else float(default)


def _finite(value: Any) -> bool:
    numeric = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)
    return numeric and math.isfinite(value)


def _is_iso(text: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text))
