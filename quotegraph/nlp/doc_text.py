"""``doc.text`` read once per Doc.

spaCy's ``Doc.text`` is a property that joins every token's text anew on each
access: a rule asking for it once per token or per cue walks the whole
article each time. `doc_text` keeps the string in ``doc.user_data``.
"""

from __future__ import annotations

from spacy.tokens import Doc

__all__ = ["doc_text"]

_KEY = "quotegraph.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc.

    The cached string is rebuilt when the Doc no longer has as many tokens
    as when it was read (a retokenised Doc).

    Examples
    --------
    >>> import spacy
    >>> doc = spacy.blank("en")("One two.")
    >>> doc_text(doc) == doc.text
    True
    """
    cached: tuple[int, str] | None = doc.user_data.get(_KEY)
    if cached is not None and cached[0] == len(doc):
        return cached[1]
    text: str = doc.text
    doc.user_data[_KEY] = (len(doc), text)
    return text
