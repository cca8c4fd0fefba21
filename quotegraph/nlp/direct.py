"""Direct quotes: text between quote marks, with its cue and speaker mention."""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc

from quotegraph.model import Quote

__all__ = ["extract_direct"]


def extract_direct(doc: Doc, *, lang: str = "en") -> Iterator[Quote]:
    """Yield direct quotes in document order (placeholder until the extraction helper lands)."""
    raise NotImplementedError
