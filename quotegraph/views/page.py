"""The interactive graph page: one self-contained HTML file that works offline.

pyvis 0.3.2 draws nothing offline with its default resources, links Bootstrap
from a CDN, mutates the graph it is given and writes node names into the page
unescaped. So this module owns the page: it builds the node and edge lists from
the graph (which it never changes), takes vis-network's script from the pyvis
package and its physics options from `pyvis.network.Network`, and fills its own
template (``templates/graph.html``, ``graph.css``, ``graph.js``).

All data goes into one ``<script type="application/json">`` block with ``<``,
``>``, ``&`` and U+2028/U+2029 escaped, so a quote containing ``</script>`` cannot
end the block; the page script only ever sets ``textContent``. Article views
(`quotegraph.views.articles`) travel inside the page (up to `INLINE_ARTICLES_LIMIT`
characters; beyond that quotes link to ``articles/<doc_id>.html#q-<start>``) and
open in an iframe sandboxed without scripts. See ``docs/html.md``.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("person:a", label="<b>A</b>", kind="person", quote_count=1)
>>> page = render_html(g, [])
>>> page.startswith("<!DOCTYPE html>") and "<b>A</b>" not in page
True
"""

from __future__ import annotations

import html
import json
import logging
import math
import re
from collections import Counter, defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import networkx as nx
import numpy as np

from markupsafe import Markup

from quotegraph.graph.backbone import BACKBONE_SIZE, backbone_order
from quotegraph.graph.layout import layout_positions
from quotegraph.graph.pack import pack_page_data
from quotegraph.graph.style import COMMUNITY_COLOURS, GENDER_COLOURS, kind_colour
from quotegraph.io.atomic import atomic_write
from quotegraph.model import Article, Quote, make_entity_id
from quotegraph.views.articles import anchor_ids, article_css, article_fragment, page_names, safe_url
from quotegraph.views.templating import render_template, template_text

__all__ = [
    "render_html", "write_html", "iframe_srcdoc", "BIG_GRAPH", "INLINE_ARTICLES_LIMIT", "INLINE_ARTICLES_MAX",
    "ARTICLE_DIR",
]

logger = logging.getLogger(__name__)

#: Above this many nodes the layout is computed in Python and physics starts off.
BIG_GRAPH = 300
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
_RELATIONS = (  # relation, legend name, directed, dashed, colour
    ("affiliated_with", "affiliated with", True, False, "#f28e2b"),
    ("speaks_about", "speaks about", True, False, "#b07aa1"),
    ("mentions", "mentions", True, True, "#76808f"),
    ("co_quoted", "quoted together", False, True, "#4e79a7"),
)
_CENTRALITY_KEYS = ("centrality", "pagerank", "degree_centrality", "betweenness")
_JSON_ESCAPES = {
    "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029",
}


def render_html(
    graph: nx.MultiDiGraph,
    quotes: Sequence[Quote],
    articles: Sequence[Article] | None = None,
    *,
    title: str = "quotegraph",
    seed: int = 0,
) -> str:
    """The complete, self-contained interactive page for ``graph``.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The speaker graph (`quotegraph.graph.build.build_speaker_graph`). It is
        read, never modified. Nodes with ``x``/``y`` keep those positions.
    quotes : sequence of Quote
        The quotes behind the graph; edges and nodes point to them by ``quote_id``.
    articles : sequence of Article, optional (default=None)
        When given, each article with quotes is embedded as a highlighted
        article view that the quote panels open ("Show in article").
    title : str, optional (default="quotegraph")
        Page title (escaped).
    seed : int, optional (default=0)
        Seed of the layout when the graph carries no positions.

    Returns
    -------
    str
        An HTML document with every script and style inline and no remote
        ``src``/``href``.

    Notes
    -----
    Graphs of up to `BIG_GRAPH` nodes open with vis-network's physics on;
    bigger ones open with positions computed here and physics off (a toggle
    turns it on), so 5,000 nodes open without freezing the browser.
    """
    data = _page_data(graph, quotes, articles or (), title=title, seed=seed)
    if data["big"]:
        data = pack_page_data(data)
    page = render_template(
        "graph.html",
        title=title,
        css=Markup(template_text("graph.css")),
        data=Markup(_script_json(data)),
        vis_js=Markup(_script_safe(_vis_js())),
        # scale.js (big pages: unpacking, backbone, regions) runs first, in the same block.
        app_js=Markup(_script_safe(template_text("scale.js") + "\n" + template_text("graph.js"))),
    )
    # Lone surrogates (broken input) cannot be written as UTF-8.
    return page.encode("utf-8", "replace").decode("utf-8")


