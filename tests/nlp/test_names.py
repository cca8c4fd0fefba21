"""Name strings without spaCy (`quotegraph.nlp.names`): the one name-fitting rule and titles."""

from __future__ import annotations

import pytest

from quotegraph.nlp.names import NameLexicons, fits_name


@pytest.mark.parametrize(
    ("short", "full", "first_name", "expected"),
    [
        ("Okafor", "Grace Okafor", False, True),
        ("Grace", "Grace Okafor", True, True),
        ("Grace", "Grace Okafor", False, False),  # across articles a first name fits no one
        ("Van Dyke", "Peter Van Dyke", False, True),
        ("Peter Dyke", "Peter Van Dyke", False, True),
        ("Okafor", "Grace Okafor-Lee", False, False),
        ("Grace Okafor", "Grace Okafor", False, False),  # not shorter
        ("Okafor", "Okafor", True, False),
        ("Peter Vance", "Peter Van Dyke", False, False),
        ("", "Grace Okafor", True, False),
    ],
    ids=["surname", "first-name-in-article", "first-name-across", "suffix", "first-and-last",
         "other-surname", "same-length", "one-word", "other-last", "empty"],
)
def test_names_fits_name(short, full, first_name, expected):
    assert fits_name(short, full, first_name=first_name) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Prime Minister Ada Brennan", ("Prime Minister", "Ada Brennan")),
        ("Mr. Tobias Fenn", ("Mr.", "Tobias Fenn")),
        ("Foreign Ministry", ("", "Foreign Ministry")),
        ("Mayor", ("", "Mayor")),  # a title alone is kept, never emptied
    ],
    ids=["two-word-title", "honorific", "not-a-title", "title-only"],
)
def test_names_split_title(name, expected):
    assert NameLexicons.load("en").split_title(name) == expected
