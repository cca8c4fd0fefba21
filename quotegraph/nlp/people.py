"""The people of one article, built once from the parse and then only read.

`People.build` collects every person named in the article (NER persons, proper
nouns starting with a known first name, and the quotes' own name mentions),
merges name variants ("Kirby" → "John Kirby") and gathers each person's role
and organisation from all their mentions. Organisations named in the article
are remembered under their head noun ("the union" → "Brookfield Tenants'
Union"). Speaker resolution then only asks questions of it, so its answers do
not depend on the order quotes are resolved in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from spacy.tokens import Doc, Span, Token

from quotegraph.model import Resolution, Speaker, SpeakerKind, TextSpan, make_entity_id
from quotegraph.nlp.name_spans import (
    in_caption,
    in_credit,
    is_bare_body,
    is_subject,
    line_of,
    looks_like_name,
    proper_runs,
    relabel,
    untagged_names,
    without_places,
)
from quotegraph.nlp.article_gender import article_gender
from quotegraph.nlp.doc_text import doc_text
from quotegraph.nlp.names import fits_acronym, fits_name, strip_determiner
from quotegraph.nlp.paragraphs import counted_sentences
from quotegraph.nlp.roles import (
    MentionLexicons,
    describe,
    mention_kind,
    name_kind,
    name_parts,
)

__all__ = ["People", "Person"]



@dataclass(frozen=True, slots=True)
class Person:
    """A named person of one article: canonical name, role, organisation, mention starts."""

    name: str
    gender: str | None = None
    role: str | None = None
    titles: str | None = None
    organisation: str | None = None
    starts: tuple[int, ...] = ()  # character starts of its mentions, sorted

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


@dataclass
class _Draft:
    """A person while the article is read; frozen into `Person` at the end."""

    name: str
    role: str | None = None
    titles: str | None = None
    organisation: str | None = None
    starts: list[int] = field(default_factory=list)


class People:
    """Every person named in one parsed article, with name variants merged (read only once built)."""

    def __init__(self, doc: Doc, lexicons: MentionLexicons) -> None:
        self.doc = doc
        self.lexicons = lexicons
        self.text = ""  # doc_text(doc), set by build
        self.captions: list[tuple[int, int]] = []  # caption paragraphs that name people
        # A doc without sentence boundaries (a blank pipeline) is one sentence.
        self.sentences = counted_sentences(doc) if doc.has_annotation("SENT_START") else [doc[:]]
        self._drafts: dict[str, _Draft] = {}
        self._draft_of_token: dict[int, _Draft] = {}
        self._bodies: dict[str, list[tuple[int, str]]] = {}  # organisation noun → (offset, body named with it)
        self._orgs: list[tuple[int, str]] = []  # every organisation named (outlets aside), in text order
        self._long_names: list[tuple[int, str]] = []  # multi-word bodies and places: what acronyms stand for
        self.by_name: dict[str, Person] = {}
        self._by_token: dict[int, str] = {}

    @classmethod
    def build(cls, doc: Doc, lexicons: MentionLexicons, mentions: Iterable[Span] = ()) -> People:
        """The people of ``doc``; ``mentions`` are the quotes' speaker mentions, in text order."""
        people = cls(doc, lexicons)
        text = doc_text(doc)
        people.text = text
        ents = [relabel(line_of(e), lexicons) for e in doc.ents if not in_credit(e, text=text)]
        spans = [e for e in ents + untagged_names(doc, lexicons) if e.label_ == "PERSON" or not e.label_]
        spans = without_places(spans, ents)
        # People named in a photo caption are pictured, not speaking: they never take the floor from a speaker.
        people.captions = sorted({c for c in (in_caption(e, text=text) for e in spans) if c is not None})
        for ent in ents:
            name = lexicons.names.canonical(ent.text)
            if ent.label_ == "ORG" and not lexicons.is_outlet(name):
                people._remember_body(name, ent.start_char)
                people._orgs.append((ent.start_char, name))
            if ent.label_ in ("ORG", "GPE", "FAC", "NORP") and len(name.split()) > 1:
                people._long_names.append((ent.start_char, name))
        # Full names first, so "Kirby" can find the "John Kirby" of the article.
        for span in sorted(spans, key=lambda s: (-len(name_parts(s, lexicons)[1].split()), s.start)):
            people._add(span)
        for at, run in proper_runs(doc):
            people._long_names.append((at, run))
            if run.split()[-1].lower() in lexicons.organisation_nouns and (at, run) not in people._orgs:
                people._remember_body(run, at)  # "Alder Bay Transit Commission" NER left untagged
                people._orgs.append((at, run))
        people._orgs.sort()
        for span in mentions:
            people._learn_mention(span)
        people._freeze()
        return people

    # -- questions --------------------------------------------------------------

    def person_at(self, index: int) -> Person | None:
        name = self._by_token.get(index)
        return self.by_name[name] if name is not None else None

    def speaker_for_name(self, span: Span) -> Speaker | None:
        """The speaker a name-like mention denotes: a person, organisation, place or group."""
        canonical = self.lexicons.names.canonical(span.text.rstrip(",;:"))
        name = self._expand_acronym(canonical, span.start_char)
        known = None if name != canonical else self.person_at(span.root.i) or self._named_person(span)
        kind = SpeakerKind.PERSON if known else name_kind(span, self.lexicons)
        if name != canonical and kind in (SpeakerKind.PERSON, SpeakerKind.GROUP):
            kind = SpeakerKind.ORGANISATION  # "EDC says": the acronym of a body the article names
        if kind is SpeakerKind.PERSON:
            return known.speaker(Resolution.SUBJECT) if known else None
        if name and kind is SpeakerKind.GROUP and span[0].pos_ != "PROPN":
            name = name[0].lower() + name[1:]  # "Several residents": a description, one per article
        if is_bare_body(span):  # "the union" → the union named before it
            name = self._body_before(span)
        elif kind is SpeakerKind.ORGANISATION:
            name = self.full_body(name)
        if not name:
            return None
        return Speaker(name=name, kind=kind, resolution=Resolution.SUBJECT, entity_id=make_entity_id(kind, name))

    def _expand_acronym(self, name: str, position: int) -> str:
        """"HTA" → "Harbour Transit Authority" when the article names it; the nearest before wins."""
        fits = [(at > position, -at, full) for at, full in self._long_names if fits_acronym(name, full)]
        return min(fits)[2] if fits else name

    def body_before(self, position: int, *, sentences: int, outside: list[tuple[int, int]]) -> Speaker | None:
        """The organisation named last before ``position`` in this or the ``sentences`` before, outside quotes.

        A named body ("the Parole Board of Canada"), or a body noun standing
        for one named earlier ("the parole board decision").
        """
        start = self.sentence_start(position, sentences)
        found = [(at, name) for at, name in self._orgs if start <= at < position]
        for token in self.doc[:]:
            lemma = token.lemma_.lower()
            if start <= token.idx < position and token.pos_ == "NOUN" and lemma in self.lexicons.organisation_nouns:
                named = [b for at, b in self._bodies.get(lemma, []) if at < token.idx]
                found.extend((token.idx, b) for b in named[-1:])
        found = [(at, name) for at, name in found if not any(a <= at < b for a, b in outside)]
        if not found:
            return None
        # "EDC declined to answer questions about the Suncor policy. It said": the body that was the subject.
        subjects = [(at, name) for at, name in found if self._is_subject_at(at)]
        name = self.full_body(max(subjects or found)[1])
        kind = SpeakerKind.ORGANISATION
        return Speaker(name=name, kind=kind, resolution=Resolution.SUBJECT, entity_id=make_entity_id(kind, name))

    def _is_subject_at(self, position: int) -> bool:
        span = self.doc.char_span(position, position + 1, alignment_mode="expand")
        if span is None or not len(span):
            return False
        token = span[0]
        while token.dep_ == "compound" and token.head.i > token.i:
            token = token.head  # "Export Development Canada": the name's head word
        return is_subject(token)

    def full_body(self, name: str) -> str:
        """"Suncor" → "Suncor Energy": a body's short name stands for the fuller one the article gives.

        The fuller name must begin with all the short name's words; the first
        one the article names wins.
        """
        words = strip_determiner(name).split()
        fuller = [
            full for _, full in self._orgs
            if len(strip_determiner(full).split()) > len(words) and strip_determiner(full).split()[: len(words)] == words
        ]
        return fuller[0] if words and fuller else name

    def _body_before(self, span: Span) -> str:
        """"the union" → the union named before it; "the company" → the organisation named last before it.

        Else the words stay a description ("the campaign"), kept apart per article by link_entities.
        """
        noun = span.root.lemma_.lower()
        named = [b for at, b in self._bodies.get(noun, []) if at < span.start_char]
        if not named and noun in self.lexicons.body_referents:
            named = [b for at, b in self._orgs if at < span.start_char]
        # "the rail company": a body whose name has one of the words, before the last one named.
        words = {t.lower_ for t in span if t.pos_ in ("NOUN", "ADJ")} - {noun}
        named = [b for b in named if words & set(b.lower().split())] or named
        return self.full_body(named[-1]) if named else span.text[0].lower() + span.text[1:]

    def compatible(self, speaker: Speaker, gender: str, number: str) -> bool:
        if speaker.kind is SpeakerKind.PERSON:
            person = self.by_name.get(speaker.name)
            if person is not None:
                return person.compatible(gender, number)
            known = self.lexicons.names.gender_of(speaker.name)  # "a woman", "an elderly man"
            if speaker.resolution is Resolution.DESCRIPTION and known is None:
                known = "unsaid"  # "the post", "a spokesperson": no "he" or "she" without a gendered word
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
    ) -> Person | None:
        limit = self.sentence_start(position, sentences)
        best: tuple[int, Person] | None = None
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
            and any(
                start <= s < end and not any(a <= s < b for a, b in outside) and not self.pictured(s)
                for s in person.starts
            )
        }

    def pictured(self, position: int) -> bool:
        """Whether ``position`` is in a photo caption that names people."""
        return any(a <= position < b for a, b in self.captions)

    def introduced_between(
        self, start: int, end: int, *, outside: list[tuple[int, int]], gender: str = "any", number: str = "singular"
    ) -> tuple[Person, TextSpan] | None:
        """The last compatible person made the subject of a sentence in ``[start, end)``, outside quotes.

        Returns the person and the words naming them there.
        """
        found = None
        for token in self.doc[:]:
            if token.idx < start or token.idx >= end or not is_subject(token):
                continue
            person = self.person_at(token.i) or self._by_surname(token)
            if person is None or not person.compatible(gender, number):
                continue
            if not any(a <= token.idx < b for a, b in outside) and not self.pictured(token.idx):
                found = (person, self._mention_at(token.i, person.name))
        return found

    def _by_surname(self, token: Token) -> Person | None:
        """"Durning did not need much coaxing": a surname NER missed still names the one person it fits."""
        if token.pos_ != "PROPN" or not token.text[:1].isupper():
            return None
        fits = [p for p in self.by_name.values() if token.text == p.name or fits_name(token.text, p.name)]
        return fits[0] if len(fits) == 1 else None

    def _mention_at(self, index: int, name: str) -> TextSpan:
        first = last = index
        if self._by_token.get(index) != name:
            token = self.doc[index]
            return TextSpan(token.idx, token.idx + len(token.text), token.text)
        while first > 0 and self._by_token.get(first - 1) == name:
            first -= 1
        while last + 1 < len(self.doc) and self._by_token.get(last + 1) == name:
            last += 1
        span = self.doc[first : last + 1]
        return TextSpan(span.start_char, span.end_char, span.text)

    def only_person_near(self, position: int) -> Person | None:
        """The one person named in this or the previous sentence ("Ruth Calloway ... The Dunmere mayor")."""
        names = self.mentioned_between(self.sentence_start(position, 1), position, "any", "singular", outside=[])
        return self.by_name[names.pop()] if len(names) == 1 else None

    def nearest_with_role(self, position: int, compatible: frozenset[str]) -> Person | None:
        candidates = [
            (max(s for s in p.starts if s < position), p)
            for p in self.by_name.values()
            if any(s < position for s in p.starts) and (not compatible or p.role_words & compatible)
        ]
        return max(candidates, key=lambda c: c[0])[1] if candidates else None

    def most_mentioned_before(self, position: int) -> Person | None:
        """The person named most often before ``position`` (the latest named wins a tie)."""
        counts = [
            (sum(1 for s in p.starts if s < position), max(s for s in p.starts if s < position), p)
            for p in self.by_name.values()
            if any(s < position for s in p.starts)
        ]
        return max(counts, key=lambda c: (c[0], c[1]))[2] if counts else None

    def announced_after(self, span: Span, compatible: frozenset[str], *, sentences: int) -> Person | None:
        """A person named just after an indefinite nominal whose title fits it (cataphora)."""
        if not compatible:
            return None
        end = self._sentence_end(span.end_char, sentences)
        candidates = [
            (min(p.starts), p) for p in self.by_name.values()
            if p.starts and span.end_char <= min(p.starts) < end and p.role_words & compatible
        ]
        return min(candidates, key=lambda c: c[0])[1] if candidates else None

    def sentence_start(self, position: int, back: int) -> int:
        """Start of the sentence ``back`` sentences before the one holding ``position``."""
        sentences = [s for s in self.sentences if s.start_char <= position]
        return sentences[max(0, len(sentences) - 1 - back)].start_char if sentences else 0

    def _sentence_end(self, position: int, ahead: int) -> int:
        sentences = [s for s in self.sentences if s.end_char > position]
        return sentences[min(ahead, len(sentences) - 1)].end_char if sentences else position

    def _named_person(self, span: Span) -> Person | None:
        """A person of the article this name fits, even where NER called it an organisation."""
        if span.root.pos_ != "PROPN" and not span.root.text[:1].isupper():
            return None  # the tagger calls some surnames nouns ("Reyes said")
        _, name = name_parts(span, self.lexicons)
        if not name:
            return None
        if name in self.by_name:
            return self.by_name[name]
        draft = self._match(name, span.start_char, self._drafts)
        return self.by_name[draft.name] if draft is not None else None

    # -- building ---------------------------------------------------------------

    def _learn_mention(self, span: Span) -> None:
        """A quote's name mention that NER missed still names a person (or a body)."""
        if mention_kind(span, self.lexicons) != "name":
            return
        if span.root.i in self._draft_of_token:
            return
        canonical = self.lexicons.names.canonical(span.text.rstrip(",;:"))
        if self._expand_acronym(canonical, span.start_char) != canonical:
            return  # "EDC" stands for a body, not a person NER missed
        if span.root.pos_ == "PROPN" or span.root.text[:1].isupper():
            _, name = name_parts(span, self.lexicons)
            if name and (name in self._drafts or self._match(name, span.start_char, self._drafts)):
                return
            if name.split() and name.split()[0] in self.lexicons.first_names:
                self._add(span)
                return
        kind = name_kind(span, self.lexicons)
        if kind is SpeakerKind.PERSON:
            if looks_like_name(span, self.lexicons):
                self._add(span)
        elif kind is SpeakerKind.ORGANISATION and not is_bare_body(span):
            name = self.lexicons.names.canonical(span.text.rstrip(",;:"))
            if name:
                self._remember_body(name, span.start_char)

    def _add(self, span: Span) -> _Draft | None:
        titles, name = name_parts(span, self.lexicons)
        if not name or not any(c.isupper() for c in name):
            return None
        draft = self._drafts.get(name) or self._match(name, span.start_char, self._drafts)
        if draft is None:
            draft = self._drafts.setdefault(name, _Draft(name))
        draft.starts.append(span.start_char)
        draft.starts.sort()
        for token in span:
            self._draft_of_token.setdefault(token.i, draft)
        found = describe(span, titles, self.lexicons)
        draft.titles = draft.titles or found.titles
        draft.role = draft.role or found.role
        draft.organisation = draft.organisation or found.organisation
        return draft

    @staticmethod
    def _match(name: str, position: int, drafts: dict[str, _Draft]) -> _Draft | None:
        """The person a shorter name stands for; ambiguous surnames take the nearest before."""
        fits = [d for d in drafts.values() if fits_name(name, d.name, first_name=True)]
        if len(fits) <= 1:
            return fits[0] if fits else None
        before = [d for d in fits if d.starts and d.starts[0] < position]
        return max(before, key=lambda d: max(s for s in d.starts if s < position)) if before else None

    def _remember_body(self, name: str, position: int) -> None:
        for word in name.lower().split():
            if word in self.lexicons.organisation_nouns:
                self._bodies.setdefault(word, []).append((position, name))
                self._bodies[word].sort()

    def _gender(self, name: str) -> str | None:
        return article_gender(name, self.text, from_name=self.lexicons.names.gender_of(name))

    def _freeze(self) -> None:
        self.by_name = {
            name: Person(name, self._gender(name), d.role, d.titles, d.organisation, tuple(d.starts))
            for name, d in self._drafts.items()
        }
        self._by_token = {i: d.name for i, d in self._draft_of_token.items()}

