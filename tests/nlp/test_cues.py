from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from quotegraph.errors import UnsupportedLanguageError
from quotegraph.lexicon import load_lexicon
from quotegraph.nlp.cues import find_cues, find_speaker


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


@pytest.mark.parametrize("name", ["reporting_verbs", "reporting_nouns", "directive_verbs", "titles"])
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
