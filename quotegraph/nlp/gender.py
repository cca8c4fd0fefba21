"""Speaker gender: evidence from the text first, then the first name, else ``unknown``.

Works on linked model objects and article texts (no spaCy): the pronouns our
speaker tracking tied to a person (``she said``) are on the quotes already.

Evidence, strongest first:

1. the text of an article: a gendered pronoun our tracking resolved to the
   person (``"pronoun"``), an honorific before their surname (``Ms. Lonechild``,
   ``"honorific"``), a gendered role in their description or apposition
   (``spokeswoman``, ``chairman``, ``the mother of``; ``"role"``);
2. the first name, looked up in gender-guesser's name dictionary; only names it
   lists as used for one sex count (``"name"``), never "mostly" or ambiguous ones.

A canonical speaker has one gender for the corpus: each article with text
evidence casts one vote (its own majority), the majority of votes decides, and a
tie is ``unknown``. Name evidence is used only where no article gave text
evidence; when the two disagree the text wins and the conflict is logged at
DEBUG. Only people get a gender; every other speaker keeps ``None``.

Examples
--------
>>> from quotegraph.model import Quote, QuoteKind, Speaker, SpeakerKind, TextSpan
>>> text = 'Alex Moreau spoke. "No," she said.'
>>> she = Speaker("Alex Moreau", TextSpan.of(text, 25, 28), "person:alex-moreau", SpeakerKind.PERSON)
>>> quote = Quote("a", "a:19-23", '"No,"', 19, 24, QuoteKind.DIRECT, she)
>>> result = assign_genders([quote], texts={"a": text})
>>> result.quotes[0].speaker.gender, result.quotes[0].speaker.gender_evidence
('female', 'pronoun')
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Callable, Iterable, Mapping, Sequence

from quotegraph.model import Quote, SpeakerKind
from quotegraph.config import GENDER_MODES
from quotegraph.lexicon import load_lexicon
from quotegraph.nlp.first_names import NAME_THRESHOLD, first_name_gender, first_name_genders
from quotegraph.nlp.fullnames import first_names_before
from quotegraph.nlp.names import NameLexicons

__all__ = [
    "GENDER_MODES",
    "NAME_THRESHOLD",
    "GenderResult",
    "assign_genders",
    "first_name_gender",
    "speaker_key",
    "text_votes",
]

logger = logging.getLogger(__name__)

#: Text evidence kinds, strongest first (a tie in votes goes to the stronger kind).
_TEXT_KINDS = ("pronoun", "honorific", "role")



@dataclass(frozen=True)
class GenderResult:
    """Quotes with genders set, and the text votes behind each speaker's gender.

    ``votes`` maps a speaker key (`speaker_key`) to ``{"female": n, "male": m}``:
    how many articles' text evidence said each.
    """

    quotes: list[Quote]
    votes: dict[str, dict[str, int]] = field(default_factory=dict)


def speaker_key(quote: Quote) -> str:
    """The corpus-wide key of a quote's speaker: its entity id, else kind and name."""
    speaker = quote.speaker
    return speaker.entity_id or f"{speaker.kind.value}:{speaker.name.casefold()}"


def assign_genders(
    quotes: Sequence[Quote],
    *,
    texts: Mapping[str, str],
    mode: str = "text+names",
    lang: str = "en",
) -> GenderResult:
    """Set `Speaker.gender` and `Speaker.gender_evidence` on every quote.

    Parameters
    ----------
    quotes : sequence of Quote
        Linked quotes (speakers carry corpus-wide entity ids).
    texts : mapping of doc_id to article text
        Honorifics and appositions are read from here; an article missing from it
        still gives the pronoun and role evidence its quotes carry.
    mode : {"text+names", "text", "off"}, optional (default="text+names")
        ``off`` marks every person ``unknown`` without looking at any evidence.
    lang : str, optional (default="en")
        Language of the pronoun, honorific and role lexicons.

    Returns
    -------
    GenderResult

    Raises
    ------
    ValueError
        When ``mode`` is not one of `GENDER_MODES`.
    """
    if mode not in GENDER_MODES:
        raise ValueError(f"unknown gender mode {mode!r}; choose from {', '.join(GENDER_MODES)}")
    votes: dict[str, Counter[tuple[str, str]]] = {}
    if mode != "off":
        evidence = _TextEvidence(lang)
        for (doc_id, key), group in _by_article(quotes).items():
            found = evidence.article_vote(group, texts.get(doc_id, ""))
            if found is not None:
                votes.setdefault(key, Counter())[found] += 1
    people = _people(quotes)
    firsts = _FirstNames(texts)
    candidates = {key: firsts.candidate(*person) for key, person in people.items()} if mode == "text+names" else {}
    by_name = first_name_genders({c for c in candidates.values() if c})
    decided = {key: _decide(key, votes.get(key), by_name.get(candidates.get(key) or "")) for key in people}
    out = [_with_gender(q, decided) for q in quotes]
    summary = {k: {"female": _sum(v, "female"), "male": _sum(v, "male")} for k, v in votes.items()}
    return GenderResult(out, summary)


