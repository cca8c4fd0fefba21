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
        ("BYLINE: Ana Petrov.\n\nText.\n\nBYLINE: Ana Petrov.", []),
        ("WATCH BELOW: The mayor speaks.\n\nWATCH BELOW: The vote.", []),
        ("The mayor said: we will see.\n\nThe mayor said: we will see.", []),
    ],
    ids=["interview", "one-off-section-heads", "link-lines", "byline-lines", "link-lines-two-words", "not-capitals"],
)
def test_transcripts_extract_turns(text, expected):
    quotes = list(extract_turns(text))
    summary = [(q.text, q.speaker.mention.text, q.cue.text) for q in quotes]
    assert summary == expected
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            '"HOST: Will it close?\n\n"REILLY: We will see.\n\n"The vote is in June.\n\n"(CROSSTALK.)\n\n"HOST: Thanks.',
            [("Will it close?",), ("We will see.", "The vote is in June."), ("Thanks.",)],
        ),
        (
            '"HOST: Will it close?\n\n"REILLY: We will see.\n\n"HOST: Is it June?\n\nThe vote is in June.',
            [("Will it close?",), ("We will see.",), ("Is it June?",)],
        ),
        (
            'HOST: Will it close?\n\nREILLY: We will see.\n\n"The vote is in June."\n\nHOST: Thanks.',
            [("Will it close?",), ("We will see.",), ("Thanks.",)],
        ),
    ],
    ids=["quoted-turn-runs-on", "unquoted-paragraph-ends-turn", "unquoted-transcript-keeps-one-line"],
)
def test_transcripts_turn_runs_on_over_quoted_paragraphs(text, expected):
    quotes = list(extract_turns(text))
    assert [tuple(p.text for p in q.pieces) for q in quotes] == expected
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
        assert all(text[p.start : p.end] == p.text for p in quote.pieces)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            'Intro.\n\n"HOST: Will it close?\n\n"REILLY: Well, she thinks this is a “game show.” But it is not.'
            '\n\n"HOST: Thanks.\n\n"REILLY: Good.',
            ["Will it close?", "Well, she thinks this is a “game show.” But it is not.", "Thanks.", "Good."],
        ),
        (
            'The mayor spoke. "We will see," she said.\n\nHOST: Thanks.',
            ['"We will see,"'],
        ),
    ],
    ids=["turns-replace-a-quote-across-them", "no-transcript-keeps-quotes"],
)
def test_transcripts_turns_in_pipeline(nlp, text, expected):
    from quotegraph.config import PipelineConfig
    from quotegraph.model import Article
    from quotegraph.nlp.pipeline import extract_quotes

    quotes = extract_quotes(nlp(text), Article(doc_id="t", text=text), config=PipelineConfig())
    assert [q.text for q in quotes] == expected
