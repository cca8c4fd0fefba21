"""The speaker across the article (issue 13, section 5): current speaker, salience, nominals, variants.

Every text here is our own writing. Each rule has a case where it applies and one where it must not.
"""

from __future__ import annotations

import pytest

from quotegraph.model import Quote, QuoteKind, Resolution, Speaker, TextSpan
from quotegraph.nlp.name_spans import in_credit
from quotegraph.nlp.speakers import resolve_speakers

pytestmark = [pytest.mark.model, pytest.mark.filterwarnings("ignore:.*W007")]


def _quotes(text: str, parts: list[tuple[str, str | None]]) -> list[Quote]:
    """(quoted words, mention words or None): None is a cue-less quote, not a marked continuation."""
    quotes, cursor = [], 0
    for content, mention in parts:
        start = text.index(content, cursor)
        end = cursor = start + len(content)
        speaker = Speaker.unknown()
        if mention is not None:
            found = text.rfind(mention, 0, start)
            found = found if found >= 0 else text.index(mention, end)
            span = TextSpan.of(text, found, found + len(mention))
            speaker = Speaker(span.text, mention=span, resolution=Resolution.SUBJECT)
        kind = QuoteKind.DIRECT if text[start - 1 : start] == '"' else QuoteKind.INDIRECT
        quotes.append(Quote("t", f"t:{start}", text[start:end], start, end, kind, speaker))
    return quotes


def _speakers(nlp, text, parts, **options):
    return [q.speaker for q in resolve_speakers(nlp(text), _quotes(text, parts), **options)]


@pytest.mark.parametrize("use_coref", [True, False], ids=["coref", "rules"])
@pytest.mark.parametrize(
    ("text", "parts", "expected"),
    [
        (
            'Mayor Ruth Calloway opened the meeting. "We will rebuild," Calloway said.\n\n'
            '"The money is there."',
            [("We will rebuild,", "Calloway"), ("The money is there.", None)],
            "Ruth Calloway",
        ),
        (
            '"We will rebuild," Mayor Ruth Calloway said.\n\nCouncillor Tomas Reyes disagreed with the plan.\n\n'
            '"The money is not there."',
            [("We will rebuild,", "Mayor Ruth Calloway"), ("The money is not there.", None)],
            "Tomas Reyes",
        ),
        (
            '"We will rebuild," Mayor Ruth Calloway said.\n\nShe met Premier Dana Whitlock on Monday.\n\n'
            '"The money is there."',
            [("We will rebuild,", "Mayor Ruth Calloway"), ("The money is there.", None)],
            "Ruth Calloway",
        ),
        (
            "The bridge closed in May.\n\n\"Nobody told us.\"",
            [("Nobody told us.", None)],
            "unknown",
        ),
    ],
    ids=["keeps-the-floor", "someone-else-introduced", "mentioned-in-passing-not-introduced", "nobody-speaking"],
)
def test_speakers_current_speaker(nlp, text, parts, expected, use_coref):
    speaker = _speakers(nlp, text, parts, use_coref=use_coref)[-1]
    assert speaker.name == expected
    if expected != "unknown":
        assert speaker.resolution is Resolution.CONTINUATION
        assert speaker.mention is not None and expected.endswith(speaker.mention.text.split()[-1])


@pytest.mark.parametrize(
    ("text", "parts", "expected"),
    [
        (
            '"We are ready," said Tomas Reyes. Peter Okafor took the stage next. He said the vote would wait.',
            [("We are ready,", "Tomas Reyes"), ("the vote would wait", "He")],
            "Peter Okafor",
        ),
        (
            '"We are ready," said Tomas Reyes. The union had met Peter Okafor on Monday. He said the vote would wait.',
            [("We are ready,", "Tomas Reyes"), ("the vote would wait", "He")],
            "Tomas Reyes",
        ),
        (
            "Tom Ellery at his farm near Alder Bay. (Steve Lawrence/Courier)\n\n\"I will keep fighting,\" he said.",
            [("I will keep fighting,", "he")],
            "Tom Ellery",
        ),
    ],
    ids=["new-subject-takes-the-floor", "object-does-not", "never-a-photo-credit"],
)
def test_speakers_pronoun_salience(nlp, text, parts, expected):
    assert _speakers(nlp, text, parts, use_coref=False)[-1].name == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tom Ellery at his farm. (Steve Lawrence/Courier)", ("Steve Lawrence", True)),
        ("Tom Ellery at his farm. (Photo: Steve Lawrence)", ("Steve Lawrence", True)),
        ("The farmer (Steve Lawrence, 54) sold the land.", ("Steve Lawrence", False)),
    ],
    ids=["slash-credit", "photo-credit", "bracketed-apposition"],
)
def test_speakers_in_credit(nlp, text, expected):
    doc = nlp(text)
    start = text.index(expected[0])
    span = doc.char_span(start, start + len(expected[0]))
    assert in_credit(span) is expected[1]


