"""Documents credited to their authors, epithets for the person in focus, short names of bodies (issue 13, §5).

Every text here is our own writing. Each rule has a case where it applies and one where it must not.
"""

from __future__ import annotations

import pytest

from quotegraph.model import Quote, QuoteKind, Resolution, Speaker, TextSpan
from quotegraph.nlp.name_spans import in_caption
from quotegraph.nlp.people import People
from quotegraph.nlp.roles import MentionLexicons
from quotegraph.nlp.speakers import resolve_speakers

pytestmark = [pytest.mark.model, pytest.mark.filterwarnings("ignore:.*W007")]


def _last_speaker(nlp, text: str, content: str, mention: str) -> Speaker:
    start = text.index(content)
    found = text.rfind(mention, 0, start)
    span = TextSpan.of(text, found, found + len(mention))
    speaker = Speaker(span.text, mention=span, resolution=Resolution.SUBJECT)
    quote = Quote("t", "t:q", content, start, start + len(content), QuoteKind.INDIRECT, speaker)
    return resolve_speakers(nlp(text), [quote], use_coref=False)[-1].speaker


@pytest.mark.parametrize(
    ("text", "content", "mention", "expected"),
    [
        (
            "A study by the Alder Bay Transit Commission was published on Monday. "
            "The study says that fares will rise by a third.",
            "fares will rise by a third", "The study", "Alder Bay Transit Commission",
        ),
        (
            "Mayor Ruth Calloway wrote in a letter to residents that the pool would reopen. "
            "The letter also says that the library will close in June.",
            "the library will close in June", "The letter", "Ruth Calloway",
        ),
        (
            "The Alder Bay Transit Commission released a survey on Monday. "
            "The survey says that most riders want later buses.",
            "most riders want later buses", "The survey", "Alder Bay Transit Commission",
        ),
        (
            "The lawsuit was filed in May. The lawsuit alleges that the club ignored the warnings.",
            "the club ignored the warnings", "The lawsuit", "the lawsuit",
        ),
        (
            "A memo obtained by The Globe and Mail was sent to staff on Friday. "
            "The memo says that two stores will close.",
            "two stores will close", "The memo", "the memo",
        ),
    ],
    ids=["study-by-a-body", "written-in-a-letter", "body-released-it", "no-author-named", "outlet-is-no-author"],
)
def test_speakers_document_author(nlp, text, content, mention, expected):
    assert _last_speaker(nlp, text, content, mention).name == expected


@pytest.mark.parametrize(
    ("text", "content", "mention", "expected"),
    [
        (
            "Coach Tobias Lenk praised the defence. Oona Fairweather scored twice on Sunday. "
            "The 24-year-old forward said that the team was ready.",
            "the team was ready", "The 24-year-old forward", "Oona Fairweather",
        ),
        (
            "Dana Whitlock spoke at a high school in Milton on Thursday. "
            "The premier said that class sizes would not grow.",
            "class sizes would not grow", "The premier", "Dana Whitlock",
        ),
        (
            "Councillor Tomas Reyes spoke first at the meeting. The mayor said that the budget was balanced.",
            "the budget was balanced", "The mayor", "the mayor",
        ),
    ],
    ids=["age-epithet-is-the-subject-just-named", "title-fits-the-subject", "title-contradicts-known-role"],
)
def test_speakers_person_in_focus(nlp, text, content, mention, expected):
    assert _last_speaker(nlp, text, content, mention).name == expected


