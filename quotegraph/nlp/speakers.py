"""Attribution: tie each quote's speaker mention to a speaker in the article.

The extraction stages leave ``speaker.name`` as the mention's words. Here each
mention is resolved the way a reader of the article would, in this order:

1. a name: the fullest form of it in the article ("Kirby" → "John Kirby"),
   titles stripped into ``role``, organisation from premodifiers
   ("White House official John Kirby"), appositions ("X, the spokesperson for
   Y,") and relative clauses ("X, who is the head of Wagner,");
   organisations and places keep their own canonical name ("The US" →
   "United States");
2. a pronoun: the latest compatible named speaker (gender and number agree;
   names inside quotations do not count); when another compatible person is
   named in the sentences just before, coreferee's chains over a window of
   up to four sentences decide instead (coreferee costs more than the parse,
   so it runs only where there is a choice, never in the main ``nlp.pipe``);
3. a nominal ("the official", "a top Ukrainian general"): the most recent
   compatible named person, or one named just after it (cataphora);
4. no mention: a quote continuing the previous quote takes its speaker;
5. otherwise an honest unknown, the mention kept; indefinite unnamed sources
   ("a Ukrainian official close to the presidential office") stay descriptive.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from functools import lru_cache
from typing import Sequence

from spacy.tokens import Doc, Span, Token

from quotegraph.model import Quote, Resolution, Speaker, SpeakerKind, make_entity_id
from quotegraph.nlp import coref
from quotegraph.lexicon import load_lexicon
from quotegraph.nlp.names import NameLexicons, strip_determiner, strip_possessive

__all__ = ["resolve_speakers"]

logger = logging.getLogger(__name__)

#: Sentences before a pronoun that coreferee sees.
_COREF_WINDOW_SENTENCES = 3
#: Sentences before a pronoun searched for rivals to the rule's answer (each rival costs a coreferee run).
_RIVAL_SENTENCES = 2
#: Sentences after an indefinite nominal searched for the name it announces.
_CATAPHORA_SENTENCES = 2
_INDEFINITE = frozenset({"a", "an", "one", "another"})


def resolve_speakers(
    doc: Doc, quotes: Sequence[Quote], *, lang: str = "en", use_coref: bool = True
) -> list[Quote]:
    """Resolve every quote's speaker within one article.

    Parameters
    ----------
    doc : Doc
        The parsed article (or chunk) the quotes' offsets refer to.
    quotes : sequence of Quote
        Quotes from the extraction stages; ``speaker.mention`` is the words
        naming the speaker, or None.
    lang : str, optional (default="en")
        Language of the lexicons (titles, pronouns, nominal heads, aliases).
    use_coref : bool, optional (default=True)
        Ask coreferee about pronouns when the pipeline has it; False (or no
        coreferee) uses only the nearest compatible named speaker.

    Returns
    -------
    list of Quote
        The same quotes in the same order, each with ``speaker`` filled:
        canonical ``name``, ``kind``, ``role``, ``organisation``,
        ``resolution`` and a provisional ``entity_id``; the mention is kept.

    Examples
    --------
    >>> import spacy
    >>> from quotegraph.model import QuoteKind, TextSpan
    >>> doc = spacy.blank("en")('"We won," she said.')
    >>> quote = Quote("d", "q", '"We won,"', 0, 9, QuoteKind.DIRECT,
    ...               Speaker("she", mention=TextSpan.of(doc.text, 10, 13)))
    >>> resolve_speakers(doc, [quote])[0].speaker.name
    'unknown'
    """
    lexicons = _Lexicons.load(lang)
    people = _People.of(doc, lexicons)
    quote_spans = [(q.start, q.end) for q in quotes]
    order = sorted(range(len(quotes)), key=lambda i: (quotes[i].start, quotes[i].end))
    resolved: dict[int, Speaker] = {}
    history: list[tuple[int, Speaker]] = []  # (mention or quote start, speaker), in text order
    previous: Speaker | None = None
    for index in order:
        quote = quotes[index]
        if quote.speaker.mention is None:
            speaker = _continuation(quote, previous)
        else:
            speaker = _resolve(doc, quote, people, history, quote_spans, use_coref)
        resolved[index] = previous = speaker
        if speaker.is_known:
            anchor = speaker.mention.start if speaker.mention else quote.start
            history.append((anchor, speaker))
    return [replace(q, speaker=resolved[i]) for i, q in enumerate(quotes)]


def _resolve(
    doc: Doc,
    quote: Quote,
    people: _People,
    history: list[tuple[int, Speaker]],
    quote_spans: list[tuple[int, int]],
    use_coref: bool,
) -> Speaker:
    speaker = quote.speaker
    if speaker.mention is None:
        return Speaker.unknown()
    span = doc.char_span(speaker.mention.start, speaker.mention.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return replace(Speaker.unknown(), mention=speaker.mention)
    kind = people.lexicons.mention_kind(span)
    if kind == "pronoun":
        found = _pronoun(span, people, history, quote_spans, use_coref=use_coref)
    elif kind == "nominal":
        found = _nominal(span, people, history)
    else:
        found = people.speaker_for_name(span)
    if found is None:
        return replace(Speaker.unknown(), mention=speaker.mention)
    return replace(found, mention=speaker.mention)


def _continuation(quote: Quote, previous: Speaker | None) -> Speaker:
    """A quote the extraction stage marked as running on from the quote before it.

    It takes that quote's speaker and mention: the words naming its speaker
    are the earlier ones.
    """
    if quote.speaker.resolution is Resolution.CONTINUATION and previous is not None and previous.is_known:
        return replace(previous, resolution=Resolution.CONTINUATION)
    return Speaker.unknown()


def _pronoun(
    span: Span,
    people: _People,
    history: list[tuple[int, Speaker]],
    quote_spans: list[tuple[int, int]],
    *,
    use_coref: bool,
) -> Speaker | None:
    """The compatible person a pronoun refers to: coreferee decides whenever there is a choice.

    coreferee costs more than the parse itself, so it runs (on a window) only
    when the rule's answer has a rival: another compatible person named
    outside quotes in the sentences before the pronoun, or no answer at all.
    """
    token = span.root
    gender, number, grammatical_person = people.lexicons.pronoun(token.lower_)
    if grammatical_person != "3":
        return None  # "I said" outside quotes is a narrator, "you" a reader: no name to give
    rule = _nearest_speaker(span, people, history, quote_spans, gender, number)
    window = people.sentence_start(span.start_char, _RIVAL_SENTENCES)
    rivals = people.mentioned_between(window, span.start_char, gender, number, outside=quote_spans)
    if use_coref and (rule is None or rivals - {rule.name}):
        for antecedent in _coref_antecedents(token, people, quote_spans):
            if antecedent.compatible(gender, number):
                return antecedent.speaker(Resolution.COREFERENCE)
    return rule


def _nearest_speaker(
    span: Span,
    people: _People,
    history: list[tuple[int, Speaker]],
    quote_spans: list[tuple[int, int]],
    gender: str,
    number: str,
) -> Speaker | None:
    """The latest compatible speaker, else a compatible person named in this or the last sentence."""
    before = span.start_char
    for anchor, speaker in reversed(history):
        if anchor < before and people.compatible(speaker, gender, number):
            return replace(speaker, resolution=Resolution.COREFERENCE)
    person = people.nearest_before(before, gender, number, sentences=1, outside=quote_spans)
    return person.speaker(Resolution.COREFERENCE) if person else None


def _coref_antecedents(token: Token, people: _People, quote_spans: list[tuple[int, int]]) -> list[_Person]:
    """Named people coreferee links ``token`` to, from a window of sentences before it."""
    doc = token.doc
    if not coref.coref_available(doc):
        return []
    sentences = people.sentences
    here = next((i for i, s in enumerate(sentences) if s.start <= token.i < s.end), 0)
    first = sentences[max(0, here - _COREF_WINDOW_SENTENCES)].start
    key = (first, sentences[here].end)
    if key not in people.coref_windows:
        people.coref_windows[key] = coref.annotate_coref(doc, doc[first : sentences[here].end])
    annotated = people.coref_windows[key]
    if annotated is None:
        return []
    found: list[_Person] = []
    for index in coref.resolve_token(annotated[0], annotated[1], token):
        start = doc[index].idx
        if any(a <= start < b for a, b in quote_spans):
            continue  # a name inside someone's quote is rarely the next speaker
        person = people.person_at(index)
        if person is not None and person not in found:
            found.append(person)
    return found


def _nominal(span: Span, people: _People, history: list[tuple[int, Speaker]]) -> Speaker | None:
    lexicons = people.lexicons
    head = span.root.lemma_.lower()
    determiner = span[0].lower_
    # Heads in the lexicon say which titles they fit (empty: any person); others fit themselves.
    compatible = lexicons.nominal_heads.get(head, frozenset({head}))
    if determiner in _INDEFINITE:
        after = people.announced_after(span, compatible, sentences=_CATAPHORA_SENTENCES)
        if after is not None:
            return after.speaker(Resolution.NOMINAL)
        return _descriptive(span)
    for anchor, speaker in reversed(history):
        if anchor < span.start_char and speaker.kind is SpeakerKind.PERSON and (
            not compatible or people.role_matches(speaker, compatible)
        ):
            return replace(speaker, resolution=Resolution.NOMINAL)
    person = people.nearest_with_role(span.start_char, compatible) or people.only_person_near(span.start_char)
    return person.speaker(Resolution.NOMINAL) if person else None


def _descriptive(span: Span) -> Speaker:
    """An unnamed source keeps its description as its name."""
    text = span.text.rstrip(",;:")
    name = text[0].lower() + text[1:] if span[0].lower_ in _INDEFINITE else strip_determiner(text)
    return Speaker(
        name=name,
        kind=SpeakerKind.PERSON,
        resolution=Resolution.SUBJECT,
        entity_id=make_entity_id(SpeakerKind.PERSON, name),
    )


# -- lexicons -----------------------------------------------------------------

_PERSON_LABELS = frozenset({"PERSON"})
_KIND_OF_LABEL = {
    "PERSON": SpeakerKind.PERSON,
    "ORG": SpeakerKind.ORGANISATION,
    "GPE": SpeakerKind.PLACE,
    "LOC": SpeakerKind.PLACE,
    "FAC": SpeakerKind.PLACE,
    "NORP": SpeakerKind.GROUP,
}
_UNTAGGED = frozenset({"", "ORG", "NORP"})
_ORG_PREPS = frozenset({"for", "of", "at", "with", "from", "in"})
_SKIP_DEPS = frozenset({"det", "poss", "case", "punct", "predet"})


class _Lexicons:
    """Word lists for one language: names (spaCy-free) plus nominal and organisation heads."""

    def __init__(self, lang: str) -> None:
        self.names = NameLexicons.load(lang)
        self.nominal_heads = _compatibility(load_lexicon("nominal_heads", lang))
        self.organisation_nouns = load_lexicon("organisation_nouns", lang)
        self.first_names = self.names.male_names | self.names.female_names
        self.place_nouns = frozenset(w.lower() for w in load_lexicon("place_nouns", lang))
        self.role_organisations = {
            k.strip().lower(): v.strip()
            for k, _, v in (e.partition("=") for e in load_lexicon("role_organisations", lang))
        }

    @staticmethod
    @lru_cache(maxsize=None)
    def load(lang: str) -> _Lexicons:
        return _Lexicons(lang)

    def pronoun(self, word: str) -> tuple[str, str, str]:
        return self.names.pronoun(word) or ("any", "any", "3")

    def mention_kind(self, span: Span) -> str:
        """"pronoun", "nominal" (a common-noun person) or "name" (names, bodies, places)."""
        root = span.root
        if len(span) == 1 and self.names.pronoun(root.text) is not None:
            if root.pos_ == "PRON" or not root.text.isupper():
                return "pronoun"  # "US" the country is no pronoun
        if root.pos_ == "PROPN" or root.ent_type_ in _KIND_OF_LABEL:
            return "name"
        lemma = root.lemma_.lower()
        if lemma in self.organisation_nouns or root.tag_ in ("NNS", "NNPS") or root.pos_ != "NOUN":
            return "name"
        return "nominal"


def _compatibility(entries: frozenset[str]) -> dict[str, frozenset[str]]:
    table = {}
    for entry in entries:
        head, _, words = entry.partition("=")
        table[head.strip().lower()] = frozenset(w.lower() for w in words.split())
    return table


# -- people of one article ----------------------------------------------------


class _Person:
    """A named person of one article: canonical name, role, organisation, mentions."""

    def __init__(self, name: str, lexicons: _Lexicons) -> None:
        self.name = name
        self.gender = lexicons.names.gender_of(name)
        self.role: str | None = None
        self.titles: str | None = None
        self.organisation: str | None = None
        self.tokens: set[int] = set()
        self.starts: list[int] = []  # character starts of its mentions

    @property
    def role_words(self) -> set[str]:
        text = " ".join(filter(None, (self.role, self.titles)))
        return {w.lower() for w in text.split()}

    def compatible(self, gender: str, number: str) -> bool:
        if number == "plural" or gender == "neuter":
            return False
        return gender not in ("male", "female") or self.gender in (None, gender)

    def speaker(self, resolution: Resolution) -> Speaker:
        return Speaker(
            name=self.name,
            kind=SpeakerKind.PERSON,
            role=self.role or self.titles,
            organisation=self.organisation,
            resolution=resolution,
            entity_id=make_entity_id(SpeakerKind.PERSON, self.name),
        )


class _People:
    """Every person named in one parsed article, with name variants merged."""

    def __init__(self, doc: Doc, lexicons: _Lexicons) -> None:
        self.doc = doc
        self.lexicons = lexicons
        self.by_name: dict[str, _Person] = {}
        self.by_token: dict[int, _Person] = {}
        self.bodies: dict[str, list[tuple[int, str]]] = {}  # organisation noun → (offset, body named with it)
        # A doc without sentence boundaries (a blank pipeline) is one sentence.
        self.sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        # Pronouns in one sentence share a coreference window: annotate it once.
        self.coref_windows: dict[tuple[int, int], tuple[Doc, int] | None] = {}

    @classmethod
    def of(cls, doc: Doc, lexicons: _Lexicons) -> _People:
        people = cls(doc, lexicons)
        spans = [e for e in doc.ents if e.label_ in _PERSON_LABELS] + _untagged_names(doc, lexicons)
        for ent in doc.ents:
            if ent.label_ == "ORG":
                people._remember_body(lexicons.names.canonical(ent.text), ent.start_char)
        # Full names first, so "Kirby" can find the "John Kirby" of the article.
        for span in sorted(spans, key=lambda s: (-len(_bare(s, lexicons).split()), s.start)):
            people.add(span)
        return people

    def add(self, span: Span) -> _Person | None:
        titles, name = _name_parts(span, self.lexicons)
        if not name or not any(c.isupper() for c in name):
            return None
        person = self._match(name, span.start_char)
        if person is None:
            person = self.by_name.setdefault(name, _Person(name, self.lexicons))
        person.starts.append(span.start_char)
        person.starts.sort()
        for token in span:
            self.by_token.setdefault(token.i, person)
        _describe(person, span, titles, self.lexicons)
        return person

    def _match(self, name: str, position: int) -> _Person | None:
        """The person a shorter name stands for; ambiguous surnames take the nearest before."""
        if name in self.by_name:
            return self.by_name[name]
        words = name.split()
        fits = [
            p for p in self.by_name.values()
            if len(p.name.split()) > len(words) and _is_part(words, p.name.split())
        ]
        if len(fits) <= 1:
            return fits[0] if fits else None
        before = [p for p in fits if p.starts and p.starts[0] < position]
        return max(before, key=lambda p: max(s for s in p.starts if s < position)) if before else None

    def person_at(self, index: int) -> _Person | None:
        return self.by_token.get(index)

    def speaker_for_name(self, span: Span) -> Speaker | None:
        """The speaker a name-like mention denotes: a person, organisation, place or group."""
        known = self.person_at(span.root.i) or self._named_person(span)
        kind = SpeakerKind.PERSON if known else _name_kind(span, self.lexicons)
        if kind is SpeakerKind.PERSON:
            if known is None and not _looks_like_name(span, self.lexicons):
                return None  # "many of whom": neither a name nor a description of one person
            person = known or self.add(span)
            return person.speaker(Resolution.SUBJECT) if person else None
        name = self.lexicons.names.canonical(span.text.rstrip(",;:"))
        if name and kind is SpeakerKind.GROUP and span[0].pos_ != "PROPN":
            name = name[0].lower() + name[1:]  # "Several residents": a description, one per article
        if _is_bare_body(span):  # "the union" → the union named before it
            named = [b for at, b in self.bodies.get(span.root.lemma_.lower(), []) if at < span.start_char]
            # Else it stays a description ("the campaign"), kept apart per article by link_entities.
            name = named[-1] if named else span.text[0].lower() + span.text[1:]
        elif kind is SpeakerKind.ORGANISATION:
            self._remember_body(name, span.start_char)
        if not name:
            return None
        return Speaker(
            name=name,
            kind=kind,
            resolution=Resolution.SUBJECT,
            entity_id=make_entity_id(kind, name),
        )

    def _named_person(self, span: Span) -> _Person | None:
        """A person of the article this name fits, even where NER called it an organisation."""
        if span.root.pos_ != "PROPN" and not span.root.text[:1].isupper():
            return None  # the tagger calls some surnames nouns ("Reyes said")
        _, name = _name_parts(span, self.lexicons)
        person = self._match(name, span.start_char) if name else None
        if person is None and name.split() and name.split()[0] in self.lexicons.first_names:
            person = self.add(span)
        return person

    def _remember_body(self, name: str, position: int) -> None:
        for word in name.lower().split():
            if word in self.lexicons.organisation_nouns:
                self.bodies.setdefault(word, []).append((position, name))
                self.bodies[word].sort()

    def compatible(self, speaker: Speaker, gender: str, number: str) -> bool:
        if speaker.kind is SpeakerKind.PERSON:
            person = self.by_name.get(speaker.name)
            if person is not None:
                return person.compatible(gender, number)
            known = self.lexicons.names.gender_of(speaker.name)  # "a woman", "an elderly man"
            return number != "plural" and gender != "neuter" and gender in ("any", known or gender)
        # Bodies and places are "it" or "they", groups only "they"; none is "he" or "she".
        if speaker.kind is SpeakerKind.GROUP:
            return number == "plural"
        return gender not in ("male", "female")

    def role_matches(self, speaker: Speaker, compatible: frozenset[str]) -> bool:
        person = self.by_name.get(speaker.name)
        if person is not None:
            return bool(person.role_words & compatible)
        # An unnamed source is its description: "the spokesperson" is "a spokesperson for X".
        text = speaker.name if speaker.name[:1].islower() else speaker.role or ""
        return bool({w.lower() for w in text.split()} & compatible)

    def nearest_before(
        self, position: int, gender: str, number: str, *, sentences: int, outside: list[tuple[int, int]]
    ) -> _Person | None:
        limit = self._sentence_start(position, sentences)
        best: tuple[int, _Person] | None = None
        for person in self.by_name.values():
            for start in person.starts:
                inside = any(a <= start < b for a, b in outside)
                if limit <= start < position and not inside and person.compatible(gender, number):
                    if best is None or start > best[0]:
                        best = (start, person)
        return best[1] if best else None

    def mentioned_between(
        self, start: int, end: int, gender: str, number: str, *, outside: list[tuple[int, int]]
    ) -> set[str]:
        """Names of compatible people mentioned in ``[start, end)`` outside quotes."""
        return {
            person.name
            for person in self.by_name.values()
            if person.compatible(gender, number)
            and any(start <= s < end and not any(a <= s < b for a, b in outside) for s in person.starts)
        }

    def only_person_near(self, position: int) -> _Person | None:
        """The one person named in this or the previous sentence ("Ruth Calloway ... The Dunmere mayor")."""
        names = self.mentioned_between(self._sentence_start(position, 1), position, "any", "singular", outside=[])
        return self.by_name[names.pop()] if len(names) == 1 else None

    def sentence_start(self, position: int, back: int) -> int:
        """Start of the sentence ``back`` sentences before the one holding ``position``."""
        return self._sentence_start(position, back)

    def nearest_with_role(self, position: int, compatible: frozenset[str]) -> _Person | None:
        candidates = [
            (max(s for s in p.starts if s < position), p)
            for p in self.by_name.values()
            if any(s < position for s in p.starts) and (not compatible or p.role_words & compatible)
        ]
        return max(candidates, key=lambda c: c[0])[1] if candidates else None

    def announced_after(self, span: Span, compatible: frozenset[str], *, sentences: int) -> _Person | None:
        """A person named just after an indefinite nominal whose title fits it (cataphora)."""
        if not compatible:
            return None
        end = self._sentence_end(span.end_char, sentences)
        candidates = [
            (min(p.starts), p) for p in self.by_name.values()
            if p.starts and span.end_char <= min(p.starts) < end and p.role_words & compatible
        ]
        return min(candidates, key=lambda c: c[0])[1] if candidates else None

    def _sentence_start(self, position: int, back: int) -> int:
        sentences = [s for s in self.sentences if s.start_char <= position]
        return sentences[max(0, len(sentences) - 1 - back)].start_char if sentences else 0

    def _sentence_end(self, position: int, ahead: int) -> int:
        sentences = [s for s in self.sentences if s.end_char > position]
        return sentences[min(ahead, len(sentences) - 1)].end_char if sentences else position


def _untagged_names(doc: Doc, lexicons: _Lexicons) -> list[Span]:
    """Proper nouns NER left untagged that start with a known first name ("Alice", "Tommy Beresford")."""
    first_names = lexicons.first_names
    found, index = [], 0
    while index < len(doc):
        token = doc[index]
        # NER calls some first names organisations ("Alice"), never mind places ("Georgia").
        if token.pos_ == "PROPN" and token.text in first_names and _loose_name(token):
            end = index + 1
            while end < len(doc) and doc[end].pos_ == "PROPN" and _loose_name(doc[end]):
                end += 1
            found.append(doc[index:end])
            index = end
        else:
            index += 1
    return found


def _looks_like_name(span: Span, lexicons: _Lexicons) -> bool:
    """Every word of the name (titles and "the" aside) is capitalised."""
    words = [w for w in _name_parts(span, lexicons)[1].split() if w[:1].isalpha()]
    return bool(words) and all(w[:1].isupper() for w in words)


def _loose_name(token: Token) -> bool:
    """Untagged, or a one-word organisation or group NER may have got wrong ("Alice")."""
    if not token.ent_type_:
        return True
    # IOB tags, not doc.ents: that property rebuilds every entity span on each access.
    doc = token.doc
    alone = token.ent_iob_ == "B" and (token.i + 1 == len(doc) or doc[token.i + 1].ent_iob_ != "I")
    return token.ent_type_ in _UNTAGGED and alone


def _is_bare_body(span: Span) -> bool:
    """"the union", "the agency": a definite organisation noun with no name in it."""
    words = [t for t in span if not t.is_punct]
    return len(words) == 2 and words[0].lower_ == "the" and words[1].tag_ == "NN"


def _bare(span: Span, lexicons: _Lexicons) -> str:
    return _name_parts(span, lexicons)[1]


def _name_parts(span: Span, lexicons: _Lexicons) -> tuple[str, str]:
    """``(titles, name)`` of a person mention: "Col. Gen. Oleksandr Syrskyi's" → ("Col. Gen.", ...)."""
    text = strip_possessive(strip_determiner(span.text.strip()))
    text = " ".join(text.split())
    return lexicons.names.split_title(text)


def _is_part(short: list[str], full: list[str]) -> bool:
    """"Kirby" or "John" fits "John Kirby"; "Mr Kirby" arrives here without its title."""
    if len(short) == 1:
        return short[0] in (full[-1], full[0])
    return full[-len(short):] == short


def _name_kind(span: Span, lexicons: _Lexicons) -> SpeakerKind:
    root = span.root
    lemma = root.lemma_.lower()
    if lemma in lexicons.organisation_nouns:
        return SpeakerKind.ORGANISATION
    # Only the words up to the head: "researchers at Valmont University" are not the university.
    label = root.ent_type_ or next((t.ent_type_ for t in span if t.ent_type_ and t.i < root.i), "")
    if label in _KIND_OF_LABEL:
        return _KIND_OF_LABEL[label]
    if root.pos_ == "PROPN":
        return SpeakerKind.PERSON
    if root.tag_ in ("NNS", "NNPS"):
        return SpeakerKind.GROUP
    return SpeakerKind.PERSON


# -- role and organisation -----------------------------------------------------


def _describe(person: _Person, span: Span, titles: str, lexicons: _Lexicons) -> None:
    """Fill role and organisation from this mention's context, keeping what is known."""
    role_titles = lexicons.names.role_of(titles) if titles else None
    if role_titles and not person.titles:
        person.titles = role_titles
    for tokens, head in _descriptors(span):
        role, organisation = _role_and_organisation(tokens, head, lexicons)
        if role and lexicons.names.is_title(role) and not person.titles and not person.role:
            person.titles = lexicons.names.role_of(role)
        elif role and not person.role:
            person.role = role
        organisation = _proper_tail(organisation) if organisation else None
        if organisation and not person.organisation:
            person.organisation = organisation