@pytest.mark.parametrize(
    ("text", "parts", "expected"),
    [
        (
            'Brookfield Transit raised fares on Monday. "We will appeal," the company told the Courier.',
            [("We will appeal,", "the company")],
            ("Brookfield Transit", "organisation"),
        ),
        (
            'Fares rose on Monday. "We will appeal," the company told the Courier.',
            [("We will appeal,", "the company")],
            ("the company", "organisation"),
        ),
        (
            "The Harbour Transit Authority met on Monday. Later, the HTA said that fares would rise.",
            [("fares would rise", "the HTA")],
            ("Harbour Transit Authority", "organisation"),
        ),
        (
            "Fares rose on Monday. Later, the HTA said that fares would rise again.",
            [("fares would rise again", "the HTA")],
            ("HTA", "organisation"),
        ),
        (
            "The Brookfield Tenants' Union said that rents would be frozen.",
            [("rents would be frozen", "The Brookfield Tenants' Union")],
            ("Brookfield Tenants' Union", "organisation"),
        ),
        (
            "Brookfield Transit said that buses would run on Sunday.",
            [("buses would run on Sunday", "Brookfield Transit")],
            ("Brookfield Transit", "organisation"),
        ),
        (
            "Dock workers joined the Haldport Dockers' Union in May. Their union said that the strike would go on.",
            [("the strike would go on", "Their union")],
            ("Haldport Dockers' Union", "organisation"),
        ),
    ],
    ids=["the-company", "the-company-nothing-named", "acronym", "acronym-unexpanded", "union-kept-whole",
         "transit-company-not-a-person", "their-union"],
)
def test_speakers_organisations(nlp, text, parts, expected):
    speaker = _speakers(nlp, text, parts, use_coref=False)[-1]
    assert (speaker.name, speaker.kind.value) == expected


@pytest.mark.parametrize(
    ("text", "parts", "expected"),
    [
        (
            "Councillor Maria Gonzalez opened the hearing. Later, Maria Gonzalez said that the vote would wait.",
            [("the vote would wait", "Maria Gonzalez")],
            ("Maria Gonzalez", "Councillor", None),
        ),
        (
            "Anne-Marie Leduc chairs the board. Leduc said that the vote would wait.",
            [("the vote would wait", "Leduc")],
            ("Anne-Marie Leduc", None, None),
        ),
        (
            "Reilly's chief of staff, Anita Kowalski, said that the mayor would not run.",
            [("the mayor would not run", "Anita Kowalski")],
            ("Anita Kowalski", "chief of staff", "Reilly"),
        ),
        (
            "The city's education director, Robert Haines, said that schools would reopen.",
            [("schools would reopen", "Robert Haines")],
            ("Robert Haines", "education director", None),
        ),
        (
            "Robert Haines, who lives in Alder Bay, said that schools would reopen.",
            [("schools would reopen", "Robert Haines")],
            ("Robert Haines", None, None),
        ),
    ],
    ids=["title-stripped-into-role", "hyphenated-first-name", "role-after-possessive", "role-after-city-possessive",
         "no-role"],
)
def test_speakers_name_variants_and_roles(nlp, text, parts, expected):
    speaker = _speakers(nlp, text, parts, use_coref=False)[-1]
    assert (speaker.name, speaker.role, speaker.organisation) == expected


@pytest.mark.parametrize(
    ("text", "parts", "expected"),
    [
        (
            "Wait times doubled. A hospital spokesperson said that more nurses were hired.",
            [("more nurses were hired", "A hospital spokesperson")],
            ("a hospital spokesperson", "description"),
        ),
        (
            "Games were cancelled. The league commissioner said that the season would resume.",
            [("the season would resume", "The league commissioner")],
            ("the league commissioner", "description"),
        ),
        (
            "Commissioner Ron Abernathy met the owners. The commissioner said that the season would resume.",
            [("the season would resume", "The commissioner")],
            ("Ron Abernathy", "nominal"),
        ),
    ],
    ids=["indefinite-description", "definite-nothing-fits", "definite-fits-a-named-person"],
)
def test_speakers_nominals(nlp, text, parts, expected):
    speaker = _speakers(nlp, text, parts, use_coref=False)[-1]
    assert (speaker.name, speaker.resolution.value) == expected


@pytest.mark.parametrize(
    ("text", "parts", "expected"),
    [
        (
            "The Alder Bay Transit Commission reviewed the fares. It said that prices would rise.",
            [("prices would rise", "It")],
            ("Alder Bay Transit Commission", "organisation"),
        ),
        (
            "Fares were reviewed on Monday. It said that prices would rise.",
            [("prices would rise", "It")],
            ("unknown", "unknown"),
        ),
        (
            "The lawsuit was filed by Tom Ellery in May. The lawsuit alleges that the club ignored the warnings.",
            [("the club ignored the warnings", "The lawsuit")],
            ("Tom Ellery", "person"),
        ),
        (
            "Oona Fairweather scored twice. Oona Fairweather thanked the fans. Coach Tobias Lenk watched. The arena was loud. "
            "The crowd sang. The lights dimmed. "
            "The 26-year-old said that the team was ready.",
            [("the team was ready", "The 26-year-old")],
            ("Oona Fairweather", "person"),
        ),
        (
            "Referendum backers rallied in Alder Bay. Referendum backers say that the vote is overdue.",
            [("the vote is overdue", "Referendum backers")],
            ("referendum backers", "group"),
        ),
    ],
    ids=["it-the-body-named-before", "it-nothing-named", "document-credited-to-its-filer", "age-stands-for-main-person",
         "plural-described-group"],
)
def test_speakers_bodies_documents_groups(nlp, text, parts, expected):
    speaker = _speakers(nlp, text, parts, use_coref=False)[-1]
    assert (speaker.name, speaker.kind.value) == expected
