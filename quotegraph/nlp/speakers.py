"""Attribution: tie each quote's mention to a speaker in the article."""

from __future__ import annotations

from typing import Sequence

from spacy.tokens import Doc

from quotegraph.model import Quote

__all__ = ["resolve_speakers"]


def resolve_speakers(doc: Doc, quotes: Sequence[Quote], *, lang: str = "en") -> list[Quote]:
    """Resolve speakers within one article."""
    raise NotImplementedError
