from __future__ import annotations

import pytest
import spacy

from quotegraph.model import QuoteKind, Resolution
from quotegraph.nlp.direct import extract_direct
from quotegraph.nlp.indirect import extract_indirect


def _summary(quotes):
    """(text, type, cue, mention) per quote: plain strings so failures read as diffs."""
    return [
        (q.text, q.type.value, q.cue.text if q.cue else None,
         q.speaker.mention.text if q.speaker.mention else None)
        for q in quotes
    ]


LAYOUTS = [
    (
        '"The pumps failed twice this week," Marta Leone said.',
        [('"The pumps failed twice this week,"', "direct", "said", "Marta Leone")],
    ),
    (
        '"Nobody warned the farmers," said Tomas Berg.',
        [('"Nobody warned the farmers,"', "direct", "said", "Tomas Berg")],
    ),
    (
        'Ana Ruiz said: "We will appeal the ruling."',
        [('"We will appeal the ruling."', "direct", "said", "Ana Ruiz")],
    ),
    (
        'The mayor said, "The bridge stays closed until Friday."',
        [('"The bridge stays closed until Friday."', "direct", "said", "The mayor")],
    ),
    (
        'Port director Ilse Maren told reporters: "The cranes will move again on Monday."',
        [('"The cranes will move again on Monday."', "direct", "told", "Ilse Maren")],
    ),
    (
        '"We tried everything," he said, "but the river won."',
        [('"We tried everything," he said, "but the river won."', "direct", "said", "he")],
    ),
    (
        '"The dam held. The levee did not. We were lucky," the engineer said.',
        [('"The dam held. The levee did not. We were lucky,"', "direct", "said", "the engineer")],
    ),
    (
        "“The harvest is late again,” said the farmer.",
        [("“The harvest is late again,”", "direct", "said", "the farmer")],
    ),
    (
        '“The harvest is late again," said the farmer.',
        [('“The harvest is late again,"', "direct", "said", "the farmer")],
    ),
    (
        "«The harvest is late again», said the farmer.",
        [("«The harvest is late again»", "direct", "said", "the farmer")],
    ),
    (
        "''The harvest is late again,'' said the farmer.",
        [("''The harvest is late again,''", "direct", "said", "the farmer")],
    ),
    (
        "‘The harvest is late again,’ said the farmer.",
        [("‘The harvest is late again,’", "direct", "said", "the farmer")],
    ),
    (
        '"Every storm teaches us something." — Hana Sato',
        [('"Every storm teaches us something."', "direct", "—", "Hana Sato")],
    ),
    (
        '"Prices will rise by spring," according to Omar Haddad.',
        [('"Prices will rise by spring,"', "direct", "according to", "Omar Haddad")],
    ),
    (
        '"The water reached the second floor" before noon, she said.',
        [('"The water reached the second floor"', "direct", "said", "she")],
    ),
    (
        '"The trains are full by seven," he said on Tuesday.',
        [('"The trains are full by seven,"', "direct", "said", "he")],
    ),
]

LAYOUT_IDS = [
    "quote-name-said",
    "quote-said-name",
    "name-said-colon",
    "name-said-comma",
    "told-reporters-colon",
    "split-one-sentence",
    "multi-sentence",
    "curly",
    "mixed-curly-straight",
    "guillemets",
    "nyt-apostrophes",
    "british-single",
    "dash-attribution",
    "according-to",
    "words-between-quote-and-cue",
    "said-with-time",
]


@pytest.mark.model
@pytest.mark.parametrize("text, expected", LAYOUTS, ids=LAYOUT_IDS)
def test_direct_extract_direct_layouts(nlp, text, expected):
    assert _summary(extract_direct(nlp(text))) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            'Petra Lind said:\n\n"The first winter was hard.\n\n"The second was worse."\n\nOthers disagreed.',
            [('"The first winter was hard.\n\n"The second was worse."', "direct", "said", "Petra Lind")],
        ),
        (
            'Jonas Holm added:\n\n"We have not slept for three days."',
            [('"We have not slept for three days."', "direct", "added", "Jonas Holm")],
        ),
    ],
    ids=["multi-paragraph", "colon-ends-paragraph"],
)
def test_direct_extract_direct_paragraphs(nlp, text, expected):
    assert _summary(extract_direct(nlp(text))) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text, parts",
    [
        (
            '"We will rebuild the pier," Joan Fisk said. "It will take two years at least."',
            ('"We will rebuild the pier,"', '"It will take two years at least."'),
        ),
        (
            '"We will rebuild the pier," Joan Fisk said, "and the school."',
            ('"We will rebuild the pier,"', '"and the school."'),
        ),
        (
            'Joan Fisk said:\n\n"We will rebuild the pier.\n\n"It will take two years at least."',
            ('"We will rebuild the pier.', '"It will take two years at least."'),
        ),
    ],
    ids=["run", "split", "over-paragraphs"],
)
def test_direct_extract_direct_statement_parts(nlp, text, parts):
    (quote,) = extract_direct(nlp(text))
    assert tuple(p.text for p in quote.parts) == parts
    assert quote.speaker.mention.text == "Joan Fisk" and quote.cue.text == "said"
    assert quote.text == text[quote.parts[0].start : quote.parts[-1].end]


