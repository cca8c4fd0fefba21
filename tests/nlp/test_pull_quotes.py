from __future__ import annotations

import pytest

from quotegraph.model import QuoteKind
from quotegraph.nlp.pull_quotes import extract_pull_quotes


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Intro.\n\nI never thought the plant would close. Ana Petrov\n\nMore.",
         [("I never thought the plant would close.", "Ana Petrov")]),
        ("Intro.\n\nRents will rise again next spring, and fast. Matt Ruiz, Rentals.ca\n\nMore.",
         [("Rents will rise again next spring, and fast.", "Matt Ruiz")]),
        ("He has a long record of violent crime. Halton County Crown Attorney Edda Poll",
         [("He has a long record of violent crime.", "Edda Poll")]),
        ("The mayor speaks in Ottawa on Jan. 9, 2026. Jane Doe", []),
        ("Crews clear the road after the storm in Halifax. Jane Doe/Reuters", []),
        ("Crews clear the road after the storm in Halifax. Jane Doe/The Canadian Press", []),
        ("The boy pulls a sword from a stone in the film. The Kid Who Would Be King", []),
        ("Protests followed the vote in the capital. Article Continued Below", []),
        ("He drew fire for his attack on the veteran, Arizona Sen.\nJohn McCain", []),
        ("He will not be the next president of the whole country. Like President Obama", []),
        ('"I never thought the plant would close," she said. Ana Petrov', []),
        ("Short line. Ana Petrov", []),
    ],
    ids=["signed", "signed-with-affiliation", "title-stripped", "not-dated-caption", "not-credit",
         "not-agency-credit", "not-work-title", "not-page-label", "not-broken-sentence", "not-title-only",
         "not-marked-quote", "not-too-short"],
)
def test_pull_quotes_extract_pull_quotes(text, expected):
    quotes = list(extract_pull_quotes(text))
    assert [(q.text, q.speaker.mention.text) for q in quotes] == expected
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
        assert text[quote.speaker.mention.start : quote.speaker.mention.end] == quote.speaker.mention.text
        assert quote.type is QuoteKind.INDIRECT and quote.cue is None
