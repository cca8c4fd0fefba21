"""Pull quotes: a paragraph of someone's words signed with their bare name.

Online news sets a speaker's line apart as its own paragraph, without quote
marks, and signs it with the speaker's name and, at times, their affiliation:
``I never thought it would close. Ana Petrov`` or ``Rents will rise again.
Matt Ruiz, Rentals.ca``. The text before the name is that person's quote.

A photo caption has the same shape (``The mayor in Ottawa on Jan. 9, 2026.
Jane Doe``, ``… Jane Doe/Reuters``); a dated body, a slash or a credit word in
the signature (``data/<lang>/credit_words.txt``) marks a caption, not a quote.
"""

from __future__ import annotations

import re
from typing import Iterator

from quotegraph.lexicon import load_lexicon
from quotegraph.model import Quote, QuoteKind, Resolution, Speaker, TextSpan

__all__ = ["extract_pull_quotes"]

_WORD = r"(?:[A-Z][\w'’\-]*\.?|[A-Z]\.)"
# The body runs to its first word character without backtracking ([^\n\w]*, not a lazy [^\n]*?):
# the same matches, but a long unsigned line costs linear, not quadratic, time.
_PULL = re.compile(
    rf"^(?P<body>[^\n\w]*\w[^\n]*?[.!?…])[ \t]+(?P<name>{_WORD}(?:[ \t]+{_WORD}){{1,7}})"
    r"(?:,[ \t]*(?P<affiliation>[^\s,/()@:][^\n,/()@:]{0,60}?))?[ \t]*$",
    re.MULTILINE,
)
_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")
_DATE = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b|\b\d{{1,2}}\s+{_MONTH}\s+\d{{4}}\b")
#: A body ending in an abbreviation ("Arizona Sen.", "the U.S.") is a sentence broken off, not signed.
_ABBREVIATION = re.compile(r"(?:\b[A-Z][a-z]{0,3}\.|\.[A-Z]\.)$")
_MARKS = re.compile("[\"“”«»„]")
#: Words a pull quote needs.
_MIN_WORDS = 5


def extract_pull_quotes(text: str, *, lang: str = "en") -> Iterator[Quote]:
    """Yield one quote per signed paragraph of ``text``, in order.

    Parameters
    ----------
    text : str
        The article text.
    lang : str, optional (default="en")
        Language of the credit-word and title lexicons.

    Yields
    ------
    Quote
        `QuoteKind.INDIRECT` (there are no quote marks, the convention the gold
        sets type by), no cue; the speaker's mention is the signed name
        without any leading job title ("District Attorney Jane Doe" gives
        "Jane Doe"), resolution `Resolution.SUBJECT`.

    Examples
    --------
    >>> text = "Intro.\\n\\nI never thought the plant would close. Ana Petrov\\n\\nMore."
    >>> [(q.text, q.speaker.name) for q in extract_pull_quotes(text)]
    [('I never thought the plant would close.', 'Ana Petrov')]
    """
    credits = load_lexicon("credit_words", lang)
    titles = load_lexicon("titles", lang)
    function_words = load_lexicon("stopwords", lang)
    for match in _PULL.finditer(text):
        body, name = match["body"], match["name"]
        signature = f"{name} {match['affiliation'] or ''}"
        if len(body.split()) < _MIN_WORDS or _MARKS.search(body) or _DATE.search(body):
            continue
        words = [w.strip(".").lower() for w in name.split()]
        if any(w.strip(".").lower() in credits for w in signature.split()) or name.split()[-1].isupper():
            continue  # a photo credit, or a caps label
        if any(w in function_words for w in words) or name.endswith(".") or _ABBREVIATION.search(body):
            continue  # a title ("The Kid Who Would Be King"), or a sentence broken after "Sen."
        skip = _title_words(words, titles)
        if skip is None:
            continue  # "Like President Obama": no full name after the title
        starts = [m.start() + match.start("name") for m in re.finditer(r"\S+", name)]
        content = TextSpan.of(text, match.start("body"), match.end("body"))
        mention = TextSpan.of(text, starts[skip], match.end("name"))
        speaker = Speaker(name=mention.text, mention=mention, resolution=Resolution.SUBJECT)
        yield Quote(doc_id="", quote_id="", text=content.text, start=content.start, end=content.end,
                    type=QuoteKind.INDIRECT, speaker=speaker, cue=None)


def _title_words(words: list[str], titles: frozenset[str]) -> int | None:
    """How many leading words of a signed name are its job title; None when no full name follows it."""
    last = max((i + 1 for i, w in enumerate(words) if w in titles), default=0)
    return last if len(words) - last >= 2 else None
