from __future__ import annotations

import pytest

from quotegraph.nlp.transcripts import extract_turns


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            'Intro.\n\n"HOST: Will the plant close?\n\n"REILLY: Not this year.\n\n"HOST: Thank you.',
            [("Will the plant close?", "HOST", ":"), ("Not this year.", "REILLY", ":"),
             ("Thank you.", "HOST", ":")],
        ),
        ("JAPAN PMI: Factory output fell.\n\nEUROPE: Shares rose.", []),
        ("WATCH: The mayor speaks.\n\nWATCH: The vote.", []),
        ("WATCH BELOW: The mayor speaks.\n\nWATCH BELOW: The vote.", []),
        ("The mayor said: we will see.\n\nThe mayor said: we will see.", []),
    ],
    ids=["interview", "one-off-section-heads", "link-lines", "link-lines-two-words", "not-capitals"],
)
def test_transcripts_extract_turns(text, expected):
    quotes = list(extract_turns(text))
    summary = [(q.text, q.speaker.mention.text, q.cue.text) for q in quotes]
    assert summary == expected
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
