"""Canonical speakers across a corpus: names, roles, organisations.

`link_entities` works on plain strings (no spaCy), after every article has
been through `quotegraph.nlp.speakers.resolve_speakers`:

* titles and premodifiers come off a name ("White House official John Kirby"
  → "John Kirby", role "official", organisation "White House"; "Mr Kirby" →
  "Kirby");
* a shorter name joins the one full name it fits: first the full names of its
  own article, then the corpus; when two people share a surname ("John Smith",
  "Jane Smith") a bare "Smith" elsewhere stays apart rather than guessing;
* organisations and places go through the alias table ("the US", "U.S." →
  "United States"); one name is one body, whatever kind NER gave it;
* unnamed sources ("a Ukrainian official close to the presidential office")
  stay per article: two articles' "senior official" are not one person.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Iterable

from quotegraph.model import Entity, EntityMention, Quote, Resolution, Speaker, SpeakerKind, make_entity_id
from quotegraph.nlp.names import NameLexicons, fits_name, sole_bearers, strip_determiner, strip_possessive

__all__ = ["link_entities"]

logger = logging.getLogger(__name__)

_NAMED_RESOLUTIONS = frozenset({Resolution.SUBJECT, Resolution.APPOSITION})


def link_entities(
    quotes: Iterable[Quote], *, lang: str = "en"
) -> tuple[list[Quote], list[Entity]]:
    """Merge speaker name variants across the corpus into canonical entities.

    Parameters
    ----------
    quotes : iterable of Quote
        Quotes of every article, speakers resolved within their article.
    lang : str, optional (default="en")
        Language of the title and alias lexicons.

    Returns
    -------
    tuple of (list of Quote, list of Entity)
        The quotes in the same order with canonical speaker ``name`` and
        ``entity_id`` (role and organisation filled in where the quote had
        none), their ``entities`` mentions pointing at the same ids; and one
        `Entity` per speaker or mentioned entity, sorted by id, with its
        aliases and articles.

    Examples
    --------
    >>> from quotegraph.model import QuoteKind
    >>> def said(doc_id, name):
    ...     speaker = Speaker(name, kind=SpeakerKind.PERSON)
    ...     return Quote(doc_id, "q", "x", 0, 1, QuoteKind.DIRECT, speaker)
    >>> quotes, entities = link_entities([said("a", "White House official John Kirby"),
    ...                                   said("b", "Mr Kirby")])
    >>> [q.speaker.name for q in quotes], [e.entity_id for e in entities]
    (['John Kirby', 'John Kirby'], ['person:john-kirby'])
    >>> entities[0].organisation, entities[0].aliases
    ('White House', ('Kirby', 'Mr Kirby', 'White House official John Kirby'))
    """
    quotes = list(quotes)
    table = _Table(NameLexicons.load(lang))
    for quote in quotes:
        if quote.speaker.is_known:
            table.add_speaker(quote)
        for mention in quote.entities:
            table.add_mention(quote.doc_id, mention)
    table.resolve()
    linked = [table.rewrite(quote) for quote in quotes]
    logger.info("linked %d quotes to %d entities", len(linked), len(table.entities))
    return linked, table.to_entities()


@dataclass
class _Name:
    """One surface name in one article, before linking."""

    doc_id: str
    kind: SpeakerKind
    bare: str  # titles and premodifiers removed
    role: str | None = None
    organisation: str | None = None


@dataclass
class _Facts:
    """What the corpus says about one canonical entity."""

    name: str
    kind: Counter[SpeakerKind] = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    roles: Counter[str] = field(default_factory=Counter)
    organisations: Counter[str] = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)
    order: int = 0
    scope: str = ""  # the article of an unnamed source, so two articles' sources stay two nodes

    @property
    def entity_id(self) -> str:
        return make_entity_id(self.main_kind, f"{self.name} {self.scope}".strip())

    @property
    def main_kind(self) -> SpeakerKind:
        # Ties go to the kind seen first: Counter keeps insertion order.
        return max(self.kind, key=lambda k: self.kind[k]) if self.kind else SpeakerKind.UNKNOWN


class _Table:
    """Surface names → canonical entities, built in two passes (collect, resolve)."""

    def __init__(self, names: NameLexicons) -> None:
        self.names = names
        self.surface: dict[tuple[str, str, str], _Name] = {}  # (doc_id, kind group, raw) → parsed
        self.canonical: dict[tuple[str, str, str], str] = {}  # same key → entity key
        self.entities: dict[str, _Facts] = {}
        self._aliases: dict[tuple[str, str, str], set[str]] = {}
        self._bodies: dict[str, str] = {}  # folded organisation or place name → its spelling
        self._longer_bodies = _LongerBodies({})

    def add_speaker(self, quote: Quote) -> None:
        speaker = quote.speaker
        parsed = self._parse(quote.doc_id, speaker.kind, speaker.name)
        if parsed.role is None and speaker.role:
            parsed.role = speaker.role
        if parsed.organisation is None and speaker.organisation:
            parsed.organisation = self.names.canonical(speaker.organisation)
        aliases = {speaker.name}
        mention = speaker.mention
        if mention is not None and speaker.resolution in _NAMED_RESOLUTIONS:
            aliases.add(mention.text)
        self._remember(quote.doc_id, speaker.kind, speaker.name, parsed, aliases)

    def add_mention(self, doc_id: str, mention: EntityMention) -> None:
        if mention.kind is SpeakerKind.UNKNOWN:
            return
        parsed = self._parse(doc_id, mention.kind, mention.name)
        self._remember(doc_id, mention.kind, mention.name, parsed, {mention.text, mention.name})

    def _parse(self, doc_id: str, kind: SpeakerKind, raw: str) -> _Name:
        if kind is not SpeakerKind.PERSON:
            described = strip_determiner(raw)[:1].islower()  # "the campaign", not "the United States"
            return _Name(doc_id, kind, raw if described else self.names.canonical(raw))
        if raw[:1].islower():
            return _Name(doc_id, kind, raw)  # an unnamed source keeps its description
        organisation, role, rest = self.names.split_descriptor(strip_possessive(strip_determiner(raw)))
        titles, bare = self.names.split_title(rest)
        role = self.names.role_of(" ".join(filter(None, (role, titles))))
        return _Name(doc_id, kind, bare, role, organisation)

    def _remember(self, doc_id: str, kind: SpeakerKind, raw: str, parsed: _Name, aliases: set[str]) -> None:
        key = (doc_id, _group(kind), raw)
        known = self.surface.setdefault(key, parsed)
        known.role = known.role or parsed.role
        known.organisation = known.organisation or parsed.organisation
        self._aliases.setdefault(key, set()).update(a for a in (*aliases, parsed.bare) if a)

    def resolve(self) -> None:
        """Give every surface name its entity key, full names first."""
        fulls = _FullNames(self._full_names())
        self._bodies = {
            _fold(p.bare): p.bare
            for p in reversed(list(self.surface.values()))  # the first spelling seen wins
            if p.kind is not SpeakerKind.PERSON and p.bare[:1].isupper()
        }
        self._longer_bodies = _LongerBodies(self._bodies)
        for key, parsed in self.surface.items():
            target = self._entity_key(key, parsed, fulls)
            self.canonical[key] = target
            scope = parsed.doc_id if target.startswith("unnamed:") else ""
            facts = self.entities.setdefault(target, _Facts(self._display(target, parsed), scope=scope))
            facts.order = facts.order or len(self.entities)
            # A lone surname NER called an organisation still counts as the person it names.
            facts.kind[SpeakerKind.PERSON if target.startswith("person:") else parsed.kind] += 1
            facts.articles.add(parsed.doc_id)
            facts.aliases.update(self._aliases.get(key, ()))
            if parsed.role:
                facts.roles[parsed.role] += 1
            if parsed.organisation:
                facts.organisations[parsed.organisation] += 1

    def _full_names(self) -> dict[str, set[str]]:
        """Multi-word person names → the articles they appear in."""
        fulls: dict[str, set[str]] = {}
        for parsed in self.surface.values():
            if parsed.kind is SpeakerKind.PERSON and len(parsed.bare.split()) > 1 and parsed.bare[:1].isupper():
                fulls.setdefault(parsed.bare, set()).add(parsed.doc_id)
        return fulls

    def _entity_key(self, key: tuple[str, str, str], parsed: _Name, fulls: _FullNames) -> str:
        if parsed.bare[:1].islower():  # "a senior official", "the campaign": one per article
            return f"unnamed:{parsed.doc_id}:{_fold(parsed.bare)}"
        if parsed.kind is not SpeakerKind.PERSON and not _lone_surname(parsed.bare, fulls):
            return f"body:{self._longer_bodies.link(_fold(parsed.bare))}"
        return f"person:{_link_person(parsed, fulls)}"

    def _display(self, target: str, parsed: _Name) -> str:
        kind, _, name = target.partition(":")
        if kind == "person":
            return name
        return self._bodies.get(name, parsed.bare) if kind == "body" else parsed.bare

    def rewrite(self, quote: Quote) -> Quote:
        speaker = quote.speaker
        if speaker.is_known:
            speaker = self._rewrite_speaker(quote.doc_id, speaker)
        entities = tuple(self._rewrite_mention(quote.doc_id, m) for m in quote.entities)
        return replace(quote, speaker=speaker, entities=entities)

    def _rewrite_speaker(self, doc_id: str, speaker: Speaker) -> Speaker:
        facts = self.entities[self.canonical[(doc_id, _group(speaker.kind), speaker.name)]]
        parsed = self.surface[(doc_id, _group(speaker.kind), speaker.name)]
        return replace(
            speaker,
            name=facts.name,
            kind=facts.main_kind,
            entity_id=facts.entity_id,
            role=speaker.role or parsed.role or _top(facts.roles),
            organisation=self._organisation(speaker.organisation or parsed.organisation or _top(facts.organisations)),
        )

    def _rewrite_mention(self, doc_id: str, mention: EntityMention) -> EntityMention:
        key = (doc_id, _group(mention.kind), mention.name)
        if key not in self.canonical:
            return mention
        facts = self.entities[self.canonical[key]]
        return replace(mention, name=facts.name, kind=facts.main_kind, entity_id=facts.entity_id)

    def _organisation(self, organisation: str | None) -> str | None:
        """An affiliation under the same name as the body's own node ("the US" → "United States")."""
        if not organisation:
            return None
        name = self.names.canonical(organisation)
        return self._bodies.get(self._longer_bodies.link(_fold(name)), name)

    def to_entities(self) -> list[Entity]:
        merged: dict[str, Entity] = {}
        for facts in sorted(self.entities.values(), key=lambda f: f.order):
            entity = Entity(
                entity_id=facts.entity_id,
                name=facts.name,
                kind=facts.main_kind,
                aliases=tuple(sorted(a for a in facts.aliases if a != facts.name)),
                role=_top(facts.roles),
                organisation=self._organisation(_top(facts.organisations)),
                articles=tuple(sorted(facts.articles)),
            )
            merged.setdefault(entity.entity_id, entity)
        return [merged[k] for k in sorted(merged)]


