"""Reading the linked quotes as nodes: statements, speaker aliases, topics that name an entity.

Which ids name one thing is settled before the graph, by the linking stage
(`quotegraph.nlp.node_ids`); this module only reads those ids. Pure string
rules on `Quote` objects, no spaCy.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable, Mapping

from quotegraph.config import COUNT_MODES
from quotegraph.model import Quote, slugify

__all__ = ["COUNT_MODES", "mention_aliases", "statement_keys", "EntityIndex"]


def statement_keys(quotes: list[Quote]) -> dict[str, str]:
    """Quote id -> one key per statement: its pieces (``statement_id``) and reprints share it."""
    first: dict[tuple[str, str], str] = {}
    for quote in quotes:
        group = (quote.doc_id, quote.statement_id or quote.quote_id)
        key = quote.reprint_id or quote.quote_id
        first[group] = min(first.get(group, key), key)
    return {q.quote_id: first[(q.doc_id, q.statement_id or q.quote_id)] for q in quotes}


def mention_aliases(name: str, quote: Quote) -> set[str]:
    """The speaker mention when it shares a word with the name ("Kirby" for "John Kirby")."""
    mention = quote.speaker.mention
    if mention is None:
        return set()
    words = {w.casefold() for w in re.findall(r"\w{2,}", name)}
    text = " ".join(mention.text.split())
    if text != name and words & {w.casefold() for w in re.findall(r"\w{2,}", text)}:
        return {text}
    return set()


class EntityIndex:
    """Labels and aliases of person, organisation and place nodes, for topic folding.

    A topic label names an entity when its case-folded slug is the label or an
    alias of exactly one entity node, or the surname or first name of exactly
    one person ("Hillary" for Hillary Clinton). "HALDPORT" from a dateline is
    the place Haldport.
    """

    def __init__(self, nodes: Mapping[str, tuple[str, Iterable[str]]]) -> None:
        owners: dict[str, set[str]] = defaultdict(set)
        parts: dict[str, set[str]] = defaultdict(set)
        for node_id, (kind, labels) in nodes.items():
            for label in labels:
                owners[slugify(label)].add(node_id)
                words = re.findall(r"\w+", label)
                if kind == "person" and len(words) > 1 and label[:1].isupper():
                    parts[slugify(words[0])].add(node_id)
                    parts[slugify(words[-1])].add(node_id)
        self._exact = {slug: ids for slug, ids in owners.items()}
        self._parts = {slug: ids for slug, ids in parts.items() if len(ids) == 1}

    def find(self, label: str) -> str | None:
        """The one node ``label`` names, or None."""
        slug = slugify(re.sub(r"^the\s+", "", label.strip(), flags=re.IGNORECASE))
        ids = self._exact.get(slug) or self._parts.get(slug)
        if ids and len(ids) == 1:
            return next(iter(ids))
        if ids:
            return min(ids)  # one name, several kinds already merged: any is the thing
        return None