def _proper_tail(organisation: str) -> str | None:
    """A body's name without the words describing it ("consumer group Fair Power" → "Fair Power")."""
    words = organisation.split()
    while len(words) > 1 and words[0][:1].islower():
        words.pop(0)
    return " ".join(words) if words and not words[0][:1].islower() else organisation


def _descriptors(span: Span) -> list[tuple[list[Token], Token]]:
    """Apposition, relative clause ("who is the head of Wagner") and premodifier phrases."""
    root = span.root
    found = []
    for child in root.rights:
        if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN"):
            found.append((list(child.subtree), child))
        elif child.dep_ == "relcl" and child.lemma_ == "be":
            attr = next((c for c in child.children if c.dep_ == "attr"), None)
            if attr is not None:
                found.append((list(attr.subtree), attr))
    left = [t for t in span.doc[root.left_edge.i : span.start] if t.dep_ not in _SKIP_DEPS]
    if left and left[-1].i == span.start - 1 and left[-1].pos_ in ("NOUN", "PROPN"):
        found.append((left, left[-1]))
    return found


def _role_and_organisation(
    tokens: list[Token], head: Token, lexicons: _Lexicons
) -> tuple[str | None, str | None]:
    words = [t for t in tokens if t.dep_ not in _SKIP_DEPS or t.i == head.i]
    title = _longest_title(words, lexicons)
    if title is not None:
        first, last = title
        # "White House official", "US Secretary of State": a named body before the title is
        # its organisation; other words before it belong to the title ("Finance Minister").
        before = words[:first]
        owners = [t for t in before if t.ent_type_ in ("ORG", "GPE", "FAC", "NORP")]
        role = _text([t for t in before if t not in owners] + words[first : last + 1])
        organisation = _text(owners) if owners else None
        mapped = lexicons.role_organisations.get(role.lower())
        if mapped:
            organisation = f"{organisation} {mapped}" if organisation else mapped
        return role, organisation
    return _common_role(head, words, lexicons)