@pytest.mark.parametrize(
    ("text", "content", "mention", "expected"),
    [
        (
            "Northgate Mining Corporation closed the mine in May. Northgate said that the workers would be paid.",
            "the workers would be paid", "Northgate", "Northgate Mining Corporation",
        ),
        (
            "Harbour Rail Company laid off 40 workers. Tidewater Freight Company bought its yards. "
            "The rail company said that the layoffs were planned.",
            "the layoffs were planned", "The rail company", "Harbour Rail Company",
        ),
        (
            "Harbour Rail Company laid off 40 workers. Tidewater Freight Company bought its yards. "
            "The company said that the layoffs were planned.",
            "the layoffs were planned", "The company", "Tidewater Freight Company",
        ),
        (
            "Prairie Northern Railway cut its winter service. "
            "The Calgary-based railway said that the cold slows its trains.",
            "the cold slows its trains", "The Calgary-based railway", "Prairie Northern Railway",
        ),
        (
            "Northgate Mining Corporation closed the mine in May. Northgate Council said that the workers would be paid.",
            "the workers would be paid", "Northgate Council", "Northgate Council",
        ),
        (
            "Northgate Mining Corporation closed the mine in May. Northgate hired a lawyer. "
            "The company said that the workers would be paid.",
            "the workers would be paid", "The company", "Northgate Mining Corporation",
        ),
        (
            "The Harbour Transit Authority declined to discuss its contract with Brookfield Energy. "
            "It said that the talks were private.",
            "the talks were private", "It", "Harbour Transit Authority",
        ),
        (
            "Questions went to the Harbour Transit Authority about its contract with Brookfield Energy. "
            "It said that the talks were private.",
            "the talks were private", "It", "Brookfield Energy",
        ),
        (
            "Republican senators are eager to go home, and they say that the bill can wait.",
            "the bill can wait", "they", "republican senators",
        ),
        (
            "The Harbour Transit Authority met on Monday. They said that fares would rise.",
            "fares would rise", "They", "unknown",
        ),
    ],
    ids=["short-name-of-a-body", "body-noun-with-a-word-of-its-name", "body-noun-alone-takes-the-last",
         "place-based-body-noun", "not-the-start-of-a-longer-name", "body-noun-to-the-full-name",
         "it-the-body-that-was-subject", "it-the-last-body-when-none-was-subject", "they-the-plural-subject",
         "they-no-plural-subject"],
)
def test_speakers_body_names(nlp, text, content, mention, expected):
    assert _last_speaker(nlp, text, content, mention).name == expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Mayor Ruth Calloway, left, and Dana Whitlock, centre, cut the ribbon on Monday.", "Dana Whitlock", True),
        ("Dana Whitlock is shown at the new library in Milton.", "Dana Whitlock", True),
        ("Ruth Calloway left the meeting early.", "Ruth Calloway", False),
        ("Dana Whitlock, who left the party in May, spoke first.", "Dana Whitlock", False),
        ("Ruth Calloway looks at the old photos on Monday. (Steve Lawrence/Courier)", "Ruth Calloway", True),
        ("Ruth Calloway spoke to the council on Monday (by video).", "Ruth Calloway", False),
    ],
    ids=["standing-positions", "is-shown", "left-as-a-verb", "left-in-a-relative-clause", "ends-in-a-photo-credit",
         "ends-in-other-brackets"],
)
def test_speakers_in_caption(nlp, text, name, expected):
    doc = nlp(text)
    start = text.index(name)
    assert (in_caption(doc.char_span(start, start + len(name))) is not None) is expected


@pytest.mark.parametrize(
    ("middle", "expected"),
    [
        ("Sofia Marquez, centre, poses for a photo at home.", "Nadia Ferris"),
        ("Sofia Marquez plays at home every afternoon.", "Sofia Marquez"),
    ],
    ids=["pictured-in-a-caption-never-speaks", "named-in-the-story-takes-the-floor"],
)
def test_speakers_caption_never_takes_the_floor(nlp, middle, expected):
    text = f'Nadia Ferris, a lawyer in Toronto, said that the fees are too high.\n\n{middle}\n\n"The rules are unfair," she said.'
    quotes = _quotes_of(text, [("the fees are too high", "Nadia Ferris"), ("The rules are unfair,", "she")])
    assert resolve_speakers(nlp(text), quotes, use_coref=False)[-1].speaker.name == expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Jean Whitmore led the study. Whitmore said she was surprised by the costs.", "Jean Whitmore", "female"),
        ("Jean Whitmore led the study. Whitmore was surprised by the costs.", "Jean Whitmore", "male"),
        ("Peter Whitmore met Hannah Ward. Whitmore said she did not have to be perfect.", "Peter Whitmore", "male"),
    ],
    ids=["text-over-a-weak-first-name", "first-name-when-text-is-silent", "one-pronoun-not-enough-against-a-clear-name"],
)
def test_speakers_gender_from_the_article(nlp, text, name, expected):
    people = People.build(nlp(text), MentionLexicons.load("en"))
    assert people.by_name[name].gender == expected


@pytest.mark.parametrize(
    ("middle", "expected"),
    [
        ("Later, Mila Ostrow insisted that art matters. ", "Mila Ostrow"),
        ("", "the laid-back Cambridge resident"),
    ],
    ids=["epithet-goes-to-the-person-in-focus", "epithet-repeats-a-description-when-no-one-is-in-focus"],
)
def test_speakers_epithet_after_a_description(nlp, middle, expected):
    text = (
        "The laid-back Cambridge resident said that rents are too high. "
        f"{middle}The self-taught Cambridge resident said that panels take months."
    )
    parts = [
        ("rents are too high", "The laid-back Cambridge resident"),
        ("panels take months", "The self-taught Cambridge resident"),
    ]
    if middle:
        parts.insert(1, ("art matters", "Mila Ostrow"))
    quotes = _quotes_of(text, parts)
    assert resolve_speakers(nlp(text), quotes, use_coref=False)[-1].speaker.name == expected


def _quotes_of(text: str, parts: list[tuple[str, str]]) -> list[Quote]:
    quotes = []
    for content, mention in parts:
        start = text.index(content)
        found = text.rfind(mention, 0, start)
        found = found if found >= 0 else text.index(mention, start + len(content))
        span = TextSpan.of(text, found, found + len(mention))
        kind = QuoteKind.DIRECT if text[start - 1 : start] == '"' else QuoteKind.INDIRECT
        speaker = Speaker(span.text, mention=span, resolution=Resolution.SUBJECT)
        quotes.append(Quote("t", f"t:{start}", content, start, start + len(content), kind, speaker))
    return quotes
