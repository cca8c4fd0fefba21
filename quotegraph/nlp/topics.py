"""What each quote is about: named entities and key noun phrases inside it."""

from __future__ import annotations

from pathlib import Path
from typing import Mapping, Sequence

from spacy.tokens import Doc

from quotegraph.model import Quote

__all__ = ["assign_topics", "load_user_topics"]


def assign_topics(
    doc: Doc, quotes: Sequence[Quote], *, user_topics: Mapping[str, Sequence[str]] | None = None
) -> list[Quote]:
    """Set ``topics`` and ``entities`` on each quote."""
    raise NotImplementedError


def load_user_topics(path: Path | None) -> dict[str, list[str]] | None:
    """Read a YAML or JSON map of topic -> keywords or patterns."""
    raise NotImplementedError
