"""Topics of a corpus by keyness: the phrases its quotes use far more than English does.

`quotegraph.nlp.topics` gives each quote candidate phrases (noun phrases,
named events and laws). `select_topics` then looks at the whole corpus and
keeps a candidate only when

* it is *key*: its rate in the corpus's quotes, or the rate of one of its
  words, is at least ``min_keyness`` times its rate in general English
  (``wordfreq``'s English frequencies, which ship with the package), using
  Kilgarriff's "simple maths" ratio ``(corpus_pm + 1) / (english_pm + 1)`` in
  words per million, so no stop list is tuned by hand: "position", "life" or
  "decision" are as common in English as in any corpus and fall away;
* it has support: ``min_support`` distinct speakers, or articles, use it;
* it names no person, organisation or place of the corpus (those are entity
  nodes, linked by mentions);
* it is not a lone word of general vocabulary: a single word among the 3,000
  most frequent English words (wordfreq's ranking) such as "effort" or
  "action" names no subject on its own, however often a small corpus repeats
  it; it still counts inside a phrase and folds into one ("offensive" into
  "winter offensive"). Multi-word phrases are preferred this way.

Variants merge into one topic: inflections ("casualty", "casualties"), a
longer phrase ending in a shorter topic ("new trade deal" into "trade deal"),
and a single word that belongs to exactly one multi-word topic ("casualties"
into "casualty figures"). The topic is labelled by the most frequent surface
form of its longest-standing phrase, never a lemma. No spaCy here: it runs on
`Quote` objects after linking, like the graph.

References
----------
Kilgarriff, A. (2009). Simple maths for keywords. Proceedings of Corpus
Linguistics 2009.
Speer, R. (2022). wordfreq v3.0. Zenodo. doi:10.5281/zenodo.7199437.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Collection, Iterable, Sequence

from quotegraph.model import Entity, Quote, slugify
from quotegraph.words import singular, words_of

__all__ = ["select_topics", "english_per_million", "DEFAULT_MIN_KEYNESS"]

logger = logging.getLogger(__name__)

#: How many times more often than in general English a topic must occur.
DEFAULT_MIN_KEYNESS = 8.0
#: wordfreq's factor for a word boundary it must infer (its Chinese tokenizer):
#: the chance that two words are a phrase, not merely neighbours.
_PHRASE_FACTOR = 20.0
#: English's most frequent words: alone, they name no subject.
_GENERAL_VOCABULARY = 3000


@dataclass
class _Candidate:
    surfaces: Counter[str] = field(default_factory=Counter)
    speakers: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    quotes: set[str] = field(default_factory=set)


def select_topics(
    quotes: Sequence[Quote],
    *,
    entities: Iterable[Entity] = (),
    keep: Collection[str] = (),
    min_support: int = 2,
    min_keyness: float = DEFAULT_MIN_KEYNESS,
) -> list[Quote]:
    """Keep the key candidate topics of a corpus, merged and labelled.

    Parameters
    ----------
    quotes : sequence of Quote
        The corpus, speakers linked; ``topics`` hold candidates.
    entities : iterable of Entity, optional
        Linked entities: a candidate equal to a name or alias is no topic.
    keep : collection of str, optional
        Topic labels always kept as they are (the user's ``--topics``).
    min_support : int, optional (default=2)
        Distinct speakers, or distinct articles, a topic needs.
    min_keyness : float, optional (default=8.0)
        Least ratio of corpus rate to English rate (see the module notes).

    Returns
    -------
    list of Quote
        The quotes in order, ``topics`` replaced by the kept topics' labels.

    Examples
    --------
    >>> from quotegraph.model import QuoteKind, Speaker, SpeakerKind
    >>> def said(doc, who, text, topics):
    ...     speaker = Speaker(who, kind=SpeakerKind.PERSON)
    ...     return Quote(doc, doc, text, 0, len(text), QuoteKind.DIRECT, speaker, topics=topics)
    >>> quotes = [said("a", "Ann", "The casualty figures are false.", ("casualty figures",)),
    ...           said("b", "Bo", "Casualty figures are lies.", ("Casualty figures",)),
    ...           said("c", "Cy", "Casualties are rising.", ("casualties", "Cy"))]
    >>> [q.topics for q in select_topics(quotes, keep={"Cy"})]
    [('casualty figures',), ('casualty figures',), ('Cy', 'casualty figures')]
    """
    statements = _first_of_each_statement(quotes)
    words = Counter(w for q in statements for w in words_of(q.text))
    total = max(sum(words.values()), 1)
    names = _entity_slugs(entities)
    candidates = _candidates(statements, keep=set(keep), names=names)
    groups = _group_variants(candidates, min_support)
    labels: dict[str, str] = {}
    for target, members in groups.items():
        merged = _merge(candidates[m] for m in members)
        label = _label(candidates[target].surfaces)
        score = _keyness(label, len(merged.quotes), words, total)
        supported = max(len(merged.speakers), len(merged.articles)) >= min_support
        if supported and score >= min_keyness and not _is_general_word(label):
            labels.update((m, label) for m in members)
    logger.info("topics: %d of %d candidate phrases are key", len(set(labels.values())), len(candidates))
    return [_relabel(q, labels, set(keep)) for q in quotes]


@lru_cache(maxsize=1 << 16)
def english_per_million(phrase: str) -> float:
    """Rate of ``phrase`` in general English, per million words (wordfreq).

    A phrase of n words is rated as wordfreq rates it (its rarest word
    dominates) divided by 20 for each boundary between its words.

    >>> english_per_million("the") > english_per_million("casualty figures")
    True
    """
    from wordfreq import word_frequency

    words = phrase.split()
    rate = word_frequency(phrase, "en") * 1e6
    return rate / _PHRASE_FACTOR ** max(len(words) - 1, 0)


def _is_general_word(label: str) -> bool:
    return " " not in label.strip() and label.lower() in _general_vocabulary()


@lru_cache(maxsize=1)
def _general_vocabulary() -> frozenset[str]:
    from wordfreq import top_n_list

    return frozenset(top_n_list("en", _GENERAL_VOCABULARY))


def _keyness(label: str, count: int, words: Counter[str], total: int) -> float:
    """Simple-maths ratio of the phrase, or of its keenest word, whichever is higher."""
    phrase = ((count / total) * 1e6 + 1) / (english_per_million(label.lower()) + 1)
    parts = label.lower().split()
    if len(parts) < 2:
        return phrase
    best_word = max(((words[w] / total) * 1e6 + 1) / (english_per_million(w) + 1) for w in parts)
    return max(phrase, best_word)


def _first_of_each_statement(quotes: Sequence[Quote]) -> list[Quote]:
    """One quote per statement: a reprint adds no support and no words."""
    seen: set[str] = set()
    firsts = []
    for quote in quotes:
        key = quote.reprint_id or quote.quote_id
        if key not in seen:
            seen.add(key)
            firsts.append(quote)
    return firsts


def _entity_slugs(entities: Iterable[Entity]) -> set[str]:
    slugs: set[str] = set()
    for entity in entities:
        if entity.name[:1].islower():  # an unnamed source's description is no name
            continue
        slugs.update(slugify(name) for name in (entity.name, *entity.aliases))
    return slugs


def _candidates(statements: list[Quote], *, keep: set[str], names: set[str]) -> dict[str, _Candidate]:
    found: dict[str, _Candidate] = defaultdict(_Candidate)
    for quote in statements:
        speaker = quote.speaker.entity_id or quote.speaker.name if quote.speaker.is_known else None
        for topic in quote.topics:
            if topic in keep or slugify(topic) in names:
                continue
            key = _variant_key(topic)
            if not key:
                continue
            candidate = found[key]
            candidate.surfaces[topic] += 1
            candidate.articles.add(quote.doc_id)
            candidate.quotes.add(quote.quote_id)
            if speaker:
                candidate.speakers.add(speaker)
    return dict(found)


def _group_variants(candidates: dict[str, _Candidate], min_support: int) -> dict[str, list[str]]:
    """Variant key -> the keys merged into it (itself included)."""
    anchors = {
        key
        for key, c in candidates.items()
        if " " in key and max(len(c.speakers), len(c.articles)) >= min_support
    }
    containing: dict[str, set[str]] = defaultdict(set)
    for key in anchors:
        for word in key.split():
            containing[word].add(key)
    groups: dict[str, list[str]] = defaultdict(list)
    for key in candidates:
        groups[_target(key, anchors, containing)].append(key)
    return dict(groups)


def _target(key: str, anchors: set[str], containing: dict[str, set[str]]) -> str:
    words = key.split()
    if len(words) == 1:
        if _is_general_word(key):  # "time" is no part of "long time" more than of any other
            return key
        owners = containing.get(key, set())
        return next(iter(owners)) if len(owners) == 1 else key
    for cut in range(1, len(words) - 1):  # the shortest topic it ends in
        suffix = " ".join(words[cut:])
        if suffix in anchors:
            return suffix
    return key


def _merge(candidates: Iterable[_Candidate]) -> _Candidate:
    merged = _Candidate()
    for candidate in candidates:
        merged.surfaces.update(candidate.surfaces)
        merged.speakers |= candidate.speakers
        merged.articles |= candidate.articles
        merged.quotes |= candidate.quotes
    return merged


def _label(surfaces: Counter[str]) -> str:
    """The most frequent surface form; ties go to the lower-case, then the alphabetically first."""
    return min(surfaces.items(), key=lambda item: (-item[1], item[0] != item[0].lower(), item[0]))[0]


def _variant_key(topic: str) -> str:
    """Case- and inflection-insensitive key: "Casualty figures" and "casualty figure" agree."""
    words = words_of(topic)
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(singular(w) for w in words)


def _relabel(quote: Quote, labels: dict[str, str], keep: set[str]) -> Quote:
    topics = [t for t in quote.topics if t in keep]
    for topic in quote.topics:
        label = labels.get(_variant_key(topic)) if topic not in keep else None
        if label is not None and label not in topics:
            topics.append(label)
    if tuple(topics) == quote.topics:
        return quote
    return replace(quote, topics=tuple(topics))
