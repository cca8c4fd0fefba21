"""Publication dates → ISO ``YYYY-MM-DD``, or None when the value is not a full date.

Only unambiguous forms are accepted: a partial date ("May 2023") or a numeric
day/month order that could be either ("03/04/2023") gives None rather than a guess.

>>> normalise_date("2023-05-01T14:03:00Z")
'2023-05-01'
>>> normalise_date("Mon, 01 May 2023 10:00:00 GMT")
'2023-05-01'
>>> normalise_date("May 1, 2023")
'2023-05-01'
>>> normalise_date("1st May 2023")
'2023-05-01'
>>> normalise_date("25/12/2023")
'2023-12-25'
>>> normalise_date("03/04/2023") is None
True
"""

from __future__ import annotations

import re
from datetime import date, datetime

__all__ = ["normalise_date"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[t\s])")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})$")
_NUMERIC = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?,?\s+(\d{4})\b")
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+")
_MONTH_DAY = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")


def normalise_date(value: object) -> str | None:
    """The ISO date of ``value``, or None when it is missing or not a full date.

    Parameters
    ----------
    value : object
        A string ("2023-05-01", "May 1, 2023", "1 May 2023", RFC 2822,
        "25/12/2023"), a `datetime.date`/`datetime.datetime`, or None.

    Returns
    -------
    str or None
        ``YYYY-MM-DD``, or None when there is no unambiguous, valid date.
    """
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = " ".join(value.strip().lower().split())
    for parse in (_parse_iso, _parse_numeric, _parse_words):
        parsed = parse(text)
        if parsed is not None:
            return parsed
    return None


def _parse_iso(text: str) -> str | None:
    match = _ISO.match(text) or _COMPACT.match(text)
    if match is None:
        return None
    return _valid(int(match[1]), int(match[2]), int(match[3]))


def _parse_numeric(text: str) -> str | None:
    match = _NUMERIC.match(text)
    if match is None:
        return None
    first, second, year = int(match[1]), int(match[2]), int(match[3])
    if first > 12 >= second:
        return _valid(year, second, first)
    if second > 12 >= first:
        return _valid(year, first, second)
    if first == second:
        return _valid(year, first, second)
    return None  # 03/04/2023: March 4th or 3 April? Do not guess.


def _parse_words(text: str) -> str | None:
    # Drop a leading weekday ("Mon, 01 May 2023 ...", "Monday 1 May 2023").
    text = _WEEKDAY.sub("", text)
    match = _DAY_MONTH.search(text)
    if match is not None and match[2] in _MONTHS:
        return _valid(int(match[3]), _MONTHS[match[2]], int(match[1]))
    match = _MONTH_DAY.search(text)
    if match is not None and match[1] in _MONTHS:
        return _valid(int(match[3]), _MONTHS[match[1]], int(match[2]))
    return None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
