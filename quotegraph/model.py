"""Plain data shared by every stage: articles in, quotes and entities out.

Every class is a frozen dataclass with exactly one JSON form (``to_dict`` /
``from_dict``). Spans are half-open character offsets into the original article
text, and ``text`` always equals ``article.text[start:end]``.

Examples
--------
>>> text = 'Kirby said: "It failed."'
>>> span = TextSpan.of(text, 12, 24)
>>> span.text
'"It failed."'
>>> TextSpan.from_dict(span.to_dict()) == span
True
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any, Mapping

from quotegraph.errors import OffsetMismatchError
from quotegraph.words import slugify

__all__ = [
    "SCHEMA_VERSION",
    "GENDERS",
    "GENDER_EVIDENCE",
    "QuoteKind",
    "SpeakerKind",
    "Resolution",
    "TextSpan",
    "Article",
    "Speaker",
    "EntityMention",
    "Quote",
    "Entity",
    "make_entity_id",
    "slugify",
    "stamp_quote",
]

#: Bumped whenever the JSON form of a class changes.
#: 2: quotes carry ``parts`` and ``statement_id``; the never-filled ``confidence`` is gone.
SCHEMA_VERSION = 2

#: What `Speaker.gender` may be (None for anything that is not a person).
GENDERS = ("female", "male", "unknown")
#: What decided a gender, strongest first (``corrected`` is a user's correction).
GENDER_EVIDENCE = ("corrected", "pronoun", "honorific", "role", "name")


class QuoteKind(str, Enum):
    """How a quote reports speech."""

    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"


class SpeakerKind(str, Enum):
    """What sort of thing is speaking."""

    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"
    GROUP = "group"
    UNKNOWN = "unknown"


class Resolution(str, Enum):
    """Which rule tied a quote to its speaker (shown to users as evidence)."""

    SUBJECT = "subject"
    APPOSITION = "apposition"
    COREFERENCE = "coreference"
    NOMINAL = "nominal"
    CONTINUATION = "continuation"
    DESCRIPTION = "description"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A half-open character span ``[start, end)`` and the text it covers."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, source: str, start: int, end: int) -> TextSpan:
        """Cut ``source[start:end]``; the one safe way to build a span."""
        if not 0 <= start <= end <= len(source):
            raise OffsetMismatchError(
                f"span [{start}, {end}) is outside a text of {len(source)} characters"
            )
        return cls(start, end, source[start:end])

    def check(self, source: str, *, where: str = "") -> None:
        """Raise `OffsetMismatchError` unless ``source[start:end] == text``."""
        if source[self.start : self.end] != self.text:
            place = f" in {where}" if where else ""
            raise OffsetMismatchError(
                f"span [{self.start}, {self.end}){place} slices "
                f"{source[self.start:self.end]!r}, not {self.text!r}"
            )

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TextSpan:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))


@dataclass(frozen=True, slots=True)
class Article:
    """One input document. ``date`` is ISO 8601 (``YYYY-MM-DD``) when known."""

    doc_id: str
    text: str
    title: str | None = None
    source: str | None = None
    date: str | None = None
    url: str | None = None
    path: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "source": self.source,
            "date": self.date,
            "url": self.url,
            "path": self.path,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        return cls(
            doc_id=str(data["doc_id"]),
            text=str(data["text"]),
            title=_opt_str(data.get("title")),
            source=_opt_str(data.get("source")),
            date=_opt_str(data.get("date")),
            url=_opt_str(data.get("url")),
            path=_opt_str(data.get("path")),
        )


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote is attributed to.

    ``mention`` is the words in the article that name the speaker for this quote
    ("He", "The official", "Kirby"); ``name`` is the canonical name it resolves to.
    An unresolved speaker is named ``"unknown"`` with kind `SpeakerKind.UNKNOWN`.

    ``gender`` is one of `GENDERS` for people and None for everything else;
    ``gender_evidence`` (one of `GENDER_EVIDENCE`) says what decided it
    (``quotegraph.nlp.gender``).

    ``relative`` is the relative pronoun the cue names the speaker through
    ("who" in "Kirby, who said ..."), whose antecedent is ``mention``; None
    otherwise. Scoring can use it for gold that marks the pronoun (PolNeAR).
    """

    name: str
    mention: TextSpan | None = None
    entity_id: str | None = None
    kind: SpeakerKind = SpeakerKind.UNKNOWN
    role: str | None = None
    organisation: str | None = None
    resolution: Resolution = Resolution.UNKNOWN
    gender: str | None = None
    gender_evidence: str | None = None
    organisation_id: str | None = None
    relative: TextSpan | None = None

    @classmethod
    def unknown(cls) -> Speaker:
        return cls(name="unknown")

    @property
    def is_known(self) -> bool:
        return self.kind is not SpeakerKind.UNKNOWN and self.name != "unknown"

    @property
    def is_unnamed(self) -> bool:
        """A group or a described source ("the official", "Democrats"): no entity of its own."""
        return self.is_known and (self.kind is SpeakerKind.GROUP or self.name[:1].islower())

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "mention": self.mention.to_dict() if self.mention else None,
            "entity_id": self.entity_id,
            "kind": self.kind.value,
            "role": self.role,
            "organisation": self.organisation,
            "resolution": self.resolution.value,
            "gender": self.gender,
            "gender_evidence": self.gender_evidence,
            "organisation_id": self.organisation_id,
            "relative": self.relative.to_dict() if self.relative else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Speaker:
        mention = data.get("mention")
        return cls(
            name=str(data.get("name") or "unknown"),
            mention=TextSpan.from_dict(mention) if mention else None,
            entity_id=_opt_str(data.get("entity_id")),
            kind=SpeakerKind(data.get("kind") or "unknown"),
            role=_opt_str(data.get("role")),
            organisation=_opt_str(data.get("organisation")),
            resolution=Resolution(data.get("resolution") or "unknown"),
            gender=_opt_str(data.get("gender")),
            gender_evidence=_opt_str(data.get("gender_evidence")),
            organisation_id=_opt_str(data.get("organisation_id")),
            relative=TextSpan.from_dict(data["relative"]) if data.get("relative") else None,
        )


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A named person, organisation or place mentioned inside a quote."""

    text: str
    start: int
    end: int
    kind: SpeakerKind
    name: str
    entity_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind.value,
            "name": self.name,
            "entity_id": self.entity_id,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> EntityMention:
        return cls(
            text=str(data["text"]),
            start=int(data["start"]),
            end=int(data["end"]),
            kind=SpeakerKind(data.get("kind") or "unknown"),
            name=str(data.get("name") or data["text"]),
            entity_id=_opt_str(data.get("entity_id")),
        )


@dataclass(frozen=True, slots=True)
class Quote:
    """One attributed quote. ``text == article.text[start:end]`` always.

    A statement may come in pieces: ``"A," X said. "B."``, a quote running on
    over paragraphs, or ``A, X said, B``. ``parts`` lists those pieces in order
    (empty means one piece: the whole span), and ``start``/``end`` run from the
    first to the last. Written one quote per piece (`quotegraph.statements.split_statement`), the
    pieces share ``statement_id``: the ``quote_id`` of the whole statement.
    """

    doc_id: str
    quote_id: str
    text: str
    start: int
    end: int
    type: QuoteKind
    speaker: Speaker
    cue: TextSpan | None = None
    topics: tuple[str, ...] = ()
    entities: tuple[EntityMention, ...] = ()
    source: str | None = None
    date: str | None = None
    url: str | None = None
    title: str | None = None
    parts: tuple[TextSpan, ...] = ()
    statement_id: str | None = None
    corrected: tuple[str, ...] = ()
    #: Shared by near-identical quotes of one speaker across articles (wire copy,
    #: syndication); set by `quotegraph.reprints.mark_reprints`, else None.
    reprint_id: str | None = None
    #: Articles that carry this statement (1 for a quote printed once).
    occurrences: int | None = None

    @property
    def span(self) -> TextSpan:
        return TextSpan(self.start, self.end, self.text)

    @property
    def pieces(self) -> tuple[TextSpan, ...]:
        """``parts``, or the whole span when the quote is in one piece."""
        return self.parts or (self.span,)

    def check(self, source: str) -> None:
        """Raise `OffsetMismatchError` unless every span slices ``source`` exactly."""
        where = f"{self.doc_id}/{self.quote_id}"
        self.span.check(source, where=where)
        for part in self.parts:
            part.check(source, where=f"{where} part")
            if not self.start <= part.start <= part.end <= self.end:
                raise OffsetMismatchError(
                    f"part [{part.start}, {part.end}) in {where} lies outside the quote [{self.start}, {self.end})"
                )
        if self.cue is not None:
            self.cue.check(source, where=f"{where} cue")
        if self.speaker.mention is not None:
            self.speaker.mention.check(source, where=f"{where} speaker mention")
        if self.speaker.relative is not None:
            self.speaker.relative.check(source, where=f"{where} speaker relative pronoun")

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "doc_id": self.doc_id,
            "quote_id": self.quote_id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "parts": [p.to_dict() for p in self.pieces],
            "statement_id": self.statement_id,
            "type": self.type.value,
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict(),
            "topics": list(self.topics),
            "entities": [e.to_dict() for e in self.entities],
            "source": self.source,
            "date": self.date,
            "url": self.url,
            "title": self.title,
            "corrected": list(self.corrected),
            "reprint_id": self.reprint_id,
            "occurrences": self.occurrences,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Quote:
        cue = data.get("cue")  # a "confidence" key (always null before 2) is ignored
        occurrences = data.get("occurrences")
        return cls(
            doc_id=str(data["doc_id"]),
            quote_id=str(data["quote_id"]),
            text=str(data["text"]),
            start=int(data["start"]),
            end=int(data["end"]),
            type=QuoteKind(data["type"]),
            speaker=Speaker.from_dict(data.get("speaker") or {}),
            cue=TextSpan.from_dict(cue) if cue else None,
            topics=tuple(str(t) for t in data.get("topics") or ()),
            entities=tuple(EntityMention.from_dict(e) for e in data.get("entities") or ()),
            source=_opt_str(data.get("source")),
            date=_opt_str(data.get("date")),
            url=_opt_str(data.get("url")),
            title=_opt_str(data.get("title")),
            parts=_parts(data),
            statement_id=_opt_str(data.get("statement_id")),
            corrected=tuple(str(c) for c in data.get("corrected") or ()),
            reprint_id=_opt_str(data.get("reprint_id")),
            occurrences=int(occurrences) if occurrences is not None else None,
        )


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical speaker or mentioned entity, merged across the corpus."""

    entity_id: str
    name: str
    kind: SpeakerKind
    aliases: tuple[str, ...] = ()
    role: str | None = None
    organisation: str | None = None
    articles: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity_id": self.entity_id,
            "name": self.name,
            "kind": self.kind.value,
            "aliases": list(self.aliases),
            "role": self.role,
            "organisation": self.organisation,
            "articles": list(self.articles),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Entity:
        return cls(
            entity_id=str(data["entity_id"]),
            name=str(data["name"]),
            kind=SpeakerKind(data.get("kind") or "unknown"),
            aliases=tuple(str(a) for a in data.get("aliases") or ()),
            role=_opt_str(data.get("role")),
            organisation=_opt_str(data.get("organisation")),
            articles=tuple(str(a) for a in data.get("articles") or ()),
        )


