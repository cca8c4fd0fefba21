"""Small string helpers shared by the model, the topic and the graph stages (no spaCy)."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["shared_word_alias", "singular", "slugify", "words_of"]

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


def shared_word_alias(name: str, text: str) -> str | None:
    """``text``, spaces folded, when it is another form of ``name`` sharing a word with it.

    >>> shared_word_alias("John Kirby", "Kirby"), shared_word_alias("John Kirby", "He")
    ('Kirby', None)
    """
    text = " ".join(text.split())
    words = {w.casefold() for w in re.findall(r"\w{2,}", name)}
    if text != name and words & {w.casefold() for w in re.findall(r"\w{2,}", text)}:
        return text
    return None


def words_of(text: str) -> list[str]:
    """Lower-case words of ``text`` (letters, inner apostrophes), as counted for keyness.

    >>> words_of("Bakhmut's defences, 300 tonnes!")
    ["bakhmut's", 'defences', 'tonnes']
    """
    return _WORD.findall(text.lower())


def slugify(name: str) -> str:
    """Lower-case ASCII-ish slug that keeps non-Latin letters.

    >>> slugify("John Kirby")
    'john-kirby'
    >>> slugify("Володимир Зеленський")
    'володимир-зеленський'
    >>> slugify("Élysée Palace")
    'elysee-palace'
    """
    # Fold accents on Latin letters only: NFKD would also break Cyrillic "й".
    folded = "".join(
        _fold_latin(c) if c.isascii() is False and c.isalpha() else c for c in name
    )
    slug = re.sub(r"[^\w]+", "-", folded.lower()).strip("-_")
    return slug or "x"


def _fold_latin(char: str) -> str:
    base = unicodedata.normalize("NFKD", char)[0]
    return base if base.isascii() else char
