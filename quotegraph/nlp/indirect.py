"""Indirect and mixed quotes: a reporting cue plus its reported clause."""

from __future__ import annotations

from typing import Iterator, Sequence

from spacy.tokens import Doc

from quotegraph.model import Quote

__all__ = ["extract_indirect"]


def extract_indirect(doc: Doc, *, direct: Sequence[Quote], lang: str = "en") -> Iterator[Quote]:
    """Yield every quote of ``doc`` in document order."""
    raise NotImplementedError
