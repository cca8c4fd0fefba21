"""Speaker gender on text we wrote: each evidence path, conflicts, ambiguity, non-people."""

from __future__ import annotations

import logging

import pytest

from quotegraph.model import Quote, QuoteKind, Resolution, Speaker, SpeakerKind, TextSpan, make_entity_id
from quotegraph.nlp.gender import assign_genders, first_name_gender


def said(doc_id: str, text: str, name: str, *, mention: str | None = None, quote: str,
         kind: SpeakerKind = SpeakerKind.PERSON, role: str | None = None) -> Quote:
    """A quote of ``text`` spoken by ``name``, named in the text by ``mention`` (its first occurrence)."""
    start = text.index(quote)
    span = None
    if mention is not None:
        at = text.index(mention, start + len(quote)) if mention in text[start + len(quote):] else text.index(mention)
        span = TextSpan.of(text, at, at + len(mention))
    speaker = Speaker(name, span, make_entity_id(kind, name), kind, role=role, resolution=Resolution.SUBJECT)
    return Quote(doc_id, f"{doc_id}:{start}-{start + len(quote)}", quote, start, start + len(quote),
                 QuoteKind.DIRECT, speaker)


def genders(quotes: list[Quote], texts: dict[str, str], **options: str) -> list[tuple[str | None, str | None]]:
    result = assign_genders(quotes, texts=texts, **options)
    return [(q.speaker.gender, q.speaker.gender_evidence) for q in result.quotes]


# Each text names its person with a first name no dictionary knows ("Tamsin Oduya"
# is ours, "Zorvath" is not a name at all), so only the text evidence can decide.
EVIDENCE_CASES = [
    pytest.param('Zorvath Keel spoke last. "We are ready," she said.', "she", None, ("female", "pronoun"),
                 id="pronoun-she"),
    pytest.param('Zorvath Keel spoke last. "We are ready," he said.', "he", None, ("male", "pronoun"),
                 id="pronoun-he"),
    pytest.param('"We are ready," said Ms. Keel, who chairs the board.', "Ms. Keel", None,
                 ("female", "honorific"), id="honorific-mention"),
    pytest.param('Zorvath Keel chairs the board. "We are ready," Keel said. Mr. Keel left.', "Keel", None,
                 ("male", "honorific"), id="honorific-in-text"),
    pytest.param('Mr. and Mrs. Keel run the shop. "We are ready," Keel said.', "Keel", None,
                 ("female", "honorific"), id="honorific-only-right-before-the-name"),
    pytest.param('"We are ready," the spokeswoman said.', "the spokeswoman", None, ("female", "role"),
                 id="role-mention"),
    pytest.param('"We are ready," Zorvath Keel said.', "Zorvath Keel", "chairman", ("male", "role"),
                 id="role-of-speaker"),
    pytest.param('Zorvath Keel, the mother of two of the players, was there. "We are ready," Keel said.',
                 "Keel", None, ("female", "role"), id="role-apposition-mother-of"),
    pytest.param('"We are ready," Keel said. Keel said she would stay.', "Keel", None, ("female", "pronoun"),
                 id="pronoun-said-she"),
    pytest.param('"We are ready," Keel said. Keel found himself alone.', "Keel", None, ("male", "pronoun"),
                 id="pronoun-reflexive"),
]


@pytest.mark.parametrize(("text", "mention", "role", "expected"), EVIDENCE_CASES)
def test_gender_evidence_paths(text: str, mention: str, role: str | None, expected: tuple[str, str]) -> None:
    name = "Zorvath Keel" if "Zorvath" in text else ("a spokeswoman" if "spokeswoman" in text else "Keel")
    quote = said("a", text, name, mention=mention, quote='"We are ready,"', role=role)
    assert genders([quote], {"a": text}) == [expected]


@pytest.mark.parametrize(
    ("name", "expected"),
    [pytest.param("Olena", "female", id="ukrainian-f"), pytest.param("Mykhailo", "male", id="ukrainian-m"),
     pytest.param("Priya", "female", id="south-asian-f"), pytest.param("Kim", None, id="ambiguous-kim"),
     pytest.param("Jordan", None, id="ambiguous-jordan"), pytest.param("Zorvath", None, id="unknown")],
)
def test_gender_first_name_lookup(name: str, expected: str | None) -> None:
    assert first_name_gender(name) == expected


def test_gender_name_evidence_when_text_is_silent() -> None:
    text = '"We are ready," Olena Marchuk said.'
    quote = said("a", text, "Olena Marchuk", mention="Olena Marchuk", quote='"We are ready,"')
    assert genders([quote], {"a": text}) == [("female", "name")]
    assert genders([quote], {"a": text}, mode="text") == [("unknown", None)]
    assert genders([quote], {"a": text}, mode="off") == [("unknown", None)]


def test_gender_ambiguous_first_name_stays_unknown() -> None:
    text = '"We are ready," Kim Oduya said.'
    quote = said("a", text, "Kim Oduya", mention="Kim Oduya", quote='"We are ready,"')
    assert genders([quote], {"a": text}) == [("unknown", None)]


