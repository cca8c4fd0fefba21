"""Echo content and reporting frames the clause rules miss (issue 13 §3)."""

from __future__ import annotations

import pytest

from quotegraph.nlp.direct import extract_direct
from quotegraph.nlp.indirect import extract_indirect


def _contents(nlp, text):
    doc = nlp(text)
    quotes = list(extract_indirect(doc, direct=list(extract_direct(doc))))
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
    return [(q.text, q.cue.text if q.cue else None) for q in quotes]


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Most tenants backed the plan, and 60 percent of owners said the same of the levy.",
         ("the same of the levy", "said")),
        ("The manager of the harbour plant said as much in an interview on Monday.", ("as much", "said")),
        ("Asked whether the plant would close, half of the workers said yes.", ("yes", "said")),
        ("Asked whether the plant would close, the union said so in a statement.", ("so", "said")),
    ],
    ids=["the-same-of", "as-much", "yes", "so"],
)
def test_frames_echo_content(nlp, text, expected):
    assert expected in _contents(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, unexpected",
    [
        ("The mayor said so far the plant had kept its jobs.", "so far"),
        ("The manager said no decision had been made.", "no"),
        ("The plant, the manager said, is the same as it was.", "the same"),
    ],
    ids=["so-far", "no-opens-a-clause", "same-not-after-verb"],
)
def test_frames_echo_content_not_a_longer_phrase(nlp, text, unexpected):
    assert all(content != unexpected for content, _ in _contents(nlp, text))


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ('The mayor condemned what she called a "reckless gamble" by the council.',
         ('what she called a "reckless gamble" by the council', "called")),
        ("The union is denouncing what it calls the worst contract in a decade.",
         ("what it calls the worst contract", "calls")),
    ],
    ids=["what-called-quoted", "what-calls-plain"],
)
def test_frames_relative_naming_frame(nlp, text, expected):
    assert expected in _contents(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "That was what the mayor called when she wanted the plant closed.",
        "The council did what the mayor asked.",
    ],
    ids=["no-name-given", "not-a-naming-verb"],
)
def test_frames_relative_frame_needs_a_name(nlp, text):
    assert not any(content.startswith("what") for content, _ in _contents(nlp, text))


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ("The mayor praised the new wardens. People like Petrov, she said.",
         [("People like Petrov", "said")]),
    ],
    ids=["fragment-before-closing-cue"],
)
def test_frames_fronted_fragment(nlp, text, expected):
    assert _contents(nlp, text) == expected
    doc = nlp(text)
    (quote,) = extract_indirect(doc, direct=[])
    assert quote.speaker.mention.text == "she"  # the speaker, not the fragment the parser made a subject


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    ["On Monday morning, she said.", "In the end, the mayor said nothing."],
    ids=["short-phrase", "cue-does-not-close"],
)
def test_frames_fronted_fragment_negative(nlp, text):
    assert _contents(nlp, text) == []
