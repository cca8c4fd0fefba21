"""doc_text: Doc.text read once per Doc, rebuilt when the Doc is retokenised."""

from __future__ import annotations

import pytest
import spacy

from quotegraph.nlp.doc_text import doc_text


@pytest.mark.parametrize("text", ["Kirby said it.\n\n\"Yes,\" she said. ", ""], ids=["paragraphs", "empty"])
def test_doc_text_equals_doc_text_and_is_read_once(text):
    doc = spacy.blank("en")(text)
    first = doc_text(doc)
    assert first == doc.text == text
    assert doc_text(doc) is first  # the cached string, not a new join


@pytest.mark.parametrize("text, merged", [("New York said so.", (0, 2))], ids=["merge"])
def test_doc_text_rebuilt_after_retokenising(text, merged):
    doc = spacy.blank("en")(text)
    before = doc_text(doc)
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[merged[0] : merged[1]])
    assert doc_text(doc) == doc.text
    assert doc_text(doc) is not before
