"""The speaker graph: who speaks, for whom, about what, and who is quoted together.

A pure function of `Quote` objects: no spaCy, so the graph rebuilt from
``quotes.jsonl`` (via `Quote.from_dict`) is the graph of the original run.

Examples
--------
>>> from quotegraph.model import Quote, QuoteKind, Speaker, SpeakerKind
>>> kirby = Speaker("John Kirby", kind=SpeakerKind.PERSON, organisation="White House")
>>> quotes = [
...     Quote("a", f"a:{i}", "It failed.", 0, 10, QuoteKind.DIRECT, kirby, topics=("Bakhmut",))
...     for i in range(2)
... ]
>>> graph = build_speaker_graph(quotes)
>>> sorted(graph.nodes)
['organisation:white-house', 'person:john-kirby', 'topic:bakhmut']
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

from quotegraph.graph.style import apply_style, project_undirected
from quotegraph.model import EntityMention, Quote, SpeakerKind, slugify

__all__ = ["build_speaker_graph", "RELATIONS", "SYMMETRIC_RELATIONS", "NODE_KINDS"]

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


def build_speaker_graph(
    quotes: Iterable[Quote], *, min_topic_support: int = 2, seed: int = 0, layout: bool = True
) -> nx.MultiDiGraph:
    """Link speakers, their organisations, topics and mentioned entities.

    Parameters
    ----------
    quotes : iterable of Quote
        Quotes of the whole corpus; their order does not matter.
    min_topic_support : int, optional (default=2)
        Distinct quotes (with a known speaker) a topic needs to become a node.
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
        When ``min_topic_support`` is below 1.

    Notes
    -----
    Quotes whose speaker is unknown are left out; their number is the graph
    attribute ``unknown_speaker_quotes``. Nodes are added in sorted id order so
    the result (communities and layout too) does not depend on input order.
    """
    if min_topic_support < 1:
        raise ValueError(f"min_topic_support must be at least 1, not {min_topic_support}")
    ordered = sorted(quotes, key=lambda q: (q.doc_id, q.start, q.end, q.quote_id))
    known = [q for q in ordered if q.speaker.is_known]
    collector = _Collector(_supported_topics(known, min_topic_support))
    for quote in known:
        collector.add_quote(quote)
    collector.finish()
    graph = collector.to_graph()
    graph.graph.update(
        name="quotegraph speaker graph",
        total_quotes=len(ordered),
        unknown_speaker_quotes=len(ordered) - len(known),
        total_articles=len({q.doc_id for q in ordered}),
        min_topic_support=min_topic_support,
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
        self.doc_dates: dict[str, str] = {}

    def add_quote(self, quote: Quote) -> None:
        speaker = quote.speaker
        kind = speaker.kind.value
        sid = speaker.entity_id or _entity_id(kind, speaker.name)
        node = self._touch(sid, kind, speaker.name, quote)
        node.spoken.add(quote.quote_id)
        node.aliases.update(_aliases(speaker.name, quote))
        if speaker.role:
            node.roles[speaker.role] += 1
        if speaker.gender:
            node.genders[(speaker.gender, speaker.gender_evidence or "")] += 1
        if speaker.organisation:
            self._add_affiliation(sid, speaker.organisation, speaker.role, quote)
        for topic in quote.topics:
            slug = _topic_slug(topic)
            if slug in self.topics:
                tid = f"topic:{slug}"
                self._touch(tid, "topic", topic, quote)
                self._link(sid, tid, "speaks_about", quote)
                self.on_topic[(quote.doc_id, tid)].setdefault(sid, set()).add(quote.quote_id)
        self.mentions.extend((sid, mention, quote) for mention in quote.entities)

    def finish(self) -> None:
        """Add mentions (now that every speaker is known) and co-quotation edges."""
        resolve = _MentionResolver(self.nodes, [m for _, m, _ in self.mentions])
        for sid, mention, quote in self.mentions:
            target = resolve(mention)
            if target is not None and target[0] != sid:
                self._add_mention(sid, target, mention, quote)
        for (doc_id, tid), speakers in self.on_topic.items():
            for a, b in combinations(sorted(speakers), 2):
                edge = self.edges[(a, b, "co_quoted")]
                edge.articles.add(doc_id)
                edge.topics.add(tid)
                edge.quote_ids.update(speakers[a] | speakers[b])
                if doc_id in self.doc_dates:
                    edge.dates.add(self.doc_dates[doc_id])

    def to_graph(self) -> nx.MultiDiGraph:
        graph = nx.MultiDiGraph()
        for node_id in sorted(self.nodes):
            graph.add_node(node_id, **_node_attributes(self.nodes[node_id]))
        for u, v, relation in sorted(self.edges):
            facts = self.edges[(u, v, relation)]
            graph.add_edge(u, v, key=relation, **_edge_attributes(relation, facts))
        return graph

    def _touch(self, node_id: str, kind: str, label: str, quote: Quote) -> _NodeFacts:
        node = self.nodes.setdefault(node_id, _NodeFacts(kind=kind))
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
        edge.articles.add(quote.doc_id)
        date = _iso_date(quote.date)
        if date:
            edge.dates.add(date)
        return edge

    def _add_affiliation(self, sid: str, organisation: str, role: str | None, quote: Quote) -> None:
        name = _LEADING_THE.sub("", organisation.strip())
        oid = _entity_id(SpeakerKind.ORGANISATION, name)
        if oid == sid:
            return
        self._touch(oid, "organisation", name, quote)
        self.nodes[sid].organisations[name] += 1
        edge = self._link(sid, oid, "affiliated_with", quote)
        if role:
            edge.roles[role] += 1

    def _add_mention(
        self, sid: str, target: tuple[str, str], mention: EntityMention, quote: Quote
    ) -> None:
        eid, kind = target
        node = self._touch(eid, kind, mention.name, quote)
        if " ".join(mention.text.split()) != mention.name:
            node.aliases.add(" ".join(mention.text.split()))
        self._link(sid, eid, "mentions", quote)


class _MentionResolver:
    """Map an entity mention to a node id and kind, merging name variants.

    In order: an existing node with the mention's id; a speaker of that name;
    a speaker whose surname it is (persons only, when one speaker has it); else
    the name's node under the kind most mentions of that name were given (the
    tagger may call "Bakhmut" a place in one quote and an organisation in another).
    """

    def __init__(self, nodes: dict[str, _NodeFacts], mentions: list[EntityMention]) -> None:
        self.nodes = nodes
        self.surnames = _surname_index(nodes)
        self.speakers = {
            _slug(label): node_id
            for node_id, facts in sorted(nodes.items())
            if facts.spoken
            for label in facts.labels
        }
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for mention in mentions:
            if mention.kind.value in _MENTION_KINDS:
                votes[_slug(mention.name)][mention.kind.value] += 1
        self.kinds = {slug: _most_common(counts) for slug, counts in votes.items()}

    def __call__(self, mention: EntityMention) -> tuple[str, str] | None:
        if mention.kind.value not in _MENTION_KINDS:
            return None
        given = mention.entity_id or _entity_id(mention.kind, mention.name)
        slug = _slug(mention.name)
        for candidate in (given, self.speakers.get(slug)):
            if candidate is not None and candidate in self.nodes:
                return candidate, self.nodes[candidate].kind
        kind = self.kinds[slug]
        if kind == "person" and slug in self.surnames:
            owner = self.surnames[slug]
            return owner, self.nodes[owner].kind
        return _entity_id(kind, mention.name), kind


def _supported_topics(quotes: list[Quote], min_support: int) -> dict[str, str]:
    """Topic slug -> most common label, for topics of at least ``min_support`` quotes."""
    support: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for quote in quotes:
        for topic in quote.topics:
            slug = _topic_slug(topic)
            if slug:
                support[slug].add(quote.quote_id)
                labels[slug][topic] += 1
    return {
        slug: _most_common(labels[slug]) for slug, ids in support.items() if len(ids) >= min_support
    }


def _surname_index(nodes: dict[str, _NodeFacts]) -> dict[str, str]:
    """Surname slug -> person id, for surnames that name exactly one speaker."""
    owners: dict[str, set[str]] = defaultdict(set)
    for node_id, facts in nodes.items():
        if facts.kind == "person" and facts.spoken:
            words = _most_common(facts.labels).split()
            if len(words) > 1:
                owners[_slug(words[-1])].add(node_id)
    return {slug: next(iter(ids)) for slug, ids in owners.items() if len(ids) == 1}


def _node_attributes(facts: _NodeFacts) -> dict[str, Any]:
    label = _most_common(facts.labels)
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


def _edge_attributes(relation: str, facts: _EdgeFacts) -> dict[str, Any]:
    weight = len(facts.articles) if relation == "co_quoted" else len(facts.quote_ids)
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


def _aliases(name: str, quote: Quote) -> set[str]:
    """The speaker mention when it shares a word with the name ("Kirby" for "John Kirby")."""
    mention = quote.speaker.mention
    if mention is None:
        return set()
    words = {w.casefold() for w in re.findall(r"\w{2,}", name)}
    text = " ".join(mention.text.split())
    if text != name and words & {w.casefold() for w in re.findall(r"\w{2,}", text)}:
        return {text}
    return set()


@lru_cache(maxsize=1 << 16)
def _slug(name: str) -> str:
    """`slugify`, cached: the same few names recur across thousands of quotes."""
    return slugify(name)


def _entity_id(kind: SpeakerKind | str, name: str) -> str:
    """`quotegraph.model.make_entity_id` on the cached slug."""
    return f"{kind.value if isinstance(kind, SpeakerKind) else kind}:{_slug(name)}"


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
