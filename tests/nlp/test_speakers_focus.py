"""Documents credited to their authors, epithets for the person in focus, short names of bodies (issue 13, §5).

Every text here is our own writing. Each rule has a case where it applies and one where it must not.
"""

from __future__ import annotations

import pytest

from quotegraph.model import Quote, QuoteKind, Resolution, Speaker, TextSpan
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
    ],
    ids=["short-name-of-a-body", "body-noun-with-a-word-of-its-name", "body-noun-alone-takes-the-last",
         "place-based-body-noun"],
)
def test_speakers_body_names(nlp, text, content, mention, expected):
    assert _last_speaker(nlp, text, content, mention).name == expected
