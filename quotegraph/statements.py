"""Statements in pieces: one quote with parts, or one quote per part.

A statement such as ``"A," X said. "B."`` is extracted once, as one `Quote`
whose ``parts`` are its pieces. How it is written is the user's choice
(``--join-quote-runs``): whole, as PolNeAR annotates it, or one quote per piece
sharing a ``statement_id``, as GGT and the seeds do. `join_statements` undoes
the split, so either form can be scored in either convention.
"""

from __future__ import annotations

import re
from dataclasses import replace

from quotegraph.model import Quote, QuoteKind, Speaker, TextSpan

__all__ = ["split_statement", "join_statements", "write_statements"]

#: What ends the reach of an attribution: a sentence end or a paragraph break.
_SENTENCE_END = re.compile(r"[.!?…][\"”’»']*\s|\n")


def write_statements(quotes: list[Quote], *, join: bool) -> list[Quote]:
    """``quotes`` as whole statements (``join``) or one quote per part.

    >>> text = '"We won," she said. "Again."'
    >>> q = Quote("a", "a:0-28", text, 0, 28, QuoteKind.DIRECT, Speaker("she"),
    ...           parts=(TextSpan.of(text, 0, 9), TextSpan.of(text, 20, 28)))
    >>> [len(write_statements([q], join=True)), len(write_statements([q], join=False))]
    [1, 2]
    """
    if join:
        return list(quotes)
    return [piece for quote in quotes for piece in split_statement(quote)]


def split_statement(quote: Quote) -> list[Quote]:
    """One quote per part of ``quote``, sharing its speaker and ``statement_id``.

    A quote in one piece comes back unchanged. Entities and the span follow
    each piece; ``quote_id`` becomes the piece's own ``doc_id:start-end``.
    The cue stays with the pieces it tags: those in the cue's sentence
    (``"A," he said, "B."``), else the one nearest it. A piece the
    attribution does not reach (``"A," she said. "B."``, or the next
    paragraph of a long quote) is a quote of its own with no cue, as GGT
    annotates a quote run; it keeps the statement's speaker and mention.

    >>> text = '"We won," she said. "Again."'
    >>> q = Quote("a", "a:0-28", text, 0, 28, QuoteKind.DIRECT, Speaker("she"),
    ...           parts=(TextSpan.of(text, 0, 9), TextSpan.of(text, 20, 28)))
    >>> [(p.text, p.statement_id) for p in split_statement(q)]
    [('"We won,"', 'a:0-28'), ('"Again."', 'a:0-28')]
    """
    if len(quote.parts) < 2:
        return [replace(quote, parts=())]
    statement_id = quote.statement_id or quote.quote_id
    tagged = _tagged_parts(quote)
    return [
        replace(
            quote,
            quote_id=f"{quote.doc_id}:{part.start}-{part.end}",
            text=part.text,
            start=part.start,
            end=part.end,
            parts=(),
            cue=quote.cue if index in tagged else None,
            statement_id=statement_id,
            entities=tuple(e for e in quote.entities if part.start <= e.start and e.end <= part.end),
        )
        for index, part in enumerate(quote.parts)
    ]


def _tagged_parts(quote: Quote) -> set[int]:
    """Indices of the parts ``quote.cue`` tags: those no sentence end divides from it, else the nearest."""
    cue = quote.cue
    if cue is None:
        return set(range(len(quote.parts)))
    gaps = []
    for part in quote.parts:
        a, b = (part.end, cue.start) if part.end <= cue.start else (cue.end, part.start)
        gaps.append(quote.text[max(a, quote.start) - quote.start : max(b, quote.start) - quote.start])
    undivided = {i for i, gap in enumerate(gaps) if not _SENTENCE_END.search(gap)}
    return undivided or {min(range(len(gaps)), key=lambda i: len(gaps[i]))}


def join_statements(quotes: list[Quote], source: str) -> list[Quote]:
    """Undo `split_statement`: one quote per ``statement_id``, with its pieces as parts.

    ``source`` is the article text the quotes slice. Quotes without a
    ``statement_id`` pass through unchanged; order follows the first piece.
    """
    groups: dict[str, list[Quote]] = {}
    out: list[Quote | str] = []
    for quote in quotes:
        if quote.statement_id is None:
            out.append(quote)
            continue
        if quote.statement_id not in groups:
            groups[quote.statement_id] = []
            out.append(quote.statement_id)
        groups[quote.statement_id].append(quote)
    return [item if isinstance(item, Quote) else _joined(groups[item], source) for item in out]


def _joined(pieces: list[Quote], source: str) -> Quote:
    pieces = sorted(pieces, key=lambda q: q.start)
    first, last = pieces[0], pieces[-1]
    parts = tuple(p for q in pieces for p in q.pieces)
    return replace(
        first,
        cue=next((q.cue for q in pieces if q.cue is not None), None),
        quote_id=first.statement_id or first.quote_id,
        text=source[first.start : last.end],
        end=last.end,
        parts=parts if len(parts) > 1 else (),
        statement_id=None,
        entities=tuple(e for q in pieces for e in q.entities),
    )
