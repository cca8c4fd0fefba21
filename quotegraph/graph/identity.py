"""One node per real-world thing: which ids name the same organisation or place,
and which topic labels are really the name of an entity node.

The tagger may call one town an organisation in one sentence and a place in
the next ("Dunmere said" / "in Dunmere"), and an article may shorten a body's
name after first use ("the Haldport Harbour Authority" ... "the Harbour
Authority"). Both are one thing, so both get one node id here. Pure string
rules on `Quote` objects, no spaCy.

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
from functools import lru_cache
from typing import Any, Iterable, Mapping

from quotegraph.config import COUNT_MODES
from quotegraph.graph.sources import is_unnamed_source
from quotegraph.model import EntityMention, Quote, SpeakerKind, slugify

__all__ = [
    "COUNT_MODES",
    "MAX_LABEL",
    "body_name",
    "body_names",
    "canonical_bodies",
    "mention_aliases",
    "statement_keys",
    "EntityIndex",
    "MentionResolver",
]

_MENTION_KINDS = frozenset({"person", "organisation", "place", "group"})

_BODY_KINDS = ("organisation", "person", "place")
#: Longest label a reader takes in at a glance; longer names are cut at a phrase boundary.
MAX_LABEL = 60
_CLAUSE = re.compile(r",|;|\s+(?:and|or)\s+(?:a|an|the|former|current)\s|\s+(?:who|which|that|where)\s")
_PHRASE_BREAK = re.compile(r"\s+(?:at|in|of|for|on|from)\s+")


def body_name(name: str) -> str:
    """An organisation's name without the clause a byline or apposition ran into it.

    >>> body_name("Sierra Club, who has been challenging the coal industry for years")
    'Sierra Club'
    >>> body_name("Hoover Institution and a former United States ambassador to Russia")
    'Hoover Institution'
    >>> body_name("Institute for Policy Integrity at New York University's law school")
    'Institute for Policy Integrity'
    """
    name = _CLAUSE.split(name.strip(), maxsplit=1)[0].strip()
    while len(name) > MAX_LABEL:
        breaks = [m.start() for m in _PHRASE_BREAK.finditer(name) if m.start() > 0]
        if not breaks:
            return name[:MAX_LABEL].rsplit(" ", 1)[0]
        name = name[: breaks[-1]]
    return name


def canonical_bodies(names: Iterable[tuple[str, str, float]]) -> dict[str, str]:
    """Map person, organisation and place node ids to the one id of the thing they name.

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


def statement_keys(quotes: list[Quote]) -> dict[str, str]:
    """Quote id -> one key per statement: its pieces (``statement_id``) and reprints share it."""
    first: dict[tuple[str, str], str] = {}
    for quote in quotes:
        group = (quote.doc_id, quote.statement_id or quote.quote_id)
        key = quote.reprint_id or quote.quote_id
        first[group] = min(first.get(group, key), key)
    return {q.quote_id: first[(q.doc_id, q.statement_id or q.quote_id)] for q in quotes}


def body_names(quotes: list[Quote]) -> Iterable[tuple[str, str, float]]:
    """(kind, name, weight) of every person, organisation and place a quote names."""
    for quote in quotes:
        speaker = quote.speaker
        if not is_unnamed_source(speaker):
            yield speaker.kind.value, speaker.name, 1.0
        if speaker.organisation:
            name = body_name(re.sub(r"^the\s+", "", speaker.organisation.strip(), flags=re.IGNORECASE))
            yield "organisation", name, 0.0
        for mention in quote.entities:
            yield mention.kind.value, mention.name, 1.0


def mention_aliases(name: str, quote: Quote) -> set[str]:
    """The speaker mention when it shares a word with the name ("Kirby" for "John Kirby")."""
    mention = quote.speaker.mention
    if mention is None:
        return set()
    words = {w.casefold() for w in re.findall(r"\w{2,}", name)}
    text = " ".join(mention.text.split())
    if text != name and words & {w.casefold() for w in re.findall(r"\w{2,}", text)}:
        return {text}
    return set()


class EntityIndex:
    """Labels and aliases of person, organisation and place nodes, for topic folding.

    A topic label names an entity when its case-folded slug is the label or an
    alias of exactly one entity node, or the surname or first name of exactly
    one person ("Hillary" for Hillary Clinton). "HALDPORT" from a dateline is
    the place Haldport.
    """

    def __init__(self, nodes: Mapping[str, tuple[str, Iterable[str]]]) -> None:
        owners: dict[str, set[str]] = defaultdict(set)
        parts: dict[str, set[str]] = defaultdict(set)
        for node_id, (kind, labels) in nodes.items():
            for label in labels:
                owners[slugify(label)].add(node_id)
                words = re.findall(r"\w+", label)
                if kind == "person" and len(words) > 1 and label[:1].isupper():
                    parts[slugify(words[0])].add(node_id)
                    parts[slugify(words[-1])].add(node_id)
        self._exact = {slug: ids for slug, ids in owners.items()}
        self._parts = {slug: ids for slug, ids in parts.items() if len(ids) == 1}

    def find(self, label: str) -> str | None:
        """The one node ``label`` names, or None."""
        slug = slugify(re.sub(r"^the\s+", "", label.strip(), flags=re.IGNORECASE))
        ids = self._exact.get(slug) or self._parts.get(slug)
        if ids and len(ids) == 1:
            return next(iter(ids))
        if ids:
            return min(ids)  # one name, several kinds already merged: any is the thing
        return None


class MentionResolver:
    """Map an entity mention to a node id and kind, merging name variants.

    In order: an existing node with the mention's id; a speaker of that name;
    a speaker whose surname it is (persons only, when one speaker has it); else
    the name's node under the kind most mentions of that name were given (the
    tagger may call "Bakhmut" a place in one quote and an organisation in another).
    """

    def __init__(self, nodes: Mapping[str, Any], mentions: list[EntityMention]) -> None:
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


def _surname_index(nodes: Mapping[str, Any]) -> dict[str, str]:
    """Surname slug -> person id, for surnames that name exactly one speaker."""
    owners: dict[str, set[str]] = defaultdict(set)
    for node_id, facts in nodes.items():
        if facts.kind == "person" and facts.spoken:
            words = _most_common(facts.labels).split()
            if len(words) > 1:
                owners[_slug(words[-1])].add(node_id)
    return {slug: next(iter(ids)) for slug, ids in owners.items() if len(ids) == 1}


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


def _entity_id(kind: SpeakerKind | str, name: str) -> str:
    return f"{kind.value if isinstance(kind, SpeakerKind) else kind}:{_slug(name)}"


def _most_common(counts: Counter[str]) -> str:
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]
