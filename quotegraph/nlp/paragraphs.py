"""Paragraph breaks are sentence breaks.

The small English parser often runs a sentence on across a blank line: a
byline or a photo credit ("Konrad Gajewski, University of Ottawa") becomes the
subject of the next paragraph's first sentence, and the quote that follows is
mis-parsed. A sentence start preset before the parser is kept by it, so marking
the first token after a blank line fixes these without touching any rule.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

__all__ = ["PARAGRAPH_BREAKS", "add_paragraph_breaks", "mark_paragraph_starts", "counted_sentences"]

PARAGRAPH_BREAKS = "quotegraph_paragraph_breaks"


@Language.component(PARAGRAPH_BREAKS)
def mark_paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence at the first token after a blank line (a space token with two newlines).

    >>> import spacy
    >>> doc = mark_paragraph_starts(spacy.blank("en")("Ann Lee, Tribune\\n\\nPrices rose."))
    >>> [t.text for t in doc if t.is_sent_start]
    ['Ann', 'Prices']
    """
    for token in doc[1:]:
        before = doc[token.i - 1]
        if before.is_space and before.text.count("\n") >= 2 and not token.is_space:
            token.is_sent_start = True
    return doc


def add_paragraph_breaks(nlp: Language) -> None:
    """Insert the paragraph-break marker before the parser (no-op without a parser)."""
    if "parser" in nlp.pipe_names and PARAGRAPH_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")


def counted_sentences(doc: Doc) -> list[Span]:
    """The sentences that say something: a line that is only a bracketed credit ("(Ann Lee/Courier)") is none.

    Rules that look "one sentence back" count these, so a photo credit on its own
    line does not push the person pictured above it out of reach.
    """
    said = [sent for sent in doc.sents if _has_word_outside_brackets(sent)]
    return said or [doc[:]]


def _has_word_outside_brackets(sent: Span) -> bool:
    depth = 0
    for token in sent:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and token.is_alpha:
            return True
    return False