def _common_role(head: Token, words: list[Token], lexicons: _Lexicons) -> tuple[str | None, str | None]:
    """"the White House national security spokesperson", "the Ukrainian commander of ground forces"."""
    allowed = {t.i for t in words}
    role_tokens = [head]
    for token in reversed([t for t in words if t.i < head.i]):
        if (
            token.i != role_tokens[0].i - 1
            or _is_proper(token)
            or token.ent_type_ == "NORP"
            or token.pos_ not in ("NOUN", "ADJ")
        ):
            break
        role_tokens.insert(0, token)
    role = _text(role_tokens) if head.pos_ == "NOUN" else None
    organisation = None
    for prep in (c for c in head.rights if c.dep_ == "prep" and c.lower_ in _ORG_PREPS and c.i in allowed):
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if not objects:
            continue
        phrase = list(objects[0].subtree)
        if any(_is_proper(t) for t in phrase):
            organisation = strip_determiner(_text(phrase))
        elif prep.lower_ == "of" and role:
            role = f"{role} of {_text([t for t in phrase if t.dep_ != 'det'])}"
            nationality = [t for t in words if t.ent_type_ in ("NORP", "GPE") and t.i < head.i]
            if nationality:
                organisation = f"{_text(nationality)} {_text([t for t in phrase if t.dep_ != 'det'])}"
        break
    if organisation is None:
        organisation = _owner(head, [t for t in words if t.i < role_tokens[0].i and _is_proper(t)], lexicons)
    return role, organisation


