"""What each quote is about: named entities and key noun phrases inside it.

Topics come from the quote's own words, not from the article: named places,
events, organisations and people inside the quote (cleaned: no leading "the",
no possessive "'s", no title), then key noun phrases (compound nouns plus the
head noun, lemmatised, stop-filtered). So "Bakhmut", "the city of Bakhmut" and
"Bakhmut's" all give the topic "Bakhmut", and "artillery shells" gives
"artillery shell". The corpus-wide rule that a topic needs two quotes lives in
`quotegraph.graph.build`, which sees every article.

User topics (``--topics FILE``) take precedence; see `assign_topics`.
"""

from __future__ import annotations

import bisect
import json
import logging
import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from itertools import islice, takewhile
from pathlib import Path
from typing import Any, Iterator, Mapping, NamedTuple, Sequence

from spacy.tokens import Doc, Span, Token

from quotegraph.errors import InputFormatError
from quotegraph.model import EntityMention, Quote, SpeakerKind, make_entity_id, slugify
from quotegraph.lexicon import load_lexicon
from quotegraph.nlp.names import NameLexicons

__all__ = ["assign_topics", "load_user_topics"]

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
_MAX_PHRASE = 4
#: A user topic map frozen for caching: ((topic, (entry, ...)), ...).
_Topics = tuple[tuple[str, tuple[str, ...]], ...]
_REGEX_PREFIX = "re:"


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
    matchers = _compile_user_topics(_freeze(user_topics)) if user_topics else ()
    result = []
    for quote in quotes:
        names = index.names_in(quote)
        entities = tuple(_mention(text, n) for n in names if n.label in _ENTITY_KINDS)
        phrases = _noun_phrases(index.chunks_in(quote), index.taken)
        derived = [name.name for name in names] + list(phrases)
        topics = _merge_user_topics(quote.text, _unique(derived), matchers)
        result.append(replace(quote, topics=tuple(topics), entities=entities))
    return result


def load_user_topics(path: Path | None) -> dict[str, list[str]] | None:
    """Read a YAML or JSON map of topic -> keywords or patterns.

    A YAML/JSON list of labels is also accepted (each label is its own keyword).
    ``.json`` files are read as JSON, anything else as YAML (a superset of JSON).
    The file is parsed once per change (cached on path and modification time).

    Raises
    ------
    InputFormatError
        When the file is missing, does not parse, is not a map of topic to a
        string or list of strings, or holds a pattern that is not a valid regex.

    Examples
    --------
    >>> load_user_topics(None) is None
    True
    """
    if path is None:
        return None
    target = Path(path)
    try:
        stamp = target.stat()
    except OSError as error:
        raise InputFormatError(str(target), f"cannot read topics file: {error.strerror}") from None
    cached = _read_user_topics(str(target), stamp.st_mtime_ns, stamp.st_size)
    return {topic: list(entries) for topic, entries in cached}


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
    """Compound nouns plus head noun of each noun chunk, outside named entities.

    ``taken`` holds the character offsets of tokens inside any entity.
    """
    stop_nouns = _stop_nouns()
    for chunk in chunks:
        root = chunk.root
        if root.pos_ not in _NOUNS or root.idx in taken:
            continue
        if any(child.dep_ == "nummod" for child in root.children):
            continue  # a quantity: "300 tonnes", "30 million crowns"
        words = [t for t in chunk if _is_content(t, root, taken)]
        if not words or len(words) > _MAX_PHRASE:
            continue
        phrase = " ".join(_surface(t) for t in words)
        if len(words) == 1 and phrase.lower() in stop_nouns:
            continue
        if len(phrase) > 1:
            yield phrase


def _is_content(token: Token, root: Token, taken: set[int]) -> bool:
    if token.idx in taken or token.is_stop or token.like_num or not token.is_alpha:
        return False
    return token.i == root.i or (token.dep_ == "compound" and token.pos_ in _NOUNS)