def test_gender_text_beats_name_and_logs_the_conflict(caplog: pytest.LogCaptureFixture) -> None:
    text = 'John Abara spoke first. "We are ready," she said.'
    quote = said("a", text, "John Abara", mention="she", quote='"We are ready,"')
    with caplog.at_level(logging.DEBUG, logger="quotegraph.nlp.gender"):
        assert genders([quote], {"a": text}) == [("female", "pronoun")]
    assert any("first name says male" in r.getMessage() and r.levelno == logging.DEBUG for r in caplog.records)


@pytest.mark.parametrize("kind", [SpeakerKind.ORGANISATION, SpeakerKind.PLACE, SpeakerKind.GROUP])
def test_gender_never_for_non_people(kind: SpeakerKind) -> None:
    text = 'Maria Hall Trust spoke. "We are ready," she said. Ms. Trust agreed.'
    quote = said("a", text, "Maria Hall Trust", mention="she", quote='"We are ready,"', kind=kind)
    assert genders([quote], {"a": text}) == [(None, None)]


def test_gender_unknown_speaker_has_none() -> None:
    quote = Quote("a", "a:0-5", '"Yes"', 0, 5, QuoteKind.DIRECT, Speaker.unknown())
    assert genders([quote], {"a": '"Yes"'}) == [(None, None)]


def test_gender_one_person_two_articles_she_once_name_only_once() -> None:
    first = 'Tamsin Zorvath opened the hearing. "We are ready," she said.'
    second = '"Prices will rise," Tamsin Zorvath said on Tuesday.'
    quotes = [said("a", first, "Tamsin Zorvath", mention="she", quote='"We are ready,"'),
              said("b", second, "Tamsin Zorvath", mention="Tamsin Zorvath", quote='"Prices will rise,"')]
    result = assign_genders(quotes, texts={"a": first, "b": second})
    assert [(q.speaker.gender, q.speaker.gender_evidence) for q in result.quotes] == [("female", "pronoun")] * 2
    assert result.votes == {"person:tamsin-zorvath": {"female": 1, "male": 0}}


def test_gender_corpus_majority_of_articles_decides() -> None:
    pronouns = {"a": "she", "b": "she", "c": "he"}
    texts = {d: f'Ren Zorvath spoke. "Yes {d}," {p} said.' for d, p in pronouns.items()}
    quotes = [said(d, t, "Ren Zorvath", mention=pronouns[d], quote=f'"Yes {d},"') for d, t in texts.items()]
    result = assign_genders(quotes, texts=texts)
    assert {q.speaker.gender for q in result.quotes} == {"female"}
    assert result.votes["person:ren-zorvath"] == {"female": 2, "male": 1}


def test_gender_tied_articles_stay_unknown() -> None:
    pronouns = {"a": "she", "b": "he"}
    texts = {d: f'Ren Zorvath spoke. "Yes {d}," {p} said.' for d, p in pronouns.items()}
    quotes = [said(d, t, "Ren Zorvath", mention=pronouns[d], quote=f'"Yes {d},"') for d, t in texts.items()]
    assert {q.speaker.gender for q in assign_genders(quotes, texts=texts).quotes} == {"unknown"}


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        pytest.param('Heather and Zorvath cooked. "We are ready," Heather said.', "Heather",
                     ("female", "name"), id="lone-first-name"),
        pytest.param('Megan Zorvath filed it. "We are ready," Zorvath said.', "Zorvath",
                     ("female", "name"), id="lone-surname-first-name-from-article"),
        pytest.param('Megan Zorvath and Paul Zorvath filed it. "We are ready," Zorvath said.', "Zorvath",
                     ("unknown", None), id="lone-surname-two-first-names"),
        pytest.param('Sarah Heather filed it. "We are ready," Heather said.', "Heather",
                     ("female", "name"), id="surname-that-is-a-first-name-uses-the-first-name"),
    ],
)
def test_gender_lone_names(text: str, name: str, expected: tuple[str, str | None]) -> None:
    quote = said("a", text, name, mention=name, quote='"We are ready,"')
    assert genders([quote], {"a": text}) == [expected]


def test_gender_apposition_stops_at_a_relative_clause() -> None:
    text = 'Zorvath Keel, whose mother was there, spoke. "We are ready," Keel said.'
    quote = said("a", text, "Zorvath Keel", mention="Keel", quote='"We are ready,"')
    assert genders([quote], {"a": text}) == [("unknown", None)]


def test_gender_rejects_unknown_mode() -> None:
    with pytest.raises(ValueError, match="text\\+names"):
        assign_genders([], texts={}, mode="guess")


def test_gender_shard_scan_agrees_with_search(monkeypatch: pytest.MonkeyPatch) -> None:
    import quotegraph.nlp.first_names as first_names

    names = ["Olena", "Mykhailo", "Kim", "Zorvath", "Priya", "Jordan", "José", "Zoë"]
    monkeypatch.setattr(first_names, "_MEMO", {})
    searched = first_names.first_name_genders(names)
    monkeypatch.setattr(first_names, "_MEMO", {})
    monkeypatch.setattr(first_names, "_SCAN_ABOVE", 0)
    assert first_names.first_name_genders(names) == searched
    assert (searched["Olena"], searched["Kim"], searched["José"]) == ("female", None, None)
    assert first_names._MEMO["josé"] == ("M", 0.89)  # found (written \u00e9 in WGND), but 11% of Josés are women
