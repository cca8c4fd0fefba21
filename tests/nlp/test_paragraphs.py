"""Paragraph breaks start sentences (nlp/paragraphs.py), on text we wrote."""

from __future__ import annotations

import spacy

from quotegraph.nlp.direct import extract_direct
from quotegraph.nlp.indirect import extract_indirect
from quotegraph.nlp.paragraphs import PARAGRAPH_BREAKS, mark_paragraph_starts

SIGNED_PULL_QUOTE = (
    "This is what we have been warning about for years. Tomas Reyes, Haldport Council\n\n"
    "According to inspectors, the ferry terminal will stay closed until June."
)


def test_the_marker_sits_before_the_parser(nlp) -> None:
    names = nlp.pipe_names
    assert names.index(PARAGRAPH_BREAKS) == names.index("parser") - 1


def test_a_blank_line_starts_a_sentence_the_parser_would_have_run_on(nlp) -> None:
    doc = nlp(SIGNED_PULL_QUOTE)
    starts = [sent.text.split()[0] for sent in doc.sents]
    assert starts == ["This", "Tomas", "According"]
    quotes = list(extract_indirect(doc, direct=list(extract_direct(doc))))
    found = [(q.text, q.speaker.mention.text if q.speaker.mention else None) for q in quotes]
    assert found == [("the ferry terminal will stay closed until June", "inspectors")]
    assert all(SIGNED_PULL_QUOTE[q.start : q.end] == q.text for q in quotes)


def test_a_single_line_break_inside_a_sentence_breaks_nothing(nlp) -> None:
    doc = nlp("The harbour master said the ferry\nwould run again on Friday.")
    assert len(list(doc.sents)) == 1


def test_the_marker_alone_leaves_other_tokens_unset() -> None:
    doc = mark_paragraph_starts(spacy.blank("en")("One line\nand more.\n\n\n  Next one."))
    assert [t.text for t in doc if t.is_sent_start] == ["One", "Next"]


def test_a_credit_on_its_own_line_is_no_sentence_to_count(nlp) -> None:
    from quotegraph.nlp.paragraphs import counted_sentences

    doc = nlp("Tom Ellery at his farm. (Ann Lee/Courier)\n\nHe said the harvest was late. Tom (the elder) left.")
    assert [s.text for s in doc.sents][1] == "(Ann Lee/Courier)\n\n"
    assert [s.text.strip() for s in counted_sentences(doc)] == [
        "Tom Ellery at his farm.", "He said the harvest was late.", "Tom (the elder) left."
    ]
