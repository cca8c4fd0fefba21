"""HTML metadata: the outlet in the page title is kept as the source, a byline never is."""

from __future__ import annotations

import pytest

from quotegraph.io.html import extract_html

BODY = (
    "<body><article><h1>Port strike ends after eleven days</h1><p class='byline'>By Anna Kowal</p>"
    "<p>The strike at the Port of Haldport ended on Friday after eleven days, the union said in a "
    "statement to reporters on the quay.</p><p>\"We won what we came for,\" said Tomas Reyes, a "
    "spokesman for the union, outside the north gate.</p></article></body>"
)


@pytest.mark.parametrize(
    "head, expected",
    [
        ("<title>Port strike ends after eleven days | Haldport Evening Mail</title>", "Haldport Evening Mail"),
        ("<title>Port strike ends after eleven days – Haldport Evening Mail</title>", "Haldport Evening Mail"),
        ("<title>Port strike ends after eleven days</title><meta property='og:site_name' content='The Mail'>",
         "The Mail"),
        ("<title>Port strike ends after eleven days</title><meta name='author' content='Anna Kowal'>", None),
    ],
    ids=["pipe", "dash", "og-site-name", "byline-only"],
)  # fmt: skip
def test_html_outlet_is_the_source(head, expected):
    page = extract_html(f"<html><head>{head}</head>{BODY}</html>")
    assert page.title == "Port strike ends after eleven days"
    assert page.source == expected
    assert "Anna Kowal" != page.source
