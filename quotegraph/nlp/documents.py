"""Who a document speaks for: "the report says" is the words of whoever wrote it.

A document ("the report", "the white paper", "the post") is never a person,
but news credits what it says to its author when the article names one:

- as the subject or agent of a verb of putting it out: "the Authority released
  a report", "a lawsuit filed by the union";
- in the document's own words: "the Harbour Authority's report", "a study by
  the Harbour Authority", "the Harbour Authority study", "a study released by
  the Harbour Authority", "a paper on the Harbour Authority's website";
- as the speaker it was said in: "Mayor Ruth Calloway said in a letter";
- or, for a document with no author in its own words, the author of the same
  kind of document (else of any document) the article mentioned before it.

With no author found the caller keeps the document's own description.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from quotegraph.model import Resolution, Speaker
from quotegraph.nlp.people import People

__all__ = ["document_author"]

_AUTHOR_PREPS = frozenset({"by", "from"})
_NAMED = frozenset({"PERSON", "ORG"})


def document_author(span: Span, people: People, history: list[tuple[int, Speaker]]) -> Speaker | None:
    """The speaker a document mention stands for, or None when the article does not say who wrote it.

    Parameters
    ----------
    span : Span
        The mention whose head is a document noun ("The white paper").
    people : People
        The article's people, for names and bodies.
    history : list of (int, Speaker)
        Speakers resolved so far, keyed by the start of their mention.

    Returns
    -------
    Speaker or None
        The author with resolution ``nominal``.
    """
    documents = people.lexicons.document_nouns
    author = _author(span.root, people, history)
    if author is None:
        earlier = [
            t for t in span.doc[: span.start]
            if t.pos_ == "NOUN" and t.lemma_.lower() in documents
        ]
        same = [t for t in earlier if t.lemma_.lower() == span.root.lemma_.lower()]
        for token in [*reversed(same), *reversed(earlier)]:
            author = _author(token, people, history)
            if author is not None:
                break
    return replace(author, resolution=Resolution.NOMINAL) if author is not None else None


def _author(document: Token, people: People, history: list[tuple[int, Speaker]]) -> Speaker | None:
    """The author this one document noun's own words or clause name."""
    for token in _author_tokens(document, people.lexicons.authoring_verbs):
        speaker = _speaker_of(token, people, history)
        if speaker is not None:
            return speaker
    return None


def _author_tokens(document: Token, authors: frozenset[str]) -> list[Token]:
    """Candidate author heads, the most telling first."""
    found: list[Token] = []
    head = document.head
    if document.dep_ == "pobj" and head.lower_ == "in" and head.head.pos_ == "VERB":
        found += [c for c in head.head.children if c.dep_ == "nsubj"]  # "X said in a letter"
    if document.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in authors:
        for child in head.children:  # "X released a report", "a lawsuit was filed by X"
            if child.dep_ == "nsubj":
                found.append(child)
            elif child.dep_ == "agent":
                found += [c for c in child.children if c.dep_ == "pobj"]
    for child in document.children:
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.ent_type_ in _NAMED):
            found.append(child)  # "the Authority's report", "the Civic Action study"
        elif child.dep_ == "prep" and child.lower_ in _AUTHOR_PREPS:
            found += [c for c in child.children if c.dep_ == "pobj"]  # "a report by X"
    for token in document.subtree:
        if token.dep_ == "agent":
            found += [c for c in token.children if c.dep_ == "pobj"]  # "a study released by X"
        elif token.dep_ == "poss" and token.ent_type_ in _NAMED and token.head is not document:
            found.append(token)  # "a paper on X's website"
    return found


def _speaker_of(token: Token, people: People, history: list[tuple[int, Speaker]]) -> Speaker | None:
    """The speaker a token names: a speaker already resolved there, a name, or a body ("the company")."""
    if token.pos_ == "PRON":
        return None
    start = token.left_edge.idx
    for anchor, said in history:
        if start <= anchor <= token.idx:
            return said
    span = _entity_of(token) or token.doc[token.left_edge.i : token.i + 1]
    if not token.ent_type_ and token.lemma_.lower() not in people.lexicons.organisation_nouns:
        return None  # "a report by experts": no one the article names
    named = people.speaker_for_name(span)
    if named is None or not named.name[:1].isupper() or people.lexicons.is_outlet(named.name):
        return None  # "a memo obtained by the Courier": an outlet is the reader, not the author
    return named


def _entity_of(token: Token) -> Span | None:
    doc: Doc = token.doc
    if not token.ent_type_:
        return None
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]
