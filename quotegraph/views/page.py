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
(`quotegraph.views.articles`) travel inside the page (up to `quotegraph.views.records.INLINE_ARTICLES_LIMIT`
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
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Sequence

import networkx as nx
from markupsafe import Markup

from quotegraph.graph.backbone import BACKBONE_SIZE, backbone_order
from quotegraph.graph.pack import pack_page_data
from quotegraph.graph.style import COMMUNITY_COLOURS, GENDER_COLOURS
from quotegraph.io.atomic import atomic_write
from quotegraph.model import Article, Quote
from quotegraph.views import records
from quotegraph.views.articles import article_css
from quotegraph.views.quotefile import quote_file_path, split_quote_texts
from quotegraph.views.templating import render_template, template_text

__all__ = ["render_html", "write_html", "iframe_srcdoc", "BIG_GRAPH"]

logger = logging.getLogger(__name__)

#: Above this many nodes the layout is computed in Python and physics starts off.
BIG_GRAPH = 300
#: On-screen size (px) below which a label is not drawn (vis-network fades it one pixel before).
LABEL_THRESHOLD = 9

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
    return _render(graph, quotes, articles, title=title, seed=seed)[0]


def _render(
    graph: nx.MultiDiGraph,
    quotes: Sequence[Quote],
    articles: Sequence[Article] | None,
    *,
    title: str,
    seed: int,
    quote_file: str | None = None,
) -> tuple[str, str | None]:
    """The page, and the script of quote texts when ``quote_file`` names one and the archive is big."""
    data = _page_data(graph, quotes, articles or (), title=title, seed=seed)
    script = None
    if quote_file is not None and data["article_count"] > records.INLINE_ARTICLES_MAX:
        data, script = split_quote_texts(data, quote_file)
    if data["big"]:
        data = pack_page_data(data)
    page = render_template(
        "graph.html",
        title=title,
        css=Markup(template_text("graph.css")),
        data=Markup(_script_json(data)),
        vis_js=Markup(_script_safe(_vis_js())),
        # scale.js (big pages: unpacking, backbone, regions) and labels.js run first, in the same block.
        app_js=Markup(_script_safe("\n".join(template_text(n) for n in ("scale.js", "labels.js", "graph.js")))),
    )
    # Lone surrogates (broken input) cannot be written as UTF-8.
    return page.encode("utf-8", "replace").decode("utf-8"), script


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

    Above `quotegraph.views.records.INLINE_ARTICLES_MAX` quoted articles the
    quote texts go to ``<stem>.quotes.js`` beside the page, loaded when a panel
    first shows quotes (`quotegraph.views.quotefile`); at or below it a stale
    file of that name is removed.

    Examples
    --------
    >>> import tempfile
    >>> out = write_html(nx.MultiDiGraph(), [], Path(tempfile.mkdtemp()) / "graph.html")
    >>> out.read_text(encoding="utf-8").count("<script") >= 3
    True
    """
    target = Path(path)
    side = quote_file_path(target)
    page, script = _render(graph, quotes, articles, title=title, seed=seed, quote_file=side.name)
    if script is not None:  # first, so the page never names a file that is not there yet
        with atomic_write(side, encoding="utf-8", durable=False) as handle:
            handle.write(script.encode("utf-8", "replace").decode("utf-8"))
    elif side.is_file():  # left by an earlier, bigger build of this page
        side.unlink()
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
    said = records.spoken_quotes(quotes, {records.node_key(n) for n in graph.nodes})
    edges = records.edge_records(graph, quote_index)
    linked = records.linked_quotes(edges)
    positions = records.positions(graph, seed)
    rank = {node: i for i, node in enumerate(backbone_order(graph))}
    nodes = []
    for node, data in graph.nodes(data=True):
        key = records.node_key(node)
        record = records.node_record(node, data, positions.get(node), said.get(key, []), linked.get(key))
        nodes.append({**record, "rank": rank[key]})
    used_docs = {q.doc_id for q in quotes}
    big = graph.number_of_nodes() > BIG_GRAPH
    quote_records = records.quote_records(quotes)
    return {
        "title": title,
        "nodes": nodes,
        "edges": edges,
        "quotes": quote_records,
        "articles": records.article_records(articles, quotes, used_docs),
        "article_css": article_css(),
        "article_dir": records.ARTICLE_DIR,
        "article_count": len(used_docs),
        "kinds": records.kind_records(nodes),
        "relations": records.relation_records(edges),
        "sources": records.source_records(nodes),
        "dates": records.date_range(quote_records),
        "community_colours": list(COMMUNITY_COLOURS),
        "gender_colours": dict(GENDER_COLOURS),
        "has_communities": any(n["community"] is not None for n in nodes),
        "big": big,
        "backbone": BACKBONE_SIZE if big else None,
        "options": _vis_options(big=big, seed=seed, nodes=len(nodes)),
    }


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
        # graph.js sizes labels itself: the most central readable at the first fit,
        # the rest from LABEL_THRESHOLD pixels on screen (zoom in; lower on big pages) or on hover.
        "scaling": {"min": 9, "max": 42, "label": {"enabled": False, "drawThreshold": 6 if big else LABEL_THRESHOLD,
                                                   "maxVisible": 22}},
        "font": {"face": "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif",
                 "strokeWidth": 4, "strokeColor": "rgba(255,255,255,0.9)"},
    }  # fmt: skip
    options["interaction"] = {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big,
                              "hideEdgesOnZoom": big, "navigationButtons": False,
                              "keyboard": False, "multiselect": False}  # fmt: skip
    options.pop("configure", None)
    return options


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
