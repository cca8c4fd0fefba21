"""The graph page as text: self-contained, escaped, faithful to the graph, never mutating it."""

from __future__ import annotations

import copy
import html.parser
import json
import re

import networkx as nx
import pytest

from quotegraph.views.page import BIG_GRAPH, iframe_srcdoc, render_html, write_html
from quotegraph.model import Article, Quote, QuoteKind, Resolution, Speaker, SpeakerKind, TextSpan

HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_QUOTE = '"It is over </script><script>window.pwned=1</script> & done," he said.'


def _quote(doc_id: str, text: str, start: int, end: int, name: str, topic: str, **extra) -> Quote:
    speaker = Speaker(
        name,
        mention=TextSpan.of(text, 0, text.index(" ")),
        entity_id=f"person:{name.lower().replace(' ', '-')}",
        kind=SpeakerKind.PERSON,
        resolution=Resolution.SUBJECT,
    )
    return Quote(
        doc_id, f"{doc_id}:{start}-{end}", text[start:end], start, end, QuoteKind.DIRECT, speaker,
        topics=(topic,), source=extra.get("source", "Daily"), date=extra.get("date", "2023-05-01"),
        title=extra.get("title", "A title"), url=extra.get("url"),
    )  # fmt: skip


def _graph_and_quotes() -> tuple[nx.MultiDiGraph, list[Quote], list[Article]]:
    """A hand-built graph with the schema of build.py, including hostile text."""
    kirby_text = 'Kirby said: "Bakhmut is holding." He added more.'
    evil_text = f"{HOSTILE_NAME} said: {HOSTILE_QUOTE}"
    q1 = _quote("a", kirby_text, 12, 33, "John Kirby", "Bakhmut", url="https://example.org/a")
    q2 = _quote("b", evil_text, len(HOSTILE_NAME) + 7, len(evil_text), HOSTILE_NAME, "Bakhmut",
                url="javascript:alert(1)", source="Evil <Source>")  # fmt: skip
    g = nx.MultiDiGraph()
    for node, label, kind, count in (
        ("person:john-kirby", "John Kirby", "person", 1),
        ("person:evil", HOSTILE_NAME, "person", 1),
        ("topic:bakhmut", "Bakhmut", "topic", 2),
        ("organisation:white-house", "White House", "organisation", 1),
    ):
        g.add_node(node, label=label, kind=kind, aliases=["Kirby"] if "kirby" in node else [],
                   quote_count=count, articles=["a"], sources=["Daily"], first_seen="2023-05-01",
                   last_seen="2023-05-01", community=0, centrality=0.25)  # fmt: skip
    g.add_edge("person:john-kirby", "topic:bakhmut", key="speaks_about", relation="speaks_about",
               weight=1, quote_ids=[q1.quote_id], doc_ids=["a"])  # fmt: skip
    g.add_edge("person:evil", "topic:bakhmut", key="speaks_about", relation="speaks_about",
               weight=1, quote_ids=[q2.quote_id], doc_ids=["b"])  # fmt: skip
    g.add_edge("person:john-kirby", "organisation:white-house", key="affiliated_with",
               relation="affiliated_with", weight=1, quote_ids=[q1.quote_id], doc_ids=["a"])  # fmt: skip
    g.add_edge("person:john-kirby", "person:evil", key="co_quoted", relation="co_quoted",
               weight=1, quote_ids=[q1.quote_id, q2.quote_id], doc_ids=["a"])  # fmt: skip
    articles = [Article("a", kirby_text, title="Kirby on Bakhmut"), Article("b", evil_text, title=HOSTILE_NAME)]
    return g, [q1, q2], articles


def _page_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="qg-data">(.*?)</script>', page, re.S)
    assert match is not None
    return json.loads(match.group(1))


