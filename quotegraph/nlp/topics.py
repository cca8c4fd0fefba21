"""What each quote is about: the entities it names and its candidate topic phrases.

Everything comes from the quote's own words, not from the article. Persons,
organisations and places named inside the quote (cleaned: no leading "the", no
possessive "'s", no title) become entity mentions: "Bakhmut", "the city of
Bakhmut" and "Bakhmut's" are all a mention of the place Bakhmut, never a topic.
Named events and laws, and noun phrases (head noun with its noun and adjective
modifiers, as written: "casualty figures", "winter offensive") are candidate
topics. Which candidates are topics of a corpus is decided corpus-wide by
keyness (`quotegraph.nlp.keyness.select_topics`), which also merges variants.

User topics (``--topics FILE``) take precedence; see `assign_topics`.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from itertools import islice, takewhile
from typing import Iterator, Mapping, NamedTuple, Sequence

from spacy.tokens import Doc, Span, Token

from quotegraph.lexicon import load_lexicon
from quotegraph.model import EntityMention, Quote, SpeakerKind, make_entity_id, slugify
from quotegraph.nlp.names import NameLexicons
from quotegraph.nlp.user_topics import load_user_topics, match_user_topics

__all__ = ["assign_topics", "load_user_topics"]  # load_user_topics: from user_topics

logger = logging.getLogger(__name__)

#: spaCy entity labels that name someone or somewhere a quote can mention.
_ENTITY_KINDS = {
    "PERSON": SpeakerKind.PERSON,
    "ORG": SpeakerKind.ORGANISATION,
    "GPE": SpeakerKind.PLACE,
    "LOC": SpeakerKind.PLACE,
    "FAC": SpeakerKind.PLACE,
}
_LABEL_OF = {
    SpeakerKind.PERSON: "PERSON",
    SpeakerKind.ORGANISATION: "ORG",
    SpeakerKind.PLACE: "GPE",
}
#: Labels that make a topic but not an entity mention.
_TOPIC_ONLY = frozenset({"EVENT", "LAW", "WORK_OF_ART", "PRODUCT"})
_NOUNS = frozenset({"NOUN", "PROPN"})
#: Modifiers that belong in a topic phrase: "casualty figures", "winter offensive",
#: "detained Americans" (a participle), "nuclear deal".
_MODIFIERS = frozenset({"compound", "amod"})
_MODIFIER_POS = frozenset({"NOUN", "PROPN", "ADJ", "VERB"})
_MAX_PHRASE = 4


class _Name(NamedTuple):
    start: int
    end: int
    name: str
    label: str


def assign_topics(
    doc: Doc, quotes: Sequence[Quote], *, user_topics: Mapping[str, Sequence[str]] | None = None
) -> list[Quote]:
    """Set ``topics`` and ``entities`` on each quote of one parsed article.

    Parameters
    ----------
    doc : Doc
        The parsed article (or chunk); quote offsets are offsets into ``doc.text``.
    quotes : sequence of Quote
        Quotes of this doc, with speakers resolved (their mention and cue are
        not counted as things the quote talks about).
    user_topics : mapping of str to sequence of str, optional (default=None)
        Topic label -> keywords or patterns (see Notes).

    Returns
    -------
    list of Quote
        The same quotes, in order, with ``topics`` (labels, most specific first)
        and ``entities`` (`EntityMention` of persons, organisations and places,
        exact offsets into ``doc.text``).

    Examples
    --------
    >>> import spacy
    >>> from quotegraph.model import QuoteKind, Speaker
    >>> doc = spacy.blank("en")("He said Bakhmut will hold.")
    >>> quote = Quote("", "", "Bakhmut will hold.", 8, 26, QuoteKind.INDIRECT, Speaker.unknown())
    >>> assign_topics(doc, [quote], user_topics={"Battle of Bakhmut": ["bakhmut"]})[0].topics
    ('Battle of Bakhmut',)

    Notes
    -----
    A user keyword matches whole words, case-insensitively, also with a plural
    "s"/"es"; an entry written ``re:PATTERN`` or ``/PATTERN/`` is a regular
    expression (case-insensitive); a topic with no entries matches its own label.
    Precedence: the user topics that match come first, and a derived topic is
    dropped when a matching user topic's entries match its label (it is the
    same subject under the user's name). Other derived topics are kept.
    """
    index = _DocIndex(doc)
    text = doc.text  # a property that rebuilds the string: read it once
    result = []
    for quote in quotes:
        names = index.names_in(quote)
        entities = tuple(_mention(text, n) for n in names if n.label in _ENTITY_KINDS)
        phrases = _noun_phrases(index.chunks_in(quote), index.taken)
        # Persons, organisations and places are entity mentions, never topics as well.
        derived = [name.name for name in names if name.label in _TOPIC_ONLY] + list(phrases)
        topics = match_user_topics(quote.text, _unique(derived), user_topics)
        result.append(replace(quote, topics=tuple(topics), entities=entities))
    return result


class _DocIndex:
    """The doc's cleaned entities and noun chunks, found by character range.

    Built once per doc, so each quote costs a binary search, not a pass over
    the doc (spaCy's ``Span.noun_chunks`` walks the whole doc every time).
    """

    def __init__(self, doc: Doc) -> None:
        titles, aliases = NameLexicons.load(), _aliases()
        pairs = [(ent, _clean_entity(ent, titles, aliases)) for ent in doc.ents]
        self.names = _smooth_lists([(ent, name) for ent, name in pairs if name is not None])
        self.name_starts = [n.start for n in self.names]
        self.chunks = _noun_chunks(doc)
        self.chunk_starts = [c.start_char for c in self.chunks]
        # Dates, numbers and nationalities are no topics, nor part of a noun phrase topic.
        self.taken = {t.idx for ent in doc.ents for t in ent}

    def names_in(self, quote: Quote) -> list[_Name]:
        """Entities inside the quote, minus those overlapping its cue or speaker mention."""
        first = bisect.bisect_left(self.name_starts, quote.start)
        ahead = takewhile(lambda name: name.start < quote.end, islice(self.names, first, None))
        return [name for name in ahead if _inside(name.start, name.end, quote)]

    def chunks_in(self, quote: Quote) -> list[Span]:
        """Noun chunks inside the quote, minus those overlapping its cue or speaker mention."""
        first = bisect.bisect_left(self.chunk_starts, quote.start)
        ahead = takewhile(
            lambda chunk: chunk.start_char < quote.end, islice(self.chunks, first, None)
        )
        return [chunk for chunk in ahead if _inside(chunk.start_char, chunk.end_char, quote)]


def _inside(start: int, end: int, quote: Quote) -> bool:
    excluded = (quote.cue, quote.speaker.mention)
    return end <= quote.end and not any(
        span is not None and start < span.end and span.start < end for span in excluded
    )


def _noun_chunks(doc: Doc) -> list[Span]:
    """Noun chunks when the parser gives them, else none (a blank pipeline)."""
    try:
        return sorted(doc.noun_chunks, key=lambda chunk: chunk.start_char)
    except ValueError:  # no dependency parse: noun_chunks needs one
        return []


def _smooth_lists(kept: list[tuple[Span, _Name]]) -> list[_Name]:
    """Give the names of one list ("Vuhledar, Avdiivka, Bakhmut and Kreminna") one kind.

    The small tagger often calls some members of a list of places people or
    organisations. In a coordination of three or more names, a strict majority
    kind is given to all; failing that, when one member is a place, the
    one-word members become places too (people in news lists get full names).
    """
    groups: dict[int, list[int]] = {}
    for position, (ent, _) in enumerate(kept):
        head = ent.root
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        groups.setdefault(head.i, []).append(position)
    names = [name for _, name in kept]
    for members in groups.values():
        kinds = Counter(
            _ENTITY_KINDS[names[m].label] for m in members if names[m].label in _ENTITY_KINDS
        )
        if len(members) < 3 or not kinds:
            continue
        kind, count = kinds.most_common(1)[0]
        for m in members:
            if names[m].label not in _ENTITY_KINDS:
                continue
            if count * 2 > len(members):
                names[m] = names[m]._replace(label=_LABEL_OF[kind])
            elif SpeakerKind.PLACE in kinds and " " not in names[m].name:
                names[m] = names[m]._replace(label="GPE")
    return names


def _clean_entity(ent: Span, titles: NameLexicons, aliases: Mapping[str, str]) -> _Name | None:
    """Trim "the", possessives, quote marks and (for people) titles off an entity."""
    if ent.label_ not in _ENTITY_KINDS and ent.label_ not in _TOPIC_ONLY:
        return None
    if len(ent) == 1 and ent[0].pos_ == "ADJ":  # "Ukrainian" tagged as a place
        return None
    if len(ent) == 1 and ent[0].tag_ == "NNS" and ent[0].pos_ == "NOUN":
        return None  # a plural common noun capitalised at a sentence start: "Cranes run on ..."
    label = _corrected_label(ent)
    tokens = list(ent)
    while tokens and (tokens[0].is_punct or tokens[0].lower_ == "the"):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or _is_possessive(tokens[-1])):
        tokens.pop()
    if label == "PERSON":
        del tokens[: titles.leading_titles([t.text for t in tokens])]
    if not tokens or not any(c.isalpha() for t in tokens for c in t.text):
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    surface = "".join(t.text_with_ws for t in tokens).strip()  # doc.text rebuilds the whole text
    name = re.sub(r"['’]s$", "", " ".join(surface.split()))
    if name.lower() != name.upper() and name == name.lower():  # "bin", not a name
        return None
    return _Name(start, end, aliases.get(name, name), label)


def _corrected_label(ent: Span) -> str:
    """Fix two common tagger slips: places called people or organisations.

    A name next to a place noun ("the river Senn", "the Senn valley", "the city
    of Bakhmut") is a place; a "person" written with "the" ("the Senn") is a place.
    """
    if ent.label_ not in ("PERSON", "ORG"):
        return ent.label_
    doc, places = ent.doc, _place_nouns()
    before = doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_ == "of" and before.i > 0:
        before = doc[before.i - 1]
    after = doc[ent.end] if ent.end < len(doc) else None
    if any(t is not None and t.lemma_.lower() in places for t in (before, after)):
        return "GPE"
    starts_with_the = ent[0].lower_ == "the" or (before is not None and before.lower_ == "the")
    if ent.label_ == "PERSON" and starts_with_the:
        return "LOC"
    return ent.label_


def _is_possessive(token: Token) -> bool:
    return token.tag_ == "POS" or token.lower_ in {"'s", "’s", "'", "’"}


def _mention(text: str, name: _Name) -> EntityMention:
    kind = _ENTITY_KINDS[name.label]
    return EntityMention(
        text=text[name.start : name.end],
        start=name.start,
        end=name.end,
        kind=kind,
        name=name.name,
        entity_id=make_entity_id(kind, name.name),
    )


def _noun_phrases(chunks: list[Span], taken: set[int]) -> Iterator[str]:
    """Each noun chunk's head noun with its noun and adjective modifiers, as written.

    ``taken`` holds the character offsets of tokens inside entities that are
    no topic words (dates, numbers, names). Which phrases are topics of the
    corpus is decided later, by keyness (`quotegraph.nlp.keyness`).
    """
    for chunk in chunks:
        root = chunk.root
        if root.pos_ not in _NOUNS or root.idx in taken:
            continue
        if any(child.dep_ == "nummod" for child in root.children):
            continue  # a quantity: "300 tonnes", "30 million crowns"
        if any(c.dep_ == "compound" and c.idx in taken and c.ent_type_ != "NORP" for c in root.children):
            continue  # a name's own thing: "the Senn valley", "the Trump campaign"
        words = [t for t in chunk if _is_content(t, root, taken)]
        while words and words[0].pos_ not in _NOUNS and words[0].i != root.i and _is_loose(words[0]):
            words.pop(0)
        if not words or len(words) > _MAX_PHRASE:
            continue
        phrase = " ".join(_surface(t) for t in words)
        if len(phrase) > 1:
            yield phrase


def _is_content(token: Token, root: Token, taken: set[int]) -> bool:
    if token.is_stop or token.like_num or not token.is_alpha:
        return False
    if token.i == root.i:
        return True
    if token.idx in taken and token.ent_type_ != "NORP":  # "Ukrainian troops" keeps "Ukrainian"
        return False
    while token.dep_ in _MODIFIERS and token.pos_ in _MODIFIER_POS:  # "health care reform"
        if token.head.i == root.i:
            return True
        token = token.head
    return False


def _is_loose(token: Token) -> bool:
    """An adjective of degree or judgement, not of kind: comparatives and superlatives."""
    return token.tag_ in {"JJR", "JJS", "RBR", "RBS"}


def _surface(token: Token) -> str:
    """Proper nouns and nationalities keep their spelling; other words go lower case.

    Inflection is kept ("casualty figures"): variants are merged corpus-wide
    and the topic is labelled by its most frequent surface form.
    """
    if token.pos_ == "PROPN" or token.ent_type_ == "NORP":
        return token.text
    return token.text.lower()


def _unique(labels: list[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for label in labels:
        key = slugify(label)
        if key not in seen:
            seen.add(key)
            kept.append(label)
    return kept


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    """Spelling -> canonical name from ``organisation_aliases.txt`` ("US" -> "United States").

    The speakers' alias table, taken case-sensitively here: an entity spelled
    "US" is the United States, a pronoun "us" never is.
    """
    table = {}
    for entry in load_lexicon("organisation_aliases"):
        canonical, _, spellings = entry.partition("=")
        for spelling in spellings.split("|"):
            if spelling.strip():
                table[spelling.strip()] = canonical.strip()
    return table


@lru_cache(maxsize=1)
def _place_nouns() -> frozenset[str]:
    return frozenset(t.lower() for t in load_lexicon("place_nouns"))