def write_html(
    graph: nx.MultiDiGraph,
    quotes: Sequence[Quote],
    path: str | Path,
    *,
    articles: Sequence[Article] | None = None,
    title: str = "quotegraph",
    seed: int = 0,
) -> Path:
    """Write `render_html` to ``path`` atomically, in UTF-8; return the path.

    Examples
    --------
    >>> import tempfile
    >>> out = write_html(nx.MultiDiGraph(), [], Path(tempfile.mkdtemp()) / "graph.html")
    >>> out.read_text(encoding="utf-8").count("<script") >= 3
    True
    """
    target = Path(path)
    page = render_html(graph, quotes, articles, title=title, seed=seed)
    with atomic_write(target, encoding="utf-8") as handle:
        handle.write(page)
    logger.info("wrote %s (%d nodes, %.1f MB)", target, graph.number_of_nodes(), len(page) / 1e6)
    return target


def iframe_srcdoc(page: str, height: int = 600) -> str:
    """An ``<iframe srcdoc>`` showing ``page`` inline (Jupyter, VS Code, Colab).

    The page is escaped into the attribute, so it needs no file and no server.
    The sandbox keeps the notebook's own origin (``allow-same-origin``): without
    it the page cannot reach into its article reader to scroll to a quote. The
    page's script sets only ``textContent``, so data never becomes markup there.

    >>> iframe_srcdoc('<p title="x">a & b</p>', height=200)[:60]
    '<iframe srcdoc="&lt;p title=&quot;x&quot;&gt;a &amp; b&lt;/p'
    """
    if height <= 0:
        raise ValueError(f"height must be a positive number of pixels, not {height}")
    return (
        f'<iframe srcdoc="{html.escape(page, quote=True)}" style="width:100%;height:{int(height)}px;'
        'border:1px solid #dde1e7;border-radius:6px" '
        'sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox" '
        'loading="lazy"></iframe>'
    )


def _page_data(
    graph: nx.MultiDiGraph,
    quotes: Sequence[Quote],
    articles: Iterable[Article],
    *,
    title: str,
    seed: int,
) -> dict[str, Any]:
    quote_index = {q.quote_id: i for i, q in enumerate(quotes)}
    said = _spoken_quotes(quotes, {_node_key(n) for n in graph.nodes})
    edges = _edge_records(graph, quote_index)
    linked = _linked_quotes(edges)
    positions = _positions(graph, seed)
    rank = {node: i for i, node in enumerate(backbone_order(graph))}
    nodes = []
    for node, data in graph.nodes(data=True):
        key = _node_key(node)
        record = _node_record(node, data, positions.get(node), said.get(key, []), linked.get(key))
        nodes.append({**record, "rank": rank[key]})
    used_docs = {q.doc_id for q in quotes}
    big = graph.number_of_nodes() > BIG_GRAPH
    return {
        "title": title,
        "nodes": nodes,
        "edges": edges,
        "quotes": _quote_records(quotes),
        "articles": _article_records(articles, quotes, used_docs),
        "article_css": article_css(),
        "article_dir": ARTICLE_DIR,
        "article_count": len(used_docs),
        "kinds": _kind_records(nodes),
        "relations": _relation_records(edges),
        "sources": _source_records(nodes),
        "dates": _date_range(nodes),
        "community_colours": list(COMMUNITY_COLOURS),
        "gender_colours": dict(GENDER_COLOURS),
        "has_communities": any(n["community"] is not None for n in nodes),
        "big": big,
        "backbone": BACKBONE_SIZE if big else None,
        "options": _vis_options(big=big, seed=seed, nodes=len(nodes)),
    }


def _spoken_quotes(quotes: Sequence[Quote], node_ids: set[str]) -> dict[str, list[int]]:
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