class _Collector(html.parser.HTMLParser):
    """Every tag with its attributes, and the text of every <script>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in_script = False if tag == "script" else self._in_script

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


@pytest.fixture(scope="module")
def sample():
    return _graph_and_quotes()


@pytest.fixture(scope="module")
def page(sample) -> str:
    graph, quotes, articles = sample
    return render_html(graph, quotes, articles, title="Test <page>")


def test_render_html_is_self_contained(page):
    parser = _Collector()
    parser.feed(page)
    tags = {tag for tag, _ in parser.tags}
    remote = [(t, a) for t, a in parser.tags for k in ("src", "href") if a.get(k)]
    assert remote == []
    assert "link" not in tags
    assert ("meta", {"charset": "utf-8"}) in parser.tags
    assert len(parser.scripts) == 3  # data, vis-network, the page script: all inline
    assert "vis.Network" in parser.scripts[2] and "DataSet" in parser.scripts[1]


def test_render_html_keeps_hostile_text_out_of_markup(page):
    parser = _Collector()
    parser.feed(page)
    assert "img" not in {tag for tag, _ in parser.tags}
    assert "<script>window.pwned" not in page  # inside JSON it reads \u003cscript\u003ewindow.pwned
    assert "<title>Test &lt;page&gt;</title>" in page
    data = _page_data(page)
    assert HOSTILE_NAME in {n["label"] for n in data["nodes"]}
    assert any("</script><script>window.pwned=1</script>" in q["text"] for q in data["quotes"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [("</script>", "\\u003c/script\\u003e"), ("a & b", "a \\u0026 b"), ("line\u2028sep", "line\\u2028sep")],
    ids=["script-end", "ampersand", "line-separator"],
)
def test_render_html_escapes_json_data(text, expected):
    g = nx.MultiDiGraph()
    g.add_node("person:x", label=text, kind="person", quote_count=1)
    page = render_html(g, [])
    assert expected in page
    assert _page_data(page)["nodes"][0]["label"] == text


def test_render_html_mirrors_the_graph(sample, page):
    graph, quotes, _ = sample
    data = _page_data(page)
    assert {n["id"] for n in data["nodes"]} == set(graph.nodes)
    assert len(data["edges"]) == graph.number_of_edges()
    kirby = next(n for n in data["nodes"] if n["id"] == "person:john-kirby")
    assert [data["quotes"][i]["text"] for i in kirby["said"]] == ['"Bakhmut is holding."']
    topic = next(n for n in data["nodes"] if n["id"] == "topic:bakhmut")
    assert sorted(data["quotes"][i]["doc_id"] for i in topic["linked"]) == ["a", "b"]
    relations = sorted(e["relation"] for e in data["edges"])
    assert relations == ["affiliated_with", "co_quoted", "speaks_about", "speaks_about"]
    assert {k["kind"]: k["count"] for k in data["kinds"]}["topic"] == 1


def test_render_html_does_not_mutate_the_graph(sample):
    graph, quotes, articles = sample
    before = (copy.deepcopy(dict(graph.nodes(data=True))), copy.deepcopy(list(graph.edges(keys=True, data=True))))
    render_html(graph, quotes, articles)
    after = (dict(graph.nodes(data=True)), list(graph.edges(keys=True, data=True)))
    assert after == before


def test_render_html_drops_unsafe_links(page):
    urls = {q["url"] for q in _page_data(page)["quotes"]}
    assert urls == {"https://example.org/a", None}
    assert "javascript:" not in page.split('id="qg-data">')[1].split("</script>")[0]


def test_render_html_embeds_article_views_with_anchors(page):
    data = _page_data(page)
    assert set(data["articles"]) == {"a", "b"}
    for quote in data["quotes"]:
        assert f'id="{quote["anchor"]}"' in data["articles"][quote["doc_id"]]["html"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in data["articles"]["b"]["html"]


@pytest.mark.parametrize(
    ("nodes", "physics"), [(10, True), (BIG_GRAPH + 1, False)], ids=["small", "big"]
)
def test_render_html_switches_physics_by_size(nodes, physics):
    g = nx.MultiDiGraph()
    for i in range(nodes):
        g.add_node(f"person:{i}", label=f"P{i}", kind="person", quote_count=1, community=i % 3)
        if i:
            g.add_edge(f"person:{i}", f"person:{i // 2}", key="mentions", relation="mentions",
                       weight=1, quote_ids=[])  # fmt: skip
    data = _page_data(render_html(g, [], seed=3))
    assert data["options"]["physics"]["enabled"] is physics
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    assert data == _page_data(render_html(g, [], seed=3))  # seeded, so the same page twice


def test_render_html_keeps_positions_the_graph_carries():
    g = nx.MultiDiGraph()
    for node, x, y in (("a", 10.0, 0.0), ("b", -10.0, 0.0), ("c", 0.0, 5.0), ("d", 0.0, -5.0)):
        g.add_node(f"person:{node}", label=node, kind="person", quote_count=1, x=x, y=y)
    data = _page_data(render_html(g, []))
    # the same drawing, centred and scaled to the page (radius 200 px for a small graph)
    assert [(n["x"], n["y"]) for n in data["nodes"]] == [(200.0, 0.0), (-200.0, 0.0), (0.0, 100.0), (0.0, -100.0)]


def test_write_html_writes_utf8(tmp_path, sample):
    graph, quotes, articles = sample
    out = tmp_path / "out" / "graph.html"
    target = write_html(graph, quotes, out, articles=articles, title="Київ — Kyiv")
    assert target == tmp_path / "out" / "graph.html"
    assert "<title>Київ — Kyiv</title>" in target.read_bytes().decode("utf-8")
    assert [p.name for p in target.parent.iterdir()] == ["graph.html"]  # no temporary file left


def test_iframe_srcdoc_round_trips_the_page(page):
    parser = _Collector()
    parser.feed(iframe_srcdoc(page, height=480))
    (tag, attrs), = parser.tags
    assert tag == "iframe" and attrs["srcdoc"] == page
    assert "height:480px" in attrs["style"]
    with pytest.raises(ValueError, match="height"):
        iframe_srcdoc(page, height=0)


def test_render_html_links_article_views_beside_when_too_many(sample, monkeypatch):
    import quotegraph.views.records as records

    graph, quotes, articles = sample
    first = len(records.article_fragment(articles[0], [q for q in quotes if q.doc_id == "a"]))
    monkeypatch.setattr(records, "INLINE_ARTICLES_LIMIT", first)
    data = _page_data(render_html(graph, quotes, articles))
    assert "html" in data["articles"]["a"] and "page" not in data["articles"]["a"]
    assert data["articles"]["b"] == {"title": HOSTILE_NAME, "page": "b.html"}
    assert data["article_dir"] == "articles"


def test_render_html_accepts_non_string_node_ids():
    g = nx.MultiDiGraph()
    g.add_node(1, label="One", kind="person", quote_count=1)
    g.add_node(2, label="Two", kind="topic", quote_count=1)
    g.add_edge(1, 2, key="speaks_about", relation="speaks_about", weight=2, quote_ids=["q"])
    quote = Quote("d", "q", "x", 0, 1, QuoteKind.DIRECT, Speaker("One", kind=SpeakerKind.PERSON, entity_id="1"))
    data = _page_data(render_html(g, [quote]))
    assert [(e["from"], e["to"]) for e in data["edges"]] == [("1", "2")]
    assert [n["linked"] for n in data["nodes"]] == [[], [0]]


def test_render_html_carries_gender_and_corrections():
    from quotegraph.graph.build import build_speaker_graph

    text = '"Yes," said Ann Lee. "No," said Harbour Trust.'
    ann = Speaker("Ann Lee", kind=SpeakerKind.PERSON, gender="female", gender_evidence="corrected")
    trust = Speaker("Harbour Trust", kind=SpeakerKind.ORGANISATION)
    quotes = [Quote("a", "a:0-6", text[0:6], 0, 6, QuoteKind.DIRECT, ann, corrected=("gender",)),
              Quote("a", "a:21-26", text[21:26], 21, 26, QuoteKind.DIRECT, trust)]
    data = _page_data(render_html(build_speaker_graph(quotes), quotes, [Article("a", text)]))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert (nodes["person:ann-lee"]["gender"], nodes["person:ann-lee"]["gender_evidence"]) == ("female", "corrected")
    assert nodes["organisation:harbour-trust"]["gender"] is None
    assert [(q["gender"], q["corrected"]) for q in data["quotes"]] == [("female", ["gender"]), (None, [])]
    assert set(data["gender_colours"]) == {"female", "male", "unknown", "none"}


@pytest.mark.parametrize("limit, side", [(1, True), (2, False)], ids=["above", "at-threshold"])
def test_write_html_moves_quote_texts_beside_above_the_threshold(sample, monkeypatch, tmp_path, limit, side):
    import quotegraph.views.records as records

    graph, quotes, articles = sample  # two quoted articles
    monkeypatch.setattr(records, "INLINE_ARTICLES_MAX", limit)
    stale = tmp_path / "graph.quotes.js"
    stale.write_text("window.qgQuoteTexts = {};", encoding="utf-8")
    page = (write_html(graph, quotes, tmp_path / "graph.html", articles=articles)).read_text(encoding="utf-8")
    data = _page_data(page)
    assert stale.is_file() is side
    assert ("Bakhmut is holding" in page) is not side
    if side:
        script = stale.read_text(encoding="utf-8")
        assert data["quote_file"]["src"] == "graph.quotes.js" and data["quote_file"]["count"] == 2
        assert all("text" not in q for q in data["quotes"])
        body = json.loads(script.removeprefix("window.qgQuoteTexts = ").rstrip().removesuffix(";"))
        assert body["build"] == data["quote_file"]["build"]
        assert [body["texts"][i] for i in body["order"]] == [q.text for q in quotes]
    else:
        assert "quote_file" not in data and [q["text"] for q in data["quotes"]] == [q.text for q in quotes]


def test_render_html_keeps_quote_texts_inline_without_a_file(sample, monkeypatch):
    import quotegraph.views.records as records

    graph, quotes, articles = sample
    monkeypatch.setattr(records, "INLINE_ARTICLES_MAX", 1)
    data = _page_data(render_html(graph, quotes, articles))  # a string (notebooks): nowhere to put a file
    assert "quote_file" not in data and [q["text"] for q in data["quotes"]] == [q.text for q in quotes]
