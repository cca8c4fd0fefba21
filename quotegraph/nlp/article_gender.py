"""A person's gender within one article, for speaker tracking: who can "she" be?

Speaker tracking needs a gender for each person before any quote is resolved.
The article's own words ("Lindsay said she", "Ms. Lindsay") come first, as in
`quotegraph.nlp.gender`; the first-name list is the fallback.
"""

from __future__ import annotations

from quotegraph.nlp.gender import first_name_gender, text_votes
from quotegraph.nlp.names import NameLexicons

__all__ = ["article_gender"]


def article_gender(name: str, text: str, *, from_name: str | None, lang: str = "en") -> str | None:
    """The gender the article gives ``name``, else ``from_name`` (what the first-name list says).

    Against a first name that the name statistics also give to one sex, the
    words must lead by two pieces of evidence: one "Colton said she" (she
    being someone else) does not make Colton a woman.

    >>> article_gender("Jean Whitmore", "Whitmore said she would stay.", from_name="male")
    'female'
    >>> article_gender("Jean Whitmore", "Whitmore stayed.", from_name="male")
    'male'
    """
    counts = text_votes(name, text, lang=lang)
    lead = counts["female"] - counts["male"]
    from_text = None if lead == 0 else "female" if lead > 0 else "male"
    if from_text and from_name and from_text != from_name and abs(lead) < 2:
        first = NameLexicons.load(lang).split_title(name)[1].split()[:1]
        if first and first_name_gender(first[0]) == from_name:
            return from_name
    return from_text or from_name
