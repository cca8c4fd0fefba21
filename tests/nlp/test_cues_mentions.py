"""Speaker-mention spans chosen by the cue stage (issue 13): exact offsets, on sentences we wrote."""

from __future__ import annotations

import pytest

from quotegraph.nlp.cues import find_cues, speaker_of


def _speakers(nlp, text):
    """(cue words, mention text, relative text) per cue, checking every offset against the text."""
    doc = nlp(text)
    out = []
    for cue in find_cues(doc):
        speaker = speaker_of(cue)
        for span in (speaker.mention, speaker.relative):
            if span is not None:
                assert text[span.start : span.end] == span.text
        out.append((
            cue.words.text,
            speaker.mention.text if speaker.mention else None,
            speaker.relative.text if speaker.relative else None,
        ))
    return out


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ("The harbour was dredged last spring, said Ola Brandt, who added that the cranes were idle.",
         [("said", "Ola Brandt", None), ("added", "Ola Brandt", "who")]),
        ("Fares will rise, according to the ferry board, which said that fuel costs had doubled.",
         [("according to", "the ferry board", None), ("said", "the ferry board", "which")]),
        # Negative: "who" heads a clause that is not the cue; the cue's subject has no relative pronoun.
        ("Ola Brandt, who runs the port, said the cranes were idle.", [("said", "Ola Brandt", None)]),
    ],
    ids=["who-added", "which-said", "relative-clause-not-the-cue"],
)
def test_cues_speaker_of_relative_pronoun(nlp, text, expected):
    assert _speakers(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        # A caption line above: the parser makes it the subject across the blank line.
        ("Mara Quist, staff photographer\n\nPort director Ivo Brandt says the cranes are idle.",
         [("says", "Ivo Brandt", None)]),
        ("( MARA QUIST )\n\nDock worker Ivo Brandt, 56, says the new cranes have helped.",
         [("says", "Ivo Brandt", None)]),
        # Negative: one line break (hard-wrapped text) is no paragraph break; the parse is kept.
        ("Mara Quist, staff photographer\nPort director Ivo Brandt says the cranes are idle.",
         [("says", "Mara Quist", None)]),
    ],
    ids=["caption-line", "credit-line", "single-newline-kept"],
)
def test_cues_speaker_of_stays_in_its_paragraph(nlp, text, expected):
    assert _speakers(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        # A closing quote mark the parser made a subject; the phrase stops at the relative clause's comma.
        ("“We sell local comics,’’ says the founder of Gull Press, which opened in May.",
         [("says", "the founder of Gull Press", None)]),
        # Inverted cue with a particle: the parser reads the speaker as the object.
        ("“It is a small market,” points out the shop owner, who moved here in 2009.",
         [("points out", "the shop owner", None)]),
        # Negative: a participle's object is its addressee, never the speaker.
        ("“It is a small market,” Ivo Brandt said, telling the shop owner that sales had doubled.",
         [("said", "Ivo Brandt", None), ("telling", "Ivo Brandt", None)]),
    ],
    ids=["quote-mark-subject", "inverted-object", "participle-object-is-addressee"],
)
def test_cues_speaker_of_inverted_cue(nlp, text, expected):
    assert _speakers(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ("One Liberal, MP Dana Okafor, said the bill would pass.", [("said", "Dana Okafor", None)]),
        ("The port's director, Mara Quist, said the cranes were idle.", [("said", "Mara Quist", None)]),
        # Negative: a title after a clause and a colon is not in apposition to the speaker.
        ("“It takes months,” says the self-taught illustrator, who sold copies of his comic: The Lost Harbour, "
         "a war story.", [("says", "the self-taught illustrator", None)]),
    ],
    ids=["group-then-person", "role-then-name", "title-after-clause"],
)
def test_cues_speaker_of_apposition(nlp, text, expected):
    assert _speakers(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Harbour fees will double, according to a Tidewater Gazette report.",
         [("according to", "Tidewater Gazette", None), ("report", "Tidewater Gazette", None)]),
        ("Fees will double, according to a speech Mayor Ivo Brandt gave on Monday.",
         [("according to", "Ivo Brandt", None), ("speech", "Ivo Brandt", None)]),
        ("The port flooded twice, according to dock insiders.", [("according to", "dock insiders", None)]),
        ("It was a series of posts that included one saying that the port should close.",
         [("posts", None, None), ("saying", "one", None)]),
        # Negative: the clause after "report that" is what was reported, not who reported it.
        ("Brandt seized on a Tidewater Gazette report that Quist had lost the vote.",
         [("report", "Tidewater Gazette", None)]),
    ],
    ids=["outlet-report", "speech-by", "according-to-insiders", "one-saying", "content-clause-not-source"],
)
def test_cues_speaker_of_statement_nouns(nlp, text, expected):
    assert _speakers(nlp, text) == expected


