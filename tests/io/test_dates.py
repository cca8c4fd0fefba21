"""Dates become ISO ``YYYY-MM-DD`` only when they are full and unambiguous."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from quotegraph.io.dates import normalise_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-05-01", "2023-05-01"),
        ("2023-5-1", "2023-05-01"),
        ("2023/05/01", "2023-05-01"),
        ("20230501", "2023-05-01"),
        ("2023-05-01T14:03:00+02:00", "2023-05-01"),
        ("2023-05-01 10:00", "2023-05-01"),
        ("Mon, 01 May 2023 10:00:00 GMT", "2023-05-01"),
        ("Monday, May 1, 2023", "2023-05-01"),
        ("May 1st, 2023", "2023-05-01"),
        ("1 May 2023", "2023-05-01"),
        ("1st of May 2023", "2023-05-01"),
        ("Sept. 5, 2022", "2022-09-05"),
        ("25/12/2023", "2023-12-25"),
        ("12/25/2023", "2023-12-25"),
        ("05/05/2023", "2023-05-05"),
        ("03/04/2023", None),
        ("May 2023", None),
        ("2023-02-30", None),
        ("yesterday", None),
        ("", None),
        (None, None),
        (20230501, None),
        (date(2023, 5, 1), "2023-05-01"),
        (datetime(2023, 5, 1, 23, 59), "2023-05-01"),
    ],
    ids=lambda v: repr(v)[:24],
)
def test_dates_normalise_date(value: object, expected: str | None) -> None:
    assert normalise_date(value) == expected