def _surface(token: Token) -> str:
    """Proper nouns keep their spelling; common nouns become lower-case lemmas."""
    if token.pos_ == "PROPN":
        return token.text
    return (token.lemma_ or token.text).lower()


def _unique(labels: list[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for label in labels:
        key = slugify(label)
        if key not in seen:
            seen.add(key)
            kept.append(label)
    return kept


def _merge_user_topics(
    text: str, derived: list[str], matchers: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
) -> list[str]:
    """User topics matching ``text`` first, then derived topics they do not cover."""
    chosen = [(topic, pats) for topic, pats in matchers if any(p.search(text) for p in pats)]
    if not chosen:
        return derived
    covered = {slugify(topic) for topic, _ in chosen}
    rest = [
        label
        for label in derived
        if slugify(label) not in covered
        and not any(p.search(label) for _, patterns in chosen for p in patterns)
    ]
    return [topic for topic, _ in chosen] + rest


def _freeze(topics: Mapping[str, Sequence[str]] | None) -> _Topics:
    return tuple((str(k), tuple(str(v) for v in vs or ())) for k, vs in (topics or {}).items())


@lru_cache(maxsize=32)
def _compile_user_topics(
    topics: _Topics,
) -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    return tuple(
        (topic, tuple(_compile_entry(entry) for entry in (entries or (topic,))))
        for topic, entries in topics
    )


def _compile_entry(entry: str) -> re.Pattern[str]:
    """``re:X`` and ``/X/`` are regexes; anything else a whole-word keyword (plural too)."""
    if entry.startswith(_REGEX_PREFIX):
        return re.compile(entry[len(_REGEX_PREFIX) :], re.IGNORECASE)
    if len(entry) > 2 and entry.startswith("/") and entry.endswith("/"):
        return re.compile(entry[1:-1], re.IGNORECASE)
    words = r"\s+".join(re.escape(word) for word in entry.split())
    return re.compile(rf"(?<!\w){words}(?:e?s)?(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=8)
def _read_user_topics(path: str, mtime_ns: int, size: int) -> _Topics:
    del mtime_ns, size  # cache keys only: a changed file is read again
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputFormatError(path, f"cannot read topics file: {error}") from None
    data = _parse_topics_text(path, text)
    topics = _validate_topics(path, data)
    for topic, entries in topics:
        for entry in entries:
            try:
                _compile_entry(entry)
            except re.error as error:
                reason = f"topic {topic!r}: bad pattern {entry!r}: {error}"
                raise InputFormatError(path, reason) from None
    return topics


def _parse_topics_text(path: str, text: str) -> Any:
    if path.lower().endswith(".json"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            reason = f"not valid JSON: {error.msg}"
            raise InputFormatError(path, reason, line=error.lineno) from None
    import yaml  # only needed for topic files

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(error, "problem", None) or "parse error"
        raise InputFormatError(path, f"not valid YAML: {problem}", line=line) from None


def _validate_topics(path: str, data: Any) -> _Topics:
    if isinstance(data, list) and all(isinstance(item, str) for item in data):
        data = {item: [] for item in data}
    if not isinstance(data, dict) or not data:
        reason = "expected a non-empty map of topic -> keyword or list of keywords"
        raise InputFormatError(path, reason)
    topics = []
    for topic, entries in data.items():
        if entries is None:
            entries = []
        elif isinstance(entries, str):
            entries = [entries]
        if not isinstance(topic, str) or not topic.strip():
            raise InputFormatError(path, f"topic {topic!r} is not a non-empty string")
        if not isinstance(entries, list) or not all(_is_keyword(e) for e in entries):
            reason = f"topic {topic!r}: expected a keyword or a list of keywords"
            raise InputFormatError(path, reason)
        topics.append((topic.strip(), tuple(e.strip() for e in entries)))
    return tuple(topics)


def _is_keyword(entry: Any) -> bool:
    return isinstance(entry, str) and bool(entry.strip())


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


@lru_cache(maxsize=1)
def _stop_nouns() -> frozenset[str]:
    return frozenset(t.lower() for t in load_lexicon("topic_stop_nouns"))
