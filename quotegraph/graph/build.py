"""The speaker graph: who speaks, for whom, about what, and who is quoted together.

A pure function of `Quote` objects: no spaCy, so the graph rebuilt from
``quotes.jsonl`` (via `Quote.from_dict`) is the graph of the original run. It
links no names: node ids are the ids the linking stage gave speakers,
affiliations and mentions (`quotegraph.nlp.node_ids.settle_ids`).

Examples
--------
>>> from quotegraph.model import Quote, QuoteKind, Speaker, SpeakerKind
>>> kirby = Speaker("John Kirby", kind=SpeakerKind.PERSON, organisation="White House")
>>> quotes = [
...     Quote(doc, f"{doc}:0", "It failed.", 0, 10, QuoteKind.DIRECT, kirby, topics=("winter offensive",))
...     for doc in ("a", "b")
... ]
>>> graph = build_speaker_graph(quotes)
>>> sorted(graph.nodes)
['organisation:white-house', 'person:john-kirby', 'topic:winter-offensive']
>>> sorted(k for _, _, k in graph.edges(keys=True))
['affiliated_with', 'speaks_about']
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Iterable

import networkx as nx

from quotegraph.graph.identity import COUNT_MODES, statement_keys
from quotegraph.graph.sources import UNNAMED_SOURCE_MODES, unnamed_source_node
from quotegraph.graph.style import apply_style, project_undirected
from quotegraph.model import EntityMention, Quote, SpeakerKind, make_entity_id, slugify
from quotegraph.words import shared_word_alias

__all__ = ["build_speaker_graph", "COUNT_MODES", "RELATIONS", "SYMMETRIC_RELATIONS", "NODE_KINDS"]

logger = logging.getLogger(__name__)

#: Edge relations, also used as the edge key (one edge per pair and relation).
RELATIONS = ("affiliated_with", "speaks_about", "mentions", "co_quoted")
#: Relations without a direction: stored once, from the smaller id, and written
#: as undirected edges wherever a format can say so (GEXF, graphology JSON).
SYMMETRIC_RELATIONS = frozenset({"co_quoted"})
#: Node kinds that appear in the graph.
NODE_KINDS = ("person", "organisation", "place", "topic", "group")

_MENTION_KINDS = frozenset({"person", "organisation", "place", "group"})
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_slug = lru_cache(maxsize=1 << 16)(slugify)  # the same few names recur across thousands of quotes


def build_speaker_graph(
    quotes: Iterable[Quote],
    *,
    min_topic_support: int = 2,
    count: str = "statements",
    unnamed_sources: str = "count",
    seed: int = 0,
    layout: bool = True,
) -> nx.MultiDiGraph:
    """Link speakers, their organisations, topics and mentioned entities.

    Parameters
    ----------
    quotes : iterable of Quote
        Quotes of the whole corpus; their order does not matter.
    min_topic_support : int, optional (default=2)
        Distinct speakers, or distinct articles, a topic needs to become a node.
    count : {"statements", "reprints"}, optional (default="statements")
        What an edge ``weight`` counts: distinct statements (reprints of one
        quote, `Quote.reprint_id`, count once) or every printed occurrence.
    unnamed_sources : {"count", "node"}, optional (default="count")
        ``count``: unnamed and group sources are no nodes; their quotes are
        counted per outlet in the graph attribute ``unnamed_source_quotes``.
        ``node``: one node per kind of source and outlet (``unnamed official
        (The Star)``).
    seed : int, optional (default=0)
        Seed of the Louvain communities and of the layout.
    layout : bool, optional (default=True)
        Set ``x``/``y``/``size``/``color``/``r``/``g``/``b`` with `apply_style`.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by entity id (``person:john-kirby``, ``topic:bakhmut``); edges
        keyed by relation. See ``docs/graph.md`` for every attribute.

    Raises
    ------
    ValueError
        When ``min_topic_support`` is below 1, or ``count`` or
        ``unnamed_sources`` is not one of its values.

    Notes
    -----
    Quotes whose speaker is unknown are left out; their number is the graph
    attribute ``unknown_speaker_quotes``. Nodes are added in sorted id order so
    the result (communities and layout too) does not depend on input order.
    """
    _check_options(min_topic_support, count, unnamed_sources)
    ordered = sorted(quotes, key=lambda q: (q.doc_id, q.start, q.end, q.quote_id))
    known = [q for q in ordered if q.speaker.is_known]
    unnamed = Counter(q.source or "unknown outlet" for q in known if q.speaker.is_unnamed)
    if unnamed_sources == "count":
        known = [q for q in known if not q.speaker.is_unnamed]
    collector = _Collector(_supported_topics(known, min_topic_support))
    collector.statements = statement_keys(ordered)
    for quote in known:
        collector.add_quote(quote, grouped=unnamed_sources == "node")
    collector.finish()
    graph = collector.to_graph(count=count)
    graph.graph.update(
        name="quotegraph speaker graph",
        total_quotes=len(ordered),
        unknown_speaker_quotes=len(ordered) - sum(q.speaker.is_known for q in ordered),
        unnamed_source_quotes=dict(sorted(unnamed.items())),
        total_articles=len({q.doc_id for q in ordered}),
        distinct_statements=len(set(collector.statements.values())),
        min_topic_support=min_topic_support,
        count=count,
        unnamed_sources=unnamed_sources,
        seed=seed,
    )
    simple = project_undirected(graph)
    _add_communities(graph, simple, seed=seed)
    _add_centrality(graph, simple)
    if layout:
        apply_style(graph, seed=seed)
    logger.info(
        "speaker graph: %d nodes, %d edges", graph.number_of_nodes(), graph.number_of_edges()
    )
    return graph


@dataclass
class _NodeFacts:
    kind: str
    labels: Counter[str] = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    quote_ids: set[str] = field(default_factory=set)
    spoken: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    roles: Counter[str] = field(default_factory=Counter)
    organisations: Counter[str] = field(default_factory=Counter)
    genders: Counter[tuple[str, str]] = field(default_factory=Counter)


@dataclass
class _EdgeFacts:
    quote_ids: set[str] = field(default_factory=set)
    statements: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    roles: Counter[str] = field(default_factory=Counter)
    topics: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)


class _Collector:
    """Gathers node and edge facts quote by quote, then emits a sorted graph."""

    def __init__(self, topics: dict[str, str]) -> None:
        self.topics = topics  # topic slug -> label, only the supported ones
        self.nodes: dict[str, _NodeFacts] = {}
        self.edges: dict[tuple[str, str, str], _EdgeFacts] = defaultdict(_EdgeFacts)
        self.on_topic: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(dict)
        self.mentions: list[tuple[str, EntityMention, Quote]] = []
        self.spoken_topics: list[tuple[str, Quote]] = []
        self.statements: dict[str, str] = {}  # quote id -> its statement's key
        self.doc_dates: dict[str, str] = {}

    def add_quote(self, quote: Quote, *, grouped: bool = False) -> None:
        speaker = quote.speaker
        if grouped and speaker.is_unnamed:
            sid, label = unnamed_source_node(speaker, quote.source)
            node = self._touch(sid, "group", label, quote)
        else:
            sid = speaker.entity_id or make_entity_id(speaker.kind, speaker.name)
            node = self._touch_named(sid, speaker.name, quote)
            alias = shared_word_alias(speaker.name, speaker.mention.text) if speaker.mention else None
            if alias:
                node.aliases.add(alias)
            if speaker.gender:  # a person's; an unnamed group's node has none
                node.genders[(speaker.gender, speaker.gender_evidence or "")] += 1
            if speaker.organisation:
                self._add_affiliation(sid, quote)
        node.spoken.add(quote.quote_id)
        if speaker.role:
            node.roles[speaker.role] += 1
        self.spoken_topics.append((sid, quote))
        self.mentions.extend((sid, mention, quote) for mention in quote.entities)

    def finish(self) -> None:
        """Add mentions and topics (now that every speaker is known), then co-quotation edges."""
        for sid, mention, quote in self.mentions:
            if mention.kind.value not in _MENTION_KINDS:
                continue
            eid = mention.entity_id or make_entity_id(mention.kind, mention.name)
            if eid != sid:
                self._add_mention(sid, eid, mention.name, mention.text, quote)
        self._add_topics()
        for (doc_id, tid), speakers in self.on_topic.items():
            for a, b in combinations(sorted(speakers), 2):
                edge = self.edges[(a, b, "co_quoted")]
                edge.articles.add(doc_id)
                edge.topics.add(tid)
                edge.quote_ids.update(speakers[a] | speakers[b])
                if doc_id in self.doc_dates:
                    edge.dates.add(self.doc_dates[doc_id])

    def to_graph(self, *, count: str = "statements") -> nx.MultiDiGraph:
        graph = nx.MultiDiGraph()
        for node_id in sorted(self.nodes):
            graph.add_node(node_id, **_node_attributes(self.nodes[node_id]))
        for _, data in graph.nodes(data=True):
            if "organisation" in data:  # an id until now: the organisation's one full name
                data["organisation"] = graph.nodes[data["organisation"]]["label"]
        for u, v, relation in sorted(self.edges):
            facts = self.edges[(u, v, relation)]
            graph.add_edge(u, v, key=relation, **_edge_attributes(relation, facts, count))
        return graph

    def _add_topics(self) -> None:
        """Topics of each quote (a topic naming a node was made a mention of it when ids were settled)."""
        for sid, quote in self.spoken_topics:
            for topic in quote.topics:
                slug = _topic_slug(topic)
                if slug in self.topics:
                    tid = f"topic:{slug}"
                    self._touch(tid, "topic", self.topics[slug], quote)
                    self._link(sid, tid, "speaks_about", quote)
                    self.on_topic[(quote.doc_id, tid)].setdefault(sid, set()).add(quote.quote_id)

    def _touch_named(self, node_id: str, label: str | None, quote: Quote) -> _NodeFacts:
        """Touch ``node_id``; a name that is not the id's own (a shortened one) is an alias, not a label."""
        shortened = label is not None and node_id.partition(":")[2] != _slug(label)
        node = self._touch(node_id, node_id.partition(":")[0], None if shortened else label, quote)
        if shortened and label:
            node.aliases.add(label)
        return node

    def _touch(self, node_id: str, kind: str, label: str | None, quote: Quote) -> _NodeFacts:
        node = self.nodes.setdefault(node_id, _NodeFacts(kind=kind))
        if label is not None:  # None: a folded topic, which casts no vote for the label
            node.labels[label] += 1
        node.quote_ids.add(quote.quote_id)
        node.articles.add(quote.doc_id)
        if quote.source:
            node.sources.add(quote.source)
        date = _iso_date(quote.date)
        if date:
            node.dates.add(date)
            self.doc_dates[quote.doc_id] = date
        return node

    def _link(self, u: str, v: str, relation: str, quote: Quote) -> _EdgeFacts:
        edge = self.edges[(u, v, relation)]
        edge.quote_ids.add(quote.quote_id)
        edge.statements.add(self.statements.get(quote.quote_id, quote.quote_id))
        edge.articles.add(quote.doc_id)
        date = _iso_date(quote.date)
        if date:
            edge.dates.add(date)
        return edge

    def _add_affiliation(self, sid: str, quote: Quote) -> None:
        name = quote.speaker.organisation or ""
        oid = quote.speaker.organisation_id or make_entity_id(SpeakerKind.ORGANISATION, name)
        if oid == sid:
            return
        self._touch_named(oid, name, quote)
        self.nodes[sid].organisations[oid] += 1  # labelled by the node's own label in to_graph
        edge = self._link(sid, oid, "affiliated_with", quote)
        if quote.speaker.role:
            edge.roles[quote.speaker.role] += 1

    def _add_mention(self, sid: str, eid: str, name: str | None, text: str, quote: Quote) -> None:
        node = self._touch_named(eid, name, quote)
        surface = " ".join(text.split())
        if surface != name:  # the words written, when not the canonical name (or a folded topic)
            node.aliases.add(surface)
        self._link(sid, eid, "mentions", quote)


