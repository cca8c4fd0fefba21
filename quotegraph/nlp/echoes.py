"""Echo content: a pro-form that stands for what was said (``said so``, ``said the same``).

``Half of voters said so``, ``Mook said as much``, ``73 percent said the same of
Trump``, ``Democrats said yes``: the object of the reporting verb is too short to
pass the minimum length of a reported clause, yet it stands for a whole
statement. The pro-forms are data: ``data/<lang>/echo_content.txt``.

Notes
-----
PolNeAR annotates these objects as the content (27 of 29 on the training lines
we tune on, 5 of 5 on dev); GGT dev has none, so no corpus choice is needed.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from quotegraph.lexicon import load_lexicon

__all__ = ["echo_content", "is_echo"]

#: Longest pro-form, in tokens ("the same thing").
_MAX_TOKENS = 3
#: Prepositions that keep their object with "the same" ("the same of Trump").
_ABOUT = frozenset({"of", "for", "about"})
#: A pro-form followed by one of these opens a longer phrase ("so far", "no decision").
_GOES_ON = frozenset({"ADJ", "ADV", "NOUN", "PROPN", "NUM", "DET"})


def echo_content(verb: Token, *, lang: str = "en") -> tuple[int, int] | None:
    """Token range of the pro-form right after ``verb`` that stands for its content, or None.

    Examples
    --------
    ``said as much in an interview`` gives the tokens of ``as much``;
    ``said the same of Trump`` those of ``the same of Trump``; ``said so far``
    and ``said no decision`` give None (the word opens a longer phrase).
    """
    doc = verb.doc
    first = verb.i + 1
    match = _longest(doc, first, lang)
    if match is None:
        return None
    last = first + match - 1
    after = doc[last + 1] if last + 1 < len(doc) else None
    if after is not None and after.pos_ in _GOES_ON and doc[last].lower_ != "same":
        return None
    if after is not None and after.lower_ in _ABOUT and doc[first].lower_ == "the":
        last = after.right_edge.i
    while last + 2 < len(doc) and doc[last + 1].text == "," and doc[last + 2].lower_ == doc[first].lower_ and match == 1:
        last += 2  # "said yes, yes, yes"
    return first, last


def is_echo(span: Span, *, lang: str = "en") -> bool:
    """Whether ``span`` opens with an echo pro-form (it then needs no minimum length)."""
    return _longest(span.doc, span.start, lang) is not None


def _longest(doc: object, first: int, lang: str) -> int | None:
    """Length of the longest pro-form starting at token ``first``, or None."""
    forms = load_lexicon("echo_content", lang)
    for size in range(_MAX_TOKENS, 0, -1):
        words = doc[first : first + size]  # type: ignore[index]
        if len(words) == size and " ".join(t.lower_ for t in words) in forms:
            return size
    return None

