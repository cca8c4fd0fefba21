"""Reprints: one statement printed by several articles (wire copy, syndication).

`mark_reprints` gives every quote a ``reprint_id`` and ``occurrences``. Quotes
of the same speaker in different articles share an id when their normalised
texts are equal, or nearly so (light edits: a changed word, a dropped clause).
It works on `Quote` objects only (no spaCy), after speakers are linked across
the corpus, so "Kirby" in one outlet and "John Kirby" in another are one speaker.

Examples
--------
>>> from quotegraph.model import Quote, QuoteKind, Speaker, SpeakerKind
>>> mara = Speaker("Mara Quill", entity_id="person:mara-quill", kind=SpeakerKind.PERSON)
>>> text = '"The cranes will not move until the harbour pays."'
>>> quotes = [Quote(doc, f"{doc}:0", text, 0, len(text), QuoteKind.DIRECT, mara) for doc in "ab"]
>>> marked = mark_reprints(quotes)
>>> marked[0].reprint_id == marked[1].reprint_id, marked[0].occurrences
(True, 2)
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from dataclasses import replace
from itertools import chain, combinations
from typing import Iterable, Sequence

from quotegraph.model import Quote

__all__ = ["mark_reprints", "normalise_quote_text"]

#: Shingle size in words for near-duplicate detection.
_SHINGLE = 3
#: Fewer words than this are too short to call a reprint ("No.", "We will see.").
_MIN_WORDS = 5
_NUM_PERM = 64
#: Up to this many distinct quotes, a speaker's quotes are compared pair by pair.
_PAIRWISE = 40
_WORD = re.compile(r"\w+")


def mark_reprints(
    quotes: Iterable[Quote], *, threshold: float = 0.7, seed: int = 0
) -> list[Quote]:
    """Give each quote a ``reprint_id`` shared with its reprints, and ``occurrences``.

    Parameters
    ----------
    quotes : iterable of Quote
        Quotes of the whole corpus, speakers linked (`link_entities`).
    threshold : float, optional (default=0.7)
        Jaccard similarity of word 3-shingles above which two quotes of one
        speaker in two articles are one statement.
    seed : int, optional (default=0)
        Seed of the MinHash permutations.

    Returns
    -------
    list of Quote
        The quotes in the same order. ``reprint_id`` is ``r:`` plus a hash of
        the speaker and the quote id of the group's first quote (by date,
        article, offset), so it is stable across runs of one corpus;
        ``occurrences`` is the number of distinct articles carrying the
        statement (1 for most quotes).

    Raises
    ------
    ValueError
        When ``threshold`` is not in (0, 1].

    Notes
    -----
    Candidates come from MinHash LSH (Broder 1997; ``datasketch``) and are then
    checked with the exact Jaccard similarity, so the estimate never merges two
    quotes by itself. Two quotes of one article are never merged: an article
    that repeats a sentence reports it twice. Quotes shorter than five words
    are never merged: a bare "No." from one speaker on two days is two
    statements. Quotes with no known speaker count as one speaker, "unknown":
    wire copy reprinted word for word keeps its missing attribution too.
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], not {threshold}")
    items = list(quotes)
    keys = [_speaker_key(q) for q in items]
    words = [_WORD.findall(normalise_quote_text(q.text)) for q in items]
    parent = list(range(len(items)))
    for a, b in _candidate_pairs(items, keys, words, threshold=threshold, seed=seed):
        _union(parent, a, b)
    groups: dict[int, list[int]] = {}
    for index in range(len(items)):
        groups.setdefault(_find(parent, index), []).append(index)
    result = list(items)
    for members in groups.values():
        first = min(members, key=lambda i: _order(items[i]))
        digest = hashlib.sha1(f"{keys[first]}\0{items[first].quote_id}".encode("utf-8"))
        reprint_id = f"r:{digest.hexdigest()[:12]}"
        count = len({items[i].doc_id for i in members})
        for i in members:
            result[i] = replace(items[i], reprint_id=reprint_id, occurrences=count)
    return result


def normalise_quote_text(text: str) -> str:
    """Case-folded, accent- and punctuation-insensitive words of a quote.

    >>> normalise_quote_text('"We won’t MOVE," she said —')
    'we won t move she said'
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORD.findall(folded))


def _candidate_pairs(
    items: Sequence[Quote],
    keys: Sequence[str],
    words: Sequence[list[str]],
    *,
    threshold: float,
    seed: int,
) -> Iterable[tuple[int, int]]:
    """Pairs of one speaker in two articles: equal texts, or LSH candidates above ``threshold``."""
    exact: dict[tuple[str, str], list[int]] = {}
    for index, tokens in enumerate(words):
        if len(tokens) >= _MIN_WORDS:
            exact.setdefault((keys[index], " ".join(tokens)), []).append(index)
    for members in exact.values():
        for other in members[1:]:
            if items[other].doc_id != items[members[0]].doc_id:
                yield members[0], other
    # One representative per exact text; near duplicates only among those, within a speaker:
    # pairwise for a speaker with few quotes, MinHash LSH for a prolific one.
    by_speaker: dict[str, list[int]] = {}
    for members in exact.values():
        by_speaker.setdefault(keys[members[0]], []).append(members[0])
    shingles = {i: _shingles(words[i]) for group in by_speaker.values() if len(group) > 1 for i in group}
    prolific = [i for group in by_speaker.values() if len(group) > _PAIRWISE for i in group]
    pairs = chain(
        (pair for group in by_speaker.values() if 1 < len(group) <= _PAIRWISE
         for pair in combinations(group, 2)),
        _lsh_pairs(prolific, keys, shingles, threshold=threshold, seed=seed),
    )  # fmt: skip
    for a, b in pairs:
        if items[a].doc_id != items[b].doc_id and _jaccard(shingles[a], shingles[b]) >= threshold:
            yield a, b


def _lsh_pairs(
    indices: list[int],
    keys: Sequence[str],
    shingles: dict[int, set[str]],
    *,
    threshold: float,
    seed: int,
) -> Iterable[tuple[int, int]]:
    if not indices:
        return
    from datasketch import MinHash, MinHashLSH  # only needed for prolific speakers

    lsh = MinHashLSH(threshold=threshold, num_perm=_NUM_PERM)
    signatures = MinHash.bulk(
        ([s.encode("utf-8") for s in shingles[i]] for i in indices),
        num_perm=_NUM_PERM,
        seed=seed,
        hashfunc=zlib.crc32,
    )
    for index, signature in zip(indices, signatures):
        for other in lsh.query(signature):
            if keys[int(other)] == keys[index]:
                yield int(other), index
        lsh.insert(str(index), signature)


def _shingles(tokens: list[str]) -> set[str]:
    if len(tokens) <= _SHINGLE:
        return {" ".join(tokens)}
    return {" ".join(tokens[i : i + _SHINGLE]) for i in range(len(tokens) - _SHINGLE + 1)}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _speaker_key(quote: Quote) -> str:
    speaker = quote.speaker
    if not speaker.is_known:
        return "unknown"
    return speaker.entity_id or f"{speaker.kind.value}:{speaker.name.casefold()}"


def _order(quote: Quote) -> tuple[str, str, int]:
    return (quote.date or "9999", quote.doc_id, quote.start)


def _find(parent: list[int], index: int) -> int:
    while parent[index] != index:
        parent[index] = parent[parent[index]]
        index = parent[index]
    return index


def _union(parent: list[int], a: int, b: int) -> None:
    root_a, root_b = _find(parent, a), _find(parent, b)
    if root_a != root_b:
        parent[max(root_a, root_b)] = min(root_a, root_b)