# -- text evidence -------------------------------------------------------------


def text_votes(name: str, text: str, *, lang: str = "en") -> Counter[str]:
    """How many pieces of one article's text evidence ("Lindsay said she") say each gender of ``name``."""
    return Counter(gender for gender, _ in _evidence(lang)._text_evidence(name, text))


@lru_cache(maxsize=None)
def _evidence(lang: str) -> _TextEvidence:
    return _TextEvidence(lang)


class _TextEvidence:
    """The lexicons text evidence needs, and the rules that read an article."""

    def __init__(self, lang: str) -> None:
        names = NameLexicons.load(lang)
        self.names = names
        self.pronouns = {w: g for w, (g, n, p) in names.pronouns.items() if g in ("male", "female")}
        self.pronouns.update(_possessives(lang))
        self.honorifics = {h: g for h, g in names.honorifics.items() if g in ("male", "female")}
        self.roles = _role_table(lang)
        self.apposition = re.compile(r",\s+((?:[\w'’.-]+\s+){0,5}?)(%s)\b" % "|".join(
            sorted((re.escape(r) for r in self.roles), key=len, reverse=True)), re.IGNORECASE)
        self._honorific_patterns: dict[str, re.Pattern[str]] = {}  # compiled once per surname
        # Where an honorific begins in the last text read: an article asks once per person.
        self._honorific_word = re.compile(r"\b(?i:%s)" % "|".join(re.escape(h) for h in self.honorifics))
        self._honorific_starts: tuple[str, list[int]] = ("", [])

    def article_vote(self, quotes: Sequence[Quote], text: str) -> tuple[str, str] | None:
        """``(gender, kind)`` the article's text gives its speaker, or None."""
        counts: Counter[tuple[str, str]] = Counter()
        for quote in quotes:
            counts.update(self._quote_evidence(quote))
        counts.update(self._text_evidence(quotes[0].speaker.name, text))
        female, male = _sum(counts, "female"), _sum(counts, "male")
        if female == male:
            if female:
                logger.debug("%s: text evidence split %d/%d in %s", quotes[0].speaker.name,
                             female, male, quotes[0].doc_id)
            return None
        gender = "female" if female > male else "male"
        kind = next(k for k in _TEXT_KINDS if counts[(gender, k)])
        return gender, kind

    def _quote_evidence(self, quote: Quote) -> Iterable[tuple[str, str]]:
        mention = quote.speaker.mention.text if quote.speaker.mention else ""
        words = mention.split()
        if len(words) == 1 and words[0].lower() in self.pronouns:
            yield self.pronouns[words[0].lower()], "pronoun"
        if words and words[0].lower().rstrip(".") in self.honorifics:
            yield self.honorifics[words[0].lower().rstrip(".")], "honorific"
        name = quote.speaker.name
        described = " ".join(w for w in (quote.speaker.role, mention if words and words[0][:1].islower() else "",
                                          name if name[:1].islower() else "") if w)
        gender = self._role_gender(described)
        if gender:
            yield gender, "role"

    def _text_evidence(self, name: str, text: str) -> Iterable[tuple[str, str]]:
        _, bare = self.names.split_title(name)
        words = bare.split()
        # Every pattern below spells the surname out: an article without it has nothing to say.
        if len(words) < 1 or not text or not words[0][:1].isupper() or words[-1] not in text:
            return
        # Each pattern is tried only where its first word is (as finditer would find it, without
        # a scan of the whole article per person).
        if self._honorific_starts[0] is not text:
            self._honorific_starts = (text, _starts(self._honorific_word, text))
        for match in _matches(self._honorific(words[-1]), text, self._honorific_starts[1]):
            if match.group(0)[:1].isupper():
                yield self.honorifics[match.group(1).lower()], "honorific"
        for match in _matches(_self_reference(words[-1]), text, _starts_of(words[-1], text)):
            yield self.pronouns[(match.group(1) or match.group(2)).lower()], "pronoun"
        if len(words) < 2:
            return
        for end in _ends_of(bare, text):
            gender = self._apposition_gender(text[end : end + 80])
            if gender:
                yield gender, "role"

    def _honorific(self, surname: str) -> re.Pattern[str]:
        """``Ms. Lonechild``, ``Mr. John Lonechild``: an honorific right before the name."""
        if surname not in self._honorific_patterns:
            # Given names between the honorific and the surname must be capitalised: in
            # "Mr. and Mrs. Keel" only "Mrs." is Keel's.
            self._honorific_patterns[surname] = re.compile(r"\b((?i:%s))\.?\s+(?:[A-Z][\w'’.-]*\s+){0,2}%s\b" % (
                "|".join(re.escape(h) for h in self.honorifics), re.escape(surname)))
        return self._honorific_patterns[surname]

    def _apposition_gender(self, after: str) -> str | None:
        """The gendered role in ``, the chairwoman of ...`` right after a name."""
        clause = re.split(r"[.;:!?\"“”()]|,(?!\s+(?:the|a|an)\b)", after[1:], maxsplit=1)[0]
        match = self.apposition.match(", " + clause.lstrip(", ")) if after.startswith(",") else None
        if match is None or _STOP_WORDS & {w.lower() for w in match.group(1).split()}:
            return None
        return self.roles[match.group(2).lower()]

    def _role_gender(self, description: str) -> str | None:
        found = {self.roles[w] for w in re.findall(r"[\w'-]+", description.lower()) if w in self.roles}
        return found.pop() if len(found) == 1 else None


