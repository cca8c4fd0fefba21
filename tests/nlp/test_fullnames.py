"""Full names for lone surnames, on text we wrote."""

from __future__ import annotations

import pytest

from quotegraph.model import Quote, QuoteKind, Speaker, SpeakerKind, make_entity_id
from quotegraph.nlp.fullnames import complete_names


def quote_by(name: str, kind: SpeakerKind = SpeakerKind.PERSON) -> Quote:
    speaker = Speaker(name, entity_id=make_entity_id(kind, name), kind=kind)
    return Quote("a", "a:0-5", '"Yes"', 0, 5, QuoteKind.DIRECT, speaker)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        pytest.param("Megan Zorvath filed it. Zorvath said so.", "Zorvath", "Megan Zorvath", id="first-name-given"),
        pytest.param("President Zorvath spoke. Zorvath said so.", "Zorvath", "Zorvath", id="title-is-no-name"),
        pytest.param("Ann Zorvath and Bo Zorvath came. Zorvath said so.", "Zorvath", "Zorvath", id="two-first-names"),
        pytest.param("Zorvath said so.", "Zorvath", "Zorvath", id="no-first-name"),
        pytest.param("Perhaps Zorvath should wait. Zorvath said so.", "Zorvath", "Zorvath", id="adverb-is-no-name"),
        pytest.param("Meanwhile Zorvath left. Ngozi Zorvath said so.", "Zorvath", "Ngozi Zorvath",
                     id="rare-first-name-beside-adverb"),
        pytest.param("Grace Zorvath filed it. Zorvath said so.", "Zorvath", "Grace Zorvath", id="common-word-first-name"),
        pytest.param("Justin Trudeau  Trudeau urged calm.", "Justin Trudeau Trudeau", "Justin Trudeau",
                     id="doubled-surname"),
    ],
)
def test_fullnames_complete_lone_surnames(text: str, name: str, expected: str) -> None:
    [quote] = complete_names([quote_by(name)], texts={"a": text})
    assert quote.speaker.name == expected
    assert quote.speaker.entity_id == make_entity_id(SpeakerKind.PERSON, expected)


def test_fullnames_leave_organisations_alone() -> None:
    [quote] = complete_names([quote_by("Trust", SpeakerKind.ORGANISATION)], texts={"a": "Harbour Trust said so."})
    assert quote.speaker.name == "Trust"