def make_entity_id(kind: SpeakerKind | str, name: str) -> str:
    """The stable graph node id of an entity, such as ``person:john-kirby``.

    >>> make_entity_id(SpeakerKind.ORGANISATION, "White House")
    'organisation:white-house'
    """
    kind_value = kind.value if isinstance(kind, SpeakerKind) else str(kind)
    return f"{kind_value}:{slugify(name)}"


def stamp_quote(quote: Quote, article: Article) -> Quote:
    """``quote`` as a quote of ``article``: its id, metadata and a span-derived quote id.

    >>> quote = Quote("", "", '"No."', 0, 5, QuoteKind.DIRECT, Speaker.unknown())
    >>> stamp_quote(quote, Article("a1", '"No." he said.', source="Wire")).quote_id
    'a1:0-5'
    """
    return replace(
        quote,
        doc_id=article.doc_id,
        quote_id=f"{article.doc_id}:{quote.start}-{quote.end}",
        source=article.source,
        date=article.date,
        url=article.url,
        title=article.title,
    )


def _parts(data: Mapping[str, Any]) -> tuple[TextSpan, ...]:
    """Parts from JSON; schema 1 has none, and one part is the whole span."""
    parts = tuple(TextSpan.from_dict(p) for p in data.get("parts") or ())
    if len(parts) == 1 and (parts[0].start, parts[0].end) == (int(data["start"]), int(data["end"])):
        return ()
    return parts


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if text else None