@pytest.mark.model
def test_direct_extract_direct_run_stops_at_paragraph(nlp):
    text = '"We will rebuild the pier," Joan Fisk said.\n\n"It will take two years at least."'
    first, second = extract_direct(nlp(text))
    assert first.parts == () and first.speaker.mention.text == "Joan Fisk"
    assert second.text == '"It will take two years at least."'
    assert second.cue is None and second.speaker.resolution is Resolution.CONTINUATION


@pytest.mark.model
def test_direct_extract_direct_untagged_quote_far_from_others_is_unknown(nlp):
    text = 'The hall was full.\n\nSomeone shouted.\n\nLater:\n\n"Nobody will leave this hall before midnight."'
    (quote,) = extract_direct(nlp(text))
    assert quote.speaker.resolution is Resolution.UNKNOWN and quote.speaker.name == "unknown"


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        'The so-called "green deal" was signed on Friday.',
        'She reviewed the film "Northern Lights" for the paper.',
        'The word "resilience" appears in every speech.',
        "Russia's minister didn't attend the ’90s reunion.",
        "The players' union and the ferry’s crew met in the ’80s hall.",
        'Headline: "Bridge safe"',
        "Voters Worried About ‘Health Issues’ Before the Debate",
    ],
    ids=["scare-quote", "title", "single-word", "apostrophes", "plural-possessive", "headline",
         "single-marks-headline"],
)
def test_direct_extract_direct_ignores_non_quotes(nlp, text):
    doc = nlp(text)
    direct = list(extract_direct(doc))
    assert _summary(direct) == []
    assert _summary(extract_indirect(doc, direct=direct)) == []


@pytest.mark.model
def test_direct_extract_direct_offsets_are_exact(nlp):
    text = 'Intro.\n\n“Wages must rise,” said Edda Poll. “Rents too."\n\n"We stay," they said.'
    for quote in extract_direct(nlp(text)):
        assert text[quote.start : quote.end] == quote.text
        assert text[quote.cue.start : quote.cue.end] == quote.cue.text if quote.cue else True
        assert quote.type is QuoteKind.DIRECT and quote.doc_id == "" and quote.quote_id == ""


def test_direct_extract_direct_without_parse_keeps_untagged_sentences():
    doc = spacy.blank("en")('Then: "Nobody leaves the hall tonight." And "no" was all.')
    assert [q.text for q in extract_direct(doc)] == ['"Nobody leaves the hall tonight."']


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    ['He said "we stay and then left.', '"One," she said, "two.\n\nThree " four "'],
    ids=["odd-marks", "unclosed-paragraph"],
)
def test_direct_extract_direct_survives_unbalanced_marks(nlp, text):
    for quote in extract_direct(nlp(text)):  # best effort, never an exception
        assert text[quote.start : quote.end] == quote.text


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            'Ana Petrov called the plan "reckless" on Monday.',
            [('the plan "reckless"', "mixed", "called", "Ana Petrov")],
        ),
        (
            'The union described the deal as "a betrayal of every docker".',
            [('the deal as "a betrayal of every docker"', "mixed", "described", "The union")],
        ),
        (
            'Okafor accused the minister of "balancing the books on the backs of nurses".',
            [('"balancing the books on the backs of nurses"', "direct", "accused", "Okafor")],
        ),
        ('The so-called "harbour deal" was signed on Friday.', []),
        ('Ana Petrov read "The Harbour Years" on holiday.', []),
    ],
    ids=["called-object-fragment", "described-as", "accused-of", "not-so-called", "not-a-title"],
)
def test_direct_extract_direct_naming_frames(nlp, text, expected):
    assert _summary(extract_direct(nlp(text))) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ('Nobody expected the vote.\n\n“Really?” said Ilse Maren.',
         [("“Really?”", "direct", "said", "Ilse Maren")]),
        ('The count was low.\n\n“Neither do I.”\n\nThe hall emptied.', [("“Neither do I.”", "direct", None, None)]),
        ('The rule: beards stay neat. (A trim is enough.) “Then just scale back!”',
         [("“Then just scale back!”", "direct", None, None)]),
        ("Tomas Berg said on CBC’ “Morning Edition.”", []),
        ("“Harbour Lights” opens on Friday at the Rex.", []),
        ('It was a good night for the letter “C,” not so good for “A.”', []),
        ("The count was low.\n\n“Neither do I”", []),
    ],
    ids=["one-word-tagged", "short-sentence-untagged", "after-bracketed-sentence", "not-after-possessive",
         "not-a-work-title", "not-letters", "not-unpunctuated-short"],
)
def test_direct_extract_direct_short_quotes_and_titles(nlp, text, expected):
    assert _summary(extract_direct(nlp(text))) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ('Okafor voiced his "frustration, anger and helplessness" on Monday.',
         [('"frustration, anger and helplessness"', "direct", "voiced", "Okafor")]),
        ('Okafor voiced support for the "harbour levy" on Monday.', []),
    ],
    ids=["voiced-fragment", "not-object-of-voiced"],
)
def test_direct_extract_direct_expressed_fragments(nlp, text, expected):
    assert _summary(extract_direct(nlp(text))) == expected
