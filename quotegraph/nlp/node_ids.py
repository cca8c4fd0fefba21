"""One id per real-world thing: the ids the graph draws, settled once for the corpus.

Runs after `quotegraph.nlp.entities.link_entities` (and corrections, reprints
and topics), on plain `Quote` objects, no spaCy. The tagger may call one town
an organisation in one sentence and a place in the next ("Dunmere said" /
"in Dunmere"), and an article may shorten a body's name after first use ("the
Haldport Harbour Authority" ... "the Harbour Authority"). Both are one thing,
so both get one id here; `quotegraph.graph.build` only reads the ids:
``speaker.entity_id``, ``speaker.organisation_id`` and each mention's
``entity_id`` and ``kind``. A topic that names a node ("Hillary", the
dateline's "HALDPORT") is no topic: it becomes a mention of that node.

Examples
--------
>>> names = [("organisation", "Dunmere", 0.0), ("place", "Dunmere", 1.0),
...          ("organisation", "Haldport Harbour Authority", 1.0),
...          ("organisation", "Harbour Authority", 1.0)]
>>> merged = canonical_bodies(names)
>>> merged["organisation:dunmere"], merged["organisation:harbour-authority"]
('place:dunmere', 'organisation:haldport-harbour-authority')
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace
from functools import lru_cache
from typing import Iterable, Sequence

from quotegraph.model import EntityMention, Quote, SpeakerKind, make_entity_id, slugify
from quotegraph.nlp.names import sole_bearers, surname
from quotegraph.words import shared_word_alias

__all__ = ["MAX_LABEL", "body_name", "canonical_bodies", "settle_ids"]

_MENTION_KINDS = frozenset({"person", "organisation", "place", "group"})
_BODY_KINDS = ("organisation", "person", "place")
#: Longest label a reader takes in at a glance; longer names are cut at a phrase boundary.
MAX_LABEL = 60
_CLAUSE = re.compile(r",|;|\s+(?:and|or)\s+(?:a|an|the|former|current)\s|\s+(?:who|which|that|where)\s")
_PHRASE_BREAK = re.compile(r"\s+(?:at|in|of|for|on|from)\s+")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


def settle_ids(quotes: Sequence[Quote]) -> list[Quote]:
    """The quotes, in the same order, with the final node id of every speaker, affiliation and mention.

    Named sources vote (unnamed and group sources are no entities); every
    quote's mentions are then resolved against them. The result does not
    depend on the order of ``quotes``.
    """
    ordered = sorted(quotes, key=lambda q: (q.doc_id, q.start, q.end, q.quote_id))
    named = [q for q in ordered if q.speaker.is_known and not q.speaker.is_unnamed]
    bodies = canonical_bodies(_body_names(named))
    ids = _Ids(bodies, named)
    settled = {id(q): ids.settle(q) for q in ordered}
    index = _EntityIndex(_node_names(settled[id(q)] for q in named))
    return [_fold_topics(settled[id(q)], index) for q in quotes]


def body_name(name: str) -> str:
    """An organisation's name without a leading "the" or the clause a byline or apposition ran into it.

    >>> body_name("Sierra Club, who has been challenging the coal industry for years")
    'Sierra Club'
    >>> body_name("the Hoover Institution and a former United States ambassador to Russia")
    'Hoover Institution'
    >>> body_name("Institute for Policy Integrity at New York University's law school")
    'Institute for Policy Integrity'
    """
    name = _CLAUSE.split(_LEADING_THE.sub("", name.strip()), maxsplit=1)[0].strip()
    while len(name) > MAX_LABEL:
        breaks = [m.start() for m in _PHRASE_BREAK.finditer(name) if m.start() > 0]
        if not breaks:
            return name[:MAX_LABEL].rsplit(" ", 1)[0]
        name = name[: breaks[-1]]
    return name


def canonical_bodies(names: Iterable[tuple[str, str, float]]) -> dict[str, str]:
    """Map person, organisation and place ids to the one id of the thing they name.

    Parameters
    ----------
    names : iterable of (kind, name, weight)
        Every organisation and place name the corpus gives: speakers and
        mentions (weight 1), affiliations (weight 0: "Dunmere's mayor" makes
        Dunmere the mayor's organisation whatever it is, so an affiliation
        is an organisation only when nothing says otherwise).

    Returns
    -------
    dict of str to str
        Only ids that change: ``{"organisation:dunmere": "place:dunmere", ...}``.

    Notes
    -----
    * One name, one node: the kind with the most weight wins (ties go to the
      organisation, which can speak).
    * An organisation's name that ends, or begins, the name of exactly one
      longer organisation ("Harbour Authority" and "Haldport Harbour
      Authority", "Corvane" and "Corvane Energy", "the union" and "Transport
      Workers' Union") is that organisation, as a lone surname is the one full
      name that has it.
    """
    votes: dict[str, dict[str, float]] = defaultdict(dict)
    for kind, name, weight in names:
        if kind in _BODY_KINDS:
            counts = votes[_slug(name)]
            counts[kind] = counts.get(kind, 0.0) + weight
    kinds = {slug: min(c, key=lambda k: (-c[k], k)) for slug, c in votes.items()}
    longer = _part_owners([slug for slug, kind in kinds.items() if kind == "organisation"])
    merged: dict[str, str] = {}
    for slug, counts in votes.items():
        target = longer.get(slug) if kinds[slug] == "organisation" else None
        final = f"organisation:{target}" if target else f"{kinds[slug]}:{slug}"
        for kind in counts:
            if f"{kind}:{slug}" != final:
                merged[f"{kind}:{slug}"] = final
    return merged


class _Ids:
    """Speaker, affiliation and mention ids, in the order the quotes are read.

    A mention is, in order: a node already known under its id; a speaker of
    that name; the one speaker whose surname it is (persons only); else the
    name under the kind most mentions of that name were given (the tagger may
    call "Bakhmut" a place in one quote and an organisation in another).
    """

    def __init__(self, bodies: dict[str, str], named: list[Quote]) -> None:
        self.bodies = bodies
        labels: dict[str, Counter[str]] = defaultdict(Counter)  # node -> the names it goes by in full
        spoken: set[str] = set()
        for quote in named:
            sid, affiliation = self._speaker_ids(quote)
            spoken.add(sid)
            _add_label(labels, sid, quote.speaker.name)
            if affiliation is not None and affiliation != sid:
                _add_label(labels, affiliation, body_name(quote.speaker.organisation or ""))
        self.nodes = set(labels)
        spoken_labels = {node: labels[node] for node in sorted(labels) if node in spoken}
        self.speakers = {_slug(name): node for node, names in spoken_labels.items() for name in names}
        self.surnames = _surname_index(spoken_labels)
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for mention in (m for q in named for m in q.entities):
            if mention.kind.value in _MENTION_KINDS:
                votes[_slug(mention.name)][mention.kind.value] += 1
        self.kinds = {slug: _most_common(counts) for slug, counts in votes.items()}
        self.named = {id(q) for q in named}

    def settle(self, quote: Quote) -> Quote:
        speaker = quote.speaker
        if id(quote) not in self.named:
            return replace(quote, entities=tuple(self._mention(m, None) for m in quote.entities))
        sid, affiliation = self._speaker_ids(quote)
        kind = SpeakerKind(sid.partition(":")[0])
        # Only people have a gender: a name the corpus settles as a body loses what a pronoun gave it.
        person = kind is SpeakerKind.PERSON
        speaker = replace(
            speaker,
            entity_id=sid,
            kind=kind,
            organisation=body_name(speaker.organisation) if speaker.organisation else None,
            organisation_id=affiliation,
            gender=speaker.gender if person else None,
            gender_evidence=speaker.gender_evidence if person else None,
        )
        return replace(quote, speaker=speaker, entities=tuple(self._mention(m, sid) for m in quote.entities))

    def _speaker_ids(self, quote: Quote) -> tuple[str, str | None]:
        speaker = quote.speaker
        sid = self._final(speaker.entity_id or make_entity_id(speaker.kind, speaker.name))
        if not speaker.organisation:
            return sid, None
        return sid, self._final(make_entity_id(SpeakerKind.ORGANISATION, body_name(speaker.organisation)))

    def _mention(self, mention: EntityMention, sid: str | None) -> EntityMention:
        if mention.kind.value not in _MENTION_KINDS:
            return mention
        given = mention.entity_id or make_entity_id(mention.kind, mention.name)
        slug = _slug(mention.name)
        target = next((c for c in (given, self.speakers.get(slug)) if c is not None and c in self.nodes), None)
        if target is None:
            kind = self.kinds.get(slug, mention.kind.value)
            target = self.surnames[slug] if kind == "person" and slug in self.surnames else make_entity_id(kind, mention.name)
        target = self._final(target)
        if sid is not None and target != sid:  # a named source's mention is a node from now on
            self.nodes.add(target)
        return replace(mention, entity_id=target, kind=SpeakerKind(target.partition(":")[0]))

    def _final(self, entity_id: str) -> str:
        return self.bodies.get(entity_id, entity_id)


class _EntityIndex:
    """Names and aliases of person, organisation and place nodes, for topic folding.

    A topic names a node when its case-folded slug is a name or alias of one
    node, or the surname or first name of exactly one person ("Hillary" for
    Hillary Clinton). "HALDPORT" from a dateline is the place Haldport.
    """

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        self._exact: dict[str, dict[str, str]] = defaultdict(dict)  # slug -> node -> its name
        parts: dict[str, dict[str, str]] = defaultdict(dict)
        for node_id, name in names:
            self._exact[_slug(name)].setdefault(node_id, name)
            words = re.findall(r"\w+", name)
            if node_id.startswith("person:") and len(words) > 1 and name[:1].isupper():
                parts[_slug(words[0])].setdefault(node_id, name)
                parts[_slug(surname(name))].setdefault(node_id, name)
        self._parts = {slug: ids for slug, ids in parts.items() if len(ids) == 1}

    def find(self, label: str) -> tuple[str, str] | None:
        """The one node ``label`` names and the name it goes by, or None (one name, several kinds: any)."""
        slug = _slug(_LEADING_THE.sub("", label.strip()))
        ids = self._exact.get(slug) or self._parts.get(slug)
        return min(ids.items()) if ids else None


def _node_names(quotes: Iterable[Quote]) -> Iterable[tuple[str, str]]:
    """(node id, name or alias) of every speaker, affiliation and mention named sources give."""
    for quote in quotes:
        speaker, sid = quote.speaker, quote.speaker.entity_id or ""
        yield sid, speaker.name
        alias = shared_word_alias(speaker.name, speaker.mention.text) if speaker.mention else None
        if alias:
            yield sid, alias
        if speaker.organisation_id and speaker.organisation_id != sid:
            yield speaker.organisation_id, speaker.organisation or ""
        for mention in quote.entities:
            if mention.kind.value in _MENTION_KINDS and mention.entity_id != sid:
                yield mention.entity_id or "", mention.name
                yield mention.entity_id or "", " ".join(mention.text.split())


def _fold_topics(quote: Quote, index: _EntityIndex) -> Quote:
    """A topic naming a node leaves the topics; where the quote says it, it is a mention of the node."""
    topics, mentions = [], list(quote.entities)
    for topic in quote.topics:
        named = index.find(topic)
        if named is None:
            topics.append(topic)
            continue
        node, name = named
        found = re.search(rf"(?<!\w){re.escape(topic)}(?!\w)", quote.text, re.IGNORECASE)
        if found and node != quote.speaker.entity_id:
            start, end = quote.start + found.start(), quote.start + found.end()
            mentions.append(EntityMention(found.group(0), start, end, SpeakerKind(node.partition(":")[0]), name, node))
    if len(topics) == len(quote.topics):
        return quote
    return replace(quote, topics=tuple(topics), entities=tuple(mentions))


def _add_label(labels: dict[str, Counter[str]], node: str, name: str) -> None:
    """A name counts as the node's label unless it is a shortened form (then it is an alias)."""
    counts = labels[node]
    if node.partition(":")[2] == _slug(name):
        counts[name] += 1


def _body_names(quotes: list[Quote]) -> Iterable[tuple[str, str, float]]:
    """(kind, name, weight) of every person, organisation and place named sources name."""
    for quote in quotes:
        speaker = quote.speaker
        yield speaker.kind.value, speaker.name, 1.0
        if speaker.organisation:
            yield "organisation", body_name(speaker.organisation), 0.0
        for mention in quote.entities:
            yield mention.kind.value, mention.name, 1.0


def _surname_index(labels: dict[str, Counter[str]]) -> dict[str, str]:
    """Surname slug -> person id, for surnames that name exactly one speaker."""
    fulls = ((_most_common(names) if names else "", node_id) for node_id, names in labels.items())
    return sole_bearers(((full, node) for full, node in fulls if node.startswith("person:") and len(full.split()) > 1), fold=_slug)


def _part_owners(orgs: list[str]) -> dict[str, str]:
    """Organisation slug -> the one longer organisation slug it ends or begins."""
    owners: dict[str, set[str]] = defaultdict(set)
    for slug in orgs:
        words = slug.split("-")
        for cut in range(1, len(words)):
            owners["-".join(words[cut:])].add(slug)
            owners["-".join(words[:cut])].add(slug)
    known = set(orgs)
    return {slug: next(iter(ids)) for slug, ids in owners.items() if slug in known and len(ids) == 1}


@lru_cache(maxsize=1 << 16)
def _slug(name: str) -> str:
    """`slugify`, cached: the same few names recur across thousands of quotes."""
    return slugify(name)


def _most_common(counts: Counter[str]) -> str:
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]
