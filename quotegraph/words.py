"""Small string helpers shared by the topic and graph stages (no spaCy)."""

from __future__ import annotations

import re

__all__ = ["singular", "words_of"]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def singular(word: str) -> str:
    """A plural noun's singular by the regular English rules, lower case.

    Irregular plurals stay as they are: the rule only has to merge the
    variants a corpus writes, and a wrong merge must be rare.

    >>> [singular(w) for w in ("casualties", "aides", "figures", "crisis", "bus", "press")]
    ['casualty', 'aide', 'figure', 'crisis', 'bus', 'press']
    """
    word = word.lower()
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s")):
        return word[:-1]
    return word


def words_of(text: str) -> list[str]:
    """Lower-case words of ``text`` (letters, inner apostrophes), as counted for keyness.

    >>> words_of("Bakhmut's defences, 300 tonnes!")
    ["bakhmut's", 'defences', 'tonnes']
    """
    return _WORD.findall(text.lower())