def _edge_records(graph: nx.MultiDiGraph, quote_index: Mapping[str, int]) -> list[dict[str, Any]]:
    records = []
    pairs: Counter[frozenset[Any]] = Counter()
    for number, (u, v, key, data) in enumerate(graph.edges(keys=True, data=True)):
        pair = frozenset((u, v))
        curve = 0.12 + 0.1 * pairs[pair] if pairs[pair] else 0.0
        pairs[pair] += 1
        ids = [quote_index[q] for q in _as_list(data.get("quote_ids")) if q in quote_index]
        records.append({
            "id": f"e{number}",
            "from": _node_key(u),
            "to": _node_key(v),
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


def _linked_quotes(edges: Sequence[Mapping[str, Any]]) -> dict[str, set[int]]:
    """Node id -> quotes behind its links (co-quoted links name other people's quotes)."""
    linked: dict[str, set[int]] = defaultdict(set)
    for edge in edges:
        if edge["relation"] == "co_quoted":
            continue
        linked[edge["from"]].update(edge["quotes"])
        linked[edge["to"]].update(edge["quotes"])
    return linked


def _node_record(
    node: Any,
    data: Mapping[str, Any],
    position: tuple[float, float] | None,
    said: list[int],
    linked: set[int] | None,
) -> dict[str, Any]:
    kind = _text(data.get("kind")) or "unknown"
    community = data.get("community")
    return {
        "id": _node_key(node),
        "label": _text(data.get("label")) or _node_key(node),
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


def _quote_records(quotes: Sequence[Quote]) -> list[dict[str, Any]]:
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


def _article_records(
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


def _kind_records(nodes: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    counts = Counter(n["kind"] for n in nodes)
    return [
        {"kind": kind, "name": name, "singular": one, "shape": shape,
         "colour": kind_colour(kind), "count": counts[kind]}
        for kind, name, one, shape in _KINDS
    ]  # fmt: skip


def _relation_records(edges: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    counts = Counter(e["relation"] for e in edges)
    known = [r[0] for r in _RELATIONS]
    extra = [(r, r.replace("_", " "), True, False, "#9aa5b1") for r in sorted(counts) if r not in known]
    return [
        {"relation": rel, "name": name, "directed": directed, "dashes": dashed,
         "colour": _rgba(colour, 0.45), "strong": colour, "count": counts[rel]}
        for rel, name, directed, dashed, colour in (*_RELATIONS, *extra)
    ]  # fmt: skip


def _source_records(nodes: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    counts = Counter(s for n in nodes for s in n["sources"])
    return [{"name": s, "count": counts[s]} for s in sorted(counts, key=lambda s: (-counts[s], s))]


def _date_range(nodes: Sequence[Mapping[str, Any]]) -> list[str]:
    dates = [d for n in nodes for d in (n["first_seen"], n["last_seen"]) if d and _is_iso(d)]
    return [min(dates), max(dates)] if dates else []


def _vis_options(*, big: bool, seed: int, nodes: int) -> dict[str, Any]:
    """vis-network options: pyvis's forceAtlas2 physics, our own look."""
    from pyvis.network import Network  # only render.py imports pyvis

    net = Network(directed=True)
    net.force_atlas_2based(gravity=-70, central_gravity=0.012, spring_length=110,
                           spring_strength=0.06, damping=0.5, overlap=0.3)  # fmt: skip
    options: dict[str, Any] = json.loads(net.options.to_json())
    physics = options["physics"]
    physics.update(enabled=not big, minVelocity=0.75, maxVelocity=60)
    physics["stabilization"] = {"enabled": not big, "iterations": min(600, 150 + 2 * nodes),
                                "updateInterval": 25, "fit": True}  # fmt: skip
    options["layout"] = {"randomSeed": seed, "improvedLayout": not big}
    options["edges"] = {
        "smooth": False if big else {"enabled": True, "type": "continuous", "roundness": 0.35},
        "scaling": {"min": 1, "max": 7},
        "selectionWidth": 1.5,
        "hoverWidth": 0.8,
    }
    options["nodes"] = {
        "borderWidth": 1.5,
        "scaling": {"min": 9, "max": 42, "label": {"enabled": True, "min": 13, "max": 24,
                                                   "drawThreshold": 4 if big else 7, "maxVisible": 30}},
        "font": {"face": "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif",
                 "strokeWidth": 4, "strokeColor": "rgba(255,255,255,0.9)"},
    }  # fmt: skip
    options["interaction"] = {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big,
                              "hideEdgesOnZoom": big, "navigationButtons": False,
                              "keyboard": False, "multiselect": False}  # fmt: skip
    options.pop("configure", None)
    return options


def _positions(graph: nx.MultiDiGraph, seed: int) -> dict[Any, tuple[float, float]]:
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


@lru_cache(maxsize=1)
def _vis_js() -> str:
    """vis-network 9.1.2 as shipped inside the pyvis package (no download)."""
    return (resources.files("pyvis") / "lib" / "vis-9.1.2" / "vis-network.min.js").read_text("utf-8")


def _script_json(data: Any) -> str:
    """JSON that is inert inside ``<script type="application/json">``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


def _script_safe(code: str) -> str:
    # A literal "</script" would end the inline block; "<\/" means the same in JS strings.
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)


def _rgba(colour: str, alpha: float) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _centrality(data: Mapping[str, Any]) -> float | None:
    for key in _CENTRALITY_KEYS:
        value = data.get(key)
        if value is not None and _finite(value):
            return round(float(value), 4)
    return None


def _node_key(node: Any) -> str:
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
