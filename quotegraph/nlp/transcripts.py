"""Transcript turns: paragraphs that open with a speaker label (``PENCE: …``).

Interview and debate transcripts printed in news text give each turn its own
paragraph, opened by the speaker's name in capitals and a colon, sometimes
inside a quote mark (``"WALLACE: Governor, …``). Each such turn is a quote of
that speaker. Labels count only in a transcript, where some label opens at
least two paragraphs, so one-off section heads (``JAPAN PMI: …``, ``EUROPE:
…``) and link lines (``WATCH: …``, ``data/<lang>/link_labels.txt``) are not
read as speakers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Iterator

from quotegraph.model import Quote, QuoteKind, TextSpan
from quotegraph.nlp.line_quotes import named_line_quote
from quotegraph.nlp.speech import is_link_label

__all__ = ["extract_turns"]

_TURN = re.compile(
    r"^(?P<mark>[\"“]?)(?P<label>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):[ \t]+(?P<turn>\S[^\n]*)$", re.MULTILINE
)
#: Turns one label needs before the text is taken as a transcript.
_MIN_TURNS = 2
_TRAIL = " \t\"”"


def extract_turns(text: str, *, lang: str = "en") -> Iterator[Quote]:
    """Yield one quote per transcript turn of ``text``, in order.

    Examples
    --------
    >>> text = 'HOST: Will you run?\\n\\nREILLY: We will see in June.\\n\\nHOST: Thank you.'
    >>> [(q.text, q.speaker.name) for q in extract_turns(text)]
    [('Will you run?', 'HOST'), ('We will see in June.', 'REILLY'), ('Thank you.', 'HOST')]
    """
    matches = [m for m in _TURN.finditer(text) if not is_link_label(m["label"], lang=lang)]
    counts = Counter(m["label"] for m in matches)
    if not counts or max(counts.values()) < _MIN_TURNS:
        return
    for match in matches:
        end = match.start("turn") + len(match["turn"].rstrip(_TRAIL))
        if end <= match.start("turn"):
            continue
        turn = TextSpan.of(text, match.start("turn"), end)
        label = TextSpan.of(text, match.start("label"), match.end("label"))
        colon = TextSpan.of(text, label.end, label.end + 1)
        quote = named_line_quote(turn, label, colon, QuoteKind.DIRECT)
        yield _run_on(text, quote, match["mark"]) if match["mark"] else quote


#: A paragraph that goes on with the turn: opened by the turn's own mark, with no label.
_GOES_ON = re.compile(r"[ \t\"”]*\n+(?P<mark>[\"“])(?P<para>(?![A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}:)[^(\n][^\n]*)")


def _run_on(text: str, quote: Quote, mark: str) -> Quote:
    """``quote`` with the paragraphs that continue its turn as parts.

    A quoted transcript opens every paragraph with a quote mark and closes none
    (``"PENCE: A.`` then ``"B.``), so a paragraph opened by the same mark, with
    no speaker label and no stage direction (``"(CROSSTALK.)``), is the same
    turn going on.
    """
    parts = [quote.span]
    while (more := _GOES_ON.match(text, parts[-1].end)) and more["mark"] == mark:
        end = more.start("para") + len(more["para"].rstrip(_TRAIL))
        parts.append(TextSpan.of(text, more.start("para"), end))
    if len(parts) == 1:
        return quote
    whole = TextSpan.of(text, quote.start, parts[-1].end)
    return replace(quote, text=whole.text, end=whole.end, parts=tuple(parts))
