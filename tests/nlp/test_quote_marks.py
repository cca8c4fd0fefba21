"""The string-level quote-mark scanner (no spaCy needed)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotegraph.errors import UnsupportedLanguageError
from quotegraph.lexicon import load_lexicon
from quotegraph.nlp.quote_marks import find_quote_marks


def _marked(text: str) -> list[str]:
    return [text[m.start : m.end] for m in find_quote_marks(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('Lena Ortiz said "the ferry runs late" again.', ['"the ferry runs late"']),
        ("“It floods every spring,” she said.", ["“It floods every spring,”"]),
        ('“Nobody told us," the baker said.', ['“Nobody told us,"']),
        ("« Nous restons », a-t-il dit.", ["« Nous restons »"]),
        ("''We will rebuild,'' the mayor said.", ["''We will rebuild,''"]),
        ("``We will rebuild,'' the mayor said.", ["``We will rebuild,''"]),
        ("Banners read ‘Save the pier’ all week.", ["‘Save the pier’"]),
        ('“Up one,” he said. “Down two.”', ["“Up one,”", "“Down two.”"]),
        (
            '“The first paragraph opens.\n\n“The second one closes.”\nAfter.',
            ["“The first paragraph opens.\n\n“The second one closes.”"],
        ),
        ("“An unclosed quote runs to its paragraph end\nNext line.", ["“An unclosed quote runs to its paragraph end"]),
        ('“She called it "the pit" twice,” he said.', ['“She called it "the pit" twice,”']),
        ("“The pier is shut. “Nobody told us.”", ["“The pier is shut.", "“Nobody told us.”"]),
        ("They moan about “amateurs” all week: “Again “pros” win.”", ["“amateurs”", "“pros”"]),
        ("“We build boats,’’ says Ana. “Come and see.”", ["“We build boats,’’", "“Come and see.”"]),
        ("He said ‘’Not today,” and left.", ["‘’Not today,”"]),
    ],
    ids=[
        "straight",
        "curly",
        "mixed-curly-straight",
        "guillemets",
        "nyt-double-apostrophes",
        "backticks",
        "single-curly",
        "two-quotes",
        "multi-paragraph",
        "unclosed",
        "nested-straight-in-curly",
        "reopened-after-full-stop-splits",
        "not-split-mid-sentence",
        "curly-double-apostrophe-closer",
        "curly-double-apostrophe-opener",
    ],
)
def test_quote_marks_find_quote_marks_pairs(text, expected):
    assert _marked(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Russia's army and the region’s governor spoke.",
        "We don't know and they won’t say.",
        "Music of the ’90s and the '80s returned.",
        "The soldiers’ families and the players' union met.",
        "Rock 'n' roll never left the town.",
    ],
    ids=["possessives", "contractions", "decades", "plural-possessives", "rock-n-roll"],
)
def test_quote_marks_find_quote_marks_ignores_apostrophes(text):
    assert _marked(text) == []


@given(st.text(alphabet=st.sampled_from("ab .,\n\"“”‘’'«»"), max_size=200))
def test_quote_marks_find_quote_marks_spans_are_ordered_and_disjoint(text):
    marks = find_quote_marks(text)
    for mark in marks:
        assert 0 <= mark.start < mark.end <= len(text)
    for first, second in zip(marks, marks[1:]):
        assert first.end <= second.start


@pytest.mark.parametrize(
    "text, message",
    [
        ("“Never closed.\nNext paragraph.", "quote opened at offset 0 is not closed; ending it at 14"),
        ('"One. "Two."', "quote mark at offset 6 opens before the one at 0 closed"),
    ],
    ids=["unclosed", "reopened"],
)
def test_quote_marks_find_quote_marks_logs_anomalies_with_offsets(caplog, text, message):
    with caplog.at_level("WARNING", logger="quotegraph.nlp.quote_marks"):
        find_quote_marks(text)
    assert message in caplog.text
    caplog.clear()
    find_quote_marks(text, warn=False)
    assert caplog.text == ""


def test_quote_marks_find_quote_marks_reads_marks_per_language():
    with pytest.raises(UnsupportedLanguageError):
        find_quote_marks('"Hello," she said.', lang="xx")
    roles = {entry.split()[0] for entry in load_lexicon("quote_marks")}
    assert roles == {"opener", "closer", "either", "loose", "pair"}
