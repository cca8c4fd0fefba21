"""Unnamed and group sources: who they are in a few words, and whether to draw them.

"A senior official close to the presidential office" and "aides to Gov. Chris
Christie of New Jersey" are honest attributions but poor graph nodes: one per
article, labelled with a clause. By default the graph counts their quotes per
outlet; on request it draws one node per kind of source and outlet
(``unnamed official (The Star)``), labelled by the head noun and at most one
modifier.

Examples
--------
>>> short_source_label("a senior official close to the presidential office")
'senior official'
>>> short_source_label("aides to gov. chris christie of new jersey, a former federal prosecutor")
'aide'
"""

from __future__ import annotations

import re

from quotegraph.config import UNNAMED_SOURCE_MODES
from quotegraph.model import Speaker, SpeakerKind, slugify
from quotegraph.words import singular

__all__ = ["UNNAMED_SOURCE_MODES", "short_source_label", "unnamed_source_node"]

#: Closed-class words that open a description ("a", "two", "several").
_OPENERS = frozenset(
    "a an the some several many most few other others two three four five six seven eight nine "
    "ten one both all any each more".split()
)
#: Closed-class words after which a description goes on as a clause or phrase.
_BREAKS = frozenset(
    "of to for from in at on with by about close familiar involved who whom whose that which "
    "and or but as than said says told speaking briefed".split()
)


def short_source_label(name: str) -> str:
    """Head noun plus at most one modifier, singular, lower case ("senior official").

    The description is cut at its first comma, preposition or relative word;
    a capitalised run before the head ("White House officials") is a name, not
    a modifier, and is left out.
    """
    words: list[str] = []
    for raw in name.replace("’", "'").split():
        word = raw.strip("\"'()[]")
        if not word or word.lower() in _BREAKS or not re.match(r"\w", word):
            break
        if word.lower() not in _OPENERS or words:
            words.append(word.rstrip(",;:.!?"))
        if raw.endswith((",", ";", ":")):
            break
    words = [w for w in words if w]
    if not words:
        return "source"
    head = singular(words[-1])
    if len(words) >= 2 and not _is_name_word(words[-2], words[:-2]):
        return f"{words[-2].lower()} {head}"
    return head


def unnamed_source_node(speaker: Speaker, outlet: str | None) -> tuple[str, str]:
    """Node id and label of the source's kind at its outlet: ``unnamed official (The Star)``.

    Groups with a proper name ("Democrats", "the West") keep it; described sources read
    "unnamed ...".

    >>> unnamed_source_node(Speaker("an official", kind=SpeakerKind.PERSON), "The Star")
    ('group:unnamed-official-the-star', 'unnamed official (The Star)')
    """
    short = short_source_label(speaker.name)
    bare = re.sub(r"^(?:the|a|an)\s+", "", speaker.name.strip(), flags=re.IGNORECASE)
    if bare[:1].isupper():  # a named group: "Democrats", "the West"
        short = " ".join(bare.split()[:2]) if len(bare) <= 30 else short
    else:
        short = f"unnamed {short}"
    where = outlet or "unknown outlet"
    return f"group:{slugify(f'{short} {where}')}", f"{short} ({where})"


def _is_name_word(word: str, before: list[str]) -> bool:
    """A capitalised modifier that continues a name ("White House"), not an adjective."""
    return word[:1].isupper() and bool(before) and before[-1][:1].isupper()
