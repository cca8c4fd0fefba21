from __future__ import annotations

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st
from spacy.tokens import Doc

from quotegraph.errors import UnsupportedLanguageError
from quotegraph.nlp.cues import find_cues, find_quote_marks, find_speaker
from quotegraph.nlp.lexicon import load_lexicon


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
    ],
)
def test_cues_find_quote_marks_pairs(text, expected):
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
def test_cues_find_quote_marks_ignores_apostrophes(text):
    assert _marked(text) == []


@given(st.text(alphabet=st.sampled_from("ab .,\n\"“”‘’'«»"), max_size=200))
def test_cues_find_quote_marks_spans_are_ordered_and_disjoint(text):
    marks = find_quote_marks(text)
    for mark in marks:
        assert 0 <= mark.start < mark.end <= len(text)
    for first, second in zip(marks, marks[1:]):
        assert first.end <= second.start


def _hand_doc(words, pos, lemmas, deps=None, heads=None) -> Doc:
    vocab = spacy.blank("en").vocab
    return Doc(vocab, words=words, pos=pos, lemmas=lemmas, deps=deps, heads=heads)


@pytest.mark.parametrize(
    "words, pos, lemmas, expected",
    [
        (["She", "said", "so"], ["PRON", "VERB", "ADV"], ["she", "say", "so"], [("said", "verb")]),
        (
            ["according", "to", "them"],
            ["VERB", "ADP", "PRON"],
            ["accord", "to", "they"],
            [("according to", "according")],
        ),
        (["the", "statement", "ended"], ["DET", "NOUN", "VERB"], ["the", "statement", "end"], [("statement", "noun")]),
        (["the", "river", "rose"], ["DET", "NOUN", "VERB"], ["the", "river", "rise"], []),
    ],
    ids=["verb", "according-to", "noun", "none"],
)
def test_cues_find_cues_on_hand_built_doc(words, pos, lemmas, expected):
    doc = _hand_doc(words, pos, lemmas)
    assert [(cue.words.text, cue.kind) for cue in find_cues(doc)] == expected


def test_cues_find_cues_skips_adjectival_participles():
    # "so-called" is a participle modifying a noun, not a report of speech.
    doc = _hand_doc(
        ["the", "called", "model"],
        ["DET", "VERB", "NOUN"],
        ["the", "call", "model"],
        deps=["det", "amod", "ROOT"],
        heads=[2, 2, 2],
    )
    assert find_cues(doc) == []


@pytest.mark.parametrize("name", ["reporting_verbs", "reporting_nouns", "directive_verbs", "mention_titles"])
def test_cues_lexicons_exist_and_are_lower_case(name):
    entries = load_lexicon(name)
    assert entries and all(entry == entry.lower() for entry in entries)


def test_cues_reporting_verbs_has_over_a_hundred_entries():
    assert len(load_lexicon("reporting_verbs")) >= 100
    assert load_lexicon("directive_verbs") <= load_lexicon("reporting_verbs")


def test_cues_find_cues_unknown_language_lists_available():
    doc = _hand_doc(["He", "said"], ["PRON", "VERB"], ["he", "say"])
    with pytest.raises(UnsupportedLanguageError, match="available: en"):
        find_cues(doc, lang="xx")


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Harbour Authority chair Nadia Brennan said the cranes were idle.", "Nadia Brennan"),
        ("Col. Gen. Pavel Drobny said the bridge had held.", "Pavel Drobny"),
        ("The spokeswoman said the talks would resume.", "The spokeswoman"),
        ("She said the talks would resume.", "She"),
        ("A senior engineer at the plant said the pumps had failed.", "A senior engineer at the plant"),
        ("The council denied the claim, saying the budget was balanced.", "The council"),
        ("According to the fire service, the blaze began in the kitchen.", "the fire service"),
        ("The port's director, Mara Quist, said the cranes were idle.", "Mara Quist"),
        ("Sven Alder, the port's director, said the cranes were idle.", "Sven Alder"),
        ("The dockers ended the strike by telling the press that wages had risen.", "The dockers"),
    ],
    ids=["name-after-role", "military-titles", "nominal", "pronoun", "nominal-with-prep", "participle",
         "according-to", "role-then-name", "name-then-role", "by-participle"],
)
def test_cues_find_speaker_mention(nlp, text, expected):
    doc = nlp(text)
    mentions = [find_speaker(cue) for cue in find_cues(doc)]
    assert [m.text for m in mentions if m is not None][:1] == [expected]


@pytest.mark.parametrize(
    "text, message",
    [
        ("“Never closed.\nNext paragraph.", "quote opened at offset 0 is not closed; ending it at 14"),
        ('"One. "Two."', "quote mark at offset 6 opens before the one at 0 closed"),
    ],
    ids=["unclosed", "reopened"],
)
def test_cues_find_quote_marks_logs_anomalies_with_offsets(caplog, text, message):
    with caplog.at_level("WARNING", logger="quotegraph.nlp.cues"):
        find_quote_marks(text)
    assert message in caplog.text
    caplog.clear()
    find_quote_marks(text, warn=False)
    assert caplog.text == ""


def test_cues_find_quote_marks_reads_marks_per_language():
    with pytest.raises(UnsupportedLanguageError):
        find_quote_marks('"Hello," she said.', lang="xx")
    roles = {entry.split()[0] for entry in load_lexicon("quote_marks")}
    assert roles == {"opener", "closer", "either", "loose", "pair"}
