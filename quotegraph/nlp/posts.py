"""Embedded posts and wire lines: ``[text] — Name (@handle) date``.

News pages that embed a tweet keep it as one paragraph of plain text ending in
the author's name, handle and date (``The bridge is safe. — Ana Petrov
(@anapetrov) March 3, 2026``). The text before the dash is the author's own
words: a direct quote whose cue is the dash.
"""

from __future__ import annotations

import re
from typing import Iterator

from quotegraph.model import Quote, QuoteKind, TextSpan
from quotegraph.nlp.line_quotes import named_line_quote

__all__ = ["extract_posts"]

_POST = re.compile(
    r"^(?P<post>[^\n]*?\S)\s*(?P<dash>[—–]|--)\s*(?P<name>[^\s()@—–][^()\n—–]{0,60}?)\s*"
    r"\((?P<handle>@\w{1,30})\)\s*(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4})\s*$",
    re.MULTILINE,
)
_LINK = re.compile(r"\S*(?:https?://|www\.|pic\.|\.com|t\.co/)\S*")
#: Words a post needs (a bare link or "pic.twitter.com/..." is not one).
_MIN_WORDS = 3


def extract_posts(text: str) -> Iterator[Quote]:
    """Yield one direct quote per embedded post of ``text``, in order.

    Examples
    --------
    >>> text = "Reilly wrote online.\\n\\nThe bridge is safe to cross. — Ana Petrov (@anapetrov) March 3, 2026"
    >>> [(q.text, q.speaker.name, q.cue.text) for q in extract_posts(text)]
    [('The bridge is safe to cross.', 'Ana Petrov', '—')]
    """
    for match in _POST.finditer(text):
        if len(_LINK.sub(" ", match["post"]).split()) < _MIN_WORDS:
            continue
        post = TextSpan.of(text, match.start("post"), match.end("post"))
        mention = TextSpan.of(text, match.start("name"), match.end("name"))
        dash = TextSpan.of(text, match.start("dash"), match.end("dash"))
        yield named_line_quote(post, mention, dash, QuoteKind.DIRECT)