def _supported_topics(quotes: list[Quote], min_support: int) -> dict[str, str]:
    """Topic slug -> most common label, for topics of ``min_support`` speakers or articles."""
    speakers: dict[str, set[str]] = defaultdict(set)
    articles: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for quote in quotes:
        for topic in quote.topics:
            slug = _topic_slug(topic)
            if slug:
                speakers[slug].add(quote.speaker.entity_id or _slug(quote.speaker.name))
                articles[slug].add(quote.doc_id)
                labels[slug][topic] += 1
    return {
        slug: _most_common(labels[slug])
        for slug in labels
        if max(len(speakers[slug]), len(articles[slug])) >= min_support
    }


def _check_options(min_topic_support: int, count: str, unnamed_sources: str) -> None:
    if min_topic_support < 1:
        raise ValueError(f"min_topic_support must be at least 1, not {min_topic_support}")
    if count not in COUNT_MODES:
        raise ValueError(f"count must be one of {', '.join(COUNT_MODES)}, not {count!r}")
    if unnamed_sources not in UNNAMED_SOURCE_MODES:
        allowed = ", ".join(UNNAMED_SOURCE_MODES)
        raise ValueError(f"unnamed_sources must be one of {allowed}, not {unnamed_sources!r}")


def _node_attributes(facts: _NodeFacts) -> dict[str, Any]:
    # A node known only by shortened names is labelled by the longest of them.
    label = _most_common(facts.labels) if facts.labels else max(facts.aliases, key=len)
    dates = sorted(facts.dates)
    attributes: dict[str, Any] = {
        "label": label,
        "kind": facts.kind,
        "aliases": sorted(
            {a for a in facts.aliases | set(facts.labels) if a.casefold() != label.casefold()}
        ),
        "quote_count": len(facts.quote_ids),
        "spoken_count": len(facts.spoken),
        "articles": sorted(facts.articles),
        "sources": sorted(facts.sources),
    }
    if dates:
        attributes["first_seen"], attributes["last_seen"] = dates[0], dates[-1]
    if facts.roles:
        attributes["role"] = _most_common(facts.roles)
    if facts.organisations:
        attributes["organisation"] = _most_common(facts.organisations)
    if facts.genders:  # one per speaker (quotegraph.nlp.gender); a correction may differ per quote
        gender, evidence = max(sorted(facts.genders), key=facts.genders.__getitem__)
        attributes["gender"] = gender
        if evidence:
            attributes["gender_evidence"] = evidence
    return attributes