def _ends_of(needle: str, text: str) -> Iterable[int]:
    """Where each occurrence of ``needle`` ends, left to right, not overlapping (as `re.finditer`).

    >>> list(_ends_of("Jo Lee", "Jo Lee, the chair. Jo Lee."))
    [6, 25]
    """
    at = text.find(needle)
    while at >= 0:
        yield at + len(needle)
        at = text.find(needle, at + len(needle))


def _starts(pattern: re.Pattern[str], text: str) -> list[int]:
    """Every position where ``pattern`` matches in ``text``, overlapping ones included.

    >>> _starts(re.compile(r"\\bM(?:r|rs)"), "Mr and Mrs Lee")
    [0, 7]
    """
    found, match = [], pattern.search(text)
    while match is not None:
        found.append(match.start())
        match = pattern.search(text, match.start() + 1)
    return found


def _starts_of(needle: str, text: str) -> Iterable[int]:
    """Where each occurrence of ``needle`` starts, overlapping ones included."""
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


def _matches(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterable[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern that can only match from one of ``starts`` (ascending).

    >>> [m.group(0) for m in _matches(re.compile(r"\\bLee\\b"), "Lee, Leeds, Lee", [0, 5, 12])]
    ['Lee', 'Lee']
    """
    end = 0
    for start in starts:
        if start >= end:
            match = pattern.match(text, start)
            if match is not None:
                end = match.end()
                yield match


@lru_cache(maxsize=4096)
def _self_reference(surname: str) -> re.Pattern[str]:
    """``Lindsay said she``, ``McNeely found herself``: a pronoun in the name's own clause.

    The name is the subject; up to three lower-case words (the verb, "reporters")
    stand between it and a subject pronoun after a speech verb, or a reflexive.
    """
    return re.compile(
        r"\b%s\s+(?:(?:said|says|told|added|argued|explained|noted|wrote|recalled|admitted|insisted)"
        r"\s+(?:[a-z]+\s+){0,2}?(she|he)\b|(?:[a-z]+\s+){1,3}?(herself|himself)\b)" % re.escape(surname)
    )


#: Words that end an apposition: "Jo Lee, who said her son..." says nothing of Jo Lee.
_STOP_WORDS = frozenset({"who", "whose", "which", "that", "and", "with", "said", "says", "whom", "where"})


# -- deciding ----------------------------------------------------------------


def _decide(key: str, votes: Counter[tuple[str, str]] | None, from_name: str | None) -> tuple[str, str | None]:
    female, male = (_sum(votes, "female"), _sum(votes, "male")) if votes else (0, 0)
    if female != male and votes:
        gender = "female" if female > male else "male"
        if from_name and from_name != gender:
            logger.debug("%s: text says %s (%d/%d articles), first name says %s; text wins",
                         key, gender, max(female, male), female + male, from_name)
        kinds = Counter({k: n for (g, k), n in votes.items() if g == gender})
        return gender, min(kinds, key=lambda k: (-kinds[k], _TEXT_KINDS.index(k)))
    if female and female == male:
        logger.debug("%s: text evidence tied (%d female, %d male articles); unknown", key, female, male)
        return "unknown", None
    if from_name:
        return from_name, "name"
    return "unknown", None


class _FirstNames:
    """The first name of a person, from their name or, for a lone surname, from the article.

    A lone word is looked up as a first name only when no article puts a
    capitalised word before it ("Heather" among the contestants); otherwise it is
    a surname, and the first name is the one the article writes before it
    ("Megan Bortis" ... "Bortis"), when the article gives exactly one.
    """

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = texts

    def candidate(self, name: str, doc_ids: Sequence[str]) -> str | None:
        """The word to look up as this person's first name, or None."""
        _, bare = NameLexicons.load().split_title(name)
        words = [w for w in bare.split() if w]
        if not words or not words[0][:1].isupper():
            return None
        if len(words) >= 2:
            return self._first(words[0])
        before = self._words_before(words[0], doc_ids)
        if not before:
            return self._first(words[0])
        return self._first(before.pop()) if len(before) == 1 else None

    def _words_before(self, surname: str, doc_ids: Sequence[str]) -> set[str]:
        return first_names_before(surname, (self.texts.get(d, "") for d in doc_ids))

    def _first(self, word: str) -> str | None:
        first = word.split("-")[0].strip(".,")
        if len(first) < 2 or not first[:1].isupper() or "." in first:
            return None
        return first


def _with_gender(quote: Quote, decided: Mapping[str, tuple[str, str | None]]) -> Quote:
    speaker = quote.speaker
    if speaker.kind is not SpeakerKind.PERSON:
        gender, evidence = None, None
    else:
        gender, evidence = decided[speaker_key(quote)]
    return replace(quote, speaker=replace(speaker, gender=gender, gender_evidence=evidence))


def _by_article(quotes: Iterable[Quote]) -> dict[tuple[str, str], list[Quote]]:
    groups: dict[tuple[str, str], list[Quote]] = {}
    for quote in quotes:
        if quote.speaker.kind is SpeakerKind.PERSON:
            groups.setdefault((quote.doc_id, speaker_key(quote)), []).append(quote)
    return groups


def _people(quotes: Iterable[Quote]) -> dict[str, tuple[str, list[str]]]:
    """Speaker key -> (the longest name its quotes give, the articles it speaks in)."""
    people: dict[str, tuple[str, list[str]]] = {}
    for quote in quotes:
        if quote.speaker.kind is SpeakerKind.PERSON:
            name, docs = people.setdefault(speaker_key(quote), (quote.speaker.name, []))
            if len(quote.speaker.name) > len(name):
                people[speaker_key(quote)] = (quote.speaker.name, docs)
            if quote.doc_id not in docs:
                docs.append(quote.doc_id)
    return people


def _sum(counts: Mapping[tuple[str, str], int] | None, gender: str) -> int:
    return sum(n for (g, _), n in (counts or {}).items() if g == gender)


@lru_cache(maxsize=None)
def _role_table(lang: str) -> dict[str, str]:
    table = {}
    for entry in load_lexicon("gender_roles", lang):
        word, _, gender = entry.partition("=")
        table[word.strip().lower()] = gender.strip()
    return table


@lru_cache(maxsize=None)
def _possessives(lang: str) -> dict[str, str]:
    return {"his": "male"} if lang == "en" else {}
