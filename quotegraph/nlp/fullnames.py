"""Full names for lone surnames: ``Bortis`` becomes ``Megan Bortis`` when the article says so.

Researchers count sources by full name (the Gender Gap Tracker scores exactly
that), so a speaker the article introduces as "Megan Bortis" and quotes as
"Bortis" should carry the full name. Linking (`quotegraph.nlp.entities`) already
does this when the full name is itself a speaker; this pass covers the full name
that appears only in the running text ("Megan Bortis detailed how ...").

Plain strings, no spaCy: it runs on linked quotes and the article texts.

Examples
--------
>>> from quotegraph.model import Quote, QuoteKind, Speaker, SpeakerKind
>>> text = 'Megan Bortis filed it. "No," Bortis said.'
>>> bortis = Speaker("Bortis", entity_id="person:bortis", kind=SpeakerKind.PERSON)
>>> quote = Quote("a", "a:23-28", '"No,"', 23, 28, QuoteKind.DIRECT, bortis)
>>> [q.speaker.name for q in complete_names([quote], texts={"a": text})]
['Megan Bortis']
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

from quotegraph.lexicon import load_lexicon
from quotegraph.model import Quote, SpeakerKind, make_entity_id
from quotegraph.nlp.keyness import english_per_million
from quotegraph.nlp.names import NameLexicons, clean_name

__all__ = ["complete_names", "first_names_before"]

#: Uses per million words of general English above which an unlisted word is no first name
#: ("meanwhile" 30, "indeed" 62, "perhaps" 123; "Ngozi", "Sevaun", "Fouzia" are near 0).
_MAX_UNLISTED_NAME_RATE = 20.0


def complete_names(quotes: Sequence[Quote], *, texts: Mapping[str, str]) -> list[Quote]:
    """Give each one-word person speaker the full name its article writes, when it writes exactly one.

    Parameters
    ----------
    quotes : sequence of Quote
        Linked quotes.
    texts : mapping of doc_id to article text

    Returns
    -------
    list of Quote
        The same quotes; renamed speakers get the entity id of the full name.
    """
    found: dict[tuple[str, str], str | None] = {}
    out = []
    for quote in quotes:
        quote = _undouble(quote)
        speaker = quote.speaker
        words = speaker.name.split()
        if speaker.kind is not SpeakerKind.PERSON or len(words) != 1 or not words[0][:1].isupper():
            out.append(quote)
            continue
        key = (quote.doc_id, words[0])
        if key not in found:
            firsts = first_names_before(words[0], [texts.get(quote.doc_id, "")])
            found[key] = f"{firsts.pop()} {words[0]}" if len(firsts) == 1 else None
        full = found[key]
        if full is None:
            out.append(quote)
            continue
        renamed = replace(speaker, name=full, entity_id=make_entity_id(SpeakerKind.PERSON, full))
        out.append(replace(quote, speaker=renamed))
    return out


def first_names_before(surname: str, texts: Iterable[str]) -> set[str]:
    """Capitalised words written right before ``surname`` that can be a first name.

    Titles ("President"), function words ("The") and speech words ("Said") are not.

    >>> sorted(first_names_before("Lee", ["President Lee met Ann Lee. Said Lee: no."]))
    ['Ann']
    """
    pattern = re.compile(r"\b([A-Z][\w'’-]*)\s+%s\b" % re.escape(surname))
    skip = _skip_words()
    found = set()
    for text in texts:
        for match in pattern.finditer(text):
            word = match.group(1)
            if word.lower().rstrip(".") not in skip and len(word) > 1 and _can_be_first_name(word):
                found.add(word)
    return found


def _can_be_first_name(word: str) -> bool:
    """A listed first name ("Grace"), or a word too rare in general English to be anything else.

    A capitalised common word before a name opens the sentence ("Perhaps
    Tracy should..."); an unlisted name ("Ngozi") is rare in general English.
    """
    names = NameLexicons.load()
    if word in names.male_names or word in names.female_names:
        return True
    return english_per_million(word.lower()) < _MAX_UNLISTED_NAME_RATE


def _undouble(quote: Quote) -> Quote:
    """``Justin Trudeau Trudeau`` (a photo caption run into the next sentence) names Justin Trudeau."""
    speaker = quote.speaker
    name = clean_name(speaker.name)  # the one rule for doubled surnames, in names.py
    if speaker.kind is not SpeakerKind.PERSON or name == " ".join(speaker.name.split()):
        return quote
    return replace(quote, speaker=replace(speaker, name=name, entity_id=make_entity_id(SpeakerKind.PERSON, name)))


@lru_cache(maxsize=1)
def _skip_words() -> frozenset[str]:
    names = NameLexicons.load()
    words = {w.lower() for w in load_lexicon("stopwords")} | {t.lower() for t in names.titles}
    words |= {w.lower() for w in load_lexicon("reporting_verbs")} | set(names.honorifics)
    return frozenset(words | {"said", "says", "told", "asked", "added", "according"})
