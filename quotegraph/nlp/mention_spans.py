"""Speaker-mention spans and the paragraph and quote-mark tests the cue stage uses.

`mention_span` turns the head word `quotegraph.nlp.cues` picked into the words
that name the speaker; `paragraph_break`, `paragraph_start` and
`in_quote_marks` tell where a word stands in the text, so a speaker is never
taken from another paragraph or from quoted words.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from quotegraph.nlp.doc_text import doc_text
from quotegraph.nlp.names import NameLexicons

__all__ = ["mention_span", "paragraph_break", "paragraph_start", "in_quote_marks"]

_NAME_DEPS = frozenset({"compound", "flat", "nmod", "poss"})
_NOUN_RIGHT = frozenset({"amod", "prep", "nummod", "compound"})


def mention_span(head: Token, lang: str) -> Span:
    """The words naming the speaker whose head word is ``head``.

    A pronoun, a name without its titles ("John Kirby" in "White House
    official John Kirby"), a name in apposition to a noun ("Its director, Ivo
    Brandt"), or a short noun phrase ("The official").
    """
    doc = head.doc
    if head.pos_ == "NOUN" or (head.pos_ == "PROPN" and head.ent_type_ != "PERSON"):
        # "Its director, Ivo Brandt, said": the name in apposition names the speaker.
        name = next((c for c in head.rights if _names_in_apposition(head, c)), None)
        head = name if name is not None else head
    if head.pos_ == "PRON":
        return doc[head.i : head.i + 1]
    if head.pos_ == "PROPN":
        start = head.i
        while start > 0 and _name_part(doc[start - 1], head):
            start -= 1
        end = head.i + 1
        while end < len(doc) and doc[end].dep_ in ("flat", "compound") and doc[end].pos_ == "PROPN":
            end += 1
        if head.ent_type_ in _BODY_LABELS:
            # "The Kestrian Chamber of Commerce": the entity, not just its head, names the body.
            while end < len(doc) and doc[end].ent_iob_ == "I" and not doc[end].is_punct:
                end += 1
        return _drop_titles(doc[start:end], lang)
    return _noun_phrase(head)


_BODY_LABELS = frozenset({"ORG", "FAC", "GPE", "NORP"})


def _names_in_apposition(head: Token, child: Token) -> bool:
    """True for a name set right beside ``head`` by commas ("One Democrat, Sen. Jon Tester,").

    A name after a clause or a colon ("the resident, who sold his comic: The
    Undead Soldier") is not in apposition to the speaker; after a proper noun
    only a person's name is.
    """
    if child.dep_ != "appos" or child.pos_ != "PROPN":
        return False
    if head.pos_ == "PROPN" and child.ent_type_ != "PERSON":
        return False
    between = head.doc[head.i + 1 : child.left_edge.i]
    return not any(t.pos_ in ("VERB", "AUX") or t.text in (":", ";") for t in between)


def _name_part(token: Token, head: Token) -> bool:
    if token.pos_ != "PROPN" or token.dep_ not in _NAME_DEPS:
        return False
    ancestor = token
    for _ in range(3):  # a compound of a compound of the head still names it
        ancestor = ancestor.head
        if ancestor.i == head.i:
            return True
    return False


def _drop_titles(span: Span, lang: str) -> Span:
    names = NameLexicons.load(lang)
    start = span.start
    while start < span.end - 1:
        if span.doc[start].is_punct:
            start += 1
            continue
        size = names.leading_titles([t.text for t in span.doc[start : span.end]])
        if size == 0:
            break
        start += size
    return span.doc[start : span.end]


def _noun_phrase(head: Token) -> Span:
    doc = head.doc
    start = head.left_edge.i
    while start < head.i and (doc[start].is_punct or doc[start].is_space or _before_det(doc, start, head)):
        start += 1
    end = head.i + 1
    for child in head.rights:
        if child.dep_ not in _NOUN_RIGHT or child.i != end:
            break
        end = child.right_edge.i + 1
    # "the founder of Gull Press, which opened in May": a comma ends the phrase (the clause is not its name).
    end = next((t.i for t in doc[head.i + 1 : end] if t.text == ","), end)
    while end > head.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


def _before_det(doc: Doc, i: int, head: Token) -> bool:
    """True for words that precede the phrase's own determiner (a parse slip)."""
    return doc[i].pos_ != "DET" and any(t.pos_ == "DET" for t in doc[i + 1 : head.i])


def paragraph_break(a: Token, b: Token) -> bool:
    """True when a blank line separates tokens ``a`` and ``b`` (the parser joined two paragraphs)."""
    doc = a.doc
    first, last = sorted((a.i, b.i))
    gap = doc_text(doc)[doc[first].idx : doc[last].idx]
    return _BLANK_LINE.search(gap) is not None


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


_QUOTE_MARKS = re.compile(r"[“”\"]|''|’’|‘‘|``")


def in_quote_marks(token: Token) -> bool:
    """True when an odd number of quote marks opens the token's paragraph before it.

    A subject in quotes whose cue is outside them is quoted words or a title
    ('said on "Fox and Friends"'), never the speaker; inside a quoted passage
    both are in quotes and the nested cue keeps its subject. Single quotes are
    left out: they are also apostrophes.
    """
    text = doc_text(token.doc)
    return len(_QUOTE_MARKS.findall(text, paragraph_start(text, token.idx), token.idx)) % 2 == 1


def paragraph_start(text: str, position: int) -> int:
    """Where the paragraph holding ``position`` starts: after the last blank (or whitespace-only) line."""
    end = position
    while True:
        newline = text.rfind("\n", 0, end)
        if newline < 0:
            return 0
        before = text.rfind("\n", 0, newline)
        if before >= 0 and not text[before + 1 : newline].strip():
            return newline + 1
        end = newline
