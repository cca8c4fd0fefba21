"""Spans of the text that name people and bodies: what NER gave, corrected by the words.

Pure functions over the parse, used by `quotegraph.nlp.people` while it reads
an article: names cut at line breaks, photo credits, NER's kind corrected,
proper-noun runs NER missed, bare organisation nouns, subjects.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from quotegraph.nlp.roles import MentionLexicons, name_parts

__all__ = [
    "in_caption",
    "in_credit",
    "is_bare_body",
    "is_subject",
    "line_of",
    "looks_like_name",
    "proper_runs",
    "relabel",
    "untagged_names",
    "without_places",
]

_UNTAGGED = frozenset({"", "ORG", "NORP"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_BODY_DETERMINERS = frozenset({"the", "its", "their"})
# A photo caption names people by where they stand ("Judy, centre,", "(left)") or says it shows them.
_CAPTION = re.compile(
    r",\s*(?:far |second |third )?(?:left|right|centre|center|middle)\s*,"
    r"|\((?:far |second )?(?:left|right|centre|center)\)"
    r"|\b(?:is|are) (?:shown|pictured)\b|\bfor a (?:photo|picture|portrait)\b|\bpose[sd]? (?:for|with)\b",
    re.IGNORECASE,
)
_CREDIT_WORDS = re.compile(r"\b(photo|photograph|credit|submitted|getty|files?|handout|courtesy)\b", re.IGNORECASE)


def is_subject(token: Token) -> bool:
    """The subject of its clause, or a name the tagger took for an adverb before the verb ("McNeely said")."""
    if token.dep_ in _SUBJECT_DEPS:
        return True
    head = token.head
    return (
        token.dep_ in ("advmod", "npadvmod")
        and token.text[:1].isupper()
        and head.pos_ in ("VERB", "AUX")
        and token.i < head.i
        and not any(c.dep_ in _SUBJECT_DEPS for c in head.children)
    )


def relabel(ent: Span, lexicons: MentionLexicons) -> Span:
    """Fix the kind NER gives a name when its words say otherwise.

    "Brookfield Transit" (PERSON) ends in an organisation noun: an organisation.
    "Anne-Marie Leduc" (ORG) is proper nouns starting with a known first name,
    with no organisation noun: a person.
    """
    words = [t for t in ent if not t.is_punct]
    if not words:
        return ent
    if ent.label_ == "PERSON" and len(words) > 1 and words[-1].lemma_.lower() in lexicons.organisation_nouns:
        return Span(ent.doc, ent.start, ent.end, label="ORG")
    first = ent[0].text
    if (
        ent.label_ in _UNTAGGED
        and 1 < len(words) <= 4
        and first in lexicons.first_names
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() and not t.text.isupper() for t in words)
        and not any(t.lemma_.lower() in lexicons.organisation_nouns for t in words)
    ):
        return Span(ent.doc, ent.start, ent.end, label="PERSON")
    return ent


def proper_runs(doc: Doc) -> list[tuple[int, str]]:
    """Runs of two or more capitalised proper nouns NER may have missed ("Parliamentary Budget Officer")."""
    runs, start = [], None
    for token in [*doc, None]:
        proper = token is not None and token.pos_ == "PROPN" and token.text[:1].isupper()
        if proper and start is None:
            start = token.i
        elif not proper and start is not None:
            end = token.i if token is not None else len(doc)
            if end - start > 1:
                runs.append((doc[start].idx, doc[start:end].text))
            start = None
    return runs


def untagged_names(doc: Doc, lexicons: MentionLexicons) -> list[Span]:
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


def looks_like_name(span: Span, lexicons: MentionLexicons) -> bool:
    """Every word of the name (titles and "the" aside) is capitalised."""
    words = [w for w in name_parts(span, lexicons)[1].split() if w[:1].isalpha()]
    return bool(words) and all(w[:1].isupper() for w in words)


def _loose_name(token: Token) -> bool:
    """Untagged, or a one-word organisation or group NER may have got wrong ("Alice")."""
    if not token.ent_type_:
        return True
    # IOB tags, not doc.ents: that property rebuilds every entity span on each access.
    doc = token.doc
    alone = token.ent_iob_ == "B" and (token.i + 1 == len(doc) or doc[token.i + 1].ent_iob_ != "I")
    return token.ent_type_ in _UNTAGGED and alone


def is_bare_body(span: Span) -> bool:
    """"the union", "the security firm", "their union", "the Calgary-based railway": an organisation noun, no name."""
    words = [t for t in span if not t.is_punct and not _place_based(t)]
    if len(words) < 2 or words[0].lower_ not in _BODY_DETERMINERS or words[-1].tag_ != "NN":
        return False
    return all(t.pos_ in ("NOUN", "ADJ") and not t.ent_type_ for t in words[1:])


def _place_based(token: Token) -> bool:
    """A word of "Calgary-based": where a body sits says nothing about which body it is."""
    doc = token.doc
    if token.lower_ == "based":
        return token.i >= 2 and doc[token.i - 1].text == "-"
    return token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and doc[token.i + 2].lower_ == "based"


def line_of(span: Span, *, last: bool = False) -> Span:
    """The part of a span on one line: NER and mentions may run across a paragraph break.

    The first line for a name ("Justin Trudeau\n\nTrudeau"), the last for a
    mention ending at its cue ("landslide\n\nVice-president says").
    """
    pieces, start = [], span.start
    for token in span:
        if "\n" in token.text:
            if token.i > start:
                pieces.append((start, token.i))
            start = token.i + 1
    if start < span.end:
        pieces.append((start, span.end))
    if not pieces or len(pieces) == 1 and pieces[0] == (span.start, span.end):
        return span
    first, end = pieces[-1] if last else pieces[0]
    return Span(span.doc, first, end, label=span.label)


def in_credit(span: Span, *, text: str | None = None) -> bool:
    """A name in a photo credit or byline in brackets: "(Steve Lawrence/CBC)", "(Photo: Jane Doe)".

    ``text`` is ``span.doc.text`` when the caller has it: spaCy rebuilds that string on every access.
    """
    text = span.doc.text if text is None else text
    opening, closing = text.rfind("(", 0, span.start_char), text.find(")", span.end_char)
    if opening < 0 or closing < 0 or ")" in text[opening : span.start_char] or "(" in text[span.end_char : closing]:
        return False
    inner = text[opening + 1 : closing]
    return "\n" not in inner and ("/" in inner or bool(_CREDIT_WORDS.search(inner)))


def in_caption(span: Span, *, text: str | None = None) -> tuple[int, int] | None:
    """The caption paragraph a name is in, as character offsets, or None.

    A caption names people by where they stand ("Judy, centre, and Baylasan at
    their home"), says it shows them ("He is shown at ..."), or ends in a photo
    credit ("X looks at the photos. (THE CANADIAN PRESS FILE PHOTO)").
    ``text`` is ``span.doc.text`` when the caller has it: spaCy rebuilds that
    string on every access.
    """
    text = span.doc.text if text is None else text
    start = text.rfind("\n", 0, span.start_char) + 1
    end = text.find("\n", span.end_char)
    paragraph = text[start : end if end >= 0 else len(text)].rstrip()
    opening = paragraph.rfind("(")
    credit = paragraph[opening + 1 : -1] if opening >= 0 and paragraph.endswith(")") else ""
    if _CAPTION.search(paragraph) or "/" in credit or _CREDIT_WORDS.search(credit):
        return start, start + len(paragraph)
    return None

def without_places(spans: list[Span], ents: list[Span]) -> list[Span]:
    """Drop a one-word "person" the article also names as a place ("Surrey's portables ... Surrey said")

    unless it is the surname of a person named in full ("Ellen Washington ... Washington said").
    """
    places = {e.text for e in ents if e.label_ in ("GPE", "LOC")}
    surnames = {s[-1].text for s in spans if len(s) > 1}
    return [s for s in spans if len(s) > 1 or s.text not in places or s.text in surnames]
