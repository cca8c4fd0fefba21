"""Word lists kept as data: ``quotegraph/nlp/data/<lang>/<name>.txt``.

A neutral module (no spaCy, no stage logic), so `quotegraph.io` and `quotegraph.nlp`
both read lexicons without one importing the other.

One entry per line; ``#`` starts a comment; blank lines are ignored. Entries keep
their case, so callers decide whether to compare lower-cased.

>>> "say" in load_lexicon("reporting_verbs")
True
>>> load_lexicon("reporting_verbs", "xx")
Traceback (most recent call last):
...
quotegraph.errors.UnsupportedLanguageError: language 'xx' is not supported; available: en
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from quotegraph.errors import QuotegraphError, UnsupportedLanguageError

__all__ = ["DATA_DIR", "available_languages", "load_lexicon"]

DATA_DIR = Path(__file__).parent / "nlp" / "data"


def available_languages() -> tuple[str, ...]:
    """Languages that have a lexicon folder."""
    return tuple(sorted(p.name for p in DATA_DIR.iterdir() if p.is_dir()))


@lru_cache(maxsize=None)
def load_lexicon(name: str, lang: str = "en") -> frozenset[str]:
    """Load one lexicon as a frozen set of entries.

    Parameters
    ----------
    name : str
        File stem under ``data/<lang>/``, such as ``"reporting_verbs"``.
    lang : str, optional (default="en")
        Language code.

    Raises
    ------
    UnsupportedLanguageError
        When there is no folder for ``lang``.
    QuotegraphError
        When the language exists but the lexicon does not.
    """
    folder = DATA_DIR / lang
    if not folder.is_dir():
        raise UnsupportedLanguageError(lang, available_languages())
    path = folder / f"{name}.txt"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in folder.glob("*.txt")))
        raise QuotegraphError(f"no lexicon {name!r} for {lang!r}; available: {known}")
    return frozenset(_entries(path))


def _entries(path: Path) -> list[str]:
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            entries.append(entry)
    return entries
