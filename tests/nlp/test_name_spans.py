"""People of one article: which name spans become people (our own words, Docs built by hand)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from quotegraph.nlp.name_spans import without_places


@pytest.mark.parametrize(
    ("words", "persons", "places", "expected"),
    [
        (
            ["Surrey", "has", "portables", ".", "Surrey", "spoke", "."],
            [(4, 5)], [(0, 1)], [],
        ),
        (
            ["Ellen", "Washington", "spoke", ".", "Washington", "visited", "Washington", "."],
            [(0, 2), (4, 5)], [(6, 7)], ["Ellen Washington", "Washington"],
        ),
        (
            ["Kowalski", "visited", "Surrey", "."],
            [(0, 1)], [(2, 3)], ["Kowalski"],
        ),
    ],
    ids=["place-name-is-no-person", "surname-of-a-full-name-kept", "other-one-word-names-kept"],
)
def test_name_spans_without_places(words, persons, places, expected):
    doc = Doc(spacy.blank("en").vocab, words=words)
    spans = [Span(doc, a, b, label="PERSON") for a, b in persons]
    ents = spans + [Span(doc, a, b, label="GPE") for a, b in places]
    assert [s.text for s in without_places(spans, ents)] == expected
