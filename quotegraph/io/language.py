"""A cheap check that an article is English, so other languages are reported, not mis-parsed.

Two signals, both read from data files: the script of the letters (Cyrillic,
Arabic, CJK... are named from `unicodedata`), and the share of English function
words (``nlp/data/en/stopwords.txt``) against those of other languages
(``nlp/data/en/language_markers.txt``).

>>> check_english("The minister said that the talks would go on, and he was not alone in that view "
...               "because all of the members of the committee had said so before.") is None
True
>>> check_english("Der Minister sagte, dass die Gespräche weitergehen würden und er sei mit dieser "
...               "Ansicht nicht allein, weil alle Mitglieder des Ausschusses das auch gesagt hatten.")
'not English: looks like German (36% German function words, 0% English)'
>>> check_english("Министр заявил, что переговоры будут продолжены на следующей неделе.")
'not English: written in Cyrillic script (100% of letters)'
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache

from quotegraph.lexicon import load_lexicon

__all__ = ["check_english"]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_DROP_ASCII_LETTERS = str.maketrans("", "", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SAMPLE_CHARS = 8_000
_MIN_LETTERS = 20
_MIN_ENGLISH_RATIO = 0.15


def check_english(text: str, *, min_words: int = 12) -> str | None:
    """None when ``text`` is English or too short to tell; otherwise the reason it is not.

    Parameters
    ----------
    text : str
        The article text; only its first 8,000 characters are looked at.
    min_words : int, optional (default=12)
        Below this many words the function-word test is not attempted.

    Returns
    -------
    str or None
        ``"not English: ..."`` naming the script or the likely language and the
        evidence, or None.

    Notes
    -----
    Function-word ratios follow the stop-word method of language identification
    (Grefenstette 1995): English news prose has 35-50% function words, other
    languages written in Latin script rarely reach 10% of English ones.
    """
    sample = text[:_SAMPLE_CHARS]
    script_reason = _script_reason(sample)
    if script_reason is not None:
        return script_reason
    words = Counter(_WORD.findall(sample.lower().replace("’", "'")))
    if words.total() < min_words:
        return None
    english = _ratio(words, _english_words())
    if english >= _MIN_ENGLISH_RATIO:
        return None
    name, other = _best_other_language(words)
    if name is not None and other > english:
        return f"not English: looks like {name} ({other:.0%} {name} function words, {english:.0%} English)"
    expected = f"expected at least {_MIN_ENGLISH_RATIO:.0%}"
    return f"not English: only {english:.0%} English function words ({expected})"


def _script_reason(sample: str) -> str | None:
    if sample.isascii():
        return None
    # Only non-ASCII letters need a Unicode name lookup; ASCII letters are Latin.
    scripts: Counter[str] = Counter({"LATIN": len(sample) - len(sample.translate(_DROP_ASCII_LETTERS))})
    for char in _NON_ASCII.findall(sample):
        if char.isalpha():
            scripts[unicodedata.name(char, "UNKNOWN").split(" ")[0]] += 1
    letters = sum(scripts.values())
    if letters < _MIN_LETTERS or scripts["LATIN"] / letters >= 0.5:
        return None
    script, count = max(((s, c) for s, c in scripts.items() if s != "LATIN"), key=lambda sc: (sc[1], sc[0]))
    name = "Chinese/Japanese (CJK)" if script == "CJK" else script.title()
    return f"not English: written in {name} script ({count / letters:.0%} of letters)"


def _best_other_language(words: Counter[str]) -> tuple[str | None, float]:
    best_name, best = None, 0.0
    for name, markers in _other_languages():
        ratio = _ratio(words, markers)
        if ratio > best:
            best_name, best = name, ratio
    return best_name, best


def _ratio(words: Counter[str], lexicon: frozenset[str]) -> float:
    return sum(words[word] for word in words.keys() & lexicon) / words.total()


@cache
def _english_words() -> frozenset[str]:
    return frozenset(entry.lower() for entry in load_lexicon("stopwords", "en"))


@cache
def _other_languages() -> tuple[tuple[str, frozenset[str]], ...]:
    languages = []
    for entry in sorted(load_lexicon("language_markers", "en")):
        head, _, words = entry.partition(":")
        name = head.split(" ", 1)[1].strip() if " " in head else head.strip()
        languages.append((name, frozenset(words.lower().split())))
    return tuple(languages)
