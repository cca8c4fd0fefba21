from __future__ import annotations

import pytest

from quotegraph.nlp.posts import extract_posts


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Intro.\n\nThe bridge is safe to cross. — Ana Petrov (@anapetrov) March 3, 2026\n\nMore.",
         [("The bridge is safe to cross.", "Ana Petrov", "—")]),
        ("Safe, she wrote -- Port Authority (@portauth) Jan. 9, 2026",
         [("Safe, she wrote", "Port Authority", "--")]),
        ("pic.twitter.com/x1 — Ana Petrov (@anapetrov) March 3, 2026", []),
        ("The bridge is safe to cross — Ana Petrov said on March 3, 2026.", []),
    ],
    ids=["embedded-post", "wire-line-double-hyphen", "bare-link", "no-handle"],
)
def test_posts_extract_posts(text, expected):
    quotes = list(extract_posts(text))
    assert [(q.text, q.speaker.mention.text, q.cue.text) for q in quotes] == expected
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
