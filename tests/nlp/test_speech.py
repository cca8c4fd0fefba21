"""Not speech: captions, advice to the reader, cues inside titles (issue 13 §4)."""

from __future__ import annotations

import pytest

from quotegraph.nlp.direct import extract_direct
from quotegraph.nlp.indirect import extract_indirect
from quotegraph.nlp.speech import in_caption


def _contents(nlp, text):
    doc = nlp(text)
    return [q.text for q in extract_indirect(doc, direct=list(extract_direct(doc)))]


@pytest.mark.parametrize(
    "text, span, expected",
    [
        ("Ada Finch says her flock doubled. (Tom Ellery/Valley Post)", (10, 32), True),
        ("Ada Finch says her flock doubled. ( Tom Ellery / Valley Post ) The fair opens Friday.", (10, 32), True),
        ("Ada Finch says her flock doubled. She sells eggs. (Tom Ellery/Valley Post)", (10, 32), False),
        ("Ada Finch says her flock doubled (or tripled/quadrupled).", (10, 32), False),
        ("Ada Finch says her flock doubled.\n(Tom Ellery/Valley Post)", (10, 32), False),
    ],
    ids=["credit-after-sentence", "credit-mid-line", "another-sentence-first", "lower-case-slash", "next-line"],
)
def test_speech_in_caption(text, span, expected):
    assert in_caption(text, *span) is expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ada Finch says her flock doubled in a year. (Tom Ellery/Valley Post)", []),
        ("Ada Finch says her flock doubled in a year.", ["her flock doubled in a year"]),
        ("Tell him why you think the beard would look better short.", []),
        ("You can also suggest that he trims the beard before the wedding.", []),
        ("The barber suggests that he trims the beard before the wedding.", ["that he trims the beard before the wedding"]),
        ("Go one step further, and ask whether the beard would suit a groom.", []),
        (
            'Her column, "Mayor, tell us your plan," is sharp and well argued.',
            ['"Mayor, tell us your plan,"'],
        ),
        (
            '"He told me the plant will close in June," the driver said.',
            ['"He told me the plant will close in June,"'],
        ),
    ],
    ids=[
        "caption", "same-sentence-no-caption", "imperative", "you-subject", "third-person-kept",
        "coordinated-imperative", "cue-in-a-title-reports-nothing-outside", "cue-inside-a-direct-quote",
    ],
)
def test_speech_not_speech_dropped(nlp, text, expected):
    assert _contents(nlp, text) == expected
