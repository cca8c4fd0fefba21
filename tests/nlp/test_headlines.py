from __future__ import annotations

import pytest

from quotegraph.nlp.headlines import extract_headline


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Petrov: Harbour Plant Will Close in June.\n\nThe plant...",
         [("Harbour Plant Will Close in June", "Petrov", ":")]),
        ("Mayor Petrov: Harbour Plant Will Close in June.\n\nThe plant...",
         [("Harbour Plant Will Close in June", "Mayor Petrov", ":")]),
        ("Brookfield Tenants' Union Says Rents Rose by a Third.\n\nRents...",
         [("Rents Rose by a Third", "Brookfield Tenants' Union", "Says")]),
        ("The Latest: Harbour plant to close in June.\n\nThe plant...", []),
        ("Stormy Weather Ahead: Harbour Plant Will Close.\n\nThe plant...", []),
        ("The mayor said the plant will close in June.", []),
        ("Intro.\n\nPetrov: Harbour Plant Will Close in June.", []),
    ],
    ids=["name-colon", "title-name-colon", "x-says-y", "story-label", "not-a-name", "plain-sentence", "not-first-line"],
)
def test_headlines_extract_headline(nlp, text, expected):
    quotes = list(extract_headline(nlp(text)))
    assert [(q.text, q.speaker.mention.text, q.cue.text) for q in quotes] == expected
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text


@pytest.mark.model
@pytest.mark.parametrize("on, expected", [(True, 2), (False, 1)], ids=["on", "off"])
def test_headlines_option_in_pipeline(nlp, on, expected):
    from quotegraph.config import PipelineConfig
    from quotegraph.model import Article
    from quotegraph.nlp.pipeline import extract_quotes

    text = "Petrov: Harbour Plant Will Close in June.\n\nPetrov said the plant would close in June."
    article = Article(doc_id="h", text=text)
    quotes = extract_quotes(nlp(text), article, config=PipelineConfig(headline_quotes=on))
    assert len(quotes) == expected



@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Poll: Harbour Plant Closure Splits the City.\n\nA poll shows...",
         [("Harbour Plant Closure Splits the City", "Poll")]),
        ("Kowalski: Council needs to 'stop the personal attacks' on staff.\n\nCouncillor...",
         [("Council needs to 'stop the personal attacks' on staff", "Kowalski")]),
        ("Update: Harbour plant to close in June.\n\nThe plant...", []),
        ("Revealed: What the Harbour Plant Papers Contain.\n\nThe plant...", []),
        ("2024: Harbour plant to close in June.\n\nThe plant...", []),
    ],
    ids=["noun-source", "surname-tagged-noun", "label-word", "label-word-revealed", "not-a-word"],
)
def test_headlines_one_word_source(nlp, text, expected):
    quotes = list(extract_headline(nlp(text)))
    assert [(q.text, q.speaker.mention.text) for q in quotes] == expected
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