def _edge_attributes(relation: str, facts: _EdgeFacts, count: str) -> dict[str, Any]:
    counted = facts.statements if count == "statements" and facts.statements else facts.quote_ids
    weight = len(facts.articles) if relation == "co_quoted" else len(counted)
    attributes: dict[str, Any] = {
        "relation": relation,
        "weight": weight,
        "quote_ids": sorted(facts.quote_ids),
        "doc_ids": sorted(facts.articles),
        "topics": sorted(facts.topics),  # on every edge, empty when none: one shape for all
    }
    if facts.dates:
        attributes["first_seen"], attributes["last_seen"] = min(facts.dates), max(facts.dates)
    if facts.roles:
        attributes["role"] = _most_common(facts.roles)
    return attributes


def _add_communities(graph: nx.MultiDiGraph, simple: nx.Graph, *, seed: int) -> None:
    """Louvain on the undirected weighted projection; 0 is the largest community."""
    if graph.number_of_nodes() == 0:
        return
    parts = nx.community.louvain_communities(simple, weight="weight", seed=seed)
    ranked = sorted(parts, key=lambda part: (-len(part), min(part)))
    for number, part in enumerate(ranked):
        for node in part:
            graph.nodes[node]["community"] = number


def _add_centrality(graph: nx.MultiDiGraph, simple: nx.Graph) -> None:
    """``weighted_degree`` (both directions) and ``centrality`` (PageRank, undirected).

    Named ``weighted_degree``, not ``degree``: Gephi, igraph and networkx call the
    plain edge count "degree", and users compare the two.
    """
    if graph.number_of_nodes() == 0:
        return
    ranks = nx.pagerank(simple, weight="weight") if simple.number_of_edges() else {}
    for node, data in graph.nodes(data=True):
        data["weighted_degree"] = int(round(simple.degree(node, weight="weight")))
        data["centrality"] = round(float(ranks.get(node, 0.0)), 6)


@lru_cache(maxsize=1 << 16)
def _topic_slug(topic: str) -> str:
    """Merge key of a topic label: case and punctuation do not matter."""
    topic = _LEADING_THE.sub("", topic.strip())
    return _slug(topic) if re.search(r"\w", topic) else ""


def _iso_date(value: str | None) -> str | None:
    match = _DATE.match(value or "")
    return match.group(0) if match else None


def _most_common(counts: Counter[str]) -> str:
    """Most frequent key; ties go to the alphabetically first, for stable output."""
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]
