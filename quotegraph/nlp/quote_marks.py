"""Quote marks in plain text: which marks pair up into quotations.

A string-level scanner, free of spaCy: `quotegraph.nlp.direct` runs it over the
parsed text. The double marks of each language and their roles (opener, closer,
either, loose, pair) are data, in ``data/<lang>/quote_marks.txt``.

Examples
--------
>>> [(m.start, m.end) for m in find_quote_marks('He said "yes" and don\\'t.')]
[(8, 13)]
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Iterator, NamedTuple

from quotegraph.lexicon import load_lexicon

__all__ = ["QuoteMarks", "find_quote_marks"]

logger = logging.getLogger(__name__)


class QuoteMarks(NamedTuple):
    """A pair of quote marks: ``text[start:end]`` includes both marks."""

    start: int
    end: int
    closed: bool
    double: bool


def find_quote_marks(
    text: str, *, lang: str = "en", warn: bool = True, where: str = "text"
) -> list[QuoteMarks]:
    """Pair the quote marks of ``text`` in one left-to-right pass.

    The double marks and their roles come from ``data/<lang>/quote_marks.txt``.
    Straight, curly, mixed (an opening curly mark closed by a straight one),
    guillemet and NYT-style (two apostrophes) marks pair up; a paragraph that
    opens with a mark continues a quote left open by the previous one; single
    marks pair only outside double quotes and never as apostrophes ("Russia's",
    "don't", "’90s"). An unclosed quote ends at its paragraph's end and is
    logged (unless ``warn`` is False), never raised.

    >>> text = '“A,” he said. “B."'
    >>> [text[m.start:m.end] for m in find_quote_marks(text)]
    ['“A,”', '“B."']
    """
    return list(_scan_marks(text, where if warn else "", lang))


_SINGLE = frozenset({"‘", "’", "'", "‚"})
_OPEN_LEFT = "([{—–-/:;"
_MAX_SINGLE = 400


class _Marks(NamedTuple):
    """The double quote marks of one language, by role (``data/<lang>/quote_marks.txt``)."""

    opener: frozenset[str]
    closer: frozenset[str]
    either: frozenset[str]
    loose: frozenset[str]
    pair: dict[str, str]
    pattern: re.Pattern[str]


@lru_cache(maxsize=None)
def _marks_of(lang: str) -> _Marks:
    roles: dict[str, set[str]] = {"opener": set(), "closer": set(), "either": set(), "loose": set()}
    pair: dict[str, str] = {}
    for entry in load_lexicon("quote_marks", lang):
        role, mark, *rest = entry.split()
        if role == "pair":
            pair[mark] = rest[0]
        else:
            roles[role].add(mark)
    marks = sorted(set().union(*roles.values(), pair, pair.values()), key=len, reverse=True)
    alternatives = "|".join(re.escape(m) for m in marks + sorted(_SINGLE))
    return _Marks(
        opener=frozenset(roles["opener"]),
        closer=frozenset(roles["closer"]),
        either=frozenset(roles["either"]),
        loose=frozenset(roles["loose"]),
        pair=pair,
        pattern=re.compile(r"\n|" + alternatives),
    )


def _scan_marks(text: str, warn: str, lang: str) -> Iterator[QuoteMarks]:
    marks = _marks_of(lang)
    scanner = _MarkScanner(text, warn, marks)
    for match in marks.pattern.finditer(text):
        found = scanner.feed(match.group(), match.start(), match.end())
        if found is not None:
            yield found
    if scanner.opened is not None:
        yield _unclosed(text, scanner.opened, len(text), warn)


class _MarkScanner:
    """State of the left-to-right pass: one open double quote, one open single quote."""

    def __init__(self, text: str, warn: str, marks: _Marks) -> None:
        self.text = text
        self.warn = warn
        self.marks = marks
        self.opened: int | None = None  # offset of the open double mark
        self.opener = ""
        self.single: int | None = None  # offset of the open single mark
        self.skip = -1  # a paragraph-opening mark that continues the open quote
        self.nested = False  # inside a straight quote nested in a curly one

    def feed(self, mark: str, p: int, after: int) -> QuoteMarks | None:
        if p == self.skip:
            return None
        if mark == "\n":
            return self._newline(p)
        text = self.text
        left = text[p - 1] if p > 0 else " "
        right = text[after] if after < len(text) else " "
        if mark in _SINGLE:
            return self._single(mark, p, left, right)
        self.single = None
        can_open = not right.isspace() and (left.isspace() or left in _OPEN_LEFT or p == 0)
        can_close = not left.isspace()
        roles = self.marks
        if self.opened is None:
            if mark in roles.opener or (mark in roles.either | roles.loose and can_open):
                self.opened, self.opener = p, mark
            return None
        if self.nested:
            self.nested = not can_close
            return None
        if _closes(roles, mark, self.opener, can_open, can_close):
            pair = QuoteMarks(self.opened, after, True, True)
            self.opened = None
            return pair
        if mark in roles.either and self.opener != mark:
            self.nested = True  # a straight quote inside a curly one
            return None
        if self.warn:
            logger.warning(
                "%s: quote mark at offset %d opens before the one at %d closed", self.warn, p, self.opened
            )
        # A fresh opener after a sentence ends the quote left open: '“A. “B.”' is two quotes.
        left_open = _unclosed(text, self.opened, p, "") if can_open and _ends_sentence(text, p) else None
        self.opened, self.opener = p, mark
        return left_open

    def _newline(self, p: int) -> QuoteMarks | None:
        self.single = None
        if self.opened is None:
            return None
        nxt = _next_visible(self.text, p)
        if nxt < len(self.text) and _is_double(self.marks, self.text, nxt):
            self.skip = nxt  # the next paragraph opens again: the quote runs on
            return None
        pair = _unclosed(self.text, self.opened, p, self.warn)
        self.opened, self.nested = None, False
        return pair

    def _single(self, mark: str, p: int, left: str, right: str) -> QuoteMarks | None:
        if self.opened is not None or (left.isalnum() and right.isalnum()):
            return None  # nested in a double quote, or an apostrophe ("don't")
        text = self.text
        opens = mark in ("‘", "'", "‚") and (left.isspace() or left in _OPEN_LEFT or p == 0)
        if opens and right.isalpha() and not text.startswith(("n'", "n’"), p + 1):
            self.single = p  # but "rock 'n' roll" is no quote
            return None
        if opens and right.isdigit() and not text[p + 1 : p + 4].rstrip("s").isdigit():
            self.single = p  # "'90s" is an apostrophe, "'5 tips'" a quote
            return None
        closes = mark in ("’", "'") and not left.isspace() and not right.isalnum()
        if self.single is None or not closes:
            return None
        start, self.single = self.single, None
        return QuoteMarks(start, p + 1, True, False) if p + 1 - start <= _MAX_SINGLE else None


def _closes(roles: _Marks, mark: str, opener: str, can_open: bool, can_close: bool) -> bool:
    """Whether a double mark met inside an open quote closes it."""
    if roles.pair.get(opener) == mark or mark in roles.closer:
        return True  # "« … »", "„ … “", "» … «", "“ … ”", "'' … ''"
    if mark in roles.opener:
        return can_close and not can_open
    return can_close or not can_open


def _ends_sentence(text: str, p: int) -> bool:
    return text[:p].rstrip()[-1:] in (".", "!", "?", "…")


def _is_double(roles: _Marks, text: str, i: int) -> bool:
    return text.startswith(tuple(roles.opener | roles.either | roles.loose), i)


def _next_visible(text: str, p: int) -> int:
    i = p
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _unclosed(text: str, start: int, end: int, warn: str) -> QuoteMarks:
    end = len(text[:end].rstrip())
    if warn:
        logger.warning("%s: quote opened at offset %d is not closed; ending it at %d", warn, start, end)
    return QuoteMarks(start, max(end, start + 1), False, True)
