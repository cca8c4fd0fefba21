"""Name strings without spaCy: titles, aliases, pronoun features, first-name gender.

Shared by `quotegraph.nlp.people` (one article, with a parse) and
`quotegraph.nlp.entities` (the whole corpus, plain strings). Every word list is
a lexicon file under ``quotegraph/nlp/data/<lang>/``; first-name gender comes
from the name lists coreferee ships (``coreferee/lang/common/data``).

>>> names = NameLexicons.load("en")
>>> names.split_title("Col. Gen. Oleksandr Syrskyi")
('Col. Gen.', 'Oleksandr Syrskyi')
>>> names.canonical("the US")
'United States'
>>> names.gender_of("Sarah Lopez"), names.gender_of("a woman")
('female', 'female')
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Hashable, Iterable, TypeVar

from quotegraph.lexicon import load_lexicon

__all__ = [
    "NameLexicons", "clean_name", "fits_acronym", "fits_name", "sole_bearers", "strip_determiner",
    "strip_possessive", "surname",
]

_DETERMINER = re.compile(r"^(the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(['’]s|['’])$")


@dataclass(frozen=True)
class NameLexicons:
    """Every word list name handling needs, for one language."""

    titles: frozenset[str]
    max_title_words: int
    pronouns: dict[str, tuple[str, str, str]]
    aliases: dict[str, str]
    male_names: frozenset[str]
    female_names: frozenset[str]
    honorifics: dict[str, str]
    male_words: frozenset[str]
    female_words: frozenset[str]

    @classmethod
    def load(cls, lang: str = "en") -> NameLexicons:
        """The lexicons of ``lang`` (cached)."""
        return _load(lang)

    def split_title(self, name: str) -> tuple[str, str]:
        """Split leading titles off a name: ``(titles, rest)``; rest is never emptied."""
        words = name.split()
        taken = self.leading_titles(words)
        return " ".join(words[:taken]), " ".join(words[taken:])

    def leading_titles(self, words: list[str]) -> int:
        """How many leading words are whole titles ("Prime Minister", "Col. Gen."); never all of them.

        >>> NameLexicons.load("en").leading_titles(["Foreign", "Minister", "Sergei", "Lavrov"])
        2
        >>> NameLexicons.load("en").leading_titles(["Foreign", "Ministry"])
        0
        """
        taken = 0
        while taken < len(words) - 1:
            size = self._title_at(words, taken)
            if size == 0 or taken + size >= len(words):
                break
            taken += size
        return taken

    def split_descriptor(self, name: str) -> tuple[str | None, str | None, str]:
        """``(organisation, role, name)`` of a name string with premodifiers.

        The name is what follows the last title in it; the title is the role
        and the words before the title the organisation. A name whose remainder
        would not be capitalised is returned whole.

        >>> NameLexicons.load("en").split_descriptor("White House official John Kirby")
        ('White House', 'official', 'John Kirby')
        >>> NameLexicons.load("en").split_descriptor("US Secretary of State Antony Blinken")
        ('US', 'Secretary of State', 'Antony Blinken')
        """
        words = name.split()
        cut: tuple[int, int] | None = None
        start = 0
        while start < len(words) - 1:
            size = self._title_at(words, start)
            if size and start + size < len(words):
                cut = (start, start + size)
                start += size
            else:
                start += 1
        rest = " ".join(words[cut[1] :]) if cut else name
        if cut is None or not rest[:1].isupper():
            return None, None, name
        organisation = " ".join(words[: cut[0]]) or None
        return organisation, " ".join(words[cut[0] : cut[1]]), rest

    def role_of(self, titles: str) -> str | None:
        """Titles worth keeping as a role: "Col. Gen." yes, "Mr" no.

        >>> NameLexicons.load("en").role_of("Mr"), NameLexicons.load("en").role_of("Col. Gen.")
        (None, 'Col. Gen.')
        """
        words = [w for w in titles.split() if w.lower().rstrip(".") not in self.honorifics]
        return " ".join(words) or None

    def is_title(self, text: str) -> bool:
        return text.lower() in self.titles

    def canonical(self, name: str) -> str:
        """The alias-table name of an organisation or place, else the name without "the"."""
        bare = strip_possessive(strip_determiner(name.strip()))
        return self.aliases.get(bare.lower(), bare)

    def pronoun(self, word: str) -> tuple[str, str, str] | None:
        """``(gender, number, person)`` of a personal pronoun, or None.

        >>> NameLexicons.load("en").pronoun("She")
        ('female', 'singular', '3')
        """
        return self.pronouns.get(word.lower())

    def gender_of(self, name: str) -> str | None:
        """"male"/"female" when the first name (after titles) is used for one sex only."""
        titles, rest = self.split_title(name)
        for title in titles.lower().split():
            if self.honorifics.get(title.rstrip("."), "any") != "any":
                return self.honorifics[title.rstrip(".")]
        words = rest.split()
        if words and words[0][:1].islower():  # a description: "a woman", "the old man"
            lowered = {w.lower() for w in words}
            if lowered & self.male_words and not lowered & self.female_words:
                return "male"
            if lowered & self.female_words and not lowered & self.male_words:
                return "female"
            return None
        first = words[0] if words else ""
        if first in self.male_names and first not in self.female_names:
            return "male"
        if first in self.female_names and first not in self.male_names:
            return "female"
        return None

    def _title_at(self, words: list[str], start: int) -> int:
        for size in range(min(self.max_title_words, len(words) - start), 0, -1):
            if " ".join(words[start : start + size]).lower() in self.titles:
                return size
        return 0


def fits_name(short: str, full: str, *, first_name: bool = False) -> bool:
    """Whether a shorter name stands for a fuller one: the one name-fitting rule.

    A single word fits as the surname ("Kirby" → "John Kirby"), or, with
    ``first_name`` (within one article, where a reader has met the person),
    as the first name ("John"). Several words fit as the end of the name
    ("Van Dyke" → "Peter Van Dyke") or as its first and last words ("Antony
    Blinken" → "Antony J. Blinken"). A name never fits one as long as itself.

    >>> fits_name("Kirby", "John Kirby"), fits_name("John", "John Kirby")
    (True, False)
    >>> fits_name("John", "John Kirby", first_name=True), fits_name("Antony Blinken", "Antony J. Blinken")
    (True, True)
    """
    words, target = short.split(), full.split()
    if not words or len(words) >= len(target):
        return False
    if len(words) == 1:
        return words[0] == target[-1] or (first_name and words[0] == target[0])
    return target[-len(words) :] == words or (words[0] == target[0] and words[-1] == target[-1])


def fits_acronym(short: str, full: str) -> bool:
    """Whether an acronym stands for a name: the initials of its capitalised words.

    >>> fits_acronym("HTA", "Harbour Transit Authority"), fits_acronym("PBO", "Parliamentary Budget Officer")
    (True, True)
    >>> fits_acronym("EDC", "Export Development Canada"), fits_acronym("EDC", "Export Canada")
    (True, False)
    """
    if not (2 <= len(short) <= 6 and short.isalpha() and short.isupper()):
        return False
    words = [w for w in re.split(r"[\s-]+", strip_determiner(full)) if w[:1].isupper()]
    return len(words) == len(short) and "".join(w[0] for w in words) == short


def clean_name(name: str) -> str:
    """One space between words, and a surname written twice once ("Justin Trudeau Trudeau").

    >>> clean_name("Justin  Trudeau Trudeau"), clean_name("Boutros Boutros-Ghali")
    ('Justin Trudeau', 'Boutros Boutros-Ghali')
    """
    words = name.split()
    if len(words) > 2 and words[-1] == words[-2]:
        words.pop()
    return " ".join(words)


def strip_determiner(text: str) -> str:
    """Drop a leading "the" ("The Ukrainian military" → "Ukrainian military").

    >>> strip_determiner("The Biden administration")
    'Biden administration'
    """
    return _DETERMINER.sub("", text, count=1)


def strip_possessive(text: str) -> str:
    """Drop a trailing possessive ("Kirby's" → "Kirby").

    >>> strip_possessive("Kirby’s")
    'Kirby'
    """
    return _POSSESSIVE.sub("", text) if len(text) > 2 else text


def surname(name: str) -> str:
    """The last word of a personal name ("John Kirby" → "Kirby").

    >>> surname("Oleksandr Syrskyi")
    'Syrskyi'
    """
    words = name.split()
    return words[-1] if words else name


_Bearer = TypeVar("_Bearer", bound=Hashable)


def sole_bearers(
    people: Iterable[tuple[str, _Bearer]], *, fold: Callable[[str], str] = str
) -> dict[str, _Bearer]:
    """Surname → its one bearer, for the surnames exactly one of ``people`` has.

    The one rule for a lone surname ("Lindqvist said"): it is the person whose
    full name ends in it, and a surname two people share is neither's.
    ``people`` pairs a full name with whatever identifies its bearer; ``fold``
    normalises the surname used as the key.

    >>> sole_bearers([("Mara Lindqvist", 1), ("John Smith", 2), ("Jane Smith", 3)])
    {'Lindqvist': 1}
    >>> sole_bearers([("Mara Lindqvist", 1), ("M. Lindqvist", 1)], fold=str.lower)
    {'lindqvist': 1}
    """
    bearers: dict[str, set[_Bearer]] = defaultdict(set)
    for full, bearer in people:
        bearers[fold(surname(full))].add(bearer)
    return {key: next(iter(found)) for key, found in bearers.items() if len(found) == 1}


@lru_cache(maxsize=None)
def _load(lang: str) -> NameLexicons:
    titles = frozenset(t.lower() for t in load_lexicon("titles", lang))
    return NameLexicons(
        titles=titles,
        max_title_words=max((len(t.split()) for t in titles), default=1),
        pronouns=_pronoun_table(load_lexicon("pronouns", lang)),
        aliases=_aliases(load_lexicon("organisation_aliases", lang)),
        male_names=_coreferee_names("male_names"),
        female_names=_coreferee_names("female_names"),
        male_words=_coreferee_names("exclusively_male_words", "en"),
        female_words=_coreferee_names("exclusively_female_words", "en"),
        honorifics={k.strip().lower(): v.strip() for k, _, v in (e.partition("=") for e in load_lexicon("honorifics", lang))},
    )


def _pronoun_table(entries: frozenset[str]) -> dict[str, tuple[str, str, str]]:
    table = {}
    for entry in entries:
        word, _, features = entry.partition("=")
        gender, number, person = (features.split() + ["any", "any", "3"])[:3]
        table[word.strip().lower()] = (gender, number, person)
    return table


def _aliases(entries: frozenset[str]) -> dict[str, str]:
    table = {}
    for entry in entries:
        name, _, others = entry.partition("=")
        name = name.strip()
        table[name.lower()] = name
        for alias in others.split("|"):
            if alias.strip():
                table[strip_determiner(alias.strip()).lower()] = name
    return table


def _coreferee_names(stem: str, lang: str = "common") -> frozenset[str]:
    """Word lists from coreferee's data: first names (SSA baby names, Köln open data; see
    coreferee/lang/common/data/LICENSE) and gendered nouns ("woman", "uncle")."""
    from importlib.resources import files

    try:
        text = files(f"coreferee.lang.{lang}.data").joinpath(f"{stem}.dat").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return frozenset()
    return frozenset(line.strip() for line in text.splitlines() if len(line.strip()) > 1)
