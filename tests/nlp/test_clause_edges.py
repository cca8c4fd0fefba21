"""Content boundaries of reported clauses: trailing and coordinated clauses (issue 13 §2)."""

from __future__ import annotations

import pytest

from quotegraph.nlp.direct import extract_direct
from quotegraph.nlp.indirect import extract_indirect


def _contents(nlp, text):
    doc = nlp(text)
    return [(q.text, q.cue.text if q.cue else None) for q in extract_indirect(doc, direct=list(extract_direct(doc)))]


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Mira Holt says she hopes to win the seat, but she knows the count will be close.",
            [("she hopes to win the seat, but she knows the count will be close", "says")],
        ),
        (
            "Councillor Ames said she backs the levy because it keeps the pool open all winter.",
            [("she backs the levy because it keeps the pool open all winter", "said")],
        ),
        (
            "The warden said the trail is safe, although hikers should carry water in July.",
            [("the trail is safe, although hikers should carry water in July", "said")],
        ),
        (
            'The coach said the team was to blame for giving up on "the easy stuff, the dull stuff."',
            [('the team was to blame for giving up on "the easy stuff, the dull stuff."', "said")],
        ),
    ],
    ids=["but-own-subject", "because", "although", "cue-word-inside-quote-marks"],
)
def test_clause_edges_trailing_clauses_kept(nlp, text, expected):
    assert _contents(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The mayor said the bridge will reopen in May, and added that tolls would rise.",
            [("the bridge will reopen in May", "said"), ("that tolls would rise", "added")],
        ),
        (
            "The mayor told reporters the bridge will reopen in May, but would not say when the tolls start.",
            [("the bridge will reopen in May", "told")],
        ),
        (
            "Ms. Lund said the pressure on the top of the ticket would be intense — and she noted that any change would come late.",
            [
                ("the pressure on the top of the ticket would be intense", "said"),
                ("that any change would come late", "noted"),
            ],
        ),
    ],
    ids=["and-added-is-its-own-cue", "negated-refusal-is-not-content", "dash-and-noted-is-its-own-cue"],
)
def test_clause_edges_trailing_clauses_left_out(nlp, text, expected):
    assert _contents(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "In her memoir, the senator noted the leak's long history.",
            [("the leak's long history", "noted")],
        ),
        (
            "Residents described the new tower as a blight on the harbour.",
            [("the new tower as a blight on the harbour", "described")],
        ),
        ("The senator noted it.", []),
        ("Residents described a long and chaotic night.", []),
        ("The council announced an emergency fund for the harbour towns.", []),
        ("The senator thanked the volunteers of the harbour trust.", []),
        ("The senator said the whole thing.", []),
    ],
    ids=["noted-object", "described-as", "pronoun-object", "described-without-as", "announced-object", "not-a-reporting-verb", "say-object-is-not-content"],
)
def test_clause_edges_object_content(nlp, text, expected):
    assert _contents(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The chief said after the meeting he would not accept the board's offer if it were made.",
            [("he would not accept the board's offer if it were made", "said")],
        ),
        (
            "The mayor smiled when she said the bridge would reopen in May.",
            [("the bridge would reopen in May", "said")],
        ),
    ],
    ids=["clause-after-a-phrase-without-that", "when-clause-is-not-content"],
)
def test_clause_edges_unmarked_and_coordinated_cues(nlp, text, expected):
    assert _contents(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The van was meant to wait at the gate, but the guards drove her away before the police could follow, a source said.",
            [("The van was meant to wait at the gate, but the guards drove her away before the police could follow", "said")],
        ),
        (
            "The plant will close in June, the manager said.",
            [("The plant will close in June", "said")],
        ),
    ],
    ids=["coordinated-clauses-before-a-closing-cue", "single-clause-before-a-closing-cue"],
)
def test_clause_edges_leading_conjuncts(nlp, text, expected):
    assert _contents(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Ms. Varga later said she suspected Tomas was under the influence of wine — something a neighbour"
            " also told the officers before the ambulance arrived.",
            [
                (
                    "she suspected Tomas was under the influence of wine — something a neighbour also told the"
                    " officers before the ambulance arrived",
                    "said",
                )
            ],
        ),
        (
            "Ms. Varga later said she suspected Tomas was under the influence of wine. Something a neighbour"
            " also told the officers.",
            [("she suspected Tomas was under the influence of wine", "said")],
        ),
        (
            "The coach said the win brought back memories of his father, and of ''all the fans who stayed.''",
            [("the win brought back memories of his father, and of ''all the fans who stayed.''", "said")],
        ),
        (
            "The coach said the win brought back memories of his father. And of the fans he said nothing.",
            [("the win brought back memories of his father", "said")],
        ),
    ],
    ids=["apposition-across-head", "next-sentence", "and-of-phrase", "and-of-next-sentence"],
)
def test_clause_edges_content_runs_to_its_last_word(nlp, text, expected):
    doc = nlp(text)
    quotes = list(extract_indirect(doc, direct=list(extract_direct(doc))))
    assert [(text[q.start : q.end], q.cue.text if q.cue else None) for q in quotes] == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Ms. Oduya explained how vital it is to start a new debate that respects tenants and demands repairs"
            " from landlords.",
            [
                (
                    "how vital it is to start a new debate that respects tenants and demands repairs from landlords",
                    "explained",
                )
            ],
        ),
        (
            "Ms. Oduya conceded the plan was late and said the repairs would start in May.",
            [("the plan was late", "conceded"), ("the repairs would start in May", "said")],
        ),
    ],
    ids=["cue-word-in-relative-clause", "coordinated-cue-of-the-speaker"],
)
def test_clause_edges_cue_word_in_relative_clause(nlp, text, expected):
    doc = nlp(text)
    quotes = list(extract_indirect(doc, direct=list(extract_direct(doc))))
    assert [(text[q.start : q.end], q.cue.text if q.cue else None) for q in quotes] == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The city has said single parents and families - young, old, renting and owning - would qualify for the"
            " rebates under the mayor's housing plan.",
            [
                (
                    "single parents and families - young, old, renting and owning - would qualify for the rebates"
                    " under the mayor's housing plan",
                    "said",
                )
            ],
        ),
        (
            "The mayor told reporters the bridge would reopen in May.",
            [("the bridge would reopen in May", "told")],
        ),
    ],
    ids=["subject-parsed-as-object", "addressee-kept-out"],
)
def test_clause_edges_clause_starts_at_its_subject(nlp, text, expected):
    doc = nlp(text)
    quotes = list(extract_indirect(doc, direct=list(extract_direct(doc))))
    assert [(text[q.start : q.end], q.cue.text if q.cue else None) for q in quotes] == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "In an interview on “The Morning Hour,” the former mayor and current county candidate said she wanted to"
            " talk “directly to young voters” and let them know that “this town is theirs.”",
            [("she wanted to talk “directly to young voters” and let them know that “this town is theirs.”", "said")],
        ),
        (
            "In an interview on “The Morning Hour,” the former mayor and current county candidate said she wanted to"
            " talk “directly to young voters” and left the studio.",
            [("she wanted to talk “directly to young voters”", "said")],
        ),
    ],
    ids=["conjunct-that-reports", "conjunct-that-acts"],
)
def test_clause_edges_subjectless_conjunct_that_reports(nlp, text, expected):
    doc = nlp(text)
    quotes = list(extract_indirect(doc, direct=list(extract_direct(doc))))
    assert [(text[q.start : q.end], q.cue.text if q.cue else None) for q in quotes] == expected