def _parsed(words, heads, deps, pos):
    """A hand-built parse (the shape of a real parser slip), so the case does not depend on a model."""
    import spacy
    from spacy.tokens import Doc

    lemmas = ["say" if w == "said" else w.lower() for w in words]
    tags = ["VBD" if w == "said" else "" for w in words]
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, tags=tags)


_TITLE_WORDS = ["“", "It", "is", "right", ",", "”", "Brandt", ",", "a", "mayor", ",", "said", "on",
                "“", "Dock", "Talk", ".", "”"]
_TITLE_HEADS = [2, 2, 11, 2, 11, 11, 3, 6, 9, 6, 11, 11, 11, 15, 15, 11, 11, 11]
_TITLE_DEPS = ["punct", "nsubj", "ccomp", "acomp", "punct", "punct", "appos", "punct", "det", "appos", "punct",
               "ROOT", "prep", "punct", "compound", "nsubj", "punct", "punct"]
_TITLE_POS = ["PUNCT", "PRON", "AUX", "ADJ", "PUNCT", "PUNCT", "PROPN", "PUNCT", "DET", "NOUN", "PUNCT",
              "VERB", "ADP", "PUNCT", "PROPN", "PROPN", "PUNCT", "PUNCT"]


@pytest.mark.parametrize(
    "quoted_title, expected",
    [
        (True, ("said", "Brandt", None)),  # the parser's subject is a show title in quotes: not the speaker
        (False, ("said", "Dock Talk", None)),  # negative: unquoted, the parser's subject is kept
    ],
    ids=["title-in-quotes", "unquoted-subject-kept"],
)
def test_cues_speaker_of_subject_in_quote_marks(quoted_title, expected):
    words = list(_TITLE_WORDS)
    if not quoted_title:
        words[13], words[17] = "(", ")"
    doc = _parsed(words, _TITLE_HEADS, _TITLE_DEPS, _TITLE_POS)
    cue = next(c for c in find_cues(doc) if c.words.text == "said")
    speaker = speaker_of(cue)
    assert doc.text[speaker.mention.start : speaker.mention.end] == speaker.mention.text
    assert (cue.words.text, speaker.mention.text, None) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ("“Put the pans away,” scolded Ola Brandt.", [("scolded", "Ola Brandt", None)]),
        ("“Confidence matters most,” echoes the trainer.", [("echoes", "the trainer", None)]),
        ("She picked up the rose and crowed, “It is mine.”", [("crowed", "She", None)]),
    ],
    ids=["scolded", "echoes", "crowed"],
)
def test_cues_manner_of_speaking_verbs(nlp, text, expected):
    assert _speakers(nlp, text) == expected


@pytest.mark.model
def test_cues_echo_without_speech_is_no_quote(nlp):
    from quotegraph.nlp.indirect import extract_indirect

    doc = nlp("The empty hall echoed with cheers all night.")
    assert list(extract_indirect(doc, direct=[])) == []


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ("The ad shows footage of Ivo Brandt asking, “Why are the cranes idle?”",
         [("asking", "Ivo Brandt", None)]),
        ("The committee forced Ola Brandt, who runs the port, to admit that the cranes had failed.",
         [("admit", "Ola Brandt", None)]),
        # Negatives: a verb's object with a participle is reported by the verb's subject; a date is no speaker.
        ("Quist often quotes Ivo Brandt saying that the port is the heart of the city.",
         [("saying", "Quist", None)]),
        ("The ad shows footage of Tuesday asking viewers to vote.", [("asking", "The ad", None)]),
    ],
    ids=["footage-of-name-asking", "forced-to-admit", "quotes-x-saying", "date-before-participle"],
)
def test_cues_speaker_of_participles_and_control(nlp, text, expected):
    assert _speakers(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        # The parser makes the quoted words the subject; the name before them speaks.
        ("Dock worker Ola Brandt, who lost 16 lbs. “and a belt size” between May and October, says the program "
         "changed his life.", [("says", "Ola Brandt", None)]),
        # Negative: after "told" the object is the one spoken to, so no speaker is made up from it.
        ("Without meaning a word of it, told Tracy she was “one of the best.”", [("told", None, None)]),
    ],
    ids=["quoted-words-as-subject", "told-object-is-addressee"],
)
def test_cues_speaker_of_parser_slips(nlp, text, expected):
    assert _speakers(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        # The parser puts the subject inside the quote and ")" stands before the cue: the name before speaks.
        ('"He would be a great mayor. Not good, great. One of the brightest people in the entire city," '
         "Rep. Ola Brandt (D-Md.) said in a phone interview.", "Ola Brandt"),
        # Negative: a well-parsed cue keeps its own subject.
        ('"The cranes are idle," Ola Brandt said on Monday.', "Ola Brandt"),
    ],
    ids=["subject-inside-quote", "plain"],
)
def test_cues_direct_quote_speaker_outside_the_quote(nlp, text, expected):
    from quotegraph.nlp.direct import extract_direct

    quotes = list(extract_direct(nlp(text)))
    mention = quotes[0].speaker.mention
    assert text[mention.start : mention.end] == mention.text == expected
