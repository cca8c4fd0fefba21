"""What one edge weight counts: statements, their pieces and their reprints.

Which ids name one thing is settled before the graph, by the linking stage
(`quotegraph.nlp.node_ids`); the graph only reads those ids.
"""

from __future__ import annotations

from quotegraph.config import COUNT_MODES
from quotegraph.model import Quote

__all__ = ["COUNT_MODES", "statement_keys"]


def statement_keys(quotes: list[Quote]) -> dict[str, str]:
    """Quote id -> one key per statement: its pieces (``statement_id``) and reprints share it."""
    first: dict[tuple[str, str], str] = {}
    for quote in quotes:
        group = (quote.doc_id, quote.statement_id or quote.quote_id)
        key = quote.reprint_id or quote.quote_id
        first[group] = min(first.get(group, key), key)
    return {q.quote_id: first[(q.doc_id, q.statement_id or q.quote_id)] for q in quotes}