class _FullNames:
    """Multi-word person names → their articles, indexed by last word.

    Every name `fits_name` lets a shorter name stand for ends in that name's
    last word, so only the full names sharing it are tried (in corpus order,
    as a scan of all of them would find them).
    """

    def __init__(self, articles: dict[str, set[str]]) -> None:
        self.articles = articles
        self._by_last: dict[str, list[str]] = {}
        for full in articles:
            self._by_last.setdefault(full.split()[-1], []).append(full)
        self.sole_surnames = set(sole_bearers((full, full) for full in articles))

    def __contains__(self, name: str) -> bool:
        return name in self.articles

    def fitting(self, name: str) -> list[str]:
        """The full names ``name`` fits (`fits_name`), in corpus order."""
        words = name.split()
        candidates = self._by_last.get(words[-1], []) if words else []
        return [full for full in candidates if fits_name(name, full)]


def _link_person(parsed: _Name, fulls: _FullNames) -> str:
    """The full name a person's name stands for, when only one fits."""
    if parsed.bare in fulls:
        return _longer_form(parsed.bare, fulls)
    fits = fulls.fitting(parsed.bare)
    here = [full for full in fits if parsed.doc_id in fulls.articles[full]]
    if len(here) == 1:
        return here[0]
    if not here and len(fits) == 1:
        return fits[0]
    if len(fits) > 1:
        logger.info("%r in %s fits %d people (%s); kept apart", parsed.bare, parsed.doc_id, len(fits), fits)
    return parsed.bare