def _owner(head: Token, proper: list[Token], lexicons: _Lexicons) -> str | None:
    """A named body before the role, or its possessor: "Wagner's", "the region's" → "Bryansk region"."""
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is not None and _is_proper(owner):
        # The whole possessor: "the Harbour Authority's" names "Harbour Authority", not "Harbour".
        return strip_possessive(strip_determiner(_text(list(owner.subtree))))
    if proper:
        return strip_possessive(strip_determiner(_text(proper)))
    if owner is None:
        return None
    if owner.lemma_.lower() in lexicons.place_nouns and any(c.lower_ == "the" for c in owner.children):
        # "the region's governor": the region is the place named last before it.
        places = [e for e in head.doc.ents if e.label_ == "GPE" and e.end <= owner.i]
        if len(places) > 1 and places[-2].end + 1 == places[-1].start and head.doc[places[-2].end].text == ",":
            places.pop()  # "Bryansk, Russia": the country only locates the city
        if places:
            return f"{places[-1].text} {owner.text}"
    return None


def _longest_title(words: list[Token], lexicons: _Lexicons) -> tuple[int, int] | None:
    """Token positions of the longest capitalised multi-word title ("Secretary of State")."""
    best = None
    for first in range(len(words)):
        if not words[first].is_title:
            continue
        for last in range(first, min(len(words), first + lexicons.names.max_title_words)):
            text = _text(words[first : last + 1])
            if lexicons.names.is_title(text) and (best is None or last - first > best[1] - best[0]):
                best = (first, last)
    return best


def _is_proper(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in ("ORG", "GPE", "FAC", "LOC")


def _text(tokens: list[Token]) -> str:
    """Tokens as they read in the text; a gap between them reads as one space."""
    pieces = []
    for token, following in zip(tokens, [*tokens[1:], None]):
        pieces.append(token.text)
        if following is not None:
            pieces.append(token.whitespace_ if following.i == token.i + 1 else " ")
    return "".join(pieces).strip()