def _lone_surname(name: str, fulls: _FullNames) -> bool:
    """One capitalised word that is the surname of exactly one person in the corpus.

    The small NER model often tags "Lindqvist said" as an organisation; a reader
    who met "Mara Lindqvist" in another article knows better.

    >>> _lone_surname("Lindqvist", _FullNames({"Mara Lindqvist": {"a"}}))
    True
    >>> _lone_surname("Smith", _FullNames({"John Smith": {"a"}, "Jane Smith": {"b"}}))
    False
    """
    if len(name.split()) != 1 or not name[:1].isupper():
        return False
    return name in fulls.sole_surnames


class _LongerBodies:
    """"harbour authority" joins "haldport harbour authority" when that is the one longer name holding it.

    Single words stay apart: "Union" may be any union. A longer name holding
    ``folded`` has its first word as one of its own words, so only those are
    tried; answers are kept (the bodies do not change once resolved).

    >>> bodies = _LongerBodies(dict.fromkeys(["haldport harbour authority", "union", "harbour authority"]))
    >>> bodies.link("harbour authority"), bodies.link("union"), bodies.link("port authority")
    ('haldport harbour authority', 'union', 'port authority')
    """

    def __init__(self, bodies: dict[str, str]) -> None:
        self._by_word: dict[str, list[str]] = {}
        for other in bodies:
            for word in dict.fromkeys(other.split()):
                self._by_word.setdefault(word, []).append(other)
        self._linked: dict[str, str] = {}

    def link(self, folded: str) -> str:
        if folded not in self._linked:
            self._linked[folded] = self._longer(folded)
        return self._linked[folded]

    def _longer(self, folded: str) -> str:
        words = folded.split()
        if len(words) < 2:
            return folded
        longer = [
            other for other in self._by_word.get(words[0], ())
            if len(other.split()) > len(words) and f" {folded} " in f" {other} "
        ]
        return longer[0] if len(longer) == 1 else folded


def _longer_form(name: str, fulls: _FullNames) -> str:
    """"Antony Blinken" joins "Antony J. Blinken" when that is the only longer form."""
    longer = [f for f in fulls.fitting(name) if f != name and len(f.split()) > len(name.split())]
    return longer[0] if len(longer) == 1 else name


def _fold(name: str) -> str:
    """Case and apostrophe style do not make two bodies ("Workers’ Union", "Workers' Union")."""
    return name.lower().replace("’", "'").replace("‘", "'")


def _group(kind: SpeakerKind) -> str:
    return "person" if kind is SpeakerKind.PERSON else "body"


def _top(counter: Counter[str]) -> str | None:
    return counter.most_common(1)[0][0] if counter else None
